//===- Parallel.cpp - Splitting a loop over the machine's cores -----------===//
#include "hcm/Support/Parallel.h"

#include "llvm/Support/Threading.h"

#include <algorithm>
#include <thread>
#include <vector>

using namespace hcm;

unsigned hcm::threadsFor(unsigned Requested) {
  if (Requested)
    return Requested;
  return std::max(1u, llvm::hardware_concurrency().compute_thread_count());
}

void hcm::parallelFor(size_t Count, unsigned Threads, size_t MinPerPart,
                      llvm::function_ref<void(size_t, size_t)> Part) {
  size_t Parts = std::min<size_t>(threadsFor(Threads),
                                  Count / std::max<size_t>(1, MinPerPart));
  if (Parts <= 1) {
    Part(0, Count);
    return;
  }
  std::vector<std::thread> Workers;
  for (size_t I = 1; I < Parts; ++I)
    Workers.emplace_back(
        [&, I] { Part(Count * I / Parts, Count * (I + 1) / Parts); });
  Part(0, Count / Parts);
  for (std::thread &W : Workers)
    W.join();
}
