//===- FixedFormat.h - Doubles in fixed notation, fast --------------------===//
//
// printf's and fmt's "{:.Nf}" for the few decimals reports print, without a
// general float formatter: the double's exact binary value times 10^N is
// rounded to an integer (ties to even, as fmt and glibc's printf do) in
// 128-bit arithmetic. Values outside that range, NaN and infinities are
// left to the caller (appendFixed returns false).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_FIXEDFORMAT_H
#define HCM_SUPPORT_FIXEDFORMAT_H

#include <string>

namespace hcm {

/// Most decimals appendFixed prints.
inline constexpr int MaxFixedDecimals = 6;

/// Appends \p V with \p Decimals (0..MaxFixedDecimals) decimals to \p Out,
/// byte for byte what fmt::format("{:.<Decimals>f}", V) gives; false (and
/// \p Out unchanged) when \p V is not finite, \p Decimals is out of range or
/// |V| >= 2^64.
bool appendFixed(std::string &Out, double V, int Decimals);

} // namespace hcm

#endif // HCM_SUPPORT_FIXEDFORMAT_H
