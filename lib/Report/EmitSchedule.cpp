//===- EmitSchedule.cpp - The `emit-schedule` pass ------------------------===//
//
// Writes the execution schedule of every layer on the driver's hardware
// model (the `schedule` pass need not run first): `format=text`
// (default; `compact=true` collapses runs of identical passes), `json` or
// `csv`; `output=FILE` writes atomically, else stdout (then the driver does
// not print the IR there).
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Analyses.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Report/ScheduleReport.h"

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
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    auto Eval = Ctx.AM.get<HwEvalAnalysis>(M, Ctx);
    if (!Eval)
      return Eval.takeError();
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
};

} // namespace

std::unique_ptr<Pass> hcm::createEmitSchedulePass() {
  return std::make_unique<EmitSchedulePass>();
}
