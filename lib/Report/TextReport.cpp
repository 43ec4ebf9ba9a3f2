//===- TextReport.cpp - The aligned table for people ----------------------===//
//
// One row per compute layer, one row for the vector unit, a totals row;
// counts in K/M/G/T (powers of 1000), traffic in bytes (KiB/MiB/GiB). Above
// the table, what the columns count; below it, what was excluded.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"

#include <fmt/format.h>

#include <map>

using namespace hcm;

namespace {

/// 118013952 -> "118.0M"; below 1000 exactly.
std::string count(double V) {
  static const char *const Units[] = {"", "K", "M", "G", "T", "P", "E"};
  size_t U = 0;
  while (V >= 999.95 && U + 1 < std::size(Units)) {
    V /= 1000;
    ++U;
  }
  if (U == 0)
    return fmt::format("{:.0f}", V);
  return fmt::format("{:.{}f}{}", V,
                     V < 9.9995   ? 3
                     : V < 99.995 ? 2
                                  : 1,
                     Units[U]);
}

/// Bits as bytes: "940.4 KiB".
std::string bytes(int64_t Bits) {
  static const char *const Units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double V = double(Bits) / 8;
  size_t U = 0;
  while (V >= 1023.95 && U + 1 < std::size(Units)) {
    V /= 1024;
    ++U;
  }
  return U == 0 ? fmt::format("{:.0f} B", V)
                : fmt::format("{:.1f} {}", V, Units[U]);
}

std::string formats(const ReportLayer &L) {
  if (!L.Quant)
    return "-";
  return L.Quant->W.str() + "/" + L.Quant->A.str() + "/" + L.Quant->Out.str();
}

using Row = std::vector<std::string>;

void printTable(const std::vector<Row> &Rows, llvm::raw_ostream &OS) {
  std::vector<size_t> Width;
  for (const Row &R : Rows)
    for (size_t I = 0; I < R.size(); ++I) {
      Width.resize(std::max(Width.size(), R.size()));
      Width[I] = std::max(Width[I], R[I].size());
    }
  for (const Row &R : Rows) {
    std::string Line;
    for (size_t I = 0; I < R.size(); ++I) {
      bool Left = I == 1 || I == 2 || I == 3 || I == 4;
      std::string Pad(Width[I] - R[I].size(), ' ');
      Line += (I ? "  " : "") + (Left ? R[I] + Pad : Pad + R[I]);
    }
    while (!Line.empty() && Line.back() == ' ')
      Line.pop_back();
    OS << Line << '\n';
  }
}

std::string vectorSummary(const Report &R) {
  std::map<std::string, int> ByOp;
  for (const ReportVector &V : R.Vectors)
    ++ByOp[V.Op];
  std::string S;
  for (const auto &KV : ByOp)
    S += (S.empty() ? "" : ", ") + std::to_string(KV.second) + " " + KV.first;
  return S;
}

void printFooter(const Report &R, llvm::raw_ostream &OS) {
  const ReportTotals &T = R.Totals;
  OS << fmt::format("Parameters: {} ({}); MACs: {}; OPS: {} (layers {}, "
                    "vector unit {}); BOPS: {}\n",
                    count(double(T.Params)), T.Params, count(double(T.Macs)),
                    count(double(T.Ops)), count(double(T.LayerOps)),
                    count(double(T.VectorOps)), count(T.Bops));
  if (R.NotCosted.empty()) {
    OS << "Not costed: none.\n";
  } else {
    OS << "Not costed (excluded from every total):";
    for (const auto &KV : R.NotCosted)
      OS << ' ' << KV.second << " x " << KV.first << ';';
    OS << '\n';
  }
  if (!R.Quantizers.empty()) {
    OS << "Quantizers (they give the layers' formats; not costed):";
    for (const auto &KV : R.Quantizers)
      OS << ' ' << KV.second << " x " << KV.first << ';';
    OS << '\n';
  }
  for (const std::string &C : R.ModelChanges)
    OS << "Model changed: " << C << '\n';
}

/// OPS/s as HCM's tables print them: GOPS/s to 4 significant digits
/// (72.00, 392.0, 1568, 11236).
std::string rate(double OpsPerSec) {
  double G = OpsPerSec / 1e9;
  int Decimals = G >= 999.95 ? 0 : G >= 99.995 ? 1 : G >= 9.9995 ? 2 : 3;
  return fmt::format("{:.{}f} GOPS/s", G, Decimals);
}

/// A required rate as HCM's text gives it: TOPS/s with 3 decimals from
/// 1 TOPS/s (524.288 TOPS/s), else GOPS/s.
std::string requiredRate(double OpsPerSec) {
  if (OpsPerSec >= 1e12)
    return fmt::format("{:.3f} TOPS/s", OpsPerSec / 1e12);
  return rate(OpsPerSec);
}

void printRoofline(const Report &R, llvm::raw_ostream &OS) {
  std::vector<Row> Rows{{"#", "layer", "PEs", "peak", "required", "OPS/bit",
                         "memory roof", "attainable", "bound", "passes",
                         "partial-sum OPS/bit", "attainable", "bound"}};
  std::string Target;
  for (size_t I = 0; I < R.Layers.size(); ++I) {
    const ReportLayer &L = R.Layers[I];
    if (!L.Roofline)
      continue;
    const LayerRoofline &F = *L.Roofline;
    Target = F.Target;
    Rows.push_back(
        {std::to_string(I + 1), L.Name,
         fmt::format("{}x{}", F.ArrayRows, F.ArrayCols), rate(double(F.Peak)),
         requiredRate(F.Full.Required), fmt::format("{:.2f}", F.Full.OpsPerBit),
         rate(F.Full.MemoryRoof), rate(F.Full.Attainable), F.Full.Bound,
         std::to_string(F.Passes), fmt::format("{:.2f}", F.Partial.OpsPerBit),
         rate(F.Partial.Attainable), F.Partial.Bound});
  }
  OS << "\nRoofline on " << Target
     << " (required: one output pixel per clock; partial sums: the layer in "
        "`passes` passes over the PE array):\n";
  printTable(Rows, OS);
}

std::string energy(const double Pj[3]) {
  auto One = [](double V) { return fmt::format("{:.2f}", V / 1e6); };
  if (Pj[0] == Pj[2])
    return One(Pj[1]) + " uJ";
  return One(Pj[0]) + "/" + One(Pj[1]) + "/" + One(Pj[2]) + " uJ";
}

void printPpa(const Report &R, llvm::raw_ostream &OS) {
  const ReportPpa &P = *R.Ppa;
  std::vector<Row> Rows{{"#", "layer", "cycles", "latency", "bound", "PE util",
                         "energy", "DRAM energy"}};
  for (size_t I = 0; I < R.Layers.size(); ++I) {
    const ReportLayer &L = R.Layers[I];
    if (!L.Ppa)
      continue;
    const LayerPpa &Q = *L.Ppa;
    Rows.push_back({std::to_string(I + 1), L.Name, std::to_string(Q.Cycles),
                    fmt::format("{:.2f} us", Q.Seconds * 1e6),
                    Q.MemoryBound ? "memory" : "compute",
                    fmt::format("{:.1f}%", Q.Utilization * 100),
                    energy(Q.EnergyPj),
                    fmt::format("{:.2f} uJ", Q.DramEnergyPj / 1e6)});
  }
  OS << fmt::format("\nPPA on {} ({}x{} PEs at {} MHz, {:.3f} mm^2 PE "
                    "array + {:.3f} mm^2 buffers, array power {:.1f} mW):\n",
                    P.Target, P.Rows, P.Cols, double(P.ClockHz) / 1e6,
                    P.ArrayAreaUm2 / 1e6, P.BufferAreaUm2 / 1e6,
                    P.ArrayPowerMw);
  printTable(Rows, OS);
  OS << fmt::format(
      "Network: {} cycles, latency {:.3f} ms, {:.1f} inferences/s (as "
      "bound), energy {} per inference (DRAM {:.2f} uJ), {:.1f} fJ/op, "
      "{:.4f} TOPS/mm^2, average PE utilization {:.1f}%, {} of {} layers "
      "memory-bound\n",
      P.Cycles, P.Seconds * 1e3, P.InferencesPerSec, energy(P.EnergyPj),
      P.DramEnergyPj / 1e6, P.FjPerOp[1], P.TopsPerMm2, P.Utilization * 100,
      P.MemoryBoundLayers, R.Layers.size());
}

} // namespace

