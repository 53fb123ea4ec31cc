// Test helper: the fairness properties of analysis/fairness.h computed
// straight from their definitions, from the raw weights and holder values,
// sharing nothing with assess_goods() but the Scenario type; and a check that
// a GoodsReport agrees with them, witnesses included.
//
//   test::FairnessCase c{outcome, std::nullopt};   // or with a split item
//   test::check_report(scenario, c, assess_goods(Utilities(scenario), outcome));
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "parley/analysis/fairness.h"
#include "parley/model/scenario.h"

namespace parley::test {

namespace fairness_detail {
inline std::size_t at(int i) { return static_cast<std::size_t>(i); }
}  // namespace fairness_detail

using fairness_detail::at;

// An outcome, and the item held in fractions if any (Adjusted Winner's split).
struct FairnessCase {
  Outcome outcome;
  std::optional<FractionalItem> split;
};

// One removable unit of a bundle: an item held alone (or a party's part of a
// split item), or one step of a share (what is left of it when less).
struct Unit {
  int issue;
  Rational amount;  // of the whole issue
};

struct DirectFairness {
  std::vector<std::vector<Rational>> v;  // v[p][q] = v_p(X_q)
  std::vector<std::vector<Unit>> units;  // of X_q
  std::vector<Rational> goods_utility, goods_total;
  bool ef = true, ef1 = true, efx = true, proportional = true, equitable = true;

  Rational unit_worth(const Scenario& s, int p, const Unit& u) const {
    const auto& ip = s.preferences[at(p)]->issues[at(u.issue)];
    Rational worth = weight(s, p, u.issue) * u.amount;
    return s.issues[at(u.issue)].is_holding() ? worth * ip.holder.own : worth;
  }
  static Rational weight(const Scenario& s, int p, int i) {
    Rational total = 0;
    for (const auto& ip : s.preferences[at(p)]->issues) total += ip.weight;
    return s.preferences[at(p)]->issues[at(i)].weight / total;
  }
};

// q's amount of every goods issue: 1 or 0 for items (q's fraction for a split
// item; joint and neutral in nobody's bundle), q's fraction of each share; 0
// for public terms (choices, numbers), which are in nobody's bundle.
inline std::vector<Rational> holdings(const Scenario& s, const FairnessCase& c, int q) {
  std::vector<Rational> x(s.issues.size(), 0);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (!s.issues[i].is_goods()) continue;
    if (s.issues[i].is_holding()) {
      if (c.split && c.split->issue == static_cast<int>(i)) {
        x[i] = c.split->fractions[at(q)];
      } else {
        x[i] = c.outcome[i].holder == q ? 1 : 0;
      }
    } else {
      x[i] = c.outcome[i].shares[at(q)];
    }
  }
  return x;
}

// v_p of the amounts x.
inline Rational bundle_value(const Scenario& s, int p, const std::vector<Rational>& x) {
  Rational v = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    Rational worth = DirectFairness::weight(s, p, static_cast<int>(i));
    if (s.issues[i].is_holding()) worth *= s.preferences[at(p)]->issues[i].holder.own;
    v += worth * x[i];
  }
  return v;
}

