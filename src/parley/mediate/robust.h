// Internal to mediate/: solve --method robust (docs/cli.md): the feasible,
// acceptable package whose smallest worst-case gain over the weight box is
// largest, ties broken by the Nash product of the gains with the weights as
// given.
//
//   Result<std::vector<Rational>> u = solve_robust(s, request, deadline, response);
//
// Worst cases. For a party p and a package o, worst_p(o) is the least
// U_p(o) - r_p over every raw weight vector with each w_i in
// [w_i (1 - S), w_i (1 + S)], computed exactly by analysis/robust.h. A party
// whose reservation is "status_quo" (and whose reservation is still the
// status quo's utility: a what-if may have changed the agreed terms) is
// measured against the status quo under the same weights, U_p(o) - U_p(sq),
// which is linear-fractional in the weights too; every other party against
// their reservation as a number.
//
// Search: exact, by depth-first enumeration of the open issues (agreed terms
// held), every rule and red line checked as soon as the issues it reads are
// set. Two bounds prune, both exact and separable over issues: nominal
// acceptability (sum_i w_i d_i >= 0, d_i = v_i - r_p) and, once a package
// with smallest worst case t is known, "worst_p(o) >= t", which holds exactly
// when sum_i min(l_i (d_i - t), h_i (d_i - t)) >= 0 (l, h the ends of w_i's
// interval); a branch whose best completion misses either for some party
// cannot beat or tie the incumbent. No package optimiser: without a time
// limit a space of more than kRobustExactLimit open outcomes is refused
// (unsupported); with one, the search runs and a stop gives `feasible`.
#pragma once

#include <vector>

#include "parley/core/deadline.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/mediate/engine.h"

namespace parley::mediate {

// Open outcomes (agreed terms held) beyond which robust needs a time limit.
inline constexpr double kRobustExactLimit = 1e9;

// Fills r (status, outcome, evaluation, robust, explanation, engine, note) and
// returns the package's utilities (empty without a package). Fails (invalid
// input) for a spread outside [0, 1), (unsupported) as said above.
Result<std::vector<Rational>> solve_robust(const Scenario& s, const SolveRequest& request, const Deadline& deadline,
                                           SolveResponse& r);

}  // namespace parley::mediate
