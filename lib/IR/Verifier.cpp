//===- Verifier.cpp - IR invariants ---------------------------------------===//
//
// First collects every value and subgraph of the nest, then walks graphs in
// order, tracking which values are in scope (outer scopes included): each
// operand and output must be defined earlier here or in an enclosing graph,
// names are unique across the nest, and a value pointer the nest does not
// own is reported without being dereferenced. Then come the type rules the
// analyses rely on: dims, initializer data sizes, Conv/Gemm/MatMul dims,
// Conv and pooling window attributes (VerifyWindow.cpp), elementwise
// broadcasting and element types. The first violation is returned as a
// one-line error.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Verifier.h"
#include "VerifierInternal.h"
#include "hcm/IR/Diag.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <unordered_set>

using namespace hcm;

namespace {

class Verifier {
public:
  explicit Verifier(const Module &M) : M(M) {}
  llvm::Error run();

private:
  // Structure and scopes.
  llvm::Error collect(const Graph &G);
  llvm::Error verifyGraph(const Graph &G);
  llvm::Error verifyNode(const Node &N, const Graph &G);
  llvm::Error verifyOutputs(const Graph &G);
  llvm::Error defineValue(const Value *V, const Graph &G);
  std::string useProblem(const Value *V, size_t Index, const Graph &G,
                         llvm::StringRef What) const;
  void leaveScope(const Graph &G);
  llvm::Error valueError(const Value *V, const llvm::Twine &Msg) const {
    return makeError(locString(M.getSourcePath(), V->getLoc()), Msg);
  }

  // Types and data.
  llvm::Error checkData(const Value *V) const;
  llvm::Error checkTensorAttrs(const Node &N) const;

  // Op rules (default domain).
  llvm::Error checkOp(const Node &N) const;
  llvm::Error checkConv(const Node &N) const;
  llvm::Error checkMatMul(const Node &N) const;
  llvm::Error checkGemm(const Node &N) const;
  llvm::Error checkBroadcast(const Node &N) const;
  llvm::Error checkUnary(const Node &N) const;
  llvm::Error checkSameElement(const Node &N,
                               std::initializer_list<size_t> Operands) const;

  const Module &M;
  /// Every value the nest owns (the keys), and whether it is in scope at
  /// the current point of the walk: one map, one lookup per use.
  llvm::DenseMap<const Value *, bool> InScope;
  llvm::DenseSet<const Graph *> Graphs;
  /// Name -> graph of every value defined so far (the names are the values'
  /// own strings, which outlive the verifier: no copies).
  llvm::DenseMap<llvm::StringRef, const Graph *> Names;
  /// A value seen twice by collect (one Value in two places).
  bool ValueTwice = false;
  /// Names are known unique without Names (namesUniqueByIndex).
  bool UniqueByIndex = false;
  bool namesUniqueByIndex() const;
};

const Type *tensorType(const Value *V) {
  return V && V->getType().isTensor() ? &V->getType() : nullptr;
}

const Type *rankedType(const Value *V) {
  const Type *T = tensorType(V);
  return T && T->hasRank() ? T : nullptr;
}

/// A dim below -1 (-1 itself is how Dim stores "unknown"), searching
/// container types too.
std::optional<int64_t> negativeDim(const Type &T) {
  if (T.isTensor() && T.hasRank()) {
    for (const Dim &D : T.getShape())
      if (!D.isSymbol() && D.getValue() < -1)
        return D.getValue();
    return std::nullopt;
  }
  if (T.isTensor() || T.isUnknown())
    return std::nullopt;
  return negativeDim(T.getInner());
}

/// Two dims that may be equal: only two different known sizes are not.
bool mayBeEqual(const Dim &A, const Dim &B) {
  return !(A.isKnown() && B.isKnown() && A.getValue() != B.getValue());
}

/// Numpy broadcasting of one dim pair: 1 and unknown dims go with anything;
/// otherwise sizes must be equal, and a symbol equals only itself.
bool broadcastable(const Dim &A, const Dim &B) {
  auto IsOne = [](const Dim &D) { return D.isKnown() && D.getValue() == 1; };
  return IsOne(A) || IsOne(B) || A.isUnknown() || B.isUnknown() || A == B;
}

/// Numpy broadcasting of two shapes, aligned at their last dims.
bool shapesBroadcast(llvm::ArrayRef<Dim> A, llvm::ArrayRef<Dim> B) {
  for (size_t I = 1; I <= std::min(A.size(), B.size()); ++I)
    if (!broadcastable(A[A.size() - I], B[B.size() - I]))
      return false;
  return true;
}

std::string dimStr(const Dim &D) {
  if (D.isKnown())
    return std::to_string(D.getValue());
  return D.isSymbol() ? D.getSymbol() : "?";
}

/// What is wrong with the inline data of \p T ("" when it is consistent):
/// non-string data holds numel x element-size bytes, string data numel
/// strings. Sub-byte element types are not checked.
std::string dataProblem(const Tensor &T) {
  const Type &Ty = T.getType();
  ElementType E = Ty.getElementType();
  bool IsString = E.getKind() == ElementType::Kind::String;
  if (!T.isInline() || (!IsString && E.getByteSize() == 0))
    return "";
  if (!Ty.hasStaticShape())
    return "has inline data but its type " + Ty.str() + " has no static shape";
  int64_t Need = 1;
  for (const Dim &D : Ty.getShape())
    if (llvm::MulOverflow(Need, D.getValue(), Need))
      return "has type " + Ty.str() + ", which has too many elements";
  if (!IsString && llvm::MulOverflow(Need, int64_t(E.getByteSize()), Need))
    return "has type " + Ty.str() + ", which has too many elements";
  size_t Have =
      IsString ? T.getStrings().size() : llvm::cantFail(T.getBytes()).size();
  if (uint64_t(Need) == Have)
    return "";
  return "of type " + Ty.str() + " holds " + std::to_string(Have) +
         (IsString ? " strings" : " bytes") + ", expected " +
         std::to_string(Need);
}

} // namespace

