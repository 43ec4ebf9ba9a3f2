//===- ProtoPrepare.cpp - Ready a ModelProto for conversion ---------------===//
//
// Before a model is converted: check it is one, bind symbolic input dims
// (--dim), give unnamed nodes stable names (`<OpType>_<index>`, so that ONNX's
// own messages name them too), check every operand is defined before use and
// run ONNX shape inference with data propagation in strict mode. Strict mode
// reports genuine inconsistencies (a declared shape the op cannot produce) and,
// by ONNX's design, stops reporting node errors once it meets an op it has no
// schema for, so models with custom ops still import. ONNX refuses a node whose
// domain has no opset import at all; such domains get a temporary import for
// the run. Dims ONNX invents for unknown sizes (`unk__0`) are cleared back to
// unknown.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/Import/OnnxExport.h"
#include "hcm/Support/HashedName.h"
#include "hcm/Support/Timing.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include "onnx/shape_inference/implementation.h"

#include <fmt/format.h>

#include <functional>
#include <map>

using namespace hcm;

namespace {

/// Calls \p Fn on \p G and on every graph nested in its node attributes.
void forEachGraph(onnx::GraphProto &G,
                  const std::function<void(onnx::GraphProto &)> &Fn) {
  Fn(G);
  for (auto &N : *G.mutable_node())
    for (auto &A : *N.mutable_attribute()) {
      if (A.has_g())
        forEachGraph(*A.mutable_g(), Fn);
      for (auto &Sub : *A.mutable_graphs())
        forEachGraph(Sub, Fn);
    }
}

llvm::StringRef canonicalDomain(llvm::StringRef D) {
  return D == "ai.onnx" ? "" : D;
}

void bindInputDims(onnx::GraphProto &G,
                   const std::map<std::string, int64_t> &Bindings) {
  for (auto &In : *G.mutable_input()) {
    if (!In.type().has_tensor_type() || !In.type().tensor_type().has_shape())
      continue;
    auto *Shape = In.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (auto &D : *Shape->mutable_dim())
      if (D.has_dim_param())
        if (auto It = Bindings.find(D.dim_param()); It != Bindings.end())
          D.set_dim_value(It->second);
  }
}

} // namespace

void hcm::warnBatchOverridesDim(const ImportOptions &Opts, llvm::StringRef Path,
                                const std::string &Symbol,
                                llvm::StringRef Input) {
  auto It = Opts.DimBindings.find(Symbol);
  if (!Opts.Batch || It == Opts.DimBindings.end() ||
      It->second == *Opts.Batch || !Opts.OnWarning)
    return;
  Opts.OnWarning((Path + ": warning: --batch " + llvm::Twine(*Opts.Batch) +
                  " overrides --dim " + Symbol + "=" + llvm::Twine(It->second) +
                  " for dim 0 of input '" + Input + "'")
                     .str());
}

