//===- PipelineBench.cpp - The default pipeline on the shipped models -----===//
//
// Google Benchmark for the whole analysis: import, then `-p default`
// (canonicalize, annotate-quant, lower-to-pe, bops, traffic, emit-report)
// with the report written to a string. Target: milliseconds per model.
// Run: build/bin/hcm-bench --benchmark_filter=defaultPipeline
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/Import.h"
#include "hcm/Pass/PassManager.h"
#include "hcm/Target/HwModel.h"

#include "benchmark/benchmark.h"

#include <string>

using namespace hcm;

static void defaultPipeline(benchmark::State &State, const std::string &Name) {
  std::string Path = std::string(HCM_MODELS_DIR) + "/" + Name + ".onnx";
  ImportOptions Opts;
  Opts.OnWarning = [](const std::string &) {};
  Opts.DimBindings["N"] = 1;
  auto Hw = resolveHwModel("hcm-16x16-800mhz", {}, [](llvm::StringRef P) {
    return llvm::errorOrToExpected(llvm::MemoryBuffer::getFile(P));
  });
  if (!Hw) {
    State.SkipWithError(llvm::toString(Hw.takeError()).c_str());
    return;
  }
  auto Shared = std::make_shared<const HwModel>(std::move(*Hw));
  for (auto _ : State) {
    auto M = importFile(Path, Opts);
    PassManager PM;
    llvm::Error E = M ? PM.addPipeline("default") : M.takeError();
    std::string Report;
    llvm::raw_string_ostream OS(Report);
    PassContext Ctx;
    Ctx.Out = &OS;
    Ctx.OnWarning = [](const std::string &) {};
    Ctx.Hw = Shared;
    if (!E)
      E = PM.run(**M, Ctx);
    if (E) {
      State.SkipWithError(llvm::toString(std::move(E)).c_str());
      return;
    }
    benchmark::DoNotOptimize(OS.str().size());
  }
}

BENCHMARK_CAPTURE(defaultPipeline, resnet18, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(defaultPipeline, mobilenet_v2, std::string("mobilenet_v2"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(defaultPipeline, vgg16, std::string("vgg16"))
    ->Unit(benchmark::kMillisecond);
