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

#include "Resnet50Table.h"

#include "benchmark/benchmark.h"

using namespace hcm;

namespace {

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
  M.Tables.push_back(bench::resnet50());
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
