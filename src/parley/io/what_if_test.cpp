// what_if(): --fix and --drop as one edit of the scenario (io/what_if.h), and
// outcome files that leave out agreed terms.
#include "parley/io/what_if.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "parley/io/scenario_reader.h"
#include "test_support.h"

namespace parley {
namespace {

Scenario ceasefire() { return test::load_scenario(test::source_dir() + "/examples/ceasefire.json"); }

int issue(const Scenario& s, const char* id) { return *s.issue_index(id); }

// The edit equals the same changes made field by field.
TEST(WhatIf, FixesAndDropsEditTheScenario) {
  const Scenario s = ceasefire();
  Result<WhatIf> w = what_if(s, {.fixes = {"plant_nuclear=joint", "transit_revenue=a:0.4,b:0.6", "ceasefire_days=30"},
                                 .drops = {"/preferences/a/red_lines/1", "/rules/0", "/rules/5",
                                           "/preferences/b/reservation"}});
  ASSERT_TRUE(w) << w.errors()[0].message;
  Scenario expected = s;
  IssueValue joint;
  joint.holder = kJoint;
  expected.agreed[issue(s, "plant_nuclear")] = joint;
  IssueValue split;
  split.shares = {Rational(2, 5), Rational(3, 5)};
  expected.agreed[issue(s, "transit_revenue")] = split;
  IssueValue days;
  days.number = 30;
  expected.agreed[issue(s, "ceasefire_days")] = days;
  expected.preferences[0]->red_lines.pop_back();
  expected.rules = {s.rules[1], s.rules[2], s.rules[3], s.rules[4]};
  expected.preferences[1]->reservation = 0;
  EXPECT_EQ(w.value().scenario, expected);
  EXPECT_EQ(what_if_text(w.value()),
            "What if: plant_nuclear fixed to joint; transit_revenue fixed to a 0.4, b 0.6; ceasefire_days fixed to "
            "30 days; Party A's red line 2 dropped (rearmament is one of none, defensive_only); rule 1 (contiguous) "
            "dropped; rule 6 (count) dropped; Party B's reservation dropped (0.4 becomes 0)");
  const std::string listed = json::write(what_if_to_json(w.value()), {.indent = 0});
  EXPECT_EQ(listed.substr(0, listed.find(R"(,{"fix":"ceasefire_days")")),
            R"([{"fix":"plant_nuclear","value":"joint","text":"plant_nuclear fixed to joint"},)"
            R"({"fix":"transit_revenue","value":{"a":0.4,"b":0.6},"text":"transit_revenue fixed to a 0.4, b 0.6"})");
  const std::string last =
      "{\"drop\":\"/preferences/b/reservation\",\"text\":\"Party B's reservation dropped (0.4 becomes 0)\"}]";
  EXPECT_TRUE(listed.ends_with(last)) << listed;
}

// Nothing asked, nothing changed; fixing a term to its agreed value is no change either.
// A reservation written "status_quo" follows a fixed term: --fix gives the
// reservation the file would give with that term agreed.
TEST(WhatIf, AStatusQuoReservationFollowsAFixedTerm) {
  std::ifstream in(test::source_dir() + "/examples/ceasefire.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find(R"("reservation": 0.45)"), 19, R"("reservation": "status_quo")");
  Result<Scenario> plain = read_scenario_text(text, "plain");
  ASSERT_TRUE(plain) << plain.errors()[0].message;
  std::string agreed = text;
  agreed.replace(agreed.find(R"("agreed": {)"), 11, R"("agreed": {"ceasefire_days": 90, )");
  Result<Scenario> by_hand = read_scenario_text(agreed, "by hand");
  ASSERT_TRUE(by_hand) << by_hand.errors()[0].message;
  ASSERT_NE(by_hand.value().preferences[0]->reservation, plain.value().preferences[0]->reservation);
  Result<WhatIf> w = what_if(plain.value(), {.fixes = {"ceasefire_days=90"}});
  ASSERT_TRUE(w) << w.errors()[0].message;
  EXPECT_EQ(w.value().scenario.preferences[0]->reservation, by_hand.value().preferences[0]->reservation);
  EXPECT_EQ(w.value().scenario, by_hand.value());
  // Dropped, it is 0 and no longer the status quo's.
  Result<WhatIf> dropped = what_if(plain.value(), {.fixes = {"ceasefire_days=90"}, .drops = {"/preferences/a/reservation"}});
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped.value().scenario.preferences[0]->reservation, Rational(0));
  EXPECT_FALSE(dropped.value().scenario.preferences[0]->reservation_is_status_quo);
}

TEST(WhatIf, NoEditsAndAgreedValuesLeaveTheScenarioAsItIs) {
  const Scenario s = ceasefire();
  Result<WhatIf> none = what_if(s, {});
  ASSERT_TRUE(none);
  EXPECT_EQ(none.value().scenario, s);
  EXPECT_EQ(what_if_text(none.value()), "");
  Result<WhatIf> same = what_if(s, {.fixes = {"energy_strikes=halt", "energy_strikes=halt"}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same.value().scenario, s);
  EXPECT_EQ(what_if_text(same.value()), "What if: energy_strikes fixed to halt (already agreed)");
}

std::string failure_text(const Result<WhatIf>& r) {
  if (r) return "(accepted)";
  std::string out;
  for (const Diagnostic& d : r.errors()) {
    out += (d.source.empty() ? r.failure().source : d.source) + ": " + d.pointer + ": " + d.message + "\n";
  }
  return out;
}

TEST(WhatIf, BadFixesEachGiveTheirError) {
  const Scenario s = ceasefire();
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"plant_nucler=joint"},
       "--fix: /plant_nucler: unknown issue \"plant_nucler\"; did you mean \"plant_nuclear\"? Issues: ceasefire_days, "
       "monitoring, rearmament, prisoner_exchange, energy_strikes, r1, r2, r3, r4, r5, r6, r7, ... (16 in all)\n"},
      {{"plant_thermal=joint"},
       "--fix: /plant_thermal: \"plant_thermal\" cannot be held jointly; set \"joint\": true on the issue to allow "
       "it, or name a party\n"},
      {{"transit_revenue=a:0.4,b:0.5"},
       "--fix: /transit_revenue: the fractions sum to 0.9; the fractions of a share must sum to exactly 1\n"},
      {{"transit_revenue=a:0.4,c:0.6"}, "--fix: /transit_revenue/c: unknown party \"c\"; parties: a, b\n"},
      {{"transit_revenue=a0.4"},
       "--fix: /transit_revenue: a share is written PARTY:FRACTION separated by commas, such as "
       "transit_revenue=a:0.4,b:0.6; found \"a0.4\"\n"},
      {{"transit_revenue=a:0.4,a:0.6"}, "--fix: /transit_revenue: names the party \"a\" twice\n"},
      {{"ceasefire_days=20"},
       "--fix: /ceasefire_days: 20 is not a value of \"ceasefire_days\", whose values run from 0 to 90 in steps of "
       "15\n"},
      {{"ceasefire_days=long"},
       "--fix: /ceasefire_days: expected a number (or an exact fraction as a string \"p/q\"), found the string "
       "\"long\"\n"},
      {{"monitoring"}, "--fix: : a fix is written ISSUE=VALUE, such as ceasefire_days=VALUE; found \"monitoring\"\n"},
      {{"energy_strikes=no_commitment"},
       "--fix: /energy_strikes: the scenario already has energy_strikes agreed as halt; a fix may not change an "
       "agreed term\n"},
      {{"monitoring=un_mission", "monitoring=none"},
       "--fix: /monitoring: monitoring is fixed twice, to un_mission and to none\n"},
  };
  for (const auto& [fixes, error] : cases) {
    EXPECT_EQ(failure_text(what_if(s, {.fixes = fixes})), error) << fixes[0];
  }
}

