//===- HtmlReport.cpp - The single-file HTML report -----------------------===//
//
// `emit-report{format=html}`: one self-contained page -- no network fetch,
// no external script, style sheet or font -- with the model summary, the
// pictures inlined as SVG, the per-layer table, how each If and Loop was
// costed (a table per node: its branches' totals, the one counted), the
// PPA totals, the schedule summary and the definitions. Everything is readable
// with JavaScript off; a small inline script only sorts the tables by any
// column (and, opened as `report.html#selftest`, checks its own sorting and
// marks the page, which the headless-browser test reads). The page sets
// `data-js="ok"` on <body> once the script ran, or `error` with the message.
//
//===----------------------------------------------------------------------===//
#include "HtmlTable.h"

#include "hcm/Report/Plots.h"

#include <fmt/format.h>

using namespace hcm;
using svg::escape;
using svg::siValue;

namespace {

const char *const Css =
    R"(body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;font-size:13px;margin:0.5em 0}
caption{text-align:left;font-weight:bold;padding:0.3em 0}
th,td{border:1px solid #ddd;padding:2px 6px;white-space:nowrap}
th{background:#f2f2f2;cursor:pointer}td.num{text-align:right}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
tfoot td{font-weight:bold;background:#fafafa}
.plots svg{display:block;margin:0.6em 0;max-width:100%;height:auto}
.scroll{overflow-x:auto}dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 1em}
dl.summary dt{font-weight:bold}dl.summary dd{margin:0}
)";

/// Sorts any table.sortable by a clicked column (numbers by data-v), keeps
/// the original order for ties, and runs its self-check on #selftest.
const char *const Script = R"((function () {
  function key(c) { var v = c.getAttribute('data-v'); return v === null ? c.textContent : v; }
  function cmp(x, y) {
    var a = parseFloat(x), b = parseFloat(y);
    if (!isNaN(a) && !isNaN(b)) return a - b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function sortBy(t, col, dir) {
    var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r, s) {
      return dir * cmp(key(r.cells[col]), key(s.cells[col])) ||
             (+r.getAttribute('data-i')) - (+s.getAttribute('data-i'));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (t) {
    var heads = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      function go() {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        sortBy(t, col, dir);
      }
      th.addEventListener('click', go);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') go(); });
    });
  });
  if (location.hash === '#selftest') {
    var bad = [];
    Array.prototype.forEach.call(tables, function (t) {
      var n = t.tHead.rows[0].cells.length;
      for (var col = 0; col < n; ++col) {
        [1, -1].forEach(function (dir) {
          sortBy(t, col, dir);
          var rows = t.tBodies[0].rows;
          for (var i = 1; i < rows.length; ++i)
            if (dir * cmp(key(rows[i - 1].cells[col]), key(rows[i].cells[col])) > 0)
              bad.push(t.id + ' column ' + col);
        });
      }
      sortBy(t, 0, 1);
    });
    document.body.setAttribute('data-selftest', bad.length ? 'fail: ' + bad.join(', ') : 'ok');
  }
  document.body.setAttribute('data-js', 'ok');
})();
)";

void item(llvm::raw_ostream &OS, llvm::StringRef Term, llvm::StringRef Def) {
  OS << "<dt>" << escape(Term) << "</dt><dd>" << escape(Def) << "</dd>\n";
}

void summary(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  const LayerTotals &T = R.Totals;
  const NetworkSummary &N = R.Eval.Net;
  OS << "<h2 id=\"summary\">Model summary</h2>\n<dl class=\"summary\">\n";
  item(OS, "model", R.Table.Model);
  item(OS, "target", Hw.displayName());
  item(OS, "compute layers",
       fmt::format("{} ({} memory-bound)", N.Layers, N.MemoryBoundLayers));
  item(OS, "vector-unit ops", std::to_string(R.Table.Vectors.size()));
  item(OS, "parameters", fmt::format("{}", T.Params));
  item(OS, "MACs / OPS / BOPS",
       fmt::format("{} / {} / {}", siValue(double(T.Macs), ""),
                   siValue(double(T.Ops), ""), siValue(T.Bops, "")));
  item(OS, "traffic without reuse", siValue(double(T.Traffic), "bit"));
  std::string NotCosted;
  for (const auto &KV : R.Table.NotCosted)
    NotCosted += fmt::format("{}{} x {}", NotCosted.empty() ? "" : "; ",
                             KV.second, KV.first);
  item(OS, "not costed", NotCosted.empty() ? "none" : NotCosted);
  OS << "</dl>\n";
}

