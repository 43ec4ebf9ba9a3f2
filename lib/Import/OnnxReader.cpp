//===- OnnxReader.cpp - ModelProto -> IR: module, graphs, nodes -----------===//
//
// Converts model properties, opsets, metadata and graphs. A graph's inputs
// come first (an initializer of the same name attaches its data to the
// input), then initializers, nodes in order and outputs. Value types come
// from the shape-inferred value_info / outputs. Operand names resolve through
// Graph::lookup, so subgraphs see the values of the graphs enclosing them.
// Each node is normalised through the op table once its attributes are in.
//
// With ImportOptions::ReleaseProtoFrom (and the proto on the heap) the
// conversion consumes the graph's messages: initializers once read, each
// node (subgraphs included) and the value_info that typed its results as
// soon as it is converted. The IR then reuses that memory instead of
// growing next to the whole proto (a third less peak memory, and fewer
// fresh pages, on a 1M-node model), at the price of its locality.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxTypes.h"
#include "hcm/Support/HashedName.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace hcm;

namespace {

/// Type of a value-info, honouring the exporter's element-type marker.
Type valueInfoType(const onnx::ValueInfoProto &VI) {
  return applyElemMarker(fromOnnxType(VI.type()), VI.doc_string());
}

/// Frees what \p M holds (swapped with an empty message on the heap); \p M
/// stays, empty.
template <typename MessageT> void freeMessage(MessageT &M) {
  MessageT().Swap(&M);
}

/// The value_info (or graph output) typing each name of a graph; keys are
/// the messages' own name strings (no copies).
class GraphTypes {
public:
  GraphTypes(onnx::GraphProto &P, bool Consume) : Consume(Consume) {
    Types.reserve(P.value_info_size() + P.output_size());
    for (auto *List : {P.mutable_value_info(), P.mutable_output()})
      for (auto &VI : *List)
        if (VI.has_type())
          Types[HashedName(VI.name())] = &VI;
    for (const auto &VI : P.output())
      Outputs.insert(&VI);
  }
  /// The type recorded for result \p Name. When the graph is consumed, its
  /// value_info is freed (a graph output's stays: readOutputs reads it).
  Type take(const std::string &Name) {
    auto It = Types.find(HashedName(Name));
    if (It == Types.end())
      return Type();
    onnx::ValueInfoProto *VI = It->second;
    Type T = valueInfoType(*VI);
    if (Consume && !Outputs.count(VI)) {
      Types.erase(It);
      freeMessage(*VI);
    }
    return T;
  }

private:
  bool Consume;
  llvm::DenseMap<HashedName, onnx::ValueInfoProto *> Types;
  llvm::DenseSet<const onnx::ValueInfoProto *> Outputs;
};

/// Converts \p P. Its strings are copied, not moved: a moved buffer would
/// stay among the freed message's pages, which the IR could then not reuse
/// whole (+10 % peak memory on a 1M-node chain).
llvm::Error readNode(onnx::NodeProto &P, Graph &G, GraphTypes &Types,
                     ReaderContext &Ctx) {
  std::string Domain = P.domain() == "ai.onnx" ? "" : P.domain();
  Node *N = G.addNode(Domain, P.op_type(), P.name());
  N->setDocString(P.doc_string());
  N->reserve(size_t(P.input_size()), size_t(P.output_size()));
  for (const std::string &In : P.input()) {
    Value *V = In.empty() ? nullptr : G.lookup(In);
    if (!In.empty() && !V)
      return nodeError(Ctx.M, *N, "operand '" + In + "' is not defined");
    N->addOperand(V);
  }
  for (auto &A : *P.mutable_attribute()) {
    auto Attr = readAttribute(A, *N, Ctx);
    if (!Attr)
      return Attr.takeError();
    N->setAttr(A.name(), std::move(*Attr));
  }
  // A name this graph already has shows as a clash of its index (no
  // lookup); enclosing graphs are asked.
  const Graph *Outer = G.getParentGraph();
  for (const std::string &Out : P.output()) {
    unsigned Clashes = G.getNameClashes();
    if (!Out.empty() && Outer && Outer->lookup(Out))
      return nodeError(Ctx.M, *N, "result '" + Out + "' is already defined");
    G.addResult(N, Out, Types.take(Out));
    if (G.getNameClashes() != Clashes)
      return nodeError(Ctx.M, *N, "result '" + Out + "' is already defined");
  }
  return normalizeNode(*N, Ctx);
}

llvm::Error readInputs(onnx::GraphProto &P, Graph &G, ReaderContext &Ctx) {
  for (const auto &In : P.input()) {
    if (In.name().empty())
      return Ctx.error("graph '" + G.getName() + "' has an unnamed input");
    if (G.lookup(In.name()))
      return Ctx.error("graph '" + G.getName() + "': input '" + In.name() +
                       "' is already defined");
    G.addInput(In.name(), valueInfoType(In));
  }
  return llvm::Error::success();
}

/// Initializers and sparse initializers. An initializer may give an input its
/// data; otherwise its name must be new.
llvm::Error readInitializers(onnx::GraphProto &P, Graph &G,
                             ReaderContext &Ctx) {
  auto CheckName = [&](const std::string &Name) -> llvm::Error {
    Value *Local = G.lookupLocal(Name);
    if (Name.empty())
      return Ctx.error("graph '" + G.getName() +
                       "' has an unnamed initializer");
    if (G.lookup(Name) && !(Local && Local->isInput() && !Local->hasData()))
      return Ctx.error("graph '" + G.getName() + "': initializer '" + Name +
                       "' is already defined");
    return llvm::Error::success();
  };
  for (auto &Init : *P.mutable_initializer()) {
    if (llvm::Error E = CheckName(Init.name()))
      return E;
    auto T = readTensor(Init, "initializer '" + Init.name() + "'", Ctx);
    if (!T)
      return T.takeError();
    G.addInitializer(Init.name(), std::move(*T));
  }
  for (const auto &Sparse : P.sparse_initializer()) {
    const std::string &Name = Sparse.values().name();
    if (llvm::Error E = CheckName(Name))
      return E;
    G.addInitializer(
        Name, readSparseTensor(Sparse, "initializer '" + Name + "'", Ctx));
  }
  return llvm::Error::success();
}

llvm::Error readOutputs(const onnx::GraphProto &P, Graph &G,
                        ReaderContext &Ctx) {
  for (const auto &Out : P.output()) {
    Value *V = G.lookup(Out.name());
    if (!V)
      return Ctx.error("graph '" + G.getName() + "': output '" + Out.name() +
                       "' is not defined");
    G.addOutput(V);
  }
  return llvm::Error::success();
}

void readProperties(const onnx::ModelProto &Proto, Module &M) {
  AttrDict &Props = M.getProperties();
  bool NoIr = false;
  for (const auto &KV : Proto.metadata_props()) {
    if (KV.key() == marker::NoIrVersion)
      NoIr = true;
    else
      M.getMetadata()[KV.key()] = KV.value();
  }
  if (!NoIr)
    Props["ir_version"] = Attribute(int64_t(Proto.ir_version()));
  for (auto [Key, Val] :
       {std::pair{"producer_name", &Proto.producer_name()},
        std::pair{"producer_version", &Proto.producer_version()},
        std::pair{"domain", &Proto.domain()},
        std::pair{"doc_string", &Proto.doc_string()}})
    if (!Val->empty())
      Props[Key] = Attribute(*Val);
  if (Proto.has_model_version())
    Props["model_version"] = Attribute(int64_t(Proto.model_version()));
  for (const auto &O : Proto.opset_import())
    M.setOpset(O.domain(), O.version());
}

} // namespace

