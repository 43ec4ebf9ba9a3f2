//===- Import.cpp - Reading models: ONNX (binary, text) and .hcm ----------===//
//
// The public entry points. The format comes from the extension (.onnx,
// .onnxtxt/.onnxtext, .hcm) or, for stdin and unknown extensions, from the
// content: `module` starts IR text, `<` starts textual ONNX, anything else is
// taken as a binary protobuf. ONNX input then goes parse -> prepare (dim
// bindings, shape inference) -> read; IR text goes to the IR parser.
//
// Binary ONNX is memory-mapped and parsed without its large tensor payloads
// (WireStrip.cpp): the tensors point into the mapping, whose pages are only
// touched when a pass reads values. Should shape inference fail on the
// stripped model (it cannot see the stripped values), the model is parsed
// again whole, as before, so that the result, error or not, is the same.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Inputs.h"
#include "hcm/IR/Parser.h"
#include "hcm/Support/Timing.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <set>

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

/// Adds the dim symbols of \p T (containers included) to \p Out.
void typeSymbols(const Type &T, std::set<std::string> &Out) {
  if (T.isTensor() && T.hasRank())
    for (const Dim &D : T.getShape())
      if (D.isSymbol())
        Out.insert(D.getSymbol());
  if (T.getKind() != Type::Kind::Tensor && T.getKind() != Type::Kind::Unknown)
    typeSymbols(T.getInner(), Out);
}

/// Every dim symbol in the types of \p G's values, subgraphs included.
void graphSymbols(const Graph &G, std::set<std::string> &Out) {
  for (const Value *V : G.getInputs())
    if (V)
      typeSymbols(V->getType(), Out);
  for (const auto &N : G.getNodes()) {
    for (const Value *R : N->getResults())
      if (R)
        typeSymbols(R->getType(), Out);
    for (const Graph *Sub : N->getSubgraphs())
      graphSymbols(*Sub, Out);
  }
}

/// `.hcm` text: the dims are bound in the parsed IR, whose shapes are
/// already inferred. As for ONNX, a `--dim` naming no dim of the model is a
/// warning; `--batch` binds a symbolic dim 0 of each feed input and warns
/// about a static one, which the IR cannot change without re-inference.
void bindHcmDims(Module &M, const ImportOptions &Opts, llvm::StringRef Path) {
  std::set<std::string> Symbols;
  graphSymbols(M.getGraph(), Symbols);
  auto Warn = [&](const std::string &Msg) {
    if (Opts.OnWarning)
      Opts.OnWarning(Path.str() + ": warning: " + Msg);
  };
  for (const auto &B : Opts.DimBindings)
    if (!Symbols.count(B.first))
      Warn("--dim " + B.first + ": the model has no dim named '" + B.first +
           "' (hcm-opt --list-inputs lists its inputs)");
  std::map<std::string, int64_t> Bindings = Opts.DimBindings;
  for (const Value *V : feedInputs(M)) {
    const Type &T = V->getType();
    if (!Opts.Batch || !T.isTensor() || !T.hasRank() || T.getShape().empty())
      continue;
    const Dim &D = T.getShape()[0];
    if (D.isSymbol()) {
      warnBatchOverridesDim(Opts, Path, D.getSymbol(), V->getName());
      Bindings[D.getSymbol()] = *Opts.Batch; // the batch wins, as for ONNX
    } else if (D.isKnown() && D.getValue() != *Opts.Batch)
      Warn("--batch " + std::to_string(*Opts.Batch) + ": input '" +
           V->getName() + "' of this .hcm file has the static batch " +
           std::to_string(D.getValue()) +
           ", which its inferred shapes fix (set --batch on the ONNX model)");
  }
  if (!Bindings.empty())
    bindDims(M, Bindings);
}

