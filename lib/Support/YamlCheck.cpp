//===- YamlCheck.cpp - Refusing YAML that LLVM's reader cannot take -------===//
//
// Two steps. A byte scan (no recursion) refuses binary files and measures
// the flow nesting ([ and { outside quoted scalars and comments), so the
// recursive reader never sees more than MaxDepth levels of flow. Then the
// document is walked with yaml::Stream, depth-limited, for block nesting,
// syntax errors and duplicate keys. Block nesting needs one more indentation
// column per level, so the size limit also bounds what the stream parser
// holds before the walk refuses it.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/YamlCheck.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

using namespace hcm;

namespace {

class Checker {
public:
  explicit Checker(llvm::MemoryBufferRef Buffer) : Buffer(Buffer) {}

  llvm::Error run(bool RequireMapping);

private:
  llvm::Error scanBytes(bool &Blank);
  llvm::Error walk(llvm::yaml::Node *N, unsigned Depth);
  llvm::Error errorAt(size_t Offset, const llvm::Twine &Msg) const;
  llvm::Error nodeError(const llvm::yaml::Node *N,
                        const llvm::Twine &Msg) const {
    return errorAt(size_t(N->getSourceRange().Start.getPointer() -
                          Buffer.getBufferStart()),
                   Msg);
  }

  llvm::MemoryBufferRef Buffer;
  std::string SyntaxError;
};

llvm::Error Checker::errorAt(size_t Offset, const llvm::Twine &Msg) const {
  llvm::StringRef S = Buffer.getBuffer().take_front(Offset);
  size_t Line = S.count('\n') + 1;
  size_t LineStart = S.rfind('\n');
  size_t Col =
      LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 llvm::formatv("{0}:{1}:{2}: error: {3}",
                                               Buffer.getBufferIdentifier(),
                                               Line, Col, Msg.str())
                                     .str());
}

/// True when a quote at \p I opens a quoted scalar: it is the first non-blank
/// character of its line or follows an indicator ([ { , : - ?).
bool opensQuote(llvm::StringRef S, size_t I) {
  while (I > 0 && (S[I - 1] == ' ' || S[I - 1] == '\t'))
    --I;
  return I == 0 || llvm::StringRef("\n[{,:-?").contains(S[I - 1]);
}

llvm::Error Checker::scanBytes(bool &Blank) {
  llvm::StringRef S = Buffer.getBuffer();
  if (S.size() > YamlLimits::MaxBytes)
    return errorAt(0, llvm::formatv("the file has {0} bytes; a YAML file hcm "
                                    "reads has at most {1}",
                                    S.size(), YamlLimits::MaxBytes));
  Blank = true;
  unsigned Depth = 0;
  char Quote = 0, Prev = 0; // Prev: the last significant byte
  bool Comment = false;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = S[I];
    if ((C < 0x20 && C != '\t' && C != '\n' && C != '\r') || C == 0x7f)
      return errorAt(I, llvm::formatv("byte 0x{0:x-2} is not text; not a "
                                      "YAML file",
                                      unsigned(C)));
    if (C == '\n') {
      Comment = false;
      continue;
    }
    if (Comment)
      continue;
    if (Quote) {
      if (Quote == '"' && C == '\\')
        ++I;
      else if (C == Quote && Quote == '\'' && I + 1 < S.size() &&
               S[I + 1] == '\'')
        ++I;
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\r')
      continue;
    if (C == '#' &&
        (I == 0 || S[I - 1] == ' ' || S[I - 1] == '\t' || S[I - 1] == '\n')) {
      Comment = true;
      continue;
    }
    Blank = false;
    // LLVM's YAML parser recurses once per empty flow entry (`[a,,,,b]`):
    // 25,000 commas overflowed the stack (found by the target-YAML fuzzer).
    if (C == ',' && Depth > 0 && (Prev == ',' || Prev == '[' || Prev == '{'))
      return errorAt(I, "empty entry in a flow collection");
    Prev = char(C);
    if ((C == '"' || C == '\'') && opensQuote(S, I))
      Quote = char(C);
    else if (C == '[' || C == '{') {
      if (++Depth > YamlLimits::MaxDepth)
        return errorAt(I, llvm::formatv("nested more than {0} levels deep",
                                        YamlLimits::MaxDepth));
    } else if ((C == ']' || C == '}') && Depth > 0)
      --Depth;
  }
  return llvm::Error::success();
}

llvm::Error Checker::walk(llvm::yaml::Node *N, unsigned Depth) {
  if (!N)
    return llvm::Error::success();
  if (Depth > YamlLimits::MaxDepth)
    return nodeError(N, llvm::formatv("nested more than {0} levels deep",
                                      YamlLimits::MaxDepth));
  if (auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(N)) {
    llvm::StringSet<> Keys;
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      llvm::yaml::Node *Key = KV.getKey();
      if (!SyntaxError.empty())
        break;
      if (auto *K = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(Key)) {
        llvm::SmallString<32> Storage;
        llvm::StringRef Name = K->getValue(Storage);
        if (!Keys.insert(Name).second)
          return nodeError(K, "duplicate key '" + Name + "'");
      } else if (llvm::Error E = walk(Key, Depth + 1)) {
        return E;
      }
      if (llvm::Error E = walk(KV.getValue(), Depth + 1))
        return E;
    }
  } else if (auto *Seq = llvm::dyn_cast<llvm::yaml::SequenceNode>(N)) {
    for (llvm::yaml::Node &Item : *Seq) {
      if (!SyntaxError.empty())
        break;
      if (llvm::Error E = walk(&Item, Depth + 1))
        return E;
    }
  }
  return llvm::Error::success();
}

llvm::Error Checker::run(bool RequireMapping) {
  bool Blank = true;
  if (llvm::Error E = scanBytes(Blank))
    return E;
  if (Blank) {
    if (!RequireMapping)
      return llvm::Error::success();
    return errorAt(0, "the file is empty; expected a YAML mapping");
  }
  llvm::SourceMgr SM;
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Ctx) {
        auto *Self = static_cast<Checker *>(Ctx);
        if (Self->SyntaxError.empty())
          Self->SyntaxError =
              llvm::formatv("{0}:{1}:{2}: error: {3}",
                            Self->Buffer.getBufferIdentifier(), D.getLineNo(),
                            D.getColumnNo() + 1, D.getMessage())
                  .str();
      },
      this);
  llvm::yaml::Stream Stream(Buffer, SM);
  unsigned Docs = 0;
  for (llvm::yaml::Document &Doc : Stream) {
    llvm::yaml::Node *Root = Doc.getRoot();
    if (RequireMapping && ++Docs > 1 && SyntaxError.empty())
      return Root
                 ? nodeError(Root, "a second YAML document; the file holds one")
                 : errorAt(0, "more than one YAML document");
    if (llvm::Error E = walk(Root, 0))
      return E;
    if (!SyntaxError.empty())
      break;
    if (RequireMapping && !llvm::isa_and_nonnull<llvm::yaml::MappingNode>(Root))
      return Root
                 ? nodeError(Root, "expected a YAML mapping (key: value lines)")
                 : errorAt(0, "expected a YAML mapping (key: value lines)");
    Doc.skip();
  }
  if (!SyntaxError.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), SyntaxError);
  return llvm::Error::success();
}

} // namespace

llvm::Error hcm::checkYamlText(llvm::MemoryBufferRef Buffer,
                               bool RequireMapping) {
  return Checker(Buffer).run(RequireMapping);
}
