//===- PeTime.h - Time and traffic rules of the PE kinds --------*- C++ -*-===//
//
// METRICS.md section 5's PE kinds beyond the HCM window PE, and the traffic
// rule a target chooses with psum_traffic=none. evaluateLayer() asks these
// for a `mac` or `operator` array (and for the traffic of a window3x3 array
// with psum_traffic=none); the window3x3 time stays the schedule's.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_PETIME_H
#define HCM_ANALYSIS_PETIME_H

#include "hcm/Analysis/LayerTable.h"
#include "hcm/Target/HwModel.h"

namespace hcm {

/// The bits a layer moves when each image reads the weights (bias by the
/// target's bias_traffic) and its input map once and writes its output map
/// once -- the pooled map when the target fuses the pool that follows.
struct OnceTraffic {
  int64_t Read = 0, Written = 0;
  bool PoolFused = false;
};
bool onceTraffic(const LayerFacts &F, const HwModel &Hw, OnceTraffic &Out);

/// Whether \p Hw fuses the pool that follows \p F (pool_fusion).
bool fusesPool(const LayerFacts &F, const HwModel &Hw);

/// The compute time of a `mac` or `operator` array: its clocks at the
/// target clock, the seconds, and the fraction of PE slots doing work.
struct KindTime {
  int64_t Cycles = 0;
  double Seconds = 0;
  double Utilization = 0;
};
/// False when a count overflows 64 bits.
bool macTime(const LayerFacts &F, const HwModel &Hw, KindTime &Out);
bool operatorTime(const LayerFacts &F, const HwModel &Hw, KindTime &Out);

} // namespace hcm

#endif // HCM_ANALYSIS_PETIME_H
