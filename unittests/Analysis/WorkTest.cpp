//===- WorkTest.cpp - Work, traffic and node classes ----------------------===//
#include "hcm/Analysis/LayerTable.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::unique_ptr<Module> parse(llvm::StringRef Inputs, llvm::StringRef Body) {
  std::string Text = "module {} opsets {\"\" = 13} {\n  graph @g(" +
                     Inputs.str() + ") {\n" + Body.str() + "  }\n}\n";
  auto M = parseModule(Text, "w.hcm");
  if (!M) {
    ADD_FAILURE() << llvm::toString(M.takeError());
    return std::make_unique<Module>();
  }
  return std::move(*M);
}

const Node &node(const Module &M, size_t I) {
  return *M.getGraph().getNodes()[I];
}

TEST(WorkTest, FloatLayerWithoutAnnotationUsesTypeWidths) {
  auto M = parse("%x: f32[1,2,4,4], %w: f32[3,2,3,3]",
                 "    %y = Conv(%x, %w) {group = 1} : f32[1,3,2,2] loc(\"c\")\n"
                 "    return %y\n");
  auto F = analyzeLayer(*M, node(*M, 0));
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_EQ(F->Q.A, ElementType::f32());
  EXPECT_EQ(F->Q.Acc, 32);
  EXPECT_EQ(F->W.Macs, 4 * 3 * 18);
  // 32*32 + 32 + 32 + log2(18) per product.
  EXPECT_DOUBLE_EQ(F->W.BopsPixel, 54 * (1088 + std::log2(18.0)));
  EXPECT_EQ(F->T.Weights, 54 * 32);
  EXPECT_EQ(F->T.Inputs, 32 * 32);
  EXPECT_EQ(F->T.Outputs, 12 * 32);
}

TEST(WorkTest, OverflowIsAnError) {
  auto M = parse("%x: f32[4000000000,512,1000,1000], %w: f32[512,512,3,3]",
                 "    %y = Conv(%x, %w) {group = 1} : "
                 "f32[4000000000,512,998,998] loc(\"big\")\n    return %y\n");
  auto F = analyzeLayer(*M, node(*M, 0));
  ASSERT_FALSE(bool(F));
  EXPECT_NE(llvm::toString(F.takeError()).find("overflow 64 bits"),
            std::string::npos);
}

TEST(WorkTest, VectorOpsAndClasses) {
  auto M = parse("%x: f32[1,8,7,7], %n: f32[N,3]",
                 "    %p = GlobalAveragePool(%x) : f32[1,8,1,1] loc(\"gap\")\n"
                 "    %m = MaxPool(%x) {kernel_shape = [3, 3], strides = [2, "
                 "2]} : f32[1,8,3,3] loc(\"mp\")\n"
                 "    %r = Relu(%n) : f32[N,3] loc(\"r\")\n"
                 "    %c = Constant() {value = dense<f32[], [1.0]>} : f32[] "
                 "loc(\"k\")\n"
                 "    %q = com.acme::Q(%x) : f32[1,8,7,7] loc(\"q\")\n"
                 "    return %p, %m, %r, %c, %q\n");
  auto Gap = vectorOps(*M, node(*M, 0));
  ASSERT_TRUE(bool(Gap));
  EXPECT_EQ(*Gap, 8 * 49); // 8 outputs, each over a 7x7 window
  auto Pool = vectorOps(*M, node(*M, 1));
  ASSERT_TRUE(bool(Pool));
  EXPECT_EQ(*Pool, 72 * 9);
  auto Relu = vectorOps(*M, node(*M, 2));
  ASSERT_FALSE(bool(Relu));
  EXPECT_NE(llvm::toString(Relu.takeError()).find("bind it with --dim N=1"),
            std::string::npos);
  EXPECT_EQ(classifyNode(node(*M, 0)), CostClass::Vector);
  EXPECT_EQ(classifyNode(node(*M, 3)), CostClass::Free);
  EXPECT_EQ(classifyNode(node(*M, 4)), CostClass::Uncostable);
}

} // namespace
