#include "parley/core/rational.h"

#include "parley/core/common_denominator.h"
#include "parley/core/rational_gmp.h"
#include "parley/core/rational_sum.h"

#include <gmpxx.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <limits>
#include <unordered_set>

namespace parley {
namespace {

Rational R(const char* text) { return Rational::parse(text).value(); }

TEST(Rational, DecimalsAreExact) {
  EXPECT_EQ(R("0.1") + R("0.2"), R("0.3"));
  EXPECT_EQ(R("0.1").str(), "1/10");
  EXPECT_EQ(R("1e-3"), Rational(1, 1000));
  EXPECT_EQ(R("-2.50E+1"), Rational(-25));
  EXPECT_EQ(R("0"), Rational(0));
  EXPECT_EQ(R("-0"), Rational(0));
  EXPECT_EQ(R("12345678901234567890.5").str(), "24691357802469135781/2");
}

TEST(Rational, FractionsAreExactAndReduced) {
  EXPECT_EQ(R("2/3").str(), "2/3");
  EXPECT_EQ(R("4/6"), Rational(2, 3));
  EXPECT_EQ(R("-4/6"), Rational(-2, 3));
  EXPECT_EQ(R("6/3"), Rational(2));
  EXPECT_EQ(Rational(3, -6).str(), "-1/2");
}

TEST(Rational, RejectsWhatIsNotANumber) {
  std::string why;
  for (const char* bad : {"", "-", "1.", ".5", "01", "1e", "1/0", "1/-2", "abc", "1/2/3", "0x10", "+1", "1 ", "NaN"}) {
    EXPECT_FALSE(Rational::parse(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
  EXPECT_FALSE(Rational::parse("1e999999", &why));
  EXPECT_NE(why.find("beyond 10^+-400"), std::string::npos) << why;
  EXPECT_FALSE(Rational::parse("1e99999999999999", &why));
  EXPECT_FALSE(Rational::parse(std::string(300, '7'), &why));
  EXPECT_NE(why.find("significant digits"), std::string::npos) << why;
}

TEST(Rational, LimitsAreOnTheValueNotTheSpelling) {
  EXPECT_TRUE(Rational::parse("1e400"));
  EXPECT_TRUE(Rational::parse("-1e-400"));
  EXPECT_FALSE(Rational::parse("10e400"));
  EXPECT_FALSE(Rational::parse("0.1e-400"));
  EXPECT_TRUE(Rational::parse("0." + std::string(399, '0') + "1"));  // 1e-400, written long
  EXPECT_TRUE(Rational::parse("1" + std::string(300, '0')));          // 1e300: one significant digit
  EXPECT_TRUE(Rational::parse(std::string(200, '9')));
  EXPECT_TRUE(Rational::parse("0e999999"));
  EXPECT_EQ(Rational::parse("00012/0004").value(), Rational(3));
}

TEST(Rational, ExactDecimalOutput) {
  EXPECT_EQ(Rational(1, 8).exact_decimal(), "0.125");
  EXPECT_EQ(Rational(-3, 40).exact_decimal(), "-0.075");
  EXPECT_EQ(Rational(7).exact_decimal(), "7");
  EXPECT_EQ(Rational(1, 3).exact_decimal(), std::nullopt);
  EXPECT_EQ(Rational(1, 3).canonical(), "1/3");
  EXPECT_EQ(Rational(1, 100).canonical(), "0.01");
}

TEST(Rational, OverflowMovesToBigAndBack) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  Rational a(big);
  Rational sum = a + a;
  EXPECT_TRUE(sum.is_big());
  EXPECT_EQ(sum.str(), "18446744073709551614");
  Rational back = sum - a;
  EXPECT_FALSE(back.is_big());
  EXPECT_EQ(back, a);
  Rational tiny(1, big);
  EXPECT_TRUE((tiny * tiny).is_big());
  EXPECT_EQ((tiny * tiny) * Rational(big) * Rational(big), Rational(1));
  EXPECT_EQ(Rational(std::numeric_limits<std::int64_t>::min()).str(), "-9223372036854775808");
  EXPECT_TRUE(Rational(std::numeric_limits<std::int64_t>::min()).is_big());
}

TEST(Rational, JsonNumbersReadBack) {
  for (const char* text : {"1e200", "1e-200", "1.5e-200", "123e200", "1e400", "-9.99e-400", "0.000001", "0.0000001",
                           "123456789012345678901", "1234567890123456789012"}) {
    Rational r = Rational::parse(text).value();
    std::optional<std::string> written = r.json_number();
    ASSERT_TRUE(written) << text;
    EXPECT_EQ(Rational::parse(*written).value(), r) << text << " -> " << *written;
  }
  EXPECT_EQ(Rational::parse("1e200").value().json_number(), "1e200");
  EXPECT_EQ(Rational::parse("0.000001").value().json_number(), "0.000001");
  EXPECT_EQ(Rational::parse("0.0000001").value().json_number(), "1e-7");
  EXPECT_EQ(Rational(1, 3).json_number(), std::nullopt);
  // 1/2^600 has a 420-digit decimal: written as the fraction it came from.
  std::string q = "1";
  Rational two_600 = 1;
  for (int k = 0; k < 600; ++k) two_600 *= 2;
  Rational tiny = Rational(1) / two_600;
  EXPECT_EQ(tiny.json_number(), std::nullopt);
  EXPECT_EQ(Rational::parse(tiny.canonical()).value(), tiny);
}

TEST(Rational, FloorCeil) {
  EXPECT_EQ(Rational(7, 2).floor(), Rational(3));
  EXPECT_EQ(Rational(-7, 2).floor(), Rational(-4));
  EXPECT_EQ(Rational(-7, 2).ceil(), Rational(-3));
  EXPECT_EQ(Rational(4).floor(), Rational(4));
  Rational huge = R("123456789012345678901234567890.5");
  EXPECT_EQ(huge.floor().str(), "123456789012345678901234567890");
}

TEST(Rational, DivisionByZeroThrows) {
  EXPECT_THROW(Rational(1) / Rational(0), std::domain_error);
  EXPECT_THROW(Rational(1, 0), std::domain_error);
}

TEST(Rational, EqualValuesHashEqual) {
  std::unordered_set<Rational> set{R("0.5"), Rational(1, 2), R("2/4"), R("5e-1")};
  EXPECT_EQ(set.size(), 1u);
}

// Every operation agrees with GMP, including near the 64-bit limits where the
// fast path must hand over to big numbers.
rc::Gen<std::int64_t> interesting_int() {
  return rc::gen::oneOf(rc::gen::inRange<std::int64_t>(-20, 21), rc::gen::arbitrary<std::int64_t>(),
                        rc::gen::element<std::int64_t>(std::numeric_limits<std::int64_t>::max(),
                                                       std::numeric_limits<std::int64_t>::max() - 1,
                                                       std::numeric_limits<std::int64_t>::min() + 1,
                                                       std::int64_t{1} << 62, -(std::int64_t{1} << 62)));
}

mpq_class to_mpq(std::int64_t n, std::int64_t d) {
  mpq_class q(mpz_class(std::to_string(n)), mpz_class(std::to_string(d)));
  q.canonicalize();
  return q;
}

std::string mpq_text(const mpq_class& q) { return q.get_str(); }

// The least common multiple of two values' denominators, through GMP's text.
mpz_class lcm_of(const Rational& x, const Rational& y) {
  const mpq_class a(x.str()), b(y.str());
  mpz_class out;
  mpz_lcm(out.get_mpz_t(), a.get_den().get_mpz_t(), b.get_den().get_mpz_t());
  return out;
}

RC_GTEST_PROP(RationalProperty, MatchesGmp, ()) {
  std::int64_t an = *interesting_int(), bn = *interesting_int();
  std::int64_t ad = *interesting_int(), bd = *interesting_int();
  RC_PRE(ad != 0 && bd != 0);
  Rational a(an, ad), b(bn, bd);
  mpq_class x = to_mpq(an, ad), y = to_mpq(bn, bd);
  RC_ASSERT(a.str() == mpq_text(x));
  // Chain operations so that big intermediate values are exercised too.
  Rational s = a + b, d = a - b, p = a * b;
  RC_ASSERT(s.str() == mpq_text(x + y));
  RC_ASSERT(d.str() == mpq_text(x - y));
  RC_ASSERT(p.str() == mpq_text(x * y));
  RC_ASSERT((s * p - d).str() == mpq_text((x + y) * (x * y) - (x - y)));
  if (!b.is_zero()) RC_ASSERT((a / b).str() == mpq_text(x / y));
  RC_ASSERT((a < b) == (x < y));
  RC_ASSERT((a == b) == (x == y));
  RC_ASSERT((s * p < d) == ((x + y) * (x * y) < (x - y)));
  RC_ASSERT(a.to_double() == x.get_d() || std::abs(a.to_double() - x.get_d()) <= 1e-15 * std::abs(x.get_d()));
}

RC_GTEST_PROP(RationalProperty, ScientificValuesWriteAndReadBack, ()) {
  // Any value within the limits, written in any spelling, writes back to a
  // literal that reads as the same value.
  auto digits = *rc::gen::inRange(1, 60);
  std::string mantissa;
  for (int k = 0; k < digits; ++k) mantissa += static_cast<char>('0' + *rc::gen::inRange(k == 0 ? 1 : 0, 10));
  int point = *rc::gen::inRange(0, digits);
  std::string text = mantissa.substr(0, static_cast<std::size_t>(point + 1));
  if (point + 1 < digits) text += "." + mantissa.substr(static_cast<std::size_t>(point + 1));
  // The leading digit stands at 10^(point + exponent); keep it within the limits.
  int exponent = *rc::gen::inRange(-380, Rational::kDefaultMaxMagnitude - point);
  text += "e" + std::to_string(exponent);
  auto r = Rational::parse(text);
  RC_ASSERT(r.has_value());
  auto written = r->json_number();
  RC_ASSERT(written.has_value());
  RC_ASSERT(Rational::parse(*written).value() == *r);
}

RC_GTEST_PROP(RationalProperty, ParseWritesBack, ()) {
  std::int64_t n = *interesting_int();
  auto d = *rc::gen::inRange<std::int64_t>(1, 1'000'000);
  Rational r(n, d);
  RC_ASSERT(Rational::parse(r.str()).value() == r);
  RC_ASSERT(Rational::parse(r.canonical()).value() == r);
}

// The direct conversions (no text) agree with GMP's own reading of the
// value, on both sides of the 64-bit limit, and the wide common denominator
// built on them scales and unscales exactly.
RC_GTEST_PROP(RationalProperty, DirectGmpConversionsAreExact, ()) {
  std::int64_t an = *interesting_int(), bn = *interesting_int();
  std::int64_t ad = *interesting_int(), bd = *interesting_int();
  RC_PRE(ad != 0 && bd != 0);
  // a * b passes 64 bits for most draws: a big value goes through too.
  const Rational a(an, ad), p = a * Rational(bn, bd);
  for (const Rational& r : {a, p}) {
    const mpq_class expected = r.is_big() ? mpq_class(r.str()) : to_mpq(r.small_numerator(), r.small_denominator());
    mpq_class q;
    rational_to_mpq(r, q.get_mpq_t());
    RC_ASSERT(q == expected);
    const Rational back = rational_from_mpq(q.get_mpq_t());
    RC_ASSERT(back == r);
    RC_ASSERT(back.is_big() == r.is_big());  // stored small exactly when it fits
    RC_ASSERT(back.str() == r.str());
  }
  WideCommonDenominator d;
  const Rational x = a.abs(), y = p.abs();
  d.include(x);
  d.include(y);
  for (const Rational& r : {x, y}) {
    const std::vector<std::uint64_t> limbs = d.scale(r);
    RC_ASSERT(d.unscale(limbs.data(), limbs.size()) == r);
  }
  const mpz_class lcm = lcm_of(x, y);
  RC_ASSERT(d.value().str() == lcm.get_str());
}

// RationalSum (one growing common denominator, reduced once) equals the
// same terms added as Rationals, small and big, positive and negative, and
// starts again from 0 after reset().
RC_GTEST_PROP(RationalProperty, SumsEqualRationalAddition, ()) {
  const auto terms = *rc::gen::inRange(0, 12);
  RationalSum sum;
  sum.add(Rational(5, 7));
  sum.reset();
  Rational expected = 0;
  for (int k = 0; k < terms; ++k) {
    const std::int64_t an = *interesting_int(), ad = *interesting_int();
    const std::int64_t bn = *interesting_int(), bd = *interesting_int();
    RC_PRE(ad != 0 && bd != 0);
    const Rational a(an, ad), b(bn, bd);
    if (*rc::gen::arbitrary<bool>()) {
      sum.add_product(a, b);
      expected += a * b;
    } else {
      sum.add(a * b);  // big as often as not
      expected += a * b;
    }
  }
  const Rational got = sum.value();
  RC_ASSERT(got == expected);
  RC_ASSERT(got.str() == expected.str());
  RC_ASSERT(got.is_big() == expected.is_big());
}

}  // namespace
}  // namespace parley
