//===- CrashExit.cpp - Exit code 2 on an internal error -------------------===//
//
// Runs as the last of LLVM's crash callbacks (after the stack dump that
// InitLLVM registers), inside the signal handler: only write(2) and _exit.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/CrashExit.h"

#include "llvm/Support/Signals.h"

#include <cstring>
#include <unistd.h>

namespace {

const char *ToolName = "hcm";

void onCrash(void *) {
  static const char Hint[] =
      ": internal error; please report it with the input that caused it\n";
  ssize_t Ignored = write(STDERR_FILENO, ToolName, std::strlen(ToolName));
  Ignored = write(STDERR_FILENO, Hint, sizeof(Hint) - 1);
  (void)Ignored;
  _exit(2);
}

} // namespace

void hcm::exitWithCodeOnCrash(const char *Tool) {
  ToolName = Tool;
  llvm::sys::AddSignalHandler(onCrash, nullptr);
}
