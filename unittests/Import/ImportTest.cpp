//===- ImportTest.cpp - ONNX import, export, external data ----------------===//
//
// Textual ONNX models for the ops the analyses rely on (checked through the
// printed IR), binary models built with protobuf for what the text form
// cannot say (external data, typed data fields, attribute kinds, sparse
// tensors, functions), malformed input, and export -> import round trips.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/Import.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Printer.h"
#include "hcm/Import/OnnxExport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/defs/parser.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

/// Collects warnings; imports and fails the test on errors.
struct Importer {
  std::vector<std::string> Warnings;
  std::map<std::string, int64_t> Dims;

  ImportOptions opts() {
    ImportOptions O;
    O.DimBindings = Dims;
    O.OnWarning = [this](const std::string &W) { Warnings.push_back(W); };
    return O;
  }
  std::unique_ptr<Module> load(llvm::StringRef Buf, llvm::StringRef Path) {
    auto M = importBuffer(Buf, Path, opts());
    if (!M) {
      ADD_FAILURE() << errorText(M.takeError());
      return nullptr;
    }
    return std::move(*M);
  }
  std::string error(llvm::StringRef Buf, llvm::StringRef Path) {
    auto M = importBuffer(Buf, Path, opts());
    if (M) {
      ADD_FAILURE() << "import of " << Path.str() << " succeeded";
      return "";
    }
    return errorText(M.takeError());
  }
};

/// The printed line of the node defining \p Result (or of the init line).
std::string line(const Module &M, llvm::StringRef Result) {
  std::string Text = printModuleToString(M);
  std::string Key = "%" + Result.str() + " = ";
  size_t P = Text.find(Key);
  if (P == std::string::npos)
    return "<no " + Key + "in>\n" + Text;
  size_t End = Text.find('\n', P);
  return Text.substr(P, End - P);
}

bool contains(llvm::StringRef Hay, llvm::StringRef Needle) {
  return Hay.contains(Needle);
}

onnx::ModelProto parseText(const char *Text) {
  onnx::ModelProto P;
  auto S = onnx::OnnxParser::Parse(P, Text);
  EXPECT_TRUE(S.IsOK()) << S.ErrorMessage();
  return P;
}

std::string serialize(const onnx::ModelProto &P) {
  std::string Bytes;
  EXPECT_TRUE(P.SerializeToString(&Bytes));
  return Bytes;
}

//===--- Ops (textual ONNX) -----------------------------------------------===//

TEST(ImportOps, ConvAttributesAndDefaults) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
convs (float[1, 8, 16, 16] x, float[16, 4, 3, 3] wg, float[8, 1, 3, 3] wd,
       float[8, 8, 3, 3] w3, float[8, 8, 1, 1] w1) => (float[1, 16, 8, 8] g) {
  g = Conv<group = 2, pads = [1, 1, 1, 1], strides = [2, 2]>(x, wg)
  d = Conv<group = 8, dilations = [2, 2]>(x, wd)
  s = Conv<auto_pad = "SAME_UPPER", strides = [2, 2]>(x, w3)
  p = Conv(x, w1)
}
)",
                  "convs.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "g"), "%g = Conv(%x, %wg) {dilations = [1, 1], group = 2, "
                           "kernel_shape = [3, 3], pads = [1, 1, 1, 1], "
                           "strides = [2, 2]} : f32[1,16,8,8] loc(\"Conv_0\")");
  EXPECT_EQ(line(*M, "d"),
            "%d = Conv(%x, %wd) {dilations = [2, 2], group = 8, "
            "kernel_shape = [3, 3], pads = [0, 0, 0, 0], "
            "strides = [1, 1]} : f32[1,8,12,12] loc(\"Conv_1\")");
  // SAME_UPPER, 16 / stride 2 -> 8; total pad (8-1)*2+3-16 = 1, odd at end.
  EXPECT_EQ(line(*M, "s"),
            "%s = Conv(%x, %w3) {auto_pad = \"SAME_UPPER\", dilations = [1, "
            "1], group = 1, kernel_shape = [3, 3], pads = [0, 0, 1, 1], "
            "strides = [2, 2]} : f32[1,8,8,8] loc(\"Conv_2\")");
  EXPECT_TRUE(contains(line(*M, "p"), "kernel_shape = [1, 1], pads = [0, 0, "
                                      "0, 0], strides = [1, 1]} : "
                                      "f32[1,8,16,16]"));
  EXPECT_TRUE(I.Warnings.empty());
}

