//===- Graph.h - A dataflow graph of nodes ------------------------*- C++
//-*-===//
//
// A graph owns its values and nodes. Inputs and initializers come first, then
// nodes in topological order, then the returned outputs. A subgraph (an
// If/Loop/Scan body) may use values of the graphs that enclose it; names are
// unique across the whole nest, as ONNX requires.
//
// Values keep use-lists (Value::getUses), so replaceAllUsesWith, countUses,
// eraseNode and removeDeadInitializers cost O(uses), not O(graph). Erased
// nodes leave a hole and inserted ones wait on a pending list; the next
// getNodes() closes the holes and places the pending nodes in one sweep, so
// a pass that erases or inserts k nodes pays O(k + n), not O(k * n).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_GRAPH_H
#define HCM_IR_GRAPH_H

#include "hcm/IR/Node.h"
#include "hcm/IR/Value.h"
#include "hcm/Support/HashedName.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hcm {

class Graph {
public:
  explicit Graph(std::string Name = "main") : Name(std::move(Name)) {}
  Graph(const Graph &) = delete;
  Graph &operator=(const Graph &) = delete;

  const std::string &getName() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  const std::string &getDocString() const { return Doc; }
  void setDocString(std::string D) { Doc = std::move(D); }
  SourceLoc getLoc() const { return Loc; }
  void setLoc(SourceLoc L) { Loc = L; }

  /// The node whose attribute holds this graph; nullptr for a main graph.
  Node *getParentNode() const { return ParentNode; }
  void setParentNode(Node *N) { ParentNode = N; }
  Graph *getParentGraph() const;

  //===--- Building -------------------------------------------------------===//

  /// Creates a graph input. The name must not be taken in this graph.
  Value *addInput(std::string Name, Type Ty);
  /// Creates an initializer. If an input of that name exists, the data is
  /// attached to it instead and that input is returned.
  Value *addInitializer(std::string Name, Tensor Data);
  /// Appends a node; results are created with addResult.
  Node *addNode(std::string Domain, std::string OpType, std::string Name);
  /// Inserts a node before \p Before (appends it when \p Before is not in
  /// this graph), in O(1): getNodes() lists it in its place.
  Node *insertNodeBefore(Node *Before, std::string Domain, std::string OpType,
                         std::string Name);
  /// Creates result \p Name of \p N; an empty name appends an omitted result.
  Value *addResult(Node *N, std::string Name, Type Ty);
  void addOutput(Value *V);
  void setOutputs(std::vector<Value *> Outs);

  /// Removes \p N and its results. Its results must have no remaining uses.
  void eraseNode(Node *N);
  /// Rewrites every use of \p From (here and in nested subgraphs, and in the
  /// outputs) to \p To.
  void replaceAllUsesWith(Value *From, Value *To);
  /// Renames \p V (defined in this graph) to \p NewName, which must be free in
  /// this graph nest (see isNameFree). Uses keep pointing at \p V.
  void renameValue(Value *V, std::string NewName);
  /// Removes initializers no node or output uses.
  void removeDeadInitializers();
  /// Clears every operand and output here and in nested subgraphs, so that
  /// the values they used forget these uses (before the graph goes away).
  void dropAllReferences();

  //===--- Access ---------------------------------------------------------===//

  const std::vector<Value *> &getInputs() const { return Inputs; }
  const std::vector<Value *> &getInitializers() const { return Initializers; }
  const std::vector<Value *> &getOutputs() const { return Outputs; }
  const std::vector<std::unique_ptr<Node>> &getNodes() const {
    if (Holes || !Pending.empty())
      compact();
    return Nodes;
  }
  size_t getNumNodes() const { return getNodes().size(); }

  /// Value named \p Name defined in this graph, or nullptr.
  Value *lookupLocal(llvm::StringRef Name) const;
  /// Same, searching enclosing graphs too.
  Value *lookup(llvm::StringRef Name) const;
  /// True when \p Name is free here and in enclosing graphs.
  bool isNameFree(llvm::StringRef Name) const { return !lookup(Name); }
  /// How many times a value was given (created with or renamed to) a name
  /// another value of this graph had. Zero means the values' names are
  /// unique, with no lookup.
  unsigned getNameClashes() const { return NameClashes; }
  /// A name not used in this graph nest, derived from \p Base.
  std::string makeUniqueName(llvm::StringRef Base) const;

  /// Calls \p Fn on every node here and in nested subgraphs, pre-order.
  void walk(const std::function<void(Node &)> &Fn) const;
  /// Number of uses of \p V by nodes (nested too) and outputs.
  size_t countUses(const Value *V) const;
  /// True when \p G is this graph or nested in it.
  bool encloses(const Graph *G) const;

private:
  friend class Node;
  friend class Value;
  std::unique_ptr<Value> createValue(Value::Kind K, std::string Name, Type Ty);
  /// Makes \p V the value its name finds (a value it replaces stays
  /// unnamed in the index), or forgets \p V if the name finds it.
  void indexName(Value *V);
  void unindexName(const Value *V);
  void linkOutput(size_t I);
  void unlinkOutput(size_t I);
  /// Drops the holes erased nodes left, places the pending nodes and
  /// renumbers Node::Pos.
  void compact() const;
  void placePending() const;
  /// Called when node \p N of this graph gets a subgraph attribute.
  void noteSubgraph(Node *N) { SubgraphHolders.insert(N); }
  /// True when a graph nested in this one (at any depth) defines \p Name.
  bool nestedDefines(llvm::StringRef Name) const;

  std::string Name;
  std::string Doc;
  SourceLoc Loc;
  Node *ParentNode = nullptr;
  /// Inputs and initializers; results are owned by their nodes.
  std::vector<std::unique_ptr<Value>> Values;
  /// Keyed by the values' own name strings (no copies), which stay put: a
  /// value lives on the heap, and renameValue re-indexes it.
  llvm::DenseMap<HashedName, Value *> ByName;
  unsigned NameClashes = 0;
  std::vector<Value *> Inputs;
  std::vector<Value *> Initializers;
  std::vector<Value *> Outputs;
  /// OutputSlots[I]: where output I's use sits in its value's use-list.
  std::vector<unsigned> OutputSlots;
  /// Mutable so that getNodes() can close the holes of erased nodes.
  mutable std::vector<std::unique_ptr<Node>> Nodes;
  mutable size_t Holes = 0;
  /// A node inserted before another and not yet placed in Nodes. Before is
  /// that node's Pos: its index in Nodes, or PendingBit | its index here.
  struct PendingNode {
    std::unique_ptr<Node> N;
    size_t Before;
  };
  static constexpr size_t PendingBit = size_t(1) << 63;
  mutable std::vector<PendingNode> Pending;
  /// The nodes here that got a subgraph attribute: makeUniqueName searches
  /// their subgraphs, not every node of the nest.
  llvm::DenseSet<Node *> SubgraphHolders;
};

} // namespace hcm

#endif // HCM_IR_GRAPH_H
