//===- DesignSpace.h - The points of a sweep --------------------*- C++ -*-===//
//
// The cartesian product of the axes, numbered like nested loops with the
// first axis outermost: point id = sum(value index * stride). A sweep visits
// every id, or a random sample of distinct ids (`--samples N --seed S`),
// drawn with a fixed generator (splitmix64) so the same seed gives the same
// points on every machine, then visited in ascending id order. No point is
// stored: ids decode to value indices on demand.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_DESIGNSPACE_H
#define HCM_DSE_DESIGNSPACE_H

#include "hcm/DSE/SweepSpec.h"

#include <cstdint>
#include <map>
#include <optional>

namespace hcm {

class DesignSpace {
public:
  /// Errors when the product does not fit 63 bits.
  static llvm::Expected<DesignSpace> create(std::vector<SweepAxis> Axes);

  const std::vector<SweepAxis> &axes() const { return Axes; }
  uint64_t size() const { return Size; }
  /// Index into axis \p A's values of point \p Id.
  size_t valueIndex(uint64_t Id, size_t A) const {
    return size_t(Id / Strides[A] % Axes[A].Values.size());
  }
  const std::string &value(uint64_t Id, size_t A) const {
    return Axes[A].Values[valueIndex(Id, A)];
  }
  /// The quantization of a point: one index per distinct combination of the
  /// quantization axes' values (0 when none is swept).
  size_t quantIndex(uint64_t Id) const;
  size_t quantCount() const { return QuantCount; }
  /// The quantization axes' values of combination \p Q, by key.
  std::map<std::string, std::string> quantValues(size_t Q) const;
  /// The point whose values are given by key (`clock=800MHz`, ...); axes not
  /// named take their first value. Errors name the unknown key or value.
  llvm::Expected<uint64_t> find(llvm::StringRef Spec) const;

private:
  std::vector<SweepAxis> Axes;
  std::vector<uint64_t> Strides;
  std::vector<size_t> QuantAxes; ///< indices of the quantization axes
  std::vector<size_t> QuantStrides;
  size_t QuantCount = 1;
  uint64_t Size = 1;
};

/// The ids a sweep visits: all of [0, Count) or a sorted sample.
struct PointList {
  uint64_t Count = 0;
  std::vector<uint64_t> Sample; ///< empty: every id in [0, Count)
  uint64_t id(uint64_t I) const { return Sample.empty() ? I : Sample[I]; }
};

/// Every point, or \p Samples distinct points drawn with \p Seed (all points
/// when Samples >= size).
PointList selectPoints(const DesignSpace &S, std::optional<uint64_t> Samples,
                       uint64_t Seed);

} // namespace hcm

#endif // HCM_DSE_DESIGNSPACE_H
