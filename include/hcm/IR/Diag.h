//===- Diag.h - One-line diagnostics ------------------------------*- C++
//-*-===//
//
// Every user-facing error is one line: `where: error: what`, where `where` is
// `file:line:col` for text input or `file: node 'n' (Op, opset v)` for nodes
// of an imported model. Library code returns them as llvm::Error; tools print
// them once, at the edge.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_DIAG_H
#define HCM_IR_DIAG_H

#include "hcm/IR/Value.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <string>

namespace hcm {

class Node;
class Module;

/// \p Text as one printable line: newlines become spaces, other control
/// bytes `\xNN`.
std::string oneLine(llvm::StringRef Text);
/// `Where: error: Msg` as an llvm::Error, made one line by oneLine.
llvm::Error makeError(const llvm::Twine &Where, const llvm::Twine &Msg);
/// `File:Line:Col` when \p Loc is valid, else `File`.
std::string locString(llvm::StringRef File, SourceLoc Loc);
/// Where-string for \p N in module \p M: its text location if it has one,
/// else `file: node 'name' (Op, opset v)`.
std::string nodeWhere(const Module &M, const Node &N);
/// Error about node \p N.
llvm::Error nodeError(const Module &M, const Node &N, const llvm::Twine &Msg);

/// The one-line text of \p E as a warning (`where: warning: what`), for
/// problems a pass reports and then steps around.
std::string toWarning(llvm::Error E);

/// Receives warnings (`where: warning: what`); the driver prints them to
/// stderr, tests may collect them.
using WarningHandler = std::function<void(const std::string &)>;

} // namespace hcm

#endif // HCM_IR_DIAG_H
