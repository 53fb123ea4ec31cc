#include "parley/fairdiv/methods.h"

#include <optional>
#include <algorithm>
#include <chrono>
#include <numeric>

namespace parley::fairdiv {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

Allocation empty_allocation(const GoodsInstance& g) {
  return Allocation(g.goods.size(), std::vector<int>(at(g.parties), 0));
}

// a/da < b/db, exactly (numerators and denominators below 2^63).
int compare_fractions(std::int64_t a, std::int64_t da, std::int64_t b, std::int64_t db) {
  __int128 l = static_cast<__int128>(a) * db, r = static_cast<__int128>(b) * da;
  return l < r ? -1 : (l > r ? 1 : 0);
}

}  // namespace

Allocation round_robin(const GoodsInstance& g) {
  Allocation a = empty_allocation(g);
  const std::size_t m = g.goods.size();
  std::vector<int> left(m);
  long long total = 0;
  for (std::size_t k = 0; k < m; ++k) total += left[k] = g.goods[k].units;
  // Each party's order of preference over goods (value down, index up), and
  // how far down it has got: goods run out, never come back.
  std::vector<std::vector<std::size_t>> order(at(g.parties));
  std::vector<std::size_t> next(at(g.parties), 0);
  for (int p = 0; p < g.parties; ++p) {
    auto& o = order[at(p)];
    o.resize(m);
    std::iota(o.begin(), o.end(), 0);
    std::stable_sort(o.begin(), o.end(), [&](std::size_t x, std::size_t y) { return g.value[at(p)][x] > g.value[at(p)][y]; });
  }
  for (long long pick = 0; pick < total; ++pick) {
    int p = static_cast<int>(pick % g.parties);
    auto& o = order[at(p)];
    std::size_t& k = next[at(p)];
    while (left[o[k]] == 0) ++k;
    --left[o[k]];
    ++a[o[k]][at(p)];
  }
  return a;
}

Allocation double_round_robin(const GoodsInstance& g) {
  Allocation a = empty_allocation(g);
  const std::size_t m = g.goods.size();
  const int n = g.parties;
  // The units nobody wants (worth <= 0 to every party), then the others.
  std::vector<int> chores(m, 0), goods(m, 0);
  long long chore_units = 0, good_units = 0;
  for (std::size_t k = 0; k < m; ++k) {
    bool wanted = false;
    for (int p = 0; p < n; ++p) wanted = wanted || g.value[at(p)][k] > 0;
    (wanted ? goods : chores)[k] = g.goods[k].units;
    (wanted ? good_units : chore_units) += g.goods[k].units;
  }
  // Phase 1: the chores in order 0, 1, ..., n-1, as if padded with dummy
  // chores (worth 0 to all) up to a multiple of n; dummies are taken first
  // (nothing is worth more than them), so the first `dummies` turns take
  // nothing, and party n-1 makes the last pick.
  const long long dummies = (n - chore_units % n) % n;
  for (long long turn = dummies; turn < dummies + chore_units; ++turn) {
    const int p = static_cast<int>(turn % n);
    std::size_t best = m;
    for (std::size_t k = 0; k < m; ++k) {
      if (chores[k] > 0 && (best == m || g.value[at(p)][k] > g.value[at(p)][best])) best = k;
    }
    --chores[best];
    ++a[best][at(p)];
  }
  // Phase 2: the rest in reverse order n-1, ..., 0; a party takes its best
  // remaining unit only when that is worth more than nothing to it, and
  // passes otherwise (each unit here is wanted by somebody, so it goes).
  for (long long turn = 0; good_units > 0; ++turn) {
    const int p = n - 1 - static_cast<int>(turn % n);
    std::size_t best = m;
    for (std::size_t k = 0; k < m; ++k) {
      if (goods[k] > 0 && (best == m || g.value[at(p)][k] > g.value[at(p)][best])) best = k;
    }
    if (g.value[at(p)][best] <= 0) continue;
    --goods[best];
    --good_units;
    ++a[best][at(p)];
  }
  return a;
}

