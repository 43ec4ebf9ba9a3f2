//===- OnnxInference.cpp - ONNX shape inference, without its per-node maps ===//
//
// onnx::shape_inference::InferShapes (ONNX 1.12) builds, for every node, an
// InferenceContextImpl that hashes each input name into four maps and copies
// the node's attributes into a fifth; on a chain of 100k nodes that is a
// third of the import. inferOnnxShapes runs the same algorithm as ONNX 1.12's
// ShapeInferenceImplBase::process on the main graph, in the same order, with
// the same merge rules, symbols and messages (it calls ONNX's own
// mergeShapesAndTypes, checkShapesAndTypes, MaterializeSymbolicShape,
// GetErrorWithNodeInfo, GraphInferencerImpl for subgraphs and
// InferShapeForFunctionNode for function ops), but it keeps a value's type
// and data in one map keyed by the proto's own strings (one lookup per
// input; the sparse and propagated-data maps are consulted only when not
// empty), finds attributes by a scan of the node's few attributes, and
// builds ONNX's string-keyed maps only once a node needs them (data
// propagation with data, a subgraph). Models with local functions go to
// ONNX's driver unchanged. unittests/Import/
// OnnxInferenceTest.cpp checks both give byte-identical protos and messages.
//
// An op's inference function reads nothing but its context: the node's
// attributes and its inputs' types, data, sparse data and propagated shapes
// (and subgraph inferencers). One that asked for no input data (of any
// kind) on a node without graph attributes computed its result from the
// schema, attributes and input types alone; run on another node with the
// same, it would ask the same questions and get the same answers. Such
// results are remembered (Memo) and copied to later nodes with the same
// signature instead of inferred again: most nodes of a network repeat an
// earlier one's (a block of the same shapes). A node whose inference
// throws is never remembered, so its twin throws the same.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"
#include "hcm/Support/HashedName.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include "onnx/checker.h"
#include "onnx/shape_inference/implementation.h"

#include <list>
#include <memory>

using namespace hcm;
namespace si = onnx::shape_inference;

namespace {

using TypeMap = std::unordered_map<std::string, onnx::TypeProto *>;
using DataMap = std::unordered_map<std::string, const onnx::TensorProto *>;
using SparseMap =
    std::unordered_map<std::string, const onnx::SparseTensorProto *>;
using ShapeDataMap = std::unordered_map<std::string, onnx::TensorShapeProto>;

/// What ONNX keeps in two maps, value_types_by_name and input_data_by_name,
/// for one name (keyed by the proto's own strings, which outlive the run).
struct Entry {
  onnx::TypeProto *Type = nullptr;
  const onnx::TensorProto *Data = nullptr;
};
using EntryMap = llvm::DenseMap<HashedName, Entry>;

/// What InferenceContextImpl answers, gathered once per node.
class NodeContext final : public onnx::InferenceContext {
public:
  NodeContext(onnx::NodeProto &N, const EntryMap &Values,
              const SparseMap &Sparse, const ShapeDataMap &Generated,
              si::GraphInferenceContext &Graphs,
              llvm::function_ref<void()> BeforeSubgraph,
              google::protobuf::Arena *Arena)
      : N(N), Graphs(Graphs), BeforeSubgraph(BeforeSubgraph), Arena(Arena) {
    for (int I = 0; I < N.output_size(); ++I)
      Outputs.push_back(
          google::protobuf::Arena::CreateMessage<onnx::TypeProto>(Arena));
    Given.assign(Outputs.size(), false);
    for (const std::string &In : N.input()) {
      auto It = Values.find(HashedName(In));
      Entry E = It == Values.end() ? Entry() : It->second;
      InTypes.push_back(E.Type);
      const onnx::TensorProto *D = nullptr;
      const onnx::SparseTensorProto *S = nullptr;
      const onnx::TensorShapeProto *G = nullptr;
      if (E.Data)
        D = E.Data;
      else if (auto It = Sparse.empty() ? Sparse.end() : Sparse.find(In);
               It != Sparse.end())
        S = It->second;
      else if (auto It =
                   Generated.empty() ? Generated.end() : Generated.find(In);
               It != Generated.end())
        G = &It->second;
      InData.push_back(D);
      InSparse.push_back(S);
      InShapes.push_back(G);
    }
  }
  NodeContext(const NodeContext &) = delete;
  NodeContext &operator=(const NodeContext &) = delete;
  ~NodeContext() {
    if (!Arena)
      for (size_t I = 0; I < Outputs.size(); ++I)
        if (!Given[I])
          delete Outputs[I];
  }

