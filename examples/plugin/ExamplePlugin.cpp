//===- ExamplePlugin.cpp - A pass plugin for hcm-opt ----------------------===//
//
// Loaded with `hcm-opt --load-pass-plugin=HcmExamplePlugin.so`, it adds the
// pass `count-ops`, which writes how many nodes of each op type the main
// graph holds (sorted by op type) to its `output` (default stdout). It links
// hcm::PluginAPI only: hcm's symbols come from the loading hcm-opt.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassPlugin.h"

#include <map>

using namespace hcm;

namespace {

class CountOpsPass : public Pass {
public:
  CountOpsPass() : Pass("count-ops") {
    addOption("output", Output, "where the counts go ('-': stdout)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    std::map<std::string, int> Counts;
    for (const auto &N : M.getGraph().getNodes())
      ++Counts[N->getOpType()];
    return Ctx.emit(Output, [&](llvm::raw_ostream &OS) {
      for (const auto &[Op, Count] : Counts)
        OS << "count-ops: " << Op << ' ' << Count << '\n';
    });
  }

  bool preservesAnalyses() const override { return true; }

private:
  std::string Output = "-";
};

std::unique_ptr<Pass> createCountOpsPass() {
  return std::make_unique<CountOpsPass>();
}

void registerPasses(PassPluginRegistrar &R) {
  R.addPass({"count-ops", &createCountOpsPass,
             "Example plugin: nodes per op type in the main graph"});
  R.addPipeline({"count-after-canonicalize", "canonicalize,count-ops",
                 "Example plugin: canonicalize, then count-ops"});
}

} // namespace

extern "C" PassPluginInfo hcmGetPassPluginInfo() {
  return {HCM_PLUGIN_API_VERSION, "hcm-example-plugin", "1.0", &registerPasses};
}
