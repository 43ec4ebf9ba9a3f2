//===- TargetTest.cpp - Shipped targets, PE arrays, units, file errors ----===//
#include "hcm/Support/Units.h"
#include "hcm/Target/HwModel.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> noFiles(llvm::StringRef P) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "no file " + P);
}

std::pair<unsigned, unsigned>
arrayOf(llvm::StringRef Name,
        std::vector<std::pair<std::string, std::string>> Set) {
  auto T = loadTarget(Name, Set, noFiles);
  if (!T) {
    ADD_FAILURE() << llvm::toString(T.takeError());
    return {0, 0};
  }
  auto A = T->array();
  if (!A) {
    ADD_FAILURE() << llvm::toString(A.takeError());
    return {0, 0};
  }
  return *A;
}

// HCM Table 2 (1 mm^2, 800 MHz) and Table 3 (6 mm^2, 100 MHz) PE arrays.
TEST(TargetTest, HcmTablesPEArrays) {
  using P = std::pair<unsigned, unsigned>;
  EXPECT_EQ(arrayOf("hcm-1mm2-800mhz", {{"pe", "fp32"}}), P(3, 3));
  EXPECT_EQ(arrayOf("hcm-1mm2-800mhz", {{"pe_bits", "32"}}), P(7, 7));
  EXPECT_EQ(arrayOf("hcm-1mm2-800mhz", {{"pe_bits", "16"}}), P(14, 14));
  EXPECT_EQ(arrayOf("hcm-1mm2-800mhz", {{"pe_bits", "8"}}), P(26, 26));
  EXPECT_EQ(arrayOf("hcm-6mm2-100mhz", {{"pe", "fp32"}}), P(7, 7));
  EXPECT_EQ(arrayOf("hcm-6mm2-100mhz", {{"pe_bits", "32"}}), P(18, 18));
  EXPECT_EQ(arrayOf("hcm-6mm2-100mhz", {{"pe_bits", "16"}}), P(36, 36));
  EXPECT_EQ(arrayOf("hcm-6mm2-100mhz", {{"pe_bits", "8"}}), P(63, 63));
  EXPECT_EQ(arrayOf("hcm-6mm2-100mhz", {{"pe_bits", "4"}}), P(106, 106));
  EXPECT_EQ(arrayOf("hcm-16x16-800mhz", {}), P(16, 16));
  EXPECT_EQ(arrayOf("hcm-1mm2-800mhz", {{"array", "4x8"}}), P(4, 8));
}

TEST(TargetTest, EveryShippedTargetLoads) {
  EXPECT_GE(shippedTargetNames().size(), 5u);
  for (const std::string &Name : shippedTargetNames()) {
    auto T = loadTarget(Name, {}, noFiles);
    ASSERT_TRUE(bool(T)) << Name << ": " << llvm::toString(T.takeError());
    EXPECT_GT(T->ClockHz, 0) << Name;
    // Every shipped target has DDR4-2400 x64 but eyeriss, whose bandwidth is
    // fitted to seed 004 Table 6 (targets/eyeriss.yaml).
    EXPECT_DOUBLE_EQ(T->DramBitsPerSec, Name == "eyeriss" ? 338.7e6 : 153.6e9)
        << Name;
    auto A = T->array();
    EXPECT_TRUE(bool(A)) << Name;
    if (!A)
      llvm::consumeError(A.takeError());
  }
  // The kinds and fields of the reproduction targets.
  auto E = loadTarget("eyeriss", {}, noFiles);
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(E->PeKind, "mac");
  EXPECT_DOUBLE_EQ(E->SustainedMacsPerSec, 11.2e9);
  EXPECT_EQ(E->PoolFusion, "into-conv");
  EXPECT_EQ(E->BiasTraffic, "none");
  auto T = loadTarget("tforca-28nm", {}, noFiles);
  ASSERT_TRUE(bool(T));
  EXPECT_EQ(T->PeKind, "operator");
  EXPECT_EQ(T->OpCycles, 14);
  EXPECT_DOUBLE_EQ(T->OpPeriodSec, 0.6e-9);
  EXPECT_EQ(T->DramPjPerBit, 0.0);
  ASSERT_EQ(T->Tech.PETypes.size(), 1u);
  EXPECT_DOUBLE_EQ(T->Tech.PETypes[0].AreaUm2, 35003);
  EXPECT_EQ(T->ClockHz, 1600000000);
}

