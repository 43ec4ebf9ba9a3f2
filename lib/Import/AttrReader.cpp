//===- AttrReader.cpp - The one generic ONNX attribute converter ----------===//
//
// Every AttributeProto kind maps to an hcm Attribute: scalars and lists as
// they are, tensors through the tensor reader, graphs as subgraphs owned by
// the node (created before its attributes, so subgraph operands resolve
// against the enclosing graphs), type protos as Types. Sparse tensors keep
// their dense type only. Attributes of old models that leave `type` unset get
// it from the field that is filled. The exporter's markers bring back the
// hcm-only kinds (f64 scalars, dictionaries).
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxTypes.h"

#include "llvm/ADT/StringExtras.h"

using namespace hcm;
using AP = onnx::AttributeProto;

namespace {

/// The attribute's type; for IR v1 models that did not set it, the kind of
/// the field that holds a value.
AP::AttributeType effectiveType(const AP &A) {
  if (A.type() != AP::UNDEFINED)
    return A.type();
  if (A.has_f())
    return AP::FLOAT;
  if (A.has_i())
    return AP::INT;
  if (A.has_s())
    return AP::STRING;
  if (A.has_t())
    return AP::TENSOR;
  if (A.has_g())
    return AP::GRAPH;
  if (A.floats_size())
    return AP::FLOATS;
  if (A.ints_size())
    return AP::INTS;
  if (A.strings_size())
    return AP::STRINGS;
  if (A.tensors_size())
    return AP::TENSORS;
  if (A.graphs_size())
    return AP::GRAPHS;
  return AP::UNDEFINED;
}

llvm::Expected<std::shared_ptr<Graph>>
readSubgraph(onnx::GraphProto &P, Node &Owner, ReaderContext &Ctx) {
  auto G = std::make_shared<Graph>();
  G->setParentNode(&Owner);
  if (llvm::Error E = readGraph(P, *G, Ctx))
    return E;
  return G;
}

llvm::Expected<Attribute> readTensors(AP &A, llvm::StringRef Where,
                                      ReaderContext &Ctx) {
  std::vector<Tensor> Ts;
  for (auto &T : *A.mutable_tensors()) {
    auto R = readTensor(T, Where, Ctx);
    if (!R)
      return R.takeError();
    Ts.push_back(std::move(*R));
  }
  return Attribute(std::move(Ts));
}

llvm::Expected<Attribute> readGraphs(AP &A, Node &Owner, ReaderContext &Ctx) {
  std::vector<std::shared_ptr<Graph>> Gs;
  for (auto &P : *A.mutable_graphs()) {
    auto G = readSubgraph(P, Owner, Ctx);
    if (!G)
      return G.takeError();
    Gs.push_back(std::move(*G));
  }
  return Attribute(std::move(Gs));
}

/// An hcm-only attribute kind the exporter encoded (see marker::F64/Dict).
llvm::Expected<Attribute> readMarked(AP &A, Node &Owner, ReaderContext &Ctx) {
  if (A.type() == AP::STRING && hasMarker(A.doc_string(), marker::F64)) {
    double D = 0;
    if (!llvm::to_float(A.s(), D))
      return nodeError(Ctx.M, Owner,
                       "attribute '" + A.name() + "': bad f64 value '" + A.s() +
                           "'");
    return Attribute(D);
  }
  AttrDict Dict;
  for (auto &Entry : *A.mutable_g()->mutable_node(0)->mutable_attribute()) {
    auto V = readAttribute(Entry, Owner, Ctx);
    if (!V)
      return V.takeError();
    Dict[Entry.name()] = std::move(*V);
  }
  return Attribute(std::move(Dict));
}

bool isMarked(const AP &A) {
  if (A.type() == AP::STRING)
    return hasMarker(A.doc_string(), marker::F64);
  return A.type() == AP::GRAPH && hasMarker(A.doc_string(), marker::Dict) &&
         A.g().node_size() == 1;
}

llvm::Expected<Attribute> readSparse(AP &A, llvm::StringRef Where,
                                     ReaderContext &Ctx) {
  if (A.type() == AP::SPARSE_TENSOR)
    return Attribute(readSparseTensor(A.sparse_tensor(), Where, Ctx));
  std::vector<Tensor> Ts;
  for (const auto &S : A.sparse_tensors())
    Ts.push_back(readSparseTensor(S, Where, Ctx));
  return Attribute(std::move(Ts));
}

} // namespace

llvm::Expected<Attribute> hcm::readAttribute(AP &A, Node &Owner,
                                             ReaderContext &Ctx) {
  std::string Where =
      "node '" + Owner.getName() + "' attribute '" + A.name() + "'";
  if (!A.ref_attr_name().empty())
    return nodeError(Ctx.M, Owner,
                     "attribute '" + A.name() + "' refers to '@" +
                         A.ref_attr_name() + "' outside a function body");
  if (isMarked(A))
    return readMarked(A, Owner, Ctx);
  switch (effectiveType(A)) {
  case AP::INT:
    return Attribute(int64_t(A.i()));
  case AP::FLOAT:
    return Attribute(A.f());
  case AP::STRING:
    return Attribute(A.s());
  case AP::TENSOR: {
    auto T = readTensor(*A.mutable_t(), Where, Ctx);
    if (!T)
      return T.takeError();
    return Attribute(std::move(*T));
  }
  case AP::GRAPH: {
    auto G = readSubgraph(*A.mutable_g(), Owner, Ctx);
    if (!G)
      return G.takeError();
    return Attribute(std::move(*G));
  }
  case AP::SPARSE_TENSOR:
  case AP::SPARSE_TENSORS:
    return readSparse(A, Where, Ctx);
  case AP::TYPE_PROTO:
    return Attribute(applyElemMarker(fromOnnxType(A.tp()), A.doc_string()));
  case AP::INTS:
    return Attribute(std::vector<int64_t>(A.ints().begin(), A.ints().end()));
  case AP::FLOATS:
    return Attribute(std::vector<float>(A.floats().begin(), A.floats().end()));
  case AP::STRINGS:
    return Attribute(
        std::vector<std::string>(A.strings().begin(), A.strings().end()));
  case AP::TENSORS:
    return readTensors(A, Where, Ctx);
  case AP::GRAPHS:
    return readGraphs(A, Owner, Ctx);
  case AP::TYPE_PROTOS: {
    std::vector<Type> Ts;
    for (const auto &T : A.type_protos())
      Ts.push_back(fromOnnxType(T));
    return Attribute(std::move(Ts));
  }
  default:
    break;
  }
  return nodeError(Ctx.M, Owner,
                   "attribute '" + A.name() + "' has no value of a known kind");
}
