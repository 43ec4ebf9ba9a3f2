//===- Svg.cpp - A small deterministic SVG plotting module ----------------===//
//
// Layout: the frame sits 80 px from the left (tick labels and the y label),
// 48 px from the top (title), LegendWidth + 10 px from the right, and 72 px
// (plus BottomExtra) from the bottom (tick labels, x label, caption). Marks
// are clipped to the frame analytically (Liang-Barsky in pixel space), so
// the document needs no clipPath ids and can be inlined several times into
// one HTML page.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Svg.h"

#include <fmt/format.h>

#include <cmath>

using namespace hcm;
using namespace hcm::svg;

namespace {

constexpr double MarginLeft = 80, MarginTop = 48, MarginBottom = 72;
constexpr double Eps = 1e-9;

/// The smallest 1, 2 or 5 times a power of ten that is >= \p V.
double niceStep(double V) {
  if (!(V > 0))
    return 1;
  double P = std::pow(10.0, std::floor(std::log10(V) + Eps));
  for (double M : {1.0, 2.0, 5.0, 10.0})
    if (M * P >= V * (1 - Eps))
      return M * P;
  return 10 * P;
}

std::string trimZeros(std::string S) {
  if (S.find('.') == std::string::npos)
    return S;
  while (S.back() == '0')
    S.pop_back();
  if (S.back() == '.')
    S.pop_back();
  return S;
}

} // namespace

std::string svg::escape(llvm::StringRef S) {
  std::string R;
  R.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '&':
      R += "&amp;";
      break;
    case '<':
      R += "&lt;";
      break;
    case '>':
      R += "&gt;";
      break;
    case '"':
      R += "&quot;";
      break;
    case '\'':
      R += "&#39;";
      break;
    default:
      R += C;
    }
  }
  return R;
}

std::string svg::px(double V) {
  std::string S = fmt::format("{:.2f}", V);
  return S == "-0.00" ? "0.00" : S;
}

std::string svg::siLabel(double V) {
  if (V == 0 || !std::isfinite(V))
    return "0";
  static const char *const Big[] = {"", "k", "M", "G", "T", "P", "E"};
  static const char *const Small[] = {"", "m", "u", "n", "p"};
  double A = std::fabs(V);
  int E = int(std::floor(std::log10(A) / 3 + Eps));
  // Plain numbers from 0.01 to 999.
  if (A >= 0.01 * (1 - Eps) && A < 1000 * (1 - Eps))
    E = 0;
  E = std::max(-4, std::min(6, E));
  double M = V / std::pow(1000.0, E);
  int Digits = std::fabs(M) >= 100 ? 0 : std::fabs(M) >= 10 ? 1 : 2;
  if (std::fabs(M) < 1)
    Digits = 3;
  std::string Num = trimZeros(fmt::format("{:.{}f}", M, Digits));
  return Num + (E >= 0 ? Big[E] : Small[-E]);
}

void Range::add(double V) {
  if (!std::isfinite(V))
    return;
  Lo = std::min(Lo, V);
  Hi = std::max(Hi, V);
  if (V > 0)
    MinPositive = std::min(MinPositive, V);
}

double Scale::operator()(double V) const {
  double T = IsLog ? (std::log10(V) - std::log10(Lo)) /
                         (std::log10(Hi) - std::log10(Lo))
                   : (V - Lo) / (Hi - Lo);
  return P0 + T * (P1 - P0);
}

bool Scale::contains(double V) const {
  if (IsLog && !(V > 0))
    return false;
  double P = (*this)(V);
  return P >= std::min(P0, P1) - 0.01 && P <= std::max(P0, P1) + 0.01;
}

Scale svg::scaleFor(const Axis &A, double P0, double P1) {
  Scale S;
  S.P0 = P0;
  S.P1 = P1;
  if (!A.Categories.empty()) {
    S.Lo = 0;
    S.Hi = double(A.Categories.size());
    return S;
  }
  if (A.Type == Axis::Log) {
    S.IsLog = true;
    // Non-positive values have no place on a log axis.
    bool None = !(A.Data.Hi > 0);
    double L = None ? 0 : std::floor(std::log10(A.Data.MinPositive) + Eps);
    double H = None ? 1 : std::ceil(std::log10(A.Data.Hi) - Eps);
    if (H <= L)
      H = L + 1;
    S.Lo = std::pow(10.0, L);
    S.Hi = std::pow(10.0, H);
    return S;
  }
  double Lo = A.Data.empty() ? 0 : std::min(0.0, A.Data.Lo);
  double Hi = A.Data.empty() ? 1 : std::max(0.0, A.Data.Hi);
  if (Hi - Lo <= 0)
    Hi = Lo + 1;
  double Step = niceStep((Hi - Lo) / 5);
  S.Lo = std::floor(Lo / Step + Eps) * Step;
  S.Hi = std::ceil(Hi / Step - Eps) * Step;
  return S;
}

