//===- Analyze.cpp - One analysis run, for the Python module --------------===//
//
// The steps of hcm-opt's driver (target first, then import, pipeline) with
// the pipeline's stdout discarded; the rows are read from the cached typed
// analyses, keyed as in the JSON report `hcm-report/2` with each layer's
// field groups merged into one flat record (the keys are unique).
//
//===----------------------------------------------------------------------===//
#include "Analyze.h"

#include "hcm/Analysis/Analyses.h"
#include "hcm/Analysis/Schedule.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"
#include "hcm/Pass/PassManager.h"

using namespace hcm;
using namespace hcm::py;

namespace {

void addFields(Row &R, const FieldInfo &I, const FieldValue &V) {
  R.emplace_back(I.Key, V);
}

Row layerRow(const LayerFacts &F, const LayerEval &E, const HwModel &Hw) {
  Row R;
  R.emplace_back("name", FieldValue(F.Name));
  R.emplace_back("op", FieldValue(F.Op));
  R.emplace_back("in_channels", FieldValue(F.S.NIn));
  R.emplace_back("out_channels", FieldValue(F.S.MOut));
  R.emplace_back("groups", FieldValue(F.S.Groups));
  R.emplace_back("a", FieldValue(F.Q.A.str()));
  R.emplace_back("w", FieldValue(F.Q.W.str()));
  R.emplace_back("out", FieldValue(F.Q.Out.str()));
  R.emplace_back("acc_bits", FieldValue(int64_t(F.Q.Acc)));
  visitLayerFields(F, &E, &Hw, [&](const FieldInfo &I, const FieldValue &V) {
    addFields(R, I, V);
  });
  return R;
}

llvm::Expected<std::shared_ptr<const HwModel>>
resolveTarget(const AnalyzeRequest &Req, const PassContext &Ctx) {
  auto Hw = resolveHwModel(Req.Target, Req.TargetSet,
                           [&](llvm::StringRef P) { return Ctx.readFile(P); });
  if (!Hw)
    return Hw.takeError();
  return std::make_shared<const HwModel>(std::move(*Hw));
}

} // namespace

llvm::Expected<AnalyzeResult> hcm::py::analyze(const AnalyzeRequest &Req) {
  AnalyzeResult Res;
  std::string Discarded;
  llvm::raw_string_ostream Sink(Discarded);
  PassContext Ctx;
  Ctx.Out = &Sink;
  Ctx.OnWarning = [&](const std::string &W) { Res.Warnings.push_back(W); };
  auto Hw = resolveTarget(Req, Ctx);
  if (!Hw)
    return Hw.takeError();
  Ctx.Hw = *Hw;
  ImportOptions IOpts;
  IOpts.OnWarning = Ctx.OnWarning;
  for (const auto &[Name, Size] : Req.Dims)
    IOpts.DimBindings[Name] = Size;
  auto M = importFile(Req.Path, IOpts);
  if (!M)
    return M.takeError();
  if (llvm::Error E = verifyModule(**M))
    return E;
  PassManager PM;
  if (llvm::Error E = PM.addPipeline(Req.Pipeline))
    return E;
  if (llvm::Error E = PM.run(**M, Ctx))
    return E;
  auto Eval = Ctx.AM.get<HwEvalAnalysis>(**M, Ctx);
  if (!Eval)
    return Eval.takeError();
  const HwEval &R = **Eval;
  const LayerTable &T = *R.Table;
  Res.Model = T.Model;
  visitHwFields(*R.Hw, [&](const FieldInfo &I, const FieldValue &V) {
    addFields(Res.Target, I, V);
  });
  for (size_t I = 0; I < T.Layers.size(); ++I)
    Res.Layers.push_back(layerRow(T.Layers[I], R.Layers[I], *R.Hw));
  ScheduleHw SH = scheduleHw(*R.Hw);
  for (const VectorFacts &V : T.Vectors) {
    Row Row;
    Row.emplace_back("name", FieldValue(V.Name));
    Row.emplace_back("op", FieldValue(V.Op));
    ScheduleTotals S = vectorSchedule(V, SH);
    visitVectorFields(V, &S, [&](const FieldInfo &I, const FieldValue &FV) {
      addFields(Row, I, FV);
    });
    Res.VectorOps.push_back(std::move(Row));
  }
  visitNetFields(totalsOf(T), &R.Net, R.Hw,
                 [&](const FieldInfo &I, const FieldValue &V) {
                   addFields(Res.Totals, I, V);
                 });
  return Res;
}