llvm::Expected<std::unique_ptr<Module>>
importHcmText(llvm::StringRef Buffer, llvm::StringRef Path,
              const ImportOptions &Opts) {
  llvm::TimeRegion Time = timePhase(Opts.Timers, "import: parse IR text");
  auto M = parseModule(Buffer, Path, llvm::sys::path::parent_path(Path));
  if (M)
    bindHcmDims(**M, Opts, Path);
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

/// Where the ModelProto of \p Size bytes (as parsed) lives. From
/// ImportOptions::ReleaseProtoFrom on, on the heap: the conversion frees
/// each node's message once it is converted, and the IR reuses that
/// memory. Otherwise on an arena: its hundreds of thousands of small
/// messages (and those shape inference adds) are carved from a few large
/// blocks, freed at once, and the IR is laid out in fresh memory.
class ProtoHome {
public:
  ProtoHome(const ImportOptions &Opts, size_t Size)
      : Proto(Size >= Opts.ReleaseProtoFrom
                  ? &Heap
                  : google::protobuf::Arena::CreateMessage<onnx::ModelProto>(
                        &Arena)) {}
  onnx::ModelProto &get() { return *Proto; }
  /// Whether the conversion frees the proto as it goes.
  bool consumed() const { return Proto == &Heap; }

private:
  google::protobuf::Arena Arena;
  onnx::ModelProto Heap;
  onnx::ModelProto *Proto;
};

/// Parses \p Buffer (binary or textual ONNX) into \p Proto.
llvm::Error parseProto(llvm::StringRef Buffer, llvm::StringRef Path,
                       InputFormat Format, onnx::ModelProto &Proto,
                       const ImportOptions &Opts) {
  llvm::TimeRegion Time = timePhase(
      Opts.Timers, Format == InputFormat::OnnxText ? "import: parse ONNX text"
                                                   : "import: parse protobuf");
  return Format == InputFormat::OnnxText ? parseOnnxText(Buffer, Path, Proto)
                                         : parseOnnxBinary(Buffer, Path, Proto);
}

/// Converts the prepared \p Proto into the IR.
llvm::Expected<std::unique_ptr<Module>>
convert(ProtoHome &Home, llvm::StringRef Path, const ImportOptions &Opts,
        std::shared_ptr<const llvm::MemoryBuffer> File = nullptr,
        const std::vector<MappedPayload> *Payloads = nullptr) {
  llvm::TimeRegion Time = timePhase(Opts.Timers, "import: convert to IR");
  return readOnnxModel(Home.get(), Path, Opts, Home.consumed(), std::move(File),
                       Payloads);
}

/// ONNX (text, or binary parsed whole): every payload is copied into the
/// proto and moved into the IR.
llvm::Expected<std::unique_ptr<Module>>
importOnnxCopied(llvm::StringRef Buffer, llvm::StringRef Path,
                 InputFormat Format, const ImportOptions &Opts) {
  ProtoHome Home(Opts, Buffer.size());
  onnx::ModelProto &Proto = Home.get();
  if (llvm::Error E = parseProto(Buffer, Path, Format, Proto, Opts))
    return E;
  if (llvm::Error E = prepareModelProto(Proto, Path, Opts))
    return E;
  return convert(Home, Path, Opts);
}

/// Binary ONNX whose large payloads stay in \p File.
llvm::Expected<std::unique_ptr<Module>>
importOnnxMapped(std::shared_ptr<const llvm::MemoryBuffer> File,
                 llvm::StringRef Path, const ImportOptions &Opts) {
  llvm::StringRef Buffer = File->getBuffer();
  std::string Stripped;
  std::vector<MappedPayload> Payloads;
  bool Done = false;
  {
    llvm::TimeRegion Time = timePhase(Opts.Timers, "import: strip payloads");
    Done = stripTensorPayloads(Buffer, Stripped, Payloads);
  }
  if (!Done || Payloads.empty()) {
    std::string().swap(Stripped); // a copy of the whole file, not needed
    return importOnnxCopied(Buffer, Path, InputFormat::OnnxBinary, Opts);
  }
  ProtoHome Home(Opts, Stripped.size());
  onnx::ModelProto &Proto = Home.get();
  if (llvm::Error E =
          parseProto(Stripped, Path, InputFormat::OnnxBinary, Proto, Opts)) {
    llvm::consumeError(std::move(E));
    std::string().swap(Stripped);
    return importOnnxCopied(Buffer, Path, InputFormat::OnnxBinary, Opts);
  }
  std::string().swap(Stripped);
  // Warnings wait until inference succeeded: a rerun would repeat them.
  std::vector<std::string> Warnings;
  ImportOptions Quiet = Opts;
  Quiet.OnWarning = [&](const std::string &W) { Warnings.push_back(W); };
  if (llvm::Error E = prepareModelProto(Proto, Path, Quiet)) {
    llvm::consumeError(std::move(E));
    return importOnnxCopied(Buffer, Path, InputFormat::OnnxBinary, Opts);
  }
  if (Opts.OnWarning)
    for (const std::string &W : Warnings)
      Opts.OnWarning(W);
  return convert(Home, Path, Opts, std::move(File), &Payloads);
}

llvm::Expected<std::unique_ptr<Module>>
importOwned(std::unique_ptr<llvm::MemoryBuffer> Buf, llvm::StringRef Path,
            const ImportOptions &Opts) {
  llvm::StringRef Buffer = Buf->getBuffer();
  InputFormat Format = Opts.Format == InputFormat::Auto
                           ? detectFormat(Path, Buffer)
                           : Opts.Format;
  if (Format == InputFormat::HcmText)
    return importHcmText(Buffer, Path, Opts);
  auto M = Format == InputFormat::OnnxBinary && Opts.MapWeights
               ? importOnnxMapped(std::move(Buf), Path, Opts)
               : importOnnxCopied(Buffer, Path, Format, Opts);
  // Symbols inference could not resolve (declared value_info) bind too.
  if (M)
    bindDims(**M, Opts.DimBindings);
  return M;
}

} // namespace

llvm::Expected<std::unique_ptr<Module>>
hcm::importBuffer(llvm::StringRef Buffer, llvm::StringRef Path,
                  const ImportOptions &Opts) {
  // The tensors may point into the buffer, so they get a copy they own.
  return importOwned(llvm::MemoryBuffer::getMemBufferCopy(Buffer, Path), Path,
                     Opts);
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
  return importOwned(std::move(*Buf), Stdin ? "<stdin>" : Path, Opts);
}

void hcm::bindDims(Module &M, const std::map<std::string, int64_t> &Bindings) {
  if (!Bindings.empty())
    bindGraph(M.getGraph(), Bindings);
}
