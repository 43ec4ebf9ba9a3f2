//===- Parser.cpp - Reading the textual form ------------------------------===//
//
// Recursive descent over the tokens of Lexer.h, following the grammar in
// docs/IR.md. Values are resolved in scope as they are read (a subgraph sees
// the graphs that enclose it), so use-before-def and redefinition are caught
// here with exact positions. Every error is one line: file:line:col: error.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Parser.h"
#include "Lexer.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstring>

using namespace hcm;

namespace {

constexpr unsigned MaxDepth = 64;

class Parser {
public:
  Parser(llvm::StringRef Text, llvm::StringRef File, llvm::StringRef BaseDir)
      : Lex(Text), File(File), BaseDir(BaseDir) {
    Tok = Lex.next();
  }

  llvm::Expected<std::unique_ptr<Module>> parseModule();

private:
  // Token handling.
  void consume() { Tok = Lex.next(); }
  llvm::Error error(const llvm::Twine &Msg) const {
    return error(Tok.Loc, Msg);
  }
  llvm::Error error(SourceLoc L, const llvm::Twine &Msg) const {
    return makeError(locString(File, L), Msg);
  }
  llvm::Error unexpected(llvm::StringRef What) const;
  llvm::Error expectPunct(char C, llvm::StringRef Context);
  llvm::Error expectWord(llvm::StringRef W);
  bool consumePunct(char C) {
    if (!Tok.isPunct(C))
      return false;
    consume();
    return true;
  }
  llvm::Expected<int64_t> parseInt();
  llvm::Expected<std::string> parseString();
  llvm::Expected<std::string> parseNameWord(llvm::StringRef What);

  // Structure.
  llvm::Error
  parseStringMap(llvm::StringRef What,
                 llvm::function_ref<llvm::Error(const std::string &)> Entry);
  llvm::Error parseOpsets(Module &M);
  llvm::Error parseMetadata(Module &M);
  llvm::Error parseGraph(Graph &G);
  llvm::Error parseSignature(Graph &G);
  llvm::Error parseInitLine(Graph &G, const Token &Name);
  llvm::Error parseNodeLine(Graph &G);
  llvm::Error parseResultTypes(std::vector<Type> &Types, size_t Count);
  llvm::Expected<Value *> parseOperand(Graph &G);
  llvm::Error checkFree(Graph &G, const Token &Name);

  // Attributes, types, tensors.
  llvm::Error parseDict(AttrDict &D, Node *Owner);
  llvm::Expected<Attribute> parseAttr(Node *Owner);
  llvm::Expected<Attribute> parseList(Node *Owner);
  llvm::Expected<Attribute> parseNumberAttr();
  llvm::Expected<std::shared_ptr<Graph>> parseSubgraph(Node *Owner);
  llvm::Expected<Type> parseType();
  llvm::Expected<Type> parseTypeAttrBody();
  llvm::Expected<Shape> parseShape();
  llvm::Expected<Tensor> parseTensor();
  llvm::Expected<Tensor> parsePayload(const Type &Ty, SourceLoc Start);
  llvm::Expected<Tensor> parseExternal(Type Ty);
  llvm::Expected<Tensor> parseValueList(Type Ty, SourceLoc Start);
  llvm::Error appendNumber(std::string &Bytes, ElementType E, const Token &T);

  Lexer Lex;
  Token Tok;
  llvm::StringRef File, BaseDir;
  unsigned Depth = 0;
};

bool isFloatText(llvm::StringRef S) {
  return S.find_first_of(".eE") != llvm::StringRef::npos || S.contains("inf") ||
         S.contains("nan");
}

} // namespace

llvm::Error Parser::unexpected(llvm::StringRef What) const {
  if (Tok.K == Token::Error)
    return error(Tok.Text);
  if (Tok.K == Token::Eof)
    return error("expected " + What + ", found end of file");
  return error("expected " + What + ", found '" + Tok.Text + "'");
}

llvm::Error Parser::expectPunct(char C, llvm::StringRef Context) {
  if (consumePunct(C))
    return llvm::Error::success();
  return unexpected(("'" + llvm::Twine(C) + "' " + Context).str());
}

llvm::Error Parser::expectWord(llvm::StringRef W) {
  if (!Tok.isWord(W))
    return unexpected("'" + W.str() + "'");
  consume();
  return llvm::Error::success();
}

