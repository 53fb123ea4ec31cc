#include "parley/core/common_denominator.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace parley
