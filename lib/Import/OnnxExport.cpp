//===- OnnxExport.cpp - IR back to an ONNX ModelProto ---------------------===//
//
// The inverse of the reader: properties, opsets, graphs with value_info for
// every typed value, initializers (inline bytes as raw_data, external data as
// references, elided tensors as dims only) and attributes of every kind.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"
#include "hcm/Import/OnnxTypes.h"

using namespace hcm;

namespace {

void exportGraph(const Graph &G, onnx::GraphProto &P);

void exportTensor(const Tensor &T, llvm::StringRef Name, onnx::TensorProto &P) {
  P.set_name(Name.str());
  const Type &Ty = T.getType();
  P.set_data_type(toOnnxElemType(Ty.getElementType()));
  if (Ty.hasRank())
    for (const Dim &D : Ty.getShape())
      P.add_dims(D.isKnown() ? D.getValue() : 0);
  switch (T.getStorage()) {
  case Tensor::Storage::Elided:
    return;
  case Tensor::Storage::External: {
    const ExternalRef &R = T.getExternal();
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
    return;
  }
  case Tensor::Storage::Inline:
    break;
  }
  if (Ty.getElementType().getKind() == ElementType::Kind::String) {
    for (const std::string &S : T.getStrings())
      P.add_string_data(S);
    return;
  }
  // Narrow integer types have no ONNX raw layout of their own; dims only.
  if (Ty.getElementType().getByteSize() == 0 ||
      (Ty.getElementType().isInteger() &&
       Ty.getElementType().getWidth() % 8 != 0))
    return;
  P.set_raw_data(cantFail(T.getBytes()).str());
}

void exportAttr(const Attribute &A, onnx::AttributeProto &P) {
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
  case K::Double: // ours: kept as text so nothing is lost
    P.set_type(AP::STRING);
    P.set_s(std::to_string(A.getDouble()));
    return;
  case K::String:
    P.set_type(AP::STRING);
    P.set_s(A.getString());
    return;
  case K::Tensor:
    P.set_type(AP::TENSOR);
    exportTensor(A.getTensor(), "", *P.mutable_t());
    return;
  case K::Graph:
    P.set_type(AP::GRAPH);
    exportGraph(*A.getGraph(), *P.mutable_g());
    return;
  case K::Type:
    P.set_type(AP::TYPE_PROTO);
    toOnnxType(A.getType(), *P.mutable_tp());
    return;
  case K::Ints:
    P.set_type(AP::INTS);
    for (int64_t V : A.getInts())
      P.add_ints(V);
    return;
  case K::Floats:
    P.set_type(AP::FLOATS);
    for (float V : A.getFloats())
      P.add_floats(V);
    return;
  case K::Strings:
    P.set_type(AP::STRINGS);
    for (const std::string &V : A.getStrings())
      P.add_strings(V);
    return;
  case K::Tensors:
    P.set_type(AP::TENSORS);
    for (const Tensor &T : A.getTensors())
      exportTensor(T, "", *P.add_tensors());
    return;
  case K::Graphs:
    P.set_type(AP::GRAPHS);
    for (const auto &G : A.getGraphs())
      exportGraph(*G, *P.add_graphs());
    return;
  case K::Types:
    P.set_type(AP::TYPE_PROTOS);
    for (const Type &T : A.getTypes())
      toOnnxType(T, *P.add_type_protos());
    return;
  case K::Dict: // analysis results have no ONNX form; they are dropped
    P.set_type(AP::STRING);
    return;
  }
}

void exportValueInfo(const Value &V, onnx::ValueInfoProto &P) {
  P.set_name(V.getName());
  if (!V.getType().isUnknown())
    toOnnxType(V.getType(), *P.mutable_type());
}

void exportNode(const Node &N, onnx::NodeProto &P) {
  P.set_name(N.getName());
  P.set_op_type(N.getOpType());
  P.set_domain(N.getDomain());
  P.set_doc_string(N.getDocString());
  for (const Value *V : N.getOperands())
    P.add_input(V ? V->getName() : "");
  for (const Value *V : N.getResults())
    P.add_output(V ? V->getName() : "");
  for (const auto &[Key, A] : N.getAttrs()) {
    if (A.getKind() == Attribute::Kind::Dict)
      continue;
    auto *AP = P.add_attribute();
    AP->set_name(Key);
    exportAttr(A, *AP);
  }
}

void exportGraph(const Graph &G, onnx::GraphProto &P) {
  P.set_name(G.getName());
  P.set_doc_string(G.getDocString());
  for (const Value *V : G.getInputs()) {
    exportValueInfo(*V, *P.add_input());
    if (V->hasData())
      exportTensor(V->getData(), V->getName(), *P.add_initializer());
  }
  for (const Value *V : G.getInitializers())
    exportTensor(V->getData(), V->getName(), *P.add_initializer());
  for (const auto &N : G.getNodes()) {
    exportNode(*N, *P.add_node());
    for (const Value *R : N->getResults())
      if (R && !R->getType().isUnknown())
        exportValueInfo(*R, *P.add_value_info());
  }
  for (const Value *V : G.getOutputs())
    exportValueInfo(*V, *P.add_output());
}

} // namespace

onnx::ModelProto hcm::exportToOnnx(const Module &M) {
  onnx::ModelProto P;
  const AttrDict &Props = M.getProperties();
  auto Str = [&](const char *K) {
    auto It = Props.find(K);
    return It != Props.end() && It->second.getKind() == Attribute::Kind::String
               ? It->second.getString()
               : std::string();
  };
  auto Int = [&](const char *K, int64_t Default) {
    auto It = Props.find(K);
    return It != Props.end() && It->second.getKind() == Attribute::Kind::Int
               ? It->second.getInt()
               : Default;
  };
  P.set_ir_version(Int("ir_version", onnx::IR_VERSION));
  P.set_producer_name(Str("producer_name"));
  P.set_producer_version(Str("producer_version"));
  P.set_domain(Str("domain"));
  P.set_doc_string(Str("doc_string"));
  P.set_model_version(Int("model_version", 0));
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
  exportGraph(M.getGraph(), *P.mutable_graph());
  return P;
}
