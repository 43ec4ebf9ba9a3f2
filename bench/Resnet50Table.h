//===- Resnet50Table.h - A compiled ResNet-50 layer table for benchmarks -*- C++
//-*-===//
//
// torchvision ResNet-50 at 224x224, batch 1, 8-bit: conv1, 16 bottlenecks
// ([3, 4, 6, 3]) with a downsample in the first of each stage, and the fc:
// 54 compute layers, built without IR for the evaluation and sweep
// benchmarks.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_BENCH_RESNET50TABLE_H
#define HCM_BENCH_RESNET50TABLE_H

#include "hcm/Analysis/LayerTable.h"
#include "hcm/Target/HwModel.h"

namespace hcm {
namespace bench {

inline LayerFacts layer(int64_t N, int64_t M, int64_t K, int64_t HW,
                        int64_t Stride, LayerKind Kind = LayerKind::Conv) {
  LayerFacts F;
  F.Name = "l";
  LayerShape &S = F.S;
  S.Kind = Kind;
  S.NIn = N;
  S.MOut = M;
  S.KH = S.KW = K;
  S.Hi = S.Wi = HW;
  S.Ho = S.Wo = HW / Stride;
  S.StrideH = S.StrideW = Stride;
  S.HasBias = true;
  F.Q.A = ElementType::integer(8, false);
  F.Q.W = ElementType::integer(8, true);
  F.Q.Out = F.Q.A;
  F.Q.Acc = accumulatorWidth(F.Q.A, F.Q.W, S.fanIn());
  F.Tiles = tileLayer(S.ng(), M, K, K, Window3x3PE::PackedChannels);
  computeWork(S, F.Q, F.W);
  computeTraffic(S, F.Q, F.W, F.T);
  return F;
}

inline LayerTable resnet50() {
  LayerTable T;
  T.Layers.push_back(layer(3, 64, 7, 224, 2));
  int64_t In = 64, HW = 56;
  const int Blocks[] = {3, 4, 6, 3};
  for (int Stage = 0; Stage < 4; ++Stage) {
    int64_t Mid = 64 << Stage, Out = Mid * 4;
    for (int B = 0; B < Blocks[Stage]; ++B) {
      int64_t Stride = Stage > 0 && B == 0 ? 2 : 1;
      T.Layers.push_back(layer(In, Mid, 1, HW, 1));
      T.Layers.push_back(layer(Mid, Mid, 3, HW, Stride));
      int64_t OutHW = HW / Stride;
      T.Layers.push_back(layer(Mid, Out, 1, OutHW, 1));
      if (B == 0)
        T.Layers.push_back(layer(In, Out, 1, HW, Stride));
      In = Out;
      HW = OutHW;
    }
  }
  T.Layers.push_back(layer(2048, 1000, 1, 1, 1, LayerKind::Gemm));
  return T;
}

} // namespace bench
} // namespace hcm

#endif // HCM_BENCH_RESNET50TABLE_H
