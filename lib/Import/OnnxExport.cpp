//===- OnnxExport.cpp - IR back to an ONNX ModelProto ---------------------===//
//
// The inverse of the reader: properties, opsets, metadata, graphs with
// value_info for every typed node result, initializers (inline bytes as
// raw_data, external data as references, elided tensors as dims only) and
// attributes of every kind, subgraphs included. What ONNX has no field for
// travels as doc_string markers (ImportInternal.h) that the reader turns back:
// f64 scalars, dictionaries, elided data, element types ONNX cannot name.
// So import(export(M)) prints like M.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxTypes.h"

#include "llvm/ADT/STLExtras.h"

#include <fmt/format.h>

using namespace hcm;

namespace {

/// Walks the module; the options decide which tensor bytes are copied.
class Exporter {
public:
  explicit Exporter(const ExportOptions &Opts) : Opts(Opts) {}
  void graph(const Graph &G, onnx::GraphProto &P) const;
  void attr(const Attribute &A, onnx::AttributeProto &P) const;

private:
  void node(const Node &N, onnx::NodeProto &P) const;
  void listAttr(const Attribute &A, onnx::AttributeProto &P) const;
  void dict(const AttrDict &D, onnx::AttributeProto &P) const;
  void tensor(const Tensor &T, llvm::StringRef Name,
              onnx::TensorProto &P) const;
  bool keepsData(const Tensor &T) const;

