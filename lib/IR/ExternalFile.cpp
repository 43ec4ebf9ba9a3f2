//===- ExternalFile.cpp - Where external tensor data may be read ----------===//
//
// The lexical check refuses absolute locations and `..`; the file-system
// check resolves both the base folder and the file to real paths (following
// every symbolic link) and requires the file to lie inside the folder, to be
// a regular file (a FIFO or device would block or never end) and to hold the
// tensor's byte range. Offsets and lengths are checked without overflow.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/ExternalFile.h"
#include "hcm/IR/Diag.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace hcm;
namespace fs = llvm::sys::fs;

namespace {

/// A bare message (callers prefix it), escaped: createStringError keeps a
/// message only up to its first NUL.
llvm::Error problem(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 oneLine(Msg.str()));
}

/// True when real path \p Inner is \p Folder or lies below it.
bool isWithin(llvm::StringRef Inner, llvm::StringRef Folder) {
  if (!Inner.consume_front(Folder))
    return false;
  return Inner.empty() || Folder.endswith("/") || Inner.startswith("/");
}

} // namespace

bool hcm::locationEscapesFolder(llvm::StringRef Location) {
  namespace path = llvm::sys::path;
  if (path::is_absolute(Location, path::Style::posix) ||
      path::is_absolute(Location, path::Style::windows) ||
      Location.startswith("\\") ||
      path::has_root_name(Location, path::Style::windows))
    return true;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Location.split(Parts, '/');
  for (llvm::StringRef P : Parts) {
    llvm::SmallVector<llvm::StringRef, 4> Sub;
    P.split(Sub, '\\');
    for (llvm::StringRef S : Sub)
      if (S == "..")
        return true;
  }
  return false;
}

llvm::SmallString<256> hcm::externalPath(const ExternalRef &R) {
  llvm::SmallString<256> Full(R.BaseDir.empty() ? "." : R.BaseDir);
  llvm::sys::path::append(Full, R.Location);
  return Full;
}

llvm::Expected<bool> hcm::checkExternalFile(const ExternalRef &R,
                                            std::optional<uint64_t> NeedBytes) {
  const std::string &Loc = R.Location;
  // File-system calls take C strings: "a\0/../x" would name "a".
  if (Loc.find('\0') != std::string::npos)
    return problem("external data location '" + Loc + "' holds a NUL byte");
  if (Loc.empty() || locationEscapesFolder(Loc))
    return problem("external data location '" + Loc +
                   "' escapes the model folder");
  llvm::SmallString<256> Full = externalPath(R);
  if (!fs::exists(Full))
    return false;
  llvm::SmallString<256> RealBase, RealFile;
  if (fs::real_path(R.BaseDir.empty() ? "." : R.BaseDir, RealBase) ||
      fs::real_path(Full, RealFile) || !isWithin(RealFile, RealBase))
    return problem("external data location '" + Loc +
                   "' resolves outside the model folder (symbolic link)");
  fs::file_status St;
  if (fs::status(RealFile, St) || St.type() != fs::file_type::regular_file)
    return problem("external data location '" + Loc +
                   "' is not a regular file");
  uint64_t Size = St.getSize(), Offset = uint64_t(R.Offset), Len = 0;
  if (R.Offset < 0 || Offset > Size)
    return problem("external data offset " + llvm::Twine(R.Offset) +
                   " is past the end of '" + Loc + "' (" + llvm::Twine(Size) +
                   " bytes)");
  Len = R.Length < 0 ? Size - Offset : uint64_t(R.Length);
  if (Len > Size - Offset)
    return problem("external data offset " + llvm::Twine(R.Offset) +
                   " + length " + llvm::Twine(Len) + " is past the end of '" +
                   Loc + "' (" + llvm::Twine(Size) + " bytes)");
  if (NeedBytes && Len != *NeedBytes)
    return problem("external data length " + llvm::Twine(Len) +
                   " does not match its type (" + llvm::Twine(*NeedBytes) +
                   " bytes)");
  return true;
}
