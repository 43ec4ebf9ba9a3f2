//===- AnnotateQuant.cpp - The `annotate-quant` pass ----------------------===//
//
// Gives every compute layer the number format of its input activations (a),
// weights (w), bias (b), output activations (out) and accumulator (acc), as
// the `hcm.quant` attribute (include/hcm/Analysis/Quant.h).
//
// Precedence, per role:
//   1. what the model states (QDQ, QLinear*/…Integer, QONNX, integer types),
//      unless `override=true`;
//   2. the per-layer file (`file=`; later entries win);
//   3. `first-last=N` for the first and last compute layers (w and a);
//   4. `w=`, `a=`, `a-out=`;
//   5. out: the `a` of the compute layers that read this layer's output
//      (through vector ops; the widest if they differ), else the layer's own
//      a (METRICS.md section 1); a and w: the operand's float type.
// Integer widths given as a plain number take their sign from the value:
// weights are signed; activations are unsigned when they come from a
// ReLU-like op (possibly through pooling and reshapes), else signed.
//
//===----------------------------------------------------------------------===//
#include "QuantInternal.h"

#include "hcm/Analysis/Quant.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/OpInfo.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Support/Parallel.h"

#include "llvm/ADT/DenseMap.h"

#include <deque>
#include <map>
#include <set>

using namespace hcm;

ElementType BitsSpec::forSign(bool Signed) const {
  if (ExplicitSign || !Format.isInteger())
    return Format;
  return ElementType::integer(Format.getWidth(), Signed);
}

llvm::Expected<BitsSpec> hcm::parseBitsSpec(llvm::StringRef Text) {
  auto E = parseBitwidth(Text, /*DefaultSigned=*/true);
  if (!E)
    return E.takeError();
  BitsSpec S;
  S.Format = *E;
  S.ExplicitSign = Text.trim().startswith("i") || Text.trim().startswith("u");
  return S;
}

namespace {

struct LayerState {
  Node *N;
  Layer L;
  RoleFormats Model;
  LayerQuant Q;
  bool OutSet = false;
  bool OutSigned = true;
};

class AnnotateQuantPass : public Pass {
public:
  AnnotateQuantPass() : Pass("annotate-quant") {
    addOption("w", WOpt, "Weight bitwidth of every layer (4, i4, u8, f16)");
    addOption("a", AOpt, "Input activation bitwidth of every layer");
    addOption("a-out", AOutOpt,
              "Output activation bitwidth (default: the next layer's a)");
    addOption("first-last", FirstLastOpt,
              "Bitwidth of w and a for the first and last compute layers");
    addOption("file", FileOpt,
              "Per-layer bitwidths (YAML/JSON: name, glob or re:regex -> "
              "{w, a, out})");
    addOption("override", Override,
              "Options and file win over bitwidths the model states");
    addOption("fold-qdq", FoldQDQ,
              "Remove QDQ pairs, moving their types onto the values");
  }

  // Sets hcm.* attributes only.
  bool onlyAnnotates() const override { return true; }

  llvm::Error run(Module &M, PassContext &Ctx) override;

private:
  llvm::Error parseOptions(PassContext &Ctx);
  llvm::Error collect(Module &M, PassContext &Ctx);
  /// Layers per thread below which a graph's loops stay on one.
  static constexpr size_t MinPerThread = 2048;
  void chooseInputs(LayerState &S, bool FirstOrLast);
  void chooseOutputs();
  std::optional<ElementType> consumerFormat(const LayerState &S);

  std::string WOpt, AOpt, AOutOpt, FirstLastOpt, FileOpt;
  bool Override = false, FoldQDQ = false;
  /// Layers whose model-given formats won over the options or file, with
  /// the source (warned about once per run).
  std::map<std::string, std::string> Overruled;
  /// True when every reader of \p V is a Relu (the stored output is
  /// non-negative).
  bool feedsOnlyRelu(const Value *V) const {
    llvm::ArrayRef<Node *> Users = Uses->users(V);
    if (Users.empty())
      return false;
    for (const Node *U : Users)
      if (!U->is("Relu"))
        return false;
    return true;
  }

