//===- Work.cpp - Work and memory traffic of a layer ----------------------===//
//
// METRICS.md sections 2 and 4, computed in checked 64-bit integers (a model
// whose counts overflow is reported, not wrapped) and written as dictionary
// attributes whose integer entries stay exact integers.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Work.h"

#include "hcm/IR/Diag.h"

#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace hcm;

namespace {

/// Products and sums that remember whether any step overflowed.
class Checked {
public:
  int64_t mul(std::initializer_list<int64_t> Factors) {
    int64_t R = 1;
    for (int64_t F : Factors)
      if (llvm::MulOverflow(R, F, R))
        Overflow = true;
    return R;
  }
  int64_t add(std::initializer_list<int64_t> Terms) {
    int64_t R = 0;
    for (int64_t T : Terms)
      if (llvm::AddOverflow(R, T, R))
        Overflow = true;
    return R;
  }
  bool overflowed() const { return Overflow; }

private:
  bool Overflow = false;
};

int64_t bitsOf(ElementType E) { return E.getWidth(); }

ElementType operandFormat(const Value *V) {
  if (V && V->getType().isTensor()) {
    ElementType E = V->getType().getElementType();
    if (E.isFloat() || E.isInteger())
      return E;
  }
  return ElementType::f32();
}

/// The stride of spatial dim \p I (1 when absent).
int64_t stride(const Node &N, size_t I) {
  auto S = N.getIntsAttr("strides");
  return S && I < S->size() ? (*S)[I] : 1;
}

const AttrDict *dictAttr(const Node &N, llvm::StringRef Key) {
  const Attribute *A = N.getAttr(Key);
  if (!A || A->getKind() != Attribute::Kind::Dict)
    return nullptr;
  return &A->getDict();
}

} // namespace

llvm::Expected<LayerQuant> hcm::quantOrTypes(const Module &M, const Layer &L) {
  auto Q = readLayerQuant(M, *L.N);
  if (!Q)
    return Q.takeError();
  if (*Q)
    return **Q;
  LayerQuant T;
  T.A = operandFormat(L.act());
  T.W = operandFormat(L.weight());
  T.Out = operandFormat(L.out());
  T.Acc = accumulatorWidth(T.A, T.W, L.fanIn());
  T.Src = {{"a", "type"}, {"w", "type"}, {"out", "type"}};
  return T;
}

llvm::Expected<LayerWork> hcm::computeWork(const Module &M, const Layer &L,
                                           const LayerQuant &Q) {
  if (llvm::Error E = requireKnownDims(M, L))
    return E;
  Checked C;
  LayerWork W;
  int64_t Fan = L.fanIn(), Ba = bitsOf(Q.A), Bw = bitsOf(Q.W);
  W.Pixels = C.mul({L.B.Value, L.Ho.Value, L.Wo.Value});
  int64_t PerPixelMacs = C.mul({L.MOut, Fan});
  W.Macs = C.mul({PerPixelMacs, W.Pixels});
  W.OpsPixel = C.mul({L.MOut, L.ng(), L.KH * L.KW + 1});
  W.Ops = C.mul({W.OpsPixel, W.Pixels});
  W.ComputeCost = C.mul({PerPixelMacs, Ba + Bw, W.Pixels});
  W.Params = C.add({PerPixelMacs, L.bias() ? L.MOut : 0});
  if (C.overflowed())
    return nodeError(M, *L.N, "operation counts overflow 64 bits");
  double PerProduct = double(Ba * Bw + Ba + Bw) + std::log2(double(Fan));
  W.BopsPixel = double(PerPixelMacs) * PerProduct;
  W.Bops = W.BopsPixel * double(W.Pixels);
  return W;
}

