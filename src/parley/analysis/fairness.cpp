#include "parley/analysis/fairness.h"

#include "parley/core/common_denominator.h"
#include "parley/core/number_text.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace parley {

namespace {

// p's value of holding item i alone: w_pi * own_pi, as written: a debt
// (negative weight) is worth less than nothing to its holder.
Rational item_worth(const Utilities& u, int p, int i) {
  const Rational& w = u.weight(p, i);
  if (w.is_zero()) return 0;
  const Rational worth = w * u.prefs(p).issues[static_cast<std::size_t>(i)].holder.own;
  return u.is_debt(p, i) ? -worth : worth;
}

// ---- maximin share ------------------------------------------------------
//
// Exact integer branch and bound over p's worths scaled to one denominator.
// Items (and units of every share but one) are placed largest first, each
// into a bundle of distinct current sum (bundles of equal sum are
// interchangeable); the units of one share, all alike, are poured in last by
// water-filling, which is optimal for identical units (always topping up the
// poorest bundle). Bound: the level the remaining worth would reach poured
// fluidly over the bundles.
class MmsSearch {
 public:
  MmsSearch(int n, std::vector<std::int64_t> seq, std::int64_t last_unit, std::int64_t last_count, long long budget,
            const Deadline& deadline)
      : n_(n), seq_(std::move(seq)), unit_(last_unit), count_(last_count), budget_(budget), deadline_(deadline) {
    std::sort(seq_.begin(), seq_.end(), std::greater<>());
    suffix_.assign(seq_.size() + 1, 0);
    for (std::size_t k = seq_.size(); k-- > 0;) suffix_[k] = suffix_[k + 1] + seq_[k];
    total_ = suffix_[0] + unit_ * count_;
  }

  std::optional<std::int64_t> run() {
    std::vector<std::int64_t> sums(static_cast<std::size_t>(n_), 0);
    cap_ = total_ / n_;
    search(sums);
    if (nodes_ > budget_) return std::nullopt;
    return best_;
  }

 private:
  // The largest integer L with sum_i max(0, L - s_i) <= r.
  static std::int64_t fluid_level(std::vector<std::int64_t> s, std::int64_t r) {
    std::sort(s.begin(), s.end());
    __int128 acc = 0;
    std::int64_t level = s[0];
    for (std::size_t k = 0; k < s.size(); ++k) {
      // Raising the k+1 lowest to s[k+1] (or without limit for the last) costs:
      __int128 room = r - acc;
      std::int64_t width = static_cast<std::int64_t>(k + 1);
      std::int64_t top = s[k] + static_cast<std::int64_t>(room / width);
      if (k + 1 == s.size() || top <= s[k + 1]) return top;
      acc += static_cast<__int128>(s[k + 1] - s[k]) * width;
      level = s[k + 1];
    }
    return level;
  }

  std::int64_t pour(std::vector<std::int64_t> s) const {
    if (count_ == 0 || unit_ == 0) return *std::min_element(s.begin(), s.end());
    std::int64_t level = fluid_level(s, unit_ * count_);
    std::int64_t left = count_;
    for (auto& x : s) {
      if (x < level) {
        std::int64_t k = (level - x) / unit_;
        x += k * unit_;
        left -= k;
      }
    }
    for (; left > 0; --left) *std::min_element(s.begin(), s.end()) += unit_;
    return *std::min_element(s.begin(), s.end());
  }

  // Out of nodes, or (checked every 4096 nodes) out of time: the search
  // stops and run() answers nullopt.
  bool out_of_budget() {
    if (nodes_ > budget_) return true;
    // A node costs a sort of the bundles (256 of them: microseconds), so 4096
    // nodes can take tens of milliseconds; the first node reads the clock too.
    if ((nodes_ & 0xFFF) == 1 && deadline_.expired()) budget_ = nodes_ - 1;  // stop from here on
    return nodes_ > budget_;
  }

