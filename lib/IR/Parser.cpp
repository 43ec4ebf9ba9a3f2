//===- Parser.cpp - Reading the textual form ------------------------------===//
//
// Recursive descent over the tokens of Lexer.h, following the grammar in
// docs/IR.md and reading exactly what Printer.cpp writes; this file reads the
// structure (module, graphs, nodes, attributes), ParserTypes.cpp the types
// and tensor payloads. Values are resolved as they are read (a subgraph sees
// the graphs that enclose it; names are unique across the whole nest), so
// use-before-def and redefinition are caught here with exact positions.
// Every error is one line, `file:line:col: error: message`; nesting is
// bounded, so no input makes the parser crash or exhaust the stack.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Parser.h"
#include "ParserImpl.h"
#include "hcm/IR/Printer.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>
#include <set>

using namespace hcm;
using namespace hcm::detail;

/// \p S cut to a length that suits a one-line message.
std::string hcm::detail::shorten(llvm::StringRef S) {
  return S.size() <= 40 ? S.str() : S.take_front(37).str() + "...";
}

namespace {

/// How a token reads in "found ..." messages.
std::string spell(const Token &T) {
  switch (T.K) {
  case Token::Eof:
    return "end of file";
  case Token::String:
    return shorten(quoteString(T.Text));
  case Token::ValueName:
    return "'" + shorten(valueRef(T.Text)) + "'";
  case Token::GraphName:
    return "'@" + shorten(quoteIfNeeded(T.Text, true)) + "'";
  default:
    return "'" + shorten(T.Text) + "'";
  }
}

/// `-?[0-9]+`.
bool isDecimal(llvm::StringRef S) {
  S.consume_front("-");
  return !S.empty() && llvm::all_of(S, llvm::isDigit);
}

/// Floats always contain '.', 'e', "inf" or "nan" (see docs/IR.md).
bool isFloatText(llvm::StringRef S) {
  return S.find_first_of(".eE") != llvm::StringRef::npos || S.contains("inf") ||
         S.contains("nan");
}

bool startsNumber(const Token &T) {
  if (T.K != Token::Word || T.Text.empty())
    return false;
  char C = T.Text[0];
  return llvm::isDigit(C) || C == '-' || C == '+' || T.Text == "inf" ||
         T.Text == "nan";
}

/// The typed empty list `Kind[]` stands for, if \p Kind names one.
std::optional<Attribute> emptyList(llvm::StringRef Kind) {
  if (Kind == "ints")
    return Attribute(std::vector<int64_t>());
  if (Kind == "floats")
    return Attribute(std::vector<float>());
  if (Kind == "strings")
    return Attribute(std::vector<std::string>());
  if (Kind == "tensors")
    return Attribute(std::vector<Tensor>());
  if (Kind == "graphs")
    return Attribute(std::vector<std::shared_ptr<Graph>>());
  if (Kind == "types")
    return Attribute(std::vector<Type>());
  return std::nullopt;
}

/// A list attribute of the elements' kind, built with \p Get.
template <typename T, typename GetFn>
Attribute collect(const std::vector<Attribute> &Items, GetFn Get) {
  std::vector<T> V;
  V.reserve(Items.size());
  for (const Attribute &A : Items)
    V.push_back(Get(A));
  return Attribute(std::move(V));
}

} // namespace

//===----------------------------------------------------------------------===//
// Tokens and errors
//===----------------------------------------------------------------------===//

llvm::Error Parser::unexpected(const llvm::Twine &What) const {
  if (Tok.K == Token::Error)
    return error(Tok.Text);
  return error("expected " + What + ", found " + spell(Tok));
}

llvm::Error Parser::expectPunct(char C, const llvm::Twine &Context) {
  if (consumePunct(C))
    return llvm::Error::success();
  return unexpected("'" + llvm::Twine(C) + "' " + Context);
}

llvm::Error Parser::expectWord(llvm::StringRef W) {
  if (!Tok.isWord(W))
    return unexpected("'" + W + "'");
  consume();
  return llvm::Error::success();
}

/// Enters one level of nesting; fails beyond MaxDepth.
llvm::Error Parser::enter(llvm::StringRef What) {
  if (++Depth > MaxDepth)
    return error(What + " nested too deeply (limit " + llvm::Twine(MaxDepth) +
                 ")");
  return llvm::Error::success();
}

