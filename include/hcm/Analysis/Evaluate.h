//===- Evaluate.h - A layer and a network on one hardware model -*- C++ -*-===//
//
// The pure core that roofline, PPA, every report and the design-space sweep
// share: evaluateLayer() takes one row of the layer table and a HwModel and
// returns the schedule totals, the roofline point, the time, energy and the
// one bottleneck verdict; NetworkSummary adds layers up. No IR, no YAML, no
// allocation: this is the sweep's inner loop.
//
// One time model (METRICS.md section 7), for the schedule the layer runs
// (window3x3; `mac` and `operator` arrays take their compute time from
// PeTime.h and move each map once):
//   compute time  t_c = stream cycles / f      (passes x pixels)
//   memory time   t_m = DRAM bits / BW         (prefetch, re-reads, spills)
//   latency       t   = max((prefetch + stream cycles) / f, t_m)
// The layer is memory-bound when t_m > t_c: moving its bits at the target's
// bandwidth takes longer than its passes over the array. Every table gives
// this bound. It stops being memory-bound at BW >= bits / t_c, or at a clock
// f <= passes * pixels * BW / bits. The one-pixel-per-clock point of
// METRICS.md section 6 (HCM Tables 2 and 3) is a what-if, reported as such.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_EVALUATE_H
#define HCM_ANALYSIS_EVALUATE_H

#include "hcm/Analysis/Schedule.h"
#include "hcm/Target/HwModel.h"

namespace hcm {

/// METRICS.md section 6: the layer finishing one output pixel per clock,
/// with no reuse beyond the layer (what-if).
struct WhatIfPoint {
  double Required = 0;   ///< OPS_pixel * f
  double OpsPerBit = 0;  ///< OPS / (Tw + Ti + To)
  double MemoryRoof = 0; ///< OpsPerBit * BW
  double Attainable = 0; ///< min(peak, required, memory roof)
};

struct LayerEval {
  ScheduleTotals Sched;
  int64_t Macs = 0, Ops = 0;
  WhatIfPoint WhatIf;
  /// The schedule's point: OPS / DRAM bits, its memory roof, the array's
  /// rate in this schedule (OPS / t_c) and what is attained (OPS / max).
  double OpsPerBit = 0, MemoryRoof = 0, ComputeRoof = 0, Attainable = 0;
  double ComputeSeconds = 0, MemorySeconds = 0, Seconds = 0;
  bool MemoryBound = false;
  /// For a memory-bound layer: the DRAM bandwidth (bits/s) and the clock
  /// (Hz) at which it would not be; 0 otherwise.
  double FixBandwidth = 0, FixClockHz = 0;
  double Utilization = 0; ///< MACs / (stream cycles * PEs * 9)
  bool HasEnergy = false;
  double EnergyPj[3] = {0, 0, 0}; ///< min/avg/max: array + DRAM
  double DramEnergyPj = 0;
  /// A format wider than the fixed-point PE datapath.
  bool WiderThanDatapath = false;
  /// The target runs this op on the host: evaluated as if accelerated, but
  /// left out of the network's time and energy (NetworkSummary::Host*).
  bool OnHost = false;
  /// The layer writes the pooled map of the pool it fuses (pool_fusion).
  bool PoolFused = false;
  /// Seconds / ComputeSeconds: the time with memory over the compute-only
  /// time (004 Table 6's two columns).
  double memoryFactor() const {
    return ComputeSeconds > 0 ? Seconds / ComputeSeconds : 0;
  }
};

/// Evaluates \p F on \p Hw with the schedule hardware \p SH (from Hw).
/// False when a count overflows 64 bits.
bool evaluateLayer(const LayerFacts &F, const HwModel &Hw, const ScheduleHw &SH,
                   LayerEval &Out);

/// Network totals (METRICS.md section 7; XploreDL's figures of merit).
struct NetworkSummary {
  NetworkSummary() = default;
  explicit NetworkSummary(int64_t Batch) : Batch(Batch) {}

  /// Inferences per run (LayerTable::Batch); every other total is per run.
  int64_t Batch = 1;
  int Layers = 0, MemoryBoundLayers = 0;
  int64_t Cycles = 0, StreamCycles = 0, DramRead = 0, DramWritten = 0;
  double Macs = 0, Ops = 0, Seconds = 0;
  bool HasEnergy = true;
  double EnergyPj[3] = {0, 0, 0}, DramEnergyPj = 0;
  /// The bandwidth at which no layer is memory-bound (HCM 5.2's reverse
  /// design order): the largest per-layer fix, or the target's when none.
  double FixBandwidth = 0;
  /// Layers the host runs (LayerEval::OnHost): counted apart, in no total
  /// above.
  int HostLayers = 0;
  double HostMacs = 0;
  /// Sum of utilization x stream cycles (the PE kinds other than window3x3
  /// average their own utilization this way).
  double BusyCycles = 0;

  /// Adds \p E to the accelerator's totals, or to the host's.
  NetworkSummary &operator+=(const LayerEval &E);

  double inferencesPerSec() const {
    return Seconds > 0 ? double(Batch) / Seconds : 0;
  }
  double utilization(const HwModel &Hw) const;
  /// Layer OPS / seconds / area; nullopt when the area is not known.
  std::optional<double> topsPerMm2(const HwModel &Hw) const;
  /// Energy \p I (min/avg/max) of one inference: the run's / Batch.
  double energyPerInferencePj(int I) const {
    return EnergyPj[I] / double(Batch);
  }
  double fjPerOp(int I) const { return Ops > 0 ? EnergyPj[I] * 1e3 / Ops : 0; }
};

} // namespace hcm

#endif // HCM_ANALYSIS_EVALUATE_H
