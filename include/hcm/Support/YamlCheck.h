//===- YamlCheck.h - Refusing YAML that LLVM's reader cannot take -*- C++
//-*-===//
//
// LLVM's YAML reader recurses per nesting level and trusts its input: a
// binary file, 50,000 nested flow brackets or an empty document crash it
// (stack overflow, a null node in yaml::Input), and yaml::Input takes the
// last of duplicate keys silently. Every YAML file hcm reads (targets,
// technologies, sweep, accuracy and mixed-precision files) is checked here
// first.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_YAMLCHECK_H
#define HCM_SUPPORT_YAMLCHECK_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace hcm {

/// Limits on the YAML files hcm reads (all are small, hand-written files).
struct YamlLimits {
  static constexpr size_t MaxBytes = size_t(1) << 20;
  static constexpr unsigned MaxDepth = 32;
};

/// Checks that \p Buffer is text (no NUL or control bytes), at most
/// YamlLimits::MaxBytes, nested at most YamlLimits::MaxDepth deep (flow
/// brackets and block collections), well-formed, and that no mapping
/// repeats a key. With \p RequireMapping, the document must be a non-empty
/// mapping. Errors are one line, `file:line:col: error: reason`.
llvm::Error checkYamlText(llvm::MemoryBufferRef Buffer, bool RequireMapping);

} // namespace hcm

#endif // HCM_SUPPORT_YAMLCHECK_H
