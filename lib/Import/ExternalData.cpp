//===- ExternalData.cpp - Tensors stored outside the model file -----------===//
//
// ONNX external data (data_location EXTERNAL, keys location/offset/length)
// becomes a Tensor::external reference anchored at the model's folder; the
// bytes are read only if a pass asks. A location must stay inside that
// folder: absolute paths, `..` components and symbolic links that resolve
// elsewhere are refused (ExternalFile.h), so a model cannot make hcm read
// arbitrary files; an existing file must hold the tensor's byte range. A
// missing file is not an error (the dims and types are what the analyses
// need): it is reported once per file.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/ExternalFile.h"
#include "hcm/Import/OnnxTypes.h"

#include "llvm/Support/MathExtras.h"

using namespace hcm;

namespace {

llvm::Error readKeys(const onnx::TensorProto &T, ExternalRef &R,
                     llvm::StringRef Owner, ReaderContext &Ctx) {
  for (const auto &KV : T.external_data()) {
    if (KV.key() == "location") {
      R.Location = KV.value();
      continue;
    }
    if (KV.key() != "offset" && KV.key() != "length")
      continue; // checksum and future keys carry nothing we need
    long long V = 0;
    if (llvm::StringRef(KV.value()).getAsInteger(10, V) || V < 0)
      return Ctx.error(Owner + ": external data " + KV.key() + " '" +
                       KV.value() + "' is not a byte count");
    (KV.key() == "offset" ? R.Offset : R.Length) = V;
  }
  if (R.Location.empty())
    return Ctx.error(Owner + ": external data has no location");
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Tensor> hcm::readExternalTensor(const onnx::TensorProto &T,
                                               Type Ty, llvm::StringRef Owner,
                                               ReaderContext &Ctx) {
  ExternalRef R;
  R.BaseDir = Ctx.BaseDir;
  if (llvm::Error E = readKeys(T, R, Owner, Ctx))
    return E;
  // The byte count its proto type needs (not a marked narrow type's).
  std::optional<uint64_t> Need;
  ElementType E = fromOnnxElemType(T.data_type());
  int64_t N = 1;
  bool Static = Ty.isTensor() && Ty.hasStaticShape();
  if (Static && E.getByteSize() && E.getKind() != ElementType::Kind::String) {
    for (const Dim &D : Ty.getShape())
      Static &= !llvm::MulOverflow(N, D.getValue(), N);
    if (Static && !llvm::MulOverflow(N, int64_t(E.getByteSize()), N))
      Need = uint64_t(N);
  }
  auto Exists = checkExternalFile(R, Need);
  if (!Exists)
    return Ctx.error(Owner + ": " + llvm::toString(Exists.takeError()));
  if (!*Exists)
    Ctx.warnOnce("external:" + R.Location,
                 "external data file '" + R.Location +
                     "' not found; weights unavailable (dims and types are "
                     "kept)");
  return Tensor::external(std::move(Ty), std::move(R));
}
