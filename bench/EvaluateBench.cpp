//===- EvaluateBench.cpp - The evaluation core, no IR, no YAML ------------===//
//
// The design-space sweep's inner loop: the compiled layer table of ResNet-50
// (53 convolutions and the fc, torchvision shapes at 224x224, batch 1, 8-bit)
// evaluated against a freshly built HwModel per iteration (a new array size
// each time, as a sweep would), schedule totals, roofline, PPA and the
// network summary included. Reports layer-evaluations per second.
// Run: build/bin/hcm-bench --benchmark_filter=evaluate
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/Target/HwModel.h"

#include "benchmark/benchmark.h"

using namespace hcm;

namespace {

LayerFacts layer(int64_t N, int64_t M, int64_t K, int64_t HW, int64_t Stride,
                 LayerKind Kind = LayerKind::Conv) {
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

/// torchvision ResNet-50: conv1, 16 bottlenecks ([3, 4, 6, 3]) with a
/// downsample in the first of each stage, and the fc: 54 compute layers.
LayerTable resnet50() {
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

void evaluate(benchmark::State &State) {
  LayerTable Table = resnet50();
  Target Base;
  {
    auto Hw = resolveHwModel("hcm-16x16-800mhz", {}, [](llvm::StringRef P) {
      return llvm::errorOrToExpected(llvm::MemoryBuffer::getFile(P));
    });
    if (!Hw) {
      State.SkipWithError(llvm::toString(Hw.takeError()).c_str());
      return;
    }
    Base = Hw->Spec;
  }
  unsigned Side = 8;
  double Seconds = 0;
  for (auto _ : State) {
    Target T = Base;
    T.Rows = T.Cols = Side;
    Side = Side == 64 ? 8 : Side + 1;
    auto Hw = buildHwModel(std::move(T), "hcm-16x16-800mhz", {});
    if (!Hw) {
      State.SkipWithError(llvm::toString(Hw.takeError()).c_str());
      return;
    }
    ScheduleHw SH = scheduleHw(*Hw);
    NetworkSummary Net;
    LayerEval E;
    for (const LayerFacts &F : Table.Layers) {
      evaluateLayer(F, *Hw, SH, E);
      Net += E;
    }
    Seconds += Net.Seconds;
  }
  benchmark::DoNotOptimize(Seconds);
  State.counters["layers"] = double(Table.Layers.size());
  State.counters["layer_evals_per_s"] = benchmark::Counter(
      double(State.iterations()) * double(Table.Layers.size()),
      benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(evaluate)->Unit(benchmark::kMicrosecond);