TEST(ImportOps, GemmDefaultsAndMatMul) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
mm (float[N, 512] x, float[1000, 512] w, float[1000] b, float[2, 4, 8, 16] p,
    float[16, 32] q) => (float[N, 1000] y, float[2, 4, 8, 32] r) {
  y = Gemm<transB = 1>(x, w, b)
  r = MatMul(p, q)
}
)",
                  "mm.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "y"), "%y = Gemm(%x, %w, %b) {alpha = 1.0, beta = 1.0, "
                           "transA = 0, transB = 1} : f32[N,1000] "
                           "loc(\"Gemm_0\")");
  EXPECT_EQ(line(*M, "r"), "%r = MatMul(%p, %q) : f32[2,4,8,32] "
                           "loc(\"MatMul_1\")");
}

TEST(ImportOps, BatchNormAndPools) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
bnp (float[N, 4, 9, 9] x, float[4] s, float[4] b, float[4] m, float[4] v)
    => (float[N, 4, 1, 1] y) {
  bn = BatchNormalization<epsilon = 0.001>(x, s, b, m, v)
  mp = MaxPool<kernel_shape = [2, 2], strides = [2, 2]>(bn)
  ap = AveragePool<kernel_shape = [3, 3], auto_pad = "SAME_LOWER">(bn)
  y = GlobalAveragePool(mp)
}
)",
                  "bnp.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_TRUE(contains(line(*M, "bn"), "epsilon = 0.001"));
  EXPECT_TRUE(contains(line(*M, "bn"), ": f32[N,4,9,9]"));
  // MaxPool-12 declares dilations; AveragePool (up to opset 17) does not.
  EXPECT_TRUE(contains(line(*M, "mp"),
                       "{dilations = [1, 1], kernel_shape = [2, 2], pads = "
                       "[0, 0, 0, 0], strides = [2, 2]} : f32[N,4,4,4]"));
  EXPECT_TRUE(contains(line(*M, "ap"),
                       "{auto_pad = \"SAME_LOWER\", kernel_shape = [3, 3], "
                       "pads = [1, 1, 1, 1], strides = [1, 1]} : "
                       "f32[N,4,9,9]"));
  EXPECT_EQ(line(*M, "y"), "%y = GlobalAveragePool(%mp) : f32[N,4,1,1] "
                           "loc(\"GlobalAveragePool_3\")");
}

TEST(ImportOps, ShapeOps) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
shp (float[2, 3, 4, 4] x, float[2, 5, 4, 4] z, float[1, 8, 1, 1] bias)
    => (float[2, 128] r, float[2, 48] f) <int64[2] newshape = {2, -1}> {
  cat = Concat<axis = 1>(x, z)
  a = Add(cat, bias)
  r = Reshape(a, newshape)
  f = Flatten<axis = 1>(x)
}
)",
                  "shp.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "newshape"), "%newshape = init dense<i64[2], [2, -1]>");
  EXPECT_TRUE(contains(line(*M, "cat"), "{axis = 1} : f32[2,8,4,4]"));
  EXPECT_TRUE(contains(line(*M, "a"), "Add(%cat, %bias) : f32[2,8,4,4]"));
  EXPECT_TRUE(contains(line(*M, "r"), "Reshape(%a, %newshape) : f32[2,128]"));
  EXPECT_TRUE(contains(line(*M, "f"), "{axis = 1} : f32[2,48]"));
}

TEST(ImportOps, QuantizeDequantize) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
qdq (float[1, 4, 8, 8] x, float[8, 4, 3, 3] w) => (float[1, 8, 6, 6] y)
    <float xs = {0.05}, uint8 xz = {128}, float[8] ws = {1, 1, 1, 1, 2, 2, 2, 2},
     int8[8] wz = {0, 0, 0, 0, 0, 0, 0, -1}> {
  xq = QuantizeLinear(x, xs, xz)
  xd = DequantizeLinear(xq, xs, xz)
  wq = QuantizeLinear<axis = 0>(w, ws, wz)
  wd = DequantizeLinear<axis = 0>(wq, ws, wz)
  y = Conv(xd, wd)
}
)",
                  "qdq.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "xz"), "%xz = init dense<u8[], [128]>");
  EXPECT_EQ(line(*M, "wz"),
            "%wz = init dense<i8[8], [0, 0, 0, 0, 0, 0, 0, -1]>");
  EXPECT_TRUE(contains(line(*M, "xq"), ": u8[1,4,8,8]"));
  EXPECT_TRUE(contains(line(*M, "xd"), ": f32[1,4,8,8]"));
  EXPECT_TRUE(contains(line(*M, "wq"), "{axis = 0} : i8[8,4,3,3]"));
  EXPECT_TRUE(contains(line(*M, "y"), ": f32[1,8,6,6]"));
}

