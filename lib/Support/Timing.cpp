//===- Timing.cpp - Timing the phases of one run --------------------------===//
#include "hcm/Support/Timing.h"

using namespace hcm;

RunTimers::RunTimers(bool Enabled)
    : Enabled(Enabled), Group("hcm-opt", "hcm-opt execution timing report") {}

RunTimers::~RunTimers() {
  for (auto &T : Timers)
    T.second->clear();
}

llvm::TimeRegion RunTimers::time(llvm::StringRef Name) {
  if (!Enabled)
    return llvm::TimeRegion(nullptr);
  std::unique_ptr<llvm::Timer> &T = Timers[Name];
  if (!T)
    T = std::make_unique<llvm::Timer>(Name, Name, Group);
  return llvm::TimeRegion(*T);
}

void RunTimers::print(llvm::raw_ostream &OS) {
  // Reset: the group's destructor would print it again.
  Group.print(OS, /*ResetAfterPrint=*/true);
}
