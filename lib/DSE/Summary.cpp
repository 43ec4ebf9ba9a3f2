//===- Summary.cpp - The text summary of a Pareto front -------------------===//
#include "hcm/DSE/Summary.h"

#include <fmt/format.h>

#include <algorithm>

using namespace hcm;

namespace {

std::string num(double V) { return fmt::format("{:.4g}", V); }
std::string opt(std::optional<double> V) { return V ? num(*V) : "-"; }

} // namespace

void hcm::printSummary(const SweepHeader &H, std::vector<FrontRow> Rows,
                       size_t MaxRows, llvm::raw_ostream &OS) {
  const DesignSpace &S = *H.Space;
  Sense First = H.Objectives.front().S;
  std::sort(Rows.begin(), Rows.end(),
            [&](const FrontRow &A, const FrontRow &B) {
              if (A.V[0] != B.V[0])
                return First == Sense::Min ? A.V[0] < B.V[0] : A.V[0] > B.V[0];
              return A.R.Id < B.R.Id;
            });
  OS << fmt::format("{} on {}: {} of {} points{}; Pareto front of {}: {} "
                    "point{} (reference: point {})\n",
                    H.Model, H.Target, H.Points, S.size(),
                    H.Sampled ? " (random sample)" : "",
                    describeObjectives(H.Objectives), Rows.size(),
                    Rows.size() == 1 ? "" : "s", H.Reference);
  std::vector<std::string> Head = {"point"};
  for (const SweepAxis &A : S.axes())
    Head.push_back(A.name());
  for (const Objective &O : H.Objectives)
    Head.push_back(O.Key);
  for (const char *C :
       {"latency_ms", "inf/s", "energy_uJ", "area_mm2", "TOPS/mm2", "fJ/op",
        "mem-bound", "util", "rel_perf/area", "rel_energy"})
    Head.push_back(C);
  std::vector<std::vector<std::string>> Table = {Head};
  for (size_t I = 0; I < Rows.size() && I < MaxRows; ++I) {
    const FrontRow &F = Rows[I];
    const NetworkSummary &N = F.R.Net;
    std::vector<std::string> Row = {std::to_string(F.R.Id)};
    for (size_t A = 0; A < S.axes().size(); ++A)
      Row.push_back(S.value(F.R.Id, A));
    for (size_t J = 0; J < H.Objectives.size(); ++J)
      Row.push_back(num(F.V[J]));
    Row.push_back(num(N.Seconds * 1e3));
    Row.push_back(num(N.inferencesPerSec()));
    Row.push_back(N.HasEnergy ? num(N.EnergyPj[1] * 1e-6) : "-");
    Row.push_back(opt(F.R.Hw.areaMm2()));
    Row.push_back(opt(N.topsPerMm2(F.R.Hw)));
    Row.push_back(N.HasEnergy ? num(N.fjPerOp(1)) : "-");
    Row.push_back(fmt::format("{}/{}", N.MemoryBoundLayers, N.Layers));
    Row.push_back(num(N.utilization(F.R.Hw)));
    Row.push_back(opt(F.RelPerfPerArea));
    Row.push_back(opt(F.RelEnergy));
    Table.push_back(std::move(Row));
  }
  std::vector<size_t> Width(Head.size());
  for (const auto &Row : Table)
    for (size_t C = 0; C < Row.size(); ++C)
      Width[C] = std::max(Width[C], Row[C].size());
  for (const auto &Row : Table) {
    std::string Line;
    for (size_t C = 0; C < Row.size(); ++C)
      Line += fmt::format("{}{:>{}}", C ? "  " : "", Row[C], Width[C]);
    OS << Line << '\n';
  }
  if (Rows.size() > MaxRows)
    OS << fmt::format("... and {} more front points (--summary-rows N, or "
                      "--csv/--json for every point)\n",
                      Rows.size() - MaxRows);
}
