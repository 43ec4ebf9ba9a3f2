//===- OnnxInferenceTest.cpp - inferOnnxShapes is ONNX's InferShapes ------===//
//
// hcm::inferOnnxShapes must leave every model exactly as ONNX 1.12's
// onnx::shape_inference::InferShapes does (the serialized protos are
// compared byte for byte) and fail with the same message: on every shipped
// model, every textual ONNX fixture under test/ without local functions
// (errors, subgraphs, custom ops, shape arithmetic), in strict and
// lenient mode, with and without data propagation.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "onnx/defs/parser.h"
#include "onnx/shape_inference/implementation.h"

#include "gtest/gtest.h"

#include <iostream>
#include <sstream>

using namespace hcm;

namespace {

/// The model after \p Infer, serialized, or the message it threw.
template <typename Fn>
std::string outcome(onnx::ModelProto P, const onnx::ShapeInferenceOptions &O,
                    Fn Infer) {
  // ONNX writes warnings to std::cerr; both drivers write the same ones.
  std::streambuf *Saved = std::cerr.rdbuf();
  std::ostringstream Err;
  std::cerr.rdbuf(Err.rdbuf());
  std::string R;
  try {
    Infer(P, O);
    R = "ok\n" + P.SerializeAsString();
  } catch (const std::exception &E) {
    R = std::string("threw: ") + E.what();
  }
  std::cerr.rdbuf(Saved);
  return R;
}

void expectSameAsOnnx(const onnx::ModelProto &P, const std::string &What) {
  const onnx::ISchemaRegistry *Reg = guardedSchemaRegistry();
  for (int Mode : {0, 1})
    for (bool Prop : {false, true}) {
      onnx::ShapeInferenceOptions O{false, Mode, Prop};
      std::string Want = outcome(P, O, [&](onnx::ModelProto &M, auto &Opts) {
        onnx::shape_inference::InferShapes(M, Reg, Opts);
      });
      std::string Got = outcome(P, O, [&](onnx::ModelProto &M, auto &Opts) {
        inferOnnxShapes(M, Reg, Opts);
      });
      EXPECT_TRUE(Want == Got)
          << What << " (error_mode " << Mode << ", data propagation " << Prop
          << "):\n  ONNX: " << Want.substr(0, 300)
          << "\n  hcm:  " << Got.substr(0, 300);
    }
}

std::vector<std::string> filesUnder(const std::string &Dir,
                                    llvm::StringRef Ext) {
  std::vector<std::string> R;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == Ext)
      R.push_back(It->path());
  std::sort(R.begin(), R.end());
  return R;
}

TEST(OnnxInference, ShippedModels) {
  auto Files = filesUnder(HCM_MODELS_DIR, ".onnx");
  ASSERT_GE(Files.size(), 5u);
  for (const std::string &F : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(F);
    ASSERT_TRUE(bool(Buf)) << F;
    onnx::ModelProto P;
    ASSERT_TRUE(P.ParseFromArray((*Buf)->getBufferStart(),
                                 int((*Buf)->getBufferSize())))
        << F;
    expectSameAsOnnx(P, F);
  }
}

TEST(OnnxInference, TextualFixtures) {
  auto Files = filesUnder(HCM_TEST_DIR, ".onnxtxt");
  ASSERT_GE(Files.size(), 40u);
  unsigned Parsed = 0;
  for (const std::string &F : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(F);
    ASSERT_TRUE(bool(Buf)) << F;
    // The fixtures' lit lines are `//` comments, which hcm blanks.
    std::string Text;
    llvm::SmallVector<llvm::StringRef, 64> Lines;
    (*Buf)->getBuffer().split(Lines, '\n');
    for (llvm::StringRef L : Lines)
      Text += (L.ltrim().startswith("//") ? "" : L.str()) + "\n";
    onnx::ModelProto P;
    if (!onnx::OnnxParser::Parse(P, Text.c_str()).IsOK())
      continue; // fixtures of parse errors
    // Models with local functions go to ONNX's driver itself (some of
    // these fixtures recurse, which the importer refuses before inference).
    if (P.functions_size() > 0)
      continue;
    ++Parsed;
    expectSameAsOnnx(P, F);
  }
  EXPECT_GE(Parsed, 40u);
}

