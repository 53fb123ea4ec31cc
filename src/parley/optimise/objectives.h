// Internal to the package optimiser: only optimise/*.cpp include this header.
//
// The objectives, each over the packages the model allows as it stands
// (every demand added to run.model() before the call holds for the answer):
// leximin on affine scores (egalitarian, leximin, ks, the smallest gain of an
// improvement), the Nash product of gains under tangent cuts, the
// count-then-product order of nash and mnw, and linear objectives.
//
//   Scores sc{.offset = reservations, .scale = ones};
//   PackageResult r = leximin(run, scenario, utilities, sc);        // egalitarian
//   PackageResult q = most_gains_then_product(run, scenario, utilities, reservations,
//                                             better_by(scenario, Method::nash), true);
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "parley/optimise/repair.h"

namespace parley::optimise::detail {

// Scores s_p = (U_p - r_p) / c_p of the scored parties, compared leximin. In N_p terms:
// s_p >= v  <=>  N_p >= ceil((v c_p + r_p) D_p);  s_p > v  <=>  N_p >= floor(...) + 1.
struct Scores {
  std::vector<Rational> offset;  // r_p
  std::vector<Rational> scale;   // c_p > 0 for every scored party
  // The parties scored (empty: all). One left out is in no comparison, as if
  // its score were larger than anyone's (ks's parties with I_p = r_p).
  std::vector<bool> scored;

