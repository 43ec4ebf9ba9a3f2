//===- SweepFile.cpp - Reading --sweep-file YAML --------------------------===//
#include "hcm/DSE/SweepFile.h"

#include "DSEInternal.h"

using namespace hcm;
using namespace hcm::dse;
namespace yaml = llvm::yaml;

namespace {

/// The value items of one axis: a sequence of scalars, or one scalar (a
/// value, a comma list or a range).
llvm::Expected<std::vector<std::string>> axisItems(YamlFile &F, yaml::Node *N) {
  std::vector<std::string> Items;
  if (auto *Seq = llvm::dyn_cast<yaml::SequenceNode>(N)) {
    for (yaml::Node &Item : *Seq) {
      auto S = F.scalar(&Item);
      if (!S)
        return S.takeError();
      Items.push_back(*S);
    }
    if (Items.empty())
      return F.error(N, "empty list of values");
    return Items;
  }
  auto S = F.scalar(N);
  if (!S)
    return S.takeError();
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(*S).split(Parts, ',');
  for (llvm::StringRef P : Parts)
    Items.push_back(P.trim().str());
  return Items;
}

llvm::Error readSweep(YamlFile &F, yaml::Node *N, SweepFile &R) {
  auto *Map = llvm::dyn_cast<yaml::MappingNode>(N);
  if (!Map)
    return F.error(N, "sweep is a mapping from keys to values");
  for (yaml::KeyValueNode &KV : *Map) {
    auto Key = F.scalar(KV.getKey());
    if (!Key)
      return Key.takeError();
    auto Items = axisItems(F, KV.getValue());
    if (!Items)
      return Items.takeError();
    auto A = parseAxis(*Key, *Items, F.where(KV.getKey()));
    if (!A)
      return A.takeError();
    R.Axes.push_back(std::move(*A));
  }
  if (R.Axes.empty())
    return F.error(N, "sweep names no key");
  return llvm::Error::success();
}

llvm::Expected<uint64_t> readCount(YamlFile &F, yaml::Node *N) {
  auto S = F.scalar(N);
  if (!S)
    return S.takeError();
  uint64_t V;
  if (llvm::StringRef(*S).getAsInteger(10, V))
    return F.error(N, "'" + *S + "' is not a whole number");
  return V;
}

} // namespace

llvm::Expected<SweepFile> hcm::parseSweepFile(llvm::MemoryBufferRef Buffer) {
  YamlFile F(Buffer);
  auto Root = F.root();
  if (!Root)
    return Root.takeError();
  auto *Map = llvm::dyn_cast<yaml::MappingNode>(*Root);
  if (!Map)
    return F.error(*Root, "a sweep file is a mapping (target, sweep, ...)");
  SweepFile R;
  yaml::Node *Sweep = nullptr;
  for (yaml::KeyValueNode &KV : *Map) {
    auto Key = F.scalar(KV.getKey());
    if (!Key)
      return Key.takeError();
    yaml::Node *V = KV.getValue();
    if (*Key == "sweep") {
      Sweep = V;
      if (llvm::Error E = readSweep(F, V, R))
        return E;
    } else if (*Key == "target" || *Key == "objectives") {
      auto S = F.scalar(V);
      if (!S)
        return S.takeError();
      (*Key == "target" ? R.Target : R.Objectives) = *S;
    } else if (*Key == "samples" || *Key == "seed") {
      auto N = readCount(F, V);
      if (!N)
        return N.takeError();
      (*Key == "samples" ? R.Samples : R.Seed) = *N;
    } else {
      return F.error(KV.getKey(), "unknown key '" + *Key +
                                      "' (target, sweep, samples, seed, "
                                      "objectives)");
    }
  }
  if (llvm::Error E = F.checkSyntax())
    return E;
  if (!Sweep)
    return F.error(*Root, "no `sweep:` mapping");
  if (llvm::Error E = checkAxes(R.Axes))
    return E;
  return R;
}
