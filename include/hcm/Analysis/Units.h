//===- Units.h - Quantities with units in options ---------------*- C++ -*-===//
//
// Options and target files write physical quantities with units
// (`clock=800MHz`). Values are parsed exactly where they are integers.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_UNITS_H
#define HCM_ANALYSIS_UNITS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace hcm {

/// A frequency in Hz: `800MHz`, `1.6GHz`, `100 kHz`, `250000000`, `2.4e9`.
/// Errors for anything else, for non-positive values and for fractions of
/// a hertz.
llvm::Expected<int64_t> parseFrequency(llvm::StringRef Text);

} // namespace hcm

#endif // HCM_ANALYSIS_UNITS_H
