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
  std::optional<View> readLayer(const Node &N, LayerTable &T, int64_t Repeat,
                                llvm::Error &Err);
  std::optional<size_t> pickBranch() const;

  const Module &M;
  const TableOptions &Opts;
  Skipped Skip;
  StorageWidths Widths;
};

/// The layer view of \p N with every size known and the batch multiplied by
/// \p Repeat; nullopt (listed as not costed, or \p Err set) otherwise.
std::optional<TableBuilder::View> TableBuilder::readLayer(const Node &N,
                                                          LayerTable &T,
                                                          int64_t Repeat,
                                                          llvm::Error &Err) {
  auto L = getLayer(M, N);
  if (L)
    if (llvm::Error E = requireKnownDims(M, *L))
      L = std::move(E);
  if (!L) {
    Err = Skip.add(T, N, L.takeError(), "layer not readable");
    return std::nullopt;
  }
  L->B.Value *= Repeat;
  if (L->ActWeight)
    L->ActWeightElems.Value *= Repeat;
  auto Q = quantOrTypes(M, *L);
  if (!Q) {
    Err = Q.takeError();
    return std::nullopt;
  }
  Widths.addLayer(*L, *Q);
  return View{std::move(*L), std::move(*Q)};
}

llvm::Error TableBuilder::addGraph(const Graph &G, LayerTable &T,
                                   int64_t Repeat, bool Top) {
  const auto &Nodes = G.getNodes();
  // Layer views first: vector ops need the formats of their neighbours.
  // Only compute nodes have one (in node order), and each is dropped once
  // its facts are read: a large graph's table then takes little more memory
  // than the facts themselves.
  std::vector<std::pair<size_t, View>> Views;
  size_t NumVectors = 0;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    CostClass C = classifyNode(*Nodes[I]);
    NumVectors += C == CostClass::Vector;
    if (C != CostClass::Compute)
      continue;
    llvm::Error Err = llvm::Error::success();
    if (auto V = readLayer(*Nodes[I], T, Repeat, Err))
      Views.emplace_back(I, std::move(*V));
    if (Err)
      return Err;
  }
  T.Layers.reserve(T.Layers.size() + Views.size());
  T.Vectors.reserve(T.Vectors.size() + NumVectors);
  T.Steps.reserve(T.Steps.size() + Views.size() + NumVectors);
  auto NextView = Views.begin();
  for (size_t I = 0; I < Nodes.size(); ++I) {
    const Node &N = *Nodes[I];
    size_t Index = Top ? I : NoNode;
    if (N.is("If") || N.is("Loop")) {
      if (llvm::Error E =
              N.is("If") ? addIf(N, T, Repeat) : addLoop(N, T, Repeat))
        return E;
      continue;
    }
    switch (classifyNode(N)) {
    case CostClass::Compute: {
      if (NextView == Views.end() || NextView->first != I)
        break; // not costed (readLayer listed it)
      View V = std::move(NextView++->second);
      auto F = factsOf(M, V.L, V.Q);
      if (!F)
        return F.takeError();
      F->NodeIndex = Index;
      if (llvm::Error E = findPool(M, N, *F))
        return E;
      T.Steps.emplace_back(true, T.Layers.size());
      T.Layers.push_back(std::move(*F));
      break;
    }
    case CostClass::Vector: {
      auto V = vectorFacts(M, N, Widths);
      if (!V) {
        if (llvm::Error E = Skip.add(T, N, V.takeError(), "shape unknown"))
          return E;
        break;
      }
      V->NodeIndex = Index;
      V->Ops *= Repeat;
      V->T.Inputs *= Repeat;
      V->T.Outputs *= Repeat;
      V->T.Total *= Repeat;
      T.Steps.emplace_back(false, T.Vectors.size());
      T.Vectors.push_back(std::move(*V));
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
