//===- Evaluate.cpp - A layer and a network on one hardware model ---------===//
//
// Energy = P_array * t + e_dram * DRAM bits (METRICS.md section 7), with the
// array power of the HwModel (min/avg/max where the PE publishes them).
// Utilization = MACs / (stream cycles * PEs * MACs per PE per clock) for
// window3x3; the kinds of PeTime.h give their own.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Evaluate.h"

#include "hcm/Analysis/PeTime.h"

#include <algorithm>

using namespace hcm;

static bool widerThan(ElementType E, unsigned Bits) {
  return E.isFloat() || E.getWidth() > Bits;
}

namespace {

/// The schedule totals of a `mac` or `operator` layer: one pass, each map
/// moved once (PeTime.h), no prefetch stall.
bool kindSchedule(const LayerFacts &F, const HwModel &Hw, LayerEval &E) {
  KindTime K;
  bool Ok = Hw.Kind == PeKind::Mac ? macTime(F, Hw, K) : operatorTime(F, Hw, K);
  OnceTraffic T;
  if (!Ok || !onceTraffic(F, Hw, T))
    return false;
  E.Sched = ScheduleTotals();
  E.Sched.StreamCycles = K.Cycles;
  E.Sched.DramRead = T.Read;
  E.Sched.DramWritten = T.Written;
  E.PoolFused = T.PoolFused;
  E.ComputeSeconds = K.Seconds;
  E.Utilization = K.Utilization;
  return true;
}

/// The window3x3 schedule; with psum_traffic=none its DRAM bits are the
/// once-per-image traffic instead.
bool windowSchedule(const LayerFacts &F, const HwModel &Hw,
                    const ScheduleHw &SH, LayerEval &E) {
  if (!scheduleTotals(F, SH, E.Sched))
    return false;
  E.ComputeSeconds = double(E.Sched.StreamCycles) / double(Hw.ClockHz);
  E.Utilization =
      double(F.W.Macs) / (double(E.Sched.StreamCycles) * double(Hw.pes()) *
                          double(Window3x3PE::MacsPerClock));
  if (Hw.Psum == PsumTraffic::Hcm)
    return true;
  OnceTraffic T;
  if (!onceTraffic(F, Hw, T))
    return false;
  E.Sched.DramRead = T.Read;
  E.Sched.DramWritten = T.Written;
  E.PoolFused = T.PoolFused;
  return true;
}

} // namespace

bool hcm::evaluateLayer(const LayerFacts &F, const HwModel &Hw,
                        const ScheduleHw &SH, LayerEval &E) {
  E.PoolFused = false;
  bool Ok = Hw.Kind == PeKind::Window3x3 ? windowSchedule(F, Hw, SH, E)
                                         : kindSchedule(F, Hw, E);
  if (!Ok)
    return false;
  const ScheduleTotals &S = E.Sched;
  double Fq = double(Hw.ClockHz), BW = Hw.DramBitsPerSec;
  double Ops = double(F.W.Ops), Bits = double(S.dramBits());
  E.Macs = F.W.Macs;
  E.Ops = F.W.Ops;
  WhatIfPoint &W = E.WhatIf;
  W.Required = double(F.W.OpsPixel) * Fq;
  W.OpsPerBit = F.T.Total ? Ops / double(F.T.Total) : 0;
  W.MemoryRoof = W.OpsPerBit * BW;
  W.Attainable = std::min({double(Hw.PeakOpsPerSec), W.Required, W.MemoryRoof});
  E.MemorySeconds = Bits / BW;
  double Busy =
      Hw.Kind == PeKind::Window3x3 ? double(S.cycles()) / Fq : E.ComputeSeconds;
  E.Seconds = std::max(Busy, E.MemorySeconds);
  E.MemoryBound = E.MemorySeconds > E.ComputeSeconds;
  E.OpsPerBit = Bits > 0 ? Ops / Bits : 0;
  E.MemoryRoof = E.OpsPerBit * BW;
  E.ComputeRoof = E.ComputeSeconds > 0 ? Ops / E.ComputeSeconds : 0;
  E.Attainable = Ops / std::max(E.ComputeSeconds, E.MemorySeconds);
  E.FixBandwidth = E.MemoryBound ? Bits / E.ComputeSeconds : 0;
  E.FixClockHz = !E.MemoryBound ? 0
                 : Hw.Kind == PeKind::Window3x3
                     ? double(S.StreamCycles) * BW / Bits
                     : Fq * E.ComputeSeconds / E.MemorySeconds;
  E.DramEnergyPj = Hw.DramPjPerBit * Bits;
  E.HasEnergy = Hw.ArrayPowerMw.has_value();
  for (int I = 0; I < 3; ++I) // mW * s = mJ = 1e9 pJ
    E.EnergyPj[I] =
        E.HasEnergy ? (*Hw.ArrayPowerMw)[I] * E.Seconds * 1e9 + E.DramEnergyPj
                    : 0;
  E.WiderThanDatapath =
      Hw.DatapathBits > 0 &&
      (widerThan(F.Q.A, Hw.DatapathBits) || widerThan(F.Q.W, Hw.DatapathBits));
  E.OnHost = Hw.runsOnHost(F.Op);
  return true;
}

NetworkSummary &NetworkSummary::operator+=(const LayerEval &E) {
  if (E.OnHost) {
    ++HostLayers;
    HostMacs += double(E.Macs);
    return *this;
  }
  ++Layers;
  MemoryBoundLayers += E.MemoryBound;
  Cycles += E.Sched.cycles();
  StreamCycles += E.Sched.StreamCycles;
  BusyCycles += E.Utilization * double(E.Sched.StreamCycles);
  DramRead += E.Sched.DramRead;
  DramWritten += E.Sched.DramWritten;
  Macs += double(E.Macs);
  Ops += double(E.Ops);
  Seconds += E.Seconds;
  HasEnergy &= E.HasEnergy;
  for (int I = 0; I < 3; ++I)
    EnergyPj[I] += E.EnergyPj[I];
  DramEnergyPj += E.DramEnergyPj;
  FixBandwidth = std::max(FixBandwidth, E.FixBandwidth);
  return *this;
}

double NetworkSummary::utilization(const HwModel &Hw) const {
  if (Hw.Kind != PeKind::Window3x3)
    return StreamCycles > 0 ? BusyCycles / double(StreamCycles) : 0;
  double Slots = double(StreamCycles) * double(Hw.pes()) *
                 double(Window3x3PE::MacsPerClock);
  return Slots > 0 ? Macs / Slots : 0;
}

std::optional<double> NetworkSummary::topsPerMm2(const HwModel &Hw) const {
  std::optional<double> AreaMm2 = Hw.areaMm2();
  if (!AreaMm2)
    return std::nullopt;
  return *AreaMm2 > 0 && Seconds > 0 ? Ops / Seconds / 1e12 / *AreaMm2 : 0;
}