TEST(ImportOps, IfBranchesUseOuterValues) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
branchy (bool c, float[4] x) => (float[4] y) {
  t = Relu(x)
  y = If(c) <then_branch = g1 () => (float[4] r1) { r1 = Neg(t) },
             else_branch = g2 () => (float[4] r2) { r2 = Abs(x) }>
}
)",
                  "if.onnxtxt");
  ASSERT_TRUE(M);
  const Graph &G = M->getGraph();
  const Node &If = *G.getNodes()[1];
  ASSERT_EQ(If.getSubgraphs().size(), 2u);
  const Graph &Then = *If.getAttr("then_branch")->getGraph();
  EXPECT_EQ(Then.getParentGraph(), &G);
  const Node &Neg = *Then.getNodes()[0];
  EXPECT_EQ(Neg.getOperand(0), G.lookup("t")); // outer value, not a copy
  EXPECT_EQ(Neg.getResult(0)->getType().str(), "f32[4]");
  EXPECT_EQ(Then.getOutputs()[0], Neg.getResult(0));
  EXPECT_EQ(If.getResult(0)->getType().str(), "f32[4]");
}

TEST(ImportOps, CustomDomainIsOpaqueWithOneWarning) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13, "com.acme" : 1]>
custom (float[1, 4] x) => (float[1, 4] y) {
  a = com.acme.Fancy<alpha = 2.0>(x)
  b = com.acme.Fancy(a)
  c = com.other.Odd(b)
  y = Relu(c)
}
)",
                  "custom.onnxtxt");
  ASSERT_TRUE(M);
  ASSERT_EQ(I.Warnings.size(), 2u);
  EXPECT_EQ(I.Warnings[0],
            "custom.onnxtxt: warning: node 'Fancy_0' (com.acme::Fancy): "
            "unknown operator imported as opaque; analyses will not cost it");
  EXPECT_TRUE(contains(I.Warnings[1], "(com.other::Odd): unknown operator"));
  EXPECT_EQ(line(*M, "a"), "%a = com.acme::Fancy(%x) {alpha = 2.0} : ? "
                           "loc(\"Fancy_0\")");
  // com.other has no opset import: imported for inference only.
  EXPECT_EQ(M->getOpsets().size(), 2u);
  EXPECT_EQ(M->getOpset("com.other"), 0);
}

TEST(ImportOps, SymbolicBatchKeptAndBound) {
  const char *Text = R"(
<ir_version: 8, opset_import: ["" : 13]>
sym (float[N, 3, 32, 32] x, float[8, 3, 3, 3] w) => (float[N, 8, 30, 30] y) {
  c = Conv(x, w)
  y = Relu(c)
}
)";
  Importer I;
  auto M = I.load(Text, "sym.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(M->getGraph().getInputs()[0]->getType().str(), "f32[N,3,32,32]");
  EXPECT_TRUE(contains(line(*M, "c"), ": f32[N,8,30,30]"));
  Importer B;
  B.Dims["N"] = 1;
  auto Bound = B.load(Text, "sym.onnxtxt");
  ASSERT_TRUE(Bound);
  EXPECT_EQ(Bound->getGraph().getInputs()[0]->getType().str(),
            "f32[1,3,32,32]");
  EXPECT_TRUE(contains(line(*Bound, "c"), ": f32[1,8,30,30]"));
  EXPECT_EQ(printModuleToString(*Bound).find("N,"), std::string::npos);
}

TEST(ImportOps, UnnamedNodesGetStableUniqueNames) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
names (float[2] x) => (float[2] y) {
  a = Relu(x)
  y = Relu(a)
}
)",
                  "names.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_EQ(M->getGraph().getNodes()[0]->getName(), "Relu_0");
  EXPECT_EQ(M->getGraph().getNodes()[1]->getName(), "Relu_1");
  // An explicit name that a generated one would repeat.
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
names (float[2] x) => (float[2] y) { a = Relu(x) y = Relu(a) }
)");
  P.mutable_graph()->mutable_node(1)->set_name("Relu_0");
  auto N = I.load(serialize(P), "names.onnx");
  ASSERT_TRUE(N);
  EXPECT_EQ(N->getGraph().getNodes()[0]->getName(), "Relu_0_1");
  EXPECT_EQ(N->getGraph().getNodes()[1]->getName(), "Relu_0");
}

