#include "parley/optimise/objectives.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "parley/core/common_denominator.h"

namespace parley::optimise::detail {

std::vector<Rational> Scores::sorted(const std::vector<Rational>& u) const {
  std::vector<Rational> v;
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (counts(p)) v.push_back(score(p, u[p]));
  }
  std::sort(v.begin(), v.end());
  return v;
}

namespace {

// "At most `allowed` scored parties have a score below (strict: at or
// below) v": one binary per party lifting its bound down to the least N_p
// the model allows anyway (Model::least_numerator; the smallest big-M, see
// there).
void at_most_below(Model& m, const Scores& sc, const Rational& v, bool strict, std::size_t allowed) {
  std::vector<Term> count;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (!sc.counts(p)) continue;
    const std::int64_t bound = numerator_bound(sc.utility_at(p, v), m.denominator(p), strict);
    const std::int64_t least = m.least_numerator(p);
    if (bound <= least) continue;  // every package the model allows meets it
    if (allowed == 0) {
      m.require_numerator(p, bound);
      continue;
    }
    int b = m.mip.add_var(0, 1, 0, true);
    Lin row = m.utility[p];  // N_p + (bound - least) b >= bound
    row.terms.push_back({b, static_cast<double>(bound - least)});
    add_lin_row(m.mip, row, static_cast<double>(bound), kInfinity);
    count.push_back({b, 1});
  }
  if (allowed > 0 && !count.empty()) m.mip.add_row(std::move(count), -kInfinity, static_cast<double>(allowed));
}

// The least score p can have in a package the model allows, from U_p >= 0
// and the floors it demands: what a big-M must cover.
double least_score(const Model& m, const Scores& sc, std::size_t p) {
  Rational least = sc.score(p, Rational(0));
  for (const Floor& f : m.floors()) {
    if (f.party == p) least = std::max(least, sc.score(p, f.value));
  }
  return to_d(least);
}

// What a leximin search stopped after `level` proved levels can claim: the
// scores are raised one at a time, smallest first, and none may be proved yet.
std::string levels_proved(std::size_t level) {
  if (level == 0) return "not even the smallest score is proved as large as possible";
  if (level == 1) return "leximin proved for the smallest score only";
  return fmt::format("leximin proved for the {} smallest scores only", level);
}

}  // namespace

