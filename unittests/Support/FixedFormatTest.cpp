//===- FixedFormatTest.cpp - appendFixed against fmt ----------------------===//
#include "hcm/Support/FixedFormat.h"

#include "gtest/gtest.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace hcm;

namespace {

std::string viaFmt(double V, int D) { return fmt::format("{:.{}f}", V, D); }

std::string viaFixed(double V, int D) {
  std::string S;
  EXPECT_TRUE(appendFixed(S, V, D)) << V;
  return S;
}

void expectSame(double V) {
  for (int D = 0; D <= MaxFixedDecimals; ++D)
    ASSERT_EQ(viaFixed(V, D), viaFmt(V, D))
        << fmt::format("{} with {} decimals", V, D);
}

TEST(FixedFormat, MatchesFmtOnEdgeCases) {
  for (double V : {0.0,
                   -0.0,
                   1.0,
                   -1.0,
                   0.5,
                   1.5,
                   2.5,
                   -2.5,
                   0.125,
                   0.375,
                   0.0625,
                   1e-7,
                   -1e-7,
                   0.0005,
                   0.00049999999999999999,
                   0.9999995,
                   999.95,
                   9.9995,
                   99.995,
                   1023.95,
                   123456.789,
                   5e-324,
                   -5e-324,
                   2.2250738585072014e-308,
                   18446744073709549568.0,
                   9007199254740993.0,
                   4503599627370495.5,
                   0.1,
                   0.2,
                   0.3,
                   1e15 + 0.5})
    expectSame(V);
}

TEST(FixedFormat, MatchesFmtOnTiesOfEveryPrecision) {
  // k + 1/2 units of the last decimal, exact in binary when the unit's
  // half is a power of two's multiple: 0.5, 0.25, 0.125, ... scaled.
  for (int64_t K = 0; K < 4096; ++K)
    for (int P = 1; P <= 12; ++P)
      expectSame(double(2 * K + 1) / double(int64_t(1) << P));
}

TEST(FixedFormat, MatchesFmtOnRandomDoubles) {
  std::mt19937_64 Rng(12345);
  for (int I = 0; I < 100000; ++I) {
    // Any mantissa, exponents from 2^-80 to 2^63, either sign.
    uint64_t Bits = (Rng() & ((uint64_t(1) << 52) - 1)) |
                    (uint64_t(1023 - 80 + Rng() % 144) << 52) |
                    (Rng() & (uint64_t(1) << 63));
    double V;
    std::memcpy(&V, &Bits, sizeof V);
    expectSame(V);
  }
  // Report-like values: counts and rates with a few decimals.
  std::uniform_real_distribution<double> U(0, 2000);
  for (int I = 0; I < 100000; ++I)
    expectSame(U(Rng));
}

TEST(FixedFormat, LeavesTheRestToTheCaller) {
  std::string S = "x";
  EXPECT_FALSE(appendFixed(S, std::numeric_limits<double>::infinity(), 2));
  EXPECT_FALSE(appendFixed(S, std::nan(""), 2));
  EXPECT_FALSE(appendFixed(S, 18446744073709551616.0, 2));
  EXPECT_FALSE(appendFixed(S, 1.0, MaxFixedDecimals + 1));
  EXPECT_FALSE(appendFixed(S, 1.0, -1));
  EXPECT_EQ(S, "x");
}

} // namespace
