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

} // namespace hcm

#endif // HCM_LIB_IR_VERIFIERINTERNAL_H
