//===- Verifier.cpp - IR invariants ---------------------------------------===//
//
// Walks graphs in order, tracking which values are defined so far (outer
// scopes included), and checks each node's operands and results, then the
// shape rules of the ops the analyses rely on (Conv, Gemm, MatMul,
// elementwise broadcasting). The first violation is returned.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Verifier.h"
#include "hcm/IR/Diag.h"

#include <set>
#include <unordered_set>

using namespace hcm;

namespace {

class Verifier {
public:
  explicit Verifier(const Module &M) : M(M) {}
  llvm::Error verifyGraph(const Graph &G);

private:
  llvm::Error defineValue(const Value *V, const Graph &G);
  llvm::Error checkData(const Value *V);
  llvm::Error checkNode(const Node &N);
  llvm::Error checkConv(const Node &N);
  llvm::Error checkMatMul(const Node &N, bool Gemm);
  llvm::Error checkBroadcast(const Node &N);
  llvm::Error fail(const Value *V, const Graph &G, const llvm::Twine &Msg);

  const Module &M;
  std::unordered_set<const Value *> Defined;
  std::set<std::string> Names;
};

/// Two dims can be equal (unknown and symbols are compatible with anything
/// except a different known size).
bool compatible(const Dim &A, const Dim &B) {
  return !(A.isKnown() && B.isKnown() && A.getValue() != B.getValue());
}

const Type *rankedType(const Value *V) {
  return V && V->getType().isTensor() && V->getType().hasRank() ? &V->getType()
                                                                : nullptr;
}

} // namespace

llvm::Error Verifier::fail(const Value *V, const Graph &,
                           const llvm::Twine &Msg) {
  return makeError(locString(M.getSourcePath(), V->getLoc()), Msg);
}

llvm::Error Verifier::defineValue(const Value *V, const Graph &G) {
  if (V->getName().empty())
    return fail(V, G, "a value has no name in graph '" + G.getName() + "'");
  if (!Names.insert(V->getName()).second)
    return fail(V, G, "duplicate value name '" + V->getName() + "'");
  if (V->getType().isTensor() && V->getType().hasRank())
    for (const Dim &D : V->getType().getShape())
      if (!D.isKnown() && !D.isSymbol() && !D.isUnknown())
        return fail(V, G, "value '" + V->getName() + "' has a negative dim");
  Defined.insert(V);
  return checkData(V);
}

llvm::Error Verifier::checkData(const Value *V) {
  if (!V->hasData())
    return llvm::Error::success();
  const Tensor &T = V->getData();
  if (T.getType() != V->getType() && !V->getType().isUnknown() && !V->isInput())
    return makeError(locString(M.getSourcePath(), V->getLoc()),
                     "initializer '" + V->getName() + "' has type " +
                         V->getType().str() + " but data of type " +
                         T.getType().str());
  if (!T.isInline())
    return llvm::Error::success();
  auto N = T.getType().getNumElements();
  ElementType E = T.getType().getElementType();
  if (!N)
    return llvm::Error::success();
  size_t Have = E.getKind() == ElementType::Kind::String
                    ? T.getStrings().size()
                    : cantFail(T.getBytes()).size();
  size_t Need = E.getKind() == ElementType::Kind::String
                    ? size_t(*N)
                    : size_t(*N) * E.getByteSize();
  if (E.getByteSize() == 0 && E.getKind() != ElementType::Kind::String)
    return llvm::Error::success(); // sub-byte packing: not checked
  if (Have != Need)
    return makeError(
        locString(M.getSourcePath(), V->getLoc()),
        "initializer '" + V->getName() + "' of type " + T.getType().str() +
            " holds " + llvm::Twine(Have) +
            (E.getKind() == ElementType::Kind::String ? " strings" : " bytes") +
            ", expected " + llvm::Twine(Need));
  return llvm::Error::success();
}

llvm::Error Verifier::verifyGraph(const Graph &G) {
  for (const Value *V : G.getInputs())
    if (llvm::Error E = defineValue(V, G))
      return E;
  for (const Value *V : G.getInitializers())
    if (llvm::Error E = defineValue(V, G))
      return E;
  for (const auto &NP : G.getNodes()) {
    const Node &N = *NP;
    if (N.getName().empty())
      return nodeError(M, N, "node has no name");
    for (const Value *Op : N.getOperands())
      if (Op && !Defined.count(Op))
        return nodeError(M, N,
                         "operand '" + Op->getName() +
                             "' is used before its definition or "
                             "is not in scope");
    for (const Graph *Sub : N.getSubgraphs())
      if (llvm::Error E = verifyGraph(*Sub))
        return E;
    for (const Value *R : N.getResults()) {
      if (!R)
        continue;
      if (R->getProducer() != &N || R->getParent() != &G)
        return nodeError(
            M, N, "result '" + R->getName() + "' does not belong to this node");
      if (llvm::Error E = defineValue(R, G))
        return E;
    }
    if (llvm::Error E = checkNode(N))
      return E;
  }
  for (const Value *V : G.getOutputs())
    if (!V || !Defined.count(V))
      return makeError(locString(M.getSourcePath(), G.getLoc()),
                       "graph '" + G.getName() + "' returns '" +
                           (V ? V->getName() : std::string("?")) +
                           "', which is not defined in scope");
  // A subgraph's values go out of scope for its siblings.
  if (G.getParentNode()) {
    for (const auto *List : {&G.getInputs(), &G.getInitializers()})
      for (const Value *V : *List)
        Defined.erase(V);
    for (const auto &N : G.getNodes())
      for (const Value *R : N->getResults())
        Defined.erase(R);
  }
  return llvm::Error::success();
}

