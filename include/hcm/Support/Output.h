//===- Output.h - Writing results safely -------------------------*- C++
//-*-===//
//
// Regular output files are written to a temporary next to the destination and
// renamed into place, so a failed or interrupted run never leaves a partial
// file; devices, FIFOs and /dev/stdout are written directly (never replaced).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_OUTPUT_H
#define HCM_SUPPORT_OUTPUT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

namespace hcm {

/// Writes through \p Fill to \p Path ("-" is stdout): atomically for regular
/// files, directly for character devices, FIFOs and other special files.
llvm::Error writeOutput(llvm::StringRef Path,
                        const std::function<void(llvm::raw_ostream &)> &Fill);

/// True when \p A and \p B name the same existing file ("-" never does).
bool isSameFile(llvm::StringRef A, llvm::StringRef B);

} // namespace hcm

#endif // HCM_SUPPORT_OUTPUT_H
