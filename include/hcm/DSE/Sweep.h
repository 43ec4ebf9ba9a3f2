//===- Sweep.h - A whole design-space sweep ---------------------*- C++ -*-===//
//
// What hcm-dse runs: resolve the base target, compile the model once per
// quantization, then stream every point twice -- first to find the exact
// Pareto front (only the front is kept), then, when CSV or JSON is asked
// for, to write each point with its `pareto` flag -- and print a text
// summary of the front. Re-evaluating instead of keeping points keeps memory
// independent of the number of points; evaluation is pure, so both passes
// see the same numbers, on any number of threads.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SWEEP_H
#define HCM_DSE_SWEEP_H

#include "hcm/DSE/Evaluator.h"
#include "hcm/DSE/Pareto.h"
#include "hcm/Target/Target.h"

namespace hcm {

struct SweepOptions {
  ModelOptions Model;
  std::string TargetName = "hcm-16x16-800mhz";
  TargetOverrides TargetSet;
  std::vector<SweepAxis> Axes;
  std::optional<uint64_t> Samples;
  uint64_t Seed = 0;
  std::vector<Objective> Objectives; ///< empty: energy_avg, seconds (min)
  std::string Reference;             ///< `key=value,...`; empty: point 0
  std::string AccuracyFile;
  std::string CsvPath, JsonPath; ///< empty: not written
  std::string SvgPath; ///< the Pareto scatter (Scatter.h); empty: none
  bool Summary = true;
  size_t SummaryRows = 20; ///< front points listed in the summary
  unsigned Threads = 1;
  bool Progress = false; ///< a terminal and no --quiet
  llvm::raw_ostream *Out = &llvm::outs();
  llvm::raw_ostream *Err = &llvm::errs();
  TargetFileReader ReadFile;
};

/// The pieces every sweep (and the solver) sets up.
struct SweepSetup {
  Target Base;
  std::shared_ptr<const HwModel> BaseHw;
  std::unique_ptr<DesignSpace> Space;
  CompiledModel Model;
};
llvm::Expected<SweepSetup> setUpSweep(const SweepOptions &Opts);

llvm::Error runSweep(const SweepOptions &Opts);

} // namespace hcm

#endif // HCM_DSE_SWEEP_H
