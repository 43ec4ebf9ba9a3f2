//===- Node.cpp - Operations ----------------------------------------------===//
//
// Operand setters keep use-lists: each non-null operand slot I has one entry
// in its value's use-list, at UseSlots[I].
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Node.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/OpInfo.h"

using namespace hcm;

std::string Node::getQualifiedName() const {
  return Domain.empty() ? OpType : Domain + "::" + OpType;
}

void Node::linkOperand(size_t I) {
  if (Value *V = Operands[I])
    UseSlots[I] = V->addUse({this, nullptr, unsigned(I)});
}

void Node::unlinkOperand(size_t I) {
  if (Value *V = Operands[I])
    V->removeUse(UseSlots[I]);
}

void Node::setOperand(size_t I, Value *V) {
  if (I >= Operands.size()) {
    Operands.resize(I + 1, nullptr);
    UseSlots.resize(I + 1, 0);
  }
  unlinkOperand(I);
  Operands[I] = V;
  linkOperand(I);
}

void Node::addOperand(Value *V) {
  Operands.push_back(V);
  UseSlots.push_back(0);
  linkOperand(Operands.size() - 1);
}

void Node::setOperands(std::vector<Value *> Ops) {
  for (size_t I = 0; I < Operands.size(); ++I)
    unlinkOperand(I);
  Operands = std::move(Ops);
  UseSlots.assign(Operands.size(), 0);
  for (size_t I = 0; I < Operands.size(); ++I)
    linkOperand(I);
}

void Node::dropAllReferences() {
  for (size_t I = 0; I < Operands.size(); ++I) {
    unlinkOperand(I);
    Operands[I] = nullptr;
  }
  for (Graph *G : getSubgraphs())
    G->dropAllReferences();
}

const Attribute *Node::getAttr(llvm::StringRef Key) const {
  auto It = Attrs.find(Key);
  return It == Attrs.end() ? nullptr : &It->second;
}

/// Before \p A goes away: the subgraphs only it holds stop using values.
static void dropSoleSubgraphs(const Attribute &A) {
  if (A.getKind() == Attribute::Kind::Graph) {
    if (A.getGraph() && A.getGraph().use_count() == 1)
      A.getGraph()->dropAllReferences();
  } else if (A.getKind() == Attribute::Kind::Graphs) {
    for (const auto &G : A.getGraphs())
      if (G && G.use_count() == 1)
        G->dropAllReferences();
  }
}

static bool holdsGraphs(const Attribute &A) {
  return A.getKind() == Attribute::Kind::Graph ||
         A.getKind() == Attribute::Kind::Graphs;
}

void Node::setAttr(llvm::StringRef Key, Attribute A) {
  OpLooked = false;
  if (holdsGraphs(A)) {
    for (Graph *G : A.subgraphs())
      G->setParentNode(this);
    if (Parent)
      Parent->noteSubgraph(this);
    ++NumGraphAttrs;
  }
  auto It = Attrs.find(Key);
  if (It == Attrs.end()) {
    Attrs.emplace(Key.str(), std::move(A));
    return;
  }
  if (holdsGraphs(It->second)) {
    dropSoleSubgraphs(It->second);
    --NumGraphAttrs;
  }
  It->second = std::move(A);
}

void Node::removeAttr(llvm::StringRef Key) {
  OpLooked = false;
  auto It = Attrs.find(Key);
  if (It == Attrs.end())
    return;
  if (holdsGraphs(It->second)) {
    dropSoleSubgraphs(It->second);
    --NumGraphAttrs;
  }
  Attrs.erase(It);
}

int64_t Node::getIntAttr(llvm::StringRef Key, int64_t Default) const {
  const Attribute *A = getAttr(Key);
  return A && A->getKind() == Attribute::Kind::Int ? A->getInt() : Default;
}

std::optional<std::vector<int64_t>>
Node::getIntsAttr(llvm::StringRef Key) const {
  const Attribute *A = getAttr(Key);
  if (!A || A->getKind() != Attribute::Kind::Ints)
    return std::nullopt;
  return A->getInts();
}

std::string Node::getStringAttr(llvm::StringRef Key,
                                llvm::StringRef Default) const {
  const Attribute *A = getAttr(Key);
  return A && A->getKind() == Attribute::Kind::String ? A->getString()
                                                      : Default.str();
}

std::vector<Graph *> Node::getSubgraphs() const {
  std::vector<Graph *> R;
  if (!NumGraphAttrs) // most nodes: no walk over the attributes
    return R;
  for (const auto &KV : Attrs)
    for (Graph *G : KV.second.subgraphs())
      R.push_back(G);
  return R;
}

std::string Node::describe() const {
  // A tile lowering says what the model had: the user knows the Conv.
  llvm::StringRef From = loweredFrom(*this);
  return "node '" + Name + "' (" + getQualifiedName() +
         (From.empty() ? "" : ", lowered from " + From.str()) + ")";
}