/// `Item (',' Item)* Close`, or just `Close`; the opening token has been
/// consumed. \p What names the list in messages ("expected ')' in \p What").
llvm::Error Parser::parseCommaList(char Close, llvm::StringRef What,
                                   llvm::function_ref<llvm::Error()> Item) {
  if (consumePunct(Close))
    return llvm::Error::success();
  while (true) {
    if (llvm::Error E = Item())
      return E;
    if (consumePunct(Close))
      return llvm::Error::success();
    if (!consumePunct(','))
      return unexpected("'" + llvm::Twine(Close) + "' in " + What);
  }
}

llvm::Expected<std::string> Parser::parseString() {
  if (Tok.K != Token::String)
    return unexpected("a string");
  std::string S = std::move(Tok.Text);
  consume();
  return S;
}

/// A key or op name: a bare word or a quoted string.
llvm::Expected<std::string> Parser::parseNameWord(llvm::StringRef What) {
  if (Tok.K != Token::Word && Tok.K != Token::String)
    return unexpected(What);
  std::string S = std::move(Tok.Text);
  consume();
  return S;
}

llvm::Expected<int64_t> Parser::parseInt() {
  if (Tok.K != Token::Word || !isDecimal(Tok.Text))
    return unexpected("an integer");
  auto V = toInt(Tok);
  if (V)
    consume();
  return V;
}

/// Reads \p T as a decimal int64; overflow is an error.
llvm::Expected<int64_t> Parser::toInt(const Token &T) const {
  int64_t V;
  if (!llvm::StringRef(T.Text).getAsInteger(10, V))
    return V;
  if (isDecimal(T.Text))
    return error(T.Loc, "integer " + shorten(T.Text) + " is out of range");
  return error(T.Loc, "invalid integer '" + shorten(T.Text) + "'");
}

/// Reads \p T as an f32 (or an f64 when \p Double); values beyond the range
/// of the type are errors rather than infinities.
llvm::Expected<double> Parser::toFloat(const Token &T, bool Double) const {
  const char *S = T.Text.c_str();
  char *End = nullptr;
  double D = Double ? std::strtod(S, &End) : std::strtof(S, &End);
  if (T.Text.empty() || *End)
    return error(T.Loc, "invalid number '" + shorten(T.Text) + "'");
  if (std::isinf(D) && !llvm::StringRef(T.Text).contains("inf"))
    return error(T.Loc, "number " + shorten(T.Text) + " is out of range for " +
                            (Double ? "f64" : "f32"));
  return D;
}

/// Reads \p T as an element of the integer or bool type \p E and returns its
/// two's-complement bits. u64 also accepts the negative form the printer
/// writes for values above INT64_MAX.
llvm::Expected<uint64_t> Parser::toIntBits(const Token &T,
                                           ElementType E) const {
  unsigned W = E.getByteSize() * 8;
  bool Signed = E.isInteger() && E.isSigned();
  auto NoFit = [&] {
    return error(T.Loc,
                 "value " + shorten(T.Text) + " does not fit " + E.str());
  };
  int64_t V;
  if (!llvm::StringRef(T.Text).getAsInteger(10, V)) {
    if (W == 64)
      return uint64_t(V);
    int64_t Lo = Signed ? -(int64_t(1) << (W - 1)) : 0;
    int64_t Hi = Signed ? (int64_t(1) << (W - 1)) : (int64_t(1) << W);
    if (V < Lo || V >= Hi)
      return NoFit();
    return uint64_t(V);
  }
  uint64_t U;
  if (!Signed && W == 64 && !llvm::StringRef(T.Text).getAsInteger(10, U))
    return U;
  if (isDecimal(T.Text))
    return NoFit();
  return error(T.Loc, "invalid integer '" + shorten(T.Text) + "'");
}

//===----------------------------------------------------------------------===//
// Module and graphs
//===----------------------------------------------------------------------===//

llvm::Expected<std::unique_ptr<Module>> Parser::parseModule() {
  auto M = std::make_unique<Module>();
  M->setSourcePath(File.str());
  if (llvm::Error E = parseHeader(*M))
    return E;
  if (llvm::Error E = expectPunct('{', "opening the module body"))
    return E;
  if (llvm::Error E = parseGraph(M->getGraph()))
    return E;
  if (llvm::Error E = expectPunct('}', "closing the module"))
    return E;
  if (Tok.K != Token::Eof)
    return unexpected("end of file after the module");
  return M;
}

