// solve() end to end against brute force: on small random scenarios, every
// method's answer (whichever engine the facade routes it to: the exact
// frontier, the package optimiser, the fair-division engine) has the score of
// the best acceptable outcome found by enumerating every outcome, with the
// definitions of docs/cli.md written again here; "no deal" is answered
// exactly when enumeration finds no acceptable (or no feasible) outcome; and
// every claim printed about the answer is what enumeration says.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/verify.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

struct Space {
  std::vector<Outcome> feasible;  // every outcome meeting every agreed term, rule and red line
  std::vector<Vec> utilities;     // of each
};

// Every outcome, or nullopt when there are more than `most`.
std::optional<Space> enumerate(const Scenario& s, std::size_t most) {
  std::optional<std::vector<Outcome>> feasible = test::feasible_outcomes(s, most);
  if (!feasible) return std::nullopt;
  Space out;
  Utilities u(s);
  for (const Outcome& o : *feasible) out.utilities.push_back(u.utilities(o));
  out.feasible = std::move(*feasible);
  return out;
}

bool acceptable(const Vec& u, const Vec& r) {
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (u[p] < r[p]) return false;
  }
  return true;
}

// (how many entries are positive, the product of those): nash on gains, mnw on utilities.
Vec count_then_product(const Vec& x) {
  Rational count = 0, product = 1;
  for (const Rational& v : x) {
    if (v.sign() > 0) {
      count += 1;
      product *= v;
    }
  }
  return {count, product};
}

Vec sorted(Vec v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The value each method maximises (compared lexicographically), from cli.md.
Vec score(Method m, const Vec& u, const Vec& r, const Vec& ideal) {
  Vec gains;
  for (std::size_t p = 0; p < u.size(); ++p) gains.push_back(u[p] - r[p]);
  switch (m) {
    case Method::nash: return count_then_product(gains);
    case Method::ks: {
      Vec ratios;
      for (std::size_t p = 0; p < u.size(); ++p) {
        ratios.push_back(ideal[p] == r[p] ? Rational(1) : gains[p] / (ideal[p] - r[p]));
      }
      return sorted(ratios);
    }
    case Method::egalitarian: return sorted(gains);
    case Method::utilitarian: {
      Rational sum = 0;
      for (const Rational& x : u) sum += x;
      Vec key{sum};
      for (const Rational& x : count_then_product(gains)) key.push_back(x);
      return key;
    }
    case Method::mnw: return count_then_product(u);
    case Method::leximin: return sorted(u);
    default: return {};
  }
}

Vec reservations(const Scenario& s) {
  Vec r;
  for (const auto& p : s.preferences) r.push_back(p->reservation);
  return r;
}

bool dominated(const Vec& u, const Space& space) {
  for (const Vec& v : space.utilities) {
    bool all = true, one = false;
    for (std::size_t p = 0; p < u.size(); ++p) {
      all = all && v[p] >= u[p];
      one = one || v[p] > u[p];
    }
    if (all && one) return true;
  }
  return false;
}

// An item open to division that some party values less held than in
// another's hands (a burden): docs/cli.md has mnw refuse it, naming it.
std::optional<std::string> burden(const Scenario& s) {
  const Utilities u(s);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (!s.issues[i].is_holding() || s.agreed[i]) continue;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      IssueValue own, other;
      own.holder = static_cast<Holder>(p);
      other.holder = p == 0 ? 1 : 0;
      const int party = static_cast<int>(p), issue = static_cast<int>(i);
      if (!u.weight(party, issue).is_zero() && u.value(party, issue, own) < u.value(party, issue, other)) {
        return s.issues[i].id;
      }
    }
  }
  return std::nullopt;
}

void check_solution_concept(const Scenario& s, Method m, const Space& space) {
  const Vec r = reservations(s);
  Result<SolveResponse> got = solve(s, {.method = m});
  if (m == Method::mnw) {
    if (const std::optional<std::string> item = burden(s)) {
      RC_ASSERT(!got.ok());
      RC_ASSERT(got.failure().kind == FailureKind::unsupported);
      const std::string& message = got.failure().diagnostics.front().message;
      RC_ASSERT(message.find('"' + *item + '"') != std::string::npos);
      return;
    }
  }
  RC_ASSERT(got.ok());
  const SolveResponse& answer = got.value();
  std::vector<std::size_t> ir;
  Vec ideal(s.parties.size(), Rational(-1));
  for (std::size_t k = 0; k < space.utilities.size(); ++k) {
    if (!acceptable(space.utilities[k], r)) continue;
    ir.push_back(k);
    for (std::size_t p = 0; p < r.size(); ++p) ideal[p] = std::max(ideal[p], space.utilities[k][p]);
  }
  RC_TAG(std::string(method_name(m)) + " " + std::string(status_name(answer.status)));
  if (space.feasible.empty()) {
    RC_ASSERT(answer.status == SolveStatus::infeasible);
    return;
  }
  if (ir.empty()) {
    RC_ASSERT(answer.status == SolveStatus::no_agreement_zone);
    RC_ASSERT(!answer.conflict.empty());
    return;
  }
  RC_ASSERT(answer.status == SolveStatus::optimal);
  Vec best;
  for (std::size_t k : ir) best = std::max(best, score(m, space.utilities[k], r, ideal));
  RC_ASSERT(score(m, answer.evaluation.utilities, r, ideal) == best);
  RC_ASSERT(answer.pareto_optimal == std::optional<bool>(true));
  RC_ASSERT(!dominated(answer.evaluation.utilities, space));
  RC_ASSERT(answer.evaluation.individually_rational);
  RC_ASSERT(!answer.verified.empty());
}

