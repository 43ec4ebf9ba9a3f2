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
// The totals are closed-form: input groups with the same slice form one
// class (the first, with the bias; for 1x1 the last, whose tile may be
// partial; the others by their first tile modulo a channel's tiles and their
// size, q or q + 1 tiles), counted with floor sums; output groups of a
// grouped layer likewise (full groups spanning one of two group counts, and
// the partial last one). The work is O(min(Gi, tiles per channel) log T),
// independent of the channel counts.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Schedule.h"

#include "hcm/Support/MathUtil.h"
#include "hcm/Target/HwModel.h"

#include "llvm/ADT/SmallVector.h"

using namespace hcm;

llvm::StringRef hcm::loopOrderName(LoopOrder O) {
  return O == LoopOrder::InputStationary ? "input-stationary"
                                         : "output-stationary";
}

ScheduleHw hcm::scheduleHw(const HwModel &Hw) {
  ScheduleHw S;
  S.Rows = Hw.Rows;
  S.Cols = Hw.Cols;
  S.DramBitsPerClock = Hw.DramBitsPerClock;
  S.AccBufferBits = Hw.AccBufferBits;
  S.Order = Hw.Order;
  return S;
}

namespace {

constexpr int64_t Side = Window3x3PE::Side;

/// The numbers every pass of one layer shares.
struct Geometry {
  const LayerShape &S;
  int64_t T, Gi, Go, Pixels, Ba, Bw, Bo, Acc, D;
  int64_t PerCh;     ///< tiles per input channel (kernels above 1x1)
  int64_t Pack;      ///< channels per tile as the groups split them (1x1)
  int64_t RowBits;   ///< B * kh * Wi * ba: first rows of one input channel
  int64_t SliceBits; ///< B * Hi * Wi * ba: one input channel streamed
  bool OS, Keeps;

  Geometry(const LayerFacts &F, const ScheduleHw &Hw)
      : S(F.S), T(F.Tiles.TilesPerOutput), Gi(ceilDiv(T, Hw.Rows)),
        Go(ceilDiv(F.S.MOut, Hw.Cols)), Pixels(F.S.pixels()),
        Ba(F.Q.A.getWidth()), Bw(F.Q.W.getWidth()), Bo(F.Q.Out.getWidth()),
        Acc(F.Q.Acc), D(std::max<int64_t>(1, Hw.DramBitsPerClock)),
        PerCh(F.Tiles.TH * F.Tiles.TW),
        Pack(ceilDiv(F.S.ng(), std::max<int64_t>(1, T))),
        RowBits(F.S.B * F.S.KH * F.S.Wi * Ba),
        SliceBits(F.S.B * F.S.Hi * F.S.Wi * Ba),
        OS(Hw.Order == LoopOrder::OutputStationary) {
    int64_t Largest = std::min<int64_t>(Hw.Cols, S.MOut);
    __int128 Need = __int128(Pixels) * (OS ? Largest : S.MOut) * Acc;
    Keeps = Gi == 1 || Need <= Hw.AccBufferBits;
  }

  /// Weight elements of the first \p X tiles of one output channel.
  int64_t elementsBefore(int64_t X) const {
    if (S.KH * S.KW == 1)
      return std::min(S.ng(), X * Pack);
    int64_t TW = ceilDiv(S.KW, Side), K = X % PerCh, R = K / TW;
    int64_t Part = S.KW * std::min(Side * R, S.KH) +
                   std::max<int64_t>(0, std::min(Side, S.KH - Side * R)) *
                       std::min(Side * (K % TW), S.KW);
    return X / PerCh * S.KH * S.KW + Part;
  }

  /// Input channels (of one group) tiles [T0, T1) touch.
  int64_t channels(int64_t T0, int64_t T1) const {
    if (T1 <= T0)
      return 0;
    if (S.KH * S.KW == 1)
      return std::min(S.ng(), T1 * Pack) - T0 * Pack;
    return (T1 - 1) / PerCh - T0 / PerCh + 1;
  }

  int64_t tileStart(int64_t Ig) const { return int64_t(__int128(T) * Ig / Gi); }

