//===- PassPlugin.cpp - Passes from a shared library ----------------------===//
//
// dlopen through llvm::sys::DynamicLibrary (permanent: the registered
// factories and strings live in the library), the entry point, the API
// version check, then registration of every pass the plugin declares; the
// plugin is remembered for the pass list.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassPlugin.h"

#include "hcm/IR/Diag.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/DynamicLibrary.h"

using namespace hcm;

static const char EntryPoint[] = "hcmGetPassPluginInfo";

static std::vector<PassPlugin> &loadedPlugins() {
  static std::vector<PassPlugin> Plugins;
  return Plugins;
}

llvm::Expected<PassPlugin> hcm::loadPassPlugin(llvm::StringRef Path) {
  std::string Msg;
  llvm::sys::DynamicLibrary Lib =
      llvm::sys::DynamicLibrary::getPermanentLibrary(Path.str().c_str(), &Msg);
  if (!Lib.isValid())
    return makeError(Path, "cannot load pass plugin: " + Msg);
  void *Sym = Lib.getAddressOfSymbol(EntryPoint);
  if (!Sym)
    return makeError(Path, llvm::Twine("not an hcm pass plugin (no ") +
                               EntryPoint + " function)");
  auto *GetInfo = reinterpret_cast<PassPluginInfo (*)()>(Sym);
  PassPluginInfo Info = GetInfo();
  const char *Name = Info.Name ? Info.Name : "?";
  if (Info.APIVersion != HCM_PLUGIN_API_VERSION)
    return makeError(Path, llvm::Twine("pass plugin '") + Name +
                               "' was built for hcm plugin API " +
                               llvm::Twine(Info.APIVersion) +
                               "; this hcm has plugin API " +
                               llvm::Twine(HCM_PLUGIN_API_VERSION) +
                               " (rebuild the plugin against this hcm)");
  if (!Info.RegisterPasses)
    return makeError(Path, llvm::Twine("pass plugin '") + Name +
                               "' registers nothing");
  PassPluginRegistrar R;
  Info.RegisterPasses(R);
  std::vector<const char *> Names;
  for (const PassInfo &PI : R.Passes)
    Names.push_back(PI.Create ? PI.Name : nullptr);
  for (const PipelineAlias &A : R.Pipelines)
    Names.push_back(A.Pipeline ? A.Name : nullptr);
  for (const char *N : Names) {
    if (!N || !*N)
      return makeError(Path, llvm::Twine("pass plugin '") + Name +
                                 "' registers a pass without a name, "
                                 "factory or pipeline");
    if (isRegisteredName(N))
      return makeError(Path, llvm::Twine("pass plugin '") + Name +
                                 "' registers '" + N +
                                 "', a name already registered");
  }
  PassPlugin P{Path.str(), Name, Info.Version ? Info.Version : "", {}, {}};
  for (const PassInfo &PI : R.Passes) {
    llvm::cantFail(registerPass(PI));
    P.PassNames.push_back(PI.Name);
  }
  for (const PipelineAlias &A : R.Pipelines) {
    llvm::cantFail(registerPipeline(A));
    P.PipelineNames.push_back(A.Name);
  }
  loadedPlugins().push_back(P);
  return P;
}

const std::vector<PassPlugin> &hcm::loadedPassPlugins() {
  return loadedPlugins();
}

void hcm::printPluginPassList(llvm::raw_ostream &OS, const PassPlugin &P) {
  std::string Title = "plugin '" + P.Name + "'" +
                      (P.Version.empty() ? "" : " " + P.Version) + " (" +
                      P.Path + ")";
  OS << "Passes of " << Title << ":\n";
  for (const std::string &N : P.PassNames)
    if (const PassInfo *Info = lookupPass(N))
      printPassEntry(OS, *Info);
  if (P.PipelineNames.empty())
    return;
  OS << "Named pipelines of " << Title << ":\n";
  for (const PipelineAlias &A : getPipelineAliases())
    if (llvm::is_contained(P.PipelineNames, A.Name))
      printPipelineEntry(OS, A);
}
