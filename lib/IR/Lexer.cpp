//===- Lexer.cpp - Tokens of the IR text form -----------------------------===//
#include "Lexer.h"

#include "llvm/ADT/StringExtras.h"

using namespace hcm;

bool hcm::isWordChar(char C) {
  return llvm::isAlnum(C) || C == '_' || C == '.' || C == '$' || C == '-' ||
         C == '+';
}

void Lexer::advance() {
  if (Pos >= Buf.size())
    return;
  if (Buf[Pos] == '\n') {
    ++Line;
    Col = 1;
  } else {
    ++Col;
  }
  ++Pos;
}

void Lexer::skipSpaceAndComments() {
  while (Pos < Buf.size()) {
    char C = peek();
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      advance();
    } else if (C == '/' && peek(1) == '/') {
      while (Pos < Buf.size() && peek() != '\n')
        advance();
    } else {
      return;
    }
  }
}

Token Lexer::lexString(SourceLoc Start) {
  advance(); // opening quote
  std::string S;
  while (true) {
    if (Pos >= Buf.size() || peek() == '\n')
      return {Token::Error, "unterminated string", Start};
    SourceLoc CharLoc = here();
    char C = peek();
    advance();
    if (C == '"')
      return {Token::String, S, Start};
    if (C != '\\') {
      S += C;
      continue;
    }
    char E = peek();
    advance();
    if (E == 'n')
      S += '\n';
    else if (E == 't')
      S += '\t';
    else if (E == '"' || E == '\\')
      S += E;
    else if (llvm::isHexDigit(E) && llvm::isHexDigit(peek())) {
      S += char(llvm::hexDigitValue(E) * 16 + llvm::hexDigitValue(peek()));
      advance();
    } else
      return {Token::Error, "invalid escape in string", CharLoc};
  }
}

Token Lexer::lexName(Token::Kind K, SourceLoc Start) {
  advance(); // % or @
  if (peek() == '"') {
    Token T = lexString(here());
    if (T.K == Token::Error)
      return T;
    // An empty value name would mean an omitted value; graphs may be
    // unnamed.
    if (T.Text.empty() && K == Token::ValueName)
      return {Token::Error, "empty value name", Start};
    return {K, T.Text, Start};
  }
  size_t Begin = Pos;
  while (Pos < Buf.size() && isWordChar(peek()))
    advance();
  if (Pos == Begin)
    return {Token::Error, "expected a name", Start};
  return {K, Buf.slice(Begin, Pos).str(), Start};
}

Token Lexer::next() {
  skipSpaceAndComments();
  SourceLoc Start = here();
  if (Pos >= Buf.size())
    return {Token::Eof, "", Start};
  char C = peek();
  if (C == '"')
    return lexString(Start);
  if (C == '%')
    return lexName(Token::ValueName, Start);
  if (C == '@')
    return lexName(Token::GraphName, Start);
  if (C == ':' && peek(1) == ':') {
    advance();
    advance();
    return {Token::ColonColon, "::", Start};
  }
  if (llvm::StringRef("{}()[]<>,=:?").contains(C)) {
    advance();
    return {Token::Punct, std::string(1, C), Start};
  }
  if (isWordChar(C)) {
    size_t Begin = Pos;
    while (Pos < Buf.size() && isWordChar(peek()))
      advance();
    return {Token::Word, Buf.slice(Begin, Pos).str(), Start};
  }
  std::string Spelled = llvm::isPrint(C)
                            ? std::string(1, C)
                            : "\\x" + llvm::toHex(llvm::StringRef(&C, 1));
  return {Token::Error, "unexpected character '" + Spelled + "'", Start};
}
