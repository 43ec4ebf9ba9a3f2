//===- SweepFile.h - Sweeps written as YAML ---------------------*- C++ -*-===//
//
// `--sweep-file FILE`: the same axes as `--sweep`, plus the settings a study
// keeps with them. Every key is optional but `sweep`:
//
//   target: hcm-16x16-800mhz
//   sweep:                       # axes in this order, first outermost
//     bits+pe_bits: [2, 3, 4]    # a list, or one item: `100MHz..1GHz:10:log`
//     array: [8x8, 16x16, 32x32]
//   samples: 100                 # random sample of distinct points
//   seed: 1
//   objectives: energy_avg:min,seconds:min
//
// Errors are one line at file:line:col (unknown keys, bad values, empty
// ranges, conflicting axes).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_SWEEPFILE_H
#define HCM_DSE_SWEEPFILE_H

#include "hcm/DSE/SweepSpec.h"

#include "llvm/Support/MemoryBuffer.h"

#include <optional>

namespace hcm {

struct SweepFile {
  std::optional<std::string> Target;
  std::vector<SweepAxis> Axes;
  std::optional<uint64_t> Samples, Seed;
  std::optional<std::string> Objectives;
};

llvm::Expected<SweepFile> parseSweepFile(llvm::MemoryBufferRef Buffer);

} // namespace hcm

#endif // HCM_DSE_SWEEPFILE_H
