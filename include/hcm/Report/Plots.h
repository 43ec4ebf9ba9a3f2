//===- Plots.h - The report's pictures and its HTML page --------*- C++ -*-===//
//
// The SVG pictures of a Report (docs/PLOTS.md says how to read each) and the
// single-file HTML report that inlines them. Every picture is drawn from the
// same cached analyses the text, JSON and CSV reports print, through the
// plotting module of Svg.h, and is byte-identical for the same input.
//
//   emit-report format   picture
//   svg                  OPS-based roofline (HCM Figs. 7, 8, 12)
//   svg-bops             BOPS per layer: multiplications, accumulation
//   svg-traffic          DRAM bits per layer: the schedule's vs no reuse
//   svg-time             latency per layer: compute, prefetch, memory stall
//   svg-energy           energy per layer: PE array, buffers, DRAM
//   svg-area             on-chip area: PE array, buffers (DRAM is off chip)
//   html                 all of them, the tables and the definitions
//
//===----------------------------------------------------------------------===//
#ifndef HCM_REPORT_PLOTS_H
#define HCM_REPORT_PLOTS_H

#include "hcm/Report/Report.h"
#include "hcm/Report/Svg.h"

namespace hcm {

/// The schedule's DRAM bits of a layer by kind (METRICS.md section 6's
/// partial-sum rule, Schedule.h's pass model): weights and biases loaded
/// once, outputs written once, spilled partial sums written and read back
/// once per extra input group, and inputs (streamed once per output group)
/// the rest. The four add up to LayerEval::Sched.dramBits().
struct TrafficSplit {
  double Weights = 0, Inputs = 0, Outputs = 0, Partials = 0;
};
TrafficSplit scheduleTraffic(const LayerFacts &F, const LayerEval &E);

/// A layer's latency by cause: the array streaming (compute), idle while a
/// pass's prefetch loads, and stalled on the remaining DRAM bits (the
/// memory time beyond the two). They add up to LayerEval::Seconds.
struct TimeSplit {
  double Compute = 0, Prefetch = 0, Stall = 0;
};
TimeSplit layerTime(const LayerEval &E, const HwModel &Hw);

void writeRooflinePlot(const Report &R, llvm::raw_ostream &OS,
                       svg::Standalone Mode);
void writeBopsPlot(const Report &R, llvm::raw_ostream &OS,
                   svg::Standalone Mode);
void writeTrafficPlot(const Report &R, llvm::raw_ostream &OS,
                      svg::Standalone Mode);
void writeTimePlot(const Report &R, llvm::raw_ostream &OS,
                   svg::Standalone Mode);
void writeEnergyPlot(const Report &R, llvm::raw_ostream &OS,
                     svg::Standalone Mode);
void writeAreaPlot(const Report &R, llvm::raw_ostream &OS,
                   svg::Standalone Mode);

/// The emit-report printers: standalone SVG documents.
void printRooflineSvg(const Report &R, llvm::raw_ostream &OS);
void printBopsSvg(const Report &R, llvm::raw_ostream &OS);
void printTrafficSvg(const Report &R, llvm::raw_ostream &OS);
void printTimeSvg(const Report &R, llvm::raw_ostream &OS);
void printEnergySvg(const Report &R, llvm::raw_ostream &OS);
void printAreaSvg(const Report &R, llvm::raw_ostream &OS);

/// One self-contained HTML page: summary, pictures, tables, definitions.
void printHtmlReport(const Report &R, llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_REPORT_PLOTS_H
