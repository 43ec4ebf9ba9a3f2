//===- Ppa.cpp - The `ppa` analysis pass ----------------------------------===//
//
// METRICS.md section 7, per costed compute layer on the target:
//   cycles  = the schedule's (Schedule.h): per pass, the prefetch of its
//             weights and first input rows at the DRAM rate, then P clocks
//   time    = max(cycles / f, traffic / BW)
//   energy  = P_array * time + e_dram * traffic
// P_array: fixed/fp32 PEs from the technology's power density (the
// reference cell's dynamic power per um^2, scaled linearly with f, plus its
// leakage per um^2) times the array's PE area; a named PE with published
// min/avg/max power uses that per PE, scaled to the clock. PEs published
// only relative to another (QAPPA) have no absolute power: the pass says so.
// Utilization = MACs / (P * G * PEs * 9). The traffic is the schedule's
// DRAM bits (inputs re-read per output group, spilled partial sums).
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Ppa.h"

#include "hcm/Analysis/Roofline.h"
#include "hcm/Analysis/Schedule.h"
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Target/Target.h"

#include <algorithm>
#include <array>
#include <cmath>

using namespace hcm;

namespace {

/// Array power (mW) min/avg/max on \p T, or an error when unknown.
llvm::Expected<std::array<double, 3>> arrayPower(const Target &T, double PEs) {
  const Technology &Tech = T.Tech;
  for (const NamedPE &P : Tech.PETypes) {
    if (P.Name != T.PE)
      continue;
    if (!P.PowerAvgMw)
      return makeError(T.Name, "PE '" + P.Name +
                                   "' has no absolute power (only relative "
                                   "numbers are published)");
    double Scale =
        P.FrequencyHz ? double(T.ClockHz) / double(P.FrequencyHz) : 1.0;
    double Avg = *P.PowerAvgMw;
    return std::array<double, 3>{PEs * P.PowerMinMw.value_or(Avg) * Scale,
                                 PEs * Avg * Scale,
                                 PEs * P.PowerMaxMw.value_or(Avg) * Scale};
  }
  auto Area = T.peArea();
  if (!Area)
    return Area.takeError();
  if (Tech.RefAreaUm2 <= 0 || Tech.ReferenceClockHz <= 0)
    return makeError(T.Name,
                     "technology '" + Tech.Name + "' gives no power density");
  double PerUm2 = Tech.RefPowerMw / Tech.RefAreaUm2 * double(T.ClockHz) /
                      double(Tech.ReferenceClockHz) +
                  Tech.RefLeakageMw / Tech.RefAreaUm2;
  double P = PerUm2 * *Area * PEs;
  return std::array<double, 3>{P, P, P};
}

class PpaPass : public Pass {
public:
  PpaPass() : Pass("ppa") {
    addOption("target", TargetOpt,
              "Target name or file (default: hcm-opt --target)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto PT = loadPassTarget(Ctx, TargetOpt);
    if (!PT)
      return PT.takeError();
    const Target &T = PT->T;
    auto Array = std::make_pair(PT->Rows, PT->Cols);
    double PEs = double(Array.first) * Array.second;
    auto Power = arrayPower(T, PEs);
    if (!Power)
      return Power.takeError();
    recordTarget(M, T, Array, Power->at(1));
    for (const auto &N : M.getGraph().getNodes()) {
      N->removeAttr(PpaAttrKey);
      if (classifyNode(*N) != CostClass::Compute || !N->hasAttr(WorkAttrKey))
        continue;
      if (llvm::Error E = layer(M, *N, T, Array, *Power))
        return E;
    }
    return llvm::Error::success();
  }

private:
  /// The module property `hcm.target`: what the report needs of the target
  /// (name, clock, array, areas in um^2, DRAM bandwidth, average power).
  static void recordTarget(Module &M, const Target &T,
                           std::pair<unsigned, unsigned> Array,
                           double AvgPowerMw) {
    AttrDict D;
    D["name"] = Attribute(T.Name);
    D["clock_hz"] = Attribute(T.ClockHz);
    D["pe_array"] = Attribute(std::vector<int64_t>{Array.first, Array.second});
    auto PeArea = T.peArea();
    double Area = 0;
    if (PeArea) {
      Area = *PeArea * Array.first * Array.second;
      D["pe_area_um2"] = Attribute(*PeArea);
    } else {
      llvm::consumeError(PeArea.takeError());
    }
    D["array_area_um2"] = Attribute(Area);
    D["buffer_area_um2"] = Attribute(
        double(T.AccBufferBits + T.WeightBufferBits) * T.Tech.SramUm2PerBit);
    D["dram_bits_per_s"] = Attribute(T.DramBitsPerSec);
    D["array_power_mw"] = Attribute(AvgPowerMw);
    M.getProperties()["hcm.target"] = Attribute(std::move(D));
  }

  llvm::Error layer(const Module &M, Node &N, const Target &T,
                    std::pair<unsigned, unsigned> Array,
                    const std::array<double, 3> &Power) {
    auto A = analyzeLayer(M, N);
    if (!A)
      return A.takeError();
    const LayerWork &W = A->W;
    LayerSchedule S =
        scheduleLayer(*A, scheduleHw(T, Array.first, Array.second));
    int64_t Traffic = S.dramRead() + S.dramWritten();
    LayerPpa P;
    double F = double(T.ClockHz), BW = T.DramBitsPerSec;
    P.Cycles = S.cycles();
    P.ComputeCycles = W.Pixels * int64_t(S.Passes.size());
    P.PrefetchCycles = P.Cycles - P.ComputeCycles;
    double ComputeTime = double(P.Cycles) / F;
    double MemoryTime = double(Traffic) / BW;
    P.MemoryBound = MemoryTime > ComputeTime;
    P.Seconds = std::max(ComputeTime, MemoryTime);
    P.Utilization = double(W.Macs) /
                    (double(P.ComputeCycles) * Array.first * Array.second * 9);
    P.DramBits = Traffic;
    P.DramEnergyPj = T.Tech.DramPjPerBit * double(Traffic);
    for (int I = 0; I < 3; ++I) {
      P.ArrayPowerMw[I] = Power[I];
      // mW * s = mJ = 1e9 pJ
      P.EnergyPj[I] = Power[I] * P.Seconds * 1e9 + P.DramEnergyPj;
    }
    writePpa(N, P);
    return llvm::Error::success();
  }

  std::string TargetOpt;
};

AttrDict triple(const double V[3]) {
  AttrDict D;
  D["min"] = Attribute(V[0]);
  D["avg"] = Attribute(V[1]);
  D["max"] = Attribute(V[2]);
  return D;
}

void readTriple(const AttrDict &D, llvm::StringRef Key, double Out[3]) {
  auto It = D.find(Key);
  if (It == D.end() || It->second.getKind() != Attribute::Kind::Dict)
    return;
  const char *Names[] = {"min", "avg", "max"};
  for (int I = 0; I < 3; ++I)
    if (auto V = dictDouble(It->second.getDict(), Names[I]))
      Out[I] = *V;
}

} // namespace

void hcm::writePpa(Node &N, const LayerPpa &P) {
  AttrDict D;
  D["compute_cycles"] = Attribute(P.ComputeCycles);
  D["prefetch_cycles"] = Attribute(P.PrefetchCycles);
  D["cycles"] = Attribute(P.Cycles);
  D["seconds"] = Attribute(P.Seconds);
  D["utilization"] = Attribute(P.Utilization);
  D["array_power_mw"] = Attribute(triple(P.ArrayPowerMw));
  D["energy_pj"] = Attribute(triple(P.EnergyPj));
  D["dram_energy_pj"] = Attribute(P.DramEnergyPj);
  D["dram_bits"] = Attribute(P.DramBits);
  D["memory_bound"] = Attribute(int64_t(P.MemoryBound));
  N.setAttr(PpaAttrKey, Attribute(std::move(D)));
}

std::optional<LayerPpa> hcm::readPpa(const Node &N) {
  const Attribute *A = N.getAttr(PpaAttrKey);
  if (!A || A->getKind() != Attribute::Kind::Dict)
    return std::nullopt;
  const AttrDict &D = A->getDict();
  LayerPpa P;
  auto Int = [&](llvm::StringRef K) { return dictInt(D, K).value_or(0); };
  auto Dbl = [&](llvm::StringRef K) { return dictDouble(D, K).value_or(0); };
  P.ComputeCycles = Int("compute_cycles");
  P.PrefetchCycles = Int("prefetch_cycles");
  P.Cycles = Int("cycles");
  P.Seconds = Dbl("seconds");
  P.Utilization = Dbl("utilization");
  P.DramEnergyPj = Dbl("dram_energy_pj");
  P.DramBits = Int("dram_bits");
  P.MemoryBound = Int("memory_bound") != 0;
  readTriple(D, "array_power_mw", P.ArrayPowerMw);
  readTriple(D, "energy_pj", P.EnergyPj);
  return P;
}

std::unique_ptr<Pass> hcm::createPpaPass() {
  return std::make_unique<PpaPass>();
}
