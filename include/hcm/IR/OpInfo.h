//===- OpInfo.h - What hcm knows about each operator ------------*- C++ -*-===//
//
// The one table of operator knowledge (OpInfo.def): cost class, the
// convolution view and operand roles of compute ops, quantizers, and the
// flags the bitwidth inference and the vector-op costs need. The importer,
// the analyses and the transforms all ask it instead of keeping lists.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_OPINFO_H
#define HCM_IR_OPINFO_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace hcm {

class Node;

/// The op a compute node computes, seen as a (possibly grouped) convolution
/// (METRICS.md section 1). LSTM, GRU and RNN are seen as the Gemm of their
/// gates over every time step (lib/Analysis/Layer.cpp).
enum class LayerKind { Conv, ConvTranspose, Gemm, MatMul, LSTM, GRU, RNN };

enum class OpClass { Compute, Quantizer, Free, ControlFlow, Vector };

namespace opflag {
enum : unsigned {
  Grid = 1,        ///< keeps values on their quantization grid
  Sign = 2,        ///< output sign is the first operand's
  NonNeg = 4,      ///< output is non-negative whatever the input (ReLU-like)
  Pool = 8,        ///< OPS = outputs x kernel window
  GlobalPool = 16, ///< OPS = outputs x input spatial size
  Act = 32         ///< an activation canonicalize fuses into its producer
};
} // namespace opflag

struct OpInfo {
  const char *Name;
  OpClass Class;
  bool IsCompute; ///< Kind is meaningful
  LayerKind Kind;
  int Act, Weight, Bias; ///< operand indices of the roles (-1: none)
  unsigned Flags;
  bool has(unsigned F) const { return (Flags & F) != 0; }
};

/// The entry for \p Op in \p Domain, or nullptr when hcm knows nothing
/// special about it (then: a vector op in the default domain, not costable
/// elsewhere).
const OpInfo *lookupOp(llvm::StringRef Domain, llvm::StringRef Op);
/// The entry for node \p N (hcm::PEConv looks up the op named by `orig`).
const OpInfo *lookupOp(const Node &N);
/// The lowering's decisions on a hcm::PEConv: `hcm.pe = {orig = "Conv",
/// pack = 9}` (the op it came from, input channels packed per 1x1 tile).
inline constexpr const char *PEAttrKey = "hcm.pe";
/// The op \p N was lowered from (`hcm.pe.orig`), or "" when it is not a
/// well-formed hcm::PEConv.
llvm::StringRef loweredFrom(const Node &N);
/// The op type \p N computes: loweredFrom() for hcm::PEConv, else its own.
llvm::StringRef effectiveOpType(const Node &N);

/// "" or "ai.onnx".
bool isDefaultDomain(llvm::StringRef Domain);
/// `qonnx.custom_op.general`, `finn.custom_op.general` or `finn`.
bool isQonnxDomain(llvm::StringRef Domain);

} // namespace hcm

#endif // HCM_IR_OPINFO_H
