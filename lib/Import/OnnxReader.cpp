//===- OnnxReader.cpp - ModelProto -> IR ----------------------------------===//
//
// Converts model properties, opsets, graphs (recursively for subgraphs),
// initializers (raw bytes moved, typed fields re-encoded, external data by
// reference with its path checked) and nodes with one generic attribute
// converter. Node-specific normalisation happens in the op table.
//
//===----------------------------------------------------------------------===//
#include "OnnxReader.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxTypes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <unordered_map>

using namespace hcm;

namespace {

class GraphReader {
public:
  explicit GraphReader(ReaderContext &Ctx) : Ctx(Ctx) {}
  llvm::Error read(onnx::GraphProto &P, Graph &G);

private:
  llvm::Error readNode(onnx::NodeProto &P, Graph &G, size_t Index);
  llvm::Expected<Attribute> readAttr(onnx::AttributeProto &A, Node &Owner);
  llvm::Expected<Tensor> readTensor(onnx::TensorProto &T,
                                    llvm::StringRef Owner);
  llvm::Expected<Tensor> readExternal(onnx::TensorProto &T, Type Ty,
                                      llvm::StringRef Owner);
  llvm::Error error(const llvm::Twine &Msg) { return makeError(Ctx.Path, Msg); }

  ReaderContext &Ctx;
  std::unordered_map<std::string, const onnx::TypeProto *> Types;
};

template <typename T> void appendLE(std::string &Out, T V) {
  char Buf[sizeof(T)];
  std::memcpy(Buf, &V, sizeof(T));
  Out.append(Buf, sizeof(T));
}

/// Re-encodes ONNX's typed data fields as raw little-endian bytes.
std::string typedFieldsToRaw(const onnx::TensorProto &T, ElementType E) {
  std::string Out;
  unsigned Size = E.getByteSize();
  if (T.float_data_size())
    for (float F : T.float_data())
      appendLE(Out, F);
  else if (T.double_data_size())
    for (double D : T.double_data())
      appendLE(Out, D);
  else if (T.int64_data_size())
    for (int64_t V : T.int64_data())
      appendLE(Out, V);
  else if (T.uint64_data_size())
    for (uint64_t V : T.uint64_data())
      appendLE(Out, V);
  else
    for (int32_t V : T.int32_data()) // int8..int32, uint8/16, bool, f16, bf16
      Out.append(reinterpret_cast<const char *>(&V), std::min(Size, 4u));
  return Out;
}

} // namespace

llvm::Expected<Tensor> GraphReader::readExternal(onnx::TensorProto &T, Type Ty,
                                                 llvm::StringRef Owner) {
  ExternalRef R;
  R.BaseDir = Ctx.BaseDir;
  for (const auto &KV : T.external_data()) {
    long long V = 0;
    bool IsNum = KV.key() == "offset" || KV.key() == "length";
    if (IsNum && llvm::StringRef(KV.value()).getAsInteger(10, V))
      return error("initializer '" + Owner + "': external data " + KV.key() +
                   " '" + KV.value() + "' is not a number");
    if (KV.key() == "location")
      R.Location = KV.value();
    else if (KV.key() == "offset")
      R.Offset = V;
    else if (KV.key() == "length")
      R.Length = V;
  }
  if (R.Location.empty())
    return error("initializer '" + Owner + "': external data has no location");
  bool Escapes =
      llvm::sys::path::is_absolute(R.Location) ||
      llvm::sys::path::is_absolute(R.Location, llvm::sys::path::Style::windows);
  for (auto It = llvm::sys::path::begin(R.Location),
            End = llvm::sys::path::end(R.Location);
       It != End; ++It)
    Escapes = Escapes || *It == "..";
  if (Escapes)
    return error("initializer '" + Owner + "': external data location '" +
                 R.Location + "' escapes the model folder");
  llvm::SmallString<256> Full(Ctx.BaseDir);
  llvm::sys::path::append(Full, R.Location);
  if (!llvm::sys::fs::exists(Full))
    Ctx.warnOnce("ext:" + R.Location,
                 "external data file '" + R.Location +
                     "' not found; weights unavailable (dims and types are "
                     "kept)");
  return Tensor::external(std::move(Ty), std::move(R));
}

