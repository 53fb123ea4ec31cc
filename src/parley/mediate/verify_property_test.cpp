// check_pareto against brute force on scenarios the solve properties do not
// reach: debts (a currency and negative weights on items and regions), up to
// five parties, weights as fine as 10^15-ths and over primes near 2^31 (the
// search of every package hands those past 2^62 back to the engines), rules,
// red lines and agreed terms. Utilities are the format's formula
// (docs/scenario-format.md) written a third time here, on purpose.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "parley/frontier/frontier.h"
#include "parley/mediate/verify.h"
#include "random_scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

Rational holder_value(const HolderValues& hv, int p, Holder h) {
  if (h == p) return hv.own;
  if (h == kJoint) return hv.joint;
  if (h == kNeutral) return hv.neutral;
  return hv.other;
}

Rational value_of(const Scenario& s, int p, std::size_t i, const IssueValue& v) {
  const IssuePreference& ip = s.preferences[static_cast<std::size_t>(p)]->issues[i];
  switch (s.issues[i].kind) {
    case IssueKind::item:
    case IssueKind::region: return holder_value(ip.holder, p, v.holder);
    case IssueKind::share: return v.shares[static_cast<std::size_t>(p)];
    case IssueKind::choice: return ip.option_values[static_cast<std::size_t>(v.option)];
    case IssueKind::number: {
      const auto& c = ip.curve;
      if (c.empty()) return 0;
      if (v.number <= c.front().first) return c.front().second;
      for (std::size_t k = 1; k < c.size(); ++k) {
        if (v.number <= c[k].first) {
          return c[k - 1].second + (c[k].second - c[k - 1].second) * (v.number - c[k - 1].first) /
                                       (c[k].first - c[k - 1].first);
        }
      }
      return c.back().second;
    }
  }
  return 0;
}

// U_p(o) = (sum_i w_i v_i(o_i) - sum_{w_i < 0} w_i) / sum_i |w_i|.
Vec utilities(const Scenario& s, const Outcome& o) {
  Vec out;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    Rational sum = 0, debts = 0, scale = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Rational& w = s.preferences[p]->issues[i].weight;
      sum += w * value_of(s, static_cast<int>(p), i, o[i]);
      if (w.sign() < 0) debts -= w;
      scale += w.sign() < 0 ? -w : w;
    }
    out.push_back((sum + debts) / scale);
  }
  return out;
}

bool dominates(const Vec& a, const Vec& b) {
  bool better = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    better = better || a[p] > b[p];
  }
  return better;
}

bool better_for_all(const Vec& a, const Vec& b) {
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (!(a[p] > b[p])) return false;
  }
  return true;
}

// Debts and fine weights on a random scenario of the common generator.
Scenario with_debts(Scenario s) {
  static const std::vector<Rational> fine{Rational(1, 1'000'000'000'000'000), Rational(999'999'999'999'999, 1'000'000'000'000'000),
                                          Rational(1, 2147483647), Rational(2147483646, 2147483629), Rational(7, 3)};
  for (auto& prefs : s.preferences) {
    const bool currency = *rc::gen::inRange(0, 3) == 0;
    if (currency) prefs->currency = "EUR";
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      Rational& w = prefs->issues[i].weight;
      if (*rc::gen::inRange(0, 5) == 0) w = *rc::gen::elementOf(fine);
      if (currency && s.issues[i].is_holding() && *rc::gen::inRange(0, 2) == 0) w = -w;
    }
    bool any = false;
    for (const IssuePreference& ip : prefs->issues) any = any || !ip.weight.is_zero();
    if (!any) prefs->issues[0].weight = 1;
  }
  return s;
}

// A scenario of up to five parties and five issues, with debts and fine weights.
Scenario gen_debt_scenario() {
  test::ScenarioShape shape;
  shape.max_parties = 5;
  shape.max_issues = 5;
  shape.all_preferences = true;
  return with_debts(*test::gen_scenario(shape));
}

// The verdict is brute force's; a dominating package reported is feasible
// and dominates; and, as check_pareto promises, where some feasible package
// is better for every party, the one reported is too.
RC_GTEST_PROP(VerifyProperty, ParetoCheckWithDebtsMatchesBruteForce, ()) {
  const Scenario s = gen_debt_scenario();
  const std::vector<Outcome> feasible = test::feasible_outcomes(s, 4000).value_or(std::vector<Outcome>{});
  RC_PRE(!feasible.empty());
  std::vector<Vec> u;
  for (const Outcome& o : feasible) u.push_back(utilities(s, o));
  const std::size_t k = *rc::gen::inRange<std::size_t>(0, feasible.size());
  bool is_dominated = false, some_better_for_all = false;
  for (const Vec& other : u) {
    is_dominated = is_dominated || dominates(other, u[k]);
    some_better_for_all = some_better_for_all || better_for_all(other, u[k]);
  }
  const ParetoCheck pc = check_pareto(s, feasible[k], u[k], "frontier", Deadline::after(60));
  RC_TAG(pc.how.find("search of every package") != std::string::npos ? "by the search" : "otherwise");
  // Numbers too fine for the search and for CBC may leave it open, never wrong.
  if (pc.verdict == ParetoCheck::Verdict::unknown) {
    RC_TAG("unknown");
    return;
  }
  RC_ASSERT(pc.verdict == (is_dominated ? ParetoCheck::Verdict::dominated : ParetoCheck::Verdict::optimal));
  if (!is_dominated) return;
  RC_ASSERT(pc.better.has_value());
  RC_ASSERT(std::find(feasible.begin(), feasible.end(), *pc.better) != feasible.end());
  RC_ASSERT(pc.better_utilities == utilities(s, *pc.better));
  RC_ASSERT(dominates(pc.better_utilities, u[k]));
  if (pc.how == "found by a search of every package") {
    RC_ASSERT(better_for_all(pc.better_utilities, u[k]) == some_better_for_all);
  }
}

// The exact frontier of every feasible package on the same scenarios (debts
// through the engine's flipped values, fine weights through its integer
// tables): its points are brute force's undominated utility vectors, each
// once, each with a package that has them.
RC_GTEST_PROP(VerifyProperty, FrontierWithDebtsMatchesBruteForce, ()) {
  const Scenario s = gen_debt_scenario();
  const std::vector<Outcome> feasible = test::feasible_outcomes(s, 4000).value_or(std::vector<Outcome>{});
  RC_PRE(!feasible.empty());
  std::vector<Vec> efficient;
  for (const Outcome& o : feasible) {
    const Vec u = utilities(s, o);
    if (std::find(efficient.begin(), efficient.end(), u) == efficient.end()) efficient.push_back(u);
  }
  std::erase_if(efficient, [&](const Vec& u) {
    return std::any_of(efficient.begin(), efficient.end(), [&](const Vec& other) { return dominates(other, u); });
  });
  pareto::FrontierOptions fo;
  fo.individually_rational = false;
  Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
  if (!f) {
    RC_TAG("refused");
    RC_ASSERT(f.failure().kind == FailureKind::unsupported);  // a denominator past 512 bits
    return;
  }
  RC_TAG(std::to_string(s.parties.size()) + " parties");
  RC_ASSERT(f.value().status() == pareto::FrontierStatus::complete);
  std::vector<Vec> got;
  for (std::size_t k = 0; k < f.value().size(); ++k) {
    got.push_back(f.value().utilities(k));
    RC_ASSERT(utilities(s, f.value().outcome(k)) == got.back());
  }
  std::sort(got.begin(), got.end());
  std::sort(efficient.begin(), efficient.end());
  RC_ASSERT(got == efficient);
}

}  // namespace
}  // namespace parley
