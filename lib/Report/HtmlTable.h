//===- HtmlTable.h - Sortable HTML tables of the report ---------*- C++ -*-===//
//
// Internal to lib/Report. A table is written as plain HTML (readable with
// JavaScript off); each cell may carry a sort key (`data-v`, a number) so
// that the page's inline script sorts numerically by any column.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_REPORT_HTMLTABLE_H
#define HCM_LIB_REPORT_HTMLTABLE_H

#include "hcm/Report/Report.h"

#include <string>
#include <vector>

namespace hcm {

/// One cell: the text shown and, for numbers, the exact value to sort by.
struct HtmlCell {
  std::string Text;
  bool HasKey = false;
  double Key = 0;
  HtmlCell(std::string T) : Text(std::move(T)) {}
  HtmlCell(const char *T) : Text(T) {}
  HtmlCell(std::string T, double K)
      : Text(std::move(T)), HasKey(true), Key(K) {}
};

struct HtmlTable {
  std::string Id, Caption;
  std::vector<std::string> Header;
  std::vector<std::vector<HtmlCell>> Rows;
  /// Rows after the body (totals): never sorted.
  std::vector<std::vector<HtmlCell>> Footer;
  void write(llvm::raw_ostream &OS) const;
};

/// The per-layer table: work, traffic, roofline, PPA, one row per layer.
HtmlTable layerHtmlTable(const Report &R);
/// The schedule summary: groups, passes, partial sums, cycles, DRAM bits.
HtmlTable scheduleHtmlTable(const Report &R);
/// One table per If or Loop whose subgraphs were costed: a row per branch
/// (or the Loop body) with its own totals, and which one the network totals
/// count (the JSON and CSV reports' control_flow).
std::vector<HtmlTable> controlFlowHtmlTables(const Report &R);

} // namespace hcm

#endif // HCM_LIB_REPORT_HTMLTABLE_H
