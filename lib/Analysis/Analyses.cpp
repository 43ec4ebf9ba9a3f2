//===- Analyses.cpp - The cached analyses of a module ---------------------===//
#include "hcm/Analysis/Analyses.h"

using namespace hcm;

char LayerTableAnalysis::ID = 0;
char HwEvalAnalysis::ID = 0;

llvm::Expected<LayerTable> LayerTableAnalysis::run(const Module &M,
                                                   PassContext &Ctx) {
  return buildLayerTable(M, Ctx.OnWarning);
}

llvm::Expected<HwEval> hcm::evaluateTable(const LayerTable &T,
                                          const HwModel &Hw) {
  HwEval R;
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
  // One warning per layer whose formats the PE datapath cannot take.
  for (size_t I = 0; I < R->Layers.size(); ++I)
    if (R->Layers[I].WiderThanDatapath) {
      const LayerFacts &F = (*Table)->Layers[I];
      Ctx.warn(toWarning(makeError(
          M.getSourcePath(),
          "layer '" + F.Name + "' has formats " + F.Q.W.str() + "/" +
              F.Q.A.str() + " (w/a), wider than the " +
              std::to_string((*Hw)->DatapathBits) + "-bit PE datapath of " +
              (*Hw)->displayName() +
              "; its roofline and PPA assume the PE takes them")));
    }
  return R;
}
