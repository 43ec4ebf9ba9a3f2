//===- RooflinePlot.cpp - The OPS-based roofline picture ------------------===//
//
// HCM Figs. 7, 8 and 12: log-log OPS/bit against OPS/s. The roofs are the
// target's: the memory roof OPS/bit * BW (a diagonal of slope 1) up to the
// ridge at peak / BW, then the compute roof at the array's peak. Each layer
// has two dots joined by a thin line: red, the what-if "required" point (one
// output pixel per clock, traffic without reuse; METRICS.md section 6), and
// green, the schedule it runs (its DRAM bits and the rate of its passes,
// OPS / stream time; HCM's partial-sum "green dots"). A green dot above the
// memory roof is a memory-bound layer (ringed in black): its bits take
// longer than its passes. Both axes are rounded out to whole decades around
// every dot and the ridge.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Plots.h"

#include <fmt/format.h>

using namespace hcm;
using namespace hcm::svg;

namespace {

const char *const Red = "#d62728", *const Green = "#2ca02c";

std::string layerTitle(size_t I, const LayerFacts &F, const LayerEval &E,
                       const HwModel &Hw) {
  return fmt::format(
      "#{} {} ({} {}): what-if required {} at {:.2f} OPS/bit (memory roof "
      "{}); schedule: {} passes, {:.2f} OPS/bit, memory roof {}, compute "
      "roof {}, attainable {} of peak {}; {}-bound",
      I + 1, F.Name, F.Op, F.ShapeText, siValue(E.WhatIf.Required, "OPS/s"),
      F.T.OpsPerBit, siValue(E.WhatIf.MemoryRoof, "OPS/s"), E.Sched.Passes,
      E.OpsPerBit, siValue(E.MemoryRoof, "OPS/s"),
      siValue(E.ComputeRoof, "OPS/s"), siValue(E.Attainable, "OPS/s"),
      siValue(double(Hw.PeakOpsPerSec), "OPS/s"),
      E.MemoryBound ? "memory" : "compute");
}

Style stroke(const char *Colour, double Width) {
  Style S;
  S.Stroke = Colour;
  S.Width = Width;
  return S;
}

} // namespace

void hcm::writeRooflinePlot(const Report &R, llvm::raw_ostream &OS,
                            Standalone Mode) {
  const HwModel &Hw = R.hw();
  double Peak = double(Hw.PeakOpsPerSec), BW = Hw.DramBitsPerSec;
  double Ridge = BW > 0 ? Peak / BW : 0;
  PlotSpec S;
  S.Title = "OPS-based roofline: " + R.Table.Model;
  S.XLabel = "operational intensity (OPS/bit)";
  S.YLabel = "performance (OPS/s)";
  S.Caption = fmt::format("Target {}: peak {}, DRAM {}", Hw.displayName(),
                          siValue(Peak, "OPS/s"), siValue(BW, "bit/s"));
  S.X.Type = S.Y.Type = Axis::Log;
  S.X.Data.add(Ridge);
  S.Y.Data.add(Peak);
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerEval &E = R.Eval.Layers[I];
    S.X.Data.add(R.Table.Layers[I].T.OpsPerBit);
    S.X.Data.add(E.OpsPerBit);
    S.Y.Data.add(E.WhatIf.Required);
    S.Y.Data.add(E.ComputeRoof);
  }
  Plot P(S);
  // The roofs, from the frame's left edge to the ridge and on to the right.
  P.segment(P.x().Lo, P.x().Lo * BW, Ridge, Peak, stroke("#1f77b4", 2),
            "roof memory", "memory roof: OPS/bit x " + siValue(BW, "bit/s"));
  P.segment(Ridge, Peak, P.x().Hi, Peak, stroke("#333333", 2), "roof compute",
            "compute roof: peak " + siValue(Peak, "OPS/s"));
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    const LayerEval &E = R.Eval.Layers[I];
    std::string Title = layerTitle(I, F, E, Hw);
    P.segment(F.T.OpsPerBit, E.WhatIf.Required, E.OpsPerBit, E.ComputeRoof,
              stroke("#999999", 0.8), "join");
    Style Dot;
    Dot.Fill = Red;
    P.point(F.T.OpsPerBit, E.WhatIf.Required, 5, Dot, "pt required", Title);
    Dot.Fill = Green;
    if (E.MemoryBound) {
      Dot.Stroke = "black";
      Dot.Width = 1.2;
    }
    P.point(E.OpsPerBit, E.ComputeRoof, 3.5, Dot,
            E.MemoryBound ? "pt schedule memory-bound"
                          : "pt schedule compute-bound",
            Title);
  }
  Style RedDot, GreenDot, Ringed;
  RedDot.Fill = Red;
  GreenDot.Fill = Green;
  Ringed = GreenDot;
  Ringed.Stroke = "black";
  Ringed.Width = 1.2;
  P.legend({{"compute roof (peak)", stroke("#333333", 2), Mark::Line},
            {"memory roof (DRAM)", stroke("#1f77b4", 2), Mark::Line},
            {"required (what-if)", RedDot, Mark::Dot},
            {"schedule, compute-bound", GreenDot, Mark::Dot},
            {"schedule, memory-bound", Ringed, Mark::Dot}});
  P.write(OS, Mode);
}

void hcm::printRooflineSvg(const Report &R, llvm::raw_ostream &OS) {
  writeRooflinePlot(R, OS, Standalone::Yes);
}
