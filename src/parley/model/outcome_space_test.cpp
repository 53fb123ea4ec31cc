#include "parley/model/outcome_space.h"

#include <gtest/gtest.h>

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
