//===- FoldConstants.cpp - No-op removal and shape-subgraph folding -------===//
//
// Two rewrites of `canonicalize`. removeNoOps drops Identity and Dropout
// (inference: Dropout passes its input through; one whose mask is used
// stays). foldConstants turns Constant nodes into initializers and evaluates
// the integer shape arithmetic exporters emit — torch's
// `x.view(x.size(0), -1)` is Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape — whenever every operand is constant; Shape is constant when the
// dims it reads are static (bind a symbolic batch with `--dim N=1`). A
// Reshape then reads a constant initializer and stays a Reshape. Chains that
// cannot be evaluated are left alone: that is not an error.
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"

#include <algorithm>
#include <cstring>

using namespace hcm;

namespace {

/// An integer tensor being folded: its values and dims.
struct IntTensor {
  std::vector<int64_t> Vals;
  std::vector<int64_t> Dims;
};

std::optional<IntTensor> readInts(const Value *V) {
  auto Vals = constInts(V);
  if (!Vals || !V->getType().hasStaticShape())
    return std::nullopt;
  IntTensor T{*Vals, {}};
  for (const Dim &D : V->getType().getShape())
    T.Dims.push_back(D.getValue());
  return T;
}

/// Encodes \p T as \p Elem (an integer type whose width is a multiple of
/// 8), little-endian as ONNX raw_data.
std::optional<Tensor> encode(const IntTensor &T, ElementType Elem) {
  if (!Elem.isInteger() || Elem.getByteSize() == 0)
    return std::nullopt;
  unsigned Size = Elem.getByteSize();
  std::string Bytes;
  for (int64_t V : T.Vals) {
    char Buf[8];
    std::memcpy(Buf, &V, 8); // little-endian hosts only, as Tensor.cpp
    Bytes.append(Buf, Size);
  }
  Shape S;
  for (int64_t D : T.Dims)
    S.push_back(Dim::known(D));
  return Tensor::inlineBytes(Type::tensor(Elem, S), std::move(Bytes));
}

int64_t normIndex(int64_t I, int64_t Size) { return I < 0 ? I + Size : I; }

/// Shape(x) with the optional start/end of opset 15.
std::optional<IntTensor> foldShape(const Node &N) {
  const Value *X = N.getOperand(0);
  if (!X || !X->getType().isTensor() || !X->getType().hasRank())
    return std::nullopt;
  const Shape &S = X->getType().getShape();
  int64_t R = S.size();
  int64_t Start =
      std::clamp<int64_t>(normIndex(N.getIntAttr("start", 0), R), 0, R);
  int64_t End = std::clamp<int64_t>(normIndex(N.getIntAttr("end", R), R), 0, R);
  IntTensor T;
  for (int64_t I = Start; I < End; ++I) {
    if (!S[I].isKnown())
      return std::nullopt;
    T.Vals.push_back(S[I].getValue());
  }
  T.Dims = {int64_t(T.Vals.size())};
  return T;
}

std::optional<IntTensor> foldGather(const Node &N,
                                    const std::vector<IntTensor> &In) {
  if (In.size() != 2 || In[0].Dims.size() != 1 || N.getIntAttr("axis", 0))
    return std::nullopt;
  IntTensor T{{}, In[1].Dims};
  int64_t Size = In[0].Vals.size();
  for (int64_t I : In[1].Vals) {
    I = normIndex(I, Size);
    if (I < 0 || I >= Size)
      return std::nullopt;
    T.Vals.push_back(In[0].Vals[I]);
  }
  return T;
}

/// Unsqueeze/Squeeze: values unchanged; dims from the result's static type.
std::optional<IntTensor> foldReshaping(const Node &N,
                                       const std::vector<IntTensor> &In) {
  const Value *Y = N.getResult(0);
  if (In.empty() || !Y || !Y->getType().hasStaticShape())
    return std::nullopt;
  IntTensor T{In[0].Vals, {}};
  for (const Dim &D : Y->getType().getShape())
    T.Dims.push_back(D.getValue());
  return T;
}

std::optional<IntTensor> foldConcat(const std::vector<IntTensor> &In) {
  IntTensor T;
  for (const IntTensor &I : In) {
    if (I.Dims.size() != 1)
      return std::nullopt;
    T.Vals.insert(T.Vals.end(), I.Vals.begin(), I.Vals.end());
  }
  T.Dims = {int64_t(T.Vals.size())};
  return T;
}

/// Slice on a 1-D tensor: starts, ends (, axes = [0], steps = [1]).
std::optional<IntTensor> foldSlice(const std::vector<IntTensor> &In) {
  if (In.size() < 3 || In[0].Dims.size() != 1 || In[1].Vals.size() != 1 ||
      In[2].Vals.size() != 1)
    return std::nullopt;
  int64_t Step = In.size() > 4 && !In[4].Vals.empty() ? In[4].Vals[0] : 1;
  if (Step != 1)
    return std::nullopt;
  int64_t Size = In[0].Vals.size();
  int64_t B = std::clamp<int64_t>(normIndex(In[1].Vals[0], Size), 0, Size);
  int64_t E = std::clamp<int64_t>(
      In[2].Vals[0] > Size ? Size : normIndex(In[2].Vals[0], Size), 0, Size);
  IntTensor T;
  for (int64_t I = B; I < E; ++I)
    T.Vals.push_back(In[0].Vals[I]);
  T.Dims = {int64_t(T.Vals.size())};
  return T;
}

/// Elementwise integer arithmetic, equal sizes or one scalar operand.
std::optional<IntTensor> foldArith(const Node &N,
                                   const std::vector<IntTensor> &In) {
  if (In.size() != 2)
    return std::nullopt;
  size_t NA = In[0].Vals.size(), NB = In[1].Vals.size();
  if (NA != NB && NA != 1 && NB != 1)
    return std::nullopt;
  IntTensor T{{}, NA >= NB ? In[0].Dims : In[1].Dims};
  for (size_t I = 0; I < std::max(NA, NB); ++I) {
    int64_t A = In[0].Vals[NA == 1 ? 0 : I], B = In[1].Vals[NB == 1 ? 0 : I];
    if (N.is("Add"))
      T.Vals.push_back(A + B);
    else if (N.is("Sub"))
      T.Vals.push_back(A - B);
    else if (N.is("Mul"))
      T.Vals.push_back(A * B);
    else if (B == 0)
      return std::nullopt;
    else
      T.Vals.push_back(A / B);
  }
  return T;
}

/// Evaluates \p N when it is a foldable integer op on constant operands.
std::optional<IntTensor> evaluate(const Node &N) {
  if (!N.getDomain().empty() || N.getNumResults() != 1)
    return std::nullopt;
  if (N.is("Shape"))
    return foldShape(N);
  std::vector<IntTensor> In;
  for (const Value *V : N.getOperands()) {
    auto T = V ? readInts(V) : std::optional<IntTensor>(IntTensor{});
    if (!T)
      return std::nullopt;
    In.push_back(std::move(*T));
  }
  const std::string &Op = N.getOpType();
  if (Op == "Gather")
    return foldGather(N, In);
  if (Op == "Unsqueeze" || Op == "Squeeze")
    return foldReshaping(N, In);
  if (Op == "Concat")
    return foldConcat(In);
  if (Op == "Slice")
    return foldSlice(In);
  if (Op == "Cast" && !In.empty())
    return In[0];
  if (Op == "Add" || Op == "Sub" || Op == "Mul" || Op == "Div")
    return foldArith(N, In);
  return std::nullopt;
}

/// The tensor a Constant node holds (its `value` attribute), or nullopt.
std::optional<Tensor> constantValue(const Node &N) {
  const Attribute *A = N.getAttr("value");
  if (!A || A->getKind() != Attribute::Kind::Tensor)
    return std::nullopt;
  return A->getTensor();
}

/// Removes the pass-through node \p N (result 0 = operand 0). A graph
/// output keeps its name; false when that is not possible.
bool bypass(Graph &G, Node &N) {
  Value *In = N.getOperand(0);
  Value *Out = N.getResult(0);
  if (!In || !Out)
    return false;
  bool IsOutput =
      std::count(G.getOutputs().begin(), G.getOutputs().end(), Out) != 0;
  if (!IsOutput) {
    G.replaceAllUsesWith(Out, In);
    G.eraseNode(&N);
    return true;
  }
  // A graph output keeps its name: the input must be ours to rename.
  if (In->getParent() != &G || !In->getProducer() || G.countUses(In) != 1)
    return false;
  std::string Name = Out->getName();
  G.replaceAllUsesWith(Out, In);
  G.eraseNode(&N);
  G.renameValue(In, Name);
  return true;
}

} // namespace

