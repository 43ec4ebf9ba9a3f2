//===- PassRegistry.h - Every pass, by name ---------------------*- C++ -*-===//
//
// The registry is generated from Passes.def: one line per pass, with its
// pipeline name, factory and one-line description. Passes from elsewhere (a
// pass plugin, an embedding tool) are added at run time with registerPass,
// after the built-in ones.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_PASSREGISTRY_H
#define HCM_PASS_PASSREGISTRY_H

#include "hcm/Pass/Pass.h"

#include <memory>

namespace hcm {

#define HCM_PASS(NAME, FACTORY, DESC) std::unique_ptr<Pass> FACTORY();
#include "hcm/Pass/Passes.def"

struct PassInfo {
  const char *Name;
  std::unique_ptr<Pass> (*Create)();
  const char *Description;
};

/// All registered passes: Passes.def order, then run-time registrations.
const std::vector<PassInfo> &getRegisteredPasses();
/// The pass named \p Name, or nullptr.
const PassInfo *lookupPass(llvm::StringRef Name);

struct PipelineAlias {
  const char *Name;
  const char *Pipeline;
  const char *Description;
};
/// Named pipelines (e.g. `default`): Passes.def order, then run-time ones.
const std::vector<PipelineAlias> &getPipelineAliases();

/// True when \p Name names a registered pass or named pipeline.
bool isRegisteredName(llvm::StringRef Name);
/// Adds a pass usable by name in pipelines. The strings must outlive the
/// registry (string literals, or a plugin that stays loaded). A name already
/// taken by a pass or a named pipeline is an error.
llvm::Error registerPass(const PassInfo &Info);
/// Adds a named pipeline; a name already taken is an error.
llvm::Error registerPipeline(const PipelineAlias &Alias);

/// Writes the pass list with descriptions and options (--list-passes,
/// --help): the passes and named pipelines not from a plugin, then one
/// section per loaded plugin (printPluginPassList).
void printPassList(llvm::raw_ostream &OS);
/// One entry of the pass list: name, description, options.
void printPassEntry(llvm::raw_ostream &OS, const PassInfo &Info);
/// One named pipeline of the pass list.
void printPipelineEntry(llvm::raw_ostream &OS, const PipelineAlias &A);

} // namespace hcm

#endif // HCM_PASS_PASSREGISTRY_H