void ppaTotals(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  const NetworkSummary &N = R.Eval.Net;
  OS << "<h2 id=\"ppa\">PPA totals</h2>\n<dl class=\"summary\">\n";
  item(OS, "PE array",
       fmt::format("{}x{} PEs at {}", Hw.Rows, Hw.Cols,
                   siValue(double(Hw.ClockHz), "Hz")));
  item(OS, "peak / DRAM",
       siValue(double(Hw.PeakOpsPerSec), "OPS/s") + " / " +
           siValue(Hw.DramBitsPerSec, "bit/s"));
  item(OS, "area",
       (Hw.PeAreaUm2 ? fmt::format("{:.4f} mm^2", Hw.ArrayAreaUm2 / 1e6)
                     : std::string("- mm^2")) +
           fmt::format(" PE array + {:.4f} mm^2 buffers",
                       Hw.BufferAreaUm2 / 1e6));
  item(OS, "array power",
       Hw.ArrayPowerMw ? fmt::format("{:.1f} mW", (*Hw.ArrayPowerMw)[1])
                       : "unknown: " + Hw.NoPowerReason);
  item(OS, "cycles", std::to_string(N.Cycles));
  item(OS, "batch (inferences per run)", std::to_string(N.Batch));
  item(OS, N.Batch == 1 ? "latency" : "latency per batch",
       siValue(N.Seconds, "s"));
  item(OS, "inferences/s", fmt::format("{:.1f}", N.inferencesPerSec()));
  item(OS, "energy per inference",
       N.HasEnergy ? siValue(N.energyPerInferencePj(1) * 1e-12, "J") +
                         fmt::format(" ({:.1f} fJ/op)", N.fjPerOp(1))
                   : "-");
  item(OS, "DRAM energy", siValue(N.DramEnergyPj * 1e-12, "J"));
  std::optional<double> Tops = N.topsPerMm2(Hw);
  item(OS, "TOPS/mm^2", Tops ? fmt::format("{:.4f}", *Tops) : "-");
  item(OS, "PE utilization", fmt::format("{:.1f}%", N.utilization(Hw) * 100));
  item(OS, "DRAM bits read / written",
       fmt::format("{} / {}", N.DramRead, N.DramWritten));
  if (N.MemoryBoundLayers)
    item(OS, "no layer memory-bound at", siValue(N.FixBandwidth, "bit/s"));
  OS << "</dl>\n";
}

/// If and Loop nodes: their branches as costed, the one the totals count.
void controlFlow(const Report &R, llvm::raw_ostream &OS) {
  OS << "<h2 id=\"control-flow\">Control flow</h2>\n";
  std::vector<HtmlTable> Tables = controlFlowHtmlTables(R);
  if (Tables.empty()) {
    OS << "<p>No If or Loop was costed.</p>\n";
    return;
  }
  OS << "<p>Each If branch is costed on its own; the network totals count "
        "one (constant condition, --if-branch, else the larger by MACs). A "
        "Loop with a constant trip count counts its body that many times "
        "(the body's figures are as counted).</p>\n";
  for (const HtmlTable &T : Tables) {
    OS << "<div class=\"scroll\">\n";
    T.write(OS);
    OS << "</div>\n";
  }
}

void definitions(llvm::raw_ostream &OS) {
  OS << "<h2 id=\"definitions\">Definitions</h2>\n";
  llvm::StringRef Defs(ReportDefinitions);
  while (!Defs.empty()) {
    auto [Line, Rest] = Defs.split('\n');
    if (!Line.empty())
      OS << "<p>" << escape(Line) << "</p>\n";
    Defs = Rest;
  }
  OS << "<p>Roofline: red dots are the what-if required point of each layer "
        "(one output pixel per clock, traffic without reuse); green dots the "
        "schedule it runs (its DRAM bits, OPS over its stream time); a green "
        "dot above the blue memory roof is memory-bound (ringed). "
        "docs/PLOTS.md explains every picture.</p>\n";
}

using PlotFn = void (*)(const Report &, llvm::raw_ostream &, svg::Standalone);

} // namespace

void hcm::printHtmlReport(const Report &R, llvm::raw_ostream &OS) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
        "\n<title>hcm report: "
     << escape(R.Table.Model) << "</title>\n<style>\n"
     << Css << "</style>\n</head>\n<body>\n";
  OS << "<h1>hcm report: " << escape(R.Table.Model) << "</h1>\n";
  OS << "<p>on " << escape(R.hw().displayName())
     << ". Sections: <a href=\"#summary\">summary</a>, <a href=\"#plots\">"
        "pictures</a>, <a href=\"#layers\">layers</a>, <a href=\"#control-flow"
        "\">control flow</a>, <a href=\"#ppa\">PPA</a>, <a href=\"#schedule\">"
        "schedule</a>, <a href=\"#definitions\">definitions</a>.</p>\n";
  summary(R, OS);
  OS << "<h2 id=\"plots\">Pictures</h2>\n<div class=\"plots\">\n";
  if (R.Table.Layers.empty()) {
    OS << "<p>No compute layers: nothing to draw.</p>\n";
  } else {
    for (PlotFn F : {writeRooflinePlot, writeBopsPlot, writeTrafficPlot,
                     writeTimePlot, writeEnergyPlot, writeAreaPlot})
      F(R, OS, svg::Standalone::No);
  }
  OS << "</div>\n<h2>Per-layer table</h2>\n<div class=\"scroll\">\n";
  layerHtmlTable(R).write(OS);
  OS << "</div>\n";
  controlFlow(R, OS);
  ppaTotals(R, OS);
  OS << "<h2>Schedule summary</h2>\n<div class=\"scroll\">\n";
  scheduleHtmlTable(R).write(OS);
  OS << "</div>\n";
  definitions(OS);
  OS << "<script>\nwindow.onerror = function (m) { "
        "document.body.setAttribute('data-js', 'error: ' + m); };\n"
        "</script>\n<script>\n"
     << Script << "</script>\n</body>\n</html>\n";
}
