#include "parley/model/conditions.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>

#include "parley/model/outcome_space.h"
#include "random_scenario.h"

namespace parley {
namespace {

// Moves some bounds off the grid (a third of a step up or down), so that the
// representatives around a bound that falls between grid points are tested too.
void nudge_bounds(const Scenario& s, Condition& c) {
  auto nudge = [&](std::optional<Rational>& bound, bool unit) {
    if (!bound || !*rc::gen::inRange(0, 3)) return;
    const Rational step = s.issues[static_cast<std::size_t>(c.issue)].step;
    Rational moved = *bound + (*rc::gen::arbitrary<bool>() ? step : -step) / 3;
    if (unit && (moved < 0 || moved > 1)) return;
    bound = moved;
  };
  if (c.kind == Condition::Kind::range || c.kind == Condition::Kind::party_share) {
    const bool unit = c.kind == Condition::Kind::party_share;
    nudge(c.min, unit);
    nudge(c.max, unit);
  }
  for (Condition& child : c.children) nudge_bounds(s, child);
}

// Whether any outcome of the condition's issues satisfies it, by trying all of
// them; nullopt when there are too many.
std::optional<bool> brute_force_satisfiable(const Scenario& s, const Condition& c) {
  std::vector<int> issues = condition_issues(c);
  std::vector<std::vector<IssueValue>> domains;
  double product = 1;
  for (int i : issues) {
    auto d = issue_domain(s, i, 200'000);
    if (!d) return std::nullopt;
    product *= static_cast<double>(d->size());
    if (product > 200'000) return std::nullopt;
    domains.push_back(std::move(*d));
  }
  Outcome o(s.issues.size());
  std::function<bool(std::size_t)> search = [&](std::size_t k) {
    if (k == issues.size()) return holds(c, o);
    for (const IssueValue& v : domains[k]) {
      o[static_cast<std::size_t>(issues[k])] = v;
      if (search(k + 1)) return true;
    }
    return false;
  };
  return search(0);
}

RC_GTEST_PROP(Satisfiable, AgreesWithBruteForce, ()) {
  test::ScenarioShape shape;
  shape.max_parties = 3;
  shape.max_issues = 3;
  shape.rules = false;
  const Scenario s = *test::gen_scenario(shape);
  Condition c = test::random_condition(s);
  nudge_bounds(s, c);
  auto expected = brute_force_satisfiable(s, c);
  RC_PRE(expected.has_value());
  auto got = satisfiable(s, c);
  RC_ASSERT(got.has_value());
  RC_ASSERT(*got == *expected);
}

Scenario three_way_share(Rational step) {
  Scenario s;
  for (const char* id : {"a", "b", "c"}) s.parties.push_back(Party{.id = id});
  Issue is;
  is.id = "revenue";
  is.kind = IssueKind::share;
  is.step = step;
  s.issues.push_back(is);
  return s;
}

Condition share_at_least(int party, Rational min) {
  Condition c;
  c.kind = Condition::Kind::party_share;
  c.issue = 0;
  c.party = party;
  c.min = min;
  return c;
}

TEST(Satisfiable, SharesThatCannotAddUpToOne) {
  // a, b and c each want at least 0.34: together more than the whole.
  const Scenario s = three_way_share(Rational(1, 100));
  Condition all;
  all.kind = Condition::Kind::all;
  for (int p = 0; p < 3; ++p) all.children.push_back(share_at_least(p, Rational(34, 100)));
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(false));
  // At least 0.33 each fits (0.33 + 0.33 + 0.34).
  for (auto& child : all.children) child.min = Rational(33, 100);
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(true));
}

TEST(Satisfiable, SharesThatCannotReachOne) {
  // Every party at most 0.3: the whole cannot be handed out.
  const Scenario s = three_way_share(Rational(1, 10));
  Condition all;
  all.kind = Condition::Kind::all;
  for (int p = 0; p < 3; ++p) {
    Condition c = share_at_least(p, 0);
    c.min.reset();
    c.max = Rational(3, 10);
    all.children.push_back(c);
  }
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(false));
  // Two parties capped: the third takes the rest.
  all.children.pop_back();
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(true));
}

TEST(Satisfiable, FineShareGridsAreDecidedWithoutEnumeratingSplits) {
  // 10^6 grid steps among 3 parties is about 5 * 10^11 splits; the cells of
  // each party's bounds are few.
  const Scenario s = three_way_share(Rational(1, 1'000'000));
  Condition all;
  all.kind = Condition::Kind::all;
  all.children.push_back(share_at_least(0, Rational(1, 2)));
  all.children.push_back(share_at_least(1, Rational(1, 2)));
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(true));  // c gets 0
  all.children.push_back(share_at_least(2, Rational(1, 1'000'000)));
  EXPECT_EQ(satisfiable(s, all), std::optional<bool>(false));
  std::size_t work = 0;
  satisfiable(s, all, 100'000, &work);
  EXPECT_GT(work, 0u);
  EXPECT_LT(work, 1'000u);
}

}  // namespace
}  // namespace parley
