//===- Lexer.h - Tokens of the IR text form (private) -------------*- C++
//-*-===//
//
// Splits hcm IR text into tokens with 1-based line/column positions. Words
// are maximal runs of [A-Za-z0-9_.$+-] (identifiers, numbers, `0x` hex);
// `%` and `@` prefix names, which may be quoted strings.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_IR_LEXER_H
#define HCM_LIB_IR_LEXER_H

#include "hcm/IR/Value.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace hcm {

struct Token {
  enum Kind {
    Eof,
    Error,     ///< Text holds the message
    Word,      ///< identifier, number, hex blob
    String,    ///< Text holds the unescaped contents
    ValueName, ///< %name (Text without the %)
    GraphName, ///< @name
    Punct,     ///< one of { } ( ) [ ] < > , = : ?
    ColonColon ///< ::
  };
  Kind K = Eof;
  std::string Text;
  SourceLoc Loc;

  bool is(Kind Kd, llvm::StringRef T) const { return K == Kd && Text == T; }
  bool isPunct(char C) const {
    return K == Punct && Text.size() == 1 && Text[0] == C;
  }
  bool isWord(llvm::StringRef W) const { return is(Word, W); }
};

class Lexer {
public:
  explicit Lexer(llvm::StringRef Buf) : Buf(Buf) {}
  /// Returns the next token (Eof at the end, Error on bad input).
  Token next();

private:
  void skipSpaceAndComments();
  Token lexString(SourceLoc Start);
  Token lexName(Token::Kind K, SourceLoc Start);
  char peek(size_t Ahead = 0) const {
    return Pos + Ahead < Buf.size() ? Buf[Pos + Ahead] : '\0';
  }
  void advance();
  SourceLoc here() const { return {Line, Col}; }

  llvm::StringRef Buf;
  size_t Pos = 0;
  unsigned Line = 1, Col = 1;
};

/// True for characters that may appear in a bare word.
bool isWordChar(char C);

} // namespace hcm

#endif // HCM_LIB_IR_LEXER_H
