// Maximum Nash welfare as a mixed-integer program (the Spliddit formulation,
// Caragiannis et al. 2016, "The unreasonable fairness of maximum Nash
// welfare", section 6), solved by CBC through solver::Mip. It shares nothing
// with the fast method but max_positive_parties(), so each checks the other.
//
// Model. Integers x_pg in [0, units_g] with sum_p x_pg = units_g; party p's
// numerator N_p = base_p + sum_g value_pg x_pg. The first criterion is settled
// by max_positive_parties(): k parties at most can be positive together.
// Spliddit then fixes that set; but the best product may need another set of
// the same size, so instead a binary z_p says "p is positive" (fixed to 1 when
// base_p > 0), with N_p >= z_p and sum_p z_p = k. Since no allocation has more
// than k positive parties, the z = 1 parties are exactly the positive ones.
// W_p in [0, log max N_p] stands for log N_p: W_p <= log(max N_p) z_p, and for
// each chord a in the party's set
//   W_p <= log a + (log(a + 1) - log a)(N_p - a) + M_a (1 - z_p),
// M_a = max(0, -(that line at N_p = base_p)), which lets W_p = 0 when z_p = 0.
// Maximise sum_p (W_p - z_p log D_p), the log of the product of the positive
// parties' utilities N_p / D_p. (With the set fixed, as in Spliddit, the
// denominators are a constant factor; with the set free they are not.)
//
// Why it is exact. log is concave, so the line through (a, log a) and
// (a + 1, log(a + 1)) lies on or above log at every integer; the least of the
// chords therefore over-estimates log N at every integer N, and equals it at
// N when N or N - 1 is a chord (where that chord's line passes through
// (N, log N)). The odd a from the smallest possible numerator (1, or base_p) up
// to the largest one cover every integer in between, so with them the model's
// optimum is exactly the log of the largest product over the allocations with
// k positive parties (Spliddit's choice of chords at 1, 3, 5, ...).
//
// Large numerators (scenario instances reach 1e9 and more). When a party's
// numerators span more than 20,000, its chords start sparse (the first 32 odd
// ones, then about 10% apart) and are refined: the model still over-estimates
// every allocation, so when CBC proves it optimal at a solution whose positive
// numerators all sit on chords, that solution is optimal; otherwise the chord
// at each numerator that was not exact is added and the model is solved again.
// Every round adds a chord, so this ends; in practice after a few rounds. Its
// bound stays a valid upper bound throughout, which gives the gap when the
// time limit stops it.
//
// Statuses: optimal as above; otherwise feasible with the best verified
// allocation (at worst matching_start() below, so never time_limit) and
// gap = exp(bound - log product) - 1, the bound being CBC's or, when CBC has
// none yet, the k largest log(max N_p / D_p).
//
// No MIP start is given to CBC: CBC 2.10.8 sets a start's cutoff with the
// wrong sign in a maximisation (coin-or/Cbc#296; with negative log products it
// returned the start as "optimal"), and crashes in CglPreProcess::postProcess
// when the time limit ends the search just after installing a start.
//
// What "optimal" rests on: CBC works in doubles with tolerances (it prunes a
// node unless it can beat the incumbent by the cutoff increment, 1e-5 by
// default, on the log product; integrality 1e-6), so in principle it could
// take a product within about 1e-5 (relative) of the best for the best. The
// tests saw none: 8,000 random small instances against brute force, and 100
// near-tie ones (2-3 parties, 10-16 items valued up to 1000). The solution is
// rounded and re-checked exactly (a valid allocation with exactly k positive
// parties) before it is returned; the product is compared exactly.
//
// Scaling. A chord's slope log(1 + 1/a) is about 1/a, below 1e-6 once
// numerators pass 10^6; CBC's MIR cut generator (CglMixedIntegerRounding2,
// run by CbcMain1) treats coefficients of magnitude up to 1e-6 as zero, so
// it read such a chord as W_p <= log a - slope a (about log a - 1) and cut off
// the optimum: wrong answers reported optimal on numerators of about 10^7
// (MnwProperty.MipWithLargeNumeratorsEqualsBruteForce; Mnw.MipLargeNumeratorsRegression).
// So the model's variable is N_p / s_p, s_p a power of two with
// max N_p / s_p <= 1000: every chord coefficient is then about 1e-3 or more.
#include "parley/fairdiv/mnw.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>

