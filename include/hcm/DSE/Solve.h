//===- Solve.h - Reverse design (HCM 5.2) -----------------------*- C++ -*-===//
//
// "Reverse the design order": start from the PEs that fit an area, then
// find the clock and DRAM bandwidth that fully use them. A layer is
// memory-bound when its DRAM bits take longer than its streaming passes,
// bits / BW > stream_cycles / f; neither side depends on the other knob, so
// per layer the limits are exact:
//   lowest bandwidth at clock f with no memory-bound layer
//       BW* = max over layers of bits * f / stream_cycles
//   highest clock at bandwidth BW with no memory-bound layer
//       f*  = min over layers of stream_cycles * BW / bits   (whole Hz)
// Each answer is checked by evaluating the design it names (and nudged to
// the next double or Hz when rounding put one layer over the line). With a
// latency target, the lowest clock (run at its BW*) meeting it; with only a
// latency, the smallest square array meeting it at the target's clock and
// bandwidth (scanned from 1x1 up to the layers' widest dimension).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SOLVE_H
#define HCM_DSE_SOLVE_H

#include "hcm/DSE/Sweep.h"

namespace hcm {

struct SolveSpec {
  std::string Area;               ///< `6mm2`, or empty
  std::optional<double> LatencyS; ///< seconds
  std::string LatencyText;
};

/// Parses `area=6mm2`, `area=6mm2,latency=2ms`, `latency=500us`.
llvm::Expected<SolveSpec> parseSolveSpec(llvm::StringRef Text);

/// Solves \p Spec for every point of the sweep in \p Opts (its axes may
/// vary the datapath and quantization, not the array) and prints each
/// answer, with the --target-set values that reproduce it, to Opts.Out.
llvm::Error runSolve(const SweepOptions &Opts, const SolveSpec &Spec);

} // namespace hcm

#endif // HCM_DSE_SOLVE_H
