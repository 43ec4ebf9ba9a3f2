//===- PointWriter.h - CSV and JSON of every design point -------*- C++ -*-===//
//
// One CSV row or one JSON object (on one line) per point, rendered into a
// string so that threads can render and the driver write them in id order.
// CSV columns: `point`, one per axis (its keys joined by `+`), `pareto`
// (1 or 0), hcm-opt's network fields, its target fields, then the point's
// own fields (PointFields.h); cells as hcm-opt's CSV writes them (exact
// integers, doubles with 17 significant digits, null empty). JSON schema
// `hcm-dse/1`: a header (model, base target, axes, objectives, reference,
// front), then `points`, each {"point", "values": {axis: value}, "pareto",
// "totals": {network fields}, "target": {target fields, "overrides"},
// "figures": {own fields}} with hcm-opt's JSON keys and number text.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_POINTWRITER_H
#define HCM_DSE_POINTWRITER_H

#include "hcm/DSE/PointFields.h"

#include "llvm/Support/raw_ostream.h"

namespace hcm {

struct SweepHeader {
  std::string Model, Target;
  const DesignSpace *Space = nullptr;
  std::vector<Objective> Objectives;
  uint64_t Reference = 0;
  uint64_t Points = 0; ///< visited
  bool Sampled = false;
  std::vector<uint64_t> Front;
  bool WithAccuracy = false;
};

void writeCsvHeader(const SweepHeader &H, llvm::raw_ostream &OS);
void renderCsvRow(const SweepHeader &H, const PointContext &P, bool Pareto,
                  std::string &Out);

/// Everything before the first point (the `points` array left open).
void writeJsonHeader(const SweepHeader &H, llvm::raw_ostream &OS);
/// One point, one line, no separator.
void renderJsonPoint(const SweepHeader &H, const PointContext &P, bool Pareto,
                     std::string &Out);
/// Closes the `points` array and the document.
void writeJsonFooter(llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_DSE_POINTWRITER_H
