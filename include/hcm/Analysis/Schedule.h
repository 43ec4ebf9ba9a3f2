//===- Schedule.h - The quantized execution schedule of a layer -*- C++ -*-===//
//
// METRICS.md section 8: how a compute layer runs on the PE array, pass by
// pass. A pass maps one input group (up to s_n of the layer's 3x3 tiles per
// output channel) and one output group (up to s_m output channels) onto the
// s_n x s_m array and streams the input slice through it, one output pixel
// per clock after a prefetch of the pass's weights and first kh input rows.
//
// scheduleTotals() gives the totals (cycles, DRAM bits) in closed form over
// the input groups, in O(1) memory for any layer size; roofline, PPA and the
// sweep use it. expandSchedule() lists every pass, for emit-schedule only; a
// test checks on every shipped model that both agree.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_SCHEDULE_H
#define HCM_ANALYSIS_SCHEDULE_H

#include "hcm/Analysis/LayerTable.h"
#include "hcm/Target/HwModel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hcm {

llvm::StringRef loopOrderName(LoopOrder O);

/// What the schedule needs of the hardware.
struct ScheduleHw {
  unsigned Rows = 1, Cols = 1;  ///< s_n x s_m
  int64_t DramBitsPerClock = 1; ///< DRAM bandwidth / clock (rounded down)
  int64_t AccBufferBits = 0;    ///< on-chip partial-sum buffer
  LoopOrder Order = LoopOrder::OutputStationary;
};
ScheduleHw scheduleHw(const HwModel &Hw);

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

/// The totals of a layer's schedule.
struct ScheduleTotals {
  int64_t InGroups = 1, OutGroups = 1, Passes = 1;
  bool KeepsPartials = true;  ///< partial sums fit the accumulator buffer
  int64_t PrefetchCycles = 0; ///< array idle while a pass's prefetch loads
  int64_t StreamCycles = 0;   ///< passes x pixels: the array streaming
  int64_t DramRead = 0, DramWritten = 0;
  int64_t cycles() const { return PrefetchCycles + StreamCycles; }
  int64_t dramBits() const { return DramRead + DramWritten; }
};

/// Every pass, in execution order, and the totals.
struct LayerSchedule {
  ScheduleTotals Totals;
  std::vector<SchedulePass> Passes;
};

/// Closed-form totals; false when a count overflows 64 bits.
bool scheduleTotals(const LayerFacts &F, const ScheduleHw &Hw,
                    ScheduleTotals &Out);

/// A vector-unit op on s_m lanes (ours): one clock per s_m operations, its
/// inputs read and outputs written once.
ScheduleTotals vectorSchedule(const VectorFacts &V, const ScheduleHw &Hw);

/// The full list of passes (memory grows with the pass count).
LayerSchedule expandSchedule(const LayerFacts &F, const ScheduleHw &Hw);

} // namespace hcm

#endif // HCM_ANALYSIS_SCHEDULE_H