/// `module {props} opsets {...} (metadata {...})?`.
llvm::Error Parser::parseHeader(Module &M) {
  if (llvm::Error E = expectWord("module"))
    return E;
  if (!Tok.isPunct('{'))
    return unexpected("'{' starting the module properties");
  if (llvm::Error E = parseDict(M.getProperties(), nullptr))
    return E;
  if (llvm::Error E = expectWord("opsets"))
    return E;
  auto Opset = [&](const std::string &Domain) -> llvm::Error {
    auto Version = parseInt();
    if (!Version)
      return Version.takeError();
    M.setOpset(Domain, *Version);
    return llvm::Error::success();
  };
  if (llvm::Error E = parseStringMap("opsets", Opset))
    return E;
  if (!Tok.isWord("metadata"))
    return llvm::Error::success();
  consume();
  return parseStringMap("metadata", [&](const std::string &Key) -> llvm::Error {
    auto Val = parseString();
    if (!Val)
      return Val.takeError();
    M.getMetadata()[Key] = std::move(*Val);
    return llvm::Error::success();
  });
}

/// `{"key" = VALUE, ...}`; \p Entry reads the VALUE of each key.
llvm::Error Parser::parseStringMap(
    llvm::StringRef What,
    llvm::function_ref<llvm::Error(const std::string &)> Entry) {
  if (llvm::Error E = expectPunct('{', "opening the " + What))
    return E;
  std::set<std::string> Seen;
  return parseCommaList('}', What, [&]() -> llvm::Error {
    SourceLoc KeyLoc = Tok.Loc;
    auto Key = parseString();
    if (!Key)
      return Key.takeError();
    if (!Seen.insert(*Key).second)
      return error(KeyLoc,
                   "duplicate key " + quoteString(*Key) + " in " + What);
    if (llvm::Error E = expectPunct('=', "after a key of the " + What))
      return E;
    return Entry(*Key);
  });
}

/// `graph @name(inputs) (doc "...")? { line* return ... }`.
llvm::Error Parser::parseGraph(Graph &G) {
  G.setLoc(Tok.Loc);
  if (llvm::Error E = expectWord("graph"))
    return E;
  if (llvm::Error E = enter("graphs"))
    return E;
  if (llvm::Error E = parseSignature(G))
    return E;
  if (llvm::Error E = expectPunct('{', "opening the graph body"))
    return E;
  while (!atReturn())
    if (llvm::Error E = parseLine(G))
      return E;
  if (llvm::Error E = parseReturn(G))
    return E;
  leave();
  return expectPunct('}', "closing the graph");
}

llvm::Error Parser::parseSignature(Graph &G) {
  if (Tok.K != Token::GraphName)
    return unexpected("a graph name '@name'");
  G.setName(Tok.Text);
  consume();
  if (llvm::Error E = expectPunct('(', "opening the graph inputs"))
    return E;
  if (llvm::Error E =
          parseCommaList(')', "input list", [&] { return parseInput(G); }))
    return E;
  if (!Tok.isWord("doc"))
    return llvm::Error::success();
  consume();
  auto Doc = parseString();
  if (!Doc)
    return Doc.takeError();
  G.setDocString(std::move(*Doc));
  return llvm::Error::success();
}

/// `%name: type` in a graph signature.
llvm::Error Parser::parseInput(Graph &G) {
  if (Tok.K != Token::ValueName)
    return unexpected("an input '%name'");
  Token Name = Tok;
  if (llvm::Error E = defineName(Name))
    return E;
  consume();
  if (llvm::Error E = expectPunct(':', "after the input name"))
    return E;
  auto Ty = parseType();
  if (!Ty)
    return Ty.takeError();
  G.addInput(Name.Text, std::move(*Ty))->setLoc(Name.Loc);
  return llvm::Error::success();
}

/// True at `return`; `return(` starts a node whose op is called "return".
bool Parser::atReturn() const {
  return Tok.isWord("return") && !peekNext().isPunct('(');
}

