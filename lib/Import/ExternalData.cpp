//===- ExternalData.cpp - Tensors stored outside the model file -----------===//
//
// ONNX external data (data_location EXTERNAL, keys location/offset/length)
// becomes a Tensor::external reference anchored at the model's folder; the
// bytes are read only if a pass asks. A location must stay inside that
// folder: absolute paths and `..` components are refused, so a model cannot
// make hcm read arbitrary files. A missing file is not an error (the dims and
// types are what the analyses need): it is reported once per file.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace hcm;

namespace {

/// True for absolute paths (POSIX or Windows) and for any `..` component,
/// with either separator.
bool escapesFolder(llvm::StringRef Location) {
  namespace path = llvm::sys::path;
  if (path::is_absolute(Location, path::Style::posix) ||
      path::is_absolute(Location, path::Style::windows) ||
      Location.startswith("\\") ||
      path::has_root_name(Location, path::Style::windows))
    return true;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Location.split(Parts, '/');
  for (llvm::StringRef P : Parts) {
    llvm::SmallVector<llvm::StringRef, 4> Sub;
    P.split(Sub, '\\');
    for (llvm::StringRef S : Sub)
      if (S == "..")
        return true;
  }
  return false;
}

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
  if (escapesFolder(R.Location))
    return Ctx.error(Owner + ": external data location '" + R.Location +
                     "' escapes the model folder");
  llvm::SmallString<256> Full(Ctx.BaseDir);
  llvm::sys::path::append(Full, R.Location);
  if (!llvm::sys::fs::exists(Full))
    Ctx.warnOnce("external:" + R.Location,
                 "external data file '" + R.Location +
                     "' not found; weights unavailable (dims and types are "
                     "kept)");
  return Tensor::external(std::move(Ty), std::move(R));
}