llvm::Error hcm::readGraph(onnx::GraphProto &P, Graph &G, ReaderContext &Ctx) {
  G.setName(P.name().empty() ? "main" : P.name());
  G.setDocString(P.doc_string());
  // On an arena nothing can be freed (a swap would copy).
  bool Consume = Ctx.ReleaseProto && !P.GetArena();
  GraphTypes Types(P, Consume);
  if (llvm::Error E = readInputs(P, G, Ctx))
    return E;
  if (llvm::Error E = readInitializers(P, G, Ctx))
    return E;
  auto &Nodes = *P.mutable_node();
  if (!Consume) {
    for (auto &N : Nodes)
      if (llvm::Error E = readNode(N, G, Types, Ctx))
        return E;
    return readOutputs(P, G, Ctx);
  }
  google::protobuf::RepeatedPtrField<onnx::TensorProto>().Swap(
      P.mutable_initializer());
  P.clear_sparse_initializer();
  // Last to first, each taken out of the list and deleted once converted.
  std::reverse(Nodes.pointer_begin(), Nodes.pointer_end());
  while (!Nodes.empty()) {
    std::unique_ptr<onnx::NodeProto> N(Nodes.ReleaseLast());
    if (llvm::Error E = readNode(*N, G, Types, Ctx))
      return E;
  }
  return readOutputs(P, G, Ctx);
}

llvm::Expected<std::unique_ptr<Module>>
hcm::readOnnxModel(onnx::ModelProto &Proto, llvm::StringRef Path,
                   const ImportOptions &Opts, bool Consume,
                   std::shared_ptr<const llvm::MemoryBuffer> File,
                   const std::vector<MappedPayload> *Payloads) {
  auto M = std::make_unique<Module>();
  M->setSourcePath(Path.str());
  readProperties(Proto, *M);
  ReaderContext Ctx{*M,
                    Path.str(),
                    llvm::sys::path::parent_path(Path).str(),
                    Opts.OnWarning,
                    {},
                    {},
                    std::move(File)};
  Ctx.ReleaseProto = Consume;
  Ctx.Payloads = Payloads;
  if (llvm::Error E = restoreHcmProperties(*M, Ctx)) // --emit=onnx
    return E;
  for (const auto &F : Proto.functions())
    Ctx.LocalFunctions.insert(
        {F.domain() == "ai.onnx" ? "" : F.domain(), F.name()});
  if (llvm::Error E = readGraph(*Proto.mutable_graph(), M->getGraph(), Ctx))
    return E;
  return M;
}

//===--- Round-trip markers -----------------------------------------------===//

bool hcm::hasMarker(llvm::StringRef Doc, llvm::StringRef Marker) {
  llvm::SmallVector<llvm::StringRef, 4> Tokens;
  Doc.split(Tokens, ' ', -1, /*KeepEmpty=*/false);
  return llvm::is_contained(Tokens, Marker);
}

std::optional<ElementType> hcm::markedElemType(llvm::StringRef Doc) {
  llvm::SmallVector<llvm::StringRef, 4> Tokens;
  Doc.split(Tokens, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef T : Tokens)
    if (T.consume_front(marker::ElemPrefix))
      return ElementType::parse(T);
  return std::nullopt;
}

Type hcm::applyElemMarker(Type Ty, llvm::StringRef Doc) {
  if (Ty.isTensor())
    if (std::optional<ElementType> E = markedElemType(Doc))
      Ty.setElementType(*E);
  return Ty;
}
