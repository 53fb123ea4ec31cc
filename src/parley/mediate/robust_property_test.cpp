// solve --method robust against brute force: every outcome enumerated, each
// party's worst case taken as the least gain over every vertex of the weight
// box (2^issues of them), the definition of docs/cli.md written again here.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/mediate/engine.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

// p's least gain over the vertices of the box: U_p - r_p, or for a party whose
// reservation is the status quo, U_p - U_p(status quo) under the same weights.
Rational worst_by_vertices(const Scenario& s, int p, const Outcome& o, const Rational& spread) {
  const std::optional<Outcome> sq = s.status_quo_outcome();
  const Preferences& prefs = *s.preferences[static_cast<std::size_t>(p)];
  const Utilities u(s);
  std::optional<Rational> least;
  const std::size_t issues = s.issues.size();
  for (std::size_t mask = 0; mask < (std::size_t{1} << issues); ++mask) {
    Rational num = 0, den = 0;
    for (std::size_t i = 0; i < issues; ++i) {
      const Rational w = prefs.issues[i].weight * ((mask >> i) & 1U ? Rational(1) + spread : Rational(1) - spread);
      num += w * u.value(p, static_cast<int>(i), o[i]);
      if (prefs.reservation_is_status_quo) num -= w * u.value(p, static_cast<int>(i), (*sq)[i]);
      den += w;
    }
    const Rational gain = num / den - (prefs.reservation_is_status_quo ? Rational(0) : prefs.reservation);
    if (!least || gain < *least) least = gain;
  }
  return *least;
}

std::pair<int, Rational> nash_key(const Vec& gains) {
  int count = 0;
  Rational product = 1;
  for (const Rational& g : gains) {
    if (g.sign() > 0) {
      ++count;
      product *= g;
    }
  }
  return {count, product};
}

struct Expected {
  bool feasible = false;
  bool acceptable = false;
  Rational value;  // the largest smallest worst case
  std::pair<int, Rational> nash;  // the best Nash key among the packages with that value
};

Expected brute_force(const Scenario& s, const std::vector<Outcome>& outcomes, const Rational& spread) {
  const Utilities u(s);
  Expected e;
  e.feasible = !outcomes.empty();
  for (const Outcome& o : outcomes) {
    Vec gains;
    bool ok = true;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      gains.push_back(u.utility(static_cast<int>(p), o) - u.reservation(static_cast<int>(p)));
      ok = ok && gains.back().sign() >= 0;
    }
    if (!ok) continue;
    Rational value;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const Rational w = worst_by_vertices(s, static_cast<int>(p), o, spread);
      if (p == 0 || w < value) value = w;
    }
    const auto key = nash_key(gains);
    if (!e.acceptable || value > e.value || (value == e.value && key > e.nash)) {
      e.value = value;
      e.nash = key;
    }
    e.acceptable = true;
  }
  return e;
}

// Up to three parties and four issues, every party with preferences, rules and red lines.
test::ScenarioShape small_shape() { return {.max_parties = 3, .max_issues = 4, .rules = true, .all_preferences = true}; }

RC_GTEST_PROP(RobustProperty, MatchesBruteForceOverOutcomesAndVertices, ()) {
  Scenario s = *test::gen_scenario(small_shape());
  for (auto& prefs : s.preferences) {
    prefs->reservation = Rational(*rc::gen::inRange(0, 6), 10);
    prefs->reservation_is_status_quo = false;
  }
  const Rational spread(*rc::gen::inRange(0, 10), 10);
  std::optional<std::vector<Outcome>> outcomes = test::feasible_outcomes(s, 3000);
  RC_PRE(outcomes.has_value());
  const Expected e = brute_force(s, *outcomes, spread);
  Result<SolveResponse> got = solve(s, {.method = Method::robust, .spread = spread});
  RC_ASSERT(got.ok());
  const SolveResponse& r = got.value();
  RC_TAG(std::string(status_name(r.status)));
  if (!e.feasible) {
    RC_ASSERT(r.status == SolveStatus::infeasible);
    return;
  }
  if (!e.acceptable) {
    RC_ASSERT(r.status == SolveStatus::no_agreement_zone);
    return;
  }
  RC_ASSERT(r.status == SolveStatus::optimal);
  RC_ASSERT(r.robust.has_value());
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    RC_ASSERT(r.robust->worst_case[p] == worst_by_vertices(s, static_cast<int>(p), *r.outcome, spread));
  }
  RC_ASSERT(*std::min_element(r.robust->worst_case.begin(), r.robust->worst_case.end()) == e.value);
  RC_ASSERT(nash_key(r.evaluation.gains) == e.nash);
  RC_ASSERT(r.evaluation.individually_rational);
  RC_ASSERT(r.evaluation.feasible);
}

