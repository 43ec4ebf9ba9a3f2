//===- InferenceGuards.cpp - Guarded ONNX shape inference -----------------===//
//
// ONNX 1.12's shape inference trusts what the checker would verify and can
// crash or hang on a hostile model (InferenceChecks.cpp lists how). This
// registry hands out ONNX's schemas with every inference function wrapped in
// the checks of InferenceChecks.cpp, which throw ONNX's own InferenceError
// instead: strict mode reports a one-line error naming the node, and these
// inputs can no longer crash the process. Shape's data propagation is
// guarded the same way.
//
//===----------------------------------------------------------------------===//
#include "InferenceChecks.h"
#include "hcm/Import/OnnxExport.h"
#include "hcm/Import/QuantOps.h"

#include "onnx/defs/schema.h"
#include "onnx/defs/shape_inference.h"

#include <map>
#include <memory>
#include <mutex>

using namespace hcm;

namespace {

/// Schemas for QONNX's Quant (X, scale, zeropt, bitwidth), BipolarQuant
/// (X, scale) and Trunc (X, scale, zeropt, in_bits, out_bits): outputs have
/// the type and shape of X. ONNX has no schema for them, so without these a
/// QONNX model's shapes would stop at the first quantizer.
const onnx::OpSchema *qonnxSchema(const std::string &Key,
                                  const std::string &Domain) {
  if (!isQonnxQuantOp(Domain, Key))
    return nullptr;
  static std::mutex Mutex;
  static std::map<std::pair<std::string, std::string>,
                  std::unique_ptr<onnx::OpSchema>>
      Schemas;
  std::lock_guard<std::mutex> Lock(Mutex);
  std::unique_ptr<onnx::OpSchema> &S = Schemas[{Domain, Key}];
  if (!S) {
    int NumInputs = Key == "BipolarQuant" ? 2 : Key == "Quant" ? 4 : 5;
    S = std::make_unique<onnx::OpSchema>();
    S->SetName(Key).SetDomain(Domain).SinceVersion(1);
    for (int I = 0; I < NumInputs; ++I)
      S->Input(I, "in" + std::to_string(I), "", "T");
    S->Output(0, "Y", "", "T");
    S->TypeConstraint("T",
                      {"tensor(float)", "tensor(float16)", "tensor(bfloat16)",
                       "tensor(double)"},
                      "float tensors");
    S->TypeAndShapeInferenceFunction(onnx::propagateShapeAndTypeFromFirstInput);
    S->Finalize();
  }
  return S.get();
}

class GuardedRegistry final : public onnx::ISchemaRegistry {
public:
  const onnx::OpSchema *GetSchema(const std::string &Key, const int Version,
                                  const std::string &Domain) const override {
    const onnx::OpSchema *S = findOnnxSchema(Key, Version, Domain);
    if (!S)
      return qonnxSchema(Key, Domain);
    if (!S->has_type_and_shape_inference_function())
      return S;
    std::lock_guard<std::mutex> Lock(Mutex);
    std::unique_ptr<onnx::OpSchema> &Wrapped = Cache[S];
    if (!Wrapped) {
      Wrapped = std::make_unique<onnx::OpSchema>(*S);
      Wrapped->TypeAndShapeInferenceFunction(
          [Orig = S->GetTypeAndShapeInferenceFunction(),
           S](onnx::InferenceContext &Ctx) {
            checkBeforeInference(Ctx, *S);
            Orig(Ctx);
          });
      // Shape-15's data propagation reads its input's type without asking
      // whether there is one (Shape-1 and -13 return when there is none):
      // an operand whose type is unknown (a custom op's result) crashed
      // it. Without a type there is nothing to propagate.
      if (S->Name() == "Shape" && S->has_data_propagation_function())
        Wrapped->PartialDataPropagationFunction(
            [Orig = S->GetDataPropagationFunction()](
                onnx::DataPropagationContext &Ctx) {
              if (Ctx.getNumInputs() >= 1 && !Ctx.getInputType(0))
                return;
              Orig(Ctx);
            });
    }
    return Wrapped.get();
  }

private:
  mutable std::mutex Mutex;
  mutable std::map<const onnx::OpSchema *, std::unique_ptr<onnx::OpSchema>>
      Cache;
};

} // namespace

const onnx::ISchemaRegistry *hcm::guardedSchemaRegistry() {
  static GuardedRegistry Registry;
  return &Registry;
}
