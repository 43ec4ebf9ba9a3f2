//===- Canonicalize.cpp - The `canonicalize` pass -------------------------===//
//
// Brings an exported model to the form the analyses cost: no Identity or
// inference-mode Dropout, no constant shape subgraphs (torch's Shape ->
// Gather -> Unsqueeze -> Concat -> Reshape chains become initializers), no
// BatchNormalization after a Conv/Gemm (folded into its weights and bias),
// matrix-product Einsums as MatMul, and activations fused into their producer
// as the `hcm.act*` attributes. Fused nodes keep their name and list what they
// absorbed, in order, in `hcm.fused`; the surviving value keeps the absorbed
// node's result name, so graph outputs and consumers are unchanged. The
// rewrites live in their own files (CanonicalizeRewrites.h); this file runs
// them and holds the helpers they share.
//
//===----------------------------------------------------------------------===//
#include "CanonicalizeRewrites.h"
#include "InferShapes.h"

#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

void hcm::appendFused(Node &N, llvm::StringRef Name) {
  std::vector<std::string> Fused;
  if (const Attribute *A = N.getAttr("hcm.fused"))
    if (A->getKind() == Attribute::Kind::Strings)
      Fused = A->getStrings();
  Fused.push_back(Name.str());
  N.setAttr("hcm.fused", Fused);
}

void hcm::absorbInto(Graph &G, Node &Producer, Node &Absorbed) {
  Value *P = Producer.getResult(0);
  Value *A = Absorbed.getResult(0);
  appendFused(Producer, Absorbed.getName());
  if (A->getType().isTensor() && A->getType().hasRank())
    P->setType(A->getType());
  std::string Name = A->getName();
  G.replaceAllUsesWith(A, P);
  G.eraseNode(&Absorbed);
  G.renameValue(P, Name);
}

Node *hcm::soleUseProducer(const Graph &G, const Value *V) {
  if (!V || !V->getProducer() || V->getParent() != &G)
    return nullptr;
  Node *P = V->getProducer();
  if (G.countUses(V) != 1)
    return nullptr;
  for (const Value *R : P->getResults())
    if (R && R != V && G.countUses(R) != 0)
      return nullptr;
  return P;
}

std::optional<std::vector<int64_t>> hcm::constInts(const Value *V) {
  if (!V || !V->hasData())
    return std::nullopt;
  const Tensor &T = V->getData();
  if (!T.getType().getElementType().isInteger())
    return std::nullopt;
  return T.getInts();
}

std::optional<std::vector<double>> hcm::constDoubles(const Value *V) {
  if (!V || !V->hasData())
    return std::nullopt;
  const Tensor &T = V->getData();
  auto N = T.getType().getNumElements();
  ElementType E = T.getType().getElementType();
  if (!N || !(E.isFloat() || E.isInteger()) || E.getByteSize() == 0)
    return std::nullopt;
  auto Bytes = T.getBytes();
  if (!Bytes) {
    llvm::consumeError(Bytes.takeError());
    return std::nullopt;
  }
  if (Bytes->size() != size_t(*N) * E.getByteSize())
    return std::nullopt;
  std::vector<double> Out;
  for (int64_t I = 0; I < *N; ++I)
    Out.push_back(T.getDouble(I));
  return Out;
}

void hcm::replaceWithConstant(Graph &G, Node &N, Tensor Data) {
  Value *Old = N.getResult(0);
  std::string Name = Old->getName();
  Value *Init =
      G.addInitializer(G.makeUniqueName(Name + ".const"), std::move(Data));
  G.replaceAllUsesWith(Old, Init);
  G.eraseNode(&N);
  G.renameValue(Init, Name);
}

namespace {

class CanonicalizePass : public Pass {
public:
  CanonicalizePass() : Pass("canonicalize") {
    addOption("max-rounds", MaxRounds,
              "rounds of shape folding and shape re-inference (fixpoint)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    CanonContext C{M, Ctx};
    // Shape folding to a fixpoint: each round folds what is known, then ONNX
    // re-infers the shapes the folded values make known (a torch.chunk Slice
    // gets its extent), which lets the next round fold further.
    // Removing no-ops and turning Constant nodes into initializers teaches
    // inference nothing, so only evaluated nodes start another round.
    for (int64_t Round = 0; Round < MaxRounds; ++Round) {
      unsigned Before = C.ShapeFolds;
      foldAll(C, M.getGraph());
      if (C.ShapeFolds == Before)
        break;
      if (llvm::Error E = inferShapes(M, Ctx, /*Strict=*/false))
        return E;
    }
    runOn(C, M.getGraph());
    return llvm::Error::success();
  }

private:
  static unsigned foldAll(CanonContext &C, Graph &G) {
    unsigned Count =
        removeNoOps(C, G) + foldConstants(C, G) + rewriteEinsums(C, G);
    for (const auto &N : G.getNodes())
      for (Graph *Sub : N->getSubgraphs())
        Count += foldAll(C, *Sub);
    return Count;
  }

  /// The rewrites in dependency order: constants first (Clip bounds and
  /// Reshape shapes become initializers), BatchNorm before activations so a
  /// Conv -> BN -> Relu chain records both, in order.
  static void runOn(CanonContext &C, Graph &G) {
    removeNoOps(C, G);
    foldConstants(C, G);
    foldBatchNorms(C, G);
    fuseActivations(C, G);
    G.removeDeadInitializers();
    for (const auto &N : G.getNodes())
      for (Graph *Sub : N->getSubgraphs())
        runOn(C, *Sub);
  }

  int64_t MaxRounds = 100;
};

} // namespace

std::unique_ptr<Pass> hcm::createCanonicalizePass() {
  return std::make_unique<CanonicalizePass>();
}
