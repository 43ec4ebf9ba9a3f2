//===- Import.h - Reading models: ONNX (binary, text) and .hcm ---*- C++
//-*-===//
//
// Entry point for every input format. Binary `.onnx` and textual ONNX
// (`.onnxtxt`/`.onnxtext`; `//` lines are blanked before parsing, so tests can
// carry RUN lines) go through ONNX's shape inference and the op table; `.hcm`
// text goes through the IR parser. Symbolic dims can be bound (`--dim N=1`).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_IMPORT_H
#define HCM_IMPORT_IMPORT_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>

namespace hcm {

enum class InputFormat { Auto, OnnxBinary, OnnxText, HcmText };

struct ImportOptions {
  InputFormat Format = InputFormat::Auto;
  /// Symbolic dims to bind before shape inference, e.g. {"N", 1}.
  std::map<std::string, int64_t> DimBindings;
  /// Receives warnings (unknown ops, missing external data, ...).
  WarningHandler OnWarning;
};

/// Reads \p Path ("-" is stdin; its format is sniffed from the content).
llvm::Expected<std::unique_ptr<Module>> importFile(llvm::StringRef Path,
                                                   const ImportOptions &Opts);

/// Imports from an in-memory buffer; \p Path names it in diagnostics and its
/// folder anchors external data.
llvm::Expected<std::unique_ptr<Module>> importBuffer(llvm::StringRef Buffer,
                                                     llvm::StringRef Path,
                                                     const ImportOptions &Opts);

/// Replaces every dim symbol bound in \p Bindings by its value.
void bindDims(Module &M, const std::map<std::string, int64_t> &Bindings);

} // namespace hcm

#endif // HCM_IMPORT_IMPORT_H
