// Greatest common divisors for core's exact arithmetic (rational.cpp,
// common_denominator.cpp). Internal to core.
//
//   std::uint64_t g = gcd64(12, 18);            // 6
//   unsigned __int128 h = gcd128(a, b);         // any two 128-bit values
//
// Why binary (Stein's) gcd: Euclid costs a hardware division a step (some 40
// cycles for 64 bits, a library call for 128) and some 30 steps for the
// 60-bit numbers of decimal inputs; shifts and subtractions cost a cycle or
// two. The frontier of a small Genius domain spent a third of its time in
// Euclid's divisions (normalising 17-digit weights, scaling contributions).
#pragma once

#include <cstdint>
#include <utility>

namespace parley {

inline int trailing_zeros128(unsigned __int128 v) {
  const auto low = static_cast<std::uint64_t>(v);
  return low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(v >> 64));
}

inline std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  b >>= __builtin_ctzll(b);
  // Odd parts far apart in size (a sum's numerator against the 5^k of a
  // power of ten): one division (some 40 cycles) saves the dozens of
  // subtractions that would close the gap.
  if (a > b) std::swap(a, b);
  if (__builtin_clzll(a) - __builtin_clzll(b) >= 12) {
    b %= a;
    if (b == 0) return a << shift;
  }
  do {
    b >>= __builtin_ctzll(b);  // both odd from here
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

inline unsigned __int128 gcd128(unsigned __int128 a, unsigned __int128 b) {
  if (a == 0) return b;
  if (b == 0) return a;
  // One wide, one narrow (a sum or product of small values against a 64-bit
  // denominator): one 128-bit remainder brings both to 64 bits.
  if ((a >> 64) == 0 && (b >> 64) != 0) b %= a;
  if ((b >> 64) == 0 && (a >> 64) != 0) a %= b;
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = trailing_zeros128(a | b);
  a >>= trailing_zeros128(a);
  while (true) {
    // a is odd here. Once both fit 64 bits the rest is in 64 bits; the
    // result is shifted back in 128 (it may pass 2^64 again).
    if ((a >> 64) == 0 && (b >> 64) == 0) {
      return static_cast<unsigned __int128>(gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b))) << shift;
    }
    b >>= trailing_zeros128(b);
    if (a > b) std::swap(a, b);
    b -= a;
    if (b == 0) return a << shift;
  }
}

}  // namespace parley
