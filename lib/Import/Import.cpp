//===- Import.cpp - Reading models: ONNX (binary, text) and .hcm ----------===//
//
// Picks the format (extension, else content), reads the file, parses it with
// protobuf / ONNX's textual parser / the IR parser, binds symbolic dims, runs
// ONNX shape inference and converts. Every ONNX library call is guarded: the
// library throws, we return one-line errors.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/Import.h"
#include "OnnxReader.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "onnx/defs/parser.h"
#include "onnx/shape_inference/implementation.h"

#include <google/protobuf/io/coded_stream.h>

using namespace hcm;

namespace {

/// Skips whitespace and `//` comment lines.
llvm::StringRef skipComments(llvm::StringRef S) {
  while (true) {
    S = S.ltrim();
    if (!S.startswith("//"))
      return S;
    S = S.drop_until([](char C) { return C == '\n'; });
  }
}

InputFormat detectFormat(llvm::StringRef Path, llvm::StringRef Buffer) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext == ".onnx")
    return InputFormat::OnnxBinary;
  if (Ext == ".onnxtxt" || Ext == ".onnxtext")
    return InputFormat::OnnxText;
  if (Ext == ".hcm")
    return InputFormat::HcmText;
  llvm::StringRef Start = skipComments(Buffer);
  if (Start.startswith("module"))
    return InputFormat::HcmText;
  if (Start.startswith("<"))
    return InputFormat::OnnxText;
  return InputFormat::OnnxBinary;
}

/// Blanks `//` lines (RUN lines of tests), keeping line numbers.
std::string stripSlashComments(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += '\n';
    if (!Lines[I].ltrim().startswith("//"))
      Out += Lines[I].str();
  }
  return Out;
}

llvm::Error parseBinary(llvm::StringRef Buffer, llvm::StringRef Path,
                        onnx::ModelProto &Proto) {
  google::protobuf::io::CodedInputStream In(
      reinterpret_cast<const uint8_t *>(Buffer.data()), int(Buffer.size()));
  In.SetTotalBytesLimit(INT32_MAX);
  if (Buffer.size() > size_t(INT32_MAX) || !Proto.ParseFromCodedStream(&In) ||
      !In.ConsumedEntireMessage())
    return makeError(Path, "not a valid ONNX model (protobuf parse failed)");
  return llvm::Error::success();
}

llvm::Error parseText(llvm::StringRef Buffer, llvm::StringRef Path,
                      onnx::ModelProto &Proto) {
  std::string Text = stripSlashComments(Buffer);
  try {
    auto Status = onnx::OnnxParser::Parse(Proto, Text.c_str());
    if (!Status.IsOK())
      return makeError(Path, "textual ONNX parse error: " +
                                 llvm::StringRef(Status.ErrorMessage()).trim());
  } catch (const std::exception &E) {
    return makeError(Path,
                     std::string("textual ONNX parse error: ") + E.what());
  }
  return llvm::Error::success();
}

void bindProtoDims(onnx::GraphProto &G,
                   const std::map<std::string, int64_t> &Bindings) {
  for (auto &In : *G.mutable_input()) {
    if (!In.type().has_tensor_type())
      continue;
    auto *Shape = In.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (auto &D : *Shape->mutable_dim()) {
      auto It =
          D.has_dim_param() ? Bindings.find(D.dim_param()) : Bindings.end();
      if (It != Bindings.end())
        D.set_dim_value(It->second);
    }
  }
}

llvm::Error inferShapes(onnx::ModelProto &Proto, llvm::StringRef Path) {
  try {
    onnx::ShapeInferenceOptions Opts{/*check_type=*/false, /*error_mode=*/1,
                                     /*enable_data_propagation=*/true};
    onnx::shape_inference::InferShapes(
        Proto, onnx::OpSchemaRegistry::Instance(), Opts);
  } catch (const std::exception &E) {
    return makeError(Path, std::string("shape inference failed: ") +
                               llvm::StringRef(E.what()).trim().str());
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<Module>> importOnnx(onnx::ModelProto &Proto,
                                                   llvm::StringRef Path,
                                                   const ImportOptions &Opts) {
  if (!Proto.has_graph() || Proto.ir_version() <= 0)
    return makeError(Path, "not an ONNX model (no graph or ir_version)");
  bindProtoDims(*Proto.mutable_graph(), Opts.DimBindings);
  if (llvm::Error E = inferShapes(Proto, Path))
    return E;
  return readOnnxModel(Proto, Path, Opts.OnWarning);
}

} // namespace

llvm::Expected<std::unique_ptr<Module>>
hcm::importBuffer(llvm::StringRef Buffer, llvm::StringRef Path,
                  const ImportOptions &Opts) {
  InputFormat Format = Opts.Format == InputFormat::Auto
                           ? detectFormat(Path, Buffer)
                           : Opts.Format;
  if (Format == InputFormat::HcmText) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
    auto M = parseModule(Buffer, Path, Dir);
    if (M && !Opts.DimBindings.empty())
      bindDims(**M, Opts.DimBindings);
    return M;
  }
  onnx::ModelProto Proto;
  llvm::Error E = Format == InputFormat::OnnxText
                      ? parseText(Buffer, Path, Proto)
                      : parseBinary(Buffer, Path, Proto);
  if (E)
    return E;
  return importOnnx(Proto, Path, Opts);
}

llvm::Expected<std::unique_ptr<Module>>
hcm::importFile(llvm::StringRef Path, const ImportOptions &Opts) {
  auto Buf = Path == "-"
                 ? llvm::MemoryBuffer::getSTDIN()
                 : llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, false);
  if (!Buf)
    return makeError(Path, "cannot open: " + Buf.getError().message());
  return importBuffer((*Buf)->getBuffer(), Path == "-" ? "<stdin>" : Path,
                      Opts);
}

static void bindGraph(Graph &G, const std::map<std::string, int64_t> &B) {
  auto BindType = [&](Value *V) {
    if (!V || !V->getType().isTensor() || !V->getType().hasRank())
      return;
    for (Dim &D : *V->getMutableType().shapeRef())
      if (D.isSymbol() && B.count(D.getSymbol()))
        D = Dim::known(B.at(D.getSymbol()));
  };
  for (Value *V : G.getInputs())
    BindType(V);
  for (const auto &N : G.getNodes()) {
    for (Value *R : N->getResults())
      BindType(R);
    for (Graph *Sub : N->getSubgraphs())
      bindGraph(*Sub, B);
  }
}

void hcm::bindDims(Module &M, const std::map<std::string, int64_t> &Bindings) {
  bindGraph(M.getGraph(), Bindings);
}
