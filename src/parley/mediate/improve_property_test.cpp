// evaluate()'s pareto_optimal, improvement and closest_improvement, and
// compare()'s dominance, against brute force: on small random scenarios with
// rules and red lines, every outcome is enumerated and the definitions of
// docs/cli.md ("What beats this") are applied to the list, in exact
// arithmetic. The outcomes evaluated are random ones (often breaking a rule,
// red line or agreed term), feasible ones, and efficient ones.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/mediate/engine.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

struct Space {
  std::vector<Outcome> feasible;
  std::vector<Vec> utilities;
};

// Every feasible outcome (agreed terms fixed), or nullopt past `most` outcomes.
std::optional<Space> enumerate(const Scenario& s, std::size_t most) {
  std::optional<std::vector<Outcome>> feasible = test::feasible_outcomes(s, most);
  if (!feasible) return std::nullopt;
  Space out;
  Utilities u(s);
  for (const Outcome& o : *feasible) out.utilities.push_back(u.utilities(o));
  out.feasible = std::move(*feasible);
  return out;
}

bool dominates(const Vec& a, const Vec& b) {
  bool strictly = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    strictly = strictly || b[p] < a[p];
  }
  return strictly;
}

// (smallest gain, sum of gains) over `base`.
std::pair<Rational, Rational> key(const Vec& u, const Vec& base) {
  Rational least = u[0] - base[0], sum = 0;
  for (std::size_t p = 0; p < u.size(); ++p) {
    least = std::min(least, u[p] - base[p]);
    sum += u[p] - base[p];
  }
  return {least, sum};
}

std::size_t changes(const Outcome& a, const Outcome& b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.size(); ++i) n += a[i] == b[i] ? 0 : 1;
  return n;
}

// Up to three parties and four issues, every party with preferences, rules and red lines.
test::ScenarioShape small_shape() { return {.max_parties = 3, .max_issues = 4, .rules = true, .all_preferences = true}; }

// What brute force says of outcome o, checked against evaluate().
void check_against_brute_force(const Scenario& s, const Space& space, const Outcome& o) {
  Result<EvaluateResponse> r = evaluate(s, o, {});
  RC_ASSERT(static_cast<bool>(r));
  const EvaluateResponse& e = r.value();
  const Vec& base = e.evaluation.utilities;
  RC_ASSERT(base == Utilities(s).utilities(o));
  std::optional<std::pair<Rational, Rational>> best;
  std::optional<std::size_t> fewest;
  std::optional<std::pair<Rational, Rational>> best_at_fewest;
  for (std::size_t k = 0; k < space.feasible.size(); ++k) {
    if (!dominates(space.utilities[k], base)) continue;
    const auto kk = key(space.utilities[k], base);
    if (!best || kk > *best) best = kk;
    const std::size_t c = changes(space.feasible[k], o);
    if (!fewest || c < *fewest) {
      fewest = c;
      best_at_fewest = kk;
    } else if (c == *fewest && kk > *best_at_fewest) {
      best_at_fewest = kk;
    }
  }
  if (!best) {
    // Nothing beats it: Pareto optimal exactly when it is feasible.
    RC_ASSERT(e.pareto_optimal == std::optional<bool>(e.evaluation.feasible));
    RC_ASSERT(!e.improvement.has_value());
    RC_ASSERT(!e.closest_improvement.has_value());
    return;
  }
  RC_ASSERT(e.pareto_optimal == std::optional<bool>(false));
  RC_ASSERT(e.improvement.has_value());
  RC_ASSERT(e.closest_improvement.has_value());
  RC_ASSERT(dominates(e.improvement->utilities, base));
  RC_ASSERT(dominates(e.closest_improvement->utilities, base));
  RC_ASSERT(changes(e.closest_improvement->outcome, o) == e.closest_improvement->changes.size());
  // Not proved (the optimiser's sum of gains over common denominators past
  // what it adds exactly): never better than the best, which it cannot be.
  RC_ASSERT(key(e.improvement->utilities, base) <= *best);
  RC_ASSERT(e.closest_improvement->changes.size() >= *fewest);
  RC_TAG(e.improvement->proved && e.closest_improvement->proved ? "proved" : "not proved");
  if (e.improvement->proved) RC_ASSERT(key(e.improvement->utilities, base) == *best);
  if (e.closest_improvement->proved) {
    RC_ASSERT(e.closest_improvement->changes.size() == *fewest);
    RC_ASSERT(key(e.closest_improvement->utilities, base) == *best_at_fewest);
  }
  for (std::size_t p = 0; p < base.size(); ++p) {
    RC_ASSERT(e.improvement->gains[p] == e.improvement->utilities[p] - base[p]);
  }
}

