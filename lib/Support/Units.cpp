//===- Units.cpp - Quantities with units in options and targets -----------===//
#include "hcm/Support/Units.h"

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>

using namespace hcm;

namespace {

struct Unit {
  const char *Suffix;
  double Scale;
};

/// Splits `<number><unit>`; the longest matching suffix wins. A number
/// without its unit is an error that says so (`clock=800` would otherwise be
/// read as 800 Hz).
llvm::Expected<double> parseWith(llvm::StringRef Text,
                                 std::initializer_list<Unit> Units,
                                 llvm::StringRef What, llvm::StringRef Example,
                                 bool AllowZero = false) {
  llvm::StringRef T = Text.trim();
  const Unit *Best = nullptr;
  for (const Unit &U : Units)
    if (T.endswith(U.Suffix) &&
        (!Best || std::strlen(U.Suffix) > std::strlen(Best->Suffix)))
      Best = &U;
  double V;
  if (!Best && !T.empty() && !T.getAsDouble(V))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + Text + "' needs a unit: " + What +
                                       " is written with one (e.g. " + Example +
                                       ")");
  if (Best)
    T = T.drop_back(std::strlen(Best->Suffix)).rtrim();
  if (!Best || T.empty() || T.getAsDouble(V) || !std::isfinite(V) || V < 0 ||
      (V == 0 && !AllowZero))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + Text + "' is not " + What + " (e.g. " +
                                       Example + ")");
  return V * Best->Scale;
}

llvm::Expected<int64_t> exact(llvm::Expected<double> V, llvm::StringRef Text,
                              llvm::StringRef What) {
  if (!V)
    return V.takeError();
  double R = std::round(*V);
  if (R < 1 || R > 9.2e18 || std::fabs(*V - R) > 1e-6 * *V)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   What + " '" + Text +
                                       "' must be a whole number");
  return int64_t(R);
}

} // namespace

llvm::Expected<int64_t> hcm::parseFrequency(llvm::StringRef Text) {
  return exact(parseWith(Text,
                         {{"GHz", 1e9}, {"MHz", 1e6}, {"kHz", 1e3}, {"Hz", 1}},
                         "a frequency", "800MHz, 1.6GHz"),
               Text, "frequency (Hz)");
}

llvm::Expected<double> hcm::parseArea(llvm::StringRef Text) {
  return parseWith(Text,
                   {{"mm2", 1e6},
                    {"mm^2", 1e6},
                    {"mm²", 1e6},
                    {"um2", 1},
                    {"um^2", 1},
                    {"um²", 1}},
                   "an area", "1mm2, 35003um2");
}

llvm::Expected<double> hcm::parseBandwidth(llvm::StringRef Text) {
  return parseWith(Text,
                   {{"Tbit/s", 1e12},
                    {"Gbit/s", 1e9},
                    {"Mbit/s", 1e6},
                    {"Tb/s", 1e12},
                    {"Gb/s", 1e9},
                    {"Mb/s", 1e6},
                    {"TB/s", 8e12},
                    {"GB/s", 8e9},
                    {"MB/s", 8e6},
                    {"kbit/s", 1e3},
                    {"kb/s", 1e3},
                    {"kB/s", 8e3},
                    {"bit/s", 1}},
                   "a bandwidth", "153.6Gbit/s, 19.2GB/s");
}

llvm::Expected<int64_t> hcm::parseDataSize(llvm::StringRef Text) {
  return exact(parseWith(Text,
                         {{"GiB", 8.0 * 1024 * 1024 * 1024},
                          {"MiB", 8.0 * 1024 * 1024},
                          {"KiB", 8.0 * 1024},
                          {"GB", 8e9},
                          {"MB", 8e6},
                          {"KB", 8e3},
                          {"kB", 8e3},
                          {"Mibit", 1024.0 * 1024},
                          {"Kibit", 1024},
                          {"B", 8},
                          {"bit", 1}},
                         "a size", "64KiB, 512Kibit, 4096bit"),
               Text, "size (bits)");
}

llvm::Expected<double> hcm::parseEnergy(llvm::StringRef Text) {
  return parseWith(
      Text, {{"fJ", 1e-3}, {"pJ", 1}, {"nJ", 1e3}, {"uJ", 1e6}, {"mJ", 1e9}},
      "an energy", "20pJ, 0.18uJ");
}

llvm::Expected<double> hcm::parsePower(llvm::StringRef Text) {
  return parseWith(Text, {{"uW", 1e-3}, {"mW", 1}, {"W", 1e3}}, "a power",
                   "1.053mW, 2W");
}

llvm::Expected<double> hcm::parseEnergyOrZero(llvm::StringRef Text) {
  return parseWith(
      Text, {{"fJ", 1e-3}, {"pJ", 1}, {"nJ", 1e3}, {"uJ", 1e6}, {"mJ", 1e9}},
      "an energy", "20pJ, 0pJ", /*AllowZero=*/true);
}

llvm::Expected<double> hcm::parseTime(llvm::StringRef Text) {
  return parseWith(
      Text, {{"ps", 1e-12}, {"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1}},
      "a time", "8.4ns, 1us");
}

llvm::Expected<double> hcm::parseMacRate(llvm::StringRef Text) {
  return parseWith(Text,
                   {{"TMAC/s", 1e12},
                    {"GMAC/s", 1e9},
                    {"MMAC/s", 1e6},
                    {"kMAC/s", 1e3},
                    {"MAC/s", 1}},
                   "a MAC rate", "11.2GMAC/s");
}
