//===- ScheduleSimTest.cpp - A cycle-level check of the schedule ----------===//
//
// A small clock-by-clock simulation of the streaming 3x3 PE array running a
// 3x3 convolution (pads 1, stride 1, batch 1) output-stationary: per pass it
// fetches the weights and the first three input rows from DRAM at a fixed
// number of bits per clock, then produces one output pixel per clock for
// all PEs, fetching each further input row once, when the window first
// needs it; partial sums that do not fit the accumulator buffer go to DRAM
// and back. It computes the actual convolution with integers and counts
// clocks and DRAM bits. The schedule model must give the same counts, and
// the simulated outputs must equal a direct convolution.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Schedule.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "gtest/gtest.h"

#include <vector>

using namespace hcm;

namespace {

struct Shape4 {
  int64_t N, M, H, W;
};

struct SimResult {
  int64_t Cycles = 0, Read = 0, Written = 0;
  std::vector<int64_t> Out; ///< [m][h][w]
};

int64_t value(int64_t Seed) { return (Seed * 7919 + 13) % 15 - 7; }

SimResult simulate(const Shape4 &S, unsigned Rows, unsigned Cols,
                   int64_t BitsPerClock, int64_t AccBuffer, int64_t Bits,
                   int64_t Acc) {
  auto In = [&](int64_t C, int64_t Y, int64_t X) -> int64_t {
    if (Y < 0 || X < 0 || Y >= S.H || X >= S.W)
      return 0;
    return value((C * S.H + Y) * S.W + X);
  };
  auto Wt = [&](int64_t O, int64_t C, int64_t KY, int64_t KX) {
    return value(1000 + ((O * S.N + C) * 3 + KY) * 3 + KX);
  };
  SimResult R;
  R.Out.assign(size_t(S.M * S.H * S.W), 0);
  int64_t Gi = (S.N + Rows - 1) / Rows, Go = (S.M + Cols - 1) / Cols;
  for (int64_t Og = 0; Og < Go; ++Og) {
    int64_t O0 = Og * Cols, O1 = std::min<int64_t>(S.M, O0 + Cols);
    int64_t PartialBits = (O1 - O0) * S.H * S.W * Acc;
    bool Keep = Gi == 1 || PartialBits <= AccBuffer;
    std::vector<int64_t> Partial(size_t((O1 - O0) * S.H * S.W), 0);
    for (int64_t Ig = 0; Ig < Gi; ++Ig) {
      int64_t C0 = S.N * Ig / Gi, C1 = S.N * (Ig + 1) / Gi;
      if (!Keep && Ig > 0)
        R.Read += PartialBits; // read back
      // Prefetch: weights and the first three rows, at the DRAM rate.
      int64_t Pending =
          (O1 - O0) * (C1 - C0) * 9 * Bits + 3 * S.W * (C1 - C0) * Bits;
      R.Read += Pending;
      for (; Pending > 0; Pending -= BitsPerClock)
        ++R.Cycles;
      int64_t RowsLoaded = 3;
      for (int64_t Y = 0; Y < S.H; ++Y)
        for (int64_t X = 0; X < S.W; ++X) {
          while (RowsLoaded < std::min<int64_t>(S.H, Y + 2)) {
            R.Read += S.W * (C1 - C0) * Bits; // one more input row
            ++RowsLoaded;
          }
          for (int64_t O = O0; O < O1; ++O)
            for (int64_t C = C0; C < C1; ++C)
              for (int64_t KY = 0; KY < 3; ++KY)
                for (int64_t KX = 0; KX < 3; ++KX)
                  Partial[size_t(((O - O0) * S.H + Y) * S.W + X)] +=
                      In(C, Y + KY - 1, X + KX - 1) * Wt(O, C, KY, KX);
          ++R.Cycles; // one output pixel per clock on every PE
        }
      while (RowsLoaded < S.H) { // rows the window never reached
        R.Read += S.W * (C1 - C0) * Bits;
        ++RowsLoaded;
      }
      if (!Keep && Ig + 1 < Gi)
        R.Written += PartialBits;
    }
    R.Written += (O1 - O0) * S.H * S.W * Bits; // requantized outputs
    for (int64_t O = O0; O < O1; ++O)
      for (int64_t P = 0; P < S.H * S.W; ++P)
        R.Out[size_t(O * S.H * S.W + P)] =
            Partial[size_t((O - O0) * S.H * S.W + P)];
  }
  // Reference: a direct convolution.
  for (int64_t O = 0; O < S.M; ++O)
    for (int64_t Y = 0; Y < S.H; ++Y)
      for (int64_t X = 0; X < S.W; ++X) {
        int64_t Sum = 0;
        for (int64_t C = 0; C < S.N; ++C)
          for (int64_t KY = 0; KY < 3; ++KY)
            for (int64_t KX = 0; KX < 3; ++KX)
              Sum += In(C, Y + KY - 1, X + KX - 1) * Wt(O, C, KY, KX);
        EXPECT_EQ(R.Out[size_t((O * S.H + Y) * S.W + X)], Sum);
      }
  return R;
}

/// The schedule model's counts for the same layer.
LayerSchedule model(const Shape4 &S, unsigned Rows, unsigned Cols,
                    int64_t BitsPerClock, int64_t AccBuffer,
                    std::unique_ptr<Module> &Keep) {
  std::string Text =
      "module {} opsets {\"\" = 13} {\n  graph @g(%x: i8[1," +
      std::to_string(S.N) + "," + std::to_string(S.H) + "," +
      std::to_string(S.W) + "], %w: i8[" + std::to_string(S.M) + "," +
      std::to_string(S.N) +
      ",3,3]) {\n    %y = Conv(%x, %w) {group = 1, "
      "kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [1, 1]} : i8[1," +
      std::to_string(S.M) + "," + std::to_string(S.H) + "," +
      std::to_string(S.W) + "] loc(\"c\")\n    return %y\n  }\n}\n";
  auto M = parseModule(Text, "sim.hcm");
  EXPECT_TRUE(bool(M));
  if (!M) {
    llvm::consumeError(M.takeError());
    return {};
  }
  Keep = std::move(*M);
  auto A = analyzeLayer(*Keep, *Keep->getGraph().getNodes().front());
  EXPECT_TRUE(bool(A));
  if (!A) {
    llvm::consumeError(A.takeError());
    return {};
  }
  ScheduleHw Hw;
  Hw.Rows = Rows;
  Hw.Cols = Cols;
  Hw.DramBitsPerClock = BitsPerClock;
  Hw.AccBufferBits = AccBuffer;
  return expandSchedule(*A, Hw);
}

void check(const Shape4 &S, int64_t AccBuffer) {
  std::unique_ptr<Module> M;
  LayerSchedule Sched = model(S, 4, 4, 48, AccBuffer, M);
  // i8 x i8 over n*9 products: acc = 16 + ceil(log2(9n)).
  int64_t Fan = S.N * 9, Log = 0;
  while ((int64_t(1) << Log) < Fan)
    ++Log;
  SimResult Sim = simulate(S, 4, 4, 48, AccBuffer, 8, 16 + Log);
  int64_t Cycles = 0, Read = 0, Written = 0;
  for (const SchedulePass &P : Sched.Passes) {
    Cycles += P.cycles();
    Read += P.dramRead();
    Written += P.dramWritten();
  }
  EXPECT_EQ(Sim.Cycles, Cycles);
  EXPECT_EQ(Sim.Read, Read);
  EXPECT_EQ(Sim.Written, Written);
  // The closed form gives the same totals.
  EXPECT_EQ(Sched.Totals.cycles(), Cycles);
  EXPECT_EQ(Sched.Totals.DramRead, Read);
  EXPECT_EQ(Sched.Totals.DramWritten, Written);
}

TEST(ScheduleSim, OneGroup) { check({4, 4, 8, 8}, 1 << 20); }
TEST(ScheduleSim, TwoInputGroups) { check({8, 4, 8, 8}, 1 << 20); }
TEST(ScheduleSim, TwoOutputGroups) { check({4, 8, 8, 8}, 1 << 20); }
TEST(ScheduleSim, TwoByTwoGroupsUneven) { check({7, 6, 8, 8}, 1 << 20); }
TEST(ScheduleSim, SpilledPartialSums) { check({8, 8, 8, 8}, 1024); }

} // namespace
