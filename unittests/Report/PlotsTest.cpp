//===- PlotsTest.cpp - The numbers the report's pictures derive -----------===//
//
// The traffic bars split a layer's schedule DRAM bits into weights, inputs,
// outputs and spilled partial sums in closed form; the split must equal the
// sums over every pass of expandSchedule() and add up to the totals, for
// both loop orders, kept and spilled partial sums, 1x1 and grouped layers.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Plots.h"

#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

struct Case {
  int64_t N, M, H, K, Groups;
  unsigned Rows, Cols;
  int64_t AccBuffer;
  LoopOrder Order;
};

void check(const Case &C) {
  std::string Pad = std::to_string(C.K / 2);
  std::string Text =
      "module {} opsets {\"\" = 13} {\n  graph @g(%x: i8[1," +
      std::to_string(C.N) + "," + std::to_string(C.H) + "," +
      std::to_string(C.H) + "], %w: i8[" + std::to_string(C.M) + "," +
      std::to_string(C.N / C.Groups) + "," + std::to_string(C.K) + "," +
      std::to_string(C.K) +
      "]) {\n    %y = Conv(%x, %w) {group = " + std::to_string(C.Groups) +
      ", kernel_shape = [" + std::to_string(C.K) + ", " + std::to_string(C.K) +
      "], pads = [" + Pad + ", " + Pad + ", " + Pad + ", " + Pad +
      "], strides = [1, 1]} : i8[1," + std::to_string(C.M) + "," +
      std::to_string(C.H) + "," + std::to_string(C.H) +
      "] loc(\"c\")\n    return %y\n  }\n}\n";
  auto M = parseModule(Text, "t.hcm");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  auto F = analyzeLayer(**M, *(*M)->getGraph().getNodes().front());
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  ScheduleHw Hw;
  Hw.Rows = C.Rows;
  Hw.Cols = C.Cols;
  Hw.DramBitsPerClock = 64;
  Hw.AccBufferBits = C.AccBuffer;
  Hw.Order = C.Order;
  LayerEval E;
  ASSERT_TRUE(scheduleTotals(*F, Hw, E.Sched));
  TrafficSplit T = scheduleTraffic(*F, E);
  double W = 0, I = 0, O = 0, P = 0;
  for (const SchedulePass &Pass : expandSchedule(*F, Hw).Passes) {
    W += double(Pass.WeightBits);
    I += double(Pass.InputBits);
    O += double(Pass.OutputBits);
    P += double(Pass.PartialReadBits + Pass.PartialWriteBits);
  }
  EXPECT_EQ(T.Weights, W);
  EXPECT_EQ(T.Inputs, I);
  EXPECT_EQ(T.Outputs, O);
  EXPECT_EQ(T.Partials, P);
  EXPECT_EQ(T.Weights + T.Inputs + T.Outputs + T.Partials,
            double(E.Sched.dramBits()));
}

constexpr auto OS = LoopOrder::OutputStationary;
constexpr auto IS = LoopOrder::InputStationary;

TEST(ScheduleTraffic, OneGroup) { check({4, 4, 8, 3, 1, 4, 4, 1 << 20, OS}); }
TEST(ScheduleTraffic, KeptPartials) {
  check({9, 7, 8, 3, 1, 4, 4, 1 << 20, OS});
}
TEST(ScheduleTraffic, SpilledPartials) {
  check({9, 7, 8, 3, 1, 4, 4, 1024, OS});
}
TEST(ScheduleTraffic, InputStationarySpilled) {
  check({9, 7, 8, 3, 1, 4, 4, 1024, IS});
}
TEST(ScheduleTraffic, FiveByFiveKernel) {
  check({5, 6, 9, 5, 1, 4, 4, 2048, OS});
}
TEST(ScheduleTraffic, PointwisePacked) {
  check({40, 10, 6, 1, 1, 2, 4, 512, OS});
}
TEST(ScheduleTraffic, Grouped) { check({8, 8, 6, 3, 4, 2, 4, 256, OS}); }

TEST(LayerTime, AddsUpToTheLatency) {
  HwModel Hw;
  Hw.ClockHz = 100;
  LayerEval E;
  E.Sched.PrefetchCycles = 10;
  E.Sched.StreamCycles = 40;
  E.ComputeSeconds = 0.4;
  E.Seconds = 0.9; // memory time 0.9 s > (10 + 40) / 100
  TimeSplit T = layerTime(E, Hw);
  EXPECT_DOUBLE_EQ(T.Compute, 0.4);
  EXPECT_DOUBLE_EQ(T.Prefetch, 0.1);
  EXPECT_DOUBLE_EQ(T.Stall, 0.4);
}

} // namespace
