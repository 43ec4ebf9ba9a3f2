//===- FuzzOnnxBinary.cpp - libFuzzer target: the binary ONNX importer ----===//
//
// Feeds arbitrary bytes to importBuffer as binary ONNX input, then
// verifies, prints and re-parses (FuzzImport.h).
//
//===----------------------------------------------------------------------===//
#include "FuzzImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  return hcm::fuzzImport(Data, Size, hcm::InputFormat::OnnxBinary, "fuzz.onnx");
}
