//===- Report.h - The per-layer analysis report -----------------*- C++ -*-===//
//
// Report emitters only read what the analyses wrote (`hcm.quant`,
// `hcm.work`, `hcm.traffic`, lowering attributes): collectReport() gathers it
// into this value type, and the text, JSON and CSV printers format it. The
// same module always gives byte-identical output.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_REPORT_REPORT_H
#define HCM_REPORT_REPORT_H

#include "hcm/Analysis/Ppa.h"
#include "hcm/Analysis/Quant.h"
#include "hcm/Analysis/Roofline.h"
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Module.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

/// One compute layer.
struct ReportLayer {
  std::string Name;
  std::string Op;    ///< Conv, ConvTranspose, Gemm, MatMul (what it computes)
  std::string Shape; ///< "3x3 s2 64->128 g1 56x56->28x28"
  int64_t KH = 1, KW = 1, NIn = 0, MOut = 0, Groups = 1;
  std::optional<LayerQuant> Quant;
  LayerWork Work;
  std::optional<LayerTraffic> Traffic;
  /// From lower-to-pe, when it ran.
  std::optional<int64_t> WeightTiles;
  std::optional<double> Util;
  std::vector<std::string> Fused; ///< hcm.fused
  std::optional<LayerRoofline> Roofline;
  std::optional<LayerPpa> Ppa;
};

/// Network PPA (METRICS.md section 7), when `ppa` ran.
struct ReportPpa {
  std::string Target;
  int64_t ClockHz = 0, Rows = 0, Cols = 0, Cycles = 0, DramBits = 0;
  double ArrayAreaUm2 = 0, BufferAreaUm2 = 0, ArrayPowerMw = 0;
  double Seconds = 0, EnergyPj[3] = {0, 0, 0}, DramEnergyPj = 0;
  /// Runs of the model as bound (batch included) per second.
  double InferencesPerSec = 0, TopsPerMm2 = 0, FjPerOp[3] = {0, 0, 0};
  double EnergyPerInferenceUj[3] = {0, 0, 0}, Utilization = 0;
  int MemoryBoundLayers = 0;
};

/// One vector-unit op.
struct ReportVector {
  std::string Name, Op;
  int64_t Ops = 0;
  std::optional<LayerTraffic> Traffic;
};

struct ReportTotals {
  int64_t Macs = 0, Ops = 0, LayerOps = 0, VectorOps = 0, ComputeCost = 0;
  int64_t Params = 0, Traffic = 0, WeightBits = 0;
  double Bops = 0;
};

struct Report {
  std::string Model;
  std::vector<ReportLayer> Layers;
  std::vector<ReportVector> Vectors;
  /// Nodes excluded from the totals, by qualified op type.
  std::map<std::string, int> NotCosted;
  /// Q/DQ and QONNX quantizers: formats, folded into the layers.
  std::map<std::string, int> Quantizers;
  /// Transformations that changed the model (`hcm.model_changed`).
  std::vector<std::string> ModelChanges;
  bool HasTraffic = false;
  bool HasRoofline = false;
  ReportTotals Totals;
  std::optional<ReportPpa> Ppa;
};

/// Gathers the report of \p M. Errors when no analysis has run.
llvm::Expected<Report> collectReport(const Module &M);

/// What MACs, OPS and BOPS count, stated once in every report.
extern const char *const ReportDefinitions;

void printTextReport(const Report &R, llvm::raw_ostream &OS);
void printJsonReport(const Report &R, llvm::raw_ostream &OS);
void printCsvReport(const Report &R, llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_REPORT_REPORT_H
