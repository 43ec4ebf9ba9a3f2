//===- TargetInternal.h - Pieces of the target library ----------*- C++ -*-===//
#ifndef HCM_LIB_TARGET_TARGETINTERNAL_H
#define HCM_LIB_TARGET_TARGETINTERNAL_H

#include "hcm/Target/Target.h"

namespace hcm {

/// A target file's fields before its technology is resolved.
struct RawTargetFields {
  Target T;
  std::string Technology; ///< shipped name or file path
  std::string Array;      ///< "16x16" or empty
};

llvm::Expected<RawTargetFields> parseTargetFields(llvm::MemoryBufferRef Buf);
llvm::Expected<Technology> parseTechnology(llvm::MemoryBufferRef Buffer);

/// For a field with a fixed set of values (pe_kind, mac_mapping,
/// pool_fusion, bias_traffic, psum_traffic, loop_order): "" when \p Value is
/// one of them, else the one-line message listing them.
std::string checkTargetChoice(llvm::StringRef Key, llvm::StringRef Value);

/// The shipped YAML texts by name ("tech/<name>" for technologies).
const std::map<std::string, const char *> &shippedFiles();

} // namespace hcm

#endif // HCM_LIB_TARGET_TARGETINTERNAL_H