PackageResult leximin(Run& run, const Scenario& s, const Utilities& u, const Scores& sc, std::size_t levels) {
  Model& m = run.model();
  const std::size_t n = m.parties();
  std::size_t scored = 0;
  for (std::size_t p = 0; p < n; ++p) scored += sc.counts(p) ? 1 : 0;
  if (scored == 0) {  // nothing to compare: any package
    MipSolution sol = run.solve();
    if (!has_solution(sol)) return from_status(sol.status);
    return with_package(sol.status == MipStatus::optimal ? PackageStatus::optimal : PackageStatus::feasible,
                        check_found(s, u, run, sol.values), sol.status == MipStatus::optimal ? 0 : kUnknownGap);
  }
  levels = std::min(levels, scored);
  std::optional<Found> best, start;
  double upper = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (sc.counts(p)) upper = std::max(upper, to_d(sc.score(p, Rational(1))));
  }
  for (std::size_t level = 0; level < levels; ++level) {
    // Maximise t with at most `level` scored parties below it.
    Model::Saved saved = m.save();
    int t = m.mip.add_var(-kInfinity, upper, 1, false);
    std::vector<Term> count;
    for (std::size_t p = 0; p < n; ++p) {
      if (!sc.counts(p)) continue;
      // N_p / (D_p c_p) - r_p / c_p >= t - M b_p, M covering t's range down
      // to p's least score.
      const double k = 1.0 / (static_cast<double>(m.denominator(p)) * to_d(sc.scale[p]));
      std::vector<Term> row;
      for (const Term& term : m.utility[p].terms) row.push_back({term.var, term.coefficient * k});
      row.push_back({t, -1});
      double rhs = to_d(sc.offset[p] / sc.scale[p]) - m.utility[p].constant * k;
      if (level > 0) {
        int b = m.mip.add_var(0, 1, 0, true);
        row.push_back({b, upper - std::min(0.0, least_score(m, sc, p)) + 1});
        count.push_back({b, 1});
      }
      m.mip.add_row(std::move(row), rhs, kInfinity);
    }
    if (!count.empty()) m.mip.add_row(std::move(count), -kInfinity, static_cast<double>(level));
    m.mip.set_maximize(true);
    // With the cuts formulation, a starting package for the first level: the
    // MIP without connectivity, repaired and improved locally; then only
    // packages whose smallest score is at least its smallest are searched.
    if (level == 0 && run.cuts() && m.has_contiguity()) {
      Better by_scores = [&sc](const std::vector<Rational>& a, const std::vector<Rational>& b) {
        return sc.sorted(a) > sc.sorted(b);
      };
      start = starting_package(run, s, u, by_scores);
      if (start) at_most_below(m, sc, sc.sorted(start->utilities)[0], false, 0);
    }
    MipSolution sol = run.solve();
    m.restore(std::move(saved));
    if (!has_solution(sol)) {
      if (!best && start) {  // the first level's search stopped: the starting package is what there is
        return with_package(PackageStatus::feasible, *start, kUnknownGap,
                            "the time limit stopped the search; this package was built from the problem without "
                            "connectivity, repaired and improved region by region");
      }
      if (best) {  // time ran out on a later level
        return with_package(PackageStatus::feasible, *best, kUnknownGap,
                            levels_proved(level));
      }
      return from_status(sol.status);
    }
    Found f = check_found(s, u, run, sol.values);
    // Prove the level exactly: is there a package whose level-th smallest score is larger?
    for (;;) {
      Rational v = sc.sorted(f.utilities)[level];
      Model::Saved before = m.save();
      at_most_below(m, sc, v, true, level);
      m.mip.set_maximize(true);
      MipSolution better = run.solve();
      m.restore(std::move(before));
      if (better.status == MipStatus::infeasible) {
        at_most_below(m, sc, v, false, level);  // fix the level
        best = f;
        break;
      }
      if (!has_solution(better)) {
        return with_package(PackageStatus::feasible, f, kUnknownGap,
                            levels_proved(level));
      }
      Found g = check_found(s, u, run, better.values);
      if (!(sc.sorted(g.utilities)[level] > v)) {
        // Not better after all: CBC accepted a binary within its integrality
        // tolerance that lifts a bound by a fraction of a step (model.h,
        // least_numerator). The level is not proved; asking again would
        // find the same point.
        return with_package(PackageStatus::feasible, f, kUnknownGap,
                            levels_proved(level) + " (the solver's integrality tolerance left the next one "
                                                   "undecided)");
      }
      f = std::move(g);
    }
  }
  return with_package(PackageStatus::optimal, *best);
}

namespace {

// The objective: a variable obj = sum_p weight_p N_p, maximised.
void objective_row(Model& m, const std::vector<double>& weight) {
  int obj = m.mip.add_var(-kInfinity, kInfinity, 1, false);
  std::vector<Term> row{{obj, -1}};
  double constant = 0;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (weight[p] == 0) continue;
    for (const Term& t : m.utility[p].terms) row.push_back({t.var, t.coefficient * weight[p]});
    constant += m.utility[p].constant * weight[p];
  }
  m.mip.add_row(std::move(row), -constant, -constant);
  m.mip.set_maximize(true);
}

// sum_p weight_p n_p >= target on one integer n_p = N_p per party: a row
// sum_p w_p N_p over the issues' binaries puts coefficients of up to L (10^11
// and more) on them, where a binary CBC accepts as integral (within 1e-6)
// moves the sum by 10^5.
void weighted_row(Model& m, const std::vector<double>& weight, double target) {
  std::vector<Term> row;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (weight[p] == 0) continue;
    const int n = m.mip.add_var(0, static_cast<double>(m.denominator(p)), 0, true);
    Lin equal = m.utility[p];  // N_p - n_p = 0
    equal.terms.push_back({n, -1});
    add_lin_row(m.mip, equal, 0, 0);
    row.push_back({n, weight[p]});
  }
  m.mip.add_row(std::move(row), target, kInfinity);
}

