//===- Report.cpp - Gathering the per-layer report ------------------------===//
//
// Reads the analyses' attributes from the main graph, in node order. Work
// inside subgraphs is not costed: the control-flow node is listed as not
// costed instead, as are unknown and custom-domain ops and compute layers
// `bops` could not read.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"

#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"

#include "llvm/Support/Path.h"

using namespace hcm;

const char *const hcm::ReportDefinitions =
    "MACs: multiply-accumulates of the compute layers (Conv, ConvTranspose, "
    "Gemm, MatMul), B*Ho*Wo * m * (n/g)*kh*kw; bias adds are not counted.\n"
    "OPS: compute layers count m*(n/g)*(kh*kw+1) per output pixel (HCM: the "
    "products plus one accumulate per output, so the bias add is included); "
    "vector-unit ops (pooling, elementwise, activations, reshapes, softmax) "
    "count one per output element, times the window for pooling; "
    "activations fused into a layer add nothing.\n"
    "BOPS: bit operations of the compute layers only (HCM eq. 1: "
    "m*(n/g)*kh*kw*(ba*bw + ba + bw + log2((n/g)*kh*kw)) per pixel).\n"
    "Traffic: bits each layer moves to and from memory with no reuse across "
    "layers (weights incl. bias at accumulator width, inputs, outputs).\n";

namespace {

std::string shapeText(const Layer &L, const Node &N) {
  std::string S = std::to_string(L.KH) + "x" + std::to_string(L.KW);
  auto Strides = N.getIntsAttr("strides");
  if (Strides && !Strides->empty() && Strides->back() != 1)
    S += "/" + std::to_string(Strides->back());
  S += " " + std::to_string(L.NIn) + ">" + std::to_string(L.MOut);
  if (L.Groups > 1)
    S += " g" + std::to_string(L.Groups);
  return S;
}

void addLayer(Report &R, const Module &M, const Node &N, const LayerWork &W) {
  ReportLayer Row;
  Row.Name = N.getName();
  Row.Work = W;
  if (auto L = getLayer(M, N)) {
    if (auto Q = quantOrTypes(M, *L))
      Row.Quant = *Q;
    else
      llvm::consumeError(Q.takeError());
    Row.Op = Layer::kindName(L->Kind).str();
    Row.Shape = shapeText(*L, N);
    Row.KH = L->KH;
    Row.KW = L->KW;
    Row.NIn = L->NIn;
    Row.MOut = L->MOut;
    Row.Groups = L->Groups;
  } else {
    llvm::consumeError(L.takeError());
    Row.Op = N.getOpType();
  }
  Row.Traffic = readTraffic(N);
  Row.Roofline = readRoofline(N);
  Row.Ppa = readPpa(N);
  R.HasRoofline |= Row.Roofline.has_value();
  if (const Attribute *T = N.getAttr("weight_tiles"))
    if (T->getKind() == Attribute::Kind::Int)
      Row.WeightTiles = T->getInt();
  if (const Attribute *U = N.getAttr("util"))
    if (U->getKind() == Attribute::Kind::Double)
      Row.Util = U->getDouble();
  if (const Attribute *F = N.getAttr("hcm.fused"))
    if (F->getKind() == Attribute::Kind::Strings)
      Row.Fused = F->getStrings();
  ReportTotals &T = R.Totals;
  T.Macs += W.Macs;
  T.LayerOps += W.Ops;
  T.Bops += W.Bops;
  T.ComputeCost += W.ComputeCost;
  T.Params += W.Params;
  if (Row.Traffic) {
    T.Traffic += Row.Traffic->Total;
    T.WeightBits += Row.Traffic->Weights;
  }
  R.Layers.push_back(std::move(Row));
}

void addVector(Report &R, const Node &N, const LayerWork &W) {
  ReportVector Row{N.getName(), N.getQualifiedName(), W.Ops, readTraffic(N)};
  R.Totals.VectorOps += W.Ops;
  if (Row.Traffic)
    R.Totals.Traffic += Row.Traffic->Total;
  R.Vectors.push_back(std::move(Row));
}

/// Network figures of merit from the layers' `hcm.ppa` and the module's
/// `hcm.target` (XploreDL: inferences/s, TOPS/mm^2, fJ/op).
void summarizePpa(const Module &M, Report &R) {
  auto It = M.getProperties().find("hcm.target");
  if (It == M.getProperties().end() ||
      It->second.getKind() != Attribute::Kind::Dict)
    return;
  const AttrDict &D = It->second.getDict();
  ReportPpa P;
  if (auto N = D.find("name");
      N != D.end() && N->second.getKind() == Attribute::Kind::String)
    P.Target = N->second.getString();
  if (auto C = D.find("clock_hz");
      C != D.end() && C->second.getKind() == Attribute::Kind::Int)
    P.ClockHz = C->second.getInt();
  if (auto A = D.find("pe_array");
      A != D.end() && A->second.getKind() == Attribute::Kind::Ints &&
      A->second.getInts().size() == 2) {
    P.Rows = A->second.getInts()[0];
    P.Cols = A->second.getInts()[1];
  }
  P.ArrayAreaUm2 = dictDouble(D, "array_area_um2").value_or(0);
  P.BufferAreaUm2 = dictDouble(D, "buffer_area_um2").value_or(0);
  P.ArrayPowerMw = dictDouble(D, "array_power_mw").value_or(0);
  double Macs = 0, Slots = 0;
  for (const ReportLayer &L : R.Layers) {
    if (!L.Ppa)
      continue;
    P.Cycles += L.Ppa->Cycles;
    P.DramBits += L.Ppa->DramBits;
    P.Seconds += L.Ppa->Seconds;
    for (int I = 0; I < 3; ++I)
      P.EnergyPj[I] += L.Ppa->EnergyPj[I];
    P.DramEnergyPj += L.Ppa->DramEnergyPj;
    P.MemoryBoundLayers += L.Ppa->MemoryBound;
    Macs += double(L.Work.Macs);
    Slots += double(L.Ppa->ComputeCycles) * double(P.Rows * P.Cols) * 9;
  }
  if (P.Seconds <= 0)
    return;
  P.Utilization = Slots > 0 ? Macs / Slots : 0;
  P.InferencesPerSec = 1.0 / P.Seconds;
  double AreaMm2 = (P.ArrayAreaUm2 + P.BufferAreaUm2) / 1e6;
  double Ops = double(R.Totals.LayerOps);
  P.TopsPerMm2 = AreaMm2 > 0 ? Ops / P.Seconds / 1e12 / AreaMm2 : 0;
  for (int I = 0; I < 3; ++I) {
    P.FjPerOp[I] = Ops > 0 ? P.EnergyPj[I] * 1e3 / Ops : 0;
    P.EnergyPerInferenceUj[I] = P.EnergyPj[I] / 1e6;
  }
  R.Ppa = P;
}

} // namespace

