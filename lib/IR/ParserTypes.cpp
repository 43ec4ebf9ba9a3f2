//===- ParserTypes.cpp - Reading types and tensor data --------------------===//
//
// The part of the IR text parser (ParserImpl.h) that reads types and tensor
// payloads: value lists are converted to ONNX raw_data (little-endian bytes)
// and checked against the static shape of their type; `0x` hex, external
// references and `elided` keep their storage kind.
//
//===----------------------------------------------------------------------===//
#include "ParserImpl.h"
#include "hcm/IR/ExternalFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace hcm;
using namespace hcm::detail;

namespace {

/// Appends the \p Size low bytes of \p Bits, little-endian (ONNX raw_data).
void appendLE(std::string &Out, uint64_t Bits, unsigned Size) {
  for (unsigned I = 0; I < Size; ++I)
    Out += char((Bits >> (8 * I)) & 0xff);
}

} // namespace

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

llvm::Expected<Type> Parser::parseType() {
  if (llvm::Error E = enter("types"))
    return E;
  auto T = parseTypeBody();
  leave();
  return T;
}

llvm::Expected<Type> Parser::parseTypeBody() {
  if (Tok.isPunct('?') && !peekNext().isPunct('[')) {
    consume();
    return Type();
  }
  if (Tok.K == Token::Word && peekNext().isPunct('<')) {
    if (Tok.Text == "seq")
      return parseContainerType(Type::Kind::Sequence);
    if (Tok.Text == "opt")
      return parseContainerType(Type::Kind::Optional);
    if (Tok.Text == "sparse")
      return parseContainerType(Type::Kind::SparseTensor);
    if (Tok.Text == "map")
      return parseMapType();
  }
  return parseTensorType();
}

/// `seq<T>`, `opt<T>`, `sparse<T>`.
llvm::Expected<Type> Parser::parseContainerType(Type::Kind K) {
  consume(); // seq / opt / sparse
  consume(); // <
  auto Inner = parseType();
  if (!Inner)
    return Inner.takeError();
  if (llvm::Error E = expectPunct('>', "closing the type"))
    return E;
  return Type::container(K, std::move(*Inner));
}

/// `map<K,T>`.
llvm::Expected<Type> Parser::parseMapType() {
  consume(); // map
  consume(); // <
  std::optional<ElementType> Key;
  if (Tok.K == Token::Word || Tok.isPunct('?'))
    Key = ElementType::parse(Tok.Text);
  if (!Key)
    return unexpected("a map key element type");
  consume();
  if (llvm::Error E = expectPunct(',', "after the map key type"))
    return E;
  auto Val = parseType();
  if (!Val)
    return Val.takeError();
  if (llvm::Error E = expectPunct('>', "closing the type"))
    return E;
  return Type::map(*Key, std::move(*Val));
}

/// `elem` (rank unknown) or `elem[dim, ...]`.
llvm::Expected<Type> Parser::parseTensorType() {
  if (Tok.K != Token::Word && !Tok.isPunct('?'))
    return unexpected("a type");
  std::optional<ElementType> Elem = ElementType::parse(Tok.Text);
  if (!Elem)
    return error("unknown element type '" + shorten(Tok.Text) + "'");
  consume();
  if (!consumePunct('['))
    return Type::tensor(*Elem);
  Shape S;
  if (llvm::Error E = parseCommaList(']', "shape", [&]() -> llvm::Error {
        auto D = parseDim();
        if (!D)
          return D.takeError();
        S.push_back(std::move(*D));
        return llvm::Error::success();
      }))
    return E;
  return Type::tensor(*Elem, std::move(S));
}

