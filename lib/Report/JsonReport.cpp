//===- JsonReport.cpp - The machine-readable report -----------------------===//
//
// Schema `hcm-report/2` (docs/REPORT.md): the target, one object per compute
// layer with its identity, formats and one object per field group
// (work, traffic, tiling, schedule, roofline, ppa), the vector-unit ops, the
// If and Loop nodes with each branch's own totals, what was not costed, and
// the network totals. Keys and values come from the field
// table (Fields.def); integers stay exact, keys are in a fixed order.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"
#include "hcm/Support/Version.h"

#include "llvm/Support/JSON.h"

using namespace hcm;

namespace {

/// The fields of \p Visit grouped into one object per group, in order.
template <typename VisitFn>
void writeGroups(llvm::json::OStream &J, VisitFn &&Visit) {
  std::vector<
      std::pair<FieldGroup, std::vector<std::pair<const char *, FieldValue>>>>
      Groups;
  Visit([&](const FieldInfo &I, const FieldValue &V) {
    if (Groups.empty() || Groups.back().first != I.Group)
      Groups.push_back({I.Group, {}});
    Groups.back().second.emplace_back(I.Key, V);
  });
  for (const auto &G : Groups)
    J.attributeObject(groupName(G.first), [&] {
      for (const auto &KV : G.second)
        writeJsonField(J, KV.first, KV.second);
    });
}

void writeLayer(llvm::json::OStream &J, const LayerFacts &F, const LayerEval &E,
                const HwModel &Hw) {
  J.object([&] {
    J.attribute("name", F.Name);
    J.attribute("op", F.Op);
    J.attribute("kernel", llvm::json::Array{F.S.KH, F.S.KW});
    J.attribute("in_channels", F.S.NIn);
    J.attribute("out_channels", F.S.MOut);
    J.attribute("groups", F.S.Groups);
    J.attributeObject("formats", [&] {
      J.attribute("a", F.Q.A.str());
      J.attribute("w", F.Q.W.str());
      J.attribute("out", F.Q.Out.str());
      if (F.Q.Bias)
        J.attribute("b", F.Q.Bias->str());
      J.attribute("acc_bits", F.Q.Acc);
    });
    if (!F.Fused.empty())
      J.attribute("fused", llvm::json::Array(F.Fused));
    writeGroups(J, [&](FieldVisitor V) { visitLayerFields(F, &E, &Hw, V); });
  });
}

void writeCounts(llvm::json::OStream &J, llvm::StringRef Key,
                 const std::map<std::string, int> &Counts) {
  J.attributeObject(Key, [&] {
    for (const auto &KV : Counts)
      J.attribute(KV.first, KV.second);
  });
}

/// An If or Loop: its fields, then each branch with its own totals.
void writeControlFlow(llvm::json::OStream &J, const ControlFlowFacts &C) {
  auto Write = [&](const FieldInfo &I, const FieldValue &V) {
    writeJsonField(J, I.Key, V);
  };
  J.object([&] {
    visitControlFields(C, Write);
    J.attributeArray("branches", [&] {
      for (size_t I = 0; I < C.Branches.size(); ++I)
        J.object([&] { visitBranchFields(C, I, Write); });
    });
  });
}

} // namespace

void hcm::printJsonReport(const Report &R, llvm::raw_ostream &OS) {
  const HwModel &Hw = R.hw();
  ScheduleHw SH = scheduleHw(Hw);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("schema", ReportSchema);
    J.attribute("model", R.Table.Model);
    J.attribute("definitions", ReportDefinitions);
    J.attributeObject("target", [&] {
      visitHwFields(Hw, [&](const FieldInfo &I, const FieldValue &V) {
        writeJsonField(J, I.Key, V);
      });
      J.attributeArray("overrides", [&] {
        for (const auto &KV : Hw.Overrides)
          J.value(KV.first + "=" + KV.second);
      });
    });
    J.attributeArray("layers", [&] {
      for (size_t I = 0; I < R.Table.Layers.size(); ++I)
        writeLayer(J, R.Table.Layers[I], R.Eval.Layers[I], Hw);
    });
    J.attributeArray("vector_ops", [&] {
      for (const VectorFacts &V : R.Table.Vectors)
        J.object([&] {
          J.attribute("name", V.Name);
          J.attribute("op", V.Op);
          ScheduleTotals S = vectorSchedule(V, SH);
          writeGroups(J,
                      [&](FieldVisitor Fn) { visitVectorFields(V, &S, Fn); });
        });
    });
    J.attributeArray("control_flow", [&] {
      for (const ControlFlowFacts &C : R.Table.ControlFlow)
        writeControlFlow(J, C);
    });
    writeCounts(J, "not_costed", R.Table.NotCosted);
    writeCounts(J, "quantizers", R.Table.Quantizers);
    J.attribute("model_changed", llvm::json::Array(R.Table.ModelChanges));
    J.attributeObject("totals", [&] {
      visitNetFields(R.Totals, &R.Eval.Net, &Hw,
                     [&](const FieldInfo &I, const FieldValue &V) {
                       writeJsonField(J, I.Key, V);
                     });
      J.attribute("excludes_not_costed", !R.Table.NotCosted.empty());
    });
  });
  OS << '\n';
}
