//===- HwModel.cpp - The resolved hardware model --------------------------===//
//
// METRICS.md section 5: the PE array (explicit, or floor(A / A_pe) PEs as a
// floor(sqrt(N)) square), the peak, the DRAM rate per clock, areas and the
// array power. Power of fixed/fp32 PEs comes from the technology's power
// density (the reference cell's dynamic power per um^2, scaled linearly with
// the clock, plus its leakage per um^2) times the array's PE area; a named PE
// with published min/avg/max power uses that per PE, scaled to the clock.
// PEs published only relative to another (QAPPA) have no absolute power.
//
//===----------------------------------------------------------------------===//
#include "hcm/Target/HwModel.h"

#include "hcm/IR/Diag.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>

using namespace hcm;

bool HwModel::runsOnHost(llvm::StringRef Op) const {
  return std::binary_search(HostOps.begin(), HostOps.end(), Op.str());
}

std::optional<double> HwModel::areaMm2() const {
  if (!PeAreaUm2)
    return std::nullopt;
  return (ArrayAreaUm2 + BufferAreaUm2) / 1e6;
}

std::string HwModel::displayName() const {
  const std::string &Base = Spec.Name.empty() ? BaseName : Spec.Name;
  if (Overrides.empty())
    return Base;
  std::string S = Base + " (";
  for (size_t I = 0; I < Overrides.size(); ++I)
    S += (I ? ", " : "") + Overrides[I].first + "=" + Overrides[I].second;
  return S + ")";
}

