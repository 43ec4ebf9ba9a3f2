//===- NestingLimits.cpp - Depth limits before recursive readers ----------===//
//
// Every reader of a model recurses over nested graphs: ONNX's text parser,
// protobuf, ONNX shape inference and hcm's own conversion. A hostile model
// nested thousands deep would overflow the stack, so the depth is bounded
// before any of them runs: textual ONNX by its bracket depth (checked on the
// raw text, before ONNX's parser), both forms by their subgraph depth (right
// after parsing, before inference). Real models nest a few levels.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

using namespace hcm;

namespace {

/// Deepest graph nesting below \p Nodes (0: no subgraphs). The walk stops
/// one level past \p Budget, so that it stays shallow itself.
unsigned nestingBelow(
    const google::protobuf::RepeatedPtrField<onnx::NodeProto> &Nodes,
    unsigned Budget) {
  unsigned Deepest = 0;
  auto Visit = [&](const onnx::GraphProto &Sub) {
    Deepest = std::max(
        Deepest, Budget == 0 ? 1u : 1 + nestingBelow(Sub.node(), Budget - 1));
  };
  for (const auto &N : Nodes)
    for (const auto &A : N.attribute()) {
      if (Deepest > Budget)
        return Deepest;
      if (A.has_g())
        Visit(A.g());
      for (const auto &Sub : A.graphs())
        Visit(Sub);
    }
  return Deepest;
}

} // namespace

llvm::Error hcm::checkTextNesting(llvm::StringRef Text, llvm::StringRef Path) {
  unsigned Depth = 0, Line = 1;
  size_t LineStart = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\n') {
      ++Line;
      LineStart = I + 1;
    }
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"')
      InString = true;
    else if (C == '{' || C == '(' || C == '[' || C == '<')
      ++Depth;
    else if ((C == '}' || C == ')' || C == ']' || C == '>') && Depth)
      --Depth;
    if (Depth > MaxTextNesting)
      return makeError(locString(Path, SourceLoc{Line, unsigned(I - LineStart + 1)}),
                       "brackets nested too deeply (limit " +
                           llvm::Twine(MaxTextNesting) + ")");
  }
  return llvm::Error::success();
}

llvm::Error hcm::checkSubgraphDepth(const onnx::ModelProto &Proto,
                                    llvm::StringRef Path) {
  unsigned Deepest = nestingBelow(Proto.graph().node(), MaxSubgraphDepth);
  for (const auto &F : Proto.functions())
    Deepest = std::max(Deepest, nestingBelow(F.node(), MaxSubgraphDepth));
  if (Deepest > MaxSubgraphDepth)
    return makeError(Path, "subgraphs nested more than " +
                               llvm::Twine(MaxSubgraphDepth) +
                               " levels deep (the limit)");
  return llvm::Error::success();
}
