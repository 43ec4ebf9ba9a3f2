//===- TargetYAML.cpp - Target and technology files -----------------------===//
//
// LLVM YAML I/O mappings for target and technology files. Quantities are
// scalar types whose parsers take units (Units.h), so a bad value is
// reported by yaml::Input at its file:line:col, like unknown or missing keys.
//
//===----------------------------------------------------------------------===//
#include "TargetInternal.h"

#include "hcm/Support/Units.h"
#include "hcm/Support/YamlCheck.h"

#include "llvm/ADT/Optional.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

using namespace hcm;

namespace {
struct FreqQ {
  int64_t Hz = 0;
};
struct AreaQ {
  double Um2 = 0;
};
struct BandwidthQ {
  double BitsPerSec = 0;
};
struct SizeQ {
  int64_t Bits = 0;
};
struct EnergyQ {
  double Pj = 0;
};
struct PowerQ {
  double Mw = 0;
};
struct EnergyOrZeroQ {
  double Pj = 0;
};
struct TimeQ {
  double Sec = 0;
};
struct MacRateQ {
  double PerSec = 0;
};
struct AreaPoint {
  unsigned Bits = 0;
  AreaQ Area;
};

/// yaml::ScalarTraits::input returns its error as a StringRef that must
/// outlive the call.
llvm::StringRef keep(llvm::Error E) {
  static thread_local std::string Message;
  Message = llvm::toString(std::move(E));
  return Message;
}

template <typename Q, typename V, typename Parse>
llvm::StringRef parseInto(llvm::StringRef S, Q &Out, V Q::*Field, Parse P) {
  auto R = P(S);
  if (!R)
    return keep(R.takeError());
  Out.*Field = *R;
  return {};
}

/// `DDR4-2400 x64`: 2400 MT/s on a 64-bit bus = 153.6 Gbit/s.
llvm::Expected<double> ddrBandwidth(llvm::StringRef Dram) {
  auto Fail = [&] {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "give 'dram_bandwidth', or 'dram' as DDR<gen>-<MT/s> x<bus bits> "
        "(e.g. DDR4-2400 x64)");
  };
  auto [Kind, Bus] = Dram.trim().split(' ');
  auto [Gen, Rate] = Kind.split('-');
  unsigned MTs = 0, Bits = 0;
  Bus = Bus.trim();
  if (!Gen.startswith("DDR") && !Gen.startswith("LPDDR"))
    return Fail();
  if (Rate.getAsInteger(10, MTs) || !Bus.consume_front("x") ||
      Bus.getAsInteger(10, Bits) || !MTs || !Bits)
    return Fail();
  return double(MTs) * 1e6 * Bits;
}

struct RawTechnology {
  std::string Name, Description;
  int64_t NodeNm = 0;
  FreqQ ReferenceClock;
  std::vector<double> Fit;
  std::vector<AreaPoint> Points;
  AreaQ Fp32MultiplierArea;
  int64_t Fp32Multipliers = 9;
  PowerQ RefPower, RefLeakage;
  AreaQ RefArea, SramPerBit;
  EnergyOrZeroQ DramPerBit;
  std::vector<double> SramSingle, SramDual, BopsFit;
  std::vector<NamedPE> PETypes;
};

struct RawTarget {
  std::string Name, Description, Technology, PE = "fixed", Array, Dram;
  std::string Loop = "output-stationary";
  unsigned PeBits = 8;
  FreqQ Clock;
  llvm::Optional<AreaQ> Area;
  SizeQ AccBuffer, WeightBuffer;
  BandwidthQ DramBandwidth;
  std::string PeKind = "window3x3", MacMapping = "ideal", PoolFusion = "none";
  std::string BiasTraffic = "acc", PsumTraffic;
  double MacEfficiency = 1.0;
  MacRateQ SustainedMacs;
  int64_t OpCycles = 0;
  TimeQ OpPeriod;
  std::vector<std::string> HostOps;
  llvm::Optional<EnergyOrZeroQ> DramEnergy;
};

} // namespace

