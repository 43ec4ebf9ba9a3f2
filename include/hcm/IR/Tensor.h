//===- Tensor.h - Constant tensor data, loaded lazily ------------*- C++
//-*-===//
//
// Initializers and tensor attributes. The analyzer needs dims, not weights:
// a Tensor knows its type and where its bytes live (in memory; in the
// memory-mapped model file, never copied; in an external file; or elided
// from text) and touches them only when a pass calls getBytes().
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_TENSOR_H
#define HCM_IR_TENSOR_H

#include "hcm/IR/Type.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
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
  /// Inline data that stays in the (memory-mapped) model file \p File:
  /// \p Length bytes at \p Offset. \p VarintSize 0: the bytes are the raw
  /// little-endian data (raw_data, packed float_data/double_data); else they
  /// are packed varints (int32/int64/uint64_data), each becoming its low
  /// \p VarintSize bytes, decoded on first use.
  static Tensor mapped(Type T, std::shared_ptr<const llvm::MemoryBuffer> File,
                       uint64_t Offset, uint64_t Length,
                       unsigned VarintSize = 0);

  const Type &getType() const { return Ty; }
  Storage getStorage() const { return Store; }
  const ExternalRef &getExternal() const { return Ext; }
  const std::vector<std::string> &getStrings() const { return Strs; }
  /// True when the bytes are in memory (no I/O needed).
  bool isInline() const { return Store == Storage::Inline; }
  /// True when the bytes are still those of the mapped model file.
  bool isMapped() const { return File != nullptr; }

  /// The bytes; reads an external file on first use. Errors name the file.
  llvm::Expected<llvm::StringRef> getBytes() const;

  /// Element \p I as an integer / double (inline, non-string data only).
  int64_t getInt(size_t I) const;
  double getDouble(size_t I) const;
  /// All elements as integers, if the data is inline and integer-typed.
  std::optional<std::vector<int64_t>> getInts() const;

private:
  /// The resident bytes (inline, mapped or already read), or nullopt.
  std::optional<llvm::StringRef> residentBytes() const;

  Type Ty;
  Storage Store = Storage::Elided;
  ExternalRef Ext;
  std::vector<std::string> Strs;
  /// Shared so that copies of a tensor (attribute copies) do not copy bytes;
  /// mutable so getBytes() can cache an external read.
  mutable std::shared_ptr<const std::string> Bytes;
  /// Mapped storage (Tensor::mapped); Bytes caches decoded varints.
  std::shared_ptr<const llvm::MemoryBuffer> File;
  uint64_t FileOffset = 0;
  uint64_t FileLength = 0;
  unsigned VarintSize = 0;
};

} // namespace hcm

#endif // HCM_IR_TENSOR_H
