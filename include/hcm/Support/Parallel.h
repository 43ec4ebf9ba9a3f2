//===- Parallel.h - Splitting a loop over the machine's cores ---*- C++ -*-===//
//
// The work on a large graph whose nodes are independent (the layer table's
// views and facts, the report's rows, the printed IR's lines) runs on
// several threads. Each part writes only its own slots or buffers, so the
// result does not depend on the split. A thread that cannot be started
// (a process at its limit) leaves its part to the caller: never an error.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_PARALLEL_H
#define HCM_SUPPORT_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <string>
#include <vector>

namespace hcm {

/// The threads \p Requested means: 0 is one per core
/// (std::thread::hardware_concurrency(), at least 1), anything else itself.
unsigned threadsFor(unsigned Requested);

/// How many parts a loop over \p Count items is cut into: at most
/// \p Threads (threadsFor), each of at least \p MinPerPart items; 1 for a
/// small loop, which asks for no thread count.
size_t partsFor(size_t Count, unsigned Threads, size_t MinPerPart);

/// Calls \p Part(I) for each I < \p Parts, each on its own thread (the
/// caller runs part 0), and returns when all are done.
void runParts(size_t Parts, llvm::function_ref<void(size_t)> Part);

/// Calls \p Part(Begin, End) on contiguous ranges that cover [0, \p Count),
/// each on its own thread (the caller runs the first), and returns when all
/// are done, in partsFor(Count, Threads, MinPerPart) parts: a small loop
/// runs on the caller alone.
void parallelFor(size_t Count, unsigned Threads, size_t MinPerPart,
                 llvm::function_ref<void(size_t, size_t)> Part);

/// Text made in blocks on several threads and written in order:
/// \p Fill(B, Text) appends block B's text (B < \p NumBlocks) to an empty
/// string, \p Write(Text) takes the blocks' texts one by one in block order.
/// A wave of blocks, one per thread, is filled while the caller writes the
/// one before, so two blocks per thread are held at a time.
void parallelBlocks(size_t NumBlocks, unsigned Threads,
                    llvm::function_ref<void(size_t, std::string &)> Fill,
                    llvm::function_ref<void(llvm::StringRef)> Write);

/// One llvm::Error per item of a loop run in parts: each part sets only its
/// items' slots, then the caller takes them in item order, so the first
/// error is the one a single thread would meet. What the caller did not
/// take (it returned at an earlier error) is dropped unread when the slots
/// go.
class ErrorSlots {
public:
  explicit ErrorSlots(size_t N);
  ErrorSlots(const ErrorSlots &) = delete;
  ErrorSlots &operator=(const ErrorSlots &) = delete;
  ~ErrorSlots();
  llvm::Error &operator[](size_t I) { return Errs[I]; }

private:
  std::vector<llvm::Error> Errs;
};

} // namespace hcm

#endif // HCM_SUPPORT_PARALLEL_H
