//===- InferShapes.h - ONNX shape inference over the IR ---------*- C++ -*-===//
//
// Internal to lib/Transforms: the work of the `infer-shapes` pass, also run
// by `canonicalize` after each round of shape folding (so `-O` needs no
// separate infer-shapes).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_TRANSFORMS_INFERSHAPES_H
#define HCM_LIB_TRANSFORMS_INFERSHAPES_H

#include "hcm/Pass/Pass.h"

namespace hcm {

/// Refines every value type of \p M (subgraphs included) from ONNX shape
/// inference with data propagation. \p Strict: inference errors are errors;
/// else they are one warning and the types inferred so far are kept.
llvm::Error inferShapes(Module &M, PassContext &Ctx, bool Strict);

} // namespace hcm

#endif // HCM_LIB_TRANSFORMS_INFERSHAPES_H
