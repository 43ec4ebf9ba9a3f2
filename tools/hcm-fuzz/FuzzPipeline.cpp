//===- FuzzPipeline.cpp - libFuzzer target: the pipeline parser -----------===//
//
// Feeds arbitrary text to PassManager::addPipeline, the parser behind -p
// (pass names, `{key=value}` options, named pipelines).
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassManager.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  hcm::PassManager PM;
  llvm::consumeError(PM.addPipeline(Text));
  return 0;
}
