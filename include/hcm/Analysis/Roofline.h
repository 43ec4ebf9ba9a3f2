//===- Roofline.h - OPS-based roofline of a layer ---------------*- C++ -*-===//
//
// METRICS.md section 6: the point of a compute layer against a target's
// peak OPS/s and its memory roof, and the partial-sum variant (HCM 5.2,
// "green dots") when the layer does not fit the PE array in one pass.
// `roofline` writes it as `hcm.roofline`; emitters read it back.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_ROOFLINE_H
#define HCM_ANALYSIS_ROOFLINE_H

#include "hcm/IR/Node.h"
#include "hcm/Target/Target.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace hcm {

inline constexpr const char *RooflineAttrKey = "hcm.roofline";

struct RooflinePoint {
  double OpsPerBit = 0;
  double MemoryRoof = 0; ///< OpsPerBit * DRAM bits/s
  double Required = 0;   ///< OPS/s to finish a pixel per clock
  double Attainable = 0; ///< min(peak, required, memory roof)
  std::string Bound;     ///< "compute", "memory" or "none"
  int64_t TrafficBits = 0;
};

struct LayerRoofline {
  std::string Target;
  int64_t Peak = 0; ///< s_n * s_m * 10 * f, OPS/s
  int64_t ArrayRows = 0, ArrayCols = 0;
  int64_t Passes = 1;    ///< G = ceil(ng/s_n) * ceil(m/s_m)
  RooflinePoint Full;    ///< one pixel per clock
  RooflinePoint Partial; ///< in G passes with partial sums
  bool Spills = false;   ///< partial sums exceed the accumulator buffer
};

struct PassContext;
struct Layer;
struct LayerQuant;
struct LayerWork;
struct LayerTraffic;

/// The target a pass runs against, with its PE array: \p Name (a pass
/// option) or else the driver's `--target`, with `--target-set` applied.
struct PassTarget {
  Target T;
  unsigned Rows = 0, Cols = 0;
};
llvm::Expected<PassTarget> loadPassTarget(const PassContext &Ctx,
                                          llvm::StringRef Name);

/// The roofline of one layer on \p T with PE array \p Rows x \p Cols.
LayerRoofline computeRoofline(const Layer &L, const LayerQuant &Q,
                              const LayerWork &W, const LayerTraffic &Tr,
                              const Target &T, unsigned Rows, unsigned Cols);

void writeRoofline(Node &N, const LayerRoofline &R);
std::optional<LayerRoofline> readRoofline(const Node &N);

} // namespace hcm

#endif // HCM_ANALYSIS_ROOFLINE_H
