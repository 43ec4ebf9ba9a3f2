//===- WireStrip.cpp - Tensor payloads out of a binary ModelProto ---------===//
//
// Weights are most of a model file and the analyses never need them, yet
// protobuf copies every raw_data into a std::string. This walks the wire
// format of ModelProto -> GraphProto -> (initializer | node -> attribute ->
// t/tensors/g/graphs) -> TensorProto and writes the model again without the
// large payloads: a TensorProto whose data is a single raw_data or packed
// float/double/int32/int64/uint64_data field of at least kMinPayload bytes
// loses that field, gains `data_location: EXTERNAL` (so that ONNX shape
// inference treats its values as unavailable instead of reading an empty
// tensor) and an external_data entry `hcm:mapped = <index>` naming the
// (offset, length) recorded in the payload table. Everything else is copied
// byte for byte. Anything unexpected (groups, truncation, a payload field
// that is repeated, not the one the data type reads, or next to another)
// leaves that tensor, or the whole model, to protobuf as before.
//
// A first walk only finds the payloads; a model without any (every tensor
// small) is not rewritten at all. The second rewrites only the messages that
// hold one: every other field, node included, is copied as one span.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

#include <algorithm>
#include <cstring>

using namespace hcm;

namespace {

/// Payloads smaller than this stay in the proto: shape tensors (Reshape's
/// shape, Slice's starts, ...) that shape inference reads are far smaller.
constexpr uint64_t kMinPayload = 1024;
/// Nested messages walked at most (the recursion limit protobuf is given).
constexpr unsigned kMaxDepth = MaxMessageNesting;

enum class Msg { Model, Graph, Node, Attribute, Tensor };

/// onnx.proto field numbers.
namespace field {
constexpr uint32_t ModelGraph = 7, ModelFunctions = 25;
constexpr uint32_t GraphNode = 1, GraphInitializer = 5;
constexpr uint32_t NodeAttribute = 5;
constexpr uint32_t AttrT = 5, AttrG = 6, AttrTensors = 10, AttrGraphs = 11;
constexpr uint32_t TDataType = 2, TFloat = 4, TInt32 = 5, TInt64 = 7, TRaw = 9,
                   TDouble = 10, TUint64 = 11, TExternal = 13, TLocation = 14;
} // namespace field

/// onnx::TensorProto::DataType values the typed fields depend on.
namespace dtype {
constexpr uint64_t Float = 1, String = 8, Int64 = 7, Double = 11, Uint32 = 12,
                   Uint64 = 13, Complex64 = 14, Complex128 = 15;
} // namespace dtype

class Stripper {
public:
  Stripper(const uint8_t *Base, std::vector<MappedPayload> &Payloads)
      : Base(Base), Payloads(Payloads) {}

  /// Rewrites the message [B, E) of kind \p K into \p Out (null: only
  /// records its payloads); false when the bytes are not well-formed
  /// protobuf.
  bool message(const uint8_t *B, const uint8_t *E, Msg K, std::string *Out);
  /// Starts the rewrite: the payloads found so far tell which messages hold
  /// one, and are found again as the rewrite reaches them.
  void beginRewrite();

private:
  struct Field {
    uint32_t Number;
    unsigned Wire;
    const uint8_t *Start, *Value, *End; ///< tag, value (after length), end
    uint64_t Varint = 0;
  };
  bool next(const uint8_t *&P, const uint8_t *E, Field &F) const;
  bool tensor(const uint8_t *B, const uint8_t *E, std::string *Out);
  static std::optional<Msg> child(Msg K, uint32_t Number);
  /// Whether [B, E) holds a payload the first walk found.
  bool holdsPayload(const uint8_t *B, const uint8_t *E) const;

