// Fair-division methods against brute force and direct checks on thousands of
// small random instances (n <= 4 parties, m <= 9 goods, some of them shares of
// 2 or 3 steps); the fairness report (analysis/fairness.h) against a direct
// check of each definition, witnesses included.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "parley/analysis/fairness.h"
#include "parley/analysis/fairness_test_support.h"
#include "parley/fairdiv/goods_test_support.h"
#include "parley/fairdiv/methods.h"
#include "parley/fairdiv/mnw.h"
#include "parley/fairdiv/solve_goods.h"

namespace parley::fairdiv {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// A random goods scenario whose allocations number at most `limit`.
Scenario gen_goods(int min_parties, int max_parties, double limit = 20000) {
  // gen::element, not gen::inRange: rapidcheck scales inRange with the size,
  // which left most cases with two parties and three goods.
  std::vector<int> sizes;
  for (int k = min_parties; k <= max_parties; ++k) sizes.push_back(k);
  const int n = *rc::gen::elementOf(sizes);
  int m = *rc::gen::element(1, 2, 3, 4, 5, 6, 7, 8, 9);
  std::vector<int> units;
  double count = 1;
  for (int g = 0; g < m; ++g) {
    int k = *rc::gen::weightedElement<int>({{6, 1}, {1, 2}, {1, 3}});
    double splits = 1;  // C(k + n - 1, n - 1)
    for (int j = 1; j < n; ++j) splits = splits * (k + j) / j;
    if (count * splits > limit) break;
    count *= splits;
    units.push_back(k);
  }
  std::vector<std::vector<int>> w(at(n), std::vector<int>(units.size()));
  for (auto& row : w) {
    for (int& v : row) v = *rc::gen::weightedElement<int>({{1, 0}, {4, *rc::gen::element(1, 2, 3, 5, 7, 10)}});
    if (std::all_of(row.begin(), row.end(), [](int v) { return v == 0; })) row[0] = 1;
  }
  return test::goods_scenario(w, units);
}

GoodsInstance instance(const Scenario& s) { return extract_goods(s, Utilities(s)).value(); }

// v_p of q's bundle, counted in units.
std::int64_t bundle(const GoodsInstance& g, const Allocation& a, int p, int q) {
  std::int64_t v = 0;
  for (std::size_t k = 0; k < g.goods.size(); ++k) v += a[k][at(q)] * g.value[at(p)][k];
  return v;
}

// EF1 where one unit (an item or one step of a share) may be removed.
bool ef1_units(const GoodsInstance& g, const Allocation& a) {
  for (int p = 0; p < g.parties; ++p) {
    for (int q = 0; q < g.parties; ++q) {
      if (p == q) continue;
      std::int64_t best = 0;
      for (std::size_t k = 0; k < g.goods.size(); ++k) {
        if (a[k][at(q)] > 0) best = std::max(best, g.value[at(p)][k]);
      }
      if (bundle(g, a, p, q) - best > bundle(g, a, p, p)) return false;
    }
  }
  return true;
}

RC_GTEST_PROP(FairdivProperty, RoundRobinAndEnvyCycleAreEf1, ()) {
  Scenario s = gen_goods(2, 4);
  GoodsInstance g = instance(s);
  for (Method method : {Method::round_robin, Method::envy_cycle}) {
    GoodsSolution sol = solve_goods(s, method, {}, "x").value();
    RC_ASSERT(is_allocation(g, sol.allocation));
    RC_ASSERT(ef1_units(g, sol.allocation));
    RC_ASSERT(sol.utilities == Utilities(s).utilities(sol.outcome));
    // The report's EF1 is the same (a step of a share counts as an item), so
    // the printed properties never contradict the method's guarantee.
    RC_ASSERT(sol.goods.ef1);
  }
}

// EF1 for mixed goods and chores, by trying every single removal: p's envy
// of q ends once one unit is taken from q's bundle or from p's own.
bool ef1_mixed(const GoodsInstance& g, const Allocation& a) {
  for (int p = 0; p < g.parties; ++p) {
    for (int q = 0; q < g.parties; ++q) {
      if (p == q || bundle(g, a, p, q) <= bundle(g, a, p, p)) continue;
      bool ends = false;
      for (std::size_t k = 0; k < g.goods.size() && !ends; ++k) {
        if (a[k][at(q)] > 0) ends = bundle(g, a, p, q) - g.value[at(p)][k] <= bundle(g, a, p, p);
        if (!ends && a[k][at(p)] > 0) ends = bundle(g, a, p, q) <= bundle(g, a, p, p) - g.value[at(p)][k];
      }
      if (!ends) return false;
    }
  }
  return true;
}

// Double round robin (methods.h) on random goods and chores: every unit
// given once, and EF1 for mixed items.
RC_GTEST_PROP(FairdivProperty, DoubleRoundRobinIsEf1ForMixedItems, ()) {
  GoodsInstance g;
  g.parties = *rc::gen::inRange(2, 5);
  const int m = *rc::gen::inRange(1, 10);
  for (int k = 0; k < m; ++k) g.goods.push_back(Good{k, *rc::gen::weightedElement<int>({{5, 1}, {1, 2}, {1, 3}})});
  g.value.assign(at(g.parties), std::vector<std::int64_t>(at(m)));
  for (auto& row : g.value) {
    for (auto& v : row) v = *rc::gen::weightedElement<std::int64_t>({{4, *rc::gen::inRange(1, 30)}, {3, -*rc::gen::inRange(1, 30)}, {1, 0}});
  }
  g.base.assign(at(g.parties), 0);
  g.denominator.assign(at(g.parties), 1);
  const Allocation a = double_round_robin(g);
  RC_ASSERT(is_allocation(g, a));
  RC_ASSERT(ef1_mixed(g, a));
}

// The same through a scenario with debts (a currency, negative weights):
// round-robin is the double round robin, and the fairness report's EF1
// (mixed definitions) agrees with the guarantee.
RC_GTEST_PROP(FairdivProperty, RoundRobinWithDebtsIsEf1InTheReport, ()) {
  const int n = *rc::gen::inRange(2, 4);
  const int m = *rc::gen::inRange(2, 7);
  std::vector<std::vector<int>> weights(at(n), std::vector<int>(at(m)));
  for (auto& row : weights) {
    for (auto& w : row) w = *rc::gen::weightedElement<int>({{3, *rc::gen::inRange(1, 100)}, {2, -*rc::gen::inRange(1, 100)}});
  }
  Scenario s = test::goods_scenario(weights, std::vector<int>(at(m), 1));
  for (auto& pr : s.preferences) pr->currency = "EUR";
  GoodsSolution sol = solve_goods(s, Method::round_robin, {}, "x").value();
  ExtractOptions eo;
  eo.chores = true;
  GoodsInstance g = extract_goods(s, Utilities(s), {}, "x", eo).value();
  RC_ASSERT(ef1_mixed(g, sol.allocation));
  RC_ASSERT(sol.goods.ef1);
  RC_ASSERT(sol.utilities == Utilities(s).utilities(sol.outcome));
}

RC_GTEST_PROP(FairdivProperty, LeximinEqualsBruteForce, ()) {
  Scenario s = gen_goods(2, 4);
  GoodsInstance g = instance(s);
  RC_CLASSIFY(g.goods.size() >= 5, "5+ goods");
  RC_CLASSIFY(g.parties >= 3, "3+ parties");
  GoodsSolution sol = solve_goods(s, Method::leximin, {}, "x").value();
  RC_ASSERT(sol.status == GoodsStatus::optimal);
  std::vector<Rational> best;
  test::for_each_allocation(g, [&](const Allocation& a) {
    auto v = exact_utilities(g, a);
    if (best.empty() || leximin_compare(v, best) > 0) best = v;
  });
  RC_ASSERT(leximin_compare(sol.utilities, best) == 0);
  RC_ASSERT(sol.utilities == exact_utilities(g, sol.allocation));
}

RC_GTEST_PROP(FairdivProperty, MaximinShareEqualsBruteForce, ()) {
  Scenario s = gen_goods(2, 4);
  GoodsInstance g = instance(s);
  Utilities u(s);
  for (int p = 0; p < g.parties; ++p) {
    std::int64_t best = 0;
    test::for_each_allocation(g, [&](const Allocation& a) {
      std::int64_t worst = INT64_MAX;
      for (int q = 0; q < g.parties; ++q) worst = std::min(worst, bundle(g, a, p, q));
      best = std::max(best, worst);
    });
    RC_ASSERT(maximin_share(u, p) == Rational(best, g.denominator[at(p)]));
  }
}

RC_GTEST_PROP(FairdivProperty, MaximinPropertyAgreesWithDirectCheck, ()) {
  Scenario s = gen_goods(2, 4);
  GoodsInstance g = instance(s);
  GoodsSolution sol = solve_goods(s, Method::round_robin, {}, "x").value();
  Utilities u(s);
  RC_ASSERT(sol.goods.mms_known());
  bool all = true;
  for (int p = 0; p < g.parties; ++p) {
    Rational mine(bundle(g, sol.allocation, p, p), g.denominator[at(p)]);
    Rational mms = *maximin_share(u, p);
    RC_ASSERT(sol.goods.mms_values[at(p)] == mms);
    if (mms.is_zero()) {
      RC_ASSERT(!sol.goods.mms_fractions[at(p)]);
    } else {
      RC_ASSERT(*sol.goods.mms_fractions[at(p)] == mine / mms);
      all = all && mine >= mms;
    }
  }
  RC_ASSERT(sol.goods.mms == all);
  RC_ASSERT(sol.goods.mms_failure.has_value() == !all);
}

// Adjusted Winner: envy-free, equitable, Pareto-optimal, at most one good divided.
RC_GTEST_PROP(FairdivProperty, AdjustedWinnerIsEnvyFreeEquitableEfficient, ()) {
  Scenario s = gen_goods(2, 2, 1e9);
  GoodsInstance g = instance(s);
  GoodsSolution sol = solve_goods(s, Method::aw, {}, "x").value();
  const std::size_t m = g.goods.size();
  // Fractions of each whole good per party.
  std::vector<std::vector<Rational>> f(m, std::vector<Rational>(2, 0));
  int divided = 0;
  for (std::size_t k = 0; k < m; ++k) {
    if (sol.split && sol.split->issue == g.goods[k].issue) {
      f[k] = sol.split->fractions;
      ++divided;
    } else {
      for (int p = 0; p < 2; ++p) {
        RC_ASSERT(sol.allocation[k][at(p)] == 0 || sol.allocation[k][at(p)] == g.goods[k].units);
        f[k][at(p)] = Rational(sol.allocation[k][at(p)], g.goods[k].units);
      }
    }
  }
  RC_ASSERT(divided <= 1);
  // Whole-good values in each party's points (its total is 1).
  auto w = [&](int p, std::size_t k) {
    return Rational(g.value[at(p)][k] * g.goods[k].units, g.goods_total[at(p)]);
  };
  std::vector<Rational> own(2, 0), other(2, 0);
  for (int p = 0; p < 2; ++p) {
    for (std::size_t k = 0; k < m; ++k) {
      own[at(p)] += f[k][at(p)] * w(p, k);
      other[at(p)] += f[k][at(1 - p)] * w(p, k);
    }
    RC_ASSERT(sol.utilities[at(p)] == own[at(p)]);
    RC_ASSERT(own[at(p)] >= other[at(p)]);  // envy-free
  }
  RC_ASSERT(own[0] == own[1]);  // equitable
  // Pareto-optimal (two parties, divisible goods): no good is held, even in
  // part, by a party that values it 0 while the other values it; and for goods
  // x (partly a's) and y (partly b's), w_a(x) w_b(y) >= w_a(y) w_b(x).
  for (std::size_t x = 0; x < m; ++x) {
    for (int p = 0; p < 2; ++p) {
      if (f[x][at(p)].sign() > 0 && w(p, x).is_zero()) RC_ASSERT(w(1 - p, x).is_zero());
    }
    for (std::size_t y = 0; y < m; ++y) {
      if (f[x][0].sign() > 0 && f[y][1].sign() > 0) RC_ASSERT(w(0, x) * w(1, y) >= w(0, y) * w(1, x));
    }
  }
  RC_ASSERT(sol.goods.envy_free);
  RC_ASSERT(sol.goods.equitable);
}

RC_GTEST_PROP(FairdivProperty, MnwEqualsBruteForceAndIsEf1, ()) {
  Scenario s = gen_goods(2, 4);
  GoodsInstance g = instance(s);
  GoodsSolution sol = solve_goods(s, Method::mnw, {}, "x").value();
  RC_ASSERT(sol.status == GoodsStatus::optimal);
  auto key = [](const std::vector<Rational>& u) {
    int positive = 0;
    Rational product = 1;
    for (const Rational& x : u) {
      if (x.sign() > 0) {
        ++positive;
        product *= x;
      }
    }
    return std::pair(positive, product);
  };
  std::pair<int, Rational> best{-1, 0};
  test::for_each_allocation(g, [&](const Allocation& a) { best = std::max(best, key(exact_utilities(g, a))); });
  RC_ASSERT(key(sol.utilities) == best);
  RC_ASSERT(ef1_units(g, sol.allocation));
}

// ---- fairness properties against a direct check --------------------------
//
// assess_goods() against the definitions of fairness.h, computed directly
// (analysis/fairness_test_support.h). The scenarios are wider than
// gen_goods's: items may allow joint or neutral holding, values other than the
// defaults (own below 1 or 0, other, joint and neutral above 0) and weights of
// 0; outcomes may hold an item in fractions (Adjusted Winner's split) or a
// share off its step grid (Adjusted Winner's exact fractions).

// A random goods scenario of 2 to 4 parties and 1 to 6 goods, a third of them
// shares of 2 or 3 steps.
Scenario gen_fairness_scenario() {
  const int n = *rc::gen::element(2, 3, 4);
  const int m = *rc::gen::element(1, 2, 3, 4, 5, 6);
  std::vector<int> units;
  for (int g = 0; g < m; ++g) units.push_back(*rc::gen::weightedElement<int>({{4, 1}, {1, 2}, {1, 3}}));
  std::vector<std::vector<int>> w(at(n), std::vector<int>(units.size()));
  for (auto& row : w) {
    for (int& v : row) v = *rc::gen::weightedElement<int>({{1, 0}, {3, *rc::gen::element(1, 2, 3, 5)}});
    if (std::all_of(row.begin(), row.end(), [](int v) { return v == 0; })) row[0] = 1;
  }
  Scenario s = test::goods_scenario(w, units);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (!s.issues[i].is_holding()) continue;
    s.issues[i].joint = *rc::gen::weightedElement<int>({{3, 0}, {1, 1}}) == 1;
    s.issues[i].neutral = *rc::gen::weightedElement<int>({{3, 0}, {1, 1}}) == 1;
    for (auto& prefs : s.preferences) {
      HolderValues& hv = prefs->issues[i].holder;
      hv.own = *rc::gen::weightedElement<Rational>({{5, Rational(1)}, {1, Rational(1, 2)}, {1, Rational(0)}});
      hv.other = *rc::gen::weightedElement<Rational>({{4, Rational(0)}, {1, Rational(1, 4)}});
      hv.joint = *rc::gen::element(Rational(1, 2), Rational(0), Rational(1));
      hv.neutral = *rc::gen::weightedElement<Rational>({{3, Rational(0)}, {1, Rational(1, 3)}});
    }
  }
  return s;
}

