//===- Evaluator.cpp - Compile once per quantization, evaluate per point --===//
#include "hcm/DSE/Evaluator.h"

#include "hcm/Analysis/Analyses.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Pass/PassManager.h"

#include "llvm/ADT/STLExtras.h"

using namespace hcm;

std::string hcm::quantOptions(const DesignSpace &S, size_t Q,
                              llvm::StringRef BaseQuant) {
  std::map<std::string, std::string> V = S.quantValues(Q);
  // The base options, each swept key replacing the base's value.
  std::vector<std::pair<std::string, std::string>> Opts;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  BaseQuant.split(Parts, ' ', -1, false);
  for (llvm::StringRef P : Parts) {
    auto [K, Val] = P.split('=');
    Opts.emplace_back(K.str(), Val.str());
  }
  auto Add = [&](const char *Key, const std::string &Value) {
    for (auto &KV : Opts)
      if (KV.first == Key) {
        KV.second = Value;
        return;
      }
    Opts.emplace_back(Key, Value);
  };
  if (V.count("bits")) {
    Add("w", V["bits"]);
    Add("a", V["bits"]);
  }
  if (V.count("w"))
    Add("w", V["w"]);
  if (V.count("a"))
    Add("a", V["a"]);
  if (V.count("first_last") && V["first_last"] != "none")
    Add("first-last", V["first_last"]);
  if (V.count("quant_file"))
    Add("file", V["quant_file"]);
  std::string Text;
  for (const auto &KV : Opts)
    Text += (Text.empty() ? "" : " ") + KV.first + "=" + KV.second;
  return Text;
}

llvm::Expected<CompiledModel>
hcm::compileModel(const DesignSpace &S, const ModelOptions &Opts,
                  std::shared_ptr<const HwModel> Hw) {
  CompiledModel R;
  for (size_t Q = 0; Q < S.quantCount(); ++Q) {
    std::string Pipeline = Opts.Transform;
    Pipeline += (Pipeline.empty() ? "" : ",") + std::string("annotate-quant{") +
                quantOptions(S, Q, Opts.BaseQuant) + "},lower-to-pe";
    PassManager PM;
    if (llvm::Error E = PM.addPipeline(Pipeline))
      return E;
    auto M = importFile(Opts.Path, Opts.Import);
    if (!M)
      return M.takeError();
    if (llvm::Error E = verifyModule(**M))
      return E;
    PassContext Ctx;
    Ctx.OnWarning = Opts.Import.OnWarning;
    Ctx.Hw = Hw;
    if (llvm::Error E = PM.run(**M, Ctx))
      return E;
    auto T = buildLayerTable(**M, Ctx.OnWarning);
    if (!T)
      return T.takeError();
    R.Totals.push_back(totalsOf(*T));
    R.Tables.push_back(std::move(*T));
    R.Pipelines.push_back(std::move(Pipeline));
  }
  return R;
}

bool hcm::evaluateNetwork(const LayerTable &Table, const HwModel &Hw,
                          NetworkSummary &Net) {
  ScheduleHw SH = scheduleHw(Hw);
  Net = NetworkSummary(Table.Batch);
  LayerEval E;
  for (const LayerFacts &F : Table.Layers) {
    if (!evaluateLayer(F, Hw, SH, E))
      return false;
    Net += E;
  }
  return true;
}

PointEvaluator::PointEvaluator(const DesignSpace &S, const CompiledModel &M,
                               Target Base, std::string BaseName,
                               TargetOverrides BaseOverrides)
    : S(S), M(M), Base(std::move(Base)), BaseName(std::move(BaseName)),
      BaseOverrides(std::move(BaseOverrides)) {
  for (size_t A = 0; A < S.axes().size(); ++A)
    if (llvm::any_of(S.axes()[A].Keys, [](const std::string &K) {
          return !findSweepKey(K)->Quant;
        }))
      HwAxes.push_back(A);
}

std::string PointEvaluator::describe(uint64_t Id) const {
  std::string D = "point " + std::to_string(Id);
  for (size_t A = 0; A < S.axes().size(); ++A)
    D += (A ? ", " : " (") + S.axes()[A].name() + "=" + S.value(Id, A) +
         (A + 1 == S.axes().size() ? ")" : "");
  return D;
}

llvm::Expected<HwModel> PointEvaluator::hardware(uint64_t Id) const {
  Target T = Base;
  TargetOverrides O = BaseOverrides;
  for (size_t A : HwAxes) {
    const std::string &V = S.value(Id, A);
    for (const std::string &K : S.axes()[A].Keys) {
      if (findSweepKey(K)->Quant)
        continue;
      // Values were checked when the sweep was parsed.
      if (llvm::Error E = setTargetField(T, K, V))
        return E;
      O.emplace_back(K, V);
    }
  }
  return buildHwModel(std::move(T), BaseName, std::move(O));
}

llvm::Error PointEvaluator::evaluate(uint64_t Id, PointResult &R) const {
  auto Hw = hardware(Id);
  if (!Hw)
    return makeError("hcm-dse: " + describe(Id),
                     llvm::toString(Hw.takeError()));
  R.Id = Id;
  R.Quant = S.quantIndex(Id);
  R.Hw = std::move(*Hw);
  if (!evaluateNetwork(M.Tables[R.Quant], R.Hw, R.Net))
    return makeError("hcm-dse: " + describe(Id),
                     "schedule counts overflow 64 bits");
  return llvm::Error::success();
}
