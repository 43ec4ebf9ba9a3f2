//===- FoldQDQ.cpp - annotate-quant{fold-qdq=true}
//-------------------------===//
//
// Removes the QDQ pairs of a quantized model so that its compute graph looks
// like the float one with narrow types:
//  - DequantizeLinear of an integer constant (weights, biases): users read
//    the integer initializer directly;
//  - QuantizeLinear(x) whose users are all DequantizeLinear: x takes the
//    quantized type and the DQ users read x. When x comes from Relu,
//    Identity or MaxPool (and nothing else reads their input), the input is
//    retyped too, back to the producing layer, so element types stay
//    consistent.
// Scales and zero points are dropped (annotate-quant has already recorded the
// formats on the compute nodes). Pairs that cannot be folded this way (x is a
// graph output or has float users, Q/DQ outputs are graph outputs) stay, with
// one warning.
//
//===----------------------------------------------------------------------===//
#include "QuantInternal.h"

#include "hcm/IR/Graph.h"
#include "hcm/Import/QuantOps.h"

using namespace hcm;

namespace {

bool isOutput(const Graph &G, const Value *V) {
  for (const Value *O : G.getOutputs())
    if (O == V)
      return true;
  return false;
}

bool isIntegerTensor(const Value *V) {
  return V && V->getType().isTensor() &&
         V->getType().getElementType().isInteger();
}

class QDQFolder {
public:
  QDQFolder(const Module &M, Graph &G, PassContext &Ctx)
      : M(M), G(G), Ctx(Ctx) {}

  void run() {
    std::vector<Node *> DQs, Qs;
    for (const auto &N : G.getNodes()) {
      if (isDequantizeLinear(*N))
        DQs.push_back(N.get());
      else if (isQuantizeLinear(*N))
        Qs.push_back(N.get());
    }
    for (Node *DQ : DQs)
      foldConstantDQ(*DQ);
    for (Node *Q : Qs)
      foldPair(*Q);
    for (Node *N : Erased)
      G.eraseNode(N);
    G.removeDeadInitializers();
    if (Skipped)
      Ctx.warn(M.getSourcePath() + ": warning: fold-qdq kept " +
               std::to_string(Skipped) +
               " QDQ node(s) whose output is a graph output or has other "
               "readers (first: '" +
               FirstSkipped + "')");
    for (const auto &N : G.getNodes())
      for (Graph *Sub : N->getSubgraphs())
        QDQFolder(M, *Sub, Ctx).run();
  }

private:
  void skip(const Node &N) {
    if (!Skipped++)
      FirstSkipped = N.getName();
  }

  /// DQ(integer constant): users read the constant.
  void foldConstantDQ(Node &DQ) {
    Value *In = DQ.getOperand(0);
    Value *Out = DQ.getResult(0);
    if (!In || !Out || !In->isInitializer() || !isIntegerTensor(In))
      return;
    if (isOutput(G, Out)) {
      skip(DQ);
      return;
    }
    G.replaceAllUsesWith(Out, In);
    Erased.push_back(&DQ);
  }

  /// The values to retype with \p X: X and, through single-use Relu /
  /// Identity / MaxPool producers, their inputs. Empty when X cannot be.
  std::vector<Value *> retypeChain(Value *X) {
    std::vector<Value *> Chain{X};
    for (Value *V = X; V->getProducer();) {
      Node &P = *V->getProducer();
      bool Through = P.is("Relu") || P.is("Identity") || P.is("MaxPool");
      if (!Through)
        break;
      Value *In = P.getOperand(0);
      if (!In || In->isInitializer() || isOutput(G, In) ||
          G.countUses(In) != 1 || isIntegerTensor(In))
        break;
      Chain.push_back(In);
      V = In;
    }
    return Chain;
  }

  void foldPair(Node &Q) {
    Value *X = Q.getOperand(0);
    Value *QOut = Q.getResult(0);
    if (!X || !QOut || isOutput(G, QOut) || isOutput(G, X) ||
        G.countUses(X) != 1) {
      skip(Q);
      return;
    }
    std::vector<Node *> Users;
    G.walk([&](Node &N) {
      for (Value *V : N.getOperands())
        if (V == QOut) {
          Users.push_back(&N);
          break;
        }
    });
    for (Node *U : Users)
      if (!isDequantizeLinear(*U) || U->getParent() != &G ||
          isOutput(G, U->getResult(0))) {
        skip(Q);
        return;
      }
    ElementType Format = QOut->getType().isTensor() &&
                                 QOut->getType().getElementType().isInteger()
                             ? QOut->getType().getElementType()
                             : ElementType::integer(8, false);
    if (const Value *ZP = Q.getOperand(2); isIntegerTensor(ZP))
      Format = ZP->getType().getElementType();
    for (Value *V : retypeChain(X)) {
      const Type &T = V->getType();
      V->setType(Type::tensor(Format, T.isTensor() && T.hasRank()
                                          ? std::optional<Shape>(T.getShape())
                                          : std::nullopt));
    }
    for (Node *U : Users) {
      G.replaceAllUsesWith(U->getResult(0), X);
      Erased.push_back(U);
    }
    Erased.push_back(&Q);
  }

  const Module &M;
  Graph &G;
  PassContext &Ctx;
  /// Users before producers, so each erased node has no uses left.
  std::vector<Node *> Erased;
  unsigned Skipped = 0;
  std::string FirstSkipped;
};

} // namespace

llvm::Error hcm::foldQDQ(Module &M, PassContext &Ctx) {
  QDQFolder(M, M.getGraph(), Ctx).run();
  return llvm::Error::success();
}
