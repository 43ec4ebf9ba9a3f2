//===- SweepSpec.cpp - Sweep keys, value lists and ranges -----------------===//
//
// Parses `--sweep KEYS=VALUES`: checks every key, expands ranges into the
// values they name and validates each value once, with the parser the
// point will use (setTargetField for target fields), so a bad spec is one
// line before any model is read.
//
//===----------------------------------------------------------------------===//
#include "hcm/DSE/SweepSpec.h"

#include "hcm/IR/Diag.h"
#include "hcm/Support/Units.h"
#include "hcm/Target/Target.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

using namespace hcm;

const std::vector<SweepKeyInfo> &hcm::sweepKeys() {
  using K = SweepKeyKind;
  static const std::vector<SweepKeyInfo> Keys = {
      {"clock", K::Frequency, false, "clock (800MHz)"},
      {"area", K::Area, false, "area budget: floor(A / A_pe) PEs (6mm2)"},
      {"array", K::Text, false, "explicit PE array (16x16)"},
      {"pe", K::Text, false, "PE datapath: fixed, fp32 or a PE type"},
      {"pe_bits", K::Integer, false, "fixed-point PE width (1 to 32)"},
      {"dram_bandwidth", K::Bandwidth, false, "DRAM bandwidth (19.2GB/s)"},
      {"acc_buffer", K::DataSize, false, "accumulator buffer (64KiB)"},
      {"weight_buffer", K::DataSize, false, "weight buffer (64KiB)"},
      {"loop_order", K::Text, false, "output-stationary or input-stationary"},
      {"w", K::Integer, true, "weight bitwidth (4, i4, f16)"},
      {"a", K::Integer, true, "activation bitwidth (4, u4, f16)"},
      {"bits", K::Integer, true, "weight and activation bitwidth"},
      {"first_last", K::Integer, true, "first and last layers' bits, or none"},
      {"quant_file", K::Text, true, "per-layer bitwidth file (YAML/JSON)"},
  };
  return Keys;
}

const SweepKeyInfo *hcm::findSweepKey(llvm::StringRef Name) {
  for (const SweepKeyInfo &K : sweepKeys())
    if (Name == K.Name)
      return &K;
  return nullptr;
}

bool SweepAxis::quant() const {
  return llvm::any_of(
      Keys, [](const std::string &K) { return findSweepKey(K)->Quant; });
}

std::string SweepAxis::name() const { return llvm::join(Keys, "+"); }

namespace {

/// The reason of an error from a lower layer, without its own `where:`.
std::string reason(llvm::Error E) {
  std::string S = llvm::toString(std::move(E));
  size_t At = S.find(": error: ");
  return At == std::string::npos ? S : S.substr(At + 9);
}

std::string keyList() {
  std::string S;
  for (const SweepKeyInfo &K : sweepKeys())
    S += (S.empty() ? "" : ", ") + std::string(K.Name);
  return S;
}

/// A quantization width as annotate-quant takes it: 1 to 32 with an
/// optional i/u, or f16/bf16/f32 (first_last also takes `none`).
bool validWidth(llvm::StringRef V, bool AllowNone) {
  if (AllowNone && V == "none")
    return true;
  if (V == "f16" || V == "bf16" || V == "f32")
    return true;
  V.consume_front("i") || V.consume_front("u");
  unsigned B;
  return !V.getAsInteger(10, B) && B >= 1 && B <= 32;
}

/// Validates one value with the parser its point will use.
llvm::Error checkValue(const SweepKeyInfo &Key, llvm::StringRef V) {
  if (V.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "empty value");
  if (!Key.Quant) {
    Target Scratch;
    if (llvm::Error E = setTargetField(Scratch, Key.Name, V))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     reason(std::move(E)));
    return llvm::Error::success();
  }
  if (Key.Kind == SweepKeyKind::Integer &&
      !validWidth(V, llvm::StringRef(Key.Name) == "first_last"))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'" + V + "' is not a bitwidth (1 to 32, i4, u4, f16, bf16, f32" +
            (llvm::StringRef(Key.Name) == "first_last" ? ", none)" : ")"));
  return llvm::Error::success();
}