  std::optional<BitsSpec> W, A, AOut, FirstLast;
  std::optional<UseMap> Uses;
  /// Signs found so far in this run (a residual chain is walked once).
  NonNegativeCache NonNeg;
  /// The layer of each compute node, built once per run (consumerFormat).
  llvm::DenseMap<const Node *, const LayerState *> ByNode;
  /// The widest `a` of any layer: once a consumer has it, the search stops.
  unsigned MaxActWidth = 0;
  std::optional<LayerRules> Rules;
  std::vector<LayerState> Layers;
};

llvm::Error AnnotateQuantPass::parseOptions(PassContext &Ctx) {
  const std::pair<const std::string *, std::optional<BitsSpec> *> Opts[] = {
      {&WOpt, &W}, {&AOpt, &A}, {&AOutOpt, &AOut}, {&FirstLastOpt, &FirstLast}};
  const char *Names[] = {"w", "a", "a-out", "first-last"};
  for (size_t I = 0; I < 4; ++I) {
    *Opts[I].second = std::nullopt;
    if (Opts[I].first->empty())
      continue;
    auto S = parseBitsSpec(*Opts[I].first);
    if (!S)
      return passError(llvm::Twine("option '") + Names[I] +
                       "': " + llvm::toString(S.takeError()));
    *Opts[I].second = *S;
  }
  Rules.reset();
  if (FileOpt.empty())
    return llvm::Error::success();
  auto Buf = Ctx.readFile(FileOpt);
  if (!Buf)
    return Buf.takeError();
  auto Parsed = parseLayerRules((*Buf)->getMemBufferRef());
  if (!Parsed)
    return Parsed.takeError();
  Rules = std::move(*Parsed);
  return llvm::Error::success();
}

/// The compute layers, in order, with what the model says about them.
llvm::Error AnnotateQuantPass::collect(Module &M, PassContext &Ctx) {
  Layers.clear();
  std::vector<Node *> Nodes;
  // Every node's op is looked up (and cached in the node) before the
  // threads below read the compute nodes and their neighbours.
  M.getGraph().walk([&](Node &N) {
    (void)lookupOp(N);
    if (isComputeNode(N))
      Nodes.push_back(&N);
  });
  // Each layer's view and the formats the model gives are read on their
  // own (in parts, on several threads) into its slot, then taken in node
  // order: a layer that is not readable is a warning and leaves no slot.
  Layers.resize(Nodes.size());
  ErrorSlots Unreadable(Nodes.size()), Failed(Nodes.size());
  parallelFor(Nodes.size(), Ctx.Threads, MinPerThread, [&](size_t B, size_t E) {
    for (size_t I = B; I < E; ++I) {
      auto L = getLayer(M, *Nodes[I]);
      if (!L) {
        Unreadable[I] = L.takeError();
        continue;
      }
      auto F = modelFormats(M, *L, *Uses);
      if (!F) {
        Failed[I] = F.takeError();
        continue;
      }
      Layers[I] = {Nodes[I], std::move(*L), std::move(*F), LayerQuant()};
    }
  });
  size_t Kept = 0;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    if (Unreadable[I]) {
      Ctx.warn(toWarning(std::move(Unreadable[I])) + " (not annotated)");
      continue;
    }
    if (Failed[I])
      return std::move(Failed[I]);
    if (Kept != I)
      Layers[Kept] = std::move(Layers[I]);
    ++Kept;
  }
  Layers.resize(Kept);
  return llvm::Error::success();
}

/// a and w of one layer (steps 1-4 and the float fallback of step 5).
void AnnotateQuantPass::chooseInputs(LayerState &S, bool FirstOrLast) {
  LayerRule Rule;
  if (Rules)
    Rule = Rules->lookup(S.N->getName());
  bool ActSigned = !isNonNegative(S.L.act(), &NonNeg);
  auto Pick = [&](const char *Role, const std::optional<BitsSpec> &FromFile,
                  const std::optional<BitsSpec> &FromOpt, bool Signed,
                  const Value *Operand) {
    auto Model = S.Model.find(Role);
    bool HasModel = Model != S.Model.end();
    if (HasModel && !Override) {
      const std::optional<BitsSpec> &Asked = FromFile ? FromFile
                                             : FirstOrLast && FirstLast
                                                 ? FirstLast
                                                 : FromOpt;
      if (Asked &&
          Asked->forSign(Signed).getWidth() != Model->second.Format.getWidth())
        Overruled.emplace(S.N->getName(), Model->second.Src);
      return Model->second;
    }
    if (FromFile)
      return RoleFormat{FromFile->forSign(Signed), "file"};
    if (FirstOrLast && FirstLast)
      return RoleFormat{FirstLast->forSign(Signed), "first-last"};
    if (FromOpt)
      return RoleFormat{FromOpt->forSign(Signed), "option"};
    if (HasModel)
      return Model->second;
    ElementType E = Operand->getType().isTensor()
                        ? Operand->getType().getElementType()
                        : ElementType::unknown();
    return RoleFormat{E.isFloat() ? E : ElementType::f32(), "float"};
  };
  RoleFormat AF = Pick("a", Rule.A, A, ActSigned, S.L.act());
  RoleFormat WF = Pick("w", Rule.W, W, true, S.L.weight());
  S.Q.A = AF.Format;
  S.Q.W = WF.Format;
  S.Q.Src = {{"a", AF.Src}, {"w", WF.Src}};
  S.Q.Acc = accumulatorWidth(S.Q.A, S.Q.W, S.L.fanIn());
  // Output: model, file, a-out; the rest waits for the consumers' a.
  bool OutSigned =
      !isNonNegative(S.L.out(), &NonNeg) && !feedsOnlyRelu(S.L.out());
  S.OutSigned = OutSigned;
  auto Model = S.Model.find("out");
  std::optional<RoleFormat> Out;
  if (Model != S.Model.end() && !Override)
    Out = Model->second;
  else if (Rule.Out)
    Out = RoleFormat{Rule.Out->forSign(OutSigned), "file"};
  else if (AOut)
    Out = RoleFormat{AOut->forSign(OutSigned), "option"};
  else if (Model != S.Model.end())
    Out = Model->second;
  if (Out) {
    S.Q.Out = Out->Format;
    S.Q.Src.set("out", Out->Src);
    S.OutSet = true;
  }
  // Bias: the model's format, else the accumulator's (METRICS.md section 4).
  if (!S.L.bias())
    return;
  auto B = S.Model.find("b");
  if (B != S.Model.end()) {
    S.Q.Bias = B->second.Format;
    S.Q.Src.set("b", B->second.Src);
  } else if (S.Q.A.isFloat() || S.Q.W.isFloat()) {
    S.Q.Bias = S.Q.A.isFloat() ? S.Q.A : S.Q.W;
    S.Q.Src.set("b", "float");
  } else if (S.Q.Acc <= 64) {
    S.Q.Bias = ElementType::integer(unsigned(S.Q.Acc), true);
    S.Q.Src.set("b", "acc");
  }
}

