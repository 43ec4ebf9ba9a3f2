//===- Fields.cpp - The reported fields, from Fields.def ------------------===//
#include "hcm/Analysis/Fields.h"

#include "hcm/IR/Module.h"
#include "hcm/IR/Node.h"

#include <fmt/compile.h>
#include <fmt/format.h>

using namespace hcm;

const char *hcm::groupName(FieldGroup G) {
  switch (G) {
  case FieldGroup::work:
    return "work";
  case FieldGroup::traffic:
    return "traffic";
  case FieldGroup::tiling:
    return "tiling";
  case FieldGroup::schedule:
    return "schedule";
  case FieldGroup::roofline:
    return "roofline";
  case FieldGroup::ppa:
    return "ppa";
  }
  return "?";
}

namespace {

std::optional<double> optEnergy(const LayerEval &E, int I) {
  if (!E.HasEnergy)
    return std::nullopt;
  return E.EnergyPj[I];
}
std::optional<double> optNetEnergy(const NetworkSummary &N, int I) {
  if (!N.HasEnergy)
    return std::nullopt;
  return N.EnergyPj[I];
}
std::optional<double> optFjPerOp(const NetworkSummary &N) {
  if (!N.HasEnergy)
    return std::nullopt;
  return N.fjPerOp(1);
}
std::optional<double> optPeArea(const HwModel &Hw) { return Hw.PeAreaUm2; }
std::optional<double> optPower(const HwModel &Hw, int I) {
  if (!Hw.ArrayPowerMw)
    return std::nullopt;
  return (*Hw.ArrayPowerMw)[I];
}

} // namespace

const std::vector<FieldInfo> &hcm::layerFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
#define HCM_LAYER_FIELD(GROUP, KEY, VALUE, UNIT, DOC)                          \
  {FieldGroup::GROUP, #KEY, UNIT, DOC},
#include "hcm/Analysis/Fields.def"
  };
  return Infos;
}

const std::vector<FieldInfo> &hcm::netFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
#define HCM_NET_FIELD(KEY, VALUE, UNIT, DOC)                                   \
  {FieldGroup::work, #KEY, UNIT, DOC},
#include "hcm/Analysis/Fields.def"
  };
  return Infos;
}

const std::vector<FieldInfo> &hcm::hwFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
#define HCM_HW_FIELD(KEY, VALUE, UNIT, DOC) {FieldGroup::ppa, #KEY, UNIT, DOC},
#include "hcm/Analysis/Fields.def"
  };
  return Infos;
}

const std::vector<FieldInfo> &hcm::controlFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
#define HCM_CONTROL_FIELD(KEY, VALUE, UNIT, DOC)                               \
  {FieldGroup::work, #KEY, UNIT, DOC},
#include "hcm/Analysis/Fields.def"
  };
  return Infos;
}

