//===- ImportInternal.h - Shared pieces of the ONNX importer ----*- C++ -*-===//
//
// Private to lib/Import. The importer runs in stages, one file each: parse
// (OnnxParse.cpp), prepare the proto and run ONNX shape inference
// (ProtoPrepare.cpp), convert graphs, tensors and attributes (OnnxReader.cpp,
// TensorReader.cpp, ExternalData.cpp, AttrReader.cpp) and normalise nodes
// through the op table (OpTable.cpp). The markers at the end are what the
// exporter writes into doc_string fields so that import(export(M)) restores
// information ONNX has no field for.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_LIB_IMPORT_IMPORTINTERNAL_H
#define HCM_LIB_IMPORT_IMPORTINTERNAL_H

#include "hcm/IR/Diag.h"
#include "hcm/IR/Module.h"
#include "hcm/Import/Import.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include "onnx/onnx_pb.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hcm {

/// A tensor payload left in the mapped model file (WireStrip.cpp): bytes
/// [Offset, Offset + Length) of the file; packed varints when \c Varint.
struct MappedPayload {
  uint64_t Offset = 0;
  uint64_t Length = 0;
  bool Varint = false;
};

/// State shared while converting one model.
struct ReaderContext {
  Module &M;
  std::string Path;    ///< the model file, for diagnostics
  std::string BaseDir; ///< its folder, anchors external data
  WarningHandler OnWarning;
  std::set<std::string> Warned; ///< keys of warnings already given
  /// (domain, name) of the model-local functions.
  std::set<std::pair<std::string, std::string>> LocalFunctions;
  /// The model file and the payloads stripped from it (binary ONNX read
  /// through stripTensorPayloads); null otherwise.
  std::shared_ptr<const llvm::MemoryBuffer> File;
  const std::vector<MappedPayload> *Payloads = nullptr;
  /// readOnnxModel's Consume (ImportOptions::ReleaseProtoFrom): readGraph
  /// frees what it has converted.
  bool ReleaseProto = false;

  /// Emits `Path: warning: Msg` unless a warning with \p Key was given.
  void warnOnce(const std::string &Key, const llvm::Twine &Msg) {
    if (Warned.insert(Key).second && OnWarning)
      OnWarning(oneLine(Path + ": warning: " + Msg.str()));
  }
  llvm::Error error(const llvm::Twine &Msg) const {
    return makeError(Path, Msg);
  }
};

//===--- Stages -----------------------------------------------------------===//

/// Parses a binary ModelProto (OnnxParse.cpp).
llvm::Error parseOnnxBinary(llvm::StringRef Buffer, llvm::StringRef Path,
                            onnx::ModelProto &Proto);
/// Copies the binary model \p Buffer into \p Out without its large tensor
/// payloads, which are listed in \p Payloads and marked in their tensors
/// (marker::Mapped); false when the bytes are not plain protobuf, and the
/// caller parses \p Buffer as it is. With no payload to strip, \p Out is
/// left empty (WireStrip.cpp).
bool stripTensorPayloads(llvm::StringRef Buffer, std::string &Out,
                         std::vector<MappedPayload> &Payloads);
/// Parses textual ONNX; `//` lines are blanked first (OnnxParse.cpp).
llvm::Error parseOnnxText(llvm::StringRef Buffer, llvm::StringRef Path,
                          onnx::ModelProto &Proto);

/// Deepest bracket nesting of textual ONNX and deepest subgraph nesting of
/// any ONNX model (NestingLimits.cpp).
constexpr unsigned MaxTextNesting = 256;
constexpr unsigned MaxSubgraphDepth = 32;
/// Protobuf's recursion limit for binary models (also how deep WireStrip.cpp
/// walks): a subgraph level is three messages deep (graph, node, attribute),
/// so this admits MaxSubgraphDepth levels with room for the types inside the
/// deepest graph.
constexpr int MaxMessageNesting = 3 * MaxSubgraphDepth + 64;
/// Fails at the first bracket nested deeper than MaxTextNesting; run before
/// ONNX's (recursive) text parser.
llvm::Error checkTextNesting(llvm::StringRef Text, llvm::StringRef Path);
/// Fails when graphs nest deeper than MaxSubgraphDepth (main graph and
/// model-local functions); run before anything recurses over the graphs.
llvm::Error checkSubgraphDepth(const onnx::ModelProto &Proto,
                               llvm::StringRef Path);

/// Opset versions are >= 1 and no dim_value is negative (ModelChecks.cpp).
llvm::Error checkModelProto(const onnx::ModelProto &Proto,
                            llvm::StringRef Path);

/// --batch replaces dim 0 of \p Input, named \p Symbol: warns when a --dim
/// binds that symbol to another value (the batch wins). One check for the
/// ONNX and the .hcm importers (ProtoPrepare.cpp).
void warnBatchOverridesDim(const ImportOptions &Opts, llvm::StringRef Path,
                           const std::string &Symbol, llvm::StringRef Input);
