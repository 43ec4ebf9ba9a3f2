//===- HtmlTable.cpp - Sortable HTML tables of the report -----------------===//
//
// The per-layer table, the schedule summary and the control-flow tables of
// the HTML report. Shown values use the text report's units (SI prefixes,
// us, uJ); the sort keys are the exact values in base units (bits, seconds,
// pJ), printed by fmt's shortest round-trip form so the bytes are
// deterministic.
//
//===----------------------------------------------------------------------===//
#include "HtmlTable.h"

#include "hcm/Report/Plots.h"
#include "hcm/Report/Svg.h"

#include <fmt/format.h>

using namespace hcm;
using svg::escape;
using svg::siValue;

void HtmlTable::write(llvm::raw_ostream &OS) const {
  auto Row = [&](const std::vector<HtmlCell> &R, size_t I, bool Body) {
    OS << (Body ? fmt::format("<tr data-i=\"{}\">", I) : std::string("<tr>"));
    for (const HtmlCell &C : R) {
      if (C.HasKey)
        OS << fmt::format("<td class=\"num\" data-v=\"{}\">", C.Key);
      else
        OS << "<td>";
      OS << escape(C.Text) << "</td>";
    }
    OS << "</tr>\n";
  };
  OS << fmt::format("<table class=\"sortable\" id=\"{}\">\n<caption>{}"
                    "</caption>\n<thead><tr>",
                    Id, escape(Caption));
  for (const std::string &H : Header)
    OS << "<th scope=\"col\">" << escape(H) << "</th>";
  OS << "</tr></thead>\n<tbody>\n";
  for (size_t I = 0; I < Rows.size(); ++I)
    Row(Rows[I], I, true);
  OS << "</tbody>\n";
  if (!Footer.empty()) {
    OS << "<tfoot>\n";
    for (const auto &R : Footer)
      Row(R, 0, false);
    OS << "</tfoot>\n";
  }
  OS << "</table>\n";
}

namespace {

HtmlCell num(double V, llvm::StringRef Unit) {
  return HtmlCell(siValue(V, Unit), V);
}
HtmlCell fixed(double V, int Decimals) {
  return HtmlCell(fmt::format("{:.{}f}", V, Decimals), V);
}
HtmlCell integer(int64_t V) { return HtmlCell(std::to_string(V), double(V)); }

std::string formats(const LayerFacts &F) {
  return F.Q.W.str() + "/" + F.Q.A.str() + "/" + F.Q.Out.str();
}

} // namespace

HtmlTable hcm::layerHtmlTable(const Report &R) {
  HtmlTable T;
  T.Id = "layers";
  T.Caption = "Layers (click a column heading to sort; again to reverse)";
  T.Header = {"#",        "layer",   "op",        "kernel",        "w/a/out",
              "MACs",     "OPS",     "BOPS",      "traffic",       "OPS/bit",
              "required", "passes",  "DRAM bits", "sched OPS/bit", "attainable",
              "bound",    "latency", "energy",    "PE util"};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    const LayerEval &E = R.Eval.Layers[I];
    T.Rows.push_back(
        {integer(int64_t(I + 1)), F.Name, F.Op, F.ShapeText, formats(F),
         num(double(F.W.Macs), ""), num(double(F.W.Ops), ""), num(F.W.Bops, ""),
         num(double(F.T.Total), "bit"), fixed(F.T.OpsPerBit, 2),
         num(E.WhatIf.Required, "OPS/s"), integer(E.Sched.Passes),
         num(double(E.Sched.dramBits()), "bit"), fixed(E.OpsPerBit, 2),
         num(E.Attainable, "OPS/s"), E.MemoryBound ? "memory" : "compute",
         num(E.Seconds, "s"),
         E.HasEnergy ? num(E.EnergyPj[1] * 1e-12, "J") : HtmlCell("-"),
         HtmlCell(fmt::format("{:.1f}%", E.Utilization * 100), E.Utilization)});
  }
  const LayerTotals &Tot = R.Totals;
  const NetworkSummary &N = R.Eval.Net;
  T.Footer.push_back(
      {"", "total", "", "", "", num(double(Tot.Macs), ""),
       num(double(Tot.LayerOps), ""), num(Tot.Bops, ""), "", "", "", "",
       num(double(N.DramRead + N.DramWritten), "bit"), "", "",
       fmt::format("{} of {} memory", N.MemoryBoundLayers, N.Layers),
       num(N.Seconds, "s"),
       N.HasEnergy ? num(N.EnergyPj[1] * 1e-12, "J") : HtmlCell("-"),
       fmt::format("{:.1f}%", N.utilization(R.hw()) * 100)});
  return T;
}

HtmlTable hcm::scheduleHtmlTable(const Report &R) {
  HtmlTable T;
  T.Id = "schedule";
  T.Caption = "Schedule (" + loopOrderName(R.hw().Order).str() +
              "): passes over the PE array and their DRAM bits";
  T.Header = {"#",         "layer",        "input groups",    "output groups",
              "passes",    "partial sums", "prefetch cycles", "stream cycles",
              "weights",   "inputs",       "outputs",         "partials",
              "DRAM read", "DRAM written"};
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    const ScheduleTotals &S = R.Eval.Layers[I].Sched;
    TrafficSplit Tr = scheduleTraffic(F, R.Eval.Layers[I]);
    T.Rows.push_back(
        {integer(int64_t(I + 1)), F.Name, integer(S.InGroups),
         integer(S.OutGroups), integer(S.Passes),
         S.KeepsPartials ? "kept" : "spilled", integer(S.PrefetchCycles),
         integer(S.StreamCycles), num(Tr.Weights, "bit"), num(Tr.Inputs, "bit"),
         num(Tr.Outputs, "bit"), num(Tr.Partials, "bit"),
         num(double(S.DramRead), "bit"), num(double(S.DramWritten), "bit")});
  }
  return T;
}

std::vector<HtmlTable> hcm::controlFlowHtmlTables(const Report &R) {
  std::vector<HtmlTable> Tables;
  for (const ControlFlowFacts &C : R.Table.ControlFlow) {
    HtmlTable T;
    T.Id = fmt::format("control-flow-{}", Tables.size() + 1);
    const std::string &Chosen = C.Branches[C.Chosen].Name;
    T.Caption =
        C.Op == "Loop"
            ? fmt::format("Loop '{}': the totals count {} x {} iterations: {}",
                          C.Node, Chosen, C.Trip, C.Why)
            : fmt::format("{} '{}': the totals count {}: {}", C.Op, C.Node,
                          Chosen, C.Why);
    T.Header = {"branch", "counted", "layers", "not costed", "MACs",
                "OPS",    "BOPS",    "params", "traffic"};
    for (size_t I = 0; I < C.Branches.size(); ++I) {
      const ControlFlowFacts::Branch &B = C.Branches[I];
      const LayerTotals &Tot = B.Totals;
      T.Rows.push_back(
          {B.Name, I == C.Chosen ? "yes" : "no", integer(int64_t(B.Layers)),
           integer(int64_t(B.NotCosted)), num(double(Tot.Macs), ""),
           num(double(Tot.Ops), ""), num(Tot.Bops, ""), integer(Tot.Params),
           num(double(Tot.Traffic), "bit")});
    }
    Tables.push_back(std::move(T));
  }
  return Tables;
}
