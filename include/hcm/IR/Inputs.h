//===- Inputs.h - The inputs a model is fed, and their dims -----*- C++ -*-===//
//
// What a user needs to know to run a model: every graph input that is not
// an initializer, its element type and dims (symbols included), and the
// `--dim` bindings still missing. `hcm-opt --list-inputs` prints it; the
// layer table's unbound-dim error lists every missing binding at once.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_INPUTS_H
#define HCM_IR_INPUTS_H

#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace hcm {

/// A symbolic dim of a graph input: its name, and the first input and
/// position it appears at.
struct InputSymbol {
  std::string Name;
  std::string Input;
  size_t Index = 0;
};

/// The graph inputs of \p M's main graph that carry no data (the data the
/// model is fed), in declaration order.
std::vector<const Value *> feedInputs(const Module &M);

/// Every distinct symbolic dim of the feed inputs, in order of appearance.
std::vector<InputSymbol> inputSymbols(const Module &M);

/// The batch a run of \p M feeds: dim 0 of every feed input of rank >= 1
/// (the convention of --batch and --list-inputs), when it is known and the
/// same for all; nullopt otherwise (no such input, or they differ).
std::optional<int64_t> inputBatch(const Module &M);

/// A ready `--dim` line for \p Syms: a leading dim (index 0, the batch) gets
/// 1, any other dim the placeholder SIZE to be chosen (an image height is
/// not 1): `--dim N=1 --dim H=SIZE`.
std::string dimLine(const std::vector<InputSymbol> &Syms);

/// Prints one line per feed input (`input: f32[N,3,H,W]`) and, when symbols
/// remain, the `--dim` line.
void printInputs(const Module &M, llvm::raw_ostream &OS);

/// Error listing every unbound symbolic dim of every feed input at once
/// (naming \p M's file), or success.
llvm::Error requireBoundInputs(const Module &M);

} // namespace hcm

#endif // HCM_IR_INPUTS_H
