//===- Quant.h - Bitwidths of a compute layer -------------------*- C++ -*-===//
//
// `annotate-quant` records, on every compute node, the number format of each
// value the layer touches as one dictionary attribute:
//
//   hcm.quant = {a = type<u8>, acc = 21, b = type<i32>, out = type<u8>,
//                src = {a = "qdq", out = "qdq", w = "qdq"}, w = type<i4>}
//
// `a` input activations (ba), `w` weights (bw), `out` output activations
// (bo), `b` bias (only when the node has one and its format is known from
// the model; analyses otherwise count the bias at `acc` bits, METRICS.md
// section 4), `acc` the full-precision accumulator width in bits (METRICS.md
// section 2; an integer because fixed 32x32-bit layers need more than 64),
// `src` where each format came from. Integer formats are iN / uN (N = 1..32),
// float layers keep their float type (f32, f16, bf16).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_QUANT_H
#define HCM_ANALYSIS_QUANT_H

#include "hcm/IR/Module.h"
#include "hcm/IR/Node.h"

#include "llvm/Support/Error.h"

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

namespace hcm {

/// The attribute key annotate-quant writes.
inline constexpr const char *QuantAttrKey = "hcm.quant";

/// Widest integer bitwidth a weight or activation may have.
inline constexpr unsigned MaxQuantBits = 32;

/// Where the format of each role of a layer came from: "qdq", "qlinear",
/// "integer", "qonnx", "type", "option", "file", "first-last", "float",
/// "next-layer", "own-a", "acc"; "" when not known. Four short strings in
/// place, one per role (a std::map allocated a node per role in every copy
/// of a layer's formats: its annotation, its table row).
struct RoleSources {
  /// The roles, sorted as `src` prints them.
  static constexpr const char *Roles[4] = {"a", "b", "out", "w"};

  RoleSources() = default;
  RoleSources(
      std::initializer_list<std::pair<llvm::StringRef, llvm::StringRef>> Init) {
    for (const auto &RS : Init)
      set(RS.first, RS.second);
  }
  /// Sets \p Role's source; a name that is none of the four roles is
  /// ignored (nothing reads it).
  void set(llvm::StringRef Role, llvm::StringRef Source) {
    for (size_t I = 0; I < 4; ++I)
      if (Role == Roles[I])
        Of[I] = Source.str();
  }
  bool operator==(const RoleSources &O) const { return Of == O.Of; }

  std::array<std::string, 4> Of; ///< by the index of Roles
};

struct LayerQuant {
  ElementType A, W, Out;
  std::optional<ElementType> Bias;
  int64_t Acc = 0;
  RoleSources Src;

  /// Storage width of a format: integer bits, or 32/16/64 for floats.
  static unsigned bits(ElementType E) { return E.getWidth(); }
};

/// METRICS.md section 2: `ba + bw + ceil(log2(FanIn))` for integer layers;
/// for a layer with a float operand, the widest float width.
int64_t accumulatorWidth(ElementType A, ElementType W, int64_t FanIn);

/// Reads `hcm.quant` of \p N; std::nullopt when absent, an error naming the
/// node when malformed.
llvm::Expected<std::optional<LayerQuant>> readLayerQuant(const Module &M,
                                                         const Node &N);

/// Writes \p Q as `hcm.quant` on \p N.
void writeLayerQuant(Node &N, const LayerQuant &Q);

/// Parses a bitwidth as users write it: `4` (signedness from \p
/// DefaultSigned), `i4`, `u8`, `f16`, `bf16`, `f32`. Errors for integers of 0
/// or more than 32 bits and for anything else.
llvm::Expected<ElementType> parseBitwidth(llvm::StringRef Text,
                                          bool DefaultSigned);

/// The number format of an integer or float element type, or an error text
/// when \p E cannot be a quantized value (bool, string, > 32-bit integers).
std::optional<std::string> checkQuantFormat(ElementType E);

} // namespace hcm

#endif // HCM_ANALYSIS_QUANT_H
