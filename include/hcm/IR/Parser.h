//===- Parser.h - Reading the textual form ------------------------*- C++
//-*-===//
//
// Parses the text printed by printModule. Errors come back as one line,
// `file:line:col: error: message`.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_PARSER_H
#define HCM_IR_PARSER_H

#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace hcm {

/// Parses \p Text. \p FileName names the source in diagnostics; relative
/// external-data locations are resolved against \p BaseDir.
llvm::Expected<std::unique_ptr<Module>>
parseModule(llvm::StringRef Text, llvm::StringRef FileName,
            llvm::StringRef BaseDir = "");

} // namespace hcm

#endif // HCM_IR_PARSER_H
