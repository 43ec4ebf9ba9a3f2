//===- ImportBench.cpp - Import, verify and print the shipped models ------===//
//
// Google Benchmark for the front end: the target is milliseconds per model.
// Run: build/bin/hcm-bench [--benchmark_filter=resnet]
// Every .onnx file in build/bench-models (bench/make_bench_models.py: the
// inline-weight torchvision models, the chains, the external-data model) is
// benchmarked too, as import/<file> and import-copied/<file> (the whole
// protobuf parse, ImportOptions::MapWeights=false).
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Printer.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "benchmark/benchmark.h"

#include <string>

using namespace hcm;

static void importPath(benchmark::State &State, const std::string &Path,
                       bool Map) {
  ImportOptions Opts;
  Opts.OnWarning = [](const std::string &) {};
  Opts.MapWeights = Map;
  Opts.DimBindings["N"] = 1;
  for (auto _ : State) {
    auto M = importFile(Path, Opts);
    if (!M) {
      State.SkipWithError(llvm::toString(M.takeError()).c_str());
      return;
    }
    benchmark::DoNotOptimize(M->get());
  }
}

static void importModel(benchmark::State &State, const std::string &Name) {
  std::string Path = std::string(HCM_MODELS_DIR) + "/" + Name + ".onnx";
  ImportOptions Opts;
  Opts.OnWarning = [](const std::string &) {};
  for (auto _ : State) {
    auto M = importFile(Path, Opts);
    if (!M) {
      State.SkipWithError(llvm::toString(M.takeError()).c_str());
      return;
    }
    if (llvm::Error E = verifyModule(**M)) {
      State.SkipWithError(llvm::toString(std::move(E)).c_str());
      return;
    }
    benchmark::DoNotOptimize(printModuleToString(**M).size());
  }
}

BENCHMARK_CAPTURE(importModel, resnet18, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importModel, mobilenet_v2, std::string("mobilenet_v2"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importModel, vgg16, std::string("vgg16"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importModel, mnist_cnn4, std::string("mnist_cnn4"))
    ->Unit(benchmark::kMillisecond);

int main(int Argc, char **Argv) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(HCM_BENCH_MODELS_DIR, EC), End;
       It != End && !EC; It.increment(EC)) {
    std::string Path = It->path();
    if (llvm::sys::path::extension(Path) != ".onnx")
      continue;
    std::string File = llvm::sys::path::filename(Path).str();
    for (bool Map : {true, false})
      benchmark::RegisterBenchmark(
          ((Map ? "import/" : "import-copied/") + File).c_str(),
          [Path, Map](benchmark::State &S) { importPath(S, Path, Map); })
          ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&Argc, Argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
