//===- OpTable.cpp - Per-op import handlers, dispatched by opset ----------===//
//
// One table maps (domain, op type) to handlers by since-version. Dispatch
// resolves the module's opset for the node's domain once, picks the entry
// with the greatest since-version <= that opset and passes both the opset and
// the op's schema to it; ops with a schema but no entry get the generic
// handler. Handlers make the opset differences the analyses care about
// uniform: defaults written out (only those the op's schema declares at that
// opset), auto_pad resolved into explicit pads when the spatial dims are
// known, legacy attributes of old opsets dropped. Ops without a schema and
// ops of custom domains stay opaque, with one warning per op type -- except
// hcm's own domain `hcm` (version 1, what `--emit=onnx` writes): a
// well-formed hcm::PEConv is hcm IR and imports as it is (docs/ONNX.md).
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/OpInfo.h"
#include "hcm/Import/OnnxExport.h"
#include "hcm/Import/QuantOps.h"

#include "onnx/defs/schema.h"

#include <algorithm>
#include <climits>
#include <map>

using namespace hcm;

namespace {

struct OpContext {
  ReaderContext &Reader;
  int64_t Opset;
  const onnx::OpSchema &Schema;

  bool declares(llvm::StringRef Attr) const {
    return Schema.attributes().count(Attr.str()) != 0;
  }
};

using Handler = llvm::Error (*)(Node &, const OpContext &);

struct OpVersion {
  int64_t SinceVersion;
  Handler Fn;
};

//===--- Helpers ----------------------------------------------------------===//

const Shape *rankedShape(const Value *V) {
  if (!V || !V->getType().isTensor() || !V->getType().hasRank())
    return nullptr;
  return &V->getType().getShape();
}

/// Number of spatial dims: from the data operand's rank, else from
/// kernel_shape; -1 when neither is known.
int64_t spatialRank(const Node &N) {
  if (const Shape *S = rankedShape(N.getOperand(0)); S && S->size() >= 2)
    return int64_t(S->size()) - 2;
  if (auto K = N.getIntsAttr("kernel_shape"))
    return int64_t(K->size());
  return -1;
}

/// Sets \p Key to \p Count copies of \p Value when absent and the schema
/// declares it.
void setDefaultInts(Node &N, const OpContext &C, llvm::StringRef Key,
                    int64_t Count, int64_t Value) {
  if (!N.hasAttr(Key) && Count >= 0 && C.declares(Key))
    N.setAttr(Key, Attribute(std::vector<int64_t>(size_t(Count), Value)));
}

void setDefault(Node &N, const OpContext &C, llvm::StringRef Key,
                Attribute Value) {
  if (!N.hasAttr(Key) && C.declares(Key))
    N.setAttr(Key, std::move(Value));
}

/// Ints attribute \p Key of size \p Rank, or \p Fill repeated.
std::vector<int64_t> intsOr(const Node &N, llvm::StringRef Key, int64_t Rank,
                            int64_t Fill) {
  auto V = N.getIntsAttr(Key);
  if (V && int64_t(V->size()) == Rank)
    return *V;
  return std::vector<int64_t>(size_t(Rank), Fill);
}

/// Splits a total padding per ONNX's auto_pad rule: SAME_UPPER puts the odd
/// element at the end, SAME_LOWER at the start.
void splitPad(std::vector<int64_t> &Pads, int64_t I, int64_t Rank,
              int64_t Total, bool Upper) {
  int64_t Small = Total / 2, Big = Total - Small;
  Pads[I] = Upper ? Small : Big;
  Pads[I + Rank] = Upper ? Big : Small;
}

} // namespace

//===--- Conv and pooling -------------------------------------------------===//

