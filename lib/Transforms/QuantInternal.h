//===- QuantInternal.h - Pieces of the annotate-quant pass ------*- C++ -*-===//
//
// annotate-quant is split by source: formats the model states
// (QuantFromModel.cpp), the per-layer file (QuantFile.cpp), and the folding
// of QDQ pairs (FoldQDQ.cpp). AnnotateQuant.cpp decides the precedence.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_TRANSFORMS_QUANTINTERNAL_H
#define HCM_LIB_TRANSFORMS_QUANTINTERNAL_H

#include "hcm/Analysis/Layer.h"
#include "hcm/Pass/Pass.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

/// A number format and where it came from.
struct RoleFormat {
  ElementType Format;
  std::string Src;
};

/// Formats per role ("a", "w", "b", "out").
using RoleFormats = std::map<std::string, RoleFormat>;

/// Every node reading each value (nested graphs included).
class UseMap {
public:
  explicit UseMap(const Graph &G);
  /// The readers of \p V in walk order (a node reading it twice twice).
  llvm::ArrayRef<Node *> users(const Value *V) const;

private:
  /// Each value's readers: Flat[first, first + second).
  llvm::DenseMap<const Value *, std::pair<size_t, size_t>> Range;
  std::vector<Node *> Flat;
};

/// Formats the model itself gives the roles of \p L: QDQ pairs around the
/// operands and after the output, QLinear*/…Integer operand types, QONNX
/// quantizers, or integer operand types (an already folded graph).
llvm::Expected<RoleFormats> modelFormats(const Module &M, const Layer &L,
                                         const UseMap &Uses);

/// Answers of isNonNegative() that did not depend on its walk budget, kept
/// for one pass so that a long chain is walked once, not once per layer.
using NonNegativeCache = llvm::DenseMap<const Value *, bool>;

/// True when \p V is known to be non-negative (it comes from a ReLU-like op,
/// possibly through pooling and reshapes): such activations default to
/// unsigned formats. The walk gives up (false) after 256 values.
bool isNonNegative(const Value *V, NonNegativeCache *Cache = nullptr);

/// A user-written bitwidth: its format and whether the user chose the sign.
struct BitsSpec {
  ElementType Format;
  bool ExplicitSign = false;
  /// The format for a value whose natural signedness is \p Signed.
  ElementType forSign(bool Signed) const;
};
llvm::Expected<BitsSpec> parseBitsSpec(llvm::StringRef Text);

/// One entry of the per-layer file.
struct LayerRule {
  std::string Pattern; ///< as written
  std::string Where;   ///< file:line:col
  std::optional<BitsSpec> W, A, Out;
  bool Matched = false;
  bool matches(llvm::StringRef NodeName) const;

  enum class Kind { Exact, Glob, Regex } K = Kind::Exact;
};

/// The per-layer file: YAML or JSON, a mapping from node name, glob or
/// `re:`-regex to bitwidths. Later entries win.
struct LayerRules {
  std::vector<LayerRule> Rules;
  /// The merged rule fields for \p NodeName (marking rules as matched).
  LayerRule lookup(llvm::StringRef NodeName);
};
llvm::Expected<LayerRules> parseLayerRules(llvm::MemoryBufferRef Buffer);

/// Removes QuantizeLinear/DequantizeLinear pairs, moving their formats onto
/// the values (see FoldQDQ.cpp).
llvm::Error foldQDQ(Module &M, PassContext &Ctx);

} // namespace hcm

#endif // HCM_LIB_TRANSFORMS_QUANTINTERNAL_H
