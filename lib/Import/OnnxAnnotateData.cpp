//===- OnnxAnnotateData.cpp - External data of an emitted model -----------===//
//
// `--emit=onnx` outside the source model's folder (docs/ONNX.md): ONNX, like
// hcm, reads external data inside a model's folder only, so a reference back
// to the source's data file would dangle. The bytes the source has are
// copied, one tensor after the other, into `<output>.data` beside the output
// and the references point there; written into the model's own folder the
// output keeps the source's references, as does data the source lacks.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/ExternalFile.h"
#include "hcm/Support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace hcm;

namespace {

/// Calls \p Fn on every tensor of \p G and its subgraphs whose data is
/// external: initializers and tensor attributes.
void forEachExternal(onnx::GraphProto &G,
                     llvm::function_ref<void(onnx::TensorProto &)> Fn) {
  auto Visit = [&](onnx::TensorProto &T) {
    if (T.data_location() == onnx::TensorProto::EXTERNAL)
      Fn(T);
  };
  for (onnx::TensorProto &T : *G.mutable_initializer())
    Visit(T);
  for (onnx::NodeProto &N : *G.mutable_node())
    for (onnx::AttributeProto &A : *N.mutable_attribute()) {
      if (A.has_t())
        Visit(*A.mutable_t());
      for (onnx::TensorProto &T : *A.mutable_tensors())
        Visit(T);
      if (A.has_g())
        forEachExternal(*A.mutable_g(), Fn);
      for (onnx::GraphProto &S : *A.mutable_graphs())
        forEachExternal(S, Fn);
    }
}

/// The reference of \p T, its base folder \p BaseDir.
ExternalRef externalRef(const onnx::TensorProto &T, llvm::StringRef BaseDir) {
  ExternalRef R;
  R.BaseDir = BaseDir.str();
  for (const auto &KV : T.external_data()) {
    int64_t V = 0;
    if (KV.key() == "location")
      R.Location = KV.value();
    else if ((KV.key() == "offset" || KV.key() == "length") &&
             !llvm::StringRef(KV.value()).getAsInteger(10, V))
      (KV.key() == "offset" ? R.Offset : R.Length) = V;
  }
  return R;
}

} // namespace

std::vector<DataSlice> hcm::relocateExternalData(onnx::ModelProto &P,
                                                 const Module &M,
                                                 llvm::StringRef OutPath) {
  std::vector<DataSlice> Slices;
  llvm::StringRef SrcDir = llvm::sys::path::parent_path(M.getSourcePath());
  llvm::StringRef OutDir = llvm::sys::path::parent_path(OutPath);
  bool Same = false;
  if (OutPath == "-" ||
      (!llvm::sys::fs::equivalent(SrcDir.empty() ? "." : SrcDir,
                                  OutDir.empty() ? "." : OutDir, Same) &&
       Same))
    return Slices;
  std::string DataName = (llvm::sys::path::filename(OutPath) + ".data").str();
  uint64_t End = 0;
  forEachExternal(*P.mutable_graph(), [&](onnx::TensorProto &T) {
    ExternalRef R = externalRef(T, SrcDir);
    llvm::Expected<bool> Ok = checkExternalFile(R, std::nullopt);
    if (!Ok || !*Ok) {
      llvm::consumeError(Ok.takeError());
      return;
    }
    std::string Path = externalPath(R).str().str();
    uint64_t Size = 0;
    if (llvm::sys::fs::file_size(Path, Size))
      return;
    uint64_t Length = R.Length < 0 ? Size - R.Offset : uint64_t(R.Length);
    Slices.push_back({Path, uint64_t(R.Offset), Length});
    T.clear_external_data();
    for (auto [Key, Value] : {std::pair{"location", DataName},
                              std::pair{"offset", std::to_string(End)},
                              std::pair{"length", std::to_string(Length)}}) {
      auto *E = T.add_external_data();
      E->set_key(Key);
      E->set_value(Value);
    }
    End += Length;
  });
  return Slices;
}

llvm::Error hcm::writeDataSlices(llvm::StringRef Path,
                                 const std::vector<DataSlice> &Slices) {
  std::string FailedPath, Why; // a slice that could not be read
  llvm::Error W = writeOutput(Path, [&](llvm::raw_ostream &OS) {
    for (const DataSlice &S : Slices) {
      auto Buf = llvm::MemoryBuffer::getFileSlice(S.Path, S.Length, S.Offset);
      if (!Buf) {
        FailedPath = S.Path;
        Why = Buf.getError().message();
        return;
      }
      OS << (*Buf)->getBuffer();
    }
  });
  if (FailedPath.empty())
    return W;
  llvm::consumeError(std::move(W));
  return makeError(FailedPath, "cannot read external data: " + Why);
}
