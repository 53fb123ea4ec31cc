#include "parley/analysis/evaluate.h"

#include <gtest/gtest.h>

#include "parley/io/scenario_reader.h"

namespace parley {
namespace {

// Three items valued differently by two parties, plus a jointly held cabin and a share.
const char* kGoods = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "x", "kind": "item"}, {"id": "y", "kind": "item"}, {"id": "z", "kind": "item"},
             {"id": "cabin", "kind": "item", "joint": true}, {"id": "cash", "kind": "share", "step": 0.1}],
  "preferences": {
    "a": {"weights": {"x": 50, "y": 30, "z": 20}},
    "b": {"weights": {"x": 20, "y": 30, "z": 50}}}})";

Scenario goods_scenario() { return read_scenario_text(kGoods, "goods.json").value(); }

Outcome allocation(const Scenario& s, Holder x, Holder y, Holder z, Holder cabin = 0,
                   std::vector<Rational> cash = {1, 0}) {
  Outcome o(s.issues.size());
  o[0].holder = x;
  o[1].holder = y;
  o[2].holder = z;
  o[3].holder = cabin;
  o[4].shares = std::move(cash);
  return o;
}

TEST(Evaluate, EnvyFreeButNotEquitable) {
  Scenario s = goods_scenario();
  Evaluation e = evaluate_outcome(s, allocation(s, 0, 0, 1)).value();
  EXPECT_EQ(e.utilities, (std::vector<Rational>{Rational(4, 5), Rational(1, 2)}));
  EXPECT_TRUE(e.goods.envy_free);
  EXPECT_TRUE(e.goods.ef1);
  EXPECT_TRUE(e.goods.efx);
  EXPECT_TRUE(e.goods.proportional);  // b has exactly its fair share 1/2
  EXPECT_FALSE(e.goods.equitable);
  ASSERT_TRUE(e.goods.equitability_failure);
  EXPECT_EQ(e.goods.equitability_failure->most, 0);
  EXPECT_EQ(e.goods.equitability_failure->most_relative, Rational(4, 5));
  EXPECT_EQ(e.goods.equitability_failure->least_relative, Rational(1, 2));
}

TEST(Evaluate, EnvyWithWitnesses) {
  Scenario s = goods_scenario();
  Evaluation e = evaluate_outcome(s, allocation(s, 1, 1, 0)).value();
  // a holds z (0.2) and values b's {x, y} at 0.8: envy 0.6.
  ASSERT_TRUE(e.goods.envy);
  EXPECT_EQ(e.goods.envy->envier, 0);
  EXPECT_EQ(e.goods.envy->envied, 1);
  EXPECT_EQ(e.goods.envy->by, Rational(3, 5));
  EXPECT_EQ(e.goods.envy->removable, -1);
  // Removing x (0.5) leaves 0.3 > 0.2: not EF1.
  ASSERT_TRUE(e.goods.ef1_failure);
  EXPECT_EQ(e.goods.ef1_failure->item, 0);
  EXPECT_EQ(e.goods.ef1_failure->remaining, Rational(1, 10));
  // Removing y, the least valuable positive item, leaves 0.5 > 0.2: not EFX.
  ASSERT_TRUE(e.goods.efx_failure);
  EXPECT_EQ(e.goods.efx_failure->item, 1);
  EXPECT_EQ(e.goods.efx_failure->remaining, Rational(3, 10));
  ASSERT_TRUE(e.goods.proportionality_failure);
  EXPECT_EQ(e.goods.proportionality_failure->party, 0);
  EXPECT_EQ(e.goods.proportionality_failure->value, Rational(1, 5));
  EXPECT_EQ(e.goods.proportionality_failure->fair_share, Rational(1, 2));
}

TEST(Evaluate, Ef1ButNotEfx) {
  Scenario s = goods_scenario();
  // a: y (0.3); b: x, z -> a values b's bundle 0.7, envy 0.4; removing x (0.5) ends it,
  // removing z (0.2) does not.
  Evaluation e = evaluate_outcome(s, allocation(s, 1, 0, 1)).value();
  EXPECT_FALSE(e.goods.envy_free);
  EXPECT_EQ(e.goods.envy->removable, 0);
  EXPECT_TRUE(e.goods.ef1);
  EXPECT_FALSE(e.goods.efx);
  EXPECT_EQ(e.goods.efx_failure->item, 2);
  EXPECT_EQ(e.goods.efx_failure->remaining, Rational(1, 5));
}