//===----------------------------------------------------------------------===//
// Structure and scopes
//===----------------------------------------------------------------------===//

llvm::Error Verifier::run() {
  for (const auto &[Domain, Version] : M.getOpsets())
    if (Version < 1)
      return makeError(M.getSourcePath(),
                       "opset for domain '" +
                           (Domain.empty() ? std::string("ai.onnx") : Domain) +
                           "' has version " + llvm::Twine(Version) +
                           " (must be >= 1)");
  const Graph &Main = M.getGraph();
  size_t Values = Main.getNodes().size() + Main.getInputs().size() +
                  Main.getInitializers().size();
  InScope.reserve(Values);
  if (llvm::Error E = collect(M.getGraph()))
    return E;
  UniqueByIndex = namesUniqueByIndex();
  if (!UniqueByIndex)
    Names.reserve(Values);
  return verifyGraph(M.getGraph());
}

/// One graph (no subgraphs), no value in two places, and no value of it
/// was ever given a name another had (Graph::getNameClashes): no two values
/// share a name, so the walk need not build a second name table. Anything
/// else takes the walk with the table, which reports a duplicate where it
/// is defined second.
bool Verifier::namesUniqueByIndex() const {
  return Graphs.size() == 1 && !ValueTwice &&
         M.getGraph().getNameClashes() == 0;
}

/// Records the values and graphs of the nest under \p G; a graph reached
/// twice (one Graph in two attributes) or not naming its node is an error.
llvm::Error Verifier::collect(const Graph &G) {
  if (!Graphs.insert(&G).second)
    return makeError(locString(M.getSourcePath(), G.getLoc()),
                     "graph '" + G.getName() +
                         "' appears more than once in the nest");
  auto Own = [&](const Value *V) {
    if (!InScope.try_emplace(V, false).second)
      ValueTwice = true;
  };
  for (const Value *V : G.getInputs())
    Own(V);
  for (const Value *V : G.getInitializers())
    Own(V);
  for (const auto &N : G.getNodes()) {
    for (const Value *R : N->getResults())
      if (R)
        Own(R);
    for (const Graph *Sub : N->getSubgraphs()) {
      if (Sub->getParentNode() != N.get())
        return nodeError(M, *N,
                         "subgraph '" + Sub->getName() +
                             "' does not record this node as its parent");
      if (llvm::Error E = collect(*Sub))
        return E;
    }
  }
  return llvm::Error::success();
}

