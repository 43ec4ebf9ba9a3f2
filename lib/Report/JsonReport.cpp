//===- JsonReport.cpp - The machine-readable report -----------------------===//
//
// Schema `hcm-report/1` (documented in docs/REPORT.md): integers stay exact
// integers, BOPS and ratios are doubles, keys are written in a fixed order.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"

#include "llvm/Support/JSON.h"

using namespace hcm;

namespace {

void writeTrafficJson(llvm::json::OStream &J, const LayerTraffic &T) {
  J.attributeObject("traffic_bits", [&] {
    J.attribute("weights", T.Weights);
    J.attribute("inputs", T.Inputs);
    J.attribute("outputs", T.Outputs);
    J.attribute("total", T.Total);
    J.attribute("prefetch", T.Prefetch);
    J.attribute("line_buffer", T.LineBuffer);
    J.attribute("input_bits_per_clock", T.InputBitsPerClock);
    J.attribute("ops_per_bit", T.OpsPerBit);
    if (T.ClockHz) {
      J.attribute("clock_hz", T.ClockHz);
      J.attribute("input_bandwidth_bps", T.InputBandwidth);
    }
  });
}

void writeTriple(llvm::json::OStream &J, llvm::StringRef Key,
                 const double V[3]) {
  J.attributeObject(Key, [&] {
    J.attribute("min", V[0]);
    J.attribute("avg", V[1]);
    J.attribute("max", V[2]);
  });
}

void writePoint(llvm::json::OStream &J, llvm::StringRef Key,
                const RooflinePoint &P) {
  J.attributeObject(Key, [&] {
    J.attribute("required_ops_per_s", P.Required);
    J.attribute("ops_per_bit", P.OpsPerBit);
    J.attribute("memory_roof_ops_per_s", P.MemoryRoof);
    J.attribute("attainable_ops_per_s", P.Attainable);
    J.attribute("bound", P.Bound);
    J.attribute("traffic_bits", P.TrafficBits);
  });
}

void writeRooflineJson(llvm::json::OStream &J, const LayerRoofline &R) {
  J.attributeObject("roofline", [&] {
    J.attribute("target", R.Target);
    J.attribute("pe_array", llvm::json::Array{R.ArrayRows, R.ArrayCols});
    J.attribute("peak_ops_per_s", R.Peak);
    writePoint(J, "full", R.Full);
    J.attribute("passes", R.Passes);
    J.attribute("partial_sums_spill", R.Spills);
    writePoint(J, "partial_sums", R.Partial);
  });
}

void writeLayer(llvm::json::OStream &J, const ReportLayer &L) {
  J.object([&] {
    J.attribute("name", L.Name);
    J.attribute("op", L.Op);
    J.attribute("kernel", llvm::json::Array{L.KH, L.KW});
    J.attribute("in_channels", L.NIn);
    J.attribute("out_channels", L.MOut);
    J.attribute("groups", L.Groups);
    if (L.Quant)
      J.attributeObject("formats", [&] {
        J.attribute("a", L.Quant->A.str());
        J.attribute("w", L.Quant->W.str());
        J.attribute("out", L.Quant->Out.str());
        if (L.Quant->Bias)
          J.attribute("b", L.Quant->Bias->str());
        J.attribute("acc_bits", L.Quant->Acc);
      });
    J.attribute("pixels", L.Work.Pixels);
    J.attribute("macs", L.Work.Macs);
    J.attribute("ops_pixel", L.Work.OpsPixel);
    J.attribute("ops", L.Work.Ops);
    J.attribute("bops_pixel", L.Work.BopsPixel);
    J.attribute("bops", L.Work.Bops);
    J.attribute("compute_cost", L.Work.ComputeCost);
    J.attribute("params", L.Work.Params);
    if (L.Traffic)
      writeTrafficJson(J, *L.Traffic);
    if (L.WeightTiles)
      J.attribute("pe_weight_tiles", *L.WeightTiles);
    if (L.Util)
      J.attribute("pe_utilization", *L.Util);
    if (!L.Fused.empty())
      J.attribute("fused", llvm::json::Array(L.Fused));
    if (L.Roofline)
      writeRooflineJson(J, *L.Roofline);
    if (L.Ppa)
      J.attributeObject("ppa", [&] {
        J.attribute("cycles", L.Ppa->Cycles);
        J.attribute("compute_cycles", L.Ppa->ComputeCycles);
        J.attribute("prefetch_cycles", L.Ppa->PrefetchCycles);
        J.attribute("seconds", L.Ppa->Seconds);
        J.attribute("memory_bound", L.Ppa->MemoryBound);
        J.attribute("pe_utilization", L.Ppa->Utilization);
        writeTriple(J, "energy_pj", L.Ppa->EnergyPj);
        J.attribute("dram_energy_pj", L.Ppa->DramEnergyPj);
        J.attribute("dram_bits", L.Ppa->DramBits);
      });
  });
}

void writeCounts(llvm::json::OStream &J, llvm::StringRef Key,
                 const std::map<std::string, int> &Counts) {
  J.attributeObject(Key, [&] {
    for (const auto &KV : Counts)
      J.attribute(KV.first, KV.second);
  });
}

} // namespace

