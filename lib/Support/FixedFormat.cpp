//===- FixedFormat.cpp - Doubles in fixed notation, fast ------------------===//
#include "hcm/Support/FixedFormat.h"

#include <cmath>
#include <cstdint>
#include <cstring>

using namespace hcm;

namespace {

using U128 = unsigned __int128;

constexpr uint64_t Pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
static_assert(sizeof(Pow10) / sizeof(Pow10[0]) == MaxFixedDecimals + 1);

/// round(M * 2^E * 10^D), ties to even, for M < 2^53 and a result below
/// 2^64 * 10^D (checked by the caller through |V| < 2^64).
U128 scaledRound(uint64_t M, int E, int D) {
  U128 N = U128(M) * Pow10[D]; // < 2^53 * 10^6 < 2^73
  if (E >= 0)
    return N << E; // exact: the caller bounds M * 2^E below 2^64
  unsigned K = unsigned(-E);
  if (K >= 128) // below 2^-74 of a unit: rounds to 0
    return 0;
  U128 Q = N >> K, R = N - (Q << K), Half = U128(1) << (K - 1);
  if (R > Half || (R == Half && (Q & 1)))
    ++Q;
  return Q;
}

} // namespace

bool hcm::appendFixed(std::string &Out, double V, int Decimals) {
  if (!std::isfinite(V) || Decimals < 0 || Decimals > MaxFixedDecimals)
    return false;
  double A = std::fabs(V);
  if (A >= 18446744073709551616.0) // 2^64
    return false;
  uint64_t Bits;
  std::memcpy(&Bits, &A, sizeof Bits);
  int Exp = int(Bits >> 52);
  uint64_t M = Bits & ((uint64_t(1) << 52) - 1);
  if (Exp == 0) // subnormal
    Exp = 1;
  else
    M |= uint64_t(1) << 52;
  U128 Q = scaledRound(M, Exp - 1075, Decimals);
  // Digits of Q, least significant first; at least Decimals + 1 of them.
  // (Q is below 2^64 but for the largest values: 64-bit divisions then.)
  char Digits[48];
  int Len = 0;
  for (; Q > U128(UINT64_MAX); Q /= 10)
    Digits[Len++] = char('0' + int(Q % 10));
  for (uint64_t Q64 = uint64_t(Q); Len == 0 || Q64 != 0; Q64 /= 10)
    Digits[Len++] = char('0' + int(Q64 % 10));
  while (Len < Decimals + 1)
    Digits[Len++] = '0';
  // The text, most significant first, appended at once.
  char Text[52];
  int N = 0;
  if (std::signbit(V))
    Text[N++] = '-';
  for (int I = Len - 1; I >= Decimals; --I)
    Text[N++] = Digits[I];
  if (Decimals > 0) {
    Text[N++] = '.';
    for (int I = Decimals - 1; I >= 0; --I)
      Text[N++] = Digits[I];
  }
  Out.append(Text, size_t(N));
  return true;
}
