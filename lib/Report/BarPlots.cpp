//===- BarPlots.cpp - Per-layer breakdowns as stacked bars ----------------===//
//
// BOPS (HCM eq. 1 cut into its multiplications, MACs * ba*bw, and the rest:
// the adds and the log2 accumulator growth), DRAM traffic (the schedule's
// bits by kind beside the no-reuse traffic of METRICS.md section 4), latency
// (compute, prefetch, memory stall), energy (PE array, buffers, DRAM) and
// the on-chip area. Every number is derived here from the cached analyses'
// fields; nothing is recomputed from the IR.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Plots.h"

#include <fmt/format.h>

#include <algorithm>

using namespace hcm;
using namespace hcm::svg;

TrafficSplit hcm::scheduleTraffic(const LayerFacts &F, const LayerEval &E) {
  TrafficSplit T;
  const ScheduleTotals &S = E.Sched;
  T.Weights = double(F.T.Weights);
  T.Outputs = double(F.T.Outputs);
  if (!S.KeepsPartials)
    T.Partials = 2.0 * double(S.InGroups - 1) * double(F.S.pixels()) *
                 double(F.S.MOut) * double(F.Q.Acc);
  T.Inputs =
      std::max(0.0, double(S.dramBits()) - T.Weights - T.Outputs - T.Partials);
  return T;
}

TimeSplit hcm::layerTime(const LayerEval &E, const HwModel &Hw) {
  TimeSplit T;
  T.Compute = E.ComputeSeconds;
  T.Prefetch = double(E.Sched.PrefetchCycles) / double(Hw.ClockHz);
  T.Stall = std::max(0.0, E.Seconds - T.Compute - T.Prefetch);
  return T;
}

namespace {

BarGroup group(const Report &R, size_t I) {
  const LayerFacts &F = R.Table.Layers[I];
  BarGroup G;
  G.Label = F.Name;
  G.Title = fmt::format("#{} {} ({} {})", I + 1, F.Name, F.Op, F.ShapeText);
  return G;
}

std::string caption(const Report &R) {
  return fmt::format("{} on {}", R.Table.Model, R.hw().displayName());
}

std::string mm2(double V) { return fmt::format("{:.4f} mm^2", V); }

} // namespace

void hcm::writeBopsPlot(const Report &R, llvm::raw_ostream &OS,
                        Standalone Mode) {
  BarChartSpec C;
  C.Title = "BOPS per layer";
  C.YLabel = "bit operations";
  C.Unit = "BOPS";
  C.Caption = caption(R);
  C.Series = {{"multiplications (ba*bw)", "#4c78a8"},
              {"accumulation (ba+bw+log2)", "#9ecae9"}};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    double Mul =
        double(F.W.Macs) * double(F.Q.A.getWidth()) * double(F.Q.W.getWidth());
    Mul = std::min(Mul, F.W.Bops);
    BarGroup G = group(R, I);
    G.Stacks.push_back({"", {Mul, F.W.Bops - Mul}});
    C.Groups.push_back(std::move(G));
  }
  writeBarChart(C, OS, Mode);
}

void hcm::writeTrafficPlot(const Report &R, llvm::raw_ostream &OS,
                           Standalone Mode) {
  BarChartSpec C;
  C.Title =
      "DRAM traffic per layer: schedule (left) vs no reuse (right, light)";
  C.YLabel = "bits";
  C.Unit = "bit";
  C.Caption = caption(R);
  C.Series = {{"weights (+ bias)", "#4c78a8"},
              {"inputs", "#f58518"},
              {"outputs", "#54a24b"},
              {"partial sums (spilled)", "#b279a2"}};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    TrafficSplit T = scheduleTraffic(F, R.Eval.Layers[I]);
    BarGroup G = group(R, I);
    G.Stacks.push_back(
        {"schedule", {T.Weights, T.Inputs, T.Outputs, T.Partials}});
    G.Stacks.push_back(
        {"no reuse",
         {double(F.T.Weights), double(F.T.Inputs), double(F.T.Outputs), 0},
         0.5});
    C.Groups.push_back(std::move(G));
  }
  writeBarChart(C, OS, Mode);
}

