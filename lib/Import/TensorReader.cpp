//===- TensorReader.cpp - TensorProto -> Tensor ---------------------------===//
//
// raw_data is moved out of the proto (a swap, no copy). The typed fields are
// re-encoded as raw little-endian bytes by data type: float_data (f32, c64),
// double_data (f64, c128), int64_data, uint64_data (u32, u64) and int32_data,
// which ONNX also uses for f16/bf16/i8/u8/i16/u16/bool. A tensor with dims
// but no data imports with its dims only (elided), as does a sparse tensor;
// external data is handled in ExternalData.cpp. A payload that stayed in the
// mapped model file (WireStrip.cpp) becomes a Tensor::mapped with the same
// checks as if protobuf had parsed it.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/Import/OnnxTypes.h"

#include <cstring>

using namespace hcm;
using onnx::TensorProto;

namespace {

/// Appends the low \p Size bytes of \p Bits, least significant first.
void appendLE(std::string &Out, uint64_t Bits, unsigned Size) {
  for (unsigned I = 0; I < Size; ++I)
    Out.push_back(char((Bits >> (8 * I)) & 0xff));
}

uint64_t floatBits(float F) {
  uint32_t B;
  std::memcpy(&B, &F, sizeof(B));
  return B;
}

uint64_t doubleBits(double D) {
  uint64_t B;
  std::memcpy(&B, &D, sizeof(B));
  return B;
}

/// The typed fields of \p T as raw bytes, by its data type.
std::string typedFieldsToRaw(const TensorProto &T, unsigned Size) {
  std::string Out;
  switch (T.data_type()) {
  case TensorProto::FLOAT:
  case TensorProto::COMPLEX64:
    for (float F : T.float_data())
      appendLE(Out, floatBits(F), 4);
    break;
  case TensorProto::DOUBLE:
  case TensorProto::COMPLEX128:
    for (double D : T.double_data())
      appendLE(Out, doubleBits(D), 8);
    break;
  case TensorProto::INT64:
    for (int64_t V : T.int64_data())
      appendLE(Out, uint64_t(V), 8);
    break;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    for (uint64_t V : T.uint64_data())
      appendLE(Out, V, Size);
    break;
  default: // int32_data: i8/u8/i16/u16/i32/bool and f16/bf16 bit patterns
    for (int32_t V : T.int32_data())
      appendLE(Out, uint64_t(uint32_t(V)), Size);
    break;
  }
  return Out;
}

bool hasTypedData(const TensorProto &T) {
  return T.float_data_size() || T.double_data_size() || T.int32_data_size() ||
         T.int64_data_size() || T.uint64_data_size();
}

/// Product of \p Dims; std::nullopt for negative dims or overflow.
std::optional<int64_t>
numElements(const google::protobuf::RepeatedField<int64_t> &Dims) {
  int64_t N = 1;
  for (int64_t D : Dims)
    if (D < 0 || __builtin_mul_overflow(N, D, &N))
      return std::nullopt;
  return N;
}

llvm::Expected<Tensor> readStrings(TensorProto &T, Type Ty, int64_t N,
                                   llvm::StringRef Owner, ReaderContext &Ctx) {
  if (T.string_data_size() != N)
    return Ctx.error(Owner + " of type " + Ty.str() + " holds " +
                     llvm::Twine(T.string_data_size()) + " strings, expected " +
                     llvm::Twine(N));
  std::vector<std::string> Strs;
  Strs.reserve(T.string_data_size());
  for (std::string &S : *T.mutable_string_data())
    Strs.push_back(std::move(S));
  return Tensor::inlineStrings(std::move(Ty), std::move(Strs));
}

/// The index of the mapped payload \p T refers to, if it does.
std::optional<size_t> mappedIndex(const TensorProto &T,
                                  const ReaderContext &Ctx) {
  if (!Ctx.Payloads || T.external_data_size() == 0)
    return std::nullopt;
  const auto &Last = T.external_data(T.external_data_size() - 1);
  unsigned long long I;
  if (Last.key() != marker::Mapped ||
      llvm::StringRef(Last.value()).getAsInteger(10, I) ||
      I >= Ctx.Payloads->size())
    return std::nullopt;
  return size_t(I);
}

/// Number of varints in \p Bytes (each ends with a byte below 0x80).
uint64_t countVarints(llvm::StringRef Bytes) {
  return uint64_t(llvm::count_if(Bytes, [](char C) { return !(C & 0x80); }));
}

} // namespace

llvm::Expected<Tensor> hcm::readTensor(TensorProto &T, llvm::StringRef Owner,
                                       ReaderContext &Ctx) {
  ElementType E = fromOnnxElemType(T.data_type());
  if (E.isUnknown())
    return Ctx.error(Owner + " has unsupported data type " +
                     llvm::Twine(T.data_type()));
  std::optional<int64_t> N = numElements(T.dims());
  if (!N)
    return Ctx.error(Owner + " has invalid dims");
  Type Ty =
      applyElemMarker(Type::tensor(E, fromOnnxDims(T.dims())), T.doc_string());
  std::optional<size_t> Mapped = mappedIndex(T, Ctx);
  if (T.data_location() == TensorProto::EXTERNAL && !Mapped)
    return readExternalTensor(T, std::move(Ty), Owner, Ctx);
  bool NoData =
      !Mapped && !T.has_raw_data() && !hasTypedData(T) && !T.string_data_size();
  if (hasMarker(T.doc_string(), marker::Elided) || (NoData && *N > 0)) {
    if (!hasMarker(T.doc_string(), marker::Elided))
      Ctx.warnOnce("nodata:" + Owner.str(),
                   Owner + " has no data; imported with dims only");
    return Tensor::elided(std::move(Ty));
  }
  if (E.getKind() == ElementType::Kind::String)
    return readStrings(T, std::move(Ty), *N, Owner, Ctx);
  std::string Bytes;
  uint64_t Size; // what the payload decodes to, in bytes
  const MappedPayload *P = Mapped ? &(*Ctx.Payloads)[*Mapped] : nullptr;
  if (P) {
    llvm::StringRef Raw = Ctx.File->getBuffer().substr(P->Offset, P->Length);
    Size = P->Varint ? countVarints(Raw) * E.getByteSize() : P->Length;
  } else {
    if (T.has_raw_data())
      Bytes.swap(*T.mutable_raw_data()); // moved, not copied
    else
      Bytes = typedFieldsToRaw(T, E.getByteSize());
    Size = Bytes.size();
  }
  // A marked narrow type keeps whatever layout the IR had.
  int64_t Need = 0;
  bool Overflow = __builtin_mul_overflow(*N, int64_t(E.getByteSize()), &Need);
  if (Ty.getElementType() == E && (Overflow || Size != uint64_t(Need)))
    return Ctx.error(Owner + " of type " + Ty.str() + " holds " +
                     llvm::Twine(Size) + " bytes, expected " +
                     llvm::Twine(Need));
  if (P)
    return Tensor::mapped(std::move(Ty), Ctx.File, P->Offset, P->Length,
                          P->Varint ? E.getByteSize() : 0);
  return Tensor::inlineBytes(std::move(Ty), std::move(Bytes));
}

Tensor hcm::readSparseTensor(const onnx::SparseTensorProto &T,
                             llvm::StringRef Owner, ReaderContext &Ctx) {
  Type Ty = Type::tensor(fromOnnxElemType(T.values().data_type()),
                         fromOnnxDims(T.dims()));
  Ctx.warnOnce("sparse", "sparse tensors are imported with their dense dims "
                         "only (first: " +
                             Owner + " " + Ty.str() + ")");
  return Tensor::elided(std::move(Ty));
}