/// A range end in the key's base unit.
llvm::Expected<double> rangeEnd(const SweepKeyInfo &Key, llvm::StringRef T) {
  switch (Key.Kind) {
  case SweepKeyKind::Frequency: {
    auto V = parseFrequency(T);
    if (!V)
      return V.takeError();
    return double(*V);
  }
  case SweepKeyKind::Area:
    return parseArea(T);
  case SweepKeyKind::Bandwidth:
    return parseBandwidth(T);
  case SweepKeyKind::DataSize: {
    auto V = parseDataSize(T);
    if (!V)
      return V.takeError();
    return double(*V);
  }
  case SweepKeyKind::Integer: {
    int64_t V;
    if (T.getAsInteger(10, V))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "'" + T + "' is not an integer");
    return double(V);
  }
  case SweepKeyKind::Text:
    break;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 std::string(Key.Name) +
                                     " takes a list of values, not a range");
}

/// Point \p V of a range, as text in the key's base unit.
std::string rangeValue(const SweepKeyInfo &Key, double V) {
  switch (Key.Kind) {
  case SweepKeyKind::Frequency:
    return fmt::format("{}Hz", int64_t(std::llround(V)));
  case SweepKeyKind::Area:
    return fmt::format("{}um2", V);
  case SweepKeyKind::Bandwidth:
    return fmt::format("{}bit/s", V);
  case SweepKeyKind::DataSize:
    return fmt::format("{}bit", int64_t(std::llround(V)));
  default:
    return fmt::format("{}", int64_t(std::llround(V)));
  }
}

bool integral(const SweepKeyInfo &Key) {
  return Key.Kind == SweepKeyKind::Frequency ||
         Key.Kind == SweepKeyKind::DataSize ||
         Key.Kind == SweepKeyKind::Integer;
}

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg.str());
}

} // namespace

llvm::Error hcm::expandItem(const SweepKeyInfo &Key, llvm::StringRef Item,
                            std::vector<std::string> &Out) {
  Item = Item.trim();
  size_t Dots = Item.find("..");
  if (Dots == llvm::StringRef::npos) {
    if (llvm::Error E = checkValue(Key, Item))
      return E;
    Out.push_back(Item.str());
    return llvm::Error::success();
  }
  llvm::StringRef Lo = Item.take_front(Dots).trim();
  llvm::StringRef Rest = Item.drop_front(Dots + 2);
  auto [Hi, Steps] = Rest.split(':');
  auto [Count, Scale] = Steps.split(':');
  auto L = rangeEnd(Key, Lo);
  if (!L)
    return L.takeError();
  auto H = rangeEnd(Key, Hi.trim());
  if (!H)
    return H.takeError();
  if (*H < *L)
    return fail("empty range '" + Item + "' (" + Hi.trim() + " < " + Lo + ")");
  bool Log = Scale.trim() == "log";
  if (!Scale.trim().empty() && !Log)
    return fail("range '" + Item + "': the scale is `log` (or nothing)");
  int64_t N = 0;
  if (Count.trim().empty()) {
    if (Key.Kind != SweepKeyKind::Integer)
      return fail("range '" + Item + "' needs a point count (lo..hi:N)");
    N = int64_t(*H - *L) + 1;
  } else if (Count.trim().getAsInteger(10, N) || N < 0) {
    return fail("range '" + Item + "': the point count '" + Count.trim() +
                "' is not a whole number");
  }
  if (N == 0)
    return fail("empty range '" + Item + "' (0 points)");
  if (N > 1000000)
    return fail("range '" + Item + "' has more than 1000000 points");
  size_t First = Out.size();
  for (int64_t I = 0; I < N; ++I) {
    double T = N == 1 ? 0 : double(I) / double(N - 1);
    double V = Log ? *L * std::pow(*H / *L, T) : *L + (*H - *L) * T;
    if (I == N - 1)
      V = *H; // exact upper end
    std::string S = rangeValue(Key, V);
    if (Out.size() > First && Out.back() == S)
      return fail("range '" + Item + "' repeats " + S +
                  (integral(Key) ? " (fewer whole values than points)" : ""));
    if (llvm::Error E = checkValue(Key, S))
      return E;
    Out.push_back(std::move(S));
  }
  return llvm::Error::success();
}

