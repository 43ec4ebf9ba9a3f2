//===- Svg.h - A small deterministic SVG plotting module --------*- C++ -*-===//
//
// The pictures of the report (roofline, stacked bars) and of the design-space
// sweep (Pareto scatter) are written directly as SVG by this module: a Plot
// is a frame with two scales (linear or log10, rounded out to decades or to
// "nice" steps), labelled ticks, a title, axis labels, a caption and a
// legend; marks are added in data coordinates and clipped to the frame.
//
//   svg::PlotSpec S;
//   S.Title = "Roofline"; S.XLabel = "OPS/bit"; S.YLabel = "OPS/s";
//   S.X = {svg::Axis::Log, svg::siLabel}; S.Y = {svg::Axis::Log,
//   svg::siLabel}; S.X.Data.add(0.5); S.X.Data.add(40); ... (every value
//   that must be visible)
//   svg::Plot P(S);                       // scales are fixed from here on
//   P.segment(X0, Y0, X1, Y1, Style, "roof compute");
//   P.point(X, Y, 4, Style, "pt required", "conv1: ...");  // hover <title>
//   P.legend({{"required", Style, svg::Mark::Dot}});
//   P.write(OS, svg::Standalone::Yes);    // or No, to inline it in HTML
//
// Output is byte-identical for the same calls: numbers are printed with fmt
// at a fixed precision, elements in the order they were added, attributes in
// a fixed order. Each mark carries the CSS class the caller gives (tests and
// stylesheets select on it) and, optionally, a <title> shown on hover.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_REPORT_SVG_H
#define HCM_REPORT_SVG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>
#include <string>
#include <vector>

namespace hcm {
namespace svg {

/// Escapes &, <, >, " and ' for XML text and attribute values.
std::string escape(llvm::StringRef S);

/// A coordinate or length in pixels: fixed two decimals ("12.50").
std::string px(double V);

/// A tick label with SI prefixes: 1e9 -> "1G", 2.5e3 -> "2.5k", 0.1 ->
/// "0.1", 1e-3 -> "1m"; 0 -> "0". Three significant digits at most.
std::string siLabel(double V);

/// The smallest interval holding every value added (finite values only).
struct Range {
  double Lo = std::numeric_limits<double>::infinity();
  double Hi = -std::numeric_limits<double>::infinity();
  /// The smallest positive value added (a log axis starts there).
  double MinPositive = std::numeric_limits<double>::infinity();
  void add(double V);
  bool empty() const { return !(Lo <= Hi); }
};

/// How an axis maps data to pixels.
struct Axis {
  enum Kind { Linear, Log } Type = Linear;
  /// Formats the value of a tick.
  std::string (*Label)(double) = siLabel;
  /// Every value that must lie inside the axis. A log axis rounds out to
  /// whole decades (ignoring values <= 0); a linear one starts at 0 and
  /// rounds up to a multiple of 1, 2 or 5 times a power of ten.
  Range Data;
  /// Category names for a linear axis: ticks at i + 0.5, labelled with the
  /// names (rotated), range [0, size()]. Data is ignored then.
  std::vector<std::string> Categories;
};

/// A data-to-pixel map on one axis.
struct Scale {
  double Lo = 0, Hi = 1; ///< data range (decades for a log axis)
  bool IsLog = false;
  double P0 = 0, P1 = 1; ///< pixels of Lo and Hi
  double operator()(double V) const;
  /// True when \p V maps inside [P0, P1] (with rounding slack).
  bool contains(double V) const;
};

/// The scale an axis gives between pixels \p P0 and \p P1.
Scale scaleFor(const Axis &A, double P0, double P1);

struct Tick {
  double Value;
  std::string Label;
};
/// Every decade of a log scale; 4-10 round steps of a linear one.
std::vector<Tick> ticksFor(const Scale &S, const Axis &A);

/// Stroke and fill of a mark; empty means "none".
struct Style {
  std::string Stroke, Fill;
  double Width = 1;
  std::string Dash; ///< stroke-dasharray, e.g. "4 3"
  double Opacity = 1;
};

enum class Mark { Dot, Line, Swatch };
struct LegendEntry {
  std::string Label;
  Style S;
  Mark M = Mark::Swatch;
};

struct PlotSpec {
  std::string Title, XLabel, YLabel;
  /// One line below the plot (e.g. the target); may be empty.
  std::string Caption;
  Axis X, Y;
  double Width = 800, Height = 500;
  /// Pixels kept right of the frame for the legend.
  double LegendWidth = 210;
  /// Extra pixels below the frame (rotated category labels need them).
  double BottomExtra = 0;
};

enum class Standalone { No, Yes };

class Plot {
public:
  explicit Plot(PlotSpec Spec);