namespace {

/// Errors name the target as given (the file, or the shipped name) and the
/// overrides.
llvm::Error hwError(const HwModel &Hw, const llvm::Twine &Msg) {
  std::string Where = Hw.BaseName;
  for (const auto &KV : Hw.Overrides)
    Where += " --target-set " + KV.first + "=" + KV.second;
  return makeError(Where, Msg);
}

/// floor(sqrt(N)) exactly, for N <= HwLimits::MaxPEs.
unsigned squareSide(int64_t N) {
  auto S = int64_t(std::sqrt(double(N)));
  while ((S + 1) * (S + 1) <= N)
    ++S;
  while (S * S > N)
    --S;
  return unsigned(S);
}

llvm::Error resolveArray(HwModel &Hw) {
  const Target &T = Hw.Spec;
  if (T.Rows && T.Cols) {
    if (T.Rows > HwLimits::MaxArraySide || T.Cols > HwLimits::MaxArraySide)
      return hwError(Hw, "array " + llvm::Twine(T.Rows) + "x" +
                             llvm::Twine(T.Cols) + " is larger than " +
                             llvm::Twine(HwLimits::MaxArraySide) + " per side");
    Hw.Rows = T.Rows;
    Hw.Cols = T.Cols;
    return llvm::Error::success();
  }
  if (!Hw.PeAreaUm2)
    return hwError(Hw, "the PE has no absolute area; give the array "
                       "explicitly (array=RxC)");
  double N = std::floor(T.AreaUm2 / *Hw.PeAreaUm2);
  if (!(N >= 1))
    return hwError(Hw, "the area budget holds no PE");
  if (N > double(HwLimits::MaxPEs))
    return hwError(Hw, "the area budget holds more than " +
                           llvm::Twine(HwLimits::MaxPEs) + " PEs");
  Hw.Rows = Hw.Cols = squareSide(int64_t(N));
  return llvm::Error::success();
}

/// Array power (mW) min/avg/max, or the reason it is unknown.
void resolvePower(HwModel &Hw) {
  const Target &T = Hw.Spec;
  const Technology &Tech = T.Tech;
  double PEs = double(Hw.pes());
  for (const NamedPE &P : Tech.PETypes) {
    if (P.Name != T.PE)
      continue;
    if (!P.PowerAvgMw) {
      Hw.NoPowerReason = "PE '" + P.Name +
                         "' has no absolute power (only relative numbers are "
                         "published)";
      if (P.RelativeArea > 0 && P.RelativeEnergy > 0) {
        Hw.Relative = true;
        Hw.RelativeArea = P.RelativeArea;
        Hw.RelativeEnergy = P.RelativeEnergy;
        for (const NamedPE &R : Tech.PETypes)
          if (R.RelativeArea == 1.0 && R.RelativeEnergy == 1.0)
            Hw.RelativeTo = R.Name;
      }
      return;
    }
    double Scale =
        P.FrequencyHz ? double(Hw.ClockHz) / double(P.FrequencyHz) : 1.0;
    double Avg = *P.PowerAvgMw;
    Hw.ArrayPowerMw = {PEs * P.PowerMinMw.value_or(Avg) * Scale,
                       PEs * Avg * Scale,
                       PEs * P.PowerMaxMw.value_or(Avg) * Scale};
    return;
  }
  if (!Hw.PeAreaUm2 || Tech.RefAreaUm2 <= 0 || Tech.ReferenceClockHz <= 0) {
    Hw.NoPowerReason =
        "technology '" + Tech.Name + "' gives no power density for this PE";
    return;
  }
  double PerUm2 = Tech.RefPowerMw / Tech.RefAreaUm2 * double(Hw.ClockHz) /
                      double(Tech.ReferenceClockHz) +
                  Tech.RefLeakageMw / Tech.RefAreaUm2;
  double P = PerUm2 * *Hw.PeAreaUm2 * PEs;
  Hw.ArrayPowerMw = {P, P, P};
}

unsigned datapathBits(const Target &T) {
  if (T.PE == "fixed")
    return T.PeBits;
  for (const NamedPE &P : T.Tech.PETypes)
    if (P.Name == T.PE && !P.Float)
      return std::max(P.ActBits, P.WeightBits);
  return 0;
}

/// The PE kind, its rates and the traffic rules (METRICS.md section 5).
llvm::Error resolveKind(HwModel &Hw) {
  const Target &T = Hw.Spec;
  Hw.Kind = T.PeKind == "mac"        ? PeKind::Mac
            : T.PeKind == "operator" ? PeKind::Operator
                                     : PeKind::Window3x3;
  Hw.Mapping =
      T.MacMapping == "channels" ? MacMapping::Channels : MacMapping::Ideal;
  Hw.Pools = T.PoolFusion == "all"         ? PoolFusion::All
             : T.PoolFusion == "into-conv" ? PoolFusion::IntoConv
                                           : PoolFusion::None;
  Hw.Bias = T.BiasTraffic == "storage" ? BiasTraffic::Storage
            : T.BiasTraffic == "none"  ? BiasTraffic::None
                                       : BiasTraffic::Acc;
  bool Window = Hw.Kind == PeKind::Window3x3;
  std::string Psum =
      T.PsumTraffic.empty() ? (Window ? "hcm" : "none") : T.PsumTraffic;
  Hw.Psum = Psum == "hcm" ? PsumTraffic::Hcm : PsumTraffic::None;
  if (!Window && Hw.Psum == PsumTraffic::Hcm)
    return hwError(Hw, "psum_traffic=hcm is the window3x3 schedule's rule; a " +
                           T.PeKind + " PE takes psum_traffic=none");
  if (Hw.Psum == PsumTraffic::Hcm &&
      (Hw.Pools != PoolFusion::None || Hw.Bias != BiasTraffic::Acc))
    return hwError(Hw, "pool_fusion and bias_traffic apply to "
                       "psum_traffic=none (the HCM schedule moves the bias "
                       "at accumulator width and writes unpooled maps)");
  Hw.HostOps = T.HostOps;
  llvm::sort(Hw.HostOps);
  Hw.MacEfficiency = T.MacEfficiency;
  double Peak = double(Hw.pes()) * double(T.ClockHz);
  Hw.SustainedMacsPerSec = T.SustainedMacsPerSec > 0 ? T.SustainedMacsPerSec
                                                     : Peak * T.MacEfficiency;
  if (Hw.Kind == PeKind::Mac && Hw.SustainedMacsPerSec > Peak)
    return hwError(Hw, "sustained_mac_rate is above the array's peak of " +
                           llvm::Twine(int64_t(Peak)) + " MAC/s");
  if (Hw.Kind == PeKind::Operator) {
    if (T.OpCycles <= 0)
      return hwError(Hw, "an operator PE needs op_cycles (clocks per output "
                         "pixel of one filter)");
    Hw.OpCycles = T.OpCycles;
    double Period = T.OpPeriodSec > 0 ? T.OpPeriodSec : 1 / double(T.ClockHz);
    Hw.SecondsPerOutput = double(T.OpCycles) * Period;
  }
  return llvm::Error::success();
}

/// On-chip buffer area: with the technology's SRAM macro fits (004 Fig. 6)
/// the accumulator buffer is one dual-port macro (read and written every
/// clock) and the weight buffer one single-port macro (ours: the port
/// choice); else bits x the area per bit.
double bufferArea(const Target &T) {
  const Technology &Tech = T.Tech;
  auto Macro = [](const std::optional<std::pair<double, double>> &Fit,
                  int64_t Bits) {
    return Bits > 0 ? Fit->first * double(Bits) + Fit->second : 0.0;
  };
  if (Tech.SramSinglePort && Tech.SramDualPort)
    return Macro(Tech.SramDualPort, T.AccBufferBits) +
           Macro(Tech.SramSinglePort, T.WeightBufferBits);
  return double(T.AccBufferBits + T.WeightBufferBits) * Tech.SramUm2PerBit;
}

/// Peak OPS/s of the array for its kind.
bool peakOps(HwModel &Hw) {
  switch (Hw.Kind) {
  case PeKind::Window3x3:
    return !__builtin_mul_overflow(Hw.pes() * Window3x3PE::OpsPerClock,
                                   Hw.ClockHz, &Hw.PeakOpsPerSec);
  case PeKind::Mac:
    return !__builtin_mul_overflow(Hw.pes() * MacPE::OpsPerClock, Hw.ClockHz,
                                   &Hw.PeakOpsPerSec);
  case PeKind::Operator:
    Hw.PeakOpsPerSec = int64_t(std::llround(
        double(Hw.pes()) * OperatorPE::OpsPerOutput / Hw.SecondsPerOutput));
    return true;
  }
  return false;
}

} // namespace

