// The command line as a front end of the facade: one time budget for the
// whole command, errors in JSON with --json, and the embedding example.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "parley/io/json.h"
#include "random_map.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;

std::string temp_file(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::path(test::temp_path("parley_facade_cli_test"));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

// An 8x8 map, both sides anchored in opposite corners and contiguous, three
// red lines each, and reservations of 0.9 that no division meets: the deal
// is impossible at once, but naming a minimal set of demands that collide
// means a contiguity MIP per demand. Without a limit that search takes
// minutes; it used to give each demand 10 s whatever --time-limit said.
std::string slow_conflict_scenario() {
  test::MapScenarioOptions o;
  o.parties = 2;
  o.anchors = true;
  o.red_lines_per_party = 3;
  o.reservation = 1.8;  // of the proportional share 1/2: 0.9 each
  o.seed = 2;           // red lines that leave packages feasible: no zone of agreement, not infeasible
  return temp_file("slow-conflict.json", test::map_scenario_json(test::grid_map(8, 8), o));
}

TEST(FacadeCli, TimeLimitBoundsTheWholeCommandConflictSearchIncluded) {
  const std::string path = slow_conflict_scenario();
  for (const std::string command : {"solve", "frontier"}) {
    SCOPED_TRACE(command);
    const auto start = std::chrono::steady_clock::now();
    test::CommandResult r = test::run_binary(command + " '" + path + "' --time-limit 2 --json");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // The limit, its allowed overrun (max(0.5 s, 5%)) and the process's own
    // start and output.
    EXPECT_LE(seconds, 2.0 + 0.5 + 0.5) << r.out << r.err;
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.out << r.err;
    json::Value v = parsed(r.out);
    const std::string status = v.find("status") ? v.find("status")->text() : "complete";
    EXPECT_TRUE(status == "no_agreement_zone" || status == "time_limit" || status == "complete") << status;
    if (status == "no_agreement_zone") {
      EXPECT_FALSE(v.find("conflict")->items().empty());
    }
  }
}

// Two shares on a 10^-4 grid linked by a red line: too many combinations to
// list, so the frontier is walked by MIP, point by point (thousands of
// points). Each MIP is quick; the walk itself must watch the clock.
TEST(FacadeCli, TimeLimitBoundsTheMipFrontierWalk) {
  const std::string path = temp_file("walk.json", R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "share", "step": 0.0001}, {"id": "y", "kind": "share", "step": 0.0001}],
    "preferences": {
      "a": {"weights": {"x": 3, "y": 1},
            "red_lines": [{"any": [{"issue": "x", "party": "a", "min": 0.1}, {"issue": "y", "party": "a", "min": 0.1}]}]},
      "b": {"weights": {"x": 1, "y": 2}}}})");
  const auto start = std::chrono::steady_clock::now();
  test::CommandResult r = test::run_binary("frontier '" + path + "' --time-limit 1 --json --limit 3");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LE(seconds, 1.0 + 0.5 + 0.5) << r.out << r.err;
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("engine")->text(), "package optimiser");
  EXPECT_FALSE(v.find("complete")->as_bool());
  EXPECT_TRUE(v.find("nash")->is_null());  // not marked on part of the frontier
}

TEST(FacadeCli, EveryCommandAnswersErrorsInJsonWithJson) {
  const std::string bad = temp_file("bad.json", R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "itme"}]})");
  const std::string outcome = temp_file("outcome.json", R"({"x": "a"})");
  for (const std::string& command :
       {"validate '" + bad + "'", "evaluate '" + bad + "' --outcome '" + outcome + "'", "frontier '" + bad + "'",
        "solve '" + bad + "' --method ks", "render '" + bad + "' --outcome '" + outcome + "' -o /tmp/x.svg"}) {
    SCOPED_TRACE(command);
    test::CommandResult r = test::run_binary(command + " --json");
    EXPECT_EQ(r.exit_code, 2);
    json::Value v = parsed(r.out);
    EXPECT_EQ(v.find("status")->text(), "invalid");
    ASSERT_EQ(v.find("errors")->items().size(), 1u);
    EXPECT_EQ(v.find("errors")->items()[0].find("pointer")->text(), "/issues/0/kind");
    EXPECT_NE(r.err.find("/issues/0/kind: unknown issue kind"), std::string::npos) << r.err;  // stderr as always
  }
  test::CommandResult missing = test::run_binary("solve /nonexistent/scenario.json --json");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(parsed(missing.out).find("status")->text(), "error");
  test::CommandResult flags = test::run_binary("solve examples/ceasefire.json --methd nash --json");
  EXPECT_EQ(flags.exit_code, 1);
  EXPECT_EQ(parsed(flags.out).find("status")->text(), "error");
}

TEST(FacadeCli, AnswersSayWhatWasVerified) {
  test::CommandResult r = test::run_binary("solve examples/ceasefire.json --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  std::string all;
  for (const json::Value& line : v.find("verified")->items()) all += line.text() + "\n";
  EXPECT_NE(all.find("every agreed term, rule and red line holds (12 checks)"), std::string::npos) << all;
  EXPECT_NE(all.find("utilities recomputed exactly"), std::string::npos) << all;
  EXPECT_NE(all.find("Pareto optimal"), std::string::npos) << all;
}

TEST(FacadeCli, TheEmbeddingExampleRuns) {
  const std::string cmd = "cd '" + test::source_dir() + "' && '" PARLEY_EMBED_EXAMPLE "' examples/ceasefire.json";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  EXPECT_EQ(out.substr(0, out.find('\n')), "optimal");
  json::Value v = parsed(out.substr(out.find("\n{") + 1));  // the response's JSON ends the output
  EXPECT_EQ(v.find("method")->text(), "nash");
  EXPECT_EQ(v.find("utilities_exact")->find("a")->text(), "7/10");
}

}  // namespace
}  // namespace parley
