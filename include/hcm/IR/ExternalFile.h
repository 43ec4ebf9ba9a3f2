//===- ExternalFile.h - Where external tensor data may be read --*- C++ -*-===//
//
// A model names its external data by a location relative to its own folder.
// Both importers (ONNX external_data, `.hcm` external(...)) and the lazy read
// in Tensor::getBytes go through these checks, so a model can never make hcm
// read outside its folder (no absolute paths, no `..`, no symbolic link that
// resolves elsewhere), block on a FIFO, or read past the end of a file.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_EXTERNALFILE_H
#define HCM_IR_EXTERNALFILE_H

#include "hcm/IR/Tensor.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace hcm {

/// True when \p Location is absolute (POSIX or Windows) or has a `..`
/// component (either separator): it escapes the folder without looking at
/// the file system.
bool locationEscapesFolder(llvm::StringRef Location);

/// The file \p R names: its location under its base folder.
llvm::SmallString<256> externalPath(const ExternalRef &R);

/// Checks \p R against the file system. Returns false when the file does not
/// exist (callers decide whether that matters) and true when it exists, is a
/// regular file whose real path is inside the real base folder, and holds
/// the byte range [offset, offset + length) (length -1: to the end), which
/// must be \p NeedBytes long when given. Errors are the bare message, for the
/// caller to prefix with the tensor's file and name.
llvm::Expected<bool> checkExternalFile(const ExternalRef &R,
                                       std::optional<uint64_t> NeedBytes);

} // namespace hcm

#endif // HCM_IR_EXTERNALFILE_H