bool integral(const std::vector<double>& weight) {
  return std::all_of(weight.begin(), weight.end(),
                     [](double w) { return std::floor(w) == w && std::abs(w) <= kExactLimit; });
}

// sum_p weight_p N_p of a package, exactly (integer weights).
Rational objective_value(const Model& m, const std::vector<double>& weight, const std::vector<Rational>& utilities) {
  Rational v = 0;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (weight[p] != 0) {
      v += Rational(static_cast<std::int64_t>(weight[p])) * utilities[p] * Rational(m.denominator(p));
    }
  }
  return v;
}

// CBC stops once its bound is within max(1e-9, 1e-12 |objective|) of the
// incumbent (solve/mip.cpp): while that is below half a unit, an integer
// objective's optimum is settled by the stop itself.
bool stop_settles(const Rational& value, double cbc_objective) {
  const double v = to_d(value);
  return std::abs(v) * 1e-12 < 0.25 && std::abs(cbc_objective - v) < 0.25;
}

}  // namespace

PackageResult maximise_linear(Run& run, const Scenario& s, const Utilities& u, const std::vector<double>& weight) {
  Model& m = run.model();
  Model::Saved saved = m.save();
  objective_row(m, weight);
  MipSolution sol = run.solve();
  m.restore(std::move(saved));
  if (!has_solution(sol)) return from_status(sol.status);
  Found f = check_found(s, u, run, sol.values);
  auto unproved = [](const Found& best, double gap, std::string note) {
    return with_package(PackageStatus::feasible, best, gap, std::move(note));
  };
  if (sol.status != MipStatus::optimal) {
    return unproved(f, std::abs(sol.bound - sol.objective) / std::max(1.0, std::abs(sol.objective)), "");
  }
  if (!integral(weight)) return with_package(PackageStatus::optimal, f);  // CBC's verdict (see objectives.h)
  Rational value = objective_value(m, weight, f.utilities);
  if (stop_settles(value, sol.objective)) return with_package(PackageStatus::optimal, f);
  // Large values: one unit better, until no package is.
  for (;;) {
    const Rational target = value + 1;
    if (run.out_of_time() || to_d(target) > kExactLimit) {
      return unproved(f, kUnknownGap, "the time limit stopped the proof that no package is one unit better");
    }
    Model::Saved before = m.save();
    weighted_row(m, weight, to_d(target));
    MipSolution better = run.solve();
    m.restore(std::move(before));
    if (better.status == MipStatus::infeasible) return with_package(PackageStatus::optimal, f);
    if (!has_solution(better)) {
      return unproved(f, kUnknownGap, "the time limit stopped the proof that no package is one unit better");
    }
    Found g = check_found(s, u, run, better.values);
    const Rational v = objective_value(m, weight, g.utilities);
    if (!(v > value)) {
      // Accepted within CBC's integrality tolerance, not better exactly:
      // asking again would find the same point.
      return unproved(f, kUnknownGap, "the solver's tolerances left open whether a package one unit better exists");
    }
    f = std::move(g);
    value = v;
  }
}

SumWeights sum_weights(const Model& m) {
  const std::size_t n = m.parties();
  SumWeights w;
  // n sums of at most the common denominator stay exact in doubles, and CBC
  // tells one unit of the sum apart only up to kResolvedDenominator.
  CommonDenominator common(std::min(static_cast<std::int64_t>(kExactLimit) / static_cast<std::int64_t>(n),
                                    kResolvedDenominator));
  w.exact = true;
  for (std::size_t p = 0; p < n && w.exact; ++p) w.exact = common.include(Rational(1, m.denominator(p)));
  w.lcm = common.value();
  w.weight.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    w.weight[p] = w.exact ? static_cast<double>(w.lcm / m.denominator(p)) : 1.0 / static_cast<double>(m.denominator(p));
  }
  return w;
}

void require_sum_at_least(Model& m, const SumWeights& w, const Rational& sum) {
  // Inexact weights: the sum in doubles, less the solver's tolerance.
  weighted_row(m, w.weight, w.exact ? to_d(sum * Rational(w.lcm)) : to_d(sum) - 1e-9);
  m.record_sum_floor({sum, w.exact});
}

}  // namespace parley::optimise::detail