TEST(TargetTest, BadFilesAndOverrides) {
  std::string Text = "name: t\ntechnology: tsmc28-hcm\nclock: 800MHz\n"
                     "area: 1mm2\ndram_bandwidth: fast\n";
  auto T = parseTarget(llvm::MemoryBufferRef(Text, "t.yaml"));
  ASSERT_FALSE(bool(T));
  EXPECT_EQ(llvm::toString(T.takeError()),
            "t.yaml:5:17: error: 'fast' is not a bandwidth (e.g. "
            "153.6Gbit/s, 19.2GB/s)");
  std::string Both = "name: t\ntechnology: tsmc28-hcm\nclock: 800MHz\n"
                     "area: 1mm2\narray: 2x2\ndram_bandwidth: 1Gb/s\n";
  auto B = parseTarget(llvm::MemoryBufferRef(Both, "b.yaml"));
  ASSERT_FALSE(bool(B));
  EXPECT_NE(llvm::toString(B.takeError()).find("give either 'area'"),
            std::string::npos);
  auto O = loadTarget("hcm-16x16-800mhz", {{"clock", "fast"}}, noFiles);
  ASSERT_FALSE(bool(O));
  EXPECT_EQ(llvm::toString(O.takeError()),
            "--target-set clock=fast: error: 'fast' is not a frequency (e.g. "
            "800MHz, 1.6GHz)");
  auto Missing = loadTarget("nope.yaml", {}, noFiles);
  ASSERT_FALSE(bool(Missing));
  llvm::consumeError(Missing.takeError());
}

TEST(TargetTest, HwModelNamesItsOverrides) {
  auto Hw = resolveHwModel("hcm-16x16-800mhz",
                           {{"clock", "200MHz"}, {"array", "8x8"}}, noFiles);
  ASSERT_TRUE(bool(Hw)) << llvm::toString(Hw.takeError());
  EXPECT_EQ(Hw->displayName(), "hcm-16x16-800mhz (clock=200MHz, array=8x8)");
  EXPECT_EQ(Hw->Rows, 8u);
  EXPECT_EQ(Hw->ClockHz, 200000000);
  // 153.6 Gbit/s at 200 MHz = 768 bits per clock; peak 8*8*10*200 MHz.
  EXPECT_EQ(Hw->DramBitsPerClock, 768);
  EXPECT_EQ(Hw->PeakOpsPerSec, 128000000000);
  EXPECT_EQ(Hw->DatapathBits, 8u);
}

TEST(TargetTest, HwModelRefusesBareNumbersAndHugeArrays) {
  auto Bare = resolveHwModel("hcm-16x16-800mhz", {{"clock", "800"}}, noFiles);
  ASSERT_FALSE(bool(Bare));
  EXPECT_EQ(llvm::toString(Bare.takeError()),
            "--target-set clock=800: error: '800' needs a unit: a frequency "
            "is written with one (e.g. 800MHz, 1.6GHz)");
  auto Big =
      resolveHwModel("hcm-16x16-800mhz", {{"array", "65536x65536"}}, noFiles);
  ASSERT_FALSE(bool(Big));
  EXPECT_NE(llvm::toString(Big.takeError()).find("larger than 16384"),
            std::string::npos);
  auto Area =
      resolveHwModel("hcm-1mm2-800mhz", {{"area", "1e300mm2"}}, noFiles);
  ASSERT_FALSE(bool(Area));
  EXPECT_NE(llvm::toString(Area.takeError()).find("more than"),
            std::string::npos);
}

TEST(TargetTest, Units) {
  EXPECT_EQ(*parseFrequency("1.6GHz"), 1600000000);
  EXPECT_DOUBLE_EQ(*parseArea("6 mm2"), 6e6);
  EXPECT_DOUBLE_EQ(*parseBandwidth("19.2GB/s"), 153.6e9);
  EXPECT_EQ(*parseDataSize("64KiB"), 64 * 1024 * 8);
  EXPECT_DOUBLE_EQ(*parsePower("2W"), 2000);
  EXPECT_DOUBLE_EQ(*parseEnergy("0.5nJ"), 500);
  auto Bad = parseDataSize("0.3bit");
  ASSERT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

} // namespace
