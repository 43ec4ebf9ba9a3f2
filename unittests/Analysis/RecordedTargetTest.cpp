//===- RecordedTargetTest.cpp - The target a model's results are for -----===//
//
// recordedTarget reads back what writeHwModel wrote (the name without the
// overrides' suffix, the overrides in order); resolveTargetFor analyses on
// it, warns when this hcm's fields differ, and falls back to the default
// when it does not resolve.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/RecordedTarget.h"
#include "hcm/Analysis/Fields.h"

#include <gtest/gtest.h>

using namespace hcm;

namespace {

TargetFileReader noFiles() {
  return [](llvm::StringRef P)
             -> llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> {
    return makeError(P, "cannot read file: no files here");
  };
}

HwModel resolve(llvm::StringRef Name, const TargetOverrides &O) {
  return llvm::cantFail(resolveHwModel(Name, O, noFiles()));
}

TEST(RecordedTarget, NoneRecordedGivesTheDefault) {
  Module M;
  EXPECT_FALSE(recordedTarget(M));
  std::vector<std::string> Warnings;
  HwModel Hw = llvm::cantFail(
      resolveTargetFor(M, "hcm-6mm2-100mhz", noFiles(),
                       [&](const std::string &W) { Warnings.push_back(W); }));
  EXPECT_EQ(Hw.displayName(), "hcm-6mm2-100mhz");
  EXPECT_TRUE(Warnings.empty());
}

TEST(RecordedTarget, WrittenTargetResolvesAgain) {
  TargetOverrides O = {{"clock", "150MHz"}, {"array", "8x8"}};
  Module M;
  writeHwModel(M, resolve("hcm-6mm2-100mhz", O));
  std::optional<RecordedTarget> R = recordedTarget(M);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->Name, "hcm-6mm2-100mhz");
  EXPECT_EQ(R->Overrides, O);
  std::vector<std::string> Warnings;
  HwModel Hw = llvm::cantFail(
      resolveTargetFor(M, "hcm-16x16-800mhz", noFiles(),
                       [&](const std::string &W) { Warnings.push_back(W); }));
  EXPECT_EQ(Hw.displayName(), "hcm-6mm2-100mhz (clock=150MHz, array=8x8)");
  EXPECT_EQ(Hw.ClockHz, 150000000);
  EXPECT_TRUE(Warnings.empty());
}

TEST(RecordedTarget, OtherFieldsAreNamedInAWarning) {
  Module M;
  M.setSourcePath("m.onnx");
  writeHwModel(M, resolve("hcm-16x16-800mhz", {}));
  AttrDict D = M.getProperties()["hcm.target"].getDict();
  D["pe_rows"] = Attribute(int64_t(99));
  M.getProperties()["hcm.target"] = Attribute(std::move(D));
  std::vector<std::string> Warnings;
  HwModel Hw = llvm::cantFail(
      resolveTargetFor(M, "hcm-6mm2-100mhz", noFiles(),
                       [&](const std::string &W) { Warnings.push_back(W); }));
  EXPECT_EQ(Hw.Rows, 16u);
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0],
            "m.onnx: warning: this hcm's target 'hcm-16x16-800mhz' differs "
            "from the one the model's results are for (hcm.target) in "
            "pe_rows: recorded 99, here 16; analysing for this hcm's");
}

TEST(RecordedTarget, UnresolvedFallsBackToTheDefault) {
  Module M;
  writeHwModel(M, resolve("hcm-16x16-800mhz", {{"clock", "1GHz"}}));
  AttrDict D = M.getProperties()["hcm.target"].getDict();
  D["name"] = Attribute("my-chip (clock=1GHz)");
  M.getProperties()["hcm.target"] = Attribute(std::move(D));
  ASSERT_TRUE(recordedTarget(M));
  EXPECT_EQ(recordedTarget(M)->Name, "my-chip");
  std::vector<std::string> Warnings;
  HwModel Hw = llvm::cantFail(
      resolveTargetFor(M, "hcm-6mm2-100mhz", noFiles(),
                       [&](const std::string &W) { Warnings.push_back(W); }));
  EXPECT_EQ(Hw.displayName(), "hcm-6mm2-100mhz");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("'my-chip' (hcm.target), which does not resolve"),
            std::string::npos);
}

TEST(RecordedTarget, MalformedRecordIsNone) {
  Module M;
  writeHwModel(M, resolve("hcm-16x16-800mhz", {{"clock", "1GHz"}}));
  AttrDict D = M.getProperties()["hcm.target"].getDict();
  D["name"] = Attribute("hcm-16x16-800mhz"); // the overrides' suffix is gone
  M.getProperties()["hcm.target"] = Attribute(std::move(D));
  EXPECT_FALSE(recordedTarget(M));
  M.getProperties()["hcm.target"] = Attribute(int64_t(1));
  EXPECT_FALSE(recordedTarget(M));
}

} // namespace
