//===- Schedule.cpp - The quantized execution schedule of a layer ---------===//
//
// The pass model (ours; METRICS.md section 8 names the steps, not the
// counts): with t 3x3 tiles per output channel, Gi = ceil(t / s_n) input
// groups and Go = ceil(m / s_m) output groups,
//  - output-stationary (default): for each output group, the input groups in
//    turn; the group's partial sums (B*m_og*Ho*Wo*acc bits) stay in the
//    accumulator buffer when they fit, else every pass but the last writes
//    them and every pass but the first reads them back. Each pass streams its
//    input slice, so inputs are read once per output group.
//  - input-stationary: for each input group, the output groups in turn; the
//    input slice is streamed once and kept in the line buffer for the other
//    output groups; all partial sums (B*m*Ho*Wo*acc) must fit, else each
//    output group's are written and read back as above.
// A pass streams the input channels its output channels read: all of them,
// or with groups only those of the groups it covers (split across input
// groups).
// Weights (ng*kh*kw per output channel, split exactly across input groups)
// load with each pass, biases (acc bits) with the first; outputs (bo bits)
// are written after the last input group. A pass costs its prefetch (its
// weights and first kh input rows at the DRAM rate) plus one clock per
// output pixel.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Schedule.h"

using namespace hcm;

namespace {

int64_t ceilDiv(int64_t A, int64_t B) { return (A + B - 1) / B; }

/// Share \p I of \p Total split into \p Parts as evenly as integers allow.
int64_t share(int64_t Total, int64_t Parts, int64_t I) {
  return Total * (I + 1) / Parts - Total * I / Parts;
}

/// Input channels the output channels [First, First + Count) read: all n
/// without groups, else the channels of the groups they belong to.
int64_t inputChannelsFor(const Layer &L, int64_t First, int64_t Count) {
  if (L.Groups <= 1)
    return L.NIn;
  int64_t PerGroup = L.MOut / L.Groups;
  int64_t Groups = (First + Count - 1) / PerGroup - First / PerGroup + 1;
  return Groups * L.ng();
}

Requant requantFor(const LayerAnalysis &A) {
  Requant R;
  ElementType Out = A.Q.Out;
  if (!Out.isInteger()) {
    R.Float = true;
    return R;
  }
  int64_t Bo = Out.getWidth();
  R.Shift = std::max<int64_t>(0, A.Q.Acc - Bo);
  R.ClampLo = Out.isSigned() ? -(int64_t(1) << (Bo - 1)) : 0;
  R.ClampHi =
      Out.isSigned() ? (int64_t(1) << (Bo - 1)) - 1 : (int64_t(1) << Bo) - 1;
  const Node &N = *A.L.N;
  std::string Act = N.getStringAttr("hcm.act");
  R.Relu = Act == "Relu";
  if (Act == "Clip")
    if (const Attribute *Min = N.getAttr("hcm.act_min"))
      R.Relu =
          Min->getKind() == Attribute::Kind::Double && Min->getDouble() >= 0;
  if (R.Relu)
    R.ClampLo = std::max<int64_t>(R.ClampLo, 0);
  return R;
}

} // namespace

int64_t hcm::tilesPerOutput(const Layer &L) {
  if (L.KH * L.KW > 1)
    return ceilDiv(L.KH, 3) * ceilDiv(L.KW, 3) * L.ng();
  int64_t Pack = L.N ? L.N->getIntAttr("pack", 9) : 9;
  return ceilDiv(L.ng(), Pack > 0 ? Pack : 9);
}

int64_t LayerSchedule::cycles() const {
  int64_t C = 0;
  for (const SchedulePass &P : Passes)
    C += P.cycles();
  return C;
}

int64_t LayerSchedule::dramRead() const {
  int64_t C = 0;
  for (const SchedulePass &P : Passes)
    C += P.dramRead();
  return C;
}

int64_t LayerSchedule::dramWritten() const {
  int64_t C = 0;
  for (const SchedulePass &P : Passes)
    C += P.dramWritten();
  return C;
}

LayerSchedule hcm::scheduleLayer(const LayerAnalysis &A, const ScheduleHw &Hw) {
  const Layer &L = A.L;
  LayerSchedule S;
  int64_t T = tilesPerOutput(L);
  S.InGroups = ceilDiv(T, Hw.Rows);
  S.OutGroups = ceilDiv(L.MOut, Hw.Cols);
  int64_t B = L.B.Value, Pixels = B * L.Ho.Value * L.Wo.Value;
  int64_t Ba = A.Q.A.getWidth(), Bw = A.Q.W.getWidth();
  int64_t Bo = A.Q.Out.getWidth(), Acc = A.Q.Acc;
  int64_t PerOut = L.fanIn(); // weight elements per output channel
  int64_t PartialsAll = Pixels * L.MOut * Acc;
  bool OS = Hw.Order == LoopOrder::OutputStationary;
  int64_t Largest = std::min<int64_t>(Hw.Cols, L.MOut);
  S.KeepsPartials = S.InGroups == 1 || (OS ? Pixels * Largest * Acc
                                           : PartialsAll) <= Hw.AccBufferBits;
  int64_t Outer = OS ? S.OutGroups : S.InGroups;
  int64_t Inner = OS ? S.InGroups : S.OutGroups;
  for (int64_t I = 0; I < Outer; ++I)
    for (int64_t J = 0; J < Inner; ++J) {
      SchedulePass P;
      P.OutGroup = OS ? I : J;
      P.InGroup = OS ? J : I;
      P.OutChannels =
          share(L.MOut, S.OutGroups, P.OutGroup) == 0
              ? 0
              : std::min<int64_t>(Hw.Cols, L.MOut - P.OutGroup * Hw.Cols);
      P.InChannels =
          share(inputChannelsFor(L, P.OutGroup * Hw.Cols, P.OutChannels),
                S.InGroups, P.InGroup);
      P.Tiles = share(T, S.InGroups, P.InGroup);
      P.WeightBits = P.OutChannels * share(PerOut, S.InGroups, P.InGroup) * Bw +
                     (P.InGroup == 0 && L.bias() ? P.OutChannels * Acc : 0);
      // Input-stationary reuses the slice across output groups, which read
      // the same channels only without groups.
      bool Streams = OS || P.OutGroup == 0 || L.Groups > 1;
      P.InputBits =
          Streams ? B * P.InChannels * L.Hi.Value * L.Wi.Value * Ba : 0;
      P.InputRows = Streams ? B * L.Hi.Value : 0;
      int64_t Partial = Pixels * P.OutChannels * Acc;
      if (!S.KeepsPartials) {
        P.PartialReadBits = P.InGroup > 0 ? Partial : 0;
        P.PartialWriteBits = P.InGroup + 1 < S.InGroups ? Partial : 0;
      }
      P.OutputBits =
          P.InGroup + 1 == S.InGroups ? Pixels * P.OutChannels * Bo : 0;
      int64_t FirstRows =
          Streams ? L.KH * L.Wi.Value * P.InChannels * Ba * B : 0;
      P.PrefetchCycles = ceilDiv(P.WeightBits + FirstRows,
                                 std::max<int64_t>(1, Hw.DramBitsPerClock));
      P.StreamCycles = Pixels;
      S.Passes.push_back(P);
    }
  S.Requantize = requantFor(A);
  return S;
}