inline DirectFairness direct_fairness(const Scenario& s, const FairnessCase& c) {
  const int n = static_cast<int>(s.parties.size());
  DirectFairness d;
  std::vector<std::vector<Rational>> x;
  for (int q = 0; q < n; ++q) x.push_back(holdings(s, c, q));
  d.v.assign(at(n), std::vector<Rational>(at(n)));
  d.units.resize(at(n));
  for (int q = 0; q < n; ++q) {
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (x[at(q)][i].is_zero()) continue;
      if (s.issues[i].is_holding()) {
        d.units[at(q)].push_back({static_cast<int>(i), x[at(q)][i]});
      } else {
        d.units[at(q)].push_back({static_cast<int>(i), std::min(s.issues[i].step, x[at(q)][i])});
      }
    }
    for (int p = 0; p < n; ++p) d.v[at(p)][at(q)] = bundle_value(s, p, x[at(q)]);
  }
  for (int p = 0; p < n; ++p) {
    for (int q = 0; q < n; ++q) {
      if (p == q || d.v[at(p)][at(q)] <= d.v[at(p)][at(p)]) continue;
      d.ef = false;
      bool some_ends = false, every_positive_ends = true, some_positive = false;
      for (const Unit& u : d.units[at(q)]) {
        std::vector<Rational> rest = x[at(q)];
        rest[at(u.issue)] -= u.amount;
        const bool ends = bundle_value(s, p, rest) <= d.v[at(p)][at(p)];
        some_ends = some_ends || ends;
        if (d.unit_worth(s, p, u).sign() > 0) {
          some_positive = true;
          every_positive_ends = every_positive_ends && ends;
        }
      }
      d.ef1 = d.ef1 && some_ends;
      d.efx = d.efx && some_positive && every_positive_ends;
    }
  }
  for (int p = 0; p < n; ++p) {
    Rational got = 0, total = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!s.issues[i].is_goods()) continue;
      const Rational w = DirectFairness::weight(s, p, static_cast<int>(i));
      if (!s.issues[i].is_holding()) {
        got += w * x[at(p)][i];
        total += w;
        continue;
      }
      const HolderValues& hv = s.preferences[at(p)]->issues[i].holder;
      total += w * hv.own;
      if (c.split && c.split->issue == static_cast<int>(i)) {
        const Rational& f = c.split->fractions[at(p)];
        got += w * (f * hv.own + (Rational(1) - f) * hv.other);
        continue;
      }
      const Holder h = c.outcome[i].holder;
      got += w * (h == p ? hv.own : h == kJoint ? hv.joint : h == kNeutral ? hv.neutral : hv.other);
    }
    d.goods_utility.push_back(got);
    d.goods_total.push_back(total);
    if (got * Rational(n) < total) d.proportional = false;
  }
  std::vector<Rational> relative;
  for (int p = 0; p < n; ++p) {
    if (!d.goods_total[at(p)].is_zero()) relative.push_back(d.goods_utility[at(p)] / d.goods_total[at(p)]);
  }
  for (const Rational& r : relative) d.equitable = d.equitable && r == relative.front();
  return d;
}

