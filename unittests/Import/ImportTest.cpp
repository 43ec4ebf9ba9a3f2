//===- ImportTest.cpp - ONNX import, export, external data ----------------===//
#include "hcm/Import/Import.h"
#include "hcm/IR/Printer.h"
#include "hcm/Import/OnnxExport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

const char *SmallModel = R"(
<ir_version: 8, opset_import: ["" : 13, "com.acme" : 1]>
g (float[N, 3, 8, 8] x, float[4, 3, 3, 3] w) => (float[N, 4, 8, 8] y) {
  c = Conv<pads = [1, 1, 1, 1]>(x, w)
  d = com.acme.Odd(c)
  e = com.acme.Odd(d)
  y = Relu(c)
}
)";

struct Collected {
  std::vector<std::string> Warnings;
  ImportOptions opts() {
    ImportOptions O;
    O.OnWarning = [this](const std::string &W) { Warnings.push_back(W); };
    return O;
  }
};

TEST(Import, TextualOnnxWithSymbolsAndCustomOps) {
  Collected C;
  auto M = importBuffer(SmallModel, "small.onnxtxt", C.opts());
  ASSERT_TRUE(bool(M)) << errorText(M.takeError());
  std::string Text = printModuleToString(**M);
  EXPECT_NE(Text.find("%c = Conv(%x, %w) {dilations = [1, 1], group = 1, "
                      "kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = "
                      "[1, 1]} : f32[N,4,8,8] loc(\"Conv_0\")"),
            std::string::npos)
      << Text;
  ASSERT_EQ(C.Warnings.size(), 1u); // once per op type
  EXPECT_EQ(C.Warnings[0],
            "small.onnxtxt: warning: node 'Odd_1' (com.acme::Odd): unknown "
            "operator imported as opaque; analyses will not cost it");
  EXPECT_EQ((*M)->getOpset("com.acme"), 1);
}

TEST(Import, DimBindingsApplyBeforeInference) {
  Collected C;
  ImportOptions O = C.opts();
  O.DimBindings["N"] = 2;
  auto M = importBuffer(SmallModel, "small.onnxtxt", O);
  ASSERT_TRUE(bool(M)) << errorText(M.takeError());
  EXPECT_EQ((*M)->getGraph().getOutputs()[0]->getType().str(), "f32[2,4,8,8]");
}

TEST(Import, BinaryRoundTripThroughExport) {
  Collected C;
  auto M = importBuffer(SmallModel, "small.onnxtxt", C.opts());
  ASSERT_TRUE(bool(M));
  std::string Bytes;
  ASSERT_TRUE(exportToOnnx(**M).SerializeToString(&Bytes));
  auto Back = importBuffer(Bytes, "small.onnxtxt.onnx", C.opts());
  ASSERT_TRUE(bool(Back)) << errorText(Back.takeError());
  auto Strip = [](std::string S) { return S.substr(S.find("graph")); };
  EXPECT_EQ(Strip(printModuleToString(**Back)),
            Strip(printModuleToString(**M)));
}

TEST(Import, RejectsGarbageAndTruncation) {
  Collected C;
  auto Bad = importBuffer(std::string("\xff\xff\xff\x01garbage", 11), "g.onnx",
                          C.opts());
  ASSERT_FALSE(bool(Bad));
  EXPECT_EQ(errorText(Bad.takeError()),
            "g.onnx: error: not a valid ONNX model (protobuf parse failed)");
  auto M = importBuffer(SmallModel, "small.onnxtxt", C.opts());
  ASSERT_TRUE(bool(M));
  std::string Bytes;
  exportToOnnx(**M).SerializeToString(&Bytes);
  for (size_t Cut : {size_t(1), Bytes.size() / 3, Bytes.size() - 1}) {
    auto T = importBuffer(Bytes.substr(0, Cut), "t.onnx", C.opts());
    EXPECT_FALSE(bool(T)) << Cut;
    if (!T) {
      EXPECT_EQ(errorText(T.takeError()).find('\n'), std::string::npos);
    }
  }
}

TEST(Import, MissingFileIsOneLineError) {
  auto M = importFile("/nonexistent/dir/m.onnx", {});
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(errorText(M.takeError()),
            "/nonexistent/dir/m.onnx: error: cannot open: No such file or "
            "directory");
}

TEST(Import, HcmTextIsSniffedFromContent) {
  Collected C;
  auto M = importBuffer(SmallModel, "small.onnxtxt", C.opts());
  ASSERT_TRUE(bool(M));
  std::string Text = printModuleToString(**M);
  ImportOptions O = C.opts();
  O.DimBindings["N"] = 1;
  auto Back = importBuffer(Text, "<stdin>", O);
  ASSERT_TRUE(bool(Back)) << errorText(Back.takeError());
  EXPECT_EQ((*Back)->getGraph().getInputs()[0]->getType().str(),
            "f32[1,3,8,8]");
}

} // namespace
