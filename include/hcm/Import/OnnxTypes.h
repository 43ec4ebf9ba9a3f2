//===- OnnxTypes.h - ONNX type protos <-> hcm types -------------*- C++ -*-===//
//
// Conversions shared by the importer, the exporter and infer-shapes.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_ONNXTYPES_H
#define HCM_IMPORT_ONNXTYPES_H

#include "hcm/IR/Type.h"

#include "onnx/onnx_pb.h"

namespace hcm {

/// ONNX TensorProto::DataType -> element type (unknown for UNDEFINED and
/// types this ONNX version does not name).
ElementType fromOnnxElemType(int32_t DataType);
/// Element type -> ONNX data type; UNDEFINED when ONNX has no such type
/// (e.g. narrow integers, which export as the next wider ONNX type).
int32_t toOnnxElemType(ElementType E);
Type fromOnnxType(const onnx::TypeProto &T);
void toOnnxType(const Type &T, onnx::TypeProto &Out);
/// Dims of a TensorProto as a static shape.
Shape fromOnnxDims(const google::protobuf::RepeatedField<int64_t> &Dims);

} // namespace hcm

#endif // HCM_IMPORT_ONNXTYPES_H
