//===- LayerTest.cpp - The convolution view of compute nodes --------------===//
//
// Each compute op is parsed from text and read back as METRICS.md section 1
// symbols: Conv (2-D, 1-D, grouped), ConvTranspose, Gemm with transposes,
// batched MatMul, QLinearConv's operand roles, the PE-tiled op, recurrent
// layers and attention's activation x activation MatMul.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Layer.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::unique_ptr<Module> parse(llvm::StringRef Inputs, llvm::StringRef Body) {
  std::string Text = "module {} opsets {\"\" = 13} {\n  graph @g(" +
                     Inputs.str() + ") {\n" + Body.str() + "  }\n}\n";
  auto M = parseModule(Text, "l.hcm");
  if (!M) {
    ADD_FAILURE() << llvm::toString(M.takeError());
    return std::make_unique<Module>();
  }
  return std::move(*M);
}

/// The layer of the first node of \p M.
Layer firstLayer(const Module &M) {
  const Node &N = *M.getGraph().getNodes().front();
  auto L = getLayer(M, N);
  if (!L) {
    ADD_FAILURE() << llvm::toString(L.takeError());
    return Layer();
  }
  return *L;
}

TEST(LayerTest, GroupedConv2D) {
  auto M = parse("%x: f32[N,8,10,12], %w: f32[16,4,3,5]",
                 "    %y = Conv(%x, %w) {group = 2} : f32[N,16,8,8] "
                 "loc(\"c\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.Kind, LayerKind::Conv);
  EXPECT_EQ(L.NIn, 8);
  EXPECT_EQ(L.MOut, 16);
  EXPECT_EQ(L.Groups, 2);
  EXPECT_EQ(L.ng(), 4);
  EXPECT_EQ(L.KH, 3);
  EXPECT_EQ(L.KW, 5);
  EXPECT_EQ(L.fanIn(), 60);
  EXPECT_EQ(L.Hi.Value, 10);
  EXPECT_EQ(L.Wi.Value, 12);
  EXPECT_EQ(L.Ho.Value, 8);
  EXPECT_FALSE(L.B.isKnown());
  EXPECT_EQ(L.B.Symbol, "N");
  EXPECT_EQ(L.bias(), nullptr);
  llvm::Error E = requireKnownDims(*M, L);
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find("unbound dim 'N'; bind it with --dim N=1"),
            std::string::npos)
      << Msg;
}

