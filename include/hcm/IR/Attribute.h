//===- Attribute.h - Node attributes ------------------------------*- C++
//-*-===//
//
// Every ONNX attribute kind (int, float, string, tensor, graph, type and their
// lists) plus two kinds of our own for analysis results: f64 scalars and
// dictionaries. Text forms:
//   int 3 | float 1.5 (always has '.', 'e', inf or nan) | f64 1.5 : f64
//   string "s" | tensor dense<f32[2], [1.0, 2.0]> | graph graph @g(...) {...}
//   type type<f32[3]> | lists [a, b] (empty: ints[] floats[] ...) | {k = v}
//
//===----------------------------------------------------------------------===//
#ifndef HCM_IR_ATTRIBUTE_H
#define HCM_IR_ATTRIBUTE_H

#include "hcm/IR/Tensor.h"
#include "hcm/IR/Type.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hcm {

class Graph;
class Attribute;

using AttrDict = std::map<std::string, Attribute, std::less<>>;

class Attribute {
public:
  enum class Kind {
    Int,
    Float,
    String,
    Tensor,
    Graph,
    Type,
    Ints,
    Floats,
    Strings,
    Tensors,
    Graphs,
    Types,
    Double,
    Dict
  };

  Attribute() : Attribute(int64_t(0)) {}
  Attribute(int64_t V) : K(Kind::Int), Data(V) {}
  Attribute(int V) : Attribute(int64_t(V)) {}
  Attribute(const char *V) : Attribute(std::string(V)) {}
  Attribute(float V) : K(Kind::Float), Data(V) {}
  Attribute(double V) : K(Kind::Double), Data(V) {}
  Attribute(std::string V) : K(Kind::String), Data(std::move(V)) {}
  Attribute(hcm::Tensor V);
  Attribute(std::shared_ptr<hcm::Graph> V) : K(Kind::Graph), Data(V) {}
  Attribute(hcm::Type V);
  Attribute(std::vector<int64_t> V) : K(Kind::Ints), Data(std::move(V)) {}
  Attribute(std::vector<float> V) : K(Kind::Floats), Data(std::move(V)) {}
  Attribute(std::vector<std::string> V)
      : K(Kind::Strings), Data(std::move(V)) {}
  Attribute(std::vector<hcm::Tensor> V)
      : K(Kind::Tensors), Data(std::move(V)) {}
  Attribute(std::vector<std::shared_ptr<hcm::Graph>> V)
      : K(Kind::Graphs), Data(std::move(V)) {}
  Attribute(std::vector<hcm::Type> V) : K(Kind::Types), Data(std::move(V)) {}
  Attribute(AttrDict V);

  Kind getKind() const { return K; }
  static const char *kindName(Kind K);

  int64_t getInt() const { return std::get<int64_t>(Data); }
  float getFloat() const { return std::get<float>(Data); }
  double getDouble() const { return std::get<double>(Data); }
  const std::string &getString() const { return std::get<std::string>(Data); }
  const hcm::Tensor &getTensor() const {
    return *std::get<std::shared_ptr<const hcm::Tensor>>(Data);
  }
  const std::shared_ptr<hcm::Graph> &getGraph() const {
    return std::get<std::shared_ptr<hcm::Graph>>(Data);
  }
  const hcm::Type &getType() const {
    return *std::get<std::shared_ptr<const hcm::Type>>(Data);
  }
  const std::vector<int64_t> &getInts() const {
    return std::get<std::vector<int64_t>>(Data);
  }
  const std::vector<float> &getFloats() const {
    return std::get<std::vector<float>>(Data);
  }
  const std::vector<std::string> &getStrings() const {
    return std::get<std::vector<std::string>>(Data);
  }
  const std::vector<hcm::Tensor> &getTensors() const {
    return std::get<std::vector<hcm::Tensor>>(Data);
  }
  const std::vector<std::shared_ptr<hcm::Graph>> &getGraphs() const {
    return std::get<std::vector<std::shared_ptr<hcm::Graph>>>(Data);
  }
  const std::vector<hcm::Type> &getTypes() const {
    return std::get<std::vector<hcm::Type>>(Data);
  }
  const AttrDict &getDict() const;

  /// Graphs held by this attribute (Graph or Graphs kinds), else empty.
  std::vector<hcm::Graph *> subgraphs() const;

private:
  Kind K;
  // Tensors and types live behind (immutable, shared) pointers so that an
  // attribute is 48 bytes, not 250: nodes carry many small int attributes.
  std::variant<
      int64_t, float, double, std::string, std::shared_ptr<const hcm::Tensor>,
      std::shared_ptr<hcm::Graph>, std::shared_ptr<const hcm::Type>,
      std::vector<int64_t>, std::vector<float>, std::vector<std::string>,
      std::vector<hcm::Tensor>, std::vector<std::shared_ptr<hcm::Graph>>,
      std::vector<hcm::Type>, std::shared_ptr<const AttrDict>>
      Data;
};

/// Typed lookups in a dictionary attribute (analysis results): the value
/// of \p Key, or std::nullopt when it is absent or of another kind.
std::optional<int64_t> dictInt(const AttrDict &D, llvm::StringRef Key);
std::optional<double> dictDouble(const AttrDict &D, llvm::StringRef Key);
std::optional<std::string> dictString(const AttrDict &D, llvm::StringRef Key);

} // namespace hcm

#endif // HCM_IR_ATTRIBUTE_H
