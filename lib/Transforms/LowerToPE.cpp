//===- LowerToPE.cpp - The `lower-to-pe` pass -----------------------------===//
//
// Rewrites every compute node (Conv 1-D/2-D, ConvTranspose, Gemm, MatMul and
// their quantized ONNX forms) into the PE-tiled op `hcm::PEConv` of
// METRICS.md section 3. The node keeps its name, operands, results and every
// attribute (including `hcm.*` annotations of earlier passes) and gains:
//
//   hcm.pe        the lowering's decisions, which a user may edit in .hcm:
//                 {orig = "Conv" (the op it came from), pack = 9 (input
//                 channels packed into one tile for 1x1 / Gemm / MatMul;
//                 1 with pack-1x1=false and for larger kernels)}
//   hcm.tiling    what follows from them (output only, the fields of the
//                 tiling group in Fields.def; not written when no IR is
//                 printed): tile_rows x tile_cols =
//                 ceil(kh/3) x ceil(kw/3), pack, tiles_per_output (th*tw*ng,
//                 or ceil(ng/pack)), weight_tiles = m * tiles_per_output,
//                 tile_utilization (kh*kw/(9*th*tw), or ng/(9*tiles))
//   strides, dilations, group   written out for convolutions
//
// Nodes already lowered are skipped (running the pass twice changes
// nothing). A node whose layer view cannot be read (3-D convolution, missing
// weight shape) stays as it is, with one warning naming it and the reason.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Fields.h"
#include "hcm/Analysis/Layer.h"
#include "hcm/Analysis/LayerTable.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Target/HwModel.h"

using namespace hcm;

namespace {

/// METRICS.md section 3, the one tiling rule (tileLayer): kernels above 1x1
/// are cut into 3x3 tiles; 1x1 kernels, Gemm and MatMul pack input channels.
LayerTiling computeTiling(const Layer &L, bool Pack1x1) {
  return tileLayer(L.ng(), L.MOut, L.KH, L.KW,
                   Pack1x1 ? Window3x3PE::PackedChannels : 1);
}

/// Writes `Key = [V, V, ...]` (one per spatial dim) unless already present.
void setDefaultInts(Node &N, llvm::StringRef Key, unsigned Rank, int64_t V) {
  if (!N.hasAttr(Key))
    N.setAttr(Key, std::vector<int64_t>(Rank, V));
}

class LowerToPEPass : public Pass {
public:
  LowerToPEPass() : Pass("lower-to-pe") {
    addOption("pack-1x1", Pack1x1,
              "pack 9 input channels into one 3x3 tile for 1x1 kernels, Gemm "
              "and MatMul (false: one channel per tile)");
  }

  // Sets attributes only (hcm.*, default strides/dilations/group) and moves
  // the node into hcm's domain (hcm::PEConv).
  bool onlyAnnotates() const override { return true; }

  llvm::Error run(Module &M, PassContext &Ctx) override {
    std::vector<Node *> Work;
    M.getGraph().walk([&](Node &N) {
      if (!N.is("PEConv", "hcm") && isComputeNode(N))
        Work.push_back(&N);
    });
    unsigned Lowered = 0;
    for (Node *N : Work) {
      auto L = getLayer(M, *N);
      if (!L) {
        Ctx.warn(toWarning(L.takeError()) + "; not lowered to PEs, left as is");
        continue;
      }
      lower(*N, *L, Ctx.WriteOutputAttributes);
      ++Lowered;
    }
    if (Lowered)
      M.setOpset("hcm", 1);
    return llvm::Error::success();
  }

private:
  void lower(Node &N, const Layer &L, bool WriteTiling) {
    LayerFacts F;
    F.Tiles = computeTiling(L, Pack1x1);
    AttrDict PE;
    PE["orig"] = Attribute(N.getOpType());
    PE["pack"] = Attribute(F.Tiles.Pack);
    N.setAttr(PEAttrKey, Attribute(std::move(PE)));
    // The tiling, as `bops` writes it (output only; recomputed from hcm.pe),
    // unless no IR is printed (PassContext::WriteOutputAttributes).
    if (WriteTiling)
      writeLayerGroup(N, FieldGroup::tiling, F, nullptr, nullptr);
    if (L.Kind == LayerKind::Conv || L.Kind == LayerKind::ConvTranspose) {
      setDefaultInts(N, "strides", L.SpatialRank, 1);
      setDefaultInts(N, "dilations", L.SpatialRank, 1);
      if (!N.hasAttr("group"))
        N.setAttr("group", int64_t(1));
    }
    N.setOpType("hcm", "PEConv");
  }

  bool Pack1x1 = true;
};

} // namespace

std::unique_ptr<Pass> hcm::createLowerToPEPass() {
  return std::make_unique<LowerToPEPass>();
}
