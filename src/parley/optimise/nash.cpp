// nash and mnw: the Nash product under tangent cuts, and the count-then-product
// order for when not every party can gain (objectives.h).
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "parley/optimise/objectives.h"

namespace parley::optimise::detail {

namespace {

// Tangents per party added between the least gain a package as good as the
// starting one can give and the largest.
constexpr int kDenseTangents = 400;

// The objective is kLogScale times the sum of logarithms. CBC only looks for
// solutions better than the incumbent by its cutoff increment (1e-5 in
// objective units) and stops within a relative 1e-12 of its bound
// (solve/mip.cpp): unscaled, a package whose product is larger by a relative
// 1e-5 or less was missed (one party's utility one step of 1/105842 higher,
// found by the property tests). Scaled by 10^6, what CBC cannot tell apart is
// about 10^-11 in the sum of logarithms (margin()). The finer that is, the
// more often the spacing of the products alone proves the optimum
// (prove_product) without a further MIP: at 10^4, with 1e-9 trusted, 3 of the
// benchmark's ten 250-region maps were proved within 60 s (one run each,
// PARLEY_BENCH_PACKAGE=goal); at 10^6, 6, 5 of them in under 30 s.
constexpr double kLogScale = 1e6;

// How far CBC's verdicts on the sum of logarithms are trusted: twice what it
// cannot tell apart (see kLogScale), relative to the sum (at least 1).
// Products closer than that are told apart exactly (prove_product), never
// by the solver.
double margin(double log_value) { return 2e-11 * std::max(1.0, std::abs(log_value)); }

// Packages the exact proof may set aside one by one (those within the
// solver's tolerance of the best) before it gives up.
constexpr int kMostSetAside = 50;

// The sum of the members' logarithms of U_p - offset_p under tangent cuts: a
// variable w_p per member with w_p <= log g - 1 + (U_p - offset_p) / g for
// each tangent point g. log is concave, so every tangent lies above it and
// the sum of w is an over-estimate: a true bound, as long as the rows are
// (see add).
class Tangents {
 public:
  Tangents(Model& m, const std::vector<Rational>& offset, const std::vector<bool>& members)
      : m_(m), offset_(offset), members_(members), w_(m.parties(), -1), numerator_(m.parties(), -1),
        largest_(m.parties()), points_(m.parties()) {
    for (std::size_t p = 0; p < m.parties(); ++p) {
      if (!members[p]) continue;
      // numerator = N_p
      numerator_[p] = m.mip.add_var(-kInfinity, kInfinity, 0, false);
      std::vector<Term> row{{numerator_[p], 1}};
      for (const Term& t : m.utility[p].terms) row.push_back({t.var, -t.coefficient});
      m.mip.add_row(std::move(row), m.utility[p].constant, m.utility[p].constant);
      // The least positive gain: N_p = floor(r_p D_p) + 1 (less than 1/D_p
      // when r_p D_p is not an integer). Every tangent at any g > 0 is at
      // least log(smallest) there, so w's lower bound below cuts nothing off.
      const std::int64_t d = m.denominator(p);
      const double smallest =
          std::max(1e-300, to_d(Rational(numerator_bound(offset[p], d, true), d) - offset[p]));
      largest_[p] = std::max(smallest, 1 - to_d(offset[p]));  // the largest gain
      w_[p] = m.mip.add_var(std::log(smallest) - 1, std::log(largest_[p]) + 1, kLogScale, false);
      for (int k = 0; k <= 16; ++k) add(p, smallest * std::pow(largest_[p] / smallest, k / 16.0));
    }
  }

  double largest(std::size_t p) const { return largest_[p]; }
  std::size_t count() const {
    std::size_t c = 0;
    for (const auto& g : points_) c += g.size();
    return c;
  }

