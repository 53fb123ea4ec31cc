#include "parley/model/outcome_space.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "parley/io/scenario_reader.h"

namespace parley {
namespace {

Scenario small() {
  return read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "issues": [{"id": "x", "kind": "item", "joint": true},
               {"id": "s", "kind": "share", "step": 0.25},
               {"id": "m", "kind": "choice", "options": ["p", "q"]},
               {"id": "d", "kind": "number", "min": -1, "max": 2, "step": 0.5}],
    "agreed": {"m": "q"}})", "t").value();
}

TEST(OutcomeSpace, DomainSizesMatchEnumeration) {
  Scenario s = small();
  for (int i = 0; i < 4; ++i) {
    auto values = issue_domain(s, i, 1000);
    ASSERT_TRUE(values);
    EXPECT_EQ(Rational(static_cast<std::int64_t>(values->size())), issue_domain_size(s, i)) << i;
  }
  EXPECT_EQ(issue_domain_size(s, 0), Rational(4));   // a, b, c, joint
  EXPECT_EQ(issue_domain_size(s, 1), Rational(15));  // C(4 + 2, 2)
  EXPECT_EQ(issue_domain_size(s, 3), Rational(7));
  // Every share split sums to 1 and is distinct.
  auto splits = *issue_domain(s, 1, 1000);
  for (const auto& v : splits) {
    Rational sum = 0;
    for (const auto& f : v.shares) sum += f;
    EXPECT_EQ(sum, Rational(1));
  }
  EXPECT_FALSE(issue_domain(s, 1, 14));
}

TEST(OutcomeSpace, Counts) {
  Scenario s = small();
  OutcomeCount all = count_outcomes(s, false);
  EXPECT_EQ(all.exact, Rational(4 * 15 * 2 * 7));
  EXPECT_EQ(all.text(), "840");
  EXPECT_EQ(count_outcomes(s, true).exact, Rational(4 * 15 * 7));
  OutcomeCount big;
  big.log10 = 7.0791812;  // 1.2e7
  EXPECT_EQ(big.text(), "1.2e7");
  big.log10 = 20.99999;
  EXPECT_EQ(big.text(), "1.0e21");
}

TEST(OutcomeSpace, HugeSpacesStayExactOrLogarithmic) {
  std::string issues;
  for (int i = 0; i < 1100; ++i) issues += std::string(i ? "," : "") + R"({"id": "i)" + std::to_string(i) + R"(", "kind": "item"})";
  auto s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues + "]}", "t");
  ASSERT_TRUE(s);
  OutcomeCount c = count_outcomes(s.value(), false);
  EXPECT_FALSE(c.exact);  // 2^1100 is beyond 10^300
  EXPECT_NEAR(c.log10, 1100 * 0.301029995663981, 1e-6);
  EXPECT_EQ(c.text(), "1.4e331");
}

// One share split among 200 parties on a 1/10000 grid has C(10199, 199), about
// 1.8e424, outcomes: more than a double holds, so its log10 must come from the
// exact digits.
TEST(OutcomeSpace, SizesBeyondTheLargestDoubleKeepTheirExponent) {
  std::string parties;
  for (int p = 0; p < 200; ++p) parties += std::string(p ? "," : "") + R"({"id": "p)" + std::to_string(p) + R"("})";
  auto s = read_scenario_text(R"({"parley": 1, "parties": [)" + parties +
                                  R"(], "issues": [{"id": "cash", "kind": "share", "step": 0.0001}]})", "t");
  ASSERT_TRUE(s);
  Rational size = issue_domain_size(s.value(), 0);
  ASSERT_EQ(size.str().size(), 425u);  // 10^424 <= size < 10^425
  EXPECT_EQ(size.str().substr(0, 20), "18310356063777231404");
  OutcomeCount c = count_outcomes(s.value(), false);
  EXPECT_FALSE(c.exact);
  EXPECT_NEAR(c.log10, 424.262696789688376, 1e-9);
  EXPECT_EQ(c.text(), "1.8e424");
}

TEST(OutcomeSpace, ExactLog10ReadsTheDigits) {
  Rational big = 7;
  for (int k = 0; k < 500; ++k) big *= 10;  // 7e500
  EXPECT_NEAR(exact_log10(big), 500.845098040014257, 1e-9);
  Rational tiny = Rational(1) / (big * 3);  // 1/(2.1e501)
  EXPECT_NEAR(exact_log10(tiny), -501.322219294733919, 1e-9);
  EXPECT_DOUBLE_EQ(exact_log10(Rational(1000)), 3.0);
  EXPECT_DOUBLE_EQ(exact_log10(Rational(1)), 0.0);
  EXPECT_NEAR(exact_log10(Rational(3, 4)), std::log10(0.75), 1e-15);
  EXPECT_EQ(exact_log10(Rational(0)), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(exact_log10(Rational(-5))));
}

TEST(OutcomeSpace, TextNeverCastsAnUnprintableExponent) {
  OutcomeCount c;
  c.log10 = std::numeric_limits<double>::infinity();
  EXPECT_EQ(c.text(), "unknown");
  c.log10 = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(c.text(), "unknown");
  c.log10 = 3e9 + 0.30103;  // an exponent beyond INT_MAX still prints
  EXPECT_EQ(c.text(), "2.0e3000000000");
}

TEST(OutcomeSpace, GridHelpers) {
  Scenario s = small();
  const Issue& d = s.issues[3];
  EXPECT_EQ(grid_floor(d, Rational(3, 4)), Rational(1, 2));
  EXPECT_EQ(grid_ceil(d, Rational(3, 4)), Rational(1));
  EXPECT_EQ(grid_floor(d, Rational(-5)), Rational(-1));
  EXPECT_TRUE(on_grid(d, Rational(3, 2)));
  EXPECT_FALSE(on_grid(d, Rational(5, 2)));
  EXPECT_FALSE(on_grid(d, Rational(1, 4)));
}

}  // namespace
}  // namespace parley
