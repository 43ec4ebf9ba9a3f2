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
// Input groups take consecutive tiles; a pass loads the weights of its tiles
// (3x3 or smaller at the kernel's edge) and streams the input channels they
// touch (a channel whose tiles straddle two groups is streamed by both),
// with groups only the channels of the groups its outputs belong to. Weights
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

/// How tiles [T0, T1) of one output channel map onto its ng input
/// channels: tiles enumerate (channel, tile row, tile column) for kernels
/// larger than 1x1, and groups of `pack` channels for 1x1 kernels.
struct TileRange {
  int64_t Channels = 0; ///< input channels (of one group) the tiles touch
  int64_t Elements = 0; ///< weight elements in the tiles
};

TileRange tileRange(const Layer &L, int64_t T0, int64_t T1) {
  TileRange R;
  if (T1 <= T0)
    return R;
  if (L.KH * L.KW == 1) {
    int64_t Pack = ceilDiv(L.ng(), tilesPerOutput(L));
    int64_t C0 = T0 * Pack, C1 = std::min(L.ng(), T1 * Pack);
    R.Channels = R.Elements = C1 - C0;
    return R;
  }
  int64_t TH = ceilDiv(L.KH, 3), TW = ceilDiv(L.KW, 3), PerCh = TH * TW;
  R.Channels = (T1 - 1) / PerCh - T0 / PerCh + 1;
  for (int64_t T = T0; T < T1; ++T) {
    int64_t In = T % PerCh, Ty = In / TW, Tx = In % TW;
    R.Elements += std::min<int64_t>(3, L.KH - 3 * Ty) *
                  std::min<int64_t>(3, L.KW - 3 * Tx);
  }
  return R;
}

/// Groups of the layer that output channels [First, First + Count) span.
int64_t groupsSpanned(const Layer &L, int64_t First, int64_t Count) {
  if (L.Groups <= 1)
    return 1;
  int64_t PerGroup = L.MOut / L.Groups;
  return (First + Count - 1) / PerGroup - First / PerGroup + 1;
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
      P.OutChannels = std::min<int64_t>(Hw.Cols, L.MOut - P.OutGroup * Hw.Cols);
      int64_t T0 = T * P.InGroup / S.InGroups;
      P.Tiles = share(T, S.InGroups, P.InGroup);
      TileRange TR = tileRange(L, T0, T0 + P.Tiles);
      P.InChannels =
          TR.Channels * groupsSpanned(L, P.OutGroup * Hw.Cols, P.OutChannels);
      P.WeightBits = P.OutChannels * TR.Elements * Bw +
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