llvm::Expected<Tensor> GraphReader::readTensor(onnx::TensorProto &T,
                                               llvm::StringRef Owner) {
  ElementType E = fromOnnxElemType(T.data_type());
  if (E.isUnknown())
    return error("tensor '" + Owner + "' has unsupported data type " +
                 llvm::Twine(T.data_type()));
  for (int64_t D : T.dims())
    if (D < 0)
      return error("tensor '" + Owner + "' has negative dim " + llvm::Twine(D));
  Type Ty = Type::tensor(E, fromOnnxDims(T.dims()));
  if (T.data_location() == onnx::TensorProto::EXTERNAL)
    return readExternal(T, std::move(Ty), Owner);
  if (E.getKind() == ElementType::Kind::String)
    return Tensor::inlineStrings(
        std::move(Ty), {T.string_data().begin(), T.string_data().end()});
  std::string Bytes;
  if (T.has_raw_data())
    Bytes.swap(*T.mutable_raw_data()); // moved, not copied
  else
    Bytes = typedFieldsToRaw(T, E);
  size_t Need = size_t(*Ty.getNumElements()) * E.getByteSize();
  if (Bytes.size() != Need)
    return error("tensor '" + Owner + "' of type " + Ty.str() + " holds " +
                 llvm::Twine(Bytes.size()) + " bytes, expected " +
                 llvm::Twine(Need));
  return Tensor::inlineBytes(std::move(Ty), std::move(Bytes));
}

llvm::Expected<Attribute> GraphReader::readAttr(onnx::AttributeProto &A,
                                                Node &Owner) {
  using AP = onnx::AttributeProto;
  std::string Where = Owner.getName() + "." + A.name();
  switch (A.type()) {
  case AP::INT:
    return Attribute(int64_t(A.i()));
  case AP::FLOAT:
    return Attribute(A.f());
  case AP::STRING:
    return Attribute(A.s());
  case AP::TENSOR: {
    auto T = readTensor(*A.mutable_t(), Where);
    if (!T)
      return T.takeError();
    return Attribute(std::move(*T));
  }
  case AP::GRAPH: {
    auto G = std::make_shared<Graph>();
    G->setParentNode(&Owner);
    if (llvm::Error E = GraphReader(Ctx).read(*A.mutable_g(), *G))
      return E;
    return Attribute(std::move(G));
  }
  case AP::SPARSE_TENSOR:
  case AP::SPARSE_TENSORS:
    Ctx.warnOnce("sparse", "sparse tensor attributes are kept as dims only");
    return Attribute(Tensor::elided(
        Type::tensor(fromOnnxElemType(A.sparse_tensor().values().data_type()),
                     fromOnnxDims(A.sparse_tensor().dims()))));
  case AP::TYPE_PROTO:
    return Attribute(fromOnnxType(A.tp()));
  case AP::INTS:
    return Attribute(std::vector<int64_t>(A.ints().begin(), A.ints().end()));
  case AP::FLOATS:
    return Attribute(std::vector<float>(A.floats().begin(), A.floats().end()));
  case AP::STRINGS:
    return Attribute(
        std::vector<std::string>(A.strings().begin(), A.strings().end()));
  case AP::TENSORS: {
    std::vector<Tensor> Ts;
    for (auto &T : *A.mutable_tensors()) {
      auto R = readTensor(T, Where);
      if (!R)
        return R.takeError();
      Ts.push_back(std::move(*R));
    }
    return Attribute(std::move(Ts));
  }
  case AP::GRAPHS: {
    std::vector<std::shared_ptr<Graph>> Gs;
    for (auto &GP : *A.mutable_graphs()) {
      auto G = std::make_shared<Graph>();
      G->setParentNode(&Owner);
      if (llvm::Error E = GraphReader(Ctx).read(GP, *G))
        return E;
      Gs.push_back(std::move(G));
    }
    return Attribute(std::move(Gs));
  }
  case AP::TYPE_PROTOS: {
    std::vector<Type> Ts;
    for (const auto &T : A.type_protos())
      Ts.push_back(fromOnnxType(T));
    return Attribute(std::move(Ts));
  }
  default:
    return makeError(Ctx.Path, "node '" + Owner.getName() + "' (" +
                                   Owner.getQualifiedName() + "): attribute '" +
                                   A.name() + "' has an unknown type");
  }
}

