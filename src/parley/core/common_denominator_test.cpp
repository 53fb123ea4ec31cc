#include "parley/core/common_denominator.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace parley {
namespace {

TEST(CommonDenominator, GrowsToTheLeastCommonMultiple) {
  CommonDenominator d;
  EXPECT_TRUE(d.include(Rational(1, 6)));
  EXPECT_TRUE(d.include(Rational(3, 4)));
  EXPECT_TRUE(d.include(Rational(2)));
  EXPECT_EQ(d.value(), 12);
  EXPECT_EQ(d.scale(Rational(3, 4)), 9);
  EXPECT_EQ(d.scale(Rational(-1, 6)), -2);
}

TEST(CommonDenominator, RefusesToPassTwoToTheSixtyTwo) {
  CommonDenominator d;
  EXPECT_TRUE(d.include(Rational(1, std::int64_t{1} << 61)));
  EXPECT_TRUE(d.include(Rational(1, std::int64_t{1} << 62)));
  EXPECT_FALSE(d.include(Rational(1, 3)));  // 3 * 2^62 > 2^62
  EXPECT_EQ(d.value(), std::int64_t{1} << 62);  // unchanged
  Rational big = *Rational::parse("1/100000000000000000000000000001");
  EXPECT_FALSE(d.include(big));
}

TEST(CommonDenominator, HonoursASmallerLimit) {
  CommonDenominator d(100);
  EXPECT_TRUE(d.include(Rational(1, 10)));
  EXPECT_TRUE(d.include(Rational(1, 4)));  // 20
  EXPECT_FALSE(d.include(Rational(1, 7)));  // 140 > 100
  EXPECT_EQ(d.value(), 20);
}

TEST(WideCommonDenominator, ScalesBeyondSixtyFourBits) {
  WideCommonDenominator w;
  Rational a = *Rational::parse("1/18446744073709551616");  // 2^-64
  Rational b = Rational(1, 3);
  w.include(a);
  w.include(b);
  EXPECT_EQ(w.value().str(), "55340232221128654848");  // 3 * 2^64
  EXPECT_EQ(w.bits(), 66u);
  EXPECT_EQ(w.scale(a), (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(w.scale(b), (std::vector<std::uint64_t>{0, 1}));  // 2^64
  EXPECT_EQ(w.scale(Rational(0)), std::vector<std::uint64_t>{});
  // ceil(1/5 * 3 * 2^64) = ceil(11068046444225730969.6)
  EXPECT_EQ(w.scale_up(Rational(1, 5)), (std::vector<std::uint64_t>{11068046444225730970ull}));
}

TEST(WideCommonDenominator, UnscaleInvertsScale) {
  WideCommonDenominator w;
  w.include(*Rational::parse("1/18446744073709551616"));  // 2^-64
  w.include(Rational(1, 3));
  const std::vector<std::uint64_t> two_thirds = w.scale(Rational(2, 3));
  EXPECT_EQ(two_thirds, (std::vector<std::uint64_t>{0, 2}));
  EXPECT_EQ(w.unscale(two_thirds.data(), two_thirds.size()), Rational(2, 3));
  const std::uint64_t three = 3;  // 3 / (3 * 2^64) = 2^-64, beyond 64 bits
  EXPECT_EQ(w.unscale(&three, 1).str(), "1/18446744073709551616");
  EXPECT_EQ(w.unscale(nullptr, 0), Rational(0));
}


// A weight or value of the kinds files hold: small fractions, Genius's
// 17-digit decimals, and fractions over primes near 2^61 (whose products
// need a D of hundreds of bits, past 128).
rc::Gen<Rational> gen_unit_rational() {
  return rc::gen::oneOf(
      // Decimals of 20 places: past 64 bits, stored big.
      rc::gen::map(rc::gen::inRange<std::int64_t>(0, 100'000'000'000'000'000),
                   [](std::int64_t k) { return Rational(k, 100'000'000'000'000'000) * Rational(1, 100); }),
      // Normalised Genius weights: 17-digit decimals over their sum.
      rc::gen::map(rc::gen::pair(rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000'000),
                                 rc::gen::inRange<std::int64_t>(1'000'000'000'000'000, 40'000'000'000'000'000)),
                   [](std::pair<std::int64_t, std::int64_t> f) { return Rational(f.first, f.second); }),
      rc::gen::map(rc::gen::inRange<std::int64_t>(0, 13),
                   [](std::int64_t k) { return Rational(k % 7 == 0 ? 0 : k, 12); }),
      rc::gen::map(rc::gen::inRange<std::int64_t>(0, 100'000'000'000'000'000),
                   [](std::int64_t k) { return Rational(k, 100'000'000'000'000'000); }),
      rc::gen::map(rc::gen::pair(rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000),
                                 rc::gen::element<std::int64_t>(2305843009213693951, 2305843009213693921,
                                                                2305843009213693907, 1000000007)),
                   [](std::pair<std::int64_t, std::int64_t> f) { return Rational(f.first % (f.second + 1), f.second); }));
}

Rational from_u64(std::uint64_t v) { return *Rational::parse(std::to_string(v)); }

// scale_products on values given issue by issue.
std::optional<ScaledProducts> scale(const std::vector<Rational>& weights,
                                    const std::vector<std::vector<Rational>>& values) {
  std::vector<Rational> flat;
  std::vector<std::size_t> first;
  for (const std::vector<Rational>& issue : values) {
    first.push_back(flat.size());
    flat.insert(flat.end(), issue.begin(), issue.end());
  }
  first.push_back(flat.size());
  return scale_products(weights, flat, first);
}

std::vector<std::uint64_t> factor_of(const ScaledProducts& t, std::size_t issue) {
  return std::vector<std::uint64_t>(t.factor(issue), t.factor(issue) + t.limbs);
}

std::vector<std::uint64_t> multipliers_of(const ScaledProducts& t, std::size_t issue) {
  return std::vector<std::uint64_t>(t.multipliers.begin() + static_cast<std::ptrdiff_t>(t.first[issue]),
                                    t.multipliers.begin() + static_cast<std::ptrdiff_t>(t.first[issue + 1]));
}

// Each table entry is D * weight * value exactly, and D is the least common
// denominator of all the products (as WideCommonDenominator finds it from
// the products themselves, the frontier's former way).
RC_GTEST_PROP(ScaledProductsProperty, FactorTimesMultiplierIsTheScaledProduct, ()) {
  const auto issues = *rc::gen::inRange<std::size_t>(1, 6);
  std::vector<Rational> weights;
  std::vector<std::vector<Rational>> values(issues);
  WideCommonDenominator expected;
  // Half the time the weights share a denominator, as normalised weights do
  // (sum_i w_i under each), and the values are Genius-like: the issues' own
  // denominators then share factors beyond 64 bits.
  const bool shared = *rc::gen::arbitrary<bool>();
  const auto sum = *rc::gen::inRange<std::int64_t>(1'000'000'000'000'000, 4'000'000'000'000'000'000);
  for (std::size_t i = 0; i < issues; ++i) {
    weights.push_back(shared ? Rational(*rc::gen::inRange<std::int64_t>(0, sum + 1), sum) : *gen_unit_rational());
    const auto count = *rc::gen::inRange<std::size_t>(1, 6);
    for (std::size_t j = 0; j < count; ++j) {
      // Shared: twelfths and 17-digit decimals, Genius's evaluations and weights.
      values[i].push_back(!shared                         ? *gen_unit_rational()
                          : *rc::gen::arbitrary<bool>() ? Rational(*rc::gen::inRange<std::int64_t>(0, 13), 12)
                                                        : Rational(*rc::gen::inRange<std::int64_t>(0, 100), 100'000'000'000'000'000));
      expected.include(weights[i] * values[i][j]);
    }
  }
  const std::optional<ScaledProducts> t = scale(weights, values);
  // Values stored big, or value denominators of one issue whose lcm passes
  // 2^64 (two primes near 2^61), are refused; everything else is tabled,
  // big weights included.
  bool fits = true;
  for (std::size_t i = 0; i < issues; ++i) {
    WideCommonDenominator lcm;
    bool small = true;
    for (const Rational& v : values[i]) {
      lcm.include(v);
      small = small && !v.is_big();
    }
    fits = fits && (weights[i].is_zero() || (small && lcm.bits() <= 64));
  }
  RC_ASSERT(t.has_value() == fits);
  if (!t) return;
  RC_ASSERT(t->denominator.value() == expected.value());
  for (std::size_t i = 0; i < issues; ++i) {
    const Rational factor = t->denominator.unscale(t->factor(i), t->limbs);  // factor / D
    RC_ASSERT(multipliers_of(*t, i).size() == values[i].size());
    for (std::size_t j = 0; j < values[i].size(); ++j) {
      RC_ASSERT(factor * from_u64(t->multiplier(i, j)) == weights[i] * values[i][j]);
    }
  }
}

TEST(ScaledProducts, KnownTablesAndRefusals) {
  // A property's counterexample (a gcd past 2^64 once wrapped around): D is
  // 11068718395287032700000000000000000, the lcm of the issues' own.
  const Rational sum(36895727984290109, 1);
  std::optional<ScaledProducts> genius = scale(
      {Rational(4800000000000000) / sum, Rational(695727984290109) / sum, Rational(200000000000000) / sum},
      {{0}, {Rational(1, 12), 0, Rational(1, 100000000000000000)}, {Rational(3, 100000000000000000), Rational(1, 12)}});
  ASSERT_TRUE(genius.has_value());
  EXPECT_EQ(genius->denominator.value(), *Rational::parse("11068718395287032700000000000000000"));

  // 1/3 * {0, 1/2, 1} and 2/5 * {1/4, 3/4}: D = lcm(6, 3, 10, 10) = 30.
  std::optional<ScaledProducts> t =
      scale({Rational(1, 3), Rational(2, 5)}, {{0, Rational(1, 2), 1}, {Rational(1, 4), Rational(3, 4)}});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->denominator.value(), Rational(30));
  EXPECT_EQ(factor_of(*t, 0), std::vector<std::uint64_t>{5});  // 30 * 1/3 / 2: multipliers 0, 1, 2
  EXPECT_EQ(multipliers_of(*t, 0), (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_EQ(factor_of(*t, 1), std::vector<std::uint64_t>{3});  // 30 * 2/5 / 4: multipliers 1, 3
  EXPECT_EQ(multipliers_of(*t, 1), (std::vector<std::uint64_t>{1, 3}));
  // A zero weight makes every product 0, whatever its values.
  t = scale({0, 1}, {{Rational(1, 7)}, {Rational(1, 2)}});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->denominator.value(), Rational(2));
  EXPECT_EQ(factor_of(*t, 0), std::vector<std::uint64_t>{0});
  // Refused: a value above 1, a negative weight, a big value, and values of
  // one issue over two primes near 2^61 (their lcm passes 2^64).
  EXPECT_FALSE(scale({1}, {{Rational(3, 2)}}).has_value());
  EXPECT_FALSE(scale({Rational(3, 2)}, {{Rational(1, 2)}}).has_value());
  // A weight past 64 bits is tabled: 10^-20 * {1/2, 1}, D = 2 * 10^20.
  t = scale({*Rational::parse("0.00000000000000000001")}, {{Rational(1, 2), 1}});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->denominator.value(), *Rational::parse("200000000000000000000"));
  EXPECT_EQ(factor_of(*t, 0), (std::vector<std::uint64_t>{1, 0}));  // two limbs, as D has
  EXPECT_EQ(multipliers_of(*t, 0), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_FALSE(scale({-1}, {{Rational(1, 2)}}).has_value());
  EXPECT_FALSE(scale({1}, {{*Rational::parse("1/100000000000000000000000000001")}}).has_value());
  EXPECT_FALSE(scale({1}, {{Rational(1, 2305843009213693951), Rational(1, 2305843009213693921)}}).has_value());
}
}  // namespace
}  // namespace parley
