//===- PeTime.cpp - Time and traffic rules of the PE kinds ----------------===//
//
// mac (METRICS.md section 5): `ideal` divides the layer's MACs over the R x C
// PEs, ceil(MACs / PEs) clocks; `channels` maps input channels (per group)
// over the rows and output channels over the columns, one kernel position a
// clock: g * ceil(ng / R) * ceil(m_g / C) * kh * kw * P clocks. A measured
// chip sustains only part of the peak: the clocks are stretched by
// PEs * f / sustained MAC/s (mac_efficiency, or sustained_mac_rate).
//
// operator (TF+ORCA): one output pixel of one filter every K operator clocks,
// whatever the input channels; O operators work in parallel:
// ceil(P * m / O) * K * period. Nothing else takes time (no weight loading,
// no fill): the paper's simulator counts convolution operations.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/PeTime.h"

#include "hcm/Support/MathUtil.h"

#include <cmath>

using namespace hcm;

bool hcm::fusesPool(const LayerFacts &F, const HwModel &Hw) {
  if (F.Pool.empty())
    return false;
  switch (Hw.Pools) {
  case PoolFusion::None:
    return false;
  case PoolFusion::All:
    return true;
  case PoolFusion::IntoConv:
    return !F.PoolReaderOp.empty() && !Hw.runsOnHost(F.PoolReaderOp);
  }
  return false;
}

bool hcm::onceTraffic(const LayerFacts &F, const HwModel &Hw,
                      OnceTraffic &Out) {
  const LayerShape &S = F.S;
  int64_t AccBias = S.HasBias ? S.MOut * F.Q.Acc : 0;
  int64_t Bias = 0;
  if (S.HasBias && Hw.Bias == BiasTraffic::Acc)
    Bias = AccBias;
  else if (S.HasBias && Hw.Bias == BiasTraffic::Storage)
    Bias = S.MOut * int64_t(LayerQuant::bits(F.Q.W));
  int64_t PerImage = F.T.Weights - AccBias + Bias, Weights;
  if (__builtin_mul_overflow(PerImage, S.B, &Weights) ||
      __builtin_add_overflow(Weights, F.T.Inputs, &Out.Read))
    return false;
  Out.PoolFused = fusesPool(F, Hw);
  Out.Written = Out.PoolFused ? F.PooledOutputBits : F.T.Outputs;
  return true;
}

bool hcm::macTime(const LayerFacts &F, const HwModel &Hw, KindTime &Out) {
  const LayerShape &S = F.S;
  int64_t Clocks = 0;
  if (Hw.Mapping == MacMapping::Ideal) {
    Clocks = ceilDiv(F.W.Macs, Hw.pes());
  } else {
    int64_t Mg = S.MOut / S.Groups;
    int64_t Tiles = S.Groups * ceilDiv(S.ng(), int64_t(Hw.Rows)) *
                    ceilDiv(Mg, int64_t(Hw.Cols));
    if (__builtin_mul_overflow(Tiles, S.KH * S.KW, &Clocks) ||
        __builtin_mul_overflow(Clocks, S.pixels(), &Clocks))
      return false;
  }
  double Peak = double(Hw.pes()) * double(Hw.ClockHz);
  double Stretch = Peak / Hw.SustainedMacsPerSec;
  Out.Seconds = double(Clocks) / double(Hw.ClockHz) * Stretch;
  Out.Cycles = int64_t(std::ceil(double(Clocks) * Stretch - 1e-9));
  Out.Utilization =
      Clocks ? double(F.W.Macs) / (double(Clocks) * double(Hw.pes())) : 0;
  return true;
}

bool hcm::operatorTime(const LayerFacts &F, const HwModel &Hw, KindTime &Out) {
  int64_t Outputs;
  if (__builtin_mul_overflow(F.W.Pixels, F.S.MOut, &Outputs))
    return false;
  int64_t Rounds = ceilDiv(Outputs, Hw.pes());
  Out.Seconds = double(Rounds) * Hw.SecondsPerOutput;
  Out.Cycles = int64_t(std::llround(Out.Seconds * double(Hw.ClockHz)));
  Out.Utilization =
      Rounds ? double(Outputs) / (double(Rounds) * double(Hw.pes())) : 0;
  return true;
}