Allocation envy_cycle(const GoodsInstance& g) {
  const std::size_t n = at(g.parties), m = g.goods.size();
  // Bundles are numbered; holder[p] is the bundle p holds. worth[p][b] = v_p(bundle b).
  std::vector<std::vector<int>> bundle(n, std::vector<int>(m, 0));  // [b][good] units
  std::vector<std::size_t> holder(n);
  std::iota(holder.begin(), holder.end(), 0);
  std::vector<std::vector<std::int64_t>> worth(n, std::vector<std::int64_t>(n, 0));
  auto envies = [&](std::size_t p, std::size_t q) { return worth[p][holder[q]] > worth[p][holder[p]]; };
  for (std::size_t k = 0; k < m; ++k) {
    for (int unit = 0; unit < g.goods[k].units; ++unit) {
      for (;;) {
        std::size_t free = n;
        for (std::size_t q = 0; q < n && free == n; ++q) {
          bool envied = false;
          for (std::size_t p = 0; p < n && !envied; ++p) envied = p != q && envies(p, q);
          if (!envied) free = q;
        }
        if (free < n) {
          std::size_t b = holder[free];
          ++bundle[b][k];
          for (std::size_t p = 0; p < n; ++p) worth[p][b] += g.value[p][k];
          break;
        }
        // Everybody is envied: walking from party 0 to the lowest-index party
        // that envies the current one never gets stuck, so it repeats a party,
        // and that loop is a cycle in which cycle[j + 1] envies cycle[j].
        std::vector<int> seen(n, -1);
        std::vector<std::size_t> path;
        std::size_t p = 0;
        while (seen[p] < 0) {
          seen[p] = static_cast<int>(path.size());
          path.push_back(p);
          std::size_t q = 0;
          while (q == p || !envies(q, p)) ++q;
          p = q;
        }
        std::vector<std::size_t> cycle(path.begin() + seen[p], path.end());
        // Each party on the cycle takes the bundle of the party it envies:
        // every one of them gains, so this ends.
        std::vector<std::size_t> taken(cycle.size());
        for (std::size_t j = 0; j < cycle.size(); ++j) taken[j] = holder[cycle[(j + cycle.size() - 1) % cycle.size()]];
        for (std::size_t j = 0; j < cycle.size(); ++j) holder[cycle[j]] = taken[j];
      }
    }
  }
  Allocation a = empty_allocation(g);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t k = 0; k < m; ++k) a[k][p] = bundle[holder[p]][k];
  }
  return a;
}

AdjustedWinner adjusted_winner(const GoodsInstance& g) {
  const std::size_t m = g.goods.size();
  AdjustedWinner r;
  r.allocation = empty_allocation(g);
  const bool scenario = !g.goods_total.empty();
  std::int64_t gb[2], tot[2];
  for (std::size_t p = 0; p < 2; ++p) {
    gb[p] = scenario ? g.goods_base[p] : g.base[p];
    tot[p] = scenario ? g.goods_total[p] : g.denominator[p];
  }
  // Whole-good values (a share counted whole).
  std::vector<std::int64_t> w[2];
  for (std::size_t p = 0; p < 2; ++p) {
    for (std::size_t k = 0; k < m; ++k) w[p].push_back(g.value[p][k] * g.goods[k].units);
  }
  auto points_of = [&](std::size_t p, std::int64_t held) {
    return tot[p] == 0 ? Rational(0) : Rational(gb[p] + held, tot[p]);
  };
  std::int64_t held[2] = {0, 0};
  std::vector<int> owner(m, -1);
  auto give = [&](std::size_t k, int p) {
    owner[k] = p;
    held[p] += w[at(p)][k];
  };
  // A party whose goods are worth nothing to it has no points to equalise:
  // every good goes to the other party, and nothing is divided.
  std::vector<std::size_t> tied;
  for (std::size_t k = 0; k < m; ++k) {
    int c = (tot[0] == 0 || tot[1] == 0) ? (tot[0] == 0 ? -1 : 1) : compare_fractions(w[0][k], tot[0], w[1][k], tot[1]);
    if (c > 0) give(k, 0);
    else if (c < 0) give(k, 1);
    else tied.push_back(k);
  }
  for (std::size_t k : tied) give(k, points_of(1, held[1]) < points_of(0, held[0]) ? 1 : 0);
  for (std::size_t k = 0; k < m; ++k) r.allocation[k][at(owner[k])] = g.goods[k].units;

  Rational e[2] = {points_of(0, held[0]), points_of(1, held[1])};
  r.initial_points = {e[0], e[1]};
  if (tot[0] != 0 && tot[1] != 0 && e[0] != e[1]) {
    const int lead = e[0] > e[1] ? 0 : 1, other = 1 - lead;
    r.ahead = lead;
    std::vector<std::size_t> cand;
    for (std::size_t k = 0; k < m; ++k) {
      if (owner[k] == lead && w[at(other)][k] > 0) cand.push_back(k);
    }
    // Increasing ratio lead/other (the totals cancel), ties in instance order.
    std::stable_sort(cand.begin(), cand.end(), [&](std::size_t x, std::size_t y) {
      return static_cast<__int128>(w[at(lead)][x]) * w[at(other)][y] < static_cast<__int128>(w[at(lead)][y]) * w[at(other)][x];
    });
    r.level = false;
    for (std::size_t k : cand) {
      Rational lose(w[at(lead)][k], tot[lead]), gain(w[at(other)][k], tot[other]);
      Rational after_lead = e[lead] - lose, after_other = e[other] + gain;
      if (after_lead >= after_other) {
        r.allocation[k][at(lead)] = 0;
        r.allocation[k][at(other)] = g.goods[k].units;
        r.handed.push_back(static_cast<int>(k));
        e[lead] = after_lead;
        e[other] = after_other;
        if (after_lead == after_other) {
          r.level = true;
          break;
        }
        continue;
      }
      // Divide k: the other party takes t of it, t = (E_lead - E_other) / (lose + gain).
      Rational t = (e[lead] - e[other]) / (lose + gain);
      r.split = static_cast<int>(k);
      r.fractions.assign(2, 0);
      r.fractions[at(other)] = t;
      r.fractions[at(lead)] = Rational(1) - t;
      e[lead] -= t * lose;
      e[other] += t * gain;
      r.level = true;
      break;
    }
  }
  r.points = {e[0], e[1]};
  return r;
}

