#include "parley/analysis/fairness.h"

namespace parley {

namespace {

// p's value of holding item i alone: w_pi * own_pi.
Rational item_worth(const Utilities& u, int p, int i) {
  const Rational& w = u.weight(p, i);
  if (w.is_zero()) return 0;
  return w * u.prefs(p).issues[static_cast<std::size_t>(i)].holder.own;
}

}  // namespace

GoodsReport assess_goods(const Utilities& u, const Outcome& o) {
  const Scenario& s = u.scenario();
  const int n = static_cast<int>(s.parties.size());
  GoodsReport r;
  std::vector<int> goods;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].is_goods()) goods.push_back(static_cast<int>(i));
  }
  r.applicable = !goods.empty();
  if (!r.applicable) return r;

  // items[q]: the items q holds alone.
  std::vector<std::vector<int>> items(static_cast<std::size_t>(n));
  for (int i : goods) {
    Holder h = o[static_cast<std::size_t>(i)].holder;
    if (s.issues[static_cast<std::size_t>(i)].is_holding() && h >= 0) items[static_cast<std::size_t>(h)].push_back(i);
  }
  r.bundle_values.assign(static_cast<std::size_t>(n), std::vector<Rational>(static_cast<std::size_t>(n)));
  r.goods_utility.resize(static_cast<std::size_t>(n));
  r.goods_total.resize(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) {
    auto pp = static_cast<std::size_t>(p);
    for (int i : goods) {
      const bool holding = s.issues[static_cast<std::size_t>(i)].is_holding();
      r.goods_utility[pp] += u.contribution(p, i, o[static_cast<std::size_t>(i)]);
      r.goods_total[pp] += holding ? item_worth(u, p, i) : u.weight(p, i);
      if (!holding) {
        const Rational& weight = u.weight(p, i);
        const std::vector<Rational>& fractions = o[static_cast<std::size_t>(i)].shares;
        for (int q = 0; q < n; ++q) {
          const Rational& fraction = fractions[static_cast<std::size_t>(q)];
          // A party with none of the share gets nothing from it and bundle
          // values start at 0, so skipping changes no result; it spares a
          // Rational multiplication and addition (each reducing by a gcd) for
          // every party without a stake, most of them when a share goes to one.
          if (fraction.is_zero()) continue;
          r.bundle_values[pp][static_cast<std::size_t>(q)] += weight * fraction;
        }
      }
    }
    for (int q = 0; q < n; ++q) {
      for (int i : items[static_cast<std::size_t>(q)]) r.bundle_values[pp][static_cast<std::size_t>(q)] += item_worth(u, p, i);
    }
  }

  for (int p = 0; p < n; ++p) {
    const auto& row = r.bundle_values[static_cast<std::size_t>(p)];
    for (int q = 0; q < n; ++q) {
      if (p == q) continue;
      Rational envy = row[static_cast<std::size_t>(q)] - row[static_cast<std::size_t>(p)];
      if (envy.sign() <= 0) continue;
      // Envy: find the most valuable item of X_q (for EF1) and the least
      // valuable one p values above 0 (for EFX).
      int best = -1;
      int least = -1;
      Rational best_worth, least_worth;
      for (int i : items[static_cast<std::size_t>(q)]) {
        Rational w = item_worth(u, p, i);
        if (best < 0 || w > best_worth) {
          best = i;
          best_worth = w;
        }
        if (w.sign() > 0 && (least < 0 || w < least_worth)) {
          least = i;
          least_worth = w;
        }
      }
      const bool fixed_by_one = best >= 0 && envy <= best_worth;
      if (r.envy_free || envy > r.envy->by) {
        r.envy = EnvyWitness{p, q, envy, fixed_by_one ? best : -1};
      }
      r.envy_free = false;
      if (!fixed_by_one) {
        Rational left = best >= 0 ? envy - best_worth : envy;
        if (r.ef1 || left > r.ef1_failure->remaining) r.ef1_failure = RemovalWitness{p, q, best, left};
        r.ef1 = false;
      }
      const bool efx_holds = least >= 0 && envy <= least_worth;
      if (!efx_holds) {
        Rational left = least >= 0 ? envy - least_worth : envy;
        if (r.efx || left > r.efx_failure->remaining) r.efx_failure = RemovalWitness{p, q, least, left};
        r.efx = false;
      }
    }
  }

  Rational parties(static_cast<std::int64_t>(n));
  Rational worst_gap;
  for (int p = 0; p < n; ++p) {
    auto pp = static_cast<std::size_t>(p);
    Rational fair = r.goods_total[pp] / parties;
    Rational gap = fair - r.goods_utility[pp];
    if (gap.sign() > 0 && (r.proportional || gap > worst_gap)) {
      r.proportional = false;
      worst_gap = gap;
      r.proportionality_failure = ProportionalityWitness{p, r.goods_utility[pp], fair};
    }
  }

  std::optional<Rational> hi, lo;
  int most = -1, least = -1;
  for (int p = 0; p < n; ++p) {
    auto pp = static_cast<std::size_t>(p);
    if (r.goods_total[pp].is_zero()) continue;
    Rational rel = r.goods_utility[pp] / r.goods_total[pp];
    if (!hi || rel > *hi) {
      hi = rel;
      most = p;
    }
    if (!lo || rel < *lo) {
      lo = rel;
      least = p;
    }
  }
  if (hi && *hi != *lo) {
    r.equitable = false;
    r.equitability_failure = EquitabilityWitness{most, least, *hi, *lo};
  }
  return r;
}

}  // namespace parley
