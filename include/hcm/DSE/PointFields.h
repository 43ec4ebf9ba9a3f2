//===- PointFields.h - What a design point reports --------------*- C++ -*-===//
//
// A point reports hcm-opt's network totals and target fields under their
// keys (Fields.def), plus the few figures only a sweep has: the area
// (`area_mm2`, PE array + buffers), the average power over an inference
// (`power_mw`, energy_avg / seconds), the accuracy of its quantization when
// an accuracy file is given, and QAPPA-style figures relative to the
// reference point (`rel_seconds`, `rel_energy_avg`, `rel_area`,
// `rel_perf_per_area` = (inferences/s / area) / the reference's).
// Objectives are read by key from any of these numeric fields.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_POINTFIELDS_H
#define HCM_DSE_POINTFIELDS_H

#include "hcm/DSE/Evaluator.h"
#include "hcm/DSE/Pareto.h"

namespace hcm {

struct PointContext {
  const PointResult &R;
  const LayerTotals &T;
  const PointResult &Ref;
  std::optional<double> Accuracy;
};

/// The sweep's own fields, in order (accuracy only when \p WithAccuracy).
const std::vector<FieldInfo> &pointFieldInfos();
void visitPointFields(const PointContext &P, bool WithAccuracy,
                      FieldVisitor Visit);

/// Reads the objectives of a point by key.
class ObjectiveReader {
public:
  /// Errors name an unknown or non-numeric key.
  static llvm::Expected<ObjectiveReader>
  create(const std::vector<Objective> &Objs, bool WithAccuracy);
  /// Errors when a value is missing at the point (energy without power,
  /// accuracy without an entry).
  llvm::Error read(const PointContext &P, ObjectiveVector &Out) const;
  const std::vector<Objective> &objectives() const { return Objs; }
  std::vector<Sense> senses() const;

private:
  enum class Source { Net, Hw, Point };
  struct Getter {
    Source Src;
    size_t Index;
  };
  std::vector<Objective> Objs;
  std::vector<Getter> Getters;
};

} // namespace hcm

#endif // HCM_DSE_POINTFIELDS_H
