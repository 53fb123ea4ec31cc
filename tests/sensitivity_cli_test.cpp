// `parley sensitivity` end to end on the ceasefire example: the exact ends
// the command prints, checked again by solving the edited scenario on either
// side of them; the samples from a seed; the what-if flags; and the flags it
// refuses (exit 2, saying what is allowed).
#include <gtest/gtest.h>

#include "parley/mediate/sensitivity.h"
#include "parley/parley.h"
#include "test_support.h"

namespace parley {
namespace {

const json::Value* interval(const json::Value& doc, const std::string& list, const std::string& party,
                            const std::string& issue) {
  for (const json::Value& v : doc.find(list)->items()) {
    if (v.find("party")->text() != party) continue;
    if (!issue.empty() && v.find("issue")->text() != issue) continue;
    return &v;
  }
  return nullptr;
}

std::optional<Outcome> solved(const Scenario& s) {
  Result<SolveResponse> r = solve(s, {.method = Method::nash});
  EXPECT_TRUE(r.ok());
  return r ? r.value().outcome : std::nullopt;
}

TEST(SensitivityCli, CeasefireIntervalsAreExactAndTheAnswerChangesAtTheirEnds) {
  test::CommandResult r = test::run_binary("sensitivity examples/ceasefire.json --samples 200 --seed 3 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value doc = test::parsed(r.out);
  EXPECT_EQ(doc.find("method")->text(), "nash");
  EXPECT_EQ(test::compact(doc.find("outcome")->find("plant_nuclear")), "\"a\"");
  EXPECT_EQ(doc.find("weights")->items().size(), 28U);  // every positive weight of both parties
  // Party A's weight on plant_nuclear (given 14): [5366/919, 179/11], both ends included.
  const json::Value* nuclear = interval(doc, "weights", "a", "plant_nuclear");
  ASSERT_NE(nuclear, nullptr);
  EXPECT_EQ(test::compact(nuclear->find("weight")), "14");
  EXPECT_EQ(nuclear->find("low_exact")->text(), "5366/919");
  EXPECT_EQ(nuclear->find("high_exact")->text(), "179/11");
  EXPECT_EQ(test::compact(nuclear->find("low")), "5.84");  // 5.8389... rounded up
  EXPECT_EQ(test::compact(nuclear->find("high")), "16.2");  // 16.2727... rounded down
  // Party A's reservation (0.45): [7/16, 49/90), the upper end left out.
  const json::Value* reservation = interval(doc, "reservations", "a", "");
  ASSERT_NE(reservation, nullptr);
  EXPECT_EQ(reservation->find("low_exact")->text(), "7/16");
  EXPECT_EQ(reservation->find("high_exact")->text(), "49/90");
  EXPECT_FALSE(reservation->find("high_included")->as_bool());
  EXPECT_EQ(test::compact(reservation->find("high")), "0.544");

  // Checked by solving the edited scenario: the same package at the ends
  // that belong, another one just beyond them.
  const Scenario s = test::load_scenario(test::source_dir() + "/examples/ceasefire.json");
  const std::optional<Outcome> answer = solved(s);
  const int a = 0, issue = *s.issue_index("plant_nuclear");
  const Rational tiny(1, 1'000'000);
  EXPECT_EQ(solved(with_weight(s, a, issue, Rational(5366, 919))), answer);
  EXPECT_EQ(solved(with_weight(s, a, issue, Rational(179, 11))), answer);
  EXPECT_NE(solved(with_weight(s, a, issue, Rational(5366, 919) - tiny)), answer);
  EXPECT_NE(solved(with_weight(s, a, issue, Rational(179, 11) + tiny)), answer);
  EXPECT_EQ(solved(with_reservation(s, a, Rational(7, 16))), answer);
  EXPECT_NE(solved(with_reservation(s, a, Rational(7, 16) - tiny)), answer);
  EXPECT_NE(solved(with_reservation(s, a, Rational(49, 90))), answer);

  // The samples of seed 3: 200 drawn, the package the same in 58% of them.
  const json::Value* samples = doc.find("samples");
  EXPECT_EQ(test::compact(samples->find("count")), "200");
  EXPECT_EQ(test::compact(samples->find("same_answer")), "0.58");
  EXPECT_EQ(samples->find("answers")->items().size(), 14U);
  EXPECT_EQ(test::compact(samples->find("answers")->items()[0].find("share")), "0.58");
}

TEST(SensitivityCli, WhatIfFlagsApply) {
  test::CommandResult r =
      test::run_binary("sensitivity examples/ceasefire.json --samples 10 --fix plant_nuclear=joint --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value doc = test::parsed(r.out);
  EXPECT_EQ(test::compact(doc.find("outcome")->find("plant_nuclear")), "\"joint\"");
  EXPECT_EQ(doc.find("what_if")->items()[0].find("fix")->text(), "plant_nuclear");
  const json::Value* nuclear = interval(doc, "weights", "a", "plant_nuclear");
  ASSERT_NE(nuclear, nullptr);
  EXPECT_EQ(nuclear->find("high_exact")->text(), "190/3");
  test::CommandResult human = test::run_binary("sensitivity examples/ceasefire.json --samples 10 --fix plant_nuclear=joint");
  EXPECT_EQ(human.out.rfind("What if: plant_nuclear fixed to joint\n", 0), 0U) << human.out;
}

TEST(SensitivityCli, BadFlagsAreRefusedSayingWhatIsAllowed) {
  struct Case {
    std::string flags, message;
  };
  for (const Case& c : {Case{"--spread 1", "--spread: : '1' is not a spread: it takes a number at least 0 and below 1"},
                        Case{"--spread -0.1", "'-0.1' is not a spread"},
                        Case{"--samples 0", "--samples: : 0 samples: it takes a whole number, at least 1"},
                        Case{"--method bogus", "no method 'bogus' for sensitivity; it takes nash, ks, egalitarian"},
                        Case{"--method aw", "no method 'aw' for sensitivity"}}) {
    SCOPED_TRACE(c.flags);
    test::CommandResult r = test::run_binary("sensitivity examples/ceasefire.json " + c.flags);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace
}  // namespace parley
