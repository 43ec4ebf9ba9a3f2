//===- Target.cpp - Hardware targets and technologies ---------------------===//
//
// Loading targets (shipped by name, or from a file), resolving their
// technology, applying `key=value` overrides, and the PE area and array
// rules of METRICS.md section 5.
//
//===----------------------------------------------------------------------===//
#include "TargetInternal.h"

#include "hcm/IR/Diag.h"
#include "hcm/Support/Units.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Path.h"

#include <cmath>

using namespace hcm;

const std::map<std::string, const char *> &hcm::shippedFiles() {
  static const std::map<std::string, const char *> Files = {
#include "ShippedTargets.inc"
  };
  return Files;
}

std::vector<std::string> hcm::shippedTargetNames() {
  std::vector<std::string> Names;
  for (const auto &KV : shippedFiles())
    if (!llvm::StringRef(KV.first).startswith("tech/"))
      Names.push_back(KV.first);
  return Names;
}

void hcm::printTargetList(llvm::raw_ostream &OS) {
  std::vector<std::string> Names = shippedTargetNames();
  size_t Width = 0;
  for (const std::string &N : Names)
    Width = std::max(Width, N.size());
  for (const std::string &N : Names) {
    auto F = parseTargetFields(llvm::MemoryBufferRef(
        shippedFiles().at(N), ("<shipped>/" + N + ".yaml")));
    std::string Desc = F ? F->T.Description : llvm::toString(F.takeError());
    OS << N << std::string(Width - N.size() + 2, ' ') << Desc << '\n';
  }
}

std::vector<std::string> hcm::shippedTechnologyNames() {
  std::vector<std::string> Names;
  for (const auto &KV : shippedFiles())
    if (llvm::StringRef(KV.first).startswith("tech/"))
      Names.push_back(KV.first.substr(5));
  return Names;
}

llvm::Expected<double> Target::peArea() const {
  if (PE == "fp32") {
    if (Tech.Fp32MultiplierArea <= 0)
      return makeError(Name, "technology '" + Tech.Name +
                                 "' gives no fp32 multiplier area");
    return Tech.Fp32MultiplierArea * double(Tech.Fp32Multipliers);
  }
  if (PE == "fixed") {
    auto It = Tech.FixedPoints.find(PeBits);
    if (It != Tech.FixedPoints.end())
      return It->second;
    double B = PeBits;
    double A = Tech.FitA * B * B + Tech.FitB * B + Tech.FitC;
    if (A <= 0)
      return makeError(Name, "technology '" + Tech.Name +
                                 "' gives no fixed-point PE area for " +
                                 llvm::Twine(PeBits) + " bits");
    return A;
  }
  for (const NamedPE &P : Tech.PETypes)
    if (P.Name == PE) {
      if (P.AreaUm2 > 0)
        return P.AreaUm2;
      return makeError(Name, "PE type '" + PE +
                                 "' has only relative numbers; give the "
                                 "array explicitly (array=RxC)");
    }
  return makeError(Name, "unknown PE '" + PE +
                             "' (fixed, fp32 or a PE type "
                             "of technology '" +
                             Tech.Name + "')");
}

llvm::Expected<std::pair<unsigned, unsigned>> Target::array() const {
  if (Rows && Cols)
    return std::make_pair(Rows, Cols);
  auto A = peArea();
  if (!A)
    return A.takeError();
  double N = std::floor(AreaUm2 / *A);
  if (N < 1)
    return makeError(Name, "the area budget holds no PE");
  auto S = unsigned(std::floor(std::sqrt(N)));
  while (double(S + 1) * (S + 1) <= N) // guard sqrt rounding
    ++S;
  while (double(S) * S > N)
    --S;
  return std::make_pair(S, S);
}

namespace {

llvm::Error parseArray(Target &T, llvm::StringRef Text) {
  auto [R, C] = Text.trim().split('x');
  unsigned Rows = 0, Cols = 0;
  if (R.trim().getAsInteger(10, Rows) || C.trim().getAsInteger(10, Cols) ||
      !Rows || !Cols)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + Text +
                                       "' is not an array (e.g. 16x16)");
  T.Rows = Rows;
  T.Cols = Cols;
  T.AreaUm2 = 0;
  return llvm::Error::success();
}

