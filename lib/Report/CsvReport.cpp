//===- CsvReport.cpp - One row per layer, for spreadsheets ----------------===//
//
// RFC 4180 CSV. Columns: kind, name, op, the layer's identity and formats,
// then every layer field of the field table (Fields.def) in order, then the
// network-only fields. Rows: one per compute layer (kind "layer"), one per
// vector-unit op ("vector", in the columns of the fields it has), one per
// branch of an If or Loop ("branch": the node in `name` and `node`, its own
// totals in the columns of the totals, then the control-flow and branch
// fields not already columns at the end), and one "network" row with the totals
// (a total goes in the column of the layer field it sums). Exact integers;
// doubles with 17 significant digits.
//
//===----------------------------------------------------------------------===//
#include "hcm/Report/Report.h"

#include <fmt/format.h>

#include <map>

using namespace hcm;

namespace {

std::string cell(const FieldValue &V) {
  std::string S;
  appendCsvCell(S, V);
  return S;
}

const char *const Identity[] = {
    "kind",         "name",   "op", "kh", "kw",  "in_channels",
    "out_channels", "groups", "a",  "w",  "out", "acc_bits"};

/// Column index of every field key: identity, layer fields, network-only.
class Columns {
public:
  Columns() {
    for (const char *K : Identity)
      add(K);
    for (const FieldInfo &I : layerFieldInfos())
      add(I.Key);
    for (const FieldInfo &I : netFieldInfos())
      add(I.Key);
    for (const FieldInfo &I : controlFieldInfos())
      add(I.Key);
    for (const FieldInfo &I : branchFieldInfos())
      add(I.Key);
  }
  size_t size() const { return Names.size(); }
  size_t at(llvm::StringRef Key) const { return Index.at(Key.str()); }
  const std::vector<std::string> &names() const { return Names; }

private:
  void add(const std::string &K) {
    if (Index.emplace(K, Names.size()).second)
      Names.push_back(K);
  }
  std::vector<std::string> Names;
  std::map<std::string, size_t> Index;
};

void printRow(const std::vector<std::string> &Cells, llvm::raw_ostream &OS) {
  for (size_t I = 0; I < Cells.size(); ++I)
    OS << (I ? "," : "") << Cells[I];
  OS << '\n';
}

} // namespace

void hcm::printCsvReport(const Report &R, llvm::raw_ostream &OS) {
  static const Columns Cols;
  const HwModel &Hw = R.hw();
  printRow(Cols.names(), OS);
  auto Put = [&](std::vector<std::string> &Row) {
    return [&Row](const FieldInfo &I, const FieldValue &V) {
      Row[Cols.at(I.Key)] = cell(V);
    };
  };
  for (size_t I = 0; I < R.Table.Layers.size(); ++I) {
    const LayerFacts &F = R.Table.Layers[I];
    std::vector<std::string> Row(Cols.size());
    const std::string Id[] = {"layer",
                              csvQuote(F.Name),
                              F.Op,
                              std::to_string(F.S.KH),
                              std::to_string(F.S.KW),
                              std::to_string(F.S.NIn),
                              std::to_string(F.S.MOut),
                              std::to_string(F.S.Groups),
                              F.Q.A.str(),
                              F.Q.W.str(),
                              F.Q.Out.str(),
                              std::to_string(F.Q.Acc)};
    std::copy(std::begin(Id), std::end(Id), Row.begin());
    visitLayerFields(F, &R.Eval.Layers[I], &Hw, Put(Row));
    printRow(Row, OS);
  }
  ScheduleHw SH = scheduleHw(Hw);
  for (const VectorFacts &V : R.Table.Vectors) {
    std::vector<std::string> Row(Cols.size());
    Row[0] = "vector";
    Row[1] = csvQuote(V.Name);
    Row[2] = csvQuote(V.Op);
    ScheduleTotals S = vectorSchedule(V, SH);
    visitVectorFields(V, &S, Put(Row));
    printRow(Row, OS);
  }
  for (const ControlFlowFacts &C : R.Table.ControlFlow)
    for (size_t I = 0; I < C.Branches.size(); ++I) {
      std::vector<std::string> Row(Cols.size());
      Row[0] = "branch";
      Row[1] = csvQuote(C.Node);
      visitControlFields(C, Put(Row));
      visitBranchFields(C, I, Put(Row));
      printRow(Row, OS);
    }
  std::vector<std::string> Row(Cols.size());
  Row[0] = "network";
  Row[1] = csvQuote(Hw.displayName());
  visitNetFields(R.Totals, &R.Eval.Net, &Hw, Put(Row));
  printRow(Row, OS);
}
