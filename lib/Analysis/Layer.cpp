//===- Layer.cpp - The convolution view of a compute node -----------------===//
//
// Operand roles per op come from the operator table (hcm/IR/OpInfo.def);
// hcm::PEConv has the operands of the op named by `orig`.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Layer.h"

#include "hcm/Analysis/Work.h"

#include "hcm/IR/Diag.h"
#include "hcm/IR/OpInfo.h"

using namespace hcm;

namespace {

/// The compute-op entry of \p N (OpInfo.def), or nullptr.
const OpInfo *lookupRoles(const Node &N) {
  const OpInfo *I = lookupOp(N);
  return I && I->IsCompute ? I : nullptr;
}

LayerDim toLayerDim(const Dim &D) {
  LayerDim L;
  if (D.isKnown())
    L.Value = D.getValue();
  else
    L.Symbol = D.isSymbol() ? D.getSymbol() : "?";
  return L;
}

LayerDim knownDim(int64_t V) {
  LayerDim L;
  L.Value = V;
  return L;
}

/// Product of dims [Begin, End) of \p S; unknown if any is.
LayerDim product(const Shape &S, size_t Begin, size_t End) {
  LayerDim P = knownDim(1);
  for (size_t I = Begin; I < End && I < S.size(); ++I) {
    LayerDim D = toLayerDim(S[I]);
    if (!D.isKnown())
      return D;
    P.Value *= D.Value;
  }
  return P;
}

/// Shape of operand \p V, or nullptr when it has no ranked tensor type.
const Shape *shapeOf(const Value *V) {
  if (!V || !V->getType().isTensor() || !V->getType().hasRank())
    return nullptr;
  return &V->getType().getShape();
}

class LayerReader {
public:
  LayerReader(const Module &M, const Node &N, Layer &L) : M(M), N(N), L(L) {}

  llvm::Error read() {
    switch (L.Kind) {
    case LayerKind::Conv:
    case LayerKind::ConvTranspose:
      return readConv();
    case LayerKind::Gemm:
      return readGemm();
    case LayerKind::MatMul:
      return readMatMul();
    case LayerKind::LSTM:
      return readRecurrent(4);
    case LayerKind::GRU:
      return readRecurrent(3);
    case LayerKind::RNN:
      return readRecurrent(1);
    }
    return llvm::Error::success();
  }

private:
  llvm::Error fail(const llvm::Twine &Msg) { return nodeError(M, N, Msg); }

  /// A weight dim must be known: the layer's channel and kernel sizes.
  llvm::Expected<int64_t> weightDim(const Shape &W, size_t I) {
    if (!W[I].isKnown() || W[I].getValue() <= 0)
      return fail("weight dim " + llvm::Twine(I) +
                  " must be a known positive size");
    return W[I].getValue();
  }

  llvm::Error readConv() {
    const Shape *X = shapeOf(L.act());
    const Shape *W = shapeOf(L.weight());
    if (!X || !W)
      return fail("input and weight shapes are needed (run infer-shapes)");
    if (W->size() != 3 && W->size() != 4)
      return fail("only 1-D and 2-D convolutions are supported (weight rank " +
                  llvm::Twine(W->size()) + ")");
    if (X->size() != W->size())
      return fail("input rank " + llvm::Twine(X->size()) +
                  " does not match weight rank " + llvm::Twine(W->size()));
    L.SpatialRank = W->size() - 2;
    L.Groups = N.getIntAttr("group", 1);
    if (L.Groups <= 0)
      return fail("group must be positive");
    auto W0 = weightDim(*W, 0), W1 = weightDim(*W, 1);
    if (!W0)
      return W0.takeError();
    if (!W1)
      return W1.takeError();
    if (L.Kind == LayerKind::ConvTranspose) {
      // W is [C_in, C_out / g, k...].
      L.NIn = *W0;
      L.MOut = *W1 * L.Groups;
    } else {
      // W is [C_out, C_in / g, k...].
      L.MOut = *W0;
      L.NIn = *W1 * L.Groups;
    }
    if (L.NIn % L.Groups || L.MOut % L.Groups)
      return fail("channels " + llvm::Twine(L.NIn) + " -> " +
                  llvm::Twine(L.MOut) + " are not divisible by group " +
                  llvm::Twine(L.Groups));
    auto KLast = weightDim(*W, W->size() - 1);
    if (!KLast)
      return KLast.takeError();
    L.KW = *KLast;
    if (L.SpatialRank == 2) {
      auto KH = weightDim(*W, 2);
      if (!KH)
        return KH.takeError();
      L.KH = *KH;
    }
    L.B = toLayerDim((*X)[0]);
    L.Wi = toLayerDim(X->back());
    L.Hi = L.SpatialRank == 2 ? toLayerDim((*X)[2]) : knownDim(1);
    const Shape *Y = shapeOf(L.out());
    if (!Y || Y->size() != X->size()) {
      L.Ho = L.Wo = LayerDim{-1, "?"};
      return llvm::Error::success();
    }
    L.Wo = toLayerDim(Y->back());
    L.Ho = L.SpatialRank == 2 ? toLayerDim((*Y)[2]) : knownDim(1);
    return llvm::Error::success();
  }