namespace llvm {
namespace yaml {

#define HCM_QUANTITY(TYPE, FIELD, PARSE, PRINT)                                \
  template <> struct ScalarTraits<TYPE> {                                      \
    static void output(const TYPE &V, void *, raw_ostream &OS) {               \
      OS << V.FIELD << PRINT;                                                  \
    }                                                                          \
    static StringRef input(StringRef S, void *, TYPE &V) {                     \
      return parseInto(S, V, &TYPE::FIELD, PARSE);                             \
    }                                                                          \
    static QuotingType mustQuote(StringRef) { return QuotingType::None; }      \
  };
HCM_QUANTITY(FreqQ, Hz, parseFrequency, "Hz")
HCM_QUANTITY(AreaQ, Um2, parseArea, "um2")
HCM_QUANTITY(BandwidthQ, BitsPerSec, parseBandwidth, "bit/s")
HCM_QUANTITY(SizeQ, Bits, parseDataSize, "bit")
HCM_QUANTITY(EnergyQ, Pj, parseEnergy, "pJ")
HCM_QUANTITY(PowerQ, Mw, parsePower, "mW")
HCM_QUANTITY(EnergyOrZeroQ, Pj, parseEnergyOrZero, "pJ")
HCM_QUANTITY(TimeQ, Sec, parseTime, "s")
HCM_QUANTITY(MacRateQ, PerSec, parseMacRate, "MAC/s")
#undef HCM_QUANTITY

template <> struct MappingTraits<AreaPoint> {
  static void mapping(IO &IO, AreaPoint &P) {
    IO.mapRequired("bits", P.Bits);
    IO.mapRequired("area", P.Area);
  }
};

template <> struct MappingTraits<NamedPE> {
  static void mapping(IO &IO, NamedPE &P) {
    IO.mapRequired("name", P.Name);
    IO.mapOptional("description", P.Description);
    AreaQ Area{P.AreaUm2};
    IO.mapOptional("area", Area);
    P.AreaUm2 = Area.Um2;
    IO.mapOptional("relative_area", P.RelativeArea);
    IO.mapOptional("relative_energy", P.RelativeEnergy);
    llvm::Optional<PowerQ> Min, Avg, Max;
    IO.mapOptional("power_min", Min);
    IO.mapOptional("power_avg", Avg);
    IO.mapOptional("power_max", Max);
    if (Min)
      P.PowerMinMw = Min->Mw;
    if (Avg)
      P.PowerAvgMw = Avg->Mw;
    if (Max)
      P.PowerMaxMw = Max->Mw;
    FreqQ F{P.FrequencyHz};
    IO.mapOptional("frequency", F);
    P.FrequencyHz = F.Hz;
    IO.mapOptional("act_bits", P.ActBits);
    IO.mapOptional("weight_bits", P.WeightBits);
    IO.mapOptional("float", P.Float);
  }
};

template <> struct MappingTraits<RawTechnology> {
  static void mapping(IO &IO, RawTechnology &T) {
    IO.mapRequired("name", T.Name);
    IO.mapOptional("description", T.Description);
    IO.mapOptional("node_nm", T.NodeNm);
    IO.mapRequired("reference_clock", T.ReferenceClock);
    IO.mapOptional("fixed_pe_area_fit", T.Fit);
    IO.mapOptional("fixed_pe_area_points", T.Points);
    IO.mapOptional("fp32_multiplier_area", T.Fp32MultiplierArea);
    IO.mapOptional("fp32_multipliers", T.Fp32Multipliers);
    IO.mapOptional("reference_power", T.RefPower);
    IO.mapOptional("reference_leakage", T.RefLeakage);
    IO.mapOptional("reference_area", T.RefArea);
    IO.mapOptional("sram_area_per_bit", T.SramPerBit);
    IO.mapOptional("sram_single_port_fit", T.SramSingle);
    IO.mapOptional("sram_dual_port_fit", T.SramDual);
    IO.mapOptional("pe_area_bops_fit", T.BopsFit);
    IO.mapOptional("dram_energy_per_bit", T.DramPerBit);
    IO.mapOptional("pe_types", T.PETypes);
  }
  static std::string validate(IO &, RawTechnology &T) {
    if (!T.Fit.empty() && T.Fit.size() != 3)
      return "fixed_pe_area_fit takes three coefficients [a, b, c] of "
             "a*bits^2 + b*bits + c";
    for (const auto *F : {&T.SramSingle, &T.SramDual, &T.BopsFit})
      if (!F->empty() && F->size() != 2)
        return "sram_single_port_fit, sram_dual_port_fit and "
               "pe_area_bops_fit take two coefficients [a, c] of a*x + c";
    return "";
  }
};

template <> struct MappingTraits<RawTarget> {
  static void mapping(IO &IO, RawTarget &T) {
    IO.mapRequired("name", T.Name);
    IO.mapOptional("description", T.Description);
    IO.mapRequired("technology", T.Technology);
    IO.mapOptional("pe", T.PE);
    IO.mapOptional("pe_bits", T.PeBits);
    IO.mapRequired("clock", T.Clock);
    IO.mapOptional("area", T.Area);
    IO.mapOptional("array", T.Array);
    IO.mapOptional("acc_buffer", T.AccBuffer);
    IO.mapOptional("weight_buffer", T.WeightBuffer);
    IO.mapOptional("dram", T.Dram);
    IO.mapOptional("dram_bandwidth", T.DramBandwidth);
    IO.mapOptional("loop_order", T.Loop);
    IO.mapOptional("pe_kind", T.PeKind);
    IO.mapOptional("mac_mapping", T.MacMapping);
    IO.mapOptional("mac_efficiency", T.MacEfficiency);
    IO.mapOptional("sustained_mac_rate", T.SustainedMacs);
    IO.mapOptional("op_cycles", T.OpCycles);
    IO.mapOptional("op_period", T.OpPeriod);
    IO.mapOptional("host_ops", T.HostOps);
    IO.mapOptional("pool_fusion", T.PoolFusion);
    IO.mapOptional("bias_traffic", T.BiasTraffic);
    IO.mapOptional("psum_traffic", T.PsumTraffic);
    IO.mapOptional("dram_energy_per_bit", T.DramEnergy);
  }
  static std::string validate(IO &, RawTarget &T) {
    for (auto [Key, Value] :
         {std::pair<llvm::StringRef, llvm::StringRef>{"loop_order", T.Loop},
          {"pe_kind", T.PeKind},
          {"mac_mapping", T.MacMapping},
          {"pool_fusion", T.PoolFusion},
          {"bias_traffic", T.BiasTraffic},
          {"psum_traffic", T.PsumTraffic}})
      if (std::string M = hcm::checkTargetChoice(Key, Value); !M.empty())
        return M;
    if (!(T.MacEfficiency > 0 && T.MacEfficiency <= 1))
      return "mac_efficiency takes a fraction in (0, 1]";
    if (T.OpCycles < 0 || T.OpCycles > (int64_t(1) << 20))
      return "op_cycles takes 1 to 1048576 clocks";
    if (T.PeBits < 1 || T.PeBits > 32)
      return "pe_bits takes 1 to 32";
    if (T.Area.hasValue() == !T.Array.empty())
      return "give either 'area' (a budget) or 'array' (rows x cols)";
    if (T.DramBandwidth.BitsPerSec <= 0) {
      auto BW = ddrBandwidth(T.Dram);
      if (!BW)
        return llvm::toString(BW.takeError());
      T.DramBandwidth.BitsPerSec = *BW;
    }
    return "";
  }
};

} // namespace yaml
} // namespace llvm