  const uint8_t *Base;
  std::vector<MappedPayload> &Payloads;
  std::vector<uint64_t> Found; ///< offsets of the first walk's payloads
  unsigned Depth = 0;
};

bool readVarint(const uint8_t *&P, const uint8_t *E, uint64_t &V) {
  V = 0;
  for (unsigned Shift = 0; Shift < 64; Shift += 7) {
    if (P == E)
      return false;
    uint8_t B = *P++;
    V |= uint64_t(B & 0x7f) << Shift;
    if (!(B & 0x80))
      return true;
  }
  return false;
}

void writeVarint(std::string &Out, uint64_t V) {
  while (V >= 0x80) {
    Out.push_back(char(V | 0x80));
    V >>= 7;
  }
  Out.push_back(char(V));
}

void writeTag(std::string &Out, uint32_t Number, unsigned Wire) {
  writeVarint(Out, (uint64_t(Number) << 3) | Wire);
}

void writeBytes(std::string &Out, uint32_t Number, llvm::StringRef S) {
  writeTag(Out, Number, 2);
  writeVarint(Out, S.size());
  Out.append(S.data(), S.size());
}

bool Stripper::next(const uint8_t *&P, const uint8_t *E, Field &F) const {
  F.Start = P;
  uint64_t Tag;
  if (!readVarint(P, E, Tag) || (Tag >> 3) == 0 || (Tag >> 3) > UINT32_MAX)
    return false;
  F.Number = uint32_t(Tag >> 3);
  F.Wire = unsigned(Tag & 7);
  switch (F.Wire) {
  case 0:
    if (!readVarint(P, E, F.Varint))
      return false;
    F.Value = F.Start;
    break;
  case 1:
  case 5: {
    size_t N = F.Wire == 1 ? 8 : 4;
    if (size_t(E - P) < N)
      return false;
    F.Value = P;
    P += N;
    break;
  }
  case 2: {
    uint64_t Len;
    if (!readVarint(P, E, Len) || Len > uint64_t(E - P))
      return false;
    F.Value = P;
    P += Len;
    break;
  }
  default: // groups (3, 4) and invalid wire types: leave it to protobuf
    return false;
  }
  F.End = P;
  return true;
}

std::optional<Msg> Stripper::child(Msg K, uint32_t Number) {
  switch (K) {
  case Msg::Model:
    if (Number == field::ModelGraph)
      return Msg::Graph;
    return std::nullopt; // functions (field 25) and the rest stay verbatim
  case Msg::Graph:
    if (Number == field::GraphNode)
      return Msg::Node;
    if (Number == field::GraphInitializer)
      return Msg::Tensor;
    return std::nullopt;
  case Msg::Node:
    if (Number == field::NodeAttribute)
      return Msg::Attribute;
    return std::nullopt;
  case Msg::Attribute:
    if (Number == field::AttrT || Number == field::AttrTensors)
      return Msg::Tensor;
    if (Number == field::AttrG || Number == field::AttrGraphs)
      return Msg::Graph;
    return std::nullopt;
  case Msg::Tensor:
    return std::nullopt;
  }
  return std::nullopt;
}

void Stripper::beginRewrite() {
  Found.clear();
  for (const MappedPayload &M : Payloads)
    Found.push_back(M.Offset);
  Payloads.clear();
}

bool Stripper::holdsPayload(const uint8_t *B, const uint8_t *E) const {
  auto It = std::lower_bound(Found.begin(), Found.end(), uint64_t(B - Base));
  return It != Found.end() && *It < uint64_t(E - Base);
}

bool Stripper::message(const uint8_t *B, const uint8_t *E, Msg K,
                       std::string *Out) {
  if (K == Msg::Tensor)
    return tensor(B, E, Out);
  for (const uint8_t *P = B; P != E;) {
    Field F;
    if (!next(P, E, F))
      return false;
    std::optional<Msg> Sub = F.Wire == 2 ? child(K, F.Number) : std::nullopt;
    if (!Sub || (Out && !holdsPayload(F.Value, F.End))) {
      if (Out)
        Out->append(reinterpret_cast<const char *>(F.Start), F.End - F.Start);
      continue;
    }
    // Deeper than protobuf's own recursion limit: leave the model to
    // protobuf, which reports the limit (and never recurse unboundedly).
    if (Depth >= kMaxDepth)
      return false;
    std::string Inner;
    ++Depth;
    bool Ok = message(F.Value, F.End, *Sub, Out ? &Inner : nullptr);
    --Depth;
    if (!Ok)
      return false;
    if (Out)
      writeBytes(*Out, F.Number, Inner);
  }
  return true;
}

/// The typed field the importer reads for \p DataType (TensorReader.cpp's
/// typedFieldsToRaw) and whether it holds varints.
std::pair<uint32_t, bool> typedField(uint64_t DataType) {
  switch (DataType) {
  case dtype::Float:
  case dtype::Complex64:
    return {field::TFloat, false};
  case dtype::Double:
  case dtype::Complex128:
    return {field::TDouble, false};
  case dtype::Int64:
    return {field::TInt64, true};
  case dtype::Uint32:
  case dtype::Uint64:
    return {field::TUint64, true};
  default:
    return {field::TInt32, true};
  }
}

bool isPayloadField(uint32_t N) {
  return N == field::TRaw || N == field::TFloat || N == field::TInt32 ||
         N == field::TInt64 || N == field::TDouble || N == field::TUint64;
}

bool Stripper::tensor(const uint8_t *B, const uint8_t *E, std::string *Out) {
  const uint8_t *Payload = nullptr, *PayloadEnd = nullptr;
  const uint8_t *Skip = nullptr; // the payload field's tag
  uint32_t PayloadField = 0;
  unsigned NumPayloads = 0;
  uint64_t DataType = 0;
  bool HasLocation = false;
  for (const uint8_t *P = B; P != E;) {
    Field F;
    if (!next(P, E, F))
      return false;
    if (F.Number == field::TDataType && F.Wire == 0)
      DataType = F.Varint;
    if (F.Number == field::TLocation)
      HasLocation = true;
    if (!isPayloadField(F.Number))
      continue;
    ++NumPayloads;
    if (F.Wire == 2) {
      Skip = F.Start;
      Payload = F.Value;
      PayloadEnd = F.End;
      PayloadField = F.Number;
    }
  }
  uint64_t Length = PayloadEnd - Payload;
  auto [Typed, Varints] = typedField(DataType);
  bool Strip = NumPayloads == 1 && Payload && !HasLocation &&
               Length >= kMinPayload && DataType != dtype::String &&
               (PayloadField == field::TRaw || PayloadField == Typed);
  if (!Strip) {
    if (Out)
      Out->append(reinterpret_cast<const char *>(B), E - B);
    return true;
  }
  bool IsVarint = PayloadField != field::TRaw && Varints;
  if (Out) {
    Out->append(reinterpret_cast<const char *>(B), Skip - B);
    Out->append(reinterpret_cast<const char *>(PayloadEnd), E - PayloadEnd);
    std::string Entry;
    writeBytes(Entry, 1, marker::Mapped);
    writeBytes(Entry, 2, std::to_string(Payloads.size()));
    writeBytes(*Out, field::TExternal, Entry);
    writeTag(*Out, field::TLocation, 0);
    writeVarint(*Out, 1); // EXTERNAL
  }
  Payloads.push_back({uint64_t(Payload - Base), Length, IsVarint});
  return true;
}

} // namespace

bool hcm::stripTensorPayloads(llvm::StringRef Buffer, std::string &Out,
                              std::vector<MappedPayload> &Payloads) {
  static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE types");
  uint32_t One = 1;
  char Little;
  std::memcpy(&Little, &One, 1);
  if (!Little) // raw payloads are little-endian bytes: used in place only here
    return false;
  const auto *B = reinterpret_cast<const uint8_t *>(Buffer.data());
  Out.clear();
  Payloads.clear();
  Stripper S(B, Payloads);
  if (!S.message(B, B + Buffer.size(), Msg::Model, nullptr))
    return false;
  if (Payloads.empty())
    return true; // nothing to strip: Out stays empty
  S.beginRewrite();
  Out.reserve(std::min<size_t>(Buffer.size(), 1u << 20));
  return S.message(B, B + Buffer.size(), Msg::Model, &Out);
}
