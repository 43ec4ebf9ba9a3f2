//===- CrashExitTest.cpp - Exit code 2 on an internal error ---------------===//
#include "hcm/Support/CrashExit.h"

#include "llvm/Support/InitLLVM.h"

#include <gtest/gtest.h>

#include <csignal>

namespace {

void crash(int Signal) {
  int Argc = 1;
  const char *Argv[] = {"crashing-tool", nullptr};
  const char **ArgvP = Argv;
  llvm::InitLLVM X(Argc, ArgvP);
  hcm::exitWithCodeOnCrash("crashing-tool");
  std::raise(Signal);
}

TEST(CrashExit, FatalSignalsExitWithTwoAndAHint) {
  for (int Signal : {SIGSEGV, SIGABRT, SIGFPE})
    EXPECT_EXIT(crash(Signal), ::testing::ExitedWithCode(2),
                "crashing-tool: internal error; please report it with the "
                "input that caused it");
}

} // namespace
