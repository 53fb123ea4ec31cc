// `parley negotiate` and `parley tournament` through the binary: the JSON
// contract (docs/cli.md, "Time and negotiation dynamics"), the same seed
// giving the same bytes, the CSV's rows, shards that concatenate to the whole
// and --jobs 2 writing what --jobs 1 writes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;

// The output without the one line that depends on the machine: "seconds".
std::string without_seconds(const std::string& text) {
  return std::regex_replace(text, std::regex(R"("seconds": ?[-0-9.e+]+)"), R"("seconds": 0)");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    out.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 2;
  }
  return out;
}

// A real Genius domain (England and Zimbabwe, ANAC 2010): its weights are
// 17-digit decimals divided by their sum, so the utilities need far more than
// 64-bit integers. Every protocol and agent pair negotiates it, exactly.
TEST(NegotiateCli, GeniusEnglandZimbabweNegotiatesExactly) {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("parley-negotiate-ez-" + std::to_string(::getpid()) + ".json");
  const std::string g = "../shared/data/genius/EnglandZimbabwe_ANAC2010/";
  test::CommandResult imported = test::run_binary("import genius " + g + "EnglandZimbabwe_domain.xml " + g +
                                                  "England.xml " + g + "Zimbabwe.xml -o " + file.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  test::CommandResult r =
      test::run_binary("negotiate " + file.string() + " --agents England=boulware,Zimbabwe=conceder --json");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json::Value v = parsed(r.out);
  ASSERT_TRUE(v.find("agreement")->as_bool());
  EXPECT_EQ(v.find("round")->text(), "16");
  EXPECT_EQ(v.find("utilities_exact")->find("England")->text(), "1");
  EXPECT_EQ(v.find("utilities_exact")->find("Zimbabwe")->text(), "338807216924568321551/752399999999999984952");
  EXPECT_EQ(v.find("pareto_distance")->text(), "0");
  EXPECT_EQ(v.find("verified")->items().size(), 4U);
  // The others: nothing refused, and each ends in an agreement or says there was none.
  for (const char* protocol : {"alternating", "single-text"}) {
    for (const char* agents : {"England=nash-seeker,Zimbabwe=tit-for-tat", "England=hardliner,Zimbabwe=linear",
                               "England=tit-for-tat,Zimbabwe=nash-seeker"}) {
      SCOPED_TRACE(std::string(protocol) + " " + agents);
      test::CommandResult o = test::run_binary("negotiate " + file.string() + " --protocol " + protocol +
                                               " --agents " + agents + " --json");
      ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
      json::Value w = parsed(o.out);
      EXPECT_EQ(w.find("candidates")->find("count")->text(), "576");
      EXPECT_EQ(w.find("verified")->items().empty(), false);
    }
  }
  fs::remove(file);
}

TEST(NegotiateCli, CeasefireJsonHasTheContractKeys) {
  test::CommandResult r =
      test::run_binary("negotiate examples/ceasefire.json --agents a=boulware,b=conceder --rounds 30 --seed 4 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::Value v = parsed(r.out);
  for (const char* key : {"agreement", "round", "outcome", "utilities", "offers", "pareto_distance", "nash_distance",
                          "real_costs"}) {
    EXPECT_NE(v.find(key), nullptr) << key;
  }
  ASSERT_TRUE(v.find("agreement")->as_bool());
  const int round = std::stoi(v.find("round")->text());
  const auto& offers = v.find("offers")->items();
  ASSERT_EQ(offers.size(), static_cast<std::size_t>(round + 1));
  EXPECT_EQ(offers[0].find("from")->text(), "a");
  EXPECT_EQ(offers[1].find("from")->text(), "b");
  EXPECT_EQ(json::write(*offers.back().find("outcome"), {.indent = 0}),
            json::write(*v.find("outcome"), {.indent = 0}));
  // 2,500 soldiers a week for every week before the agreement.
  const auto& real = v.find("real_costs")->items();
  ASSERT_EQ(real.size(), 1U);
  EXPECT_EQ(real[0].find("what")->text(), "soldiers killed");
  EXPECT_EQ(std::stoll(real[0].find("total")->text()), 2500LL * round);
  EXPECT_GE(std::stod(v.find("nash_distance")->text()), std::stod(v.find("pareto_distance")->text()));
}

TEST(NegotiateCli, SameSeedSameBytes) {
  for (const char* protocol : {"alternating", "single-text"}) {
    const std::string args = std::string("negotiate examples/ceasefire.json --protocol ") + protocol +
                             " --agents a=tit-for-tat,b=nash-seeker --rounds 40 --seed 11 --json";
    test::CommandResult one = test::run_binary(args);
    test::CommandResult two = test::run_binary(args);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(without_seconds(one.out), without_seconds(two.out)) << protocol;
    EXPECT_FALSE(parsed(one.out).find("offers")->items().empty()) << protocol;
  }
}

TEST(NegotiateCli, WordsAndFlagErrors) {
  test::CommandResult r = test::run_binary("negotiate examples/ceasefire.json --agents a=linear,b=linear --rounds 20");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("negotiated by alternating offers for at most 20 weeks"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("soldiers killed"), std::string::npos) << r.out;
  r = test::run_binary("negotiate examples/ceasefire.json --agents a=linear");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no agent for party 'b'"), std::string::npos) << r.err;
  r = test::run_binary("negotiate examples/ceasefire.json --agents a=linear,b=sly");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no agent 'sly'"), std::string::npos) << r.err;
}

TEST(TournamentCli, RowsShardsAndJobs) {
  const std::string files = "examples/ceasefire.json examples/divorce.json";
  const std::string common = " --agents boulware,conceder,hardliner --rounds 12 --repetitions 2 --seed 3 -o ";
  const std::string whole = test::temp_path("whole.csv");
  test::CommandResult r = test::run_binary("tournament " + files + common + whole);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string all = test::read_text(whole);
  const std::vector<std::string> rows = lines(all);
  // 2 scenarios x 3^2 assignments x 2 repetitions, and the header.
  ASSERT_EQ(rows.size(), 1U + 2 * 9 * 2);
  EXPECT_EQ(rows[0].rfind("scenario,agents,repetition,agreement,round,utility_", 0), 0U) << rows[0];
  EXPECT_NE(rows[0].find(",pareto_distance,nash_distance,social_welfare"), std::string::npos) << rows[0];
  EXPECT_EQ(rows[1].rfind("examples/ceasefire.json,a=boulware;b=boulware,1,", 0), 0U) << rows[1];
  // Numbers carry at most 15 significant digits (no 0.8056250000000001).
  EXPECT_FALSE(std::regex_search(all, std::regex("[1-9][0-9]{15}"))) << all;
  std::string joined;
  for (int shard = 1; shard <= 3; ++shard) {
    const std::string part = test::temp_path("part" + std::to_string(shard) + ".csv");
    r = test::run_binary("tournament " + files + common + part + " --shard " + std::to_string(shard) + "/3");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    joined += test::read_text(part);
  }
  EXPECT_EQ(joined, all);
  const std::string parallel = test::temp_path("jobs2.csv");
  r = test::run_binary("tournament " + files + common + parallel + " --jobs 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::read_text(parallel), all);
}

// --time-limit bounds the preparation too (the candidate sample, the
// frontier): a millisecond, which reading the file alone uses up, stops
// negotiate before any offer (exit 3, "stopped", each party at their
// reservation after no delay) and the tournament before any row (exit 3, the
// header alone), instead of preparing the scenario first.
TEST(NegotiateCli, ATinyTimeLimitStopsThePreparation) {
  test::CommandResult r = test::run_binary(
      "negotiate examples/ceasefire.json --agents a=boulware,b=conceder --time-limit 0.001 --json");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  json::Value v = parsed(r.out);
  EXPECT_TRUE(v.find("stopped")->as_bool());
  EXPECT_FALSE(v.find("agreement")->as_bool());
  EXPECT_TRUE(v.find("offers")->items().empty());
  EXPECT_EQ(v.find("utilities_exact")->find("a")->text(), "9/20");
  EXPECT_EQ(v.find("utilities_exact")->find("b")->text(), "2/5");
  EXPECT_EQ(v.find("explanation")->items().back().text(),
            "The time limit ran out while the candidate packages were being listed, before any offer was made.");

  test::CommandResult words =
      test::run_binary("negotiate examples/ceasefire.json --agents a=boulware,b=conceder --time-limit 0.001");
  EXPECT_EQ(words.exit_code, 3);
  EXPECT_NE(words.out.find("No offers were made."), std::string::npos) << words.out;

  const std::string csv = test::temp_path("tiny-limit.csv");
  test::CommandResult t = test::run_binary("tournament examples/ceasefire.json examples/divorce.json --agents "
                                           "boulware,conceder --time-limit 0.001 --json -o " + csv);
  EXPECT_EQ(t.exit_code, 3) << t.out << t.err;
  json::Value tv = parsed(t.out);
  EXPECT_EQ(tv.find("rows")->text(), "0");
  EXPECT_EQ(tv.find("total_rows")->text(), "8");
  EXPECT_TRUE(tv.find("stopped")->as_bool());
  EXPECT_EQ(lines(test::read_text(csv)).size(), 1U);  // the header alone
}

}  // namespace
}  // namespace parley