  /// Gemm: A[M,K] (or [K,M] with transA), B[K,N] (or [N,K] with transB).
  llvm::Error readGemm() {
    const Shape *A = shapeOf(L.act());
    const Shape *Bm = shapeOf(L.weight());
    if (!A || !Bm || A->size() != 2 || Bm->size() != 2)
      return fail("Gemm needs rank-2 operand shapes (run infer-shapes)");
    bool TransB = N.getIntAttr("transB", 0) != 0;
    bool TransA = N.getIntAttr("transA", 0) != 0;
    auto K = weightDim(*Bm, TransB ? 1 : 0),
         Cols = weightDim(*Bm, TransB ? 0 : 1);
    if (!K)
      return K.takeError();
    if (!Cols)
      return Cols.takeError();
    L.NIn = *K;
    L.MOut = *Cols;
    L.B = knownDim(1);
    L.Hi = L.Ho = knownDim(1);
    L.Wi = L.Wo = toLayerDim((*A)[TransA ? 1 : 0]);
    return llvm::Error::success();
  }

  /// MatMul: A[..., M, K] x B[..., K, N]; 1-D operands get a unit dim.
  llvm::Error readMatMul() {
    const Shape *A = shapeOf(L.act());
    const Shape *Bm = shapeOf(L.weight());
    if (!A || !Bm || A->empty() || Bm->empty())
      return fail("MatMul needs ranked operand shapes (run infer-shapes)");
    size_t KIdx = Bm->size() == 1 ? 0 : Bm->size() - 2;
    auto K = weightDim(*Bm, KIdx);
    if (!K)
      return K.takeError();
    L.NIn = *K;
    if (Bm->size() == 1) {
      L.MOut = 1;
    } else {
      auto Cols = weightDim(*Bm, Bm->size() - 1);
      if (!Cols)
        return Cols.takeError();
      L.MOut = *Cols;
    }
    L.Hi = L.Ho = knownDim(1);
    if (A->size() == 1) {
      L.Wi = L.Wo = knownDim(1);
      L.B = knownDim(1);
      return llvm::Error::success();
    }
    L.Wi = L.Wo = toLayerDim((*A)[A->size() - 2]);
    // Batch = product of the result's leading dims (A and B broadcast).
    const Shape *Y = shapeOf(L.out());
    const Shape &Lead = Y && Y->size() >= 2 ? *Y : *A;
    L.B = product(Lead, 0, Lead.size() - 2);
    markActivationWeight(*Bm);
    return llvm::Error::success();
  }

  /// Attention's Q x K^T (or scores x V): the second operand is computed at
  /// run time, so it holds no parameters and is read like an activation.
  void markActivationWeight(const Shape &Bm) {
    const Value *W = L.weight();
    const Node *P = W->getProducer();
    if (!P || classifyNode(*P) == CostClass::Free)
      return;
    L.ActWeight = true;
    L.ActWeightElems = product(Bm, 0, Bm.size());
  }