/// The widest `a` among the compute layers reading \p S's output (the
/// first found at that width, breadth first). A consumer at MaxActWidth ends
/// the search: nothing after it can be wider, so the result is the same
/// and a chain costs O(1) per layer instead of O(chain).
std::optional<ElementType>
AnnotateQuantPass::consumerFormat(const LayerState &S) {
  std::optional<ElementType> Widest;
  std::set<const Value *> Seen;
  std::deque<const Value *> Work{S.L.out()};
  while (!Work.empty() && Seen.size() < 4096 &&
         !(Widest && Widest->getWidth() >= MaxActWidth)) {
    const Value *V = Work.front();
    Work.pop_front();
    if (!V || !Seen.insert(V).second)
      continue;
    for (const Node *U : Uses->users(V)) {
      auto It = ByNode.find(U);
      if (It != ByNode.end()) {
        if (It->second->L.act() != V)
          continue; // read as a weight: not an activation input
        ElementType E = It->second->Q.A;
        if (!Widest || E.getWidth() > Widest->getWidth())
          Widest = E;
        continue;
      }
      if (isComputeNode(*U))
        continue;
      for (const Value *R : U->getResults())
        Work.push_back(R);
    }
  }
  return Widest;
}

void AnnotateQuantPass::chooseOutputs() {
  ByNode.clear();
  MaxActWidth = 0;
  for (const LayerState &Other : Layers) {
    ByNode[Other.N] = &Other;
    MaxActWidth = std::max(MaxActWidth, Other.Q.A.getWidth());
  }
  for (LayerState &S : Layers) {
    if (S.OutSet)
      continue;
    if (std::optional<ElementType> E = consumerFormat(S)) {
      S.Q.Out = *E;
      S.Q.Src.set("out", "next-layer");
    } else {
      S.Q.Out = S.Q.A.isInteger()
                    ? ElementType::integer(S.Q.A.getWidth(), S.OutSigned)
                    : S.Q.A;
      S.Q.Src.set("out", "own-a");
    }
  }
}

llvm::Error AnnotateQuantPass::run(Module &M, PassContext &Ctx) {
  if (llvm::Error E = parseOptions(Ctx))
    return E;
  Uses.emplace(M.getGraph());
  NonNeg.clear();
  if (llvm::Error E = collect(M, Ctx))
    return E;
  for (size_t I = 0; I < Layers.size(); ++I)
    chooseInputs(Layers[I], I == 0 || I + 1 == Layers.size());
  chooseOutputs();
  // Each layer writes its own node's attribute: in parts, on several
  // threads for a large graph.
  parallelFor(Layers.size(), Ctx.Threads, MinPerThread,
              [&](size_t B, size_t E) {
                for (size_t I = B; I < E; ++I)
                  writeLayerQuant(*Layers[I].N, Layers[I].Q);
              });
  if (!Overruled.empty()) {
    const auto &First = *Overruled.begin();
    Ctx.warn(M.getSourcePath() +
             ": warning: annotate-quant: " + std::to_string(Overruled.size()) +
             " of " + std::to_string(Layers.size()) +
             " layers keep the bitwidths the model gives (e.g. '" +
             First.first + "' from " + First.second +
             "), not the options or file; add override=true to use them");
    Overruled.clear();
  }
  if (Rules)
    for (const LayerRule &R : Rules->Rules)
      if (!R.Matched)
        Ctx.warn(R.Where + ": warning: '" + R.Pattern +
                 "' matches no compute node");
  // The pass object lives as long as the pipeline: its per-run state goes
  // now, memory included, rather than stay through the passes after it.
  std::vector<LayerState>().swap(Layers);
  ByNode.shrink_and_clear();
  NonNeg.shrink_and_clear();
  Uses.reset();
  if (FoldQDQ)
    return foldQDQ(M, Ctx);
  return llvm::Error::success();
}

} // namespace

std::unique_ptr<Pass> hcm::createAnnotateQuantPass() {
  return std::make_unique<AnnotateQuantPass>();
}