TEST(ImportOps, LegacyOpsetAttributes) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 3, opset_import: ["" : 6]>
old (float[1, 4, 2, 2] x, float[4] s, float[4] b, float[4] m, float[4] v)
    => (float[1, 4, 2, 2] y) {
  bn = BatchNormalization<is_test = 1, spatial = 1>(x, s, b, m, v)
  d = Dropout<is_test = 1, ratio = 0.5>(bn)
  y = Clip<min = 0.0, max = 6.0>(d)
}
)",
                  "old.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_FALSE(contains(line(*M, "bn"), "is_test"));
  EXPECT_FALSE(contains(line(*M, "bn"), "spatial"));
  EXPECT_EQ(line(*M, "d"), "%d = Dropout(%bn) {ratio = 0.5} : f32[1,4,2,2] "
                           "loc(\"Dropout_1\")");
  EXPECT_TRUE(contains(line(*M, "y"), "{max = 6.0, min = 0.0}"));
  EXPECT_TRUE(I.Warnings.empty());
}

//===--- Errors -----------------------------------------------------------===//

TEST(ImportErrors, InconsistentShapesNameTheNode) {
  Importer I;
  // Declared 8x8, but a 3x3 conv without pads gives 6x6.
  EXPECT_EQ(I.error(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[1, 3, 8, 8] x, float[4, 3, 3, 3] w) => (float[1, 4, 8, 8] y) {
  y = Conv(x, w)
}
)",
                    "bad.onnxtxt"),
            "bad.onnxtxt: node 'Conv_0' (Conv, opset 13): error: shape "
            "inference: Inferred shape and existing shape differ in "
            "dimension 2: (6) vs (8)");
  // ONNX 1.12 does not check channels; the importer does.
  EXPECT_EQ(I.error(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[1, 3, 8, 8] x, float[4, 5, 3, 3] w) => (float[1, 4, 6, 6] y) {
  y = Conv(x, w)
}
)",
                    "chan.onnxtxt"),
            "chan.onnxtxt: node 'Conv_0' (Conv, opset 13): error: input "
            "channels 3 do not match weight channels 5 x group 1");
}

TEST(ImportErrors, InputsThatCrashOnnxInferenceAreErrors) {
  Importer I;
  // ONNX 1.12 indexes the rank-2 input with the rank-4 weight's dims.
  EXPECT_EQ(I.error(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[1, 32] x, float[8, 3, 3, 3] w) => (float[1, 8] y) { y = Conv(x, w) }
)",
                    "rank.onnxtxt"),
            "rank.onnxtxt: node 'Conv_0' (Conv, opset 13): error: shape "
            "inference: Weight has rank 4 but the input has rank 2");
  // ... and dereferences Scan's required attributes without a check.
  EXPECT_EQ(I.error(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[2] x) => (float[2] y) { y = Scan(x) }
)",
                    "scan.onnxtxt"),
            "scan.onnxtxt: node 'Scan_0' (Scan, opset 13): error: shape "
            "inference: Required attribute 'body' is missing");
  EXPECT_TRUE(contains(I.error(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[1, 2, 4, 4] x) => (float[1, 2, 4, 4] y) {
  y = MaxPool<kernel_shape = [2, 2], strides = [0, 0]>(x)
}
)",
                               "pool.onnxtxt"),
                       "Attribute strides must be positive, got 0"));
}

TEST(ImportErrors, TextualParseErrorHasLineAndColumn) {
  Importer I;
  std::string E = I.error("// RUN: comment\n<ir_version: 8, opset_import: "
                          "[\"\" : 13]>\ng (float[2] x) => (float[2] y) {\n"
                          "  y = Relu<alpha = []>(x)\n}\n",
                          "bad.onnxtxt");
  EXPECT_EQ(E, "bad.onnxtxt:4:21: error: textual ONNX parse error: Unexpected "
               "literal type. (at 'y = Relu<alpha = []>(x)')");
  EXPECT_EQ(I.error("<ir_version: 8>\ng (float[2] x) => (float[2] y) {\n"
                    "  y = Relu<a = 99999999999999999999>(x)\n}\n",
                    "big.onnxtxt"),
            "big.onnxtxt: error: textual ONNX parse error: bad numeric "
            "literal (stol)");
}

