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

#include "Resnet50Table.h"

#include "benchmark/benchmark.h"

using namespace hcm;

namespace {

void evaluate(benchmark::State &State) {
  LayerTable Table = bench::resnet50();
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
