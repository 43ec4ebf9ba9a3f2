//===- Value.h - Named SSA tensors --------------------------------*- C++
//-*-===//
//
// A value is a named tensor with a type. It is a graph input, an initializer
// (a constant with lazily loaded data), or a result of a node. An input may
// also carry an initializer (ONNX default values /
// keep_initializers_as_inputs). Every value keeps its use-list: one entry per
// operand slot or graph output that holds it (nested subgraphs included), so
// counting and rewriting uses costs O(uses), not O(graph).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_VALUE_H
#define HCM_IR_VALUE_H

#include "hcm/IR/Tensor.h"
#include "hcm/IR/Type.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

class Graph;
class Node;

/// 1-based position in a .hcm file, 0 when the entity did not come from text.
struct SourceLoc {
  unsigned Line = 0;
  unsigned Col = 0;
  bool isValid() const { return Line != 0; }
};

/// One use of a value: operand \c Index of \c User, or output \c Index of
/// graph \c OutputOf (exactly one of the two is set).
struct Use {
  Node *User = nullptr;
  Graph *OutputOf = nullptr;
  unsigned Index = 0;
};

class Value {
public:
  Value(const Value &) = delete;
  Value &operator=(const Value &) = delete;

  enum class Kind { Input, Initializer, Result };

  Kind getKind() const { return K; }
  const std::string &getName() const { return Name; }
  const Type &getType() const { return Ty; }
  Type &getMutableType() { return Ty; }
  void setType(Type T) { Ty = std::move(T); }

  Graph *getParent() const { return Parent; }
  /// Producing node for results, nullptr otherwise.
  Node *getProducer() const { return Producer; }
  unsigned getResultIndex() const { return ResultIndex; }

  bool isInput() const { return K == Kind::Input; }
  bool isInitializer() const { return K == Kind::Initializer; }
  /// True when constant data is attached (initializer, or input with one).
  bool hasData() const { return Data != nullptr; }
  const Tensor &getData() const { return *Data; }
  void setData(std::optional<Tensor> T) {
    Data = T ? std::make_unique<Tensor>(std::move(*T)) : nullptr;
  }

  SourceLoc getLoc() const { return Loc; }
  void setLoc(SourceLoc L) { Loc = L; }

  /// Every use (node operands and graph outputs, in any graph), unordered.
  const std::vector<Use> &getUses() const { return Uses; }
  size_t getNumUses() const { return Uses.size(); }
  bool hasUses() const { return !Uses.empty(); }

private:
  friend class Graph;
  friend class Node;
  Value(Graph *Parent, Kind K, std::string Name, Type Ty)
      : Parent(Parent), K(K), Name(std::move(Name)), Ty(std::move(Ty)) {}

  Graph *Parent;
  Kind K;
  std::string Name;
  Type Ty;
  Node *Producer = nullptr;
  unsigned ResultIndex = 0;
  /// Behind a pointer: most values (node results) have no data.
  std::unique_ptr<Tensor> Data;
  SourceLoc Loc;
  std::vector<Use> Uses;

  /// Records \p U; returns its slot in Uses (the user keeps it).
  unsigned addUse(Use U) {
    Uses.push_back(U);
    return unsigned(Uses.size() - 1);
  }
  /// Removes the use in \p Slot in O(1) (defined in Graph.cpp).
  void removeUse(unsigned Slot);
};

} // namespace hcm

#endif // HCM_IR_VALUE_H
