//===- MallocOptions.cpp - mimalloc's options for the tools ---------------===//
//
// Compiled into the executables that allocate with mimalloc
// (hcm_fast_malloc in cmake/HCMComponent.cmake), never into the libraries.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/CrashExit.h"

#include <cerrno>
#include <mimalloc.h>

namespace {

/// A run lives for seconds and grows to one peak. mimalloc by default hands
/// pages freed between phases (the proto once converted, one pass's scratch
/// before the next) back to the OS, and the next phase faults them in
/// again: a quarter of a 100k-node `-O`'s page faults (133k -> 101k).
/// Keeping them costs about a tenth more peak memory; the time saved was
/// 0-10 % of that run on this shared host (README, Performance).
struct KeepFreedPages {
  KeepFreedPages() { mi_option_disable(mi_option_allow_decommit); }
} Keep;

/// Memory the OS refuses is one line and exit code 1, as with glibc's
/// malloc (exitWithCodeOnCrash's new handler). Debian's libmimalloc never
/// calls a new handler: its own weak std::get_new_handler, which returns
/// none, wins the symbol lookup over libstdc++'s; it reports to this one.
struct ExitOutOfMemory {
  ExitOutOfMemory() {
    mi_register_error(
        [](int Err, void *) {
          if (Err == ENOMEM)
            hcm::exitOutOfMemory();
        },
        nullptr);
  }
} Exit;

} // namespace
