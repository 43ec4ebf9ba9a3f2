//===- Graph.cpp - A dataflow graph of nodes ------------------------------===//
//
// Use-lists: Value::Uses holds one entry per operand slot / graph output
// that refers to the value, and the holder remembers the entry's slot
// (Node::UseSlots, Graph::OutputSlots), so a use is removed in O(1) by
// moving the last entry into its place. Erasing a node leaves a null hole
// in Nodes; inserting one before another puts it on a pending list; the next
// getNodes() sweeps the holes out and places the pending nodes, both at
// once, in O(n + k).
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Graph.h"

#include "llvm/ADT/DenseSet.h"

#include <algorithm>

using namespace hcm;

void Value::removeUse(unsigned Slot) {
  Use Last = Uses.back();
  Uses.pop_back();
  if (Slot == Uses.size())
    return;
  Uses[Slot] = Last;
  if (Last.User)
    Last.User->UseSlots[Last.Index] = Slot;
  else
    Last.OutputOf->OutputSlots[Last.Index] = Slot;
}

Graph *Graph::getParentGraph() const {
  return ParentNode ? ParentNode->getParent() : nullptr;
}

std::unique_ptr<Value> Graph::createValue(Value::Kind K, std::string Name,
                                          Type Ty) {
  std::unique_ptr<Value> V(new Value(this, K, std::move(Name), std::move(Ty)));
  indexName(V.get());
  return V;
}

void Graph::indexName(Value *V) {
  if (V->Name.empty())
    return;
  HashedName Key(V->Name);
  auto [It, New] = ByName.try_emplace(Key, V);
  if (New || It->second == V)
    return;
  ++NameClashes;
  // The key must be V's own string: the other value may go first.
  ByName.erase(It);
  ByName.try_emplace(Key, V);
}

void Graph::unindexName(const Value *V) {
  auto It = ByName.find(HashedName(V->Name));
  if (It != ByName.end() && It->second == V)
    ByName.erase(It);
}

Value *Graph::addInput(std::string Name, Type Ty) {
  Values.push_back(
      createValue(Value::Kind::Input, std::move(Name), std::move(Ty)));
  Inputs.push_back(Values.back().get());
  return Inputs.back();
}

Value *Graph::addInitializer(std::string Name, Tensor Data) {
  if (Value *In = lookupLocal(Name); In && In->isInput()) {
    In->setData(std::move(Data));
    return In;
  }
  Type Ty = Data.getType();
  Values.push_back(createValue(Value::Kind::Initializer, std::move(Name), Ty));
  Value *V = Values.back().get();
  V->setData(std::move(Data));
  Initializers.push_back(V);
  return V;
}

Node *Graph::addNode(std::string Domain, std::string OpType, std::string Name) {
  Nodes.push_back(std::unique_ptr<Node>(
      new Node(this, std::move(Domain), std::move(OpType), std::move(Name))));
  Nodes.back()->Pos = Nodes.size() - 1;
  return Nodes.back().get();
}

Node *Graph::insertNodeBefore(Node *Before, std::string Domain,
                              std::string OpType, std::string Name) {
  auto New = std::unique_ptr<Node>(
      new Node(this, std::move(Domain), std::move(OpType), std::move(Name)));
  Node *R = New.get();
  if (Before->getParent() != this) {
    R->Pos = Nodes.size();
    Nodes.push_back(std::move(New));
    return R;
  }
  R->Pos = PendingBit | Pending.size();
  Pending.push_back({std::move(New), Before->Pos});
  return R;
}

Value *Graph::addResult(Node *N, std::string Name, Type Ty) {
  if (Name.empty()) {
    N->Results.push_back(nullptr);
    return nullptr;
  }
  N->OwnedResults.push_back(
      createValue(Value::Kind::Result, std::move(Name), std::move(Ty)));
  Value *V = N->OwnedResults.back().get();
  V->Producer = N;
  V->ResultIndex = N->Results.size();
  N->Results.push_back(V);
  return V;
}

void Graph::linkOutput(size_t I) {
  if (Value *V = Outputs[I])
    OutputSlots[I] = V->addUse({nullptr, this, unsigned(I)});
}

void Graph::unlinkOutput(size_t I) {
  if (Value *V = Outputs[I])
    V->removeUse(OutputSlots[I]);
}

void Graph::addOutput(Value *V) {
  Outputs.push_back(V);
  OutputSlots.push_back(0);
  linkOutput(Outputs.size() - 1);
}

void Graph::setOutputs(std::vector<Value *> Outs) {
  for (size_t I = 0; I < Outputs.size(); ++I)
    unlinkOutput(I);
  Outputs = std::move(Outs);
  OutputSlots.assign(Outputs.size(), 0);
  for (size_t I = 0; I < Outputs.size(); ++I)
    linkOutput(I);
}

void Graph::dropAllReferences() {
  for (const auto &N : Nodes)
    if (N)
      N->dropAllReferences();
  for (const PendingNode &P : Pending)
    if (P.N)
      P.N->dropAllReferences();
  for (size_t I = 0; I < Outputs.size(); ++I) {
    unlinkOutput(I);
    Outputs[I] = nullptr;
  }
}

void Graph::compact() const {
  if (!Pending.empty())
    return placePending();
  size_t Out = 0;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    if (!Nodes[I])
      continue;
    if (Out != I)
      Nodes[Out] = std::move(Nodes[I]);
    Nodes[Out]->Pos = Out;
    ++Out;
  }
  Nodes.resize(Out);
  Holes = 0;
}

