// `parley evaluate` (pareto_optimal, improvement, closest_improvement) and
// `parley compare` through the binary, on the issue's cases built from the
// examples: a ceasefire proposal with the nuclear plant neutral, beaten for
// both parties by the same package with the plant held jointly; and a
// three-heir division beaten for all three by the leximin one.
#include <gtest/gtest.h>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;
using test::compact;

const char* kPlant = "evaluate tests/scenarios/ceasefire-plant-joint.json "
                     "--outcome tests/scenarios/ceasefire-plant-neutral-proposal.json";

// b values the plant jointly held at 0.6 and neutral at 0.5 (weight 8 of
// 100), a at 0.3 and 0.2 (weight 14 of 100): held jointly, a gains 7/500 and
// b 1/125, changing that one issue. The largest smallest gain needs three:
// from the proposal's a 0.7 - 0.14 x 0.8 = 0.588 and b 0.664 + 0.08 x 0.5 =
// 0.704, +0.045 and +0.05.
TEST(ImproveCli, NeutralPlantIsBeatenByJointJson) {
  test::CommandResult r = test::run_binary(std::string(kPlant) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("properties")->find("pareto_optimal")), "false");
  const json::Value* closest = v.find("closest_improvement");
  ASSERT_TRUE(closest);
  EXPECT_EQ(compact(closest->find("changes")), R"(["plant_nuclear"])");
  EXPECT_EQ(closest->find("outcome")->find("plant_nuclear")->text(), "joint");
  EXPECT_EQ(compact(closest->find("gains_over_evaluated_exact")), R"({"a":"7/500","b":"1/125"})");
  EXPECT_EQ(compact(closest->find("proved")), "true");
  const json::Value* best = v.find("improvement");
  ASSERT_TRUE(best);
  EXPECT_EQ(compact(best->find("changes")), R"(["ceasefire_days","plant_nuclear","transit_revenue"])");
  EXPECT_EQ(compact(best->find("gains_over_evaluated_exact")), R"({"a":"9/200","b":"1/20"})");
  EXPECT_EQ(compact(best->find("utilities_exact")), R"({"a":"633/1000","b":"377/500"})");
}

TEST(ImproveCli, NeutralPlantIsBeatenByJointInWords) {
  test::CommandResult r = test::run_binary(kPlant);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* words :
       {"Pareto optimal: no\n",
        "Changing the fewest issues (1): Both parties gain if the nuclear power plant (in Region 2) is held jointly "
        "instead of neutral: "
        "Party A +0.0140, Party B +0.0080."}) {
    EXPECT_NE(r.out.find(words), std::string::npos) << words << "\n" << r.out;
  }
}

// The leximin division gives every heir more than the proposal (cash split
// equally, the cabin to Ben): compare lists [1, 0] and nothing else.
TEST(ImproveCli, ThreeHeirDivisionIsBeatenByLeximin) {
  test::CommandResult r = test::run_binary(
      "compare tests/scenarios/inheritance-three-heirs.json tests/scenarios/inheritance-three-heirs-proposal.json "
      "tests/scenarios/inheritance-three-heirs-leximin.json --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("dominates")), "[[1,0]]");
  const std::vector<json::Value>& outcomes = v.find("outcomes")->items();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(compact(outcomes[0].find("properties")->find("pareto_optimal")), "false");
  EXPECT_EQ(compact(outcomes[1].find("properties")->find("pareto_optimal")), "true");
  EXPECT_EQ(compact(outcomes[0].find("utilities_exact")), R"({"ana":"19/40","ben":"289/625","chloe":"1897/5000"})");
  EXPECT_EQ(compact(outcomes[0].find("closest_improvement")->find("changes")), R"(["cabin","cash"])");
  EXPECT_EQ(outcomes[1].find("improvement"), nullptr);

  test::CommandResult words = test::run_binary(
      "compare tests/scenarios/inheritance-three-heirs.json tests/scenarios/inheritance-three-heirs-proposal.json "
      "tests/scenarios/inheritance-three-heirs-leximin.json");
  ASSERT_EQ(words.exit_code, 0) << words.err;
  EXPECT_NE(words.out.find("[1] tests/scenarios/inheritance-three-heirs-leximin.json is at least as good as [0] "
                           "tests/scenarios/inheritance-three-heirs-proposal.json for every party, and better for "
                           "Ana, Ben and Chloe."),
            std::string::npos)
      << words.out;
}

// compare needs two outcomes at least.
TEST(ImproveCli, CompareRefusesOneOutcome) {
  test::CommandResult r = test::run_binary(
      "compare tests/scenarios/inheritance-three-heirs.json tests/scenarios/inheritance-three-heirs-leximin.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace parley
