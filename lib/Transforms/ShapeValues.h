//===- ShapeValues.h - Evaluating shape subgraphs, symbols kept -*- C++ -*-===//
//
// Internal to lib/Transforms: the values of the small integer tensors that
// exporters compute shapes with (Shape, Gather, Slice, Concat, Cast,
// Unsqueeze/Squeeze, arithmetic, Range, ConstantOfShape, Expand, ...), where
// an element may be a symbolic dim ("N") or unknown. foldConstants() turns
// every fully known one into an initializer and types the results of
// Reshape/Expand/ConstantOfShape from partly symbolic shape operands.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_TRANSFORMS_SHAPEVALUES_H
#define HCM_LIB_TRANSFORMS_SHAPEVALUES_H

#include "hcm/IR/Graph.h"
#include "hcm/IR/Type.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace hcm {

/// A small integer tensor: row-major elements (known, symbolic or unknown)
/// and its dims.
struct SymTensor {
  std::vector<Dim> Vals;
  std::vector<int64_t> Dims;
  bool allKnown() const;
  /// The elements as integers (all known).
  std::vector<int64_t> ints() const;
};

/// Largest tensor the evaluator keeps (shape tensors are tiny).
inline constexpr size_t MaxSymElements = 4096;

/// Evaluates the values of one graph in node order, memoized.
class ShapeEvaluator {
public:
  /// The value of \p V, or nullopt when it is not a small integer tensor
  /// the evaluator can follow.
  const SymTensor *get(const Value *V);
  /// Evaluates \p N and records its result 0; returns it (or nullptr).
  const SymTensor *evaluate(const Node &N);
  /// Drops what is known about \p V (before it is erased).
  void forget(const Value *V) { Memo.erase(V); }

private:
  std::optional<SymTensor> evalNode(const Node &N);
  std::unordered_map<const Value *, std::optional<SymTensor>> Memo;
};

/// The output shape of Reshape(\p In, \p Target) (0 copies, -1 infers;
/// symbols cancel), or nullopt.
std::optional<Shape> reshapeResult(const Shape &In, const SymTensor &Target,
                                   bool AllowZero);

} // namespace hcm

#endif // HCM_LIB_TRANSFORMS_SHAPEVALUES_H