  // The tangent at gain g, on the variable holding N (two terms a row, so
  // that hundreds of tangents cost the LP little). In doubles the row's
  // constant and coefficient are rounded; raised by a bound on that
  // rounding (a few units in the last place of each term: |log g| + 1,
  // r / g, and N / (D g) <= 1 / g), it stays above log at every N.
  void add(std::size_t p, double g) {
    if (!(g > 0) || !points_[p].insert(g).second) return;
    const double k = 1.0 / (static_cast<double>(m_.denominator(p)) * g);
    const double r = to_d(offset_[p]);
    const double rounding = 8 * std::numeric_limits<double>::epsilon() *
                            (std::abs(std::log(g)) + 1 + (std::abs(r) + 1) / g);
    m_.mip.add_row({{w_[p], 1}, {numerator_[p], -k}}, -kInfinity, std::log(g) - 1 - r / g + rounding);
  }
  // Tangents at every member's gain in the package; whether any was new.
  bool add_at(const std::vector<Rational>& utilities) {
    const std::size_t before = count();
    for (std::size_t p = 0; p < m_.parties(); ++p) {
      if (members_[p]) add(p, to_d(utilities[p] - offset_[p]));
    }
    return count() > before;
  }
  // Only packages whose sum of logarithms is at least log_value (less the
  // margin) are searched.
  void at_least(double log_value) {
    std::vector<Term> row;
    for (std::size_t p = 0; p < m_.parties(); ++p) {
      if (members_[p]) row.push_back({w_[p], 1});
    }
    m_.mip.add_row(std::move(row), log_value - margin(log_value), kInfinity);
    // Nearly the same as the objective's cutoff: CBC then prunes nodes by
    // their bound and fixes regions by reduced cost from the start, as with
    // an incumbent, which it otherwise lacks (the repaired start is not given
    // to it). A node's bound is only as exact as CLP's dual tolerance (1e-7
    // on each of hundreds of reduced costs), so the cutoff sits well below
    // the row (one objective unit, 1e-6 in the sum of logarithms, or a
    // relative 1e-9): what is proved rests on the row, not on the cutoff.
    m_.mip.set_cutoff(kLogScale * (log_value - 2 * margin(log_value)) -
                      std::max(1.0, 1e-9 * kLogScale * std::abs(log_value)));
  }

 private:
  Model& m_;
  const std::vector<Rational>& offset_;
  const std::vector<bool>& members_;
  std::vector<int> w_, numerator_;
  std::vector<double> largest_;
  std::vector<std::set<double>> points_;
};

// Every two products of the members' gains differ by a multiple of this:
// U_p - r_p is a multiple of 1/(D_p q_p), r_p = a/q_p. nullopt when a
// reservation is too large to say.
std::optional<Rational> product_spacing(const Model& m, const std::vector<Rational>& offset,
                                        const std::vector<bool>& members) {
  Rational spacing = 1;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (!members[p]) continue;
    if (offset[p].is_big()) return std::nullopt;
    spacing *= Rational(1, m.denominator(p)) * Rational(1, offset[p].small_denominator());
  }
  return spacing;
}

// Whether every member's gain in `u` is at most its gain in `than`: then u's
// product is at most than's.
bool dominated(const std::vector<Rational>& u, const std::vector<Rational>& than, const std::vector<bool>& members) {
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (members[p] && u[p] > than[p]) return false;
  }
  return true;
}