// Spread 0: the worst case is the gain itself, so robust maximises the
// smallest gain (egalitarian's first criterion), ties by the Nash product.
RC_GTEST_PROP(RobustProperty, ZeroSpreadIsTheLargestSmallestGainWithNashTies, ()) {
  Scenario s = *test::gen_scenario(small_shape());
  for (auto& prefs : s.preferences) {
    prefs->reservation = Rational(*rc::gen::inRange(0, 5), 10);
    prefs->reservation_is_status_quo = false;
  }
  Result<SolveResponse> robust = solve(s, {.method = Method::robust, .spread = Rational(0)});
  Result<SolveResponse> egalitarian = solve(s, {.method = Method::egalitarian});
  RC_ASSERT(robust.ok() && egalitarian.ok());
  RC_ASSERT(robust.value().status == egalitarian.value().status);
  if (!robust.value().outcome) return;
  const Vec& gains = robust.value().evaluation.gains;
  const Vec& eg = egalitarian.value().evaluation.gains;
  RC_ASSERT(*std::min_element(gains.begin(), gains.end()) == *std::min_element(eg.begin(), eg.end()));
  RC_ASSERT(robust.value().robust->worst_case == gains);
  // No package with the same smallest gain has a larger Nash key.
  std::optional<std::vector<Outcome>> outcomes = test::feasible_outcomes(s, 3000);
  RC_PRE(outcomes.has_value());
  const Expected e = brute_force(s, *outcomes, 0);
  RC_ASSERT(nash_key(gains) == e.nash);
}

// A reservation "status_quo": the worst case is measured against the status
// quo under the same weights (not against the number it comes to).
RC_GTEST_PROP(RobustProperty, StatusQuoReservationsAreMeasuredUnderTheSameWeights, ()) {
  Scenario s = *test::gen_scenario(small_shape());
  const Outcome sq = *test::gen_outcome(s);
  for (std::size_t i = 0; i < s.issues.size(); ++i) s.status_quo[i] = sq[i];
  const Utilities u(s);
  const Outcome with_agreed = *s.status_quo_outcome();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    s.preferences[p]->reservation = u.utility(static_cast<int>(p), with_agreed);
    s.preferences[p]->reservation_is_status_quo = true;
  }
  const Rational spread(*rc::gen::inRange(1, 10), 10);
  std::optional<std::vector<Outcome>> outcomes = test::feasible_outcomes(s, 3000);
  RC_PRE(outcomes.has_value());
  const Expected e = brute_force(s, *outcomes, spread);
  Result<SolveResponse> got = solve(s, {.method = Method::robust, .spread = spread});
  RC_ASSERT(got.ok());
  const SolveResponse& r = got.value();
  RC_PRE(r.status == SolveStatus::optimal);
  RC_ASSERT(e.acceptable);
  RC_ASSERT(r.robust->against_status_quo == std::vector<bool>(s.parties.size(), true));
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    RC_ASSERT(r.robust->worst_case[p] == worst_by_vertices(s, static_cast<int>(p), *r.outcome, spread));
  }
  RC_ASSERT(*std::min_element(r.robust->worst_case.begin(), r.robust->worst_case.end()) == e.value);
  RC_ASSERT(nash_key(r.evaluation.gains) == e.nash);
}

}  // namespace
}  // namespace parley
