#include "parley/io/scenario_reader.h"

#include <gtest/gtest.h>

#include "parley/io/scenario_writer.h"

namespace parley {
namespace {

const char* kSmall = R"({
  "parley": 1,
  "parties": [{"id": "a", "name": "Party A"}, {"id": "b"}],
  "issues": [
    {"id": "plant", "kind": "item", "joint": true},
    {"id": "revenue", "kind": "share", "step": 0.05},
    {"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"},
    {"id": "monitoring", "kind": "choice", "options": ["none", "un"]},
    {"id": "days", "kind": "number", "min": 0, "max": 90, "step": 15, "unit": "days"}
  ],
  "map": {"adjacency": [["r1", "r2"]]},
  "status_quo": {"r1": "a", "plant": "joint"},
  "agreed": {"monitoring": "un"},
  "rules": [
    {"rule": "contiguous", "anchors": {"a": "r1"}},
    {"rule": "implies", "if": {"issue": "monitoring", "in": ["none"]}, "then": {"issue": "days", "max": 30}}
  ],
  "preferences": {
    "a": {"weights": {"plant": 25, "revenue": 10, "r1": 20, "days": "1/3"},
          "values": {"plant": {"joint": 0.4}, "days": [[0, 1], [90, 0]]},
          "reservation": 0.3, "red_lines": [{"issue": "r1", "owner": "a"}]},
    "b": {"weights": {"r1": 40}}
  }
})";

std::vector<Diagnostic> errors_of(const std::string& text) {
  auto r = read_scenario_text(text, "t.json");
  if (r) return {};
  return r.errors();
}

TEST(ScenarioReader, ReadsAndResolves) {
  auto r = read_scenario_text(kSmall, "t.json");
  ASSERT_TRUE(r) << r.errors()[0].pointer << ": " << r.errors()[0].message;
  const Scenario& s = r.value();
  ASSERT_EQ(s.parties.size(), 2u);
  EXPECT_EQ(s.parties[0].name, "Party A");
  ASSERT_EQ(s.issues.size(), 6u);
  EXPECT_EQ(s.issues[1].step, Rational(1, 20));
  EXPECT_EQ(s.issues[5].max, Rational(90));
  ASSERT_TRUE(s.map);
  EXPECT_EQ(s.map->adjacency, (std::vector<std::pair<int, int>>{{2, 3}}));
  ASSERT_TRUE(s.status_quo[0]);
  EXPECT_EQ(s.status_quo[0]->holder, kJoint);
  EXPECT_EQ(s.agreed[4]->option, 1);
  ASSERT_EQ(s.rules.size(), 2u);
  EXPECT_EQ(s.rules[0].anchors, (std::vector<std::pair<int, int>>{{0, 2}}));
  const Preferences& a = *s.preferences[0];
  EXPECT_EQ(a.issues[5].weight, Rational(1, 3));
  EXPECT_EQ(a.issues[0].holder.joint, Rational(2, 5));
  EXPECT_EQ(a.issues[0].holder.own, Rational(1));  // default
  EXPECT_EQ(a.issues[3].weight, Rational(0));       // left out
  EXPECT_EQ(a.reservation, Rational(3, 10));
  ASSERT_EQ(a.red_lines.size(), 1u);
  EXPECT_EQ(a.red_lines[0].owners, std::vector<Holder>{0});
}

TEST(ScenarioReader, ReportsEveryProblemWithPointers) {
  std::string text = kSmall;
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace(R"("options": ["none", "un"])", R"("options": ["none"])");
  replace(R"("reservation": 0.3)", R"("reservation": 1.3)");
  replace(R"("weights": {"r1": 40})", R"("weights": {"r11": 40}, "delay_cots": 0.1)");
  auto errors = errors_of(text);
  std::vector<std::string> pointers;
  for (const auto& e : errors) pointers.push_back(e.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/issues/4/options", "/preferences/a/reservation",
                                                "/preferences/b/delay_cots", "/preferences/b/weights/r11"}));
  EXPECT_EQ(errors[0].message, "needs at least 2 options, found 1");
  EXPECT_NE(errors[2].message.find("did you mean \"delay_cost\"?"), std::string::npos) << errors[2].message;
  EXPECT_NE(errors[3].message.find("did you mean \"r1\"?"), std::string::npos) << errors[3].message;
}