void hcm::writeTimePlot(const Report &R, llvm::raw_ostream &OS,
                        Standalone Mode) {
  BarChartSpec C;
  C.Title = "Latency per layer";
  C.YLabel = "time (s)";
  C.Unit = "s";
  C.Caption = caption(R);
  C.Series = {{"compute (passes streaming)", "#4c78a8"},
              {"prefetch (array idle)", "#f2cf5b"},
              {"memory stall", "#e45756"}};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    TimeSplit T = layerTime(R.Eval.Layers[I], R.hw());
    BarGroup G = group(R, I);
    G.Stacks.push_back({"", {T.Compute, T.Prefetch, T.Stall}});
    C.Groups.push_back(std::move(G));
  }
  writeBarChart(C, OS, Mode);
}

void hcm::writeEnergyPlot(const Report &R, llvm::raw_ostream &OS,
                          Standalone Mode) {
  const HwModel &Hw = R.hw();
  BarChartSpec C;
  C.Title = "Energy per layer (average power)";
  C.YLabel = "energy (J)";
  C.Unit = "J";
  C.Caption = caption(R) + "; buffers: no energy model";
  if (!Hw.ArrayPowerMw)
    C.Caption += "; no PE array power: " + Hw.NoPowerReason;
  C.Series = {{"PE array", "#4c78a8"},
              {"buffers (not modelled)", "#9ecae9"},
              {"DRAM", "#e45756"}};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerEval &E = R.Eval.Layers[I];
    double Array = E.HasEnergy ? (E.EnergyPj[1] - E.DramEnergyPj) * 1e-12 : 0;
    BarGroup G = group(R, I);
    G.Stacks.push_back({"", {std::max(0.0, Array), 0, E.DramEnergyPj * 1e-12}});
    C.Groups.push_back(std::move(G));
  }
  writeBarChart(C, OS, Mode);
}

void hcm::writeAreaPlot(const Report &R, llvm::raw_ostream &OS,
                        Standalone Mode) {
  const HwModel &Hw = R.hw();
  BarChartSpec C;
  C.Title = "On-chip area";
  C.YLabel = "area (mm^2)";
  C.Format = mm2;
  C.Caption = Hw.displayName() + "; DRAM is off chip (no die area)";
  if (!Hw.PeAreaUm2)
    C.Caption += Hw.Relative ? "; PE '" + Hw.Spec.PE +
                                   "' is published only relative, so only "
                                   "the buffers show"
                             : "; the technology gives no PE area, so only "
                               "the buffers show";
  C.Series = {{"PE array", "#4c78a8"}, {"buffers (SRAM)", "#9ecae9"}};
  BarGroup G;
  G.Label = "accelerator";
  G.Title = fmt::format("{}x{} PEs", Hw.Rows, Hw.Cols);
  G.Stacks.push_back({"", {Hw.ArrayAreaUm2 / 1e6, Hw.BufferAreaUm2 / 1e6}});
  C.Groups.push_back(std::move(G));
  writeBarChart(C, OS, Mode);
}

void hcm::printBopsSvg(const Report &R, llvm::raw_ostream &OS) {
  writeBopsPlot(R, OS, Standalone::Yes);
}
void hcm::printTrafficSvg(const Report &R, llvm::raw_ostream &OS) {
  writeTrafficPlot(R, OS, Standalone::Yes);
}
void hcm::printTimeSvg(const Report &R, llvm::raw_ostream &OS) {
  writeTimePlot(R, OS, Standalone::Yes);
}
void hcm::printEnergySvg(const Report &R, llvm::raw_ostream &OS) {
  writeEnergyPlot(R, OS, Standalone::Yes);
}
void hcm::printAreaSvg(const Report &R, llvm::raw_ostream &OS) {
  writeAreaPlot(R, OS, Standalone::Yes);
}
