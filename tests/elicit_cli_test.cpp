// `parley elicit` through the binary, on the ceasefire example and its ranking
// (examples/ceasefire-ranking.json: four packages Party A might rank, agreed
// terms left out), and ranking files that must be refused with pointers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;
using test::compact;

// With A's own value tables, the packages differ for them in the regions r2
// and r3, the nuclear plant, the ceasefire length, monitoring, rearmament and
// the revenue. The largest smallest gap between consecutive packages is 7/23,
// with weight only on r2, r3 and the plant (6/23, 7/23, 10/23): package 2
// (A holds r3 and both plants) 1, 0 (r2 and the nuclear plant) 16/23, 3 (r2,
// the plant jointly) 9/23, 1 (neither, the plant neutral) 2/23.
TEST(ElicitCli, CeasefireExampleJson) {
  test::CommandResult r =
      test::run_binary("elicit examples/ceasefire.json --party a --ranking examples/ceasefire-ranking.json --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("party")->text(), "a");
  EXPECT_EQ(compact(v.find("inconsistent")), "[]");
  EXPECT_EQ(compact(v.find("reproduced")), "true");
  EXPECT_EQ(v.find("margin_exact")->text(), "7/23");
  EXPECT_EQ(compact(v.find("utilities_exact")), R"(["16/23","2/23","1","9/23"])");
  EXPECT_EQ(compact(v.find("preferences")->find("weights")), R"({"r2":"6/23","r3":"7/23","plant_nuclear":"10/23"})");
  EXPECT_EQ(v.find("weights")->members().size(), 16u);
  EXPECT_EQ(compact(v.find("unvaried")), R"(["prisoner_exchange","energy_strikes","r1","r4","r5","r6","r7","r8"])");
}

// Ranked so that package 1 (A loses r2 and the nuclear plant, a long pause
// with rearmament) is best: with A's tables it is worse than package 0 on
// every issue that differs, so [1, 0] is named; with --values the tables are
// free and monotone only where A's curve is (the ceasefire length, which
// falls), so a table can still put 1 above 0.
TEST(ElicitCli, AnInconsistentRankingNamesThePair) {
  const std::string dir = ::testing::TempDir() + "elicit_cli";
  std::filesystem::create_directories(dir);
  std::ifstream in(test::source_dir() + "/examples/ceasefire-ranking.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("[[2], [0], [3], [1]]"), 20, "[[1], [2], [0], [3]]");
  std::ofstream(dir + "/swapped.json") << text;
  test::CommandResult r =
      test::run_binary("elicit examples/ceasefire.json --party a --json --ranking " + dir + "/swapped.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("inconsistent")), "[[1,2],[1,0],[1,3]]");
  EXPECT_EQ(compact(v.find("reproduced")), "false");
  EXPECT_EQ(compact(v.find("margin")), "null");
  r = test::run_binary("elicit examples/ceasefire.json --party a --ranking " + dir + "/swapped.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No weights rank package 1 above package 0: package 0 is at least as good for Party A on "
                       "every issue."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Ready to paste into the scenario's \"preferences\":\n\"a\": {\"weights\":"), std::string::npos)
      << r.out;
}

TEST(ElicitCli, BadRankingFilesArePointered) {
  const std::string dir = ::testing::TempDir() + "elicit_cli";
  std::filesystem::create_directories(dir);
  const std::string file = dir + "/bad.json";
  std::ofstream(file) << R"({"packages": [
    {"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "none", "r1": "a", "r2": "a", "r3": "b", "r4": "b",
     "r5": "a", "r6": "a", "r7": "b", "r8": "b", "plant_nuclear": "a", "plant_thermal": "b",
     "transit_revenue": {"a": 0.5, "b": 0.5}},
    {"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "none", "r1": "a", "r2": "a", "r4": "b",
     "r5": "a", "r6": "a", "r7": "b", "r8": "b", "plant_nuclear": "a", "plant_thermal": "b",
     "transit_revenue": {"a": 0.5, "b": 0.5}}],
    "order": [[0, -1]], "ties": []})";
  test::CommandResult r = test::run_binary("elicit examples/ceasefire.json --party a --ranking " + file);
  EXPECT_EQ(r.exit_code, 2);
  for (const char* line : {"/ties: unknown key", "/packages/1/r3: missing: package 1 gives no value for issue \"r3\" "
                                                 "(only agreed terms may be left out)",
                           "/order/0/1: a package index: an integer from 0, found -1"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
  }
  std::ofstream(file) << R"({"packages": [{"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "none",
     "r1": "a", "r2": "a", "r3": "b", "r4": "b", "r5": "a", "r6": "a", "r7": "b", "r8": "b", "plant_nuclear": "a",
     "plant_thermal": "b", "transit_revenue": {"a": 0.5, "b": 0.5}, "prisoner_exchange": "none"},
     {"ceasefire_days": 60, "monitoring": "un_mission", "rearmament": "none",
     "r1": "a", "r2": "a", "r3": "b", "r4": "b", "r5": "a", "r6": "a", "r7": "b", "r8": "b", "plant_nuclear": "a",
     "plant_thermal": "b", "transit_revenue": {"a": 0.5, "b": 0.5}}],
    "order": [[0], [2]]})";
  r = test::run_binary("elicit examples/ceasefire.json --party a --json --ranking " + file);
  EXPECT_EQ(r.exit_code, 2);
  json::Value v = parsed(r.out);
  EXPECT_EQ(compact(v.find("errors")),
            R"([{"pointer":"/order/1/0","message":"no package 2: the packages are numbered 0 to 1"},)"
            R"({"pointer":"/order","message":"package 1 is in no group: the order must rank every package"}])");
  r = test::run_binary("elicit examples/ceasefire.json --party c --ranking examples/ceasefire-ranking.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no party \"c\" in examples/ceasefire.json; the parties are a, b"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace parley