llvm::Expected<int64_t> Parser::parseInt() {
  int64_t V;
  if (Tok.K != Token::Word || llvm::StringRef(Tok.Text).getAsInteger(10, V))
    return unexpected("an integer");
  consume();
  return V;
}

llvm::Expected<std::string> Parser::parseString() {
  if (Tok.K != Token::String)
    return unexpected("a string");
  std::string S = Tok.Text;
  consume();
  return S;
}

/// A key or op name: a bare word or a quoted string.
llvm::Expected<std::string> Parser::parseNameWord(llvm::StringRef What) {
  if (Tok.K != Token::Word && Tok.K != Token::String)
    return unexpected(What);
  std::string S = Tok.Text;
  consume();
  return S;
}

llvm::Expected<std::unique_ptr<Module>> Parser::parseModule() {
  auto M = std::make_unique<Module>();
  M->setSourcePath(File.str());
  if (llvm::Error E = expectWord("module"))
    return E;
  if (!Tok.isPunct('{'))
    return unexpected("'{' starting the module properties");
  if (llvm::Error E = parseDict(M->getProperties(), nullptr))
    return E;
  if (llvm::Error E = parseOpsets(*M))
    return E;
  if (llvm::Error E = parseMetadata(*M))
    return E;
  if (llvm::Error E = expectPunct('{', "opening the module body"))
    return E;
  if (llvm::Error E = expectWord("graph"))
    return E;
  if (llvm::Error E = parseGraph(M->getGraph()))
    return E;
  if (llvm::Error E = expectPunct('}', "closing the module"))
    return E;
  if (Tok.K != Token::Eof)
    return unexpected("end of file after the module");
  return M;
}

/// `{"key" = VALUE, ...}`; \p Entry reads the VALUE of each key.
llvm::Error Parser::parseStringMap(
    llvm::StringRef What,
    llvm::function_ref<llvm::Error(const std::string &)> Entry) {
  if (llvm::Error E = expectPunct('{', ("opening the " + What).str()))
    return E;
  for (bool First = true; !consumePunct('}'); First = false) {
    if (!First)
      if (llvm::Error E = expectPunct(',', ("between " + What).str()))
        return E;
    auto Key = parseString();
    if (!Key)
      return Key.takeError();
    if (llvm::Error E = expectPunct('=', ("after a key of the " + What).str()))
      return E;
    if (llvm::Error E = Entry(*Key))
      return E;
  }
  return llvm::Error::success();
}

llvm::Error Parser::parseOpsets(Module &M) {
  if (llvm::Error E = expectWord("opsets"))
    return E;
  return parseStringMap("opsets",
                        [&](const std::string &Domain) -> llvm::Error {
                          auto Version = parseInt();
                          if (!Version)
                            return Version.takeError();
                          M.setOpset(Domain, *Version);
                          return llvm::Error::success();
                        });
}

llvm::Error Parser::parseMetadata(Module &M) {
  if (!Tok.isWord("metadata"))
    return llvm::Error::success();
  consume();
  return parseStringMap("metadata", [&](const std::string &Key) -> llvm::Error {
    auto Val = parseString();
    if (!Val)
      return Val.takeError();
    M.getMetadata()[Key] = *Val;
    return llvm::Error::success();
  });
}

llvm::Error Parser::checkFree(Graph &G, const Token &Name) {
  if (G.lookup(Name.Text))
    return error(Name.Loc, "redefinition of value '%" + Name.Text + "'");
  return llvm::Error::success();
}

/// `@name(%a: T, ...) (doc "...")?` after the `graph` keyword.
llvm::Error Parser::parseSignature(Graph &G) {
  G.setLoc(Tok.Loc);
  if (Tok.K != Token::GraphName)
    return unexpected("a graph name '@name'");
  G.setName(Tok.Text);
  consume();
  if (llvm::Error E = expectPunct('(', "opening the graph inputs"))
    return E;
  while (!consumePunct(')')) {
    if (!G.getInputs().empty())
      if (llvm::Error E = expectPunct(',', "between graph inputs"))
        return E;
    if (Tok.K != Token::ValueName)
      return unexpected("an input '%name'");
    Token Name = Tok;
    if (llvm::Error E = checkFree(G, Name))
      return E;
    consume();
    if (llvm::Error E = expectPunct(':', "after the input name"))
      return E;
    auto Ty = parseType();
    if (!Ty)
      return Ty.takeError();
    G.addInput(Name.Text, *Ty)->setLoc(Name.Loc);
  }
  if (Tok.isWord("doc")) {
    consume();
    auto Doc = parseString();
    if (!Doc)
      return Doc.takeError();
    G.setDocString(*Doc);
  }
  return llvm::Error::success();
}

