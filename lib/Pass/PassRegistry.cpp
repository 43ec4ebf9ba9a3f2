//===- PassRegistry.cpp - Every pass, by name -----------------------------===//
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

const std::vector<PassInfo> &hcm::getRegisteredPasses() {
  static const std::vector<PassInfo> Passes = {
#define HCM_PASS(NAME, FACTORY, DESC) {NAME, &FACTORY, DESC},
#include "hcm/Pass/Passes.def"
  };
  return Passes;
}

const PassInfo *hcm::lookupPass(llvm::StringRef Name) {
  for (const PassInfo &P : getRegisteredPasses())
    if (Name == P.Name)
      return &P;
  return nullptr;
}

const std::vector<PipelineAlias> &hcm::getPipelineAliases() {
  static const std::vector<PipelineAlias> Aliases = {
#define HCM_PIPELINE(NAME, PIPELINE, DESC) {NAME, PIPELINE, DESC},
#include "hcm/Pass/Passes.def"
  };
  return Aliases;
}

void hcm::printPassList(llvm::raw_ostream &OS) {
  OS << "Passes (use in -p as name or name{key=value ...}):\n";
  for (const PassInfo &Info : getRegisteredPasses()) {
    OS << "  " << Info.Name << "\n      " << Info.Description << '\n';
    std::unique_ptr<Pass> P = Info.Create();
    for (const Pass::Option &O : P->getOptions())
      OS << "      " << O.Key << "=<" << O.TypeName << "> (default '"
         << O.Default << "'): " << O.Help << '\n';
  }
  OS << "Named pipelines:\n";
  for (const PipelineAlias &A : getPipelineAliases())
    OS << "  " << A.Name << " = " << A.Pipeline << "\n      " << A.Description
       << '\n';
}
