//===- NestingLimits.cpp - Depth limits before recursive readers ----------===//
//
// Every reader of a model recurses over nested graphs: ONNX's text parser,
// protobuf, ONNX shape inference and hcm's own conversion. A hostile model
// nested thousands deep would overflow the stack, so the depth is bounded
// before any of them runs: textual ONNX by its bracket depth (checked on the
// raw text, before ONNX's parser), both forms by their subgraph depth (right
// after parsing, before inference), and model-local functions by their call
// chains, which may not loop. Real models nest a few levels.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

#include <map>
#include <vector>

using namespace hcm;

namespace {

/// Deepest graph nesting below \p Nodes (0: no subgraphs). The walk stops
/// one level past \p Budget, so that it stays shallow itself.
unsigned
nestingBelow(const google::protobuf::RepeatedPtrField<onnx::NodeProto> &Nodes,
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

/// The model-local functions called by the nodes of \p Nodes and of the
/// graphs nested in them (their depth is already bounded).
void collectCalls(
    const google::protobuf::RepeatedPtrField<onnx::NodeProto> &Nodes,
    const std::map<std::string, size_t> &Index, std::vector<size_t> &Out) {
  for (const auto &N : Nodes) {
    auto It = Index.find(N.domain() + "::" + N.op_type());
    if (It != Index.end())
      Out.push_back(It->second);
    for (const auto &A : N.attribute()) {
      if (A.has_g())
        collectCalls(A.g().node(), Index, Out);
      for (const auto &Sub : A.graphs())
        collectCalls(Sub.node(), Index, Out);
    }
  }
}

/// Model-local functions may not call themselves, directly or not (ONNX's
/// inference expands every call and would recurse forever), and call chains
/// are bounded like subgraphs. An explicit stack keeps the walk flat.
llvm::Error checkFunctionCalls(const onnx::ModelProto &Proto,
                               llvm::StringRef Path) {
  std::map<std::string, size_t> Index;
  for (int I = 0; I < Proto.functions_size(); ++I)
    Index.emplace(Proto.functions(I).domain() +
                      "::" + Proto.functions(I).name(),
                  size_t(I));
  // Indexed by function position: with duplicate names, Index keeps the
  // first, so positions go past Index.size().
  std::vector<std::vector<size_t>> Calls(size_t(Proto.functions_size()));
  for (const auto &[Key, I] : Index)
    collectCalls(Proto.functions(int(I)).node(), Index, Calls[I]);
  enum State { New, Open, Done };
  std::vector<State> St(Calls.size(), New);
  std::vector<unsigned> Depth(Calls.size(), 1);
  for (size_t Root = 0; Root < Calls.size(); ++Root) {
    std::vector<std::pair<size_t, size_t>> Stack; // function, next callee
    if (St[Root] == New)
      Stack.push_back({Root, 0}), St[Root] = Open;
    while (!Stack.empty()) {
      auto &[F, Next] = Stack.back();
      if (Next == Calls[F].size()) {
        St[F] = Done;
        size_t Finished = F;
        Stack.pop_back();
        if (!Stack.empty())
          Depth[Stack.back().first] =
              std::max(Depth[Stack.back().first], Depth[Finished] + 1);
        continue;
      }
      size_t Callee = Calls[F][Next++];
      const auto &Fn = Proto.functions(int(Callee));
      if (St[Callee] == Open)
        return makeError(Path, "model-local function '" + Fn.domain() + "." +
                                   Fn.name() +
                                   "' calls itself (directly or through "
                                   "other functions)");
      if (St[Callee] == Done) {
        Depth[F] = std::max(Depth[F], Depth[Callee] + 1);
        continue;
      }
      St[Callee] = Open;
      Stack.push_back({Callee, 0});
    }
  }
  for (unsigned D : Depth)
    if (D > MaxSubgraphDepth)
      return makeError(Path, "model-local functions call each other more "
                             "than " +
                                 llvm::Twine(MaxSubgraphDepth) +
                                 " levels deep (the limit)");
  return llvm::Error::success();
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
      return makeError(
          locString(Path, SourceLoc{Line, unsigned(I - LineStart + 1)}),
          "brackets nested too deeply (limit " + llvm::Twine(MaxTextNesting) +
              ")");
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
  return checkFunctionCalls(Proto, Path);
}
