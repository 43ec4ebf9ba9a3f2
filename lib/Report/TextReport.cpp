//===- TextReport.cpp - The aligned table for people ----------------------===//
//
// One row per compute layer, one row for the vector unit, a totals row;
// counts in K/M/G/T (powers of 1000), traffic in bytes (KiB/MiB/GiB). Above
// the table, what the columns count; below it, what was excluded.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"
#include "hcm/Support/FixedFormat.h"
#include "hcm/Support/Parallel.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cstring>
#include <map>

using namespace hcm;

namespace {

/// fmt's "{:.<Decimals>f}" (appendFixed; fmt itself for what that leaves),
/// then \p Suffix: the report prints millions of these.
std::string fixed(double V, int Decimals, llvm::StringRef Suffix = "") {
  std::string S;
  if (!appendFixed(S, V, Decimals))
    S = fmt::format("{:.{}f}", V, Decimals);
  S += Suffix;
  return S;
}

/// 118013952 -> "118.0M"; below 1000 exactly.
std::string count(double V) {
  static const char *const Units[] = {"", "K", "M", "G", "T", "P", "E"};
  size_t U = 0;
  while (V >= 999.95 && U + 1 < std::size(Units)) {
    V /= 1000;
    ++U;
  }
  if (U == 0)
    return fixed(V, 0);
  return fixed(V, V < 9.9995 ? 3 : V < 99.995 ? 2 : 1, Units[U]);
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
  return U == 0 ? fixed(V, 0, " B") : fixed(V, 1, std::string(" ") + Units[U]);
}

std::string formats(const LayerFacts &F) {
  return F.Q.W.str() + "/" + F.Q.A.str() + "/" + F.Q.Out.str();
}

/// A text table. Its cells are kept in one buffer (a large model's tables
/// hold millions of cells), then printed: columns 1-4 (layer, op, kernel,
/// formats) left-aligned, the rest right-aligned; two spaces between
/// columns, no trailing blanks.
class Table {
public:
  Table() = default;
  explicit Table(std::initializer_list<llvm::StringRef> Header) { row(Header); }
  void row(std::initializer_list<llvm::StringRef> Cells) {
    if (Width.size() < Cells.size())
      Width.resize(Cells.size());
    size_t I = 0;
    for (llvm::StringRef C : Cells) {
      Text += C;
      Ends.push_back(Text.size());
      Width[I] = std::max(Width[I], C.size());
      ++I;
    }
    RowEnds.push_back(Ends.size());
  }
  void reserveRows(size_t N) { RowEnds.reserve(N + RowEnds.size()); }
  /// \p Row(T, I) adds layer I's row to T, for each of \p R's layers in
  /// order. A large table's rows are formatted in parts on R.Threads
  /// threads, each part into a table of its own, appended here in order.
  void perLayer(const Report &R,
                llvm::function_ref<void(Table &, size_t)> Row) {
    size_t N = R.Table.Layers.size();
    size_t Parts = partsFor(N, R.Threads, MinPerPart);
    if (Parts <= 1) {
      reserveRows(N);
      for (size_t I = 0; I < N; ++I)
        Row(*this, I);
      return;
    }
    std::vector<Table> Part(Parts);
    runParts(Parts, [&](size_t K) {
      for (size_t I = N * K / Parts; I < N * (K + 1) / Parts; ++I)
        Row(Part[K], I);
    });
    reserveRows(N);
    for (Table &T : Part) {
      append(T);
      T = Table(); // its text is here now
    }
  }

