//===- MathUtil.h - Integer helpers shared by every analysis ----*- C++ -*-===//
//
// Rounding-up division and overflow-checked products and sums. Every count
// hcm reports is an exact 64-bit integer: a product of user numbers that does
// not fit is reported, never wrapped.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_MATHUTIL_H
#define HCM_SUPPORT_MATHUTIL_H

#include <cstdint>
#include <initializer_list>

namespace hcm {

/// ceil(A / B) for A >= 0, B > 0.
constexpr int64_t ceilDiv(int64_t A, int64_t B) { return (A + B - 1) / B; }

/// Products and sums that remember whether any step overflowed.
class Checked {
public:
  int64_t mul(std::initializer_list<int64_t> Factors) {
    int64_t R = 1;
    for (int64_t F : Factors)
      Overflow |= __builtin_mul_overflow(R, F, &R);
    return R;
  }
  int64_t add(std::initializer_list<int64_t> Terms) {
    int64_t R = 0;
    for (int64_t T : Terms)
      Overflow |= __builtin_add_overflow(R, T, &R);
    return R;
  }
  bool overflowed() const { return Overflow; }

private:
  bool Overflow = false;
};

} // namespace hcm

#endif // HCM_SUPPORT_MATHUTIL_H
