//===- consumer.cpp - hcm embedded in another program ---------------------===//
//
// An out-of-tree user of the installed hcm package: imports a model, runs a
// pipeline through the C++ API and prints every compute layer's cycles and
// bound from the typed analyses (LayerTableAnalysis, HwEvalAnalysis), then
// the network's total. Usage: hcm-consumer MODEL [TARGET] (dims named N are
// bound to 1).
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/Import/Import.h"
#include "hcm/Pass/PassManager.h"
#include "hcm/Target/HwModel.h"

#include "llvm/Support/raw_ostream.h"

using namespace hcm;

/// Analyzes \p Path on target \p TargetName and prints one line per layer.
static llvm::Error analyze(llvm::StringRef Path, llvm::StringRef TargetName) {
  PassContext Ctx;
  auto Hw = resolveHwModel(TargetName, {},
                           [&](llvm::StringRef P) { return Ctx.readFile(P); });
  if (!Hw)
    return Hw.takeError();
  Ctx.Hw = std::make_shared<const HwModel>(std::move(*Hw));

  ImportOptions IOpts;
  IOpts.DimBindings["N"] = 1;
  auto M = importFile(Path, IOpts);
  if (!M)
    return M.takeError();
  PassManager PM;
  if (llvm::Error E =
          PM.addPipeline("canonicalize,annotate-quant{w=8 a=8},lower-to-pe"))
    return E;
  if (llvm::Error E = PM.run(**M, Ctx))
    return E;

  auto Eval = Ctx.AM.get<HwEvalAnalysis>(**M, Ctx);
  if (!Eval)
    return Eval.takeError();
  const HwEval &R = **Eval;
  for (size_t I = 0; I < R.Layers.size(); ++I) {
    const LayerFacts &F = R.Table->Layers[I];
    const LayerEval &E = R.Layers[I];
    llvm::outs() << F.Name << ' ' << F.Op << " macs=" << F.W.Macs
                 << " cycles=" << E.Sched.cycles()
                 << (E.MemoryBound ? " memory-bound" : " compute-bound")
                 << '\n';
  }
  llvm::outs() << "layers=" << R.Net.Layers << " cycles=" << R.Net.Cycles
               << '\n';
  return llvm::Error::success();
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    llvm::errs() << "usage: hcm-consumer MODEL [TARGET]\n";
    return 1;
  }
  if (llvm::Error E =
          analyze(argv[1], argc == 3 ? argv[2] : "hcm-16x16-800mhz")) {
    llvm::errs() << llvm::toString(std::move(E)) << '\n';
    return 1;
  }
  return 0;
}