  // One node of the search: item k is being placed into the bundles in
  // `order` (poorest first), the j-th tried next; `placed` is the bundle
  // holding it now, -1 when none.
  struct Frame {
    std::size_t k;
    std::vector<int> order;
    std::size_t j = 0;
    int placed = -1;
  };

  // Enters the node that places item k, counting it. Answers the frame to
  // push, or nothing when the node is a leaf, pruned or out of budget.
  std::optional<Frame> enter(std::size_t k, const std::vector<std::int64_t>& sums) {
    ++nodes_;
    if (out_of_budget() || best_ >= cap_) return std::nullopt;
    if (k == seq_.size()) {
      best_ = std::max(best_, pour(sums));
      return std::nullopt;
    }
    if (fluid_level(sums, suffix_[k] + unit_ * count_) <= best_) return std::nullopt;
    // Poorest bundles first: the usual largest-first, poorest-bundle heuristic
    // is the first leaf, a good incumbent.
    Frame f{k, std::vector<int>(static_cast<std::size_t>(n_))};
    std::iota(f.order.begin(), f.order.end(), 0);
    std::stable_sort(f.order.begin(), f.order.end(), [&](int a, int b) { return sums[a] < sums[b]; });
    return f;
  }

  // Depth-first branch and bound with an explicit stack: the depth is the
  // number of items, which may be 100,000 (a recursive search overflowed the
  // call stack at about 50,000).
  void search(std::vector<std::int64_t>& sums) {
    std::vector<Frame> stack;
    if (auto root = enter(0, sums)) stack.push_back(std::move(*root));
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.placed >= 0) {
        sums[static_cast<std::size_t>(f.placed)] -= seq_[f.k];
        f.placed = -1;
        if (nodes_ > budget_) return;
      }
      // Bundles of equal sum are interchangeable: try one of them.
      while (f.j < f.order.size() && f.j > 0 &&
             sums[static_cast<std::size_t>(f.order[f.j])] == sums[static_cast<std::size_t>(f.order[f.j - 1])])
        ++f.j;
      if (f.j == f.order.size()) {
        stack.pop_back();
        continue;
      }
      f.placed = f.order[f.j++];
      sums[static_cast<std::size_t>(f.placed)] += seq_[f.k];
      std::size_t next = f.k + 1;
      if (auto child = enter(next, sums)) stack.push_back(std::move(*child));  // f may dangle from here
    }
  }

  int n_;
  std::vector<std::int64_t> seq_, suffix_;
  std::int64_t unit_, count_, total_ = 0, cap_ = 0, best_ = 0;
  long long budget_, nodes_ = 0;
  Deadline deadline_;
};


// What the maximin shares depend on: the goods issues' kinds and steps and each
// party's normalised weights and own values for them.
std::string mms_key(const Utilities& u) {
  const Scenario& s = u.scenario();
  std::string key = std::to_string(s.parties.size());
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    if (!is.is_goods()) continue;
    key += is.is_holding() ? "|i" : "|s" + is.step.str();
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      key += ":" + (is.is_holding() ? item_worth(u, static_cast<int>(p), static_cast<int>(i))
                                     : u.weight(static_cast<int>(p), static_cast<int>(i)))
                       .str();
    }
  }
  return key;
}

// Every party's maximin share, empty when one passes the budget. MMS depends
// on the scenario only, not on the outcome, while assess_goods() is called
// for many outcomes of one scenario (frontiers, solvers): the answers are
// kept in a small per-thread cache keyed by what they depend on.
std::vector<Rational> all_maximin_shares(const Utilities& u, const Deadline& deadline) {
  // Out of time already: not even the key (parties x goods exact numbers
  // written out) is made.
  if (deadline.expired()) return {};
  thread_local std::map<std::string, std::vector<Rational>> cache;
  std::string key = mms_key(u);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::vector<Rational> mms;
  for (int p = 0; p < static_cast<int>(u.parties()); ++p) {
    // Each party's search starts by scaling all its worths exactly: the clock
    // is read between parties too, not only inside the search.
    if (deadline.expired()) return {};
    std::optional<Rational> v = maximin_share(u, p, kMmsBudget, deadline);
    if (!v) {
      // Stopped by the clock: another call with more time may finish, so
      // nothing is remembered. Stopped by the node budget: that is final.
      if (deadline.expired()) return {};
      mms.clear();
      break;
    }
    mms.push_back(*v);
  }
  if (cache.size() >= 64) cache.clear();
  cache.emplace(std::move(key), mms);
  return mms;
}

