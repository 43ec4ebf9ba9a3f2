//===- FuzzImport.h - Shared body of the ONNX fuzz targets ------*- C++ -*-===//
//
// Imports the bytes as the given format, then verifies and prints the module
// and parses the printed IR back, as hcm-opt does with --verify-roundtrip.
// Errors are the expected outcome for most inputs; only crashes, hangs,
// sanitizer reports and a printed IR that does not parse back are findings.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_TOOLS_FUZZ_FUZZIMPORT_H
#define HCM_TOOLS_FUZZ_FUZZIMPORT_H

#include "hcm/IR/Parser.h"
#include "hcm/IR/Printer.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"

#include <cstdio>
#include <cstdlib>

namespace hcm {

/// Imports \p Data as \p Format; aborts when the printed IR of an imported,
/// verified module does not parse back.
inline int fuzzImport(const uint8_t *Data, size_t Size, InputFormat Format,
                      const char *Name) {
  ImportOptions Opts;
  Opts.Format = Format;
  llvm::StringRef Buffer(reinterpret_cast<const char *>(Data), Size);
  auto M = importBuffer(Buffer, Name, Opts);
  if (!M) {
    llvm::consumeError(M.takeError());
    return 0;
  }
  if (llvm::Error E = verifyModule(**M)) {
    llvm::consumeError(std::move(E));
    return 0;
  }
  std::string Text = printModuleToString(**M, PrintOptions{-1});
  auto Back = parseModule(Text, "<roundtrip>");
  if (!Back) {
    std::fprintf(stderr, "printed IR does not parse back: %s\n",
                 llvm::toString(Back.takeError()).c_str());
    std::abort();
  }
  return 0;
}

} // namespace hcm

#endif // HCM_TOOLS_FUZZ_FUZZIMPORT_H