  void print(llvm::raw_ostream &OS) const {
    // Every column starts at a fixed place: each row's cells are copied
    // into one blank line, which is written up to its last non-blank
    // character (trailing blank cells and padding are not written) and
    // blanked again.
    std::vector<size_t> Pos(Width.size());
    for (size_t I = 1; I < Width.size(); ++I)
      Pos[I] = Pos[I - 1] + Width[I - 1] + 2;
    std::string Line(Width.empty() ? 0 : Pos.back() + Width.back(), ' ');
    size_t Cell = 0;
    for (size_t RowEnd : RowEnds) {
      size_t First = Cell, End = 0;
      for (size_t C = First; C < RowEnd; ++C) {
        size_t I = C - First;
        llvm::StringRef T = cell(C);
        bool Left = I >= 1 && I <= 4;
        size_t At = Left ? Pos[I] : Pos[I] + Width[I] - T.size();
        std::memcpy(&Line[At], T.data(), T.size());
        size_t NonBlank = T.find_last_not_of(' ');
        if (NonBlank != llvm::StringRef::npos)
          End = At + NonBlank + 1;
      }
      OS << llvm::StringRef(Line).take_front(End) << '\n';
      if (RowEnd > First) // the cells' span; the rest of the line is blank
        std::memset(&Line[0], ' ',
                    Pos[RowEnd - First - 1] + Width[RowEnd - First - 1]);
      Cell = RowEnd;
    }
  }

private:
  static constexpr size_t MinPerPart = 4096;
  void append(const Table &T) {
    size_t TextBase = Text.size(), CellBase = Ends.size();
    Text += T.Text;
    for (size_t E : T.Ends)
      Ends.push_back(TextBase + E);
    for (size_t E : T.RowEnds)
      RowEnds.push_back(CellBase + E);
    if (Width.size() < T.Width.size())
      Width.resize(T.Width.size());
    for (size_t I = 0; I < T.Width.size(); ++I)
      Width[I] = std::max(Width[I], T.Width[I]);
  }
  llvm::StringRef cell(size_t C) const {
    size_t Begin = C ? Ends[C - 1] : 0;
    return llvm::StringRef(Text).slice(Begin, Ends[C]);
  }
  std::string Text;
  std::vector<size_t> Ends;    ///< end of each cell in Text
  std::vector<size_t> RowEnds; ///< end of each row in Ends
  std::vector<size_t> Width;   ///< of each column
};

std::string vectorSummary(const Report &R) {
  std::map<std::string, int> ByOp;
  for (const VectorFacts &V : R.Table.Vectors)
    ++ByOp[V.Op];
  std::string S;
  for (const auto &KV : ByOp)
    S += (S.empty() ? "" : ", ") + std::to_string(KV.second) + " " + KV.first;
  return S;
}

void printFooter(const Report &R, llvm::raw_ostream &OS) {
  const LayerTotals &T = R.Totals;
  OS << fmt::format(
      FMT_COMPILE("Parameters: {} ({}); MACs: {}; OPS: {} (layers {}, "
                  "vector unit {}); BOPS: {}\n"),
      count(double(T.Params)), T.Params, count(double(T.Macs)),
      count(double(T.Ops)), count(double(T.LayerOps)),
      count(double(T.VectorOps)), count(T.Bops));
  if (R.Table.NotCosted.empty()) {
    OS << "Not costed: none.\n";
  } else {
    OS << "Not costed (excluded from every total):";
    for (const auto &KV : R.Table.NotCosted)
      OS << ' ' << KV.second << " x " << KV.first << ';';
    OS << '\n';
  }
  if (!R.Table.Quantizers.empty()) {
    OS << "Quantizers (they give the layers' formats; not costed):";
    for (const auto &KV : R.Table.Quantizers)
      OS << ' ' << KV.second << " x " << KV.first << ';';
    OS << '\n';
  }
  for (const ControlFlowFacts &C : R.Table.ControlFlow) {
    OS << "Control flow: " << C.Op << " '" << C.Node << "':";
    for (size_t I = 0; I < C.Branches.size(); ++I) {
      const ControlFlowFacts::Branch &B = C.Branches[I];
      OS << ' ' << B.Name << ' ' << B.Layers << " layers "
         << count(double(B.Totals.Macs)) << " MACs";
      if (B.NotCosted)
        OS << ", " << B.NotCosted << " nodes not costed";
      OS << (C.Branches.size() > 1 && I == C.Chosen ? " (counted)" : "") << ';';
    }
    if (C.Op == "Loop")
      OS << " x " << C.Trip << " iterations;";
    OS << ' ' << C.Why << '\n';
  }
  for (const std::string &C : R.Table.ModelChanges)
    OS << "Model changed: " << C << '\n';
}

/// OPS/s as HCM's tables print them: GOPS/s to 4 significant digits
/// (72.00, 392.0, 1568, 11236).
std::string rate(double OpsPerSec) {
  double G = OpsPerSec / 1e9;
  int Decimals = G >= 999.95 ? 0 : G >= 99.995 ? 1 : G >= 9.9995 ? 2 : 3;
  return fixed(G, Decimals, " GOPS/s");
}

/// A required rate as HCM's text gives it: TOPS/s with 3 decimals from
/// 1 TOPS/s (524.288 TOPS/s), else GOPS/s.
std::string requiredRate(double OpsPerSec) {
  if (OpsPerSec >= 1e12)
    return fixed(OpsPerSec / 1e12, 3, " TOPS/s");
  return rate(OpsPerSec);
}

/// Bits/s as Gbit/s with 4 significant digits.
std::string bandwidth(double BitsPerSec) {
  double G = BitsPerSec / 1e9;
  int Decimals = G >= 999.95 ? 0 : G >= 99.995 ? 1 : G >= 9.9995 ? 2 : 3;
  return fixed(G, Decimals, " Gbit/s");
}

std::string clock(double Hz) { return fixed(Hz / 1e6, 1, " MHz"); }

void printRoofline(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  Table Rows({"#", "layer", "PEs", "peak", "required", "OPS/bit", "memory roof",
              "attainable", "passes", "sched OPS/bit", "memory roof",
              "compute roof", "attainable", "bound"});
  // The same for every layer: formatted once.
  const std::string PEs = fmt::format(FMT_COMPILE("{}x{}"), Hw.Rows, Hw.Cols);
  const std::string Peak = rate(double(Hw.PeakOpsPerSec));
  Rows.perLayer(R, [&](Table &T, size_t I) {
    const LayerFacts &F = R.Table.Layers[I];
    const LayerEval &E = R.Eval.Layers[I];
    T.row({std::to_string(I + 1), F.Name, PEs, Peak,
           requiredRate(E.WhatIf.Required), fixed(F.T.OpsPerBit, 2),
           rate(E.WhatIf.MemoryRoof), rate(E.WhatIf.Attainable),
           std::to_string(E.Sched.Passes), fixed(E.OpsPerBit, 2),
           rate(E.MemoryRoof), rate(E.ComputeRoof), rate(E.Attainable),
           E.MemoryBound ? "memory" : "compute"});
  });
  OS << "\nRoofline on " << Hw.displayName() << " (DRAM "
     << bandwidth(Hw.DramBitsPerSec)
     << "). What-if (METRICS.md 6, HCM Tables 2-3): one output pixel per "
        "clock, traffic without reuse: required, OPS/bit, memory roof, "
        "attainable. The schedule the layer runs: `passes` over the PE "
        "array, its DRAM bits (sched OPS/bit), memory roof, compute roof "
        "(OPS / stream time), attainable and the bound:\n";
  Rows.print(OS);
}

std::string energy(const LayerEval &E) {
  if (!E.HasEnergy)
    return "-";
  auto One = [](double V) { return fixed(V / 1e6, 2); };
  if (E.EnergyPj[0] == E.EnergyPj[2])
    return One(E.EnergyPj[1]) + " uJ";
  return One(E.EnergyPj[0]) + "/" + One(E.EnergyPj[1]) + "/" +
         One(E.EnergyPj[2]) + " uJ";
}

/// The run's energy, or with \p PerInference one inference's.
std::string netEnergy(const NetworkSummary &N, bool PerInference = false) {
  LayerEval E;
  E.HasEnergy = N.HasEnergy;
  for (int I = 0; I < 3; ++I)
    E.EnergyPj[I] = PerInference ? N.energyPerInferencePj(I) : N.EnergyPj[I];
  return energy(E);
}

/// "latency ..., energy ... per inference", or per batch and per inference
/// when a run feeds more than one.
std::string latencyAndEnergy(const NetworkSummary &N) {
  if (N.Batch == 1)
    return fmt::format(
        FMT_COMPILE("latency {:.3f} ms, {:.1f} inferences/s (as bound), "
                    "energy {} per inference"),
        N.Seconds * 1e3, N.inferencesPerSec(), netEnergy(N));
  return fmt::format(
      FMT_COMPILE("latency {:.3f} ms per batch of {} (dim 0 of the "
                  "inputs), {:.1f} inferences/s (as bound), energy {} per "
                  "batch ({} per inference)"),
      N.Seconds * 1e3, N.Batch, N.inferencesPerSec(), netEnergy(N),
      netEnergy(N, /*PerInference=*/true));
}

/// Seconds in ms from 1 ms, else in us, with 3 decimals.
std::string duration(double S) {
  return S >= 1e-3 ? fixed(S * 1e3, 3, " ms") : fixed(S * 1e6, 3, " us");
}

/// 004 Table 6's two columns for every layer: the compute-only time, the
/// time with memory, their ratio; host-run layers marked.
void printTimes(const Report &R, llvm::raw_ostream &OS) {
  Table Rows({"#", "layer", "compute only", "with memory", "ratio", "bound"});
  Rows.perLayer(R, [&](Table &T, size_t I) {
    const LayerEval &E = R.Eval.Layers[I];
    T.row({std::to_string(I + 1), R.Table.Layers[I].Name,
           duration(E.ComputeSeconds), duration(E.Seconds),
           fixed(E.memoryFactor(), 3),
           E.OnHost        ? "host"
           : E.MemoryBound ? "memory"
                           : "compute"});
  });
  OS << "\nTime per layer: compute only (the PEs alone), with memory (the "
        "time above), ratio = with memory / compute only:\n";
  Rows.print(OS);
}

/// The layers the host runs, apart from the accelerator's totals.
void printHost(const Report &R, llvm::raw_ostream &OS) {
  const NetworkSummary &N = R.Eval.Net;
  if (!N.HostLayers)
    return;
  OS << fmt::format(
      FMT_COMPILE("Host (not in the network's time or energy): {} layer{}, "
                  "{} MACs:"),
      N.HostLayers, N.HostLayers == 1 ? "" : "s", count(N.HostMacs));
  for (size_t I = 0; I < R.Table.Layers.size(); ++I)
    if (R.Eval.Layers[I].OnHost)
      OS << ' ' << R.Table.Layers[I].Name << " (" << R.Table.Layers[I].Op
         << ");";
  OS << '\n';
}

/// A QAPPA PE published only relative to the technology's reference PE.
void printRelative(const HwModel &Hw, llvm::raw_ostream &OS) {
  if (!Hw.Relative)
    return;
  OS << fmt::format(
      "RELATIVE (QAPPA Figs. 3-5; no absolute power or area is published): "
      "PE '{}' against '{}' on the same array and time: performance per "
      "area {:.2f}x, energy {:.3f}x (area {:.3f}x)\n",
      Hw.Spec.PE, Hw.RelativeTo.empty() ? "the reference" : Hw.RelativeTo,
      1 / Hw.RelativeArea, Hw.RelativeEnergy, Hw.RelativeArea);
}

void printPpa(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  const NetworkSummary &N = R.Eval.Net;
  Table Rows({"#", "layer", "cycles", "latency", "compute", "memory", "bound",
              "fix: BW", "or clock", "PE util", "energy", "DRAM energy"});
  Rows.perLayer(R, [&](Table &T, size_t I) {
    const LayerEval &E = R.Eval.Layers[I];
    T.row({std::to_string(I + 1), R.Table.Layers[I].Name,
           std::to_string(E.Sched.cycles()), fixed(E.Seconds * 1e6, 2, " us"),
           fixed(E.ComputeSeconds * 1e6, 2, " us"),
           fixed(E.MemorySeconds * 1e6, 2, " us"),
           E.MemoryBound ? "memory" : "compute",
           E.MemoryBound ? bandwidth(E.FixBandwidth) : "-",
           E.MemoryBound ? clock(E.FixClockHz) : "-",
           fixed(E.Utilization * 100, 1, "%"), energy(E),
           fixed(E.DramEnergyPj / 1e6, 2, " uJ")});
  });
  std::string Power = Hw.ArrayPowerMw
                          ? fmt::format(FMT_COMPILE("array power {:.1f} mW"),
                                        (*Hw.ArrayPowerMw)[1])
                          : "no array power: " + Hw.NoPowerReason;
  std::string ArrayArea = Hw.PeAreaUm2
                              ? fixed(Hw.ArrayAreaUm2 / 1e6, 3, " mm^2")
                              : std::string("- mm^2");
  OS << fmt::format(
      FMT_COMPILE("\nPPA on {} ({}x{} PEs at {} MHz, {} PE "
                  "array + {:.3f} mm^2 buffers, {}). compute: the passes "
                  "streaming; memory: the schedule's DRAM bits at {}; "
                  "fix: the bandwidth, or the clock, at which a "
                  "memory-bound layer is not:\n"),
      Hw.displayName(), Hw.Rows, Hw.Cols, double(Hw.ClockHz) / 1e6, ArrayArea,
      Hw.BufferAreaUm2 / 1e6, Power, bandwidth(Hw.DramBitsPerSec));
  Rows.print(OS);
  std::optional<double> Tops = N.topsPerMm2(Hw);
  std::string Fj = N.HasEnergy ? fixed(N.fjPerOp(1), 1, " fJ/op") : "- fJ/op";
  OS << fmt::format(
      "Network: {} cycles, {} (DRAM {:.2f} uJ), {}, "
      "{} TOPS/mm^2, average PE utilization {:.1f}%, {} of {} layers "
      "memory-bound{}\n",
      N.Cycles, latencyAndEnergy(N), N.DramEnergyPj / 1e6, Fj,
      Tops ? fixed(*Tops, 4) : "-", N.utilization(Hw) * 100,
      N.MemoryBoundLayers, N.Layers,
      N.MemoryBoundLayers ? "; none would be at " + bandwidth(N.FixBandwidth) +
                                " DRAM bandwidth"
                          : "");
  printHost(R, OS);
  if (Hw.PeAreaUm2 && Hw.PeAreaBopsUm2)
    OS << fmt::format(
        FMT_COMPILE("PE area estimates: {:.1f} um^2 (bitwidth fit, used "
                    "above), {:.1f} um^2 (HCM Fig. 3: area vs BOPS)\n"),
        *Hw.PeAreaUm2, *Hw.PeAreaBopsUm2);
  printRelative(Hw, OS);
  printTimes(R, OS);
}

} // namespace

