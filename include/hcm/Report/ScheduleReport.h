//===- ScheduleReport.h - The execution schedule as text/JSON/CSV -*- C++ -*-=//
//
// `emit-schedule` expands every layer of the layer table into its passes on
// the driver's hardware model and prints them: readable text (one block per
// layer, one line per pass, or runs of identical passes collapsed), JSON
// (schema `hcm-schedule/1`, a list of steps for a simulator or testbench) or
// CSV (one row per pass).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_REPORT_SCHEDULEREPORT_H
#define HCM_REPORT_SCHEDULEREPORT_H

#include "hcm/Analysis/Schedule.h"

#include "llvm/Support/raw_ostream.h"

namespace hcm {

struct ScheduledLayer {
  std::string Name, Op;
  LayerSchedule S;
  Requant Requantize;
};

struct ScheduledVector {
  std::string Name, Op;
  int64_t Cycles = 0, DramRead = 0, DramWritten = 0;
};

/// A step of the schedule, in execution order.
struct ScheduleStep {
  const ScheduledLayer *Layer = nullptr;   ///< a compute layer, or
  const ScheduledVector *Vector = nullptr; ///< a vector-unit op
};

struct ScheduleReport {
  std::string Model, Target, Order;
  ScheduleHw Hw;
  std::vector<ScheduledLayer> Layers;
  std::vector<ScheduledVector> Vectors;
  std::vector<ScheduleStep> Steps;
  int64_t LayerCycles = 0, LayerRead = 0, LayerWritten = 0;
  int64_t VectorCycles = 0, VectorRead = 0, VectorWritten = 0;
};

/// The schedule of every step of \p T on \p Hw.
ScheduleReport collectSchedule(const LayerTable &T, const HwModel &Hw);

void printScheduleText(const ScheduleReport &R, bool Compact,
                       llvm::raw_ostream &OS);
void printScheduleJson(const ScheduleReport &R, llvm::raw_ostream &OS);
void printScheduleCsv(const ScheduleReport &R, llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_REPORT_SCHEDULEREPORT_H