  const onnx::AttributeProto *
  getAttribute(const std::string &Name) const override {
    // ONNX keeps the last attribute of a name.
    const onnx::AttributeProto *Found = nullptr;
    for (const auto &A : N.attribute())
      if (A.name() == Name)
        Found = &A;
    return Found;
  }
  size_t getNumInputs() const override { return InTypes.size(); }
  const onnx::TypeProto *getInputType(size_t I) const override {
    return InTypes[check(I, InTypes.size(), "Input")];
  }
  const onnx::TensorProto *getInputData(size_t I) const override {
    AskedForData = true;
    return InData[check(I, InData.size(), "Input")];
  }
  const onnx::TensorShapeProto *getSymbolicInput(size_t I) const override {
    AskedForData = true;
    return InShapes[check(I, InShapes.size(), "Input")];
  }
  const onnx::SparseTensorProto *getInputSparseData(size_t I) const override {
    AskedForData = true;
    return InSparse[check(I, InSparse.size(), "Input")];
  }
  /// Whether the inference asked for an input's data (of any kind): only a
  /// result that depends on types and attributes alone is remembered.
  bool askedForData() const { return AskedForData; }
  size_t getNumOutputs() const override { return Outputs.size(); }
  onnx::TypeProto *getOutputType(size_t I) override {
    return Outputs[check(I, Outputs.size(), "Output")];
  }
  /// Appends to \p Key what an inference function that asks for no input
  /// data can read: the node's attributes, its inputs' types. False for a
  /// node with a graph attribute or a type this encoding does not cover.
  bool signature(std::string &Key) const {
    auto Int = [&](uint64_t V) {
      do {
        Key.push_back(char((V & 0x7f) | (V > 0x7f ? 0x80 : 0)));
        V >>= 7;
      } while (V);
    };
    Int(InTypes.size());
    Int(Outputs.size());
    for (size_t I = 0; I < InTypes.size(); ++I) {
      const onnx::TypeProto *T = InTypes[I];
      if (!T) {
        Key.push_back('-');
        continue;
      }
      if (T->value_case() != onnx::TypeProto::kTensorType ||
          T->has_denotation())
        return false;
      const auto &TT = T->tensor_type();
      Key.push_back(TT.has_elem_type() ? 't' : 'u');
      Int(uint64_t(TT.elem_type()));
      if (!TT.has_shape()) {
        Key.push_back('*');
        continue;
      }
      Int(uint64_t(TT.shape().dim_size()));
      for (const auto &D : TT.shape().dim()) {
        if (D.has_denotation())
          return false;
        if (D.has_dim_value()) {
          Key.push_back('v');
          Int(uint64_t(D.dim_value()));
        } else if (D.has_dim_param()) {
          Key.push_back('p');
          Int(D.dim_param().size());
          Key += D.dim_param();
        } else {
          Key.push_back('?');
        }
      }
    }
    for (const auto &A : N.attribute()) {
      if (A.has_g() || A.graphs_size())
        return false;
      Int(A.ByteSizeLong());
      A.AppendToString(&Key);
    }
    return true;
  }
  /// Sets the outputs to \p Types (a remembered node's results).
  void setOutputs(const std::vector<onnx::TypeProto> &Types) {
    for (size_t I = 0; I < Outputs.size(); ++I)
      Outputs[I]->CopyFrom(Types[I]);
  }
  /// Copies of the outputs' types.
  std::vector<onnx::TypeProto> outputs() const {
    std::vector<onnx::TypeProto> R;
    for (const onnx::TypeProto *T : Outputs)
      R.push_back(*T);
    return R;
  }
  /// Output \p I's type, from now on owned by the message the caller puts
  /// it in (it was allocated where that message lives).
  onnx::TypeProto *giveOutputType(size_t I) {
    Given[I] = true;
    return Outputs[I];
  }
  onnx::GraphInferencer *
  getGraphAttributeInferencer(const std::string &Name) override {
    for (auto &[Key, Inferencer] : Inferencers)
      if (Key == Name)
        return Inferencer.get();
    onnx::GraphProto *G = nullptr;
    for (auto &A : *N.mutable_attribute())
      if (A.name() == Name && A.has_g())
        G = A.mutable_g();
    if (!G)
      fail_type_inference("Attribute ", Name, " does not contain a graph.");
    BeforeSubgraph(); // the subgraph reads the outer types from ONNX's map
    Inferencers.emplace_back(
        Name, std::make_unique<si::GraphInferencerImpl>(*G, Graphs));
    return Inferencers.back().second.get();
  }

private:
  static size_t check(size_t I, size_t Size, const char *What) {
    if (I >= Size)
      ONNX_THROW(std::string(What) + " " + onnx::to_string(I) +
                 " is out of bounds.");
    return I;
  }