LLVM_YAML_IS_SEQUENCE_VECTOR(AreaPoint)
LLVM_YAML_IS_SEQUENCE_VECTOR(hcm::NamedPE)

namespace {

/// Reads \p Buffer into \p Raw; the first diagnostic becomes the error.
template <typename RawT>
llvm::Error readYaml(llvm::MemoryBufferRef Buffer, RawT &Raw) {
  if (llvm::Error E = checkYamlText(Buffer, /*RequireMapping=*/true))
    return E;
  std::string First;
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    auto *Out = static_cast<std::string *>(Ctx);
    if (Out->empty())
      *Out = D.getFilename().str() + ":" + std::to_string(D.getLineNo()) + ":" +
             std::to_string(D.getColumnNo() + 1) +
             ": error: " + D.getMessage().str();
  };
  llvm::yaml::Input In(Buffer, nullptr, Handler, &First);
  In >> Raw;
  if (In.error())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   First.empty()
                                       ? Buffer.getBufferIdentifier().str() +
                                             ": error: not a valid YAML file"
                                       : First);
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Technology> hcm::parseTechnology(llvm::MemoryBufferRef Buffer) {
  RawTechnology Raw;
  if (llvm::Error E = readYaml(Buffer, Raw))
    return E;
  Technology T;
  T.Name = Raw.Name;
  T.Description = Raw.Description;
  T.NodeNm = Raw.NodeNm;
  T.ReferenceClockHz = Raw.ReferenceClock.Hz;
  if (Raw.Fit.size() == 3) {
    T.FitA = Raw.Fit[0];
    T.FitB = Raw.Fit[1];
    T.FitC = Raw.Fit[2];
  }
  for (const AreaPoint &P : Raw.Points)
    T.FixedPoints[P.Bits] = P.Area.Um2;
  T.Fp32MultiplierArea = Raw.Fp32MultiplierArea.Um2;
  T.Fp32Multipliers = Raw.Fp32Multipliers;
  T.RefPowerMw = Raw.RefPower.Mw;
  T.RefLeakageMw = Raw.RefLeakage.Mw;
  T.RefAreaUm2 = Raw.RefArea.Um2;
  T.SramUm2PerBit = Raw.SramPerBit.Um2;
  T.DramPjPerBit = Raw.DramPerBit.Pj;
  auto Pair = [](const std::vector<double> &V)
      -> std::optional<std::pair<double, double>> {
    if (V.size() != 2)
      return std::nullopt;
    return std::make_pair(V[0], V[1]);
  };
  T.SramSinglePort = Pair(Raw.SramSingle);
  T.SramDualPort = Pair(Raw.SramDual);
  T.PeAreaBopsFit = Pair(Raw.BopsFit);
  T.PETypes = Raw.PETypes;
  return T;
}

