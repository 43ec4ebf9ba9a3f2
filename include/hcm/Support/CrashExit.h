//===- CrashExit.h - Exit code 2 on an internal error -----------*- C++ -*-===//
//
// A crash is never the user's fault: after LLVM's stack dump, a tool that
// installs this prints one line asking for a report and exits with code 2,
// so that scripts can tell an internal error from a bad input (exit 1).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_CRASHEXIT_H
#define HCM_SUPPORT_CRASHEXIT_H

namespace hcm {

/// On a fatal signal (SIGSEGV, SIGABRT, ...), prints `<Tool>: internal error;
/// please report it with the input that caused it` to stderr and exits with
/// code 2. Call once, after llvm::InitLLVM; \p Tool must outlive the process.
void exitWithCodeOnCrash(const char *Tool);

} // namespace hcm

#endif // HCM_SUPPORT_CRASHEXIT_H
