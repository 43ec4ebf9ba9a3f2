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

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

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

const ConvLike *convLike(llvm::StringRef Domain, llvm::StringRef Op) {
  static const ConvLike Data{0, -1, true}, Conv{0, 1, true},
      Transposed{0, 1, false}, Unpool{0, -1, false}, QLinear{0, 3, true};
  if (!Domain.empty() && Domain != "ai.onnx")
    return nullptr;
  return llvm::StringSwitch<const ConvLike *>(Op)
      .Cases("AveragePool", "LpPool", "MaxPool", &Data)
      .Cases("Conv", "ConvInteger", &Conv)
      .Case("ConvTranspose", &Transposed)
      .Cases("MaxRoiPool", "MaxUnpool", &Unpool)
      .Case("QLinearConv", &QLinear)
      .Default(nullptr);
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

/// The window attributes of one conv/pool node, each looked up once.
struct Window {
  explicit Window(onnx::InferenceContext &Ctx)
      : Strides(Ctx.getAttribute("strides")),
        Dilations(Ctx.getAttribute("dilations")),
        Pads(Ctx.getAttribute("pads")),
        OutPad(Ctx.getAttribute("output_padding")),
        Kernel(Ctx.getAttribute("kernel_shape")) {
    // As onnx::getAttribute reads it: the string, if the attribute has one.
    if (const onnx::AttributeProto *A = Ctx.getAttribute("auto_pad"))
      if (A->has_s())
        AutoPad = A->s();
  }
  const onnx::AttributeProto *Strides, *Dilations, *Pads, *OutPad, *Kernel;
  llvm::StringRef AutoPad = "NOTSET";
};

void checkPositive(const onnx::AttributeProto *A, const char *Attr) {
  if (A)
    for (int64_t V : A->ints())
      if (V <= 0)
        fail_shape_inference("Attribute ", Attr, " must be positive, got ", V);
}

void checkNonNegative(const onnx::AttributeProto *A, const char *Attr) {
  if (A)
    for (int64_t V : A->ints())
      if (V < 0)
        fail_shape_inference("Attribute ", Attr, " must not be negative, got ",
                             V);
}

/// Value \p I of ints attribute \p A, \p Default when absent or short.
int64_t intAt(const onnx::AttributeProto *A, int I, int64_t Default) {
  return A && I < A->ints_size() ? A->ints(I) : Default;
}

/// Spatial axis \p I: SAME auto_pad must finish; without auto_pad the
/// (dilated) window must fit the padded input; sizes must not overflow (for
/// a \p Transposed convolution, its output size).
void checkWindow(const Window &W, int I, int64_t In, int64_t K, int Spatial,
                 bool Transposed) {
  // ONNX pads any value but NOTSET and VALID as SAME (checkConvLike refuses
  // the values ONNX does not define).
  llvm::StringRef AutoPad = W.AutoPad;
  int64_t Stride = intAt(W.Strides, I, 1);
  if (AutoPad != "NOTSET" && AutoPad != "VALID" && !Transposed) {
    if (Stride > 1 && In / Stride >= MaxAutoPadSteps)
      fail_shape_inference("auto_pad ", AutoPad.str(), " on input dim ", In,
                           " with stride ", Stride,
                           " is too large (dim / "
                           "stride must stay below ",
                           MaxAutoPadSteps, ")");
    return;
  }
  int64_t Dilation = intAt(W.Dilations, I, 1), Extent, Padded;
  int64_t Pads = 0;
  if (AutoPad != "VALID" &&
      llvm::AddOverflow(intAt(W.Pads, I, 0), intAt(W.Pads, I + Spatial, 0),
                        Pads))
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
  if (Transposed && (llvm::MulOverflow(In > 0 ? In - 1 : 0, Stride, Out) ||
                     llvm::AddOverflow(Out, intAt(W.OutPad, I, 0), Out) ||
                     llvm::AddOverflow(Out, Extent, Out)))
    fail_shape_inference("output size along spatial axis ", I,
                         " overflows 64 bits");
}

/// The checks ONNX 1.12 leaves out before indexing shapes by these values.
void checkConvLike(onnx::InferenceContext &Ctx, const ConvLike &Spec) {
  Window W(Ctx);
  checkPositive(W.Strides, "strides");
  checkPositive(W.Dilations, "dilations");
  checkNonNegative(W.Pads, "pads");
  checkNonNegative(W.OutPad, "output_padding");
  if (W.AutoPad != "NOTSET" && W.AutoPad != "VALID" &&
      W.AutoPad != "SAME_UPPER" && W.AutoPad != "SAME_LOWER")
    fail_shape_inference("Attribute auto_pad is '", W.AutoPad.str(),
                         "' (expected NOTSET, SAME_UPPER, SAME_LOWER or "
                         "VALID)");
  int Rank = inputRank(Ctx, Spec.Data), WRank = inputRank(Ctx, Spec.Weight);
  if (Rank < 2)
    return;
  const onnx::AttributeProto *K = W.Kernel;
  if (K && K->ints_size() != Rank - 2)
    fail_shape_inference("Attribute kernel_shape has ", K->ints_size(),
                         " values for an input of rank ", Rank);
  if (!K && WRank >= 0 && WRank != Rank)
    fail_shape_inference("Weight has rank ", WRank, " but the input has rank ",
                         Rank);
  if (!Spec.Windowed && Spec.Weight < 0)
    return; // MaxRoiPool, MaxUnpool
  const onnx::TensorShapeProto &X = *inputShape(Ctx, Spec.Data);
  const onnx::TensorShapeProto *WShape = inputShape(Ctx, Spec.Weight);
  for (int I = 0; I < Rank - 2; ++I) {
    int64_t Kernel = K ? K->ints(I) : -1;
    if (!K && WShape && WShape->dim(I + 2).has_dim_value())
      Kernel = WShape->dim(I + 2).dim_value();
    const auto &D = X.dim(I + 2);
    if (Kernel > 0 && D.has_dim_value() && D.dim_value() >= 0)
      checkWindow(W, I, D.dim_value(), Kernel, Rank - 2, !Spec.Windowed);
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
