//===- Layer.h - The convolution view of a compute node ---------*- C++ -*-===//
//
// Every compute node (Conv, ConvTranspose, Gemm, MatMul, their quantized ONNX
// forms and the PE-tiled op `lower-to-pe` produces) is seen as a possibly
// grouped convolution with the symbols of METRICS.md section 1: batch B,
// channels n -> m, groups g, kernel kh x kw, input Hi x Wi, output Ho x Wo.
// Analyses and transforms share this one reading of the operands.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_LAYER_H
#define HCM_ANALYSIS_LAYER_H

#include "hcm/IR/Module.h"
#include "hcm/IR/Node.h"
#include "hcm/IR/OpInfo.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace hcm {

// LayerKind (the op a compute node computes, after looking through quantized
// forms and the PE-tiled op) is declared with the operator table.

/// A size that may be unknown (symbolic or '?'), with its spelling for
/// diagnostics ("N" or "?").
struct LayerDim {
  int64_t Value = -1;
  std::string Symbol;
  bool isKnown() const { return Value >= 0; }
};

struct Layer {
  const Node *N = nullptr;
  LayerKind Kind = LayerKind::Conv;
  /// Operand indices of the roles; -1 when the node has no such operand.
  int ActIndex = -1, WeightIndex = -1, BiasIndex = -1;
  /// Output result index (always 0 for the ops we know).
  int OutIndex = 0;

  LayerDim B;         ///< batch (product of leading dims)
  int64_t NIn = 0;    ///< n: input channels (K for Gemm/MatMul)
  int64_t MOut = 0;   ///< m: output channels (N for Gemm/MatMul)
  int64_t Groups = 1; ///< g
  int64_t KH = 1, KW = 1;
  LayerDim Hi, Wi, Ho, Wo;
  /// Spatial rank of a convolution (1 for 1-D, 2 for 2-D); 0 for Gemm/MatMul.
  unsigned SpatialRank = 0;
  /// Recurrent layers: gates per hidden unit (LSTM 4, GRU 3, RNN 1), so
  /// m / Gates is the hidden state written per step; 1 otherwise.
  int64_t Gates = 1;
  /// Bias elements (m for a Conv/Gemm bias; both biases and peepholes of a
  /// recurrent layer); 0 without a bias.
  int64_t BiasElems = 0;
  /// A MatMul whose second operand is computed at run time (attention's
  /// Q x K^T): no parameters, and that operand is activation traffic of
  /// ActWeightElems elements.
  bool ActWeight = false;
  LayerDim ActWeightElems;

  /// n / g: input channels each output channel reads.
  int64_t ng() const { return Groups > 0 ? NIn / Groups : 0; }
  /// ng * kh * kw: products summed into one output value.
  int64_t fanIn() const { return ng() * KH * KW; }
  bool isRecurrent() const {
    return Kind == LayerKind::LSTM || Kind == LayerKind::GRU ||
           Kind == LayerKind::RNN;
  }
  bool isDepthwise() const {
    return Kind == LayerKind::Conv && Groups > 1 && Groups == NIn &&
           Groups == MOut;
  }

  const Value *act() const;
  const Value *weight() const;
  const Value *bias() const;
  const Value *out() const;

  /// The effective op type name ("Conv", "Gemm", ...).
  static llvm::StringRef kindName(LayerKind K);
};

/// True for ops this analyzer costs as compute layers.
bool isComputeNode(const Node &N);

/// Reads the layer view of \p N. Errors (one line, naming the node) when the
/// node is not a compute node, or when the shapes the view needs (weight
/// shape, ranks) are missing or inconsistent. Sizes that depend on symbolic
/// or unknown dims are left unknown rather than failing; use
/// requireKnownDims() when numbers are needed.
llvm::Expected<Layer> getLayer(const Module &M, const Node &N);

/// Error naming the first unknown dim of \p L (and suggesting `--dim`), or
/// success when every size is known.
llvm::Error requireKnownDims(const Module &M, const Layer &L);

} // namespace hcm

#endif // HCM_ANALYSIS_LAYER_H
