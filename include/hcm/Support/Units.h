//===- Units.h - Quantities with units in options and targets ---*- C++ -*-===//
//
// Options and target files write physical quantities with units
// (`clock=800MHz`, `area: 1mm2`, `dram_bandwidth: 19.2GB/s`). Each parser
// accepts a number (decimal or exponent form) followed by one of its units,
// with or without a space, and returns the value in the base unit named in
// its comment. Errors are one line naming the text and the units accepted.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_UNITS_H
#define HCM_SUPPORT_UNITS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace hcm {

/// Hz, exact: `800MHz`, `1.6GHz`, `100 kHz`. Every quantity needs its unit.
llvm::Expected<int64_t> parseFrequency(llvm::StringRef Text);
/// um^2: `1mm2`, `6 mm^2`, `35003um2`, `0.5 mm²`.
llvm::Expected<double> parseArea(llvm::StringRef Text);
/// bits/s: `153.6Gbit/s`, `19.2GB/s`, `100 Mb/s`.
llvm::Expected<double> parseBandwidth(llvm::StringRef Text);
/// bits, exact: `64KiB`, `512Kibit`, `1MiB`, `4096bit`, `2KB`.
llvm::Expected<int64_t> parseDataSize(llvm::StringRef Text);
/// pJ: `20pJ`, `0.18uJ`, `5 fJ`.
llvm::Expected<double> parseEnergy(llvm::StringRef Text);
/// mW: `1.053mW`, `2 W`, `40uW`.
llvm::Expected<double> parsePower(llvm::StringRef Text);
/// pJ, and 0 allowed (`0pJ`): a DRAM energy a comparison leaves out.
llvm::Expected<double> parseEnergyOrZero(llvm::StringRef Text);
/// s: `8.4ns`, `0.6 ns`, `1us`, `2ms`.
llvm::Expected<double> parseTime(llvm::StringRef Text);
/// MAC/s: `11.2GMAC/s`, `500 MMAC/s`.
llvm::Expected<double> parseMacRate(llvm::StringRef Text);

} // namespace hcm

#endif // HCM_SUPPORT_UNITS_H
