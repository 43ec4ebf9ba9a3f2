//===- Value.h - Named SSA tensors --------------------------------*- C++
//-*-===//
//
// A value is a named tensor with a type. It is a graph input, an initializer
// (a constant with lazily loaded data), or a result of a node. An input may
// also carry an initializer (ONNX default values /
// keep_initializers_as_inputs).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_VALUE_H
#define HCM_IR_VALUE_H

#include "hcm/IR/Tensor.h"
#include "hcm/IR/Type.h"

#include <optional>
#include <string>

namespace hcm {

class Graph;
class Node;

/// 1-based position in a .hcm file, 0 when the entity did not come from text.
struct SourceLoc {
  unsigned Line = 0;
  unsigned Col = 0;
  bool isValid() const { return Line != 0; }
};

class Value {
public:
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
  bool hasData() const { return Data.has_value(); }
  const Tensor &getData() const { return *Data; }
  void setData(std::optional<Tensor> T) { Data = std::move(T); }

  SourceLoc getLoc() const { return Loc; }
  void setLoc(SourceLoc L) { Loc = L; }

private:
  friend class Graph;
  Value(Graph *Parent, Kind K, std::string Name, Type Ty)
      : Parent(Parent), K(K), Name(std::move(Name)), Ty(std::move(Ty)) {}

  Graph *Parent;
  Kind K;
  std::string Name;
  Type Ty;
  Node *Producer = nullptr;
  unsigned ResultIndex = 0;
  std::optional<Tensor> Data;
  SourceLoc Loc;
};

} // namespace hcm

#endif // HCM_IR_VALUE_H
