//===- CrashExit.cpp - Exit code 2 on an internal error -------------------===//
//
// Runs as the last of LLVM's crash callbacks (after the stack dump that
// InitLLVM registers), inside the signal handler: only write(2) and _exit.
// Running out of memory (operator new, LLVM's allocators) is no crash: one
// line and exit code 1, from whichever thread ran out.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/CrashExit.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Signals.h"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <new>
#include <unistd.h>

namespace {

const char *ToolName = "hcm";
/// `<ToolName>: error: out of memory`, made before anything runs out.
char OutOfMemoryLine[256] = "hcm: error: out of memory\n";

void onCrash(void *) {
  static const char Hint[] =
      ": internal error; please report it with the input that caused it\n";
  ssize_t Ignored = write(STDERR_FILENO, ToolName, std::strlen(ToolName));
  Ignored = write(STDERR_FILENO, Hint, sizeof(Hint) - 1);
  (void)Ignored;
  _exit(2);
}

} // namespace

void hcm::exitOutOfMemory() {
  // Nothing is allocated: the line was made when the tool started. Threads
  // that run out together print it once.
  static std::atomic<bool> Printed{false};
  if (!Printed.exchange(true)) {
    ssize_t Ignored =
        write(STDERR_FILENO, OutOfMemoryLine, std::strlen(OutOfMemoryLine));
    (void)Ignored;
  }
  _exit(1);
}

void hcm::exitWithCodeOnCrash(const char *Tool) {
  ToolName = Tool;
  std::snprintf(OutOfMemoryLine, sizeof OutOfMemoryLine,
                "%.200s: error: out of memory\n", Tool);
  llvm::sys::AddSignalHandler(onCrash, nullptr);
  std::set_new_handler(exitOutOfMemory);
  llvm::install_bad_alloc_error_handler(
      [](void *, const char *, bool) { exitOutOfMemory(); });
}