// The proof that no package has a larger product of the members' gains than
// best, which the tangent MIP found within the solver's tolerance of its
// bound (`bound`, a sum of logarithms). The solver cannot tell apart
// products closer than margin(), so closeness is settled exactly:
//  - a package better than best has a product at least best's + spacing
//    (product_spacing); if the bound is below that by the margin, done;
//    otherwise only packages whose sum of logarithms reaches it (less the
//    margin) are searched for;
//  - each package found is made the best of those with its terms other than
//    the shares (by polish_shares where exchange_settles_shares holds, by
//    first_order_settles, by best_split where the shares have few splits),
//    and those terms are then excluded (Model::exclude_fixed_terms);
//    otherwise tangents at the package found make the bound exact there.
// "No package left" is the proof. Otherwise (the time limit, more than
// kMostSetAside packages within the tolerance, a package the solver's
// tolerance brings back) best is `feasible`, with the bound's gap and the margin.
PackageResult prove_product(Run& run, const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                            const std::vector<bool>& members, Tangents& tangents, Found best, double bound) {
  Model& m = run.model();
  const bool exchange = exchange_settles_shares(s, run, u);
  const std::optional<Rational> spacing = product_spacing(m, offset, members);
  // Made the best of the packages with its terms other than the shares:
  // by exchanging steps where that is a proof, by the first-order condition,
  // by trying every split where there are few; otherwise only polished, and false.
  auto settled = [&](Found& f) {
    const bool polished = polish_shares(s, u, run, offset, members, f);
    return (polished && exchange) || first_order_settles(s, u, offset, members, f) ||
           best_split(s, u, run, offset, members, f);
  };
  std::vector<Outcome> excluded;
  // Excludes f's terms other than the shares; false when nothing is left.
  auto exclude = [&](const Outcome& o) {
    excluded.push_back(o);
    return m.exclude_fixed_terms(o);
  };
  std::string why;
  std::optional<std::vector<Rational>> dominance_cut;  // the package add_some_above last left behind
  Model::Saved saved = m.save();
  // log(1 + spacing / product): how much larger a better package's sum of logarithms is at least.
  auto beyond = [&](const Rational& product) { return spacing ? std::log1p(to_d(*spacing / product)) : 0.0; };
  bool best_settled = settled(best);
  tangents.add_at(best.utilities);
  bool proved = false;
  {
    // The solver's bound may already leave no room for a better product.
    Rational product;
    const double best_log = sum_of_log_gains(best.utilities, offset, members, &product);
    proved = beyond(product) > std::max(0.0, bound - best_log) + 2 * margin(best_log);
  }
  proved = proved || (best_settled && !exclude(best.outcome));
  for (int round = 0; !proved; ++round) {
    Rational product;
    const double best_log = sum_of_log_gains(best.utilities, offset, members, &product);
    if (run.out_of_time()) {
      why = "the time limit stopped the exact proof";
      break;
    }
    if (round == kMostSetAside) {
      why = fmt::format("more than {} packages come that close to it", kMostSetAside);
      break;
    }
    const double above = beyond(product);
    if (!best_settled && above <= 2 * margin(best_log)) {
      // best itself would reach the bar: no search can come back empty.
      why = exchange ? "the time limit stopped the exchange of share steps"
                     : "products this close are not told apart by the solver, and the shares are not settled "
                       "exactly here: a rule or red line names a share, or a party values more than one, so "
                       "exchanging steps proves nothing; the split is not where the gradient says it is best; and "
                       "there are too many splits to try";
      break;
    }
    Model::Saved before = m.save();
    tangents.at_least(best_log + above);
    MipSolution sol = run.solve();
    m.restore(std::move(before));
    if (sol.status == MipStatus::infeasible) {
      proved = true;
      break;
    }
    if (!has_solution(sol)) {
      why = "the time limit stopped the exact proof";
      break;
    }
    Found g = check_found(s, u, run, sol.values);
    const bool set_aside = std::any_of(excluded.begin(), excluded.end(),
                                       [&](const Outcome& o) { return same_fixed_terms(s, o, g.outcome); });
    if (set_aside) {
      why = "the solver's tolerance brought back a package the proof had set aside";
      break;
    }
    Rational g_product;
    sum_of_log_gains(g.utilities, offset, members, &g_product);
    const bool better = g_product > product;
    if (!better && dominated(g.utilities, best.utilities, members)) {
      if (dominance_cut && *dominance_cut == best.utilities) {
        why = "the solver's tolerance brought back a package the proof had ruled out";
        break;
      }
      // Every package with a larger product gives some member more than
      // best does: what goes is every package best dominates, however many
      // (a tie over issues no member cares about had them set aside one at a
      // time, past kMostSetAside).
      m.add_some_above(best.utilities, members);
      dominance_cut = best.utilities;
      continue;
    }
    const bool g_settled = settled(g);
    if (better) {
      best = g;
      best_settled = g_settled;
    }
    if (g_settled) {
      if (!exclude(g.outcome)) proved = true;
      continue;
    }
    if (!tangents.add_at(g.utilities) && !better) {
      why = "the solver's tolerance brought back a package the proof had ruled out";
      break;
    }
  }
  m.restore(std::move(saved));
  if (proved) return with_package(PackageStatus::optimal, best);
  const double best_log = sum_of_log_gains(best.utilities, offset, members);
  const double gap = std::isfinite(bound) ? std::expm1(std::max(0.0, bound - best_log) + margin(best_log)) : kUnknownGap;
  return with_package(PackageStatus::feasible, best, gap,
                      "no package's product is larger by more than the solver's tolerance; that none is larger at "
                      "all is not proved: " + why);
}

}  // namespace

