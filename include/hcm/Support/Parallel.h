//===- Parallel.h - Splitting a loop over the machine's cores ---*- C++ -*-===//
//
// The passes over a large graph whose nodes are independent (the layer
// table's views and facts) run their loop on several threads. Each part
// writes only its own slots, so results do not depend on the split.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_PARALLEL_H
#define HCM_SUPPORT_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstddef>

namespace hcm {

/// The threads \p Requested means: 0 is one per core, anything else itself.
unsigned threadsFor(unsigned Requested);

/// Calls \p Part(Begin, End) on contiguous ranges that cover [0, \p Count),
/// each on its own thread (the caller runs the first), and returns when all
/// are done. At most \p Threads parts (threadsFor), each of at least
/// \p MinPerPart items: a small loop runs on the caller alone.
void parallelFor(size_t Count, unsigned Threads, size_t MinPerPart,
                 llvm::function_ref<void(size_t, size_t)> Part);

} // namespace hcm

#endif // HCM_SUPPORT_PARALLEL_H