llvm::Error Verifier::verifyGraph(const Graph &G) {
  for (const Value *V : G.getInputs())
    if (llvm::Error E = defineValue(V, G))
      return E;
  for (const Value *V : G.getInitializers())
    if (llvm::Error E = defineValue(V, G))
      return E;
  for (const auto &N : G.getNodes())
    if (llvm::Error E = verifyNode(*N, G))
      return E;
  if (llvm::Error E = verifyOutputs(G))
    return E;
  if (G.getParentNode())
    leaveScope(G);
  return llvm::Error::success();
}

llvm::Error Verifier::verifyNode(const Node &N, const Graph &G) {
  if (N.getName().empty())
    return nodeError(M, N, "node has no name");
  for (size_t I = 0; I < N.getNumOperands(); ++I) {
    const Value *Op = N.getOperand(I);
    if (!Op)
      continue;
    std::string Problem = useProblem(Op, I, G, "operand");
    if (!Problem.empty())
      return nodeError(M, N, Problem);
  }
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
  if (llvm::Error E = checkTensorAttrs(N))
    return E;
  return checkOp(N);
}

llvm::Error Verifier::verifyOutputs(const Graph &G) {
  const auto &Outs = G.getOutputs();
  for (size_t I = 0; I < Outs.size(); ++I) {
    std::string Problem = Outs[I] ? useProblem(Outs[I], I, G, "output")
                                  : "output " + std::to_string(I) + " is empty";
    if (!Problem.empty())
      return makeError(locString(M.getSourcePath(), G.getLoc()),
                       "graph '" + G.getName() + "': " + Problem);
  }
  return llvm::Error::success();
}

/// Why \p V (operand or output number \p Index) cannot be used in \p G, or
/// "" when it can. A value the nest does not own is not dereferenced.
std::string Verifier::useProblem(const Value *V, size_t Index, const Graph &G,
                                 llvm::StringRef What) const {
  auto It = InScope.find(V);
  if (It != InScope.end() && It->second)
    return "";
  if (It == InScope.end())
    return What.str() + " " + std::to_string(Index) +
           " is a dangling value, not owned by this graph or an enclosing "
           "graph";
  std::string Subject = What.str() + " '" + V->getName() + "'";
  for (const Graph *S = &G; S; S = S->getParentGraph())
    if (V->getParent() == S)
      return Subject + " is used before its definition";
  return Subject + " is not in scope (it is defined in graph '" +
         V->getParent()->getName() + "')";
}

llvm::Error Verifier::defineValue(const Value *V, const Graph &G) {
  if (V->getName().empty())
    return valueError(V, "a value of graph '" + G.getName() + "' has no name");
  if (!UniqueByIndex) {
    auto Ins = Names.try_emplace(llvm::StringRef(V->getName()), &G);
    if (!Ins.second)
      return valueError(V, "duplicate value name '" + V->getName() +
                               "' in graph '" + G.getName() +
                               "' (also defined in graph '" +
                               Ins.first->second->getName() + "')");
  }
  if (std::optional<int64_t> D = negativeDim(V->getType()))
    return valueError(V, "value '" + V->getName() + "' has a negative dim " +
                             llvm::Twine(*D));
  InScope[V] = true;
  return checkData(V);
}

/// A subgraph's values go out of scope for the nodes after its parent.
void Verifier::leaveScope(const Graph &G) {
  for (const Value *V : G.getInputs())
    InScope[V] = false;
  for (const Value *V : G.getInitializers())
    InScope[V] = false;
  for (const auto &N : G.getNodes())
    for (const Value *R : N->getResults())
      if (R)
        InScope[R] = false;
}

//===----------------------------------------------------------------------===//
// Types and data
//===----------------------------------------------------------------------===//

llvm::Error Verifier::checkData(const Value *V) const {
  if (!V->hasData())
    return llvm::Error::success();
  const Tensor &T = V->getData();
  if (T.getType() != V->getType() && !V->getType().isUnknown() && !V->isInput())
    return valueError(V, "initializer '" + V->getName() + "' has type " +
                             V->getType().str() + " but data of type " +
                             T.getType().str());
  std::string Problem = dataProblem(T);
  if (!Problem.empty())
    return valueError(V, "initializer '" + V->getName() + "' " + Problem);
  return llvm::Error::success();
}

