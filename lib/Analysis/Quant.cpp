//===- Quant.cpp - Bitwidths of a compute layer ---------------------------===//
//
// Reading, writing and checking the `hcm.quant` attribute; the accumulator
// width rule of METRICS.md section 2.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Quant.h"

#include "hcm/IR/Diag.h"

#include "llvm/ADT/Twine.h"

#include <utility>
#include <vector>

using namespace hcm;

int64_t hcm::accumulatorWidth(ElementType A, ElementType W, int64_t FanIn) {
  if (A.isFloat() || W.isFloat()) {
    unsigned Widest = 0;
    for (ElementType E : {A, W})
      if (E.isFloat())
        Widest = std::max(Widest, E.getWidth());
    return Widest;
  }
  // ceil(log2(FanIn)) without floating point: bits needed for FanIn - 1.
  int64_t Log = 0;
  while (Log < 63 && (int64_t(1) << Log) < FanIn)
    ++Log;
  return int64_t(A.getWidth()) + W.getWidth() + Log;
}

std::optional<std::string> hcm::checkQuantFormat(ElementType E) {
  if (E.isFloat())
    return std::nullopt;
  if (!E.isInteger())
    return "element type " + E.str() + " is not a number format";
  if (E.getWidth() == 0 || E.getWidth() > MaxQuantBits)
    return "bitwidth " + std::to_string(E.getWidth()) +
           " is out of range (integers take 1 to 32 bits)";
  return std::nullopt;
}

llvm::Expected<ElementType> hcm::parseBitwidth(llvm::StringRef Text,
                                               bool DefaultSigned) {
  Text = Text.trim();
  uint64_t Bits = 0;
  std::optional<ElementType> E;
  if (!Text.getAsInteger(10, Bits)) {
    if (Bits == 0 || Bits > MaxQuantBits)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "bitwidth " + Text + " is out of range (integers take 1 to 32 bits)");
    E = ElementType::integer(unsigned(Bits), DefaultSigned);
  } else {
    E = ElementType::parse(Text);
  }
  if (!E || !(E->isInteger() || E->isFloat()))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'" + Text + "' is not a bitwidth (use 4, i4, u8, f16, bf16 or f32)");
  if (std::optional<std::string> Bad = checkQuantFormat(*E))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), *Bad);
  return *E;
}

namespace {

/// The element type held by \p Dict[Key] (a `type<...>` attribute).
std::optional<ElementType> formatEntry(const AttrDict &Dict,
                                       llvm::StringRef Key) {
  auto It = Dict.find(Key);
  if (It == Dict.end() || It->second.getKind() != Attribute::Kind::Type ||
      !It->second.getType().isTensor())
    return std::nullopt;
  return It->second.getType().getElementType();
}

/// `type<E>`. A model has a handful of formats and every layer names three:
/// each thread keeps one attribute per format and hands out copies, which
/// share its (immutable) type.
Attribute formatAttr(ElementType E) {
  thread_local std::vector<std::pair<ElementType, Attribute>> Made;
  for (const auto &KV : Made)
    if (KV.first == E)
      return KV.second;
  Made.emplace_back(E, Attribute(Type::tensor(E)));
  return Made.back().second;
}

} // namespace

llvm::Expected<std::optional<LayerQuant>> hcm::readLayerQuant(const Module &M,
                                                              const Node &N) {
  const Attribute *A = N.getAttr(QuantAttrKey);
  if (!A)
    return std::nullopt;
  if (A->getKind() != Attribute::Kind::Dict)
    return nodeError(M, N, "hcm.quant must be a dictionary");
  const AttrDict &D = A->getDict();
  LayerQuant Q;
  const std::pair<const char *, ElementType *> Roles[] = {
      {"a", &Q.A}, {"w", &Q.W}, {"out", &Q.Out}};
  for (const auto &R : Roles) {
    std::optional<ElementType> E = formatEntry(D, R.first);
    if (!E)
      return nodeError(
          M, N, llvm::Twine("hcm.quant needs a type entry '") + R.first + "'");
    if (std::optional<std::string> Bad = checkQuantFormat(*E))
      return nodeError(M, N,
                       llvm::Twine("hcm.quant '") + R.first + "': " + *Bad);
    *R.second = *E;
  }
  Q.Bias = formatEntry(D, "b");
  auto Acc = D.find("acc");
  if (Acc == D.end() || Acc->second.getKind() != Attribute::Kind::Int ||
      Acc->second.getInt() <= 0)
    return nodeError(M, N, "hcm.quant needs a positive integer 'acc'");
  Q.Acc = Acc->second.getInt();
  auto Src = D.find("src");
  if (Src != D.end() && Src->second.getKind() == Attribute::Kind::Dict)
    for (const auto &KV : Src->second.getDict())
      if (KV.second.getKind() == Attribute::Kind::String)
        Q.Src.set(KV.first, KV.second.getString());
  return Q;
}

void hcm::writeLayerQuant(Node &N, const LayerQuant &Q) {
  // Keys in their sorted order, each placed at the end without a search.
  AttrDict D;
  D.emplace_hint(D.end(), "a", formatAttr(Q.A));
  D.emplace_hint(D.end(), "acc", Attribute(int64_t(Q.Acc)));
  if (Q.Bias)
    D.emplace_hint(D.end(), "b", formatAttr(*Q.Bias));
  D.emplace_hint(D.end(), "out", formatAttr(Q.Out));
  AttrDict Src;
  for (size_t I = 0; I < 4; ++I) // the roles are sorted
    if (!Q.Src.Of[I].empty())
      Src.emplace_hint(Src.end(), RoleSources::Roles[I],
                       Attribute(Q.Src.Of[I]));
  if (!Src.empty())
    D.emplace_hint(D.end(), "src", Attribute(std::move(Src)));
  D.emplace_hint(D.end(), "w", formatAttr(Q.W));
  N.setAttr(QuantAttrKey, Attribute(std::move(D)));
}
