// The bundled examples are valid and their headline numbers are right.
#include <gtest/gtest.h>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/utility.h"
#include "parley/io/scenario_reader.h"
#include "parley/model/outcome_space.h"
#include "test_support.h"

namespace parley {
namespace {

std::string example(const std::string& name) { return test::source_dir() + "/examples/" + name; }

TEST(Examples, AllValid) {
  for (const std::string& path : test::files_in(test::source_dir() + "/examples", ".json")) {
    // Outcome files, not scenarios.
    if (path.find("ceasefire-") != std::string::npos || path.find("-proposal.json") != std::string::npos) continue;
    SCOPED_TRACE(path);
    Scenario s = test::load_scenario(path);
    EXPECT_TRUE(s.parties_without_preferences().empty());
  }
}

TEST(Examples, CeasefireShape) {
  Scenario s = test::load_scenario(example("ceasefire.json"));
  ASSERT_EQ(s.parties.size(), 2u);
  EXPECT_EQ(s.parties[0].name, "Party A");
  EXPECT_EQ(s.parties[1].name, "Party B");
  int regions = 0, items = 0;
  for (const Issue& is : s.issues) {
    regions += is.kind == IssueKind::region;
    items += is.kind == IssueKind::item;
  }
  EXPECT_GE(regions, 6);
  EXPECT_EQ(items, 2);
  const Issue& days = s.issues[static_cast<std::size_t>(*s.issue_index("ceasefire_days"))];
  EXPECT_EQ(days.min, Rational(0));
  EXPECT_EQ(days.max, Rational(90));
  EXPECT_EQ(s.period, Period::week);
  EXPECT_NE(s.meta.find("2,500"), std::string::npos);
  EXPECT_NE(s.meta.find("invented for illustration"), std::string::npos);
  // 3,612,672 open outcomes, counted independently by a brute-force script.
  EXPECT_EQ(count_outcomes(s, true).exact, Rational(3'612'672));
}

TEST(Examples, CeasefireProposal) {
  Scenario s = test::load_scenario(example("ceasefire.json"));
  Outcome o = read_outcome_file(example("ceasefire-proposal.json"), s).value();
  Evaluation e = evaluate_outcome(s, o).value();
  // The Nash-product package of an independent brute-force enumeration
  // (Python, exact fractions): U_a = 7/10, U_b = 83/125.
  EXPECT_EQ(e.utilities[0], Rational(7, 10));
  EXPECT_EQ(e.utilities[1], Rational(83, 125));
  EXPECT_TRUE(e.feasible);
  EXPECT_TRUE(e.individually_rational);
}

TEST(Examples, CeasefireStatusQuoBreaksTerms) {
  Scenario s = test::load_scenario(example("ceasefire.json"));
  Outcome o = read_outcome_file(example("ceasefire-status-quo.json"), s).value();
  Evaluation e = evaluate_outcome(s, o).value();
  EXPECT_FALSE(e.feasible);
  std::vector<std::string> failing;
  for (const auto& c : e.constraints) {
    if (!c.holds) failing.push_back(c.pointer);
  }
  EXPECT_EQ(failing, (std::vector<std::string>{"/agreed/prisoner_exchange", "/agreed/energy_strikes",
                                               "/preferences/a/red_lines/1", "/preferences/b/red_lines/0",
                                               "/preferences/b/red_lines/1"}));
}

// Today's situation with the agreed terms, by hand: a has r1, r2, r5, r6,
// the nuclear plant, half the revenue, no ceasefire (1), no monitoring (1),
// unrestricted rearmament (0), the agreed exchange and halt (1, 1):
// (12+12+3+3+14+3+10+5+0+3+2)/100 = 67/100. b has r3, r4, r7, r8, the thermal
// plant, half the revenue, unrestricted rearmament and the agreed terms:
// (10+10+3+3+5+6+7+5+2)/100 = 51/100.
TEST(Examples, CeasefireStatusQuoUtilities) {
  Scenario s = test::load_scenario(example("ceasefire.json"));
  ASSERT_TRUE(s.status_quo_outcome());
  const std::vector<Rational> u = Utilities(s).utilities(*s.status_quo_outcome());
  EXPECT_EQ(u, (std::vector<Rational>{Rational(67, 100), Rational(51, 100)}));
}

}  // namespace
}  // namespace parley
