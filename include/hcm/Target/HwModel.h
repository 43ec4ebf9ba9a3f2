//===- HwModel.h - The resolved hardware model ------------------*- C++ -*-===//
//
// One typed model of the accelerator, resolved once by the driver (before the
// network is read) from `--target` and `--target-set`, and lent to every pass.
// It owns every hardware constant and derived figure -- the PE kind and what
// one PE does per clock, the array, the clock, DRAM bits per second and per
// clock, areas, power min/avg/max -- so no analysis parses YAML or writes a
// hardware constant of its own. Building one is cheap and involves no IR: the
// design-space sweep builds one per design point.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_TARGET_HWMODEL_H
#define HCM_TARGET_HWMODEL_H

#include "hcm/Target/Target.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hcm {

/// The HCM 3x3 window PE (METRICS.md section 3): per clock it multiplies one
/// 3x3 window of one (input channel, output channel) pair and sums it, k^2 = 9
/// MACs and k^2 + 1 = 10 OPS. Kernels are cut into Side x Side tiles; 1x1
/// kernels, Gemm and MatMul pack Side*Side input channels into one tile.
struct Window3x3PE {
  static constexpr int64_t Side = 3;
  static constexpr int64_t MacsPerClock = Side * Side;
  static constexpr int64_t OpsPerClock = Side * Side + 1;
  static constexpr int64_t PackedChannels = Side * Side;
};

/// What one PE is (target field `pe_kind`; METRICS.md section 5), each with
/// its own time rule (Evaluate.cpp):
///   Window3x3  the HCM PE above, on the schedule of METRICS.md section 8;
///   Mac        a scalar multiply-accumulate PE: one MAC per PE per clock,
///              a layer's MACs divided over the array by `mac_mapping`, at a
///              sustained fraction of the peak (or a sustained MAC rate);
///   Operator   a fixed-function convolution operator (TF+ORCA's NVDLA 3x3
///              operator): one output pixel of one filter every K operator
///              clocks, whatever the input channels.
enum class PeKind { Window3x3, Mac, Operator };

/// The scalar MAC PE: one multiply-accumulate (counted as one OPS) a clock.
struct MacPE {
  static constexpr int64_t MacsPerClock = 1;
  static constexpr int64_t OpsPerClock = 1;
};

/// The conv operator: one output of a 3x3 single-channel filter, k^2 + 1 = 10
/// OPS, every K clocks (its peak OPS/s = operators * 10 / (K * period)).
struct OperatorPE {
  static constexpr int64_t OpsPerOutput = 10;
};

/// How the layer's MACs are divided over a `mac` array.
enum class MacMapping { Ideal, Channels };
/// Which pooling ops are fused into the producing conv (`pool_fusion`).
enum class PoolFusion { None, All, IntoConv };
/// Which bias bits a layer moves (`bias_traffic`).
enum class BiasTraffic { Acc, Storage, None };
/// The partial-sum traffic rule (`psum_traffic`): the window3x3 schedule's
/// (re-reads, spills), or each map and the weights once per image.
enum class PsumTraffic { Hcm, None };

/// Limits on user numbers, so that every product below fits 64 bits.
struct HwLimits {
  static constexpr unsigned MaxArraySide = 1u << 14;
  static constexpr int64_t MaxPEs = int64_t(1) << 26;
  static constexpr int64_t MaxClockHz = int64_t(1000) * 1000 * 1000 * 1000;
  static constexpr double MaxBandwidth = 1e18; ///< bits/s
};

using TargetOverrides = std::vector<std::pair<std::string, std::string>>;

/// Loop order over the PE array (target field `loop_order`).
enum class LoopOrder { OutputStationary, InputStationary };

struct HwModel {
  /// The target as named (`hcm-16x16-800mhz` or the file given) and the
  /// overrides applied to it, in order.
  std::string BaseName;
  TargetOverrides Overrides;
  /// The effective target fields (overrides applied).
  Target Spec;

  unsigned Rows = 0, Cols = 0; ///< s_n x s_m
  int64_t ClockHz = 0;
  double DramBitsPerSec = 0;
  /// DRAM bits per clock, rounded down (at least 1): the prefetch rate.
  int64_t DramBitsPerClock = 1;
  int64_t AccBufferBits = 0, WeightBufferBits = 0;
  LoopOrder Order = LoopOrder::OutputStationary;
  /// s_n * s_m * OPS per PE per clock * f.
  int64_t PeakOpsPerSec = 0;
  /// Area of one PE (um^2), when the technology gives it.
  std::optional<double> PeAreaUm2;
  double ArrayAreaUm2 = 0, BufferAreaUm2 = 0;
  /// HCM Fig. 3's area of one PE from its BOPS per clock (fixed-point
  /// window3x3 PEs of a technology that gives the fit), next to PeAreaUm2.
  std::optional<double> PeAreaBopsUm2;
  /// Array power min/avg/max (mW) at the clock, when known; else why not.
  std::optional<std::array<double, 3>> ArrayPowerMw;
  std::string NoPowerReason;
  double DramPjPerBit = 0;
  /// Widest integer operand the PE datapath takes (0 for a float PE).
  unsigned DatapathBits = 0;

  PeKind Kind = PeKind::Window3x3;
  MacMapping Mapping = MacMapping::Ideal;
  /// mac: the MAC/s the array sustains (PEs * f * efficiency, or the
  /// target's sustained_mac_rate); the mapping's clocks are stretched by
  /// peak / sustained.
  double SustainedMacsPerSec = 0;
  double MacEfficiency = 1.0;
  /// operator: K clocks per output and the seconds one output takes
  /// (K * the operator's clock period).
  int64_t OpCycles = 0;
  double SecondsPerOutput = 0;
  PoolFusion Pools = PoolFusion::None;
  BiasTraffic Bias = BiasTraffic::Acc;
  PsumTraffic Psum = PsumTraffic::Hcm;
  /// Op types run on the host (sorted).
  std::vector<std::string> HostOps;
  /// The PE has only relative numbers (QAPPA): energies and areas are
  /// reported relative to the technology's reference PE (RelativeTo).
  bool Relative = false;
  double RelativeArea = 0, RelativeEnergy = 0;
  std::string RelativeTo;

  bool runsOnHost(llvm::StringRef Op) const;

  int64_t pes() const { return int64_t(Rows) * Cols; }
  /// PE array + buffer area (mm^2); nullopt when the PE has no absolute area
  /// (a QAPPA PE published only relative to another).
  std::optional<double> areaMm2() const;
  /// The target's name (its `name:` field) and the overrides:
  /// `hcm-16x16-800mhz`, or `hcm-16x16-800mhz (clock=200MHz, array=8x8)`.
  std::string displayName() const;
};

/// Resolves \p NameOrFile (a shipped target or a YAML file read through \p
/// ReadFile) with \p Overrides into the model. Errors are one line: unknown
/// target, unknown key, a bad value or a quantity without its unit, numbers
/// beyond HwLimits, file:line:col for files.
llvm::Expected<HwModel> resolveHwModel(llvm::StringRef NameOrFile,
                                       const TargetOverrides &Overrides,
                                       const TargetFileReader &ReadFile);

/// The model of an already loaded target (\p T with its overrides applied).
llvm::Expected<HwModel> buildHwModel(Target T, std::string BaseName,
                                     TargetOverrides Overrides);

} // namespace hcm

#endif // HCM_TARGET_HWMODEL_H