  bool counts(std::size_t p) const { return scored.empty() || scored[p]; }
  Rational score(std::size_t p, const Rational& utility) const { return (utility - offset[p]) / scale[p]; }
  // The scored parties' scores, increasing.
  std::vector<Rational> sorted(const std::vector<Rational>& u) const;
  // The utility at which p's score is v.
  Rational utility_at(std::size_t p, const Rational& v) const { return v * scale[p] + offset[p]; }
};

// Leximin on the scores over the packages the model allows: the smallest
// score maximised, then the second smallest, ..., `levels` of them (all by
// default), each proved exactly. With `levels` short of all, the model keeps
// rows fixing the levels proved, for a tie-break to follow. No scored party:
// any package.
PackageResult leximin(Run& run, const Scenario& s, const Utilities& u, const Scores& sc,
                      std::size_t levels = std::numeric_limits<std::size_t>::max());

// Maximise the product of the members' gains U_p - offset_p: the sum of
// logarithms under tangent cuts refined at each incumbent, then an exact proof
// (nash.cpp) that no package's product is larger; `feasible`, with the gap
// the solver's bound gives and a note saying why, where there is none. The
// model must already demand U_p > offset_p of every member. `better` orders
// starting packages (with_start: the cuts formulation on a map may start from
// a repaired package; false when the model holds rows a starting package is
// not checked against). at_least_log: only packages whose sum of logarithms
// is at least this are searched (infeasible: none is).
PackageResult nash_product(Run& run, const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                           const std::vector<bool>& members, const Better& better, bool with_start,
                           double at_least_log = -std::numeric_limits<double>::infinity());

// Moves steps of the shares (not agreed) from one party to another while
// that makes the product of the members' gains U_p - offset_p larger, in
// exact arithmetic, keeping every demand of the model (violation()); the
// other terms stay as they are. True when it stopped because no single step
// of a share from one party to another that keeps every demand makes the
// product larger; false when the time limit (or a cap on the moves) stopped it.
bool polish_shares(const Scenario& s, const Utilities& u, const Run& run, const std::vector<Rational>& offset,
                   const std::vector<bool>& members, Found& f);

// With the terms other than the shares as in f, every split of the shares
// (not agreed) on their steps, if there are at most 20,000: f becomes the one
// with the largest product of the members' gains that meets every demand of
// the model (violation()), and the answer is true. False, f unchanged, when
// there are more or the time limit stopped it.
bool best_split(const Scenario& s, const Utilities& u, const Run& run, const std::vector<Rational>& offset,
                const std::vector<bool>& members, Found& f);

// Whether f's shares are the best for its other terms by the first-order
// condition of a concave function: for every y, log-product(y) <=
// log-product(x) + gradient(x) . (y - x), and over every split of the shares
// (a superset of those the demands allow) the right side is largest at x
// when each share is held only by parties whose gradient, w_p / (U_p -
// offset_p), is the largest for it (0 for a non-member). Exact, and valid
// under any rules and however many shares a party values; it holds at
// corners (a share all to one party) and where the continuous optimum falls
// on the steps.
bool first_order_settles(const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                         const std::vector<bool>& members, const Found& f);

// Whether a package polish_shares leaves with `true` has the largest product
// of every package with the same terms other than the shares. It does when no
// kept rule or red line names a share (not agreed), the model demands nothing
// of the sum but its proven largest value and no "some party above", and each
// party values at most one share: the logarithm of the product is then a sum
// of concave functions, one per party of its steps of its one share, over
// "each share's steps add up" within bounds on single parties' steps (the
// floors U_p >= r_p and U_p > offset_p; the largest sum allows exactly the
// parties valuing a share most to hold it), and for such a separable concave
// function a point no single exchange of one step improves is a maximum
// (the greedy theorem of resource allocation: Gross 1956; in Murota,
// Discrete Convex Analysis, 2003, M-natural-concave functions). With a party
// valuing two shares it is not: a values shares x and y 1 and 1.01, b values
// them 1.01 and 1, steps of 1/2; giving each half of both, no single step
// helps, and giving x to b and y to a is better for both.
bool exchange_settles_shares(const Scenario& s, const Run& run, const Utilities& u);

// Whether a and b agree on every term other than the shares.
bool same_fixed_terms(const Scenario& s, const Outcome& a, const Outcome& b);

// nash (offset: reservations) and mnw (offset: zeros): first the most parties
// with U_p > offset_p, then the largest product of those parties' gains
// (docs/cli.md). When every party can gain together, that is nash_product
// over all of them. Otherwise a MIP finds the largest number k that can, and
// nash_product runs on each set of k parties, up to kMaxGainingSets of them
// (every set for up to 8 parties): beyond that the answer is the best over the
// sets tried, `feasible` with an unknown gap and a note saying so.
inline constexpr std::size_t kMaxGainingSets = 70;
PackageResult most_gains_then_product(Run& run, const Scenario& s, const Utilities& u,
                                      const std::vector<Rational>& offset, const Better& better, bool with_start);

// Maximise sum_p weight_p N_p; the answer is re-checked; infeasible or
// time_limit without one. With integer weights (a utility N_p, or a sum of
// utilities scaled to integers) the objective is an integer, computed
// exactly for the answer, and `optimal` is proved: by CBC's stopping rule
// while that is finer than one unit, otherwise by asking for a package one
// unit better until there is none. With other weights `optimal` is CBC's
// verdict, within its tolerance: callers must not pass that on as a proof.
PackageResult maximise_linear(Run& run, const Scenario& s, const Utilities& u, const std::vector<double>& weight);

// Weights w_p making sum_p w_p N_p = L * sum_p U_p with L the least common
// multiple of the D_p, integers, when L * n fits in 2^53 (exact); otherwise
// w_p = 1 / D_p (not exact: the sum is then optimal up to CBC's tolerance).
struct SumWeights {
  std::vector<double> weight;
  bool exact = false;
  std::int64_t lcm = 1;
};
SumWeights sum_weights(const Model& m);
// Demands sum_p U_p >= sum (exactly when the weights are exact; otherwise
// less the solver's 1e-9), as a row of the search, and records it
// (Model::record_sum_floor). `sum` is the proven largest (utilitarian's
// tie-break, the one use; exchange_settles_shares relies on it).
void require_sum_at_least(Model& m, const SumWeights& w, const Rational& sum);

}  // namespace parley::optimise::detail