TEST(WhatIf, BadDropsEachGiveTheirError) {
  const Scenario s = ceasefire();
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"/preferences/a/red_lines/2"},
       "--drop: /preferences/a/red_lines/2: no such red line: Party A's red lines are "
        "/preferences/a/red_lines/0 to 1\n"},
      {{"/preferences/a/red_lines/x"},
       "--drop: /preferences/a/red_lines/x: no such red line: Party A's red lines are "
        "/preferences/a/red_lines/0 to 1\n"},
      {{"/rules/6"}, "--drop: /rules/6: no such rule: the rules are /rules/0 to /rules/5\n"},
      {{"/preferences/c/reservation"}, "--drop: /preferences/c/reservation: no party \"c\"; the parties are a, b\n"},
      {{"/issues/0"},
       "--drop: /issues/0: names no red line, rule or reservation; --drop takes a red line "
       "(/preferences/PARTY/red_lines/K), a rule (/rules/K) or a reservation (/preferences/PARTY/reservation)\n"},
      {{"rules/0"},
       "--drop: rules/0: is not a JSON Pointer; --drop takes a red line (/preferences/PARTY/red_lines/K), a rule "
       "(/rules/K) or a reservation (/preferences/PARTY/reservation)\n"},
      {{"/preferences/a/weights"},
       "--drop: /preferences/a/weights: names no red line, rule or reservation; --drop takes a red line "
       "(/preferences/PARTY/red_lines/K), a rule (/rules/K) or a reservation (/preferences/PARTY/reservation)\n"},
      {{"/rules/1", "/rules/1"}, "--drop: /rules/1: is dropped twice\n"},
  };
  for (const auto& [drops, error] : cases) {
    EXPECT_EQ(failure_text(what_if(s, {.drops = drops})), error) << drops[0];
  }
  // Both flags wrong: every problem, each under its own flag.
  EXPECT_EQ(failure_text(what_if(s, {.fixes = {"r9=a"}, .drops = {"/rules/9"}})),
            "--fix: /r9: unknown issue \"r9\"; issues: ceasefire_days, monitoring, rearmament, prisoner_exchange, "
            "energy_strikes, r1, r2, r3, r4, r5, r6, r7, ... (16 in all)\n"
            "--drop: /rules/9: no such rule: the rules are /rules/0 to /rules/5\n");
}

