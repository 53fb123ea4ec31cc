// The bundled examples are valid and their headline numbers are right.
#include <gtest/gtest.h>

#include "parley/analysis/evaluate.h"
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

}  // namespace
}  // namespace parley
