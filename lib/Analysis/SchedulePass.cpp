//===- SchedulePass.cpp - The `schedule` pass -----------------------------===//
//
// Writes the schedule totals of every compute layer on the driver's hardware
// model as `hcm.schedule` (groups, passes, whether partial sums stay on chip,
// prefetch and stream cycles, DRAM bits read and written), and those of
// vector-unit ops on an s_m-lane vector unit (ours: one clock per s_m
// operations, inputs read and outputs written once). The loop order is the
// target's (`--target-set loop_order=input-stationary`). emit-schedule lists
// the passes themselves.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/Analysis/Fields.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {

class ScheduleLayersPass : public Pass {
public:
  ScheduleLayersPass() : Pass("schedule") {}

  bool preservesAnalyses() const override { return true; }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto Eval = Ctx.AM.get<HwEvalAnalysis>(M, Ctx);
    if (!Eval)
      return Eval.takeError();
    const HwModel &Hw = *(*Eval)->Hw;
    writeHwModel(M, Hw);
    const auto &Nodes = M.getGraph().getNodes();
    const LayerTable &T = *(*Eval)->Table;
    for (size_t I = 0; I < T.Layers.size(); ++I)
      if (T.Layers[I].NodeIndex != NoNode)
        writeLayerGroup(*Nodes[T.Layers[I].NodeIndex], FieldGroup::schedule,
                        T.Layers[I], &(*Eval)->Layers[I], &Hw);
    ScheduleHw SH = scheduleHw(Hw);
    for (const VectorFacts &V : T.Vectors) {
      if (V.NodeIndex == NoNode)
        continue;
      ScheduleTotals S = vectorSchedule(V, SH);
      AttrDict D;
      visitVectorFields(V, &S, [&](const FieldInfo &I, const FieldValue &Val) {
        if (I.Group == FieldGroup::schedule)
          if (auto A = toAttribute(Val))
            D[I.Key] = std::move(*A);
      });
      Nodes[V.NodeIndex]->setAttr("hcm.schedule", Attribute(std::move(D)));
    }
    return llvm::Error::success();
  }
};

} // namespace

std::unique_ptr<Pass> hcm::createSchedulePass() {
  return std::make_unique<ScheduleLayersPass>();
}
