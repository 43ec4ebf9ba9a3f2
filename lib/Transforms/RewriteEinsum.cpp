//===- RewriteEinsum.cpp - Einsum matrix products as MatMul ---------------===//
//
// torch.einsum exports as Einsum, which the analyses would cost as vector
// work with no MACs. A two-operand Einsum that is a (batched) matrix product
// -- the same leading batch letters in both operands and the result, one
// letter contracted, the row letter from the first operand and the column
// letter from the second, the result "batch row col" -- becomes a MatMul,
// with a Transpose of the last two dims of an operand whose contracted
// letter is not where MatMul wants it. MaxViT's attention,
// "BGHID,BGHJD->BGHIJ", is Q x K^T. Any other equation stays an Einsum
// (vector work).
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"

#include "hcm/IR/Graph.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace hcm;

namespace {

/// How the operands of a matrix-product equation map onto MatMul.
struct EinsumPlan {
  bool TransposeA = false, TransposeB = false;
};

bool distinctLetters(llvm::StringRef S) {
  for (size_t I = 0; I < S.size(); ++I)
    if (!llvm::isAlpha(S[I]) || S.find(S[I], I + 1) != llvm::StringRef::npos)
      return false;
  return true;
}

/// The plan for \p Eq ("ab,bc->ac" with batch letters in front), or none.
std::optional<EinsumPlan> planEinsum(std::string Eq) {
  Eq.erase(std::remove(Eq.begin(), Eq.end(), ' '), Eq.end());
  llvm::StringRef E(Eq);
  auto [Lhs, Out] = E.split("->");
  auto [A, B] = Lhs.split(',');
  size_t R = Out.size();
  if (!E.contains("->") || B.contains(',') || R < 2 || A.size() != R ||
      B.size() != R || !distinctLetters(A) || !distinctLetters(B) ||
      !distinctLetters(Out))
    return std::nullopt;
  llvm::StringRef Batch = Out.take_front(R - 2);
  if (!A.startswith(Batch) || !B.startswith(Batch))
    return std::nullopt;
  char Row = Out[R - 2], Col = Out[R - 1];
  llvm::StringRef TA = A.drop_front(R - 2), TB = B.drop_front(R - 2);
  // The contracted letter: in both tails, in neither result position.
  char K = TA[0] == Row ? TA[1] : TA[0];
  if (K == Row || K == Col || !TA.contains(Row) || !TB.contains(Col) ||
      !TB.contains(K))
    return std::nullopt;
  EinsumPlan P;
  P.TransposeA = TA[0] == K;
  P.TransposeB = TB[1] == K;
  return P;
}

/// Inserts before \p N a Transpose of \p X's last two dims; returns it.
Value *transposeLast2(Graph &G, Node &N, Value *X) {
  const Type &T = X->getType();
  if (!T.isTensor() || !T.hasRank() || T.getShape().size() < 2)
    return nullptr;
  Shape S = T.getShape();
  std::vector<int64_t> Perm;
  for (size_t I = 0; I < S.size(); ++I)
    Perm.push_back(I);
  std::swap(Perm[S.size() - 2], Perm[S.size() - 1]);
  std::swap(S[S.size() - 2], S[S.size() - 1]);
  Node *Tr = G.insertNodeBefore(&N, "", "Transpose",
                                N.getName() + "/Transpose_" + X->getName());
  Tr->setAttr("perm", Perm);
  Tr->addOperand(X);
  return G.addResult(Tr, G.makeUniqueName(X->getName() + "_T"),
                     Type::tensor(T.getElementType(), S));
}

} // namespace

unsigned hcm::rewriteEinsums(CanonContext &C, Graph &G) {
  std::vector<Node *> Todo;
  for (const auto &N : G.getNodes())
    if (N->is("Einsum") && N->getDomain().empty() && N->getNumOperands() == 2)
      Todo.push_back(N.get());
  unsigned Count = 0;
  for (Node *N : Todo) {
    auto Plan = planEinsum(N->getStringAttr("equation"));
    Value *A = N->getOperand(0), *B = N->getOperand(1);
    if (!Plan || !A || !B)
      continue;
    Value *NA = Plan->TransposeA ? transposeLast2(G, *N, A) : A;
    Value *NB = Plan->TransposeB ? transposeLast2(G, *N, B) : B;
    if (!NA || !NB)
      continue;
    N->setOpType("", "MatMul");
    N->removeAttr("equation");
    N->setOperands({NA, NB});
    ++Count;
  }
  // The MatMul's result is re-inferred (ONNX may not have typed the Einsum).
  C.ShapeFolds += Count;
  return Count;
}
