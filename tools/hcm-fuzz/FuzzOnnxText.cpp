//===- FuzzOnnxText.cpp - libFuzzer target: the textual ONNX importer -----===//
//
// Feeds arbitrary bytes to importBuffer as textual ONNX input, then
// verifies, prints and re-parses (FuzzImport.h).
//
//===----------------------------------------------------------------------===//
#include "FuzzImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  return hcm::fuzzImport(Data, Size, hcm::InputFormat::OnnxText,
                         "fuzz.onnxtxt");
}