RC_GTEST_PROP(ImproveProperty, RandomOutcomesMatchBruteForce, ()) {
  const Scenario s = *test::gen_scenario(small_shape());
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value());
  // Random outcomes: many break a rule, a red line or an agreed term.
  check_against_brute_force(s, *space, *test::gen_outcome(s));
}

RC_GTEST_PROP(ImproveProperty, FeasibleOutcomesMatchBruteForce, ()) {
  const Scenario s = *test::gen_scenario(small_shape());
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value() && !space->feasible.empty());
  const auto k = *rc::gen::inRange<std::size_t>(0, space->feasible.size());
  check_against_brute_force(s, *space, space->feasible[k]);
}

// Already efficient: the feasible outcome with the lexicographically largest
// utilities (the first party's best, then the next's) is Pareto optimal.
RC_GTEST_PROP(ImproveProperty, EfficientOutcomesAreSaidToBe, ()) {
  const Scenario s = *test::gen_scenario(small_shape());
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value() && !space->feasible.empty());
  std::size_t top = 0;
  for (std::size_t k = 1; k < space->feasible.size(); ++k) {
    if (space->utilities[k] > space->utilities[top]) top = k;
  }
  Result<EvaluateResponse> r = evaluate(s, space->feasible[top], {});
  RC_ASSERT(static_cast<bool>(r));
  RC_ASSERT(r.value().pareto_optimal == std::optional<bool>(true));
  RC_ASSERT(!r.value().improvement.has_value());
  check_against_brute_force(s, *space, space->feasible[top]);
}

// compare(): [i, j] listed exactly when i dominates j, by the utilities
// enumeration computes.
RC_GTEST_PROP(ImproveProperty, CompareDominanceMatchesBruteForce, ()) {
  const Scenario s = *test::gen_scenario(small_shape());
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value() && !space->feasible.empty());
  std::vector<Outcome> outcomes;
  const auto count = *rc::gen::inRange<std::size_t>(2, 5);
  for (std::size_t k = 0; k < count; ++k) {
    // Feasible ones (often comparable), a random one, and repeats (equal: neither dominates).
    const int kind = *rc::gen::inRange(0, 3);
    if (kind == 0) {
      outcomes.push_back(*test::gen_outcome(s));
    } else if (kind == 1 && !outcomes.empty()) {
      outcomes.push_back(outcomes.front());
    } else {
      outcomes.push_back(space->feasible[*rc::gen::inRange<std::size_t>(0, space->feasible.size())]);
    }
  }
  Result<CompareResponse> r = compare(s, outcomes, {});
  RC_ASSERT(static_cast<bool>(r));
  RC_ASSERT(r.value().outcomes.size() == outcomes.size());
  const Utilities u(s);
  std::set<std::pair<std::size_t, std::size_t>> expected;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
      if (dominates(u.utilities(outcomes[i]), u.utilities(outcomes[j]))) expected.emplace(i, j);
    }
  }
  const std::set<std::pair<std::size_t, std::size_t>> got(r.value().dominates.begin(), r.value().dominates.end());
  RC_ASSERT(got == expected);
  RC_ASSERT(got.size() == r.value().dominates.size());
}

}  // namespace
}  // namespace parley
