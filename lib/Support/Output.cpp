//===- Output.cpp - Writing results safely --------------------------------===//
//
// Regular files (and paths that do not exist yet) are written to a temporary
// next to the destination and renamed into place, so an interrupted run never
// leaves a partial file. Anything else -- a character device such as
// /dev/null, a FIFO, a socket, /dev/stdout -- is opened and written directly:
// renaming over it would replace the device node (as root) or the symlink.
// A symlink to a regular file is followed and its target is replaced
// atomically, so the link stays.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Signals.h"

using namespace hcm;
namespace fs = llvm::sys::fs;

static llvm::Error outputError(llvm::StringRef Path, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": error: cannot write output: " + Msg);
}

/// Where to rename the finished file to, or "" when \p Path must be written
/// in place (not a regular file, or a symlink into /proc or /dev).
static std::string atomicDestination(llvm::StringRef Path) {
  fs::file_status Link;
  if (fs::status(Path, Link, /*follow=*/false))
    return Path.str(); // does not exist (or unreadable): create it
  if (Link.type() == fs::file_type::regular_file)
    return Path.str();
  if (Link.type() != fs::file_type::symlink_file)
    return "";
  llvm::SmallString<256> Real;
  fs::file_status Target;
  if (fs::real_path(Path, Real) || fs::status(Real, Target) ||
      Target.type() != fs::file_type::regular_file ||
      Real.startswith("/proc/") || Real.startswith("/dev/"))
    return "";
  return std::string(Real);
}

/// Runs \p Fill on \p OS and closes it; the write error, if any.
static std::error_code
fillAndClose(llvm::raw_fd_ostream &OS,
             const std::function<void(llvm::raw_ostream &)> &Fill) {
  Fill(OS);
  OS.close();
  if (!OS.has_error())
    return {};
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

llvm::Error
hcm::writeOutput(llvm::StringRef Path,
                 const std::function<void(llvm::raw_ostream &)> &Fill) {
  if (Path == "-") {
    Fill(llvm::outs());
    llvm::outs().flush();
    return llvm::Error::success();
  }
  std::string Dest = atomicDestination(Path);
  if (Dest.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, fs::OF_None);
    if (!EC)
      EC = fillAndClose(OS, Fill);
    return EC ? outputError(Path, EC.message()) : llvm::Error::success();
  }
  // Streamed into a temporary next to the destination (the text of a large
  // model's IR is hundreds of megabytes: held whole, it would be built, grown
  // and copied in memory first), removed if the run is interrupted.
  int FD = -1;
  llvm::SmallString<256> Tmp;
  if (std::error_code EC = fs::createUniqueFile(Dest + ".tmp%%%%%%", FD, Tmp))
    return outputError(Path, EC.message());
  llvm::sys::RemoveFileOnSignal(Tmp);
  auto Fail = [&](std::error_code EC) {
    fs::remove(Tmp);
    llvm::sys::DontRemoveFileOnSignal(Tmp);
    return outputError(Path, EC.message());
  };
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  if (std::error_code EC = fillAndClose(OS, Fill))
    return Fail(EC);
  if (std::error_code EC = fs::rename(Tmp, Dest))
    return Fail(EC);
  llvm::sys::DontRemoveFileOnSignal(Tmp);
  return llvm::Error::success();
}

bool hcm::isSameFile(llvm::StringRef A, llvm::StringRef B) {
  if (A == "-" || B == "-")
    return false;
  bool Same = false;
  return !fs::equivalent(A, B, Same) && Same;
}