int leximin_compare(std::vector<Rational> a, std::vector<Rational> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) {
    if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

namespace {

// Leximin branch and bound. Slots are the items and the units of the shares,
// placed in decreasing order of their largest utility to anybody (units of a
// share together, handed out in non-decreasing party order: they are alike).
class LeximinSearch {
 public:
  LeximinSearch(const GoodsInstance& g, const LeximinOptions& o) : g_(g), n_(at(g.parties)) {
    if (o.time_limit > 0) {
      deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                           std::chrono::duration<double>(o.time_limit));
      timed_ = true;
    }
    std::vector<std::size_t> goods(g.goods.size());
    std::iota(goods.begin(), goods.end(), 0);
    auto top = [&](std::size_t k) {
      double best = 0;
      for (std::size_t p = 0; p < n_; ++p) best = std::max(best, double(g.value[p][k]) / double(g.denominator[p]));
      return best;
    };
    std::stable_sort(goods.begin(), goods.end(), [&](std::size_t x, std::size_t y) { return top(x) > top(y); });
    for (std::size_t k : goods) {
      for (int u = 0; u < g.goods[k].units; ++u) slots_.push_back({k, u > 0});
    }
    const std::size_t s = slots_.size();
    // rest_[j][p]: what slots j.. are worth to p; top_rest_[j]: sum of their best normalised worths.
    rest_.assign(s + 1, std::vector<std::int64_t>(n_, 0));
    for (std::size_t j = s; j-- > 0;) {
      for (std::size_t p = 0; p < n_; ++p) rest_[j][p] = rest_[j + 1][p] + g.value[p][slots_[j].good];
    }
    cur_.resize(n_);
    for (std::size_t p = 0; p < n_; ++p) cur_[p] = g.base[p];
    choice_.assign(s, 0);
  }

  LeximinResult run() {
    LeximinResult r;
    r.min_bound = min_bound(0);
    dfs();
    r.optimal = !stopped_;
    r.nodes = nodes_;
    r.allocation = Allocation(g_.goods.size(), std::vector<int>(n_, 0));
    for (std::size_t j = 0; j < slots_.size(); ++j) ++r.allocation[slots_[j].good][best_choice_[j]];
    return r;
  }

 private:
  struct Slot {
    std::size_t good;
    bool repeat;  // another unit of the same share as the slot before
  };

  bool less_u(std::size_t p, std::int64_t a, std::size_t q, std::int64_t b) const {
    return compare_fractions(a, g_.denominator[p], b, g_.denominator[q]) < 0;
  }

  // Parties sorted by the given numerators, exactly.
  std::vector<std::size_t> sorted(const std::vector<std::int64_t>& v) const {
    std::vector<std::size_t> o(n_);
    std::iota(o.begin(), o.end(), 0);
    std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return less_u(a, v[a], b, v[b]); });
    return o;
  }

  // <0, 0, >0: leximin comparison of two numerator vectors.
  int compare(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) const {
    auto oa = sorted(a), ob = sorted(b);
    for (std::size_t k = 0; k < n_; ++k) {
      int c = compare_fractions(a[oa[k]], g_.denominator[oa[k]], b[ob[k]], g_.denominator[ob[k]]);
      if (c != 0) return c;
    }
    return 0;
  }

  // An upper bound on the worst-off utility from here: for weights lambda
  // summing to 1, min_p U_p <= sum_p lambda_p U_p <= sum_p lambda_p cur_p +
  // sum over slots of max_p lambda_p v_p. Two choices of lambda: equal, and
  // inversely proportional to what each party could still reach.
  double min_bound(std::size_t j) const {
    double best = 1e300;
    std::vector<double> lambda(n_);
    for (int variant = 0; variant < 2; ++variant) {
      double sum = 0;
      for (std::size_t p = 0; p < n_; ++p) {
        double reach = double(cur_[p] + rest_[j][p]) / double(g_.denominator[p]);
        lambda[p] = variant == 0 ? 1.0 : 1.0 / std::max(reach, 1e-12);
        sum += lambda[p];
      }
      double b = 0;
      for (std::size_t p = 0; p < n_; ++p) {
        lambda[p] /= sum;
        b += lambda[p] * double(cur_[p]) / double(g_.denominator[p]);
      }
      for (std::size_t k = j; k < slots_.size(); ++k) {
        double top = 0;
        for (std::size_t p = 0; p < n_; ++p) top = std::max(top, lambda[p] * double(g_.value[p][slots_[k].good]) / double(g_.denominator[p]));
        b += top;
      }
      best = std::min(best, b);
    }
    return best * (1 + 1e-9) + 1e-300;  // rounding: never cut what might tie or win
  }

  // One node: slot j's good goes to each party in `who` in turn; `placed`
  // is the one holding it now (none: npos).
  struct Frame {
    std::size_t j;
    std::vector<std::size_t> who;
    std::size_t next = 0;
    std::size_t placed = kNone;
  };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // Enters the node for slot j: a frame to push, or nothing at a leaf, when
  // pruned or stopped.
  std::optional<Frame> enter(std::size_t j) {
    if (stopped_) return std::nullopt;
    if ((++nodes_ & 1023) == 0 && timed_ && !best_.empty() && std::chrono::steady_clock::now() > deadline_) {
      stopped_ = true;
      return std::nullopt;
    }
    if (j == slots_.size()) {
      if (best_.empty() || compare(cur_, best_) > 0) {
        best_ = cur_;
        best_choice_ = choice_;
      }
      return std::nullopt;
    }
    if (!best_.empty()) {
      // Nobody can end above cur + rest, so the sorted optimistic vector caps
      // the sorted final one component by component.
      std::vector<std::int64_t> opt(n_);
      for (std::size_t p = 0; p < n_; ++p) opt[p] = cur_[p] + rest_[j][p];
      if (compare(opt, best_) <= 0) return std::nullopt;
      if (n_ > 1) {
        auto ob = sorted(best_);
        double worst = double(best_[ob[0]]) / double(g_.denominator[ob[0]]);
        if (min_bound(j) < worst) return std::nullopt;
      }
    }
    const Slot& slot = slots_[j];
    const std::size_t k = slot.good;
    // Who may take it: parties that value it (giving a good to a party that
    // does not value it never helps anybody), poorest first.
    Frame f{j, {}};
    std::size_t from = slot.repeat ? choice_[j - 1] : 0;
    for (std::size_t p = from; p < n_; ++p) {
      if (g_.value[p][k] > 0) f.who.push_back(p);
    }
    if (f.who.empty()) f.who.push_back(slot.repeat ? from : 0);
    std::stable_sort(f.who.begin(), f.who.end(), [&](std::size_t a, std::size_t b) { return less_u(a, cur_[a], b, cur_[b]); });
    return f;
  }

  // Depth-first with an explicit stack: the depth is the number of goods
  // (a recursive search overflowed the call stack at 50,000 items).
  void dfs() {
    std::vector<Frame> stack;
    if (auto root = enter(0)) stack.push_back(std::move(*root));
    while (!stack.empty()) {
      Frame& f = stack.back();
      const std::size_t k = slots_[f.j].good;
      if (f.placed != kNone) {
        cur_[f.placed] -= g_.value[f.placed][k];
        f.placed = kNone;
        if (stopped_) return;
      }
      if (f.next == f.who.size()) {
        stack.pop_back();
        continue;
      }
      f.placed = f.who[f.next++];
      choice_[f.j] = f.placed;
      cur_[f.placed] += g_.value[f.placed][k];
      const std::size_t child = f.j + 1;
      if (auto next = enter(child)) stack.push_back(std::move(*next));  // f may dangle from here
    }
  }

  const GoodsInstance& g_;
  std::size_t n_;
  std::vector<Slot> slots_;
  std::vector<std::vector<std::int64_t>> rest_;
  std::vector<std::int64_t> cur_, best_;
  std::vector<std::size_t> choice_, best_choice_;
  long long nodes_ = 0;
  bool stopped_ = false, timed_ = false;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

LeximinResult leximin(const GoodsInstance& g, const LeximinOptions& options) {
  return LeximinSearch(g, options).run();
}

}  // namespace parley::fairdiv