PackageResult nash_product(Run& run, const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                           const std::vector<bool>& members, const Better& better, bool with_start,
                           double at_least_log) {
  Model& m = run.model();
  const std::size_t n = m.parties();
  const bool everyone = std::all_of(members.begin(), members.end(), [](bool b) { return b; });
  Tangents tangents(m, offset, members);
  if (std::isfinite(at_least_log)) tangents.at_least(at_least_log);
  m.mip.set_maximize(true);
  std::optional<Found> best;
  double best_log = -kInfinity;
  double proven_bound = kInfinity;  // every earlier MIP's bound is a true bound (fewer tangents)
  Rational best_product;
  // Only the product over every party bounds what run.log_bound speaks of.
  auto note_bound = [&](double bound) {
    if (everyone) run.log_bound = std::min(run.log_bound, bound);
  };
  // With the cuts formulation, a starting package: the tangent MIP without
  // connectivity (quick), repaired to a connected package and improved
  // locally (every demand of the model re-checked, so every member gains).
  // Then only packages at least as good are searched for (a row sum w >=
  // its logarithm; the tangents over-estimate, so none is lost), and if
  // there is none the starting package is the optimum.
  if (with_start && run.cuts() && m.has_contiguity()) {
    std::optional<Found> start = starting_package(run, s, u, better);
    if (start) {
      const double start_log = sum_of_log_gains(start->utilities, offset, members);
      if (start_log >= at_least_log) {
        best = *start;
        best_log = sum_of_log_gains(start->utilities, offset, members, &best_product);
      }
    }
    if (best) {
      // Every package at least as good gives party p a gain of at least
      // exp(best_log - sum of the others' largest logarithms): dense
      // tangents there make the bound tight enough that few refinement
      // rounds (each a whole MIP) are needed.
      double largest_logs = 0;
      for (std::size_t p = 0; p < n; ++p) largest_logs += members[p] ? std::log(tangents.largest(p)) : 0;
      for (std::size_t p = 0; p < n; ++p) {
        if (!members[p]) continue;
        const double largest = tangents.largest(p);
        const double least = std::exp(best_log - (largest_logs - std::log(largest)));
        if (!(least > 0) || !(least < largest)) continue;
        for (int k = 0; k <= kDenseTangents; ++k) {
          tangents.add(p, least * std::pow(largest / least, k / double(kDenseTangents)));
        }
      }
      tangents.at_least(best_log);
    }
  }
  double searched_from = best ? best_log : -kInfinity;  // the at_least row in the model
  for (;;) {
    MipSolution sol = run.solve();
    sol.objective /= kLogScale;  // back to the sum of logarithms
    sol.bound /= kLogScale;
    if (best && sol.status == MipStatus::infeasible) {
      // No package's sum of logarithms reaches the best package's (the
      // starting one's, or the best found before this search; less the
      // margin): none is better.
      return with_package(PackageStatus::optimal, *best);
    }
    if (!has_solution(sol)) {
      const bool bounded = sol.status == MipStatus::time_limit && std::isfinite(sol.bound) && std::abs(sol.bound) < 1e6;
      if (bounded) proven_bound = std::min(proven_bound, sol.bound);
      if (!best) {
        // CBC's bound is still a true bound on the sum of logarithms: kept
        // so that a repaired package can say how far it may be from the best.
        if (bounded) note_bound(sol.bound);
        return from_status(sol.status);
      }
      note_bound(proven_bound);
      return with_package(PackageStatus::feasible, *best,
                          std::isfinite(proven_bound) ? std::max(0.0, std::expm1(proven_bound - best_log)) : kUnknownGap,
                          "the time limit stopped the search for a better package than this one");
    }
    Found f = check_found(s, u, run, sol.values);
    Rational product;
    const double log_value = sum_of_log_gains(f.utilities, offset, members, &product);
    if (!best || product > best_product) {
      best = f;
      best_product = product;
      best_log = log_value;
    }
    const double bound = sol.status == MipStatus::optimal ? sol.objective : sol.bound;
    proven_bound = std::min(proven_bound, bound);
    if (sol.status != MipStatus::optimal || run.out_of_time()) {
      note_bound(bound);
      return with_package(PackageStatus::feasible, *best, std::max(0.0, std::expm1(bound - best_log)),
                          "the time limit stopped the refinement of the Nash product's bound");
    }
    // Within the solver's tolerance of the bound, or the incumbent's
    // tangents all in (the bound is its value up to rounding): what is left
    // is closer than the solver can see, for the exact proof.
    if (bound <= best_log + margin(best_log) || !tangents.add_at(f.utilities)) {
      note_bound(bound);
      return prove_product(run, s, u, offset, members, tangents, *best, proven_bound);
    }
    // The next search looks only for packages at least as good as the best
    // so far (the row and the objective's cutoff): otherwise it starts from
    // nothing and must find that package again before it can prune by it
    // (on a 250-region grid the first search found and proved the optimum
    // under its tangents in 13 s, the refined one had not in the 42 s left).
    if (best_log > searched_from) {
      tangents.at_least(best_log);
      searched_from = best_log;
    }
  }
}

