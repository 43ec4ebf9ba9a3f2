//===- Pass.h - Passes and their options --------------------------*- C++
//-*-===//
//
// A pass transforms or annotates a module. It declares its options in its
// constructor (`lower-to-pe{pack-1x1=false}` sets a declared bool), receives
// the driver's streams through PassContext and reports failures as
// llvm::Error. Passes never print to stdout or read files on their own.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_PASS_H
#define HCM_PASS_PASS_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"
#include "hcm/IR/Printer.h"
#include "hcm/Pass/AnalysisManager.h"
#include "hcm/Support/Timing.h"
#include "hcm/Target/HwModel.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hcm {

/// What the driver lends a pass: output streams and warning sink.
struct PassContext {
  llvm::raw_ostream *Out = &llvm::outs();
  llvm::raw_ostream *Err = &llvm::errs();
  WarningHandler OnWarning;
  PrintOptions Print;
  /// Set by a pass that wrote its result (a report) to Out; the driver then
  /// prints the IR there only when asked to with -o.
  bool WroteToOut = false;
  /// False when nothing will read the module's output-only analysis
  /// attributes (hcm.work, hcm.tiling, hcm.traffic, hcm.roofline, hcm.ppa,
  /// hcm.target): the driver prints no IR because a report takes stdout.
  /// The analysis passes and lower-to-pe then do not write them; every
  /// figure and report is the same.
  bool WriteOutputAttributes = true;
  /// The hardware model, resolved once by the driver from `--target` and
  /// `--target-set` before the model is read; passes never load targets.
  std::shared_ptr<const HwModel> Hw;
  /// `--strict`: a node that cannot be costed (unknown shape, unreadable
  /// layer) is an error instead of a not-costed entry with one warning.
  bool Strict = false;
  /// `--if-branch`: the branch of a run-time If the totals count (index or
  /// name); "" counts the one with more MACs.
  std::string IfBranch;
  /// Threads an analysis may use on a large graph (0: one per core; the
  /// results are the same on any number).
  unsigned Threads = 0;
  /// Cached analyses of the module being compiled.
  AnalysisManager AM;
  /// A driver timing its whole run (--time-passes): the passes time into
  /// it and the driver prints the report. Null: PassManagerOptions say.
  RunTimers *Timers = nullptr;

  /// The hardware model, or an error when the embedding tool set none.
  llvm::Expected<const HwModel *> hw() const;

  void warn(const std::string &Msg) const {
    if (OnWarning)
      OnWarning(Msg);
  }
  /// Writes a pass's result through \p Fill to \p Output: "-" is Out (and
  /// the driver then prints the IR only when -o asks for it), else the file.
  llvm::Error emit(llvm::StringRef Output,
                   const std::function<void(llvm::raw_ostream &)> &Fill);
  /// Reads a file a pass option names (a per-layer config, a target). The
  /// error is one line naming the file.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
  readFile(llvm::StringRef Path) const;
};

class Pass {
public:
  struct Option {
    std::string Key;
    std::string Help;
    std::string Default; ///< as text, for --list-passes
    std::string TypeName;
    std::function<llvm::Error(llvm::StringRef)> Parse;
  };

  virtual ~Pass() = default;

  llvm::StringRef getName() const { return Name; }
  const std::vector<Option> &getOptions() const { return Options; }

  /// Runs the pass; errors are one-line diagnostics.
  virtual llvm::Error run(Module &M, PassContext &Ctx) = 0;

  /// True for passes that change nothing the analyses read (analysis
  /// printers, emitters); after any other pass every cached analysis is
  /// dropped.
  virtual bool preservesAnalyses() const { return false; }

  /// True for passes that only set attributes and move compute ops into
  /// hcm's own domain: they create, remove, reorder or retype no node or
  /// value, so the verifier (definitions, names, types, default-domain op
  /// rules) has nothing new to find after them and -verify-each skips them.
  /// Cached analyses are still dropped.
  virtual bool onlyAnnotates() const { return false; }

  /// True when the pass, as configured, writes its result to
  /// PassContext::Out (a report to standard output).
  virtual bool writesToOut() const { return false; }

  /// Applies `key=value` options; unknown keys and bad values are errors.
  llvm::Error
  setOptions(const std::vector<std::pair<std::string, std::string>> &KeyValues);

protected:
  explicit Pass(llvm::StringRef Name) : Name(Name.str()) {}

  void addOption(llvm::StringRef Key, bool &Ref, llvm::StringRef Help);
  void addOption(llvm::StringRef Key, int64_t &Ref, llvm::StringRef Help);
  void addOption(llvm::StringRef Key, double &Ref, llvm::StringRef Help);
  void addOption(llvm::StringRef Key, std::string &Ref, llvm::StringRef Help);
  /// An option taking one of \p Choices.
  void addOption(llvm::StringRef Key, std::string &Ref,
                 std::vector<std::string> Choices, llvm::StringRef Help);

  /// Error naming this pass: `pass 'name': Msg`.
  llvm::Error passError(const llvm::Twine &Msg) const;

private:
  std::string Name;
  std::vector<Option> Options;
};

} // namespace hcm

#endif // HCM_PASS_PASS_H
