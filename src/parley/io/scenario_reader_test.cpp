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

// docs/scenario-format.md, "Dynamics" and `reservation_drift`.
const std::string kTimed = R"({"parley": 1, "period": "week", "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "arms", "kind": "choice", "options": ["none", "unrestricted"]},
             {"id": "days", "kind": "number", "min": 0, "max": 90, "step": 15}],
  "preferences": {"a": {"weights": {"arms": 1}, "delay_cost": 0.01, "reservation_drift": -0.002},
                  "b": {"weights": {"days": 1}, "reservation_drift": "1/300"}},
  "dynamics": DYNAMICS})";

std::string timed(const std::string& dynamics) {
  std::string text = kTimed;
  text.replace(text.find("DYNAMICS"), 8, dynamics);
  return text;
}

TEST(ScenarioReader, ReadsDynamics) {
  auto r = read_scenario_text(timed(R"({
    "costs_of_delay": [{"what": "soldiers killed", "per_period": 2500, "source": "reported estimate, 2025"},
                       {"what": "EUR of damage", "per_period": "1/3"}],
    "shifts": [{"when": {"issue": "arms", "in": ["unrestricted"]}, "party": "b", "reservation_per_period": 0.01},
               {"when": {"not": {"issue": "days", "max": 30}}, "party": "a", "reservation_per_period": -0.005,
                "meta": {"why": "a long pause"}}]})"), "t.json");
  ASSERT_TRUE(r) << r.errors()[0].pointer << ": " << r.errors()[0].message;
  const Scenario& s = r.value();
  EXPECT_EQ(s.period, Period::week);
  EXPECT_EQ(s.preferences[0]->reservation_drift, Rational(-1, 500));
  EXPECT_EQ(s.preferences[1]->reservation_drift, Rational(1, 300));
  ASSERT_EQ(s.dynamics.costs_of_delay.size(), 2u);
  EXPECT_EQ(s.dynamics.costs_of_delay[0].what, "soldiers killed");
  EXPECT_EQ(s.dynamics.costs_of_delay[0].per_period, Rational(2500));
  EXPECT_EQ(s.dynamics.costs_of_delay[0].source, "reported estimate, 2025");
  EXPECT_EQ(s.dynamics.costs_of_delay[1].per_period, Rational(1, 3));
  EXPECT_EQ(s.dynamics.costs_of_delay[1].source, "");
  ASSERT_EQ(s.dynamics.shifts.size(), 2u);
  EXPECT_EQ(s.dynamics.shifts[0].party, 1);
  EXPECT_EQ(s.dynamics.shifts[0].when.kind, Condition::Kind::in);
  EXPECT_EQ(s.dynamics.shifts[0].when.options, std::vector<int>{1});
  EXPECT_EQ(s.dynamics.shifts[1].reservation_per_period, Rational(-1, 200));
  EXPECT_EQ(s.dynamics.shifts[1].when.kind, Condition::Kind::negation);
  // Written and read back, the same scenario.
  auto back = read_scenario_text(write_scenario(s), "back.json");
  ASSERT_TRUE(back) << back.errors()[0].pointer << ": " << back.errors()[0].message;
  EXPECT_EQ(back.value(), s);
}

TEST(ScenarioReader, DynamicsErrorsHavePointers) {
  auto e = errors_of(timed(R"({
    "costs_of_delay": [{"what": "", "per_period": -1, "sorce": "x"}, {"per_period": "lots"}, 7],
    "shifts": [{"when": {"issue": "arms", "in": ["unrestrictd"]}, "party": "c", "reservation_per_period": "x"},
               {"when": {"issue": "armz", "in": ["none"]}, "party": "a"},
               {"when": {"issue": "days", "min": 100}, "party": "a", "reservation_per_period": 0.1}],
    "trend": 1})"));
  std::vector<std::pair<std::string, std::string>> got;
  for (const Diagnostic& d : e) got.emplace_back(d.pointer, d.message);
  ASSERT_EQ(got.size(), 13u);
  EXPECT_EQ(got[0].first, "/dynamics/trend");
  EXPECT_NE(got[0].second.find("unknown key \"trend\""), std::string::npos) << got[0].second;
  EXPECT_EQ(got[1].first, "/dynamics/costs_of_delay/0/sorce");
  EXPECT_NE(got[1].second.find("did you mean \"source\"?"), std::string::npos) << got[1].second;
  EXPECT_EQ(got[2], std::make_pair(std::string("/dynamics/costs_of_delay/0/what"),
                                   std::string("is empty; say what each period costs, such as \"soldiers killed\"")));
  EXPECT_EQ(got[3], std::make_pair(std::string("/dynamics/costs_of_delay/0/per_period"),
                                   std::string("-1 is negative; a cost of delay is 0 or more per period")));
  EXPECT_EQ(got[4], std::make_pair(std::string("/dynamics/costs_of_delay/1/what"),
                                   std::string("missing required key \"what\" in a cost of delay (what is lost, such "
                                               "as \"soldiers killed\")")));
  EXPECT_EQ(got[5].first, "/dynamics/costs_of_delay/1/per_period");
  EXPECT_NE(got[5].second.find("expected a number"), std::string::npos) << got[5].second;
  EXPECT_EQ(got[6].first, "/dynamics/costs_of_delay/2");
  EXPECT_NE(got[6].second.find("expected a cost object"), std::string::npos) << got[6].second;
  EXPECT_EQ(got[7].first, "/dynamics/shifts/0/when/in/0");
  EXPECT_NE(got[7].second.find("\"unrestrictd\" is not an option of \"arms\""), std::string::npos) << got[7].second;
  EXPECT_EQ(got[8].first, "/dynamics/shifts/0/party");
  EXPECT_NE(got[8].second.find("unknown party \"c\""), std::string::npos) << got[8].second;
  EXPECT_EQ(got[9].first, "/dynamics/shifts/0/reservation_per_period");
  EXPECT_NE(got[9].second.find("expected a number"), std::string::npos) << got[9].second;
  EXPECT_EQ(got[10].first, "/dynamics/shifts/1/when/issue");
  EXPECT_NE(got[10].second.find("unknown issue \"armz\""), std::string::npos) << got[10].second;
  EXPECT_EQ(got[11], std::make_pair(std::string("/dynamics/shifts/1/reservation_per_period"),
                                    std::string("missing required key \"reservation_per_period\" in a shift (how much "
                                                "the party's reservation changes each period)")));
  // The third shift's condition can never hold (days run to 90).
  EXPECT_EQ(got[12].first, "/dynamics/shifts/2/when");
  EXPECT_NE(got[12].second.find("no value of \"days\""), std::string::npos) << got[12].second;
  // Not an object; a drift that is not a number.
  e = errors_of(timed("[]"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/dynamics");
  std::string text = timed("{}");
  text.replace(text.find("\"1/300\""), 7, "\"fast\"");
  e = errors_of(text);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].pointer, "/preferences/b/reservation_drift");
  EXPECT_NE(e[0].message.find("expected a number"), std::string::npos) << e[0].message;
}

}  // namespace
}  // namespace parley