llvm::Expected<Technology> loadTechnology(
    llvm::StringRef Name, llvm::StringRef TargetFile,
    const std::function<llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>(
        llvm::StringRef)> &ReadFile) {
  auto It = shippedFiles().find("tech/" + Name.str());
  if (It != shippedFiles().end()) {
    // The identifier must outlive the buffer reference (diagnostics read it).
    std::string Id = ("<shipped>/tech/" + Name).str();
    return parseTechnology(llvm::MemoryBufferRef(It->second, Id));
  }
  llvm::SmallString<256> Path(Name);
  if (llvm::sys::path::is_relative(Path) && !TargetFile.empty()) {
    Path = llvm::sys::path::parent_path(TargetFile);
    llvm::sys::path::append(Path, Name);
  }
  auto Buf = ReadFile(Path);
  if (!Buf)
    return Buf.takeError();
  return parseTechnology((*Buf)->getMemBufferRef());
}

} // namespace

std::string hcm::checkTargetChoice(llvm::StringRef Key, llvm::StringRef Value) {
  static const std::map<std::string, std::vector<std::string>> Choices = {
      {"loop_order", {"output-stationary", "input-stationary"}},
      {"pe_kind", {"window3x3", "mac", "operator"}},
      {"mac_mapping", {"ideal", "channels"}},
      {"pool_fusion", {"none", "all", "into-conv"}},
      {"bias_traffic", {"acc", "storage", "none"}},
      {"psum_traffic", {"", "hcm", "none"}},
  };
  auto It = Choices.find(Key.str());
  if (It == Choices.end() || llvm::is_contained(It->second, Value.str()))
    return "";
  std::string List;
  for (const std::string &C : It->second)
    if (!C.empty())
      List += (List.empty() ? "" : ", ") + C;
  return Key.str() + " is one of " + List + " (not '" + Value.str() + "')";
}

