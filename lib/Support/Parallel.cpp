//===- Parallel.cpp - Splitting a loop over the machine's cores -----------===//
#include "hcm/Support/Parallel.h"

#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

using namespace hcm;

unsigned hcm::threadsFor(unsigned Requested) {
  return Requested ? Requested
                   : std::max(1u, std::thread::hardware_concurrency());
}

namespace {

/// Runs \p Job(I) for I in [1, N) on threads of their own and Job(0), then
/// \p Own, on the caller; a job whose thread cannot be started runs on the
/// caller too. Returns when all are done.
void fork(
    size_t N, llvm::function_ref<void(size_t)> Job,
    llvm::function_ref<void()> Own = [] {}) {
  std::vector<std::thread> Workers;
  std::vector<size_t> Left;
  for (size_t I = 1; I < N; ++I) {
    try {
      Workers.emplace_back([Job, I] { Job(I); });
    } catch (const std::system_error &) {
      Left.push_back(I);
    }
  }
  Own();
  if (N)
    Job(0);
  for (size_t I : Left)
    Job(I);
  for (std::thread &W : Workers)
    W.join();
}

} // namespace

void hcm::runParts(size_t Parts, llvm::function_ref<void(size_t)> Part) {
  fork(Parts, Part);
}

size_t hcm::partsFor(size_t Count, unsigned Threads, size_t MinPerPart) {
  // A small loop needs no thread count.
  size_t Parts = Count / std::max<size_t>(1, MinPerPart);
  if (Parts <= 1)
    return 1;
  return std::min<size_t>(Parts, threadsFor(Threads));
}

void hcm::parallelFor(size_t Count, unsigned Threads, size_t MinPerPart,
                      llvm::function_ref<void(size_t, size_t)> Part) {
  size_t Parts = partsFor(Count, Threads, MinPerPart);
  if (Parts <= 1) {
    Part(0, Count);
    return;
  }
  fork(Parts,
       [&](size_t I) { Part(Count * I / Parts, Count * (I + 1) / Parts); });
}

void hcm::parallelBlocks(size_t NumBlocks, unsigned Threads,
                         llvm::function_ref<void(size_t, std::string &)> Fill,
                         llvm::function_ref<void(llvm::StringRef)> Write) {
  size_t T = std::min<size_t>(threadsFor(Threads), NumBlocks);
  if (T <= 1) {
    std::string Text;
    for (size_t B = 0; B < NumBlocks; ++B) {
      Text.clear();
      Fill(B, Text);
      Write(Text);
    }
    return;
  }
  // While a wave is filled, the caller writes the wave before.
  std::vector<std::string> Filling(T), Done(T);
  size_t NumDone = 0;
  for (size_t Wave = 0; Wave < NumBlocks; Wave += T) {
    size_t N = std::min(T, NumBlocks - Wave);
    fork(
        N,
        [&](size_t I) {
          Filling[I].clear();
          Fill(Wave + I, Filling[I]);
        },
        [&] {
          for (size_t I = 0; I < NumDone; ++I)
            Write(Done[I]);
        });
    Filling.swap(Done);
    NumDone = N;
  }
  for (size_t I = 0; I < NumDone; ++I)
    Write(Done[I]);
}

ErrorSlots::ErrorSlots(size_t N) {
  // llvm::Error is move-only: no vector(N, value).
  Errs.reserve(N);
  for (size_t I = 0; I < N; ++I)
    Errs.push_back(llvm::Error::success());
}

ErrorSlots::~ErrorSlots() {
  for (llvm::Error &E : Errs)
    llvm::consumeError(std::move(E));
}