GoodsReport assess(const Utilities& u, const Outcome& o, const FractionalItem* split, const Deadline& deadline) {
  const Scenario& s = u.scenario();
  const int n = static_cast<int>(s.parties.size());
  GoodsReport r;
  std::vector<int> goods;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].is_goods()) goods.push_back(static_cast<int>(i));
  }
  r.applicable = !goods.empty();
  if (!r.applicable) return r;

  // held[q]: the items q holds alone, with the fraction held (1 but for a split item).
  std::vector<std::vector<std::pair<int, Rational>>> held(static_cast<std::size_t>(n));
  for (int i : goods) {
    if (!s.issues[static_cast<std::size_t>(i)].is_holding()) continue;
    if (split && split->issue == i) {
      for (int q = 0; q < n; ++q) {
        const Rational& f = split->fractions[static_cast<std::size_t>(q)];
        if (f.sign() > 0) held[static_cast<std::size_t>(q)].emplace_back(i, f);
      }
      continue;
    }
    Holder h = o[static_cast<std::size_t>(i)].holder;
    if (h >= 0) held[static_cast<std::size_t>(h)].emplace_back(i, Rational(1));
  }
  // Each party's values are summed in its weights as written (times the sign
  // of their sum), which is its normalised values times a positive constant
  // |T|, and divided by |T| once at the end. Normalised weights carry the
  // weights' sum as denominator into every exact sum: on 256 parties x 3,900
  // items that alone took seconds; weights as written are mostly integers.
  // Weights keep their sign: a debt is worth less than nothing to its holder
  // (the mixed goods-and-chores definitions), and the scale, a sum of
  // absolute values, is positive.
  std::vector<Rational> scale(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) scale[static_cast<std::size_t>(p)] = u.scale(p);
  auto weight = [&](int p, int i) -> const Rational& { return u.prefs(p).issues[static_cast<std::size_t>(i)].weight; };
  auto own_worth = [&](int p, int i) {
    Rational w = weight(p, i);
    const Rational& own = u.prefs(p).issues[static_cast<std::size_t>(i)].holder.own;
    return w.is_zero() || own == 1 ? w : w * own;
  };
  auto worth = [&](int p, const std::pair<int, Rational>& it) {
    Rational w = own_worth(p, it.first);
    return it.second == 1 ? w : w * it.second;
  };
  // units[q]: what EF1 and EFX may remove from X_q, as (issue, amount): the
  // items of held[q], and one step of each share q has some of (what q has
  // when that is less: Adjusted Winner's exact fractions may be off the grid).
  // A share can only be divided on its grid, so its step is as indivisible as
  // an item; and round robin and envy cycle, which hand out shares step by
  // step, guarantee EF1 in exactly this sense.
  std::vector<std::vector<std::pair<int, Rational>>> units = held;
  for (int i : goods) {
    const Issue& is = s.issues[static_cast<std::size_t>(i)];
    if (is.is_holding()) continue;
    for (int q = 0; q < n; ++q) {
      const Rational& x = o[static_cast<std::size_t>(i)].shares[static_cast<std::size_t>(q)];
      if (x.sign() > 0) units[static_cast<std::size_t>(q)].emplace_back(i, std::min(x, is.step));
    }
  }
  auto unit_worth = [&](int p, const std::pair<int, Rational>& it) {
    if (s.issues[static_cast<std::size_t>(it.first)].is_holding()) return worth(p, it);
    return weight(p, it.first) * it.second;
  };
  r.bundle_values.assign(static_cast<std::size_t>(n), std::vector<Rational>(static_cast<std::size_t>(n)));
  r.goods_utility.resize(static_cast<std::size_t>(n));
  r.goods_total.resize(static_cast<std::size_t>(n));
  // Scaled as above until the end of the loop over p.
  for (int p = 0; p < n; ++p) {
    auto pp = static_cast<std::size_t>(p);
    for (int i : goods) {
      const bool holding = s.issues[static_cast<std::size_t>(i)].is_holding();
      const Rational w = weight(p, i);
      if (w.is_zero()) continue;
      if (split && split->issue == i) {
        const HolderValues& hv = u.prefs(p).issues[static_cast<std::size_t>(i)].holder;
        const Rational& f = split->fractions[pp];
        r.goods_utility[pp] += w * (f * hv.own + (Rational(1) - f) * hv.other);
      } else {
        r.goods_utility[pp] += w * u.value_as_written(p, i, o[static_cast<std::size_t>(i)]);
      }
      r.goods_total[pp] += holding ? own_worth(p, i) : w;
      if (!holding) {
        const std::vector<Rational>& fractions = o[static_cast<std::size_t>(i)].shares;
        for (int q = 0; q < n; ++q) {
          const Rational& fraction = fractions[static_cast<std::size_t>(q)];
          // A party with none of the share gets nothing from it and bundle
          // values start at 0, so skipping changes no result; it spares a
          // Rational multiplication and addition (each reducing by a gcd) for
          // every party without a stake, most of them when a share goes to one.
          if (fraction.is_zero()) continue;
          r.bundle_values[pp][static_cast<std::size_t>(q)] += w * fraction;
        }
      }
    }
    for (int q = 0; q < n; ++q) {
      for (const auto& it : held[static_cast<std::size_t>(q)]) r.bundle_values[pp][static_cast<std::size_t>(q)] += worth(p, it);
    }

    // Envy of p (on p's scale; the witnesses, compared across parties, divided back).
    const auto& row = r.bundle_values[pp];
    for (int q = 0; q < n; ++q) {
      if (p == q) continue;
      Rational envy = row[static_cast<std::size_t>(q)] - row[pp];
      if (envy.sign() <= 0) continue;
      // Envy: find the most valuable unit of X_q (for EF1) and the least
      // valuable one p values above 0 (for EFX).
      int best = -1;
      int least = -1;
      Rational best_worth, least_worth;
      for (const auto& it : units[static_cast<std::size_t>(q)]) {
        Rational w = unit_worth(p, it);
        if (best < 0 || w > best_worth) {
          best = it.first;
          best_worth = w;
        }
        if (w.sign() > 0 && (least < 0 || w < least_worth)) {
          least = it.first;
          least_worth = w;
        }
      }
      // Mixed goods and chores (Aziz, Caragiannis, Igarashi and Walsh 2019):
      // p may instead drop one chore of its own bundle, which gains p what
      // the chore costs it; EFX then needs every such drop to end the envy.
      for (const auto& it : units[pp]) {
        Rational gain = -unit_worth(p, it);
        if (gain.sign() <= 0) continue;
        if (best < 0 || gain > best_worth) {
          best = it.first;
          best_worth = gain;
        }
        if (least < 0 || gain < least_worth) {
          least = it.first;
          least_worth = gain;
        }
      }
      const Rational& sc = scale[pp];
      const bool fixed_by_one = best >= 0 && envy <= best_worth;
      const Rational by = envy / sc;
      if (r.envy_free || by > r.envy->by) r.envy = EnvyWitness{p, q, by, fixed_by_one ? best : -1};
      r.envy_free = false;
      if (!fixed_by_one) {
        Rational left = (best >= 0 ? envy - best_worth : envy) / sc;
        if (r.ef1 || left > r.ef1_failure->remaining) r.ef1_failure = RemovalWitness{p, q, best, left};
        r.ef1 = false;
      }
      const bool efx_holds = least >= 0 && envy <= least_worth;
      if (!efx_holds) {
        Rational left = (least >= 0 ? envy - least_worth : envy) / sc;
        if (r.efx || left > r.efx_failure->remaining) r.efx_failure = RemovalWitness{p, q, least, left};
        r.efx = false;
      }
    }
    for (Rational& x : r.bundle_values[pp]) x /= scale[pp];
    r.goods_utility[pp] /= scale[pp];
    r.goods_total[pp] /= scale[pp];
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

  // Maximin share: every party's, or none (unknown) if one passes the budget.
  std::vector<Rational> mms = all_maximin_shares(u, deadline);
  if (!mms.empty()) {
    r.mms_values = mms;
    for (int p = 0; p < n; ++p) {
      auto pp = static_cast<std::size_t>(p);
      if (mms[pp].is_zero()) {
        r.mms_fractions.push_back(std::nullopt);
        continue;
      }
      Rational f = r.bundle_values[pp][pp] / mms[pp];
      r.mms_fractions.push_back(f);
      if (f < 1 && (r.mms || f < r.mms_failure->fraction)) {
        r.mms = false;
        r.mms_failure = MmsWitness{p, r.bundle_values[pp][pp], mms[pp], f};
      }
    }
  }
  return r;
}

}  // namespace

