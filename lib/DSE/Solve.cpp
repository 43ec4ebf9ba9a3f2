//===- Solve.cpp - Array from area, then clock and bandwidth --------------===//
#include "hcm/DSE/Solve.h"

#include "DSEInternal.h"

#include "hcm/Analysis/Analyses.h"
#include "hcm/DSE/PointFields.h"
#include "hcm/Support/Units.h"

#include <fmt/format.h>

#include <cmath>

using namespace hcm;

namespace {

llvm::Expected<double> parseSeconds(llvm::StringRef T) {
  T = T.trim();
  for (auto [Suffix, Scale] : {std::pair<const char *, double>{"ns", 1e-9},
                               {"us", 1e-6},
                               {"ms", 1e-3},
                               {"s", 1.0}})
    if (T.consume_back(Suffix)) {
      double V;
      if (T.trim().getAsDouble(V) || !(V > 0) || !std::isfinite(V))
        break;
      return V * Scale;
    }
  return makeError("--solve", "latency '" + T +
                                  "' is not a time with its unit (2ms, "
                                  "500us, 0.01s)");
}

/// A design: the target, the overrides that make it, and its evaluation.
struct Design {
  Target T;
  TargetOverrides O;
  HwModel Hw;
  HwEval Eval;
};

struct Solver {
  const SweepOptions &Opts;
  const LayerTable &Table;

  llvm::Expected<Design> build(Target T, TargetOverrides O) const {
    auto Hw = buildHwModel(T, Opts.TargetName, O);
    if (!Hw)
      return Hw.takeError();
    Design D{std::move(T), std::move(O), std::move(*Hw), {}};
    auto E = evaluateTable(Table, D.Hw);
    if (!E)
      return E.takeError();
    D.Eval = std::move(*E);
    return D;
  }
  /// \p D with one more override.
  llvm::Expected<Design> with(const Design &D, llvm::StringRef Key,
                              const std::string &Value) const {
    Target T = D.T;
    if (llvm::Error E = setTargetField(T, Key, Value))
      return E;
    TargetOverrides O = D.O;
    O.emplace_back(Key.str(), Value);
    return build(std::move(T), std::move(O));
  }
};

std::string bandwidthText(double BitsPerSec) {
  return fmt::format("{}bit/s", BitsPerSec);
}

/// The lowest bandwidth at D's clock with no memory-bound layer, checked.
llvm::Expected<Design> lowestBandwidth(const Solver &S, const Design &D) {
  double BW = 0;
  for (const LayerEval &E : D.Eval.Layers)
    if (E.ComputeSeconds > 0)
      BW = std::max(BW, double(E.Sched.dramBits()) / E.ComputeSeconds);
  BW = std::max(BW, 1.0);
  for (int Try = 0; Try < 64; ++Try) {
    auto R = S.with(D, "dram_bandwidth", bandwidthText(BW));
    if (!R || R->Eval.Net.MemoryBoundLayers == 0)
      return R;
    BW = std::nextafter(BW, INFINITY);
  }
  return makeError("--solve", "no bandwidth found (rounding)");
}

/// The highest clock at D's bandwidth with no memory-bound layer, checked.
llvm::Expected<Design> highestClock(const Solver &S, const Design &D) {
  double F = double(HwLimits::MaxClockHz);
  for (const LayerEval &E : D.Eval.Layers)
    if (E.Sched.dramBits() > 0)
      F = std::min(F, double(E.Sched.StreamCycles) * D.Hw.DramBitsPerSec /
                          double(E.Sched.dramBits()));
  auto Hz = int64_t(std::floor(F));
  for (int Try = 0; Try < 64 && Hz >= 1; ++Try, --Hz) {
    auto R = S.with(D, "clock", fmt::format("{}Hz", Hz));
    if (!R || R->Eval.Net.MemoryBoundLayers == 0)
      return R;
  }
  return makeError("--solve", "no clock of 1 Hz or more keeps every layer "
                              "off the memory roof");
}

/// The lowest clock, each at its lowest bandwidth, meeting \p Latency.
llvm::Expected<Design> clockForLatency(const Solver &S, const Design &D,
                                       double Latency) {
  auto At = [&](int64_t Hz) -> llvm::Expected<Design> {
    auto C = S.with(D, "clock", fmt::format("{}Hz", Hz));
    if (!C)
      return C.takeError();
    return lowestBandwidth(S, *C);
  };
  // Latency ~ cycles / f at the lowest bandwidth (its bits per clock do not
  // depend on f), so start there and bisect on whole Hz.
  int64_t Hi = HwLimits::MaxClockHz, Lo = 0; // Lo fails, Hi meets
  auto Top = At(Hi);
  if (!Top)
    return Top.takeError();
  if (Top->Eval.Net.Seconds > Latency)
    return makeError("--solve", "latency " + fmt::format("{}", Latency) +
                                    " s is not met even at 1 THz");
  while (Hi - Lo > 1) {
    int64_t Mid = Lo + (Hi - Lo) / 2;
    auto M = At(Mid);
    if (!M)
      return M.takeError();
    (M->Eval.Net.Seconds <= Latency ? Hi : Lo) = Mid;
  }
  return At(Hi);
}

std::string describe(const Design &D) {
  const NetworkSummary &N = D.Eval.Net;
  std::optional<double> Area = D.Hw.areaMm2();
  return fmt::format("array {}x{} ({} PEs, {} mm2) at {:.6g} MHz, "
                     "{:.6g} Gbit/s: {} of {} layers memory-bound, latency "
                     "{:.6g} ms, utilization {:.4g}",
                     D.Hw.Rows, D.Hw.Cols, D.Hw.pes(),
                     Area ? fmt::format("{:.4g}", *Area) : "-",
                     double(D.Hw.ClockHz) / 1e6, D.Hw.DramBitsPerSec / 1e9,
                     N.MemoryBoundLayers, N.Layers, N.Seconds * 1e3,
                     N.utilization(D.Hw));
}

std::string replay(const Design &D, size_t From) {
  std::string S;
  for (size_t I = From; I < D.O.size(); ++I)
    S += fmt::format(" --target-set {}={}", D.O[I].first, D.O[I].second);
  return S;
}

llvm::Error solveArea(const Solver &S, const Design &Start,
                      const SolveSpec &Spec, llvm::raw_ostream &OS) {
  size_t From = Start.O.size();
  auto D = S.with(Start, "area", Spec.Area);
  if (!D)
    return D.takeError();
  OS << "  area " << Spec.Area << ": " << describe(*D) << "\n";
  auto BW = lowestBandwidth(S, *D);
  if (!BW)
    return BW.takeError();
  OS << "  lowest DRAM bandwidth with no memory-bound layer: " << describe(*BW)
     << "\n    replay:" << replay(*BW, From) << "\n";
  auto F = highestClock(S, *D);
  if (!F)
    return F.takeError();
  OS << "  highest clock with no memory-bound layer: " << describe(*F)
     << "\n    replay:" << replay(*F, From) << "\n";
  if (Spec.LatencyS) {
    auto L = clockForLatency(S, *D, *Spec.LatencyS);
    if (!L)
      return L.takeError();
    OS << "  lowest clock meeting " << Spec.LatencyText
       << " (at its lowest bandwidth): " << describe(*L)
       << "\n    replay:" << replay(*L, From) << "\n";
  }
  return llvm::Error::success();
}

llvm::Error solveLatency(const Solver &S, const Design &Start,
                         const SolveSpec &Spec, llvm::raw_ostream &OS) {
  int64_t Widest = 1;
  for (const LayerFacts &F : S.Table.Layers)
    Widest = std::max({Widest, F.Tiles.TilesPerOutput, F.S.MOut});
  Widest = std::min<int64_t>(Widest, HwLimits::MaxArraySide);
  for (int64_t Side = 1; Side <= Widest; ++Side) {
    auto D = S.with(Start, "array", fmt::format("{}x{}", Side, Side));
    if (!D)
      return D.takeError();
    if (D->Eval.Net.Seconds <= *Spec.LatencyS) {
      OS << "  smallest square array meeting " << Spec.LatencyText << ": "
         << describe(*D) << "\n    replay:" << replay(*D, Start.O.size())
         << "\n";
      return llvm::Error::success();
    }
  }
  OS << "  no square array meets " << Spec.LatencyText
     << " at this clock and bandwidth (a wider array than " << Widest << "x"
     << Widest << " changes nothing)\n";
  return llvm::Error::success();
}

} // namespace

