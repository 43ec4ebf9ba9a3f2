//===- Import.h - Reading models: ONNX (binary, text) and .hcm --*- C++ -*-===//
//
// Entry point for every input format. Binary `.onnx` and textual ONNX
// (`.onnxtxt`/`.onnxtext`; `//` lines are blanked before parsing, so tests can
// carry RUN lines) go through ONNX's shape inference and the op table; `.hcm`
// text goes through the IR parser. Stdin and unknown extensions are sniffed:
// `module` starts IR text, `<` textual ONNX, anything else is binary.
// Symbolic dims can be bound (`--dim N=1`). Errors are one line,
// `file[:line:col]: error: ...` or `file: node 'n' (Op, opset v): error: ...`.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IMPORT_IMPORT_H
#define HCM_IMPORT_IMPORT_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"

#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace hcm {

class RunTimers;

enum class InputFormat { Auto, OnnxBinary, OnnxText, HcmText };

struct ImportOptions {
  InputFormat Format = InputFormat::Auto;
  /// Symbolic dims to bind, e.g. {"N", 1}: applied to the graph inputs before
  /// ONNX shape inference (to the parsed IR for .hcm input).
  std::map<std::string, int64_t> DimBindings;
  /// `--batch N`: dim 0 of every graph input (static or symbolic) becomes N
  /// before shape inference. A .hcm file's shapes are already inferred: a
  /// symbolic dim 0 is bound to N, a static one is kept (with a warning).
  std::optional<int64_t> Batch;
  /// Receives warnings (unknown ops, missing external data, ...), each once.
  WarningHandler OnWarning;
  /// Binary ONNX: leave large tensor payloads in the memory-mapped file and
  /// parse the rest (the default). false parses the whole protobuf, copying
  /// every payload: the same IR, kept so that tests can compare the two.
  bool MapWeights = true;
  /// Frees each node's protobuf message (and the value_info typing its
  /// results) as soon as it is converted, so the IR reuses that memory,
  /// when the model's protobuf (without its mapped payloads) has at least
  /// this many bytes: 0 always, the default never. Less peak memory, but
  /// the IR then lies scattered in the freed pieces and passes walking it
  /// run slower: a 10k-node chain's -O takes 2 % more instructions. On a
  /// 1M-node chain's -O the peak drops by 8 % (2.96 -> 2.73 GiB) and, as a
  /// page a process first touches costs it more the more it holds, the run
  /// takes no longer (medians of 12 alternating runs 21.7 against 22-23 s).
  /// hcm-opt: always when no pass runs, else from 8 MiB (a 100k-node
  /// chain's 12 MB).
  size_t ReleaseProtoFrom = std::numeric_limits<size_t>::max();
  /// Times the import's steps (--time-passes); null times nothing.
  RunTimers *Timers = nullptr;
};

/// Reads \p Path ("-" is stdin, named `<stdin>` in messages; its format is
/// sniffed from the content).
llvm::Expected<std::unique_ptr<Module>> importFile(llvm::StringRef Path,
                                                   const ImportOptions &Opts);

/// Imports from an in-memory buffer; \p Path names it in diagnostics, picks
/// the format by extension and its folder anchors external data.
llvm::Expected<std::unique_ptr<Module>> importBuffer(llvm::StringRef Buffer,
                                                     llvm::StringRef Path,
                                                     const ImportOptions &Opts);

/// Replaces every dim symbol bound in \p Bindings by its value, in the types
/// of all values (inputs, results, subgraphs, container element types).
void bindDims(Module &M, const std::map<std::string, int64_t> &Bindings);

} // namespace hcm

#endif // HCM_IMPORT_IMPORT_H
