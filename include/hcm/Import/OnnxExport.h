//===- OnnxExport.h - IR back to an ONNX ModelProto -------------*- C++ -*-===//
//
// Converts a module to an onnx::ModelProto (graph, attributes, subgraphs,
// initializers with inline data or external references, value_info for every
// typed result). Used to run ONNX's own shape inference on IR that came from
// any source, and to hand models to other ONNX tools. hcm-only information
// (f64 and dictionary attributes, elided data, element types ONNX cannot
// name) travels as doc_string markers, so importing the result gives back
// the same module.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_ONNXEXPORT_H
#define HCM_IMPORT_ONNXEXPORT_H

#include "hcm/IR/Module.h"

#include "onnx/onnx_pb.h"

namespace onnx {
class ISchemaRegistry;
class OpSchema;
struct ShapeInferenceOptions;
} // namespace onnx

namespace hcm {

struct ExportOptions {
  /// Inline tensors with more elements export with dims only (as if elided),
  /// except integer tensors, which shape inference may read (Reshape's
  /// shape); -1 exports every byte. Shape inference needs no weights, so a
  /// pass that only infers shapes can skip copying them.
  int64_t MaxInlineElements = -1;
};

/// Builds the ModelProto for \p M. Elided tensors and missing external data
/// are exported with their dims and no data.
onnx::ModelProto exportToOnnx(const Module &M, const ExportOptions &Opts = {});

/// The ModelProto for other ONNX tools (`hcm-opt --emit=onnx`, docs/ONNX.md):
/// accepted by onnx.checker, with every hcm attribute kept -- on nodes of
/// domain `hcm`, or in metadata_props `hcm.attr:<node>:<attribute>` for
/// nodes of a standard domain.
onnx::ModelProto exportAnnotatedOnnx(const Module &M);
/// Writes exportAnnotatedOnnx(M) as binary ONNX to \p Path ("-": stdout).
llvm::Error writeAnnotatedOnnx(const Module &M, llvm::StringRef Path);
/// Moves `hcm.attr:` metadata back onto the nodes it names (import does this
/// first). Errors name \p Path and the metadata key.
llvm::Error restoreHcmAnnotations(onnx::ModelProto &P, llvm::StringRef Path);

/// ONNX's schema registry with the inference functions that ONNX 1.12 lets
/// crash on malformed models (Conv/pooling rank mismatches, zero strides)
/// guarded to throw onnx::InferenceError instead. Pass it to
/// onnx::shape_inference::InferShapes in place of OpSchemaRegistry::Instance().
const onnx::ISchemaRegistry *guardedSchemaRegistry();
/// onnx::shape_inference::InferShapes(M, Registry, Opts) of ONNX 1.12, same
/// results, same exceptions, without its per-node maps (OnnxInference.cpp).
void inferOnnxShapes(onnx::ModelProto &M, const onnx::ISchemaRegistry *Registry,
                     const onnx::ShapeInferenceOptions &Opts);
/// What OpSchemaRegistry::Instance()->GetSchema(Key, Version, Domain) returns
/// (the newest schema with since_version <= Version, or nullptr), building
/// only the ai.onnx schemas asked for instead of registering all of ONNX's.
const onnx::OpSchema *findOnnxSchema(const std::string &Key, int Version,
                                     const std::string &Domain);

} // namespace hcm

#endif // HCM_IMPORT_ONNXEXPORT_H
