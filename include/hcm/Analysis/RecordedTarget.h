//===- RecordedTarget.h - The target a model's results are for --*- C++ -*-===//
//
// The hardware analyses record the target they ran on as the module property
// `hcm.target` (Fields.def's hardware fields, its name and overrides);
// `--emit=onnx` carries it in the file (docs/ONNX.md). A tool that is given
// no target analyses such a model on the recorded one again, so re-importing
// gives the same numbers, and warns when this hcm's target of that name is
// not the one recorded.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_RECORDEDTARGET_H
#define HCM_ANALYSIS_RECORDEDTARGET_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"
#include "hcm/Target/HwModel.h"

#include <optional>
#include <string>

namespace hcm {

/// The recipe of a recorded target: its name and the overrides applied.
struct RecordedTarget {
  std::string Name;
  TargetOverrides Overrides;
};

/// The target \p M's `hcm.target` property names, if it has a well-formed
/// one.
std::optional<RecordedTarget> recordedTarget(const Module &M);

/// The hardware model to analyse \p M on when the user named no target: the
/// recorded one, else \p Default. A recorded target that does not resolve
/// (a file's target, not shipped) falls back to \p Default with a warning;
/// one that resolves to other fields than recorded (another hcm version's
/// target) is used with a warning naming the first field that differs.
/// Errors are those of resolving \p Default.
llvm::Expected<HwModel> resolveTargetFor(const Module &M,
                                         llvm::StringRef Default,
                                         const TargetFileReader &ReadFile,
                                         const WarningHandler &OnWarning);

} // namespace hcm

#endif // HCM_ANALYSIS_RECORDEDTARGET_H
