//===- LayerTable.cpp - Reading the IR into the layer table ---------------===//
//
// The one place the analyses read the IR: layer views, the lowering's
// decisions (`hcm.pe` of hcm::PEConv), formats (`hcm.quant`), fused
// activations, and for vector-unit ops their element counts and the widths
// their values are stored with. Analysis attributes (`hcm.work`, ...) are
// never read.
//
// Vector-op traffic (ours): non-constant inputs and outputs, each at the width
// the value is stored with: the `out` format of the compute layer that
// produced it (looking back through other vector ops), else the `a` format
// of a compute layer that reads it, else its element type's width.
//
//===----------------------------------------------------------------------===//
#include "LayerTableInternal.h"

#include "hcm/IR/Graph.h"
#include "hcm/IR/Inputs.h"
#include "hcm/Support/MathUtil.h"
#include "hcm/Target/HwModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Path.h"

using namespace hcm;

LayerTiling hcm::tileLayer(int64_t NG, int64_t M, int64_t KH, int64_t KW,
                           int64_t Pack) {
  constexpr int64_t Side = Window3x3PE::Side, Macs = Window3x3PE::MacsPerClock;
  LayerTiling T;
  if (KH == 1 && KW == 1) {
    T.Pack = Pack;
    T.TilesPerOutput = ceilDiv(NG, Pack);
    T.Util = double(NG) / double(Macs * T.TilesPerOutput);
  } else {
    T.TH = ceilDiv(KH, Side);
    T.TW = ceilDiv(KW, Side);
    T.TilesPerOutput = T.TH * T.TW * NG;
    T.Util = double(KH * KW) / double(Macs * T.TH * T.TW);
  }
  T.WeightTiles = M * T.TilesPerOutput;
  return T;
}

namespace {

int64_t stride(const Node &N, size_t I) {
  auto S = N.getIntsAttr("strides");
  return S && I < S->size() ? (*S)[I] : 1;
}

std::string shapeText(const LayerShape &S) {
  std::string T = std::to_string(S.KH) + "x" + std::to_string(S.KW);
  if (S.StrideW != 1)
    T += "/" + std::to_string(S.StrideW);
  T += " " + std::to_string(S.NIn) + ">" + std::to_string(S.MOut);
  if (S.Groups > 1)
    T += " g" + std::to_string(S.Groups);
  return T;
}

llvm::Expected<LayerShape> shapeOf(const Module &M, const Layer &L) {
  if (llvm::Error E = requireKnownDims(M, L))
    return E;
  LayerShape S;
  S.Kind = L.Kind;
  S.B = L.B.Value;
  S.NIn = L.NIn;
  S.MOut = L.MOut;
  S.Groups = L.Groups;
  S.KH = L.KH;
  S.KW = L.KW;
  S.Hi = L.Hi.Value;
  S.Wi = L.Wi.Value;
  S.Ho = L.Ho.Value;
  S.Wo = L.Wo.Value;
  S.SpatialRank = L.SpatialRank;
  if (L.SpatialRank > 0) {
    S.StrideH = L.SpatialRank == 2 ? stride(*L.N, 0) : 1;
    S.StrideW = stride(*L.N, L.SpatialRank - 1);
  }
  S.HasBias = L.bias() != nullptr;
  S.Gates = L.Gates;
  S.BiasElems = L.BiasElems;
  S.ActWeight = L.ActWeight;
  S.ActWeightElems = L.ActWeight ? L.ActWeightElems.Value : 0;
  return S;
}

/// The lowering's decisions (`hcm.pe`, which a user may edit): read
/// strictly; only `orig` and `pack` are allowed.
llvm::Expected<LayerTiling> tilingOf(const Module &M, const Layer &L,
                                     const LayerShape &S) {
  int64_t Pack = Window3x3PE::PackedChannels;
  bool Lowered = L.N->is("PEConv", "hcm");
  if (const Attribute *A = L.N->getAttr(PEAttrKey)) {
    if (A->getKind() != Attribute::Kind::Dict)
      return nodeError(M, *L.N, "hcm.pe must be a dictionary");
    for (const auto &KV : A->getDict()) {
      if (KV.first == "orig")
        continue;
      if (KV.first != "pack")
        return nodeError(M, *L.N,
                         "hcm.pe: unknown key '" + KV.first + "' (orig, pack)");
      if (KV.second.getKind() != Attribute::Kind::Int ||
          KV.second.getInt() < 1 ||
          KV.second.getInt() > Window3x3PE::PackedChannels)
        return nodeError(M, *L.N,
                         "hcm.pe 'pack' must be an integer from 1 to " +
                             llvm::Twine(Window3x3PE::PackedChannels));
      Pack = KV.second.getInt();
    }
  }
  LayerTiling T = tileLayer(S.ng(), S.MOut, S.KH, S.KW, Pack);
  T.Lowered = Lowered;
  return T;
}

Requant requantFor(const Node &N, const LayerQuant &Q) {
  Requant R;
  ElementType Out = Q.Out;
  if (!Out.isInteger()) {
    R.Float = true;
    return R;
  }
  int64_t Bo = Out.getWidth();
  R.Shift = std::max<int64_t>(0, Q.Acc - Bo);
  R.ClampLo = Out.isSigned() ? -(int64_t(1) << (Bo - 1)) : 0;
  R.ClampHi =
      Out.isSigned() ? (int64_t(1) << (Bo - 1)) - 1 : (int64_t(1) << Bo) - 1;
  std::string Act = N.getStringAttr("hcm.act");
  R.Relu = Act == "Relu";
  if (Act == "Clip")
    if (const Attribute *Min = N.getAttr("hcm.act_min"))
      R.Relu =
          Min->getKind() == Attribute::Kind::Double && Min->getDouble() >= 0;
  if (R.Relu)
    R.ClampLo = std::max<int64_t>(R.ClampLo, 0);
  return R;
}

} // namespace