// A debt is a chore (Aziz, Caragiannis, Igarashi and Walsh): a holds the
// loan (-10 EUR to a) and the bike (4), b the clock (3 to a). a's bundle is
// worth -6 to a, b's 3: envy 9. Taking the clock from b leaves 6; dropping
// the loan from a's own bundle leaves 3 - 4 < 0: EF1 for mixed items, by
// the chore alone; not EFX (taking the clock does not end it). The utility
// counts the debt from its worst case: a's (-10 + 4 + 10) / 17 = 4/17.
TEST(Evaluate, ADebtCanBeTheChoreWhoseRemovalEndsEnvy) {
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "loan", "kind": "item"}, {"id": "bike", "kind": "item"}, {"id": "clock", "kind": "item"}],
    "preferences": {
      "a": {"currency": "EUR", "weights": {"loan": -10, "bike": 4, "clock": 3}},
      "b": {"currency": "EUR", "weights": {"loan": -10, "bike": 2, "clock": 5}}}})",
                                  "debt.json")
                   .value();
  Outcome o(3);
  o[0].holder = 0;
  o[1].holder = 0;
  o[2].holder = 1;
  Evaluation e = evaluate_outcome(s, o).value();
  EXPECT_EQ(e.utilities[0], Rational(4, 17));
  EXPECT_EQ(e.utilities[1], Rational(15, 17));  // (5 + 10) / 17: b keeps clear of the loan
  EXPECT_FALSE(e.goods.envy_free);
  EXPECT_EQ(e.goods.envy->by, Rational(9, 17));
  EXPECT_TRUE(e.goods.ef1);
  EXPECT_FALSE(e.goods.efx);
  EXPECT_EQ(e.goods.efx_failure->remaining, Rational(6, 17));
  EXPECT_TRUE(e.goods.proportional == false);  // a: -6 < (-10 + 4 + 3) / 2
  EXPECT_FALSE(e.goods.mms_known());           // not computed with a debt
}

TEST(Evaluate, SharesAndJointItems) {
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "cabin", "kind": "item", "joint": true}, {"id": "cash", "kind": "share", "step": 0.1}],
    "preferences": {"a": {"weights": {"cabin": 1, "cash": 1}, "values": {"cabin": {"joint": 0.8}}},
                    "b": {"weights": {"cabin": 3, "cash": 1}}}})", "t").value();
  Outcome o(2);
  o[0].holder = kJoint;
  o[1].shares = {Rational(3, 10), Rational(7, 10)};
  Evaluation e = evaluate_outcome(s, o).value();
  EXPECT_EQ(e.utilities[0], Rational(1, 2) * Rational(4, 5) + Rational(1, 2) * Rational(3, 10));
  EXPECT_EQ(e.utilities[1], Rational(3, 4) * Rational(1, 2) + Rational(1, 4) * Rational(7, 10));
  // The joint cabin is in neither bundle; a envies b's cash: 0.5*0.7 - 0.5*0.3 = 0.2.
  EXPECT_EQ(e.goods.bundle_values[0][1] - e.goods.bundle_values[0][0], Rational(1, 5));
  EXPECT_FALSE(e.goods.envy_free);
  // One step of b's cash (0.1 of it) is worth 0.05 to a: removing it leaves 0.15.
  EXPECT_FALSE(e.goods.ef1);
  EXPECT_EQ(e.goods.ef1_failure->item, 1);
  EXPECT_EQ(e.goods.ef1_failure->remaining, Rational(3, 20));
  EXPECT_EQ(e.goods.goods_total[0], Rational(1));
}