llvm::Error Parser::parseGraph(Graph &G) {
  if (++Depth > MaxDepth)
    return error("graphs nested too deeply");
  if (llvm::Error E = parseSignature(G))
    return E;
  if (llvm::Error E = expectPunct('{', "opening the graph body"))
    return E;
  while (!Tok.isWord("return")) {
    if (llvm::Error E = parseNodeLine(G))
      return E;
  }
  consume();
  std::vector<Value *> Outs;
  while (Tok.K == Token::ValueName) {
    auto V = parseOperand(G);
    if (!V)
      return V.takeError();
    Outs.push_back(*V);
    if (!consumePunct(','))
      break;
  }
  G.setOutputs(std::move(Outs));
  --Depth;
  return expectPunct('}', "closing the graph");
}

llvm::Expected<Value *> Parser::parseOperand(Graph &G) {
  if (Tok.isWord("_")) {
    consume();
    return nullptr;
  }
  if (Tok.K != Token::ValueName)
    return unexpected("a value '%name' or '_'");
  Value *V = G.lookup(Tok.Text);
  if (!V)
    return error("use of undefined value '%" + Tok.Text + "'");
  consume();
  return V;
}

llvm::Error Parser::parseInitLine(Graph &G, const Token &Name) {
  consume(); // init
  Value *In = G.lookupLocal(Name.Text);
  if (!(In && In->isInput() && !In->hasData()))
    if (llvm::Error E = checkFree(G, Name))
      return E;
  auto T = parseTensor();
  if (!T)
    return T.takeError();
  G.addInitializer(Name.Text, std::move(*T))->setLoc(Name.Loc);
  return llvm::Error::success();
}

llvm::Error Parser::parseNodeLine(Graph &G) {
  SourceLoc Start = Tok.Loc;
  std::vector<Token> ResultNames;
  if (Tok.K == Token::ValueName || Tok.isWord("_")) {
    while (true) {
      if (Tok.K != Token::ValueName && !Tok.isWord("_"))
        return unexpected("a result '%name' or '_'");
      ResultNames.push_back(Tok);
      consume();
      if (!consumePunct(','))
        break;
    }
    if (llvm::Error E = expectPunct('=', "after the results"))
      return E;
    if (Tok.isWord("init") && ResultNames.size() == 1 &&
        ResultNames[0].K == Token::ValueName)
      return parseInitLine(G, ResultNames[0]);
  }
  auto Op = parseNameWord("an op name or 'return'");
  if (!Op)
    return Op.takeError();
  std::string Domain;
  if (Tok.K == Token::ColonColon) {
    consume();
    Domain = *Op;
    auto Op2 = parseNameWord("an op name after '::'");
    if (!Op2)
      return Op2.takeError();
    Op = std::move(*Op2);
  }
  if (llvm::Error E = expectPunct('(', "opening the operands"))
    return E;
  std::vector<Value *> Operands;
  while (!consumePunct(')')) {
    if (!Operands.empty())
      if (llvm::Error E = expectPunct(',', "between operands"))
        return E;
    auto V = parseOperand(G);
    if (!V)
      return V.takeError();
    Operands.push_back(*V);
  }
  for (const Token &R : ResultNames)
    if (R.K == Token::ValueName)
      if (llvm::Error E = checkFree(G, R))
        return E;
  Node *N = G.addNode(Domain, *Op, "");
  N->setLoc(Start);
  N->setOperands(std::move(Operands));
  if (Tok.isPunct('{')) {
    AttrDict Attrs;
    if (llvm::Error E = parseDict(Attrs, N))
      return E;
    for (auto &KV : Attrs)
      N->setAttr(KV.first, std::move(KV.second));
  }
  std::vector<Type> Types;
  if (!ResultNames.empty()) {
    if (llvm::Error E = expectPunct(':', "before the result types"))
      return E;
    if (llvm::Error E = parseResultTypes(Types, ResultNames.size()))
      return E;
  }
  for (size_t I = 0; I < ResultNames.size(); ++I) {
    bool Omitted = ResultNames[I].K != Token::ValueName;
    Value *V = G.addResult(N, Omitted ? "" : ResultNames[I].Text, Types[I]);
    if (V)
      V->setLoc(ResultNames[I].Loc);
  }
  if (llvm::Error E = expectWord("loc"))
    return E;
  if (llvm::Error E = expectPunct('(', "after 'loc'"))
    return E;
  auto Name = parseString();
  if (!Name)
    return Name.takeError();
  N->setName(*Name);
  if (llvm::Error E = expectPunct(')', "closing the location"))
    return E;
  if (Tok.isWord("doc")) {
    consume();
    auto Doc = parseString();
    if (!Doc)
      return Doc.takeError();
    N->setDocString(*Doc);
  }
  return llvm::Error::success();
}

