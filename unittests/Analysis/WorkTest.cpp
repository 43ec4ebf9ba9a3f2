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

namespace {

/// A chain of \p Blocks Conv -> Relu blocks; every 997th Conv's result and
/// every 991st Relu's have no shape: they and the next node are not costed
/// (one warning).
std::string longChain(int Blocks) {
  std::string Body, Prev = "%x";
  for (int I = 0; I < Blocks; ++I) {
    std::string C = "%c" + std::to_string(I), R = "%r" + std::to_string(I);
    Body += "    " + C + " = Conv(" + Prev +
            ", %w) {group = 1} : " + (I % 997 == 5 ? "f32" : "f32[1,4,8,8]") +
            " loc(\"" + C + "\")\n";
    Body += "    " + R + " = Relu(" + C +
            ") : " + (I % 991 == 7 ? "f32" : "f32[1,4,8,8]") + " loc(\"" + R +
            "\")\n";
    Prev = R;
  }
  return Body + "    return " + Prev + "\n";
}

/// Everything a table holds that the reports read, as text.
std::string describe(llvm::Expected<LayerTable> T) {
  if (!T)
    return "error: " + llvm::toString(T.takeError());
  std::string S;
  for (const LayerFacts &F : T->Layers)
    S += F.Name + " " + std::to_string(F.NodeIndex) + " " +
         std::to_string(F.W.Macs) + " " + std::to_string(F.T.Total) + "\n";
  for (const VectorFacts &V : T->Vectors)
    S += V.Name + " " + std::to_string(V.NodeIndex) + " " +
         std::to_string(V.Ops) + "\n";
  for (const auto &[Layer, Index] : T->Steps)
    S += std::to_string(Layer) + ":" + std::to_string(Index) + " ";
  for (const auto &[Op, Count] : T->NotCosted)
    S += "\nnot costed: " + Op + " x" + std::to_string(Count);
  return S;
}

TEST(LayerTableTest, SameOnAnyNumberOfThreads) {
  auto M = parse("%x: f32[1,4,8,8], %w: f32[4,4,1,1]", longChain(6000));
  for (bool Strict : {false, true}) {
    std::string Warned1, Want;
    {
      TableOptions O{Strict, "", 1};
      Want = describe(buildLayerTable(
          *M, [&](const std::string &W) { Warned1 += W + "\n"; }, O));
    }
    EXPECT_EQ(Want.rfind("error: ", 0) == 0, Strict);
    if (!Strict) {
      EXPECT_NE(Want.find("not costed: Conv (layer not readable) x14"),
                std::string::npos);
      EXPECT_NE(Want.find("not costed: Relu (shape unknown) x14"),
                std::string::npos);
    }
    for (unsigned Threads : {0u, 2u, 3u, 7u}) {
      std::string Warned;
      TableOptions O{Strict, "", Threads};
      std::string Got = describe(buildLayerTable(
          *M, [&](const std::string &W) { Warned += W + "\n"; }, O));
      EXPECT_TRUE(Got == Want) << Threads << " threads, strict " << Strict;
      EXPECT_EQ(Warned, Warned1);
    }
  }
}

} // namespace
