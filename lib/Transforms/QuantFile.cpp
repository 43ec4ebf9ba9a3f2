//===- QuantFile.cpp - The per-layer bitwidth file ------------------------===//
//
// Mixed precision is given as a YAML (or JSON, which YAML reads) mapping from
// a node name, a glob (`*`, `?`, `[...]`) or a regex written `re:<regex>`
// (searched, so anchor it with ^...$ to match whole names) to bitwidths:
//
//   "/conv1/Conv": {w: 8, a: 8}       # exact name
//   "/layer1/*":   {w: 4, a: 4}       # glob over node names
//   "re:conv2/Conv$": {w: 2}          # regex
//   "/fc/Gemm": 8                     # a scalar sets w and a
//
// Keys of an entry: `w`, `a`, `out`; values as for the pass options (4, i4,
// u8, f16, ...). When several entries match a node, later entries win, field
// by field. Errors carry `file:line:col`.
//
//===----------------------------------------------------------------------===//
#include "QuantInternal.h"

#include "hcm/IR/Diag.h"
#include "hcm/Support/YamlCheck.h"

#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

using namespace hcm;

bool LayerRule::matches(llvm::StringRef NodeName) const {
  switch (K) {
  case Kind::Exact:
    return NodeName == Pattern;
  case Kind::Glob: {
    auto G = llvm::GlobPattern::create(Pattern);
    return G && G->match(NodeName);
  }
  case Kind::Regex:
    return llvm::Regex(llvm::StringRef(Pattern).drop_front(3)).match(NodeName);
  }
  return false;
}

LayerRule LayerRules::lookup(llvm::StringRef NodeName) {
  LayerRule Merged;
  for (LayerRule &R : Rules) {
    if (!R.matches(NodeName))
      continue;
    R.Matched = true;
    Merged.Matched = true;
    for (auto F : {&LayerRule::W, &LayerRule::A, &LayerRule::Out})
      if (R.*F)
        Merged.*F = R.*F;
  }
  return Merged;
}

namespace {

class RuleParser {
public:
  explicit RuleParser(llvm::MemoryBufferRef Buffer) : Buffer(Buffer) {
    SM.setDiagHandler(
        [](const llvm::SMDiagnostic &D, void *Ctx) {
          auto *Self = static_cast<RuleParser *>(Ctx);
          if (Self->FirstError.empty())
            Self->FirstError =
                Self->where(D.getLoc()) + ": error: " + D.getMessage().str();
        },
        this);
  }

  llvm::Expected<LayerRules> parse() {
    if (llvm::Error E = checkYamlText(Buffer, /*RequireMapping=*/false))
      return E;
    llvm::yaml::Stream Stream(Buffer, SM);
    LayerRules Result;
    llvm::yaml::document_iterator Doc = Stream.begin();
    if (Doc == Stream.end() || !Doc->getRoot())
      return fail();
    llvm::yaml::Node *Root = Doc->getRoot();
    if (llvm::isa<llvm::yaml::NullNode>(Root) && FirstError.empty())
      return Result; // an empty file sets nothing
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(Root);
    if (!Map)
      return error(Root, "expected a mapping from node names to bitwidths");
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      auto Rule = parseEntry(KV);
      if (!Rule)
        return Rule.takeError();
      Result.Rules.push_back(std::move(*Rule));
    }
    if (!FirstError.empty())
      return fail();
    return Result;
  }

private:
  std::string where(llvm::SMLoc Loc) {
    if (!Loc.isValid())
      return Buffer.getBufferIdentifier().str();
    auto LC = SM.getLineAndColumn(Loc);
    return Buffer.getBufferIdentifier().str() + ":" + std::to_string(LC.first) +
           ":" + std::to_string(LC.second);
  }

  llvm::Error fail() {
    std::string Msg = FirstError.empty()
                          ? Buffer.getBufferIdentifier().str() +
                                ": error: not a YAML or JSON mapping"
                          : FirstError;
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
  }

  llvm::Error error(llvm::yaml::Node *N, const llvm::Twine &Msg) {
    if (!FirstError.empty())
      return fail();
    return makeError(where(N ? N->getSourceRange().Start : llvm::SMLoc()), Msg);
  }

  /// A scalar's text, or std::nullopt (after noting the parse error).
  std::optional<std::string> scalar(llvm::yaml::Node *N) {
    auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
    if (!S)
      return std::nullopt;
    llvm::SmallString<64> Storage;
    return S->getValue(Storage).str();
  }

  llvm::Expected<BitsSpec> bits(llvm::yaml::Node *N) {
    std::optional<std::string> Text = scalar(N);
    if (!Text)
      return error(N, "expected a bitwidth (4, i4, u8, f16, ...)");
    auto Spec = parseBitsSpec(*Text);
    if (!Spec)
      return error(N, llvm::toString(Spec.takeError()));
    return *Spec;
  }

  llvm::Expected<LayerRule> parseEntry(llvm::yaml::KeyValueNode &KV) {
    LayerRule R;
    std::optional<std::string> Key = scalar(KV.getKey());
    if (!Key || Key->empty())
      return error(KV.getKey(), "expected a node name, glob or re:regex");
    R.Pattern = *Key;
    R.Where = where(KV.getKey()->getSourceRange().Start);
    if (llvm::StringRef(R.Pattern).startswith("re:")) {
      R.K = LayerRule::Kind::Regex;
      std::string Why;
      if (!llvm::Regex(llvm::StringRef(R.Pattern).drop_front(3)).isValid(Why))
        return error(KV.getKey(), "bad regex: " + Why);
    } else if (R.Pattern.find_first_of("*?[") != std::string::npos) {
      R.K = LayerRule::Kind::Glob;
      if (auto G = llvm::GlobPattern::create(R.Pattern); !G)
        return error(KV.getKey(), "bad glob: " + llvm::toString(G.takeError()));
    }
    llvm::yaml::Node *Val = KV.getValue();
    if (llvm::isa_and_nonnull<llvm::yaml::ScalarNode>(Val)) {
      auto B = bits(Val);
      if (!B)
        return B.takeError();
      R.W = R.A = *B;
      return R;
    }
    auto *Map = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Val);
    if (!Map)
      return error(Val, "expected a bitwidth or a mapping {w: .., a: .., "
                        "out: ..}");
    for (llvm::yaml::KeyValueNode &Field : *Map) {
      std::optional<std::string> Name = scalar(Field.getKey());
      std::optional<BitsSpec> *Slot = !Name            ? nullptr
                                      : *Name == "w"   ? &R.W
                                      : *Name == "a"   ? &R.A
                                      : *Name == "out" ? &R.Out
                                                       : nullptr;
      if (!Slot)
        return error(Field.getKey(), "unknown key '" + Name.value_or("") +
                                         "' (expected w, a or out)");
      auto B = bits(Field.getValue());
      if (!B)
        return B.takeError();
      *Slot = *B;
    }
    return R;
  }

  llvm::MemoryBufferRef Buffer;
  llvm::SourceMgr SM;
  std::string FirstError;
};

} // namespace

llvm::Expected<LayerRules> hcm::parseLayerRules(llvm::MemoryBufferRef Buffer) {
  return RuleParser(Buffer).parse();
}
