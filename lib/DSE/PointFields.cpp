//===- PointFields.cpp - A point's own fields and its objectives ----------===//
#include "hcm/DSE/PointFields.h"

#include "hcm/IR/Diag.h"

using namespace hcm;

const std::vector<FieldInfo> &hcm::pointFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
      {FieldGroup::ppa, "area_mm2", "mm^2",
       "PE array + buffer area (none for a PE published only relative)"},
      {FieldGroup::ppa, "power_mw", "mW",
       "average power over an inference: energy_avg / seconds"},
      {FieldGroup::ppa, "accuracy", "",
       "the accuracy file's value for the quantization"},
      {FieldGroup::ppa, "rel_seconds", "", "seconds / the reference's"},
      {FieldGroup::ppa, "rel_energy_avg", "",
       "energy_avg / the reference's (PE array energy alone between PEs "
       "published relative to one reference PE)"},
      {FieldGroup::ppa, "rel_area", "",
       "area_mm2 / the reference's (PE array area alone between relative "
       "PEs)"},
      {FieldGroup::ppa, "rel_perf_per_area", "",
       "(inferences_per_s / area) / the reference's (QAPPA)"},
  };
  return Infos;
}

namespace {

std::optional<double> energy(const PointResult &R) {
  if (!R.Net.HasEnergy)
    return std::nullopt;
  return R.Net.EnergyPj[1];
}

std::optional<double> ratio(std::optional<double> A, std::optional<double> B) {
  if (!A || !B || *B == 0)
    return std::nullopt;
  return *A / *B;
}

/// A point's energy and area, in absolute units (pJ, mm^2) or, for a PE
/// published only relative to a reference PE (QAPPA's INT16, FP32,
/// LightPE-1/2), in units of that PE: energy = relative energy x PEs x
/// seconds (the technology's ratios hold for the same array and time),
/// area = relative area x PEs. DRAM and buffers have absolute figures only,
/// so relative units cover the PE array alone; a relative point and an
/// absolute one (or two relative to different PEs) have no ratio.
struct Units {
  std::string Base; // empty: absolute
  std::optional<double> Energy, Area;
};

Units unitsOf(const PointResult &R) {
  const HwModel &Hw = R.Hw;
  if (!Hw.Relative)
    return {"", energy(R), Hw.areaMm2()};
  double PEs = double(Hw.pes());
  return {Hw.RelativeTo.empty() ? "?" : Hw.RelativeTo,
          Hw.RelativeEnergy * PEs * R.Net.Seconds, Hw.RelativeArea * PEs};
}

std::optional<double> perfPerArea(const PointResult &R,
                                  std::optional<double> Area) {
  if (!Area || *Area <= 0)
    return std::nullopt;
  return R.Net.inferencesPerSec() / *Area;
}

} // namespace

void hcm::visitPointFields(const PointContext &P, bool WithAccuracy,
                           FieldVisitor Visit) {
  const std::vector<FieldInfo> &I = pointFieldInfos();
  const PointResult &R = P.R, &Ref = P.Ref;
  Visit(I[0], FieldValue(R.Hw.areaMm2()));
  std::optional<double> Power;
  if (R.Net.HasEnergy && R.Net.Seconds > 0)
    Power = R.Net.EnergyPj[1] / R.Net.Seconds * 1e-9;
  Visit(I[1], FieldValue(Power));
  if (WithAccuracy)
    Visit(I[2], FieldValue(P.Accuracy));
  Visit(I[3], FieldValue(ratio(R.Net.Seconds, Ref.Net.Seconds)));
  Units U = unitsOf(R), RefU = unitsOf(Ref);
  if (U.Base != RefU.Base)
    U = RefU = Units();
  Visit(I[4], FieldValue(ratio(U.Energy, RefU.Energy)));
  Visit(I[5], FieldValue(ratio(U.Area, RefU.Area)));
  Visit(I[6],
        FieldValue(ratio(perfPerArea(R, U.Area), perfPerArea(Ref, RefU.Area))));
}

llvm::Expected<ObjectiveReader>
ObjectiveReader::create(const std::vector<Objective> &Objs, bool WithAccuracy) {
  ObjectiveReader R;
  R.Objs = Objs;
  auto Find = [](const std::vector<FieldInfo> &Infos,
                 llvm::StringRef Key) -> std::optional<size_t> {
    for (size_t I = 0; I < Infos.size(); ++I)
      if (Key == Infos[I].Key)
        return I;
    return std::nullopt;
  };
  for (const Objective &O : Objs) {
    if (auto I = Find(netFieldInfos(), O.Key)) {
      R.Getters.push_back({Source::Net, *I});
    } else if (auto I = Find(hwFieldInfos(), O.Key);
               I && O.Key != "name" && O.Key != "loop_order") {
      R.Getters.push_back({Source::Hw, *I});
    } else if (auto I = Find(pointFieldInfos(), O.Key)) {
      if (O.Key == "accuracy" && !WithAccuracy)
        return makeError("--objectives",
                         "objective 'accuracy' needs --accuracy FILE");
      R.Getters.push_back({Source::Point, *I});
    } else {
      return makeError("--objectives",
                       "unknown objective '" + O.Key +
                           "' (a numeric network, target or point field: "
                           "seconds, energy_avg, tops_per_mm2, area_mm2, "
                           "accuracy, ...; docs/DSE.md)");
    }
  }
  return R;
}

std::vector<Sense> ObjectiveReader::senses() const {
  std::vector<Sense> S;
  for (const Objective &O : Objs)
    S.push_back(O.S);
  return S;
}

llvm::Error ObjectiveReader::read(const PointContext &P,
                                  ObjectiveVector &Out) const {
  for (size_t J = 0; J < Getters.size(); ++J) {
    const Getter &G = Getters[J];
    size_t I = 0;
    FieldValue V;
    auto Pick = [&](const FieldInfo &, const FieldValue &X) {
      if (I++ == G.Index)
        V = X;
    };
    if (G.Src == Source::Net)
      visitNetFields(P.T, &P.R.Net, &P.R.Hw, Pick);
    else if (G.Src == Source::Hw)
      visitHwFields(P.R.Hw, Pick);
    else
      visitPointFields(P, true, Pick);
    if (V.K == FieldValue::Int || V.K == FieldValue::Bool)
      Out[J] = double(V.I);
    else if (V.K == FieldValue::Double)
      Out[J] = V.D;
    else
      return makeError("hcm-dse: point " + std::to_string(P.R.Id),
                       "objective '" + Objs[J].Key + "' has no value on " +
                           P.R.Hw.displayName() +
                           (Objs[J].Key == "accuracy"
                                ? " (no entry of the accuracy file matches)"
                                : " (" + P.R.Hw.NoPowerReason + ")"));
  }
  return llvm::Error::success();
}
