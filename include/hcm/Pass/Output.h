//===- Output.h - Writing results atomically ----------------------*- C++
//-*-===//
//
// Output files are written to a temporary next to the target and renamed
// into place, so a failed or interrupted run never leaves a partial file.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_OUTPUT_H
#define HCM_PASS_OUTPUT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

namespace hcm {

/// Writes through \p Fill to \p Path ("-" is stdout) atomically.
llvm::Error writeOutput(llvm::StringRef Path,
                        const std::function<void(llvm::raw_ostream &)> &Fill);

} // namespace hcm

#endif // HCM_PASS_OUTPUT_H