namespace {

/// Total SAME padding of one axis: the output is ceil(X / S), so the input
/// needs (Out - 1) * S + EffK - X more elements. std::nullopt for
/// non-positive values and on overflow (only a malformed model gets there).
std::optional<int64_t> samePadTotal(int64_t X, int64_t K, int64_t S,
                                    int64_t D) {
  if (K <= 0 || S <= 0 || D <= 0)
    return std::nullopt;
  int64_t Out = X / S + (X % S != 0), EffK, Total;
  if (__builtin_mul_overflow(K - 1, D, &EffK) ||
      __builtin_add_overflow(EffK, 1, &EffK) ||
      __builtin_mul_overflow(Out - 1, S, &Total) ||
      __builtin_add_overflow(Total, EffK, &Total))
    return std::nullopt;
  return std::max<int64_t>(0, Total - X);
}

/// Explicit pads for auto_pad SAME_UPPER / SAME_LOWER / VALID when the data
/// operand's spatial dims are known (the rule of ONNX's convPoolShapeInference,
/// so the pads agree with the inferred output shape).
std::optional<std::vector<int64_t>> autoPads(const Node &N, int64_t Rank,
                                             llvm::StringRef Mode) {
  if (Mode == "VALID")
    return std::vector<int64_t>(size_t(2 * Rank), 0);
  const Shape *In = rankedShape(N.getOperand(0));
  auto K = N.getIntsAttr("kernel_shape");
  if ((Mode != "SAME_UPPER" && Mode != "SAME_LOWER") || !In ||
      int64_t(In->size()) != Rank + 2 || !K || int64_t(K->size()) != Rank)
    return std::nullopt;
  std::vector<int64_t> S = intsOr(N, "strides", Rank, 1),
                       D = intsOr(N, "dilations", Rank, 1),
                       Pads(size_t(2 * Rank), 0);
  for (int64_t I = 0; I < Rank; ++I) {
    const Dim &X = (*In)[I + 2];
    std::optional<int64_t> Total =
        X.isKnown() ? samePadTotal(X.getValue(), (*K)[I], S[I], D[I])
                    : std::nullopt;
    if (!Total)
      return std::nullopt;
    splitPad(Pads, I, Rank, *Total, Mode == "SAME_UPPER");
  }
  return Pads;
}

/// pads = 0s when auto_pad is NOTSET; resolved pads for the other modes when
/// \p Resolve (ONNX 1.12 rejects ConvTranspose with both pads and auto_pad,
/// so its auto_pad stays as given).
void setPads(Node &N, const OpContext &C, int64_t Rank, bool Resolve) {
  if (N.hasAttr("pads") || Rank < 0)
    return;
  std::string Mode = N.getStringAttr("auto_pad", "NOTSET");
  if (Mode == "NOTSET") {
    if (!N.hasAttr("output_shape")) // ConvTranspose: pads are implied
      setDefaultInts(N, C, "pads", 2 * Rank, 0);
    return;
  }
  if (Resolve)
    if (auto Pads = autoPads(N, Rank, Mode))
      N.setAttr("pads", Attribute(std::move(*Pads)));
}

/// kernel_shape from the weight's spatial dims, when they are all known.
void setKernelShape(Node &N, size_t WeightIdx) {
  const Shape *W = rankedShape(N.getOperand(WeightIdx));
  if (N.hasAttr("kernel_shape") || !W || W->size() < 3)
    return;
  std::vector<int64_t> K;
  for (size_t I = 2; I < W->size(); ++I) {
    if (!(*W)[I].isKnown())
      return;
    K.push_back((*W)[I].getValue());
  }
  N.setAttr("kernel_shape", Attribute(std::move(K)));
}

/// Input channels must equal weight channels x group (ConvTranspose: the
/// weight's first dim). ONNX 1.12's shape inference does not check this.
llvm::Error checkChannels(const Node &N, const OpContext &C, size_t WeightIdx) {
  int64_t Group = N.getIntAttr("group", 1);
  if (Group <= 0)
    return nodeError(C.Reader.M, N,
                     "group must be positive, got " + llvm::Twine(Group));
  const Shape *X = rankedShape(N.getOperand(0)),
              *W = rankedShape(N.getOperand(WeightIdx));
  if (!X || !W || X->size() < 2 || W->size() < 2)
    return llvm::Error::success();
  bool Transposed = N.is("ConvTranspose");
  const Dim &XC = (*X)[1], &WC = (*W)[Transposed ? 0 : 1];
  int64_t Factor = Transposed ? 1 : Group, Expected = 0;
  bool Overflow = __builtin_mul_overflow(WC.getValue(), Factor, &Expected);
  if (!XC.isKnown() || !WC.isKnown() ||
      (!Overflow && XC.getValue() == Expected))
    return llvm::Error::success();
  return nodeError(C.Reader.M, N,
                   "input channels " + llvm::Twine(XC.getValue()) +
                       " do not match weight channels " +
                       llvm::Twine(WC.getValue()) +
                       (Transposed ? "" : " x group " + std::to_string(Group)));
}

/// Conv, ConvInteger, QLinearConv (weight is operand 3), ConvTranspose.
llvm::Error handleConv(Node &N, const OpContext &C) {
  size_t WeightIdx = N.is("QLinearConv") ? 3 : 1;
  if (llvm::Error E = checkChannels(N, C, WeightIdx))
    return E;
  setKernelShape(N, WeightIdx);
  int64_t Rank = spatialRank(N);
  setDefault(N, C, "group", Attribute(int64_t(1)));
  setDefaultInts(N, C, "strides", Rank, 1);
  setDefaultInts(N, C, "dilations", Rank, 1);
  setPads(N, C, Rank, /*Resolve=*/!N.is("ConvTranspose"));
  return llvm::Error::success();
}

/// MaxPool, AveragePool, LpPool: kernel_shape is required by their schemas.
llvm::Error handlePool(Node &N, const OpContext &C) {
  int64_t Rank = spatialRank(N);
  setDefaultInts(N, C, "strides", Rank, 1);
  setDefaultInts(N, C, "dilations", Rank, 1); // MaxPool >= 10 only
  setPads(N, C, Rank, /*Resolve=*/true);
  return llvm::Error::success();
}

//===--- Other handlers ---------------------------------------------------===//

llvm::Error handleGemm(Node &N, const OpContext &C) {
  setDefault(N, C, "alpha", Attribute(1.0f));
  setDefault(N, C, "beta", Attribute(1.0f));
  setDefault(N, C, "transA", Attribute(int64_t(0)));
  setDefault(N, C, "transB", Attribute(int64_t(0)));
  return llvm::Error::success();
}

/// Attributes of early opsets that were hints to the runtime, not semantics:
/// consumed_inputs (in-place updates, opset < 6), is_test (inference mode,
/// Dropout/BatchNormalization < 7), spatial (BatchNormalization < 9, which
/// hcm treats as per-channel like every exporter since).
llvm::Error dropLegacyAttrs(Node &N, const OpContext &) {
  for (const char *Legacy : {"consumed_inputs", "is_test", "spatial"})
    N.removeAttr(Legacy);
  return llvm::Error::success();
}

llvm::Error handleBatchNorm(Node &N, const OpContext &C) {
  if (llvm::Error E = dropLegacyAttrs(N, C))
    return E;
  setDefault(N, C, "epsilon", Attribute(1e-5f));
  setDefault(N, C, "momentum", Attribute(0.9f));
  return llvm::Error::success();
}

/// Clip before opset 11 takes min/max as attributes; they stay attributes
/// (the analyses read either form), only consumed_inputs goes.
llvm::Error handleOldClip(Node &N, const OpContext &C) {
  return dropLegacyAttrs(N, C);
}

/// Ops with a schema and no special needs.
llvm::Error handleGeneric(Node &, const OpContext &) {
  return llvm::Error::success();
}

} // namespace
//===--- The table --------------------------------------------------------===//

