//===- TableBuilder.cpp - Walking the graphs into the layer table ---------===//
//
// buildLayerTable(): the main graph in node order, and the subgraphs of
// control flow (ours):
// - If: a constant condition takes its branch. Otherwise both branches are
//   costed; the totals count the one with more MACs (ties: then_branch), or
//   the one `--if-branch` picks, and the report lists every branch.
// - Loop with a constant trip count M: its body counts M times. The body's
//   layers see batch B x M (weights are loaded once per layer, activations
//   stream every iteration); vector ops count M times. With a run-time
//   condition as well, M is an upper bound. Without a constant trip count
//   the Loop is not costed.
// Nodes whose shapes are not known are listed as not costed with their
// reason and one warning for the run (an error with --strict).
//
//===----------------------------------------------------------------------===//
#include "LayerTableInternal.h"

#include "hcm/Analysis/Fields.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Inputs.h"
#include "hcm/IR/OpInfo.h"

#include "hcm/Support/Parallel.h"

#include "llvm/Support/Path.h"

using namespace hcm;
using namespace hcm::detail;

namespace {

/// What was not costed, for the one warning (or, strictly, the error).
class Skipped {
public:
  explicit Skipped(bool Strict) : Strict(Strict) {}

  /// Lists \p N in \p T as not costed for \p Reason; strictly, returns \p E.
  llvm::Error add(LayerTable &T, const Node &N, llvm::Error E,
                  llvm::StringRef Reason) {
    if (Strict)
      return E;
    std::string Msg = toWarning(std::move(E));
    if (First.empty())
      First = Msg;
    ++Count;
    // A layer lower-to-pe tiled is listed as the op it was (MatMul).
    llvm::StringRef From = loweredFrom(N);
    std::string Op = From.empty() ? N.getQualifiedName() : From.str();
    ++T.NotCosted[Op + " (" + Reason.str() + ")"];
    return llvm::Error::success();
  }

  void warn(const WarningHandler &Warn) const {
    if (!Count || !Warn)
      return;
    std::string More =
        Count > 1 ? " (and " + std::to_string(Count - 1) + " more)" : "";
    Warn(First + More +
         "; not costed, excluded from the totals (--strict makes this an "
         "error)");
  }

private:
  bool Strict;
  std::string First;
  unsigned Count = 0;
};

/// Appends \p Sub (a branch or body table) to \p T.
void merge(LayerTable &T, LayerTable &&Sub) {
  size_t L0 = T.Layers.size(), V0 = T.Vectors.size();
  for (auto &S : Sub.Steps)
    T.Steps.emplace_back(S.first, S.second + (S.first ? L0 : V0));
  std::move(Sub.Layers.begin(), Sub.Layers.end(), std::back_inserter(T.Layers));
  std::move(Sub.Vectors.begin(), Sub.Vectors.end(),
            std::back_inserter(T.Vectors));
  for (const auto &KV : Sub.NotCosted)
    T.NotCosted[KV.first] += KV.second;
  for (const auto &KV : Sub.Quantizers)
    T.Quantizers[KV.first] += KV.second;
  std::move(Sub.ControlFlow.begin(), Sub.ControlFlow.end(),
            std::back_inserter(T.ControlFlow));
}

/// Nodes \p T lists as not costed.
size_t notCostedCount(const LayerTable &T) {
  size_t Count = 0;
  for (const auto &KV : T.NotCosted)
    Count += KV.second;
  return Count;
}

const Graph *subgraph(const Node &N, llvm::StringRef Key) {
  const Attribute *A = N.getAttr(Key);
  if (!A || A->getKind() != Attribute::Kind::Graph)
    return nullptr;
  return A->getGraph().get();
}

/// The constant integer scalar \p V holds, if any.
std::optional<int64_t> constScalar(const Value *V) {
  if (!V || !V->hasData())
    return std::nullopt;
  auto Ints = V->getData().getInts();
  if (!Ints || Ints->size() != 1)
    return std::nullopt;
  return (*Ints)[0];
}

class TableBuilder {
public:
  TableBuilder(const Module &M, const TableOptions &Opts)
      : M(M), Opts(Opts), Skip(Opts.Strict) {}

