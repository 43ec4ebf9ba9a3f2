//===- Summary.h - The text summary of a Pareto front -----------*- C++ -*-===//
//
// For people: what was swept, how many points, and the front, best first in
// the first objective (ties by point id), one row per point with its swept
// values, the objectives and the usual figures at 4 significant digits.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SUMMARY_H
#define HCM_DSE_SUMMARY_H

#include "hcm/DSE/PointWriter.h"

namespace hcm {

struct FrontRow {
  PointResult R;
  ObjectiveVector V;
  std::optional<double> Accuracy;
  std::optional<double> RelPerfPerArea, RelEnergy;
};

void printSummary(const SweepHeader &H, std::vector<FrontRow> Rows,
                  size_t MaxRows, llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_DSE_SUMMARY_H
