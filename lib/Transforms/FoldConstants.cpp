//===- FoldConstants.cpp - No-op removal and shape-subgraph folding -------===//
//
// Two rewrites of `canonicalize`. removeNoOps drops Identity and Dropout
// (inference: Dropout passes its input through; one whose mask is used
// stays). foldConstants turns Constant nodes into initializers and evaluates
// the integer shape arithmetic exporters emit (ShapeValues.h) — torch's
// `x.view(x.size(0), -1)` is Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape, torch.chunk is Shape -> Gather -> Add -> Div -> Mul -> Slice,
// paddle2onnx writes Cast(Concat(Slice(Shape(x)), [-1])) with the opset-9
// Slice. Every value whose elements are all known becomes an initializer;
// Shape reads only the dims a consumer selects, so Gather(Shape(x), 1) folds
// under a symbolic batch. A shape operand that stays partly symbolic
// ([N, -1]) types the Reshape/ConstantOfShape result (N kept). Chains that
// cannot be evaluated are left alone: that is not an error. canonicalize
// re-infers shapes after each round and folds again, to a fixpoint.
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"
#include "ShapeValues.h"

#include <algorithm>
#include <cstring>

using namespace hcm;

namespace {

/// Encodes the known values of \p T as \p Elem (integer, bool or f32/f64),
/// little-endian as ONNX raw_data.
std::optional<Tensor> encode(const SymTensor &T, ElementType Elem) {
  if (Elem.getByteSize() == 0 ||
      !(Elem.isInteger() || Elem.getKind() == ElementType::Kind::Bool ||
        (Elem.isFloat() && Elem.getWidth() >= 32)))
    return std::nullopt;
  unsigned Size = Elem.getByteSize();
  std::string Bytes;
  for (int64_t V : T.ints()) {
    char Buf[8];
    if (Elem.isFloat() && Size == 4) {
      float F = float(V);
      std::memcpy(Buf, &F, 4);
    } else if (Elem.isFloat()) {
      double D = double(V);
      std::memcpy(Buf, &D, 8);
    } else {
      std::memcpy(Buf, &V, 8); // little-endian hosts only, as Tensor.cpp
    }
    Bytes.append(Buf, Size);
  }
  Shape S;
  for (int64_t D : T.Dims)
    S.push_back(Dim::known(D));
  return Tensor::inlineBytes(Type::tensor(Elem, S), std::move(Bytes));
}

/// Fills the unknown dims of \p V's type from \p New (same rank; a known
/// dim is never changed). True when something was added.
bool refineFrom(Value &V, const Shape &New) {
  Type &T = V.getMutableType();
  if (!T.isTensor())
    return false;
  if (!T.hasRank()) {
    T.setShape(New);
    return true;
  }
  Shape &Old = *T.shapeRef();
  if (Old.size() != New.size())
    return false;
  bool Changed = false;
  for (size_t I = 0; I < Old.size(); ++I)
    if (!Old[I].isKnown() && !New[I].isUnknown() &&
        !(Old[I].isSymbol() && New[I].isSymbol())) {
      Old[I] = New[I];
      Changed = true;
    }
  return Changed;
}

/// Types the result of an op whose output shape is one of its operands
/// (Reshape, Expand, ConstantOfShape) when that operand is known only in
/// part: a symbolic batch stays symbolic.
bool typeFromShapeOperand(const Node &N, ShapeEvaluator &Eval) {
  Value *Y = N.getResult(0);
  if (!Y || Y->getType().hasStaticShape())
    return false;
  if (N.is("Reshape") && N.getNumOperands() == 2) {
    const Value *X = N.getOperand(0);
    const SymTensor *S = Eval.get(N.getOperand(1));
    if (!X || !S || !X->getType().hasRank() || S->Dims.size() != 1)
      return false;
    auto Out = reshapeResult(X->getType().getShape(), *S,
                             N.getIntAttr("allowzero", 0) != 0);
    return Out && refineFrom(*Y, *Out);
  }
  if (N.is("ConstantOfShape")) {
    const SymTensor *S = Eval.get(N.getOperand(0));
    if (!S || S->Dims.size() != 1)
      return false;
    Shape Out;
    for (const Dim &D : S->Vals)
      Out.push_back(D.isKnown() || (D.isSymbol() && D.getSymbol()[0] != '#')
                        ? D
                        : Dim::unknown());
    return refineFrom(*Y, Out);
  }
  return false;
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

unsigned hcm::foldConstants(CanonContext &C, Graph &G) {
  std::vector<Node *> Work;
  for (const auto &N : G.getNodes())
    Work.push_back(N.get());
  ShapeEvaluator Eval;
  unsigned Count = 0;
  for (Node *N : Work) {
    if (N->is("Constant") && N->getNumResults() == 1 && N->getResult(0)) {
      if (auto T = constantValue(*N)) {
        replaceWithConstant(G, *N, *T);
        ++Count;
      }
      continue;
    }
    if (N->getNumResults() != 1 || !N->getSubgraphs().empty())
      continue;
    const Value *Y = N->getResult(0);
    const SymTensor *T = Eval.evaluate(*N);
    if (!T || !Y || !Y->getType().isTensor() || !T->allKnown()) {
      unsigned Typed = typeFromShapeOperand(*N, Eval);
      Count += Typed;
      C.ShapeFolds += Typed;
      continue;
    }
    ElementType Elem = Y->getType().getElementType();
    if (auto Data = encode(*T, Elem.isUnknown() ? ElementType::integer(64, true)
                                                : Elem)) {
      Eval.forget(Y);
      replaceWithConstant(G, *N, *Data);
      ++Count;
      ++C.ShapeFolds;
    }
  }
  return Count;
}