// Small enough to enumerate: up to 3 parties and 4 issues.
test::ScenarioShape small_shape(bool goods_only) {
  test::ScenarioShape shape;
  shape.max_parties = 3;
  shape.max_issues = 4;
  shape.all_preferences = true;
  shape.goods_only = goods_only;
  shape.rules = !goods_only;
  return shape;
}

RC_GTEST_PROP(SolveProperty, EveryMethodMatchesBruteForce, ()) {
  const Scenario s = *test::gen_scenario(small_shape(false));
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value());
  for (Method m : {Method::nash, Method::ks, Method::egalitarian, Method::utilitarian, Method::mnw, Method::leximin}) {
    check_solution_concept(s, m, *space);
  }
}

// Pure goods with reservations: mnw and leximin go to the fair-division
// engine first, whose best division may break a reservation; then the
// general engine must answer, and the answer is still the best acceptable.
RC_GTEST_PROP(SolveProperty, GoodsWithReservationsMatchBruteForce, ()) {
  Scenario s = *test::gen_scenario(small_shape(true));
  for (auto& prefs : s.preferences) prefs->reservation = Rational(*rc::gen::inRange(0, 7), 10);
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value());
  for (Method m : {Method::mnw, Method::leximin, Method::nash}) check_solution_concept(s, m, *space);
}

// The procedures claim what enumeration confirms: Pareto optimality (when
// stated) and individual rationality.
RC_GTEST_PROP(SolveProperty, ProceduresClaimOnlyWhatIsTrue, ()) {
  const Scenario s = *test::gen_scenario(small_shape(true));
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value());
  std::vector<Method> methods{Method::round_robin, Method::envy_cycle};
  if (s.parties.size() == 2) methods.push_back(Method::aw);
  for (Method m : methods) {
    Result<SolveResponse> got = solve(s, {.method = m});
    if (!got) {
      RC_ASSERT(got.failure().kind == FailureKind::unsupported);  // e.g. an item worth more in other hands
      continue;
    }
    const SolveResponse& r = got.value();
    // Without an acceptable package a procedure answers as every method does.
    const Vec res = reservations(s);
    const bool zone = std::any_of(space->utilities.begin(), space->utilities.end(),
                                  [&](const Vec& u) { return acceptable(u, res); });
    // Adjusted Winner's split item lies between the packages enumerated: it
    // may meet reservations that no whole package meets.
    if (r.split && r.evaluation.individually_rational) continue;
    RC_ASSERT(r.outcome.has_value() == zone);
    if (!zone) {
      RC_ASSERT(r.status == (space->feasible.empty() ? SolveStatus::infeasible : SolveStatus::no_agreement_zone));
      continue;
    }
    RC_TAG(std::string(method_name(m)) + (!r.pareto_optimal ? " unknown" : *r.pareto_optimal ? " efficient" : " dominated"));
    if (r.pareto_optimal && !r.split) RC_ASSERT(*r.pareto_optimal == !dominated(r.evaluation.utilities, *space));
    if (r.pareto_optimal == std::optional<bool>(true)) RC_ASSERT(!dominated(r.evaluation.utilities, *space));
    RC_ASSERT(r.evaluation.individually_rational == acceptable(r.evaluation.utilities, reservations(s)));
  }
}

// check_pareto's verdict on any package, Pareto optimal or not, is
// enumeration's: on these small spaces the search of every package settles
// it (not the engines), a dominating package it reports is feasible and at
// least as good for every party and better for one, and "optimal" is said
// exactly when no feasible package dominates. The packages tried: a random
// feasible one that another dominates (some only by changes of several
// terms), when there is one, and a random one that none dominates.
RC_GTEST_PROP(SolveProperty, ParetoCheckMatchesBruteForce, ()) {
  const Scenario s = *test::gen_scenario(small_shape(false));
  std::optional<Space> space = enumerate(s, 3000);
  RC_PRE(space.has_value() && !space->feasible.empty());
  std::vector<std::size_t> undominated, beaten;
  for (std::size_t k = 0; k < space->feasible.size(); ++k) {
    (dominated(space->utilities[k], *space) ? beaten : undominated).push_back(k);
  }
  const Outcome random = beaten.empty() ? space->feasible.front()
                                        : space->feasible[beaten[*rc::gen::inRange<std::size_t>(0, beaten.size())]];
  const Outcome efficient = space->feasible[undominated[*rc::gen::inRange<std::size_t>(0, undominated.size())]];
  const Utilities u(s);
  for (const Outcome& o : {random, efficient}) {
    const Vec uo = u.utilities(o);
    const ParetoCheck pc = check_pareto(s, o, uo, "frontier", Deadline::after(60));
    const bool is_dominated = dominated(uo, *space);
    RC_TAG(is_dominated ? "dominated" : "optimal");
    RC_ASSERT(pc.verdict == (is_dominated ? ParetoCheck::Verdict::dominated : ParetoCheck::Verdict::optimal));
    if (is_dominated) {
      RC_ASSERT(pc.better.has_value());
      const auto found = std::find(space->feasible.begin(), space->feasible.end(), *pc.better);
      RC_ASSERT(found != space->feasible.end());
      const Vec& ub = space->utilities[static_cast<std::size_t>(found - space->feasible.begin())];
      RC_ASSERT(ub == pc.better_utilities);
      RC_ASSERT(dominated(uo, Space{{*pc.better}, {ub}}));
      RC_TAG(pc.how.find("search of every package") != std::string::npos ? "by the search" : "by one change");
    } else {
      RC_ASSERT(pc.how.find("a search of every package") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace parley
