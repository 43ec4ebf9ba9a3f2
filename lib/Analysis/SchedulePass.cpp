//===- SchedulePass.cpp - The `schedule` pass -----------------------------===//
//
// Runs the schedule model (Schedule.h) for every costed compute layer on the
// target and writes its summary as `hcm.schedule`: the hardware it assumed
// (array, DRAM bits per clock, accumulator buffer, loop order), the groups,
// cycles, DRAM bits read and written, whether partial sums stay on chip,
// and the requantization. `emit-schedule` expands the passes from it.
// Vector-unit ops are scheduled on a vector unit of s_m lanes (ours): one
// clock per s_m operations, their traffic read and written once.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Roofline.h"
#include "hcm/Analysis/Schedule.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {

class ScheduleLayersPass : public Pass {
public:
  ScheduleLayersPass() : Pass("schedule") {
    addOption("order", Order, {"output-stationary", "input-stationary"},
              "Loop order over the PE array");
    addOption("target", TargetOpt,
              "Target name or file (default: hcm-opt --target)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto PT = loadPassTarget(Ctx, TargetOpt);
    if (!PT)
      return PT.takeError();
    ScheduleHw Hw =
        scheduleHw(PT->T, PT->Rows, PT->Cols,
                   Order == "input-stationary" ? LoopOrder::InputStationary
                                               : LoopOrder::OutputStationary);
    for (const auto &N : M.getGraph().getNodes()) {
      N->removeAttr(ScheduleAttrKey);
      CostClass C = classifyNode(*N);
      if (C == CostClass::Vector) {
        if (auto W = readWork(*N))
          writeVector(*N, *W, Hw);
        continue;
      }
      if (C != CostClass::Compute || !N->hasAttr(WorkAttrKey))
        continue;
      auto A = analyzeLayer(M, *N);
      if (!A)
        return A.takeError();
      writeLayer(*N, scheduleLayer(*A, Hw), Hw, PT->T.Name);
    }
    return llvm::Error::success();
  }

private:
  void writeLayer(Node &N, const LayerSchedule &S, const ScheduleHw &Hw,
                  const std::string &Target) {
    AttrDict D;
    D["target"] = Attribute(Target);
    D["order"] = Attribute(Order);
    D["array"] = Attribute(std::vector<int64_t>{Hw.Rows, Hw.Cols});
    D["dram_bits_per_clock"] = Attribute(Hw.DramBitsPerClock);
    D["acc_buffer_bits"] = Attribute(Hw.AccBufferBits);
    D["in_groups"] = Attribute(S.InGroups);
    D["out_groups"] = Attribute(S.OutGroups);
    D["passes"] = Attribute(int64_t(S.Passes.size()));
    D["cycles"] = Attribute(S.cycles());
    D["dram_read"] = Attribute(S.dramRead());
    D["dram_written"] = Attribute(S.dramWritten());
    D["keeps_partials"] = Attribute(int64_t(S.KeepsPartials));
    AttrDict R;
    const Requant &Q = S.Requantize;
    if (Q.Float) {
      R["float"] = Attribute(int64_t(1));
    } else {
      R["shift"] = Attribute(Q.Shift);
      R["clamp"] = Attribute(std::vector<int64_t>{Q.ClampLo, Q.ClampHi});
      R["relu"] = Attribute(int64_t(Q.Relu));
    }
    D["requant"] = Attribute(std::move(R));
    N.setAttr(ScheduleAttrKey, Attribute(std::move(D)));
  }

  static void writeVector(Node &N, const LayerWork &W, const ScheduleHw &Hw) {
    AttrDict D;
    D["cycles"] = Attribute((W.Ops + Hw.Cols - 1) / Hw.Cols);
    auto T = readTraffic(N);
    D["dram_read"] = Attribute(T ? T->Inputs : int64_t(0));
    D["dram_written"] = Attribute(T ? T->Outputs : int64_t(0));
    N.setAttr(ScheduleAttrKey, Attribute(std::move(D)));
  }

  std::string Order = "output-stationary";
  std::string TargetOpt;
};

} // namespace

std::unique_ptr<Pass> hcm::createSchedulePass() {
  return std::make_unique<ScheduleLayersPass>();
}
