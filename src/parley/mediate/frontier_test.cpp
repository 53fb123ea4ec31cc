// The facade's frontier: outcomes only for as many points as fit in memory.
#include <gtest/gtest.h>

#include "many_items.h"
#include "parley/io/scenario_reader.h"
#include "parley/mediate/engine.h"

namespace parley {
namespace {

// 500 items: 11,130 efficient packages of 500 values each, 5.6 million values
// in all; the response holds outcomes for 2^20 / 500 = 2,097 of them.
TEST(FacadeFrontier, OutcomesAreGivenForAsManyPointsAsFit) {
  Result<Scenario> s = read_scenario_text(test::many_items_json(500), "items.json");
  ASSERT_TRUE(s.ok());
  Result<FrontierResponse> all = frontier(s.value(), {});
  ASSERT_TRUE(all.ok()) << all.errors().front().message;
  const FrontierResponse& r = all.value();
  EXPECT_EQ(r.status, FrontierStatus::complete);
  ASSERT_EQ(r.points.size(), 11'130U);
  EXPECT_EQ(r.with_outcomes, 2'097U);
  EXPECT_EQ(r.note, "outcomes are given for the first 2097 of 11130 points only: more would not fit in memory with "
                    "500 issues");
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    const bool marked = r.nash == k || r.ks == k || r.egalitarian == k;
    ASSERT_EQ(r.points[k].outcome.has_value(), k < 2'097 || marked) << k;
  }
  // Fewer asked for: as many given, and nothing to say.
  Result<FrontierResponse> few = frontier(s.value(), {.outcomes = 10});
  ASSERT_TRUE(few.ok());
  EXPECT_EQ(few.value().with_outcomes, 10U);
  EXPECT_EQ(few.value().note, "");
}

}  // namespace
}  // namespace parley
