//===- Scatter.cpp - The Pareto scatter of a sweep ------------------------===//
#include "hcm/DSE/Scatter.h"

#include "hcm/DSE/DesignSpace.h"
#include "hcm/DSE/PointFields.h"
#include "hcm/Report/Svg.h"

#include <fmt/format.h>

#include <algorithm>

using namespace hcm;
using namespace hcm::svg;

namespace {

/// log10 when every value is positive and they span more than a decade.
Axis::Kind kindFor(llvm::ArrayRef<ScatterPoint> Pts, double ScatterPoint::*F) {
  double Lo = 0, Hi = 0;
  bool First = true;
  for (const ScatterPoint &P : Pts) {
    double V = P.*F;
    if (V <= 0)
      return Axis::Linear;
    Lo = First ? V : std::min(Lo, V);
    Hi = First ? V : std::max(Hi, V);
    First = false;
  }
  return !First && Hi > 10 * Lo ? Axis::Log : Axis::Linear;
}

/// The unit of a point field, from the field tables (Fields.def and the
/// sweep's own fields).
std::string unitOf(llvm::StringRef Key) {
  for (const auto *Infos :
       {&netFieldInfos(), &hwFieldInfos(), &pointFieldInfos()})
    for (const FieldInfo &I : *Infos)
      if (Key == I.Key)
        return I.Unit;
  return "";
}

std::string objectiveLabel(const Objective &O) {
  std::string Unit = unitOf(O.Key);
  return O.Key + " (" + (Unit.empty() ? "" : Unit + ", ") +
         (O.S == Sense::Min ? "lower is better)" : "higher is better)");
}

std::string pointTitle(const SweepHeader &H, const ScatterPoint &P) {
  std::string S = fmt::format("point {}", P.Id);
  const DesignSpace &D = *H.Space;
  for (size_t A = 0; A < D.axes().size(); ++A)
    S += (A ? ", " : ": ") + D.axes()[A].name() + "=" + D.value(P.Id, A);
  S += fmt::format("; {} = {:.6g}, {} = {:.6g}", H.Objectives[0].Key, P.X,
                   H.Objectives[1].Key, P.Y);
  if (P.Front)
    S += "; on the Pareto front";
  if (P.Id == H.Reference)
    S += "; the reference point";
  return S;
}

Style dot(const char *Fill, const char *Stroke, double Opacity) {
  Style S;
  S.Fill = Fill;
  S.Stroke = Stroke;
  S.Opacity = Opacity;
  return S;
}

} // namespace

void hcm::writeParetoScatter(const SweepHeader &H,
                             llvm::ArrayRef<ScatterPoint> Pts,
                             llvm::raw_ostream &OS) {
  PlotSpec S;
  S.Title = "Design points of " + H.Model;
  S.XLabel = objectiveLabel(H.Objectives[0]);
  S.YLabel = objectiveLabel(H.Objectives[1]);
  S.Caption = fmt::format("{} points on {}{}; Pareto front of {}", H.Points,
                          H.Target, H.Sampled ? " (sampled)" : "",
                          describeObjectives(H.Objectives));
  S.X.Type = kindFor(Pts, &ScatterPoint::X);
  S.Y.Type = kindFor(Pts, &ScatterPoint::Y);
  for (const ScatterPoint &P : Pts) {
    S.X.Data.add(P.X);
    S.Y.Data.add(P.Y);
  }
  Plot Pl(S);
  const char *Blue = "#1f77b4", *Red = "#d62728";
  for (const ScatterPoint &P : Pts)
    if (!P.Front)
      Pl.point(P.X, P.Y, 2.5, dot(Blue, "", 0.5), "pt design",
               pointTitle(H, P));
  std::vector<ScatterPoint> Front;
  for (const ScatterPoint &P : Pts)
    if (P.Front)
      Front.push_back(P);
  std::sort(Front.begin(), Front.end(), [](const auto &A, const auto &B) {
    return A.X != B.X ? A.X < B.X : A.Id < B.Id;
  });
  Style Line;
  Line.Stroke = Red;
  Line.Width = 1.5;
  for (size_t I = 1; I < Front.size(); ++I)
    Pl.segment(Front[I - 1].X, Front[I - 1].Y, Front[I].X, Front[I].Y, Line,
               "front-line");
  for (const ScatterPoint &P : Front)
    Pl.point(P.X, P.Y, 4, dot(Red, "#000000", 1), "pt front", pointTitle(H, P));
  for (const ScatterPoint &P : Pts)
    if (P.Id == H.Reference)
      Pl.point(P.X, P.Y, 7, dot("", "#000000", 1), "pt reference",
               pointTitle(H, P));
  Style Ring = dot("", "#000000", 1);
  Pl.legend({{"design point", dot(Blue, "", 0.5), Mark::Dot},
             {"Pareto front", dot(Red, "#000000", 1), Mark::Dot},
             {"reference point", Ring, Mark::Dot}});
  Pl.write(OS, Standalone::Yes);
}