#include "parley/solve/mip.h"

namespace parley::fairdiv {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// Above this many integers between a party's smallest and largest numerator,
// its chords start sparse and are refined (see the top of the file).
constexpr std::int64_t kDenseRange = 20000;

// The largest N_p / s_p (see Scaling at the top): chord coefficients stay
// about 1 / kScaledRange or more, far above CBC's 1e-6.
constexpr std::int64_t kScaledRange = 1000;

// The first incumbent, before CBC answers: every party of ps positive (its
// matched unit to each), then each remaining unit to the party of the set it
// raises most in ratio (value / numerator so far), greedy on the product.
Allocation matching_start(const GoodsInstance& g, const PositiveSet& ps) {
  const std::size_t m = g.goods.size();
  Allocation a(m, std::vector<int>(at(g.parties), 0));
  std::vector<std::int64_t> numerator(g.base);
  for (int p : ps.parties) {
    const int k = ps.good[at(p)];
    if (k < 0) continue;
    a[at(k)][at(p)] += 1;
    numerator[at(p)] += g.value[at(p)][at(k)];
  }
  for (std::size_t k = 0; k < m; ++k) {
    int left = g.goods[k].units;
    for (int units : a[k]) left -= units;
    for (; left > 0; --left) {
      int best = ps.parties.empty() ? 0 : ps.parties.front();
      for (int p : ps.parties) {
        // value_p / N_p > value_best / N_best, in exact integers (N >= 1 in the set).
        const __int128 lhs = static_cast<__int128>(g.value[at(p)][k]) * numerator[at(best)];
        const __int128 rhs = static_cast<__int128>(g.value[at(best)][k]) * numerator[at(p)];
        if (lhs > rhs) best = p;
      }
      a[k][at(best)] += 1;
      numerator[at(best)] += g.value[at(best)][k];
    }
  }
  return a;
}

// The exact product of the positive parties' utilities: the MNW key after the count.
Rational positive_product(const GoodsInstance& g, const Allocation& a) {
  Rational product = 1;
  for (int p = 0; p < g.parties; ++p) {
    const std::int64_t n = utility_numerator(g, a, p);
    if (n > 0) product *= Rational(n, g.denominator[at(p)]);
  }
  return product;
}

// p's numerator holding every good.
std::int64_t highest_numerator(const GoodsInstance& g, int p) {
  std::int64_t n = g.base[at(p)];
  for (std::size_t k = 0; k < g.goods.size(); ++k) n += g.goods[k].units * g.value[at(p)][k];
  return n;
}

// A bound on the log of the product without the model: the k largest of the
// parties' best possible log utilities, log(max N_p / D_p).
double upper_bound(const GoodsInstance& g, int positive) {
  std::vector<double> best;
  for (int p = 0; p < g.parties; ++p) {
    const std::int64_t highest = highest_numerator(g, p);
    if (highest > 0) {
      best.push_back(std::log(static_cast<double>(highest)) - std::log(static_cast<double>(g.denominator[at(p)])));
    }
  }
  std::sort(best.begin(), best.end(), std::greater<>());
  double sum = 0;
  for (int i = 0; i < positive && i < static_cast<int>(best.size()); ++i) sum += best[at(i)];
  return sum;
}

class MnwModel {
 public:
  MnwModel(const GoodsInstance& g, int positive)
      : g_(g), x_(at(g.parties)), n_(at(g.parties), -1), z_(at(g.parties), -1), w_(at(g.parties), -1),
        scale_(at(g.parties), 1) {
    const std::size_t m = g.goods.size();
    lowest_.assign(at(g.parties), 0);
    highest_.assign(at(g.parties), 0);
    chords_.resize(at(g.parties));
    for (int p = 0; p < g.parties; ++p) {
      highest_[at(p)] = highest_numerator(g, p);
      lowest_[at(p)] = std::max<std::int64_t>(1, g.base[at(p)]);
      while (highest_[at(p)] / scale_[at(p)] > kScaledRange) scale_[at(p)] *= 2;
      for (std::size_t k = 0; k < m; ++k) x_[at(p)].push_back(mip_.add_var(0, g.goods[k].units, 0, true));
    }
    for (std::size_t k = 0; k < m; ++k) {
      std::vector<solver::Term> row;
      for (int p = 0; p < g.parties; ++p) row.push_back({x_[at(p)][k], 1});
      mip_.add_row(std::move(row), g.goods[k].units, g.goods[k].units);
    }
    std::vector<solver::Term> count;
    for (int p = 0; p < g.parties; ++p) {
      if (highest_[at(p)] <= 0) continue;  // never positive: no N, z or W
      // N_p as a variable keeps the chord rows at three entries each; the
      // variable is N_p / s_p (see Scaling at the top).
      const double s = static_cast<double>(scale_[at(p)]);
      n_[at(p)] = mip_.add_var(static_cast<double>(g.base[at(p)]) / s, static_cast<double>(highest_[at(p)]) / s, 0, false);
      std::vector<solver::Term> numerator{{n_[at(p)], s}};
      for (std::size_t k = 0; k < m; ++k) {
        const std::int64_t v = g.value[at(p)][k];
        if (v != 0) numerator.push_back({x_[at(p)][k], -static_cast<double>(v)});
      }
      mip_.add_row(std::move(numerator), static_cast<double>(g.base[at(p)]), static_cast<double>(g.base[at(p)]));
      const double top = std::log(static_cast<double>(highest_[at(p)]));
      w_[at(p)] = mip_.add_var(0, top, 1, false);
      // The positive set varies, and with it whose denominators divide the
      // product: z_p carries -log D_p, so the objective is the log of the
      // product of utilities, not of numerators.
      const double lowest_z = g.base[at(p)] > 0 ? 1 : 0;
      z_[at(p)] = mip_.add_var(lowest_z, 1, -std::log(static_cast<double>(g.denominator[at(p)])), true);
      count.push_back({z_[at(p)], 1});
      if (g.base[at(p)] <= 0) {
        mip_.add_row({{n_[at(p)], s}, {z_[at(p)], -1}}, 0, solver::kInfinity);  // N_p >= z_p
        mip_.add_row({{w_[at(p)], 1}, {z_[at(p)], -top}}, -solver::kInfinity, 0);
      }
      initial_chords(p);
    }
    mip_.add_row(std::move(count), positive, positive);
    mip_.set_maximize(true);
  }