TEST(ImportErrors, GarbageAndTruncation) {
  Importer I;
  EXPECT_EQ(I.error(std::string("\xff\xff\xff\x01garbage", 11), "g.onnx"),
            "g.onnx: error: not a valid ONNX model (protobuf parse failed)");
  std::string Bytes = serialize(parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[N, 3, 8, 8] x, float[4, 3, 3, 3] w) => (float[N, 4, 6, 6] y) {
  y = Conv(x, w)
}
)"));
  for (size_t Cut : {size_t(1), Bytes.size() / 3, Bytes.size() - 1}) {
    std::string E = I.error(Bytes.substr(0, Cut), "t.onnx");
    EXPECT_EQ(E.find('\n'), std::string::npos) << E;
    EXPECT_EQ(E.rfind("t.onnx: error: not ", 0), 0u) << E;
  }
  EXPECT_EQ(I.error(Bytes.substr(0, Bytes.size() - 1), "t.onnx"),
            "t.onnx: error: not a valid ONNX model (protobuf parse failed)");
  EXPECT_EQ(I.error(std::string("\x08\x07", 2), "nograph.onnx"),
            "nograph.onnx: error: not an ONNX model (no graph / ir_version)");
}

TEST(ImportErrors, MissingFileAndUndefinedOperand) {
  auto M = importFile("/nonexistent/dir/m.onnx", {});
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(errorText(M.takeError()),
            "/nonexistent/dir/m.onnx: error: cannot open: No such file or "
            "directory");
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[2] x) => (float[2] y) { y = Relu(x) }
)");
  P.mutable_graph()->mutable_node(0)->set_input(0, "nowhere");
  Importer I;
  EXPECT_EQ(I.error(serialize(P), "u.onnx"),
            "u.onnx: node 'Relu_0' (Relu, opset 13): error: operand 'nowhere' "
            "is not defined");
}

//===--- Binary models ----------------------------------------------------===//

/// A fresh temporary folder, removed afterwards.
class TempDir : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("hcm-import", Dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }
  std::string path(llvm::StringRef Name) const {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  void write(llvm::StringRef Name, llvm::StringRef Bytes) const {
    std::error_code EC;
    llvm::raw_fd_ostream OS(path(Name), EC);
    ASSERT_FALSE(EC);
    OS << Bytes;
  }
  llvm::SmallString<128> Dir;
};

/// y = Add(x, w) + Mul(y, v) with w, v initializers stored at \p Location.
onnx::ModelProto externalModel(const std::string &Location) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
ext (float[4] x) => (float[4] z) <float[4] w = {1, 2, 3, 4}, float[4] v = {1, 1, 1, 1}> {
  y = Add(x, w)
  z = Mul(y, v)
}
)");
  int64_t Offset = 0;
  for (auto &T : *P.mutable_graph()->mutable_initializer()) {
    T.clear_float_data();
    T.set_data_location(onnx::TensorProto::EXTERNAL);
    for (auto [K, V] :
         {std::pair<std::string, std::string>{"location", Location},
          {"offset", std::to_string(Offset)},
          {"length", "16"}}) {
      auto *E = T.add_external_data();
      E->set_key(K);
      E->set_value(V);
    }
    Offset += 16;
  }
  return P;
}

TEST_F(TempDir, ExternalDataMissingFileWarnsOnce) {
  write("m.onnx", serialize(externalModel("weights.bin")));
  Importer I;
  auto M = importFile(path("m.onnx"), I.opts());
  ASSERT_TRUE(bool(M)) << errorText(M.takeError());
  ASSERT_EQ(I.Warnings.size(), 1u);
  EXPECT_EQ(I.Warnings[0], path("m.onnx") +
                               ": warning: external data file 'weights.bin' "
                               "not found; weights unavailable (dims and types "
                               "are kept)");
  EXPECT_EQ(line(**M, "v"), "%v = init dense<f32[4], external(\"weights.bin\", "
                            "offset = 16, length = 16)>");
  const Tensor &W = (*M)->getGraph().lookup("w")->getData();
  EXPECT_EQ(W.getExternal().BaseDir, std::string(Dir));
}

