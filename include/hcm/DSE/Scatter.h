//===- Scatter.h - The Pareto scatter of a sweep ----------------*- C++ -*-===//
//
// XploreDL Figs. 3-4 / QAPPA Figs. 3-5: every design point in the plane of
// the first two objectives, the Pareto front highlighted and connected in
// order of the first objective, the reference point ringed, the swept values
// and objective values of each point in its hover title. Axes are log10 when
// every value is positive and they span more than a decade, else linear.
// Drawn with the report's SVG module (hcm/Report/Svg.h); deterministic.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SCATTER_H
#define HCM_DSE_SCATTER_H

#include "hcm/DSE/PointWriter.h"

#include "llvm/ADT/ArrayRef.h"

namespace hcm {

struct ScatterPoint {
  uint64_t Id = 0;
  double X = 0, Y = 0; ///< the first two objectives
  bool Front = false;
};

/// At most this many points that are not on the front are drawn (evenly
/// strided over the point ids); front points are always drawn.
constexpr uint64_t MaxScatterPoints = 20000;

void writeParetoScatter(const SweepHeader &H, llvm::ArrayRef<ScatterPoint> Pts,
                        llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_DSE_SCATTER_H