  /// LSTM / GRU / RNN (ONNX layouts): X [seq, batch, I] ([batch, seq, I]
  /// with layout=1), W [dirs, G*H, I], R [dirs, G*H, H], B [dirs, 2*G*H],
  /// LSTM peepholes P [dirs, 3*H]. Every time step of every direction is
  /// the Gemm of its G gates over the concatenated [x_t, h_{t-1}]:
  ///   B = seq * batch, n = dirs * (I + H), g = dirs, m = dirs * G * H,
  ///   MACs = seq * batch * dirs * G * H * (I + H),
  ///   params = dirs * (G*H*I + G*H*H + 2*G*H [B] + 3*H [P, LSTM]).
  /// Traffic (METRICS.md section 4 with these symbols): weights W and R
  /// (+ biases at acc bits), inputs x_t and h_{t-1} per step and direction,
  /// outputs the hidden state h_t (m / G per step). The gate nonlinearities
  /// and the cell update are vector-unit work, not counted as MACs; the
  /// peephole products (3*H per step and direction) neither.
  llvm::Error readRecurrent(int64_t G) {
    const Shape *X = shapeOf(L.act());
    const Shape *W = shapeOf(L.weight());
    const Shape *R = shapeOf(N.getOperand(2));
    if (!X || !W || !R || X->size() != 3 || W->size() != 3 || R->size() != 3)
      return fail("X, W and R need rank-3 shapes (run infer-shapes)");
    auto Dirs = weightDim(*W, 0), GH = weightDim(*W, 1), In = weightDim(*W, 2);
    auto H = weightDim(*R, 2);
    if (!Dirs)
      return Dirs.takeError();
    if (!GH)
      return GH.takeError();
    if (!In)
      return In.takeError();
    if (!H)
      return H.takeError();
    if (*GH != G * *H)
      return fail("W has " + llvm::Twine(*GH) + " rows, expected " +
                  llvm::Twine(G) + " gates x hidden size " + llvm::Twine(*H));
    L.Gates = G;
    L.Groups = *Dirs;
    L.NIn = *Dirs * (*In + *H);
    L.MOut = *Dirs * G * *H;
    L.B = product(*X, 0, 2);
    L.Hi = L.Ho = L.Wi = L.Wo = knownDim(1);
    if (L.bias())
      L.BiasElems = 2 * L.MOut;
    if (G == 4 && N.getOperand(7))
      L.BiasElems += *Dirs * 3 * *H;
    return llvm::Error::success();
  }

  const Module &M;
  const Node &N;
  Layer &L;
};

const Value *operandOrNull(const Node *N, int I) {
  return I < 0 ? nullptr : N->getOperand(I);
}

} // namespace

const Value *Layer::act() const { return operandOrNull(N, ActIndex); }
const Value *Layer::weight() const { return operandOrNull(N, WeightIndex); }
const Value *Layer::bias() const { return operandOrNull(N, BiasIndex); }
const Value *Layer::out() const { return N->getResult(OutIndex); }

llvm::StringRef Layer::kindName(LayerKind K) {
  switch (K) {
  case LayerKind::Conv:
    return "Conv";
  case LayerKind::ConvTranspose:
    return "ConvTranspose";
  case LayerKind::Gemm:
    return "Gemm";
  case LayerKind::MatMul:
    return "MatMul";
  case LayerKind::LSTM:
    return "LSTM";
  case LayerKind::GRU:
    return "GRU";
  case LayerKind::RNN:
    return "RNN";
  }
  return "?";
}

bool hcm::isComputeNode(const Node &N) { return lookupRoles(N) != nullptr; }

llvm::Expected<Layer> hcm::getLayer(const Module &M, const Node &N) {
  const OpInfo *R = lookupRoles(N);
  if (!R)
    return nodeError(M, N, "not a compute layer");
  Layer L;
  L.N = &N;
  L.Kind = R->Kind;
  L.ActIndex = R->Act;
  L.WeightIndex = R->Weight;
  L.BiasIndex = R->Bias;
  if (!L.act() || !L.weight())
    return nodeError(M, N, "missing input or weight operand");
  if (llvm::Error E = LayerReader(M, N, L).read())
    return E;
  if (!L.isRecurrent() && L.bias())
    L.BiasElems = L.MOut;
  return L;
}

llvm::Error hcm::requireKnownDims(const Module &M, const Layer &L) {
  const std::pair<const char *, const LayerDim *> Dims[] = {
      {"batch", &L.B},
      {"input height", &L.Hi},
      {"input width", &L.Wi},
      {"output height", &L.Ho},
      {"output width", &L.Wo},
      {"second operand", L.ActWeight ? &L.ActWeightElems : &L.Wo}};
  for (const auto &D : Dims) {
    if (D.second->isKnown())
      continue;
    const std::string &Sym = D.second->Symbol;
    if (Sym == "?" || Sym.empty())
      return nodeError(M, *L.N,
                       llvm::Twine(D.first) +
                           " is unknown; run infer-shapes or bind "
                           "the model's dims with --dim");
    return nodeError(M, *L.N,
                     llvm::Twine(D.first) + " is the unbound dim '" + Sym +
                         "'; bind it with --dim " + Sym + "=1");
  }
  return llvm::Error::success();
}
