//===- DesignSpace.cpp - Point ids, quantization combinations, sampling ---===//
#include "hcm/DSE/DesignSpace.h"

#include "hcm/IR/Diag.h"

#include <algorithm>
#include <unordered_set>

using namespace hcm;

llvm::Expected<DesignSpace> DesignSpace::create(std::vector<SweepAxis> Axes) {
  if (llvm::Error E = checkAxes(Axes))
    return E;
  DesignSpace S;
  S.Axes = std::move(Axes);
  S.Strides.assign(S.Axes.size(), 1);
  const uint64_t Max = uint64_t(1) << 62;
  for (size_t I = S.Axes.size(); I-- > 0;) {
    S.Strides[I] = S.Size;
    uint64_t N = S.Axes[I].Values.size();
    if (S.Size > Max / N)
      return makeError("hcm-dse", "the design space has more than 2^62 points");
    S.Size *= N;
  }
  for (size_t I = S.Axes.size(); I-- > 0;)
    if (S.Axes[I].quant()) {
      S.QuantAxes.insert(S.QuantAxes.begin(), I);
      S.QuantStrides.insert(S.QuantStrides.begin(), S.QuantCount);
      S.QuantCount *= S.Axes[I].Values.size();
    }
  return S;
}

size_t DesignSpace::quantIndex(uint64_t Id) const {
  size_t Q = 0;
  for (size_t J = 0; J < QuantAxes.size(); ++J)
    Q += valueIndex(Id, QuantAxes[J]) * QuantStrides[J];
  return Q;
}

std::map<std::string, std::string> DesignSpace::quantValues(size_t Q) const {
  std::map<std::string, std::string> R;
  for (size_t J = 0; J < QuantAxes.size(); ++J) {
    const SweepAxis &A = Axes[QuantAxes[J]];
    const std::string &V = A.Values[Q / QuantStrides[J] % A.Values.size()];
    for (const std::string &K : A.Keys)
      R[K] = V;
  }
  return R;
}

llvm::Expected<uint64_t> DesignSpace::find(llvm::StringRef Spec) const {
  uint64_t Id = 0;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Spec.split(Parts, ',', -1, false);
  std::vector<bool> Named(Axes.size());
  for (llvm::StringRef P : Parts) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    llvm::StringRef Key = P.split('=').first.trim();
    llvm::StringRef Value = P.split('=').second.trim();
    auto It = std::find_if(Axes.begin(), Axes.end(), [&](const SweepAxis &A) {
      return A.name() == Key || llvm::is_contained(A.Keys, Key.str());
    });
    if (It == Axes.end())
      return makeError("--reference '" + Spec + "'",
                       "'" + Key + "' is not swept");
    size_t A = size_t(It - Axes.begin());
    auto V = std::find(It->Values.begin(), It->Values.end(), Value.str());
    if (V == It->Values.end())
      return makeError("--reference '" + Spec + "'",
                       "'" + Value + "' is not one of the values of " +
                           It->name());
    if (Named[A])
      return makeError("--reference '" + Spec + "'",
                       It->name() + " is named twice");
    Named[A] = true;
    Id += uint64_t(V - It->Values.begin()) * Strides[A];
  }
  return Id;
}

namespace {

/// splitmix64 (Steele, Lea, Flood 2014): fixed output for a seed everywhere.
uint64_t splitmix64(uint64_t &State) {
  uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
  return Z ^ (Z >> 31);
}

/// Uniform in [0, N) without modulo bias (rejection).
uint64_t below(uint64_t &State, uint64_t N) {
  uint64_t Limit = UINT64_MAX - UINT64_MAX % N;
  uint64_t R;
  do
    R = splitmix64(State);
  while (R >= Limit);
  return R % N;
}

} // namespace

PointList hcm::selectPoints(const DesignSpace &S,
                            std::optional<uint64_t> Samples, uint64_t Seed) {
  PointList L;
  L.Count = S.size();
  if (!Samples || *Samples >= S.size())
    return L;
  // Floyd's algorithm: Samples distinct ids in Samples draws.
  uint64_t State = Seed;
  std::unordered_set<uint64_t> Chosen;
  uint64_t N = S.size();
  for (uint64_t J = N - *Samples; J < N; ++J) {
    uint64_t T = below(State, J + 1);
    if (!Chosen.insert(T).second)
      Chosen.insert(J);
  }
  L.Sample.assign(Chosen.begin(), Chosen.end());
  std::sort(L.Sample.begin(), L.Sample.end());
  L.Count = L.Sample.size();
  return L;
}
