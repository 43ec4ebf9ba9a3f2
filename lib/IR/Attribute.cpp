//===- Attribute.cpp - Node attributes ------------------------------------===//
#include "hcm/IR/Attribute.h"
#include "hcm/IR/Graph.h"

using namespace hcm;

Attribute::Attribute(hcm::Tensor V)
    : K(Kind::Tensor), Data(std::make_shared<const hcm::Tensor>(std::move(V))) {
}

Attribute::Attribute(hcm::Type V)
    : K(Kind::Type), Data(std::make_shared<const hcm::Type>(std::move(V))) {}

Attribute::Attribute(AttrDict V)
    : K(Kind::Dict), Data(std::make_shared<const AttrDict>(std::move(V))) {}

const AttrDict &Attribute::getDict() const {
  return *std::get<std::shared_ptr<const AttrDict>>(Data);
}

const char *Attribute::kindName(Kind K) {
  switch (K) {
  case Kind::Int:
    return "int";
  case Kind::Float:
    return "float";
  case Kind::String:
    return "string";
  case Kind::Tensor:
    return "tensor";
  case Kind::Graph:
    return "graph";
  case Kind::Type:
    return "type";
  case Kind::Ints:
    return "ints";
  case Kind::Floats:
    return "floats";
  case Kind::Strings:
    return "strings";
  case Kind::Tensors:
    return "tensors";
  case Kind::Graphs:
    return "graphs";
  case Kind::Types:
    return "types";
  case Kind::Double:
    return "f64";
  case Kind::Dict:
    return "dict";
  }
  return "?";
}

std::vector<Graph *> Attribute::subgraphs() const {
  if (K == Kind::Graph)
    return {getGraph().get()};
  std::vector<Graph *> R;
  if (K == Kind::Graphs)
    for (const auto &G : getGraphs())
      R.push_back(G.get());
  return R;
}

std::optional<int64_t> hcm::dictInt(const AttrDict &D, llvm::StringRef Key) {
  auto It = D.find(Key);
  if (It == D.end() || It->second.getKind() != Attribute::Kind::Int)
    return std::nullopt;
  return It->second.getInt();
}

std::optional<double> hcm::dictDouble(const AttrDict &D, llvm::StringRef Key) {
  auto It = D.find(Key);
  if (It == D.end() || It->second.getKind() != Attribute::Kind::Double)
    return std::nullopt;
  return It->second.getDouble();
}

std::optional<std::string> hcm::dictString(const AttrDict &D,
                                           llvm::StringRef Key) {
  auto It = D.find(Key);
  if (It == D.end() || It->second.getKind() != Attribute::Kind::String)
    return std::nullopt;
  return It->second.getString();
}
