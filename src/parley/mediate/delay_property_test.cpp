// delay() against brute force: on small random scenarios with random delay
// costs, drifts (either sign) and shifts, the period the zone of agreement
// closes is the first t in 0..H at which no outcome of the whole space that
// meets every agreed term, rule and red line has U_p - t c_p >= r_p + t d_p
// for every party, checked period by period from the definition
// (docs/cli.md); both engines (the exact frontier and the package optimiser)
// give it. A package's durability and binding party are the first period at
// which some party's U_p < r_p + t S_p, found by walking the periods.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/mediate/engine.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

// The utilities of every outcome that meets the agreed terms, rules and red
// lines; nullopt when the space has more than `most` outcomes.
std::optional<std::vector<Vec>> feasible_utilities(const Scenario& s, std::size_t most) {
  std::vector<std::vector<IssueValue>> domains;
  std::size_t size = 1;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    auto d = s.agreed[i] ? std::optional<std::vector<IssueValue>>({*s.agreed[i]})
                         : issue_domain(s, static_cast<int>(i), most);
    if (!d || d->empty()) return std::nullopt;
    size *= d->size();
    if (size > most) return std::nullopt;
    domains.push_back(std::move(*d));
  }
  const Utilities u(s);
  std::vector<Vec> out;
  // Outcome number `index` in mixed radix, the first issue varying fastest.
  for (std::size_t index = 0; index < size; ++index) {
    Outcome o;
    std::size_t rest = index;
    for (const auto& d : domains) {
      o.push_back(d[rest % d.size()]);
      rest /= d.size();
    }
    bool ok = true;
    for (const ConstraintCheck& c : check_constraints(s, o)) ok = ok && c.holds;
    if (ok) out.push_back(u.utilities(o));
  }
  return out;
}

Rational small_fraction(int lo, int hi, int denominator) {
  return Rational(*rc::gen::inRange(lo, hi + 1), denominator);
}

// Random delay costs, drifts and shifts on top of a random scenario.
Scenario timed_scenario() {
  test::ScenarioShape shape;
  shape.max_parties = 3;
  shape.max_issues = 4;
  shape.all_preferences = true;
  Scenario s = *test::gen_scenario(shape);
  for (auto& p : s.preferences) {
    // Low enough that a zone usually exists at the start, so that its closing is what is tested.
    p->reservation = small_fraction(0, 25, 100);
    p->delay_cost = small_fraction(0, 6, 100);
    // Either sign; now and then a drift that outweighs the cost: that party's
    // bound falls with time, and packages out of the zone at first come in.
    p->reservation_drift = small_fraction(-4, 4, 100);
  }
  const int shifts = *rc::gen::inRange(0, 4);
  for (int k = 0; k < shifts; ++k) {
    s.dynamics.shifts.push_back({.when = test::random_condition(s),
                                 .party = *rc::gen::inRange(0, static_cast<int>(s.parties.size())),
                                 .reservation_per_period = small_fraction(-2, 6, 100)});
  }
  return s;
}

// The first period of 0..H without any outcome meeting every bound; nullopt: none.
std::optional<std::int64_t> brute_zone_closes(const Scenario& s, const std::vector<Vec>& space, std::int64_t horizon) {
  for (std::int64_t t = 0; t <= horizon; ++t) {
    bool open = false;
    for (const Vec& u : space) {
      bool meets = true;
      for (std::size_t p = 0; p < u.size() && meets; ++p) {
        const Preferences& prefs = *s.preferences[p];
        meets = u[p] - Rational(t) * prefs.delay_cost >= prefs.reservation + Rational(t) * prefs.reservation_drift;
      }
      if (meets) {
        open = true;
        break;
      }
    }
    if (!open) return t;
  }
  return std::nullopt;
}

void check_zone(const Scenario& s, const std::vector<Vec>& space, std::int64_t horizon, bool optimiser) {
  Result<DelayResponse> d = delay(s, {.horizon = horizon, .force_optimiser = optimiser});
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value().zone_settled);
  RC_ASSERT(d.value().zone_engine == std::string(optimiser ? "package optimiser" : "frontier"));
  const auto expected = brute_zone_closes(s, space, horizon);
  RC_ASSERT(d.value().zone_closes_after == expected);
  RC_CLASSIFY(!expected, "open through H");
  RC_CLASSIFY(expected == std::optional<std::int64_t>(0), "no zone now");
  RC_CLASSIFY(expected && *expected > 0, "closes later");
  RC_CLASSIFY(d.value().zone_witnesses.size() > 1, "several packages cover the open periods");
}

RC_GTEST_PROP(DelayProperty, ZoneClosesWhenBruteForceSaysOnTheFrontier, ()) {
  const Scenario s = timed_scenario();
  const auto space = feasible_utilities(s, 2000);
  // Without any feasible outcome there is trivially no zone: a few such cases suffice.
  RC_PRE(space.has_value() && (!space->empty() || *rc::gen::inRange(0, 10) == 0));
  check_zone(s, *space, *rc::gen::inRange(0, 60), false);
}