  const ExportOptions &Opts;
};

/// Appends marker \p M to a doc_string.
void addMarker(std::string &Doc, llvm::StringRef M) {
  Doc += Doc.empty() ? M.str() : " " + M.str();
}

/// Marks element types ONNX cannot name (they export as the next wider one).
void markElemType(const Type &T, std::string &Doc) {
  if (!T.isTensor())
    return;
  ElementType E = T.getElementType();
  if (fromOnnxElemType(toOnnxElemType(E)) != E)
    addMarker(Doc, (marker::ElemPrefix + E.str()).str());
}

void exportExternal(const ExternalRef &R, onnx::TensorProto &P) {
  P.set_data_location(onnx::TensorProto::EXTERNAL);
  auto Add = [&](const char *K, const std::string &V) {
    auto *E = P.add_external_data();
    E->set_key(K);
    E->set_value(V);
  };
  Add("location", R.Location);
  Add("offset", std::to_string(R.Offset));
  if (R.Length >= 0)
    Add("length", std::to_string(R.Length));
}

bool Exporter::keepsData(const Tensor &T) const {
  if (Opts.MaxInlineElements < 0 || T.getType().getElementType().isInteger())
    return true;
  std::optional<int64_t> N = T.getType().getNumElements();
  return N && *N <= Opts.MaxInlineElements;
}

void Exporter::tensor(const Tensor &T, llvm::StringRef Name,
                      onnx::TensorProto &P) const {
  P.set_name(Name.str());
  const Type &Ty = T.getType();
  P.set_data_type(toOnnxElemType(Ty.getElementType()));
  if (Ty.hasRank())
    for (const Dim &D : Ty.getShape())
      P.add_dims(D.isKnown() ? D.getValue() : 0);
  markElemType(Ty, *P.mutable_doc_string());
  Tensor::Storage Store = T.getStorage();
  if (Store == Tensor::Storage::Inline && !keepsData(T))
    Store = Tensor::Storage::Elided;
  switch (Store) {
  case Tensor::Storage::Elided:
    addMarker(*P.mutable_doc_string(), marker::Elided);
    return;
  case Tensor::Storage::External:
    exportExternal(T.getExternal(), P);
    return;
  case Tensor::Storage::Inline:
    break;
  }
  if (Ty.getElementType().getKind() == ElementType::Kind::String) {
    for (const std::string &S : T.getStrings())
      P.add_string_data(S);
    return;
  }
  P.set_raw_data(llvm::cantFail(T.getBytes()).str());
}

/// An hcm dictionary: a one-node graph whose node carries the entries.
void Exporter::dict(const AttrDict &D, onnx::AttributeProto &P) const {
  P.set_type(onnx::AttributeProto::GRAPH);
  P.set_doc_string(marker::Dict.str());
  onnx::GraphProto &G = *P.mutable_g();
  G.set_name("hcm.dict");
  onnx::NodeProto &N = *G.add_node();
  N.set_op_type("hcm.dict");
  for (const auto &[Key, V] : D) {
    auto *E = N.add_attribute();
    E->set_name(Key);
    attr(V, *E);
  }
}

void Exporter::listAttr(const Attribute &A, onnx::AttributeProto &P) const {
  using K = Attribute::Kind;
  using AP = onnx::AttributeProto;
  switch (A.getKind()) {
  case K::Ints:
    P.set_type(AP::INTS);
    P.mutable_ints()->Add(A.getInts().begin(), A.getInts().end());
    return;
  case K::Floats:
    P.set_type(AP::FLOATS);
    P.mutable_floats()->Add(A.getFloats().begin(), A.getFloats().end());
    return;
  case K::Strings:
    P.set_type(AP::STRINGS);
    for (const std::string &V : A.getStrings())
      P.add_strings(V);
    return;
  case K::Tensors:
    P.set_type(AP::TENSORS);
    for (const Tensor &T : A.getTensors())
      tensor(T, "", *P.add_tensors());
    return;
  case K::Graphs:
    P.set_type(AP::GRAPHS);
    for (const auto &G : A.getGraphs())
      graph(*G, *P.add_graphs());
    return;
  case K::Types:
    P.set_type(AP::TYPE_PROTOS);
    for (const Type &T : A.getTypes())
      toOnnxType(T, *P.add_type_protos());
    return;
  default:
    return;
  }
}

void Exporter::attr(const Attribute &A, onnx::AttributeProto &P) const {
  using K = Attribute::Kind;
  using AP = onnx::AttributeProto;
  switch (A.getKind()) {
  case K::Int:
    P.set_type(AP::INT);
    P.set_i(A.getInt());
    return;
  case K::Float:
    P.set_type(AP::FLOAT);
    P.set_f(A.getFloat());
    return;
  case K::Double: // shortest round-trip text: exact
    P.set_type(AP::STRING);
    P.set_s(fmt::format("{}", A.getDouble()));
    P.set_doc_string(marker::F64.str());
    return;
  case K::String:
    P.set_type(AP::STRING);
    P.set_s(A.getString());
    return;
  case K::Tensor:
    P.set_type(AP::TENSOR);
    tensor(A.getTensor(), "", *P.mutable_t());
    return;
  case K::Graph:
    P.set_type(AP::GRAPH);
    graph(*A.getGraph(), *P.mutable_g());
    return;
  case K::Type: // i4 in hcm.quant: the marker keeps what ONNX cannot name
    P.set_type(AP::TYPE_PROTO);
    toOnnxType(A.getType(), *P.mutable_tp());
    markElemType(A.getType(), *P.mutable_doc_string());
    return;
  case K::Dict:
    dict(A.getDict(), P);
    return;
  default:
    listAttr(A, P);
    return;
  }
}

void exportValueInfo(const Value &V, onnx::ValueInfoProto &P) {
  P.set_name(V.getName());
  if (V.getType().isUnknown())
    return;
  toOnnxType(V.getType(), *P.mutable_type());
  markElemType(V.getType(), *P.mutable_doc_string());
}

void Exporter::node(const Node &N, onnx::NodeProto &P) const {
  P.set_name(N.getName());
  P.set_op_type(N.getOpType());
  P.set_domain(N.getDomain());
  if (!N.getDocString().empty())
    P.set_doc_string(N.getDocString());
  for (const Value *V : N.getOperands())
    P.add_input(V ? V->getName() : "");
  for (const Value *V : N.getResults())
    P.add_output(V ? V->getName() : "");
  for (const auto &[Key, A] : N.getAttrs()) {
    auto *AP = P.add_attribute();
    AP->set_name(Key);
    attr(A, *AP);
  }
}

void Exporter::graph(const Graph &G, onnx::GraphProto &P) const {
  P.set_name(G.getName());
  if (!G.getDocString().empty())
    P.set_doc_string(G.getDocString());
  for (const Value *V : G.getInputs()) {
    exportValueInfo(*V, *P.add_input());
    if (V->hasData())
      tensor(V->getData(), V->getName(), *P.add_initializer());
  }
  for (const Value *V : G.getInitializers())
    tensor(V->getData(), V->getName(), *P.add_initializer());
  const auto &Outs = G.getOutputs();
  for (const auto &N : G.getNodes()) {
    node(*N, *P.add_node());
    for (const Value *R : N->getResults())
      if (R && !R->getType().isUnknown() && !llvm::is_contained(Outs, R))
        exportValueInfo(*R, *P.add_value_info());
  }
  for (const Value *V : Outs)
    exportValueInfo(*V, *P.add_output());
}

void exportProperties(const Module &M, onnx::ModelProto &P) {
  const AttrDict &Props = M.getProperties();
  auto Get = [&](const char *Key, Attribute::Kind K) -> const Attribute * {
    auto It = Props.find(Key);
    return It != Props.end() && It->second.getKind() == K ? &It->second
                                                          : nullptr;
  };
  if (const Attribute *A = Get("ir_version", Attribute::Kind::Int)) {
    P.set_ir_version(A->getInt());
  } else { // ONNX requires one; the marker drops it again on import
    P.set_ir_version(onnx::IR_VERSION);
    auto *E = P.add_metadata_props();
    E->set_key(marker::NoIrVersion.str());
  }
  if (const Attribute *A = Get("model_version", Attribute::Kind::Int))
    P.set_model_version(A->getInt());
  if (const Attribute *A = Get("producer_name", Attribute::Kind::String))
    P.set_producer_name(A->getString());
  if (const Attribute *A = Get("producer_version", Attribute::Kind::String))
    P.set_producer_version(A->getString());
  if (const Attribute *A = Get("domain", Attribute::Kind::String))
    P.set_domain(A->getString());
  if (const Attribute *A = Get("doc_string", Attribute::Kind::String))
    P.set_doc_string(A->getString());
}

} // namespace

onnx::AttributeProto hcm::exportAttribute(const Attribute &A,
                                          llvm::StringRef Name) {
  onnx::AttributeProto P;
  P.set_name(Name.str());
  ExportOptions Opts;
  Exporter(Opts).attr(A, P);
  return P;
}

onnx::ModelProto hcm::exportToOnnx(const Module &M, const ExportOptions &Opts) {
  onnx::ModelProto P;
  exportProperties(M, P);
  for (const auto &[Domain, Version] : M.getOpsets()) {
    auto *O = P.add_opset_import();
    O->set_domain(Domain);
    O->set_version(Version);
  }
  for (const auto &[K, V] : M.getMetadata()) {
    auto *E = P.add_metadata_props();
    E->set_key(K);
    E->set_value(V);
  }
  Exporter(Opts).graph(M.getGraph(), *P.mutable_graph());
  return P;
}
