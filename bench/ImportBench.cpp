//===- ImportBench.cpp - Import, verify and print the shipped models ------===//
//
// Google Benchmark for the front end: the target is milliseconds per model.
// Run: build/bin/hcm-bench [--benchmark_filter=resnet]
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Printer.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"

#include "benchmark/benchmark.h"

#include <string>

using namespace hcm;

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

BENCHMARK_MAIN();