llvm::Expected<LayerTraffic> hcm::computeTraffic(const Module &M,
                                                 const Layer &L,
                                                 const LayerQuant &Q,
                                                 const LayerWork &W) {
  if (llvm::Error E = requireKnownDims(M, L))
    return E;
  Checked C;
  LayerTraffic T;
  int64_t Ba = bitsOf(Q.A), Bw = bitsOf(Q.W), Bo = bitsOf(Q.Out);
  T.Weights = C.add(
      {C.mul({L.MOut, L.fanIn(), Bw}), L.bias() ? C.mul({L.MOut, Q.Acc}) : 0});
  T.Inputs = C.mul({L.B.Value, L.NIn, L.Hi.Value, L.Wi.Value, Ba});
  T.Outputs = C.mul({L.B.Value, L.MOut, L.Ho.Value, L.Wo.Value, Bo});
  T.Total = C.add({T.Weights, T.Inputs, T.Outputs});
  T.LineBuffer = C.mul({L.KH, L.Wi.Value, L.NIn, Ba});
  T.Prefetch = C.add({T.Weights, T.LineBuffer});
  bool Conv = L.SpatialRank > 0;
  int64_t SH = Conv && L.SpatialRank == 2 ? stride(*L.N, 0) : 1;
  int64_t SW = Conv ? stride(*L.N, L.SpatialRank - 1) : 1;
  T.InputBitsPerClock = C.mul({L.NIn, Ba, SH, SW});
  if (C.overflowed())
    return nodeError(M, *L.N, "traffic in bits overflows 64 bits");
  T.OpsPerBit = T.Total > 0 ? double(W.Ops) / double(T.Total) : 0.0;
  return T;
}

llvm::Expected<LayerAnalysis> hcm::analyzeLayer(const Module &M,
                                                const Node &N) {
  auto L = getLayer(M, N);
  if (!L)
    return L.takeError();
  auto Q = quantOrTypes(M, *L);
  if (!Q)
    return Q.takeError();
  auto W = computeWork(M, *L, *Q);
  if (!W)
    return W.takeError();
  auto T = computeTraffic(M, *L, *Q, *W);
  if (!T)
    return T.takeError();
  return LayerAnalysis{*L, *Q, *W, *T};
}

void hcm::writeWork(Node &N, const LayerWork &W) {
  AttrDict D;
  D["ops"] = Attribute(W.Ops);
  if (!W.Vector) {
    D["pixels"] = Attribute(W.Pixels);
    D["macs"] = Attribute(W.Macs);
    D["ops_pixel"] = Attribute(W.OpsPixel);
    D["compute_cost"] = Attribute(W.ComputeCost);
    D["params"] = Attribute(W.Params);
    D["bops_pixel"] = Attribute(W.BopsPixel);
    D["bops"] = Attribute(W.Bops);
  }
  N.setAttr(WorkAttrKey, Attribute(std::move(D)));
}

void hcm::writeTraffic(Node &N, const LayerTraffic &T) {
  AttrDict D;
  D["weights"] = Attribute(T.Weights);
  D["inputs"] = Attribute(T.Inputs);
  D["outputs"] = Attribute(T.Outputs);
  D["total"] = Attribute(T.Total);
  D["prefetch"] = Attribute(T.Prefetch);
  D["line_buffer"] = Attribute(T.LineBuffer);
  D["input_bits_per_clock"] = Attribute(T.InputBitsPerClock);
  D["ops_per_bit"] = Attribute(T.OpsPerBit);
  if (T.ClockHz) {
    D["clock_hz"] = Attribute(T.ClockHz);
    D["input_bandwidth"] = Attribute(T.InputBandwidth);
  }
  N.setAttr(TrafficAttrKey, Attribute(std::move(D)));
}

std::optional<LayerWork> hcm::readWork(const Node &N) {
  const AttrDict *D = dictAttr(N, WorkAttrKey);
  if (!D)
    return std::nullopt;
  LayerWork W;
  auto Ops = dictInt(*D, "ops");
  if (!Ops)
    return std::nullopt;
  W.Ops = *Ops;
  auto Macs = dictInt(*D, "macs");
  W.Vector = !Macs;
  if (W.Vector)
    return W;
  W.Macs = *Macs;
  W.Pixels = dictInt(*D, "pixels").value_or(0);
  W.OpsPixel = dictInt(*D, "ops_pixel").value_or(0);
  W.ComputeCost = dictInt(*D, "compute_cost").value_or(0);
  W.Params = dictInt(*D, "params").value_or(0);
  W.BopsPixel = dictDouble(*D, "bops_pixel").value_or(0);
  W.Bops = dictDouble(*D, "bops").value_or(0);
  return W;
}