llvm::Expected<SweepAxis> hcm::parseAxis(llvm::StringRef Keys,
                                         const std::vector<std::string> &Items,
                                         llvm::StringRef Where) {
  SweepAxis A;
  A.Where = Where.str();
  llvm::SmallVector<llvm::StringRef, 4> Names;
  Keys.split(Names, '+');
  const SweepKeyInfo *First = nullptr;
  for (llvm::StringRef Name : Names) {
    const SweepKeyInfo *K = findSweepKey(Name.trim());
    if (!K)
      return makeError(Where,
                       "unknown key '" + Name.trim() + "' (" + keyList() + ")");
    if (First && First->Kind != K->Kind)
      return makeError(Where, "'" + llvm::Twine(First->Name) + "' and '" +
                                  K->Name + "' take different values");
    First = First ? First : K;
    A.Keys.push_back(K->Name);
  }
  for (const std::string &Item : Items)
    for (const std::string &Key : A.Keys) {
      std::vector<std::string> Values;
      if (llvm::Error E = expandItem(*findSweepKey(Key), Item, Values))
        return makeError(Where, Key + ": " + reason(std::move(E)));
      if (Key == A.Keys.front())
        A.Values.insert(A.Values.end(), Values.begin(), Values.end());
    }
  if (A.Values.empty())
    return makeError(Where, "no values");
  std::set<std::string> Seen;
  for (const std::string &V : A.Values)
    if (!Seen.insert(V).second)
      return makeError(Where, "value '" + V + "' appears twice");
  return A;
}

llvm::Expected<SweepAxis> hcm::parseSweepArg(llvm::StringRef Arg) {
  std::string Where = ("--sweep '" + Arg + "'").str();
  auto [Keys, Values] = Arg.split('=');
  if (Keys.trim().empty() || Values.trim().empty())
    return makeError(Where, "expected key=v1,v2,... or key=lo..hi:N");
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Values.split(Parts, ',');
  std::vector<std::string> Items;
  for (llvm::StringRef P : Parts) {
    if (P.trim().empty())
      return makeError(Where, "empty value in the list");
    Items.push_back(P.trim().str());
  }
  return parseAxis(Keys, Items, Where);
}

llvm::Error hcm::checkAxes(const std::vector<SweepAxis> &Axes) {
  std::map<std::string, const SweepAxis *> Owner;
  for (const SweepAxis &A : Axes)
    for (const std::string &K : A.Keys) {
      auto [It, New] = Owner.emplace(K, &A);
      if (!New)
        return makeError(A.Where, "key '" + K + "' is already swept by " +
                                      It->second->Where);
    }
  auto Conflict = [&](const char *X, const char *Y,
                      const char *Why) -> llvm::Error {
    if (Owner.count(X) && Owner.count(Y))
      return makeError(Owner[Y]->Where, "'" + llvm::Twine(X) + "' and '" + Y +
                                            "' conflict (" + Why + ")");
    return llvm::Error::success();
  };
  if (llvm::Error E = Conflict("bits", "w", "bits sets w and a"))
    return E;
  if (llvm::Error E = Conflict("bits", "a", "bits sets w and a"))
    return E;
  return Conflict("area", "array", "an area budget sets the array");
}
