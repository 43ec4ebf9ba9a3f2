//===- Analyze.cpp - One analysis run, for the Python module --------------===//
//
// The steps of hcm-opt's driver (a named target first, then import, the
// recorded or default target, the pipeline) with the pipeline's stdout
// discarded; the report is printJsonReport of the cached typed analyses.
//
//===----------------------------------------------------------------------===//
#include "Analyze.h"

#include "hcm/Analysis/Analyses.h"
#include "hcm/Analysis/RecordedTarget.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"
#include "hcm/Pass/PassManager.h"
#include "hcm/Report/Report.h"

using namespace hcm;
using namespace hcm::py;

namespace {

constexpr llvm::StringLiteral DefaultTarget = "hcm-16x16-800mhz";

/// The target as hcm-opt resolves it: named (with the overrides), else the
/// one \p M records, else the default.
llvm::Expected<std::shared_ptr<const HwModel>>
resolveTarget(const AnalyzeRequest &Req, const Module *M,
              const PassContext &Ctx) {
  auto Read = [&](llvm::StringRef P) { return Ctx.readFile(P); };
  auto Hw = M ? resolveTargetFor(*M, DefaultTarget, Read, Ctx.OnWarning)
              : resolveHwModel(Req.Target.value_or(DefaultTarget.str()),
                               Req.TargetSet, Read);
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
  bool Named = Req.Target || !Req.TargetSet.empty();
  if (Named) {
    auto Hw = resolveTarget(Req, nullptr, Ctx);
    if (!Hw)
      return Hw.takeError();
    Ctx.Hw = *Hw;
  }
  ImportOptions IOpts;
  IOpts.OnWarning = Ctx.OnWarning;
  for (const auto &[Name, Size] : Req.Dims)
    IOpts.DimBindings[Name] = Size;
  auto M = importFile(Req.Path, IOpts);
  if (!M)
    return M.takeError();
  if (!Named) {
    auto Hw = resolveTarget(Req, M->get(), Ctx);
    if (!Hw)
      return Hw.takeError();
    Ctx.Hw = *Hw;
  }
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
  llvm::raw_string_ostream OS(Res.ReportJson);
  printJsonReport(Report(*(*Eval)->Table, **Eval), OS);
  return Res;
}
