//===- Version.cpp - hcm's version and output schema versions -------------===//
#include "hcm/Support/Version.h"

using namespace hcm;

const char *hcm::getVersion() { return HCM_VERSION; }

void hcm::printVersion(llvm::raw_ostream &OS, llvm::StringRef Tool) {
  OS << Tool << " (hcm) " << getVersion() << '\n'
     << "  schemas: " << ReportSchema << ' ' << ScheduleSchema << ' '
     << DseSchema << '\n';
}
