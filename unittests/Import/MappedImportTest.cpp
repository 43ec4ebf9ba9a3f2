//===- MappedImportTest.cpp - Memory-mapped import equals the copying one -===//
//
// The memory-mapped importer (payloads of 1 KiB or more stay in the file)
// must give the IR the copying importer gives, byte for byte: on every
// shipped model, on large payloads of every typed data field, on payloads
// that are wrong, and on a shape tensor large enough to be stripped that
// shape inference needs (the importer then parses the model whole).
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Graph.h"
#include "hcm/IR/Printer.h"
#include "hcm/Import/Import.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "onnx/defs/parser.h"
#include "onnx/onnx_pb.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

/// The IR with every byte printed, or the error, and the warnings.
std::string importText(llvm::StringRef Buf, llvm::StringRef Path, bool Map,
                       const Module **Out = nullptr, bool Release = false) {
  static std::vector<std::unique_ptr<Module>> Keep;
  ImportOptions O;
  O.MapWeights = Map;
  O.ReleaseProtoFrom = Release ? 0 : std::numeric_limits<size_t>::max();
  O.DimBindings["N"] = 1;
  std::string Warnings;
  O.OnWarning = [&](const std::string &W) { Warnings += W + "\n"; };
  auto M = importBuffer(Buf, Path, O);
  if (!M)
    return Warnings + "error: " + llvm::toString(M.takeError());
  PrintOptions P;
  P.ElideElementsAbove = -1;
  std::string Text = Warnings + printModuleToString(**M, P);
  if (Out) {
    Keep.push_back(std::move(*M));
    *Out = Keep.back().get();
  }
  return Text;
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

TEST(MappedImport, ShippedModelsPrintTheSame) {
  std::error_code EC;
  unsigned Count = 0;
  for (llvm::sys::fs::directory_iterator It(HCM_MODELS_DIR, EC), End;
       It != End && !EC; It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".onnx")
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    ASSERT_TRUE(bool(Buf)) << It->path();
    llvm::StringRef B = (*Buf)->getBuffer();
    std::string Mapped = importText(B, It->path(), true);
    EXPECT_EQ(Mapped, importText(B, It->path(), false)) << It->path();
    // Freeing the proto as it is converted changes nothing either.
    EXPECT_EQ(Mapped, importText(B, It->path(), true, nullptr, true))
        << It->path();
    EXPECT_EQ(Mapped, importText(B, It->path(), false, nullptr, true))
        << It->path();
    ++Count;
  }
  EXPECT_GE(Count, 7u);
}

/// A Relu model with initializers of \p N elements in every data field.
onnx::ModelProto typedModel(int N) {
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[2] x) => (float[2] y) { y = Relu(x) }
)");
  using TP = onnx::TensorProto;
  auto Add = [&](const char *Name, int Type) {
    auto *T = P.mutable_graph()->add_initializer();
    T->set_name(Name);
    T->set_data_type(Type);
    T->add_dims(N);
    return T;
  };
  auto *Raw = Add("raw", TP::FLOAT);
  auto *F = Add("f", TP::FLOAT);
  auto *D = Add("d", TP::DOUBLE);
  auto *I64 = Add("i64", TP::INT64);
  auto *U32 = Add("u32", TP::UINT32);
  auto *H = Add("h", TP::FLOAT16);
  auto *I8 = Add("i8", TP::INT8);
  std::string Bytes;
  for (int I = 0; I < N; ++I) {
    float V = float(I) * 0.25f - 3.0f;
    Bytes.append(reinterpret_cast<const char *>(&V), 4);
    F->add_float_data(V);
    D->add_double_data(double(V) / 3);
    I64->add_int64_data(int64_t(I) * -1234567891011LL);
    U32->add_uint64_data(0xfffffff0u + uint64_t(I % 16));
    H->add_int32_data(0x3c00 + I % 7);
    I8->add_int32_data(I % 256 - 128);
  }
  Raw->set_raw_data(Bytes);
  return P;
}

