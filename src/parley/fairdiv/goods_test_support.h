// Test helpers for fair division: scenarios built from integer weights, and
// brute force over every allocation of a small goods instance.
//
//   Scenario s = goods_scenario({{50, 20}, {40, 30}}, {1, 1});   // 2 parties, 2 items
//   for_each_allocation(instance, [&](const Allocation& a) { ... });
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "parley/fairdiv/goods.h"

namespace parley::fairdiv::test {

// weights[p][g] points; units[g] == 1 for an item, k > 1 for a share of step 1/k.
// Every party must have some positive weight. Items take the default values (own 1, other 0).
inline Scenario goods_scenario(const std::vector<std::vector<int>>& weights, const std::vector<int>& units,
                               const std::vector<std::string>& party_ids = {},
                               const std::vector<std::string>& good_ids = {}) {
  Scenario s;
  for (std::size_t p = 0; p < weights.size(); ++p) {
    s.parties.push_back(Party{p < party_ids.size() ? party_ids[p] : "p" + std::to_string(p), "", ""});
  }
  for (std::size_t g = 0; g < units.size(); ++g) {
    Issue is;
    is.id = g < good_ids.size() ? good_ids[g] : "g" + std::to_string(g);
    is.kind = units[g] == 1 ? IssueKind::item : IssueKind::share;
    is.step = units[g] == 1 ? Rational(0) : Rational(1, units[g]);
    s.issues.push_back(is);
  }
  s.status_quo.assign(units.size(), std::nullopt);
  s.agreed.assign(units.size(), std::nullopt);
  for (const auto& row : weights) {
    Preferences pr;
    for (int w : row) {
      IssuePreference ip;
      ip.weight = w;
      pr.issues.push_back(ip);
    }
    s.preferences.push_back(pr);
  }
  return s;
}

// Calls f with every allocation of g (every split of every good's units).
inline void for_each_allocation(const GoodsInstance& g, const std::function<void(const Allocation&)>& f) {
  Allocation a(g.goods.size(), std::vector<int>(static_cast<std::size_t>(g.parties), 0));
  std::function<void(std::size_t, int, int)> rec = [&](std::size_t k, int p, int left) {
    if (k == g.goods.size()) {
      f(a);
      return;
    }
    if (p == g.parties - 1) {
      a[k][static_cast<std::size_t>(p)] = left;
      rec(k + 1, 0, k + 1 < g.goods.size() ? g.goods[k + 1].units : 0);
      a[k][static_cast<std::size_t>(p)] = 0;
      return;
    }
    for (int x = 0; x <= left; ++x) {
      a[k][static_cast<std::size_t>(p)] = x;
      rec(k, p + 1, left - x);
    }
    a[k][static_cast<std::size_t>(p)] = 0;
  };
  rec(0, 0, g.goods.empty() ? 0 : g.goods[0].units);
}

}  // namespace parley::fairdiv::test
