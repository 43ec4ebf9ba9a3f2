//===- LowerToPE.cpp - The `lower-to-pe` pass -----------------------------===//
//
// Rewrites every compute node (Conv 1-D/2-D, ConvTranspose, Gemm, MatMul and
// their quantized ONNX forms) into the PE-tiled op `hcm::PEConv` of
// METRICS.md section 3. The node keeps its name, operands, results and every
// attribute (including `hcm.*` annotations of earlier passes) and gains:
//
//   orig          string  the op it came from ("Conv", "QLinearConv", ...)
//   tiles         [th, tw] 3x3 tile grid ceil(kh/3) x ceil(kw/3); [1, 1] for
//                          1x1 kernels, Gemm and MatMul
//   pack          int     input channels packed into one tile: 9 for 1x1 /
//                          Gemm / MatMul with pack-1x1=true, else 1
//   tiles_per_out int     3x3 tiles per output channel (within its group):
//                          th*tw*ng for larger kernels, ceil(ng/pack) for
//                          1x1 / Gemm / MatMul
//   weight_tiles  int     m * tiles_per_out: all weight tiles of the layer
//   util          f64     tile utilization: kh*kw/(9*th*tw) for larger
//                          kernels, ng/(pack*ceil(ng/pack)) for 1x1 / Gemm /
//                          MatMul (1/9 when unpacked)
//   depthwise     int     1 when g == n == m > 1 (one PE per channel)
//   strides, dilations, group   written out for convolutions
//
// Nodes already lowered are skipped (running the pass twice changes
// nothing). A node whose layer view cannot be read (3-D convolution, missing
// weight shape) stays as it is, with one warning naming it and the reason.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Layer.h"
#include "hcm/Analysis/LayerTable.h"
#include "hcm/Target/HwModel.h"
#include "hcm/Pass/PassRegistry.h"

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
      lower(*N, *L);
      ++Lowered;
    }
    if (Lowered)
      M.setOpset("hcm", 1);
    return llvm::Error::success();
  }

private:
  void lower(Node &N, const Layer &L) {
    LayerTiling T = computeTiling(L, Pack1x1);
    N.setAttr("orig", N.getOpType());
    N.setAttr("tiles", std::vector<int64_t>{T.TH, T.TW});
    N.setAttr("pack", T.Pack);
    N.setAttr("tiles_per_out", T.TilesPerOutput);
    N.setAttr("weight_tiles", T.WeightTiles);
    N.setAttr("util", T.Util);
    if (L.isDepthwise())
      N.setAttr("depthwise", int64_t(1));
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