RC_GTEST_PROP(DelayProperty, ZoneClosesWhenBruteForceSaysWithTheOptimiser, ()) {
  const Scenario s = timed_scenario();
  const auto space = feasible_utilities(s, 2000);
  // Without any feasible outcome there is trivially no zone: a few such cases suffice.
  RC_PRE(space.has_value() && (!space->empty() || *rc::gen::inRange(0, 10) == 0));
  check_zone(s, *space, *rc::gen::inRange(0, 60), true);
}

RC_GTEST_PROP(DelayProperty, DurabilityAndBindingPartyByWalkingThePeriods, ()) {
  const Scenario s = timed_scenario();
  const Outcome o = *test::gen_outcome(s);
  const std::int64_t horizon = *rc::gen::inRange(0, 80);
  Result<DelayResponse> d = delay(s, {.outcome = o, .horizon = horizon});
  RC_ASSERT(d.ok());
  const Utilities u(s);
  const Vec utilities = u.utilities(o);
  Vec shift(s.parties.size(), Rational(0));
  for (const Shift& sh : s.dynamics.shifts) {
    if (holds(sh.when, o)) shift[static_cast<std::size_t>(sh.party)] += sh.reservation_per_period;
  }
  // The first period in which some party would rather walk away, and who (first in party order).
  std::optional<std::int64_t> fails;
  std::optional<int> who;
  for (std::int64_t t = 0; t <= horizon && !fails; ++t) {
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      if (utilities[p] < s.preferences[p]->reservation + Rational(t) * shift[p]) {
        fails = t;
        who = static_cast<int>(p);
        break;
      }
    }
  }
  RC_ASSERT(d.value().utilities == utilities);
  RC_ASSERT(d.value().shift == shift);
  RC_ASSERT(d.value().durable_for == (fails ? std::optional<std::int64_t>(*fails - 1) : std::nullopt));
  RC_ASSERT(d.value().binding == who);
  RC_CLASSIFY(!fails, "durable through H");
  RC_CLASSIFY(fails == std::optional<std::int64_t>(0), "not acceptable now");
  RC_CLASSIFY(fails && *fails > 0, "fails later");
}

// Without an outcome, the package tested is solve's Nash package, and it is
// acceptable to every party at the start (durable_for is never -1).
RC_GTEST_PROP(DelayProperty, TheNashPackageIsTestedByDefault, ()) {
  const Scenario s = timed_scenario();
  RC_PRE(feasible_utilities(s, 2000).has_value());
  Result<DelayResponse> d = delay(s, {.horizon = 30});
  Result<SolveResponse> nash = solve(s, {.method = Method::nash});
  RC_ASSERT(d.ok() && nash.ok());
  RC_ASSERT(d.value().outcome == nash.value().outcome);
  RC_ASSERT(!d.value().outcome_given);
  if (d.value().outcome) RC_ASSERT(d.value().durable_for != std::optional<std::int64_t>(-1));
}

// A zone that moves: a's bound rises by 0.1 a period (delay cost), b's falls
// by 0.1 (a drift of -0.1 from 0.95), so in period t only a's share 0.1 t
// meets both (a's share x: x >= 0.1 t and 1 - x >= 0.95 - 0.1 t). Every period
// 0..10 needs a package of its own; in period 11 a would need 1.1.
TEST(Delay, AMovingZoneIsCoveredPeriodByPeriodByBothEngines) {
  Scenario s;
  s.period = Period::week;
  s.parties = {{.id = "a"}, {.id = "b"}};
  s.issues = {{.id = "split", .kind = IssueKind::share, .step = Rational(1, 10)}};
  s.status_quo.assign(1, std::nullopt);
  s.agreed.assign(1, std::nullopt);
  Preferences a, b;
  a.issues.resize(1);
  a.issues[0].weight = 1;
  b = a;
  a.delay_cost = Rational(1, 10);
  b.reservation = Rational(95, 100);
  b.reservation_drift = Rational(-1, 10);
  s.preferences = {a, b};
  for (bool optimiser : {false, true}) {
    Result<DelayResponse> d = delay(s, {.horizon = 52, .force_optimiser = optimiser});
    ASSERT_TRUE(d) << d.errors()[0].message;
    EXPECT_EQ(d.value().zone_closes_after, std::optional<std::int64_t>(11)) << optimiser;
    EXPECT_EQ(d.value().zone_open_through, 10);
    ASSERT_EQ(d.value().zone_witnesses.size(), 11u) << optimiser;
    for (std::int64_t t = 0; t <= 10; ++t) {
      const ZoneWitness& w = d.value().zone_witnesses[static_cast<std::size_t>(t)];
      EXPECT_EQ(w.first, t);
      EXPECT_EQ(w.last, t);
      EXPECT_EQ(w.utilities[0], Rational(t, 10));
    }
    // No shifts: the Nash package (a 0, b 1: the only one leaving b 0.95)
    // stays acceptable through the horizon.
    EXPECT_EQ(d.value().durable_for, std::nullopt);
    EXPECT_EQ(d.value().explanation[1],
              "The zone of agreement closes after 11 weeks: in week 11 no feasible package leaves every party "
              "at least their no-deal position once the costs of waiting are counted.");
  }
}

}  // namespace
}  // namespace parley
