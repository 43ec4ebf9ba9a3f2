//===- Parallel.h - Evaluating points on several threads --------*- C++ -*-===//
//
// Points are visited in blocks of consecutive list positions; each block is
// cut into one contiguous chunk per thread (hcm::runParts), and the caller
// combines the chunks' results in chunk order after the block, so what it
// writes does not depend on the thread count. Memory is per block, not per
// point. A progress bar on stderr shows sweeps that run longer than a
// second, when stderr is a terminal.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_PARALLEL_H
#define HCM_DSE_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdint>

namespace hcm {

class Progress {
public:
  /// Shown only when \p Enabled (a terminal, no --quiet) and after 1 s.
  Progress(uint64_t Total, bool Enabled, llvm::raw_ostream &OS);
  void update(uint64_t Done);
  /// Clears the bar.
  void finish();

private:
  uint64_t Total;
  bool Enabled, Shown = false;
  llvm::raw_ostream &OS;
  std::chrono::steady_clock::time_point Start, Last;
};

/// Calls \p Chunk(Thread, Begin, End) for the positions [0, Count), block
/// by block (\p BlockSize positions), the chunks of a block on \p Threads
/// threads; after each block \p AfterBlock(BlockEnd) runs on the calling
/// thread, and returning false stops.
void forEachBlock(uint64_t Count, unsigned Threads, uint64_t BlockSize,
                  llvm::function_ref<void(unsigned, uint64_t, uint64_t)> Chunk,
                  llvm::function_ref<bool(uint64_t)> AfterBlock);

} // namespace hcm

#endif // HCM_DSE_PARALLEL_H