namespace {

/// The fields setTargetField takes that are not quantities or arrays.
llvm::Error setKindField(Target &T, llvm::StringRef Key, llvm::StringRef Value,
                         bool &Known) {
  Known = true;
  auto Bad = [&](const llvm::Twine &Msg) {
    return makeError("--target-set " + Key + "=" + Value, Msg);
  };
  if (std::string M = checkTargetChoice(Key, Value); !M.empty())
    return Bad(M);
  if (Key == "loop_order")
    T.Loop = Value.str();
  else if (Key == "pe_kind")
    T.PeKind = Value.str();
  else if (Key == "mac_mapping")
    T.MacMapping = Value.str();
  else if (Key == "pool_fusion")
    T.PoolFusion = Value.str();
  else if (Key == "bias_traffic")
    T.BiasTraffic = Value.str();
  else if (Key == "psum_traffic")
    T.PsumTraffic = Value.str();
  else if (Key == "mac_efficiency") {
    double E;
    if (Value.getAsDouble(E) || !(E > 0 && E <= 1))
      return Bad("mac_efficiency takes a fraction in (0, 1]");
    T.MacEfficiency = E;
  } else if (Key == "op_cycles") {
    int64_t K;
    if (Value.getAsInteger(10, K) || K < 1 || K > (int64_t(1) << 20))
      return Bad("op_cycles takes 1 to 1048576 clocks");
    T.OpCycles = K;
  } else if (Key == "host_ops") {
    T.HostOps.clear();
    llvm::SmallVector<llvm::StringRef, 4> Ops;
    Value.split(Ops, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Op : Ops)
      T.HostOps.push_back(Op.trim().str());
  } else {
    Known = false;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error hcm::setTargetField(Target &T, llvm::StringRef Key,
                                llvm::StringRef Value) {
  auto Fail = [&](llvm::Error E) {
    return makeError("--target-set " + Key + "=" + Value,
                     llvm::toString(std::move(E)));
  };
  bool Known = false;
  if (llvm::Error E = setKindField(T, Key, Value, Known))
    return E;
  if (Known)
    return llvm::Error::success();
  if (Key == "clock") {
    auto V = parseFrequency(Value);
    if (!V)
      return Fail(V.takeError());
    T.ClockHz = *V;
  } else if (Key == "area") {
    auto V = parseArea(Value);
    if (!V)
      return Fail(V.takeError());
    T.AreaUm2 = *V;
    T.Rows = T.Cols = 0;
  } else if (Key == "array") {
    if (llvm::Error E = parseArray(T, Value))
      return Fail(std::move(E));
  } else if (Key == "pe") {
    T.PE = Value.str();
  } else if (Key == "pe_bits") {
    unsigned B;
    if (Value.getAsInteger(10, B) || B == 0 || B > 32)
      return makeError("--target-set " + Key + "=" + Value,
                       "pe_bits takes 1 to 32");
    T.PeBits = B;
  } else if (Key == "dram_bandwidth") {
    auto V = parseBandwidth(Value);
    if (!V)
      return Fail(V.takeError());
    T.DramBitsPerSec = *V;
  } else if (Key == "acc_buffer" || Key == "weight_buffer") {
    auto V = parseDataSize(Value);
    if (!V)
      return Fail(V.takeError());
    (Key == "acc_buffer" ? T.AccBufferBits : T.WeightBufferBits) = *V;
  } else if (Key == "dram_energy_per_bit") {
    auto V = parseEnergyOrZero(Value);
    if (!V)
      return Fail(V.takeError());
    T.DramPjPerBit = *V;
  } else if (Key == "sustained_mac_rate") {
    auto V = parseMacRate(Value);
    if (!V)
      return Fail(V.takeError());
    T.SustainedMacsPerSec = *V;
  } else if (Key == "op_period") {
    auto V = parseTime(Value);
    if (!V)
      return Fail(V.takeError());
    T.OpPeriodSec = *V;
  } else {
    return makeError("--target-set " + Key + "=" + Value,
                     "unknown field (clock, area, array, pe, pe_bits, "
                     "dram_bandwidth, acc_buffer, weight_buffer, "
                     "loop_order, pe_kind, mac_mapping, mac_efficiency, "
                     "sustained_mac_rate, op_cycles, op_period, host_ops, "
                     "pool_fusion, bias_traffic, psum_traffic, "
                     "dram_energy_per_bit)");
  }
  return llvm::Error::success();
}

llvm::Expected<Target> hcm::parseTarget(llvm::MemoryBufferRef Buffer) {
  return loadTarget(Buffer.getBufferIdentifier(), {},
                    [&](llvm::StringRef)
                        -> llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> {
                      return llvm::MemoryBuffer::getMemBufferCopy(
                          Buffer.getBuffer(), Buffer.getBufferIdentifier());
                    });
}

llvm::Expected<Target> hcm::loadTarget(
    llvm::StringRef NameOrFile,
    const std::vector<std::pair<std::string, std::string>> &Overrides,
    const std::function<llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>(
        llvm::StringRef)> &ReadFile) {
  std::unique_ptr<llvm::MemoryBuffer> Owned;
  // The identifier of a shipped buffer lives as long as the reference.
  std::string ShippedId = ("<shipped>/" + NameOrFile + ".yaml").str();
  llvm::MemoryBufferRef Ref;
  auto It = shippedFiles().find(NameOrFile.str());
  bool Shipped = It != shippedFiles().end();
  if (Shipped) {
    Ref = llvm::MemoryBufferRef(It->second, ShippedId);
  } else {
    auto Buf = ReadFile(NameOrFile);
    if (!Buf)
      return Buf.takeError();
    Owned = std::move(*Buf);
    Ref = Owned->getMemBufferRef();
  }
  auto F = parseTargetFields(Ref);
  if (!F)
    return F.takeError();
  auto Tech =
      loadTechnology(F->Technology, Shipped ? "" : NameOrFile, ReadFile);
  if (!Tech)
    return Tech.takeError();
  Target T = F->T;
  T.Tech = std::move(*Tech);
  if (!F->Array.empty())
    if (llvm::Error E = parseArray(T, F->Array))
      return makeError(Ref.getBufferIdentifier(), llvm::toString(std::move(E)));
  for (const auto &KV : Overrides)
    if (llvm::Error E = setTargetField(T, KV.first, KV.second))
      return E;
  return T;
}
