//===- ScheduleTotalsTest.cpp - Closed-form totals against every pass -----===//
//
// scheduleTotals() counts input groups (and a grouped layer's output groups)
// in classes with floor sums instead of visiting each. This is the proof
// that it is exact: on many random small layers (1x1 and larger, non-square
// kernels, strides, groups and depthwise, biases, partial last groups, kept
// and spilled partial sums, both loop orders, narrow and wide DRAM) its
// totals must equal the sums over every pass that expandSchedule() lists.
// The shapes are drawn from a fixed seed, so a failure reproduces.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Schedule.h"

#include "gtest/gtest.h"

#include <random>

using namespace hcm;

namespace {

struct Rng {
  std::mt19937_64 Gen{20261201};
  int64_t in(int64_t Lo, int64_t Hi) {
    return std::uniform_int_distribution<int64_t>(Lo, Hi)(Gen);
  }
  template <size_t N> int64_t pick(const int64_t (&Choices)[N]) {
    return Choices[size_t(in(0, N - 1))];
  }
};

LayerFacts randomLayer(Rng &R) {
  static const int64_t Kernels[] = {1, 1, 1, 2, 3, 3, 4, 5, 7, 8, 11};
  LayerFacts F;
  LayerShape &S = F.S;
  S.KH = R.pick(Kernels);
  S.KW = R.in(0, 2) ? S.KH : R.pick(Kernels);
  int64_t NG = R.in(1, 40), MG = R.in(1, 40);
  switch (R.in(0, 5)) {
  case 0:
    S.Groups = R.in(2, 5);
    break;
  case 1: // depthwise
    S.Groups = R.in(2, 60);
    NG = MG = 1;
    break;
  default:
    S.Groups = 1;
  }
  S.NIn = NG * S.Groups;
  S.MOut = MG * S.Groups;
  S.B = R.in(1, 2);
  int64_t Pad = R.in(0, 2);
  S.StrideH = R.in(1, 3);
  S.StrideW = R.in(1, 3);
  S.Hi = S.KH + R.in(0, 6);
  S.Wi = S.KW + R.in(0, 6);
  S.Ho = (S.Hi + 2 * Pad - S.KH) / S.StrideH + 1;
  S.Wo = (S.Wi + 2 * Pad - S.KW) / S.StrideW + 1;
  S.SpatialRank = 2;
  S.HasBias = R.in(0, 1);
  F.Tiles = tileLayer(S.ng(), S.MOut, S.KH, S.KW, R.in(1, 9));
  static const int64_t Widths[] = {2, 4, 8, 16};
  F.Q.A = ElementType::integer(unsigned(R.pick(Widths)), true);
  F.Q.W = ElementType::integer(unsigned(R.pick(Widths)), true);
  F.Q.Out = ElementType::integer(unsigned(R.pick(Widths)), true);
  F.Q.Acc = R.in(8, 40);
  return F;
}

ScheduleHw randomHw(Rng &R, const LayerFacts &F) {
  static const int64_t Dram[] = {1, 7, 64, 300, 4096};
  ScheduleHw Hw;
  Hw.Rows = unsigned(R.in(1, 8));
  Hw.Cols = unsigned(R.in(1, 12));
  Hw.DramBitsPerClock = R.pick(Dram);
  int64_t Partials = F.S.pixels() * F.S.MOut * F.Q.Acc;
  Hw.AccBufferBits = R.in(0, 2) == 0 ? 0 : R.in(0, 2 * Partials);
  Hw.Order =
      R.in(0, 1) ? LoopOrder::OutputStationary : LoopOrder::InputStationary;
  return Hw;
}

/// The totals by brute force: every pass, one by one.
ScheduleTotals sumPasses(const LayerSchedule &Sched) {
  ScheduleTotals T;
  T.InGroups = T.OutGroups = 0;
  T.Passes = int64_t(Sched.Passes.size());
  for (const SchedulePass &P : Sched.Passes) {
    T.InGroups = std::max(T.InGroups, P.InGroup + 1);
    T.OutGroups = std::max(T.OutGroups, P.OutGroup + 1);
    T.PrefetchCycles += P.PrefetchCycles;
    T.StreamCycles += P.StreamCycles;
    T.DramRead += P.dramRead();
    T.DramWritten += P.dramWritten();
  }
  return T;
}

std::string describe(const LayerFacts &F, const ScheduleHw &Hw) {
  const LayerShape &S = F.S;
  return std::to_string(S.KH) + "x" + std::to_string(S.KW) + "/" +
         std::to_string(S.StrideH) + "," + std::to_string(S.StrideW) + " " +
         std::to_string(S.NIn) + ">" + std::to_string(S.MOut) + " g" +
         std::to_string(S.Groups) + " b" + std::to_string(S.B) + " " +
         std::to_string(S.Hi) + "x" + std::to_string(S.Wi) + "->" +
         std::to_string(S.Ho) + "x" + std::to_string(S.Wo) +
         (S.HasBias ? " bias" : "") + " pack " + std::to_string(F.Tiles.Pack) +
         " on " + std::to_string(Hw.Rows) + "x" + std::to_string(Hw.Cols) +
         " " + std::string(loopOrderName(Hw.Order)) + " dram " +
         std::to_string(Hw.DramBitsPerClock) + " acc buffer " +
         std::to_string(Hw.AccBufferBits);
}

TEST(ScheduleTotals, ClosedFormEqualsEveryPass) {
  Rng R;
  int Classed = 0, GroupedMany = 0;
  for (int I = 0; I < 20000; ++I) {
    LayerFacts F = randomLayer(R);
    ScheduleHw Hw = randomHw(R, F);
    ScheduleTotals Closed;
    ASSERT_TRUE(scheduleTotals(F, Hw, Closed));
    LayerSchedule Sched = expandSchedule(F, Hw);
    ScheduleTotals Brute = sumPasses(Sched);
    SCOPED_TRACE(describe(F, Hw));
    ASSERT_EQ(Closed.InGroups, Brute.InGroups);
    ASSERT_EQ(Closed.OutGroups, Brute.OutGroups);
    ASSERT_EQ(Closed.Passes, Brute.Passes);
    ASSERT_EQ(Closed.PrefetchCycles, Brute.PrefetchCycles);
    ASSERT_EQ(Closed.StreamCycles, Brute.StreamCycles);
    ASSERT_EQ(Closed.DramRead, Brute.DramRead);
    ASSERT_EQ(Closed.DramWritten, Brute.DramWritten);
    // Which cases reach the classes (more input groups than 2 P + 2) and
    // the grouped output classes (several output groups).
    int64_t P = F.S.KH * F.S.KW == 1 ? 1 : F.Tiles.TH * F.Tiles.TW;
    Classed += Closed.InGroups > 2 * P + 2;
    GroupedMany += F.S.Groups > 1 && Closed.OutGroups > 2;
  }
  // The random shapes exercise the counted paths, not only the direct one.
  EXPECT_GT(Classed, 5000);
  EXPECT_GT(GroupedMany, 3000);
}

/// 2^31 input channels, 3x3: 2^31 / 16 input groups, counted, not visited.
TEST(ScheduleTotals, HugeInputChannels) {
  LayerFacts F;
  F.S.NIn = int64_t(1) << 31;
  F.S.MOut = 4;
  F.S.KH = F.S.KW = 3;
  F.S.Hi = F.S.Wi = F.S.Ho = F.S.Wo = 4;
  F.Tiles = tileLayer(F.S.ng(), F.S.MOut, 3, 3, 9);
  F.Q.A = F.Q.W = F.Q.Out = ElementType::integer(8, true);
  F.Q.Acc = 8 + 8 + 35;
  ScheduleHw Hw;
  Hw.Rows = Hw.Cols = 16;
  Hw.DramBitsPerClock = 64;
  ScheduleTotals T;
  ASSERT_TRUE(scheduleTotals(F, Hw, T));
  EXPECT_EQ(T.InGroups, int64_t(1) << 27);
  EXPECT_EQ(T.Passes, int64_t(1) << 27);
  EXPECT_EQ(T.StreamCycles, int64_t(1) << 31);
  // Each pass: 4 x 16 x 9 x 8 weight bits + 3 x 4 x 16 x 8 row bits = 6144,
  // 96 clocks at 64 bits per clock.
  EXPECT_EQ(T.PrefetchCycles, int64_t(96) << 27);
}

} // namespace
