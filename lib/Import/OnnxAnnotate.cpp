//===- OnnxAnnotate.cpp - ONNX for other tools, with hcm's analyses -------===//
//
// `hcm-opt --emit=onnx` (docs/ONNX.md): the exported model made acceptable
// to onnx.checker and to viewers while keeping every hcm attribute.
//  - Nodes of hcm's own domain `hcm` (hcm.PEConv after lower-to-pe) keep
//    their attributes: bitwidths (hcm.quant), lowering (hcm.pe) and results
//    (hcm.work, hcm.traffic, ...). The model imports domain `hcm` version 1,
//    and the importer reads these nodes as the IR ops they are (OpTable.cpp).
//  - Nodes of a standard domain cannot carry unknown attributes, so theirs
//    move to metadata_props, key `hcm.attr:<node>:<attribute>`, value the
//    AttributeProto in protobuf text format.
//  - Module properties named `hcm.*` (the target the results are for,
//    `hcm.target`) go to metadata_props key `hcm.prop:<property>`, value the
//    AttributeProto in the same form.
//  - An hcm dictionary (a GRAPH attribute marked `hcm:dict`) holds one node
//    of domain `hcm` carrying the entries, with one output `hcm.dict.<N>`.
// Importing the file moves the metadata back (restoreHcmAnnotations before
// shape inference, restoreHcmProperties when the module is built), so the
// module reads as if exported plainly. Written outside the source model's
// folder, the external data the source has goes to `<output>.data`.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxExport.h"
#include "hcm/Support/Output.h"

#include "llvm/ADT/StringRef.h"

#include <google/protobuf/text_format.h>

using namespace hcm;

namespace {

constexpr llvm::StringLiteral HcmDomain = "hcm";
constexpr llvm::StringLiteral AttrKeyPrefix = "hcm.attr:";
constexpr llvm::StringLiteral PropKeyPrefix = "hcm.prop:";

bool isStandardDomain(llvm::StringRef D) {
  return D.empty() || D == "ai.onnx" || D == "ai.onnx.ml";
}

void markDicts(onnx::GraphProto &G, int &Count);

/// Gives the hcm dictionaries in \p A (nested ones and those in subgraphs
/// included) a node of domain `hcm` with one output, `hcm.dict.<N>`
/// numbered in walk order (the checker wants a node to define a value, each
/// name once).
void markDicts(onnx::AttributeProto &A, int &Count) {
  if (A.type() == onnx::AttributeProto::GRAPH &&
      hasMarker(A.doc_string(), marker::Dict))
    for (onnx::NodeProto &D : *A.mutable_g()->mutable_node()) {
      D.set_domain(HcmDomain.str());
      D.clear_output();
      D.add_output("hcm.dict." + std::to_string(Count++));
    }
  if (A.has_g())
    markDicts(*A.mutable_g(), Count);
  for (onnx::GraphProto &S : *A.mutable_graphs())
    markDicts(S, Count);
}

void markDicts(onnx::GraphProto &G, int &Count) {
  for (onnx::NodeProto &N : *G.mutable_node())
    for (onnx::AttributeProto &A : *N.mutable_attribute())
      markDicts(A, Count);
}

/// \p A on one line of protobuf text (a metadata_props value).
std::string toText(const onnx::AttributeProto &A) {
  google::protobuf::TextFormat::Printer Printer;
  Printer.SetSingleLineMode(true);
  std::string Text;
  Printer.PrintToString(A, &Text);
  return llvm::StringRef(Text).rtrim().str();
}

/// Adds the module properties named `hcm.*` as `hcm.prop:` metadata.
void addProperties(const Module &M, onnx::ModelProto &P, int &Count) {
  for (const auto &[Name, Value] : M.getProperties()) {
    if (!llvm::StringRef(Name).startswith("hcm."))
      continue;
    onnx::AttributeProto A = exportAttribute(Value, Name);
    markDicts(A, Count);
    auto *E = P.add_metadata_props();
    E->set_key((PropKeyPrefix + Name).str());
    E->set_value(toText(A));
  }
}

/// Moves the hcm attributes of standard-domain main-graph nodes to
/// metadata_props.
void moveToMetadata(onnx::ModelProto &P) {
  for (onnx::NodeProto &N : *P.mutable_graph()->mutable_node()) {
    if (!isStandardDomain(N.domain()))
      continue;
    auto *Attrs = N.mutable_attribute();
    for (int I = 0; I < Attrs->size();) {
      if (!llvm::StringRef(Attrs->Get(I).name()).startswith("hcm.")) {
        ++I;
        continue;
      }
      auto *E = P.add_metadata_props();
      E->set_key((AttrKeyPrefix + N.name() + ":" + Attrs->Get(I).name()).str());
      E->set_value(toText(Attrs->Get(I)));
      Attrs->DeleteSubrange(I, 1);
    }
  }
}

void addHcmOpset(onnx::ModelProto &P) {
  for (const auto &O : P.opset_import())
    if (O.domain() == HcmDomain)
      return;
  auto *O = P.add_opset_import();
  O->set_domain(HcmDomain.str());
  O->set_version(1);
}

} // namespace