void hcm::printTextReport(const Report &R, llvm::raw_ostream &OS) {
  OS << "hcm report: " << R.Model << '\n' << ReportDefinitions;
  if (!R.Layers.empty() && R.Layers.front().Traffic &&
      R.Layers.front().Traffic->ClockHz)
    OS << fmt::format("in BW: steady-state input bandwidth n*ba*stride_h*"
                      "stride_w per clock at {} MHz (HCM Fig. 5).\n",
                      double(R.Layers.front().Traffic->ClockHz) / 1e6);
  OS << '\n';
  std::vector<Row> Rows{{"#", "layer", "op", "kernel", "w/a/out", "MACs", "OPS",
                         "BOPS", "traffic", "OPS/bit", "in BW", "PE util"}};
  for (size_t I = 0; I < R.Layers.size(); ++I) {
    const ReportLayer &L = R.Layers[I];
    Row Cells{std::to_string(I + 1),
              L.Name,
              L.Op,
              L.Shape,
              formats(L),
              count(double(L.Work.Macs)),
              count(double(L.Work.Ops)),
              count(L.Work.Bops)};
    Cells.push_back(L.Traffic ? bytes(L.Traffic->Total) : "-");
    Cells.push_back(L.Traffic ? fmt::format("{:.2f}", L.Traffic->OpsPerBit)
                              : "-");
    Cells.push_back(L.Traffic && L.Traffic->ClockHz
                        ? fmt::format("{:.1f} Gb/s",
                                      double(L.Traffic->InputBandwidth) / 1e9)
                        : "-");
    Cells.push_back(L.Util ? fmt::format("{:.1f}%", *L.Util * 100) : "-");
    Rows.push_back(std::move(Cells));
  }
  int64_t VectorTraffic = 0;
  for (const ReportVector &V : R.Vectors)
    VectorTraffic += V.Traffic ? V.Traffic->Total : 0;
  if (!R.Vectors.empty())
    Rows.push_back({"", "vector unit",
                    std::to_string(R.Vectors.size()) + " ops", "", "", "-",
                    count(double(R.Totals.VectorOps)), "-",
                    R.HasTraffic ? bytes(VectorTraffic) : "-", "", "", ""});
  const ReportTotals &T = R.Totals;
  Rows.push_back({"", "total", "", "", "", count(double(T.Macs)),
                  count(double(T.Ops)), count(T.Bops),
                  R.HasTraffic ? bytes(T.Traffic) : "-", "", "", ""});
  printTable(Rows, OS);
  if (!R.Vectors.empty())
    OS << "Vector unit: " << vectorSummary(R) << '\n';
  printFooter(R, OS);
  if (R.HasRoofline)
    printRoofline(R, OS);
  if (R.Ppa)
    printPpa(R, OS);
}
