//===- PointWriter.cpp - CSV rows and JSON objects of design points -------===//
#include "hcm/DSE/PointWriter.h"
#include "hcm/Support/Version.h"

#include "llvm/Support/JSON.h"

#include <fmt/format.h>

using namespace hcm;

namespace {

void appendCell(std::string &Out, const FieldValue &V) {
  Out += ',';
  appendCsvCell(Out, V);
}

} // namespace

void hcm::writeCsvHeader(const SweepHeader &H, llvm::raw_ostream &OS) {
  OS << "point";
  for (const SweepAxis &A : H.Space->axes())
    OS << ',' << csvQuote(A.name());
  OS << ",pareto";
  for (const FieldInfo &I : netFieldInfos())
    OS << ',' << I.Key;
  for (const FieldInfo &I : hwFieldInfos())
    OS << ',' << I.Key;
  for (const FieldInfo &I : pointFieldInfos())
    if (H.WithAccuracy || llvm::StringRef(I.Key) != "accuracy")
      OS << ',' << I.Key;
  OS << '\n';
}

void hcm::renderCsvRow(const SweepHeader &H, const PointContext &P, bool Pareto,
                       std::string &Out) {
  fmt::format_to(std::back_inserter(Out), "{}", P.R.Id);
  for (size_t A = 0; A < H.Space->axes().size(); ++A)
    Out += ',' + csvQuote(H.Space->value(P.R.Id, A));
  Out += Pareto ? ",1" : ",0";
  auto Cell = [&](const FieldInfo &, const FieldValue &V) {
    appendCell(Out, V);
  };
  visitNetFields(P.T, &P.R.Net, &P.R.Hw, Cell);
  visitHwFields(P.R.Hw, Cell);
  visitPointFields(P, H.WithAccuracy, Cell);
  Out += '\n';
}

void hcm::writeJsonHeader(const SweepHeader &H, llvm::raw_ostream &OS) {
  std::string Head;
  llvm::raw_string_ostream S(Head);
  llvm::json::OStream J(S, 2);
  J.object([&] {
    J.attribute("schema", DseSchema);
    J.attribute("model", H.Model);
    J.attribute("target", H.Target);
    J.attributeArray("axes", [&] {
      for (const SweepAxis &A : H.Space->axes())
        J.object([&] {
          J.attribute("name", A.name());
          J.attribute("keys", llvm::json::Array(A.Keys));
          J.attribute("values", llvm::json::Array(A.Values));
        });
    });
    J.attributeArray("objectives", [&] {
      for (const Objective &O : H.Objectives)
        J.object([&] {
          J.attribute("key", O.Key);
          J.attribute("sense", O.S == Sense::Min ? "min" : "max");
        });
    });
    J.attribute("reference", int64_t(H.Reference));
    J.attribute("space", int64_t(H.Space->size()));
    J.attribute("points_visited", int64_t(H.Points));
    J.attribute("sampled", H.Sampled);
    J.attributeArray("front", [&] {
      for (uint64_t Id : H.Front)
        J.value(int64_t(Id));
    });
    J.attributeArray("points", [] {});
  });
  S.flush();
  // Reopen the (empty, last) points array: points stream after it.
  size_t Open = Head.rfind("[]");
  OS << llvm::StringRef(Head).take_front(Open) << "[\n";
}

void hcm::renderJsonPoint(const SweepHeader &H, const PointContext &P,
                          bool Pareto, std::string &Out) {
  llvm::raw_string_ostream S(Out);
  llvm::json::OStream J(S);
  J.object([&] {
    J.attribute("point", int64_t(P.R.Id));
    J.attributeObject("values", [&] {
      for (size_t A = 0; A < H.Space->axes().size(); ++A)
        J.attribute(H.Space->axes()[A].name(), H.Space->value(P.R.Id, A));
    });
    J.attribute("pareto", Pareto);
    J.attributeObject("totals", [&] {
      visitNetFields(P.T, &P.R.Net, &P.R.Hw,
                     [&](const FieldInfo &I, const FieldValue &V) {
                       writeJsonField(J, I.Key, V);
                     });
    });
    J.attributeObject("target", [&] {
      visitHwFields(P.R.Hw, [&](const FieldInfo &I, const FieldValue &V) {
        writeJsonField(J, I.Key, V);
      });
      J.attributeArray("overrides", [&] {
        for (const auto &KV : P.R.Hw.Overrides)
          J.value(KV.first + "=" + KV.second);
      });
    });
    J.attributeObject("figures", [&] {
      visitPointFields(P, H.WithAccuracy,
                       [&](const FieldInfo &I, const FieldValue &V) {
                         writeJsonField(J, I.Key, V);
                       });
    });
  });
  S.flush();
}

void hcm::writeJsonFooter(llvm::raw_ostream &OS) { OS << "\n  ]\n}\n"; }