namespace {

/// `--batch`: dim 0 of every graph input that is not an initializer becomes
/// Opts.Batch, static or symbolic; the exporter's intermediate and output
/// shapes are dropped so that inference recomputes them.
void setBatch(onnx::GraphProto &G, const ImportOptions &Opts,
              llvm::StringRef Path) {
  std::set<std::string> Inits;
  for (const auto &I : G.initializer())
    Inits.insert(I.name());
  for (auto &In : *G.mutable_input()) {
    if (Inits.count(In.name()) || !In.type().has_tensor_type() ||
        !In.type().tensor_type().has_shape() ||
        In.type().tensor_type().shape().dim_size() == 0)
      continue;
    auto *D0 =
        In.mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(
            0);
    if (D0->has_dim_param())
      warnBatchOverridesDim(Opts, Path, D0->dim_param(), In.name());
    D0->set_dim_value(*Opts.Batch);
  }
  G.clear_value_info();
  for (auto &Out : *G.mutable_output())
    if (Out.type().has_tensor_type())
      Out.mutable_type()->mutable_tensor_type()->clear_shape();
}

/// Names unnamed nodes `<OpType>_<index>` (index in their own graph), made
/// unique against every node name of the model with a `_<n>` suffix.
void nameNodes(onnx::GraphProto &Main) {
  bool AllNamed = true;
  forEachGraph(Main, [&](onnx::GraphProto &G) {
    for (const auto &N : G.node())
      AllNamed &= !N.name().empty();
  });
  if (AllNamed) // exporters name every node: no name table to build
    return;
  llvm::StringSet<> Taken;
  llvm::StringMap<unsigned> NextSuffix;
  forEachGraph(Main, [&](onnx::GraphProto &G) {
    for (const auto &N : G.node())
      if (!N.name().empty())
        Taken.insert(N.name());
  });
  forEachGraph(Main, [&](onnx::GraphProto &G) {
    for (int I = 0; I < G.node_size(); ++I) {
      onnx::NodeProto &N = *G.mutable_node(I);
      if (!N.name().empty())
        continue;
      std::string Base = N.op_type() + "_" + std::to_string(I), Name = Base;
      // Suffixes resume where the last clash with this base stopped: every
      // subgraph has its own node 0, and restarting at 1 was quadratic.
      unsigned &K = NextSuffix[Base];
      while (Taken.count(Name))
        Name = Base + "_" + std::to_string(++K);
      Taken.insert(Name);
      N.set_name(Name);
    }
  });
}

/// Domains used by nodes but not imported. The default domain falls back to
/// opset 1 (ONNX's rule for IR < 3 models); other domains are returned so
/// that they can be imported for the inference run only.
std::vector<std::string> addMissingOpsets(onnx::ModelProto &Proto,
                                          llvm::StringRef Path,
                                          const WarningHandler &OnWarning) {
  std::set<std::string> Imported, Missing;
  for (const auto &O : Proto.opset_import())
    Imported.insert(canonicalDomain(O.domain()).str());
  forEachGraph(*Proto.mutable_graph(), [&](onnx::GraphProto &G) {
    for (const auto &N : G.node())
      if (!Imported.count(canonicalDomain(N.domain()).str()))
        Missing.insert(canonicalDomain(N.domain()).str());
  });
  std::vector<std::string> Temporary;
  for (const std::string &D : Missing) {
    auto *O = Proto.add_opset_import();
    O->set_domain(D);
    O->set_version(1);
    if (!D.empty())
      Temporary.push_back(D);
    else if (OnWarning)
      OnWarning(Path.str() + ": warning: model imports no opset for the "
                             "default domain; assuming opset 1");
  }
  return Temporary;
}

void removeOpsets(onnx::ModelProto &Proto, const std::vector<std::string> &Ds) {
  auto *Opsets = Proto.mutable_opset_import();
  for (int I = Opsets->size() - 1; I >= 0; --I)
    if (llvm::is_contained(Ds, Opsets->Get(I).domain()))
      Opsets->DeleteSubrange(I, 1);
}

/// Calls \p Fn on every dim of every value type of every graph.
void forEachDim(
    onnx::GraphProto &Main,
    const std::function<void(onnx::TensorShapeProto_Dimension &)> &Fn) {
  std::function<void(onnx::TypeProto &)> Visit = [&](onnx::TypeProto &T) {
    if (T.has_tensor_type() && T.tensor_type().has_shape())
      for (auto &D : *T.mutable_tensor_type()->mutable_shape()->mutable_dim())
        Fn(D);
    if (T.has_sparse_tensor_type() && T.sparse_tensor_type().has_shape())
      for (auto &D :
           *T.mutable_sparse_tensor_type()->mutable_shape()->mutable_dim())
        Fn(D);
    if (T.has_sequence_type())
      Visit(*T.mutable_sequence_type()->mutable_elem_type());
    if (T.has_optional_type())
      Visit(*T.mutable_optional_type()->mutable_elem_type());
    if (T.has_map_type())
      Visit(*T.mutable_map_type()->mutable_value_type());
  };
  forEachGraph(Main, [&](onnx::GraphProto &G) {
    for (auto *List :
         {G.mutable_input(), G.mutable_output(), G.mutable_value_info()})
      for (auto &VI : *List)
        if (VI.has_type())
          Visit(*VI.mutable_type());
  });
}

/// The node an ONNX inference message is about (the innermost one for
/// errors inside subgraphs) and the message proper.
struct InferenceMessage {
  std::string OpType, NodeName, Detail;
};

InferenceMessage splitInferenceMessage(llvm::StringRef Msg) {
  InferenceMessage R;
  llvm::StringRef Rest = Msg;
  while (true) {
    Rest = Rest.ltrim();
    while (Rest.consume_front("[ShapeInferenceError]") ||
           Rest.consume_front("[TypeInferenceError]") ||
           Rest.consume_front("Shape inference error(s):"))
      Rest = Rest.ltrim();
    if (!Rest.consume_front("(op_type:"))
      break;
    size_t End = Rest.find("): ");
    llvm::StringRef Head = Rest.take_front(End);
    Rest = End == llvm::StringRef::npos ? "" : Rest.drop_front(End + 3);
    auto [Op, Name] = Head.split(", node name: ");
    R.OpType = Op.str();
    R.NodeName = Name.str();
  }
  auto [First, More] = Rest.split('\n');
  R.Detail = First.trim().str();
  size_t Others = More.count("(op_type:");
  if (Others)
    R.Detail += fmt::format(" (and {} more)", Others);
  return R;
}

/// `file: node 'n' (domain::Op, opset v)`, as hcm::nodeWhere words it.
std::string nodeWhere(const onnx::ModelProto &Proto, llvm::StringRef Path,
                      llvm::StringRef Name, llvm::StringRef OpType,
                      llvm::StringRef Domain) {
  Domain = canonicalDomain(Domain);
  int64_t Opset = 0;
  for (const auto &O : Proto.opset_import())
    if (canonicalDomain(O.domain()) == Domain)
      Opset = O.version();
  std::string Qual =
      Domain.empty() ? OpType.str() : Domain.str() + "::" + OpType.str();
  return fmt::format("{}: node '{}' ({}, opset {})", Path.str(), Name.str(),
                     Qual, Opset);
}

llvm::Error inferenceError(onnx::ModelProto &Proto, llvm::StringRef Path,
                           llvm::StringRef Msg) {
  InferenceMessage I = splitInferenceMessage(Msg);
  if (I.NodeName.empty())
    return makeError(Path, "shape inference failed: " + I.Detail);
  std::string Domain;
  forEachGraph(*Proto.mutable_graph(), [&](onnx::GraphProto &G) {
    for (const auto &N : G.node())
      if (N.name() == I.NodeName)
        Domain = N.domain();
  });
  return makeError(nodeWhere(Proto, Path, I.NodeName, I.OpType, Domain),
                   "shape inference: " + I.Detail);
}

/// Names visible in a graph: its own (the proto's strings, not copies),
/// then those of the enclosing graphs.
struct Scope {
  llvm::DenseSet<HashedName> Names;
  const Scope *Outer = nullptr;
  bool has(const HashedName &N) const {
    return Names.count(N) || (Outer && Outer->has(N));
  }
};

/// Every operand must be defined before its use (here or in an enclosing
/// graph). Checked before inference, whose message for this is obscure.
llvm::Error checkOperands(const onnx::ModelProto &Proto,
                          const onnx::GraphProto &G, const Scope *Outer,
                          llvm::StringRef Path) {
  Scope S{{}, Outer};
  S.Names.reserve(G.input_size() + G.initializer_size() +
                  G.sparse_initializer_size() + G.node_size());
  for (const auto &In : G.input())
    S.Names.insert(HashedName(In.name()));
  for (const auto &Init : G.initializer())
    S.Names.insert(HashedName(Init.name()));
  for (const auto &Sparse : G.sparse_initializer())
    S.Names.insert(HashedName(Sparse.values().name()));
  for (const auto &N : G.node()) {
    for (const std::string &In : N.input())
      if (!In.empty() && !S.has(HashedName(In)))
        return makeError(
            nodeWhere(Proto, Path, N.name(), N.op_type(), N.domain()),
            "operand '" + In + "' is not defined");
    for (const auto &A : N.attribute()) {
      if (A.has_g())
        if (llvm::Error E = checkOperands(Proto, A.g(), &S, Path))
          return E;
      for (const auto &Sub : A.graphs())
        if (llvm::Error E = checkOperands(Proto, Sub, &S, Path))
          return E;
    }
    for (const std::string &Out : N.output())
      S.Names.insert(HashedName(Out));
  }
  return llvm::Error::success();
}

/// ONNX's messages are C strings: a NUL in a node name would cut them short.
/// Such names are swapped for placeholders while inference runs.
class SafeNodeNames {
public:
  explicit SafeNodeNames(onnx::GraphProto &Main) {
    forEachGraph(Main, [&](onnx::GraphProto &G) {
      for (auto &N : *G.mutable_node())
        if (llvm::any_of(N.name(), [](char C) { return C >= 0 && C < 0x20; })) {
          std::string Safe = "hcm.unprintable." + std::to_string(Saved.size());
          Saved.emplace_back(&N, N.name());
          Original[Safe] = N.name();
          N.set_name(Safe);
        }
    });
  }
  ~SafeNodeNames() {
    for (auto &[N, Name] : Saved)
      N->set_name(Name);
  }
  /// \p Name as the model spells it.
  std::string original(const std::string &Name) const {
    auto It = Original.find(Name);
    return It == Original.end() ? Name : It->second;
  }

private:
  std::vector<std::pair<onnx::NodeProto *, std::string>> Saved;
  std::map<std::string, std::string> Original;
};

llvm::Error inferShapes(onnx::ModelProto &Proto, llvm::StringRef Path) {
  std::string Message;
  {
    SafeNodeNames Names(*Proto.mutable_graph());
    try {
      onnx::ShapeInferenceOptions Opts{/*check_type=*/false, /*error_mode=*/1,
                                       /*enable_data_propagation=*/true};
      inferOnnxShapes(Proto, guardedSchemaRegistry(), Opts);
      return llvm::Error::success();
    } catch (const std::exception &E) {
      Message = E.what();
    }
    InferenceMessage I = splitInferenceMessage(Message);
    if (!I.NodeName.empty())
      Message = "(op_type:" + I.OpType +
                ", node name: " + Names.original(I.NodeName) + "): " + I.Detail;
  }
  return inferenceError(Proto, Path, Message);
}

} // namespace

