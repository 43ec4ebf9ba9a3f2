//===- PassManager.h - Pipelines and instrumentation --------------*- C++
//-*-===//
//
// Parses pipeline text (`a,b{key=value key2=value},c`, named pipelines
// expanded), runs the passes in order and instruments them: verify after each
// pass, print the IR after all or selected passes, time each pass.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_PASSMANAGER_H
#define HCM_PASS_PASSMANAGER_H

#include "hcm/Pass/Pass.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hcm {

struct PassManagerOptions {
  /// Verify after every pass that may change the IR (not after analysis
  /// printers and emitters, which only add output attributes).
  bool VerifyEach = true;
  bool PrintAfterAll = false;
  std::set<std::string> PrintAfter;
  /// Times each pass and prints the report to PassContext::Err (unless
  /// the context brings its own RunTimers).
  bool TimePasses = false;
};

class PassManager {
public:
  explicit PassManager(PassManagerOptions Opts = {}) : Opts(std::move(Opts)) {}

  /// Appends the passes of \p Pipeline. Errors name the unknown pass or
  /// the bad option.
  llvm::Error addPipeline(llvm::StringRef Pipeline);
  void addPass(std::unique_ptr<Pass> P) { Passes.push_back(std::move(P)); }
  size_t size() const { return Passes.size(); }
  /// Whether some pass of the pipeline writes to PassContext::Out.
  bool writesToOut() const {
    for (const auto &P : Passes)
      if (P->writesToOut())
        return true;
    return false;
  }

  llvm::Error run(Module &M, PassContext &Ctx);

private:
  llvm::Error addNamedPipeline(llvm::StringRef Text,
                               const struct PipelineElement &Named);
  llvm::Error runOne(Pass &P, Module &M, PassContext &Ctx);

  PassManagerOptions Opts;
  std::vector<std::unique_ptr<Pass>> Passes;
};

/// One `name{k=v ...}` element of a pipeline.
struct PipelineElement {
  std::string Name;
  std::vector<std::pair<std::string, std::string>> Options;
};

/// Splits pipeline text into elements (no registry lookup).
llvm::Expected<std::vector<PipelineElement>>
parsePipeline(llvm::StringRef Text);

} // namespace hcm

#endif // HCM_PASS_PASSMANAGER_H