llvm::Error Verifier::checkNode(const Node &N) {
  if (!N.getDomain().empty())
    return llvm::Error::success();
  const std::string &Op = N.getOpType();
  if (Op == "Conv" || Op == "ConvTranspose")
    return checkConv(N);
  if (Op == "MatMul" || Op == "Gemm")
    return checkMatMul(N, Op == "Gemm");
  if (Op == "Add" || Op == "Sub" || Op == "Mul" || Op == "Div")
    return checkBroadcast(N);
  if (Op == "Relu" || Op == "Sigmoid" || Op == "Identity") {
    const Value *In = N.getOperand(0), *Out = N.getResult(0);
    if (In && Out && !In->getType().getElementType().isUnknown() &&
        !Out->getType().getElementType().isUnknown() &&
        In->getType().getElementType() != Out->getType().getElementType())
      return nodeError(M, N,
                       "result element type " +
                           Out->getType().getElementType().str() +
                           " differs from operand type " +
                           In->getType().getElementType().str());
  }
  return llvm::Error::success();
}

llvm::Error Verifier::checkConv(const Node &N) {
  const Type *X = rankedType(N.getOperand(0));
  const Type *W = rankedType(N.getOperand(1));
  if (!X || !W)
    return llvm::Error::success();
  if (X->getRank() != W->getRank())
    return nodeError(M, N,
                     "input rank " + llvm::Twine(X->getRank()) +
                         " differs from weight rank " +
                         llvm::Twine(W->getRank()));
  if (X->getRank() < 3)
    return nodeError(M, N,
                     "input rank " + llvm::Twine(X->getRank()) +
                         " is too small for a convolution");
  int64_t Group = N.getIntAttr("group", 1);
  if (Group < 1)
    return nodeError(M, N, "group " + llvm::Twine(Group) + " is not positive");
  const Dim &C = X->getShape()[1];
  // Conv weights are [M, C/g, k...]; ConvTranspose weights are [C, M/g, k...].
  bool Transposed = N.getOpType() == "ConvTranspose";
  const Dim &WC = W->getShape()[Transposed ? 0 : 1];
  int64_t Factor = Transposed ? 1 : Group;
  if (C.isKnown() && WC.isKnown() && C.getValue() != WC.getValue() * Factor)
    return nodeError(M, N,
                     "input channels " + llvm::Twine(C.getValue()) +
                         " do not match weight channels " +
                         llvm::Twine(WC.getValue()) + " x group " +
                         llvm::Twine(Factor));
  const Dim &Out = W->getShape()[0];
  if (!Transposed && Out.isKnown() && Out.getValue() % Group != 0)
    return nodeError(M, N,
                     "output channels " + llvm::Twine(Out.getValue()) +
                         " are not divisible by group " + llvm::Twine(Group));
  return llvm::Error::success();
}

llvm::Error Verifier::checkMatMul(const Node &N, bool Gemm) {
  const Value *AV = N.getOperand(0), *BV = N.getOperand(1);
  const Type *A = rankedType(AV), *B = rankedType(BV);
  if (A && B && !A->getElementType().isUnknown() &&
      !B->getElementType().isUnknown() &&
      A->getElementType() != B->getElementType())
    return nodeError(M, N,
                     "operand element types " + A->getElementType().str() +
                         " and " + B->getElementType().str() + " differ");
  if (!A || !B || A->getRank() == 0 || B->getRank() == 0)
    return llvm::Error::success();
  if (Gemm && (A->getRank() != 2 || B->getRank() != 2))
    return nodeError(M, N, "Gemm operands must be matrices");
  size_t RA = A->getRank(), RB = B->getRank();
  Dim KA = A->getShape()[Gemm && N.getIntAttr("transA", 0) ? 0 : RA - 1];
  Dim KB = B->getShape()[RB == 1                             ? 0
                         : Gemm && N.getIntAttr("transB", 0) ? 1
                                                             : RB - 2];
  if (!compatible(KA, KB))
    return nodeError(M, N,
                     "inner dimensions " + llvm::Twine(KA.getValue()) +
                         " and " + llvm::Twine(KB.getValue()) +
                         " do not match");
  return llvm::Error::success();
}

llvm::Error Verifier::checkBroadcast(const Node &N) {
  const Type *A = rankedType(N.getOperand(0)), *B = rankedType(N.getOperand(1));
  if (!A || !B)
    return llvm::Error::success();
  if (!A->getElementType().isUnknown() && !B->getElementType().isUnknown() &&
      A->getElementType() != B->getElementType())
    return nodeError(M, N,
                     "operand element types " + A->getElementType().str() +
                         " and " + B->getElementType().str() + " differ");
  const Shape &SA = A->getShape(), &SB = B->getShape();
  for (size_t I = 1; I <= std::min(SA.size(), SB.size()); ++I) {
    const Dim &DA = SA[SA.size() - I], &DB = SB[SB.size() - I];
    bool One = (DA.isKnown() && DA.getValue() == 1) ||
               (DB.isKnown() && DB.getValue() == 1);
    if (!One && !compatible(DA, DB))
      return nodeError(M, N,
                       "shapes " + A->str() + " and " + B->str() +
                           " do not broadcast");
  }
  return llvm::Error::success();
}

llvm::Error hcm::verifyModule(const Module &M) {
  return Verifier(M).verifyGraph(M.getGraph());
}
