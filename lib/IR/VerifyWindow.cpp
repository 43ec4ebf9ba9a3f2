//===- VerifyWindow.cpp - Conv and pooling window attributes --------------===//
//
// The attributes that size a sliding window: strides, dilations, pads,
// kernel_shape, group and auto_pad. A `.hcm` file can say anything, so
// each is checked for its kind (group = "one" is not 1), its sign, its count
// against the input's spatial rank and, for kernel_shape, against the weight;
// then the (dilated) window must fit the padded input, computed without
// overflow. Transposed convolutions grow their input, so only their
// attributes are checked.
//
//===----------------------------------------------------------------------===//
#include "VerifierInternal.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <fmt/format.h>

using namespace hcm;

namespace {

using Kind = Attribute::Kind;

/// The window attributes of a node, found in one walk over its attributes
/// (a lookup per key costs more on nodes carrying analysis results).
struct WindowAttrs {
  explicit WindowAttrs(const Node &N) {
    for (const auto &[Key, A] : N.getAttrs())
      if (const Attribute **Slot = llvm::StringSwitch<const Attribute **>(Key)
                                       .Case("group", &Group)
                                       .Case("auto_pad", &AutoPad)
                                       .Case("strides", &Strides)
                                       .Case("dilations", &Dilations)
                                       .Case("pads", &Pads)
                                       .Case("kernel_shape", &Kernel)
                                       .Case("output_padding", &OutPad)
                                       .Default(nullptr))
        *Slot = &A;
  }
  const Attribute *Group = nullptr, *AutoPad = nullptr, *Strides = nullptr,
                  *Dilations = nullptr, *Pads = nullptr, *Kernel = nullptr,
                  *OutPad = nullptr;
};

/// The ints of \p A, attribute \p Key (empty when absent); a problem when
/// it has another kind.
std::string readInts(const Attribute *A, const char *Key,
                     llvm::ArrayRef<int64_t> &Out) {
  if (!A)
    return "";
  if (A->getKind() == Kind::Ints) {
    Out = A->getInts();
    return "";
  }
  return fmt::format("attribute '{}' must be a list of integers, not {}", Key,
                     Attribute::kindName(A->getKind()));
}

/// Kinds and signs, and the counts when the spatial rank \p S is known.
std::string attrProblem(const Attribute *A, int64_t S,
                        llvm::ArrayRef<int64_t> &Ints, const char *Key,
                        int64_t Min, int64_t PerAxis) {
  std::string P = readInts(A, Key, Ints);
  if (!P.empty())
    return P;
  for (int64_t V : Ints)
    if (V < Min)
      return fmt::format("attribute '{}' has value {} (must be >= {})", Key, V,
                         Min);
  if (S >= 0 && !Ints.empty() && int64_t(Ints.size()) != PerAxis * S)
    return fmt::format("attribute '{}' has {} values; the input has {} "
                       "spatial dims",
                       Key, Ints.size(), S);
  return "";
}

std::string scalarProblem(const WindowAttrs &W) {
  if (const Attribute *G = W.Group; G && G->getKind() != Kind::Int)
    return fmt::format("attribute 'group' must be an integer, not {}",
                       Attribute::kindName(G->getKind()));
  const Attribute *AP = W.AutoPad;
  if (!AP)
    return "";
  if (AP->getKind() != Kind::String)
    return fmt::format("attribute 'auto_pad' must be a string, not {}",
                       Attribute::kindName(AP->getKind()));
  const std::string &V = AP->getString();
  if (V != "NOTSET" && V != "SAME_UPPER" && V != "SAME_LOWER" && V != "VALID")
    return "attribute 'auto_pad' is '" + V +
           "' (expected NOTSET, SAME_UPPER, SAME_LOWER or VALID)";
  return "";
}

/// The window along axis \p I fits the padded input \p In.
std::string fitProblem(size_t I, int64_t In, int64_t K, int64_t Dilation,
                       int64_t Pads) {
  int64_t Extent, Padded;
  if (llvm::MulOverflow(K - 1, Dilation, Extent) ||
      llvm::AddOverflow(Extent, int64_t(1), Extent))
    return fmt::format("kernel {} with dilation {} overflows 64 bits", K,
                       Dilation);
  if (llvm::AddOverflow(In, Pads, Padded) || Padded >= Extent)
    return "";
  return fmt::format("kernel extent {} (kernel {}, dilation {}) is larger "
                     "than the padded input {} along spatial axis {}",
                     Extent, K, Dilation, Padded, I);
}

} // namespace

std::string hcm::windowProblem(const Node &N, const Type *X, const Type *W) {
  WindowAttrs A(N);
  if (std::string P = scalarProblem(A); !P.empty())
    return P;
  int64_t S = X ? int64_t(X->getRank()) - 2 : -1;
  // Views of the node's own lists: nothing is copied.
  llvm::ArrayRef<int64_t> Strides, Dilations, Pads, Kernel, OutPad;
  for (auto [Attr, Ints, Key, Min, PerAxis] :
       {std::tuple{A.Strides, &Strides, "strides", 1, 1},
        std::tuple{A.Dilations, &Dilations, "dilations", 1, 1},
        std::tuple{A.Pads, &Pads, "pads", 0, 2},
        std::tuple{A.Kernel, &Kernel, "kernel_shape", 1, 1},
        std::tuple{A.OutPad, &OutPad, "output_padding", 0, 1}})
    if (std::string P = attrProblem(Attr, S, *Ints, Key, Min, PerAxis);
        !P.empty())
      return P;
  if (S < 0)
    return "";
  bool HasWeight = W && W->getRank() == X->getRank();
  for (size_t I = 0; I < Kernel.size() && HasWeight; ++I) {
    const Dim &D = W->getShape()[I + 2];
    if (D.isKnown() && D.getValue() != Kernel[I])
      return fmt::format("attribute 'kernel_shape' is [{}] but the weight "
                         "has type {}",
                         fmt::join(Kernel, ", "), W->str());
  }
  // A string when present (scalarProblem).
  llvm::StringRef AutoPad =
      A.AutoPad ? llvm::StringRef(A.AutoPad->getString()) : "NOTSET";
  if (N.getOpType() == "ConvTranspose" ||
      (AutoPad != "NOTSET" && AutoPad != "VALID"))
    return "";
  for (int64_t I = 0; I < S; ++I) {
    int64_t K = I < int64_t(Kernel.size()) ? Kernel[I] : -1;
    if (K < 0 && HasWeight && W->getShape()[I + 2].isKnown())
      K = W->getShape()[I + 2].getValue();
    const Dim &In = X->getShape()[I + 2];
    if (K < 1 || !In.isKnown())
      continue;
    int64_t P = 0;
    if (!Pads.empty() && AutoPad != "VALID" &&
        llvm::AddOverflow(Pads[I], Pads[I + S], P))
      continue; // padded far beyond any window
    std::string Fit = fitProblem(I, In.getValue(), K,
                                 Dilations.empty() ? 1 : Dilations[I], P);
    if (!Fit.empty())
      return Fit;
  }
  return "";
}