/// `return %a, %b` (or a bare `return`).
llvm::Error Parser::parseReturn(Graph &G) {
  consume(); // return
  std::vector<Value *> Outs;
  for (bool More = Tok.K == Token::ValueName; More; More = consumePunct(',')) {
    if (Tok.K != Token::ValueName)
      return unexpected("a returned value '%name'");
    auto V = parseOperand(G);
    if (!V)
      return V.takeError();
    Outs.push_back(*V);
  }
  G.setOutputs(std::move(Outs));
  return llvm::Error::success();
}

llvm::Error Parser::defineName(const Token &Name) {
  if (!Names.insert(Name.Text).second)
    return error(Name.Loc,
                 "redefinition of value '" + valueRef(Name.Text) + "'");
  return llvm::Error::success();
}

/// An init line or a node line.
llvm::Error Parser::parseLine(Graph &G) {
  SourceLoc Start = Tok.Loc;
  bool HasResults = Tok.K == Token::ValueName ||
                    (Tok.isWord("_") && !peekNext().isPunct('('));
  if (!HasResults && Tok.K != Token::Word && Tok.K != Token::String)
    return unexpected("a node, an init line or 'return'");
  std::vector<Token> Results;
  if (HasResults) {
    if (llvm::Error E = parseResultNames(Results))
      return E;
    // `%x = init(...)` would be a node whose op is called "init".
    if (Tok.isWord("init") && !peekNext().isPunct('(') && Results.size() == 1 &&
        Results[0].K == Token::ValueName)
      return parseInitLine(G, Results[0]);
  }
  for (const Token &R : Results)
    if (R.K == Token::ValueName)
      if (llvm::Error E = defineName(R))
        return E;
  return parseNodeLine(G, Start, Results);
}

/// `(%a | _) (',' (%b | _))* '='`.
llvm::Error Parser::parseResultNames(std::vector<Token> &Results) {
  while (true) {
    if (Tok.K != Token::ValueName && !Tok.isWord("_"))
      return unexpected("a result '%name' or '_'");
    Results.push_back(Tok);
    consume();
    if (consumePunct('='))
      return llvm::Error::success();
    if (!consumePunct(','))
      return unexpected("'=' after the results");
  }
}

/// `%x = init dense<...>`, after the `=`. Data for an input of this graph is
/// attached to that input.
llvm::Error Parser::parseInitLine(Graph &G, const Token &Name) {
  consume(); // init
  Value *Local = G.lookupLocal(Name.Text);
  bool ForInput = Local && Local->isInput() && !Local->hasData();
  if (!ForInput)
    if (llvm::Error E = defineName(Name))
      return E;
  auto T = parseTensor();
  if (!T)
    return T.takeError();
  Value *V = G.addInitializer(Name.Text, std::move(*T));
  if (!ForInput)
    V->setLoc(Name.Loc);
  return llvm::Error::success();
}

/// The rest of a node line after its results: the node is created before
/// its attributes are read, so that subgraphs can see enclosing values.
llvm::Error Parser::parseNodeLine(Graph &G, SourceLoc Start,
                                  const std::vector<Token> &Results) {
  std::string Domain, Op;
  if (llvm::Error E = parseOpName(Domain, Op))
    return E;
  Node *N = G.addNode(std::move(Domain), std::move(Op), "");
  N->setLoc(Start);
  if (llvm::Error E = parseOperands(G, *N))
    return E;
  if (Tok.isPunct('{')) {
    AttrDict Attrs;
    if (llvm::Error E = parseDict(Attrs, N))
      return E;
    for (auto &KV : Attrs)
      N->setAttr(KV.first, std::move(KV.second));
  }
  std::vector<Type> Types;
  if (!Results.empty()) {
    if (llvm::Error E = expectPunct(':', "before the result types"))
      return E;
    if (llvm::Error E = parseResultTypes(Types, Results))
      return E;
  }
  for (size_t I = 0; I < Results.size(); ++I) {
    bool Omitted = Results[I].K != Token::ValueName;
    Value *V = G.addResult(N, Omitted ? "" : Results[I].Text, Types[I]);
    if (V)
      V->setLoc(Results[I].Loc);
  }
  return parseNodeTail(*N);
}

/// `Op` or `domain::Op`, each a word or a quoted string.
llvm::Error Parser::parseOpName(std::string &Domain, std::string &Op) {
  auto First = parseNameWord("an op name");
  if (!First)
    return First.takeError();
  if (Tok.K != Token::ColonColon) {
    Op = std::move(*First);
    return llvm::Error::success();
  }
  consume();
  auto Second = parseNameWord("an op name after '::'");
  if (!Second)
    return Second.takeError();
  Domain = std::move(*First);
  Op = std::move(*Second);
  return llvm::Error::success();
}

