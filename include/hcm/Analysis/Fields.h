//===- Fields.h - The reported fields, from Fields.def ----------*- C++ -*-===//
//
// The values behind every attribute, JSON key and CSV column, generated from
// the one table in Fields.def: visit them with their key, unit and doc.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_ANALYSIS_FIELDS_H
#define HCM_ANALYSIS_FIELDS_H

#include "hcm/Analysis/Evaluate.h"
#include "hcm/Analysis/LayerTable.h"
#include "hcm/IR/Attribute.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace hcm {

enum class FieldGroup { work, traffic, tiling, schedule, roofline, ppa };
/// "work", "traffic", ...: the JSON object and the attribute `hcm.<group>`.
const char *groupName(FieldGroup G);
/// True for groups computed on a hardware model.
inline bool needsHardware(FieldGroup G) { return G >= FieldGroup::schedule; }

/// One field's value: an exact integer, a double, a flag, a string, or
/// nothing (a figure the target cannot give, e.g. energy without power).
struct FieldValue {
  enum Kind { Null, Int, Double, Bool, String } K = Null;
  int64_t I = 0;
  double D = 0;
  std::string S;
  FieldValue() = default;
  FieldValue(int64_t V) : K(Int), I(V) {}
  FieldValue(double V) : K(Double), D(V) {}
  FieldValue(bool V) : K(Bool), I(V) {}
  FieldValue(std::string V) : K(String), S(std::move(V)) {}
  template <typename T> FieldValue(std::optional<T> V) {
    if (V)
      *this = FieldValue(*V);
  }
};

struct FieldInfo {
  FieldGroup Group;
  const char *Key, *Unit, *Doc;
};

/// Sums over the layer table (LayerTotals, hardware-independent).
LayerTotals totalsOf(const LayerTable &T);

using FieldVisitor =
    llvm::function_ref<void(const FieldInfo &, const FieldValue &)>;

/// Layer fields in table order; groups on hardware only when \p E is given.
void visitLayerFields(const LayerFacts &F, const LayerEval *E,
                      const HwModel *Hw, FieldVisitor Visit);
/// Vector-op fields (the keys of the layer fields they share); the schedule
/// ones only when \p S is given.
void visitVectorFields(const VectorFacts &V, const ScheduleTotals *S,
                       FieldVisitor Visit);
/// Network fields; those on hardware only when \p N and \p Hw are given.
void visitNetFields(const LayerTotals &T, const NetworkSummary *N,
                    const HwModel *Hw, FieldVisitor Visit);
void visitHwFields(const HwModel &Hw, FieldVisitor Visit);
/// The fields of control-flow node \p C (node, op, chosen, trip, why).
void visitControlFields(const ControlFlowFacts &C, FieldVisitor Visit);
/// The fields of branch \p I of \p C, then its hardware-free totals.
void visitBranchFields(const ControlFlowFacts &C, size_t I, FieldVisitor Visit);

/// The field tables, for the CSV header and the docs.
const std::vector<FieldInfo> &layerFieldInfos();
const std::vector<FieldInfo> &netFieldInfos();
const std::vector<FieldInfo> &hwFieldInfos();
const std::vector<FieldInfo> &controlFieldInfos();
const std::vector<FieldInfo> &branchFieldInfos();

/// RFC 4180 quoting: \p S as is, or in double quotes (inner ones doubled)
/// when it holds a comma, a quote or a newline.
std::string csvQuote(llvm::StringRef S);
/// Appends the CSV cell of \p V to \p Out: exact integers (flags 0/1),
/// doubles with 17 significant digits, quoted strings, nothing for Null.
void appendCsvCell(std::string &Out, const FieldValue &V);
/// `"Key": V` in \p J (Null as null, flags as booleans).
void writeJsonField(llvm::json::OStream &J, llvm::StringRef Key,
                    const FieldValue &V);

/// The attribute form of a value (Null gives no attribute).
std::optional<Attribute> toAttribute(const FieldValue &V);
/// Writes group \p G of layer \p F as the dictionary `hcm.<group>`.
void writeLayerGroup(Node &N, FieldGroup G, const LayerFacts &F,
                     const LayerEval *E, const HwModel *Hw);
/// Writes the hardware model as the module property `hcm.target`.
void writeHwModel(Module &M, const HwModel &Hw);

/// The field table as Markdown (docs/REPORT.md embeds it).
void printFieldDocs(llvm::raw_ostream &OS);

} // namespace hcm

#endif // HCM_ANALYSIS_FIELDS_H
