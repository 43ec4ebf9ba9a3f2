//===- BarChart.cpp - Stacked bars on a category axis ---------------------===//
//
// Each category (a layer) holds one or more stacks side by side; each stack
// is cut into the chart's series, bottom to top. The category axis is
// [0, groups], the stacks of a group share 70% of its width, the value axis
// starts at 0. The chart grows wider with the number of bars so that names
// stay readable.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Svg.h"

#include <fmt/format.h>

#include <algorithm>

using namespace hcm;
using namespace hcm::svg;

namespace {

/// At most 24 characters of a category label: the end of a long one, where
/// exporters put what differs ("/layer4/layer4.0/conv2/Conv").
std::string shortLabel(const std::string &S) {
  return S.size() <= 24 ? S : "~" + S.substr(S.size() - 23);
}

} // namespace

void svg::writeBarChart(const BarChartSpec &C, llvm::raw_ostream &OS,
                        Standalone Mode) {
  PlotSpec S;
  S.Title = C.Title;
  S.YLabel = C.YLabel;
  S.Caption = C.Caption;
  size_t Bars = 0, Longest = 0;
  for (const BarGroup &G : C.Groups) {
    S.X.Categories.push_back(shortLabel(G.Label));
    Longest = std::max(Longest, S.X.Categories.back().size());
    Bars += G.Stacks.size();
    for (const BarStack &St : G.Stacks) {
      double Sum = 0;
      for (double V : St.Values)
        Sum += V;
      S.Y.Data.add(Sum);
    }
  }
  S.Width = std::max(800.0, 300 + 14.0 * double(Bars) + 8.0 * C.Groups.size());
  S.BottomExtra = 5.0 * double(Longest);
  S.Height = 420 + S.BottomExtra;
  Plot P(S);
  for (size_t GI = 0; GI < C.Groups.size(); ++GI) {
    const BarGroup &G = C.Groups[GI];
    double W = 0.7 / double(std::max<size_t>(1, G.Stacks.size()));
    for (size_t SI = 0; SI < G.Stacks.size(); ++SI) {
      const BarStack &St = G.Stacks[SI];
      double X0 = double(GI) + 0.15 + W * double(SI), Base = 0;
      for (size_t K = 0; K < St.Values.size() && K < C.Series.size(); ++K) {
        double V = St.Values[K];
        if (!(V > 0))
          continue;
        Style Fill;
        Fill.Fill = C.Series[K].second;
        Fill.Stroke = "white";
        Fill.Width = 0.5;
        Fill.Opacity = St.Opacity;
        std::string Title = G.Title;
        if (!St.Name.empty())
          Title += ": " + St.Name;
        Title += ": " + C.Series[K].first + " " +
                 (C.Format ? C.Format(V) : siValue(V, C.Unit));
        P.rect(X0, Base, X0 + W, Base + V, Fill, fmt::format("bar s{}", K),
               Title);
        Base += V;
      }
    }
  }
  std::vector<LegendEntry> Legend;
  for (const auto &Series : C.Series) {
    Style Fill;
    Fill.Fill = Series.second;
    Legend.push_back({Series.first, Fill, Mark::Swatch});
  }
  P.legend(Legend);
  P.write(OS, Mode);
}
