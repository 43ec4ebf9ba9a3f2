//===- Analyze.h - One analysis run, for the Python module ------*- C++ -*-===//
//
// What `hcm.analyze` does, without Python: import, resolve the target, run
// the pipeline and write the JSON report (`hcm-report/2`) of the typed
// analyses. The module turns that report into Python objects, so its keys
// are the JSON writer's by construction (docs/PYTHON.md).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PYTHON_ANALYZE_H
#define HCM_PYTHON_ANALYZE_H

#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hcm {
namespace py {

struct AnalyzeRequest {
  std::string Path;
  /// The target; none: the one the model records (hcm.target, --emit=onnx),
  /// else the default, as hcm-opt does without --target.
  std::optional<std::string> Target;
  std::vector<std::pair<std::string, std::string>> TargetSet;
  std::string Pipeline = "default";
  std::map<std::string, int64_t> Dims;
};

struct AnalyzeResult {
  std::string ReportJson; ///< what `emit-report{format=json}` prints
  std::vector<std::string> Warnings;
};

/// Runs \p R; errors are the one-line messages hcm-opt prints.
llvm::Expected<AnalyzeResult> analyze(const AnalyzeRequest &R);

} // namespace py
} // namespace hcm

#endif // HCM_PYTHON_ANALYZE_H
