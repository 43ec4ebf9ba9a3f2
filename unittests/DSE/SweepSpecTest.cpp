//===- SweepSpecTest.cpp - Sweep values, ranges, ids and samples ----------===//
#include "hcm/DSE/DesignSpace.h"

#include "gtest/gtest.h"

#include <set>

using namespace hcm;

namespace {

std::vector<std::string> values(llvm::StringRef Arg) {
  auto A = parseSweepArg(Arg);
  if (!A) {
    ADD_FAILURE() << llvm::toString(A.takeError());
    return {};
  }
  return A->Values;
}

std::string error(llvm::StringRef Arg) {
  auto A = parseSweepArg(Arg);
  if (A)
    return "no error";
  return llvm::toString(A.takeError());
}

TEST(SweepSpec, ListsAndRanges) {
  EXPECT_EQ(values("clock=200MHz,1GHz"),
            (std::vector<std::string>{"200MHz", "1GHz"}));
  EXPECT_EQ(values("clock=100MHz..1GHz:4"),
            (std::vector<std::string>{"100000000Hz", "400000000Hz",
                                      "700000000Hz", "1000000000Hz"}));
  EXPECT_EQ(values("clock=100MHz..10GHz:3:log"),
            (std::vector<std::string>{"100000000Hz", "1000000000Hz",
                                      "10000000000Hz"}));
  EXPECT_EQ(values("pe_bits=2..5"),
            (std::vector<std::string>{"2", "3", "4", "5"}));
  EXPECT_EQ(values("w=2,4..5,u8"),
            (std::vector<std::string>{"2", "4", "5", "u8"}));
  EXPECT_EQ(values("acc_buffer=1KiB..4KiB:2"),
            (std::vector<std::string>{"8192bit", "32768bit"}));
  EXPECT_EQ(values("dram_bandwidth=1Gbit/s..2Gbit/s:3"),
            (std::vector<std::string>{"1000000000bit/s", "1500000000bit/s",
                                      "2000000000bit/s"}));
  EXPECT_EQ(values("area=1mm2..2mm2:2"),
            (std::vector<std::string>{"1000000um2", "2000000um2"}));
  auto Linked = parseSweepArg("bits+pe_bits=2,4");
  ASSERT_TRUE(bool(Linked));
  EXPECT_EQ(Linked->name(), "bits+pe_bits");
  EXPECT_TRUE(Linked->quant());
}

TEST(SweepSpec, Errors) {
  EXPECT_EQ(error("clock=2GHz..1GHz:3"),
            "--sweep 'clock=2GHz..1GHz:3': error: clock: empty range "
            "'2GHz..1GHz:3' (1GHz < 2GHz)");
  EXPECT_NE(error("clock=1").find("needs a unit"), std::string::npos);
  EXPECT_NE(error("bogus=1").find("unknown key 'bogus'"), std::string::npos);
  EXPECT_NE(error("clock=").find("expected key=v1,v2"), std::string::npos);
  EXPECT_NE(error("clock=1GHz,,2GHz").find("empty value"), std::string::npos);
  EXPECT_NE(error("pe+pe_bits=fixed").find("take different values"),
            std::string::npos);
  EXPECT_NE(error("clock=1GHz..2GHz:3:lin").find("scale is `log`"),
            std::string::npos);
  EXPECT_NE(error("loop_order=diagonal").find("loop_order is"),
            std::string::npos);
}

TEST(DesignSpace, IdsDecodeFirstAxisOutermost) {
  std::vector<SweepAxis> Axes = {*parseSweepArg("bits=2,4"),
                                 *parseSweepArg("clock=1GHz,2GHz,3GHz")};
  auto S = DesignSpace::create(Axes);
  ASSERT_TRUE(bool(S));
  EXPECT_EQ(S->size(), 6u);
  EXPECT_EQ(S->value(4, 0), "4");
  EXPECT_EQ(S->value(4, 1), "2GHz");
  EXPECT_EQ(S->quantCount(), 2u);
  EXPECT_EQ(S->quantIndex(4), 1u);
  EXPECT_EQ(S->quantIndex(2), 0u);
  auto Ref = S->find("clock=3GHz,bits=4");
  ASSERT_TRUE(bool(Ref));
  EXPECT_EQ(*Ref, 5u);
  auto Bad = S->find("clock=4GHz");
  EXPECT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(DesignSpace, SamplesAreDistinctSortedAndSeeded) {
  std::vector<SweepAxis> Axes = {*parseSweepArg("pe_bits=1..32"),
                                 *parseSweepArg("clock=1MHz..1GHz:100")};
  auto S = DesignSpace::create(Axes);
  ASSERT_TRUE(bool(S));
  PointList A = selectPoints(*S, 500, 7), B = selectPoints(*S, 500, 7);
  EXPECT_EQ(A.Sample, B.Sample);
  EXPECT_EQ(A.Count, 500u);
  EXPECT_TRUE(std::is_sorted(A.Sample.begin(), A.Sample.end()));
  EXPECT_EQ(std::set<uint64_t>(A.Sample.begin(), A.Sample.end()).size(), 500u);
  EXPECT_LT(A.Sample.back(), S->size());
  EXPECT_NE(selectPoints(*S, 500, 8).Sample, A.Sample);
  // The first sampled ids for seed 7: fixed on every machine.
  EXPECT_EQ(selectPoints(*S, 3, 7).Sample,
            (std::vector<uint64_t>{444, 2637, 2946}));
  EXPECT_EQ(selectPoints(*S, 4000, 1).Count, S->size()); // all of them
}

TEST(DesignSpace, Conflicts) {
  auto S = DesignSpace::create(
      {*parseSweepArg("area=1mm2"), *parseSweepArg("array=8x8")});
  ASSERT_FALSE(bool(S));
  EXPECT_NE(llvm::toString(S.takeError()).find("conflict"), std::string::npos);
}

} // namespace
