//===- SweepSpec.h - What a design-space sweep varies -----------*- C++ -*-===//
//
// A sweep is a list of axes. Each axis names one key, or several keys joined
// by `+` that take the same value together (`bits+pe_bits=2,3,4`), and the
// values it takes, as text: exactly what `--target-set key=value` (hardware
// keys) or annotate-quant (quantization keys) would be given, so every point
// can be replayed with hcm-opt. Values are a comma list; each item is a
// value or a range `lo..hi` (integer keys: every integer), `lo..hi:N` (N
// points, linear, both ends included) or `lo..hi:N:log` (geometric). Range
// points are written in the key's base unit (`Hz`, `um2`, `bit/s`, `bit`)
// with the shortest text that parses back to the same number.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SWEEPSPEC_H
#define HCM_DSE_SWEEPSPEC_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace hcm {

/// How a sweep key's values are written and applied.
enum class SweepKeyKind {
  Frequency, ///< clock
  Area,      ///< area
  Bandwidth, ///< dram_bandwidth
  DataSize,  ///< acc_buffer, weight_buffer
  Integer,   ///< pe_bits, w, a, bits, first_last
  Text,      ///< array, pe, loop_order, quant_file
};

struct SweepKeyInfo {
  const char *Name;
  SweepKeyKind Kind;
  bool Quant; ///< a quantization key (annotate-quant), else a target field
  const char *Doc;
};

/// Every key a sweep may name, hardware keys first.
const std::vector<SweepKeyInfo> &sweepKeys();
/// The key named \p Name, or null.
const SweepKeyInfo *findSweepKey(llvm::StringRef Name);

struct SweepAxis {
  std::vector<std::string> Keys; ///< one or more, applied together
  std::vector<std::string> Values;
  /// Where the axis was given, for messages: `--sweep 'clock=...'` or
  /// `file.yaml:3:5`.
  std::string Where;
  /// True when a key of the axis is a quantization key (the axis then
  /// selects the layer table; its target keys still go to the target).
  bool quant() const;
  /// `bits+pe_bits`: the axis' column name.
  std::string name() const;
};

/// Parses one `--sweep KEYS=VALUES` argument (errors name it and the
/// reason: unknown key, empty range, a quantity without its unit, ...).
llvm::Expected<SweepAxis> parseSweepArg(llvm::StringRef Arg);

/// Parses the axis of \p Keys (joined by `+`) with value items \p Items,
/// each a value or a range; \p Where names the source in messages.
llvm::Expected<SweepAxis> parseAxis(llvm::StringRef Keys,
                                    const std::vector<std::string> &Items,
                                    llvm::StringRef Where);

/// Expands one value item of key kind \p Kind (a value or a range) into
/// values, appended to \p Out.
llvm::Error expandItem(const SweepKeyInfo &Key, llvm::StringRef Item,
                       std::vector<std::string> &Out);

/// Checks that no two axes conflict: the same key twice, `bits` with `w` or
/// `a`, `area` with `array`.
llvm::Error checkAxes(const std::vector<SweepAxis> &Axes);

} // namespace hcm

#endif // HCM_DSE_SWEEPSPEC_H
