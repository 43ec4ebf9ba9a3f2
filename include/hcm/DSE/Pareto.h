//===- Pareto.h - Exact Pareto fronts over 2 or 3 objectives ----*- C++ -*-===//
//
// A point dominates another when it is at least as good in every objective
// and strictly better in one (each objective minimized or maximized). The
// front is the set of points no other point dominates, computed exactly:
// comparisons are on the doubles themselves, no tolerance. Ties and
// duplicates: points with equal objective vectors do not dominate each
// other, so when one of them is on the front all of them are (each keeps
// its own id and flag). The archive keeps only non-dominated points, so
// memory grows with the front, not with the points seen; the result does
// not depend on the order of insertion or on how points are split between
// archives that are merged afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_PARETO_H
#define HCM_DSE_PARETO_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hcm {

enum class Sense { Min, Max };

struct Objective {
  std::string Key;
  Sense S = Sense::Min;
};

/// At most this many objectives.
constexpr size_t MaxObjectives = 3;
using ObjectiveVector = std::array<double, MaxObjectives>;

/// Parses `key:min,key:max[,key:min]` (2 or 3 objectives). A key without a
/// direction takes the usual one: max for inferences_per_s, tops_per_mm2,
/// utilization, accuracy and the relative performance, else min.
llvm::Expected<std::vector<Objective>> parseObjectives(llvm::StringRef Text);

/// The objectives as text: `energy_avg (min), seconds (min)`.
std::string describeObjectives(const std::vector<Objective> &Objs);

/// True when \p A dominates \p B under \p Senses (first \p N entries).
bool dominates(const ObjectiveVector &A, const ObjectiveVector &B,
               const Sense *Senses, size_t N);

struct ParetoPoint {
  uint64_t Id;
  ObjectiveVector V;
};

class ParetoArchive {
public:
  ParetoArchive(std::vector<Sense> Senses) : Senses(std::move(Senses)) {}
  /// Adds a point: dropped when a kept point dominates it, else kept and
  /// every kept point it dominates is dropped.
  void insert(uint64_t Id, const ObjectiveVector &V);
  /// Inserts every point of \p Other.
  void merge(const ParetoArchive &Other);
  /// The front in ascending id order.
  std::vector<ParetoPoint> sorted() const;
  size_t size() const { return Points.size(); }

private:
  std::vector<Sense> Senses;
  std::vector<ParetoPoint> Points;
};

/// The front of \p Points by brute force (every pair): the reference the
/// tests check the archive against.
std::vector<uint64_t> bruteForceFront(const std::vector<ParetoPoint> &Points,
                                      const std::vector<Sense> &Senses);

} // namespace hcm

#endif // HCM_DSE_PARETO_H