  llvm::Error addGraph(const Graph &G, LayerTable &T, int64_t Repeat, bool Top);
  void warn(const WarningHandler &Warn) const { Skip.warn(Warn); }

private:
  llvm::Error addIf(const Node &N, LayerTable &T, int64_t Repeat);
  llvm::Error addLoop(const Node &N, LayerTable &T, int64_t Repeat);
  /// A compute layer's view and its formats, read once for both passes
  /// over a graph (the vector ops' widths, then the facts).
  struct View {
    Layer L;
    LayerQuant Q;
  };
  std::optional<View> readLayer(const Node &N, int64_t Repeat,
                                llvm::Error &Unreadable,
                                llvm::Error &Failed) const;
  /// The facts of \p N's layer (viewed as \p V), into \p Into.
  llvm::Error layerFacts(const Node &N, const View &V, LayerFacts &Into) const;
  /// Nodes per thread below which a graph's loops stay on one.
  static constexpr size_t MinPerThread = 2048;
  std::optional<size_t> pickBranch() const;

  const Module &M;
  const TableOptions &Opts;
  Skipped Skip;
  StorageWidths Widths;
};

/// The layer view of \p N with every size known and the batch multiplied by
/// \p Repeat; else nullopt and why: the layer is not readable (\p
/// Unreadable: listed as not costed) or its formats cannot be read (\p
/// Failed: an error). Reads the node only: views of many nodes are read on
/// several threads.
std::optional<TableBuilder::View>
TableBuilder::readLayer(const Node &N, int64_t Repeat, llvm::Error &Unreadable,
                        llvm::Error &Failed) const {
  auto L = getLayer(M, N);
  if (L)
    if (llvm::Error E = requireKnownDims(M, *L))
      L = std::move(E);
  if (!L) {
    Unreadable = L.takeError();
    return std::nullopt;
  }
  L->B.Value *= Repeat;
  if (L->ActWeight)
    L->ActWeightElems.Value *= Repeat;
  auto Q = quantOrTypes(M, *L);
  if (!Q) {
    Failed = Q.takeError();
    return std::nullopt;
  }
  return View{std::move(*L), std::move(*Q)};
}

llvm::Error TableBuilder::layerFacts(const Node &N, const View &V,
                                     LayerFacts &Into) const {
  auto F = factsOf(M, V.L, V.Q);
  if (!F)
    return F.takeError();
  if (llvm::Error E = findPool(M, N, *F))
    return E;
  Into = std::move(*F);
  return llvm::Error::success();
}

llvm::Error TableBuilder::addGraph(const Graph &G, LayerTable &T,
                                   int64_t Repeat, bool Top) {
  const auto &Nodes = G.getNodes();
  // Every node's op is looked up (and cached in the node) here, before
  // the threads below read the nodes and their neighbours.
  std::vector<CostClass> Classes(Nodes.size());
  std::vector<size_t> Computes, VectorNodes;
  bool HasControlFlow = false;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    HasControlFlow |= Nodes[I]->is("If") || Nodes[I]->is("Loop");
    Classes[I] = classifyNode(*Nodes[I]);
    if (Classes[I] == CostClass::Compute)
      Computes.push_back(I);
    else if (Classes[I] == CostClass::Vector)
      VectorNodes.push_back(I);
  }
  // Layer views first: vector ops need the formats of their neighbours.
  // Each is read on its own (in parts, on several threads), then taken in
  // node order: listed as not costed, or its widths noted.
  std::vector<std::optional<View>> Views(Computes.size());
  ErrorSlots Unreadable(Computes.size()), Failed(Computes.size());
  parallelFor(
      Computes.size(), Opts.Threads, MinPerThread, [&](size_t B, size_t E) {
        for (size_t K = B; K < E; ++K)
          Views[K] =
              readLayer(*Nodes[Computes[K]], Repeat, Unreadable[K], Failed[K]);
      });
  for (size_t K = 0; K < Computes.size(); ++K) {
    if (Failed[K])
      return std::move(Failed[K]);
    if (Unreadable[K]) {
      if (llvm::Error E =
              Skip.add(T, *Nodes[Computes[K]], std::move(Unreadable[K]),
                       "layer not readable"))
        return E;
      continue;
    }
    Widths.addLayer(Views[K]->L, Views[K]->Q);
  }
  // Then the facts of every costed layer and every vector op, again in
  // parts, each into its own slot (a view is dropped once its facts are
  // read), and the steps in node order. A graph without control flow whose
  // table starts empty (the main graph, most bodies) fills the table's own
  // vectors in place: a large graph's table then takes little more memory
  // than its facts. Otherwise the slots are moved into the table in node
  // order, between the branches' and bodies' layers.
  bool InPlace = T.Layers.empty() && T.Vectors.empty() && !HasControlFlow;
  std::vector<size_t> Slot(Computes.size(), NoNode);
  size_t NumCosted = 0;
  for (size_t K = 0; K < Computes.size(); ++K)
    if (Views[K])
      Slot[K] = NumCosted++;
  std::vector<LayerFacts> OwnLayers;
  std::vector<VectorFacts> OwnVectors;
  std::vector<LayerFacts> &LayerSlots = InPlace ? T.Layers : OwnLayers;
  std::vector<VectorFacts> &VectorSlots = InPlace ? T.Vectors : OwnVectors;
  LayerSlots.resize(NumCosted);
  VectorSlots.resize(VectorNodes.size());
  ErrorSlots LayerErrs(NumCosted), VectorErrs(VectorNodes.size());
  parallelFor(
      Computes.size(), Opts.Threads, MinPerThread, [&](size_t B, size_t E) {
        for (size_t K = B; K < E; ++K) {
          if (Slot[K] == NoNode)
            continue;
          LayerErrs[Slot[K]] =
              layerFacts(*Nodes[Computes[K]], *Views[K], LayerSlots[Slot[K]]);
          Views[K].reset();
        }
      });
  parallelFor(VectorNodes.size(), Opts.Threads, MinPerThread,
              [&](size_t B, size_t E) {
                for (size_t K = B; K < E; ++K) {
                  auto V = vectorFacts(M, *Nodes[VectorNodes[K]], Widths);
                  if (V)
                    VectorSlots[K] = std::move(*V);
                  else
                    VectorErrs[K] = V.takeError();
                }
              });
  T.Steps.reserve(T.Steps.size() + NumCosted + VectorNodes.size());
  size_t NextCompute = 0, NextVector = 0, NumVectors = 0;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    const Node &N = *Nodes[I];
    size_t Index = Top ? I : NoNode;
    if (N.is("If") || N.is("Loop")) {
      if (llvm::Error E =
              N.is("If") ? addIf(N, T, Repeat) : addLoop(N, T, Repeat))
        return E;
      continue;
    }
    switch (Classes[I]) {
    case CostClass::Compute: {
      size_t S = Slot[NextCompute++];
      if (S == NoNode)
        break; // not costed (listed above)
      if (LayerErrs[S])
        return std::move(LayerErrs[S]);
      LayerSlots[S].NodeIndex = Index;
      if (InPlace) {
        T.Steps.emplace_back(true, S);
        break;
      }
      T.Steps.emplace_back(true, T.Layers.size());
      T.Layers.push_back(std::move(LayerSlots[S]));
      break;
    }
    case CostClass::Vector: {
      size_t K = NextVector++;
      if (VectorErrs[K]) {
        if (llvm::Error E =
                Skip.add(T, N, std::move(VectorErrs[K]), "shape unknown"))
          return E;
        break;
      }
      VectorFacts &V = VectorSlots[K];
      V.NodeIndex = Index;
      V.Ops *= Repeat;
      V.T.Inputs *= Repeat;
      V.T.Outputs *= Repeat;
      V.T.Total *= Repeat;
      if (InPlace) {
        // Vector ops not costed leave no slot: the others move up.
        if (NumVectors != K)
          T.Vectors[NumVectors] = std::move(V);
        T.Steps.emplace_back(false, NumVectors++);
        break;
      }
      T.Steps.emplace_back(false, T.Vectors.size());
      T.Vectors.push_back(std::move(V));
      break;
    }
    case CostClass::Quantizer:
      ++T.Quantizers[N.getQualifiedName()];
      break;
    case CostClass::Uncostable:
      ++T.NotCosted[N.getQualifiedName()];
      break;
    case CostClass::Free:
      break;
    }
  }
  if (InPlace)
    T.Vectors.resize(NumVectors);
  return llvm::Error::success();
}