void hcm::printTextReport(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  OS << "hcm report: " << R.Table.Model << '\n' << ReportDefinitions;
  OS << fmt::format(
      FMT_COMPILE("in BW: steady-state input bandwidth n*ba*stride_h*"
                  "stride_w per clock at {} MHz (HCM Fig. 5).\n"),
      double(Hw.ClockHz) / 1e6);
  OS << '\n';
  Table Rows({"#", "layer", "op", "kernel", "w/a/out", "MACs", "OPS", "BOPS",
              "traffic", "OPS/bit", "in BW", "PE util"});
  Rows.perLayer(R, [&](Table &T, size_t I) {
    const LayerFacts &F = R.Table.Layers[I];
    T.row({std::to_string(I + 1), F.Name, F.Op, F.ShapeText, formats(F),
           count(double(F.W.Macs)), count(double(F.W.Ops)), count(F.W.Bops),
           bytes(F.T.Total), fixed(F.T.OpsPerBit, 2),
           fixed(double(F.T.InputBitsPerClock) * double(Hw.ClockHz) / 1e9, 1,
                 " Gb/s"),
           F.Tiles.Lowered ? fixed(F.Tiles.Util * 100, 1, "%") : "-"});
  });
  int64_t VectorTraffic = 0;
  for (const VectorFacts &V : R.Table.Vectors)
    VectorTraffic += V.T.Total;
  if (!R.Table.Vectors.empty())
    Rows.row({"", "vector unit",
              std::to_string(R.Table.Vectors.size()) + " ops", "", "", "-",
              count(double(R.Totals.VectorOps)), "-", bytes(VectorTraffic), "",
              "", ""});
  const LayerTotals &T = R.Totals;
  Rows.row({"", "total", "", "", "", count(double(T.Macs)),
            count(double(T.Ops)), count(T.Bops), bytes(T.Traffic), "", "", ""});
  Rows.print(OS);
  if (!R.Table.Vectors.empty())
    OS << "Vector unit: " << vectorSummary(R) << '\n';
  printFooter(R, OS);
  if (R.Table.Layers.empty())
    return;
  printRoofline(R, OS);
  printPpa(R, OS);
}