// Parties with a zero fraction of a share: their bundles must still come out
// exact (0 where they hold nothing), and the witnesses must not change.
TEST(Evaluate, ZeroShareFractionsAddNothing) {
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "issues": [{"id": "x", "kind": "item"}, {"id": "cash", "kind": "share", "step": 0.25},
               {"id": "land", "kind": "share", "step": 0.5}],
    "preferences": {"a": {"weights": {"x": 2, "cash": 1, "land": 1}},
                    "b": {"weights": {"x": 1, "cash": 1, "land": 2}},
                    "c": {"weights": {"x": 1, "cash": 2, "land": 1}}}})", "t").value();
  Outcome o(3);
  o[0].holder = 0;
  o[1].shares = {Rational(0), Rational(3, 4), Rational(1, 4)};
  o[2].shares = {Rational(1, 2), Rational(0), Rational(1, 2)};
  Evaluation e = evaluate_outcome(s, o).value();
  // X_a: x and half the land; X_b: 3/4 of the cash; X_c: 1/4 of the cash and half the land.
  // v_p(X_q) with normalised weights a (1/2, 1/4, 1/4), b (1/4, 1/4, 1/2), c (1/4, 1/2, 1/4):
  const std::vector<std::vector<Rational>> expected{
      {Rational(5, 8), Rational(3, 16), Rational(3, 16)},
      {Rational(1, 2), Rational(3, 16), Rational(5, 16)},
      {Rational(3, 8), Rational(3, 8), Rational(1, 4)}};
  EXPECT_EQ(e.goods.bundle_values, expected);
  EXPECT_EQ(e.utilities, (std::vector<Rational>{Rational(5, 8), Rational(3, 16), Rational(1, 4)}));
  EXPECT_EQ(e.goods.goods_total, (std::vector<Rational>{Rational(1), Rational(1), Rational(1)}));
  // b envies a most: 1/2 - 3/16; removing x (1/4 to b) leaves 1/16.
  ASSERT_TRUE(e.goods.envy);
  EXPECT_EQ(e.goods.envy->envier, 1);
  EXPECT_EQ(e.goods.envy->envied, 0);
  EXPECT_EQ(e.goods.envy->by, Rational(5, 16));
  EXPECT_EQ(e.goods.envy->removable, -1);
  // The only EF1 failure: removing x or a's step of the land (each 1/4 to b)
  // leaves b envying a by 1/16. b's envy of c's shares (1/8) ends once c's
  // step of the land (1/4 to b) is removed: a step of a share counts as an item.
  ASSERT_TRUE(e.goods.ef1_failure);
  EXPECT_EQ(e.goods.ef1_failure->envier, 1);
  EXPECT_EQ(e.goods.ef1_failure->envied, 0);
  EXPECT_EQ(e.goods.ef1_failure->item, 0);
  EXPECT_EQ(e.goods.ef1_failure->remaining, Rational(1, 16));
  ASSERT_TRUE(e.goods.proportionality_failure);
  EXPECT_EQ(e.goods.proportionality_failure->party, 1);
  EXPECT_EQ(e.goods.proportionality_failure->value, Rational(3, 16));
  EXPECT_EQ(e.goods.proportionality_failure->fair_share, Rational(1, 3));
}

