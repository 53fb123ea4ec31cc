// Maximum Nash welfare by branch and bound on the Eisenberg-Gale relaxation.
//
// The objective (cli.md, `mnw`): the most parties with positive utility, then
// the largest product of their utilities. Denominators are constant per party,
// so the search works on the integer numerators N_p = base_p + sum units * value.
//
// How it is certified:
//   1. The largest number k* of parties that can be positive together is a
//      maximum bipartite matching (parties with N_p = 0 to goods they value,
//      a good of k units serving up to k parties). Every incumbent has k*.
//      When k* < n the instance splits exactly (max_nash_welfare, below) into
//      an assignment problem and an instance where every party can be
//      positive, which is what Search sees (its k* < n code stays correct,
//      with a weaker bound, for direct use).
//   2. Upper bound at a node: the Eisenberg-Gale convex relaxation, goods
//      divisible, max sum_p log(b_p + sum_g v_pg x_pg). Any prices q > 0 give a
//      valid upper bound through its Lagrangian dual,
//        D(q) = sum_g q_g r_g + sum_p h_p,  r_p = max_g v_pg / q_g,
//        h_p = log r_p - 1 + b_p / r_p  if r_p >= b_p, else log b_p,
//      so prices need not be exact for the bound to hold; they come from
//      proportional response dynamics (the EG market's own tatonnement, warm
//      started from the parent), from the "polished" prices max_p v_pg/u_p, and
//      from exact coordinate descent on the dual in inverse bang-per-buck form
//      (polish()), which closes most of what the dynamics leave open. At the
//      same prices, the Lagrangian bound with integer bundles (dual_integer())
//      is tighter still when parties get few goods each. A node's bound is
//      also at most its parent's.
//      When k* < n the parties left at zero do not count; the bound then uses
//      log(1 + N_p), which is >= 0 and >= log N_p for every integer N_p >= 1.
//   3. A node is pruned only when its bound is below the incumbent's log-sum by
//      more than kTolerance (far above double rounding); leaves are compared in
//      exact integer arithmetic when their log-sums are that close. So the
//      answer is exactly optimal, not optimal up to rounding.
//   4. Branching: goods in a fixed order (single items by root price first,
//      multi-unit shares last), each unit to one party that values it (a unit
//      given to a party that values it at 0 is weakly dominated: giving it to one
//      that values it never lowers the count or the product). Units of one
//      share go to parties in non-decreasing index order (they are identical).
//      When a single good is left, it is divided exactly by the greedy rule for
//      separable concave resource allocation (Gross 1956): each unit to the
//      largest ratio (N_p + v_p) / N_p, compared in 128-bit integers.
#include "parley/fairdiv/mnw.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

namespace parley::fairdiv {

namespace {

using Clock = std::chrono::steady_clock;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

constexpr double kTolerance = 1e-9;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Maximum matching of the parties in `zero` to goods they value, a good serving
// at most capacity[g] parties. Returns the good matched to each party (-1: none).
class Matcher {
 public:
  Matcher(const std::vector<std::vector<int>>& valued, int goods) : valued_(valued), holders_(at(goods)) {}

  int run(const std::vector<int>& zero, const std::vector<int>& capacity, std::vector<int>* good_of = nullptr) {
    for (auto& h : holders_) h.clear();
    capacity_ = &capacity;
    match_.assign(valued_.size(), -1);
    int matched = 0;
    for (int p : zero) {
      seen_.assign(holders_.size(), 0);
      if (augment(p)) ++matched;
    }
    if (good_of != nullptr) *good_of = match_;
    return matched;
  }

 private:
  bool augment(int p) {
    for (int g : valued_[at(p)]) {
      if ((*capacity_)[at(g)] == 0 || seen_[at(g)]) continue;
      seen_[at(g)] = 1;
      auto& h = holders_[at(g)];
      if (static_cast<int>(h.size()) < (*capacity_)[at(g)]) {
        h.push_back(p);
        match_[at(p)] = g;
        return true;
      }
      for (int& q : h) {
        if (augment(q)) {
          q = p;
          match_[at(p)] = g;
          return true;
        }
      }
    }
    return false;
  }

  const std::vector<std::vector<int>>& valued_;
  std::vector<std::vector<int>> holders_;
  const std::vector<int>* capacity_ = nullptr;
  std::vector<int> match_;
  std::vector<char> seen_;
};

// An allocation's place in the MNW order.
struct Score {
  int count = -1;
  double log_sum = -kInf;
};

// Exact comparison of two allocations' products of positive utilities
// (numerator / denominator: when not every party can be positive, the sets
// differ and so do their denominators).
int compare_products(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b,
                     const std::vector<std::int64_t>& denominator) {
  Rational pa = 1, pb = 1;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] > 0) pa *= Rational(a[p], denominator[p]);
    if (b[p] > 0) pb *= Rational(b[p], denominator[p]);
  }
  return pa < pb ? -1 : (pb < pa ? 1 : 0);
}

