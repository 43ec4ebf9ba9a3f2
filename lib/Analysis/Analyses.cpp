//===- Analyses.cpp - The cached analyses of a module ---------------------===//
#include "hcm/Analysis/Analyses.h"

using namespace hcm;

char LayerTableAnalysis::ID = 0;
char HwEvalAnalysis::ID = 0;

llvm::Expected<LayerTable> LayerTableAnalysis::run(const Module &M,
                                                   PassContext &Ctx) {
  return buildLayerTable(M, Ctx.OnWarning,
                         {Ctx.Strict, Ctx.IfBranch, Ctx.Threads});
}

llvm::Expected<HwEval> hcm::evaluateTable(const LayerTable &T,
                                          const HwModel &Hw) {
  HwEval R;
  R.Net = NetworkSummary(T.Batch);
  R.Table = &T;
  R.Hw = &Hw;
  R.Layers.resize(T.Layers.size());
  ScheduleHw SH = scheduleHw(Hw);
  for (size_t I = 0; I < T.Layers.size(); ++I) {
    if (!evaluateLayer(T.Layers[I], Hw, SH, R.Layers[I]))
      return makeError(T.Model, "layer '" + T.Layers[I].Name + "' on " +
                                    Hw.displayName() +
                                    ": schedule counts overflow 64 bits");
    R.Net += R.Layers[I];
  }
  return R;
}

llvm::Expected<HwEval> HwEvalAnalysis::run(const Module &M, PassContext &Ctx) {
  auto Table = Ctx.AM.get<LayerTableAnalysis>(M, Ctx);
  if (!Table)
    return Table.takeError();
  auto Hw = Ctx.hw();
  if (!Hw)
    return Hw.takeError();
  auto R = evaluateTable(**Table, **Hw);
  if (!R)
    return R.takeError();
  // One warning for the layers whose formats the PE datapath cannot take.
  size_t Wide = 0, First = 0;
  for (size_t I = R->Layers.size(); I-- > 0;)
    if (R->Layers[I].WiderThanDatapath) {
      ++Wide;
      First = I;
    }
  if (Wide) {
    const LayerFacts &F = (*Table)->Layers[First];
    Ctx.warn(toWarning(makeError(
        M.getSourcePath(),
        llvm::Twine(Wide) + " of " + llvm::Twine(R->Layers.size()) +
            " layers have formats wider than the " +
            llvm::Twine((*Hw)->DatapathBits) + "-bit PE datapath of " +
            (*Hw)->displayName() + " (first: '" + F.Name + "', w/a " +
            F.Q.W.str() + "/" + F.Q.A.str() +
            "); roofline and PPA assume the PE takes them")));
  }
  return R;
}