TEST(ScenarioReader, UnknownKeysExceptInsideMeta) {
  auto errors = errors_of(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b", "meta": {"anything": [1, {"x": 2}]}}],
    "issues": [{"id": "x", "kind": "item", "meta": {"joint": "free"}, "jiont": true}],
    "meta": {"free": true}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/issues/0/jiont");
  EXPECT_NE(errors[0].message.find("did you mean \"joint\"?"), std::string::npos);
}

TEST(ScenarioReader, GeoJsonFileMustExist) {
  // More GeoJSON cases: scenario_map_test.cpp.
  auto r = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"}],
    "map": {"geojson": "no-such-map.geojson", "region_key": "id", "adjacency": [["r1", "r2"]]}})",
                              "t.json", {}, files_beside("t.json"));
  ASSERT_FALSE(r);
  const std::vector<Diagnostic>& errors = r.errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/map/geojson");
  EXPECT_EQ(errors[0].message, "cannot read the GeoJSON map \"no-such-map.geojson\" (a path relative to the scenario "
                               "file's directory): cannot open the file: no such file");
}

TEST(ScenarioReader, UnreachableConditions) {
  const std::string head = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}, {"id": "d", "kind": "number", "min": 0, "max": 90, "step": 15}],
    "rules": [)";
  auto one = [&](const std::string& rule) { return errors_of(head + rule + "]}"); };
  auto e = one(R"({"rule": "require", "that": {"issue": "d", "min": 91}})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/rules/0/that");
  EXPECT_NE(e[0].message.find("no value of \"d\""), std::string::npos) << e[0].message;
  e = one(R"({"rule": "require", "that": {"issue": "d", "min": 16, "max": 29}})");
  ASSERT_EQ(e.size(), 1u);
  e = one(R"({"rule": "require", "that": {"all": [{"issue": "x", "owner": "a"}, {"issue": "x", "owner": "b"}]}})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("can never hold"), std::string::npos);
  e = one(R"({"rule": "require", "that": {"not": {"issue": "x", "owner": ["a", "b"]}}})");
  ASSERT_EQ(e.size(), 1u);
  e = one(R"({"rule": "implies", "if": {"issue": "x", "owner": "a"}, "then": {"all": [{"issue": "d", "max": 0}, {"issue": "d", "min": 15}]}})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/rules/0/then");
  // Satisfiable combinations pass.
  EXPECT_TRUE(one(R"({"rule": "require", "that": {"any": [{"issue": "x", "owner": "a"}, {"issue": "d", "min": 15, "max": 15}]}})").empty());
}

TEST(ScenarioReader, OutcomeFiles) {
  Scenario s = read_scenario_text(kSmall, "t.json").value();
  auto doc = json::parse(R"({"plant": "joint", "revenue": {"a": 0.35, "b": 0.65}, "r1": "a", "r2": "b",
                             "monitoring": "un", "days": 45})", "o.json").value();
  auto o = read_outcome(doc, s, "o.json");
  ASSERT_TRUE(o);
  EXPECT_EQ(o.value()[1].shares, (std::vector<Rational>{Rational(7, 20), Rational(13, 20)}));
  EXPECT_EQ(o.value()[5].number, Rational(45));
  EXPECT_EQ(json::write(outcome_to_json(s, o.value()), {.indent = 0}),
            R"({"plant":"joint","revenue":{"a":0.35,"b":0.65},"r1":"a","r2":"b","monitoring":"un","days":45})");

  auto bad = json::parse(R"({"plant": "neutral", "revenue": {"a": 0.3, "b": 0.6}, "r1": "c", "monitoring": "UN",
                             "days": 40, "extra": 1})", "o.json").value();
  auto r = read_outcome(bad, s, "o.json");
  ASSERT_FALSE(r);
  std::vector<std::string> pointers;
  for (const auto& e : r.errors()) pointers.push_back(e.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/plant", "/revenue", "/r1", "/monitoring", "/days", "/extra", "/r2"}));
}

TEST(ScenarioReader, LimitsAreEnforced) {
  ScenarioLimits limits;
  limits.max_issues = 2;
  auto r = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}, {"id": "y", "kind": "item"}, {"id": "z", "kind": "item"}]})", "t", limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.errors()[0].pointer, "/issues");
  auto grid = errors_of(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "d", "kind": "number", "min": 0, "max": 1e9, "step": 1}]})");
  ASSERT_EQ(grid.size(), 1u);
  EXPECT_EQ(grid[0].pointer, "/issues/0/step");
}

