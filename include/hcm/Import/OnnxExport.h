//===- OnnxExport.h - IR back to an ONNX ModelProto ---------------*- C++
//-*-===//
//
// Converts a module to an onnx::ModelProto (graph, attributes, subgraphs,
// initializers with inline data or external references). Used to run ONNX's
// own shape inference on IR that came from any source, and to hand models to
// other ONNX tools.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_ONNXEXPORT_H
#define HCM_IMPORT_ONNXEXPORT_H

#include "hcm/IR/Module.h"

#include "onnx/onnx_pb.h"

namespace hcm {

/// Builds the ModelProto for \p M. Elided tensors and missing external data
/// are exported with their dims and no data.
onnx::ModelProto exportToOnnx(const Module &M);

} // namespace hcm

#endif // HCM_IMPORT_ONNXEXPORT_H
