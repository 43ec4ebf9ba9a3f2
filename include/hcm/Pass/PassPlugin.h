//===- PassPlugin.h - Passes from a shared library --------------*- C++ -*-===//
//
// A pass plugin is a shared library that hcm-opt loads with
// `--load-pass-plugin=lib.so`. It defines one C function,
//
//   extern "C" hcm::PassPluginInfo hcmGetPassPluginInfo() {
//     return {HCM_PLUGIN_API_VERSION, "my-plugin", "1.0", registerMyPasses};
//   }
//
// whose callback adds passes (and named pipelines) that `-p` then accepts
// and `--list-passes` (and `--help`) list, in a section for the plugin. The
// plugin compiles against hcm::PluginAPI (headers only) and resolves hcm's
// symbols against the loading tool. A plugin built for another plugin API
// version is refused with an error.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_PASSPLUGIN_H
#define HCM_PASS_PASSPLUGIN_H

#include "hcm/Pass/PassRegistry.h"

#include <cstdint>
#include <string>
#include <vector>

/// Bumped whenever Pass, PassContext or PassPluginInfo change layout.
#define HCM_PLUGIN_API_VERSION 1

namespace hcm {

/// What a plugin's callback adds to the registry.
class PassPluginRegistrar {
public:
  void addPass(const PassInfo &Info) { Passes.push_back(Info); }
  void addPipeline(const PipelineAlias &Alias) { Pipelines.push_back(Alias); }

  std::vector<PassInfo> Passes;
  std::vector<PipelineAlias> Pipelines;
};

extern "C" {
/// Returned by the plugin's `hcmGetPassPluginInfo`.
struct PassPluginInfo {
  uint32_t APIVersion; ///< HCM_PLUGIN_API_VERSION the plugin was built with
  const char *Name;
  const char *Version;
  void (*RegisterPasses)(PassPluginRegistrar &R);
};
}

/// A loaded plugin (it stays loaded until the process ends).
struct PassPlugin {
  std::string Path, Name, Version;
  std::vector<std::string> PassNames, PipelineNames;
};

/// Loads the plugin at \p Path and registers its passes. Errors are one
/// line naming the file: cannot be loaded, not a plugin, another API
/// version, or a pass name already taken.
llvm::Expected<PassPlugin> loadPassPlugin(llvm::StringRef Path);

/// The plugins loaded so far, in load order.
const std::vector<PassPlugin> &loadedPassPlugins();

/// The section of the pass list for plugin \p P: its passes and named
/// pipelines, under headings naming the plugin, its version and file.
void printPluginPassList(llvm::raw_ostream &OS, const PassPlugin &P);

} // namespace hcm

#endif // HCM_PASS_PASSPLUGIN_H
