// Bargaining solutions on an exact frontier (docs/cli.md, "Methods for solve").
//
//   std::vector<std::vector<Rational>> points = ...;     // utilities of each frontier point
//   std::optional<std::size_t> k = choose(points, reservations, Method::nash);
//   if (!k) say("no package gives every party at least its reservation");
//
// Acceptable means individually rational: a point is eligible when it gives
// every party at least its reservation (U_p >= r_p). Only the points given
// count: the frontier engine passes the exact Pareto frontier of the
// feasible, individually rational outcomes, and every method here picks a
// Pareto-optimal outcome, so choosing among those points is choosing among all
// outcomes. Ties go to the earliest point (the frontier's order), after each
// method's own tie-breaks. The scores, compared lexicographically:
//
// - nash: (how many parties gain, U_p > r_p; the product of those gains).
//   With every party gaining this is the Nash product; when no eligible point
//   gives every party a gain, the most parties gaining comes first, so an
//   individually rational point is never passed over for "no agreement".
// - ks: the ratios (U_p - r_p) / (I_p - r_p) sorted increasingly (the
//   smallest first, then leximin), I_p = p's best over the eligible points.
//   A party with I_p = r_p gets exactly r_p at every eligible point: its
//   ratio counts as 1, so it never limits the minimum. Leximin on the ratios
//   already breaks ties by Pareto: a point that dominates another has a
//   leximin-larger ratio vector (the degenerate parties cannot differ).
// - egalitarian: the gains U_p - r_p sorted increasingly (leximin).
// - utilitarian: (sum of U_p; then nash's score).
// - mnw: (how many parties have U_p > 0; the product of those utilities).
// - leximin: the utilities sorted increasingly.
#pragma once

#include <optional>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/method.h"

namespace parley {

// Each party's best utility over the points (the ideal point I_p); empty for no points.
std::vector<Rational> ideal_point(const std::vector<std::vector<Rational>>& points);

// The best eligible point under `method`; nullopt when no point gives every
// party at least its reservation (or `method` is a procedure, not a solution
// concept). KS's ideal point is taken over the eligible points given.
std::optional<std::size_t> choose(const std::vector<std::vector<Rational>>& points,
                                  const std::vector<Rational>& reservations, Method method);

// The same with KS's ideal point given: for callers that know it over more
// outcomes than the points passed (the package optimiser comparing two
// packages). Other methods ignore `ideal`.
std::optional<std::size_t> choose(const std::vector<std::vector<Rational>>& points,
                                  const std::vector<Rational>& reservations, Method method,
                                  const std::vector<Rational>& ideal);

// The indices of a minimal set of parties whose reservations cannot all be
// met together (U_p >= r_p) by any of the points (dropping any one of them
// makes it possible); empty when some point meets every reservation.
std::vector<int> reservation_conflict(const std::vector<std::vector<Rational>>& points,
                                      const std::vector<Rational>& reservations);

}  // namespace parley
