//===- Output.cpp - Writing results atomically ----------------------------===//
#include "hcm/Pass/Output.h"
#include "hcm/IR/Diag.h"

#include "llvm/Support/FileUtilities.h"

using namespace hcm;

llvm::Error
hcm::writeOutput(llvm::StringRef Path,
                 const std::function<void(llvm::raw_ostream &)> &Fill) {
  if (Path == "-") {
    Fill(llvm::outs());
    llvm::outs().flush();
    return llvm::Error::success();
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Fill(OS);
  OS.flush();
  if (llvm::Error E = llvm::writeFileAtomically((Path + ".tmp%%%%%%").str(),
                                                Path, llvm::StringRef(Text)))
    return makeError(Path,
                     "cannot write output: " + llvm::toString(std::move(E)));
  return llvm::Error::success();
}
