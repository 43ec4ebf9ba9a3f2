//===- Analyze.h - One analysis run, for the Python module ------*- C++ -*-===//
//
// What `hcm.analyze` does, without Python: import, resolve the target, run
// the pipeline and collect the typed analyses as rows of (key, value) pairs
// whose keys come from the field table (Fields.def) and the JSON report.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PYTHON_ANALYZE_H
#define HCM_PYTHON_ANALYZE_H

#include "hcm/Analysis/Fields.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace hcm {
namespace py {

struct AnalyzeRequest {
  std::string Path;
  std::string Target = "hcm-16x16-800mhz";
  std::vector<std::pair<std::string, std::string>> TargetSet;
  std::string Pipeline = "default";
  std::map<std::string, int64_t> Dims;
};

/// A flat record: keys in report order.
using Row = std::vector<std::pair<std::string, FieldValue>>;

struct AnalyzeResult {
  std::string Model;
  Row Target;
  std::vector<Row> Layers, VectorOps;
  Row Totals;
  std::vector<std::string> Warnings;
};

/// Runs \p R; errors are the one-line messages hcm-opt prints.
llvm::Expected<AnalyzeResult> analyze(const AnalyzeRequest &R);

} // namespace py
} // namespace hcm

#endif // HCM_PYTHON_ANALYZE_H
