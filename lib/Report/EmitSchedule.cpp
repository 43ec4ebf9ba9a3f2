//===- EmitSchedule.cpp - The `emit-schedule` pass ------------------------===//
//
// Writes the execution schedule of every layer on the driver's hardware
// model (the `schedule` pass need not run first): `format=text`
// (default; `compact=true` collapses runs of identical passes), `json` or
// `csv`; `output=FILE` writes atomically, else stdout (then the driver does
// not print the IR there). It lists every pass, so a table of more than
// `max-passes` passes in all (default 2^23; a 2^31-channel layer has 2^27
// on 16x16 PEs) is refused before any is listed: the totals (`schedule`,
// -O's report) are closed-form and need no list.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/IR/Diag.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Report/ScheduleReport.h"
#include "hcm/Support/MathUtil.h"

using namespace hcm;

namespace {

class EmitSchedulePass : public Pass {
public:
  bool preservesAnalyses() const override { return true; }

  EmitSchedulePass() : Pass("emit-schedule") {
    addOption("format", Format, {"text", "json", "csv"}, "Output format");
    addOption("compact", Compact,
              "Text: one line for each run of identical passes");
    addOption("output", Output, "File to write ('-': standard output)");
    addOption("max-passes", MaxPasses,
              "Refuse a schedule of more passes than this in all");
  }

  /// Gi * Go passes per layer (Schedule.cpp's groups), summed before the
  /// passes are expanded.
  llvm::Error checkPassCount(const LayerTable &T, const HwModel &Hw) const {
    ScheduleHw SH = scheduleHw(Hw);
    int64_t Rows = std::max<int64_t>(1, SH.Rows);
    int64_t Cols = std::max<int64_t>(1, SH.Cols);
    __int128 Total = 0;
    for (const LayerFacts &F : T.Layers) {
      __int128 Passes =
          __int128(
              ceilDiv(std::max<int64_t>(1, F.Tiles.TilesPerOutput), Rows)) *
          ceilDiv(std::max<int64_t>(1, F.S.MOut), Cols);
      Total += Passes;
      if (Total > MaxPasses)
        return makeError(
            T.Model,
            "emit-schedule: the schedule has more than " +
                std::to_string(MaxPasses) + " passes (layer '" + F.Name +
                "' alone has " +
                std::to_string(int64_t(std::min<__int128>(Passes, INT64_MAX))) +
                "); emit-schedule{max-passes=N} raises the limit, and "
                "`schedule` or -O give the totals without the list");
    }
    return llvm::Error::success();
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto Eval = Ctx.AM.get<HwEvalAnalysis>(M, Ctx);
    if (!Eval)
      return Eval.takeError();
    if (llvm::Error E = checkPassCount(*(*Eval)->Table, *(*Eval)->Hw))
      return E;
    ScheduleReport R = collectSchedule(*(*Eval)->Table, *(*Eval)->Hw);
    auto Fill = [&](llvm::raw_ostream &OS) {
      if (Format == "json")
        printScheduleJson(R, OS);
      else if (Format == "csv")
        printScheduleCsv(R, OS);
      else
        printScheduleText(R, Compact, OS);
    };
    return Ctx.emit(Output, Fill);
  }

  bool writesToOut() const override { return Output == "-"; }

private:
  std::string Format = "text";
  bool Compact = true;
  std::string Output = "-";
  int64_t MaxPasses = int64_t(1) << 23;
};

} // namespace

std::unique_ptr<Pass> hcm::createEmitSchedulePass() {
  return std::make_unique<EmitSchedulePass>();
}
