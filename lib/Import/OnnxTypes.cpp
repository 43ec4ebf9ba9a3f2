//===- OnnxTypes.cpp - ONNX type protos <-> hcm types ---------------------===//
//
// Element types map one to one where ONNX names the type; hcm's narrow
// integers export as the next wider ONNX integer. Dims: dim_value is a known
// size, dim_param a symbol, neither (or a negative value) unknown.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxTypes.h"

using namespace hcm;
using onnx::TensorProto;

ElementType hcm::fromOnnxElemType(int32_t DataType) {
  switch (DataType) {
  case TensorProto::FLOAT:
    return ElementType::f32();
  case TensorProto::DOUBLE:
    return ElementType::f64();
  case TensorProto::FLOAT16:
    return ElementType::f16();
  case TensorProto::BFLOAT16:
    return ElementType::bf16();
  case TensorProto::INT8:
    return ElementType::integer(8, true);
  case TensorProto::INT16:
    return ElementType::integer(16, true);
  case TensorProto::INT32:
    return ElementType::integer(32, true);
  case TensorProto::INT64:
    return ElementType::integer(64, true);
  case TensorProto::UINT8:
    return ElementType::integer(8, false);
  case TensorProto::UINT16:
    return ElementType::integer(16, false);
  case TensorProto::UINT32:
    return ElementType::integer(32, false);
  case TensorProto::UINT64:
    return ElementType::integer(64, false);
  case TensorProto::BOOL:
    return ElementType::boolean();
  case TensorProto::STRING:
    return ElementType::string();
  case TensorProto::COMPLEX64:
    return ElementType::complex(64);
  case TensorProto::COMPLEX128:
    return ElementType::complex(128);
  default:
    return ElementType::unknown();
  }
}

int32_t hcm::toOnnxElemType(ElementType E) {
  using K = ElementType::Kind;
  switch (E.getKind()) {
  case K::Float:
    return E.getWidth() == 16   ? TensorProto::FLOAT16
           : E.getWidth() == 64 ? TensorProto::DOUBLE
                                : TensorProto::FLOAT;
  case K::BFloat:
    return TensorProto::BFLOAT16;
  case K::Bool:
    return TensorProto::BOOL;
  case K::String:
    return TensorProto::STRING;
  case K::Complex:
    return E.getWidth() == 128 ? TensorProto::COMPLEX128
                               : TensorProto::COMPLEX64;
  case K::Int: {
    unsigned W = E.getWidth();
    if (E.isSigned())
      return W <= 8    ? TensorProto::INT8
             : W <= 16 ? TensorProto::INT16
             : W <= 32 ? TensorProto::INT32
                       : TensorProto::INT64;
    return W <= 8    ? TensorProto::UINT8
           : W <= 16 ? TensorProto::UINT16
           : W <= 32 ? TensorProto::UINT32
                     : TensorProto::UINT64;
  }
  case K::Unknown:
    break;
  }
  return TensorProto::UNDEFINED;
}

static std::optional<Shape> fromOnnxShape(const onnx::TypeProto_Tensor &T) {
  if (!T.has_shape())
    return std::nullopt;
  Shape S;
  S.reserve(T.shape().dim_size());
  for (const auto &D : T.shape().dim()) {
    if (D.has_dim_value() && D.dim_value() >= 0)
      S.push_back(Dim::known(D.dim_value()));
    else if (D.has_dim_param() && !D.dim_param().empty())
      S.push_back(Dim::symbol(D.dim_param()));
    else
      S.push_back(Dim::unknown());
  }
  return S;
}

Type hcm::fromOnnxType(const onnx::TypeProto &T) {
  switch (T.value_case()) {
  case onnx::TypeProto::kTensorType:
    return Type::tensor(fromOnnxElemType(T.tensor_type().elem_type()),
                        fromOnnxShape(T.tensor_type()));
  case onnx::TypeProto::kSparseTensorType: {
    const auto &S = T.sparse_tensor_type();
    onnx::TypeProto_Tensor Dense;
    *Dense.mutable_shape() = S.shape();
    Dense.set_elem_type(S.elem_type());
    if (!S.has_shape())
      Dense.clear_shape();
    return Type::container(
        Type::Kind::SparseTensor,
        Type::tensor(fromOnnxElemType(S.elem_type()), fromOnnxShape(Dense)));
  }
  case onnx::TypeProto::kSequenceType:
    return Type::container(Type::Kind::Sequence,
                           fromOnnxType(T.sequence_type().elem_type()));
  case onnx::TypeProto::kOptionalType:
    return Type::container(Type::Kind::Optional,
                           fromOnnxType(T.optional_type().elem_type()));
  case onnx::TypeProto::kMapType:
    return Type::map(fromOnnxElemType(T.map_type().key_type()),
                     fromOnnxType(T.map_type().value_type()));
  default:
    return Type();
  }
}

static void toOnnxShape(const Type &T, onnx::TensorShapeProto &Out) {
  for (const Dim &D : T.getShape()) {
    auto *P = Out.add_dim();
    if (D.isKnown())
      P->set_dim_value(D.getValue());
    else if (D.isSymbol())
      P->set_dim_param(D.getSymbol());
  }
}

void hcm::toOnnxType(const Type &T, onnx::TypeProto &Out) {
  switch (T.getKind()) {
  case Type::Kind::Unknown:
    return;
  case Type::Kind::Tensor: {
    auto *TT = Out.mutable_tensor_type();
    TT->set_elem_type(toOnnxElemType(T.getElementType()));
    if (T.hasRank())
      toOnnxShape(T, *TT->mutable_shape());
    return;
  }
  case Type::Kind::SparseTensor: {
    auto *ST = Out.mutable_sparse_tensor_type();
    const Type &Inner = T.getInner();
    ST->set_elem_type(toOnnxElemType(Inner.getElementType()));
    if (Inner.hasRank())
      toOnnxShape(Inner, *ST->mutable_shape());
    return;
  }
  case Type::Kind::Sequence:
    toOnnxType(T.getInner(), *Out.mutable_sequence_type()->mutable_elem_type());
    return;
  case Type::Kind::Optional:
    toOnnxType(T.getInner(), *Out.mutable_optional_type()->mutable_elem_type());
    return;
  case Type::Kind::Map:
    Out.mutable_map_type()->set_key_type(toOnnxElemType(T.getElementType()));
    toOnnxType(T.getInner(), *Out.mutable_map_type()->mutable_value_type());
    return;
  }
}

Shape hcm::fromOnnxDims(const google::protobuf::RepeatedField<int64_t> &Dims) {
  Shape S;
  for (int64_t D : Dims)
    S.push_back(D >= 0 ? Dim::known(D) : Dim::unknown());
  return S;
}
