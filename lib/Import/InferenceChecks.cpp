//===- InferenceChecks.cpp - Checks run before ONNX's inference -----------===//
//
// What ONNX 1.12's inference functions leave out, found by feeding them
// hostile models: a missing required attribute is dereferenced (Scan without
// num_scan_inputs), Conv and the pooling ops index the input shape with the
// weight's rank and divide by strides without checking them, SAME auto_pad
// (which ONNX applies to any auto_pad value but NOTSET and VALID, typos
// included) reduces the input dim by the stride one subtraction at a time (a
// 2^40 dim never finishes), a kernel larger than the padded input yields a
// non-positive output size, and opset-6 Gemm indexes a rank-1 B as a matrix.
//
//===----------------------------------------------------------------------===//
#include "InferenceChecks.h"

#include "llvm/Support/MathExtras.h"

#include <map>

using namespace hcm;

namespace {

/// Which inputs of a conv/pool op hold the data and the weight (-1: none).
struct ConvLike {
  int Data;
  int Weight;
  bool Windowed; ///< the output is the input minus the window (not ConvT)
};

/// SAME auto_pad with a stride above 1 costs ONNX dim / stride steps.
constexpr int64_t MaxAutoPadSteps = int64_t(1) << 24;

const ConvLike *convLike(const std::string &Domain, const std::string &Op) {
  static const std::map<std::string, ConvLike> Ops = {
      {"AveragePool", {0, -1, true}}, {"Conv", {0, 1, true}},
      {"ConvInteger", {0, 1, true}},  {"ConvTranspose", {0, 1, false}},
      {"LpPool", {0, -1, true}},      {"MaxPool", {0, -1, true}},
      {"MaxRoiPool", {0, -1, false}}, {"MaxUnpool", {0, -1, false}},
      {"QLinearConv", {0, 3, true}},
  };
  if (!Domain.empty() && Domain != "ai.onnx")
    return nullptr;
  auto It = Ops.find(Op);
  return It == Ops.end() ? nullptr : &It->second;
}

const onnx::TensorShapeProto *inputShape(onnx::InferenceContext &Ctx, int I) {
  if (I < 0 || !onnx::hasInputShape(Ctx, size_t(I)))
    return nullptr;
  return &Ctx.getInputType(size_t(I))->tensor_type().shape();
}

int inputRank(onnx::InferenceContext &Ctx, int I) {
  const onnx::TensorShapeProto *S = inputShape(Ctx, I);
  return S ? S->dim_size() : -1;
}

void checkPositive(onnx::InferenceContext &Ctx, const char *Attr) {
  if (const onnx::AttributeProto *A = Ctx.getAttribute(Attr))
    for (int64_t V : A->ints())
      if (V <= 0)
        fail_shape_inference("Attribute ", Attr, " must be positive, got ", V);
}

void checkNonNegative(onnx::InferenceContext &Ctx, const char *Attr) {
  if (const onnx::AttributeProto *A = Ctx.getAttribute(Attr))
    for (int64_t V : A->ints())
      if (V < 0)
        fail_shape_inference("Attribute ", Attr, " must not be negative, got ",
                             V);
}

/// Value \p I of ints attribute \p Attr, \p Default when absent or short.
int64_t intAt(onnx::InferenceContext &Ctx, const char *Attr, int I,
              int64_t Default) {
  const onnx::AttributeProto *A = Ctx.getAttribute(Attr);
  return A && I < A->ints_size() ? A->ints(I) : Default;
}

/// Spatial axis \p I: SAME auto_pad must finish; without auto_pad the
/// (dilated) window must fit the padded input; sizes must not overflow (for
/// a \p Transposed convolution, its output size).
void checkWindow(onnx::InferenceContext &Ctx, int I, int64_t In, int64_t K,
                 int Spatial, bool Transposed) {
  // ONNX pads any value but NOTSET and VALID as SAME (checkConvLike refuses
  // the values ONNX does not define).
  std::string AutoPad = onnx::getAttribute(Ctx, "auto_pad", "NOTSET");
  int64_t Stride = intAt(Ctx, "strides", I, 1);
  if (AutoPad != "NOTSET" && AutoPad != "VALID" && !Transposed) {
    if (Stride > 1 && In / Stride >= MaxAutoPadSteps)
      fail_shape_inference("auto_pad ", AutoPad, " on input dim ", In,
                           " with stride ", Stride,
                           " is too large (dim / "
                           "stride must stay below ",
                           MaxAutoPadSteps, ")");
    return;
  }
  int64_t Dilation = intAt(Ctx, "dilations", I, 1), Extent, Padded;
  int64_t Pads = 0;
  if (AutoPad != "VALID" &&
      llvm::AddOverflow(intAt(Ctx, "pads", I, 0),
                        intAt(Ctx, "pads", I + Spatial, 0), Pads))
    fail_shape_inference("pads along spatial axis ", I, " overflow 64 bits");
  if (llvm::MulOverflow(K - 1, Dilation, Extent) ||
      llvm::AddOverflow(Extent, int64_t(1), Extent))
    fail_shape_inference("kernel ", K, " with dilation ", Dilation,
                         " overflows 64 bits");
  if (llvm::AddOverflow(In, Pads, Padded))
    fail_shape_inference("pads ", Pads, " on input dim ", In,
                         " overflow 64 bits");
  if (!Transposed && Padded < Extent)
    fail_shape_inference("kernel extent ", Extent, " (kernel ", K,
                         ", dilation ", Dilation,
                         ") is larger than the padded input ", Padded,
                         " along spatial axis ", I);
  // A transposed convolution's output: (in - 1) * stride + output_padding +
  // extent, before the pads come off.
  int64_t Out;
  if (Transposed &&
      (llvm::MulOverflow(In > 0 ? In - 1 : 0, Stride, Out) ||
       llvm::AddOverflow(Out, intAt(Ctx, "output_padding", I, 0), Out) ||
       llvm::AddOverflow(Out, Extent, Out)))
    fail_shape_inference("output size along spatial axis ", I,
                         " overflows 64 bits");
}

/// The checks ONNX 1.12 leaves out before indexing shapes by these values.
void checkConvLike(onnx::InferenceContext &Ctx, const ConvLike &Spec) {
  checkPositive(Ctx, "strides");
  checkPositive(Ctx, "dilations");
  checkNonNegative(Ctx, "pads");
  checkNonNegative(Ctx, "output_padding");
  std::string AutoPad = onnx::getAttribute(Ctx, "auto_pad", "NOTSET");
  if (AutoPad != "NOTSET" && AutoPad != "VALID" && AutoPad != "SAME_UPPER" &&
      AutoPad != "SAME_LOWER")
    fail_shape_inference("Attribute auto_pad is '", AutoPad,
                         "' (expected NOTSET, SAME_UPPER, SAME_LOWER or "
                         "VALID)");
  int Rank = inputRank(Ctx, Spec.Data), WRank = inputRank(Ctx, Spec.Weight);
  if (Rank < 2)
    return;
  const onnx::AttributeProto *K = Ctx.getAttribute("kernel_shape");
  if (K && K->ints_size() != Rank - 2)
    fail_shape_inference("Attribute kernel_shape has ", K->ints_size(),
                         " values for an input of rank ", Rank);
  if (!K && WRank >= 0 && WRank != Rank)
    fail_shape_inference("Weight has rank ", WRank, " but the input has rank ",
                         Rank);
  if (!Spec.Windowed && Spec.Weight < 0)
    return; // MaxRoiPool, MaxUnpool
  const onnx::TensorShapeProto &X = *inputShape(Ctx, Spec.Data);
  const onnx::TensorShapeProto *W = inputShape(Ctx, Spec.Weight);
  for (int I = 0; I < Rank - 2; ++I) {
    int64_t Kernel = K ? K->ints(I) : -1;
    if (!K && W && W->dim(I + 2).has_dim_value())
      Kernel = W->dim(I + 2).dim_value();
    const auto &D = X.dim(I + 2);
    if (Kernel > 0 && D.has_dim_value() && D.dim_value() >= 0)
      checkWindow(Ctx, I, D.dim_value(), Kernel, Rank - 2, !Spec.Windowed);
  }
}

/// Gemm multiplies matrices; opset 6's inference indexes B's second dim
/// even when B has one.
void checkGemm(onnx::InferenceContext &Ctx) {
  for (int I : {0, 1}) {
    int R = inputRank(Ctx, I);
    if (R >= 0 && R != 2)
      fail_shape_inference("Gemm input ", I == 0 ? "A" : "B", " has rank ", R,
                           "; Gemm needs matrices (rank 2)");
  }
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

} // namespace

void hcm::checkBeforeInference(onnx::InferenceContext &Ctx,
                               const onnx::OpSchema &S) {
  checkSchema(Ctx, S);
  if (const ConvLike *Spec = convLike(S.domain(), S.Name()))
    checkConvLike(Ctx, *Spec);
  else if (S.Name() == "Gemm" &&
           (S.domain().empty() || S.domain() == "ai.onnx"))
    checkGemm(Ctx);
}
