//===- Units.cpp - Quantities with units in options -----------------------===//
#include "hcm/Analysis/Units.h"

#include <cmath>
#include <cstring>

using namespace hcm;

llvm::Expected<int64_t> hcm::parseFrequency(llvm::StringRef Text) {
  llvm::StringRef T = Text.trim();
  static const std::pair<const char *, double> Units[] = {
      {"GHz", 1e9}, {"MHz", 1e6}, {"kHz", 1e3}, {"Hz", 1}};
  double Scale = 1;
  for (const auto &U : Units)
    if (T.endswith(U.first)) {
      Scale = U.second;
      T = T.drop_back(std::strlen(U.first)).rtrim();
      break;
    }
  double V;
  if (T.empty() || T.getAsDouble(V) || !std::isfinite(V) || V <= 0)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'" + Text + "' is not a frequency (e.g. 800MHz, 1.6GHz, 100e6)");
  double Hz = V * Scale;
  double Rounded = std::round(Hz);
  if (Rounded < 1 || Rounded > 9.2e18 || std::fabs(Hz - Rounded) > 1e-6 * Hz)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "frequency '" + Text +
                                       "' must be a whole number of Hz");
  return int64_t(Rounded);
}