std::optional<size_t> TableBuilder::pickBranch() const {
  llvm::StringRef P = Opts.IfBranch;
  if (P == "0" || P == "then" || P == "then_branch")
    return 0;
  if (P == "1" || P == "else" || P == "else_branch")
    return 1;
  return std::nullopt;
}

llvm::Error TableBuilder::addIf(const Node &N, LayerTable &T, int64_t Repeat) {
  ControlFlowFacts CF;
  CF.Node = N.getName();
  CF.Op = "If";
  auto Cond = constScalar(N.getOperand(0));
  std::vector<LayerTable> Tables;
  const char *Keys[] = {"then_branch", "else_branch"};
  for (size_t I = 0; I < 2; ++I) {
    const Graph *Sub = subgraph(N, Keys[I]);
    LayerTable Branch;
    // A branch a constant condition rules out never runs: what it cannot
    // cost is neither warned about nor, with --strict, an error.
    bool Dead = Cond && (*Cond != 0) != (I == 0);
    Skipped Saved = Skip;
    if (Dead)
      Skip = Skipped(/*Strict=*/false);
    llvm::Error E = Sub ? addGraph(*Sub, Branch, Repeat, /*Top=*/false)
                        : llvm::Error::success();
    if (Dead)
      Skip = Saved;
    if (E)
      return E;
    CF.Branches.push_back({Keys[I], totalsOf(Branch), Branch.Layers.size(),
                           notCostedCount(Branch)});
    Tables.push_back(std::move(Branch));
  }
  if (Cond) {
    CF.Chosen = *Cond ? 0 : 1;
    CF.Why = "the condition is constant";
  } else if (auto Picked = pickBranch()) {
    CF.Chosen = *Picked;
    CF.Why = "picked with --if-branch";
  } else {
    CF.Chosen = CF.Branches[1].Totals.Macs > CF.Branches[0].Totals.Macs ? 1 : 0;
    CF.Why = "the larger (--if-branch picks one)";
  }
  // The node before the control flow nested in the branch it counts.
  size_t Chosen = CF.Chosen;
  T.ControlFlow.push_back(std::move(CF));
  merge(T, std::move(Tables[Chosen]));
  return llvm::Error::success();
}