namespace {

using OpKey = std::pair<std::string, std::string>; // (domain, op type)

/// Handlers by since-version, ascending. An entry applies from its version up
/// to the next entry's.
const std::map<OpKey, std::vector<OpVersion>> &opTable() {
  static const std::map<OpKey, std::vector<OpVersion>> Table = {
      {{"", "Add"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "AveragePool"}, {{1, handlePool}}},
      {{"", "BatchNormalization"}, {{1, handleBatchNorm}}},
      {{"", "Clip"}, {{1, handleOldClip}, {11, handleGeneric}}},
      {{"", "Conv"}, {{1, handleConv}}},
      {{"", "ConvInteger"}, {{10, handleConv}}},
      {{"", "ConvTranspose"}, {{1, handleConv}}},
      {{"", "Div"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "Dropout"}, {{1, dropLegacyAttrs}, {7, handleGeneric}}},
      {{"", "Gemm"}, {{1, handleGemm}}},
      {{"", "LeakyRelu"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "LpPool"}, {{1, handlePool}}},
      {{"", "MaxPool"}, {{1, handlePool}}},
      {{"", "Mul"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "PRelu"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "QLinearConv"}, {{10, handleConv}}},
      {{"", "Relu"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "Sigmoid"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "Sub"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "Sum"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
      {{"", "Tanh"}, {{1, dropLegacyAttrs}, {6, handleGeneric}}},
  };
  return Table;
}

/// The handler for \p N at \p Opset: the table entry with the greatest
/// since-version <= Opset, else the generic handler.
Handler lookupHandler(const Node &N, int64_t Opset) {
  auto It = opTable().find({N.getDomain(), N.getOpType()});
  Handler Best = handleGeneric;
  if (It != opTable().end())
    for (const OpVersion &V : It->second)
      if (V.SinceVersion <= Opset)
        Best = V.Fn;
  return Best;
}

bool isStandardDomain(llvm::StringRef D) {
  return D.empty() || D == "ai.onnx" || D == "ai.onnx.ml";
}

/// Ops of hcm's domain (version 1): a hcm::PEConv whose `hcm.pe.orig` names
/// a compute op is hcm's own IR, imported as it is.
llvm::Error checkHcmOp(Node &N, int64_t Opset, ReaderContext &Ctx) {
  if (Opset != 1)
    Ctx.warnOnce("hcm-opset", "domain 'hcm' version " + llvm::Twine(Opset) +
                                  " is not the one this hcm reads (1); its "
                                  "ops are read as version 1");
  if (N.is("PEConv", "hcm") && lookupOp(N))
    return llvm::Error::success();
  Ctx.warnOnce("op:" + N.getQualifiedName(),
               N.describe() +
                   (N.is("PEConv", "hcm")
                        ? ": no hcm.pe = {orig = <compute op>, ...}; imported "
                          "as opaque; analyses will not cost it"
                        : ": unknown operator of domain 'hcm' imported as "
                          "opaque; analyses will not cost it"));
  return llvm::Error::success();
}

} // namespace

llvm::Error hcm::normalizeNode(Node &N, ReaderContext &Ctx) {
  const std::string &Domain = N.getDomain();
  if (Ctx.LocalFunctions.count({Domain, N.getOpType()})) {
    Ctx.warnOnce("function:" + N.getQualifiedName(),
                 N.describe() + ": calls a model-local function; imported as "
                                "opaque (its body is not expanded)");
    return llvm::Error::success();
  }
  int64_t Opset = Ctx.M.getOpset(Domain);
  const onnx::OpSchema *Schema = nullptr;
  if (isStandardDomain(Domain) && Opset > 0) {
    try { // ONNX throws; a lookup that fails means no schema
      Schema = findOnnxSchema(N.getOpType(),
                              int(std::min<int64_t>(Opset, INT_MAX)), Domain);
    } catch (const std::exception &) {
    }
  }
  if (!Schema && isQonnxQuantOp(N))
    return llvm::Error::success(); // known; annotate-quant reads it
  if (Domain == "hcm")
    return checkHcmOp(N, Opset, Ctx);
  if (!Schema) {
    Ctx.warnOnce("op:" + N.getQualifiedName(),
                 N.describe() + ": unknown operator imported as opaque; "
                                "analyses will not cost it");
    return llvm::Error::success();
  }
  return lookupHandler(N, Opset)(N, OpContext{Ctx, Opset, *Schema});
}