llvm::Expected<SolveSpec> hcm::parseSolveSpec(llvm::StringRef Text) {
  SolveSpec S;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Text.split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts) {
    auto [K, V] = P.split('=');
    K = K.trim();
    V = V.trim();
    if (K == "area") {
      auto A = parseArea(V);
      if (!A)
        return makeError("--solve '" + Text + "'",
                         dse::errorReason(A.takeError()));
      S.Area = V.str();
    } else if (K == "latency") {
      auto L = parseSeconds(V);
      if (!L)
        return L.takeError();
      S.LatencyS = *L;
      S.LatencyText = V.str();
    } else {
      return makeError("--solve '" + Text + "'",
                       "unknown key '" + K + "' (area, latency)");
    }
  }
  if (S.Area.empty() && !S.LatencyS)
    return makeError("--solve '" + Text + "'",
                     "give area=A, latency=T, or both");
  return S;
}

llvm::Error hcm::runSolve(const SweepOptions &Opts, const SolveSpec &Spec) {
  for (const SweepAxis &A : Opts.Axes)
    for (const std::string &K : A.Keys)
      if (K == "area" || K == "array" || (K == "clock" && !Spec.Area.empty()))
        return makeError(A.Where, "--solve chooses " + K + "; do not sweep it");
  auto Setup = setUpSweep(Opts);
  if (!Setup)
    return Setup.takeError();
  const DesignSpace &Space = *Setup->Space;
  if (Space.size() > 1000)
    return makeError("--solve", "solves at most 1000 points (the sweep has " +
                                    llvm::Twine(Space.size()) + ")");
  PointEvaluator Eval(Space, Setup->Model, Setup->Base, Opts.TargetName,
                      Opts.TargetSet);
  llvm::raw_ostream &OS = *Opts.Out;
  for (uint64_t Id = 0; Id < Space.size(); ++Id) {
    auto Hw = Eval.hardware(Id);
    if (!Hw)
      return Hw.takeError();
    size_t Q = Space.quantIndex(Id);
    Solver S{Opts, Setup->Model.Tables[Q]};
    auto Start = S.build(Hw->Spec, Hw->Overrides);
    if (!Start)
      return Start.takeError();
    OS << Eval.describe(Id) << " on " << Hw->displayName() << ", "
       << Setup->Model.Pipelines[Q] << ":\n";
    llvm::Error E = Spec.Area.empty() ? solveLatency(S, *Start, Spec, OS)
                                      : solveArea(S, *Start, Spec, OS);
    if (E)
      return E;
  }
  return llvm::Error::success();
}
