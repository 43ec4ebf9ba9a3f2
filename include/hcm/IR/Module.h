//===- Module.h - A whole model -----------------------------------*- C++
//-*-===//
//
// The module is the unit every pass works on: model metadata, the opset of
// each domain, and the main graph.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_MODULE_H
#define HCM_IR_MODULE_H

#include "hcm/IR/Graph.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>

namespace hcm {

class Module {
public:
  Module() : Main(std::make_unique<Graph>()) {}

  Graph &getGraph() { return *Main; }
  const Graph &getGraph() const { return *Main; }

  /// Opset version per domain; the default domain is "" (ai.onnx maps to "").
  const std::map<std::string, int64_t> &getOpsets() const { return Opsets; }
  void setOpset(llvm::StringRef Domain, int64_t Version);
  /// Version of \p Domain, or 0 when the model does not import it.
  int64_t getOpset(llvm::StringRef Domain) const;

  /// Model-level properties (ir_version, producer_name, model_version, ...),
  /// printed in the module header.
  AttrDict &getProperties() { return Props; }
  const AttrDict &getProperties() const { return Props; }
  /// ONNX metadata_props, kept sorted.
  std::map<std::string, std::string> &getMetadata() { return Metadata; }
  const std::map<std::string, std::string> &getMetadata() const {
    return Metadata;
  }

  /// The file the module was read from, for diagnostics (not printed).
  const std::string &getSourcePath() const { return SourcePath; }
  void setSourcePath(std::string P) { SourcePath = std::move(P); }

private:
  std::unique_ptr<Graph> Main;
  std::map<std::string, int64_t> Opsets;
  AttrDict Props;
  std::map<std::string, std::string> Metadata;
  std::string SourcePath;
};

} // namespace hcm

#endif // HCM_IR_MODULE_H