TEST(ScenarioReader, PartiesTimesIssuesIsLimited) {
  ScenarioLimits limits;
  limits.max_party_issue_pairs = 5;
  auto r = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}, {"id": "y", "kind": "item"}, {"id": "z", "kind": "item"}]})", "t", limits);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].pointer, "/issues");
  EXPECT_EQ(r.errors()[0].message, "has 3 issues for 2 parties; parley handles at most 5 parties x issues");
}

TEST(ScenarioReader, IslandsAreOnTheMap) {
  const std::string text = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"}, {"id": "isle", "kind": "region"}],
    "map": {"adjacency": [["r1", "r2"], ["isle"]]}})";
  auto r = read_scenario_text(text, "t.json");
  ASSERT_TRUE(r) << r.errors()[0].message;
  EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}}));
  // The writer puts the island back, alone.
  const json::Value written = scenario_to_json(r.value());
  const json::Value* adjacency = written.find("map") ? written.find("map")->find("adjacency") : nullptr;
  ASSERT_TRUE(adjacency);
  EXPECT_EQ(json::write(*adjacency, {.indent = 0}), R"([["r1","r2"],["isle"]])");
  // Without the island entry, isle is not on the map.
  auto e = errors_of(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"}, {"id": "isle", "kind": "region"}],
    "map": {"adjacency": [["r1", "r2"]]}})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("alone as [\"isle\"]"), std::string::npos) << e[0].message;
}

TEST(ScenarioReader, ShareBoundsThatCannotAddUp) {
  // Three heirs each demanding at least 0.34 of the estate cannot all be satisfied.
  auto e = errors_of(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "issues": [{"id": "estate", "kind": "share", "step": 0.01}],
    "rules": [{"rule": "require", "that": {"all": [{"issue": "estate", "party": "a", "min": 0.34},
                                                  {"issue": "estate", "party": "b", "min": 0.34},
                                                  {"issue": "estate", "party": "c", "min": 0.34}]}}]})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/rules/0/that");
  EXPECT_NE(e[0].message.find("can never hold"), std::string::npos) << e[0].message;
}

TEST(ScenarioReader, LongNamesAreCutInMessages) {
  const std::string long_key(5000, 'q');
  auto e = errors_of(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item", ")" + long_key + R"(": 1}]})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_LT(e[0].message.size(), 300u) << e[0].message;
  EXPECT_NE(e[0].message.find("qqq\"..."), std::string::npos) << e[0].message;
}

// Whether `text` is well-formed UTF-8 (lead byte, then the right number of continuation bytes).
bool valid_utf8(std::string_view text) {
  for (std::size_t k = 0; k < text.size();) {
    const auto lead = static_cast<unsigned char>(text[k]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || k + length > text.size()) return false;
    for (std::size_t j = 1; j < length; ++j) {
      if ((static_cast<unsigned char>(text[k + j]) & 0xC0) != 0x80) return false;
    }
    k += length;
  }
  return true;
}

TEST(ScenarioReader, MessagesAreCutBetweenCharacters) {
  // An "é" (two bytes) straddles the 80-byte cut of a long unknown key.
  const std::string key = std::string(79, 'k') + "\u00e9z";
  auto e = errors_of(R"({"parley": 1, ")" + key + R"(": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}]})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_TRUE(valid_utf8(e[0].message)) << e[0].message;
  EXPECT_NE(e[0].message.find(std::string(79, 'k') + "\"..."), std::string::npos) << e[0].message;
}

TEST(ScenarioReader, ABrokenLinkExplainsOnlyTheRegionItMeant) {
  const std::string head = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"}, {"id": "bank", "kind": "region"},
               {"id": "far_east", "kind": "region"}],
    "map": {"adjacency": )";
  // "bnak" was meant to be bank: bank is not reported again; far_east is.
  auto e = errors_of(head + R"([["r1", "r2"], ["r2", "bnak"]]}})");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].pointer, "/map/adjacency/1/1");
  EXPECT_NE(e[1].message.find("\"far_east\" (/issues/3) is not on the map"), std::string::npos) << e[1].message;
  // An island listed twice.
  e = errors_of(head + R"([["r1", "r2"], ["bank", "r2"], ["far_east"], ["far_east"]]}})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/map/adjacency/3");
  EXPECT_EQ(e[0].message, "region \"far_east\" is listed alone twice; list it once");
}

}  // namespace
}  // namespace parley
