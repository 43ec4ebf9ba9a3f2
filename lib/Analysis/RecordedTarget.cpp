//===- RecordedTarget.cpp - The target a model's results are for ----------===//
//
// Reads `hcm.target` back into a name and overrides (its `name` is the
// target's display name, `<name> (<overrides>)`), resolves them and compares
// what this hcm writes for that model with what was recorded.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/RecordedTarget.h"

#include "hcm/Analysis/Fields.h"

#include <fmt/format.h>

#include <set>

using namespace hcm;

namespace {

const AttrDict *targetDict(const Module &M) {
  auto It = M.getProperties().find("hcm.target");
  if (It == M.getProperties().end() ||
      It->second.getKind() != Attribute::Kind::Dict)
    return nullptr;
  return &It->second.getDict();
}

/// A scalar (or string list) attribute as text, for messages and compares.
std::string valueText(const Attribute &A) {
  switch (A.getKind()) {
  case Attribute::Kind::Int:
    return std::to_string(A.getInt());
  case Attribute::Kind::Double:
    return fmt::format("{}", A.getDouble());
  case Attribute::Kind::String:
    return "'" + A.getString() + "'";
  case Attribute::Kind::Strings:
    return "[" + fmt::format("{}", fmt::join(A.getStrings(), ", ")) + "]";
  default:
    return std::string("<") + Attribute::kindName(A.getKind()) + ">";
  }
}

/// The first key whose value differs between \p Recorded and \p Now, with
/// both values ("" when they agree).
std::string firstDifference(const AttrDict &Recorded, const AttrDict &Now) {
  auto Text = [](const AttrDict &D, const std::string &Key) {
    auto It = D.find(Key);
    return It == D.end() ? std::string("none") : valueText(It->second);
  };
  std::set<std::string> Keys;
  for (const auto *D : {&Recorded, &Now})
    for (const auto &KV : *D)
      Keys.insert(KV.first);
  for (const std::string &K : Keys)
    if (Text(Recorded, K) != Text(Now, K))
      return K + ": recorded " + Text(Recorded, K) + ", here " + Text(Now, K);
  return "";
}

} // namespace

std::optional<RecordedTarget> hcm::recordedTarget(const Module &M) {
  const AttrDict *D = targetDict(M);
  if (!D)
    return std::nullopt;
  std::optional<std::string> Name = dictString(*D, "name");
  auto Ov = D->find("overrides");
  if (!Name || Ov == D->end() ||
      Ov->second.getKind() != Attribute::Kind::Strings)
    return std::nullopt;
  RecordedTarget R;
  for (llvm::StringRef KV : Ov->second.getStrings()) {
    auto [Key, Value] = KV.split('=');
    R.Overrides.emplace_back(Key.str(), Value.str());
  }
  // The display name is `<name> (<k=v>, ...)` when there are overrides.
  llvm::StringRef N = *Name;
  if (!R.Overrides.empty()) {
    std::string Suffix =
        " (" + fmt::format("{}", fmt::join(Ov->second.getStrings(), ", ")) +
        ")";
    if (!N.consume_back(Suffix))
      return std::nullopt;
  }
  R.Name = N.str();
  return R;
}

llvm::Expected<HwModel> hcm::resolveTargetFor(const Module &M,
                                              llvm::StringRef Default,
                                              const TargetFileReader &ReadFile,
                                              const WarningHandler &OnWarning) {
  std::optional<RecordedTarget> R = recordedTarget(M);
  if (!R)
    return resolveHwModel(Default, {}, ReadFile);
  auto Warn = [&](const std::string &Msg) {
    if (OnWarning)
      OnWarning(oneLine(M.getSourcePath() + ": warning: " + Msg));
  };
  auto Hw = resolveHwModel(R->Name, R->Overrides, ReadFile);
  if (!Hw) {
    Warn("the model's results are for target '" + R->Name +
         "' (hcm.target), which does not resolve here (" +
         llvm::toString(Hw.takeError()) + "); analysing for '" + Default.str() +
         "' (name the target with --target)");
    return resolveHwModel(Default, {}, ReadFile);
  }
  Module Now;
  writeHwModel(Now, *Hw);
  std::string Diff = firstDifference(*targetDict(M), *targetDict(Now));
  if (!Diff.empty())
    Warn("this hcm's target '" + Hw->displayName() + "' differs from the " +
         "one the model's results are for (hcm.target) in " + Diff +
         "; analysing for this hcm's");
  return Hw;
}
