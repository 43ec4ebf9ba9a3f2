//===- SvgTest.cpp - The plotting module ----------------------------------===//
//
// Scales, ticks, number formats, clipping and determinism of lib/Report's
// SVG module, which the report's pictures and the sweep's scatter share.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Svg.h"

#include "gtest/gtest.h"

using namespace hcm;
using namespace hcm::svg;

namespace {

TEST(Svg, Formats) {
  EXPECT_EQ(siLabel(1e9), "1G");
  EXPECT_EQ(siLabel(2.5e3), "2.5k");
  EXPECT_EQ(siLabel(0.1), "0.1");
  EXPECT_EQ(siLabel(100), "100");
  EXPECT_EQ(siLabel(1e-3), "1m");
  EXPECT_EQ(siLabel(0), "0");
  EXPECT_EQ(siValue(5.24288e14, "OPS/s"), "524.3 TOPS/s");
  EXPECT_EQ(siValue(0.5, "s"), "500.0 ms");
  EXPECT_EQ(siValue(999.96, "bit"), "1.000 kbit");
  EXPECT_EQ(siValue(42, ""), "42.00");
  EXPECT_EQ(px(-0.001), "0.00");
  EXPECT_EQ(escape("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
}

TEST(Svg, LogScaleRoundsOutToDecades) {
  Axis A;
  A.Type = Axis::Log;
  A.Data.add(0.33);
  A.Data.add(13.3);
  A.Data.add(-1); // no place on a log axis; ignored
  Scale S = scaleFor(A, 0, 300);
  EXPECT_DOUBLE_EQ(S.Lo, 0.1);
  EXPECT_DOUBLE_EQ(S.Hi, 100);
  EXPECT_DOUBLE_EQ(S(1), 100);
  EXPECT_DOUBLE_EQ(S(10), 200);
  std::vector<Tick> T = ticksFor(S, A);
  ASSERT_EQ(T.size(), 4u);
  EXPECT_EQ(T[0].Label, "0.1");
  EXPECT_EQ(T[3].Label, "100");
  // An exact decade stays one; a single value gets one decade.
  Axis B;
  B.Type = Axis::Log;
  B.Data.add(1000);
  Scale SB = scaleFor(B, 0, 1);
  EXPECT_DOUBLE_EQ(SB.Lo, 1000);
  EXPECT_DOUBLE_EQ(SB.Hi, 10000);
}

TEST(Svg, LinearScaleNiceSteps) {
  Axis A;
  A.Data.add(11);
  Scale S = scaleFor(A, 0, 1);
  EXPECT_DOUBLE_EQ(S.Lo, 0);
  EXPECT_DOUBLE_EQ(S.Hi, 15);
  std::vector<Tick> T = ticksFor(S, A);
  ASSERT_EQ(T.size(), 4u); // 0 5 10 15
  EXPECT_EQ(T[1].Label, "5");
  Axis Empty;
  Scale SE = scaleFor(Empty, 0, 1);
  EXPECT_DOUBLE_EQ(SE.Hi, 1);
}

std::string render(const Plot &P) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  P.write(OS, Standalone::No);
  return OS.str();
}

TEST(Svg, SegmentsAreClippedToTheFrame) {
  PlotSpec Spec;
  Spec.X.Data.add(10);
  Spec.Y.Data.add(10);
  Plot P(Spec);
  Style S;
  S.Stroke = "black";
  // From far left of the frame to its middle: starts at the left edge.
  P.segment(-10, 5, 5, 5, S, "a");
  P.segment(20, 20, 30, 30, S, "missed"); // entirely outside
  std::string Out = render(P);
  EXPECT_NE(Out.find("class=\"a\" x1=\"" + px(P.left()) + "\""),
            std::string::npos);
  EXPECT_EQ(Out.find("missed"), std::string::npos);
  EXPECT_EQ(Out.rfind("<svg", 0), 0u); // inline: no XML declaration
}

TEST(Svg, SameCallsSameBytes) {
  auto Make = [] {
    PlotSpec Spec;
    Spec.Title = "t <1>";
    Spec.X.Type = Axis::Log;
    Spec.X.Data.add(0.2);
    Spec.X.Data.add(700);
    Spec.Y.Data.add(3);
    Plot P(Spec);
    Style S;
    S.Fill = "red";
    P.point(1, 1, 3, S, "pt", "hover & more");
    P.legend({{"dots", S, Mark::Dot}});
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    P.write(OS, Standalone::Yes);
    return OS.str();
  };
  std::string A = Make();
  EXPECT_EQ(A, Make());
  EXPECT_EQ(A.rfind("<?xml", 0), 0u);
  EXPECT_NE(A.find("<title>hover &amp; more</title>"), std::string::npos);
  EXPECT_NE(A.find("<title>t &lt;1&gt;</title>"), std::string::npos);
}

} // namespace
