//===- QuantOps.cpp - Quantization operators the importer knows -----------===//
#include "hcm/Import/QuantOps.h"

#include "hcm/IR/Node.h"

using namespace hcm;

namespace {
bool isQDQDomain(llvm::StringRef D) {
  return D.empty() || D == "ai.onnx" || D == "com.microsoft";
}
} // namespace

bool hcm::isQonnxDomain(llvm::StringRef Domain) {
  return Domain == "qonnx.custom_op.general" ||
         Domain == "finn.custom_op.general" || Domain == "finn";
}

bool hcm::isQonnxQuantOp(llvm::StringRef Domain, llvm::StringRef Op) {
  return isQonnxDomain(Domain) &&
         (Op == "Quant" || Op == "BipolarQuant" || Op == "Trunc");
}

bool hcm::isQonnxQuantOp(const Node &N) {
  return isQonnxQuantOp(N.getDomain(), N.getOpType());
}

bool hcm::isQuantizeLinear(const Node &N) {
  return N.getOpType() == "QuantizeLinear" && isQDQDomain(N.getDomain());
}

bool hcm::isDequantizeLinear(const Node &N) {
  return N.getOpType() == "DequantizeLinear" && isQDQDomain(N.getDomain());
}