/// The steps before shape inference: the checks, the dim bindings, node
/// names and missing opsets (\p Temporary: the ones to remove again).
static llvm::Error checkAndBind(onnx::ModelProto &Proto, llvm::StringRef Path,
                                const ImportOptions &Opts,
                                std::set<std::string> &Symbols,
                                std::vector<std::string> &Temporary) {
  llvm::TimeRegion Time = timePhase(Opts.Timers, "import: checks");
  if (!Proto.has_graph() || Proto.ir_version() <= 0)
    return makeError(Path, "not an ONNX model (no graph / ir_version)");
  if (llvm::Error E = checkModelProto(Proto, Path))
    return E;
  if (llvm::Error E = restoreHcmAnnotations(Proto, Path)) // --emit=onnx
    return E;
  onnx::GraphProto &Main = *Proto.mutable_graph();
  forEachDim(Main, [&](onnx::TensorShapeProto_Dimension &D) {
    if (D.has_dim_param())
      Symbols.insert(D.dim_param());
  });
  for (const auto &B : Opts.DimBindings)
    if (!Symbols.count(B.first) && Opts.OnWarning)
      Opts.OnWarning(Path.str() + ": warning: --dim " + B.first +
                     ": the model has no dim named '" + B.first +
                     "' (hcm-opt --list-inputs lists its inputs)");
  if (Opts.Batch)
    setBatch(Main, Opts, Path);
  bindInputDims(Main, Opts.DimBindings);
  nameNodes(Main);
  Temporary = addMissingOpsets(Proto, Path, Opts.OnWarning);
  return checkOperands(Proto, Main, nullptr, Path);
}

llvm::Error hcm::prepareModelProto(onnx::ModelProto &Proto,
                                   llvm::StringRef Path,
                                   const ImportOptions &Opts) {
  std::set<std::string> Symbols;
  std::vector<std::string> Temporary;
  if (llvm::Error E = checkAndBind(Proto, Path, Opts, Symbols, Temporary))
    return E;
  llvm::TimeRegion Time = timePhase(Opts.Timers, "import: shape inference");
  if (llvm::Error E = inferShapes(Proto, Path))
    return E;
  removeOpsets(Proto, Temporary);
  forEachDim(*Proto.mutable_graph(), [&](onnx::TensorShapeProto_Dimension &D) {
    if (D.has_dim_param() && !Symbols.count(D.dim_param()))
      D.clear_dim_param();
  });
  return llvm::Error::success();
}
