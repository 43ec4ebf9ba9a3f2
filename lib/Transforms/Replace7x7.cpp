//===- Replace7x7.cpp - The `replace-7x7` pass ----------------------------===//
//
// HCM 5.2's alternative to tiling a 7x7 kernel (60.5 % PE utilization):
// replace each 7x7 Conv by a stack of three 3x3 convs with the same
// receptive field, as in He et al.'s "bag of tricks" ResNet-C stem:
//
//   x -> Conv3x3 C_in->C_out (original stride, pads p-2) -> Relu
//     -> Conv3x3 C_out->C_out (stride 1, pads 1)         -> Relu
//     -> Conv3x3 C_out->C_out (stride 1, pads 1, original bias) -> y
//
// With the usual pads of 3 the first conv has pads 1 and every output size
// equals the original's (224 -> 112 at stride 2). `act=none` leaves out the
// Relus. This changes the model (its MACs, and its weights: the new ones are
// untrained, so they are elided initializers; one warning says so); the pass
// records every replacement in the module property `hcm.model_changed` and
// marks each new conv with `hcm.replaced_from`. The nodes are named
// `<name>/3x3_0`, `<name>/3x3_1` and `<name>/3x3_2` (the original node,
// which keeps its result); the Relus `<name>/3x3_0/Relu`, `<name>/3x3_1/Relu`.
// Grouped or dilated 7x7 convs, and pads below 2, are left alone with a
// warning.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassRegistry.h"

#include <algorithm>

using namespace hcm;

namespace {

/// True when \p N is a 2-D Conv whose weight is [C_out, C_in, 7, 7].
bool is7x7(const Node &N) {
  if (!N.is("Conv"))
    return false;
  const Value *W = N.getOperand(1);
  if (!W || !W->getType().hasRank() || W->getType().getRank() != 4)
    return false;
  const Shape &S = W->getType().getShape();
  return S[2] == Dim::known(7) && S[3] == Dim::known(7) && S[0].isKnown() &&
         S[1].isKnown();
}

bool allEqual(const std::optional<std::vector<int64_t>> &V, int64_t X) {
  return !V ||
         std::all_of(V->begin(), V->end(), [X](int64_t E) { return E == X; });
}

/// Why \p N cannot be replaced ("" when it can).
std::string whyNot(const Node &N) {
  if (N.getIntAttr("group", 1) != 1)
    return "grouped";
  if (!allEqual(N.getIntsAttr("dilations"), 1))
    return "dilated";
  auto Pads = N.getIntsAttr("pads");
  if (Pads &&
      std::any_of(Pads->begin(), Pads->end(), [](int64_t P) { return P < 2; }))
    return "pads below 2";
  return "";
}

class Replace7x7Pass : public Pass {
public:
  Replace7x7Pass() : Pass("replace-7x7") {
    addOption("mode", Mode, {"3x3-stack"},
              "replacement: 3x3-stack (three 3x3 convs, HCM 5.2)");
    addOption("act", Act, {"relu", "none"},
              "activation between the stacked convs (relu: ResNet-C)");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    std::vector<Node *> Work;
    M.getGraph().walk([&](Node &N) {
      if (is7x7(N))
        Work.push_back(&N);
    });
    std::vector<std::string> Changed;
    auto It = M.getProperties().find("hcm.model_changed");
    if (It != M.getProperties().end() &&
        It->second.getKind() == Attribute::Kind::Strings)
      Changed = It->second.getStrings();
    size_t Before = Changed.size();
    for (Node *N : Work) {
      std::string Why = whyNot(*N);
      if (!Why.empty()) {
        Ctx.warn(nodeWhere(M, *N) + ": warning: 7x7 conv is " + Why +
                 "; not replaced by a 3x3 stack");
        continue;
      }
      Changed.push_back("replace-7x7: " + N->getName() + " -> 3x3 stack");
      replace(*N);
    }
    if (Changed.size() == Before)
      return llvm::Error::success();
    M.getProperties()["hcm.model_changed"] = Attribute(Changed);
    M.getGraph().removeDeadInitializers();
    Ctx.warn(M.getSourcePath() + ": warning: replace-7x7 changed the model: " +
             std::to_string(Changed.size() - Before) +
             " 7x7 conv(s) became 3x3 stacks with new, untrained (elided) "
             "weights");
    return llvm::Error::success();
  }

private:
  /// A new elided [COut, CIn, 3, 3] weight named after \p Base.
  static Value *newWeight(Graph &G, const std::string &Base, int64_t COut,
                          int64_t CIn, ElementType Elem) {
    Shape S{Dim::known(COut), Dim::known(CIn), Dim::known(3), Dim::known(3)};
    return G.addInitializer(G.makeUniqueName(Base),
                            Tensor::elided(Type::tensor(Elem, S)));
  }

