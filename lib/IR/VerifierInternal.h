//===- VerifierInternal.h - Pieces of the IR verifier -----------*- C++ -*-===//
//
// Private to lib/IR: rule sets of the verifier that live in their own files.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_IR_VERIFIERINTERNAL_H
#define HCM_LIB_IR_VERIFIERINTERNAL_H

#include "hcm/IR/Node.h"

#include <string>

namespace hcm {

/// What is wrong with the window attributes of a Conv, ConvTranspose or
/// pooling node \p N ("" when nothing is): kinds, signs, counts against the
/// input rank, kernel_shape against the weight, and a window that does not
/// fit the padded input (VerifyWindow.cpp). \p X and \p W are the input and
/// weight types when ranked, else null.
std::string windowProblem(const Node &N, const Type *X, const Type *W);

/// What is wrong with a Conv, ConvTranspose, Gemm or MatMul node \p N whose
/// data or weight is missing or whose data, weight or result is empty (""
/// otherwise; VerifyCompute.cpp).
std::string emptyComputeProblem(const Node &N);

} // namespace hcm

#endif // HCM_LIB_IR_VERIFIERINTERNAL_H
