//===- LayerTable.h - The compiled, hardware-independent layer table -*- C++
//-*-===//
//
// Everything METRICS.md sections 1-4 say about a network, as plain values with
// no pointer into the IR: per compute layer its view (all sizes known), the
// PE tiling, formats, work, traffic and requantization; per vector-unit op
// its OPS and traffic; and what was not costed. buildLayerTable() reads the
// IR once; the layer-table analysis caches it per module until a transform
// runs. Everything after it -- the schedule, roofline, PPA, every report and
// the design-space sweep -- reads this table, never the IR or its analysis
// attributes.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_LAYERTABLE_H
#define HCM_ANALYSIS_LAYERTABLE_H

#include "hcm/Analysis/Layer.h"
#include "hcm/Analysis/Quant.h"
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Diag.h"

#include <map>
#include <string>
#include <vector>

namespace hcm {

/// The layer view of METRICS.md section 1 with every size known.
struct LayerShape {
  LayerKind Kind = LayerKind::Conv;
  int64_t B = 1, NIn = 0, MOut = 0, Groups = 1, KH = 1, KW = 1;
  int64_t Hi = 1, Wi = 1, Ho = 1, Wo = 1;
  int64_t StrideH = 1, StrideW = 1;
  unsigned SpatialRank = 0;
  bool HasBias = false;
  int64_t Gates = 1;          ///< recurrent: gates per hidden unit (Layer.h)
  int64_t BiasElems = 0;      ///< bias parameters (0 without a bias)
  bool ActWeight = false;     ///< second operand is an activation (Layer.h)
  int64_t ActWeightElems = 0; ///< its elements

  int64_t ng() const { return NIn / Groups; }
  int64_t fanIn() const { return ng() * KH * KW; }
  int64_t pixels() const { return B * Ho * Wo; }
};

/// How the layer maps onto 3x3 PE tiles (METRICS.md section 3).
struct LayerTiling {
  int64_t TH = 1, TW = 1; ///< tile grid of one kernel
  int64_t Pack = 1;       ///< input channels packed into one tile (1x1)
  int64_t TilesPerOutput = 1;
  int64_t WeightTiles = 0; ///< m * TilesPerOutput
  double Util = 1.0;       ///< tile utilization
  bool Lowered = false;    ///< lower-to-pe ran on the node
};

/// The requantization that brings the acc-bit accumulator to `out`: an
/// optional per-channel scale, a right shift by acc - bo, a clamp (a fused
/// ReLU clamps at 0).
struct Requant {
  int64_t Shift = 0;
  int64_t ClampLo = 0, ClampHi = 0;
  bool Relu = false;
  bool Float = false; ///< float output: no shift, no clamp
};

/// NodeIndex of a layer or vector op inside a subgraph (an If branch or a
/// Loop body): it has no position in the main graph's node list.
inline constexpr size_t NoNode = size_t(-1);

struct LayerFacts {
  size_t NodeIndex = 0; ///< position in the main graph's node list, NoNode
  std::string Name;
  std::string Op; ///< what it computes: Conv, ConvTranspose, Gemm, MatMul
  std::string ShapeText; ///< "3x3/2 64>128 g1"
  LayerShape S;
  LayerTiling Tiles;
  LayerQuant Q;
  LayerWork W;
  LayerTraffic T;
  Requant Rq;
  std::vector<std::string> Fused; ///< activations fused into the layer
  /// A MaxPool/AveragePool that is the only reader of this layer's output
  /// (a target may fuse it: the layer then writes the pooled map): its name,
  /// the pooled map's bits at the layer's output width, and the op of the
  /// compute layer that reads the pooled map directly ("" when none does).
  std::string Pool;
  int64_t PooledOutputBits = 0;
  std::string PoolReaderOp;
};

struct VectorFacts {
  size_t NodeIndex = 0;
  std::string Name, Op;
  int64_t Ops = 0;
  LayerTraffic T; ///< inputs and outputs only
};

/// Sums over a layer table: the hardware-independent network totals
/// (Fields.def's network fields before `layers`).
struct LayerTotals {
  int64_t Macs = 0, Ops = 0, LayerOps = 0, VectorOps = 0, ComputeCost = 0;
  int64_t Params = 0, Traffic = 0, WeightBits = 0;
  double Bops = 0;
};

/// How a control-flow node was costed. If: each branch's totals and
/// layers, whether counted or not; the network totals count Chosen only
/// (the larger by MACs, or the one picked). Loop: its body counted Trip
/// times (layers see batch x Trip), the totals as counted.
struct ControlFlowFacts {
  struct Branch {
    std::string Name;   ///< then_branch, else_branch, body
    LayerTotals Totals; ///< excluding what it could not cost
    size_t Layers = 0;
    size_t NotCosted = 0; ///< nodes not costed in it
  };
  std::string Node, Op;
  std::vector<Branch> Branches;
  size_t Chosen = 0;
  int64_t Trip = 1;
  std::string Why; ///< "condition is constant", "the larger", "picked"
};

/// How the table is built.
struct TableOptions {
  /// A node that cannot be costed is an error (else listed, one warning).
  bool Strict = false;
  /// If with a run-time condition: the branch the totals count, by index
  /// ("0", "1") or name ("then", "else", "then_branch", ...); "" = the one
  /// with more MACs.
  std::string IfBranch;
  /// Threads that read a large graph's layers (0: one per core). The table
  /// is the same on any number.
  unsigned Threads = 1;
};

struct LayerTable {
  std::string Model; ///< file name of the model
  std::vector<LayerFacts> Layers;
  std::vector<VectorFacts> Vectors;
  /// Execution order: (true, layer index) or (false, vector index).
  std::vector<std::pair<bool, size_t>> Steps;
  /// Nodes excluded from the totals, by qualified op type (and reason).
  std::map<std::string, int> NotCosted;
  /// Q/DQ and QONNX quantizers: formats, folded into the layers.
  std::map<std::string, int> Quantizers;
  /// If and Loop nodes whose subgraphs were costed, in order.
  std::vector<ControlFlowFacts> ControlFlow;
  /// Transformations that changed the model (`hcm.model_changed`).
  std::vector<std::string> ModelChanges;
  /// Inferences per run: dim 0 of the inputs when they agree (inputBatch),
  /// else 1. Every total is per run; per-inference figures divide by this.
  int64_t Batch = 1;
};

/// Reads the table of \p M's main graph in node order. Compute layers whose
/// view cannot be read or whose sizes are unknown, and vector ops whose
/// shapes are unknown, are listed as not costed (with the reason) and
/// excluded from the totals, with one warning through \p Warn; \p Strict
/// makes the first of them an error. Unbound input dims (every one listed
/// at once), malformed `hcm.quant` and overflow are errors.
/// If nodes cost both branches and count one; Loops with a constant trip
/// count multiply their body (ControlFlowFacts).
llvm::Expected<LayerTable> buildLayerTable(const Module &M,
                                           const WarningHandler &Warn,
                                           const TableOptions &Opts = {});

/// The facts of one compute node (for tests and tools that look at one).
llvm::Expected<LayerFacts> analyzeLayer(const Module &M, const Node &N);

/// The tiling rule of METRICS.md section 3 for a layer with \p NG input
/// channels per group, \p M outputs and a \p KH x \p KW kernel: kernels
/// above 1x1 are cut into 3x3 tiles; 1x1 kernels, Gemm and MatMul pack \p
/// Pack input channels into one tile.
LayerTiling tileLayer(int64_t NG, int64_t M, int64_t KH, int64_t KW,
                      int64_t Pack);

} // namespace hcm

#endif // HCM_ANALYSIS_LAYERTABLE_H