// Every flag of the report equals the direct check, and every witness of a
// failing property is a real one: the named parties, amounts and items are
// what the definitions say, and the worst case is the one named.
inline void check_report(const Scenario& s, const FairnessCase& c, const GoodsReport& g) {
  const int n = static_cast<int>(s.parties.size());
  const DirectFairness d = direct_fairness(s, c);
  RC_ASSERT(g.applicable);
  RC_ASSERT(g.bundle_values == d.v);
  RC_ASSERT(g.goods_utility == d.goods_utility);
  RC_ASSERT(g.goods_total == d.goods_total);
  RC_ASSERT(g.envy_free == d.ef);
  RC_ASSERT(g.ef1 == d.ef1);
  RC_ASSERT(g.efx == d.efx);
  RC_ASSERT(g.proportional == d.proportional);
  RC_ASSERT(g.equitable == d.equitable);
  RC_ASSERT(g.envy.has_value() == !d.ef);
  RC_ASSERT(g.ef1_failure.has_value() == !d.ef1);
  RC_ASSERT(g.efx_failure.has_value() == !d.efx);
  RC_ASSERT(g.proportionality_failure.has_value() == !d.proportional);
  RC_ASSERT(g.equitability_failure.has_value() == !d.equitable);

  auto envy = [&](int p, int q) { return d.v[at(p)][at(q)] - d.v[at(p)][at(p)]; };
  auto unit_of = [&](int q, int issue) -> std::optional<Unit> {
    for (const Unit& u : d.units[at(q)]) {
      if (u.issue == issue) return u;
    }
    return std::nullopt;
  };
  // The envy left after removing a unit of q's bundle, computed afresh.
  auto left_after = [&](int p, int q, const Unit& u) {
    std::vector<Rational> rest = holdings(s, c, q);
    rest[at(u.issue)] -= u.amount;
    return bundle_value(s, p, rest) - d.v[at(p)][at(p)];
  };
  if (g.envy) {
    const EnvyWitness& w = *g.envy;
    RC_ASSERT(w.envier != w.envied);
    RC_ASSERT(w.by == envy(w.envier, w.envied));
    RC_ASSERT(w.by.sign() > 0);
    for (int p = 0; p < n; ++p) {
      for (int q = 0; q < n; ++q) {
        if (p != q) RC_ASSERT(envy(p, q) <= w.by);  // the largest envy
      }
    }
    bool some_ends = false;
    for (const Unit& u : d.units[at(w.envied)]) some_ends = some_ends || left_after(w.envier, w.envied, u).sign() <= 0;
    RC_ASSERT((w.removable >= 0) == some_ends);
    if (w.removable >= 0) {
      auto u = unit_of(w.envied, w.removable);
      RC_ASSERT(u.has_value());
      RC_ASSERT(left_after(w.envier, w.envied, *u).sign() <= 0);
    }
  }
  // EF1: the most valuable unit removed; EFX: the least valuable positive one.
  for (const bool ef1 : {true, false}) {
    const std::optional<RemovalWitness>& failure = ef1 ? g.ef1_failure : g.efx_failure;
    if (!failure) continue;
    const RemovalWitness& w = *failure;
    RC_ASSERT(w.envier != w.envied);
    RC_ASSERT(envy(w.envier, w.envied).sign() > 0);
    RC_ASSERT(w.remaining.sign() > 0);
    if (w.item < 0) {
      RC_ASSERT(w.remaining == envy(w.envier, w.envied));
      for (const Unit& u : d.units[at(w.envied)]) {
        if (!ef1) RC_ASSERT(d.unit_worth(s, w.envier, u).sign() == 0);
      }
      if (ef1) RC_ASSERT(d.units[at(w.envied)].empty());
    } else {
      auto u = unit_of(w.envied, w.item);
      RC_ASSERT(u.has_value());
      RC_ASSERT(w.remaining == left_after(w.envier, w.envied, *u));
      const Rational worth = d.unit_worth(s, w.envier, *u);
      if (!ef1) RC_ASSERT(worth.sign() > 0);
      for (const Unit& other : d.units[at(w.envied)]) {
        const Rational x = d.unit_worth(s, w.envier, other);
        if (ef1) RC_ASSERT(x <= worth);
        if (!ef1 && x.sign() > 0) RC_ASSERT(worth <= x);
      }
    }
  }
  if (g.proportionality_failure) {
    const ProportionalityWitness& w = *g.proportionality_failure;
    RC_ASSERT(w.value == d.goods_utility[at(w.party)]);
    RC_ASSERT(w.fair_share == d.goods_total[at(w.party)] / Rational(n));
    RC_ASSERT(w.value < w.fair_share);
    for (int p = 0; p < n; ++p) {
      RC_ASSERT(d.goods_total[at(p)] / Rational(n) - d.goods_utility[at(p)] <= w.fair_share - w.value);  // the worst
    }
  }
  if (g.equitability_failure) {
    const EquitabilityWitness& w = *g.equitability_failure;
    auto relative = [&](int p) { return d.goods_utility[at(p)] / d.goods_total[at(p)]; };
    RC_ASSERT(!d.goods_total[at(w.most)].is_zero());
    RC_ASSERT(!d.goods_total[at(w.least)].is_zero());
    RC_ASSERT(w.most_relative == relative(w.most));
    RC_ASSERT(w.least_relative == relative(w.least));
    RC_ASSERT(w.least_relative < w.most_relative);
    for (int p = 0; p < n; ++p) {
      if (d.goods_total[at(p)].is_zero()) continue;
      RC_ASSERT(relative(p) <= w.most_relative);
      RC_ASSERT(w.least_relative <= relative(p));
    }
  }
}

}  // namespace parley::test