llvm::Error Parser::parseResultTypes(std::vector<Type> &Types, size_t Count) {
  bool Paren = Count > 1;
  if (Paren)
    if (llvm::Error E = expectPunct('(', "opening the result types"))
      return E;
  for (size_t I = 0; I < Count; ++I) {
    if (I)
      if (llvm::Error E = expectPunct(',', "between result types"))
        return E;
    if (Tok.isWord("_")) {
      consume();
      Types.emplace_back();
      continue;
    }
    auto Ty = parseType();
    if (!Ty)
      return Ty.takeError();
    Types.push_back(*Ty);
  }
  if (Paren)
    return expectPunct(')', "closing the result types");
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

llvm::Error Parser::parseDict(AttrDict &D, Node *Owner) {
  if (++Depth > MaxDepth)
    return error("attributes nested too deeply");
  if (llvm::Error E = expectPunct('{', "opening the attributes"))
    return E;
  bool First = true;
  while (!consumePunct('}')) {
    if (!First)
      if (llvm::Error E = expectPunct(',', "between attributes"))
        return E;
    First = false;
    SourceLoc KeyLoc = Tok.Loc;
    auto Key = parseNameWord("an attribute name");
    if (!Key)
      return Key.takeError();
    if (D.count(*Key))
      return error(KeyLoc, "duplicate attribute '" + *Key + "'");
    if (llvm::Error E = expectPunct('=', "after the attribute name"))
      return E;
    auto A = parseAttr(Owner);
    if (!A)
      return A.takeError();
    D.emplace(std::move(*Key), std::move(*A));
  }
  --Depth;
  return llvm::Error::success();
}

llvm::Expected<Attribute> Parser::parseNumberAttr() {
  std::string Text = Tok.Text;
  SourceLoc L = Tok.Loc;
  consume();
  if (!isFloatText(Text)) {
    int64_t V;
    if (llvm::StringRef(Text).getAsInteger(10, V))
      return error(L, "invalid integer '" + Text + "'");
    return Attribute(V);
  }
  char *End = nullptr;
  if (Tok.isPunct(':')) {
    consume();
    if (llvm::Error E = expectWord("f64"))
      return E;
    double D = std::strtod(Text.c_str(), &End);
    if (*End)
      return error(L, "invalid number '" + Text + "'");
    return Attribute(D);
  }
  float F = std::strtof(Text.c_str(), &End);
  if (*End)
    return error(L, "invalid number '" + Text + "'");
  return Attribute(F);
}

static bool startsNumber(const Token &T) {
  if (T.K != Token::Word || T.Text.empty())
    return false;
  char C = T.Text[0];
  return llvm::isDigit(C) || C == '-' || C == '+' || T.Text == "inf" ||
         T.Text == "nan";
}

llvm::Expected<Attribute> Parser::parseAttr(Node *Owner) {
  if (startsNumber(Tok))
    return parseNumberAttr();
  if (Tok.K == Token::String) {
    std::string S = Tok.Text;
    consume();
    return Attribute(std::move(S));
  }
  if (Tok.isWord("dense")) {
    auto T = parseTensor();
    if (!T)
      return T.takeError();
    return Attribute(std::move(*T));
  }
  if (Tok.isWord("graph")) {
    auto G = parseSubgraph(Owner);
    if (!G)
      return G.takeError();
    return Attribute(std::move(*G));
  }
  if (Tok.isWord("type")) {
    auto T = parseTypeAttrBody();
    if (!T)
      return T.takeError();
    return Attribute(std::move(*T));
  }
  if (Tok.isPunct('[') || Tok.K == Token::Word)
    return parseList(Owner);
  if (Tok.isPunct('{')) {
    AttrDict D;
    if (llvm::Error E = parseDict(D, Owner))
      return E;
    return Attribute(std::move(D));
  }
  return unexpected("an attribute value");
}

llvm::Expected<std::shared_ptr<Graph>> Parser::parseSubgraph(Node *Owner) {
  consume(); // graph
  if (!Owner)
    return error("graph attributes are only allowed on nodes");
  auto G = std::make_shared<Graph>();
  G->setParentNode(Owner);
  if (llvm::Error E = parseGraph(*G))
    return E;
  return G;
}

llvm::Expected<Type> Parser::parseTypeAttrBody() {
  consume(); // type
  if (llvm::Error E = expectPunct('<', "after 'type'"))
    return E;
  auto T = parseType();
  if (!T)
    return T.takeError();
  if (llvm::Error E = expectPunct('>', "closing the type"))
    return E;
  return T;
}

/// `[a, b, ...]` or a typed empty list `ints[]`.
llvm::Expected<Attribute> Parser::parseList(Node *Owner) {
  if (Tok.K == Token::Word) {
    static const std::map<std::string, Attribute> Empty = {
        {"ints", Attribute(std::vector<int64_t>())},
        {"floats", Attribute(std::vector<float>())},
        {"strings", Attribute(std::vector<std::string>())},
        {"tensors", Attribute(std::vector<Tensor>())},
        {"graphs", Attribute(std::vector<std::shared_ptr<Graph>>())},
        {"types", Attribute(std::vector<Type>())}};
    auto It = Empty.find(Tok.Text);
    if (It == Empty.end())
      return unexpected("an attribute value");
    consume();
    if (llvm::Error E = expectPunct('[', "in an empty list"))
      return E;
    if (llvm::Error E = expectPunct(']', "in an empty list"))
      return E;
    return It->second;
  }
  SourceLoc Start = Tok.Loc;
  consume(); // [
  std::vector<Attribute> Items;
  while (!consumePunct(']')) {
    if (!Items.empty())
      if (llvm::Error E = expectPunct(',', "between list elements"))
        return E;
    auto A = parseAttr(Owner);
    if (!A)
      return A.takeError();
    Items.push_back(std::move(*A));
  }
  if (Items.empty())
    return error(Start, "empty lists are written with their kind, e.g. ints[]");
  using K = Attribute::Kind;
  K Kind = Items[0].getKind();
  for (const Attribute &A : Items)
    if (A.getKind() != Kind)
      return error(Start, "list elements must all have one kind");
  switch (Kind) {
  case K::Int: {
    std::vector<int64_t> V;
    for (const Attribute &A : Items)
      V.push_back(A.getInt());
    return Attribute(std::move(V));
  }
  case K::Float: {
    std::vector<float> V;
    for (const Attribute &A : Items)
      V.push_back(A.getFloat());
    return Attribute(std::move(V));
  }
  case K::String: {
    std::vector<std::string> V;
    for (const Attribute &A : Items)
      V.push_back(A.getString());
    return Attribute(std::move(V));
  }
  case K::Tensor: {
    std::vector<Tensor> V;
    for (const Attribute &A : Items)
      V.push_back(A.getTensor());
    return Attribute(std::move(V));
  }
  case K::Graph: {
    std::vector<std::shared_ptr<Graph>> V;
    for (const Attribute &A : Items)
      V.push_back(A.getGraph());
    return Attribute(std::move(V));
  }
  case K::Type: {
    std::vector<Type> V;
    for (const Attribute &A : Items)
      V.push_back(A.getType());
    return Attribute(std::move(V));
  }
  default:
    return error(Start, "lists of this kind are not supported");
  }
}

//===----------------------------------------------------------------------===//
// Types and tensors
//===----------------------------------------------------------------------===//

llvm::Expected<Shape> Parser::parseShape() {
  consume(); // [
  Shape S;
  while (!consumePunct(']')) {
    if (!S.empty())
      if (llvm::Error E = expectPunct(',', "between dims"))
        return E;
    if (consumePunct('?')) {
      S.push_back(Dim::unknown());
    } else if (Tok.K == Token::String ||
               (Tok.K == Token::Word && !llvm::isDigit(Tok.Text[0]))) {
      S.push_back(Dim::symbol(Tok.Text));
      consume();
    } else {
      auto V = parseInt();
      if (!V)
        return V.takeError();
      if (*V < 0)
        return error("negative dim " + llvm::Twine(*V));
      S.push_back(Dim::known(*V));
    }
  }
  return S;
}

llvm::Expected<Type> Parser::parseType() {
  if (++Depth > MaxDepth)
    return error("types nested too deeply");
  Type Result;
  std::string Word = Tok.Text;
  SourceLoc L = Tok.Loc;
  bool IsQ = Tok.isPunct('?');
  if (!IsQ && Tok.K != Token::Word)
    return unexpected("a type");
  consume();
  static const std::map<std::string, Type::Kind> Containers = {
      {"seq", Type::Kind::Sequence},
      {"opt", Type::Kind::Optional},
      {"sparse", Type::Kind::SparseTensor}};
  if (Containers.count(Word) && Tok.isPunct('<')) {
    consume();
    auto Inner = parseType();
    if (!Inner)
      return Inner.takeError();
    Result = Type::container(Containers.at(Word), *Inner);
  } else if (Word == "map" && Tok.isPunct('<')) {
    consume();
    auto Key = ElementType::parse(Tok.Text);
    if (Tok.K != Token::Word || !Key)
      return unexpected("a map key element type");
    consume();
    if (llvm::Error E = expectPunct(',', "after the map key type"))
      return E;
    auto Val = parseType();
    if (!Val)
      return Val.takeError();
    Result = Type::map(*Key, *Val);
  } else {
    if (IsQ && !Tok.isPunct('[')) {
      --Depth;
      return Type();
    }
    auto Elem = ElementType::parse(IsQ ? "?" : Word);
    if (!Elem)
      return error(L, "unknown element type '" + Word + "'");
    std::optional<Shape> S;
    if (Tok.isPunct('[')) {
      auto Sh = parseShape();
      if (!Sh)
        return Sh.takeError();
      S = std::move(*Sh);
    }
    --Depth;
    return Type::tensor(*Elem, std::move(S));
  }
  --Depth;
  if (llvm::Error E = expectPunct('>', "closing the type"))
    return E;
  return Result;
}

llvm::Expected<Tensor> Parser::parseTensor() {
  SourceLoc Start = Tok.Loc;
  if (llvm::Error E = expectWord("dense"))
    return E;
  if (llvm::Error E = expectPunct('<', "after 'dense'"))
    return E;
  auto Ty = parseType();
  if (!Ty)
    return Ty.takeError();
  if (!Ty->isTensor())
    return error(Start, "tensor data needs a tensor type");
  if (llvm::Error E = expectPunct(',', "after the tensor type"))
    return E;
  auto T = parsePayload(*Ty, Start);
  if (!T)
    return T.takeError();
  if (llvm::Error E = expectPunct('>', "closing the tensor"))
    return E;
  return T;
}

llvm::Expected<Tensor> Parser::parsePayload(const Type &Ty, SourceLoc Start) {
  if (Tok.isWord("elided")) {
    consume();
    return Tensor::elided(Ty);
  }
  if (Tok.isWord("external"))
    return parseExternal(Ty);
  if (Tok.isPunct('[') || Tok.isWord("strings"))
    return parseValueList(Ty, Start);
  if (Tok.K != Token::Word || !llvm::StringRef(Tok.Text).startswith("0x"))
    return unexpected("tensor data ([...], 0x..., external(...) or elided)");
  std::string Bytes;
  if (!llvm::tryGetFromHex(llvm::StringRef(Tok.Text).drop_front(2), Bytes) ||
      Tok.Text.size() % 2)
    return error("invalid hex data");
  auto N = Ty.getNumElements();
  unsigned Size = Ty.getElementType().getByteSize();
  if (N && Size && Bytes.size() != size_t(*N) * Size)
    return error("tensor data has " + llvm::Twine(Bytes.size()) +
                 " bytes, its type " + Ty.str() + " needs " +
                 llvm::Twine(*N * Size));
  consume();
  return Tensor::inlineBytes(Ty, std::move(Bytes));
}

llvm::Expected<Tensor> Parser::parseExternal(Type Ty) {
  consume(); // external
  if (llvm::Error E = expectPunct('(', "after 'external'"))
    return E;
  ExternalRef R;
  R.BaseDir = BaseDir.str();
  auto Loc = parseString();
  if (!Loc)
    return Loc.takeError();
  R.Location = *Loc;
  for (const char *Key : {"offset", "length"}) {
    if (!consumePunct(','))
      break;
    if (llvm::Error E = expectWord(Key))
      return E;
    if (llvm::Error E = expectPunct('=', "after the key"))
      return E;
    auto V = parseInt();
    if (!V)
      return V.takeError();
    (llvm::StringRef(Key) == "offset" ? R.Offset : R.Length) = *V;
  }
  if (llvm::Error E = expectPunct(')', "closing external(...)"))
    return E;
  return Tensor::external(std::move(Ty), std::move(R));
}

llvm::Error Parser::appendNumber(std::string &Bytes, ElementType E,
                                 const Token &T) {
  auto Put = [&](const void *P, size_t N) {
    Bytes.append(static_cast<const char *>(P), N);
  };
  char *End = nullptr;
  if (E.getKind() == ElementType::Kind::Float) {
    if (E.getWidth() == 32) {
      float F = std::strtof(T.Text.c_str(), &End);
      Put(&F, 4);
    } else {
      double D = std::strtod(T.Text.c_str(), &End);
      Put(&D, 8);
    }
    if (*End || T.Text.empty())
      return error(T.Loc, "invalid number '" + T.Text + "'");
    return llvm::Error::success();
  }
  int64_t V;
  if (llvm::StringRef(T.Text).getAsInteger(10, V))
    return error(T.Loc, "invalid integer '" + T.Text + "'");
  unsigned W = E.getByteSize() * 8;
  bool Fits = E.isSigned() ? (W == 64 || (V >= -(int64_t(1) << (W - 1)) &&
                                          V < (int64_t(1) << (W - 1))))
                           : (V >= 0 && (W == 64 || V < (int64_t(1) << W)));
  if (!Fits)
    return error(T.Loc, "value " + T.Text + " does not fit " + E.str());
  Put(&V, W / 8); // little-endian host
  return llvm::Error::success();
}

llvm::Expected<Tensor> Parser::parseValueList(Type Ty, SourceLoc Start) {
  ElementType E = Ty.getElementType();
  auto N = Ty.getNumElements();
  if (!N)
    return error(Start, "a value list needs a static shape");
  bool IsString = E.getKind() == ElementType::Kind::String;
  std::vector<std::string> Strings;
  std::string Bytes;
  size_t Count = 0;
  if (Tok.isWord("strings")) {
    consume();
    if (llvm::Error Err = expectPunct('[', "in an empty list"))
      return Err;
  } else {
    consume(); // [
  }
  bool Listable = IsString || (E.getByteSize() != 0 && !E.isUnknown() &&
                               E.getKind() != ElementType::Kind::BFloat &&
                               E.getKind() != ElementType::Kind::Complex &&
                               !(E.isFloat() && E.getWidth() == 16));
  if (!Listable)
    return error(Start, "element type " + E.str() + " is written as 0x hex");
  while (!consumePunct(']')) {
    if (Count)
      if (llvm::Error Err = expectPunct(',', "between values"))
        return Err;
    ++Count;
    if (IsString) {
      auto S = parseString();
      if (!S)
        return S.takeError();
      Strings.push_back(*S);
      continue;
    }
    if (Tok.K != Token::Word)
      return unexpected("a number");
    if (llvm::Error Err = appendNumber(Bytes, E, Tok))
      return Err;
    consume();
  }
  if (int64_t(Count) != *N)
    return error(Start, "tensor of type " + Ty.str() + " needs " +
                            llvm::Twine(*N) + " values, found " +
                            llvm::Twine(Count));
  if (IsString)
    return Tensor::inlineStrings(std::move(Ty), std::move(Strings));
  return Tensor::inlineBytes(std::move(Ty), std::move(Bytes));
}

llvm::Expected<std::unique_ptr<Module>>
hcm::parseModule(llvm::StringRef Text, llvm::StringRef FileName,
                 llvm::StringRef BaseDir) {
  return Parser(Text, FileName, BaseDir).parseModule();
}