  onnx::NodeProto &N;
  si::GraphInferenceContext &Graphs;
  llvm::function_ref<void()> BeforeSubgraph;
  llvm::SmallVector<const onnx::TypeProto *, 4> InTypes;
  llvm::SmallVector<const onnx::TensorProto *, 4> InData;
  llvm::SmallVector<const onnx::SparseTensorProto *, 4> InSparse;
  llvm::SmallVector<const onnx::TensorShapeProto *, 4> InShapes;
  mutable bool AskedForData = false;
  /// On the graph's arena (or the heap, owned here until given away).
  google::protobuf::Arena *Arena;
  llvm::SmallVector<onnx::TypeProto *, 2> Outputs;
  llvm::SmallVector<bool, 2> Given;
  std::vector<std::pair<std::string, std::unique_ptr<onnx::GraphInferencer>>>
      Inferencers;
};

/// ShapeInferenceImplBase of ONNX 1.12, for a main graph (no outer scope).
class GraphInference {
public:
  GraphInference(onnx::ModelProto &M, const onnx::ISchemaRegistry *Registry,
                 const onnx::ShapeInferenceOptions &Opts)
      : G(*M.mutable_graph()), Registry(Registry), Opts(Opts),
        IrVersion(int(M.ir_version())), Opsets(opsetsOf(M)),
        Graphs(StdTypes, Opsets, &Symbols, NoFunctions, Registry, &Generated,
               IrVersion) {}

  void run() {
    si::TraverseGraphsToAddExistingSymbols(G, Symbols);
    size_t Count = G.value_info_size() + G.input_size() + G.output_size() +
                   G.initializer_size() + G.node_size();
    Values.reserve(Count);
    for (auto *List :
         {G.mutable_value_info(), G.mutable_input(), G.mutable_output()})
      for (auto &VI : *List) {
        if (VI.has_type())
          setType(VI.name(), VI.mutable_type());
        else
          Undefined[VI.name()] = VI.mutable_type();
      }
    for (const auto &T : G.initializer()) {
      onnx::TypeProto Ty;
      fillType(Ty.mutable_tensor_type(), T.data_type(), T.dims());
      setData(T.name(), &T);
      initializerType(T.name(), std::move(Ty));
    }
    for (const auto &T : G.sparse_initializer()) {
      onnx::TypeProto Ty;
      fillType(Ty.mutable_sparse_tensor_type(), T.values().data_type(),
               T.dims());
      Sparse[T.values().name()] = &T;
      initializerType(T.values().name(), std::move(Ty));
    }
    for (auto &N : *G.mutable_node())
      preprocess(N);
    for (auto &N : *G.mutable_node())
      process(N);
    if (Opts.error_mode > 0 && !Errors.empty()) {
      std::string All = "Shape inference error(s): ";
      for (const std::string &E : Errors)
        All += E + "\n";
      fail_shape_inference(All);
    }
  }

private:
  static std::unordered_map<std::string, int>
  opsetsOf(const onnx::ModelProto &M) {
    std::unordered_map<std::string, int> R;
    for (const auto &O : M.opset_import())
      R[O.domain()] = int(O.version());
    return R;
  }

  /// Sets \p T (a tensor or sparse tensor type) to \p Elem with the known
  /// \p Dims, as ONNX types an initializer.
  template <typename TensorType, typename DimList>
  static void fillType(TensorType *T, int32_t Elem, const DimList &Dims) {
    T->set_elem_type(Elem);
    auto *Shape = T->mutable_shape();
    for (int64_t D : Dims)
      Shape->add_dim()->set_dim_value(D);
  }

  /// An input's type wins over its initializer's, which must agree; an
  /// initializer that is no input brings its own (IR >= 4).
  void initializerType(const std::string &Name, onnx::TypeProto Ty) {
    if (onnx::TypeProto *Declared = typeOf(Name))
      si::checkShapesAndTypes(Ty, *Declared);
    else if (IrVersion >= 4)
      setType(Name, &InitializerTypes.emplace_back(std::move(Ty)));
  }

