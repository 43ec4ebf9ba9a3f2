//===- Report.h - The per-layer analysis report -----------------*- C++ -*-===//
//
// The report prints the cached analyses -- the layer table and its evaluation
// on the hardware model -- never the IR's attributes: text for people, JSON
// (schema `hcm-report/2`) and CSV whose keys and columns come from the field
// table (Fields.def). The same module always gives byte-identical output.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_REPORT_REPORT_H
#define HCM_REPORT_REPORT_H

#include "hcm/Analysis/Analyses.h"
#include "hcm/Analysis/Fields.h"

#include "llvm/Support/raw_ostream.h"

namespace hcm {

struct Report {
  const LayerTable &Table;
  const HwEval &Eval;
  LayerTotals Totals;
  /// Threads that format a large report's tables (0: one per core); the
  /// text is the same on any number.
  unsigned Threads = 1;
  Report(const LayerTable &T, const HwEval &E)
      : Table(T), Eval(E), Totals(totalsOf(T)) {}
  const HwModel &hw() const { return *Eval.Hw; }
};

/// What MACs, OPS, BOPS and the bound mean, stated once in every report.
extern const char *const ReportDefinitions;

void printTextReport(const Report &R, llvm::raw_ostream &OS);
void printJsonReport(const Report &R, llvm::raw_ostream &OS);
void printCsvReport(const Report &R, llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_REPORT_REPORT_H
