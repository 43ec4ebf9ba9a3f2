//===- ModelChecks.cpp - What a ModelProto must say before inference -----===//
//
// Values ONNX's own inference would take at face value and turn into a
// misleading message later: an opset version below 1 (every op of the domain
// would become "unknown operator") and a negative dim_value (read as an
// unknown size, so analyses would ask to run infer-shapes). Both are
// reported here, naming the domain or the value.
//
//===----------------------------------------------------------------------===//
#include "ImportInternal.h"

using namespace hcm;

namespace {

/// The first negative dim of \p T (tensor types, through containers).
std::optional<int64_t> negativeDim(const onnx::TypeProto &T) {
  if (T.has_tensor_type() && T.tensor_type().has_shape())
    for (const auto &D : T.tensor_type().shape().dim())
      if (D.has_dim_value() && D.dim_value() < 0)
        return D.dim_value();
  if (T.has_sequence_type())
    return negativeDim(T.sequence_type().elem_type());
  if (T.has_optional_type())
    return negativeDim(T.optional_type().elem_type());
  if (T.has_map_type())
    return negativeDim(T.map_type().value_type());
  return std::nullopt;
}

llvm::Error negativeDimError(llvm::StringRef Path, llvm::StringRef What,
                             const std::string &Name, int64_t D) {
  return makeError(Path, What + " '" + Name + "' has a negative dim " +
                             llvm::Twine(D) +
                             " (leave a dim unset or name it when its size "
                             "is unknown)");
}

llvm::Error checkGraphDims(const onnx::GraphProto &G, llvm::StringRef Path) {
  for (const auto *List : {&G.input(), &G.output(), &G.value_info()})
    for (const auto &VI : *List)
      if (std::optional<int64_t> D = negativeDim(VI.type()))
        return negativeDimError(Path, "value", VI.name(), *D);
  for (const auto &T : G.initializer())
    for (int64_t D : T.dims())
      if (D < 0)
        return negativeDimError(Path, "initializer", T.name(), D);
  for (const auto &T : G.sparse_initializer())
    for (int64_t D : T.dims())
      if (D < 0)
        return negativeDimError(Path, "initializer", T.values().name(), D);
  for (const auto &N : G.node())
    for (const auto &A : N.attribute()) {
      if (A.has_g())
        if (llvm::Error E = checkGraphDims(A.g(), Path))
          return E;
      for (const auto &Sub : A.graphs())
        if (llvm::Error E = checkGraphDims(Sub, Path))
          return E;
    }
  return llvm::Error::success();
}

} // namespace

llvm::Error hcm::checkModelProto(const onnx::ModelProto &Proto,
                                 llvm::StringRef Path) {
  for (const auto &O : Proto.opset_import())
    if (O.version() < 1)
      return makeError(
          Path, "opset_import for domain '" +
                    (O.domain().empty() ? std::string("ai.onnx") : O.domain()) +
                    "' has version " + llvm::Twine(O.version()) +
                    " (must be >= 1)");
  return checkGraphDims(Proto.graph(), Path);
}
