//===- DSEInternal.h - Helpers shared by the DSE library --------*- C++ -*-===//
//
// Reading small YAML files with one-line `file:line:col: error:` messages
// (the sweep file, the accuracy file) and taking the reason out of a lower
// layer's error so a message names the place once.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_DSE_DSEINTERNAL_H
#define HCM_LIB_DSE_DSEINTERNAL_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <memory>
#include <string>

namespace hcm {
namespace dse {

/// The text of \p E after its `where: error: ` prefix.
std::string errorReason(llvm::Error E);

/// One YAML document of a file, parsed with llvm::yaml; errors (syntax or
/// ours) are one line at the node's file:line:col.
class YamlFile {
public:
  YamlFile(llvm::MemoryBufferRef Buffer);
  /// The root node, or the first syntax error.
  llvm::Expected<llvm::yaml::Node *> root();
  /// `file:line:col: error: Msg` at \p N.
  llvm::Error error(llvm::yaml::Node *N, const llvm::Twine &Msg);
  /// The scalar text of \p N, or an error when it is not a scalar.
  llvm::Expected<std::string> scalar(llvm::yaml::Node *N);
  /// The first syntax error met while the nodes were walked (the parser is
  /// lazy: call this after reading everything).
  llvm::Error checkSyntax();
  /// `file:line:col` of \p N.
  std::string where(llvm::yaml::Node *N);

private:
  llvm::MemoryBufferRef Buffer;
  llvm::SourceMgr SM;
  std::string File;
  std::string SyntaxError;
  std::unique_ptr<llvm::yaml::Stream> Stream;
};

} // namespace dse
} // namespace hcm

#endif // HCM_LIB_DSE_DSEINTERNAL_H