TEST_F(TempDir, ExternalDataPresentIsReadLazily) {
  float Data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  write("weights.bin", llvm::StringRef(reinterpret_cast<char *>(Data), 32));
  write("m.onnx", serialize(externalModel("weights.bin")));
  Importer I;
  auto M = importFile(path("m.onnx"), I.opts());
  ASSERT_TRUE(bool(M)) << errorText(M.takeError());
  EXPECT_TRUE(I.Warnings.empty());
  const Tensor &V = (*M)->getGraph().lookup("v")->getData();
  EXPECT_FALSE(V.isInline());
  auto Bytes = V.getBytes();
  ASSERT_TRUE(bool(Bytes)) << errorText(Bytes.takeError());
  EXPECT_EQ(V.getDouble(3), 8.0);
}

TEST_F(TempDir, ExternalDataMustStayInTheModelFolder) {
  write("up.onnx", serialize(externalModel("../x")));
  auto Up = importFile(path("up.onnx"), {});
  ASSERT_FALSE(bool(Up));
  EXPECT_EQ(errorText(Up.takeError()),
            path("up.onnx") + ": error: initializer 'w': external data "
                              "location '../x' escapes the model folder");
  write("abs.onnx", serialize(externalModel("/etc/passwd")));
  auto Abs = importFile(path("abs.onnx"), {});
  ASSERT_FALSE(bool(Abs));
  EXPECT_EQ(errorText(Abs.takeError()),
            path("abs.onnx") + ": error: initializer 'w': external data "
                               "location '/etc/passwd' escapes the model "
                               "folder");
  write("mid.onnx", serialize(externalModel("a/../../x")));
  EXPECT_FALSE(bool(importFile(path("mid.onnx"), {})));
  write("win.onnx", serialize(externalModel("a\\..\\..\\x")));
  auto Win = importFile(path("win.onnx"), {});
  EXPECT_FALSE(bool(Win));
  llvm::consumeError(Win.takeError());
}

TEST_F(TempDir, FormatIsSniffedWithoutExtension) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[N, 2] x) => (float[N, 2] y) { y = Relu(x) }
)");
  write("model.bin", serialize(P));
  write("model.txt", "// comment\n<ir_version: 8, opset_import: [\"\" : 13]>\n"
                     "g (float[2] x) => (float[2] y) { y = Relu(x) }\n");
  Importer I;
  auto Bin = importFile(path("model.bin"), I.opts());
  ASSERT_TRUE(bool(Bin)) << errorText(Bin.takeError());
  auto Txt = importFile(path("model.txt"), I.opts());
  ASSERT_TRUE(bool(Txt)) << errorText(Txt.takeError());
  // IR text, by content; bindings apply to it too.
  I.Dims["N"] = 3;
  write("ir.txt", "// IR\n" + printModuleToString(**Bin));
  auto Ir = importFile(path("ir.txt"), I.opts());
  ASSERT_TRUE(bool(Ir)) << errorText(Ir.takeError());
  EXPECT_EQ(line(**Ir, "y"), "%y = Relu(%x) : f32[3,2] loc(\"Relu_0\")");
}

TEST(ImportBinary, TypedDataFieldsBecomeRawBytes) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[2] x) => (float[2] y) { y = Relu(x) }
)");
  auto Add = [&](const char *Name, int Type) {
    auto *T = P.mutable_graph()->add_initializer();
    T->set_name(Name);
    T->set_data_type(Type);
    T->add_dims(2);
    return T;
  };
  using TP = onnx::TensorProto;
  auto *H = Add("h", TP::FLOAT16);
  H->add_int32_data(0x3c00); // 1.0
  H->add_int32_data(0xc000); // -2.0
  auto *U = Add("u", TP::UINT32);
  U->add_uint64_data(7);
  U->add_uint64_data(0xffffffffu);
  auto *B = Add("b", TP::BOOL);
  B->add_int32_data(1);
  B->add_int32_data(0);
  auto *D = Add("d", TP::DOUBLE);
  D->add_double_data(0.5);
  D->add_double_data(-1.5);
  auto *S = Add("s", TP::STRING);
  S->add_string_data("a\"b");
  S->add_string_data("");
  Importer I;
  auto M = I.load(serialize(P), "typed.onnx");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "h"), "%h = init dense<f16[2], 0x003C00C0>"); // 1, -2
  EXPECT_EQ(line(*M, "u"), "%u = init dense<u32[2], [7, 4294967295]>");
  EXPECT_EQ(line(*M, "b"), "%b = init dense<bool[2], [1, 0]>");
  EXPECT_EQ(line(*M, "d"), "%d = init dense<f64[2], [0.5, -1.5]>");
  EXPECT_EQ(line(*M, "s"), "%s = init dense<str[2], [\"a\\\"b\", \"\"]>");
  // Raw data of the wrong size is an error.
  Add("bad", TP::FLOAT)->set_raw_data("abc");
  Importer J;
  EXPECT_EQ(J.error(serialize(P), "typed.onnx"),
            "typed.onnx: error: initializer 'bad' of type f32[2] holds 3 "
            "bytes, expected 8");
}