/// A size >= 0, a symbol (identifier or string) or `?`.
llvm::Expected<Dim> Parser::parseDim() {
  if (consumePunct('?'))
    return Dim::unknown();
  bool Ident = Tok.K == Token::Word &&
               (llvm::isAlpha(Tok.Text[0]) || Tok.Text[0] == '_');
  if (Ident || Tok.K == Token::String) {
    if (Tok.Text.empty())
      return error("empty dim symbol");
    Dim D = Dim::symbol(Tok.Text);
    consume();
    return D;
  }
  SourceLoc L = Tok.Loc;
  auto V = parseInt();
  if (!V)
    return V.takeError();
  if (*V < 0)
    return error(L, "negative dim " + llvm::Twine(*V));
  return Dim::known(*V);
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// `dense<type, payload>`.
llvm::Expected<Tensor> Parser::parseTensor() {
  if (llvm::Error E = expectWord("dense"))
    return E;
  if (llvm::Error E = expectPunct('<', "after 'dense'"))
    return E;
  SourceLoc TypeLoc = Tok.Loc;
  auto Ty = parseType();
  if (!Ty)
    return Ty.takeError();
  if (!Ty->isTensor())
    return error(TypeLoc, "tensor data needs a tensor type, not " + Ty->str());
  if (llvm::Error E = expectPunct(',', "after the tensor type"))
    return E;
  auto T = parsePayload(*Ty);
  if (!T)
    return T.takeError();
  if (llvm::Error E = expectPunct('>', "closing the tensor"))
    return E;
  return T;
}

llvm::Expected<Tensor> Parser::parsePayload(const Type &Ty) {
  if (Tok.isWord("elided")) {
    consume();
    return Tensor::elided(Ty);
  }
  if (Tok.isWord("external"))
    return parseExternal(Ty);
  if (Tok.isPunct('[') || (Tok.isWord("strings") && peekNext().isPunct('[')))
    return parseValueList(Ty);
  if (Tok.K == Token::Word && llvm::StringRef(Tok.Text).startswith("0x"))
    return parseHex(Ty);
  return unexpected("tensor data ([...], 0x..., external(...) or elided)");
}

/// Number of elements of \p Ty, which must have a static shape.
llvm::Expected<int64_t> Parser::staticCount(const Type &Ty, SourceLoc L) const {
  if (!Ty.hasStaticShape())
    return error(L, "inline tensor data needs a static shape, not " + Ty.str());
  int64_t N = 1;
  for (const Dim &D : Ty.getShape())
    if (llvm::MulOverflow(N, D.getValue(), N))
      return error(L, "tensor type " + Ty.str() + " has too many elements");
  return N;
}

/// `0x0011...`: raw little-endian bytes, as ONNX raw_data.
llvm::Expected<Tensor> Parser::parseHex(const Type &Ty) {
  llvm::StringRef Hex = llvm::StringRef(Tok.Text).drop_front(2);
  std::string Bytes;
  if (Hex.size() % 2 || !llvm::tryGetFromHex(Hex, Bytes))
    return error("invalid hex data '" + shorten(Tok.Text) + "'");
  ElementType E = Ty.getElementType();
  if (E.getKind() == ElementType::Kind::String)
    return error("string tensors are written as a list of strings");
  auto N = staticCount(Ty, Tok.Loc);
  if (!N)
    return N.takeError();
  int64_t Need;
  if (E.getByteSize() &&
      (llvm::MulOverflow(*N, int64_t(E.getByteSize()), Need) ||
       uint64_t(Need) != Bytes.size()))
    return error("tensor data has " + llvm::Twine(Bytes.size()) +
                 " bytes, its type " + Ty.str() + " needs " + llvm::Twine(*N) +
                 " x " + llvm::Twine(E.getByteSize()));
  consume();
  return Tensor::inlineBytes(Ty, std::move(Bytes));
}

/// `external("file", offset = N(, length = N)?)`.
llvm::Expected<Tensor> Parser::parseExternal(const Type &Ty) {
  consume(); // external
  if (llvm::Error E = expectPunct('(', "after 'external'"))
    return E;
  ExternalRef R;
  R.BaseDir = BaseDir.str();
  SourceLoc At = Tok.Loc;
  auto Location = parseString();
  if (!Location)
    return Location.takeError();
  R.Location = std::move(*Location);
  for (llvm::StringRef Key : {"offset", "length"}) {
    if (!consumePunct(','))
      break;
    if (llvm::Error E = expectWord(Key))
      return E;
    if (llvm::Error E = expectPunct('=', "after '" + Key + "'"))
      return E;
    SourceLoc L = Tok.Loc;
    auto V = parseInt();
    if (!V)
      return V.takeError();
    if (*V < 0)
      return error(L, Key + " " + llvm::Twine(*V) + " is negative");
    (Key == "offset" ? R.Offset : R.Length) = *V;
  }
  if (llvm::Error E = expectPunct(')', "closing external(...)"))
    return E;
  // The same rules as ONNX external data: inside the folder, in range.
  std::optional<uint64_t> Need;
  int64_t N = 1;
  ElementType E = Ty.getElementType();
  bool Static = Ty.hasStaticShape() && E.getByteSize() &&
                E.getKind() != ElementType::Kind::String;
  for (size_t I = 0; Static && I < Ty.getShape().size(); ++I)
    Static = !llvm::MulOverflow(N, Ty.getShape()[I].getValue(), N);
  if (Static && !llvm::MulOverflow(N, int64_t(E.getByteSize()), N))
    Need = uint64_t(N);
  if (auto Exists = checkExternalFile(R, Need); !Exists)
    return error(At, llvm::toString(Exists.takeError()));
  return Tensor::external(Ty, std::move(R));
}

/// `[v, ...]` (numbers, or strings for str tensors) or `strings[]`, one value
/// per element of the static shape.
llvm::Expected<Tensor> Parser::parseValueList(const Type &Ty) {
  SourceLoc Start = Tok.Loc;
  ElementType E = Ty.getElementType();
  bool IsString = E.getKind() == ElementType::Kind::String;
  if (!IsString && !E.hasListForm())
    return error("element type " + E.str() + " is written as 0x hex");
  bool Empty = Tok.isWord("strings");
  if (Empty && !IsString)
    return error("'strings[]' is only for str tensors");
  auto N = staticCount(Ty, Start);
  if (!N)
    return N.takeError();
  if (Empty) {
    consume();
    consume(); // [
    if (llvm::Error Err = expectPunct(']', "closing 'strings[]'"))
      return Err;
    if (*N != 0)
      return error(Start, "tensor of type " + Ty.str() + " needs " +
                              llvm::Twine(*N) + " values, found 0");
    return Tensor::inlineStrings(Ty, {});
  }
  consume(); // [
  std::vector<std::string> Strings;
  std::string Bytes;
  int64_t Count = 0;
  if (llvm::Error Err = parseCommaList(']', "value list", [&]() -> llvm::Error {
        ++Count;
        if (!IsString && Tok.K != Token::Word)
          return unexpected("a number");
        if (!IsString)
          return appendNumber(Bytes, E, Tok);
        auto S = parseString();
        if (!S)
          return S.takeError();
        Strings.push_back(std::move(*S));
        return llvm::Error::success();
      }))
    return Err;
  if (Count != *N)
    return error(Start, "tensor of type " + Ty.str() + " needs " +
                            llvm::Twine(*N) + " values, found " +
                            llvm::Twine(Count));
  if (IsString)
    return Tensor::inlineStrings(Ty, std::move(Strings));
  return Tensor::inlineBytes(Ty, std::move(Bytes));
}

/// Appends the raw bytes of the number \p T (the current token, consumed on
/// success) as an element of type \p E.
llvm::Error Parser::appendNumber(std::string &Bytes, ElementType E,
                                 const Token &T) {
  if (E.getKind() == ElementType::Kind::Float) {
    bool Double = E.getWidth() == 64;
    auto D = toFloat(T, Double);
    if (!D)
      return D.takeError();
    if (Double)
      appendLE(Bytes, llvm::DoubleToBits(*D), 8);
    else
      appendLE(Bytes, llvm::FloatToBits(float(*D)), 4);
  } else {
    auto Bits = toIntBits(T, E);
    if (!Bits)
      return Bits.takeError();
    appendLE(Bytes, *Bits, E.getByteSize());
  }
  consume();
  return llvm::Error::success();
}
