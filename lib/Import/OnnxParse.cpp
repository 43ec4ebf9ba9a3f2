//===- OnnxParse.cpp - Binary and textual ONNX into a ModelProto ----------===//
//
// Binary models go through protobuf with the total-bytes limit raised to
// 2 GiB (protobuf's own ceiling; larger models must keep their weights as
// external data). Textual models go through ONNX's OnnxParser after `//`
// lines are blanked, so tests can carry RUN lines and line numbers still
// match; its multi-line error becomes `file:line:col: error: ...`. ONNX
// throws (std::stoll on a bad literal, for one), so every call is guarded.
// Nesting is bounded first (NestingLimits.cpp); protobuf's recursion limit
// is set to match, and hitting it is reported as such.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

#include "llvm/ADT/SmallVector.h"

#include "onnx/defs/parser.h"

#include <google/protobuf/io/coded_stream.h>

#include <climits>

using namespace hcm;

namespace {

/// Blanks every line whose first non-blank characters are `//`, keeping the
/// newlines so that line numbers stay.
std::string blankCommentLines(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    if (!Line.ltrim().startswith("//"))
      Out += Line.str();
    if (Text.size() > Line.size())
      Out += '\n';
    Text = Rest;
  }
  return Out;
}

/// Turns ONNX's "[ParseError at position (line: L column: C)]\nError context:
/// <ctx>\n<message>" into an error at `Path:L:C`.
llvm::Error parseErrorFromStatus(llvm::StringRef Path, llvm::StringRef Msg) {
  unsigned Line = 0, Col = 0;
  llvm::StringRef Rest = Msg;
  if (size_t P = Rest.find("(line: "); P != llvm::StringRef::npos) {
    Rest = Rest.drop_front(P + 7);
    Rest.consumeInteger(10, Line);
    Rest.consume_front(" column: ");
    Rest.consumeInteger(10, Col);
    Rest = Rest.drop_until([](char C) { return C == '\n'; }).ltrim();
  }
  std::string Context;
  if (Rest.consume_front("Error context:")) {
    auto [Ctx, After] = Rest.split('\n');
    Context = Ctx.trim().str();
    Rest = After;
  }
  std::string Text = "textual ONNX parse error: " + Rest.trim().str();
  if (!Context.empty())
    Text += " (at '" + Context + "')";
  SourceLoc Loc{Line, Col};
  return makeError(locString(Path, Loc), Text);
}

bool parseWithLimit(llvm::StringRef Buffer, onnx::ModelProto &Proto,
                    int Nesting) {
  try {
    google::protobuf::io::CodedInputStream In(
        reinterpret_cast<const uint8_t *>(Buffer.data()), int(Buffer.size()));
    In.SetTotalBytesLimit(INT_MAX);
    In.SetRecursionLimit(Nesting);
    return Proto.ParseFromCodedStream(&In) && In.ConsumedEntireMessage();
  } catch (const std::exception &) {
    return false;
  }
}

} // namespace

llvm::Error hcm::parseOnnxBinary(llvm::StringRef Buffer, llvm::StringRef Path,
                                 onnx::ModelProto &Proto) {
  if (Buffer.size() > size_t(INT_MAX))
    return makeError(Path, "not a valid ONNX model (larger than 2 GiB; "
                           "weights must be stored as external data)");
  if (parseWithLimit(Buffer, Proto, MaxMessageNesting))
    return checkSubgraphDepth(Proto, Path);
  // Say which limit was hit when a deeper parse would have succeeded.
  onnx::ModelProto Deeper;
  if (parseWithLimit(Buffer, Deeper, 4 * MaxMessageNesting))
    return makeError(Path, "not a valid ONNX model (protobuf messages nested "
                           "more than " +
                               llvm::Twine(MaxMessageNesting) +
                               " deep; subgraphs may nest " +
                               llvm::Twine(MaxSubgraphDepth) + " levels)");
  return makeError(Path, "not a valid ONNX model (protobuf parse failed)");
}

llvm::Error hcm::parseOnnxText(llvm::StringRef Buffer, llvm::StringRef Path,
                               onnx::ModelProto &Proto) {
  std::string Text = blankCommentLines(Buffer);
  if (llvm::Error E = checkTextNesting(Text, Path))
    return E;
  try {
    onnx::Common::Status S = onnx::OnnxParser::Parse(Proto, Text.c_str());
    if (!S.IsOK())
      return parseErrorFromStatus(Path, S.ErrorMessage());
  } catch (const std::exception &E) {
    // std::stoll / std::stof on a literal out of range.
    return makeError(Path, llvm::Twine("textual ONNX parse error: bad "
                                       "numeric literal (") +
                               E.what() + ")");
  }
  return checkSubgraphDepth(Proto, Path);
}