std::vector<Tick> svg::ticksFor(const Scale &S, const Axis &A) {
  std::vector<Tick> Ticks;
  if (!A.Categories.empty()) {
    for (size_t I = 0; I < A.Categories.size(); ++I)
      Ticks.push_back({double(I) + 0.5, A.Categories[I]});
    return Ticks;
  }
  if (S.IsLog) {
    int L = int(std::lround(std::log10(S.Lo)));
    int H = int(std::lround(std::log10(S.Hi)));
    int Every = H - L > 12 ? 2 : 1;
    for (int E = L; E <= H; ++E)
      Ticks.push_back({std::pow(10.0, E),
                       (E - L) % Every ? "" : A.Label(std::pow(10.0, E))});
    return Ticks;
  }
  double Step = niceStep((S.Hi - S.Lo) / 5);
  for (int I = 0; S.Lo + I * Step <= S.Hi * (1 + Eps) + Eps; ++I) {
    double V = S.Lo + I * Step;
    if (std::fabs(V) < Step * Eps)
      V = 0;
    Ticks.push_back({V, A.Label(V)});
  }
  return Ticks;
}

std::string svg::styleAttrs(const Style &S) {
  std::string R = fmt::format(" stroke=\"{}\" fill=\"{}\"",
                              S.Stroke.empty() ? "none" : S.Stroke,
                              S.Fill.empty() ? "none" : S.Fill);
  if (!S.Stroke.empty())
    R += " stroke-width=\"" + px(S.Width) + "\"";
  if (!S.Dash.empty())
    R += " stroke-dasharray=\"" + S.Dash + "\"";
  if (S.Opacity < 1)
    R += " opacity=\"" + px(S.Opacity) + "\"";
  return R;
}

static std::string titled(llvm::StringRef Title) {
  return Title.empty() ? "" : "<title>" + escape(Title) + "</title>";
}

Plot::Plot(PlotSpec S) : Spec(std::move(S)) {
  double Right = Spec.Width - Spec.LegendWidth - 10;
  double Bottom = Spec.Height - MarginBottom - Spec.BottomExtra;
  XS = scaleFor(Spec.X, MarginLeft, Right);
  YS = scaleFor(Spec.Y, Bottom, MarginTop);
}

void Plot::segment(double X0, double Y0, double X1, double Y1, const Style &S,
                   llvm::StringRef Class, llvm::StringRef Title) {
  if (XS.IsLog && (X0 <= 0 || X1 <= 0))
    return;
  if (YS.IsLog && (Y0 <= 0 || Y1 <= 0))
    return;
  double A[2] = {XS(X0), YS(Y0)}, D[2] = {XS(X1) - A[0], YS(Y1) - A[1]};
  double Lo[2] = {left(), top()}, Hi[2] = {right(), bottom()};
  double T0 = 0, T1 = 1;
  for (int K = 0; K < 2; ++K) {
    double P[2] = {-D[K], D[K]}, Q[2] = {A[K] - Lo[K], Hi[K] - A[K]};
    for (int J = 0; J < 2; ++J) {
      if (std::fabs(P[J]) < Eps) {
        if (Q[J] < -0.01)
          return; // parallel to this edge and outside it
        continue;
      }
      double R = Q[J] / P[J];
      if (P[J] < 0)
        T0 = std::max(T0, R);
      else
        T1 = std::min(T1, R);
    }
  }
  if (T0 > T1)
    return;
  Body += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" "
                      "y2=\"{}\"{}>{}</line>\n",
                      escape(Class), px(A[0] + T0 * D[0]), px(A[1] + T0 * D[1]),
                      px(A[0] + T1 * D[0]), px(A[1] + T1 * D[1]), styleAttrs(S),
                      titled(Title));
}

void Plot::point(double X, double Y, double R, const Style &S,
                 llvm::StringRef Class, llvm::StringRef Title) {
  if ((XS.IsLog && X <= 0) || (YS.IsLog && Y <= 0))
    return;
  Body += fmt::format("<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"{}>{}"
                      "</circle>\n",
                      escape(Class), px(XS(X)), px(YS(Y)), px(R), styleAttrs(S),
                      titled(Title));
}

void Plot::rect(double X0, double Y0, double X1, double Y1, const Style &S,
                llvm::StringRef Class, llvm::StringRef Title) {
  double A = XS(X0), B = XS(X1), C = YS(Y0), D = YS(Y1);
  Body += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                      "height=\"{}\"{}>{}</rect>\n",
                      escape(Class), px(std::min(A, B)), px(std::min(C, D)),
                      px(std::fabs(B - A)), px(std::fabs(D - C)), styleAttrs(S),
                      titled(Title));
}

void Plot::label(double X, double Y, llvm::StringRef Text,
                 llvm::StringRef Anchor, llvm::StringRef Class) {
  Body += fmt::format(
      "<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n",
      escape(Class), px(XS(X)), px(YS(Y)), Anchor.str(), escape(Text));
}

