//===- LayerTableInternal.h - Pieces of the layer table ---------*- C++ -*-===//
//
// Internal to lib/Analysis: the per-node readers of LayerTable.cpp, used by
// the graph walk in TableBuilder.cpp (main graph, If branches, Loop bodies).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_ANALYSIS_LAYERTABLEINTERNAL_H
#define HCM_LIB_ANALYSIS_LAYERTABLEINTERNAL_H

#include "hcm/Analysis/LayerTable.h"

#include "llvm/ADT/DenseMap.h"

namespace hcm {
namespace detail {

/// Storage widths of values (LayerTable.cpp's file comment).
class StorageWidths {
public:
  void addLayer(const Layer &L, const LayerQuant &Q);
  int64_t bitsOf(const Value *V) const;

private:
  llvm::DenseMap<const Value *, int64_t> Produced, Readers;
};

/// The facts of a compute layer whose view and formats (quantOrTypes) were
/// read.
llvm::Expected<LayerFacts> factsOf(const Module &M, const Layer &L,
                                   const LayerQuant &Q);
/// The OPS and traffic of a vector-unit op.
llvm::Expected<VectorFacts> vectorFacts(const Module &M, const Node &N,
                                        const StorageWidths &Widths);
/// Records in \p F the pool that alone reads the output of \p N, if any
/// (LayerFacts::Pool).
llvm::Error findPool(const Module &M, const Node &N, LayerFacts &F);

} // namespace detail
} // namespace hcm

#endif // HCM_LIB_ANALYSIS_LAYERTABLEINTERNAL_H
