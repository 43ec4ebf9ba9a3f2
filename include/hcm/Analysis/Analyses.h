//===- Analyses.h - The cached analyses of a module -------------*- C++ -*-===//
//
// Two analyses, requested through PassContext::AM by every pass that needs
// them and computed once per module until a transform runs:
//   LayerTableAnalysis  the IR read into the hardware-independent table
//   HwEvalAnalysis      every layer of the table on the driver's HwModel,
//                       and the network summary
// The analysis passes (bops, traffic, roofline, ppa, schedule) only write
// these values into the IR as attributes; the emitters print them.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_ANALYSES_H
#define HCM_ANALYSIS_ANALYSES_H

#include "hcm/Analysis/Evaluate.h"
#include "hcm/Analysis/LayerTable.h"
#include "hcm/Pass/Pass.h"

namespace hcm {

struct LayerTableAnalysis {
  using Result = LayerTable;
  static char ID;
  static llvm::Expected<Result> run(const Module &M, PassContext &Ctx);
};

/// The table on one hardware model.
struct HwEval {
  /// The table evaluated (the cached LayerTableAnalysis result; both are
  /// dropped together) and the hardware model.
  const LayerTable *Table = nullptr;
  const HwModel *Hw = nullptr;
  std::vector<LayerEval> Layers; ///< parallel to LayerTable::Layers
  NetworkSummary Net;
};

struct HwEvalAnalysis {
  using Result = HwEval;
  static char ID;
  static llvm::Expected<Result> run(const Module &M, PassContext &Ctx);
};

/// Evaluates every layer of \p T on \p Hw; errors name the layer whose
/// counts overflow.
llvm::Expected<HwEval> evaluateTable(const LayerTable &T, const HwModel &Hw);

} // namespace hcm

#endif // HCM_ANALYSIS_ANALYSES_H
