// stdlib's exp and ln (@stdlib/math-base-special-exp and -ln, src/main.c: FreeBSD's msun, the
// same operations as their JS), so the ziggurat in random.cc decides and returns exactly what
// science/numerics/mt19937.ts does. Plain IEEE double arithmetic: this header turns off
// floating-point contraction (an FMA would round differently from JS).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace stdlib_math {

inline uint32_t highWord(double x) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  return static_cast<uint32_t>(b >> 32);
}

inline double withHighWord(double x, uint32_t hi) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  b = (static_cast<uint64_t>(hi) << 32) | (b & 0xffffffffu);
  std::memcpy(&x, &b, 8);
  return x;
}

inline double exp(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kLog2E = 1.44269504088896338700e+00;
  constexpr double kNearZero = 1.0 / (1 << 28);
  if (std::isnan(x) || x == std::numeric_limits<double>::infinity()) return x;
  if (x == -std::numeric_limits<double>::infinity()) return 0.0;
  if (x > 7.09782712893383973096e+02) return std::numeric_limits<double>::infinity();
  if (x < -7.45133219101941108420e+02) return 0.0;
  if (x > -kNearZero && x < kNearZero) return 1.0 + x;
  const int32_t k = static_cast<int32_t>(std::trunc(x < 0.0 ? (kLog2E * x) - 0.5 : (kLog2E * x) + 0.5));
  const double hi = x - (k * kLn2Hi);
  const double lo = k * kLn2Lo;
  const double r = hi - lo;
  const double t = r * r;
  const double p = 0.16666666666666602 + (t * (-0.0027777777777015593 + (t * (0.00006613756321437934 + (t * (-0.0000016533902205465252 + (t * 4.1381367970572385e-8)))))));
  const double c = r - (t * p);
  const double y = 1.0 - (lo - ((r * c) / (2.0 - c)) - hi);
  return std::ldexp(y, k);
}

inline double ln(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kTwo54 = 1.80143985094819840000e+16;
  constexpr double kOneThird = 0.33333333333333333;
  constexpr int32_t kSignificand = 0x000fffff;
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  double xc = x;
  int32_t k = 0;
  int32_t hx = static_cast<int32_t>(highWord(x));
  if (hx < 0x00100000) {  // subnormal: scale up
    k -= 54;
    xc = x * kTwo54;
    hx = static_cast<int32_t>(highWord(xc));
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= kSignificand;
  int32_t i = (hx + 0x95f64) & 0x100000;
  xc = withHighWord(xc, static_cast<uint32_t>(hx | (i ^ 0x3ff00000)));  // normalize x or x/2
  k += i >> 20;
  const double f = xc - 1.0;
  if ((kSignificand & (2 + hx)) < 3) {  // -2⁻²⁰ ≤ f < 2⁻²⁰
    if (f == 0.0) return k == 0 ? 0.0 : (k * kLn2Hi) + (k * kLn2Lo);
    const double R = f * f * (0.5 - (kOneThird * f));
    return k == 0 ? f - R : (k * kLn2Hi) - ((R - (k * kLn2Lo)) - f);
  }
  const double s = f / (2.0 + f);
  const double z = s * s;
  i = hx - 0x6147a;
  const double w = z * z;
  const int32_t j = 0x6b851 - hx;
  const double t1 = w * (0.3999999999940942 + (w * (0.22222198432149784 + (w * 0.15313837699209373))));
  const double t2 = z * (0.6666666666666735 + (w * (0.2857142874366239 + (w * (0.1818357216161805 + (w * 0.14798198605116586))))));
  i |= j;
  const double R = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - (s * (hfsq + R))) : (k * kLn2Hi) - (hfsq - ((s * (hfsq + R)) + (k * kLn2Lo)) - f);
  }
  return k == 0 ? f - (s * (f - R)) : (k * kLn2Hi) - (((s * (f - R)) - (k * kLn2Lo)) - f);
}

}  // namespace stdlib_math
