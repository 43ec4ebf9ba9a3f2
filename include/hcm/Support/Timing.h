//===- Timing.h - Timing the phases of one run ------------------*- C++ -*-===//
//
// `--time-passes` accounts for the whole run, not only the passes: the
// import's steps (payload stripping, protobuf parsing, checks and shape
// inference, conversion to the IR), the verifier, every pass and the output
// are timed into one RunTimers and printed as one LLVM timing report.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_TIMING_H
#define HCM_SUPPORT_TIMING_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace hcm {

class RunTimers {
public:
  explicit RunTimers(bool Enabled);
  /// Prints nothing: a report is printed only by print() (LLVM's timer
  /// group would print what ran, e.g. after a failed run's error).
  ~RunTimers();
  RunTimers(const RunTimers &) = delete;
  RunTimers &operator=(const RunTimers &) = delete;
  bool enabled() const { return Enabled; }
  /// Times the returned region's scope as phase \p Name; the times of a
  /// phase entered twice add up. Disabled, the region does nothing.
  llvm::TimeRegion time(llvm::StringRef Name);
  /// Prints the report (phases by decreasing time) and resets the timers.
  void print(llvm::raw_ostream &OS);

private:
  bool Enabled;
  llvm::TimerGroup Group;
  llvm::StringMap<std::unique_ptr<llvm::Timer>> Timers;
};

/// Times \p Name in \p T when there is one.
inline llvm::TimeRegion timePhase(RunTimers *T, llvm::StringRef Name) {
  if (T)
    return T->time(Name);
  return llvm::TimeRegion(nullptr);
}

} // namespace hcm

#endif // HCM_SUPPORT_TIMING_H
