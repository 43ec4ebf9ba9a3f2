//===- Target.h - Hardware targets and technologies -------------*- C++ -*-===//
//
// A target describes the accelerator a network is analyzed for (METRICS.md
// section 5): its PE datapath, clock, area budget or explicit PE array,
// on-chip accumulator buffer and DRAM bandwidth, and the technology that
// gives PE areas, power and DRAM energy. Targets are YAML files (LLVM YAML
// I/O; errors carry file:line:col); the shipped ones (targets/*.yaml) are
// built into the library and selected by name.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_TARGET_TARGET_H
#define HCM_TARGET_TARGET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

/// A PE model measured or published for a technology (seed 000, QAPPA).
struct NamedPE {
  std::string Name;
  std::string Description;
  double AreaUm2 = 0;      ///< absolute area, when published
  double RelativeArea = 0; ///< area relative to the technology's reference
  double RelativeEnergy = 0;
  /// Dynamic power at FrequencyHz, min/avg/max (mW), when published.
  std::optional<double> PowerMinMw, PowerAvgMw, PowerMaxMw;
  int64_t FrequencyHz = 0;
  unsigned ActBits = 0, WeightBits = 0; ///< datapath widths (0: float)
  bool Float = false;
};

struct Technology {
  std::string Name;
  std::string Description;
  int64_t NodeNm = 0;
  int64_t ReferenceClockHz = 0;
  /// Fixed-point 3x3 PE area fit a*b^2 + b*b + c (um^2) and measured points
  /// that override it.
  double FitA = 0, FitB = 0, FitC = 0;
  std::map<unsigned, double> FixedPoints;
  /// fp32 PE: Fp32Multipliers multipliers of Fp32MultiplierArea um^2.
  double Fp32MultiplierArea = 0;
  int64_t Fp32Multipliers = 9;
  /// Power density: a reference cell's dynamic and leakage power (mW) and
  /// area (um^2) at ReferenceClockHz (HCM: the 32-bit fixed multiplier).
  double RefPowerMw = 0, RefLeakageMw = 0, RefAreaUm2 = 0;
  double SramUm2PerBit = 0;
  /// On-chip SRAM macro area fits A = a * bits + c (um^2), single- and
  /// dual-port (004 Fig. 6); when given they replace SramUm2PerBit.
  std::optional<std::pair<double, double>> SramSinglePort, SramDualPort;
  /// HCM Fig. 3: the area of one 3x3 PE against its BOPS per clock,
  /// A = a * BOPS + c (um^2), an alternative to the bitwidth fit.
  std::optional<std::pair<double, double>> PeAreaBopsFit;
  double DramPjPerBit = 0;
  std::vector<NamedPE> PETypes;
};

struct Target {
  std::string Name;
  std::string Description;
  Technology Tech;
  /// `fixed` (PeBits wide), `fp32`, or the name of one of Tech.PETypes.
  std::string PE = "fixed";
  unsigned PeBits = 8;
  int64_t ClockHz = 0;
  double AreaUm2 = 0;          ///< budget; 0 when Rows x Cols
  unsigned Rows = 0, Cols = 0; ///< explicit array
  int64_t AccBufferBits = 0;   ///< on-chip partial-sum buffer
  int64_t WeightBufferBits = 0;
  double DramBitsPerSec = 0;
  std::string Dram; ///< e.g. "DDR4-2400 x64"
  /// `output-stationary` (default) or `input-stationary`.
  std::string Loop = "output-stationary";

  /// What one PE is (METRICS.md section 5): `window3x3` (the HCM PE),
  /// `mac` (a scalar MAC PE) or `operator` (a fixed-function conv operator).
  std::string PeKind = "window3x3";
  /// mac: how a layer's MACs are divided over the array: `ideal`
  /// (ceil(MACs / PEs) clocks) or `channels` (input channels over the rows,
  /// output channels over the columns).
  std::string MacMapping = "ideal";
  /// mac: the fraction of the peak a measured chip sustains (0 < e <= 1).
  double MacEfficiency = 1.0;
  /// mac: a sustained MAC rate (MAC/s) that replaces PEs x f x efficiency.
  double SustainedMacsPerSec = 0;
  /// operator: clocks per output pixel of one filter (K), and the operator's
  /// own clock period (s; 0: 1 / clock).
  int64_t OpCycles = 0;
  double OpPeriodSec = 0;
  /// Op types (`Gemm`, `MatMul`, `Conv`) the host runs: excluded from the
  /// accelerator's time and energy and listed apart.
  std::vector<std::string> HostOps;
  /// `none`, `all` (a MaxPool/AveragePool that reads only a conv's output is
  /// fused into it: the conv writes the pooled map) or `into-conv` (only
  /// pools whose pooled map an accelerated compute layer reads).
  std::string PoolFusion = "none";
  /// Bias bits moved: `acc` (accumulator width, METRICS.md 4), `storage`
  /// (the weight width) or `none`.
  std::string BiasTraffic = "acc";
  /// `hcm`: the window3x3 schedule's traffic (input re-reads per output
  /// group, partial-sum spills); `none`: each layer moves its weights,
  /// input map and (pooled) output map once per image. Empty: the kind's
  /// default (hcm for window3x3, none otherwise).
  std::string PsumTraffic;
  /// DRAM energy per bit (pJ), overriding the technology's; may be 0.
  std::optional<double> DramPjPerBit;

  /// Area of one PE (um^2) for the datapath, from the technology.
  llvm::Expected<double> peArea() const;
  /// The PE array s_n x s_m: explicit, or floor(sqrt(floor(A / A_pe))) square.
  llvm::Expected<std::pair<unsigned, unsigned>> array() const;
};

/// Names of the shipped targets and technologies (sorted).
std::vector<std::string> shippedTargetNames();
std::vector<std::string> shippedTechnologyNames();

/// Prints one line per shipped target: its name, padded, and its
/// `description:` (what `--list-targets` shows).
void printTargetList(llvm::raw_ostream &OS);

/// Reads a file a target names (the target itself, its technology).
using TargetFileReader =
    std::function<llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>(
        llvm::StringRef)>;

/// Loads target \p NameOrFile: a shipped name, else a YAML file read through
/// \p ReadFile. Then applies \p Overrides (`clock=100MHz`, `array=16x16`,
/// `area=6mm2`, `pe=fixed`, `pe_bits=4`, `dram_bandwidth=...`,
/// `acc_buffer=64KiB`).
llvm::Expected<Target>
loadTarget(llvm::StringRef NameOrFile,
           const std::vector<std::pair<std::string, std::string>> &Overrides,
           const TargetFileReader &ReadFile);

/// Parses a target from YAML text (for tests).
llvm::Expected<Target> parseTarget(llvm::MemoryBufferRef Buffer);

/// Applies one `key=value` override.
llvm::Error setTargetField(Target &T, llvm::StringRef Key,
                           llvm::StringRef Value);

} // namespace hcm

#endif // HCM_TARGET_TARGET_H