onnx::ModelProto hcm::exportAnnotatedOnnx(const Module &M) {
  onnx::ModelProto P = exportToOnnx(M);
  int Count = 0;
  markDicts(*P.mutable_graph(), Count);
  moveToMetadata(P);
  addProperties(M, P, Count);
  addHcmOpset(P);
  return P;
}

llvm::Error hcm::writeAnnotatedOnnx(const Module &M, llvm::StringRef Path) {
  onnx::ModelProto P = exportAnnotatedOnnx(M);
  std::vector<DataSlice> Slices = relocateExternalData(P, M, Path);
  if (!Slices.empty())
    if (llvm::Error E = writeDataSlices((Path + ".data").str(), Slices))
      return E;
  std::string Bytes;
  if (!P.SerializeToString(&Bytes))
    return makeError(Path, "cannot serialize the model as ONNX (over 2 GiB?)");
  return writeOutput(Path, [&](llvm::raw_ostream &OS) { OS << Bytes; });
}

llvm::Error hcm::restoreHcmAnnotations(onnx::ModelProto &P,
                                       llvm::StringRef Path) {
  auto *Props = P.mutable_metadata_props();
  for (int I = 0; I < Props->size();) {
    llvm::StringRef Key = Props->Get(I).key();
    if (!Key.consume_front(AttrKeyPrefix)) {
      ++I;
      continue;
    }
    auto [NodeName, AttrName] = Key.rsplit(':');
    onnx::NodeProto *Target = nullptr;
    for (onnx::NodeProto &N : *P.mutable_graph()->mutable_node())
      if (N.name() == NodeName)
        Target = &N;
    onnx::AttributeProto A;
    if (!Target)
      return makeError(Path, "metadata '" + Props->Get(I).key() +
                                 "' names no node of the main graph");
    if (!google::protobuf::TextFormat::ParseFromString(Props->Get(I).value(),
                                                       &A) ||
        A.name() != AttrName)
      return makeError(Path, "metadata '" + Props->Get(I).key() +
                                 "' is not the attribute it names");
    *Target->add_attribute() = std::move(A);
    Props->DeleteSubrange(I, 1);
  }
  return llvm::Error::success();
}

llvm::Error hcm::restoreHcmProperties(Module &M, ReaderContext &Ctx) {
  auto &Meta = M.getMetadata();
  for (auto It = Meta.begin(); It != Meta.end();) {
    llvm::StringRef Name = It->first;
    if (!Name.consume_front(PropKeyPrefix)) {
      ++It;
      continue;
    }
    onnx::AttributeProto A;
    if (!google::protobuf::TextFormat::ParseFromString(It->second, &A) ||
        A.name() != Name)
      return Ctx.error("metadata '" + It->first +
                       "' is not the property it names");
    // The attribute reader wants an owner node (for subgraphs and
    // messages); properties hold no graphs, so a scratch one does.
    Graph Scratch;
    Node *Owner = Scratch.addNode(HcmDomain.str(), "property", Name.str());
    auto V = readAttribute(A, *Owner, Ctx);
    if (!V)
      return V.takeError();
    M.getProperties()[Name.str()] = std::move(*V);
    It = Meta.erase(It);
  }
  return llvm::Error::success();
}
