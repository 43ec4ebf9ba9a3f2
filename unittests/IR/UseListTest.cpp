//===- UseListTest.cpp - Values know their uses ---------------------------===//
//
// Every operand setter, graph output change, replaceAllUsesWith, eraseNode
// and subgraph removal keeps each value's use-list equal to what a walk of
// the nest counts; erased nodes leave holes that getNodes() closes in order.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Graph.h"
#include "hcm/IR/Module.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

Type f32x4() { return Type::tensor(ElementType::f32(), Shape{Dim::known(4)}); }

/// Uses of \p V found by walking \p G's nest (what countUses used to do).
size_t walkCount(const Graph &G, const Value *V) {
  size_t N = std::count(G.getOutputs().begin(), G.getOutputs().end(), V);
  G.walk([&](Node &U) {
    N += std::count(U.getOperands().begin(), U.getOperands().end(), V);
    for (Graph *Sub : U.getSubgraphs())
      N += std::count(Sub->getOutputs().begin(), Sub->getOutputs().end(), V);
  });
  return N;
}

/// Every use-list entry points back at a slot holding the value.
void expectConsistent(const Graph &G, std::initializer_list<const Value *> Vs) {
  for (const Value *V : Vs) {
    EXPECT_EQ(V->getNumUses(), walkCount(G, V)) << V->getName();
    EXPECT_EQ(G.countUses(V), V->getNumUses()) << V->getName();
    for (const Use &U : V->getUses()) {
      if (U.User)
        EXPECT_EQ(U.User->getOperand(U.Index), V) << V->getName();
      else
        EXPECT_EQ(U.OutputOf->getOutputs()[U.Index], V) << V->getName();
    }
  }
}

TEST(UseLists, SettersKeepUsesExact) {
  Graph G;
  Value *X = G.addInput("x", f32x4());
  Value *W = G.addInput("w", f32x4());
  Node *A = G.addNode("", "Add", "a");
  A->addOperand(X);
  A->addOperand(X);
  Value *Y = G.addResult(A, "y", f32x4());
  Node *B = G.addNode("", "Mul", "b");
  B->setOperands({Y, W, X});
  Value *Z = G.addResult(B, "z", f32x4());
  G.addOutput(Z);
  G.addOutput(X);
  expectConsistent(G, {X, W, Y, Z});
  EXPECT_EQ(X->getNumUses(), 4u);
  B->setOperand(2, nullptr);
  A->setOperand(0, W);
  B->setOperand(5, X); // grows the operand list
  expectConsistent(G, {X, W, Y, Z});
  EXPECT_EQ(X->getNumUses(), 3u);
  G.setOutputs({Z});
  expectConsistent(G, {X, W, Y, Z});
  EXPECT_EQ(X->getNumUses(), 2u);
}

TEST(UseLists, ReplaceAndEraseAreExact) {
  Graph G;
  Value *X = G.addInput("x", f32x4());
  Value *Prev = X;
  std::vector<Node *> Relus;
  for (int I = 0; I < 6; ++I) {
    Node *N = G.addNode("", "Relu", "r" + std::to_string(I));
    N->addOperand(Prev);
    Relus.push_back(N);
    Prev = G.addResult(N, "v" + std::to_string(I), f32x4());
  }
  G.addOutput(Prev);
  // Bypass every other Relu, then erase it: uses move, holes close in order.
  for (int I = 1; I < 6; I += 2) {
    Value *In = Relus[I]->getOperand(0), *Out = Relus[I]->getResult(0);
    G.replaceAllUsesWith(Out, In);
    EXPECT_EQ(Out->getNumUses(), 0u);
    G.eraseNode(Relus[I]);
    expectConsistent(G, {X, In});
  }
  ASSERT_EQ(G.getNumNodes(), 3u);
  for (int I = 0; I < 3; ++I)
    EXPECT_EQ(G.getNodes()[I]->getName(), "r" + std::to_string(2 * I));
  EXPECT_EQ(G.getOutputs()[0]->getName(), "v4");
  EXPECT_EQ(G.lookup("v5"), nullptr);
}

TEST(UseLists, SubgraphUsesAndTheirRemoval) {
  auto M = std::make_unique<Module>();
  Graph &G = M->getGraph();
  Value *X = G.addInput("x", f32x4());
  Value *C = G.addInput("c", Type::tensor(ElementType::boolean(), Shape{}));
  Node *If = G.addNode("", "If", "if");
  If->addOperand(C);
  auto Then = std::make_shared<Graph>("then");
  Node *Neg = Then->addNode("", "Neg", "neg");
  Neg->addOperand(X); // an outer value used inside
  Then->addOutput(Then->addResult(Neg, "t", f32x4()));
  auto Deep = std::make_shared<Graph>("deep");
  Deep->addInput("deep", f32x4());
  Then->addNode("", "Loop", "inner")->setAttr("body", Attribute(Deep));
  auto Else = std::make_shared<Graph>("else");
  Else->addOutput(X); // an outer value returned
  If->setAttr("then_branch", Attribute(Then));
  If->setAttr("else_branch", Attribute(Else));
  Then.reset();
  Else.reset();
  G.addOutput(G.addResult(If, "y", f32x4()));
  expectConsistent(G, {X, C});
  EXPECT_EQ(X->getNumUses(), 2u);
  // Names are unique across the nest: one defined in a branch, or in a
  // graph nested in it, is taken everywhere.
  EXPECT_EQ(G.makeUniqueName("t"), "t_1");
  EXPECT_EQ(G.makeUniqueName("deep"), "deep_1");
  EXPECT_EQ(If->getAttr("else_branch")->getGraph()->makeUniqueName("deep"),
            "deep_1");
  // Uses in a subgraph count from the outer graph, not from a sibling.
  Graph *ThenG = If->getAttr("then_branch")->getGraph().get();
  EXPECT_EQ(ThenG->countUses(X), 1u);
  Value *X2 = G.addInput("x2", f32x4());
  G.replaceAllUsesWith(X, X2);
  EXPECT_EQ(X->getNumUses(), 0u);
  EXPECT_EQ(X2->getNumUses(), 2u);
  // Replacing a branch drops the uses it held; erasing the node the rest.
  If->setAttr("then_branch", Attribute(std::make_shared<Graph>("empty")));
  EXPECT_EQ(X2->getNumUses(), 1u);
  G.setOutputs({});
  G.eraseNode(If);
  EXPECT_EQ(G.makeUniqueName("t"), "t");
  EXPECT_EQ(X2->getNumUses(), 0u);
  EXPECT_EQ(C->getNumUses(), 0u);
  EXPECT_EQ(G.getNumNodes(), 0u);
}

TEST(UseLists, DeadInitializersGoInOneSweep) {
  Graph G;
  Value *X = G.addInput("x", f32x4());
  Node *N = G.addNode("", "Add", "add");
  N->addOperand(X);
  for (int I = 0; I < 100; ++I) {
    Value *W =
        G.addInitializer("w" + std::to_string(I), Tensor::elided(f32x4()));
    if (I % 10 == 0)
      N->addOperand(W);
  }
  G.addOutput(G.addResult(N, "y", f32x4()));
  G.removeDeadInitializers();
  ASSERT_EQ(G.getInitializers().size(), 10u);
  EXPECT_EQ(G.getInitializers()[3]->getName(), "w30");
  EXPECT_EQ(G.lookup("w31"), nullptr);
  EXPECT_EQ(G.makeUniqueName("w31"), "w31");
}

} // namespace