TEST(MappedImport, EveryDataFieldMapsToTheSameBytes) {
  std::string Buf = serialize(typedModel(600));
  const Module *M = nullptr;
  std::string Mapped = importText(Buf, "typed.onnx", true, &M);
  EXPECT_EQ(Mapped, importText(Buf, "typed.onnx", false));
  ASSERT_TRUE(M);
  // Each of these payloads is at least 1 KiB in the file but i8's (600
  // varints of up to 10 bytes: stripped as well); all stay in the file.
  for (const char *Name : {"raw", "f", "d", "i64", "u32", "h", "i8"}) {
    const Value *V = M->getGraph().lookup(Name);
    ASSERT_TRUE(V && V->hasData()) << Name;
    EXPECT_TRUE(V->getData().isMapped()) << Name;
  }
  EXPECT_EQ(M->getGraph().lookup("raw")->getData().getDouble(5), -1.75);
  EXPECT_EQ(*M->getGraph().lookup("i64")->getData().getInts(), [] {
    std::vector<int64_t> R;
    for (int I = 0; I < 600; ++I)
      R.push_back(int64_t(I) * -1234567891011LL);
    return R;
  }());
}

TEST(MappedImport, SmallPayloadsStayInTheProto) {
  std::string Buf = serialize(typedModel(4));
  const Module *M = nullptr;
  EXPECT_EQ(importText(Buf, "small.onnx", true, &M),
            importText(Buf, "small.onnx", false));
  ASSERT_TRUE(M);
  EXPECT_FALSE(M->getGraph().lookup("raw")->getData().isMapped());
}

TEST(MappedImport, WrongSizesGiveTheSameError) {
  onnx::ModelProto P = typedModel(600);
  P.mutable_graph()->mutable_initializer(0)->add_dims(2); // raw: 1200 floats
  P.mutable_graph()->mutable_initializer(3)->add_dims(3); // i64
  std::string Buf = serialize(P);
  std::string Mapped = importText(Buf, "bad.onnx", true);
  EXPECT_EQ(Mapped, importText(Buf, "bad.onnx", false));
  EXPECT_NE(Mapped.find("error: initializer 'raw' of type f32[600,2] holds "
                        "2400 bytes, expected 4800"),
            std::string::npos)
      << Mapped;
}

TEST(MappedImport, ShapeInferenceThatNeedsAStrippedTensor) {
  // Reshape to 200 dims of 1: the 1600-byte shape tensor is stripped, ONNX
  // cannot read it, and the importer parses the model whole instead.
  onnx::ModelProto P = parseText(R"(
<ir_version: 8, opset_import: ["" : 13]>
g (float[1] x) => (float y) { y = Reshape(x, s) }
)");
  P.mutable_graph()
      ->mutable_output(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->clear_shape();
  auto *S = P.mutable_graph()->add_initializer();
  S->set_name("s");
  S->set_data_type(onnx::TensorProto::INT64);
  S->add_dims(200);
  std::string Bytes(200 * 8, '\0');
  for (int I = 0; I < 200; ++I)
    Bytes[I * 8] = 1;
  S->set_raw_data(Bytes);
  std::string Buf = serialize(P);
  const Module *M = nullptr;
  std::string Mapped = importText(Buf, "reshape.onnx", true, &M);
  EXPECT_EQ(Mapped, importText(Buf, "reshape.onnx", false));
  ASSERT_TRUE(M) << Mapped;
  const Type &Y = M->getGraph().lookup("y")->getType();
  ASSERT_TRUE(Y.hasRank());
  EXPECT_EQ(Y.getShape().size(), 200u);
}

TEST(MappedImport, MalformedBytesGiveTheSameError) {
  std::string Buf = serialize(typedModel(600));
  Buf.resize(Buf.size() - 100);
  std::string Mapped = importText(Buf, "cut.onnx", true);
  EXPECT_EQ(Mapped, importText(Buf, "cut.onnx", false));
  EXPECT_NE(Mapped.find("not a valid ONNX model"), std::string::npos);
}

} // namespace