  onnx::TypeProto *typeOf(llvm::StringRef Name) const {
    auto It = Values.find(Name);
    return It == Values.end() ? nullptr : It->second.Type;
  }
  void setType(llvm::StringRef Name, onnx::TypeProto *T) {
    Values[Name].Type = T;
    if (StdLive)
      StdTypes[Name.str()] = T;
  }
  void setData(llvm::StringRef Name, const onnx::TensorProto *T) {
    Values[Name].Data = T;
    if (StdLive)
      StdData[Name.str()] = T;
  }

  /// ONNX's own maps, for what reads them (data propagation, subgraphs):
  /// filled the first time one is needed and kept in step after.
  void liveStdMaps() {
    if (StdLive)
      return;
    StdLive = true;
    for (const auto &[Key, E] : Values) {
      if (E.Type)
        StdTypes.emplace(Key.Name.str(), E.Type);
      if (E.Data)
        StdData.emplace(Key.Name.str(), E.Data);
    }
  }

  void preprocess(const onnx::NodeProto &N) {
    if (onnx::checker::check_is_experimental_op(N.op_type())) {
      HasExperimental = true;
    } else if (N.op_type() == "Constant" && N.output_size() == 1) {
      for (const auto &A : N.attribute())
        if (A.name() == "value") {
          if (A.type() == onnx::AttributeProto::TENSOR && A.has_t())
            setData(N.output(0), &A.t());
          else if (A.type() == onnx::AttributeProto::SPARSE_TENSOR &&
                   A.has_sparse_tensor())
            Sparse[N.output(0)] = &A.sparse_tensor();
        }
    }
  }

  /// The registry's schema, asked once per (domain, op): the version is
  /// the domain's, fixed for the run. Keyed by the node's own strings.
  const onnx::OpSchema *schemaFor(const onnx::NodeProto &N, int Version) {
    auto [It, New] = Schemas.try_emplace(
        std::pair(llvm::StringRef(N.domain()), llvm::StringRef(N.op_type())),
        nullptr);
    if (New)
      It->second = Registry->GetSchema(N.op_type(), Version, N.domain());
    return It->second;
  }

  /// Add, Sub and Mul propagate data (ONNX's MathOpDataPropagator) only
  /// when both operands have some: without, building the context (two more
  /// maps) is all the call would do.
  bool propagatesNothing(const onnx::NodeProto &N) const {
    if (!(N.domain().empty() || N.domain() == "ai.onnx") ||
        !(N.op_type() == "Add" || N.op_type() == "Sub" ||
          N.op_type() == "Mul") ||
        N.input_size() < 2)
      return false;
    auto Known = [&](const std::string &In) {
      if (Generated.count(In))
        return true;
      auto It = Values.find(HashedName(In));
      return It != Values.end() && It->second.Data;
    };
    return !Known(N.input(0)) && !Known(N.input(1));
  }

  /// Merges output \p I's inferred type into its value's. A new value's
  /// tensor type (nearly all of them) becomes its value_info's type as it
  /// is: merging it into an empty TypeProto would set exactly its element
  /// type and copy its shape, and a tensor TypeProto has nothing else but a
  /// denotation, which the merge would drop. One with a denotation or
  /// without an element type (the merge sets it, to 0), and every other
  /// kind, is merged as ONNX does.
  void updateType(const std::string &Name, NodeContext &Ctx, size_t I) {
    onnx::TypeProto *Inferred = Ctx.getOutputType(I);
    if (Inferred->value_case() == onnx::TypeProto::VALUE_NOT_SET)
      return;
    si::MaterializeSymbolicShape(Inferred, Symbols);
    onnx::TypeProto *Existing = typeOf(Name);
    if (!Existing) {
      auto *VI = G.add_value_info();
      VI->set_name(Name);
      if (!Undefined.empty())
        if (auto U = Undefined.find(Name); U != Undefined.end())
          *U->second = *Inferred;
      if (Inferred->value_case() == onnx::TypeProto::kTensorType &&
          Inferred->tensor_type().has_elem_type() &&
          !Inferred->has_denotation() && Inferred->GetArena() == G.GetArena()) {
        VI->unsafe_arena_set_allocated_type(Ctx.giveOutputType(I));
        setType(Name, VI->mutable_type());
        return;
      }
      Existing = VI->mutable_type();
      setType(Name, Existing);
    }
    si::mergeShapesAndTypes(*Inferred, Existing);
  }

