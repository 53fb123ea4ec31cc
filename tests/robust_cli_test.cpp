// `parley solve --method robust` through the binary: the ceasefire example
// end to end with its exact worst cases, --spread's checks (exit 2), and
// the refusal of a space too large to search exactly without a time limit.
#include <gtest/gtest.h>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::compact;
using test::parsed;

TEST(RobustCli, CeasefireEndToEnd) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --method robust --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("method")->text(), "robust");
  EXPECT_EQ(v.find("status")->text(), "optimal");
  // Against the Nash package (transit revenue all to b), robust moves one
  // step of the revenue to a: a's worst case rises from 0.1667 to 155/908.
  EXPECT_EQ(compact(v.find("outcome")->find("transit_revenue")), R"({"a":0.05,"b":0.95})");
  EXPECT_EQ(compact(v.find("outcome")->find("ceasefire_days")), "30");
  EXPECT_EQ(compact(v.find("outcome")->find("monitoring")), "\"un_mission\"");
  EXPECT_EQ(compact(v.find("gains_exact")), R"({"a":"253/1000","b":"129/500"})");
  const json::Value* robust = v.find("robust");
  ASSERT_NE(robust, nullptr);
  EXPECT_EQ(compact(robust->find("spread")), "0.2");
  EXPECT_EQ(compact(robust->find("worst_case_exact")), R"({"a":"155/908","b":"7/40"})");
  EXPECT_EQ(compact(robust->find("nash_worst_case")), R"({"a":0.16674008810572688,"b":0.18})");
  EXPECT_EQ(compact(robust->find("nash_outcome")->find("transit_revenue")), R"({"a":0,"b":1})");
  EXPECT_EQ(compact(robust->find("against_status_quo")), "[]");
  // a's worst case: the issues the package serves them best on count 20% less.
  EXPECT_EQ(compact(robust->find("worst_weights")->find("a")->find("r1")), "9.6");
  EXPECT_EQ(compact(robust->find("worst_weights")->find("a")->find("ceasefire_days")), "8");
  EXPECT_EQ(compact(robust->find("worst_weights")->find("b")->find("ceasefire_days")), "19.2");
  const std::string verified = compact(v.find("verified"));
  EXPECT_NE(verified.find("worst case over the weight box re-proved exactly"), std::string::npos) << verified;
  const std::string why = compact(v.find("explanation"));
  EXPECT_NE(why.find("Even if every weight is off by up to 20% either way, each party keeps a gain of at least 0.1707"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("The Nash package could leave Party A with a gain of only 0.1667"), std::string::npos) << why;
}

// A wider spread changes the package: at 50% the ceasefire is longer, with
// third-party monitoring and more of the revenue to a.
TEST(RobustCli, AWiderSpreadChangesThePackage) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --method robust --spread 0.5 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("robust")->find("worst_case_exact")), R"({"a":"9/290","b":"6/185"})");
  EXPECT_EQ(compact(v.find("outcome")->find("ceasefire_days")), "45");
  EXPECT_EQ(compact(v.find("outcome")->find("monitoring")), "\"third_party\"");
  EXPECT_EQ(compact(v.find("outcome")->find("transit_revenue")), R"({"a":0.15,"b":0.85})");
}

TEST(RobustCli, FixAppliesToRobust) {
  test::CommandResult r =
      test::run_binary("solve examples/ceasefire.json --method robust --fix transit_revenue=a:0.5,b:0.5 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("outcome")->find("transit_revenue")), R"({"a":0.5,"b":0.5})");
  EXPECT_EQ(v.find("status")->text(), "optimal");
}

TEST(RobustCli, BadSpreadIsInvalidInput) {
  for (const char* flags : {"--method robust --spread 1", "--method robust --spread -0.1",
                            "--method robust --spread abc", "--method nash --spread 0.2"}) {
    SCOPED_TRACE(flags);
    test::CommandResult r = test::run_binary(std::string("solve examples/ceasefire.json ") + flags);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--spread"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
  test::CommandResult json = test::run_binary("solve examples/ceasefire.json --method robust --spread 1.5 --json");
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(parsed(json.out).find("status")->text(), "invalid");
}

// 2^30 holdings: more than the exact search takes without a time limit.
TEST(RobustCli, ASpaceTooLargeIsRefusedWithoutATimeLimit) {
  std::string issues, weights_a, weights_b;
  for (int k = 0; k < 30; ++k) {
    const std::string id = "i" + std::to_string(k);
    issues += (k ? ", " : "") + std::string(R"({"id":")") + id + R"(","kind":"item"})";
    weights_a += (k ? ", " : "") + std::string("\"") + id + "\": " + std::to_string(k + 1);
    weights_b += (k ? ", " : "") + std::string("\"") + id + "\": " + std::to_string(30 - k);
  }
  const std::string doc = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues +
                          R"(], "preferences": {"a": {"weights": {)" + weights_a + R"(}}, "b": {"weights": {)" +
                          weights_b + "}}}}";
  const std::string path = test::temp_path("robust-large.json");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(doc.c_str(), f);
    std::fclose(f);
  }
  test::CommandResult r = test::run_binary("solve " + path + " --method robust");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("at most 1e9 open outcomes; this scenario has 1.1e9"), std::string::npos) << r.err;
  test::CommandResult limited = test::run_binary("solve " + path + " --method robust --time-limit 1 --json");
  EXPECT_TRUE(limited.exit_code == 0 || limited.exit_code == 3) << limited.err;
  if (limited.exit_code == 0) {
    const std::string status = parsed(limited.out).find("status")->text();
    EXPECT_TRUE(status == "optimal" || status == "feasible") << status;
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace parley
