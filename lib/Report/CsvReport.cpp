//===- CsvReport.cpp - One row per layer, for spreadsheets ----------------===//
//
// RFC 4180 CSV: a header, one row per compute layer (kind "layer"), one per
// vector-unit op (kind "vector"), and a "total" row. Exact integers; BOPS and
// OPS/bit with 17 significant digits.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"

#include <fmt/format.h>

using namespace hcm;

namespace {

std::string quote(llvm::StringRef S) {
  if (S.find_first_of(",\"\n") == llvm::StringRef::npos)
    return S.str();
  std::string Q = "\"";
  for (char C : S)
    Q += C == '"' ? std::string("\"\"") : std::string(1, C);
  return Q + "\"";
}

std::string num(double V) { return fmt::format("{:.17g}", V); }

std::string trafficCells(const std::optional<LayerTraffic> &T) {
  if (!T)
    return ",,,,,,,";
  return fmt::format("{},{},{},{},{},{},{},{}", T->Weights, T->Inputs,
                     T->Outputs, T->Total, T->Prefetch, T->LineBuffer,
                     num(T->OpsPerBit),
                     T->ClockHz ? std::to_string(T->InputBandwidth) : "");
}

/// Roofline and PPA columns (empty when those passes did not run).
std::string targetCells(const ReportLayer &L) {
  std::string S;
  if (L.Roofline) {
    const LayerRoofline &R = *L.Roofline;
    S += fmt::format(",{},{},{},{},{},{},{},{},{},{}", R.Target, R.Peak,
                     num(R.Full.Required), num(R.Full.MemoryRoof),
                     num(R.Full.Attainable), R.Full.Bound, R.Passes,
                     num(R.Partial.OpsPerBit), num(R.Partial.Attainable),
                     R.Partial.Bound);
  } else {
    S += ",,,,,,,,,,";
  }
  if (L.Ppa)
    S += fmt::format(",{},{},{},{},{}", L.Ppa->Cycles, num(L.Ppa->Seconds),
                     num(L.Ppa->EnergyPj[0]), num(L.Ppa->EnergyPj[1]),
                     num(L.Ppa->EnergyPj[2]));
  else
    S += ",,,,,";
  return S;
}

} // namespace

void hcm::printCsvReport(const Report &R, llvm::raw_ostream &OS) {
  OS << "kind,name,op,kh,kw,in_channels,out_channels,groups,a,w,out,acc_bits,"
        "pixels,macs,ops,bops,compute_cost,params,weight_bits,input_bits,"
        "output_bits,traffic_bits,prefetch_bits,line_buffer_bits,ops_per_bit,"
        "input_bandwidth_bps,pe_utilization,target,peak_ops_per_s,"
        "required_ops_per_s,memory_roof_ops_per_s,attainable_ops_per_s,bound,"
        "passes,partial_ops_per_bit,partial_attainable_ops_per_s,"
        "partial_bound,cycles,seconds,energy_min_pj,energy_avg_pj,"
        "energy_max_pj\n";
  for (const ReportLayer &L : R.Layers) {
    std::string Formats =
        L.Quant ? fmt::format("{},{},{},{}", L.Quant->A.str(), L.Quant->W.str(),
                              L.Quant->Out.str(), L.Quant->Acc)
                : ",,,";
    OS << fmt::format(
        "layer,{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}{}\n",
        quote(L.Name), L.Op, L.KH, L.KW, L.NIn, L.MOut, L.Groups, Formats,
        L.Work.Pixels, L.Work.Macs, L.Work.Ops, num(L.Work.Bops),
        L.Work.ComputeCost, L.Work.Params, trafficCells(L.Traffic),
        L.Util ? num(*L.Util) : std::string(), targetCells(L));
  }
  for (const ReportVector &V : R.Vectors)
    OS << fmt::format("vector,{},{},,,,,,,,,,,,{},,,,{},,,,,,,,,,,,,,,,\n",
                      quote(V.Name), quote(V.Op), V.Ops,
                      trafficCells(V.Traffic));
  const ReportTotals &T = R.Totals;
  OS << fmt::format("total,,,,,,,,,,,,,{},{},{},{},{},,,,{},,,,,,,,,,,,,,,,,,,,"
                    "\n",
                    T.Macs, T.Ops, num(T.Bops), T.ComputeCost, T.Params,
                    R.HasTraffic ? std::to_string(T.Traffic) : std::string());
}