void Plot::legend(llvm::ArrayRef<LegendEntry> Entries) {
  double X = right() + 16, Y = top() + 6;
  Legend.clear();
  for (const LegendEntry &E : Entries) {
    switch (E.M) {
    case Mark::Dot:
      Legend += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4.00\"{}/>\n",
                            px(X + 8), px(Y), styleAttrs(E.S));
      break;
    case Mark::Line:
      Legend +=
          fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n",
                      px(X), px(Y), px(X + 16), px(Y), styleAttrs(E.S));
      break;
    case Mark::Swatch:
      Legend += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"12.00\" height=\"12.00\"{}/>\n",
          px(X + 2), px(Y - 6), styleAttrs(E.S));
      break;
    }
    Legend += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", px(X + 22),
                          px(Y + 4), escape(E.Label));
    Y += 20;
  }
}

void Plot::write(llvm::raw_ostream &OS, Standalone Mode) const {
  double W = Spec.Width, H = Spec.Height;
  if (Mode == Standalone::Yes)
    OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  OS << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                    "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
                    "font-family=\"sans-serif\" font-size=\"12\">\n",
                    px(W), px(H));
  OS << "<title>" << escape(Spec.Title) << "</title>\n";
  OS << fmt::format("<rect class=\"background\" width=\"{}\" height=\"{}\" "
                    "fill=\"white\"/>\n",
                    px(W), px(H));
  OS << fmt::format("<text class=\"plot-title\" x=\"{}\" y=\"28.00\" "
                    "text-anchor=\"middle\" font-size=\"15\" "
                    "font-weight=\"bold\">{}</text>\n",
                    px((left() + right()) / 2), escape(Spec.Title));
  // Grid and ticks.
  OS << "<g class=\"grid\" stroke=\"#e3e3e3\">\n";
  auto XT = ticksFor(XS, Spec.X), YT = ticksFor(YS, Spec.Y);
  bool Cat = !Spec.X.Categories.empty();
  if (!Cat)
    for (const Tick &T : XT)
      OS << fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                        px(XS(T.Value)), px(top()), px(bottom()));
  for (const Tick &T : YT)
    OS << fmt::format("<line x1=\"{1}\" y1=\"{0}\" x2=\"{2}\" y2=\"{0}\"/>\n",
                      px(YS(T.Value)), px(left()), px(right()));
  OS << "</g>\n";
  OS << fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" "
                    "height=\"{}\" stroke=\"#444\" fill=\"none\"/>\n",
                    px(left()), px(top()), px(right() - left()),
                    px(bottom() - top()));
  OS << "<g class=\"x-ticks\" text-anchor=\"middle\">\n";
  for (const Tick &T : XT) {
    if (T.Label.empty())
      continue;
    double X = XS(T.Value), Y = bottom() + 16;
    if (Cat)
      OS << fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" "
                        "transform=\"rotate(-55 {0} {1})\">{2}</text>\n",
                        px(X + 4), px(bottom() + 12), escape(T.Label));
    else
      OS << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", px(X), px(Y),
                        escape(T.Label));
  }
  OS << "</g>\n<g class=\"y-ticks\" text-anchor=\"end\">\n";
  for (const Tick &T : YT)
    if (!T.Label.empty())
      OS << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", px(left() - 6),
                        px(YS(T.Value) + 4), escape(T.Label));
  OS << "</g>\n";
  OS << fmt::format("<text class=\"x-label\" x=\"{}\" y=\"{}\" "
                    "text-anchor=\"middle\">{}</text>\n",
                    px((left() + right()) / 2), px(H - 30),
                    escape(Spec.XLabel));
  OS << fmt::format("<text class=\"y-label\" x=\"{0}\" y=\"{1}\" "
                    "text-anchor=\"middle\" transform=\"rotate(-90 {0} "
                    "{1})\">{2}</text>\n",
                    px(20), px((top() + bottom()) / 2), escape(Spec.YLabel));
  OS << "<g class=\"marks\">\n" << Body << "</g>\n";
  OS << "<g class=\"legend\">\n" << Legend << "</g>\n";
  if (!Spec.Caption.empty())
    OS << fmt::format("<text class=\"caption\" x=\"{}\" y=\"{}\" "
                      "text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                      px(W / 2), px(H - 10), escape(Spec.Caption));
  OS << "</svg>\n";
}

std::string svg::siValue(double V, llvm::StringRef Unit) {
  static const char *const Prefix[] = {"p", "n", "u", "m", "", "k",
                                       "M", "G", "T", "P", "E"};
  if (V == 0 || !std::isfinite(V))
    return Unit.empty() ? "0" : "0 " + Unit.str();
  int E = int(std::floor(std::log10(std::fabs(V)) / 3 + Eps));
  E = std::max(-4, std::min(6, E));
  double M = V / std::pow(1000.0, E);
  if (std::fabs(M) >= 999.95 && E < 6) {
    M /= 1000;
    ++E;
  }
  double A = std::fabs(M);
  int Digits = A >= 99.995 ? 1 : A >= 9.9995 ? 2 : 3;
  std::string Suffix = Prefix[E + 4] + Unit.str();
  return fmt::format("{:.{}f}", M, Digits) + (Suffix.empty() ? "" : " ") +
         Suffix;
}
