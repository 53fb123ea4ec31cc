#include "parley/core/number_text.h"

#include <gtest/gtest.h>

#include <limits>

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
TEST(NumberText, AmountsInTheirOwnUnits) {
  EXPECT_EQ(amount(Rational(2500)), "2,500");
  EXPECT_EQ(amount(Rational(999)), "999");
  EXPECT_EQ(amount(Rational(-1234567)), "-1,234,567");
  EXPECT_EQ(amount(Rational(24001, 2)), "12,000.5");
  EXPECT_EQ(amount(Rational(1, 3)), "0.3333");
  EXPECT_EQ(amount(Rational(1, 30000)), "0.00003");
  EXPECT_EQ(amount(Rational(0)), "0");
}

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

// Gaps were printed as "inf", "1.97e+11" and "333332.3". A gap is a bound:
// rounded up, never down; past a factor of 1,000 it is called what it is.
TEST(NumberText, GapsReadAsBoundsInWords) {
  EXPECT_EQ(gap_short(0.0311174), "gap 3.2%");
  EXPECT_EQ(gap_short(0.000532843), "gap 0.054%");
  EXPECT_EQ(gap_short(0.5), "gap 50%");
  EXPECT_EQ(gap_short(1.79335), "gap 180%");
  EXPECT_EQ(gap_short(27.9), "gap 2,800%");
  EXPECT_EQ(gap_short(0.0), "gap within the solver's tolerance");
  EXPECT_EQ(gap_short(333332.3), "gap: the bound proved so far says little");
  EXPECT_EQ(gap_short(1.97e11), "gap: the bound proved so far says little");
  EXPECT_EQ(gap_short(std::numeric_limits<double>::infinity()), "no bound on the gap is known");
  EXPECT_EQ(gap_short(std::numeric_limits<double>::quiet_NaN()), "no bound on the gap is known");
  EXPECT_EQ(gap_short(std::nullopt), "no bound on the gap is known");
  EXPECT_EQ(gap_sentence(0.0311174), "no package is better by more than 3.2% under the criterion");
  EXPECT_EQ(gap_sentence(1.79335), "the best package may be up to 2.8 times as good under the criterion");
  EXPECT_EQ(gap_sentence(333332.3),
            "the bound proved so far says little: the best package may be over 1,000 times as good under the criterion");
  EXPECT_EQ(gap_sentence(std::numeric_limits<double>::infinity()),
            "no bound is known on how much better the best package is");
}

TEST(NumberText, CountsTakeTheNounInTheRightNumber) {
  EXPECT_EQ(counted(0, "package"), "0 packages");
  EXPECT_EQ(counted(1, "package"), "1 package");
  EXPECT_EQ(counted(2, "package"), "2 packages");
  EXPECT_EQ(counted(1, "party", "parties"), "1 party");
  EXPECT_EQ(counted(3, "party", "parties"), "3 parties");
  EXPECT_EQ(counted(16907, "package"), "16,907 packages");
  EXPECT_EQ(counted(-1, "point"), "-1 points");
  EXPECT_EQ(noun(1, "week"), "week");
  EXPECT_EQ(noun(52, "week"), "weeks");
}

}  // namespace
}  // namespace parley
