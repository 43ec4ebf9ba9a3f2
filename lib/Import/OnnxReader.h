//===- OnnxReader.h - ModelProto -> IR (private) ------------------*- C++
//-*-===//
#ifndef HCM_LIB_IMPORT_ONNXREADER_H
#define HCM_LIB_IMPORT_ONNXREADER_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include "onnx/onnx_pb.h"

#include <memory>
#include <set>
#include <string>

namespace hcm {

/// State shared while converting one model.
struct ReaderContext {
  Module &M;
  std::string Path;    ///< the model file, for diagnostics
  std::string BaseDir; ///< its folder, anchors external data
  WarningHandler OnWarning;
  std::set<std::string> Warned; ///< one warning per file / op type

  void warnOnce(const std::string &Key, const std::string &Msg) {
    if (Warned.insert(Key).second && OnWarning)
      OnWarning(Path + ": warning: " + Msg);
  }
};

/// Converts \p Proto (shape inference already run). Raw tensor bytes are
/// moved out of \p Proto, not copied.
llvm::Expected<std::unique_ptr<Module>> readOnnxModel(onnx::ModelProto &Proto,
                                                      llvm::StringRef Path,
                                                      WarningHandler OnWarning);

/// Normalises an imported node through the op table (OpTable.cpp): the
/// module's opset for its domain is resolved once here.
llvm::Error normalizeNode(Node &N, ReaderContext &Ctx);

} // namespace hcm

#endif // HCM_LIB_IMPORT_ONNXREADER_H