  /// Groups of the layer that output channels [First, First + Count) span.
  int64_t groupsSpanned(int64_t First, int64_t Count) const {
    if (S.Groups <= 1)
      return 1;
    int64_t PerGroup = S.MOut / S.Groups;
    return (First + Count - 1) / PerGroup - First / PerGroup + 1;
  }

  /// Input-stationary reuses the slice across output groups, which read the
  /// same channels only without groups.
  bool streams(int64_t Og) const { return OS || Og == 0 || S.Groups > 1; }
};

/// One input group: its tiles, the channels they touch, their elements.
struct InSlice {
  int64_t T0, Tiles, Channels, Elements;
};

InSlice inSlice(const Geometry &G, int64_t Ig) {
  int64_t T0 = G.tileStart(Ig), T1 = G.tileStart(Ig + 1);
  return {T0, T1 - T0, G.channels(T0, T1),
          G.elementsBefore(T1) - G.elementsBefore(T0)};
}

/// Prefetch clocks of a pass with input slice \p In (\p Bias: the first
/// input group, which loads the biases) and \p OutCh outputs spanning \p
/// Span groups; Checked catches overflow.
int64_t prefetch(const Geometry &G, const InSlice &In, bool Bias, int64_t OutCh,
                 int64_t Span, bool Streams, Checked &C) {
  int64_t Bits = C.add({C.mul({OutCh, In.Elements, G.Bw}),
                        Bias && G.S.HasBias ? C.mul({OutCh, G.Acc}) : 0,
                        Streams ? C.mul({G.RowBits, In.Channels, Span}) : 0});
  return ceilDiv(Bits, G.D);
}

using U128 = unsigned __int128;

/// sum_{i < N} floor((A * i + B) / M) modulo 2^128, for M > 0 and
/// M * (N + 1) < 2^128 (the AtCoder Library's floor_sum_unsigned).
U128 floorSum(U128 N, U128 M, U128 A, U128 B) {
  U128 Sum = 0;
  while (true) {
    if (A >= M) {
      U128 Pairs = N % 2 == 0 ? N / 2 * (N - 1) : (N - 1) / 2 * N;
      Sum += Pairs * (A / M);
      A %= M;
    }
    if (B >= M) {
      Sum += N * (B / M);
      B %= M;
    }
    U128 YMax = A * N + B;
    if (YMax < M)
      return Sum;
    N = YMax / M;
    B = YMax % M;
    std::swap(M, A);
  }
}

/// How many i in [0, N) have (A * i + B) mod M in [L, R), for 0 <= A, B < M
/// and 0 <= L <= R <= M: the sum of floor((A i + B - L) / M) - floor((A i +
/// B - R) / M), each term 1 exactly when the residue is in the window.
int64_t countInWindow(int64_t N, int64_t M, int64_t A, int64_t B, int64_t L,
                      int64_t R) {
  U128 Hi = floorSum(U128(N), U128(M), U128(A), U128(B) + U128(M - L));
  U128 Lo = floorSum(U128(N), U128(M), U128(A), U128(B) + U128(M - R));
  return int64_t(Hi - Lo);
}

/// The slice of \p Tiles tiles from tile \p T0: that of every input group
/// whose first tile is T0 modulo the tiles of a channel (the last group of a
/// 1x1 layer aside, whose last tile may be partial).
InSlice sliceAt(const Geometry &G, int64_t T0, int64_t Tiles) {
  return {T0, Tiles, G.channels(T0, T0 + Tiles),
          G.elementsBefore(T0 + Tiles) - G.elementsBefore(T0)};
}

/// Calls \p Fn(In, Bias, Count) once per class of \p Count input groups
/// with slice \p In. Group Ig starts at tile v = floor(T Ig / Gi); a tile v
/// starts a group exactly when e = (-v Gi) mod T < Gi, and that group has q + 1
/// tiles (q = T / Gi) exactly when e >= Gi - T mod Gi. Over the tiles v = a +
/// c P of residue a (P tiles per channel), e is linear in c modulo T, so each
/// class is counted by countInWindow.
template <typename FnT> void forEachInClass(const Geometry &G, FnT Fn) {
  bool Pointwise = G.S.KH * G.S.KW == 1;
  int64_t P = Pointwise ? 1 : std::max<int64_t>(1, G.PerCh), T = G.T;
  if (G.Gi <= 2 * P + 2) {
    for (int64_t Ig = 0; Ig < G.Gi; ++Ig)
      Fn(inSlice(G, Ig), Ig == 0, 1);
    return;
  }
  InSlice First = inSlice(G, 0), Last = inSlice(G, G.Gi - 1);
  Fn(First, true, 1);
  if (Pointwise)
    Fn(Last, false, 1);
  int64_t Q = T / G.Gi, Rem = T % G.Gi;
  int64_t A = int64_t((T - __int128(P) * G.Gi % T) % T);
  for (int64_t Res = 0; Res < P; ++Res) {
    int64_t N = ceilDiv(T - Res, P);
    int64_t B = int64_t((T - __int128(Res) * G.Gi % T) % T);
    int64_t Long = Rem ? countInWindow(N, T, A, B, G.Gi - Rem, G.Gi) : 0;
    int64_t Short = countInWindow(N, T, A, B, 0, G.Gi) - Long;
    for (const InSlice *Alone : {&First, Pointwise ? &Last : nullptr})
      if (Alone && Alone->T0 % P == Res)
        --(Alone->Tiles > Q ? Long : Short);
    if (Short > 0)
      Fn(sliceAt(G, Res, Q), false, Short);
    if (Long > 0)
      Fn(sliceAt(G, Res, Q + 1), false, Long);
  }
}

/// Output groups of a grouped layer with the same channels and span.
struct OutClass {
  int64_t OutCh, Span, Count;
};

/// Full output groups start at channel Og * Cols and span Base or Base + 1
/// groups, the latter when (Og * Cols) mod (m / g) >= m / g - (Cols - 1) mod
/// (m / g); the partial last one is its own class.
llvm::SmallVector<OutClass, 3> outClasses(const Geometry &G, int64_t Cols) {
  llvm::SmallVector<OutClass, 3> Classes;
  int64_t Full = G.S.MOut / Cols, Rest = G.S.MOut % Cols;
  int64_t PerGroup = G.S.MOut / G.S.Groups;
  int64_t Base = (Cols - 1) / PerGroup + 1, Over = (Cols - 1) % PerGroup;
  int64_t Wide = Over ? countInWindow(Full, PerGroup, Cols % PerGroup, 0,
                                      PerGroup - Over, PerGroup)
                      : 0;
  if (Full > Wide)
    Classes.push_back({Cols, Base, Full - Wide});
  if (Wide > 0)
    Classes.push_back({Cols, Base + 1, Wide});
  if (Rest)
    Classes.push_back({Rest, G.groupsSpanned(Full * Cols, Rest), 1});
  return Classes;
}

/// Prefetch clocks of one input group over all its output groups.
int64_t groupPrefetch(const Geometry &G, const InSlice &In, bool Bias,
                      llvm::ArrayRef<OutClass> Outs, int64_t Cols, Checked &C) {
  const LayerShape &S = G.S;
  int64_t Full = S.MOut / Cols, Rest = S.MOut % Cols;
  if (S.Groups > 1) {
    int64_t Pf = 0;
    for (const OutClass &O : Outs)
      Pf = C.add({Pf, C.mul({O.Count, prefetch(G, In, Bias, O.OutCh, O.Span,
                                               true, C)})});
    return Pf;
  }
  if (G.OS)
    return C.add({C.mul({Full, prefetch(G, In, Bias, Cols, 1, true, C)}),
                  Rest ? prefetch(G, In, Bias, Rest, 1, true, C) : 0});
  if (Full > 0) // input-stationary: output group 0 streams
    return C.add({prefetch(G, In, Bias, Cols, 1, true, C),
                  C.mul({Full - 1, prefetch(G, In, Bias, Cols, 1, false, C)}),
                  Rest ? prefetch(G, In, Bias, Rest, 1, false, C) : 0});
  return prefetch(G, In, Bias, Rest, 1, true, C);
}

} // namespace

