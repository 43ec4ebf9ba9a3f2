//===- Evaluate.cpp - A layer and a network on one hardware model ---------===//
//
// Energy = P_array * t + e_dram * DRAM bits (METRICS.md section 7), with the
// array power of the HwModel (min/avg/max where the PE publishes them).
// Utilization = MACs / (stream cycles * PEs * MACs per PE per clock).
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Evaluate.h"

#include <algorithm>

using namespace hcm;

static bool widerThan(ElementType E, unsigned Bits) {
  return E.isFloat() || E.getWidth() > Bits;
}

bool hcm::evaluateLayer(const LayerFacts &F, const HwModel &Hw,
                        const ScheduleHw &SH, LayerEval &E) {
  if (!scheduleTotals(F, SH, E.Sched))
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
  E.ComputeSeconds = double(S.StreamCycles) / Fq;
  E.MemorySeconds = Bits / BW;
  E.Seconds = std::max(double(S.cycles()) / Fq, E.MemorySeconds);
  E.MemoryBound = E.MemorySeconds > E.ComputeSeconds;
  E.OpsPerBit = Bits > 0 ? Ops / Bits : 0;
  E.MemoryRoof = E.OpsPerBit * BW;
  E.ComputeRoof = E.ComputeSeconds > 0 ? Ops / E.ComputeSeconds : 0;
  E.Attainable = Ops / std::max(E.ComputeSeconds, E.MemorySeconds);
  E.FixBandwidth = E.MemoryBound ? Bits / E.ComputeSeconds : 0;
  E.FixClockHz = E.MemoryBound ? double(S.StreamCycles) * BW / Bits : 0;
  E.Utilization =
      double(F.W.Macs) / (double(S.StreamCycles) * double(Hw.pes()) *
                          double(Window3x3PE::MacsPerClock));
  E.DramEnergyPj = Hw.DramPjPerBit * Bits;
  E.HasEnergy = Hw.ArrayPowerMw.has_value();
  for (int I = 0; I < 3; ++I) // mW * s = mJ = 1e9 pJ
    E.EnergyPj[I] =
        E.HasEnergy ? (*Hw.ArrayPowerMw)[I] * E.Seconds * 1e9 + E.DramEnergyPj
                    : 0;
  E.WiderThanDatapath =
      Hw.DatapathBits > 0 &&
      (widerThan(F.Q.A, Hw.DatapathBits) || widerThan(F.Q.W, Hw.DatapathBits));
  return true;
}

NetworkSummary &NetworkSummary::operator+=(const LayerEval &E) {
  ++Layers;
  MemoryBoundLayers += E.MemoryBound;
  Cycles += E.Sched.cycles();
  StreamCycles += E.Sched.StreamCycles;
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
  double Slots = double(StreamCycles) * double(Hw.pes()) *
                 double(Window3x3PE::MacsPerClock);
  return Slots > 0 ? Macs / Slots : 0;
}

double NetworkSummary::topsPerMm2(const HwModel &Hw) const {
  double AreaMm2 = (Hw.ArrayAreaUm2 + Hw.BufferAreaUm2) / 1e6;
  return AreaMm2 > 0 && Seconds > 0 ? Ops / Seconds / 1e12 / AreaMm2 : 0;
}
