//===- DSEBench.cpp - The design-space sweep's throughput -----------------===//
//
// hcm-dse's inner loop on ResNet-50's compiled layer table (torchvision
// shapes at 224x224, batch 1, 8-bit; the same synthetic table as
// EvaluateBench.cpp): a 10,000-point hardware sweep (clock x array x DRAM
// bandwidth x accumulator buffer), each point a PointEvaluator::evaluate --
// setTargetField per swept value, buildHwModel, 54 evaluateLayer calls --
// and the Pareto archive, on one thread. Reports layer-evaluations and
// points per second.
// Run: build/bin/hcm-bench --benchmark_filter=dse
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Fields.h"
#include "hcm/DSE/Evaluator.h"
#include "hcm/DSE/PointFields.h"

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

void dseSweep(benchmark::State &State) {
  std::vector<SweepAxis> Axes;
  for (const char *A : {"clock=100MHz..1GHz:10:log",
                        "array=4x4,8x8,12x12,"
                        "16x16,20x20,24x24,32x32,48x48,64x64,128x128",
                        "dram_bandwidth=10Gbit/s..1Tbit/s:10:log",
                        "acc_buffer=8KiB..1MiB:10:log"})
    Axes.push_back(*parseSweepArg(A));
  auto Space = DesignSpace::create(Axes);
  auto Base = loadTarget("hcm-16x16-800mhz", {}, [](llvm::StringRef P) {
    return llvm::errorOrToExpected(llvm::MemoryBuffer::getFile(P));
  });
  if (!Space || !Base) {
    State.SkipWithError("setup failed");
    return;
  }
  CompiledModel M;
  M.Tables.push_back(resnet50());
  M.Totals.push_back(totalsOf(M.Tables[0]));
  PointEvaluator Eval(*Space, M, *Base, "hcm-16x16-800mhz", {});
  ObjectiveReader Reader = *ObjectiveReader::create(
      {{"energy_avg", Sense::Min}, {"seconds", Sense::Min}}, false);
  uint64_t Points = 0;
  size_t Front = 0;
  for (auto _ : State) {
    ParetoArchive Archive(Reader.senses());
    PointResult R, Ref;
    ObjectiveVector V{};
    llvm::cantFail(Eval.evaluate(0, Ref));
    for (uint64_t Id = 0; Id < Space->size(); ++Id) {
      llvm::cantFail(Eval.evaluate(Id, R));
      llvm::cantFail(Reader.read({R, M.Totals[0], Ref, std::nullopt}, V));
      Archive.insert(Id, V);
    }
    Points += Space->size();
    Front = Archive.size();
  }
  State.counters["points"] = double(Space->size());
  State.counters["front"] = double(Front);
  State.counters["points_per_s"] =
      benchmark::Counter(double(Points), benchmark::Counter::kIsRate);
  State.counters["layer_evals_per_s"] =
      benchmark::Counter(double(Points) * double(M.Tables[0].Layers.size()),
                         benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(dseSweep)
    ->Name("dse/resnet50_10000_points")
    ->Unit(benchmark::kMillisecond);