llvm::Error TableBuilder::addLoop(const Node &N, LayerTable &T,
                                  int64_t Repeat) {
  auto Trip = constScalar(N.getOperand(0));
  const Graph *Body = subgraph(N, "body");
  if (!Trip || *Trip < 0 || !Body) {
    ++T.NotCosted[N.getQualifiedName() + " (trip count unknown)"];
    return llvm::Error::success();
  }
  LayerTable Sub;
  if (*Trip > 0)
    if (llvm::Error E = addGraph(*Body, Sub, Repeat * *Trip, /*Top=*/false))
      return E;
  ControlFlowFacts CF;
  CF.Node = N.getName();
  CF.Op = "Loop";
  CF.Trip = *Trip;
  CF.Why = N.getOperand(1) && !constScalar(N.getOperand(1))
               ? "constant trip count (an upper bound: the condition is "
                 "computed)"
               : "constant trip count";
  CF.Branches.push_back(
      {"body", totalsOf(Sub), Sub.Layers.size(), notCostedCount(Sub)});
  T.ControlFlow.push_back(std::move(CF));
  merge(T, std::move(Sub));
  return llvm::Error::success();
}

} // namespace

llvm::Expected<LayerTable> hcm::buildLayerTable(const Module &M,
                                                const WarningHandler &Warn,
                                                const TableOptions &Opts) {
  if (llvm::Error E = requireBoundInputs(M))
    return E;
  LayerTable Table;
  Table.Model = llvm::sys::path::filename(M.getSourcePath()).str();
  Table.Batch = inputBatch(M).value_or(1);
  TableBuilder B(M, Opts);
  if (llvm::Error E = B.addGraph(M.getGraph(), Table, 1, /*Top=*/true))
    return E;
  B.warn(Warn);
  auto It = M.getProperties().find("hcm.model_changed");
  if (It != M.getProperties().end() &&
      It->second.getKind() == Attribute::Kind::Strings)
    Table.ModelChanges = It->second.getStrings();
  return Table;
}
