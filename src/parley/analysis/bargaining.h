// Bargaining solutions on an exact frontier (docs/cli.md, "Methods for solve").
//
//   std::vector<std::vector<Rational>> points = ...;     // utilities of each frontier point
//   std::optional<std::size_t> k = choose(points, reservations, Method::nash);
//   if (!k) say("no package gives every party more than its reservation");
//
// Every method here picks a Pareto-optimal outcome, so choosing among the
// points of the exact frontier of the feasible, individually rational outcomes
// is choosing among all outcomes. Only points that give every party strictly
// more than its reservation are eligible. Ties go to the earliest point (the
// frontier's order), after each method's own tie-breaks.
#pragma once

#include <optional>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/method.h"

namespace parley {

// Each party's best utility over the points (the ideal point I_p); empty for no points.
std::vector<Rational> ideal_point(const std::vector<std::vector<Rational>>& points);

std::optional<std::size_t> choose(const std::vector<std::vector<Rational>>& points,
                                  const std::vector<Rational>& reservations, Method method);

// The indices of a minimal set of parties whose reservations cannot all be
// exceeded together by any of the points (dropping any one of them makes it
// possible); empty when some point exceeds every reservation.
std::vector<int> reservation_conflict(const std::vector<std::vector<Rational>>& points,
                                      const std::vector<Rational>& reservations);

}  // namespace parley