llvm::Error GraphReader::readNode(onnx::NodeProto &P, Graph &G, size_t Index) {
  std::string Domain = P.domain() == "ai.onnx" ? "" : P.domain();
  std::string Name =
      P.name().empty() ? P.op_type() + "_" + std::to_string(Index) : P.name();
  Node *N = G.addNode(Domain, P.op_type(), Name);
  N->setDocString(P.doc_string());
  for (const std::string &In : P.input()) {
    Value *V = In.empty() ? nullptr : G.lookup(In);
    if (!In.empty() && !V)
      return nodeError(Ctx.M, *N, "operand '" + In + "' is not defined");
    N->addOperand(V);
  }
  for (auto &A : *P.mutable_attribute()) {
    auto Attr = readAttr(A, *N);
    if (!Attr)
      return Attr.takeError();
    N->setAttr(A.name(), std::move(*Attr));
  }
  for (const std::string &Out : P.output()) {
    if (!Out.empty() && G.lookup(Out))
      return nodeError(Ctx.M, *N, "value '" + Out + "' is defined twice");
    auto It = Types.find(Out);
    G.addResult(N, Out, It == Types.end() ? Type() : fromOnnxType(*It->second));
  }
  return normalizeNode(*N, Ctx);
}

llvm::Error GraphReader::read(onnx::GraphProto &P, Graph &G) {
  G.setName(P.name().empty() ? "main" : P.name());
  G.setDocString(P.doc_string());
  for (const auto *List : {&P.value_info(), &P.output()})
    for (const auto &VI : *List)
      if (VI.has_type())
        Types[VI.name()] = &VI.type();
  for (const auto &In : P.input()) {
    if (G.lookup(In.name()))
      return error("graph '" + G.getName() + "': input '" + In.name() +
                   "' is defined twice");
    G.addInput(In.name(), fromOnnxType(In.type()));
  }
  for (auto &Init : *P.mutable_initializer()) {
    Value *Existing = G.lookupLocal(Init.name());
    if (G.lookup(Init.name()) && !(Existing && Existing->isInput()))
      return error("graph '" + G.getName() + "': initializer '" + Init.name() +
                   "' is defined twice");
    auto T = readTensor(Init, Init.name());
    if (!T)
      return T.takeError();
    G.addInitializer(Init.name(), std::move(*T));
  }
  if (P.sparse_initializer_size())
    Ctx.warnOnce("sparse-init", "sparse initializers are not supported; "
                                "they are ignored");
  for (int I = 0; I < P.node_size(); ++I)
    if (llvm::Error E = readNode(*P.mutable_node(I), G, I))
      return E;
  for (const auto &Out : P.output()) {
    Value *V = G.lookup(Out.name());
    if (!V)
      return error("graph '" + G.getName() + "': output '" + Out.name() +
                   "' is not produced by any node");
    G.addOutput(V);
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<Module>>
hcm::readOnnxModel(onnx::ModelProto &Proto, llvm::StringRef Path,
                   WarningHandler OnWarning) {
  auto M = std::make_unique<Module>();
  M->setSourcePath(Path.str());
  AttrDict &Props = M->getProperties();
  Props["ir_version"] = Attribute(int64_t(Proto.ir_version()));
  for (auto [Key, Val] :
       {std::pair{"producer_name", Proto.producer_name()},
        std::pair{"producer_version", Proto.producer_version()},
        std::pair{"domain", Proto.domain()},
        std::pair{"doc_string", Proto.doc_string()}})
    if (!Val.empty())
      Props[Key] = Attribute(Val);
  if (Proto.model_version())
    Props["model_version"] = Attribute(int64_t(Proto.model_version()));
  for (const auto &O : Proto.opset_import())
    M->setOpset(O.domain(), O.version());
  for (const auto &KV : Proto.metadata_props())
    M->getMetadata()[KV.key()] = KV.value();
  if (Proto.functions_size() && OnWarning)
    OnWarning(Path.str() + ": warning: model-local functions are not "
                           "expanded; calls import as opaque nodes");
  ReaderContext Ctx{
      *M, Path.str(), llvm::sys::path::parent_path(Path).str(), OnWarning, {}};
  if (llvm::Error E =
          GraphReader(Ctx).read(*Proto.mutable_graph(), M->getGraph()))
    return E;
  return M;
}