TEST(OnnxInference, ErrorsAndMerges) {
  // A declared shape the op cannot produce (merge error, thrown at once),
  // node errors collected to the end, an op without a schema (errors after
  // it are not reported), a missing opset import, an If whose branches are
  // inferred with the outer values, shape arithmetic.
  const char *Models[] = {
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[1,4] x) => (float[1,5] y) { y = Relu(x) })",
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[1,4] x, float[3,4] w) => (float[1,4] z) {
           y = MatMul(x, w)
           z = Add(y, x) })",
      R"(<ir_version: 8, opset_import: ["" : 13, "my" : 1]>
         g (float[1,4] x, float[3,4] w) => (float[1,4] z) {
           u = my.Custom(x)
           y = MatMul(x, w)
           z = Add(y, u) })",
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[1,4] x) => (float[1,4] z) { z = my.Custom(x) })",
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (bool c, float[1,4] x) => (float[N] z) {
           z = If(c) <then_branch = t () => (float[4] a) {
                         s = Constant<value = int64[1] {4}>()
                         a = Reshape(x, s) },
                      else_branch = e () => (float[4] b) {
                         s2 = Constant<value = int64[1] {-1}>()
                         b = Reshape(x, s2) }> })",
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[N,3,8,8] x) => (float[M] z) {
           s = Shape(x)
           i = Constant<value = int64[1] {0}>()
           n = Gather(s, i)
           m = Constant<value = int64[1] {-1}>()
           t = Concat<axis = 0>(n, m)
           z = Reshape(x, t) })",
      // Add/Sub/Mul propagate shape data at opset 14 (skipped when neither
      // operand has any); a one-operand Add throws from the propagator.
      R"(<ir_version: 8, opset_import: ["" : 14]>
         g (float[N,3,8,8] x, float[1,4] y) => (float[M] z, float[K] w) {
           s = Shape(x)
           two = Constant<value = int64[1] {2}>()
           d = Mul(s, two)
           e = Sub(d, two)
           f = Add(e, s)
           z = Reshape(x, f)
           u = Add(y, y)
           v = Mul(u, y)
           w = Sub(v, u) })",
      R"(<ir_version: 8, opset_import: ["" : 14]>
         g (float[1,4] x) => (float[1,4] z) { z = Add(x) })",
  };
  for (const char *Text : Models) {
    onnx::ModelProto P;
    ASSERT_TRUE(onnx::OnnxParser::Parse(P, Text).IsOK()) << Text;
    expectSameAsOnnx(P, Text);
  }
}

TEST(OnnxInference, RepeatedSignatures) {
  // Results are remembered by schema, attributes and input types when the
  // inference asked for no input data: twins get a copy (their unknown
  // dims still get symbols of their own), nodes that differ in an
  // attribute or in the data of an input the inference reads (Reshape's
  // shape) do not, and a failing node's twin fails too.
  const char *Models[] = {
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[1,4,8,8] x, float[4,4,3,3] w, int64[2] t)
           => (float[1,4,8,8] z) {
           s1 = Constant<value = int64[2] {2, 128}>()
           s2 = Constant<value = int64[2] {16, 16}>()
           a = Reshape(x, s1)
           b = Reshape(x, s2)
           c = Reshape(x, t)
           d = Reshape(x, t)
           e = Relu(c)
           f = Relu(d)
           p = Transpose<perm = [0, 2, 3, 1]>(x)
           q = Transpose<perm = [0, 3, 1, 2]>(x)
           r = Transpose<perm = [0, 2, 3, 1]>(x)
           c1 = Conv<pads = [1, 1, 1, 1]>(x, w)
           c2 = Conv(x, w)
           c3 = Conv<pads = [1, 1, 1, 1]>(x, w)
           z = Relu(x) })",
      R"(<ir_version: 8, opset_import: ["" : 13]>
         g (float[1,4] x, float[3,4] w) => (float[1,4] z) {
           y1 = MatMul(x, w)
           y2 = MatMul(x, w)
           z = Relu(x) })",
  };
  for (const char *Text : Models) {
    onnx::ModelProto P;
    ASSERT_TRUE(onnx::OnnxParser::Parse(P, Text).IsOK()) << Text;
    expectSameAsOnnx(P, Text);
  }
}

} // namespace
