//===- Node.h - Operations ----------------------------------------*- C++
//-*-===//
//
// A node is one operation: a domain-qualified op type, operands, results,
// sorted attributes and a name that serves as its location. Omitted optional
// operands and results are nullptr. Subgraphs (If/Loop/Scan bodies) are
// graph attributes.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_NODE_H
#define HCM_IR_NODE_H

#include "hcm/IR/Attribute.h"
#include "hcm/IR/Value.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

class Graph;

struct OpInfo;
class Node;
const OpInfo *lookupOp(const Node &N); // OpInfo.h

class Node {
public:
  Node(const Node &) = delete;
  Node &operator=(const Node &) = delete;

  /// Domain as written in ONNX ("" is the default ai.onnx domain).
  const std::string &getDomain() const { return Domain; }
  const std::string &getOpType() const { return OpType; }
  /// `OpType` for the default domain, `domain::OpType` otherwise.
  std::string getQualifiedName() const;
  bool is(llvm::StringRef Op, llvm::StringRef Dom = "") const {
    return OpType == Op && Domain == Dom;
  }

  /// Changes what the node computes, in place (lowering rewrites a Conv into
  /// hcm::PEConv this way): operands, results and attributes stay.
  void setOpType(std::string NewDomain, std::string NewOpType) {
    Domain = std::move(NewDomain);
    OpType = std::move(NewOpType);
    OpLooked = false;
  }

  const std::string &getName() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  const std::string &getDocString() const { return Doc; }
  void setDocString(std::string D) { Doc = std::move(D); }
  SourceLoc getLoc() const { return Loc; }
  void setLoc(SourceLoc L) { Loc = L; }
  Graph *getParent() const { return Parent; }

  const std::vector<Value *> &getOperands() const { return Operands; }
  size_t getNumOperands() const { return Operands.size(); }
  /// Operand \p I, nullptr when omitted or out of range.
  Value *getOperand(size_t I) const {
    return I < Operands.size() ? Operands[I] : nullptr;
  }
  /// Operand setters keep the values' use-lists up to date.
  void setOperand(size_t I, Value *V);
  void addOperand(Value *V);
  void setOperands(std::vector<Value *> Ops);
  /// Room for \p NumOperands operands and \p NumResults results, when a
  /// reader knows the counts before adding them.
  void reserve(size_t NumOperands, size_t NumResults) {
    Operands.reserve(NumOperands);
    UseSlots.reserve(NumOperands);
    Results.reserve(NumResults);
    OwnedResults.reserve(NumResults);
  }
  /// Clears every operand, here and in the subgraphs (before erasing).
  void dropAllReferences();

  const std::vector<Value *> &getResults() const { return Results; }
  size_t getNumResults() const { return Results.size(); }
  Value *getResult(size_t I) const {
    return I < Results.size() ? Results[I] : nullptr;
  }

  const AttrDict &getAttrs() const { return Attrs; }
  const Attribute *getAttr(llvm::StringRef Key) const;
  bool hasAttr(llvm::StringRef Key) const { return getAttr(Key) != nullptr; }
  void setAttr(llvm::StringRef Key, Attribute A);
  void removeAttr(llvm::StringRef Key);
  /// Typed lookups returning \p Default when absent or of another kind.
  int64_t getIntAttr(llvm::StringRef Key, int64_t Default) const;
  std::optional<std::vector<int64_t>> getIntsAttr(llvm::StringRef Key) const;
  std::string getStringAttr(llvm::StringRef Key,
                            llvm::StringRef Default = "") const;

  /// Subgraphs held in graph attributes, in attribute order.
  std::vector<Graph *> getSubgraphs() const;

  /// "node 'name' (Conv)" for diagnostics.
  std::string describe() const;

private:
  friend class Graph;
  friend class Value;
  Node(Graph *Parent, std::string Domain, std::string OpType, std::string Name)
      : Parent(Parent), Domain(std::move(Domain)), OpType(std::move(OpType)),
        Name(std::move(Name)) {}

  void linkOperand(size_t I);
  void unlinkOperand(size_t I);

  Graph *Parent;
  std::string Domain;
  std::string OpType;
  std::string Name;
  std::string Doc;
  SourceLoc Loc;
  std::vector<Value *> Operands;
  /// UseSlots[I]: where operand I's use sits in its value's use-list.
  std::vector<unsigned> UseSlots;
  std::vector<Value *> Results;
  /// The results' storage: a node owns the values it defines.
  std::vector<std::unique_ptr<Value>> OwnedResults;
  /// Index in the parent's node list, or in its pending list (Graph).
  size_t Pos = 0;
  AttrDict Attrs;
  /// How many attributes hold graphs (getSubgraphs' fast path).
  unsigned NumGraphAttrs = 0;
  /// lookupOp's answer (KnownOp, when OpLooked), kept by lookupOp until the
  /// op or an attribute changes: the analyses ask it of every node many
  /// times, and a lowered node's answer reads its hcm.pe attribute.
  mutable bool OpLooked = false;
  mutable const OpInfo *KnownOp = nullptr;
  friend const OpInfo *lookupOp(const Node &N);
};

} // namespace hcm

#endif // HCM_IR_NODE_H
