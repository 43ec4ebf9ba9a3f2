//===- InferenceChecks.h - Checks run before ONNX's inference ---*- C++ -*-===//
//
// Private to lib/Import. ONNX 1.12's shape inference functions trust ranks,
// attribute counts and dim sizes the checker would verify; these checks run
// first (InferenceGuards.cpp wraps every schema with them) and throw ONNX's
// own InferenceError, which strict mode reports as a one-line error.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_IMPORT_INFERENCECHECKS_H
#define HCM_LIB_IMPORT_INFERENCECHECKS_H

#include "onnx/defs/schema.h"
#include "onnx/defs/shape_inference.h"

namespace hcm {

/// The checks for op \p S (any op: what its schema promises, then the op's
/// own rules for conv/pool ops and Gemm).
void checkBeforeInference(onnx::InferenceContext &Ctx, const onnx::OpSchema &S);

} // namespace hcm

#endif // HCM_LIB_IMPORT_INFERENCECHECKS_H
