//===- Pareto.cpp - Dominance, the front archive, objective specs ---------===//
#include "hcm/DSE/Pareto.h"

#include "hcm/IR/Diag.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace hcm;

namespace {

bool higherIsBetter(llvm::StringRef Key) {
  return Key == "inferences_per_s" || Key == "tops_per_mm2" ||
         Key == "utilization" || Key == "accuracy" ||
         Key == "rel_perf_per_area" || Key == "peak_ops_per_s";
}

} // namespace

llvm::Expected<std::vector<Objective>>
hcm::parseObjectives(llvm::StringRef Text) {
  std::string Where = ("--objectives '" + Text + "'").str();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Text.split(Parts, ',');
  std::vector<Objective> R;
  for (llvm::StringRef P : Parts) {
    auto [Key, Dir] = P.trim().split(':');
    if (Key.trim().empty())
      return makeError(Where, "empty objective");
    Objective O{Key.trim().str(),
                higherIsBetter(Key.trim()) ? Sense::Max : Sense::Min};
    if (Dir.trim() == "max")
      O.S = Sense::Max;
    else if (Dir.trim() == "min")
      O.S = Sense::Min;
    else if (!Dir.trim().empty())
      return makeError(Where,
                       "direction '" + Dir.trim() + "' is not min or max");
    if (llvm::any_of(R, [&](const Objective &X) { return X.Key == O.Key; }))
      return makeError(Where, "objective '" + O.Key + "' is named twice");
    R.push_back(std::move(O));
  }
  if (R.size() < 2 || R.size() > MaxObjectives)
    return makeError(Where, "a front takes 2 or 3 objectives");
  return R;
}

std::string hcm::describeObjectives(const std::vector<Objective> &Objs) {
  std::string S;
  for (const Objective &O : Objs)
    S += (S.empty() ? "" : ", ") + O.Key +
         (O.S == Sense::Min ? " (min)" : " (max)");
  return S;
}

bool hcm::dominates(const ObjectiveVector &A, const ObjectiveVector &B,
                    const Sense *Senses, size_t N) {
  bool Strict = false;
  for (size_t I = 0; I < N; ++I) {
    double X = A[I], Y = B[I];
    if (Senses[I] == Sense::Max)
      std::swap(X, Y);
    if (X > Y)
      return false;
    Strict |= X < Y;
  }
  return Strict;
}

void ParetoArchive::insert(uint64_t Id, const ObjectiveVector &V) {
  const Sense *S = Senses.data();
  size_t N = Senses.size();
  for (const ParetoPoint &P : Points)
    if (dominates(P.V, V, S, N))
      return;
  llvm::erase_if(Points,
                 [&](const ParetoPoint &P) { return dominates(V, P.V, S, N); });
  Points.push_back({Id, V});
}

void ParetoArchive::merge(const ParetoArchive &Other) {
  for (const ParetoPoint &P : Other.Points)
    insert(P.Id, P.V);
}

std::vector<ParetoPoint> ParetoArchive::sorted() const {
  std::vector<ParetoPoint> R = Points;
  std::sort(R.begin(), R.end(), [](const ParetoPoint &A, const ParetoPoint &B) {
    return A.Id < B.Id;
  });
  return R;
}

std::vector<uint64_t>
hcm::bruteForceFront(const std::vector<ParetoPoint> &Points,
                     const std::vector<Sense> &Senses) {
  std::vector<uint64_t> R;
  for (const ParetoPoint &P : Points)
    if (llvm::none_of(Points, [&](const ParetoPoint &Q) {
          return dominates(Q.V, P.V, Senses.data(), Senses.size());
        }))
      R.push_back(P.Id);
  std::sort(R.begin(), R.end());
  return R;
}