llvm::Expected<RawTargetFields>
hcm::parseTargetFields(llvm::MemoryBufferRef Buffer) {
  RawTarget Raw;
  if (llvm::Error E = readYaml(Buffer, Raw))
    return E;
  RawTargetFields F;
  F.T.Name = Raw.Name;
  F.T.Description = Raw.Description;
  F.T.PE = Raw.PE;
  F.T.PeBits = Raw.PeBits;
  F.T.ClockHz = Raw.Clock.Hz;
  F.T.AreaUm2 = Raw.Area ? Raw.Area->Um2 : 0;
  F.T.AccBufferBits = Raw.AccBuffer.Bits;
  F.T.WeightBufferBits = Raw.WeightBuffer.Bits;
  F.T.DramBitsPerSec = Raw.DramBandwidth.BitsPerSec;
  F.T.Dram = Raw.Dram;
  F.T.Loop = Raw.Loop;
  F.T.PeKind = Raw.PeKind;
  F.T.MacMapping = Raw.MacMapping;
  F.T.MacEfficiency = Raw.MacEfficiency;
  F.T.SustainedMacsPerSec = Raw.SustainedMacs.PerSec;
  F.T.OpCycles = Raw.OpCycles;
  F.T.OpPeriodSec = Raw.OpPeriod.Sec;
  F.T.HostOps = Raw.HostOps;
  F.T.PoolFusion = Raw.PoolFusion;
  F.T.BiasTraffic = Raw.BiasTraffic;
  F.T.PsumTraffic = Raw.PsumTraffic;
  if (Raw.DramEnergy)
    F.T.DramPjPerBit = Raw.DramEnergy->Pj;
  F.Technology = Raw.Technology;
  F.Array = Raw.Array;
  return F;
}