namespace {

// The sets of k of n parties in lexicographic order, `first` first.
class Sets {
 public:
  Sets(std::size_t n, std::size_t k, std::vector<bool> first) : n_(n), k_(k), first_(std::move(first)) {}

  // The next set; false when there is none.
  bool next(std::vector<bool>& set) {
    for (;;) {
      if (!started_) {
        started_ = true;
        set = first_;
        for (std::size_t j = 0; j < k_; ++j) index_.push_back(j);
        return true;
      }
      if (done_) return false;
      std::vector<bool> candidate(n_, false);
      for (std::size_t j : index_) candidate[j] = true;
      advance();
      if (candidate == first_) continue;
      set = std::move(candidate);
      return true;
    }
  }

 private:
  std::size_t n_, k_;
  std::vector<bool> first_;
  std::vector<std::size_t> index_;
  bool started_ = false, done_ = false;

  void advance() {
    std::size_t j = k_;
    while (j > 0 && index_[j - 1] == n_ - k_ + j - 1) --j;
    if (j == 0) {
      done_ = true;
      return;
    }
    ++index_[j - 1];
    for (std::size_t i = j; i < k_; ++i) index_[i] = index_[i - 1] + 1;
  }
};

// C(n, k), saturating.
double sets_of(std::size_t n, std::size_t k) {
  double c = 1;
  for (std::size_t j = 1; j <= k; ++j) c = c * static_cast<double>(n - k + j) / static_cast<double>(j);
  return std::round(c);
}

}  // namespace