  const Scale &x() const { return XS; }
  const Scale &y() const { return YS; }
  /// The frame in pixels: left, top, right, bottom.
  double left() const { return XS.P0; }
  double right() const { return XS.P1; }
  double top() const { return YS.P1; }
  double bottom() const { return YS.P0; }

  /// A straight line in data coordinates, clipped to the frame (nothing
  /// when it misses the frame). On log axes a segment is straight in log
  /// space, i.e. y = c * x^k.
  void segment(double X0, double Y0, double X1, double Y1, const Style &S,
               llvm::StringRef Class, llvm::StringRef Title = "");
  /// A dot of radius \p R pixels; a hover title when \p Title is not empty.
  void point(double X, double Y, double R, const Style &S,
             llvm::StringRef Class, llvm::StringRef Title = "");
  /// A rectangle between two corners in data coordinates.
  void rect(double X0, double Y0, double X1, double Y1, const Style &S,
            llvm::StringRef Class, llvm::StringRef Title = "");
  /// A text label at a data position (anchor: start, middle or end).
  void label(double X, double Y, llvm::StringRef Text, llvm::StringRef Anchor,
             llvm::StringRef Class);
  /// The legend, right of the frame, in the order given.
  void legend(llvm::ArrayRef<LegendEntry> Entries);

  /// The document: with an XML declaration when standalone, else a bare
  /// <svg> element for inlining into HTML.
  void write(llvm::raw_ostream &OS, Standalone Mode) const;

private:
  PlotSpec Spec;
  Scale XS, YS;
  std::string Body; ///< marks, in the order they were added
  std::string Legend;
};

/// The attribute text of a style: ` stroke="..." fill="..."`.
std::string styleAttrs(const Style &S);

/// A value with an SI prefix and a unit, four significant digits:
/// (5.24288e14, "OPS/s") -> "524.3 TOPS/s", (0.5, "s") -> "500.0 ms".
std::string siValue(double V, llvm::StringRef Unit);

//===----------------------------------------------------------------------===//
// Stacked bars on a category axis (lib/Report/BarChart.cpp)
//===----------------------------------------------------------------------===//

/// One stacked bar: one value per series of the chart, bottom to top.
struct BarStack {
  std::string Name; ///< shown in the hover title ("schedule", "no reuse")
  std::vector<double> Values;
  double Opacity = 1; ///< a second stack of a group may be drawn lighter
};

/// The bars of one category (a layer), side by side.
struct BarGroup {
  std::string Label; ///< the category's tick label
  std::string Title; ///< hover text heading every segment of the group
  std::vector<BarStack> Stacks;
};

struct BarChartSpec {
  std::string Title, YLabel, Caption;
  std::string Unit; ///< for the hover values, e.g. "bit", "s"
  /// Formats a hover value instead of siValue(V, Unit) when set.
  std::string (*Format)(double) = nullptr;
  /// Name and fill colour of each series (segment), bottom to top.
  std::vector<std::pair<std::string, std::string>> Series;
  std::vector<BarGroup> Groups;
};

/// Writes the chart: one rect per non-zero segment (class `bar s<i>`, with a
/// hover title "<group title>: <stack>: <series> <value>"), the linear y
/// axis from 0 to a round number above the tallest stack, and the legend.
void writeBarChart(const BarChartSpec &C, llvm::raw_ostream &OS,
                   Standalone Mode);

} // namespace svg
} // namespace hcm

#endif // HCM_REPORT_SVG_H