TEST(ImportBinary, EveryAttributeKind) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13, "x" : 1]>
g (float[2] a) => (float[2] b) { b = x.Every(a) }
)");
  onnx::NodeProto &N = *P.mutable_graph()->mutable_node(0);
  using AP = onnx::AttributeProto;
  auto Attr = [&](const char *Name, AP::AttributeType T) {
    AP *A = N.add_attribute();
    A->set_name(Name);
    A->set_type(T);
    return A;
  };
  Attr("strs", AP::STRINGS)->add_strings("s");
  AP *Ts = Attr("tens", AP::TENSORS);
  Ts->add_tensors()->set_data_type(onnx::TensorProto::INT64);
  Ts->mutable_tensors(0)->add_int64_data(5);
  AP *Tp = Attr("ty", AP::TYPE_PROTO);
  Tp->mutable_tp()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::INT8);
  AP *Gs = Attr("gs", AP::GRAPHS);
  *Gs->add_graphs() = parseText("<ir_version: 8> s () => (float[2] o) "
                                "{ o = Neg(a) }")
                          .graph();
  AP *Sp = Attr("sp", AP::SPARSE_TENSOR);
  Sp->mutable_sparse_tensor()->add_dims(10);
  Sp->mutable_sparse_tensor()->mutable_values()->set_data_type(
      onnx::TensorProto::FLOAT);
  AP *Old = N.add_attribute(); // IR v1 style: no type set
  Old->set_name("old");
  Old->set_f(0.25f);
  Importer I;
  auto M = I.load(serialize(P), "attrs.onnx");
  ASSERT_TRUE(M);
  std::string L = printModuleToString(*M);
  EXPECT_TRUE(contains(L, "old = 0.25")) << L;
  EXPECT_TRUE(contains(L, "sp = dense<f32[10], elided>")) << L;
  EXPECT_TRUE(contains(L, "strs = [\"s\"]")) << L;
  EXPECT_TRUE(contains(L, "tens = [dense<i64[], [5]>]")) << L;
  EXPECT_TRUE(contains(L, "ty = type<seq<i8>>")) << L;
  const Graph &Sub =
      *M->getGraph().getNodes()[0]->getAttr("gs")->getGraphs()[0];
  EXPECT_EQ(Sub.getNodes()[0]->getOperand(0), M->getGraph().getInputs()[0]);
  ASSERT_EQ(I.Warnings.size(), 2u); // the sparse tensor, the unknown op
  EXPECT_TRUE(contains(I.Warnings[0], "sparse tensors are imported with "
                                      "their dense dims only"));
}

TEST(ImportBinary, SparseInitializerAndLocalFunction) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
g (float[3] x) => (float[3] y) { y = local.Twice(x) }
<domain: "local", opset_import: ["" : 13]>
Twice (a) => (b) { b = Add(a, a) }
)");
  auto *S = P.mutable_graph()->add_sparse_initializer();
  S->add_dims(3);
  S->mutable_values()->set_name("sp");
  S->mutable_values()->set_data_type(onnx::TensorProto::FLOAT);
  Importer I;
  auto M = I.load(serialize(P), "fn.onnx");
  ASSERT_TRUE(M);
  EXPECT_EQ(line(*M, "sp"), "%sp = init dense<f32[3], elided>");
  // ONNX infers through the function body; the node itself stays opaque.
  EXPECT_EQ(line(*M, "y"), "%y = local::Twice(%x) : f32[3] loc(\"Twice_0\")");
  ASSERT_EQ(I.Warnings.size(), 2u);
  EXPECT_EQ(I.Warnings[1], "fn.onnx: warning: node 'Twice_0' (local::Twice): "
                           "calls a model-local function; imported as opaque "
                           "(its body is not expanded)");
}

//===--- Round trips ------------------------------------------------------===//

const char *RoundTripModel = R"(
<ir_version: 8, opset_import: ["" : 13, "com.acme" : 1], producer_name: "t",
 model_version: 3, metadata_props: ["k" : "v"]>
