//===- Graph.cpp - A dataflow graph of nodes ------------------------------===//
#include "hcm/IR/Graph.h"

#include <algorithm>

using namespace hcm;

Graph *Graph::getParentGraph() const {
  return ParentNode ? ParentNode->getParent() : nullptr;
}

Value *Graph::createValue(Value::Kind K, std::string Name, Type Ty) {
  Values.push_back(
      std::unique_ptr<Value>(new Value(this, K, Name, std::move(Ty))));
  Value *V = Values.back().get();
  if (!Name.empty())
    ByName[Name] = V;
  return V;
}

Value *Graph::addInput(std::string Name, Type Ty) {
  Value *V = createValue(Value::Kind::Input, std::move(Name), std::move(Ty));
  Inputs.push_back(V);
  return V;
}

Value *Graph::addInitializer(std::string Name, Tensor Data) {
  if (Value *In = lookupLocal(Name); In && In->isInput()) {
    In->setData(std::move(Data));
    return In;
  }
  Type Ty = Data.getType();
  Value *V = createValue(Value::Kind::Initializer, std::move(Name), Ty);
  V->setData(std::move(Data));
  Initializers.push_back(V);
  return V;
}

Node *Graph::addNode(std::string Domain, std::string OpType, std::string Name) {
  Nodes.push_back(std::unique_ptr<Node>(
      new Node(this, std::move(Domain), std::move(OpType), std::move(Name))));
  return Nodes.back().get();
}

Node *Graph::insertNodeBefore(Node *Before, std::string Domain,
                              std::string OpType, std::string Name) {
  auto It = std::find_if(Nodes.begin(), Nodes.end(),
                         [&](const auto &P) { return P.get() == Before; });
  auto New = std::unique_ptr<Node>(
      new Node(this, std::move(Domain), std::move(OpType), std::move(Name)));
  return Nodes.insert(It, std::move(New))->get();
}

Value *Graph::addResult(Node *N, std::string Name, Type Ty) {
  if (Name.empty()) {
    N->Results.push_back(nullptr);
    return nullptr;
  }
  Value *V = createValue(Value::Kind::Result, std::move(Name), std::move(Ty));
  V->Producer = N;
  V->ResultIndex = N->Results.size();
  N->Results.push_back(V);
  return V;
}

void Graph::eraseNode(Node *N) {
  for (Value *R : N->Results)
    if (R)
      ByName.erase(R->getName());
  auto IsResult = [&](const std::unique_ptr<Value> &V) {
    return V->Producer == N;
  };
  Values.erase(std::remove_if(Values.begin(), Values.end(), IsResult),
               Values.end());
  Nodes.erase(std::remove_if(Nodes.begin(), Nodes.end(),
                             [&](const auto &P) { return P.get() == N; }),
              Nodes.end());
}

void Graph::replaceAllUsesWith(Value *From, Value *To) {
  walk([&](Node &N) {
    for (size_t I = 0; I < N.getNumOperands(); ++I)
      if (N.getOperand(I) == From)
        N.setOperand(I, To);
  });
  std::replace(Outputs.begin(), Outputs.end(), From, To);
}

void Graph::renameValue(Value *V, std::string NewName) {
  ByName.erase(V->getName());
  V->Name = std::move(NewName);
  ByName[V->Name] = V;
}

void Graph::removeDeadInitializers() {
  std::vector<Value *> Dead;
  for (Value *V : Initializers)
    if (countUses(V) == 0)
      Dead.push_back(V);
  for (Value *V : Dead) {
    ByName.erase(V->getName());
    Initializers.erase(std::find(Initializers.begin(), Initializers.end(), V));
    Values.erase(std::find_if(Values.begin(), Values.end(),
                              [&](const auto &P) { return P.get() == V; }));
  }
}

Value *Graph::lookupLocal(llvm::StringRef Name) const {
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : It->second;
}

Value *Graph::lookup(llvm::StringRef Name) const {
  for (const Graph *G = this; G; G = G->getParentGraph())
    if (Value *V = G->lookupLocal(Name))
      return V;
  return nullptr;
}

std::string Graph::makeUniqueName(llvm::StringRef Base) const {
  const Graph *Root = this;
  while (Root->getParentGraph())
    Root = Root->getParentGraph();
  auto Taken = [&](const std::string &S) {
    if (lookup(S))
      return true;
    bool Found = false;
    Root->walk([&](Node &N) {
      for (Graph *G : N.getSubgraphs())
        Found = Found || G->lookupLocal(S);
    });
    return Found;
  };
  std::string Name = Base.str();
  for (unsigned I = 1; Taken(Name); ++I)
    Name = Base.str() + "_" + std::to_string(I);
  return Name;
}

void Graph::walk(const std::function<void(Node &)> &Fn) const {
  for (const auto &N : Nodes) {
    Fn(*N);
    for (Graph *G : N->getSubgraphs())
      G->walk(Fn);
  }
}

size_t Graph::countUses(const Value *V) const {
  size_t Count = std::count(Outputs.begin(), Outputs.end(), V);
  walk([&](Node &N) {
    Count += std::count(N.getOperands().begin(), N.getOperands().end(), V);
    for (Graph *G : N.getSubgraphs()) {
      const auto &Outs = G->getOutputs();
      Count += std::count(Outs.begin(), Outs.end(), V);
    }
  });
  return Count;
}
