//===- FuzzHcmText.cpp - libFuzzer target: the .hcm IR parser -------------===//
//
// Feeds arbitrary bytes to importBuffer as .hcm IR input, then
// verifies, prints and re-parses (FuzzImport.h).
//
//===----------------------------------------------------------------------===//
#include "FuzzImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  return hcm::fuzzImport(Data, Size, hcm::InputFormat::HcmText, "fuzz.hcm");
}
