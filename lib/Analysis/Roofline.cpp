//===- Roofline.cpp - The `roofline` analysis pass ------------------------===//
//
// For every costed compute layer, against the target (`--target`, or the
// pass option `target=`), METRICS.md section 6:
//   peak       = s_n * s_m * 10 * f          (10 = k^2 + 1 of the 3x3 PE)
//   required   = OPS_pixel * f               (one output pixel per clock)
//   memory roof = OPS/bit * DRAM bandwidth
//   attainable = min(peak, required, memory roof); the bound is whichever of
//   peak (compute) or memory roof (memory) is the minimum, else none.
// Partial sums (HCM 5.2): in G = ceil(t/s_n) * ceil(m/s_m) passes of the
// schedule (Schedule.h; t the 3x3 tiles per output channel: ng for 3x3
// kernels as METRICS.md writes it, th*tw*ng for larger kernels and
// ceil(ng/9) for packed 1x1 layers, ours), the
// required rate is divided by G and the traffic is what the schedule moves:
// inputs once per output group, per-pass weights, and partial sums that do
// not fit the accumulator buffer written and read back (ours).
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Roofline.h"

#include "hcm/Analysis/Schedule.h"
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Target/Target.h"

#include <algorithm>

using namespace hcm;

namespace {

RooflinePoint point(double Ops, int64_t Traffic, double Required, double Peak,
                    double Bandwidth) {
  RooflinePoint P;
  P.TrafficBits = Traffic;
  P.OpsPerBit = Traffic ? Ops / double(Traffic) : 0;
  P.MemoryRoof = P.OpsPerBit * Bandwidth;
  P.Required = Required;
  P.Attainable = std::min({Peak, Required, P.MemoryRoof});
  P.Bound = P.Attainable == P.MemoryRoof && P.MemoryRoof < Required ? "memory"
            : P.Attainable == Peak && Peak < Required               ? "compute"
                                                                    : "none";
  return P;
}

class RooflinePass : public Pass {
public:
  RooflinePass() : Pass("roofline") {
    addOption("target", TargetOpt,
              "Target name or file (default: hcm-opt --target)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto PT = loadPassTarget(Ctx, TargetOpt);
    if (!PT)
      return PT.takeError();
    for (const auto &N : M.getGraph().getNodes()) {
      N->removeAttr(RooflineAttrKey);
      if (classifyNode(*N) != CostClass::Compute || !N->hasAttr(WorkAttrKey))
        continue;
      auto A = analyzeLayer(M, *N);
      if (!A)
        return A.takeError();
      writeRoofline(*N, computeRoofline(A->L, A->Q, A->W, A->T, PT->T, PT->Rows,
                                        PT->Cols));
    }
    return llvm::Error::success();
  }

private:
  std::string TargetOpt;
};

AttrDict pointDict(const RooflinePoint &P) {
  AttrDict D;
  D["ops_per_bit"] = Attribute(P.OpsPerBit);
  D["memory_roof"] = Attribute(P.MemoryRoof);
  D["required"] = Attribute(P.Required);
  D["attainable"] = Attribute(P.Attainable);
  D["bound"] = Attribute(P.Bound);
  D["traffic"] = Attribute(P.TrafficBits);
  return D;
}

std::optional<RooflinePoint> readPoint(const AttrDict &D, llvm::StringRef K) {
  auto It = D.find(K);
  if (It == D.end() || It->second.getKind() != Attribute::Kind::Dict)
    return std::nullopt;
  const AttrDict &P = It->second.getDict();
  RooflinePoint R;
  auto Num = [&](llvm::StringRef K) { return dictDouble(P, K).value_or(0); };
  R.OpsPerBit = Num("ops_per_bit");
  R.MemoryRoof = Num("memory_roof");
  R.Required = Num("required");
  R.Attainable = Num("attainable");
  R.Bound = dictString(P, "bound").value_or("");
  R.TrafficBits = dictInt(P, "traffic").value_or(0);
  return R;
}

} // namespace

llvm::Expected<PassTarget> hcm::loadPassTarget(const PassContext &Ctx,
                                               llvm::StringRef Name) {
  auto T = loadTarget(Name.empty() ? llvm::StringRef(Ctx.TargetName) : Name,
                      Ctx.TargetOverrides,
                      [&](llvm::StringRef P) { return Ctx.readFile(P); });
  if (!T)
    return T.takeError();
  auto Array = T->array();
  if (!Array)
    return Array.takeError();
  return PassTarget{std::move(*T), Array->first, Array->second};
}

ScheduleHw hcm::scheduleHw(const Target &T, unsigned Rows, unsigned Cols,
                           LoopOrder Order) {
  ScheduleHw Hw;
  Hw.Rows = Rows;
  Hw.Cols = Cols;
  Hw.AccBufferBits = T.AccBufferBits;
  Hw.DramBitsPerClock =
      std::max<int64_t>(1, int64_t(T.DramBitsPerSec / double(T.ClockHz)));
  Hw.Order = Order;
  return Hw;
}

LayerRoofline hcm::computeRoofline(const Layer &L, const LayerQuant &Q,
                                   const LayerWork &W, const LayerTraffic &Tr,
                                   const Target &T, unsigned Rows,
                                   unsigned Cols) {
  LayerRoofline R;
  R.Target = T.Name;
  R.ArrayRows = Rows;
  R.ArrayCols = Cols;
  R.Peak = R.ArrayRows * R.ArrayCols * 10 * T.ClockHz;
  double F = double(T.ClockHz), BW = T.DramBitsPerSec;
  double Required = double(W.OpsPixel) * F;
  R.Full = point(double(W.Ops), Tr.Total, Required, double(R.Peak), BW);
  // The partial-sum point is the schedule's (output-stationary) traffic.
  LayerSchedule S =
      scheduleLayer(LayerAnalysis{L, Q, W, Tr}, scheduleHw(T, Rows, Cols));
  R.Passes = S.InGroups * S.OutGroups;
  R.Spills = !S.KeepsPartials;
  int64_t Traffic = S.dramRead() + S.dramWritten();
  R.Partial = point(double(W.Ops), Traffic, Required / double(R.Passes),
                    double(R.Peak), BW);
  return R;
}

void hcm::writeRoofline(Node &N, const LayerRoofline &R) {
  AttrDict D;
  D["target"] = Attribute(R.Target);
  D["peak"] = Attribute(R.Peak);
  D["array"] = Attribute(std::vector<int64_t>{R.ArrayRows, R.ArrayCols});
  D["passes"] = Attribute(R.Passes);
  D["spills"] = Attribute(int64_t(R.Spills));
  D["full"] = Attribute(pointDict(R.Full));
  D["partial"] = Attribute(pointDict(R.Partial));
  N.setAttr(RooflineAttrKey, Attribute(std::move(D)));
}

std::optional<LayerRoofline> hcm::readRoofline(const Node &N) {
  const Attribute *A = N.getAttr(RooflineAttrKey);
  if (!A || A->getKind() != Attribute::Kind::Dict)
    return std::nullopt;
  const AttrDict &D = A->getDict();
  LayerRoofline R;
  auto Full = readPoint(D, "full"), Partial = readPoint(D, "partial");
  if (!Full || !Partial)
    return std::nullopt;
  R.Full = *Full;
  R.Partial = *Partial;
  auto Int = [&](llvm::StringRef K) { return dictInt(D, K).value_or(0); };
  R.Peak = Int("peak");
  R.Passes = Int("passes");
  R.Spills = Int("spills") != 0;
  R.Target = dictString(D, "target").value_or("");
  auto Arr = D.find("array");
  if (Arr != D.end() && Arr->second.getKind() == Attribute::Kind::Ints &&
      Arr->second.getInts().size() == 2) {
    R.ArrayRows = Arr->second.getInts()[0];
    R.ArrayCols = Arr->second.getInts()[1];
  }
  return R;
}

std::unique_ptr<Pass> hcm::createRooflinePass() {
  return std::make_unique<RooflinePass>();
}
