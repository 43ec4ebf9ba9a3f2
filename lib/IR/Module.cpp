//===- Module.cpp - A whole model -----------------------------------------===//
#include "hcm/IR/Module.h"

using namespace hcm;

static llvm::StringRef canonicalDomain(llvm::StringRef D) {
  return D == "ai.onnx" ? "" : D;
}

void Module::setOpset(llvm::StringRef Domain, int64_t Version) {
  Opsets[canonicalDomain(Domain).str()] = Version;
}

int64_t Module::getOpset(llvm::StringRef Domain) const {
  auto It = Opsets.find(canonicalDomain(Domain).str());
  return It == Opsets.end() ? 0 : It->second;
}