std::optional<LayerTraffic> hcm::readTraffic(const Node &N) {
  const AttrDict *D = dictAttr(N, TrafficAttrKey);
  if (!D)
    return std::nullopt;
  LayerTraffic T;
  auto Total = dictInt(*D, "total");
  if (!Total)
    return std::nullopt;
  T.Total = *Total;
  T.Weights = dictInt(*D, "weights").value_or(0);
  T.Inputs = dictInt(*D, "inputs").value_or(0);
  T.Outputs = dictInt(*D, "outputs").value_or(0);
  T.Prefetch = dictInt(*D, "prefetch").value_or(0);
  T.LineBuffer = dictInt(*D, "line_buffer").value_or(0);
  T.InputBitsPerClock = dictInt(*D, "input_bits_per_clock").value_or(0);
  T.OpsPerBit = dictDouble(*D, "ops_per_bit").value_or(0);
  T.ClockHz = dictInt(*D, "clock_hz").value_or(0);
  T.InputBandwidth = dictInt(*D, "input_bandwidth").value_or(0);
  return T;
}

CostClass hcm::classifyNode(const Node &N) {
  if (isComputeNode(N))
    return CostClass::Compute;
  const std::string &D = N.getDomain();
  const std::string &Op = N.getOpType();
  bool Standard = D.empty() || D == "ai.onnx";
  if (Op == "QuantizeLinear" || Op == "DequantizeLinear")
    if (Standard || D == "com.microsoft")
      return CostClass::Quantizer;
  if ((D == "qonnx.custom_op.general" || D == "finn.custom_op.general" ||
       D == "finn") &&
      (Op == "Quant" || Op == "BipolarQuant" || Op == "Trunc"))
    return CostClass::Quantizer;
  if (!Standard)
    return CostClass::Uncostable;
  if (Op == "Constant")
    return CostClass::Free;
  // Work on constants only (torch's Identity on shared weights, shape
  // arithmetic) is done once, before run time.
  bool AllConstant = N.getNumOperands() > 0;
  for (const Value *V : N.getOperands())
    AllConstant &= !V || V->hasData() ||
                   (V->getProducer() && V->getProducer()->is("Constant"));
  if (AllConstant)
    return CostClass::Free;
  if (Op == "If" || Op == "Loop" || Op == "Scan" || !N.getSubgraphs().empty())
    return CostClass::Uncostable;
  return CostClass::Vector;
}

llvm::Expected<int64_t> hcm::staticElements(const Module &M, const Node &N,
                                            const Value *V) {
  if (!V || !V->getType().isTensor() || !V->getType().hasRank())
    return nodeError(M, N,
                     "the shape of '" + (V ? V->getName() : std::string()) +
                         "' is unknown; run infer-shapes");
  Checked C;
  int64_t Count = 1;
  for (const Dim &D : V->getType().getShape()) {
    if (D.isSymbol())
      return nodeError(M, N,
                       "'" + V->getName() + "' has the unbound dim '" +
                           D.getSymbol() + "'; bind it with --dim " +
                           D.getSymbol() + "=1");
    if (!D.isKnown())
      return nodeError(M, N,
                       "'" + V->getName() +
                           "' has an unknown dim; run "
                           "infer-shapes or bind the model's dims with --dim");
    Count = C.mul({Count, D.getValue()});
  }
  if (C.overflowed())
    return nodeError(
        M, N, "element count of '" + V->getName() + "' overflows 64 bits");
  return Count;
}

llvm::Expected<int64_t> hcm::vectorOps(const Module &M, const Node &N) {
  Checked C;
  int64_t Ops = 0;
  for (const Value *R : N.getResults()) {
    if (!R)
      continue;
    auto E = staticElements(M, N, R);
    if (!E)
      return E.takeError();
    Ops = C.add({Ops, *E});
  }
  const std::string &Op = N.getOpType();
  int64_t Window = 1;
  if (Op == "MaxPool" || Op == "AveragePool" || Op == "LpPool") {
    if (auto K = N.getIntsAttr("kernel_shape"))
      for (int64_t V : *K)
        Window = C.mul({Window, V});
  } else if (llvm::StringRef(Op).startswith("Global")) {
    const Value *In = N.getOperand(0);
    auto InElems = staticElements(M, N, In);
    if (!InElems)
      return InElems.takeError();
    const Shape &S = In->getType().getShape();
    int64_t Lead = S.size() >= 2 ? S[0].getValue() * S[1].getValue() : 1;
    Window = Lead > 0 ? *InElems / Lead : 1;
  }
  Ops = C.mul({Ops, Window});
  if (C.overflowed())
    return nodeError(M, N, "operation counts overflow 64 bits");
  return Ops;
}
