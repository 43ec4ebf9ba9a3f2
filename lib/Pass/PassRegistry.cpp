//===- PassRegistry.cpp - Every pass, by name -----------------------------===//
//
// The built-in passes and pipelines of Passes.def, followed by those added at
// run time (pass plugins). Registration happens before any pipeline is
// parsed; the tables are not locked. The pass list prints the passes of each
// plugin in a section of its own.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassRegistry.h"

#include "hcm/IR/Diag.h"
#include "hcm/Pass/PassPlugin.h"

#include <set>

using namespace hcm;

static std::vector<PassInfo> &passTable() {
  static std::vector<PassInfo> Passes = {
#define HCM_PASS(NAME, FACTORY, DESC) {NAME, &FACTORY, DESC},
#include "hcm/Pass/Passes.def"
  };
  return Passes;
}

static std::vector<PipelineAlias> &pipelineTable() {
  static std::vector<PipelineAlias> Aliases = {
#define HCM_PIPELINE(NAME, PIPELINE, DESC) {NAME, PIPELINE, DESC},
#include "hcm/Pass/Passes.def"
  };
  return Aliases;
}

const std::vector<PassInfo> &hcm::getRegisteredPasses() { return passTable(); }

const PassInfo *hcm::lookupPass(llvm::StringRef Name) {
  for (const PassInfo &P : getRegisteredPasses())
    if (Name == P.Name)
      return &P;
  return nullptr;
}

const std::vector<PipelineAlias> &hcm::getPipelineAliases() {
  return pipelineTable();
}

bool hcm::isRegisteredName(llvm::StringRef Name) {
  if (lookupPass(Name))
    return true;
  for (const PipelineAlias &A : getPipelineAliases())
    if (Name == A.Name)
      return true;
  return false;
}

/// An error when \p Name is empty or already names a pass or pipeline.
static llvm::Error checkNewName(const char *Name, const char *What) {
  if (!Name || !*Name)
    return makeError("hcm", std::string("cannot register a ") + What +
                                " without a name");
  if (isRegisteredName(Name))
    return makeError("hcm", std::string("cannot register ") + What + " '" +
                                Name + "': the name is already registered");
  return llvm::Error::success();
}

llvm::Error hcm::registerPass(const PassInfo &Info) {
  if (llvm::Error E = checkNewName(Info.Name, "pass"))
    return E;
  if (!Info.Create)
    return makeError("hcm", std::string("cannot register pass '") + Info.Name +
                                "' without a factory");
  passTable().push_back(Info);
  return llvm::Error::success();
}

llvm::Error hcm::registerPipeline(const PipelineAlias &Alias) {
  if (llvm::Error E = checkNewName(Alias.Name, "pipeline"))
    return E;
  pipelineTable().push_back(Alias);
  return llvm::Error::success();
}

void hcm::printPassEntry(llvm::raw_ostream &OS, const PassInfo &Info) {
  OS << "  " << Info.Name << "\n      " << Info.Description << '\n';
  std::unique_ptr<Pass> P = Info.Create();
  for (const Pass::Option &O : P->getOptions())
    OS << "      " << O.Key << "=<" << O.TypeName << "> (default '" << O.Default
       << "'): " << O.Help << '\n';
}

void hcm::printPipelineEntry(llvm::raw_ostream &OS, const PipelineAlias &A) {
  OS << "  " << A.Name << " = " << A.Pipeline << "\n      " << A.Description
     << '\n';
}

void hcm::printPassList(llvm::raw_ostream &OS) {
  std::set<std::string> FromPlugins;
  for (const PassPlugin &P : loadedPassPlugins()) {
    FromPlugins.insert(P.PassNames.begin(), P.PassNames.end());
    FromPlugins.insert(P.PipelineNames.begin(), P.PipelineNames.end());
  }
  OS << "Passes (use in -p as name or name{key=value ...}):\n";
  for (const PassInfo &Info : getRegisteredPasses())
    if (!FromPlugins.count(Info.Name))
      printPassEntry(OS, Info);
  OS << "Named pipelines:\n";
  for (const PipelineAlias &A : getPipelineAliases())
    if (!FromPlugins.count(A.Name))
      printPipelineEntry(OS, A);
  for (const PassPlugin &P : loadedPassPlugins())
    printPluginPassList(OS, P);
}
