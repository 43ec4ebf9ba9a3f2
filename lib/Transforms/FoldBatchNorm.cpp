//===- FoldBatchNorm.cpp - BatchNormalization into Conv/Gemm --------------===//
//
// A rewrite of `canonicalize`. In inference BatchNormalization is a per
// channel affine map, so it folds into the Conv or Gemm producing its input:
//   s  = gamma / sqrt(var + eps)
//   W' = W * s            (per output channel: Conv dim 0, Gemm row/column)
//   b' = (b - mean) * s + beta      (b = 0 when the producer had no bias)
// Shapes do not change; a bias operand is added when there was none. The
// folded weight and bias are new initializers (the old ones may have other
// users). When some data is absent (elided, or an external file missing)
// the fold is structural: the new tensors have the right types and no data,
// and one warning says so. The producer records the BN in `hcm.fused`.
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"

#include <cmath>
#include <cstring>

using namespace hcm;

namespace {

/// A BatchNormalization and the Conv/Gemm it folds into.
struct BNFold {
  Node *BN = nullptr;
  Node *Prod = nullptr;
  Value *W = nullptr;
  Value *Bias = nullptr;
  int64_t C = 0;           ///< channels
  bool ChannelRows = true; ///< channel = weight dim 0 (else dim 1, Gemm)
};

bool isFloatTensor(const Value *V) {
  return V && V->getType().isTensor() &&
         V->getType().getElementType().isFloat();
}

/// Checks that \p BN can fold into its producer; fills \p F.
bool match(const Graph &G, Node &BN, BNFold &F) {
  if (BN.getNumOperands() != 5)
    return false;
  for (size_t I = 1; I < BN.getNumResults(); ++I)
    if (BN.getResult(I) && G.countUses(BN.getResult(I)))
      return false;
  for (const Value *V : BN.getOperands())
    if (!V)
      return false;
  Node *P = soleUseProducer(G, BN.getOperand(0));
  if (!P || !(P->is("Conv") || P->is("Gemm")) || P->hasAttr("hcm.act"))
    return false;
  if (P->is("Gemm") && P->getIntAttr("transA", 0))
    return false;
  F = BNFold{&BN, P, P->getOperand(1), P->getOperand(2), 0, true};
  if (P->is("Gemm")) {
    const Attribute *Alpha = P->getAttr("alpha"), *Beta = P->getAttr("beta");
    for (const Attribute *A : {Alpha, Beta})
      if (A && A->getKind() == Attribute::Kind::Float && A->getFloat() != 1.0f)
        return false;
    F.ChannelRows = P->getIntAttr("transB", 0) != 0;
  }
  if (!isFloatTensor(F.W) || !F.W->getType().hasRank() ||
      F.W->getType().getRank() < 2)
    return false;
  const Dim &CD = F.W->getType().getShape()[F.ChannelRows ? 0 : 1];
  if (!CD.isKnown())
    return false;
  F.C = CD.getValue();
  if (F.Bias && !(F.Bias->getType().hasStaticShape() &&
                  F.Bias->getType().getNumElements() == F.C))
    return false;
  return true;
}

/// Little-endian bytes of \p Vals in \p Elem (f32 or f64).
std::string encodeFloats(const std::vector<double> &Vals, ElementType Elem) {
  std::string Bytes;
  for (double D : Vals) {
    if (Elem.getWidth() == 64) {
      Bytes.append(reinterpret_cast<const char *>(&D), 8);
    } else {
      float F = float(D);
      Bytes.append(reinterpret_cast<const char *>(&F), 4);
    }
  }
  return Bytes;
}

/// Computes the folded weight and bias; nullopt when some data is missing.
std::optional<std::pair<Tensor, Tensor>> foldNumbers(const BNFold &F,
                                                     const Type &BiasTy) {
  ElementType Elem = F.W->getType().getElementType();
  if (Elem != ElementType::f32() && Elem != ElementType::f64())
    return std::nullopt;
  std::vector<std::optional<std::vector<double>>> P;
  for (size_t I = 1; I < 5; ++I)
    P.push_back(constDoubles(F.BN->getOperand(I)));
  auto W = constDoubles(F.W);
  auto B =
      F.Bias
          ? constDoubles(F.Bias)
          : std::optional<std::vector<double>>(std::vector<double>(F.C, 0.0));
  if (!W || !B || B->size() != size_t(F.C))
    return std::nullopt;
  for (const auto &V : P)
    if (!V || V->size() != size_t(F.C))
      return std::nullopt;
  const auto &Gamma = *P[0], &Beta = *P[1], &Mean = *P[2], &Var = *P[3];
  const Attribute *EpsA = F.BN->getAttr("epsilon");
  double Eps = EpsA && EpsA->getKind() == Attribute::Kind::Float
                   ? EpsA->getFloat()
                   : 1e-5;
  size_t Inner = W->size() / F.C; // elements per row (ChannelRows)
  for (int64_t C = 0; C < F.C; ++C) {
    double S = Gamma[C] / std::sqrt(Var[C] + Eps);
    (*B)[C] = ((*B)[C] - Mean[C]) * S + Beta[C];
    for (size_t I = 0; I < Inner; ++I)
      (*W)[F.ChannelRows ? C * Inner + I : I * F.C + C] *= S;
  }
  return std::make_pair(
      Tensor::inlineBytes(F.W->getType(), encodeFloats(*W, Elem)),
      Tensor::inlineBytes(BiasTy, encodeFloats(*B, Elem)));
}

void fold(CanonContext &C, Graph &G, const BNFold &F) {
  ElementType Elem = F.W->getType().getElementType();
  Type BiasTy =
      F.Bias ? F.Bias->getType() : Type::tensor(Elem, Shape{Dim::known(F.C)});
  auto Folded = foldNumbers(F, BiasTy);
  if (!Folded) {
    if (!C.WarnedNoData)
      C.Ctx.warn(nodeWhere(C.M, *F.BN) +
                 ": warning: BatchNormalization folded without data (weights "
                 "or BN parameters not available): folded tensors are elided");
    C.WarnedNoData = true;
    Folded =
        std::make_pair(Tensor::elided(F.W->getType()), Tensor::elided(BiasTy));
  }
  std::string Base =
      F.Prod->getName().empty() ? F.W->getName() : F.Prod->getName();
  Value *NewW =
      G.addInitializer(G.makeUniqueName(Base + ".weight"), Folded->first);
  Value *NewB =
      G.addInitializer(G.makeUniqueName(Base + ".bias"), Folded->second);
  F.Prod->setOperand(1, NewW);
  if (F.Prod->getNumOperands() < 3)
    F.Prod->addOperand(NewB);
  else
    F.Prod->setOperand(2, NewB);
  absorbInto(G, *F.Prod, *F.BN);
}

} // namespace

unsigned hcm::foldBatchNorms(CanonContext &C, Graph &G) {
  std::vector<Node *> Work;
  for (const auto &N : G.getNodes())
    if (N->is("BatchNormalization"))
      Work.push_back(N.get());
  unsigned Count = 0;
  for (Node *BN : Work) {
    BNFold F;
    if (!match(G, *BN, F))
      continue;
    fold(C, G, F);
    ++Count;
  }
  return Count;
}
