#include "parley/core/number_text.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(NumberText, DecimalsKeepTrailingZerosAndNeverShowANonzeroValueAsZero) {
  EXPECT_EQ(decimal(Rational(1, 3)), "0.3333");
  EXPECT_EQ(decimal(Rational(1, 2)), "0.5000");
  EXPECT_EQ(decimal(Rational(0)), "0.0000");
  EXPECT_EQ(decimal(Rational(1, 30000)), "0.00003");
  EXPECT_EQ(decimal(Rational(-1, 30000)), "-0.00003");
  EXPECT_EQ(decimal(Rational(1, 10'000'000'000'000)), "1/10000000000000");
  EXPECT_EQ(signed_decimal(Rational(1, 4)), "+0.2500");
  EXPECT_EQ(signed_decimal(Rational(-1, 100)), "-0.0100");
  EXPECT_EQ(signed_decimal(Rational(1, 30000)), "+0.00003");
  EXPECT_EQ(signed_decimal(Rational(1, 100001)), "+0.00001");  // a gain that is there never reads +0.0000
  EXPECT_EQ(signed_decimal(Rational(-1, 30000)), "-0.00003");
  EXPECT_EQ(signed_decimal(Rational(1, 10'000'000'000'000)), "+1/10000000000000");
  EXPECT_EQ(signed_decimal(Rational(0)), "+0.0000");
}

// 0.49999 below a fair share of 0.5 must not read "0.5000, below 0.5000".
TEST(NumberText, NumbersComparedShowEnoughDecimalsToDiffer) {
  EXPECT_EQ(decimal_beside(Rational(49999, 100000), Rational(1, 2)), "0.49999");
  EXPECT_EQ(decimal_beside(Rational(1, 2), Rational(49999, 100000)), "0.50000");
  EXPECT_EQ(decimal_beside(Rational(1, 3), Rational(1, 2)), "0.3333");
  EXPECT_EQ(decimal_beside(Rational(1, 2), Rational(1, 2)), "0.5000");
  // Closer than 12 decimals tell: the exact fractions.
  const Rational close = Rational(1, 2) - Rational(1, 1'000'000'000'000'000);
  EXPECT_EQ(decimal_beside(close, Rational(1, 2)), close.str());
}

// "MMS no: a gets 100.0% of their maximin share" was printed for 99.98%.
TEST(NumberText, AFractionBelowOneNeverReadsAsAHundredPercent) {
  EXPECT_EQ(percent_beside(Rational(9998, 10000), 1), "99.98%");
  EXPECT_EQ(percent_beside(Rational(99996, 100000), 1), "99.996%");
  EXPECT_EQ(percent_beside(Rational(2, 3), 1), "66.7%");
  EXPECT_EQ(percent_beside(Rational(1), 1), "100.0%");
  EXPECT_EQ(percent_beside(Rational(2), 1), "200.0%");
  EXPECT_EQ(percent_beside(Rational(1, 2), Rational(1, 2)), "50.0%");
  EXPECT_EQ(percent_beside(Rational(4999, 10000), Rational(1, 2)), "49.99%");
}

TEST(NumberText, AtLeastRoundsDown) {
  EXPECT_EQ(percent_at_least(Rational(59952, 100000)), "59.9%");
  EXPECT_EQ(percent_at_least(Rational(596, 1000), 0), "59%");
  EXPECT_EQ(percent_at_least(Rational(6, 10)), "60.0%");
  EXPECT_EQ(percent_at_least(Rational(1)), "100.0%");
  EXPECT_EQ(percent_at_least(Rational(99999, 100000)), "99.9%");
  EXPECT_EQ(percent_at_least(Rational(0)), "0.0%");
  EXPECT_EQ(percent_at_least(Rational(57, 100), 0), "57%");  // 57/100 * 100 is 56.99999... as a double
  EXPECT_EQ(percent_at_least(Rational(573, 1000)), "57.3%");
}

}  // namespace
}  // namespace parley
