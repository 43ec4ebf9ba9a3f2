//===- Work.cpp - Work and memory traffic of a layer ----------------------===//
//
// METRICS.md sections 2 and 4, computed in checked 64-bit integers (a model
// whose counts overflow is reported, not wrapped), and the cost class of
// every node. Two extensions (ours): a recurrent layer's bias is both of its
// biases (and LSTM peepholes), BiasElems, and it writes its hidden state,
// m / Gates values per step, not the gate pre-activations; an attention
// MatMul (ActWeight) has no parameters and no weight bits, and its second
// operand is read in full at the activation width.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Work.h"

#include "hcm/Analysis/LayerTable.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/OpInfo.h"
#include "hcm/Support/MathUtil.h"

#include <cmath>

using namespace hcm;

namespace {

int64_t bitsOf(ElementType E) { return E.getWidth(); }

ElementType operandFormat(const Value *V) {
  if (V && V->getType().isTensor()) {
    ElementType E = V->getType().getElementType();
    if (E.isFloat() || E.isInteger())
      return E;
  }
  return ElementType::f32();
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

/// MACs = P * m * (n/g)*kh*kw in the layer view, which makes one MAC one
/// product accumulated (docs/REPORT.md, "MACs, op by op"; torchvision's
/// published GFLOPS count the same):
///   Conv          B*Ho*Wo * m * (n/g)*kh*kw (taps over padding included)
///   ConvTranspose the direct conv over the zero-stuffed input (ours)
///   Gemm          M*K*N; MatMul batch*M*K*N (attention's too)
///   LSTM/GRU/RNN  seq*batch * dirs*G*H * (I+H), G = 4, 3, 1 gates: the
///                 gate Gemm over [x_t, h_{t-1}] (Layer.cpp, readRecurrent)
/// Bias adds, activations, the recurrent cell's Hadamard products and LSTM
/// peepholes are not MACs (vector work or nothing).
bool hcm::computeWork(const LayerShape &S, const LayerQuant &Q, LayerWork &W) {
  Checked C;
  int64_t Fan = S.fanIn(), Ba = bitsOf(Q.A), Bw = bitsOf(Q.W);
  W.Pixels = C.mul({S.B, S.Ho, S.Wo});
  int64_t PerPixelMacs = C.mul({S.MOut, Fan});
  W.Macs = C.mul({PerPixelMacs, W.Pixels});
  W.OpsPixel = C.mul({S.MOut, S.ng(), S.KH * S.KW + 1});
  W.Ops = C.mul({W.OpsPixel, W.Pixels});
  W.ComputeCost = C.mul({PerPixelMacs, Ba + Bw, W.Pixels});
  // Attention's activation x activation MatMul holds no parameters.
  W.Params = S.ActWeight ? 0 : C.add({PerPixelMacs, S.BiasElems});
  double PerProduct = double(Ba * Bw + Ba + Bw) + std::log2(double(Fan));
  W.BopsPixel = double(PerPixelMacs) * PerProduct;
  W.Bops = W.BopsPixel * double(W.Pixels);
  return !C.overflowed();
}

bool hcm::computeTraffic(const LayerShape &S, const LayerQuant &Q,
                         const LayerWork &W, LayerTraffic &T) {
  Checked C;
  int64_t Ba = bitsOf(Q.A), Bw = bitsOf(Q.W), Bo = bitsOf(Q.Out);
  T.Weights =
      C.add({C.mul({S.MOut, S.fanIn(), Bw}), C.mul({S.BiasElems, Q.Acc})});
  T.Inputs = C.mul({S.B, S.NIn, S.Hi, S.Wi, Ba});
  if (S.ActWeight) { // both operands are activations (attention)
    T.Weights = 0;
    T.Inputs = C.add({T.Inputs, C.mul({S.ActWeightElems, Ba})});
  }
  // A recurrent layer writes its hidden state, m / Gates values per step.
  T.Outputs = C.mul({S.B, S.MOut / S.Gates, S.Ho, S.Wo, Bo});
  T.Total = C.add({T.Weights, T.Inputs, T.Outputs});
  T.LineBuffer = C.mul({S.KH, S.Wi, S.NIn, Ba});
  T.Prefetch = C.add({T.Weights, T.LineBuffer});
  T.InputBitsPerClock = C.mul({S.NIn, Ba, S.StrideH, S.StrideW});
  T.OpsPerBit = T.Total > 0 ? double(W.Ops) / double(T.Total) : 0.0;
  return !C.overflowed();
}

CostClass hcm::classifyNode(const Node &N) {
  const OpInfo *I = lookupOp(N);
  if (I && I->Class == OpClass::Compute)
    return CostClass::Compute;
  if (I && I->Class == OpClass::Quantizer)
    return CostClass::Quantizer;
  if (!isDefaultDomain(N.getDomain()))
    return CostClass::Uncostable;
  if (I && I->Class == OpClass::Free)
    return CostClass::Free;
  // Work on constants only (torch's Identity on shared weights, shape
  // arithmetic) is done once, before run time.
  bool AllConstant = N.getNumOperands() > 0;
  for (const Value *V : N.getOperands())
    AllConstant &= !V || V->hasData() ||
                   (V->getProducer() && V->getProducer()->is("Constant"));
  if (AllConstant)
    return CostClass::Free;
  if ((I && I->Class == OpClass::ControlFlow) || !N.getSubgraphs().empty())
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

llvm::Expected<int64_t>
hcm::sumElements(const Module &M, const Node &N,
                 llvm::ArrayRef<const Value *> Values,
                 llvm::function_ref<int64_t(const Value *)> Weight) {
  Checked C;
  int64_t Sum = 0;
  for (const Value *V : Values) {
    if (!V)
      continue;
    auto E = staticElements(M, N, V);
    if (!E)
      return E.takeError();
    Sum = C.add({Sum, C.mul({*E, Weight(V)})});
  }
  if (C.overflowed())
    return nodeError(M, N, "element counts overflow 64 bits");
  return Sum;
}

llvm::Expected<int64_t> hcm::vectorOps(const Module &M, const Node &N) {
  Checked C;
  auto Outputs = sumElements(M, N, N.getResults(),
                             [](const Value *) { return int64_t(1); });
  if (!Outputs)
    return Outputs.takeError();
  int64_t Ops = *Outputs;
  const OpInfo *Info = lookupOp(N);
  int64_t Window = 1;
  if (Info && Info->has(opflag::Pool)) {
    if (auto K = N.getIntsAttr("kernel_shape"))
      for (int64_t V : *K)
        Window = C.mul({Window, V});
  } else if (Info && Info->has(opflag::GlobalPool)) {
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
