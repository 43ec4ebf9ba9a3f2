//===- WriteAnalysis.cpp - bops, traffic, roofline, ppa -------------------===//
//
// The four analysis passes are one pass with different field groups: each
// asks the analysis manager for the layer table (and, for roofline and ppa,
// its evaluation on the driver's hardware model) and writes the groups as
// `hcm.<group>` dictionaries, the hardware model as the module's
// `hcm.target`. They change nothing an analysis reads, so the cache stays;
// their attributes are output only (editing one in a saved .hcm changes no
// figure). Every pass asks for what it needs, so any order gives the same
// numbers.
//
//   bops      hcm.work (MACs, OPS, BOPS, ...), hcm.tiling; vector ops hcm.work
//   traffic   hcm.traffic (bits, OPS/bit, prefetch, line buffer); vector ops
//   roofline  hcm.roofline (the schedule's point and the what-if point)
//   ppa       hcm.ppa (time, bound, fixes, utilization, energy)
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/Analysis/Fields.h"
#include "hcm/IR/Graph.h"
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {

class WriteAnalysisPass : public Pass {
public:
  WriteAnalysisPass(llvm::StringRef Name, std::vector<FieldGroup> Groups)
      : Pass(Name), Groups(std::move(Groups)) {}

  bool preservesAnalyses() const override { return true; }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto Table = Ctx.AM.get<LayerTableAnalysis>(M, Ctx);
    if (!Table)
      return Table.takeError();
    const HwEval *Eval = nullptr;
    if (onHardware()) {
      auto E = Ctx.AM.get<HwEvalAnalysis>(M, Ctx);
      if (!E)
        return E.takeError();
      Eval = *E;
    }
    if (!Ctx.WriteOutputAttributes)
      return llvm::Error::success(); // no IR is printed: nothing reads them
    if (Eval)
      writeHwModel(M, *Eval->Hw);
    const auto &Nodes = M.getGraph().getNodes();
    const LayerTable &T = **Table;
    for (size_t I = 0; I < T.Layers.size(); ++I) {
      if (T.Layers[I].NodeIndex == NoNode)
        continue; // inside a subgraph: reported, not written
      Node &N = *Nodes[T.Layers[I].NodeIndex];
      for (FieldGroup G : Groups)
        writeLayerGroup(N, G, T.Layers[I], Eval ? &Eval->Layers[I] : nullptr,
                        Eval ? Eval->Hw : nullptr);
    }
    for (const VectorFacts &V : T.Vectors)
      if (V.NodeIndex != NoNode)
        writeVector(*Nodes[V.NodeIndex], V);
    return llvm::Error::success();
  }

private:
  bool onHardware() const {
    for (FieldGroup G : Groups)
      if (needsHardware(G))
        return true;
    return false;
  }

  void writeVector(Node &N, const VectorFacts &V) {
    for (FieldGroup G : Groups) {
      AttrDict D;
      visitVectorFields(V, nullptr,
                        [&](const FieldInfo &I, const FieldValue &Val) {
                          if (I.Group == G)
                            if (auto A = toAttribute(Val))
                              D[I.Key] = std::move(*A);
                        });
      if (!D.empty())
        N.setAttr(std::string("hcm.") + groupName(G), Attribute(std::move(D)));
    }
  }

  std::vector<FieldGroup> Groups;
};

} // namespace

std::unique_ptr<Pass> hcm::createBopsPass() {
  return std::make_unique<WriteAnalysisPass>(
      "bops", std::vector<FieldGroup>{FieldGroup::work, FieldGroup::tiling});
}

std::unique_ptr<Pass> hcm::createTrafficPass() {
  return std::make_unique<WriteAnalysisPass>(
      "traffic", std::vector<FieldGroup>{FieldGroup::traffic});
}

std::unique_ptr<Pass> hcm::createRooflinePass() {
  return std::make_unique<WriteAnalysisPass>(
      "roofline", std::vector<FieldGroup>{FieldGroup::roofline});
}

std::unique_ptr<Pass> hcm::createPpaPass() {
  return std::make_unique<WriteAnalysisPass>(
      "ppa", std::vector<FieldGroup>{FieldGroup::ppa});
}
