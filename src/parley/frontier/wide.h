// Fixed-width unsigned integers of N 64-bit limbs: the exact, fast numbers the
// frontier works in.
//
//   Wide<2> a = Wide<2>::from(7), b = Wide<2>::from(5);
//   a += b;                       // 12, exactly
//   assert(b < a && a.bits() == 4);
//
// Why: a party's utility is a sum of rationals whose denominators all divide
// one common denominator D_p, so scaled by D_p every utility is a nonnegative
// integer at most D_p. For real files D_p has 60 to 200 bits (Genius weights
// are 17-digit decimals), beyond int64 but far below where GMP pays off;
// additions and comparisons of a few limbs cost a few instructions.
#pragma once

#include <array>
#include <compare>
#include <cstdint>

namespace parley::pareto {

template <int N>
struct Wide {
  std::array<std::uint64_t, N> limb{};  // little-endian: limb[0] is the least significant

  static Wide from(std::uint64_t v) {
    Wide w;
    w.limb[0] = v;
    return w;
  }

  // Wraps around past 2^(64N); callers size N so that sums never reach that.
  Wide& operator+=(const Wide& other) {
    if constexpr (N == 2) {
      auto x = static_cast<unsigned __int128>(limb[1]) << 64 | limb[0];
      x += static_cast<unsigned __int128>(other.limb[1]) << 64 | other.limb[0];
      limb[0] = static_cast<std::uint64_t>(x);
      limb[1] = static_cast<std::uint64_t>(x >> 64);
      return *this;
    }
    unsigned __int128 carry = 0;
    for (int k = 0; k < N; ++k) {
      carry += static_cast<unsigned __int128>(limb[k]) + other.limb[k];
      limb[k] = static_cast<std::uint64_t>(carry);
      carry >>= 64;
    }
    return *this;
  }
  friend Wide operator+(Wide a, const Wide& b) { return a += b; }

  // this * m; like +=, wraps past 2^(64N), and callers size N so that it never does.
  Wide times(std::uint64_t m) const {
    Wide out;
    unsigned __int128 carry = 0;
    for (int k = 0; k < N; ++k) {
      carry += static_cast<unsigned __int128>(limb[k]) * m;
      out.limb[k] = static_cast<std::uint64_t>(carry);
      carry >>= 64;
    }
    return out;
  }

  // Limb by limb: std::array's == calls memcmp, a function call per comparison.
  friend bool operator==(const Wide& a, const Wide& b) {
    for (int k = 0; k < N; ++k) {
      if (a.limb[k] != b.limb[k]) return false;
    }
    return true;
  }
  friend std::strong_ordering operator<=>(const Wide& a, const Wide& b) {
    if constexpr (N == 2) {  // one 128-bit comparison: no loop, no early exits (the merge compares constantly)
      const auto x = static_cast<unsigned __int128>(a.limb[1]) << 64 | a.limb[0];
      const auto y = static_cast<unsigned __int128>(b.limb[1]) << 64 | b.limb[0];
      return x <=> y;
    }
    for (int k = N - 1; k >= 0; --k) {
      if (a.limb[k] != b.limb[k]) return a.limb[k] < b.limb[k] ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    return std::strong_ordering::equal;
  }

  int bits() const {
    for (int k = N - 1; k >= 0; --k) {
      if (limb[k] != 0) return 64 * k + 64 - __builtin_clzll(limb[k]);
    }
    return 0;
  }
};

}  // namespace parley::pareto
