//===- Node.cpp - Operations ----------------------------------------------===//
#include "hcm/IR/Node.h"
#include "hcm/IR/Graph.h"

using namespace hcm;

std::string Node::getQualifiedName() const {
  return Domain.empty() ? OpType : Domain + "::" + OpType;
}

void Node::setOperand(size_t I, Value *V) {
  if (I >= Operands.size())
    Operands.resize(I + 1, nullptr);
  Operands[I] = V;
}

const Attribute *Node::getAttr(llvm::StringRef Key) const {
  auto It = Attrs.find(Key);
  return It == Attrs.end() ? nullptr : &It->second;
}

void Node::setAttr(llvm::StringRef Key, Attribute A) {
  for (Graph *G : A.subgraphs())
    G->setParentNode(this);
  Attrs[Key.str()] = std::move(A);
}

void Node::removeAttr(llvm::StringRef Key) {
  auto It = Attrs.find(Key);
  if (It != Attrs.end())
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
  for (const auto &KV : Attrs)
    for (Graph *G : KV.second.subgraphs())
      R.push_back(G);
  return R;
}

std::string Node::describe() const {
  return "node '" + Name + "' (" + getQualifiedName() + ")";
}