void Graph::placePending() const {
  // Slots: the listed nodes, then the pending ones. A slot's children are
  // the pending nodes inserted before it, in insertion order; each goes
  // right before the slot and after the earlier ones, with its own children
  // before it. The list is that tree read in post-order, erased nodes left
  // out (their children stay in their place).
  constexpr size_t None = SIZE_MAX;
  size_t NumListed = Nodes.size(), NumSlots = NumListed + Pending.size();
  std::vector<size_t> Head(NumSlots, None), Tail(NumSlots, None),
      Next(Pending.size(), None);
  for (size_t I = 0; I < Pending.size(); ++I) {
    size_t A = Pending[I].Before;
    size_t S = A & PendingBit ? NumListed + (A & ~PendingBit) : A;
    (Tail[S] == None ? Head[S] : Next[Tail[S]]) = I;
    Tail[S] = I;
  }
  std::vector<std::unique_ptr<Node>> Out;
  Out.reserve(NumSlots);
  std::vector<std::pair<size_t, size_t>> Stack; // slot, next child
  for (size_t Listed = 0; Listed < NumListed; ++Listed) {
    Stack.push_back({Listed, Head[Listed]});
    while (!Stack.empty()) {
      size_t Child = Stack.back().second;
      if (Child != None) {
        Stack.back().second = Next[Child];
        Stack.push_back({NumListed + Child, Head[NumListed + Child]});
        continue;
      }
      size_t S = Stack.back().first;
      Stack.pop_back();
      std::unique_ptr<Node> &N =
          S < NumListed ? Nodes[S] : Pending[S - NumListed].N;
      if (!N)
        continue;
      N->Pos = Out.size();
      Out.push_back(std::move(N));
    }
  }
  Nodes = std::move(Out);
  Pending.clear();
  Holes = 0;
}

void Graph::eraseNode(Node *N) {
  N->dropAllReferences();
  SubgraphHolders.erase(N);
  for (Value *R : N->Results)
    if (R)
      unindexName(R);
  size_t At = N->Pos;
  if (At & PendingBit) {
    std::unique_ptr<Node> &P = Pending[At & ~PendingBit].N;
    if (P.get() == N)
      P.reset();
  } else if (At < Nodes.size() && Nodes[At].get() == N) {
    Nodes[At].reset();
    ++Holes;
  }
}

bool Graph::encloses(const Graph *G) const {
  for (; G; G = G->getParentGraph())
    if (G == this)
      return true;
  return false;
}

/// The graph a use lives in.
static const Graph *useGraph(const Use &U) {
  return U.User ? U.User->getParent() : U.OutputOf;
}

void Graph::replaceAllUsesWith(Value *From, Value *To) {
  if (!From || From == To)
    return;
  // Uses outside this graph nest stay (the old whole-nest walk's scope).
  std::vector<Use> Moved;
  for (const Use &U : From->Uses)
    if (encloses(useGraph(U)))
      Moved.push_back(U);
  for (const Use &U : Moved) {
    if (U.User)
      U.User->setOperand(U.Index, To);
    else {
      U.OutputOf->unlinkOutput(U.Index);
      U.OutputOf->Outputs[U.Index] = To;
      U.OutputOf->linkOutput(U.Index);
    }
  }
}

void Graph::renameValue(Value *V, std::string NewName) {
  unindexName(V);
  V->Name = std::move(NewName);
  indexName(V);
}

void Graph::removeDeadInitializers() {
  llvm::DenseSet<const Value *> Dead;
  for (Value *V : Initializers)
    if (countUses(V) == 0)
      Dead.insert(V);
  if (Dead.empty())
    return;
  for (const Value *V : Dead)
    unindexName(V);
  llvm::erase_if(Initializers, [&](Value *V) { return Dead.count(V); });
  llvm::erase_if(Values, [&](const std::unique_ptr<Value> &V) {
    return Dead.count(V.get());
  });
}

Value *Graph::lookupLocal(llvm::StringRef Name) const {
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : It->second;
}

Value *Graph::lookup(llvm::StringRef Name) const {
  HashedName Key(Name); // hashed once for every enclosing graph
  for (const Graph *G = this; G; G = G->getParentGraph())
    if (auto It = G->ByName.find(Key); It != G->ByName.end())
      return It->second;
  return nullptr;
}

bool Graph::nestedDefines(llvm::StringRef Name) const {
  for (Node *N : SubgraphHolders)
    for (Graph *G : N->getSubgraphs())
      if (G->lookupLocal(Name) || G->nestedDefines(Name))
        return true;
  return false;
}

std::string Graph::makeUniqueName(llvm::StringRef Base) const {
  const Graph *Root = this;
  while (Root->getParentGraph())
    Root = Root->getParentGraph();
  auto Taken = [&](const std::string &S) {
    return lookup(S) || Root->nestedDefines(S);
  };
  std::string Name = Base.str();
  for (unsigned I = 1; Taken(Name); ++I)
    Name = Base.str() + "_" + std::to_string(I);
  return Name;
}

void Graph::walk(const std::function<void(Node &)> &Fn) const {
  for (const auto &N : getNodes()) {
    Fn(*N);
    for (Graph *G : N->getSubgraphs())
      G->walk(Fn);
  }
}

size_t Graph::countUses(const Value *V) const {
  size_t Count = 0;
  for (const Use &U : V->Uses)
    Count += encloses(useGraph(U));
  return Count;
}
