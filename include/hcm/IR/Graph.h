//===- Graph.h - A dataflow graph of nodes ------------------------*- C++
//-*-===//
//
// A graph owns its values and nodes. Inputs and initializers come first, then
// nodes in topological order, then the returned outputs. A subgraph (an
// If/Loop/Scan body) may use values of the graphs that enclose it; names are
// unique across the whole nest, as ONNX requires.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_GRAPH_H
#define HCM_IR_GRAPH_H

#include "hcm/IR/Node.h"
#include "hcm/IR/Value.h"

#include "llvm/ADT/StringMap.h"
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
  /// Inserts a node before \p Before (which must be in this graph).
  Node *insertNodeBefore(Node *Before, std::string Domain, std::string OpType,
                         std::string Name);
  /// Creates result \p Name of \p N; an empty name appends an omitted result.
  Value *addResult(Node *N, std::string Name, Type Ty);
  void addOutput(Value *V) { Outputs.push_back(V); }
  void setOutputs(std::vector<Value *> Outs) { Outputs = std::move(Outs); }

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

  //===--- Access ---------------------------------------------------------===//

  const std::vector<Value *> &getInputs() const { return Inputs; }
  const std::vector<Value *> &getInitializers() const { return Initializers; }
  const std::vector<Value *> &getOutputs() const { return Outputs; }
  const std::vector<std::unique_ptr<Node>> &getNodes() const { return Nodes; }
  size_t getNumNodes() const { return Nodes.size(); }

  /// Value named \p Name defined in this graph, or nullptr.
  Value *lookupLocal(llvm::StringRef Name) const;
  /// Same, searching enclosing graphs too.
  Value *lookup(llvm::StringRef Name) const;
  /// True when \p Name is free here and in enclosing graphs.
  bool isNameFree(llvm::StringRef Name) const { return !lookup(Name); }
  /// A name not used in this graph nest, derived from \p Base.
  std::string makeUniqueName(llvm::StringRef Base) const;

  /// Calls \p Fn on every node here and in nested subgraphs, pre-order.
  void walk(const std::function<void(Node &)> &Fn) const;
  /// Number of uses of \p V by nodes (nested too) and outputs.
  size_t countUses(const Value *V) const;

private:
  Value *createValue(Value::Kind K, std::string Name, Type Ty);

  std::string Name;
  std::string Doc;
  SourceLoc Loc;
  Node *ParentNode = nullptr;
  std::vector<std::unique_ptr<Value>> Values;
  llvm::StringMap<Value *> ByName;
  std::vector<Value *> Inputs;
  std::vector<Value *> Initializers;
  std::vector<Value *> Outputs;
  std::vector<std::unique_ptr<Node>> Nodes;
};

} // namespace hcm

#endif // HCM_IR_GRAPH_H