// Outcome files may leave out agreed terms (filled in); any other missing issue is named.
TEST(WhatIf, OutcomesMayLeaveOutAgreedTerms) {
  const Scenario s = ceasefire();
  auto doc = json::parse(R"({"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "defensive_only",
    "r1": "a", "r2": "a", "r3": "b", "r4": "b", "r5": "a", "r6": "a", "r7": "b", "r8": "b",
    "plant_nuclear": "joint", "plant_thermal": "b", "transit_revenue": {"a": 0.5, "b": 0.5}})", "o.json").value();
  Result<Outcome> o = read_outcome(doc, s, "o.json");
  ASSERT_TRUE(o) << o.errors()[0].message;
  EXPECT_EQ(o.value()[issue(s, "prisoner_exchange")], *s.agreed[issue(s, "prisoner_exchange")]);
  EXPECT_EQ(o.value()[issue(s, "energy_strikes")], *s.agreed[issue(s, "energy_strikes")]);
  EXPECT_EQ(o.value()[issue(s, "monitoring")].option, 3);

  // A fixed term is an agreed term: the edited scenario lets it be left out too.
  auto without = json::parse(R"({"ceasefire_days": 30, "monitoring": "un_mission", "rearmament": "defensive_only",
    "r1": "a", "r2": "a", "r3": "b", "r4": "b", "r5": "a", "r6": "a", "r7": "b", "r8": "b",
    "plant_thermal": "b", "transit_revenue": {"a": 0.5, "b": 0.5}})", "o.json").value();
  Result<Outcome> missing = read_outcome(without, s, "o.json");
  ASSERT_FALSE(missing);
  ASSERT_EQ(missing.errors().size(), 1u);
  EXPECT_EQ(missing.errors()[0].pointer, "/plant_nuclear");
  EXPECT_EQ(missing.errors()[0].message, "missing: the outcome gives no value for issue \"plant_nuclear\"");
  const Scenario fixed = what_if(s, {.fixes = {"plant_nuclear=neutral"}}).value().scenario;
  Result<Outcome> filled = read_outcome(without, fixed, "o.json");
  ASSERT_TRUE(filled);
  EXPECT_EQ(filled.value()[issue(s, "plant_nuclear")].holder, kNeutral);
}

}  // namespace
}  // namespace parley