llvm::Expected<LayerFacts> hcm::detail::factsOf(const Module &M, const Layer &L,
                                                const LayerQuant &Q) {
  const Node &N = *L.N;
  LayerFacts F;
  F.Name = N.getName();
  F.Op = Layer::kindName(L.Kind).str();
  F.Q = Q;
  auto S = shapeOf(M, L);
  if (!S)
    return S.takeError();
  F.S = *S;
  F.ShapeText = shapeText(F.S);
  auto T = tilingOf(M, L, F.S);
  if (!T)
    return T.takeError();
  F.Tiles = *T;
  if (!computeWork(F.S, F.Q, F.W))
    return nodeError(M, N, "operation counts overflow 64 bits");
  if (!computeTraffic(F.S, F.Q, F.W, F.T))
    return nodeError(M, N, "traffic in bits overflows 64 bits");
  F.Rq = requantFor(N, F.Q);
  if (const Attribute *A = N.getAttr("hcm.fused"))
    if (A->getKind() == Attribute::Kind::Strings)
      F.Fused = A->getStrings();
  return F;
}

void hcm::detail::StorageWidths::addLayer(const Layer &L, const LayerQuant &Q) {
  Readers.try_emplace(L.act(), LayerQuant::bits(Q.A));
  Produced[L.out()] = LayerQuant::bits(Q.Out);
}

int64_t hcm::detail::StorageWidths::bitsOf(const Value *V) const {
  for (unsigned Step = 0; V && Step < 64; ++Step) {
    auto It = Produced.find(V);
    if (It != Produced.end())
      return It->second;
    auto R = Readers.find(V);
    if (R != Readers.end())
      return R->second;
    const Node *P = V->getProducer();
    if (!P || classifyNode(*P) != CostClass::Vector || !P->getOperand(0))
      break;
    V = P->getOperand(0);
  }
  ElementType E = V && V->getType().isTensor() ? V->getType().getElementType()
                                               : ElementType::f32();
  return E.getWidth() ? E.getWidth() : 32;
}

llvm::Expected<VectorFacts>
hcm::detail::vectorFacts(const Module &M, const Node &N,
                         const StorageWidths &Widths) {
  VectorFacts V;
  V.Name = N.getName();
  V.Op = N.getQualifiedName();
  auto Ops = vectorOps(M, N);
  if (!Ops)
    return Ops.takeError();
  V.Ops = *Ops;
  Checked C;
  LayerTraffic &T = V.T;
  std::vector<const Value *> Streamed;
  for (const Value *In : N.getOperands())
    if (In && !In->hasData() &&
        !(In->getProducer() &&
          classifyNode(*In->getProducer()) == CostClass::Free))
      Streamed.push_back(In); // constants (shapes, scales) are not streamed
  auto Inputs = sumElements(M, N, Streamed,
                            [&](const Value *In) { return Widths.bitsOf(In); });
  if (!Inputs)
    return Inputs.takeError();
  // Outputs are stored at the width of the op's data input.
  const Value *Data = N.getOperand(0);
  auto Outputs = sumElements(M, N, N.getResults(), [&](const Value *R) {
    return Widths.bitsOf(Data ? Data : R);
  });
  if (!Outputs)
    return Outputs.takeError();
  T.Inputs = *Inputs;
  T.Outputs = *Outputs;
  T.Total = C.add({T.Inputs, T.Outputs});
  if (C.overflowed())
    return nodeError(M, N, "traffic in bits overflows 64 bits");
  T.OpsPerBit = T.Total ? double(V.Ops) / double(T.Total) : 0.0;
  return V;
}

namespace {

bool isPool(const Node &N) {
  return N.getOpType() == "MaxPool" || N.getOpType() == "AveragePool";
}

/// The node that alone reads \p V (one use, not a graph output), if any.
const Node *soleReader(const Value *V) {
  if (!V || V->getNumUses() != 1)
    return nullptr;
  return V->getUses()[0].User;
}

} // namespace

/// The pool that alone reads \p F's output (see LayerFacts::Pool).
llvm::Error hcm::detail::findPool(const Module &M, const Node &N,
                                  LayerFacts &F) {
  const Value *Out = N.getResults().empty() ? nullptr : N.getResults()[0];
  const Node *P = soleReader(Out);
  if (!P || !isPool(*P) || P->getResults().empty() || !P->getResults()[0])
    return llvm::Error::success();
  auto Elems = staticElements(M, *P, P->getResults()[0]);
  if (!Elems)
    return Elems.takeError();
  int64_t Bits;
  if (__builtin_mul_overflow(*Elems, int64_t(LayerQuant::bits(F.Q.Out)), &Bits))
    return nodeError(M, *P, "traffic in bits overflows 64 bits");
  F.Pool = P->getName();
  F.PooledOutputBits = Bits;
  const Node *Next = soleReader(P->getResults()[0]);
  if (Next && classifyNode(*Next) == CostClass::Compute) {
    if (auto L = getLayer(M, *Next))
      F.PoolReaderOp = Layer::kindName(L->Kind).str();
    else
      llvm::consumeError(L.takeError());
  }
  return llvm::Error::success();
}

llvm::Expected<LayerFacts> hcm::analyzeLayer(const Module &M, const Node &N) {
  auto L = getLayer(M, N);
  if (!L)
    return L.takeError();
  auto Q = quantOrTypes(M, *L);
  if (!Q)
    return Q.takeError();
  return detail::factsOf(M, *L, *Q);
}
