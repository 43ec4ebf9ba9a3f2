//===- QuantOps.cpp - Quantization operators the importer knows -----------===//
//
// Thin queries over the operator table (hcm/IR/OpInfo.def).
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/QuantOps.h"

#include "hcm/IR/Node.h"
#include "hcm/IR/OpInfo.h"

using namespace hcm;

bool hcm::isQonnxQuantOp(llvm::StringRef Domain, llvm::StringRef Op) {
  const OpInfo *I = lookupOp(Domain, Op);
  return isQonnxDomain(Domain) && I && I->Class == OpClass::Quantizer;
}

bool hcm::isQonnxQuantOp(const Node &N) {
  return isQonnxQuantOp(N.getDomain(), N.getOpType());
}

bool hcm::isQuantizeLinear(const Node &N) {
  const OpInfo *I = lookupOp(N);
  return I && llvm::StringRef(I->Name) == "QuantizeLinear";
}

bool hcm::isDequantizeLinear(const Node &N) {
  const OpInfo *I = lookupOp(N);
  return I && llvm::StringRef(I->Name) == "DequantizeLinear";
}