TEST(Evaluate, ConstraintsNameWhatFails) {
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "r1", "kind": "region"}, {"id": "r2", "kind": "region"}, {"id": "r3", "kind": "region"},
               {"id": "plant", "kind": "item"},
               {"id": "mon", "kind": "choice", "options": ["none", "un"]},
               {"id": "days", "kind": "number", "min": 0, "max": 90, "step": 30}],
    "map": {"adjacency": [["r1", "r2"], ["r2", "r3"]]},
    "agreed": {"mon": "un"},
    "rules": [{"rule": "contiguous", "anchors": {"b": "r2"}},
              {"rule": "same_owner", "issues": ["plant", "r3"]},
              {"rule": "implies", "if": {"issue": "mon", "in": ["none"]}, "then": {"issue": "days", "max": 30}},
              {"rule": "count", "party": "a", "issues": ["r1", "r2", "r3"], "max": 1}],
    "preferences": {"a": {"weights": {"r1": 1}, "red_lines": [{"issue": "r2", "owner": "a"}]},
                    "b": {"weights": {"r2": 1}}}})", "t").value();
  Outcome o(6);
  o[0].holder = 0;
  o[1].holder = 1;
  o[2].holder = 0;
  o[3].holder = 1;
  o[4].option = 0;
  o[5].number = 60;
  Evaluation e = evaluate_outcome(s, o).value();
  EXPECT_FALSE(e.feasible);
  std::vector<std::pair<std::string, bool>> seen;
  for (const auto& c : e.constraints) seen.emplace_back(c.pointer, c.holds);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, bool>>{{"/agreed/mon", false},
                                                             {"/rules/0", false},
                                                             {"/rules/1", false},
                                                             {"/rules/2", false},
                                                             {"/rules/3", false},
                                                             {"/preferences/a/red_lines/0", false}}));
  EXPECT_EQ(e.constraints[1].detail, "a's regions fall into 2 separate pieces: r1 | r3");
  EXPECT_EQ(e.constraints[2].detail, "plant is held by b but r3 by a");
  EXPECT_EQ(e.constraints[3].detail, "mon is none, so days <= 30 is required, but days is 60");
  EXPECT_EQ(e.constraints[4].detail, "a holds 2");
  EXPECT_EQ(e.constraints[5].detail, "r2 is b");

  o[2].holder = 1;  // b: r2, r3 connected and anchored; a: r1
  o[4].option = 1;
  EXPECT_TRUE(evaluate_outcome(s, o).value().constraints[1].holds);
  o[1].holder = 0;  // b loses its anchor
  EXPECT_EQ(evaluate_outcome(s, o).value().constraints[1].detail, "b does not hold their anchor r2");
}

// A strip of 20,000 regions held alternately: each party's regions fall into
// 10,000 pieces, and listing them all made a line of 270 KB. The first few
// are named, with how many more; a rule over every region is described the
// same way.
TEST(Evaluate, AFailedRuleOverManyRegionsIsSummarised) {
  constexpr int kRegions = 20'000;
  std::string issues, adjacency, weights;
  for (int k = 0; k < kRegions; ++k) {
    const std::string id = "\"r" + std::to_string(k) + "\"";
    issues += (k ? "," : "") + std::string(R"({"id": )") + id + R"(, "kind": "region"})";
    if (k > 0) adjacency += (k > 1 ? "," : "") + std::string("[\"r") + std::to_string(k - 1) + "\", " + id + "]";
    weights += (k ? "," : "") + id + ": 1";
  }
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues +
                                      R"(], "map": {"adjacency": [)" + adjacency + R"(]}, "rules": [{"rule": "contiguous"},
                                      {"rule": "count", "party": "a", "issues": [)" +
                                      [&] {
                                        std::string all;
                                        for (int k = 0; k < kRegions; ++k) all += (k ? ",\"r" : "\"r") + std::to_string(k) + "\"";
                                        return all;
                                      }() +
                                      R"(], "max": 1}], "preferences": {"a": {"weights": {)" + weights +
                                      R"(}}, "b": {"weights": {)" + weights + "}}}}",
                                  "strip.json")
                   .value();
  Outcome o(kRegions);
  for (int k = 0; k < kRegions; ++k) o[static_cast<std::size_t>(k)].holder = k % 2;
  Evaluation e = evaluate_outcome(s, o).value();
  ASSERT_EQ(e.constraints.size(), 2u);
  EXPECT_EQ(e.constraints[0].detail,
            "a's regions fall into 10000 separate pieces: r0 | r2 | r4 and 9997 more pieces; "
            "b's regions fall into 10000 separate pieces: r1 | r3 | r5 and 9997 more pieces");
  EXPECT_EQ(e.constraints[1].description, "count: a holds at most 1 of r0, r1, r2, r3, r4, r5, r6, r7 and 19992 more");
  EXPECT_EQ(e.constraints[1].detail, "a holds 10000");
}

TEST(Evaluate, MissingPreferencesAreNamed) {
  Scenario s = read_scenario_text(R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}], "preferences": {"a": {"weights": {"x": 1}}}})", "t").value();
  auto r = evaluate_outcome(s, Outcome(1), "t.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.errors()[0].pointer, "/preferences/b");
}

}  // namespace
}  // namespace parley
