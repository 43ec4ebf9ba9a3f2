//===- Schedule.h - The quantized execution schedule of a layer -*- C++ -*-===//
//
// METRICS.md section 8: how a compute layer runs on the PE array, pass by
// pass. A pass maps one input group (up to s_n of the layer's 3x3 tiles per
// output channel) and one output group (up to s_m output channels) onto the
// s_n x s_m array and streams the input slice through it, one output pixel
// per clock after a prefetch of the pass's weights and first kh input rows.
// The same model gives `ppa` its cycles and DRAM bits and `roofline` its
// partial-sum point, so the three always agree.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_SCHEDULE_H
#define HCM_ANALYSIS_SCHEDULE_H

#include "hcm/Analysis/Work.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hcm {

inline constexpr const char *ScheduleAttrKey = "hcm.schedule";

enum class LoopOrder { OutputStationary, InputStationary };

/// What the schedule needs of the hardware.
struct ScheduleHw {
  unsigned Rows = 1, Cols = 1;  ///< s_n x s_m
  int64_t DramBitsPerClock = 1; ///< DRAM bandwidth / clock (rounded down)
  int64_t AccBufferBits = 0;    ///< on-chip partial-sum buffer
  LoopOrder Order = LoopOrder::OutputStationary;
};

/// One pass over the PE array.
struct SchedulePass {
  int64_t InGroup = 0, OutGroup = 0;
  int64_t InChannels = 0;  ///< input channels streamed in this pass
  int64_t Tiles = 0;       ///< 3x3 tiles per output channel in this pass
  int64_t OutChannels = 0; ///< output channels of this pass
  int64_t WeightBits = 0;  ///< weights (+ bias on the first pass) loaded
  int64_t InputBits = 0;   ///< input slice streamed
  int64_t InputRows = 0;   ///< B * Hi rows streamed
  int64_t PartialReadBits = 0, PartialWriteBits = 0; ///< spilled partials
  int64_t OutputBits = 0; ///< requantized outputs written (last pass)
  int64_t PrefetchCycles = 0, StreamCycles = 0;
  int64_t cycles() const { return PrefetchCycles + StreamCycles; }
  int64_t dramRead() const { return WeightBits + InputBits + PartialReadBits; }
  int64_t dramWritten() const { return PartialWriteBits + OutputBits; }
};

/// The requantization that brings the acc-bit accumulator to `out`: an
/// optional per-channel scale, a right shift by acc - bo, a clamp (a fused
/// ReLU clamps at 0).
struct Requant {
  int64_t Shift = 0;
  int64_t ClampLo = 0, ClampHi = 0;
  bool Relu = false;
  bool Float = false; ///< float output: no shift, no clamp
};

struct LayerSchedule {
  int64_t InGroups = 1, OutGroups = 1;
  bool KeepsPartials = true; ///< partial sums fit the accumulator buffer
  std::vector<SchedulePass> Passes;
  Requant Requantize;
  int64_t cycles() const;
  int64_t dramRead() const;
  int64_t dramWritten() const;
};

struct Target;
/// The hardware of \p T with PE array \p Rows x \p Cols.
ScheduleHw scheduleHw(const Target &T, unsigned Rows, unsigned Cols,
                      LoopOrder Order = LoopOrder::OutputStationary);

/// The schedule of one analyzed layer on \p Hw.
LayerSchedule scheduleLayer(const LayerAnalysis &A, const ScheduleHw &Hw);

/// 3x3 tiles one output channel needs (METRICS.md section 3): th*tw*ng, or
/// ceil(ng/pack) for 1x1 kernels, Gemm and MatMul (pack 9 unless the node
/// says otherwise).
int64_t tilesPerOutput(const Layer &L);

} // namespace hcm

#endif // HCM_ANALYSIS_SCHEDULE_H