/// Tensor and tensor-list attributes hold as much data as their types say.
llvm::Error Verifier::checkTensorAttrs(const Node &N) const {
  for (const auto &[Key, A] : N.getAttrs()) {
    llvm::ArrayRef<Tensor> List;
    if (A.getKind() == Attribute::Kind::Tensor)
      List = llvm::makeArrayRef(A.getTensor());
    else if (A.getKind() == Attribute::Kind::Tensors)
      List = A.getTensors();
    for (const Tensor &T : List) {
      std::string Problem = dataProblem(T);
      if (!Problem.empty())
        return nodeError(M, N, "attribute '" + Key + "' " + Problem);
    }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Op rules
//===----------------------------------------------------------------------===//

llvm::Error Verifier::checkOp(const Node &N) const {
  if (!N.getDomain().empty() && N.getDomain() != "ai.onnx")
    return llvm::Error::success();
  if (std::string Empty = emptyComputeProblem(N); !Empty.empty())
    return nodeError(M, N, Empty);
  enum class Rule { None, Conv, Pool, MatMul, Gemm, Broadcast, Unary };
  switch (llvm::StringSwitch<Rule>(N.getOpType())
              .Cases("Conv", "ConvTranspose", Rule::Conv)
              .Cases("MaxPool", "AveragePool", "LpPool", Rule::Pool)
              .Case("MatMul", Rule::MatMul)
              .Case("Gemm", Rule::Gemm)
              .Cases("Add", "Sub", "Mul", "Div", Rule::Broadcast)
              .Cases("Relu", "Sigmoid", "Identity", Rule::Unary)
              .Default(Rule::None)) {
  case Rule::Conv:
    return checkConv(N);
  case Rule::Pool: {
    const Type *X = rankedType(N.getOperand(0));
    std::string Window =
        windowProblem(N, X && X->getRank() >= 2 ? X : nullptr, nullptr);
    if (!Window.empty())
      return nodeError(M, N, Window);
    return llvm::Error::success();
  }
  case Rule::MatMul:
    return checkMatMul(N);
  case Rule::Gemm:
    return checkGemm(N);
  case Rule::Broadcast:
    return checkBroadcast(N);
  case Rule::Unary:
    return checkUnary(N);
  case Rule::None:
    break;
  }
  return llvm::Error::success();
}

/// The known element types of \p Operands are all equal. Integer types may
/// differ from each other: quantized graphs (after fold-qdq) multiply u8
/// activations by i8 weights and add differently quantized tensors.
llvm::Error
Verifier::checkSameElement(const Node &N,
                           std::initializer_list<size_t> Operands) const {
  const Type *First = nullptr;
  for (size_t I : Operands) {
    const Type *T = tensorType(N.getOperand(I));
    if (!T || T->getElementType().isUnknown())
      continue;
    if (!First)
      First = T;
    else if (T->getElementType() != First->getElementType() &&
             !(T->getElementType().isInteger() &&
               First->getElementType().isInteger()))
      return nodeError(M, N,
                       "operand element types " +
                           First->getElementType().str() + " and " +
                           T->getElementType().str() + " differ");
  }
  return llvm::Error::success();
}

/// Conv weights are [M, C/group, k...]; ConvTranspose weights [C, M/group,
/// k...].
llvm::Error Verifier::checkConv(const Node &N) const {
  const Type *X = rankedType(N.getOperand(0));
  const Type *W = rankedType(N.getOperand(1));
  if (X && W && X->getRank() != W->getRank())
    return nodeError(M, N,
                     "input rank " + llvm::Twine(X->getRank()) +
                         " differs from weight rank " +
                         llvm::Twine(W->getRank()));
  if (X && X->getRank() < 3)
    return nodeError(M, N,
                     "input rank " + llvm::Twine(X->getRank()) +
                         " is too small for a convolution");
  std::string Window = windowProblem(N, X, W);
  if (!Window.empty())
    return nodeError(M, N, Window);
  if (!X || !W)
    return llvm::Error::success();
  int64_t Group = N.getIntAttr("group", 1);
  if (Group < 1)
    return nodeError(M, N, "group " + llvm::Twine(Group) + " is not positive");
  bool Transposed = N.getOpType() == "ConvTranspose";
  const Dim &C = X->getShape()[1];
  const Dim &WC = W->getShape()[Transposed ? 0 : 1];
  int64_t Factor = Transposed ? 1 : Group, Need;
  if (C.isKnown() && WC.isKnown() &&
      (llvm::MulOverflow(WC.getValue(), Factor, Need) || C.getValue() != Need))
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

/// numpy matmul: rank-1 operands are vectors; batch dims broadcast.
llvm::Error Verifier::checkMatMul(const Node &N) const {
  if (llvm::Error E = checkSameElement(N, {0, 1}))
    return E;
  const Type *A = rankedType(N.getOperand(0));
  const Type *B = rankedType(N.getOperand(1));
  if (!A || !B)
    return llvm::Error::success();
  if (A->getRank() == 0 || B->getRank() == 0)
    return nodeError(M, N,
                     "MatMul operands " + A->str() + " and " + B->str() +
                         " must have rank >= 1");
  llvm::ArrayRef<Dim> SA = A->getShape(), SB = B->getShape();
  const Dim &KA = SA.back();
  const Dim &KB = SB.size() == 1 ? SB[0] : SB[SB.size() - 2];
  if (!mayBeEqual(KA, KB))
    return nodeError(M, N,
                     "inner dimensions " + dimStr(KA) + " and " + dimStr(KB) +
                         " do not match (" + A->str() + " x " + B->str() + ")");
  llvm::ArrayRef<Dim> BatchA = SA.size() > 2 ? SA.drop_back(2) : llvm::None;
  llvm::ArrayRef<Dim> BatchB = SB.size() > 2 ? SB.drop_back(2) : llvm::None;
  if (!shapesBroadcast(BatchA, BatchB))
    return nodeError(M, N,
                     "batch dimensions of " + A->str() + " and " + B->str() +
                         " do not broadcast");
  return llvm::Error::success();
}

/// Y = op(A) x op(B) + C with matrices A and B; transA/transB swap dims.
llvm::Error Verifier::checkGemm(const Node &N) const {
  if (llvm::Error E = checkSameElement(N, {0, 1, 2}))
    return E;
  const Type *A = rankedType(N.getOperand(0));
  const Type *B = rankedType(N.getOperand(1));
  if (!A || !B)
    return llvm::Error::success();
  if (A->getRank() != 2 || B->getRank() != 2)
    return nodeError(M, N,
                     "Gemm operands " + A->str() + " and " + B->str() +
                         " must be matrices");
  const Dim &KA = A->getShape()[N.getIntAttr("transA", 0) ? 0 : 1];
  const Dim &KB = B->getShape()[N.getIntAttr("transB", 0) ? 1 : 0];
  if (!mayBeEqual(KA, KB))
    return nodeError(M, N,
                     "inner dimensions " + dimStr(KA) + " and " + dimStr(KB) +
                         " do not match (" + A->str() + " x " + B->str() + ")");
  return llvm::Error::success();
}

llvm::Error Verifier::checkBroadcast(const Node &N) const {
  if (llvm::Error E = checkSameElement(N, {0, 1}))
    return E;
  const Type *A = rankedType(N.getOperand(0));
  const Type *B = rankedType(N.getOperand(1));
  if (A && B && !shapesBroadcast(A->getShape(), B->getShape()))
    return nodeError(
        M, N, "shapes " + A->str() + " and " + B->str() + " do not broadcast");
  return llvm::Error::success();
}

/// Relu, Sigmoid, Identity: the result has the operand's element type.
llvm::Error Verifier::checkUnary(const Node &N) const {
  const Type *In = tensorType(N.getOperand(0));
  const Type *Out = tensorType(N.getResult(0));
  if (!In || !Out || In->getElementType().isUnknown() ||
      Out->getElementType().isUnknown() ||
      In->getElementType() == Out->getElementType())
    return llvm::Error::success();
  return nodeError(M, N,
                   "result element type " + Out->getElementType().str() +
                       " differs from operand element type " +
                       In->getElementType().str());
}

llvm::Error hcm::verifyModule(const Module &M) { return Verifier(M).run(); }
