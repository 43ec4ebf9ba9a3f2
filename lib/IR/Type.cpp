//===- Type.cpp - Element types, dims, shapes and value types -------------===//
//
// Text forms and queries for ElementType and Type.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Type.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <mutex>

using namespace hcm;

Dim Dim::symbol(llvm::StringRef Name) {
  if (Name.empty())
    return Dim();
  // Entries of a StringMap stay where they are when it grows. The pool is
  // never destroyed: dims in static objects may outlive any destructor.
  static std::mutex Lock;
  static auto *Pool = new llvm::StringMap<std::string>();
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Pool->try_emplace(Name, Name.str()).first;
  return Dim(-1, &It->second);
}

const std::string &Dim::getSymbol() const {
  static const std::string *const Empty = new std::string();
  return Symbol ? *Symbol : *Empty;
}

unsigned ElementType::getByteSize() const {
  switch (K) {
  case Kind::Float:
  case Kind::BFloat:
  case Kind::Int:
  case Kind::Complex:
    return Width % 8 == 0 ? Width / 8 : 0;
  case Kind::Bool:
    return 1;
  case Kind::Unknown:
  case Kind::String:
    return 0;
  }
  return 0;
}

bool ElementType::hasListForm() const {
  if (K == Kind::Bool)
    return true;
  if (K == Kind::Float)
    return Width == 32 || Width == 64;
  return K == Kind::Int && getByteSize() != 0;
}

std::string ElementType::str() const {
  switch (K) {
  case Kind::Unknown:
    return "?";
  case Kind::Float:
    return fmt::format(FMT_COMPILE("f{}"), Width);
  case Kind::BFloat:
    return "bf16";
  case Kind::Int:
    return fmt::format(FMT_COMPILE("{}{}"), Signed ? 'i' : 'u', Width);
  case Kind::Bool:
    return "bool";
  case Kind::String:
    return "str";
  case Kind::Complex:
    return fmt::format(FMT_COMPILE("c{}"), Width);
  }
  return "?";
}

std::optional<ElementType> ElementType::parse(llvm::StringRef T) {
  if (T == "?")
    return unknown();
  if (T == "f16")
    return f16();
  if (T == "bf16")
    return bf16();
  if (T == "f32")
    return f32();
  if (T == "f64")
    return f64();
  if (T == "bool")
    return boolean();
  if (T == "str")
    return string();
  if (T == "c64")
    return complex(64);
  if (T == "c128")
    return complex(128);
  if (T.size() >= 2 && (T[0] == 'i' || T[0] == 'u')) {
    unsigned W;
    if (T.drop_front().getAsInteger(10, W) || W < 1 || W > 64 || T[1] == '0' ||
        T[1] == '+')
      return std::nullopt;
    return integer(W, T[0] == 'i');
  }
  return std::nullopt;
}

Type Type::tensor(ElementType Elem, std::optional<Shape> S) {
  Type T;
  T.K = Kind::Tensor;
  T.Elem = Elem;
  T.TheShape = std::move(S);
  return T;
}

Type Type::container(Kind K, Type Inner) {
  Type T;
  T.K = K;
  T.Sub = std::make_shared<const Type>(std::move(Inner));
  return T;
}

Type Type::map(ElementType Key, Type ValueTy) {
  Type T = container(Kind::Map, std::move(ValueTy));
  T.Elem = Key;
  return T;
}

bool Type::hasStaticShape() const {
  if (!TheShape)
    return false;
  for (const Dim &D : *TheShape)
    if (!D.isKnown())
      return false;
  return true;
}

std::optional<int64_t> Type::getNumElements() const {
  if (!hasStaticShape())
    return std::nullopt;
  int64_t N = 1;
  for (const Dim &D : *TheShape)
    N *= D.getValue();
  return N;
}

const Type &Type::getInner() const {
  static const Type Unknown;
  return Sub ? *Sub : Unknown;
}

bool Type::operator==(const Type &O) const {
  if (K != O.K || Elem != O.Elem || TheShape != O.TheShape)
    return false;
  if (!Sub || !O.Sub)
    return Sub == O.Sub;
  return *Sub == *O.Sub;
}

static bool isIdentStart(char C) { return llvm::isAlpha(C) || C == '_'; }
static bool isIdentChar(char C) {
  return llvm::isAlnum(C) || C == '_' || C == '.' || C == '$' || C == '-';
}

std::string hcm::quoteString(llvm::StringRef S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C == '\t') {
      Out += "\\t";
    } else if (C < 0x20 || C == 0x7f) {
      Out += fmt::format(FMT_COMPILE("\\{:02X}"), C);
    } else {
      Out += C;
    }
  }
  return Out + "\"";
}

bool hcm::isPlainIdentifier(llvm::StringRef S, bool AllowLeadingDigit) {
  if (S.empty() ||
      !(isIdentStart(S[0]) || (AllowLeadingDigit && llvm::isDigit(S[0]))))
    return false;
  return llvm::all_of(S, isIdentChar);
}

std::string hcm::quoteIfNeeded(llvm::StringRef S, bool AllowLeadingDigit) {
  return isPlainIdentifier(S, AllowLeadingDigit) ? S.str() : quoteString(S);
}

static std::string dimStr(const Dim &D) {
  if (D.isKnown())
    return std::to_string(D.getValue());
  if (D.isSymbol())
    return quoteIfNeeded(D.getSymbol(), /*AllowLeadingDigit=*/false);
  return "?";
}

std::string Type::str() const {
  switch (K) {
  case Kind::Unknown:
    return "?";
  case Kind::Tensor: {
    std::string S = Elem.str();
    if (!TheShape)
      return S;
    S += '[';
    for (size_t I = 0; I < TheShape->size(); ++I)
      S += (I ? "," : "") + dimStr((*TheShape)[I]);
    return S + ']';
  }
  case Kind::SparseTensor:
    return "sparse<" + getInner().str() + ">";
  case Kind::Sequence:
    return "seq<" + getInner().str() + ">";
  case Kind::Optional:
    return "opt<" + getInner().str() + ">";
  case Kind::Map:
    return "map<" + Elem.str() + "," + getInner().str() + ">";
  }
  return "?";
}
