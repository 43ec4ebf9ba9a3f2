//===- CanonicalizeRewrites.h - The rewrites of `canonicalize` --*- C++ -*-===//
//
// Internal to lib/Transforms: each rewrite of the `canonicalize` pass lives in
// a file of its own and works on one graph (the pass calls it on the main
// graph and on every subgraph). Each returns how many nodes it rewrote.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_TRANSFORMS_CANONICALIZEREWRITES_H
#define HCM_LIB_TRANSFORMS_CANONICALIZEREWRITES_H

#include "hcm/Pass/Pass.h"

#include <optional>
#include <vector>

namespace hcm {

/// State shared by the rewrites of one canonicalize run.
struct CanonContext {
  Module &M;
  PassContext &Ctx;
  /// Set once the "folded without data" warning was given.
  bool WarnedNoData = false;
  /// Nodes evaluated into initializers and results typed by foldConstants
  /// (not Constant nodes): what may let shape inference learn more.
  unsigned ShapeFolds = 0;
};

/// Removes Identity and inference-mode Dropout nodes (FoldConstants.cpp).
unsigned removeNoOps(CanonContext &C, Graph &G);
/// Turns Constant nodes into initializers and folds integer shape arithmetic
/// (Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, Cast, Add/Sub/Mul/Div)
/// whose operands are all known into initializers (FoldConstants.cpp).
unsigned foldConstants(CanonContext &C, Graph &G);
/// Folds BatchNormalization into the preceding Conv or Gemm
/// (FoldBatchNorm.cpp).
unsigned foldBatchNorms(CanonContext &C, Graph &G);
/// Turns two-operand Einsums that are (batched) matrix products into MatMul,
/// transposing an operand where needed (RewriteEinsum.cpp).
unsigned rewriteEinsums(CanonContext &C, Graph &G);
/// Fuses activations into their producer as `hcm.act` attributes
/// (FuseActivation.cpp).
unsigned fuseActivations(CanonContext &C, Graph &G);

//===--- Helpers shared by the rewrites (Canonicalize.cpp) ---------------===//

/// Appends \p Name to the `hcm.fused` strings of \p N.
void appendFused(Node &N, llvm::StringRef Name);
/// Removes \p Absorbed, whose operand 0 is the only use of \p Producer's
/// result 0: that result takes over the absorbed node's result (its uses,
/// name and type), and the absorbed node's name is appended to the
/// producer's `hcm.fused`.
void absorbInto(Graph &G, Node &Producer, Node &Absorbed);
/// The node producing \p V when it is in \p G and \p V is its only result
/// in use and \p V has exactly one use; else nullptr.
Node *soleUseProducer(const Graph &G, const Value *V);
/// Constant integer data of \p V (an initializer with inline or loadable
/// data), or std::nullopt.
std::optional<std::vector<int64_t>> constInts(const Value *V);
/// Constant data of \p V as doubles (float or integer types), or nullopt.
std::optional<std::vector<double>> constDoubles(const Value *V);
/// Replaces the result of \p N (single result) by a new initializer holding
/// \p Data under the same name, and erases \p N.
void replaceWithConstant(Graph &G, Node &N, Tensor Data);

} // namespace hcm

#endif // HCM_LIB_TRANSFORMS_CANONICALIZEREWRITES_H