TEST(LayerTest, DepthwiseAndOneD) {
  auto M = parse("%x: f32[1,32,100], %w: f32[32,1,3]",
                 "    %y = Conv(%x, %w) {group = 32} : f32[1,32,98] "
                 "loc(\"c\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_TRUE(L.isDepthwise());
  EXPECT_EQ(L.SpatialRank, 1u);
  EXPECT_EQ(L.KH, 1);
  EXPECT_EQ(L.KW, 3);
  EXPECT_EQ(L.Hi.Value, 1);
  EXPECT_EQ(L.Wi.Value, 100);
  EXPECT_EQ(L.Wo.Value, 98);
  EXPECT_FALSE(requireKnownDims(*M, L));
}

TEST(LayerTest, ConvTransposeWeightLayout) {
  auto M = parse("%x: f32[1,8,4,4], %w: f32[8,3,2,2]",
                 "    %y = ConvTranspose(%x, %w) {group = 1} : f32[1,3,8,8] "
                 "loc(\"t\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.Kind, LayerKind::ConvTranspose);
  EXPECT_EQ(L.NIn, 8);
  EXPECT_EQ(L.MOut, 3);
  EXPECT_EQ(L.Ho.Value, 8);
}

TEST(LayerTest, GemmTransB) {
  auto M = parse("%a: f32[5,512], %b: f32[1000,512]",
                 "    %y = Gemm(%a, %b) {transB = 1} : f32[5,1000] "
                 "loc(\"g\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.NIn, 512);
  EXPECT_EQ(L.MOut, 1000);
  EXPECT_EQ(L.B.Value, 1);
  EXPECT_EQ(L.Wo.Value, 5);
  EXPECT_EQ(L.fanIn(), 512);
}

TEST(LayerTest, BatchedMatMul) {
  auto M = parse("%a: f32[2,3,7,16], %b: f32[16,4]",
                 "    %y = MatMul(%a, %b) : f32[2,3,7,4] loc(\"m\")\n"
                 "    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.B.Value, 6);
  EXPECT_EQ(L.NIn, 16);
  EXPECT_EQ(L.MOut, 4);
  EXPECT_EQ(L.Wo.Value, 7);
}

TEST(LayerTest, QLinearConvRoles) {
  auto M = parse("%x: u8[1,3,8,8], %xs: f32, %xz: u8, %w: i8[4,3,3,3], "
                 "%ws: f32, %wz: i8, %ys: f32, %yz: u8, %b: i32[4]",
                 "    %y = QLinearConv(%x, %xs, %xz, %w, %ws, %wz, %ys, %yz, "
                 "%b) : u8[1,4,6,6] loc(\"q\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.weight()->getName(), "w");
  EXPECT_EQ(L.bias()->getName(), "b");
  EXPECT_EQ(L.MOut, 4);
}

TEST(LayerTest, PEConvFollowsOrig) {
  auto M = parse("%x: f32[1,3,8,8], %w: f32[4,3,5,5]",
                 "    %y = hcm::PEConv(%x, %w) {hcm.pe = {orig = \"Conv\"}} : "
                 "f32[1,4,4,4] loc(\"p\")\n    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.KH, 5);
  EXPECT_TRUE(isComputeNode(*M->getGraph().getNodes().front()));
}

TEST(LayerTest, Errors) {
  auto M = parse("%x: f32[1,3,8,8,8], %w: f32[4,3,3,3,3]",
                 "    %y = Conv(%x, %w) : f32[1,4,6,6,6] loc(\"c3\")\n"
                 "    %z = Relu(%y) : f32[1,4,6,6,6] loc(\"r\")\n"
                 "    return %z\n");
  const auto &Nodes = M->getGraph().getNodes();
  auto L = getLayer(*M, *Nodes[0]);
  ASSERT_FALSE(L);
  EXPECT_NE(llvm::toString(L.takeError()).find("only 1-D and 2-D"),
            std::string::npos);
  EXPECT_FALSE(isComputeNode(*Nodes[1]));
  auto R = getLayer(*M, *Nodes[1]);
  ASSERT_FALSE(R);
  EXPECT_NE(llvm::toString(R.takeError()).find("not a compute layer"),
            std::string::npos);
}

TEST(LayerTest, LstmIsTheGemmOfItsGates) {
  // seq 5, batch 2, input 3, hidden 4, two directions: 4 gates over [x, h].
  auto M = parse("%x: f32[5,2,3], %w: f32[2,16,3], %r: f32[2,16,4], "
                 "%b: f32[2,32]",
                 "    %y, %yh, %yc = LSTM(%x, %w, %r, %b) {hidden_size = 4} : "
                 "(f32[5,2,2,4], f32[2,2,4], f32[2,2,4]) loc(\"l\")\n"
                 "    return %y\n");
  Layer L = firstLayer(*M);
  EXPECT_EQ(L.Kind, LayerKind::LSTM);
  EXPECT_EQ(L.B.Value, 10);
  EXPECT_EQ(L.NIn, 14);
  EXPECT_EQ(L.Groups, 2);
  EXPECT_EQ(L.MOut, 32);
  EXPECT_EQ(L.Gates, 4);
  EXPECT_EQ(L.BiasElems, 64);
  EXPECT_EQ(L.fanIn(), 7);
}

TEST(LayerTest, GruRowsMustMatchItsGates) {
  auto M = parse("%x: f32[5,2,3], %w: f32[1,16,3], %r: f32[1,16,4]",
                 "    %y, %yh = GRU(%x, %w, %r) {hidden_size = 4} : "
                 "(f32[5,1,2,4], f32[1,2,4]) loc(\"g\")\n"
                 "    return %y\n");
  auto L = getLayer(*M, *M->getGraph().getNodes().front());
  ASSERT_FALSE(L);
  EXPECT_NE(llvm::toString(L.takeError()).find("expected 3 gates"),
            std::string::npos);
}

TEST(LayerTest, AttentionScoresHaveAnActivationSecondOperand) {
  auto M = parse("%q: f32[1,2,6,8], %k: f32[1,2,6,8]",
                 "    %kt = Transpose(%k) {perm = [0, 1, 3, 2]} : "
                 "f32[1,2,8,6] loc(\"t\")\n"
                 "    %s = MatMul(%q, %kt) : f32[1,2,6,6] loc(\"m\")\n"
                 "    return %s\n");
  const Node &N = *M->getGraph().getNodes()[1];
  auto L = getLayer(*M, N);
  ASSERT_TRUE(bool(L)) << llvm::toString(L.takeError());
  EXPECT_TRUE(L->ActWeight);
  EXPECT_EQ(L->ActWeightElems.Value, 96);
  EXPECT_EQ(L->B.Value, 2);
  EXPECT_EQ(L->NIn, 8);
  EXPECT_EQ(L->MOut, 6);
}

} // namespace
