//===- Work.h - Work and memory traffic of a layer --------------*- C++ -*-===//
//
// The numbers of METRICS.md sections 2 and 4 for one compute layer, from its
// layer view and bitwidths. `bops` and `traffic` write them as `hcm.work` and
// `hcm.traffic` (output only: nothing reads them back). All integer
// quantities are exact (64-bit, overflow is an error); BOPS are real-valued
// because of the log2 term.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_WORK_H
#define HCM_ANALYSIS_WORK_H

#include "hcm/Analysis/Layer.h"
#include "hcm/Analysis/Quant.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <optional>

namespace hcm {

/// METRICS.md section 2 (compute layers) or section 3's vector-unit OPS.
struct LayerWork {
  int64_t Pixels = 0;      ///< P = B * Ho * Wo
  int64_t Macs = 0;        ///< P * m * ng * kh * kw
  int64_t OpsPixel = 0;    ///< m * ng * (kh*kw + 1)
  int64_t Ops = 0;         ///< OpsPixel * P (vector ops: elements x window)
  int64_t ComputeCost = 0; ///< m * ng * kh*kw * (ba + bw) * P
  int64_t Params = 0;      ///< weight elements + bias elements
  double BopsPixel = 0;    ///< m*ng*kh*kw*(ba*bw + ba + bw + log2(ng*kh*kw))
  double Bops = 0;         ///< BopsPixel * P
  bool Vector = false;     ///< a vector-unit op (only Ops is set)
};

/// METRICS.md section 4, in bits.
struct LayerTraffic {
  int64_t Weights = 0; ///< m*ng*kh*kw*bw (+ m*acc for a bias)
  int64_t Inputs = 0;  ///< B*n*Hi*Wi*ba
  int64_t Outputs = 0; ///< B*m*Ho*Wo*bo
  int64_t Total = 0;
  int64_t Prefetch = 0;          ///< Weights + n*kh*Wi*ba
  int64_t LineBuffer = 0;        ///< kh*Wi*n*ba
  int64_t InputBitsPerClock = 0; ///< n*ba*stride_h*stride_w
  double OpsPerBit = 0;
};

/// The layer's formats: `hcm.quant` when present, else the storage widths of
/// the operand types (a float model that was not annotated).
llvm::Expected<LayerQuant> quantOrTypes(const Module &M, const Layer &L);

struct LayerShape;
/// Work of a compute layer of shape \p S; false when a count overflows 64
/// bits.
bool computeWork(const LayerShape &S, const LayerQuant &Q, LayerWork &W);
/// Traffic of a compute layer (its OPS from \p W); false on overflow.
bool computeTraffic(const LayerShape &S, const LayerQuant &Q,
                    const LayerWork &W, LayerTraffic &T);

/// How the analyses treat a node.
enum class CostClass {
  Compute,    ///< a compute layer on the PE array
  Vector,     ///< a standard ONNX op on the vector unit
  Quantizer,  ///< Q/DQ or QONNX quantizer: describes formats, not costed
  Free,       ///< Constant, or an op on constants only: no run-time work
  Uncostable, ///< unknown/custom-domain op or control flow: listed, excluded
};
CostClass classifyNode(const Node &N);

/// Vector-unit OPS of \p N (METRICS.md section 3): output elements, times the
/// window for pooling. Errors name the node and any unbound dim.
llvm::Expected<int64_t> vectorOps(const Module &M, const Node &N);

/// Sum over \p Values (null ones skipped) of their static element counts
/// times \p Weight (the bits each element takes; 1 to count elements).
llvm::Expected<int64_t>
sumElements(const Module &M, const Node &N,
            llvm::ArrayRef<const Value *> Values,
            llvm::function_ref<int64_t(const Value *)> Weight);

/// Static element count of \p V, or an error naming \p N and the dim that is
/// not known (suggesting --dim for symbols).
llvm::Expected<int64_t> staticElements(const Module &M, const Node &N,
                                       const Value *V);

} // namespace hcm

#endif // HCM_ANALYSIS_WORK_H
