//===- InferShapes.cpp - The `infer-shapes` pass --------------------------===//
//
// Exports the module to ONNX, runs ONNX's own shape inference (with data
// propagation, so Shape->Gather->Concat->Reshape chains resolve) and refines
// every value's type from the result. Refinement only adds information: a
// known dim never becomes unknown; a known dim that disagrees is an error.
// Subgraphs are matched node by node and attribute by attribute.
//
//===----------------------------------------------------------------------===//
#include "InferShapes.h"

#include "hcm/Import/OnnxExport.h"
#include "hcm/Import/OnnxTypes.h"
#include "hcm/Pass/PassRegistry.h"

#include "onnx/shape_inference/implementation.h"

#include <unordered_map>

using namespace hcm;

namespace {

class InferShapesPass : public Pass {
public:
  InferShapesPass() : Pass("infer-shapes") {
    addOption("strict", Strict,
              "fail on shape inference errors instead of keeping old types");
  }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    return inferShapes(M, Ctx, Strict);
  }

private:
  bool Strict = true;
};

llvm::Error refineGraph(const Module &M, Graph &G, const onnx::GraphProto &P);

/// Merges \p New into \p Old; returns false on a conflict.
bool refine(Type &Old, const Type &New) {
  if (New.isUnknown())
    return true;
  if (Old.isUnknown()) {
    Old = New;
    return true;
  }
  if (Old.getKind() != New.getKind())
    return false;
  if (!Old.isTensor())
    return true; // containers keep what they have
  if (Old.getElementType().isUnknown())
    Old.setElementType(New.getElementType());
  if (!New.hasRank())
    return true;
  if (!Old.hasRank()) {
    Old.setShape(New.getShape());
    return true;
  }
  if (Old.getRank() != New.getRank())
    return false;
  Shape &S = *Old.shapeRef();
  for (size_t I = 0; I < S.size(); ++I) {
    const Dim &N = New.getShape()[I];
    if (S[I].isKnown()) {
      if (N.isKnown() && N.getValue() != S[I].getValue())
        return false;
    } else if (N.isKnown() || (S[I].isUnknown() && N.isSymbol())) {
      S[I] = N;
    }
  }
  return true;
}

/// Element types of node results are left for ONNX to infer, and ours are
/// kept: after `annotate-quant{fold-qdq=true}` a Conv or Relu carries u8/i4
/// values, which ONNX's type rules would contradict. Refinement only fills
/// unknown element types, so shapes are what this pass refines.
void releaseResultElementTypes(onnx::GraphProto &P) {
  auto Release = [](onnx::ValueInfoProto &VI) {
    if (VI.has_type() && VI.type().has_tensor_type())
      VI.mutable_type()->mutable_tensor_type()->set_elem_type(0);
  };
  for (auto &VI : *P.mutable_value_info())
    Release(VI);
  for (auto &VI : *P.mutable_output())
    Release(VI);
}

} // namespace

namespace {
llvm::Error refineGraph(const Module &M, Graph &G, const onnx::GraphProto &P) {
  std::unordered_map<std::string, const onnx::TypeProto *> Types;
  for (const auto *List : {&P.input(), &P.value_info(), &P.output()})
    for (const auto &VI : *List)
      if (VI.has_type())
        Types[VI.name()] = &VI.type();
  auto RefineValue = [&](Value *V) -> llvm::Error {
    auto It = V ? Types.find(V->getName()) : Types.end();
    if (It == Types.end())
      return llvm::Error::success();
    Type New = fromOnnxType(*It->second);
    if (!refine(V->getMutableType(), New))
      return makeError(M.getSourcePath(), "infer-shapes: value '" +
                                              V->getName() + "' has type " +
                                              V->getType().str() +
                                              " but ONNX infers " + New.str());
    return llvm::Error::success();
  };
  const auto &Nodes = G.getNodes();
  for (size_t I = 0; I < Nodes.size() && int(I) < P.node_size(); ++I) {
    Node &N = *Nodes[I];
    for (Value *R : N.getResults())
      if (llvm::Error E = RefineValue(R))
        return E;
    for (const auto &A : P.node(I).attribute()) {
      const Attribute *Attr = N.getAttr(A.name());
      if (!Attr)
        continue;
      std::vector<Graph *> Subs = Attr->subgraphs();
      if (A.has_g() && Subs.size() == 1)
        if (llvm::Error E = refineGraph(M, *Subs[0], A.g()))
          return E;
      for (int J = 0; J < A.graphs_size() && J < int(Subs.size()); ++J)
        if (llvm::Error E = refineGraph(M, *Subs[J], A.graphs(J)))
          return E;
    }
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error hcm::inferShapes(Module &M, PassContext &Ctx, bool Strict) {
  onnx::ModelProto Proto = exportToOnnx(M);
  releaseResultElementTypes(*Proto.mutable_graph());
  try {
    onnx::ShapeInferenceOptions Opts{/*check_type=*/false,
                                     /*error_mode=*/Strict ? 1 : 0,
                                     /*enable_data_propagation=*/true};
    inferOnnxShapes(Proto, guardedSchemaRegistry(), Opts);
  } catch (const std::exception &E) {
    if (Strict)
      return makeError(M.getSourcePath(), "shape inference failed: " +
                                              llvm::StringRef(E.what()).trim());
    Ctx.warn(M.getSourcePath() + ": warning: shape inference stopped: " +
             llvm::StringRef(E.what()).trim().str());
  }
  return refineGraph(M, M.getGraph(), Proto.graph());
}

std::unique_ptr<Pass> hcm::createInferShapesPass() {
  return std::make_unique<InferShapesPass>();
}
