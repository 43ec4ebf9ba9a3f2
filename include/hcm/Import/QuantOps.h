//===- QuantOps.h - Quantization operators the importer knows ---*- C++ -*-===//
//
// ONNX's QDQ operators (also in ONNX Runtime's `com.microsoft` domain) and
// QONNX's fake-quantization operators (`qonnx.custom_op.general` and the
// FINN aliases `finn.custom_op.general`, `finn`). QONNX ops import without
// the unknown-operator warning, and shape inference treats them as
// elementwise on their first input.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_QUANTOPS_H
#define HCM_IMPORT_QUANTOPS_H

#include "hcm/IR/OpInfo.h"

#include "llvm/ADT/StringRef.h"

namespace hcm {

class Node;

// isQonnxDomain() is declared with the operator table (hcm/IR/OpInfo.h).
/// QONNX `Quant`, `BipolarQuant` or `Trunc` in a QONNX domain.
bool isQonnxQuantOp(llvm::StringRef Domain, llvm::StringRef Op);
bool isQonnxQuantOp(const Node &N);
/// QuantizeLinear in the ONNX or com.microsoft domain.
bool isQuantizeLinear(const Node &N);
/// DequantizeLinear in the ONNX or com.microsoft domain.
bool isDequantizeLinear(const Node &N);

} // namespace hcm

#endif // HCM_IMPORT_QUANTOPS_H
