//===- FuseActivation.cpp - Activations into their producer ---------------===//
//
// A rewrite of `canonicalize`. The HCM datapath applies the activation on
// the way out of the accumulator, so an activation whose input is the only
// use of a compute node's result (or of an Add: the residual add + ReLU of
// ResNet blocks) is fused into that node as attributes:
//   hcm.act        the absorbed op type ("Relu", "Clip", "LeakyRelu", ...)
//   hcm.act_min    f64, Clip's lower bound (constant input or legacy attr)
//   hcm.act_max    f64, Clip's upper bound (torch's ReLU6: 0 and 6)
//   hcm.act_alpha  f64, LeakyRelu/Elu/Celu/HardSigmoid/Selu alpha
//   hcm.act_beta   f64, HardSigmoid beta
//   hcm.act_gamma  f64, Selu gamma
// (ONNX defaults are written out when the attribute is absent). The
// absorbed node's name is appended to `hcm.fused`. A Clip whose bounds are
// not constant stays, and a node fuses at most one activation.
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"
#include "hcm/IR/OpInfo.h"

#include "hcm/Analysis/Layer.h"

#include <fmt/format.h>

#include <string>

using namespace hcm;

namespace {

/// A float parameter of an activation and its ONNX default.
struct ActParam {
  const char *Attr;
  double Default;
};

struct ActInfo {
  llvm::StringRef Op;
  std::vector<ActParam> Params;
};

/// The parameters each fusable activation (OpInfo.def: Act) records, with
/// their ONNX defaults; activations without parameters are not listed.
const ActInfo *lookupAct(const Node &N) {
  static const ActInfo NoParams{"", {}};
  static const std::vector<ActInfo> Params = {
      {"LeakyRelu", {{"alpha", 0.01}}},
      {"Elu", {{"alpha", 1.0}}},
      {"Celu", {{"alpha", 1.0}}},
      {"ThresholdedRelu", {{"alpha", 1.0}}},
      {"HardSigmoid", {{"alpha", 0.2}, {"beta", 0.5}}},
      {"Selu",
       {{"alpha", 1.67326319217681884765625},
        {"gamma", 1.05070102214813232421875}}},
  };
  const OpInfo *I = lookupOp(N);
  if (!isDefaultDomain(N.getDomain()) || !I || !I->has(opflag::Act))
    return nullptr;
  llvm::StringRef Op = N.getOpType(); // compared by length first
  for (const ActInfo &A : Params)
    if (Op == A.Op)
      return &A;
  return &NoParams;
}

/// \p F as the double its shortest decimal spelling denotes (0.2f -> 0.2,
/// not 0.20000000298023224), so attributes print as written in the model.
double widen(float F) { return std::stod(fmt::format("{}", F)); }

/// A float attribute of \p N, or \p Default.
double floatAttr(const Node &N, llvm::StringRef Key, double Default) {
  const Attribute *A = N.getAttr(Key);
  if (!A)
    return Default;
  if (A->getKind() == Attribute::Kind::Float)
    return widen(A->getFloat());
  if (A->getKind() == Attribute::Kind::Double)
    return A->getDouble();
  return Default;
}

/// One Clip bound: the constant scalar operand \p I, or the legacy
/// attribute \p Key (opset < 11). False when the operand is not constant.
bool clipBound(const Node &Clip, size_t I, llvm::StringRef Key,
               std::optional<double> &Out) {
  if (const Value *V = Clip.getOperand(I)) {
    auto D = constDoubles(V);
    if (!D || D->size() != 1)
      return false;
    bool F32 = V->getType().getElementType() == ElementType::f32();
    Out = F32 ? widen(float(D->front())) : D->front();
    return true;
  }
  if (Clip.hasAttr(Key))
    Out = floatAttr(Clip, Key, 0.0);
  return true;
}

/// The hcm.act* attributes \p Act would give its producer; false when it
/// cannot fuse (non-constant Clip bounds).
bool actAttrs(const Node &Act, const ActInfo &Info, AttrDict &Out) {
  Out["hcm.act"] = Attribute(Act.getOpType());
  if (Act.is("Clip")) {
    std::optional<double> Min, Max;
    if (!clipBound(Act, 1, "min", Min) || !clipBound(Act, 2, "max", Max))
      return false;
    if (Min)
      Out["hcm.act_min"] = Attribute(*Min);
    if (Max)
      Out["hcm.act_max"] = Attribute(*Max);
  }
  for (const ActParam &P : Info.Params)
    Out[std::string("hcm.act_") + P.Attr] =
        Attribute(floatAttr(Act, P.Attr, P.Default));
  return true;
}

/// Producers that take an activation: compute nodes, and Add.
bool canTakeActivation(const Node &P) {
  if (P.hasAttr("hcm.act"))
    return false;
  return isComputeNode(P) || P.is("Add");
}

} // namespace

unsigned hcm::fuseActivations(CanonContext &, Graph &G) {
  std::vector<Node *> Work;
  for (const auto &N : G.getNodes())
    if (lookupAct(*N) && N->getNumResults() == 1 && N->getResult(0))
      Work.push_back(N.get());
  unsigned Count = 0;
  for (Node *Act : Work) {
    Node *P = soleUseProducer(G, Act->getOperand(0));
    if (!P || !canTakeActivation(*P))
      continue;
    AttrDict Attrs;
    if (!actAttrs(*Act, *lookupAct(*Act), Attrs))
      continue;
    for (auto &KV : Attrs)
      P->setAttr(KV.first, KV.second);
    absorbInto(G, *P, *Act);
    ++Count;
  }
  return Count;
}
