// `parley solve --method alternating` through the binary: the JSON keys of
// docs/cli.md ("Time and negotiation dynamics"), the words a mediator reads,
// and the flags' checks. The ceasefire example's delay costs are a 0.01 and
// b 0.015 a week; the numbers below are the equilibrium that
// src/parley/mediate/alternating_test.cpp's brute force would also give (it
// checks the engine on small scenarios; here the command's plumbing).
#include <gtest/gtest.h>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

// The command's JSON answer (null, failing the test, when it has none).
json::Value answer(const test::CommandResult& r) {
  Result<json::Value> v = json::parse(r.out, "stdout");
  if (v) return v.value();
  ADD_FAILURE() << "no JSON on stdout: " << r.out << r.err;
  return json::Value();
}

std::string exact(const json::Value& v, const char* key, const char* party) {
  return v.find(key)->find(party)->text();
}

TEST(AlternatingCli, CeasefireEquilibriumInJson) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --method alternating --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = answer(r);
  EXPECT_EQ(v.find("method")->text(), "alternating");
  EXPECT_EQ(v.find("status")->text(), "optimal");
  EXPECT_EQ(v.find("period")->text(), "0");
  EXPECT_EQ(v.find("periods")->text(), "52");
  EXPECT_EQ(v.find("first")->text(), "a");
  // a proposes first, so b proposes last (week 52) and that carries back:
  // b accepts 0.828 against 0.825 from refusing (0.84 next week less 0.015).
  EXPECT_EQ(exact(v, "utilities_exact", "a"), "62/125");
  EXPECT_EQ(exact(v, "utilities_exact", "b"), "207/250");
  EXPECT_EQ(exact(v, "continuation_exact", "a"), "12/25");
  EXPECT_EQ(exact(v, "continuation_exact", "b"), "33/40");
  EXPECT_EQ(v.find("continuation")->find("b")->text(), "0.825");
  EXPECT_TRUE(v.find("properties")->find("pareto_optimal")->as_bool());
  EXPECT_EQ(v.find("outcome")->find("ceasefire_days")->text(), "90");
}

TEST(AlternatingCli, WhoProposesFirstAndHowLongMatter) {
  test::CommandResult r =
      test::run_binary("solve examples/ceasefire.json --method alternating --first b --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = answer(r);
  EXPECT_EQ(v.find("first")->text(), "b");
  EXPECT_EQ(exact(v, "utilities_exact", "a"), "81/100");
  EXPECT_EQ(exact(v, "continuation_exact", "a"), "403/500");
  EXPECT_EQ(v.find("outcome")->find("ceasefire_days")->text(), "30");
  // Three weeks, b first: b proposes last too (week 3), and a gets less.
  r = test::run_binary("solve examples/ceasefire.json --method alternating --first b --periods 3 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v = answer(r);
  EXPECT_EQ(v.find("periods")->text(), "3");
  EXPECT_EQ(exact(v, "utilities_exact", "a"), "49/100");
  EXPECT_EQ(exact(v, "utilities_exact", "b"), "21/25");
}

TEST(AlternatingCli, HumanOutputSaysWhoProposesAndWhyTheOthersAccept) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --method alternating");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* words :
       {"Alternating offers over 52 weeks: Party A proposes first, then Party B in turn",
        "Party A proposes this package at once and every other party accepts: no week is lost",
        "Party B accepts because refusing would leave them 0.8250",
        "against 0.8280 from accepting now", "0.4960 for themselves, against 0.4800 if this first offer were refused"}) {
    EXPECT_NE(r.out.find(words), std::string::npos) << words << "\n" << r.out;
  }
}

TEST(AlternatingCli, FlagsAreChecked) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --method alternating --first c");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--first: no party 'c'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the parties are a, b"), std::string::npos) << r.err;
  r = test::run_binary("solve examples/ceasefire.json --method alternating --periods 0");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  r = test::run_binary("solve examples/ceasefire.json --method nash --periods 3 --json");
  EXPECT_EQ(r.exit_code, 1);
  json::Value v = answer(r);
  EXPECT_EQ(v.find("status")->text(), "error");
  EXPECT_NE(v.find("message")->text().find("--periods and --first belong to --method alternating"), std::string::npos);
}

}  // namespace
}  // namespace parley