/// Checks the proto is a model, binds dims, names unnamed nodes and runs
/// ONNX shape inference (ProtoPrepare.cpp).
llvm::Error prepareModelProto(onnx::ModelProto &Proto, llvm::StringRef Path,
                              const ImportOptions &Opts);

/// Converts \p Proto (prepared). Raw tensor bytes are moved out of \p Proto,
/// not copied; with \p Consume (a proto on the heap) the rest is freed as it
/// is converted (OnnxReader.cpp).
llvm::Expected<std::unique_ptr<Module>>
readOnnxModel(onnx::ModelProto &Proto, llvm::StringRef Path,
              const ImportOptions &Opts, bool Consume,
              std::shared_ptr<const llvm::MemoryBuffer> File = nullptr,
              const std::vector<MappedPayload> *Payloads = nullptr);
/// Converts one graph (main graph or subgraph) into \p G (OnnxReader.cpp).
llvm::Error readGraph(onnx::GraphProto &P, Graph &G, ReaderContext &Ctx);

/// The generic attribute converter; graphs become subgraphs of \p Owner
/// (AttrReader.cpp).
llvm::Expected<Attribute> readAttribute(onnx::AttributeProto &A, Node &Owner,
                                        ReaderContext &Ctx);

/// Converts a tensor; \p Owner describes it in diagnostics, e.g.
/// "initializer 'w'" (TensorReader.cpp).
llvm::Expected<Tensor> readTensor(onnx::TensorProto &T, llvm::StringRef Owner,
                                  ReaderContext &Ctx);
/// A sparse tensor becomes an elided tensor of its dense type, with a warning.
Tensor readSparseTensor(const onnx::SparseTensorProto &T, llvm::StringRef Owner,
                        ReaderContext &Ctx);
/// A tensor stored outside the model (ExternalData.cpp).
llvm::Expected<Tensor> readExternalTensor(const onnx::TensorProto &T, Type Ty,
                                          llvm::StringRef Owner,
                                          ReaderContext &Ctx);

/// Normalises an imported node through the op table; the module's opset for
/// the node's domain is resolved once, here (OpTable.cpp).
llvm::Error normalizeNode(Node &N, ReaderContext &Ctx);

/// \p A as the AttributeProto \p Name, encoded as node attributes are
/// (OnnxExport.cpp).
onnx::AttributeProto exportAttribute(const Attribute &A, llvm::StringRef Name);
/// Bytes [Offset, Offset + Length) of file Path, to copy.
struct DataSlice {
  std::string Path;
  uint64_t Offset, Length;
};
/// Points the external data of \p P, exported from \p M to be written to
/// \p OutPath, at `<OutPath>.data` when \p OutPath is outside \p M's folder;
/// returns the bytes to copy there, in order (OnnxAnnotateData.cpp).
std::vector<DataSlice> relocateExternalData(onnx::ModelProto &P,
                                            const Module &M,
                                            llvm::StringRef OutPath);
/// Writes the bytes of \p Slices, in order, to \p Path.
llvm::Error writeDataSlices(llvm::StringRef Path,
                            const std::vector<DataSlice> &Slices);
/// Turns the `hcm.prop:<name>` metadata that --emit=onnx writes back into
/// module properties (OnnxAnnotate.cpp).
llvm::Error restoreHcmProperties(Module &M, ReaderContext &Ctx);

//===--- Round-trip markers -----------------------------------------------===//

/// doc_string tokens (space separated) written by the exporter.
namespace marker {
/// AttributeProto of type STRING holding an hcm f64 scalar.
constexpr llvm::StringLiteral F64 = "hcm:f64";
/// AttributeProto of type GRAPH holding an hcm dictionary: the graph's one
/// node carries the entries as its attributes.
constexpr llvm::StringLiteral Dict = "hcm:dict";
/// TensorProto with dims only: its data was elided from the IR text.
constexpr llvm::StringLiteral Elided = "hcm:elided";
/// `hcm:elem=i4` on a TensorProto / ValueInfoProto: the element type ONNX
/// cannot name (the proto carries the next wider ONNX type).
constexpr llvm::StringLiteral ElemPrefix = "hcm:elem=";
/// external_data key of a tensor whose payload stayed in the mapped file;
/// its value indexes ReaderContext::Payloads (never written to files).
constexpr llvm::StringLiteral Mapped = "hcm:mapped";
/// metadata_props key: the module had no ir_version property.
constexpr llvm::StringLiteral NoIrVersion = "hcm:no-ir_version";
} // namespace marker

/// True when \p Doc contains the token \p Marker.
bool hasMarker(llvm::StringRef Doc, llvm::StringRef Marker);
/// The element type named by an `hcm:elem=` token of \p Doc, if any.
std::optional<ElementType> markedElemType(llvm::StringRef Doc);
/// \p Ty with its (tensor) element type replaced by the marked one.
Type applyElemMarker(Type Ty, llvm::StringRef Doc);

} // namespace hcm

#endif // HCM_LIB_IMPORT_IMPORTINTERNAL_H
