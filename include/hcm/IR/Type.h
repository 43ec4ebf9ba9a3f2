//===- Type.h - Element types, dims, shapes and value types -----*- C++ -*-===//
//
// A value's type is a tensor (element type + optional shape) or one of ONNX's
// container types (sequence, optional, map). Dims are known integers, named
// symbols (e.g. the batch `N`) or unknown. Integer element types carry an
// arbitrary width 1..64 and a signedness, so quantization can narrow them.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_TYPE_H
#define HCM_IR_TYPE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace hcm {

/// Scalar element type. Text forms: f16 bf16 f32 f64, iN / uN (N in 1..64),
/// bool, str, c64, c128, and `?` for unknown.
class ElementType {
public:
  enum class Kind { Unknown, Float, BFloat, Int, Bool, String, Complex };

  ElementType() = default;
  static ElementType unknown() { return {}; }
  static ElementType f16() { return {Kind::Float, 16, true}; }
  static ElementType bf16() { return {Kind::BFloat, 16, true}; }
  static ElementType f32() { return {Kind::Float, 32, true}; }
  static ElementType f64() { return {Kind::Float, 64, true}; }
  static ElementType integer(unsigned Width, bool Signed) {
    return {Kind::Int, Width, Signed};
  }
  static ElementType boolean() { return {Kind::Bool, 8, false}; }
  static ElementType string() { return {Kind::String, 0, false}; }
  static ElementType complex(unsigned Width) {
    return {Kind::Complex, Width, true};
  }

  Kind getKind() const { return K; }
  /// Storage width in bits (bool = 8, string = 0).
  unsigned getWidth() const { return Width; }
  bool isSigned() const { return Signed; }
  bool isUnknown() const { return K == Kind::Unknown; }
  bool isFloat() const { return K == Kind::Float || K == Kind::BFloat; }
  bool isInteger() const { return K == Kind::Int; }
  /// Bytes one element takes in ONNX raw_data; 0 for string/unknown and for
  /// integer widths that are not a multiple of 8.
  unsigned getByteSize() const;
  /// True when tensor data of this type is written as a value list in the
  /// text form (bool, f32, f64, whole-byte integers); other types use hex.
  /// The printer and the parser both ask this, so they always agree.
  bool hasListForm() const;

  std::string str() const;
  /// Parses the text form; std::nullopt if \p Text is not an element type.
  static std::optional<ElementType> parse(llvm::StringRef Text);

  bool operator==(const ElementType &O) const {
    return K == O.K && Width == O.Width && Signed == O.Signed;
  }
  bool operator!=(const ElementType &O) const { return !(*this == O); }

private:
  ElementType(Kind K, unsigned Width, bool Signed)
      : K(K), Width(Width), Signed(Signed) {}
  Kind K = Kind::Unknown;
  unsigned Width = 0;
  bool Signed = false;
};

/// One dimension: a known size >= 0, a named symbol, or unknown (`?`).
/// 16 bytes and trivially copied: a symbol's name is interned once per
/// process (a pool that is never freed; a model names a handful), so dims
/// compare by pointer.
class Dim {
public:
  Dim() = default;
  static Dim known(int64_t V) { return Dim(V, nullptr); }
  /// The empty name is no symbol (an unknown dim).
  static Dim symbol(llvm::StringRef Name);
  static Dim unknown() { return Dim(); }

  bool isKnown() const { return Value >= 0; }
  bool isSymbol() const { return Symbol != nullptr; }
  bool isUnknown() const { return !isKnown() && !isSymbol(); }
  int64_t getValue() const { return Value; }
  /// The symbol's name; empty unless isSymbol().
  const std::string &getSymbol() const;

  bool operator==(const Dim &O) const {
    return Value == O.Value && Symbol == O.Symbol;
  }
  bool operator!=(const Dim &O) const { return !(*this == O); }

private:
  Dim(int64_t V, const std::string *S) : Value(V), Symbol(S) {}
  int64_t Value = -1;
  const std::string *Symbol = nullptr;
};

static_assert(std::is_trivially_copyable_v<Dim>);

using Shape = std::vector<Dim>;

/// Type of a value. Tensor types print as `f32[N,3,224,224]` (ranked),
/// `f32[]` (scalar) or `f32` (rank unknown); containers as `seq<T>`,
/// `opt<T>`, `map<K,T>`, `sparse<T>`; a fully unknown type as `?`.
class Type {
public:
  enum class Kind { Unknown, Tensor, SparseTensor, Sequence, Optional, Map };

  Type() = default;
  static Type tensor(ElementType Elem, std::optional<Shape> S = std::nullopt);
  static Type container(Kind K, Type Inner);
  static Type map(ElementType Key, Type ValueTy);

  Kind getKind() const { return K; }
  bool isUnknown() const { return K == Kind::Unknown; }
  bool isTensor() const { return K == Kind::Tensor; }
  ElementType getElementType() const { return Elem; }
  void setElementType(ElementType E) { Elem = E; }
  bool hasRank() const { return TheShape.has_value(); }
  const Shape &getShape() const { return *TheShape; }
  std::optional<Shape> &shapeRef() { return TheShape; }
  void setShape(std::optional<Shape> S) { TheShape = std::move(S); }
  size_t getRank() const { return TheShape ? TheShape->size() : 0; }
  /// True when ranked and every dim is known.
  bool hasStaticShape() const;
  /// Product of dims; std::nullopt unless the shape is static.
  std::optional<int64_t> getNumElements() const;
  /// Inner type of seq/opt/sparse/map-value; unknown otherwise.
  const Type &getInner() const;

  std::string str() const;

  bool operator==(const Type &O) const;
  bool operator!=(const Type &O) const { return !(*this == O); }

private:
  Kind K = Kind::Unknown;
  ElementType Elem;                // tensor element / map key
  std::optional<Shape> TheShape;   // tensors only
  std::shared_ptr<const Type> Sub; // containers only
};

/// Quotes a symbol or name when it is not a plain identifier
/// ([A-Za-z_][A-Za-z0-9_.$-]* for names; digits may lead when \p AllowDigit).
std::string quoteIfNeeded(llvm::StringRef S, bool AllowLeadingDigit);
/// Whether quoteIfNeeded leaves \p S as it is.
bool isPlainIdentifier(llvm::StringRef S, bool AllowLeadingDigit);
/// Escapes \p S as a double-quoted string literal.
std::string quoteString(llvm::StringRef S);

} // namespace hcm

#endif // HCM_IR_TYPE_H