g (float[N, 3, 8, 8] x, float[4, 3, 3, 3] w, bool c) => (float[N, 4, 8, 8] y, float[4] z)
    <float[4] b = {0.5, 1, 2, 3}, float[4, 4] big = {}> {
  cv = Conv<pads = [1, 1, 1, 1]>(x, w, b)
  d = com.acme.Odd<s = "q">(cv)
  y = Relu(cv)
  z = If(c) <then_branch = t () => (float[4] r1) { r1 = Neg(b) },
             else_branch = e () => (float[4] r2) { r2 = Abs(b) }>
}
)";

TEST(ImportRoundTrip, BinarySerializationPreservesTheModule) {
  Importer I;
  auto M = I.load(RoundTripModel, "rt.onnxtxt");
  ASSERT_TRUE(M);
  auto Back = I.load(serialize(exportToOnnx(*M)), "rt.onnx");
  ASSERT_TRUE(Back);
  EXPECT_EQ(printModuleToString(*Back), printModuleToString(*M));
}

TEST(ImportRoundTrip, HcmOnlyInformationSurvivesExport) {
  Importer I;
  auto M = I.load(RoundTripModel, "rt.onnxtxt");
  ASSERT_TRUE(M);
  Graph &G = M->getGraph();
  Node &Conv = *G.getNodes()[0];
  AttrDict Stats{{"macs", Attribute(int64_t(1728))},
                 {"share", Attribute(0.1 + 0.2)},
                 {"why", Attribute("x")}};
  Conv.setAttr("hcm.bops", Attribute(std::move(Stats)));
  Conv.setAttr("hcm.ratio", Attribute(1.0 / 3.0));
  // A quantized weight type ONNX cannot name.
  G.lookup("w")->setType(Type::tensor(
      ElementType::integer(4, true),
      Shape{Dim::known(4), Dim::known(3), Dim::known(3), Dim::known(3)}));
  M->getProperties().erase("ir_version");
  std::string Before = printModuleToString(*M, {-1});
  auto Back = I.load(serialize(exportToOnnx(*M)), "rt.onnx");
  ASSERT_TRUE(Back);
  EXPECT_EQ(printModuleToString(*Back, {-1}), Before);
  EXPECT_TRUE(contains(Before, "big = init dense<f32[4,4], elided>"));
  EXPECT_TRUE(contains(Before, "hcm.ratio = 0.3333333333333333 : f64"));
}

TEST(ImportRoundTrip, ExportCanSkipWeights) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[2, 3] x) => (float[3, 2] y) <float[3] w = {1, 2, 3}, int64[2] s = {3, 2}> {
  a = Add(x, w)
  y = Reshape(a, s)
}
)",
                  "skip.onnxtxt");
  ASSERT_TRUE(M);
  ExportOptions Opts;
  Opts.MaxInlineElements = 2;
  onnx::ModelProto P = exportToOnnx(*M, Opts);
  const auto &Inits = P.graph().initializer();
  ASSERT_EQ(Inits.size(), 2);
  EXPECT_FALSE(Inits[0].has_raw_data()); // w: dims only
  EXPECT_EQ(Inits[0].dims(0), 3);
  EXPECT_EQ(Inits[1].raw_data().size(), 16u); // s: integers are kept
  auto Back = I.load(serialize(P), "skip.onnx");
  ASSERT_TRUE(Back);
  EXPECT_EQ(line(*Back, "w"), "%w = init dense<f32[3], elided>");
  EXPECT_EQ(line(*Back, "y"), line(*M, "y"));
}

TEST(ImportRoundTrip, BindDimsReachesSubgraphsAndContainers) {
  Importer I;
  auto M = I.load(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[N, 2] x, bool c) => (float[N, 2] y) {
  s = SequenceConstruct(x)
  y = If(c) <then_branch = t () => (float[N, 2] r1) { r1 = Neg(x) },
             else_branch = e () => (float[N, 2] r2) { r2 = Abs(x) }>
}
)",
                  "b.onnxtxt");
  ASSERT_TRUE(M);
  EXPECT_TRUE(contains(line(*M, "s"), ": seq<f32[N,2]>"));
  bindDims(*M, {{"N", 5}});
  std::string Text = printModuleToString(*M);
  EXPECT_EQ(Text.find("N,"), std::string::npos) << Text;
  EXPECT_TRUE(contains(line(*M, "s"), ": seq<f32[5,2]>"));
  EXPECT_TRUE(contains(line(*M, "r1"), ": f32[5,2]"));
}

} // namespace
