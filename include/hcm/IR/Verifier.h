//===- Verifier.h - IR invariants ---------------------------------*- C++
//-*-===//
//
// Checks use-before-def, dangling values, duplicate names, and type/shape
// consistency (initializer data vs type, operand element types of common
// ops, Conv/Gemm/MatMul dims). The first violation is returned as an error
// naming the file and the node (`file:line:col: error:` for text input).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_VERIFIER_H
#define HCM_IR_VERIFIER_H

#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"

namespace hcm {

llvm::Error verifyModule(const Module &M);

} // namespace hcm

#endif // HCM_IR_VERIFIER_H
