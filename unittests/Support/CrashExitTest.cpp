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

[[maybe_unused]] void exhaust() {
  int Argc = 1;
  const char *Argv[] = {"hungry-tool", nullptr};
  const char **ArgvP = Argv;
  llvm::InitLLVM X(Argc, ArgvP);
  hcm::exitWithCodeOnCrash("hungry-tool");
  // More than any machine's address space: the allocation fails at once.
  volatile size_t Huge = size_t(1) << 60;
  void *P = ::operator new(Huge);
  asm volatile("" : : "r"(P) : "memory"); // kept: the test needs the call
}

// AddressSanitizer reports a failed allocation itself (and aborts).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HCM_ASAN 1
#endif
#endif
#if !defined(HCM_ASAN) && !defined(__SANITIZE_ADDRESS__)
TEST(CrashExit, OutOfMemoryIsOneLineAndExitCodeOne) {
  EXPECT_EXIT(exhaust(), ::testing::ExitedWithCode(1),
              "^hungry-tool: error: out of memory\n$");
}
#endif

} // namespace