std::optional<Rational> maximin_share(const Utilities& u, int p, long long budget, const Deadline& deadline) {
  const Scenario& s = u.scenario();
  const int n = static_cast<int>(s.parties.size());
  // Exact worths on one denominator.
  CommonDenominator lcm;
  std::vector<Rational> items;
  std::vector<std::pair<Rational, std::int64_t>> shares;  // (unit worth, units)
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    if (!is.is_goods()) continue;
    if (is.is_holding()) {
      Rational w = item_worth(u, p, static_cast<int>(i));
      // The search cuts goods only; with a debt or burden the maximin share
      // is left unknown rather than computed as if the debt were not there.
      if (w.sign() < 0) return std::nullopt;
      if (w.sign() > 0) items.push_back(w);
    } else if (!u.weight(p, static_cast<int>(i)).is_zero()) {
      Rational units = Rational(1) / is.step;
      if (units.is_big() || units.small_numerator() > 10'000'000) return std::nullopt;
      shares.emplace_back(u.weight(p, static_cast<int>(i)) * is.step, units.small_numerator());
    }
  }
  for (const Rational& w : items) {
    if (!lcm.include(w)) return std::nullopt;
  }
  for (const auto& [w, k] : shares) {
    if (!lcm.include(w)) return std::nullopt;
  }
  auto scale = [&](const Rational& w) { return lcm.scale(w); };
  std::vector<std::int64_t> seq;
  for (const Rational& w : items) seq.push_back(scale(w));
  // The share with the smallest unit is poured last; the others' units are placed one by one.
  std::sort(shares.begin(), shares.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::int64_t last_unit = 0, last_count = 0;
  for (std::size_t j = 0; j < shares.size(); ++j) {
    if (j + 1 == shares.size()) {
      last_unit = scale(shares[j].first);
      last_count = shares[j].second;
    } else {
      if (shares[j].second > 100'000) return std::nullopt;
      for (std::int64_t k = 0; k < shares[j].second; ++k) seq.push_back(scale(shares[j].first));
    }
  }
  std::optional<std::int64_t> best = MmsSearch(n, std::move(seq), last_unit, last_count, budget, deadline).run();
  if (!best) return std::nullopt;
  return Rational(*best, lcm.value());
}

GoodsReport assess_goods(const Utilities& u, const Outcome& o, const Deadline& deadline) {
  return assess(u, o, nullptr, deadline);
}

GoodsReport assess_goods(const Utilities& u, const Outcome& o, const FractionalItem& split, const Deadline& deadline) {
  return assess(u, o, &split, deadline);
}

std::vector<std::string> describe_goods(const Scenario& s, const GoodsReport& g) {
  Glossary words(s.parties.size());
  return describe_goods(s, g, words);
}

std::vector<std::string> describe_goods(const Scenario& s, const GoodsReport& g, Glossary& words) {
  std::vector<std::string> out;
  if (!g.applicable) return out;
  // Sentences name the parties and the issues as the scenario does.
  auto who = [&](int p) { return s.party_name(p); };
  auto what = [&](int i) { return s.issue_name(i); };
  // A removed unit: an item, or one step of a share.
  auto unit = [&](int i) {
    return s.issues[static_cast<std::size_t>(i)].is_holding() ? what(i) : "one step of " + what(i);
  };
  // A share of what all the goods are worth to p.
  auto of_total = [&](int p, const Rational& part) {
    const Rational& total = g.goods_total[static_cast<std::size_t>(p)];
    return total.is_zero() ? Rational(0) : part / total;
  };
  // With a debt, the mixed definitions: a burden may leave the envier's own bundle instead.
  bool debts = false;
  for (const auto& prefs : s.preferences) {
    for (const IssuePreference& ip : prefs->issues) debts = debts || ip.weight.sign() < 0;
  }
  const std::string or_burden = debts ? ", or one debt or burden from the envious party's own" : "";
  if (g.envy_free) {
    out.push_back("Envy-free: every party values their own bundle at least as much as anyone else's.");
  } else if (g.ef1) {
    out.push_back("Not envy-free, but " + words.say(Term::ef1) + ": " + who(g.envy->envier) + " values " +
                  who(g.envy->envied) + "'s bundle more than their own, and that envy ends when one item (or one "
                  "step of a share) is taken from " + who(g.envy->envied) + "'s bundle" + or_burden + ".");
  } else {
    const RemovalWitness& w = *g.ef1_failure;
    out.push_back("Not " + words.say(Term::ef1) + ": " + who(w.envier) + " still envies " + who(w.envied) +
                  (w.item >= 0 ? " after " + unit(w.item) + " is taken from " + who(w.envied) + "'s bundle."
                               : ", and taking no single item away helps."));
  }
  if (!g.envy_free && g.efx) {
    out.push_back("The division is also " + words.say(Term::efx) +
                  (debts ? ", counting a debt or burden taken from the envious party's own bundle as well" : "") + ".");
  }
  if (g.proportional) {
    // The sentence is the definition: the gloss in brackets would repeat it.
    words.say(Term::proportional);
    out.push_back("Proportional: " + words.clause(Term::proportional) + ".");
  } else {
    const auto& w = *g.proportionality_failure;
    const Rational got = of_total(w.party, w.value), fair = of_total(w.party, w.fair_share);
    out.push_back("Not " + words.say(Term::proportional) + ": " + who(w.party) + " gets " +
                  percent_beside(got, fair) + " of what all the goods are worth to them, below their fair share of " +
                  percent_beside(fair, got) + ".");
  }
  if (g.mms_known()) {
    if (g.mms) {
      out.push_back("Every party gets at least their " + words.say(Term::mms) + ".");
    } else {
      const auto& w = *g.mms_failure;
      out.push_back("Not every party gets their " + words.say(Term::mms) + ": " + who(w.party) + " gets " +
                    percent_beside(w.fraction, 1) + " of theirs.");
    }
  }
  if (g.equitable) {
    out.push_back("Equitable: every party gets the same share of what all the goods are worth to them.");
  } else {
    const auto& w = *g.equitability_failure;
    out.push_back("Not equitable: " + who(w.most) + " gets " + percent_beside(w.most_relative, w.least_relative) +
                  " of what all the goods are worth to them, " + who(w.least) + " " +
                  percent_beside(w.least_relative, w.most_relative) + ".");
  }
  return out;
}

}  // namespace parley
