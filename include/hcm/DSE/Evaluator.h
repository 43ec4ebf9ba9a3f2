//===- Evaluator.h - Design points on compiled layer tables -----*- C++ -*-===//
//
// The model is imported, transformed, annotated and lowered once per
// distinct quantization of the sweep (compileModel), giving one layer table
// each. A design point is then the base target with the point's hardware
// values applied through setTargetField (in axis order, after the base
// overrides, so its name is the one `hcm-opt --target-set ...` prints), one
// buildHwModel and evaluateLayer over its table: the same pure functions,
// in the same order, as hcm-opt's reports, so the numbers are the same to
// the last digit. Evaluation is const and thread-safe.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_EVALUATOR_H
#define HCM_DSE_EVALUATOR_H

#include "hcm/Analysis/Fields.h"
#include "hcm/DSE/DesignSpace.h"
#include "hcm/Import/Import.h"

#include <memory>

namespace hcm {

struct ModelOptions {
  std::string Path;
  ImportOptions Import;
  /// Passes before annotate-quant (`canonicalize,replace-7x7` for HCM 5.2).
  std::string Transform = "canonicalize";
  /// annotate-quant options of every point; swept keys replace theirs.
  std::string BaseQuant = "w=8 a=8";
};

struct CompiledModel {
  std::vector<LayerTable> Tables; ///< one per DesignSpace::quantIndex
  std::vector<LayerTotals> Totals;
  std::vector<std::string> Pipelines; ///< the pipeline that built each
};

/// The annotate-quant options of quantization combination \p Q.
std::string quantOptions(const DesignSpace &S, size_t Q,
                         llvm::StringRef BaseQuant);

/// Imports and compiles \p Opts.Path once per quantization combination of
/// \p S. \p Hw is lent to the passes (they read no hardware, but the
/// pipeline needs one).
llvm::Expected<CompiledModel> compileModel(const DesignSpace &S,
                                           const ModelOptions &Opts,
                                           std::shared_ptr<const HwModel> Hw);

/// One evaluated design point.
struct PointResult {
  uint64_t Id = 0;
  size_t Quant = 0;
  HwModel Hw;
  NetworkSummary Net;
};

class PointEvaluator {
public:
  /// \p Base is the loaded target (its overrides \p BaseOverrides applied).
  PointEvaluator(const DesignSpace &S, const CompiledModel &M, Target Base,
                 std::string BaseName, TargetOverrides BaseOverrides);

  /// Evaluates point \p Id into \p R. Errors name the point: a target the
  /// values make impossible (an area holding no PE), or overflow.
  llvm::Error evaluate(uint64_t Id, PointResult &R) const;
  /// The target of point \p Id (no layer evaluated).
  llvm::Expected<HwModel> hardware(uint64_t Id) const;
  /// `clock=800MHz, bits=4`: the point's values, for messages.
  std::string describe(uint64_t Id) const;

  const DesignSpace &space() const { return S; }
  const CompiledModel &model() const { return M; }

private:
  const DesignSpace &S;
  const CompiledModel &M;
  Target Base;
  std::string BaseName;
  TargetOverrides BaseOverrides;
  std::vector<size_t> HwAxes;
};

/// Evaluates \p Table on \p Hw into \p Net (the network summary hcm-opt's
/// reports print); false when a count overflows.
bool evaluateNetwork(const LayerTable &Table, const HwModel &Hw,
                     NetworkSummary &Net);

} // namespace hcm

#endif // HCM_DSE_EVALUATOR_H
