//===- Tensor.cpp - Constant tensor data, loaded lazily -------------------===//
//
// External bytes are read on first use (after the checks of ExternalFile.h)
// and cached; mapped bytes are used in place (packed varints are decoded
// once, on first use); element accessors decode ONNX's little-endian
// raw_data layout.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Tensor.h"
#include "hcm/IR/ExternalFile.h"

#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <mutex>

using namespace hcm;

Tensor Tensor::inlineBytes(Type T, std::string Bytes) {
  Tensor R;
  R.Ty = std::move(T);
  R.Store = Storage::Inline;
  R.Bytes = std::make_shared<const std::string>(std::move(Bytes));
  return R;
}

Tensor Tensor::inlineStrings(Type T, std::vector<std::string> Strings) {
  Tensor R;
  R.Ty = std::move(T);
  R.Store = Storage::Inline;
  R.Strs = std::move(Strings);
  R.Bytes = std::make_shared<const std::string>();
  return R;
}

Tensor Tensor::external(Type T, ExternalRef Ref) {
  Tensor R;
  R.Ty = std::move(T);
  R.Store = Storage::External;
  R.Ext = std::move(Ref);
  return R;
}

Tensor Tensor::elided(Type T) {
  Tensor R;
  R.Ty = std::move(T);
  R.Store = Storage::Elided;
  return R;
}

Tensor Tensor::mapped(Type T, std::shared_ptr<const llvm::MemoryBuffer> File,
                      uint64_t Offset, uint64_t Length, unsigned VarintSize) {
  Tensor R;
  R.Ty = std::move(T);
  R.Store = Storage::Inline;
  R.File = std::move(File);
  R.FileOffset = Offset;
  R.FileLength = Length;
  R.VarintSize = VarintSize;
  return R;
}

/// Packed varints, each as its low \p Size bytes, little-endian.
static std::string decodeVarints(llvm::StringRef In, unsigned Size) {
  std::string Out;
  uint64_t V = 0;
  unsigned Shift = 0;
  for (char C : In) {
    uint8_t B = uint8_t(C);
    if (Shift < 64)
      V |= uint64_t(B & 0x7f) << Shift;
    Shift += 7;
    if (B & 0x80)
      continue;
    for (unsigned I = 0; I < Size; ++I)
      Out.push_back(char((V >> (8 * I)) & 0xff));
    V = 0;
    Shift = 0;
  }
  return Out;
}

std::optional<llvm::StringRef> Tensor::residentBytes() const {
  if (!File || !VarintSize) {
    if (Bytes)
      return llvm::StringRef(*Bytes);
    if (!File)
      return std::nullopt;
    return llvm::StringRef(File->getBufferStart() + FileOffset, FileLength);
  }
  // Decoded on first use, under a lock: the printer reads a large graph's
  // tensors on several threads, and one tensor may be reachable from two
  // nodes (a shared attribute). Only mapped varint payloads get here.
  static std::mutex Decoding;
  std::lock_guard<std::mutex> Lock(Decoding);
  if (!Bytes)
    Bytes = std::make_shared<const std::string>(decodeVarints(
        llvm::StringRef(File->getBufferStart() + FileOffset, FileLength),
        VarintSize));
  return llvm::StringRef(*Bytes);
}

