//===- Tensor.h - Constant tensor data, loaded lazily ------------*- C++
//-*-===//
//
// Initializers and tensor attributes. The analyzer needs dims, not weights:
// a Tensor knows its type and where its bytes live (in memory, moved out of
// the protobuf without a copy; in an external file; or elided from text) and
// reads external bytes only when a pass calls getBytes().
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_TENSOR_H
#define HCM_IR_TENSOR_H

#include "hcm/IR/Type.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace hcm {

/// Where an external tensor's bytes live (ONNX external_data).
struct ExternalRef {
  std::string Location; ///< relative to BaseDir, as written in the model
  std::string BaseDir;  ///< folder of the model file (not printed)
  int64_t Offset = 0;
  int64_t Length = -1; ///< -1: to the end of the file
};

class Tensor {
public:
  enum class Storage { Inline, External, Elided };

  Tensor() = default;
  /// Raw little-endian bytes in ONNX raw_data layout.
  static Tensor inlineBytes(Type T, std::string Bytes);
  /// String tensors keep their elements.
  static Tensor inlineStrings(Type T, std::vector<std::string> Strings);
  static Tensor external(Type T, ExternalRef Ref);
  static Tensor elided(Type T);

  const Type &getType() const { return Ty; }
  Storage getStorage() const { return Store; }
  const ExternalRef &getExternal() const { return Ext; }
  const std::vector<std::string> &getStrings() const { return Strs; }
  /// True when the bytes are in memory (no I/O needed).
  bool isInline() const { return Store == Storage::Inline; }

  /// The bytes; reads an external file on first use. Errors name the file.
  llvm::Expected<llvm::StringRef> getBytes() const;

  /// Element \p I as an integer / double (inline, non-string data only).
  int64_t getInt(size_t I) const;
  double getDouble(size_t I) const;
  /// All elements as integers, if the data is inline and integer-typed.
  std::optional<std::vector<int64_t>> getInts() const;

private:
  Type Ty;
  Storage Store = Storage::Elided;
  ExternalRef Ext;
  std::vector<std::string> Strs;
  /// Shared so that copies of a tensor (attribute copies) do not copy bytes;
  /// mutable so getBytes() can cache an external read.
  mutable std::shared_ptr<const std::string> Bytes;
};

} // namespace hcm

#endif // HCM_IR_TENSOR_H
