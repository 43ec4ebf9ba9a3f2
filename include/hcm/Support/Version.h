//===- Version.h - hcm's version and output schema versions -----*- C++ -*-===//
//
// The version of hcm (the CMake project version) and of every versioned
// machine-readable output; docs/schemas/ holds one JSON Schema file per
// schema name. `hcm-opt --version` prints them.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_VERSION_H
#define HCM_SUPPORT_VERSION_H

#include "llvm/Support/raw_ostream.h"

namespace hcm {

/// hcm's version, "MAJOR.MINOR".
const char *getVersion();

/// The JSON report (emit-report{format=json}).
inline constexpr const char ReportSchema[] = "hcm-report/2";
/// The execution schedule (emit-schedule{format=json}).
inline constexpr const char ScheduleSchema[] = "hcm-schedule/1";
/// hcm-dse's JSON output.
inline constexpr const char DseSchema[] = "hcm-dse/1";

/// Writes `TOOL (hcm) VERSION` and the schema versions, one per line.
void printVersion(llvm::raw_ostream &OS, llvm::StringRef Tool);

} // namespace hcm

#endif // HCM_SUPPORT_VERSION_H
