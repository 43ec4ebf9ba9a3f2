//===- EmitReport.cpp - The `emit-report` pass ----------------------------===//
//
// Writes the report of the cached analyses (computed here if no earlier pass
// asked for them, so the pipeline `emit-report` alone gives the full report)
// in the chosen formats: `format=text` (default),
// `json`, `csv`, or several joined by '+' (printed one after the other).
// `output=FILE` writes one format to a file, atomically; run the pass once
// per file for several (`emit-report{format=json output=r.json},
// emit-report{format=csv output=r.csv}`). A report on stdout replaces the
// IR the driver would print there.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Report/Report.h"

#include "llvm/ADT/SmallVector.h"

using namespace hcm;

namespace {

using Printer = void (*)(const Report &, llvm::raw_ostream &);

Printer printerFor(llvm::StringRef Format) {
  if (Format == "text")
    return printTextReport;
  if (Format == "json")
    return printJsonReport;
  if (Format == "csv")
    return printCsvReport;
  return nullptr;
}

class EmitReportPass : public Pass {
public:
  bool preservesAnalyses() const override { return true; }

  EmitReportPass() : Pass("emit-report") {
    addOption("format", Format, "text, json or csv; several joined by '+'");
    addOption("output", Output, "File to write ('-': standard output)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    llvm::SmallVector<llvm::StringRef, 3> Names;
    llvm::StringRef(Format).split(Names, '+');
    std::vector<Printer> Printers;
    for (llvm::StringRef Name : Names) {
      Printer P = printerFor(Name.trim());
      if (!P)
        return passError("option 'format': unknown format '" + Name +
                         "' (expected text, json or csv)");
      Printers.push_back(P);
    }
    if (Printers.size() > 1 && Output != "-")
      return passError("option 'output': one file per format; run "
                       "emit-report once per format");
    auto Eval = Ctx.AM.get<HwEvalAnalysis>(M, Ctx);
    if (!Eval)
      return Eval.takeError();
    Report R(*(*Eval)->Table, **Eval);
    auto Fill = [&](llvm::raw_ostream &OS) {
      for (Printer P : Printers)
        P(R, OS);
    };
    return Ctx.emit(Output, Fill);
  }

private:
  std::string Format = "text";
  std::string Output = "-";
};

} // namespace

std::unique_ptr<Pass> hcm::createEmitReportPass() {
  return std::make_unique<EmitReportPass>();
}