llvm::Error Parser::parseOperands(Graph &G, Node &N) {
  if (llvm::Error E = expectPunct('(', "opening the operand list"))
    return E;
  std::vector<Value *> Ops;
  if (llvm::Error E = parseCommaList(')', "operand list", [&]() -> llvm::Error {
        auto V = parseOperand(G);
        if (!V)
          return V.takeError();
        Ops.push_back(*V);
        return llvm::Error::success();
      }))
    return E;
  N.setOperands(std::move(Ops));
  return llvm::Error::success();
}

/// `%name` (looked up in scope) or `_` (an omitted operand: nullptr).
llvm::Expected<Value *> Parser::parseOperand(Graph &G) {
  if (Tok.isWord("_")) {
    consume();
    return nullptr;
  }
  if (Tok.K != Token::ValueName)
    return unexpected("a value '%name' or '_'");
  Value *V = G.lookup(Tok.Text);
  if (!V)
    return error("use of undefined value '" + valueRef(Tok.Text) + "'");
  consume();
  return V;
}

/// One type per result, parenthesised when there are several; `_` is the
/// type of an omitted result and only of one.
llvm::Error Parser::parseResultTypes(std::vector<Type> &Types,
                                     const std::vector<Token> &Results) {
  bool Paren = Results.size() > 1;
  if (Paren)
    if (llvm::Error E = expectPunct('(', "opening the result types"))
      return E;
  for (size_t I = 0; I < Results.size(); ++I) {
    if (I && !consumePunct(','))
      return unexpected("',' in result type list (" +
                        llvm::Twine(Results.size()) + " results)");
    bool Omitted = Results[I].K != Token::ValueName;
    if (Tok.isWord("_") != Omitted)
      return Omitted ? unexpected("'_' as the type of an omitted result")
                     : error("result '" + valueRef(Results[I].Text) +
                             "' needs a type, found '_'");
    if (Omitted) {
      consume();
      Types.emplace_back();
      continue;
    }
    auto Ty = parseType();
    if (!Ty)
      return Ty.takeError();
    Types.push_back(std::move(*Ty));
  }
  if (Paren)
    return expectPunct(')', "in result type list");
  return llvm::Error::success();
}

