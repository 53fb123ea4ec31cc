// elicit(): rankings made from known weights come back reproduced exactly
// (checked here with the engine's utilities on the weights returned, every
// pair compared exactly, ties exactly equal); a planted inconsistency is
// named; a ranking with bad structure is refused with JSON Pointers.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>

#include "parley/analysis/utility.h"
#include "parley/mediate/engine.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"

namespace parley {
namespace {

// The ranking of `packages` by the utilities u: best first, equal utilities grouped.
std::vector<std::vector<int>> rank_by(const std::vector<Rational>& u) {
  std::map<Rational, std::vector<int>, std::greater<>> groups;
  for (std::size_t k = 0; k < u.size(); ++k) groups[u[k]].push_back(static_cast<int>(k));
  std::vector<std::vector<int>> order;
  for (auto& [value, ks] : groups) order.push_back(ks);
  return order;
}

// Party p's utilities of the packages with the preferences the response gives.
std::vector<Rational> utilities_under(const Scenario& s, int p, const ElicitResponse& r,
                                      const std::vector<Outcome>& packages) {
  Scenario t = s;
  t.preferences[static_cast<std::size_t>(p)] = r.preferences;
  const Utilities u(t);
  std::vector<Rational> out;
  for (const Outcome& o : packages) out.push_back(u.utility(p, o));
  return out;
}

// Every group strictly above every later one, every tie exactly equal.
::testing::AssertionResult ranked_as(const std::vector<Rational>& u, const std::vector<std::vector<int>>& order) {
  for (std::size_t g = 0; g < order.size(); ++g) {
    for (int i : order[g]) {
      for (int j : order[g]) {
        if (u[static_cast<std::size_t>(i)] != u[static_cast<std::size_t>(j)]) {
          return ::testing::AssertionFailure() << "tied packages " << i << " and " << j << " differ";
        }
      }
      for (std::size_t h = g + 1; h < order.size(); ++h) {
        for (int j : order[h]) {
          if (!(u[static_cast<std::size_t>(i)] > u[static_cast<std::size_t>(j)])) {
            return ::testing::AssertionFailure() << "package " << i << " is not above package " << j;
          }
        }
      }
    }
  }
  return ::testing::AssertionSuccess();
}

struct Case {
  Scenario s;
  std::vector<Outcome> packages;
  std::vector<std::vector<int>> order;
};

// A random scenario, party 0's weights drawn afresh (small integers), 2-7
// random packages ranked by party 0's true utilities.
Case gen_case() {
  Case c;
  c.s = *test::gen_scenario({.min_parties = 2, .max_parties = 3, .max_issues = 5, .rules = false, .all_preferences = true});
  Preferences& p = *c.s.preferences[0];
  for (IssuePreference& ip : p.issues) ip.weight = *rc::gen::inRange(0, 6);
  p.issues[0].weight += 1;  // the sum is positive
  const int m = *rc::gen::inRange(2, 8);
  for (int k = 0; k < m; ++k) c.packages.push_back(*test::gen_outcome(c.s));
  // Duplicated packages make ties likely.
  if (*rc::gen::arbitrary<bool>()) c.packages.push_back(c.packages[0]);
  const Utilities truth(c.s);
  std::vector<Rational> u;
  for (const Outcome& o : c.packages) u.push_back(truth.utility(0, o));
  c.order = rank_by(u);
  return c;
}

RC_GTEST_PROP(ElicitProperty, RankingsFromKnownWeightsAreReproducedExactly, ()) {
  Case c = gen_case();
  for (bool values : {false, true}) {
    Result<ElicitResponse> r = elicit(c.s, {.party = 0, .ranking = {c.packages, c.order}, .values = values});
    RC_ASSERT(r.ok());
    const ElicitResponse& e = r.value();
    RC_ASSERT(e.reproduced);
    RC_ASSERT(e.inconsistent.empty());
    RC_ASSERT(e.misordered.empty());
    RC_ASSERT(e.unequal_ties.empty());
    Rational sum;
    for (const Rational& w : e.weights) {
      RC_ASSERT(w.sign() >= 0);
      sum += w;
    }
    RC_ASSERT(sum == Rational(1));
    const std::vector<Rational> u = utilities_under(c.s, 0, e, c.packages);
    RC_ASSERT(u == e.utilities);
    RC_ASSERT(ranked_as(u, c.order));
    if (c.order.size() > 1) {
      // The margin is the smallest gap between consecutive groups, exactly.
      Rational smallest = u[static_cast<std::size_t>(c.order[0][0])];
      for (std::size_t g = 0; g + 1 < c.order.size(); ++g) {
        smallest = std::min(smallest, u[static_cast<std::size_t>(c.order[g][0])] - u[static_cast<std::size_t>(c.order[g + 1][0])]);
      }
      RC_ASSERT(e.margin.has_value());
      RC_ASSERT(*e.margin == smallest);
      RC_ASSERT(e.margin->sign() > 0);
    }
  }
}

// A package made worse for party 0 on one issue and ranked above the original:
// no weights can do that, and the pair is named; the rest stays ranked.
RC_GTEST_PROP(ElicitProperty, APlantedInconsistencyIsNamed, ()) {
  Case c = gen_case();
  const Utilities truth(c.s);
  // Package 0 with one issue changed to an outcome worth less to party 0,
  // looking through every outcome of every issue (random values are often 0,
  // so a random change would rarely be worse).
  std::optional<Outcome> worse;
  for (std::size_t t = 0; t < c.s.issues.size() && !worse; ++t) {
    for (const IssueValue& v : issue_domain(c.s, static_cast<int>(t), 10'000).value_or(std::vector<IssueValue>{})) {
      if (truth.value(0, static_cast<int>(t), v) < truth.value(0, static_cast<int>(t), c.packages[0][t])) {
        worse = c.packages[0];
        (*worse)[t] = v;
        break;
      }
    }
  }
  RC_PRE(worse.has_value());
  const int planted = static_cast<int>(c.packages.size());
  c.packages.push_back(*worse);
  c.order.insert(c.order.begin(), {planted});  // the worse copy ranked best of all
  Result<ElicitResponse> r = elicit(c.s, {.party = 0, .ranking = {c.packages, c.order}});
  RC_ASSERT(r.ok());
  const ElicitResponse& e = r.value();
  RC_ASSERT(!e.reproduced);
  RC_ASSERT(std::find(e.inconsistent.begin(), e.inconsistent.end(), std::pair{planted, 0}) != e.inconsistent.end());
  RC_ASSERT(std::find(e.misordered.begin(), e.misordered.end(), std::pair{planted, 0}) != e.misordered.end());
  // Every pair named is one where the lower package is at least as good on every issue.
  for (const auto& [i, j] : e.inconsistent) {
    for (std::size_t t = 0; t < c.s.issues.size(); ++t) {
      RC_ASSERT(truth.value(0, static_cast<int>(t), c.packages[static_cast<std::size_t>(i)][t]) <=
                truth.value(0, static_cast<int>(t), c.packages[static_cast<std::size_t>(j)][t]));
    }
  }
}

// Two items, party "a" values owning each at 1: package 0 (a holds x), 1 (a
// holds y), 2 (a holds both), 3 (neither). Ranked 2 > 0 > 1 > 3 the weights
// need x > y: the largest smallest gap is 1/3 with x 2/3, y 1/3.
Scenario two_items() {
  Scenario s;
  s.parties = {{"a", "A", ""}, {"b", "B", ""}};
  for (const char* id : {"x", "y"}) {
    Issue i;
    i.id = id;
    s.issues.push_back(i);
  }
  s.status_quo.assign(2, std::nullopt);
  s.agreed.assign(2, std::nullopt);
  Preferences p;
  p.issues.assign(2, IssuePreference{.weight = 1});
  s.preferences = {p, p};
  return s;
}

Outcome holders(int x, int y) { return {IssueValue{.holder = x}, IssueValue{.holder = y}}; }

TEST(Elicit, MaximisesTheSmallestGapExactly) {
  Scenario s = two_items();
  std::vector<Outcome> packages{holders(0, 1), holders(1, 0), holders(0, 0), holders(1, 1)};
  Result<ElicitResponse> r = elicit(s, {.party = 0, .ranking = {packages, {{2}, {0}, {1}, {3}}}});
  ASSERT_TRUE(r.ok()) << r.errors()[0].message;
  EXPECT_TRUE(r.value().reproduced);
  EXPECT_EQ(r.value().weights, (std::vector<Rational>{Rational(2, 3), Rational(1, 3)}));
  EXPECT_EQ(r.value().margin, Rational(1, 3));
  EXPECT_EQ(r.value().utilities, (std::vector<Rational>{Rational(2, 3), Rational(1, 3), 1, 0}));
}

TEST(Elicit, TiesComeOutExactlyEqual) {
  Scenario s = two_items();
  std::vector<Outcome> packages{holders(0, 1), holders(1, 0), holders(0, 0), holders(1, 1)};
  Result<ElicitResponse> r = elicit(s, {.party = 0, .ranking = {packages, {{2}, {0, 1}, {3}}}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().reproduced);
  EXPECT_EQ(r.value().weights, (std::vector<Rational>{Rational(1, 2), Rational(1, 2)}));
  EXPECT_EQ(r.value().utilities[0], r.value().utilities[1]);
  EXPECT_EQ(r.value().margin, Rational(1, 2));
}

// "Neither" (3) cannot be tied with "both" (2), nor ranked above "x alone"
// (0) or "y alone" (1), with any weights; 2 above 0 and 1, and 0 above 1, can.
TEST(Elicit, ImpossiblePairsAndTiesAreNamed) {
  Scenario s = two_items();
  std::vector<Outcome> packages{holders(0, 1), holders(1, 0), holders(0, 0), holders(1, 1)};
  Result<ElicitResponse> r = elicit(s, {.party = 0, .ranking = {packages, {{2, 3}, {0}, {1}}}});
  ASSERT_TRUE(r.ok());
  const ElicitResponse& e = r.value();
  EXPECT_FALSE(e.reproduced);
  EXPECT_EQ(e.inconsistent, (std::vector<std::pair<int, int>>{{3, 0}, {3, 1}}));
  EXPECT_EQ(e.inconsistent_ties, (std::vector<std::pair<int, int>>{{2, 3}}));
  EXPECT_EQ(e.misordered, (std::vector<std::pair<int, int>>{{3, 0}, {3, 1}}));
  EXPECT_FALSE(e.margin.has_value());
}

// With --values a choice's options are unknowns: a ranking no fixed table
// allows (the scenario values option "p" at 1 and "q" at 0) is reproduced.
TEST(Elicit, ValueTablesAreElicited) {
  Scenario s = two_items();
  Issue c;
  c.id = "c";
  c.kind = IssueKind::choice;
  c.options = {"p", "q", "r"};
  s.issues = {c};
  s.status_quo.assign(1, std::nullopt);
  s.agreed.assign(1, std::nullopt);
  IssuePreference ip{.weight = 1};
  ip.option_values = {1, 0, 0};
  s.preferences[0]->issues = {ip};
  s.preferences[1]->issues = {ip};
  std::vector<Outcome> packages{{IssueValue{.option = 0}}, {IssueValue{.option = 1}}, {IssueValue{.option = 2}}};
  const Ranking ranking{packages, {{1}, {2}, {0}}};
  Result<ElicitResponse> fixed = elicit(s, {.party = 0, .ranking = ranking});
  ASSERT_TRUE(fixed.ok());
  EXPECT_FALSE(fixed.value().reproduced);
  // q and r are both worth 0: neither can be above the other, nor above p.
  EXPECT_EQ(fixed.value().inconsistent, (std::vector<std::pair<int, int>>{{1, 2}, {1, 0}, {2, 0}}));
  Result<ElicitResponse> free = elicit(s, {.party = 0, .ranking = ranking, .values = true});
  ASSERT_TRUE(free.ok());
  EXPECT_TRUE(free.value().reproduced);
  EXPECT_EQ(free.value().preferences.issues[0].option_values, (std::vector<Rational>{0, 1, Rational(1, 2)}));
  EXPECT_EQ(free.value().margin, Rational(1, 2));
}

TEST(Elicit, BadStructureIsRefusedWithPointers) {
  Scenario s = two_items();
  std::vector<Outcome> packages{holders(0, 1), holders(1, 0), holders(0, 0)};
  Result<ElicitResponse> r = elicit(s, {.party = 0, .ranking = {packages, {{0, 5}, {}, {0}}}, .source = "rank.json"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().source, "rank.json");
  std::vector<std::pair<std::string, std::string>> got;
  for (const Diagnostic& d : r.errors()) got.push_back({d.pointer, d.message});
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"/order/0/1", "no package 5: the packages are numbered 0 to 2"},
                     {"/order/1", "an empty group: each group lists 1 or more packages"},
                     {"/order/2/0", "package 0 is already ranked at /order/0/0: each package belongs to one group"},
                     {"/order", "packages 1 and 2 are in no group: the order must rank every package"}}));
  r = elicit(s, {.party = 0, .ranking = {{holders(0, 1)}, {{0}}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors()[0].pointer, "/packages");
  EXPECT_EQ(r.errors()[0].message, "needs at least 2 packages to rank, found 1");
}

}  // namespace
}  // namespace parley
