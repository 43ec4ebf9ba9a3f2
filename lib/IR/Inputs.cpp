//===- Inputs.cpp - The inputs a model is fed, and their dims -------------===//
//
// Feed inputs are graph inputs without data: exporters that keep
// initializers as inputs (and textual ONNX tests) declare weights as inputs
// too, and those are not fed.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Inputs.h"

#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"

#include <algorithm>

using namespace hcm;

std::vector<const Value *> hcm::feedInputs(const Module &M) {
  std::vector<const Value *> Out;
  for (const Value *V : M.getGraph().getInputs())
    if (V && !V->hasData())
      Out.push_back(V);
  return Out;
}

namespace {

/// Calls \p Fn(input, dim index, dim) on every dim of every ranked tensor
/// feed input.
template <typename Fn> void forEachInputDim(const Module &M, Fn F) {
  for (const Value *V : feedInputs(M)) {
    const Type &T = V->getType();
    if (!T.isTensor() || !T.hasRank())
      continue;
    const Shape &S = T.getShape();
    for (size_t I = 0; I < S.size(); ++I)
      F(*V, I, S[I]);
  }
}

} // namespace

std::vector<InputSymbol> hcm::inputSymbols(const Module &M) {
  std::vector<InputSymbol> Syms;
  forEachInputDim(M, [&](const Value &V, size_t I, const Dim &D) {
    if (!D.isSymbol())
      return;
    const std::string &Name = D.getSymbol();
    bool Seen = std::any_of(Syms.begin(), Syms.end(),
                            [&](const auto &X) { return X.Name == Name; });
    if (!Seen)
      Syms.push_back({Name, V.getName(), I});
  });
  return Syms;
}

std::optional<int64_t> hcm::inputBatch(const Module &M) {
  std::optional<int64_t> Batch;
  for (const Value *V : feedInputs(M)) {
    const Type &T = V->getType();
    if (!T.isTensor() || !T.hasRank() || T.getRank() == 0)
      continue;
    const Dim &D = T.getShape()[0];
    if (!D.isKnown() || (Batch && *Batch != D.getValue()))
      return std::nullopt;
    Batch = D.getValue();
  }
  if (Batch && *Batch < 1)
    return std::nullopt;
  return Batch;
}

std::string hcm::dimLine(const std::vector<InputSymbol> &Syms) {
  std::string Line;
  for (const InputSymbol &S : Syms) {
    if (!Line.empty())
      Line += ' ';
    Line += "--dim " + S.Name + (S.Index == 0 ? "=1" : "=SIZE");
  }
  return Line;
}

namespace {

/// Dims of feed inputs that are neither known nor named (`?`): no --dim can
/// name them; --batch sets a leading one.
std::vector<InputSymbol> unnamedDims(const Module &M) {
  std::vector<InputSymbol> Out;
  forEachInputDim(M, [&](const Value &V, size_t I, const Dim &D) {
    if (!D.isKnown() && !D.isSymbol())
      Out.push_back({"", V.getName(), I});
  });
  return Out;
}

std::string where(const InputSymbol &S) {
  return "input '" + S.Input + "' dim " + std::to_string(S.Index);
}

/// The --dim line for \p Syms, with `--batch 1` when a leading dim is
/// unnamed (\p Lead).
std::string bindLine(const std::vector<InputSymbol> &Syms, bool Lead) {
  std::string Line = dimLine(Syms);
  if (Lead)
    Line += std::string(Line.empty() ? "" : " ") + "--batch 1";
  return Line;
}

} // namespace

void hcm::printInputs(const Module &M, llvm::raw_ostream &OS) {
  for (const Value *V : feedInputs(M))
    OS << V->getName() << ": " << V->getType().str() << '\n';
  auto Syms = inputSymbols(M);
  auto Unnamed = unnamedDims(M);
  for (const InputSymbol &U : Unnamed)
    OS << where(U) << " is unknown and unnamed: "
       << (U.Index == 0 ? "--batch N sets it"
                        : "no option binds it; its layers are not costed")
       << '\n';
  bool Lead = std::any_of(Unnamed.begin(), Unnamed.end(),
                          [](const InputSymbol &U) { return U.Index == 0; });
  if (Syms.empty() && Unnamed.empty()) {
    OS << "every dim is static (--batch N sets dim 0 of every input)\n";
    return;
  }
  std::string Line = bindLine(Syms, Lead);
  if (!Line.empty())
    OS << Line << '\n';
}

llvm::Error hcm::requireBoundInputs(const Module &M) {
  auto Syms = inputSymbols(M);
  std::vector<InputSymbol> Lead;
  for (const InputSymbol &U : unnamedDims(M))
    if (U.Index == 0)
      Lead.push_back(U);
  if (Syms.empty() && Lead.empty())
    return llvm::Error::success();
  std::string List;
  for (const InputSymbol &S : Syms)
    List += (List.empty() ? "'" : ", '") + S.Name + "' (" + where(S) + ")";
  for (const InputSymbol &U : Lead)
    List += (List.empty() ? "" : ", ") + where(U) + " (unnamed)";
  std::string Line = bindLine(Syms, !Lead.empty());
  bool Placeholder = Line.find("=SIZE") != std::string::npos;
  size_t Count = Syms.size() + Lead.size();
  return makeError(M.getSourcePath(),
                   (Count > 1 ? "unbound dims " : "unbound dim ") + List +
                       "; bind with " + Line +
                       (Placeholder ? " (SIZE: a size you choose)" : ""));
}