  // Whether p's numerator n lies on one of its chords (so W_p can reach log n exactly).
  bool exact_at(int p, std::int64_t n) const {
    const auto& c = chords_[at(p)];
    return c.count(n) > 0 || c.count(n - 1) > 0;
  }

  void add_chord(int p, std::int64_t a) {
    if (!chords_[at(p)].insert(a).second) return;
    const double ad = static_cast<double>(a);
    const double slope = std::log1p(1.0 / ad);
    // W_p - slope N_p <= log a - slope a   [+ M (1 - z_p)]
    const double rhs = std::log(ad) - slope * ad;
    std::vector<solver::Term> row{{w_[at(p)], 1}, {n_[at(p)], -slope * static_cast<double>(scale_[at(p)])}};
    double big_m = 0;
    if (g_.base[at(p)] <= 0) {
      big_m = std::max(0.0, -(rhs + slope * static_cast<double>(g_.base[at(p)])));
      if (big_m > 0) row.push_back({z_[at(p)], big_m});
    }
    mip_.add_row(std::move(row), -solver::kInfinity, rhs + big_m);
  }

  solver::MipSolution solve(double time_limit) const { return mip_.solve({.time_limit = time_limit}); }

  // The solution's x rounded to an allocation, when it is one.
  std::optional<Allocation> allocation(const solver::MipSolution& s) const {
    Allocation a(g_.goods.size(), std::vector<int>(at(g_.parties), 0));
    for (int p = 0; p < g_.parties; ++p) {
      for (std::size_t k = 0; k < g_.goods.size(); ++k) {
        a[k][at(p)] = static_cast<int>(std::llround(s.values[at(x_[at(p)][k])]));
      }
    }
    if (!is_allocation(g_, a)) return std::nullopt;
    return a;
  }