// `pieces` cut into `parts` random counts, as fractions of `pieces`.
std::vector<Rational> gen_fractions(int parts, int pieces) {
  std::vector<int> count(at(parts), 0);
  for (int k = 0; k < pieces; ++k) ++count[at(*rc::gen::inRange(0, parts))];
  std::vector<Rational> f;
  for (int c : count) f.emplace_back(c, pieces);
  return f;
}

parley::test::FairnessCase gen_fairness_outcome(const Scenario& s) {
  const int n = static_cast<int>(s.parties.size());
  parley::test::FairnessCase c;
  std::vector<int> items;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    IssueValue v;
    if (is.is_holding()) {
      items.push_back(static_cast<int>(i));
      std::vector<Holder> holders;
      for (int p = 0; p < n; ++p) holders.push_back(p);
      if (is.joint) holders.push_back(kJoint);
      if (is.neutral) holders.push_back(kNeutral);
      v.holder = *rc::gen::elementOf(holders);
    } else {
      const int steps = static_cast<int>((Rational(1) / is.step).small_numerator());
      // One share in eight off its grid, as Adjusted Winner's split share may be.
      const bool off_grid = *rc::gen::weightedElement<int>({{7, 0}, {1, 1}}) == 1;
      v.shares = gen_fractions(n, off_grid ? *rc::gen::element(5, 7) : steps);
    }
    c.outcome.push_back(v);
  }
  if (!items.empty() && *rc::gen::weightedElement<int>({{4, 0}, {1, 1}}) == 1) {
    c.split = FractionalItem{*rc::gen::elementOf(items), gen_fractions(n, *rc::gen::element(2, 4, 7))};
  }
  return c;
}