bool hcm::scheduleTotals(const LayerFacts &F, const ScheduleHw &Hw,
                         ScheduleTotals &Out) {
  Geometry G(F, Hw);
  const LayerShape &S = F.S;
  Checked C;
  ScheduleTotals R;
  R.InGroups = G.Gi;
  R.OutGroups = G.Go;
  R.Passes = C.mul({G.Gi, G.Go});
  R.KeepsPartials = G.Keeps;
  R.StreamCycles = C.mul({R.Passes, G.Pixels});
  int64_t Cols = Hw.Cols;
  llvm::SmallVector<OutClass, 3> Outs;
  if (S.Groups > 1)
    Outs = outClasses(G, Cols);
  int64_t Channels = 0; // sum over input groups
  forEachInClass(G, [&](const InSlice &In, bool Bias, int64_t Count) {
    Channels = C.add({Channels, C.mul({Count, In.Channels})});
    R.PrefetchCycles =
        C.add({R.PrefetchCycles,
               C.mul({Count, groupPrefetch(G, In, Bias, Outs, Cols, C)})});
  });
  // Streamed input channels: each output group's span (groups), or once.
  int64_t Spans = G.OS ? G.Go : 1;
  if (S.Groups > 1) {
    Spans = 0;
    for (const OutClass &O : Outs)
      Spans = C.add({Spans, C.mul({O.Count, O.Span})});
  }
  int64_t Weights = C.add({C.mul({S.MOut, S.fanIn(), G.Bw}),
                           S.HasBias ? C.mul({S.MOut, G.Acc}) : 0});
  int64_t Inputs = C.mul({G.SliceBits, Channels, Spans});
  int64_t Partials = G.Keeps ? 0 : C.mul({G.Gi - 1, G.Pixels, S.MOut, G.Acc});
  int64_t Outputs = C.mul({G.Pixels, S.MOut, G.Bo});
  R.DramRead = C.add({Weights, Inputs, Partials});
  R.DramWritten = C.add({Partials, Outputs});
  if (C.overflowed())
    return false;
  Out = R;
  return true;
}