const std::vector<FieldInfo> &hcm::branchFieldInfos() {
  static const std::vector<FieldInfo> Infos = {
#define HCM_BRANCH_FIELD(KEY, VALUE, UNIT, DOC)                                \
  {FieldGroup::work, #KEY, UNIT, DOC},
#include "hcm/Analysis/Fields.def"
  };
  return Infos;
}

void hcm::visitLayerFields(const LayerFacts &F, const LayerEval *EP,
                           const HwModel *HwP, FieldVisitor Visit) {
  static const LayerEval NoEval;
  const LayerEval &E = EP ? *EP : NoEval;
  const std::vector<FieldInfo> &Infos = layerFieldInfos();
  size_t I = 0;
  (void)HwP;
#define HCM_LAYER_FIELD(GROUP, KEY, VALUE, UNIT, DOC)                          \
  if (EP || !needsHardware(FieldGroup::GROUP))                                 \
    Visit(Infos[I], FieldValue(VALUE));                                        \
  ++I;
#include "hcm/Analysis/Fields.def"
}

void hcm::visitVectorFields(const VectorFacts &V, const ScheduleTotals *S,
                            FieldVisitor Visit) {
  const std::vector<FieldInfo> &Infos = layerFieldInfos();
  auto Info = [&](llvm::StringRef Key) -> const FieldInfo & {
    for (const FieldInfo &I : Infos)
      if (Key == I.Key)
        return I;
    return Infos.front();
  };
  static const ScheduleTotals NoSchedule;
  const ScheduleTotals &VS = S ? *S : NoSchedule;
#define HCM_VECTOR_FIELD(KEY, VALUE)                                           \
  {                                                                            \
    static const FieldInfo &Field = Info(#KEY); /* searched once */            \
    if (S || !needsHardware(Field.Group))                                      \
      Visit(Field, FieldValue(VALUE));                                         \
  }
#include "hcm/Analysis/Fields.def"
}

void hcm::visitNetFields(const LayerTotals &T, const NetworkSummary *NP,
                         const HwModel *HwP, FieldVisitor Visit) {
  const std::vector<FieldInfo> &Infos = netFieldInfos();
  // Fields before `layers` need only the table.
  static const NetworkSummary NoNet;
  const NetworkSummary &N = NP ? *NP : NoNet;
  bool OnHw = NP && HwP;
  bool Hardware = false;
  size_t I = 0;
#define HCM_NET_FIELD(KEY, VALUE, UNIT, DOC)                                   \
  Hardware |= llvm::StringRef(#KEY) == "layers";                               \
  if (!Hardware || OnHw)                                                       \
    Visit(Infos[I], OnHw || !Hardware ? FieldValue(VALUE) : FieldValue());     \
  ++I;
  static const HwModel NoHw;
  const HwModel &Hw = HwP ? *HwP : NoHw;
#include "hcm/Analysis/Fields.def"
  (void)N;
  (void)Hw;
}

void hcm::visitHwFields(const HwModel &Hw, FieldVisitor Visit) {
  const std::vector<FieldInfo> &Infos = hwFieldInfos();
  size_t I = 0;
#define HCM_HW_FIELD(KEY, VALUE, UNIT, DOC)                                    \
  Visit(Infos[I], FieldValue(VALUE));                                          \
  ++I;
#include "hcm/Analysis/Fields.def"
}

void hcm::visitControlFields(const ControlFlowFacts &C, FieldVisitor Visit) {
  const std::vector<FieldInfo> &Infos = controlFieldInfos();
  size_t I = 0;
#define HCM_CONTROL_FIELD(KEY, VALUE, UNIT, DOC)                               \
  Visit(Infos[I], FieldValue(VALUE));                                          \
  ++I;
#include "hcm/Analysis/Fields.def"
}

void hcm::visitBranchFields(const ControlFlowFacts &C, size_t Index,
                            FieldVisitor Visit) {
  const std::vector<FieldInfo> &Infos = branchFieldInfos();
  const ControlFlowFacts::Branch &Br = C.Branches[Index];
  bool Counted = Index == C.Chosen;
  size_t I = 0;
#define HCM_BRANCH_FIELD(KEY, VALUE, UNIT, DOC)                                \
  Visit(Infos[I], FieldValue(VALUE));                                          \
  ++I;
#include "hcm/Analysis/Fields.def"
  visitNetFields(Br.Totals, nullptr, nullptr, Visit);
}

LayerTotals hcm::totalsOf(const LayerTable &Table) {
  LayerTotals T;
  for (const LayerFacts &F : Table.Layers) {
    T.Macs += F.W.Macs;
    T.LayerOps += F.W.Ops;
    T.Bops += F.W.Bops;
    T.ComputeCost += F.W.ComputeCost;
    T.Params += F.W.Params;
    T.Traffic += F.T.Total;
    T.WeightBits += F.T.Weights;
  }
  for (const VectorFacts &V : Table.Vectors) {
    T.VectorOps += V.Ops;
    T.Traffic += V.T.Total;
  }
  T.Ops = T.LayerOps + T.VectorOps;
  return T;
}

std::string hcm::csvQuote(llvm::StringRef S) {
  if (S.find_first_of(",\"\n") == llvm::StringRef::npos)
    return S.str();
  std::string Q = "\"";
  for (char C : S)
    Q += C == '"' ? std::string("\"\"") : std::string(1, C);
  return Q + "\"";
}

void hcm::appendCsvCell(std::string &Out, const FieldValue &V) {
  switch (V.K) {
  case FieldValue::Null:
    break;
  case FieldValue::Int:
  case FieldValue::Bool:
    fmt::format_to(std::back_inserter(Out), "{}", V.I);
    break;
  case FieldValue::Double:
    fmt::format_to(std::back_inserter(Out), "{:.17g}", V.D);
    break;
  case FieldValue::String:
    Out += csvQuote(V.S);
    break;
  }
}

void hcm::writeJsonField(llvm::json::OStream &J, llvm::StringRef Key,
                         const FieldValue &V) {
  switch (V.K) {
  case FieldValue::Null:
    J.attribute(Key, nullptr);
    break;
  case FieldValue::Int:
    J.attribute(Key, V.I);
    break;
  case FieldValue::Double:
    J.attribute(Key, V.D);
    break;
  case FieldValue::Bool:
    J.attribute(Key, V.I != 0);
    break;
  case FieldValue::String:
    J.attribute(Key, V.S);
    break;
  }
}

std::optional<Attribute> hcm::toAttribute(const FieldValue &V) {
  switch (V.K) {
  case FieldValue::Null:
    return std::nullopt;
  case FieldValue::Int:
  case FieldValue::Bool:
    return Attribute(V.I);
  case FieldValue::Double:
    return Attribute(V.D);
  case FieldValue::String:
    return Attribute(V.S);
  }
  return std::nullopt;
}

void hcm::writeLayerGroup(Node &N, FieldGroup G, const LayerFacts &F,
                          const LayerEval *E, const HwModel *Hw) {
  AttrDict D;
  visitLayerFields(F, E, Hw, [&](const FieldInfo &I, const FieldValue &V) {
    if (I.Group == G)
      if (auto A = toAttribute(V))
        D[I.Key] = std::move(*A);
  });
  N.setAttr(std::string("hcm.") + groupName(G), Attribute(std::move(D)));
}

void hcm::writeHwModel(Module &M, const HwModel &Hw) {
  AttrDict D;
  visitHwFields(Hw, [&](const FieldInfo &I, const FieldValue &V) {
    if (auto A = toAttribute(V))
      D[I.Key] = std::move(*A);
  });
  std::vector<std::string> Overrides;
  for (const auto &KV : Hw.Overrides)
    Overrides.push_back(KV.first + "=" + KV.second);
  D["overrides"] = Attribute(std::move(Overrides));
  M.getProperties()["hcm.target"] = Attribute(std::move(D));
}

void hcm::printFieldDocs(llvm::raw_ostream &OS) {
  OS << "| group | key | unit | meaning |\n|---|---|---|---|\n";
  for (const FieldInfo &I : layerFieldInfos())
    OS << fmt::format(FMT_COMPILE("| {} | `{}` | {} | {} |\n"),
                      groupName(I.Group), I.Key, I.Unit, I.Doc);
  for (const FieldInfo &I : netFieldInfos())
    OS << fmt::format(FMT_COMPILE("| network | `{}` | {} | {} |\n"), I.Key,
                      I.Unit, *I.Doc ? I.Doc : "sum over the layers");
  for (const FieldInfo &I : hwFieldInfos())
    OS << fmt::format(FMT_COMPILE("| target | `{}` | {} | {} |\n"), I.Key,
                      I.Unit, I.Doc);
  for (const FieldInfo &I : controlFieldInfos())
    OS << fmt::format(FMT_COMPILE("| control_flow | `{}` | {} | {} |\n"), I.Key,
                      I.Unit, I.Doc);
  for (const FieldInfo &I : branchFieldInfos())
    OS << fmt::format(FMT_COMPILE("| branch | `{}` | {} | {} |\n"), I.Key,
                      I.Unit, I.Doc);
  OS << "| branch | `params` ... `total` |  | the network fields above that "
        "need no hardware, over the branch alone (a Loop body: as counted, "
        "x trip) |\n";
}
