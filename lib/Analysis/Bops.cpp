//===- Bops.cpp - The `bops` analysis pass --------------------------------===//
//
// Writes `hcm.work` on every node the analyses can cost (METRICS.md sections
// 2 and 3): for compute layers MACs, OPS, BOPS per pixel and per layer,
// compute_cost and parameter count, from the layer view and `hcm.quant`
// (or the operand types when the model was not annotated); for vector-unit
// ops their OPS. Quantizers, constants, unknown ops and control flow get no
// attribute: the report lists them by class. Work inside subgraphs is not
// costed (their trip counts are not known); the control-flow node is listed.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {

class BopsPass : public Pass {
public:
  BopsPass() : Pass("bops") {}

  llvm::Error run(Module &M, PassContext &Ctx) override {
    for (const auto &NPtr : M.getGraph().getNodes()) {
      Node &N = *NPtr;
      N.removeAttr(WorkAttrKey);
      switch (classifyNode(N)) {
      case CostClass::Compute:
        if (llvm::Error E = costLayer(M, N, Ctx))
          return E;
        break;
      case CostClass::Vector: {
        auto Ops = vectorOps(M, N);
        if (!Ops)
          return Ops.takeError();
        LayerWork W;
        W.Vector = true;
        W.Ops = *Ops;
        writeWork(N, W);
        break;
      }
      default:
        break;
      }
    }
    return llvm::Error::success();
  }

private:
  /// A layer whose view cannot be read (a 3-D convolution) is left
  /// uncosted with a warning; the report lists it.
  static llvm::Error costLayer(const Module &M, Node &N, PassContext &Ctx) {
    auto L = getLayer(M, N);
    if (!L) {
      Ctx.warn(toWarning(L.takeError()) + " (not costed)");
      return llvm::Error::success();
    }
    auto Q = quantOrTypes(M, *L);
    if (!Q)
      return Q.takeError();
    auto W = computeWork(M, *L, *Q);
    if (!W)
      return W.takeError();
    writeWork(N, *W);
    return llvm::Error::success();
  }
};

} // namespace

std::unique_ptr<Pass> hcm::createBopsPass() {
  return std::make_unique<BopsPass>();
}
