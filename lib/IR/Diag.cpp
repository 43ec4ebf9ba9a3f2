//===- Diag.cpp - One-line diagnostics ------------------------------------===//
//
// Messages carry names from the model, which may hold any byte: newlines are
// folded to spaces and other control bytes (NUL, ESC, ...) escaped as \xNN,
// so a message is always one printable line and is never cut short.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include <fmt/format.h>

using namespace hcm;

std::string hcm::oneLine(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    if (C == '\n' || C == '\r') // multi-line library messages are folded
      Out += ' ';
    else if ((C >= 0 && C < 0x20) || C == 0x7f) // NUL, ESC, ... in names
      Out += fmt::format("\\x{:02x}", unsigned(uint8_t(C)));
    else
      Out += C;
  }
  return Out;
}

llvm::Error hcm::makeError(const llvm::Twine &Where, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 oneLine((Where + ": error: " + Msg).str()));
}

std::string hcm::locString(llvm::StringRef File, SourceLoc Loc) {
  if (!Loc.isValid())
    return File.str();
  return fmt::format("{}:{}:{}", File.str(), Loc.Line, Loc.Col);
}

std::string hcm::nodeWhere(const Module &M, const Node &N) {
  if (N.getLoc().isValid())
    return locString(M.getSourcePath(), N.getLoc()) + ": " + N.describe();
  return fmt::format("{}: node '{}' ({}, opset {})", M.getSourcePath(),
                     N.getName(), N.getQualifiedName(),
                     M.getOpset(N.getDomain()));
}

llvm::Error hcm::nodeError(const Module &M, const Node &N,
                           const llvm::Twine &Msg) {
  if (N.getLoc().isValid())
    return makeError(locString(M.getSourcePath(), N.getLoc()),
                     N.describe() + ": " + Msg);
  return makeError(nodeWhere(M, N), Msg);
}

std::string hcm::toWarning(llvm::Error E) {
  std::string Text = llvm::toString(std::move(E));
  size_t At = Text.find(": error: ");
  if (At != std::string::npos)
    Text.replace(At, 9, ": warning: ");
  return Text;
}
