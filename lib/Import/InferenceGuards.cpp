//===- InferenceGuards.cpp - Guarded ONNX shape inference -----------------===//
//
// ONNX 1.12's shape inference trusts what the checker would verify: a
// missing required attribute is dereferenced (Scan without num_scan_inputs
// crashes), Conv and the pooling ops index the input shape with the weight's
// rank (a rank-2 input with a rank-4 weight reads out of bounds) and divide
// by strides without checking them. This registry hands out ONNX's schemas
// with every inference function wrapped in those checks, which throw ONNX's
// own InferenceError instead: strict mode reports a one-line error naming the
// node, and these inputs can no longer crash the process.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"
#include "hcm/Import/QuantOps.h"

#include "onnx/defs/schema.h"
#include "onnx/defs/shape_inference.h"

#include <map>
#include <memory>
#include <mutex>

using namespace hcm;

namespace {

/// Which inputs of a conv/pool op hold the data and the weight (-1: none).
struct ConvLike {
  int Data;
  int Weight;
};

const ConvLike *convLike(const std::string &Domain, const std::string &Op) {
  static const std::map<std::string, ConvLike> Ops = {
      {"AveragePool", {0, -1}}, {"Conv", {0, 1}},
      {"ConvInteger", {0, 1}},  {"ConvTranspose", {0, 1}},
      {"LpPool", {0, -1}},      {"MaxPool", {0, -1}},
      {"MaxRoiPool", {0, -1}},  {"MaxUnpool", {0, -1}},
      {"QLinearConv", {0, 3}},
  };
  if (!Domain.empty() && Domain != "ai.onnx")
    return nullptr;
  auto It = Ops.find(Op);
  return It == Ops.end() ? nullptr : &It->second;
}

int inputRank(onnx::InferenceContext &Ctx, int I) {
  if (I < 0 || !onnx::hasInputShape(Ctx, size_t(I)))
    return -1;
  return Ctx.getInputType(size_t(I))->tensor_type().shape().dim_size();
}

void checkPositive(onnx::InferenceContext &Ctx, const char *Attr) {
  if (const onnx::AttributeProto *A = Ctx.getAttribute(Attr))
    for (int64_t V : A->ints())
      if (V <= 0)
        fail_shape_inference("Attribute ", Attr, " must be positive, got ", V);
}

/// The checks ONNX 1.12 leaves out before indexing shapes by these values.
void checkConvLike(onnx::InferenceContext &Ctx, const ConvLike &Spec) {
  checkPositive(Ctx, "strides");
  checkPositive(Ctx, "dilations");
  int Rank = inputRank(Ctx, Spec.Data), WRank = inputRank(Ctx, Spec.Weight);
  if (Rank < 2)
    return;
  if (const onnx::AttributeProto *K = Ctx.getAttribute("kernel_shape")) {
    if (K->ints_size() != Rank - 2)
      fail_shape_inference("Attribute kernel_shape has ", K->ints_size(),
                           " values for an input of rank ", Rank);
    return;
  }
  if (WRank >= 0 && WRank != Rank)
    fail_shape_inference("Weight has rank ", WRank, " but the input has rank ",
                         Rank);
}

/// What every op's schema promises: its required attributes and inputs.
void checkSchema(onnx::InferenceContext &Ctx, const onnx::OpSchema &S) {
  for (const auto &[Name, A] : S.attributes())
    if (A.required && !Ctx.getAttribute(Name))
      fail_shape_inference("Required attribute '", Name, "' is missing");
  if (Ctx.getNumInputs() < size_t(S.min_input()))
    fail_shape_inference("Expects at least ", S.min_input(), " inputs, got ",
                         Ctx.getNumInputs());
  if (S.Name() == "Scan") // its count is used to index the inputs
    if (const onnx::AttributeProto *A = Ctx.getAttribute("num_scan_inputs"))
      if (A->i() < 1 || size_t(A->i()) > Ctx.getNumInputs())
        fail_shape_inference("num_scan_inputs ", A->i(), " is out of range");
}

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
    const onnx::OpSchema *S =
        onnx::OpSchemaRegistry::Instance()->GetSchema(Key, Version, Domain);
    if (!S)
      return qonnxSchema(Key, Domain);
    if (!S->has_type_and_shape_inference_function())
      return S;
    const ConvLike *Spec = convLike(Domain, Key);
    std::lock_guard<std::mutex> Lock(Mutex);
    std::unique_ptr<onnx::OpSchema> &Wrapped = Cache[S];
    if (!Wrapped) {
      Wrapped = std::make_unique<onnx::OpSchema>(*S);
      Wrapped->TypeAndShapeInferenceFunction(
          [Orig = S->GetTypeAndShapeInferenceFunction(), S,
           Spec](onnx::InferenceContext &Ctx) {
            checkSchema(Ctx, *S);
            if (Spec)
              checkConvLike(Ctx, *Spec);
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
