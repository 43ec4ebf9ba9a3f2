//===- QuantTest.cpp - Bitwidth formats and the accumulator rule ----------===//
#include "hcm/Analysis/Quant.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

ElementType i(unsigned W) { return ElementType::integer(W, true); }
ElementType u(unsigned W) { return ElementType::integer(W, false); }

TEST(QuantTest, AccumulatorIsBaPlusBwPlusCeilLog2FanIn) {
  EXPECT_EQ(accumulatorWidth(u(8), i(8), 1), 16); // log2(1) = 0
  EXPECT_EQ(accumulatorWidth(u(8), i(8), 2), 17);
  EXPECT_EQ(accumulatorWidth(u(8), i(8), 512), 25); // exact power of two
  EXPECT_EQ(accumulatorWidth(u(8), i(8), 513), 26);
  EXPECT_EQ(accumulatorWidth(u(4), i(4), 576), 18);    // 3x3x64: ceil(9.17)
  EXPECT_EQ(accumulatorWidth(i(32), i(32), 2304), 76); // wider than 64
  EXPECT_EQ(accumulatorWidth(ElementType::f16(), i(8), 9), 16);
  EXPECT_EQ(accumulatorWidth(ElementType::f32(), ElementType::f16(), 9), 32);
}

TEST(QuantTest, ParseBitwidth) {
  auto Plain = parseBitwidth("4", /*DefaultSigned=*/false);
  ASSERT_TRUE(bool(Plain));
  EXPECT_EQ(*Plain, u(4));
  auto Typed = parseBitwidth(" i3 ", false);
  ASSERT_TRUE(bool(Typed));
  EXPECT_EQ(*Typed, i(3));
  auto Float = parseBitwidth("bf16", true);
  ASSERT_TRUE(bool(Float));
  EXPECT_TRUE(Float->isFloat());
  for (const char *Bad :
       {"0", "33", "u0", "i64", "bool", "str", "", "4.5", "-4", "x"}) {
    auto E = parseBitwidth(Bad, true);
    EXPECT_FALSE(bool(E)) << Bad;
    if (!E)
      llvm::consumeError(E.takeError());
  }
}

TEST(QuantTest, WriteThenReadBack) {
  auto M = parseModule("module {} opsets {\"\" = 13} {\n"
                       "  graph @g(%x: f32[1,1,3,3], %w: f32[1,1,3,3]) {\n"
                       "    %y = Conv(%x, %w) : f32[1,1,1,1] loc(\"c\")\n"
                       "    return %y\n  }\n}\n",
                       "q.hcm");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  Node &N = *(*M)->getGraph().getNodes().front();
  auto None = readLayerQuant(**M, N);
  ASSERT_TRUE(bool(None));
  EXPECT_FALSE(None->has_value());
  LayerQuant Q;
  Q.A = u(4);
  Q.W = i(2);
  Q.Out = u(8);
  Q.Bias = i(32);
  Q.Acc = 10;
  Q.Src = {{"a", "option"}, {"w", "file"}};
  writeLayerQuant(N, Q);
  auto Back = readLayerQuant(**M, N);
  ASSERT_TRUE(bool(Back));
  ASSERT_TRUE(Back->has_value());
  const LayerQuant &R = **Back;
  EXPECT_EQ(R.A, Q.A);
  EXPECT_EQ(R.W, Q.W);
  EXPECT_EQ(R.Out, Q.Out);
  EXPECT_EQ(R.Bias, Q.Bias);
  EXPECT_EQ(R.Acc, 10);
  EXPECT_EQ(R.Src, Q.Src);

  N.setAttr(QuantAttrKey, Attribute(int64_t(3)));
  auto Bad = readLayerQuant(**M, N);
  ASSERT_FALSE(bool(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("must be a dictionary"),
            std::string::npos);
}

} // namespace
