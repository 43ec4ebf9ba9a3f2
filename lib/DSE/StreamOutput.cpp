//===- StreamOutput.cpp - Writing large outputs without holding them ------===//
#include "DSEInternal.h"

#include "hcm/IR/Diag.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace hcm;
namespace fs = llvm::sys::fs;

llvm::Error
dse::streamOutput(llvm::StringRef Path,
                  const std::function<void(llvm::raw_ostream &)> &Fill) {
  if (Path == "-") {
    Fill(llvm::outs());
    llvm::outs().flush();
    return llvm::Error::success();
  }
  fs::file_status St;
  bool Special =
      !fs::status(Path, St) && fs::exists(St) && !fs::is_regular_file(St);
  int FD = -1;
  llvm::SmallString<256> Tmp;
  std::error_code EC;
  if (Special)
    EC = fs::openFileForWrite(Path, FD, fs::CD_OpenExisting);
  else
    EC = fs::createUniqueFile(Path + ".tmp%%%%%%", FD, Tmp);
  if (EC)
    return makeError(Path, "cannot write: " + EC.message());
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  Fill(OS);
  OS.close();
  if (OS.has_error()) {
    EC = OS.error();
    OS.clear_error();
    if (!Special)
      fs::remove(Tmp);
    return makeError(Path, "cannot write: " + EC.message());
  }
  if (!Special)
    if (std::error_code RE = fs::rename(Tmp, Path)) {
      fs::remove(Tmp);
      return makeError(Path, "cannot write: " + RE.message());
    }
  return llvm::Error::success();
}