void hcm::printJsonReport(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("schema", "hcm-report/1");
    J.attribute("model", R.Model);
    J.attribute("definitions", ReportDefinitions);
    J.attributeArray("layers", [&] {
      for (const ReportLayer &L : R.Layers)
        writeLayer(J, L);
    });
    J.attributeArray("vector_ops", [&] {
      for (const ReportVector &V : R.Vectors)
        J.object([&] {
          J.attribute("name", V.Name);
          J.attribute("op", V.Op);
          J.attribute("ops", V.Ops);
          if (V.Traffic)
            writeTrafficJson(J, *V.Traffic);
        });
    });
    writeCounts(J, "not_costed", R.NotCosted);
    writeCounts(J, "quantizers", R.Quantizers);
    J.attribute("model_changed", llvm::json::Array(R.ModelChanges));
    const ReportTotals &T = R.Totals;
    J.attributeObject("totals", [&] {
      J.attribute("params", T.Params);
      J.attribute("macs", T.Macs);
      J.attribute("ops", T.Ops);
      J.attribute("layer_ops", T.LayerOps);
      J.attribute("vector_ops", T.VectorOps);
      J.attribute("bops", T.Bops);
      J.attribute("compute_cost", T.ComputeCost);
      if (R.HasTraffic) {
        J.attribute("traffic_bits", T.Traffic);
        J.attribute("weight_bits", T.WeightBits);
      }
      J.attribute("excludes_not_costed", !R.NotCosted.empty());
    });
    if (R.Ppa)
      J.attributeObject("ppa", [&] {
        const ReportPpa &P = *R.Ppa;
        J.attribute("target", P.Target);
        J.attribute("clock_hz", P.ClockHz);
        J.attribute("pe_array", llvm::json::Array{P.Rows, P.Cols});
        J.attribute("array_area_um2", P.ArrayAreaUm2);
        J.attribute("buffer_area_um2", P.BufferAreaUm2);
        J.attribute("array_power_mw", P.ArrayPowerMw);
        J.attribute("cycles", P.Cycles);
        J.attribute("dram_bits", P.DramBits);
        J.attribute("seconds", P.Seconds);
        J.attribute("inferences_per_s", P.InferencesPerSec);
        writeTriple(J, "energy_pj", P.EnergyPj);
        J.attribute("dram_energy_pj", P.DramEnergyPj);
        writeTriple(J, "fj_per_op", P.FjPerOp);
        J.attribute("tops_per_mm2", P.TopsPerMm2);
        J.attribute("pe_utilization", P.Utilization);
        J.attribute("memory_bound_layers", P.MemoryBoundLayers);
      });
  });
  OS << '\n';
}
