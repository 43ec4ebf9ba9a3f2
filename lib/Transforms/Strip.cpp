//===- Strip.cpp - The `strip` pass ---------------------------------------===//
//
// Drops information no analysis reads: doc strings on the model, graphs and
// nodes, and with `metadata=true` the model's metadata_props and producer
// fields. Node names stay: they are the locations diagnostics and reports use.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {
class StripPass : public Pass {
public:
  StripPass() : Pass("strip") {
    addOption("metadata", Metadata,
              "also drop metadata_props and producer name/version");
  }

  llvm::Error run(Module &M, PassContext &) override {
    AttrDict &Props = M.getProperties();
    Props.erase("doc_string");
    if (Metadata) {
      M.getMetadata().clear();
      Props.erase("producer_name");
      Props.erase("producer_version");
    }
    stripGraph(M.getGraph());
    return llvm::Error::success();
  }

private:
  static void stripGraph(Graph &G) {
    G.setDocString("");
    for (const auto &N : G.getNodes()) {
      N->setDocString("");
      for (Graph *Sub : N->getSubgraphs())
        stripGraph(*Sub);
    }
  }

  bool Metadata = false;
};
} // namespace

std::unique_ptr<Pass> hcm::createStripPass() {
  return std::make_unique<StripPass>();
}