  void process(onnx::NodeProto &N) {
    auto Opset = Opsets.find(N.domain());
    if (Opset == Opsets.end() && N.domain().empty())
      Opset = Opsets.find("ai.onnx");
    if (Opset == Opsets.end())
      fail_type_inference("Cannot infer type and shape for node name ",
                          N.name(), ". No opset import for domain", N.domain(),
                          " optype ", N.op_type());
    const onnx::OpSchema *Schema = schemaFor(N, Opset->second);
    if (!Schema) {
      HasUnsupported = true;
      return;
    }
    if (!Schema->has_type_and_shape_inference_function() &&
        !Schema->HasFunction())
      return;
    auto LiveStdMaps = [this] { liveStdMaps(); }; // outlives Ctx
    NodeContext Ctx(N, Values, Sparse, Generated, Graphs, LiveStdMaps,
                    G.GetArena());
    bool HasFunction = Schema->has_type_and_shape_inference_function();
    Key.assign(reinterpret_cast<const char *>(&Schema), sizeof Schema);
    bool Memoizable = HasFunction && Ctx.signature(Key);
    auto Seen = Memoizable ? Memo.find(Key) : Memo.end();
    try {
      if (Seen != Memo.end())
        Ctx.setOutputs(Seen->second);
      else if (HasFunction)
        Schema->GetTypeAndShapeInferenceFunction()(Ctx);
      else
        si::InferShapeForFunctionNode(*Schema->GetFunction(), Registry, Ctx,
                                      Opts, NoFunctions, &Symbols, &Generated);
    } catch (const onnx::InferenceError &E) {
      if (!HasUnsupported && !HasExperimental)
        Errors.push_back(si::GetErrorWithNodeInfo(N, E));
      return;
    }
    if (Memoizable && Seen == Memo.end() && !Ctx.askedForData() &&
        Memo.size() < MemoLimit)
      Memo.emplace(Key, Ctx.outputs());
    try {
      if (Opts.check_type)
        Schema->CheckInputOutputType(Ctx);
      for (int I = 0; I < N.output_size(); ++I)
        if (!N.output(I).empty())
          updateType(N.output(I), Ctx, size_t(I));
      if (Opts.enable_data_propagation &&
          Schema->has_data_propagation_function() && !propagatesNothing(N)) {
        liveStdMaps();
        si::DataPropagationContextImpl Prop(N, StdTypes, StdData, Generated);
        Schema->GetDataPropagationFunction()(Prop);
      }
    } catch (const std::runtime_error &E) {
      fail_shape_inference(si::GetErrorWithNodeInfo(N, E));
    }
  }

  onnx::GraphProto &G;
  const onnx::ISchemaRegistry *Registry;
  const onnx::ShapeInferenceOptions &Opts;
  int IrVersion;
  std::unordered_map<std::string, int> Opsets;
  llvm::DenseMap<std::pair<llvm::StringRef, llvm::StringRef>,
                 const onnx::OpSchema *>
      Schemas;
  si::SymbolTableImpl Symbols;
  si::ModelLocalFunctionsMap NoFunctions;
  EntryMap Values;
  TypeMap Undefined, StdTypes;
  DataMap StdData;
  bool StdLive = false;
  SparseMap Sparse;
  ShapeDataMap Generated;
  si::GraphInferenceContext Graphs;
  std::list<onnx::TypeProto> InitializerTypes;
  std::vector<std::string> Errors;
  bool HasExperimental = false, HasUnsupported = false;
  /// Output types by signature (schema, NodeContext::signature), up to
  /// MemoLimit of them: a model of all-different nodes keeps a few MiB.
  std::unordered_map<std::string, std::vector<onnx::TypeProto>> Memo;
  static constexpr size_t MemoLimit = 1 << 14;
  std::string Key; // the signature being built (its buffer is reused)
};

} // namespace

void hcm::inferOnnxShapes(onnx::ModelProto &M,
                          const onnx::ISchemaRegistry *Registry,
                          const onnx::ShapeInferenceOptions &Opts) {
  if (M.functions_size() > 0) {
    si::InferShapes(M, Registry, Opts);
    return;
  }
  GraphInference(M, Registry, Opts).run();
}
