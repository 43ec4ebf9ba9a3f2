//===- TensorReader.cpp - TensorProto -> Tensor ---------------------------===//
//
// raw_data is moved out of the proto (a swap, no copy). The typed fields are
// re-encoded as raw little-endian bytes by data type: float_data (f32, c64),
// double_data (f64, c128), int64_data, uint64_data (u32, u64) and int32_data,
// which ONNX also uses for f16/bf16/i8/u8/i16/u16/bool. A tensor with dims
// but no data imports with its dims only (elided), as does a sparse tensor;
// external data is handled in ExternalData.cpp.
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
  if (T.data_location() == TensorProto::EXTERNAL)
    return readExternalTensor(T, std::move(Ty), Owner, Ctx);
  bool NoData = !T.has_raw_data() && !hasTypedData(T) && !T.string_data_size();
  if (hasMarker(T.doc_string(), marker::Elided) || (NoData && *N > 0)) {
    if (!hasMarker(T.doc_string(), marker::Elided))
      Ctx.warnOnce("nodata:" + Owner.str(),
                   Owner + " has no data; imported with dims only");
    return Tensor::elided(std::move(Ty));
  }
  if (E.getKind() == ElementType::Kind::String)
    return readStrings(T, std::move(Ty), *N, Owner, Ctx);
  std::string Bytes;
  if (T.has_raw_data())
    Bytes.swap(*T.mutable_raw_data()); // moved, not copied
  else
    Bytes = typedFieldsToRaw(T, E.getByteSize());
  // A marked narrow type keeps whatever layout the IR had.
  int64_t Need = 0;
  bool Overflow = __builtin_mul_overflow(*N, int64_t(E.getByteSize()), &Need);
  if (Ty.getElementType() == E && (Overflow || Bytes.size() != size_t(Need)))
    return Ctx.error(Owner + " of type " + Ty.str() + " holds " +
                     llvm::Twine(Bytes.size()) + " bytes, expected " +
                     llvm::Twine(Need));
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
