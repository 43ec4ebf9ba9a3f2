//===- Diag.cpp - One-line diagnostics ------------------------------------===//
#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include <fmt/format.h>

using namespace hcm;

llvm::Error hcm::makeError(const llvm::Twine &Where, const llvm::Twine &Msg) {
  std::string S = (Where + ": error: " + Msg).str();
  // One line, always: multi-line messages from libraries are folded.
  for (char &C : S)
    if (C == '\n' || C == '\r')
      C = ' ';
  return llvm::createStringError(llvm::inconvertibleErrorCode(), S);
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