unsigned hcm::removeNoOps(CanonContext &, Graph &G) {
  std::vector<Node *> Work;
  for (const auto &N : G.getNodes())
    if (N->is("Identity") || N->is("Dropout"))
      Work.push_back(N.get());
  unsigned Count = 0;
  for (Node *N : Work) {
    Value *Mask = N->getResult(1);
    if (Mask && G.countUses(Mask))
      continue;
    Count += bypass(G, *N);
  }
  return Count;
}

unsigned hcm::foldConstants(CanonContext &, Graph &G) {
  std::vector<Node *> Work;
  for (const auto &N : G.getNodes())
    Work.push_back(N.get());
  unsigned Count = 0;
  for (Node *N : Work) {
    if (N->is("Constant") && N->getNumResults() == 1 && N->getResult(0)) {
      if (auto T = constantValue(*N)) {
        replaceWithConstant(G, *N, *T);
        ++Count;
      }
      continue;
    }
    auto T = evaluate(*N);
    const Value *Y = N->getResult(0);
    if (!T || !Y || !Y->getType().isTensor())
      continue;
    ElementType Elem = Y->getType().getElementType();
    if (auto Data = encode(*T, Elem.isUnknown() ? ElementType::integer(64, true)
                                                : Elem)) {
      replaceWithConstant(G, *N, *Data);
      ++Count;
    }
  }
  return Count;
}
