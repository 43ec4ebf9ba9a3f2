//===- Ppa.h - Performance, power, area, energy of a layer ------*- C++ -*-===//
//
// METRICS.md section 7 for one compute layer on a target, written by `ppa`
// as `hcm.ppa` and read back by the report.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_PPA_H
#define HCM_ANALYSIS_PPA_H

#include "hcm/IR/Node.h"

#include <cstdint>
#include <optional>

namespace hcm {

inline constexpr const char *PpaAttrKey = "hcm.ppa";

struct LayerPpa {
  int64_t ComputeCycles = 0;  ///< P * G
  int64_t PrefetchCycles = 0; ///< prefetch bits at the DRAM rate, in clocks
  int64_t Cycles = 0;         ///< compute + prefetch
  double Seconds = 0;         ///< max(cycles / f, traffic / BW)
  double Utilization = 0;     ///< MACs / (compute cycles * PEs * 9)
  double ArrayPowerMw[3] = {0, 0, 0}; ///< min, avg, max (equal if one value)
  double EnergyPj[3] = {0, 0, 0};     ///< array energy + DRAM energy
  double DramEnergyPj = 0;
  int64_t DramBits = 0;     ///< bits the schedule moves to and from DRAM
  bool MemoryBound = false; ///< traffic time exceeds compute time
};

void writePpa(Node &N, const LayerPpa &P);
std::optional<LayerPpa> readPpa(const Node &N);

} // namespace hcm

#endif // HCM_ANALYSIS_PPA_H
