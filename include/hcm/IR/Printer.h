//===- Printer.h - The textual form of the IR ---------------------*- C++
//-*-===//
//
// Prints a module in hcm's MLIR-like text form (docs/IR.md). The output is
// deterministic and parses back with parseModule to a module that prints
// byte-identically.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_PRINTER_H
#define HCM_IR_PRINTER_H

#include "hcm/IR/Module.h"

#include "llvm/Support/raw_ostream.h"

namespace hcm {

struct PrintOptions {
  /// Inline tensors with more elements print as `elided` (their type is
  /// kept; the bytes are not). A negative value never elides.
  int64_t ElideElementsAbove = 16;
  /// Threads that print a large graph's lines (printModule): 0 means one
  /// per core, 1 prints on the calling thread. The text is the same.
  unsigned Threads = 0;
};

void printModule(const Module &M, llvm::raw_ostream &OS,
                 const PrintOptions &Opts = {});
std::string printModuleToString(const Module &M, const PrintOptions &Opts = {});
void printAttribute(const Attribute &A, llvm::raw_ostream &OS,
                    const PrintOptions &Opts = {}, unsigned Indent = 0);
void printTensor(const Tensor &T, llvm::raw_ostream &OS,
                 const PrintOptions &Opts = {});
/// `%name`, quoted when the name is not a plain identifier.
std::string valueRef(llvm::StringRef Name);

} // namespace hcm

#endif // HCM_IR_PRINTER_H