  /// Inserts conv `<Name>/3x3_<I>` (and its Relu) before \p At; returns the
  /// value the next conv reads.
  Value *addStage(Graph &G, Node &At, Value *In, Value *W, unsigned I,
                  std::vector<int64_t> Strides, std::vector<int64_t> Pads,
                  const Type &OutTy) {
    std::string Name = At.getName() + "/3x3_" + std::to_string(I);
    Node *C = G.insertNodeBefore(&At, "", "Conv", Name);
    C->addOperand(In);
    C->addOperand(W);
    C->setAttr("dilations", std::vector<int64_t>{1, 1});
    C->setAttr("group", int64_t(1));
    C->setAttr("kernel_shape", std::vector<int64_t>{3, 3});
    C->setAttr("pads", std::move(Pads));
    C->setAttr("strides", std::move(Strides));
    C->setAttr("hcm.replaced_from", At.getName());
    Value *Out = G.addResult(C, G.makeUniqueName(Name), OutTy);
    if (Act == "none")
      return Out;
    Node *R = G.insertNodeBefore(&At, "", "Relu", Name + "/Relu");
    R->addOperand(Out);
    return G.addResult(R, G.makeUniqueName(Name + "/Relu"), OutTy);
  }

  void replace(Node &N) {
    Graph &G = *N.getParent();
    Value *W = N.getOperand(1);
    const Shape &WS = W->getType().getShape();
    int64_t COut = WS[0].getValue(), CIn = WS[1].getValue();
    ElementType Elem = W->getType().getElementType();
    Type OutTy = N.getResult(0)->getType();
    std::vector<int64_t> Pads =
        N.getIntsAttr("pads").value_or(std::vector<int64_t>(4, 3));
    for (int64_t &P : Pads)
      P -= 2;
    std::vector<int64_t> Strides =
        N.getIntsAttr("strides").value_or(std::vector<int64_t>{1, 1});
    std::string Orig = N.getName();
    Value *X = N.getOperand(0);
    X = addStage(G, N, X,
                 newWeight(G, W->getName() + "/3x3_0", COut, CIn, Elem), 0,
                 Strides, Pads, OutTy);
    X = addStage(G, N, X,
                 newWeight(G, W->getName() + "/3x3_1", COut, COut, Elem), 1,
                 {1, 1}, {1, 1, 1, 1}, OutTy);
    N.setOperand(0, X);
    N.setOperand(1, newWeight(G, W->getName() + "/3x3_2", COut, COut, Elem));
    N.setAttr("kernel_shape", std::vector<int64_t>{3, 3});
    N.setAttr("pads", std::vector<int64_t>{1, 1, 1, 1});
    N.setAttr("strides", std::vector<int64_t>{1, 1});
    N.setAttr("dilations", std::vector<int64_t>{1, 1});
    N.setAttr("hcm.replaced_from", Orig);
    N.setName(Orig + "/3x3_2");
  }

  std::string Mode = "3x3-stack";
  std::string Act = "relu";
};

} // namespace

std::unique_ptr<Pass> hcm::createReplace7x7Pass() {
  return std::make_unique<Replace7x7Pass>();
}
