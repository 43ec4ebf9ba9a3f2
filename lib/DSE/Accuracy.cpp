//===- Accuracy.cpp - Reading the accuracy file ---------------------------===//
#include "hcm/DSE/Accuracy.h"

#include "DSEInternal.h"

using namespace hcm;
using namespace hcm::dse;
namespace yaml = llvm::yaml;

llvm::Expected<AccuracyTable>
AccuracyTable::parse(llvm::MemoryBufferRef Buffer) {
  YamlFile F(Buffer);
  auto Root = F.root();
  if (!Root)
    return Root.takeError();
  auto *Seq = llvm::dyn_cast<yaml::SequenceNode>(*Root);
  if (!Seq)
    return F.error(*Root, "an accuracy file is a list of entries "
                          "({bits: 4, accuracy: 69.56})");
  AccuracyTable T;
  for (yaml::Node &N : *Seq) {
    auto *Map = llvm::dyn_cast<yaml::MappingNode>(&N);
    if (!Map)
      return F.error(&N, "an entry is a mapping ({bits: 4, accuracy: 69.56})");
    Entry E;
    bool HasAccuracy = false;
    for (yaml::KeyValueNode &KV : *Map) {
      auto Key = F.scalar(KV.getKey());
      if (!Key)
        return Key.takeError();
      auto V = F.scalar(KV.getValue());
      if (!V)
        return V.takeError();
      if (*Key == "accuracy") {
        if (llvm::StringRef(*V).getAsDouble(E.Accuracy))
          return F.error(KV.getValue(), "'" + *V + "' is not a number");
        HasAccuracy = true;
      } else if (*Key == "bits") {
        E.Settings["w"] = E.Settings["a"] = *V;
      } else if (*Key == "w" || *Key == "a" || *Key == "first_last") {
        E.Settings[*Key] = *V;
      } else if (*Key == "quant_file") {
        E.Settings["file"] = *V;
      } else {
        return F.error(KV.getKey(), "unknown key '" + *Key +
                                        "' (bits, w, a, first_last, "
                                        "quant_file, accuracy)");
      }
    }
    if (!HasAccuracy)
      return F.error(&N, "entry without `accuracy`");
    T.Entries.push_back(std::move(E));
  }
  if (llvm::Error E = F.checkSyntax())
    return E;
  return T;
}

std::optional<double>
AccuracyTable::lookup(llvm::StringRef QuantOptions) const {
  std::map<std::string, std::string> Eff = {{"first_last", "none"}};
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  QuantOptions.split(Parts, ' ', -1, false);
  for (llvm::StringRef P : Parts) {
    auto [K, V] = P.split('=');
    Eff[K == "first-last" ? "first_last" : K.str()] = V.str();
  }
  for (const Entry &E : Entries) {
    bool Match = true;
    for (const auto &KV : E.Settings) {
      auto It = Eff.find(KV.first);
      Match &= It != Eff.end() && It->second == KV.second;
    }
    if (Match)
      return E.Accuracy;
  }
  return std::nullopt;
}