llvm::Expected<Report> hcm::collectReport(const Module &M) {
  Report R;
  R.Model = llvm::sys::path::filename(M.getSourcePath()).str();
  bool AnyWork = false, AnyCostable = false;
  for (const auto &NPtr : M.getGraph().getNodes()) {
    const Node &N = *NPtr;
    std::optional<LayerWork> W = readWork(N);
    AnyWork |= W.has_value();
    R.HasTraffic |= N.hasAttr(TrafficAttrKey);
    CostClass C = classifyNode(N);
    AnyCostable |= C == CostClass::Compute || C == CostClass::Vector;
    switch (C) {
    case CostClass::Compute:
      if (W)
        addLayer(R, M, N, *W);
      else
        ++R.NotCosted[N.getQualifiedName() + " (layer not readable)"];
      break;
    case CostClass::Vector:
      if (W)
        addVector(R, N, *W);
      else
        ++R.NotCosted[N.getQualifiedName()];
      break;
    case CostClass::Quantizer:
      ++R.Quantizers[N.getQualifiedName()];
      break;
    case CostClass::Uncostable:
      ++R.NotCosted[N.getQualifiedName()];
      break;
    case CostClass::Free:
      break;
    }
  }
  if (!AnyWork && AnyCostable)
    return makeError(M.getSourcePath(),
                     "emit-report: nothing to report; run the analyses "
                     "first (e.g. -p bops,traffic,emit-report or -p default)");
  R.Totals.Ops = R.Totals.LayerOps + R.Totals.VectorOps;
  summarizePpa(M, R);
  auto It = M.getProperties().find("hcm.model_changed");
  if (It != M.getProperties().end() &&
      It->second.getKind() == Attribute::Kind::Strings)
    R.ModelChanges = It->second.getStrings();
  return R;
}
