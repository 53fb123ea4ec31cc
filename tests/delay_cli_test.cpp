// `parley delay` through the binary, on the ceasefire example: the JSON
// contract of docs/cli.md ("Time and negotiation dynamics"), the values, the
// words, and a package given with --outcome.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;
using test::compact;

// The example: Party A loses 0.01 a week, Party B 0.015 and their reservation
// drifts up 0.005 a week while talks go on, so every week raises a's bound by
// 0.01 and b's by 0.02; the zone closes after 19 weeks. Under the Nash package
// (30 days, no rearmament) only the mobilisation shift holds: b +0.02 a week
// from 0.4, against the 0.664 the package gives b: 0.4 + 0.02 t >= 0.664 up
// to t = 13.
TEST(DelayCli, CeasefireExampleJson) {
  test::CommandResult r = test::run_binary("delay examples/ceasefire.json --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("period")->text(), "week");
  EXPECT_EQ(compact(v.find("per_period")->find("utility")), R"({"a":0.01,"b":0.015})");
  EXPECT_EQ(compact(v.find("per_period")->find("real")),
            R"([{"what":"soldiers killed","per_period":2500,"source":"reported estimate quoted by the mediator, news report, March 2025"}])");
  EXPECT_EQ(v.find("zone_closes_after")->text(), "19");
  EXPECT_EQ(compact(v.find("outcome")->find("ceasefire_days")), "30");
  EXPECT_EQ(v.find("outcome")->find("rearmament")->text(), "none");
  EXPECT_EQ(v.find("durable_for")->text(), "13");
  EXPECT_EQ(v.find("binding")->text(), "b");
  EXPECT_EQ(compact(v.find("shift_per_period_exact")), R"({"a":"0","b":"1/50"})");
  EXPECT_EQ(v.find("zone_engine")->text(), "frontier");
}

TEST(DelayCli, CeasefireExampleInWords) {
  test::CommandResult r = test::run_binary("delay examples/ceasefire.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* words :
       {"Each week without agreement costs 2,500 soldiers killed (source: reported estimate quoted by the mediator, "
        "news report, March 2025); for the parties, Party A 0.0100 and Party B 0.0150 in utility, while the "
        "no-deal position of Party B moves by +0.0050 a week.",
        "The zone of agreement closes after 19 weeks",
        "The Nash package stays acceptable to every party for 13 weeks of a pause; then Party B would rather walk "
        "away: under the package's terms their no-deal position moves by +0.0200 a week, and in week 14 that "
        "position is 0.6800, above the 0.6640 the package gives them."}) {
    EXPECT_NE(r.out.find(words), std::string::npos) << words << "\n" << r.out;
  }
}

// Allowing defensive rearmament adds b's +0.01 a week: 0.4 + 0.03 t >= 0.713
// up to t = 10 (a: 0.7 - 0.14 x 0.6 = 0.616, b: 0.664 + 0.07 x 0.7). A horizon
// shorter than that: durable through it (null).
TEST(DelayCli, AGivenPackageAndAShortHorizon) {
  const std::string dir = ::testing::TempDir() + "delay_cli";
  std::filesystem::create_directories(dir);
  const std::string file = dir + "/defensive.json";
  std::ofstream(file) << R"({"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "defensive_only",
    "prisoner_exchange": "all_for_all", "energy_strikes": "halt", "r1": "a", "r2": "a", "r3": "b", "r4": "b",
    "r5": "a", "r6": "a", "r7": "b", "r8": "b", "plant_nuclear": "a", "plant_thermal": "b",
    "transit_revenue": {"a": 0, "b": 1}})";
  test::CommandResult r = test::run_binary("delay examples/ceasefire.json --json --outcome " + file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("durable_for")->text(), "10");
  EXPECT_EQ(v.find("binding")->text(), "b");
  EXPECT_EQ(v.find("outcome_from")->text(), "given");
  EXPECT_EQ(compact(v.find("utilities_exact")), R"({"a":"77/125","b":"713/1000"})");
  r = test::run_binary("delay examples/ceasefire.json --json --horizon 8 --outcome " + file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v = parsed(r.out);
  EXPECT_TRUE(v.find("durable_for")->is_null());
  EXPECT_TRUE(v.find("binding")->is_null());
  EXPECT_TRUE(v.find("zone_closes_after")->is_null());  // open through week 8
  for (const char* bad : {"-1", "0"}) {
    r = test::run_binary(std::string("delay examples/ceasefire.json --horizon ") + bad);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.err.find("--horizon"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace parley