llvm::Expected<HwModel> hcm::buildHwModel(Target T, std::string BaseName,
                                          TargetOverrides Overrides) {
  HwModel Hw;
  Hw.BaseName = std::move(BaseName);
  Hw.Overrides = std::move(Overrides);
  Hw.Spec = std::move(T);
  const Target &S = Hw.Spec;
  if (S.ClockHz <= 0 || S.ClockHz > HwLimits::MaxClockHz)
    return hwError(Hw, "clock must be between 1 Hz and 1 THz");
  if (!(S.DramBitsPerSec > 0) || S.DramBitsPerSec > HwLimits::MaxBandwidth)
    return hwError(Hw, "DRAM bandwidth must be positive and at most 1 Ebit/s");
  auto Area = S.peArea();
  if (Area)
    Hw.PeAreaUm2 = *Area;
  else if (!(S.Rows && S.Cols))
    return Area.takeError();
  else
    llvm::consumeError(Area.takeError());
  if (llvm::Error E = resolveArray(Hw))
    return std::move(E);
  Hw.ClockHz = S.ClockHz;
  Hw.DramBitsPerSec = S.DramBitsPerSec;
  Hw.DramBitsPerClock = std::max<int64_t>(
      1, int64_t(std::floor(S.DramBitsPerSec / double(S.ClockHz))));
  Hw.AccBufferBits = S.AccBufferBits;
  Hw.WeightBufferBits = S.WeightBufferBits;
  Hw.Order = S.Loop == "input-stationary" ? LoopOrder::InputStationary
                                          : LoopOrder::OutputStationary;
  if (llvm::Error E = resolveKind(Hw))
    return std::move(E);
  if (!peakOps(Hw))
    return hwError(Hw, "peak OPS/s of " + llvm::Twine(Hw.Rows) + "x" +
                           llvm::Twine(Hw.Cols) + " PEs overflows 64 bits");
  Hw.ArrayAreaUm2 = Hw.PeAreaUm2 ? *Hw.PeAreaUm2 * double(Hw.pes()) : 0;
  Hw.BufferAreaUm2 = bufferArea(S);
  if (S.Tech.PeAreaBopsFit && S.PE == "fixed" && Hw.Kind == PeKind::Window3x3) {
    // One 3x3 PE, one input and one output channel (HCM eq. 1, b/b bits).
    double B = S.PeBits;
    double Bops =
        double(Window3x3PE::MacsPerClock) *
        (B * B + 2 * B + std::log2(double(Window3x3PE::MacsPerClock)));
    Hw.PeAreaBopsUm2 =
        S.Tech.PeAreaBopsFit->first * Bops + S.Tech.PeAreaBopsFit->second;
  }
  Hw.DramPjPerBit = S.DramPjPerBit.value_or(S.Tech.DramPjPerBit);
  Hw.DatapathBits = datapathBits(S);
  resolvePower(Hw);
  return Hw;
}

llvm::Expected<HwModel> hcm::resolveHwModel(llvm::StringRef NameOrFile,
                                            const TargetOverrides &Overrides,
                                            const TargetFileReader &ReadFile) {
  auto T = loadTarget(NameOrFile, Overrides, ReadFile);
  if (!T)
    return T.takeError();
  return buildHwModel(std::move(*T), NameOrFile.str(), Overrides);
}
