//===- VerifyCompute.cpp - Compute ops have something to compute ----------===//
//
// A Conv, ConvTranspose, Gemm or MatMul needs its two operands (input and
// weight; the analyses would leave it uncosted and report 0 MACs). One whose
// operand or result has a zero-sized dim does no work: every analysis would
// report 0 MACs, 0 % utilization or a division by zero for it. ONNX allows
// empty tensors, but for a cost model they are a mistake in the model (or a
// --dim of 0), so the verifier names the value instead.
//
//===----------------------------------------------------------------------===//
#include "VerifierInternal.h"

#include "hcm/IR/Value.h"

using namespace hcm;

namespace {

bool hasZeroDim(const Value *V) {
  if (!V || !V->getType().isTensor() || !V->getType().hasRank())
    return false;
  for (const Dim &D : V->getType().getShape())
    if (D.isKnown() && D.getValue() == 0)
      return true;
  return false;
}

} // namespace

std::string hcm::emptyComputeProblem(const Node &N) {
  // StringRef compares lengths before bytes (most nodes are none of these).
  llvm::StringRef Op = N.getOpType();
  if (Op != "Conv" && Op != "ConvTranspose" && Op != "Gemm" && Op != "MatMul")
    return "";
  // Data and weight (A and B): without them there is no layer to cost.
  for (size_t I = 0; I < 2; ++I)
    if (I >= N.getNumOperands() || !N.getOperand(I))
      return Op.str() + " needs operand " + std::to_string(I) +
             (I == 0 ? " (the input)" : " (the weight)") + ", which is missing";
  for (size_t I = 0; I < 2; ++I)
    if (hasZeroDim(N.getOperand(I)))
      return "operand '" + N.getOperand(I)->getName() + "' of type " +
             N.getOperand(I)->getType().str() +
             " is empty (a zero-sized dim); there is nothing to compute";
  for (const Value *R : N.getResults())
    if (hasZeroDim(R))
      return "result '" + R->getName() + "' of type " + R->getType().str() +
             " is empty (a zero-sized dim); there is nothing to compute";
  return "";
}