GoodsReport assess(const Scenario& s, const parley::test::FairnessCase& c) {
  Utilities u(s);
  return c.split ? assess_goods(u, c.outcome, *c.split) : assess_goods(u, c.outcome);
}

RC_GTEST_PROP(FairdivProperty, FairnessReportAgreesWithDirectCheck, ()) {
  Scenario s = gen_fairness_scenario();
  RC_CLASSIFY(std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& is) { return !is.is_holding(); }),
              "with shares");
  // Several outcomes per scenario: thousands of instances in the fast suite.
  for (int k = 0; k < 8; ++k) {
    parley::test::FairnessCase c = gen_fairness_outcome(s);
    parley::test::check_report(s, c, assess(s, c));
  }
}

// The reports the fair-division methods print agree with the direct check
// too, Adjusted Winner's split included.
RC_GTEST_PROP(FairdivProperty, SolveReportsAgreeWithDirectCheck, ()) {
  Scenario s = gen_goods(2, 4);
  const int n = static_cast<int>(s.parties.size());
  std::vector<Method> methods = {Method::leximin, Method::round_robin, Method::envy_cycle};
  if (n == 2) methods.push_back(Method::aw);
  for (Method method : methods) {
    GoodsSolution sol = solve_goods(s, method, {}, "x").value();
    parley::test::FairnessCase c{sol.outcome, std::nullopt};
    if (sol.split && s.issues[at(sol.split->issue)].is_holding()) {
      c.split = FractionalItem{sol.split->issue, sol.split->fractions};
    }
    parley::test::check_report(s, c, sol.goods);
  }
}

}  // namespace
}  // namespace parley::fairdiv