llvm::Expected<llvm::StringRef> Tensor::getBytes() const {
  if (std::optional<llvm::StringRef> B = residentBytes())
    return *B;
  if (Store == Storage::Elided)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "tensor data was elided from the text");
  llvm::SmallString<256> Path = externalPath(Ext);
  // Checked again at read time: the folder may have changed since import.
  auto Exists = checkExternalFile(Ext, std::nullopt);
  if (!Exists)
    return Exists.takeError();
  if (!*Exists)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read external data '" + Path +
                                       "': no such file");
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return llvm::createStringError(Buf.getError(),
                                   "cannot read external data '" + Path +
                                       "': " + Buf.getError().message());
  llvm::StringRef All = (*Buf)->getBuffer();
  // checkExternalFile bounded the range by the size it saw; re-bound it by
  // the bytes actually read.
  uint64_t Offset = uint64_t(Ext.Offset);
  if (Offset > All.size() ||
      (Ext.Length >= 0 && uint64_t(Ext.Length) > All.size() - Offset))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "external data '" + Path + "' is shorter than offset " +
            std::to_string(Ext.Offset) + " + length " +
            std::to_string(Ext.Length));
  size_t Len = Ext.Length < 0 ? All.size() - Offset : size_t(Ext.Length);
  Bytes = std::make_shared<const std::string>(All.substr(Offset, Len));
  return llvm::StringRef(*Bytes);
}

template <typename T> static T load(llvm::StringRef B, size_t I) {
  T V;
  std::memcpy(&V, B.data() + I * sizeof(T), sizeof(T));
  return V;
}

int64_t Tensor::getInt(size_t I) const {
  ElementType E = Ty.getElementType();
  llvm::StringRef B = *residentBytes();
  if (E.getKind() == ElementType::Kind::Bool)
    return load<uint8_t>(B, I);
  if (E.isFloat())
    return int64_t(getDouble(I));
  switch (E.getWidth()) {
  case 8:
    return E.isSigned() ? load<int8_t>(B, I) : load<uint8_t>(B, I);
  case 16:
    return E.isSigned() ? load<int16_t>(B, I) : load<uint16_t>(B, I);
  case 32: // cast each arm: `?:` would convert int32_t to uint32_t
    return E.isSigned() ? int64_t(load<int32_t>(B, I))
                        : int64_t(load<uint32_t>(B, I));
  case 64:
    return load<int64_t>(B, I);
  default: { // other whole-byte widths (i24, u40, ...), little-endian
    unsigned N = E.getByteSize();
    uint64_t U = 0;
    for (unsigned K = 0; K < N; ++K)
      U |= uint64_t(uint8_t(B[I * N + K])) << (8 * K);
    return E.isSigned() && N ? llvm::SignExtend64(U, 8 * N) : int64_t(U);
  }
  }
}

double Tensor::getDouble(size_t I) const {
  ElementType E = Ty.getElementType();
  if (!E.isFloat())
    return double(getInt(I));
  llvm::StringRef B = *residentBytes();
  if (E.getWidth() == 64)
    return load<double>(B, I);
  if (E.getWidth() == 32)
    return load<float>(B, I);
  uint16_t H = load<uint16_t>(B, I);
  uint32_t Bits;
  if (E.getKind() == ElementType::Kind::BFloat) {
    Bits = uint32_t(H) << 16;
  } else { // IEEE half
    uint32_t Sign = uint32_t(H >> 15) << 31, Exp = (H >> 10) & 0x1f,
             Man = H & 0x3ff;
    if (Exp == 0x1f)
      Bits = Sign | 0x7f800000 | (Man << 13);
    else if (Exp != 0)
      Bits = Sign | ((Exp + 112) << 23) | (Man << 13);
    else if (Man == 0)
      Bits = Sign;
    else
      return (Sign ? -1.0 : 1.0) * double(Man) * (1.0 / (1 << 24));
  }
  float F;
  std::memcpy(&F, &Bits, 4);
  return F;
}

std::optional<std::vector<int64_t>> Tensor::getInts() const {
  auto N = Ty.getNumElements();
  ElementType E = Ty.getElementType();
  std::optional<llvm::StringRef> B = residentBytes();
  if (!B || !N || !(E.isInteger() || E.getKind() == ElementType::Kind::Bool) ||
      E.getByteSize() == 0 || B->size() < size_t(*N) * E.getByteSize())
    return std::nullopt;
  std::vector<int64_t> R;
  R.reserve(*N);
  for (int64_t I = 0; I < *N; ++I)
    R.push_back(getInt(I));
  return R;
}