/// `loc("name") (doc "...")?`.
llvm::Error Parser::parseNodeTail(Node &N) {
  if (llvm::Error E = expectWord("loc"))
    return E;
  if (llvm::Error E = expectPunct('(', "after 'loc'"))
    return E;
  auto Name = parseString();
  if (!Name)
    return Name.takeError();
  N.setName(std::move(*Name));
  if (llvm::Error E = expectPunct(')', "closing loc(...)"))
    return E;
  // `doc(` would start the next node, of an op called "doc".
  if (!Tok.isWord("doc") || peekNext().K != Token::String)
    return llvm::Error::success();
  consume();
  N.setDocString(cantFail(parseString()));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// `{key = attr, ...}`; \p Owner is the node graph attributes belong to
/// (nullptr for module properties).
llvm::Error Parser::parseDict(AttrDict &D, Node *Owner) {
  if (llvm::Error E = enter("attributes"))
    return E;
  if (llvm::Error E = expectPunct('{', "opening the attributes"))
    return E;
  if (llvm::Error E = parseCommaList('}', "attribute dict",
                                     [&] { return parseDictEntry(D, Owner); }))
    return E;
  leave();
  return llvm::Error::success();
}

llvm::Error Parser::parseDictEntry(AttrDict &D, Node *Owner) {
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
  return llvm::Error::success();
}

llvm::Expected<Attribute> Parser::parseAttr(Node *Owner) {
  if (startsNumber(Tok))
    return parseNumberAttr();
  if (Tok.K == Token::String)
    return Attribute(cantFail(parseString()));
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
  if (Tok.isWord("type"))
    return parseTypeAttr();
  if (Tok.isPunct('['))
    return parseList(Owner);
  if (Tok.K == Token::Word)
    if (std::optional<Attribute> Empty = emptyList(Tok.Text))
      return parseEmptyList(std::move(*Empty));
  if (Tok.isPunct('{')) {
    AttrDict D;
    if (llvm::Error E = parseDict(D, Owner))
      return E;
    return Attribute(std::move(D));
  }
  return unexpected("an attribute value");
}

/// `3`, `1.5` (f32) or `1.5 : f64`.
llvm::Expected<Attribute> Parser::parseNumberAttr() {
  Token T = Tok;
  consume();
  if (!isFloatText(T.Text)) {
    auto V = toInt(T);
    if (!V)
      return V.takeError();
    return Attribute(*V);
  }
  bool Double = Tok.isPunct(':');
  if (Double) {
    consume();
    if (llvm::Error E = expectWord("f64"))
      return E;
  }
  auto D = toFloat(T, Double);
  if (!D)
    return D.takeError();
  return Double ? Attribute(*D) : Attribute(float(*D));
}

/// `[a, b, ...]`: all elements of one kind (int, float, string, tensor,
/// graph or type).
llvm::Expected<Attribute> Parser::parseList(Node *Owner) {
  if (llvm::Error E = enter("lists"))
    return E;
  SourceLoc Start = Tok.Loc;
  consume(); // [
  std::vector<Attribute> Items;
  if (llvm::Error E =
          parseCommaList(']', "attribute list", [&]() -> llvm::Error {
            SourceLoc ItemLoc = Tok.Loc;
            auto A = parseAttr(Owner);
            if (!A)
              return A.takeError();
            if (!Items.empty() && A->getKind() != Items[0].getKind())
              return error(ItemLoc,
                           llvm::Twine("list element of kind ") +
                               Attribute::kindName(A->getKind()) +
                               " in a list of " +
                               Attribute::kindName(Items[0].getKind()));
            Items.push_back(std::move(*A));
            return llvm::Error::success();
          }))
    return E;
  leave();
  using K = Attribute::Kind;
  switch (Items.empty() ? K::Dict : Items[0].getKind()) {
  case K::Int:
    return collect<int64_t>(Items,
                            [](const Attribute &A) { return A.getInt(); });
  case K::Float:
    return collect<float>(Items,
                          [](const Attribute &A) { return A.getFloat(); });
  case K::String:
    return collect<std::string>(
        Items, [](const Attribute &A) { return A.getString(); });
  case K::Tensor:
    return collect<Tensor>(Items,
                           [](const Attribute &A) { return A.getTensor(); });
  case K::Graph:
    return collect<std::shared_ptr<Graph>>(
        Items, [](const Attribute &A) { return A.getGraph(); });
  case K::Type:
    return collect<Type>(Items, [](const Attribute &A) { return A.getType(); });
  default:
    if (Items.empty())
      return error(Start,
                   "empty lists are written with their kind, e.g. ints[]");
    return error(Start, llvm::Twine("lists of ") +
                            Attribute::kindName(Items[0].getKind()) +
                            " are not supported");
  }
}

/// `ints[]`, `floats[]`, ...: \p Empty is the list the kind word names.
llvm::Expected<Attribute> Parser::parseEmptyList(Attribute Empty) {
  std::string Kind = Tok.Text;
  consume();
  if (llvm::Error E = expectPunct('[', "after '" + Kind + "'"))
    return E;
  if (llvm::Error E = expectPunct(']', "closing the empty list"))
    return E;
  return Empty;
}

/// A graph attribute: a new scope whose parent node is known before its body
/// is read, so that it can use values of the graphs that enclose it.
llvm::Expected<std::shared_ptr<Graph>> Parser::parseSubgraph(Node *Owner) {
  if (!Owner)
    return error("graph attributes are only allowed on nodes");
  auto G = std::make_shared<Graph>();
  G->setParentNode(Owner);
  if (llvm::Error E = parseGraph(*G))
    return E;
  return G;
}

/// `type<T>`.
llvm::Expected<Attribute> Parser::parseTypeAttr() {
  consume(); // type
  if (llvm::Error E = expectPunct('<', "after 'type'"))
    return E;
  auto T = parseType();
  if (!T)
    return T.takeError();
  if (llvm::Error E = expectPunct('>', "closing the type"))
    return E;
  return Attribute(std::move(*T));
}

llvm::Expected<std::unique_ptr<Module>>
hcm::parseModule(llvm::StringRef Text, llvm::StringRef FileName,
                 llvm::StringRef BaseDir) {
  return Parser(Text, FileName, BaseDir).parseModule();
}
