//===- Import.cpp - Reading models: ONNX (binary, text) and .hcm ----------===//
//
// The public entry points. The format comes from the extension (.onnx,
// .onnxtxt/.onnxtext, .hcm) or, for stdin and unknown extensions, from the
// content: `module` starts IR text, `<` starts textual ONNX, anything else is
// taken as a binary protobuf. ONNX input then goes parse -> prepare (dim
// bindings, shape inference) -> read; IR text goes to the IR parser.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace hcm;

namespace {

/// Skips whitespace and `//` comments.
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

llvm::Expected<std::unique_ptr<Module>>
importHcmText(llvm::StringRef Buffer, llvm::StringRef Path,
              const ImportOptions &Opts) {
  auto M = parseModule(Buffer, Path, llvm::sys::path::parent_path(Path));
  if (M && !Opts.DimBindings.empty())
    bindDims(**M, Opts.DimBindings);
  return M;
}

/// Rebuilds \p T with bound symbols replaced, containers included.
Type bindType(const Type &T, const std::map<std::string, int64_t> &B) {
  switch (T.getKind()) {
  case Type::Kind::Unknown:
    return T;
  case Type::Kind::Tensor: {
    Type R = T;
    if (R.hasRank())
      for (Dim &D : *R.shapeRef())
        if (auto It = B.find(D.getSymbol()); D.isSymbol() && It != B.end())
          D = Dim::known(It->second);
    return R;
  }
  case Type::Kind::Map:
    return Type::map(T.getElementType(), bindType(T.getInner(), B));
  case Type::Kind::SparseTensor:
  case Type::Kind::Sequence:
  case Type::Kind::Optional:
    return Type::container(T.getKind(), bindType(T.getInner(), B));
  }
  return T;
}

void bindGraph(Graph &G, const std::map<std::string, int64_t> &B) {
  auto Bind = [&](Value *V) {
    if (V)
      V->setType(bindType(V->getType(), B));
  };
  for (Value *V : G.getInputs())
    Bind(V);
  for (const auto &N : G.getNodes()) {
    for (Value *R : N->getResults())
      Bind(R);
    for (Graph *Sub : N->getSubgraphs())
      bindGraph(*Sub, B);
  }
}

} // namespace

llvm::Expected<std::unique_ptr<Module>>
hcm::importBuffer(llvm::StringRef Buffer, llvm::StringRef Path,
                  const ImportOptions &Opts) {
  InputFormat Format = Opts.Format == InputFormat::Auto
                           ? detectFormat(Path, Buffer)
                           : Opts.Format;
  if (Format == InputFormat::HcmText)
    return importHcmText(Buffer, Path, Opts);
  onnx::ModelProto Proto;
  llvm::Error E = Format == InputFormat::OnnxText
                      ? parseOnnxText(Buffer, Path, Proto)
                      : parseOnnxBinary(Buffer, Path, Proto);
  if (E)
    return E;
  if (llvm::Error E = prepareModelProto(Proto, Path, Opts))
    return E;
  auto M = readOnnxModel(Proto, Path, Opts.OnWarning);
  // Symbols inference could not resolve (declared value_info) bind too.
  if (M)
    bindDims(**M, Opts.DimBindings);
  return M;
}

llvm::Expected<std::unique_ptr<Module>>
hcm::importFile(llvm::StringRef Path, const ImportOptions &Opts) {
  bool Stdin = Path == "-";
  auto Buf = Stdin ? llvm::MemoryBuffer::getSTDIN()
                   : llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                 /*RequiresNullTerm=*/false);
  if (!Buf)
    return makeError(Stdin ? "<stdin>" : Path,
                     "cannot open: " + Buf.getError().message());
  return importBuffer((*Buf)->getBuffer(), Stdin ? "<stdin>" : Path, Opts);
}

void hcm::bindDims(Module &M, const std::map<std::string, int64_t> &Bindings) {
  if (!Bindings.empty())
    bindGraph(M.getGraph(), Bindings);
}
