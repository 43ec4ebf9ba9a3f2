//===- PassRegistry.h - Every pass, by name -----------------------*- C++
//-*-===//
//
// The registry is generated from Passes.def: one line per pass, with its
// pipeline name, factory and one-line description.
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

/// All registered passes, in Passes.def order.
const std::vector<PassInfo> &getRegisteredPasses();
/// The pass named \p Name, or nullptr.
const PassInfo *lookupPass(llvm::StringRef Name);

struct PipelineAlias {
  const char *Name;
  const char *Pipeline;
  const char *Description;
};
/// Named pipelines (e.g. `default`), in Passes.def order.
const std::vector<PipelineAlias> &getPipelineAliases();

/// Writes the pass list with descriptions and options (for --list-passes).
void printPassList(llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_PASS_PASSREGISTRY_H
