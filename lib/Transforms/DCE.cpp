//===- DCE.cpp - The `dce` pass -------------------------------------------===//
//
// Removes nodes none of whose results reach a graph output (directly or
// through other nodes), then initializers nothing uses. Graph inputs stay:
// they are the model's interface. Subgraphs are cleaned too.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassRegistry.h"

#include <set>

using namespace hcm;

namespace {
class DCEPass : public Pass {
public:
  DCEPass() : Pass("dce") {}

  llvm::Error run(Module &M, PassContext &) override {
    clean(M.getGraph());
    return llvm::Error::success();
  }

private:
  /// Values a node reads, including those its subgraphs read from outside.
  static void collectReads(const Node &N, std::vector<const Value *> &Out) {
    for (const Value *V : N.getOperands())
      if (V)
        Out.push_back(V);
    for (Graph *G : N.getSubgraphs()) {
      for (const Value *V : G->getOutputs())
        Out.push_back(V);
      for (const auto &Inner : G->getNodes())
        collectReads(*Inner, Out);
    }
  }

  static void clean(Graph &G) {
    std::set<const Value *> Live(G.getOutputs().begin(), G.getOutputs().end());
    std::vector<Node *> Dead;
    const auto &Nodes = G.getNodes();
    for (auto It = Nodes.rbegin(); It != Nodes.rend(); ++It) {
      Node &N = **It;
      bool Used = false;
      for (const Value *R : N.getResults())
        Used = Used || (R && Live.count(R));
      if (!Used) {
        Dead.push_back(&N);
        continue;
      }
      std::vector<const Value *> Reads;
      collectReads(N, Reads);
      Live.insert(Reads.begin(), Reads.end());
    }
    for (Node *N : Dead)
      G.eraseNode(N);
    G.removeDeadInitializers();
    for (const auto &N : G.getNodes())
      for (Graph *Sub : N->getSubgraphs())
        clean(*Sub);
  }
};
} // namespace

std::unique_ptr<Pass> hcm::createDCEPass() {
  return std::make_unique<DCEPass>();
}