class Search {
 public:
  Search(const GoodsInstance& g, const MnwOptions& options)
      : g_(g), n_(g.parties), m_(static_cast<int>(g.goods.size())), stride_(m_ + 1) {
    if (options.time_limit > 0) {
      timed_ = true;
      deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.time_limit));
    }
    valued_.resize(at(n_));
    buyers_.resize(at(m_));
    value_.assign(at(n_ * stride_), 0.0);
    for (int p = 0; p < n_; ++p) {
      for (int k = 0; k < m_; ++k) {
        value_[at(p * stride_ + k)] = static_cast<double>(g.value[at(p)][at(k)]);
        if (g.value[at(p)][at(k)] > 0) {
          valued_[at(p)].push_back(k);
          buyers_[at(k)].push_back(p);
        }
      }
    }
  }

  MnwResult run() {
    MnwResult out;
    numerators_ = g_.base;
    remaining_.resize(at(m_));
    min_party_.assign(at(m_), 0);
    allocation_.assign(at(m_), std::vector<int>(at(n_), 0));
    for (int k = 0; k < m_; ++k) {
      remaining_[at(k)] = g_.goods[at(k)].units;
      // A good nobody values goes to the first party; it changes nothing.
      if (buyers_[at(k)].empty()) {
        allocation_[at(k)][0] = remaining_[at(k)];
        remaining_[at(k)] = 0;
      }
    }

    // 1. The largest number of parties that can be positive together.
    Matcher matcher(valued_, m_);
    std::vector<int> zero, good_of;
    int positive_now = 0;
    for (int p = 0; p < n_; ++p) {
      if (numerators_[at(p)] > 0) {
        ++positive_now;
      } else {
        zero.push_back(p);
      }
    }
    target_count_ = positive_now + matcher.run(zero, remaining_, &good_of);
    shift_ = target_count_ == n_ ? 0.0 : 1.0;
    // The relaxation bounds sum log N_p; the order sums log(N_p / d_p) over the
    // positive parties. With every party positive that is a constant offset;
    // otherwise the positive set is unknown and the offset is bounded by the
    // target_count_ smallest log d_p.
    for (int p = 0; p < n_; ++p) log_denominator_.push_back(std::log(static_cast<double>(g_.denominator[at(p)])));
    std::vector<double> sorted = log_denominator_;
    std::sort(sorted.begin(), sorted.end());
    bound_offset_ = -std::accumulate(sorted.begin(), sorted.begin() + target_count_, 0.0);

    // 2. A first incumbent: the matching, greedy, local search; then the root
    // relaxation rounded and improved the same way.
    initial_incumbent(good_of);
    bids_.resize(1);
    init_bids(bids_[0]);
    root_bound_ = relax(bids_[0], 400);
    round_relaxation(bids_[0]);
    order_goods();

    // 3. The search.
    search();

    out.status = stopped_ ? MnwStatus::feasible : MnwStatus::optimal;
    out.allocation = best_allocation_;
    out.nodes = nodes_;
    for (int p = 0; p < n_; ++p) {
      if (best_numerators_[at(p)] > 0) out.positive_parties.push_back(p);
    }
    out.positive = static_cast<int>(out.positive_parties.size());
    if (stopped_) {
      double bound = -kInf;
      for (double b : open_bounds_) bound = std::max(bound, b);
      // Stopped before the root was opened: the root relaxation's bound.
      if (bound == -kInf) bound = root_bound_;
      out.gap = bound <= best_.log_sum ? 0.0 : std::expm1(std::min(700.0, bound - best_.log_sum));
    }
    return out;
  }

 private:
  // ---- incumbents ----

  Score score_of(const std::vector<std::int64_t>& numerators) const {
    Score s{0, 0};
    for (int p = 0; p < n_; ++p) {
      if (numerators[at(p)] > 0) {
        ++s.count;
        s.log_sum += std::log(static_cast<double>(numerators[at(p)])) - log_denominator_[at(p)];
      }
    }
    return s;
  }

  void offer(const std::vector<std::int64_t>& numerators, const Allocation& allocation) {
    Score s = score_of(numerators);
    bool better = false;
    if (s.count != best_.count) {
      better = s.count > best_.count;
    } else if (s.log_sum > best_.log_sum + kTolerance) {
      better = true;
    } else if (s.log_sum >= best_.log_sum - kTolerance) {
      better = compare_products(numerators, best_numerators_, g_.denominator) > 0;
    }
    if (better) {
      best_ = s;
      best_numerators_ = numerators;
      best_allocation_ = allocation;
    }
  }

  // Change in (count, log-sum) when party p's numerator goes from a to b.
  void delta(int p, std::int64_t a, std::int64_t b, int& count, double& log_sum) const {
    if (a > 0) {
      --count;
      log_sum -= std::log(static_cast<double>(a)) - log_denominator_[at(p)];
    }
    if (b > 0) {
      ++count;
      log_sum += std::log(static_cast<double>(b)) - log_denominator_[at(p)];
    }
  }
  static bool improves(int count, double log_sum) { return count > 0 || (count == 0 && log_sum > 1e-12); }

  // Past the time limit (then improvements stop where they are: the
  // allocation stays a valid one).
  bool past_deadline() const { return timed_ && Clock::now() > deadline_; }

  // Moves of one unit and swaps of two, while they improve the MNW order.
  // The swaps are quadratic in the units held: 50,000 items took minutes past
  // a 10 s limit before the clock was looked at here.
  void local_search(std::vector<std::int64_t>& num, Allocation& a) const {
    const auto& v = g_.value;
    for (int round = 0; round < 50 && !past_deadline(); ++round) {
      bool changed = false;
      for (int k = 0; k < m_; ++k) {
        for (int p = 0; p < n_; ++p) {
          if (a[at(k)][at(p)] == 0) continue;
          for (int q : buyers_[at(k)]) {
            if (q == p || a[at(k)][at(p)] == 0) continue;
            int dc = 0;
            double dl = 0;
            delta(p, num[at(p)], num[at(p)] - v[at(p)][at(k)], dc, dl);
            delta(q, num[at(q)], num[at(q)] + v[at(q)][at(k)], dc, dl);
            if (improves(dc, dl)) {
              num[at(p)] -= v[at(p)][at(k)];
              num[at(q)] += v[at(q)][at(k)];
              --a[at(k)][at(p)];
              ++a[at(k)][at(q)];
              changed = true;
            }
          }
        }
      }
      // Swaps of a unit of k (held by p) with a unit of l (held by q), over
      // the holdings as they stood at the start of the round.
      std::vector<std::pair<int, int>> held;
      for (int k = 0; k < m_; ++k) {
        for (int p = 0; p < n_; ++p) {
          if (a[at(k)][at(p)] > 0) held.emplace_back(k, p);
        }
      }
      for (std::size_t x = 0; x < held.size(); ++x) {
        if ((x & 63) == 0 && past_deadline()) return;
        for (std::size_t y = x + 1; y < held.size(); ++y) {
          const auto [k, p] = held[x];
          const auto [l, q] = held[y];
          if (k == l || p == q || a[at(k)][at(p)] == 0 || a[at(l)][at(q)] == 0) continue;
          std::int64_t np = num[at(p)] - v[at(p)][at(k)] + v[at(p)][at(l)];
          std::int64_t nq = num[at(q)] - v[at(q)][at(l)] + v[at(q)][at(k)];
          int dc = 0;
          double dl = 0;
          delta(p, num[at(p)], np, dc, dl);
          delta(q, num[at(q)], nq, dc, dl);
          if (improves(dc, dl)) {
            num[at(p)] = np;
            num[at(q)] = nq;
            --a[at(k)][at(p)];
            ++a[at(k)][at(q)];
            --a[at(l)][at(q)];
            ++a[at(l)][at(p)];
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  void initial_incumbent(const std::vector<int>& good_of) {
    std::vector<std::int64_t> num = numerators_;
    Allocation a = allocation_;
    std::vector<int> left = remaining_;
    for (int p = 0; p < n_; ++p) {
      int k = good_of[at(p)];
      if (k < 0) continue;
      ++a[at(k)][at(p)];
      --left[at(k)];
      num[at(p)] += g_.value[at(p)][at(k)];
    }
    greedy_fill(num, a, left);
    local_search(num, a);
    offer(num, a);
  }

  // Each unit left to the buyer whose log-utility it raises most.
  void greedy_fill(std::vector<std::int64_t>& num, Allocation& a, std::vector<int>& left) const {
    for (int k = 0; k < m_; ++k) {
      while (left[at(k)] > 0) {
        int best = -1;
        double best_gain = -kInf;
        for (int p : buyers_[at(k)]) {
          double x = static_cast<double>(num[at(p)]), v = static_cast<double>(g_.value[at(p)][at(k)]);
          double gain = x > 0 ? std::log1p(v / x) : kInf;
          if (gain > best_gain) {
            best_gain = gain;
            best = p;
          }
        }
        ++a[at(k)][at(best)];
        num[at(best)] += g_.value[at(best)][at(k)];
        --left[at(k)];
      }
    }
  }

  // The relaxation's shares rounded (largest share first), then improved.
  void round_relaxation(const std::vector<double>& bids) {
    std::vector<std::int64_t> num = numerators_;
    Allocation a = allocation_;
    std::vector<int> left = remaining_;
    for (int k = 0; k < m_; ++k) {
      if (left[at(k)] == 0) continue;
      std::vector<std::pair<double, int>> share;
      for (int p : buyers_[at(k)]) share.emplace_back(bids[at(p * stride_ + k)], p);
      std::sort(share.begin(), share.end(), std::greater<>());
      double total = 0;
      for (auto& s : share) total += s.first;
      int units = left[at(k)];
      for (auto& [b, p] : share) {
        int give = total > 0 ? std::min(left[at(k)], static_cast<int>(std::floor(b / total * units))) : 0;
        a[at(k)][at(p)] += give;
        num[at(p)] += give * g_.value[at(p)][at(k)];
        left[at(k)] -= give;
      }
      if (left[at(k)] > 0 && !share.empty()) {
        int p = share.front().second;
        a[at(k)][at(p)] += left[at(k)];
        num[at(p)] += left[at(k)] * g_.value[at(p)][at(k)];
        left[at(k)] = 0;
      }
    }
    local_search(num, a);
    offer(num, a);
  }

  // ---- the relaxation ----

  double b(int p) const { return static_cast<double>(numerators_[at(p)]) + shift_; }

  // Proportional response starting point: each party bids as if it held everything.
  void init_bids(std::vector<double>& bids) const {
    bids.assign(at(n_ * stride_), 0.0);
    for (int p = 0; p < n_; ++p) {
      double total = b(p);
      for (int k : valued_[at(p)]) total += static_cast<double>(g_.value[at(p)][at(k)]) * remaining_[at(k)];
      if (total <= 0) continue;
      for (int k : valued_[at(p)]) {
        if (remaining_[at(k)] > 0) {
          bids[at(p * stride_ + k)] = static_cast<double>(g_.value[at(p)][at(k)]) * remaining_[at(k)] / total;
        }
      }
      bids[at(p * stride_ + m_)] = b(p) / total;
    }
  }

  // Drops bids on goods that ran out and rescales each party's bids to sum 1.
  void renormalise(std::vector<double>& bids) const {
    for (int p = 0; p < n_; ++p) {
      double* row = &bids[at(p * stride_)];
      double sum = b(p) > 0 ? std::max(row[m_], 1e-300) : 0.0;
      row[m_] = sum;
      for (int k : valued_[at(p)]) {
        if (remaining_[at(k)] == 0) {
          row[k] = 0;
        } else {
          row[k] = std::max(row[k], 1e-300);
          sum += row[k];
        }
      }
      if (sum > 0) {
        for (int k = 0; k <= m_; ++k) row[k] /= sum;
      }
    }
  }

  // Per-unit prices from the bids.
  void prices(const std::vector<double>& bids, std::vector<double>& q) const {
    q.assign(at(m_), 0.0);
    for (int k = 0; k < m_; ++k) {
      if (remaining_[at(k)] == 0) continue;
      double s = 0;
      for (int p : buyers_[at(k)]) s += bids[at(p * stride_ + k)];
      q[at(k)] = std::max(s, 1e-300) / remaining_[at(k)];
    }
  }

  // The dual bound D(q); -inf when some party can get nothing in case A.
  // The Lagrangian bound at prices q with each party's subproblem kept
  // integer: sum_k q_k r_k + sum_p max over bundles S of [log(b_p + v_p(S)) -
  // q(S)] is an upper bound for every (integer) allocation. Each party's max
  // is bounded by splitting on the bundle's size t: v_p(S) <= the t largest
  // unit values, q(S) >= the t smallest unit prices, and v_p(S) <= r_p q(S).
  // Never weaker than dual(q), and much stronger when parties get few goods
  // of similar worth (the fractional relaxation lets everyone have 3.33).
  double dual_integer(const std::vector<double>& q) {
    prepare_integer(q);
    return integer_at(1);
  }

  // What dual_integer(q * scale) needs that the scale does not change: per
  // party its unit values, largest first, and its unit prices, cheapest
  // first (a scale keeps that order), as running sums; r_p and sum q r at
  // scale 1. The golden-section search in polish() then sorts once, not per scale.
  void prepare_integer(const std::vector<double>& q) {
    integer_total_ = 0;
    for (int k = 0; k < m_; ++k) integer_total_ += q[at(k)] * remaining_[at(k)];
    integer_start_.assign(at(n_ + 1), 0);
    ratio_.assign(at(n_), 0.0);
    top_sums_.clear();
    cheap_sums_.clear();
    for (int p = 0; p < n_; ++p) {
      values_.clear();
      costs_.clear();
      double r = 0;
      for (int k : valued_[at(p)]) {
        const int units = remaining_[at(k)];
        if (units == 0) continue;
        const double v = static_cast<double>(g_.value[at(p)][at(k)]);
        r = std::max(r, v / q[at(k)]);
        for (int u = 0; u < units; ++u) {
          values_.push_back(v);
          costs_.push_back(q[at(k)]);
        }
      }
      // Goods p does not value still cost: cheapest first, they only raise q(S),
      // so they never belong in a best bundle and are left out.
      std::sort(values_.begin(), values_.end(), std::greater<>());
      std::sort(costs_.begin(), costs_.end());
      double top = 0, cheapest = 0;
      for (std::size_t t = 0; t < values_.size(); ++t) {
        top += values_[t];
        cheapest += costs_[t];
        top_sums_.push_back(top);
        cheap_sums_.push_back(cheapest);
      }
      ratio_[at(p)] = r;
      integer_start_[at(p + 1)] = top_sums_.size();
    }
  }

  // dual_integer at the prepared prices times `scale`.
  double integer_at(double scale) const {
    double d = scale * integer_total_;
    for (int p = 0; p < n_; ++p) {
      const double base = b(p);
      const double r = ratio_[at(p)] / scale;
      double best = base > 0 ? std::log(base) : -kInf;
      const std::size_t first = integer_start_[at(p)], last = integer_start_[at(p + 1)];
      // No bundle is worth more than all of p's units at the price of the t
      // cheapest; that only falls as t grows, so once it is no better than
      // the best so far, larger bundles need not be looked at.
      const double ceiling = last > first ? std::log(base + top_sums_[last - 1]) : -kInf;
      for (std::size_t i = first; i < last; ++i) {
        const double top = top_sums_[i], cheapest = scale * cheap_sums_[i];
        if (ceiling - cheapest <= best) break;
        // max over Q >= cheapest of log(base + min(r Q, top)) - Q (concave in Q).
        const double free_optimum = std::min(std::max(1 - base / r, 0.0), top / r);
        const double x = std::max(free_optimum, cheapest);
        best = std::max(best, std::log(base + std::min(r * x, top)) - x);
      }
      if (best == -kInf) return -kInf;
      d += best;
    }
    return d;
  }

  double dual(const std::vector<double>& q) const {
    double d = 0;
    for (int k = 0; k < m_; ++k) d += q[at(k)] * remaining_[at(k)];
    for (int p = 0; p < n_; ++p) {
      double r = 0;
      for (int k : valued_[at(p)]) {
        if (remaining_[at(k)] > 0) r = std::max(r, static_cast<double>(g_.value[at(p)][at(k)]) / q[at(k)]);
      }
      const double base = b(p);
      if (r <= 0 || r < base) {
        if (base <= 0) return -kInf;
        d += std::log(base);
      } else {
        d += std::log(r) - 1 + base / r;
      }
    }
    return d;
  }

  // The dual in terms of inverse bang-per-buck beta_p (prices q_k = max_p
  // beta_p v_pk): F(beta) = sum_k r_k q_k + sum_p phi_p(beta_p), phi_p(beta) =
  // -log beta - 1 + b_p beta while b_p beta <= 1, else log b_p. Any beta > 0
  // gives a valid bound (it is D at those prices, or above it). Polished by
  // exact coordinate minimisation from beta_p = 1 / u_p.
  double polish(int sweeps, double prune_below) {
    beta_.resize(at(n_));
    for (int p = 0; p < n_; ++p) beta_[at(p)] = 1 / utilities_[at(p)];
    // top two of beta_p v_pk per good
    top_.assign(at(m_), 0.0);
    second_.assign(at(m_), 0.0);
    top_party_.assign(at(m_), -1);
    auto refresh = [&](int k) {
      double t = 0, s2 = 0;
      int tp = -1;
      for (int p : buyers_[at(k)]) {
        double x = beta_[at(p)] * static_cast<double>(g_.value[at(p)][at(k)]);
        if (x > t) {
          s2 = t;
          t = x;
          tp = p;
        } else if (x > s2) {
          s2 = x;
        }
      }
      top_[at(k)] = t;
      second_[at(k)] = s2;
      top_party_[at(k)] = tp;
    };
    for (int k = 0; k < m_; ++k) {
      if (remaining_[at(k)] > 0) refresh(k);
    }
    std::vector<std::pair<double, double>>& points = points_;  // (breakpoint, r_k v_pk)
    // A sweep costs parties x goods x buyers (256 x 2,000 x 256: a second
    // and more), so the clock is read per party; any beta > 0 is a valid
    // bound, so stopping mid-sweep leaves a valid (weaker) one.
    for (int sweep = 0; sweep < sweeps && !past_deadline(); ++sweep) {
      for (int p = 0; p < n_ && !past_deadline(); ++p) {
        points.clear();
        for (int k : valued_[at(p)]) {
          if (remaining_[at(k)] == 0) continue;
          const double v = static_cast<double>(g_.value[at(p)][at(k)]);
          const double others = top_party_[at(k)] == p ? second_[at(k)] : top_[at(k)];
          points.emplace_back(others / v, remaining_[at(k)] * v);
        }
        std::sort(points.begin(), points.end());
        const double base = b(p);
        double slope = 0, beta = 0;
        std::size_t j = 0;
        while (j < points.size() && points[j].first <= 0) slope += points[j++].second;
        for (;;) {
          const double next = j < points.size() ? points[j].first : kInf;
          const double start = j == 0 ? 0.0 : points[j - 1].first;
          if (slope + base > 0) {
            const double candidate = 1 / (slope + base);
            if (candidate <= start) {
              beta = start;
              break;
            }
            if (candidate <= next) {
              beta = candidate;
              break;
            }
          }
          if (j == points.size()) {
            beta = beta_[at(p)];  // unbounded direction cannot happen with base or goods; keep
            break;
          }
          slope += points[j++].second;
        }
        if (!(beta > 0)) continue;
        beta_[at(p)] = beta;
        for (int k : valued_[at(p)]) {
          if (remaining_[at(k)] > 0) refresh(k);
        }
      }
    }
    double f = 0;
    for (int k = 0; k < m_; ++k) f += remaining_[at(k)] * top_[at(k)];
    for (int p = 0; p < n_; ++p) {
      const double x = beta_[at(p)], base = b(p);
      f += base * x <= 1 ? -std::log(x) - 1 + base * x : std::log(base);
    }
    // The same prices with integer bundles, and scaled: integer bundles
    // often want a slightly different price level (golden-section search on
    // the scale; D is convex in the prices, so along a ray too).
    double best = std::min(f, dual_integer(top_));
    // Past the limit the scaled prices are not tried: each costs a sort of every party's units.
    if (best < prune_below || past_deadline()) return best;
    // dual_integer(top_) above prepared these prices.
    auto at_scale = [&](double scale) { return integer_at(scale); };
    double lo = 0.6, hi = 1.4;
    const double ratio = 0.6180339887498949;
    double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
    double f1 = at_scale(x1), f2 = at_scale(x2);
    for (int it = 0; it < 10 && std::min(f1, f2) >= prune_below && !past_deadline(); ++it) {
      if (f1 < f2) {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - ratio * (hi - lo);
        f1 = at_scale(x1);
      } else {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + ratio * (hi - lo);
        f2 = at_scale(x2);
      }
    }
    return std::min({best, f1, f2});
  }

  // Runs proportional response from `bids` (updated in place) for at most
  // `iterations` rounds, stopping early once the node is pruned or the dual gap
  // has closed. Returns the best dual bound seen; utilities_ holds the primal.
  double relax(std::vector<double>& bids, int iterations) {
    double best = kInf;
    utilities_.assign(at(n_), 0.0);
    for (int it = 0; it < iterations; ++it) {
      // Past the limit, the bound found so far stands (one is found by the fourth iteration).
      if (it >= 4 && past_deadline()) return best;
      prices(bids, q_);
      // Multiplications by reciprocals, not divisions in the inner loops (they
      // were most of the search's time); a good that ran out has 0, which
      // zeroes its bids.
      inverse_q_.assign(at(m_), 0.0);
      for (int k = 0; k < m_; ++k) {
        if (remaining_[at(k)] > 0) inverse_q_[at(k)] = 1 / q_[at(k)];
      }
      double primal = 0;
      for (int p = 0; p < n_; ++p) {
        double* row = &bids[at(p * stride_)];
        const double* value = &value_[at(p * stride_)];
        const double* inverse_q = inverse_q_.data();
        // Over every good (value 0 where p values none: its bid stays 0), in
        // four running sums: independent additions, and loops the compiler
        // can vectorise.
        double sum[4] = {0, 0, 0, 0};
        int k = 0;
        for (; k + 4 <= m_; k += 4) {
          for (int i = 0; i < 4; ++i) sum[i] += value[k + i] * row[k + i] * inverse_q[k + i];
        }
        for (; k < m_; ++k) sum[0] += value[k] * row[k] * inverse_q[k];
        const double u = b(p) + ((sum[0] + sum[1]) + (sum[2] + sum[3]));
        utilities_[at(p)] = u;
        if (u <= 0) return -kInf;
        primal += std::log(u);
        const double inverse_u = 1 / u;
        for (k = 0; k < m_; ++k) row[k] *= value[k] * inverse_q[k] * inverse_u;
        row[m_] = b(p) * inverse_u;
      }
      if (it % 4 == 3 || it + 1 == iterations) {
        best = std::min(best, dual(q_) + bound_offset_);
        // Polished prices: what each good is worth to its keenest buyer.
        for (int k = 0; k < m_; ++k) {
          if (remaining_[at(k)] == 0) continue;
          double x = 0;
          for (int p : buyers_[at(k)]) x = std::max(x, static_cast<double>(g_.value[at(p)][at(k)]) / utilities_[at(p)]);
          q_[at(k)] = x;
        }
        best = std::min(best, dual(q_) + bound_offset_);
        if (best >= best_.log_sum - kTolerance && best - (primal + bound_offset_) > 1e-4) {
          best = std::min(best, polish(3, best_.log_sum - kTolerance - bound_offset_) + bound_offset_);
        }
        if (best < best_.log_sum - kTolerance) return best;
        if (best - (primal + bound_offset_) < 1e-7) return best;
      }
    }
    return best;
  }

  // ---- the search ----

  bool out_of_time() {
    if (stopped_) return true;
    // Every node: a node's relaxation costs far more than reading the clock
    // (with 50,000 goods, 256 nodes took 25 s).
    if (timed_ && Clock::now() > deadline_) stopped_ = true;
    return stopped_;
  }

  // The only good left: divided exactly by the greedy rule.
  void finish_with(int k) {
    std::vector<std::int64_t> num = numerators_;
    Allocation a = allocation_;
    int left = remaining_[at(k)];
    const auto& v = g_.value;
    // First, one unit to each party still at zero, keenest first (the count comes first).
    std::vector<int> zero;
    for (int p : buyers_[at(k)]) {
      if (num[at(p)] == 0) zero.push_back(p);
    }
    // Keenest: the largest utility v / denominator, compared exactly.
    std::stable_sort(zero.begin(), zero.end(), [&](int x, int y) {
      return static_cast<__int128>(v[at(x)][at(k)]) * g_.denominator[at(y)] >
             static_cast<__int128>(v[at(y)][at(k)]) * g_.denominator[at(x)];
    });
    for (int p : zero) {
      if (left == 0) break;
      ++a[at(k)][at(p)];
      num[at(p)] += v[at(p)][at(k)];
      --left;
    }
    while (left > 0) {
      int best = -1;
      for (int p : buyers_[at(k)]) {
        if (num[at(p)] == 0) continue;
        // (N_p + v_p) / N_p > (N_b + v_b) / N_b, exactly.
        if (best < 0 || static_cast<__int128>(num[at(p)] + v[at(p)][at(k)]) * num[at(best)] >
                             static_cast<__int128>(num[at(best)] + v[at(best)][at(k)]) * num[at(p)]) {
          best = p;
        }
      }
      if (best < 0) best = buyers_[at(k)].front();
      ++a[at(k)][at(best)];
      num[at(best)] += v[at(best)][at(k)];
      --left;
    }
    offer(num, a);
  }

  // The good to branch on: the item the relaxation splits most (or, when it
  // splits none, the dearest item); shares only when no item is left. -1 when
  // nothing is left.
  // The good to branch on: the first with units left in the root order
  // (dearest items first, shares last).
  int choose_good(const std::vector<double>&) const {
    for (int k : sequence_) {
      if (remaining_[at(k)] > 0) return k;
    }
    return -1;
  }

  void order_goods() {
    std::vector<int> goods;
    for (int k = 0; k < m_; ++k) {
      if (remaining_[at(k)] > 0) goods.push_back(k);
    }
    std::vector<double> q;
    prices(bids_[0], q);
    std::stable_sort(goods.begin(), goods.end(), [&](int x, int y) {
      bool ix = g_.goods[at(x)].units == 1, iy = g_.goods[at(y)].units == 1;
      if (ix != iy) return ix;
      return q[at(x)] * g_.goods[at(x)].units > q[at(y)] * g_.goods[at(y)].units;
    });
    sequence_ = goods;
  }

  // One node of the search: good k goes to each of `children` in turn;
  // `active` is the party holding the unit now (-1: none).
  struct Node {
    int depth;
    double bound;
    int k;
    std::vector<std::pair<double, int>> children;
    std::size_t next = 0;
    int active = -1;
    int saved_min = 0;
  };

  // The relaxation's bids kept per depth, as warm starts: past this many
  // bytes, deeper levels share the last slot (any bids give a valid bound;
  // only the warm start is worse). 50,000 goods kept 800 KB a level.
  static constexpr std::size_t kBidsBytes = std::size_t{1} << 30;
  std::size_t bids_slot(int depth) const {
    const std::size_t per_level = std::max<std::size_t>(1, bids_[0].size() * sizeof(double));
    const std::size_t levels = std::max<std::size_t>(2, kBidsBytes / per_level);
    return std::min(static_cast<std::size_t>(depth), levels - 1);
  }
  std::vector<double>& bids_at(int depth) {
    const std::size_t slot = bids_slot(depth);
    if (bids_.size() <= slot) bids_.resize(slot + 1, bids_[0]);
    return bids_[slot];
  }

  // Enters a node at `depth`: the node to explore, or nothing at a leaf, when
  // pruned or out of time.
  std::optional<Node> enter(int depth, double parent_bound) {
    ++nodes_;
    if (out_of_time()) return std::nullopt;
    int live = 0, last = -1;
    for (int k = 0; k < m_; ++k) {
      if (remaining_[at(k)] > 0) {
        ++live;
        last = k;
      }
    }
    if (live == 0) {
      offer(numerators_, allocation_);
      return std::nullopt;
    }
    if (live == 1) {
      finish_with(last);
      return std::nullopt;
    }

    // Can the target number of parties still be positive?
    zero_.clear();
    int positive = 0;
    for (int p = 0; p < n_; ++p) {
      if (numerators_[at(p)] > 0) {
        ++positive;
      } else {
        zero_.push_back(p);
      }
    }
    if (positive < target_count_) {
      if (!matcher_) matcher_.emplace(valued_, m_);
      if (positive + matcher_->run(zero_, remaining_) < target_count_) return std::nullopt;
    }

    // The bound.
    std::vector<double>& bids = bids_at(depth);
    // A child's subtree is part of its parent's: the parent's bound holds too.
    // A child runs 8 rounds of the dynamics from its parent's bids: enough to
    // prune most children; 60 gave a few per cent fewer nodes at twice the
    // time (random 20 x 100: median 1.7 s against 0.74 s, parley_bench mnw-goals).
    Node node{depth, std::min(parent_bound, relax(bids, depth == 0 ? 400 : 8)), -1, {}};
    if (node.bound < best_.log_sum - kTolerance) return std::nullopt;
    node.k = choose_good(bids);

    // Children: the buyers of k, largest relaxed share first.
    for (int p : buyers_[at(node.k)]) {
      if (g_.goods[at(node.k)].units > 1 && p < min_party_[at(node.k)]) continue;
      node.children.emplace_back(bids[at(p * stride_ + node.k)], p);
    }
    std::stable_sort(node.children.begin(), node.children.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    if (static_cast<int>(open_bounds_.size()) <= depth) open_bounds_.resize(at(depth + 1), -kInf);
    open_bounds_[at(depth)] = node.bound;
    return node;
  }

  // Depth-first branch and bound with an explicit stack: a level per unit
  // given, so as deep as there are goods (tens of thousands).
  void search() {
    std::vector<Node> stack;
    if (auto root = enter(0, kInf)) stack.push_back(std::move(*root));
    while (!stack.empty()) {
      Node& node = stack.back();
      const int k = node.k;
      if (node.active >= 0) {
        const int p = node.active;
        min_party_[at(k)] = node.saved_min;
        numerators_[at(p)] -= g_.value[at(p)][at(k)];
        ++remaining_[at(k)];
        --allocation_[at(k)][at(p)];
        node.active = -1;
        if (stopped_) return;  // open_bounds_ of the open nodes stay
        // Re-evaluating the bound after a better incumbent is not needed: the
        // children's own bounds are checked against the incumbent when entered.
      }
      if (node.next == node.children.size()) {
        open_bounds_[at(node.depth)] = -kInf;
        stack.pop_back();
        continue;
      }
      const int p = node.children[node.next++].second;
      node.active = p;
      node.saved_min = min_party_[at(k)];
      ++allocation_[at(k)][at(p)];
      --remaining_[at(k)];
      numerators_[at(p)] += g_.value[at(p)][at(k)];
      min_party_[at(k)] = p;
      const int depth = node.depth;
      const double bound = node.bound;
      std::vector<double> warm = bids_at(depth);
      std::vector<double>& child_bids = bids_at(depth + 1);
      child_bids = std::move(warm);
      renormalise(child_bids);
      if (auto child = enter(depth + 1, bound)) stack.push_back(std::move(*child));  // node may dangle from here
    }
  }

  const GoodsInstance& g_;
  const int n_, m_, stride_;
  bool timed_ = false;
  Clock::time_point deadline_;
  double root_bound_ = kInf;  // the relaxation's bound before the search
  bool stopped_ = false;
  long long nodes_ = 0;

  std::vector<std::vector<int>> valued_, buyers_;
  std::vector<double> value_, inverse_q_;  // value_[p * stride_ + k]: g_.value as doubles
  std::vector<int> sequence_;
  int target_count_ = 0;
  double shift_ = 0;
  std::vector<double> log_denominator_;
  double bound_offset_ = 0;

  std::vector<std::int64_t> numerators_;
  std::vector<int> remaining_, min_party_, zero_;
  Allocation allocation_;
  std::optional<Matcher> matcher_;

  std::vector<std::vector<double>> bids_;
  std::vector<double> q_, utilities_, open_bounds_, beta_, top_, second_;
  std::vector<int> top_party_;
  std::vector<std::pair<double, double>> points_;
  std::vector<double> values_, costs_;
  // prepare_integer()'s output, for integer_at().
  double integer_total_ = 0;
  std::vector<std::size_t> integer_start_;
  std::vector<double> ratio_, top_sums_, cheap_sums_;

  Score best_;
  std::vector<std::int64_t> best_numerators_;
  Allocation best_allocation_;
};

}  // namespace

namespace {

// Minimum-cost assignment of every row to a distinct column (rows <= columns),
// by the Hungarian method with potentials. cost[r][c]; kForbidden marks pairs
// that may not be used. Returns the total cost, or kForbidden when every
// assignment uses a forbidden pair.
constexpr double kForbidden = 1e18;

double min_cost_assignment(const std::vector<std::vector<double>>& cost) {
  const std::size_t rows = cost.size();
  if (rows == 0) return 0;
  const std::size_t cols = cost[0].size();
  std::vector<double> u(rows + 1, 0), v(cols + 1, 0);
  std::vector<std::size_t> match(cols + 1, 0), way(cols + 1, 0);  // match[c]: row (1-based) in column c
  for (std::size_t r = 1; r <= rows; ++r) {
    match[0] = r;
    std::size_t c0 = 0;
    std::vector<double> least(cols + 1, kInf);
    std::vector<char> used(cols + 1, 0);
    do {
      used[c0] = 1;
      const std::size_t r0 = match[c0];
      double delta = kInf;
      std::size_t c1 = 0;
      for (std::size_t c = 1; c <= cols; ++c) {
        if (used[c]) continue;
        const double reduced = cost[r0 - 1][c - 1] - u[r0] - v[c];
        if (reduced < least[c]) {
          least[c] = reduced;
          way[c] = c0;
        }
        if (least[c] < delta) {
          delta = least[c];
          c1 = c;
        }
      }
      for (std::size_t c = 0; c <= cols; ++c) {
        if (used[c]) {
          u[match[c]] += delta;
          v[c] -= delta;
        } else {
          least[c] -= delta;
        }
      }
      c0 = c1;
    } while (match[c0] != 0);
    do {
      const std::size_t c1 = way[c0];
      match[c0] = match[c1];
      c0 = c1;
    } while (c0 != 0);
  }
  double total = 0;
  for (std::size_t c = 1; c <= cols; ++c) {
    if (match[c] == 0) continue;
    const double x = cost[match[c] - 1][c - 1];
    if (x >= kForbidden) return kForbidden;
    total += x;
  }
  return total;
}

// The part of a goods instance where not every party can be positive
// (see max_nash_welfare): every unit of `goods` goes to a distinct party of
// `parties` that values it, and the product of those parties' utilities
// v / d is maximised. Branch and bound over units with the assignment (LP
// integral) bound, exact comparison at the leaves.
class DeficientPart {
 public:
  DeficientPart(const GoodsInstance& g, std::vector<int> parties, const std::vector<int>& goods, bool timed,
                Clock::time_point deadline)
      : g_(g), parties_(std::move(parties)), timed_(timed), deadline_(deadline) {
    for (int k : goods) {
      for (int u = 0; u < g.goods[at(k)].units; ++u) units_.push_back(k);
    }
    weight_.assign(parties_.size(), std::vector<double>(at(static_cast<int>(g.goods.size())), -kInf));
    for (std::size_t i = 0; i < parties_.size(); ++i) {
      const int p = parties_[i];
      for (int k : goods) {
        const std::int64_t v = g.value[at(p)][at(k)];
        if (v > 0) weight_[i][at(k)] = std::log(static_cast<double>(v)) - std::log(static_cast<double>(g.denominator[at(p)]));
      }
    }
    used_.assign(parties_.size(), 0);
    holder_.assign(units_.size(), -1);
  }

  // Fills allocation rows of the part's goods; returns false when stopped by
  // the time limit (the allocation then holds the best found, if any).
  bool run(Allocation& allocation, long long& nodes, std::optional<double>& gap) {
    root_bound_ = bound(0);
    search(0, 0.0);
    nodes += nodes_;
    if (!found_) return false;
    for (std::size_t i = 0; i < units_.size(); ++i) ++allocation[at(units_[i])][at(parties_[at(best_holder_[i])])];
    if (stopped_) gap = std::expm1(std::max(0.0, root_bound_ - best_log_));
    return !stopped_;
  }

 private:
  // The best total weight of the units from `next` on, to distinct unused parties.
  double bound(std::size_t next) const {
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < parties_.size(); ++i) {
      if (!used_[i]) free.push_back(i);
    }
    if (units_.size() - next > free.size()) return -kInf;
    std::vector<std::vector<double>> cost(units_.size() - next, std::vector<double>(free.size(), kForbidden));
    for (std::size_t r = next; r < units_.size(); ++r) {
      for (std::size_t c = 0; c < free.size(); ++c) {
        const double w = weight_[free[c]][at(units_[r])];
        if (w > -kInf) cost[r - next][c] = -w;
      }
    }
    const double c = min_cost_assignment(cost);
    return c >= kForbidden ? -kInf : -c;
  }

  void search(std::size_t next, double sum) {
    if (stopped_) return;
    if (timed_ && (++nodes_ & 63) == 0 && Clock::now() > deadline_) {
      stopped_ = true;
      return;
    }
    if (!timed_) ++nodes_;
    if (next == units_.size()) {
      offer(sum);
      return;
    }
    const double b = sum + bound(next);
    if (b == -kInf || (found_ && b < best_log_ - kTolerance)) return;
    const int k = units_[next];
    // Identical units of one good go to parties in increasing order.
    const int from = next > 0 && units_[next - 1] == k ? holder_[next - 1] + 1 : 0;
    std::vector<std::pair<double, int>> children;
    for (int i = from; i < static_cast<int>(parties_.size()); ++i) {
      if (!used_[at(i)] && weight_[at(i)][at(k)] > -kInf) children.emplace_back(weight_[at(i)][at(k)], i);
    }
    std::stable_sort(children.begin(), children.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (const auto& [w, i] : children) {
      used_[at(i)] = 1;
      holder_[next] = i;
      search(next + 1, sum + w);
      used_[at(i)] = 0;
      holder_[next] = -1;
      if (stopped_) return;
    }
  }

  void offer(double sum) {
    bool better = !found_ || sum > best_log_ + kTolerance;
    if (!better && sum >= best_log_ - kTolerance) better = product(holder_) > product(best_holder_);
    if (better) {
      found_ = true;
      best_log_ = sum;
      best_holder_ = holder_;
    }
  }

  Rational product(const std::vector<int>& holder) const {
    Rational x = 1;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const int p = parties_[at(holder[i])];
      x *= Rational(g_.value[at(p)][at(units_[i])], g_.denominator[at(p)]);
    }
    return x;
  }

  const GoodsInstance& g_;
  std::vector<int> parties_, units_;
  std::vector<std::vector<double>> weight_;  // [party index][good]: log(v / d), -inf if not valued
  bool timed_;
  Clock::time_point deadline_;
  bool stopped_ = false;
  long long nodes_ = 0;
  std::vector<char> used_;
  std::vector<int> holder_, best_holder_;
  bool found_ = false;
  double best_log_ = -kInf, root_bound_ = kInf;
};

// Every party can be positive: the partition search when all parties are
// interchangeable, the general search otherwise.
MnwResult all_positive(const GoodsInstance& g, const MnwOptions& options) {
  if (options.interchangeable) {
    if (std::optional<MnwResult> r = max_nash_welfare_identical(g, options)) return *r;
  }
  return Search(g, options).run();
}

}  // namespace

// When not every party can be positive, the instance splits exactly (a
// Dulmage-Mendelsohn argument on the matching of zero parties to goods): let X
// be the zero parties reachable by alternating paths from a party a maximum
// matching leaves out, and G(X) every good a party of X values. Every maximum
// matching gives all units of G(X) to distinct parties of X, and an allocation
// reaches the largest count only if it does the same (the count is |G(X)
// units| from X plus every other zero party). So X and G(X) form an assignment
// problem (each unit to a different party of X), and the rest is an instance in
// which every party can be positive; the two products multiply.
MnwResult max_nash_welfare(const GoodsInstance& instance, const MnwOptions& options) {
  if (instance.parties <= 0) return {};
  const int n = instance.parties, m = static_cast<int>(instance.goods.size());
  std::vector<std::vector<int>> valued(at(n));
  for (int p = 0; p < n; ++p) {
    for (int k = 0; k < m; ++k) {
      if (instance.value[at(p)][at(k)] > 0) valued[at(p)].push_back(k);
    }
  }
  std::vector<int> zero, capacity(at(m)), good_of;
  for (int p = 0; p < n; ++p) {
    if (instance.base[at(p)] <= 0) zero.push_back(p);
  }
  for (int k = 0; k < m; ++k) capacity[at(k)] = instance.goods[at(k)].units;
  Matcher matcher(valued, m);
  const int matched = matcher.run(zero, capacity, &good_of);
  if (matched == static_cast<int>(zero.size())) return all_positive(instance, options);

  // X and G(X): alternating reachability from the unmatched zero parties.
  std::vector<char> in_x(at(n), 0), in_gx(at(m), 0);
  std::vector<int> queue;
  for (int p : zero) {
    if (good_of[at(p)] < 0) {
      in_x[at(p)] = 1;
      queue.push_back(p);
    }
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    for (int k : valued[at(queue[head])]) {
      if (in_gx[at(k)]) continue;
      in_gx[at(k)] = 1;
      for (int q : zero) {
        if (good_of[at(q)] == k && !in_x[at(q)]) {
          in_x[at(q)] = 1;
          queue.push_back(q);
        }
      }
    }
  }

  MnwResult out;
  const bool timed = options.time_limit > 0;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, options.time_limit)));
  Allocation allocation(at(m), std::vector<int>(at(n), 0));
  std::vector<int> x_parties, gx_goods, rest_parties, rest_goods;
  for (int p = 0; p < n; ++p) (in_x[at(p)] ? x_parties : rest_parties).push_back(p);
  for (int k = 0; k < m; ++k) (in_gx[at(k)] ? gx_goods : rest_goods).push_back(k);

  DeficientPart deficient(instance, x_parties, gx_goods, timed, deadline);
  std::optional<double> gap_x;
  bool done = deficient.run(allocation, out.nodes, gap_x);
  if (!done && !gap_x) return out;  // the time limit came before any assignment

  // The rest: every party in it can be positive.
  GoodsInstance rest;
  rest.parties = static_cast<int>(rest_parties.size());
  for (int k : rest_goods) rest.goods.push_back(instance.goods[at(k)]);
  for (int p : rest_parties) {
    std::vector<std::int64_t> row;
    for (int k : rest_goods) row.push_back(instance.value[at(p)][at(k)]);
    rest.value.push_back(std::move(row));
    rest.base.push_back(instance.base[at(p)]);
    rest.denominator.push_back(instance.denominator[at(p)]);
  }
  std::optional<double> gap_rest;
  if (rest.parties > 0) {
    MnwOptions o = options;
    if (timed) o.time_limit = std::max(1e-3, std::chrono::duration<double>(deadline - Clock::now()).count());
    MnwResult r = all_positive(rest, o);
    out.nodes += r.nodes;
    if (r.status == MnwStatus::time_limit) return MnwResult{.nodes = out.nodes};
    for (std::size_t j = 0; j < rest_goods.size(); ++j) {
      for (std::size_t i = 0; i < rest_parties.size(); ++i) {
        allocation[at(rest_goods[j])][at(rest_parties[i])] = r.allocation[j][i];
      }
    }
    if (r.status != MnwStatus::optimal) {
      done = false;
      gap_rest = r.gap;
    }
  } else {
    // No party outside X: goods outside G(X) (valued by nobody in X) go to the first party.
    for (int k : rest_goods) allocation[at(k)][0] = instance.goods[at(k)].units;
  }
  out.allocation = std::move(allocation);
  for (int p = 0; p < n; ++p) {
    if (utility_numerator(instance, out.allocation, p) > 0) out.positive_parties.push_back(p);
  }
  out.positive = static_cast<int>(out.positive_parties.size());
  if (done) {
    out.status = MnwStatus::optimal;
  } else {
    out.status = MnwStatus::feasible;
    out.gap = (1 + gap_x.value_or(0)) * (1 + gap_rest.value_or(0)) - 1;
  }
  return out;
}

}  // namespace parley::fairdiv
