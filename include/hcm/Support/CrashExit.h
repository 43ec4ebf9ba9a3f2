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
/// code 2; when an allocation fails, prints `<Tool>: error: out of memory`
/// and exits with code 1. Call once, after llvm::InitLLVM; \p Tool must
/// outlive the process.
void exitWithCodeOnCrash(const char *Tool);

/// Prints `<Tool>: error: out of memory` (the Tool exitWithCodeOnCrash was
/// given) and exits with code 1, allocating nothing. The tools' allocator
/// calls it when the OS refuses memory (lib/Support/MallocOptions.cpp).
[[noreturn]] void exitOutOfMemory();

} // namespace hcm

#endif // HCM_SUPPORT_CRASHEXIT_H
