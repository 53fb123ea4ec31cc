// Common denominators: exact rationals as integers over one denominator, the
// form in which sums and comparisons of utilities are fast.
//
//   CommonDenominator d;                          // 64-bit, up to 2^62
//   for (const Rational& x : values)
//     if (!d.include(x)) return too_fine;        // the lcm would pass 2^62
//   std::int64_t n = d.scale(values[0]);          // values[0] * d.value(), exactly
//
//   WideCommonDenominator w;                      // any size (GMP inside)
//   for (const Rational& x : values) w.include(x);
//   std::vector<std::uint64_t> limbs = w.scale(values[0]);   // little-endian 64-bit limbs
//
// Why one place: the frontier, the integer utilities, the goods instances and
// the maximin-share search all scale a party's numbers to their least common
// denominator; one implementation keeps the overflow rules in one place.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "parley/core/rational.h"

namespace parley {

class CommonDenominator {
 public:
  static constexpr std::int64_t kLimit = std::int64_t{1} << 62;

  // `limit`: the largest denominator allowed (at most kLimit; e.g. 2^53 / n
  // where n such values are to be added in doubles exactly).
  explicit CommonDenominator(std::int64_t limit = kLimit) : limit_(std::min(limit, kLimit)) {}

  // Grows the denominator to a multiple of r's; false (and unchanged) when
  // that would pass the limit or r is not stored small.
  bool include(const Rational& r);
  std::int64_t value() const { return value_; }
  // r * value(), exact. Precondition: include(r) succeeded and |r| <= 1 (or,
  // generally, the product fits in 64 bits).
  std::int64_t scale(const Rational& r) const { return r.small_numerator() * (value_ / r.small_denominator()); }

 private:
  std::int64_t limit_;
  std::int64_t value_ = 1;
};

struct ScaledProducts;

class WideCommonDenominator {
 public:
  WideCommonDenominator();
  ~WideCommonDenominator();
  WideCommonDenominator(WideCommonDenominator&&) noexcept;
  WideCommonDenominator& operator=(WideCommonDenominator&&) noexcept;

  void include(const Rational& r);
  Rational value() const;
  std::size_t bits() const;  // of value()
  // r * value() as little-endian 64-bit limbs (trailing zero limbs dropped).
  // Precondition: r >= 0 and its denominator divides value().
  std::vector<std::uint64_t> scale(const Rational& r) const;
  // ceil(r * value()) as limbs; r >= 0, any denominator.
  std::vector<std::uint64_t> scale_up(const Rational& r) const;
  // The inverse of scale(): the rational limbs / value(), exactly (count
  // little-endian limbs at `limbs`).
  Rational unscale(const std::uint64_t* limbs, std::size_t count) const;

 private:
  friend std::optional<ScaledProducts> scale_products(const std::vector<Rational>&, const std::vector<Rational>&,
                                                      const std::vector<std::size_t>&);
  struct State;
  std::unique_ptr<State> state_;
};

// The products weights[i] * v (all in [0, 1]) for each of issue i's values
// v = values[first[i]], ..., values[first[i + 1] - 1], over their least
// common denominator D, computed without forming any product as a rational:
//
//   std::optional<ScaledProducts> t = scale_products(weights, values, first);
//   // D * weights[i] * values[first[i] + j] == t->factor(i) * t->multiplier(i, j), exactly
//
// Why: a frontier's tables are D_p times every weight x value, and with
// Genius's 17-digit weights each product is a big rational (GMP, an
// allocation each) while D_p * product splits into a per-issue factor (a
// few multi-limb operations per issue) times a 64-bit multiplier per value
// (plain integer work). Flat arrays: a handful of allocations in all. A
// weight of any size is fine (its issue's few operations are then in GMP);
// nullopt when a value is not stored small, a weight or value lies outside
// [0, 1], or an issue's values have no common denominator below 2^64:
// callers then take the rational path, which gives the same D.
struct ScaledProducts {
  WideCommonDenominator denominator;     // D
  std::size_t limbs = 0;                 // of each factor: D's limbs
  std::vector<std::uint64_t> factors;    // issue i's at [i * limbs, (i + 1) * limbs), little-endian, <= D
  std::vector<std::uint64_t> multipliers;  // one per value, in the order given
  std::vector<std::size_t> first;        // as given: issue i's values start at first[i]

  const std::uint64_t* factor(std::size_t issue) const { return factors.data() + issue * limbs; }
  std::uint64_t multiplier(std::size_t issue, std::size_t j) const { return multipliers[first[issue] + j]; }
};
std::optional<ScaledProducts> scale_products(const std::vector<Rational>& weights, const std::vector<Rational>& values,
                                             const std::vector<std::size_t>& first);

}  // namespace parley