 private:
  void initial_chords(int p) {
    const std::int64_t low = lowest_[at(p)], high = highest_[at(p)];
    std::int64_t a = low % 2 == 1 ? low : low - 1;  // odd, and N = low lies on it
    if (high - low <= kDenseRange) {
      for (; a <= high; a += 2) add_chord(p, a);
      return;
    }
    for (int i = 0; i < 32 && a <= high; ++i, a += 2) add_chord(p, a);
    for (; a <= high; a = static_cast<std::int64_t>(static_cast<double>(a) * 1.1) | 1) add_chord(p, a);
    add_chord(p, high % 2 == 1 ? high : high - 1);
  }

  const GoodsInstance& g_;
  solver::Mip mip_;
  std::vector<std::vector<int>> x_;  // [p][g]
  std::vector<int> n_, z_, w_;       // [p]: -1 when p can never be positive
  std::vector<std::int64_t> lowest_, highest_;
  std::vector<std::int64_t> scale_;  // [p]: s_p, the model's variable is N_p / s_p
  std::vector<std::set<std::int64_t>> chords_;
};

}  // namespace

MnwResult max_nash_welfare_mip(const GoodsInstance& g, const MnwOptions& options) {
  const auto start_time = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count(); };
  if (g.parties == 0) return {};
  const PositiveSet ps = max_positive_parties(g);
  const int positive = static_cast<int>(ps.parties.size());

  // The best verified allocation so far; the matching start is the first.
  std::optional<Allocation> best;
  Rational best_product;
  auto offer = [&](const Allocation& a) {
    int count = 0;
    for (int p = 0; p < g.parties; ++p) count += utility_numerator(g, a, p) > 0 ? 1 : 0;
    if (count != positive) return;
    Rational product = positive_product(g, a);
    if (!best || product > best_product) {
      best = a;
      best_product = product;
    }
  };
  offer(matching_start(g, ps));

  MnwResult out;
  double bound = upper_bound(g, positive);  // on the log of the product of utilities
  bool proven = positive == 0 || g.goods.empty();  // then every allocation is as good
  if (!proven) {
    MnwModel model(g, positive);
    for (;;) {
      double left = 0;
      if (options.time_limit > 0) {
        left = options.time_limit - elapsed();
        if (left <= 0) break;
      }
      const solver::MipSolution s = model.solve(left);
      out.nodes += s.nodes;
      if (s.status == solver::MipStatus::time_limit) bound = std::min(bound, s.bound);
      if (s.status != solver::MipStatus::optimal && s.status != solver::MipStatus::feasible) break;
      bound = std::min(bound, s.bound);
      const std::optional<Allocation> a = model.allocation(s);
      if (!a) break;
      offer(*a);
      if (s.status != solver::MipStatus::optimal) break;
      // The model over-estimates every allocation and is exact at this one
      // when its positive numerators all lie on chords: then it is optimal.
      bool exact = true;
      for (int p = 0; p < g.parties; ++p) {
        const std::int64_t n = utility_numerator(g, *a, p);
        if (n > 0 && !model.exact_at(p, n)) {
          model.add_chord(p, n);
          exact = false;
        }
      }
      if (exact) {
        proven = true;
        break;
      }
    }
  }

  out.allocation = *best;
  double log_product = 0;
  for (int p = 0; p < g.parties; ++p) {
    const std::int64_t n = utility_numerator(g, out.allocation, p);
    if (n <= 0) continue;
    out.positive_parties.push_back(p);
    log_product += std::log(static_cast<double>(n)) - std::log(static_cast<double>(g.denominator[at(p)]));
  }
  out.positive = static_cast<int>(out.positive_parties.size());
  if (proven) {
    out.status = MnwStatus::optimal;
  } else {
    out.status = MnwStatus::feasible;
    out.gap = std::max(0.0, std::exp(bound - log_product) - 1);
  }
  return out;
}

}  // namespace parley::fairdiv