PackageResult most_gains_then_product(Run& run, const Scenario& s, const Utilities& u,
                                      const std::vector<Rational>& offset, const Better& better, bool with_start) {
  Model& m = run.model();
  const std::size_t n = m.parties();
  auto gaining = [&](const std::vector<Rational>& utilities) {
    std::vector<bool> g(n);
    for (std::size_t p = 0; p < n; ++p) g[p] = utilities[p] > offset[p];
    return g;
  };
  // Every party gains: the Nash product.
  {
    Model::Saved saved = m.save();
    for (std::size_t p = 0; p < n; ++p) m.require_floor(p, offset[p], true);
    PackageResult all = nash_product(run, s, u, offset, std::vector<bool>(n, true), better, with_start);
    m.restore(std::move(saved));
    if (all.status != PackageStatus::infeasible) return all;
  }
  // The most parties that can gain together: z_p = 1 only if
  // N_p >= floor(offset_p D_p) + 1, written from the least N_p the model
  // allows (Model::least_numerator: with the reservation's row in, nash's
  // coefficient on z_p is 0 or 1, never a big-M that a z_p CBC accepts as
  // integral at 1 - 1e-7 would defeat).
  MipSolution counted;
  {
    Model::Saved saved = m.save();
    for (std::size_t p = 0; p < n; ++p) {
      const std::int64_t above = numerator_bound(offset[p], m.denominator(p), true);
      const std::int64_t least = m.least_numerator(p);
      const int z = m.mip.add_var(0, 1, 1, true);
      if (above <= least) continue;  // p gains in every package the model allows
      Lin row = m.utility[p];  // N_p - (above - least) z_p >= least
      row.terms.push_back({z, -static_cast<double>(above - least)});
      add_lin_row(m.mip, row, static_cast<double>(least), kInfinity);
    }
    m.mip.set_maximize(true);
    counted = run.solve();
    m.restore(std::move(saved));
  }
  if (!has_solution(counted)) return from_status(counted.status);  // infeasible: no package at all
  const Found most = check_found(s, u, run, counted.values);
  // The exact count of the package found; with the MIP optimal it is the
  // largest (z_p = 1 needs a gain, and the objective is an integer).
  const std::vector<bool> first = gaining(most.utilities);
  const auto k = static_cast<std::size_t>(std::count(first.begin(), first.end(), true));
  if (counted.status != MipStatus::optimal) {
    return with_package(PackageStatus::feasible, most, kUnknownGap,
                        fmt::format("the time limit stopped the search for the most parties that can gain together "
                                    "({} do here)", k));
  }
  if (counted.objective > static_cast<double>(k) + 0.5) {
    // More counted than gain exactly: a z_p CBC took as 1 within its
    // integrality tolerance (model.h, least_numerator). Not proved.
    return with_package(PackageStatus::feasible, most, kUnknownGap,
                        fmt::format("the solver's integrality tolerance left the most parties that can gain together "
                                    "undecided ({} do here)", k));
  }
  if (k == 0) return with_package(PackageStatus::optimal, most);  // no party can gain: every package is as good
  // The largest product over each set of k parties that can gain together,
  // starting with the set the count found. Each set's search looks only for
  // packages at least as good as the best so far.
  Found best = most;
  Rational best_product;
  sum_of_log_gains(most.utilities, offset, first, &best_product);
  const double total = sets_of(n, k);
  std::size_t tried = 0;
  bool proved = true;
  std::string why;  // what the first set left unproved
  Sets sets(n, k, first);
  for (std::vector<bool> set; tried < kMaxGainingSets && sets.next(set); ++tried) {
    if (run.out_of_time()) {
      proved = false;
      break;
    }
    Model::Saved saved = m.save();
    for (std::size_t p = 0; p < n; ++p) {
      if (set[p]) m.require_floor(p, offset[p], true);
    }
    const double at_least = tried == 0 ? -kInfinity : sum_of_log_gains(best.utilities, offset, gaining(best.utilities));
    PackageResult r = nash_product(run, s, u, offset, set, better, with_start, at_least);
    m.restore(std::move(saved));
    if (r.status == PackageStatus::infeasible) continue;  // no package as good with these k gaining
    if (r.status != PackageStatus::optimal && proved) {
      proved = false;
      why = r.note;
    }
    if (r.status == PackageStatus::time_limit) continue;
    Rational product;
    sum_of_log_gains(r.utilities, offset, set, &product);
    if (product > best_product) {
      best = Found{r.outcome, r.utilities};
      best_product = product;
    }
  }
  if (proved && static_cast<double>(tried) >= total) return with_package(PackageStatus::optimal, best);
  std::string note = fmt::format("at most {} parties can gain together (proved); ", k);
  if (!proved) {
    note += "the largest product of their gains is not proved: " +
            (why.empty() ? std::string("the time limit stopped the search") : why);
  } else {
    note += fmt::format("the largest product of their gains was searched for over {} of the {} sets of {} parties",
                        tried, total, k);
  }
  return with_package(PackageStatus::feasible, best, kUnknownGap, note);
}

}  // namespace parley::optimise::detail
