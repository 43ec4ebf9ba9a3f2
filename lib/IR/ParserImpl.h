//===- ParserImpl.h - The IR text parser (private) --------------*- C++ -*-===//
//
// The recursive-descent parser behind hcm::parseModule. Parser.cpp reads the
// structure (module, graphs, nodes, attributes), ParserTypes.cpp the types
// and tensor payloads.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_IR_PARSERIMPL_H
#define HCM_LIB_IR_PARSERIMPL_H

#include "Lexer.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace hcm {
namespace detail {

/// Limit on graphs, attribute dicts/lists and types nested in each other. A
/// subgraph level takes two (the node's attributes, the graph), so this
/// reads back the 32 subgraph levels the ONNX importer admits, with room.
constexpr unsigned MaxDepth = 128;

/// Parses one module. Values are resolved as they are read: each graph is a
/// scope that sees the graphs enclosing it, and value names are unique
/// across the whole nest.
class Parser {
public:
  Parser(llvm::StringRef Text, llvm::StringRef File, llvm::StringRef BaseDir)
      : Lex(Text), File(File), BaseDir(BaseDir) {
    Tok = Lex.next();
  }

  llvm::Expected<std::unique_ptr<Module>> parseModule();

private:
  //===--- Tokens and errors ----------------------------------------------===//
  void consume() { Tok = Lex.next(); }
  /// The token after the current one (the lexer is cheap to copy).
  Token peekNext() const {
    Lexer Ahead = Lex;
    return Ahead.next();
  }
  bool consumePunct(char C) {
    if (!Tok.isPunct(C))
      return false;
    consume();
    return true;
  }
  llvm::Error error(const llvm::Twine &Msg) const {
    return error(Tok.Loc, Msg);
  }
  llvm::Error error(SourceLoc L, const llvm::Twine &Msg) const {
    return makeError(locString(File, L), Msg);
  }
  llvm::Error unexpected(const llvm::Twine &What) const;
  llvm::Error expectPunct(char C, const llvm::Twine &Context);
  llvm::Error expectWord(llvm::StringRef W);
  llvm::Error enter(llvm::StringRef What);
  void leave() { --Depth; }
  llvm::Error parseCommaList(char Close, llvm::StringRef What,
                             llvm::function_ref<llvm::Error()> Item);
  llvm::Expected<std::string> parseString();
  llvm::Expected<std::string> parseNameWord(llvm::StringRef What);
  llvm::Expected<int64_t> parseInt();
  llvm::Expected<int64_t> toInt(const Token &T) const;
  llvm::Expected<double> toFloat(const Token &T, bool Double) const;
  llvm::Expected<uint64_t> toIntBits(const Token &T, ElementType E) const;

  //===--- Module and graphs ----------------------------------------------===//
  llvm::Error parseHeader(Module &M);
  llvm::Error
  parseStringMap(llvm::StringRef What,
                 llvm::function_ref<llvm::Error(const std::string &)> Entry);
  llvm::Error parseGraph(Graph &G);
  llvm::Error parseSignature(Graph &G);
  llvm::Error parseInput(Graph &G);
  bool atReturn() const;
  llvm::Error parseReturn(Graph &G);
  llvm::Error parseLine(Graph &G);
  llvm::Error parseResultNames(std::vector<Token> &Results);
  llvm::Error parseInitLine(Graph &G, const Token &Name);
  llvm::Error parseNodeLine(Graph &G, SourceLoc Start,
                            const std::vector<Token> &Results);
  llvm::Error parseOpName(std::string &Domain, std::string &Op);
  llvm::Error parseOperands(Graph &G, Node &N);
  llvm::Expected<Value *> parseOperand(Graph &G);
  llvm::Error parseResultTypes(std::vector<Type> &Types,
                               const std::vector<Token> &Results);
  llvm::Error parseNodeTail(Node &N);
  llvm::Error defineName(const Token &Name);

  //===--- Attributes -----------------------------------------------------===//
  llvm::Error parseDict(AttrDict &D, Node *Owner);
  llvm::Error parseDictEntry(AttrDict &D, Node *Owner);
  llvm::Expected<Attribute> parseAttr(Node *Owner);
  llvm::Expected<Attribute> parseNumberAttr();
  llvm::Expected<Attribute> parseList(Node *Owner);
  llvm::Expected<Attribute> parseEmptyList(Attribute Empty);
  llvm::Expected<std::shared_ptr<Graph>> parseSubgraph(Node *Owner);
  llvm::Expected<Attribute> parseTypeAttr();

  //===--- Types and tensors ----------------------------------------------===//
  llvm::Expected<Type> parseType();
  llvm::Expected<Type> parseTypeBody();
  llvm::Expected<Type> parseContainerType(Type::Kind K);
  llvm::Expected<Type> parseMapType();
  llvm::Expected<Type> parseTensorType();
  llvm::Expected<Dim> parseDim();
  llvm::Expected<Tensor> parseTensor();
  llvm::Expected<Tensor> parsePayload(const Type &Ty);
  llvm::Expected<Tensor> parseHex(const Type &Ty);
  llvm::Expected<Tensor> parseExternal(const Type &Ty);
  llvm::Expected<Tensor> parseValueList(const Type &Ty);
  llvm::Expected<int64_t> staticCount(const Type &Ty, SourceLoc L) const;
  llvm::Error appendNumber(std::string &Bytes, ElementType E, const Token &T);

  Lexer Lex;
  Token Tok;
  llvm::StringRef File, BaseDir;
  unsigned Depth = 0;
  /// Every value name defined so far, in all graphs of the nest.
  llvm::StringSet<> Names;
};

/// \p S cut to a length that suits a one-line message.
std::string shorten(llvm::StringRef S);

} // namespace detail
} // namespace hcm

#endif // HCM_LIB_IR_PARSERIMPL_H