LayerSchedule hcm::expandSchedule(const LayerFacts &F, const ScheduleHw &Hw) {
  Geometry G(F, Hw);
  const LayerShape &S = F.S;
  LayerSchedule Sched;
  Checked C;
  scheduleTotals(F, Hw, Sched.Totals);
  int64_t Outer = G.OS ? G.Go : G.Gi, Inner = G.OS ? G.Gi : G.Go;
  for (int64_t I = 0; I < Outer; ++I)
    for (int64_t J = 0; J < Inner; ++J) {
      SchedulePass P;
      P.OutGroup = G.OS ? I : J;
      P.InGroup = G.OS ? J : I;
      P.OutChannels = std::min<int64_t>(Hw.Cols, S.MOut - P.OutGroup * Hw.Cols);
      InSlice In = inSlice(G, P.InGroup);
      int64_t Span = G.groupsSpanned(P.OutGroup * Hw.Cols, P.OutChannels);
      bool Streams = G.streams(P.OutGroup);
      P.Tiles = In.Tiles;
      P.InChannels = In.Channels * Span;
      P.WeightBits = P.OutChannels * In.Elements * G.Bw +
                     (P.InGroup == 0 && S.HasBias ? P.OutChannels * G.Acc : 0);
      P.InputBits = Streams ? G.SliceBits * P.InChannels : 0;
      P.InputRows = Streams ? S.B * S.Hi : 0;
      int64_t Partial = G.Pixels * P.OutChannels * G.Acc;
      if (!G.Keeps) {
        P.PartialReadBits = P.InGroup > 0 ? Partial : 0;
        P.PartialWriteBits = P.InGroup + 1 < G.Gi ? Partial : 0;
      }
      P.OutputBits =
          P.InGroup + 1 == G.Gi ? G.Pixels * P.OutChannels * G.Bo : 0;
      P.PrefetchCycles =
          prefetch(G, In, P.InGroup == 0, P.OutChannels, Span, Streams, C);
      P.StreamCycles = G.Pixels;
      Sched.Passes.push_back(P);
    }
  return Sched;
}

ScheduleTotals hcm::vectorSchedule(const VectorFacts &V, const ScheduleHw &Hw) {
  ScheduleTotals S;
  S.StreamCycles = ceilDiv(V.Ops, Hw.Cols);
  S.DramRead = V.T.Inputs;
  S.DramWritten = V.T.Outputs;
  return S;
}
