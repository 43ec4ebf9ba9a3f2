//===- ParetoTest.cpp - Exact fronts on crafted point sets ----------------===//
#include "hcm/DSE/Pareto.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <random>

using namespace hcm;

namespace {

std::vector<uint64_t> front(const std::vector<ParetoPoint> &Points,
                            std::vector<Sense> Senses) {
  ParetoArchive A(Senses);
  for (const ParetoPoint &P : Points)
    A.insert(P.Id, P.V);
  std::vector<uint64_t> Ids;
  for (const ParetoPoint &P : A.sorted())
    Ids.push_back(P.Id);
  return Ids;
}

const std::vector<Sense> MinMin = {Sense::Min, Sense::Min};

TEST(Pareto, TwoObjectivesMin) {
  // 1 and 3 trade off; 2 is dominated by 1; 4 by 3.
  std::vector<ParetoPoint> P = {
      {1, {1, 5, 0}}, {2, {2, 6, 0}}, {3, {3, 1, 0}}, {4, {4, 1, 0}}};
  EXPECT_EQ(front(P, MinMin), (std::vector<uint64_t>{1, 3}));
}

TEST(Pareto, DuplicatesAreAllKept) {
  // Equal vectors do not dominate each other: both stay, with their ids.
  std::vector<ParetoPoint> P = {{7, {1, 1, 0}}, {3, {1, 1, 0}}, {5, {2, 2, 0}}};
  EXPECT_EQ(front(P, MinMin), (std::vector<uint64_t>{3, 7}));
}

TEST(Pareto, TiesInOneObjective) {
  // Equal first objective: the better second wins; equal in both: kept.
  std::vector<ParetoPoint> P = {{1, {1, 2, 0}}, {2, {1, 3, 0}}, {3, {1, 2, 0}}};
  EXPECT_EQ(front(P, MinMin), (std::vector<uint64_t>{1, 3}));
  // A dominated point arriving first is dropped when its dominator comes.
  std::vector<ParetoPoint> Q = {{2, {1, 3, 0}}, {1, {1, 2, 0}}};
  EXPECT_EQ(front(Q, MinMin), (std::vector<uint64_t>{1}));
}

TEST(Pareto, MinAndMaxMixed) {
  // Maximize the first (throughput), minimize the second (energy).
  std::vector<Sense> S = {Sense::Max, Sense::Min};
  std::vector<ParetoPoint> P = {
      {1, {10, 5, 0}}, {2, {20, 9, 0}}, {3, {15, 9, 0}}, {4, {5, 5, 0}}};
  EXPECT_EQ(front(P, S), (std::vector<uint64_t>{1, 2}));
}

TEST(Pareto, ThreeObjectives) {
  std::vector<Sense> S = {Sense::Min, Sense::Min, Sense::Max};
  std::vector<ParetoPoint> P = {
      {1, {1, 1, 1}}, // best in the first two, worst in the third
      {2, {2, 2, 3}}, // best in the third
      {3, {2, 2, 2}}, // dominated by 2
      {4, {1, 1, 1}}, // duplicate of 1
      {5, {1, 2, 2}}, // between: not dominated
      {6, {1, 2, 1}}, // dominated by 1 and 5
  };
  EXPECT_EQ(front(P, S), (std::vector<uint64_t>{1, 2, 4, 5}));
}

TEST(Pareto, DominanceIsStrictSomewhere) {
  Sense S[] = {Sense::Min, Sense::Min};
  EXPECT_FALSE(dominates({1, 1, 0}, {1, 1, 0}, S, 2));
  EXPECT_TRUE(dominates({1, 1, 0}, {1, 2, 0}, S, 2));
  EXPECT_FALSE(dominates({1, 2, 0}, {2, 1, 0}, S, 2));
}

TEST(Pareto, MatchesBruteForceInAnyOrderAndSplit) {
  // Random points on a coarse grid (many ties and duplicates): the archive,
  // in any insertion order and split over merged archives, gives exactly the
  // brute-force front.
  std::mt19937_64 Rng(1);
  for (int Round = 0; Round < 50; ++Round) {
    size_t N = 1 + Rng() % 200;
    size_t K = 2 + Round % 2;
    std::vector<Sense> S;
    for (size_t I = 0; I < K; ++I)
      S.push_back(Rng() % 2 ? Sense::Min : Sense::Max);
    std::vector<ParetoPoint> P;
    for (size_t I = 0; I < N; ++I)
      P.push_back(
          {I, {double(Rng() % 8), double(Rng() % 8), double(Rng() % 8)}});
    std::vector<uint64_t> Want = bruteForceFront(P, S);
    EXPECT_EQ(front(P, S), Want);
    std::shuffle(P.begin(), P.end(), Rng);
    EXPECT_EQ(front(P, S), Want);
    ParetoArchive A(S), B(S), C(S);
    for (size_t I = 0; I < P.size(); ++I)
      (I % 3 == 0 ? A : I % 3 == 1 ? B : C).insert(P[I].Id, P[I].V);
    A.merge(B);
    A.merge(C);
    std::vector<uint64_t> Got;
    for (const ParetoPoint &X : A.sorted())
      Got.push_back(X.Id);
    EXPECT_EQ(Got, Want);
  }
}

TEST(Pareto, ObjectiveSpecs) {
  auto O = parseObjectives("energy_avg,tops_per_mm2,seconds:max");
  ASSERT_TRUE(bool(O));
  EXPECT_EQ((*O)[0].S, Sense::Min);
  EXPECT_EQ((*O)[1].S, Sense::Max); // higher is better by default
  EXPECT_EQ((*O)[2].S, Sense::Max); // as asked
  auto One = parseObjectives("seconds");
  ASSERT_FALSE(bool(One));
  EXPECT_EQ(llvm::toString(One.takeError()),
            "--objectives 'seconds': error: a front takes 2 or 3 objectives");
  auto Four = parseObjectives("a,b,c,d");
  EXPECT_FALSE(bool(Four));
  llvm::consumeError(Four.takeError());
  auto Twice = parseObjectives("seconds,seconds:max");
  EXPECT_FALSE(bool(Twice));
  llvm::consumeError(Twice.takeError());
}

} // namespace
