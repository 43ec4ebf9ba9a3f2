//===- OpTable.cpp - Per-op import handlers, dispatched by opset ----------===//
//
// One table maps (domain, op type, since-version) to a handler that makes an
// imported node uniform for the passes: defaults written out (strides,
// dilations, pads, kernel_shape, Gemm's alpha/beta/trans), auto_pad resolved
// to explicit pads when the spatial dims are known, legacy attributes of old
// opsets dropped. The opset of the node's domain is resolved once, at
// dispatch. Ops that ONNX's schema registry does not know (custom domains
// included) stay opaque, with one warning per op type.
//
//===----------------------------------------------------------------------===//
#include "OnnxReader.h"
#include "hcm/IR/Graph.h"

#include "onnx/defs/schema.h"

#include <algorithm>

using namespace hcm;

namespace {

struct OpContext {
  ReaderContext &Reader;
  int64_t Opset;
};

using Handler = llvm::Error (*)(Node &, const OpContext &);

struct OpEntry {
  const char *Domain;
  const char *OpType;
  int SinceVersion;
  Handler Fn;
};

/// Spatial rank of a node's first operand (rank - 2), or -1 if unknown.
int64_t spatialRank(const Node &N, size_t Operand = 0) {
  const Value *V = N.getOperand(Operand);
  if (!V || !V->getType().isTensor() || !V->getType().hasRank())
    return -1;
  return int64_t(V->getType().getRank()) - 2;
}

void setDefault(Node &N, llvm::StringRef Key, int64_t Rank, int64_t Value) {
  if (!N.hasAttr(Key) && Rank >= 0)
    N.setAttr(Key, Attribute(std::vector<int64_t>(size_t(Rank), Value)));
}

/// Explicit pads for auto_pad SAME_UPPER / SAME_LOWER / VALID when the
/// input's spatial dims are known (ONNX operator definitions).
void resolveAutoPad(Node &N, int64_t Rank) {
  std::string Mode = N.getStringAttr("auto_pad", "NOTSET");
  if (Mode == "NOTSET" || Rank < 0)
    return;
  if (Mode == "VALID") {
    N.setAttr("pads", Attribute(std::vector<int64_t>(size_t(2 * Rank), 0)));
    return;
  }
  const Shape &In = N.getOperand(0)->getType().getShape();
  auto K = N.getIntsAttr("kernel_shape"), S = N.getIntsAttr("strides"),
       D = N.getIntsAttr("dilations");
  if (!K || !S || int64_t(K->size()) != Rank || int64_t(S->size()) != Rank)
    return;
  std::vector<int64_t> Pads(size_t(2 * Rank), 0);
  for (int64_t I = 0; I < Rank; ++I) {
    const Dim &X = In[I + 2];
    if (!X.isKnown() || (*S)[I] <= 0)
      return;
    int64_t Dil = D && int64_t(D->size()) == Rank ? (*D)[I] : 1;
    int64_t Out = (X.getValue() + (*S)[I] - 1) / (*S)[I];
    int64_t Total = std::max<int64_t>(
        0, (Out - 1) * (*S)[I] + ((*K)[I] - 1) * Dil + 1 - X.getValue());
    int64_t Small = Total / 2, Big = Total - Small;
    Pads[I] = Mode == "SAME_UPPER" ? Small : Big;
    Pads[I + Rank] = Mode == "SAME_UPPER" ? Big : Small;
  }
  N.setAttr("pads", Attribute(std::move(Pads)));
}

llvm::Error handleConv(Node &N, const OpContext &) {
  int64_t Rank = spatialRank(N);
  const Value *W = N.getOperand(1);
  if (!N.hasAttr("kernel_shape") && W && W->getType().hasRank() &&
      W->getType().hasStaticShape() && W->getType().getRank() >= 3) {
    const Shape &S = W->getType().getShape();
    std::vector<int64_t> K;
    for (size_t I = 2; I < S.size(); ++I)
      K.push_back(S[I].getValue());
    N.setAttr("kernel_shape", Attribute(std::move(K)));
  }
  if (!N.hasAttr("group"))
    N.setAttr("group", Attribute(int64_t(1)));
  setDefault(N, "strides", Rank, 1);
  setDefault(N, "dilations", Rank, 1);
  if (N.getOpType() == "Conv")
    resolveAutoPad(N, Rank);
  setDefault(N, "pads", 2 * Rank, 0);
  return llvm::Error::success();
}

llvm::Error handlePool(Node &N, const OpContext &) {
  int64_t Rank = spatialRank(N);
  setDefault(N, "strides", Rank, 1);
  resolveAutoPad(N, Rank);
  setDefault(N, "pads", 2 * Rank, 0);
  return llvm::Error::success();
}

llvm::Error handleGemm(Node &N, const OpContext &) {
  for (const char *Key : {"alpha", "beta"})
    if (!N.hasAttr(Key))
      N.setAttr(Key, Attribute(1.0f));
  for (const char *Key : {"transA", "transB"})
    if (!N.hasAttr(Key))
      N.setAttr(Key, Attribute(int64_t(0)));
  return llvm::Error::success();
}

llvm::Error handleBatchNorm(Node &N, const OpContext &) {
  for (const char *Legacy : {"spatial", "is_test", "consumed_inputs"})
    N.removeAttr(Legacy);
  if (!N.hasAttr("epsilon"))
    N.setAttr("epsilon", Attribute(1e-5f));
  if (!N.hasAttr("momentum"))
    N.setAttr("momentum", Attribute(0.9f));
  return llvm::Error::success();
}

llvm::Error handleDropout(Node &N, const OpContext &) {
  N.removeAttr("is_test");
  return llvm::Error::success();
}

/// Opset < 6 ops carried `consumed_inputs`, an optimisation hint.
llvm::Error handleLegacyElementwise(Node &N, const OpContext &) {
  N.removeAttr("consumed_inputs");
  return llvm::Error::success();
}

llvm::Error handleGeneric(Node &, const OpContext &) {
  return llvm::Error::success();
}

// Entries for one op are listed by increasing SinceVersion.
const OpEntry OpTable[] = {
    {"", "Add", 1, handleLegacyElementwise},
    {"", "Add", 7, handleGeneric},
    {"", "AveragePool", 1, handlePool},
    {"", "BatchNormalization", 1, handleBatchNorm},
    {"", "Conv", 1, handleConv},
    {"", "ConvInteger", 10, handleConv},
    {"", "ConvTranspose", 1, handleConv},
    {"", "Dropout", 1, handleDropout},
    {"", "Dropout", 7, handleGeneric},
    {"", "Gemm", 1, handleGemm},
    {"", "LpPool", 1, handlePool},
    {"", "MaxPool", 1, handlePool},
    {"", "Mul", 1, handleLegacyElementwise},
    {"", "Mul", 7, handleGeneric},
    {"", "QLinearConv", 10, handleConv},
    {"", "Relu", 1, handleLegacyElementwise},
    {"", "Relu", 6, handleGeneric},
};

/// The entry for (domain, op) with the greatest version <= \p Opset.
const OpEntry *lookupEntry(llvm::StringRef Domain, llvm::StringRef Op,
                           int64_t Opset) {
  const OpEntry *Best = nullptr;
  for (const OpEntry &E : OpTable)
    if (Domain == E.Domain && Op == E.OpType && E.SinceVersion <= Opset)
      Best = &E;
  return Best;
}

bool isKnownOp(const Node &N, int64_t Opset) {
  const std::string &D = N.getDomain();
  if (!D.empty() && D != "ai.onnx.ml")
    return false;
  return onnx::OpSchemaRegistry::Schema(N.getOpType(), int(Opset), D) !=
         nullptr;
}

} // namespace

llvm::Error hcm::normalizeNode(Node &N, ReaderContext &Ctx) {
  int64_t Opset = Ctx.M.getOpset(N.getDomain());
  if (!isKnownOp(N, Opset)) {
    Ctx.warnOnce("op:" + N.getQualifiedName(),
                 N.describe() +
                     ": unknown operator imported as opaque; analyses will "
                     "not cost it");
    return llvm::Error::success();
  }
  if (const OpEntry *E = lookupEntry(N.getDomain(), N.getOpType(), Opset))
    return E->Fn(N, OpContext{Ctx, Opset});
  return llvm::Error::success();
}
