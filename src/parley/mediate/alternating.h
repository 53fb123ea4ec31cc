// Internal to mediate/: alternating offers with a deadline (docs/cli.md,
// "Time and negotiation dynamics"), solved by exact backward induction.
//
//   AlternatingGame g{.periods = 52, .first = 0, .delay_costs = c, .reservations = r};
//   Induction e = backward_induction(frontier_points, g, deadline);
//   if (e.complete && e.period) agreed = frontier_points[*e.point];   // e.value: each party's payoff
//
// The game. Periods t = 0 .. T-1; in period t the party (first + t) mod n
// proposes and every other party accepts or rejects. Agreement on o in
// period t pays each party U_p(o) - t c_p; no agreement by the end pays
// r_p - T c_p. A responder accepts when accepting pays at least what
// continuing pays (ties accept). The proposer offers, among the outcomes every
// responder accepts, the one that pays them most, ties broken by the largest
// sum of the responders' payoffs, then by the lexicographically largest
// utility vector (in party order; it only separates points that tie on both
// keys, which needs three or more parties); unless an offer that is rejected,
// leaving them the next period's payoff, pays them strictly more.
//
// Why the frontier of all feasible outcomes is enough (individual rationality
// is not imposed: with delay costs a responder may rationally accept less
// than their reservation). Say the proposer i's choice o* in some period were
// dominated by a feasible o' (U_p(o') >= U_p(o*) for every p, > for one).
// Every responder likes o' at least as much, so o' is acceptable too; o*
// maximises U_i over the acceptable outcomes, so U_i(o') = U_i(o*), and the
// party strictly better off at o' is a responder: o' has the larger sum of
// responders' payoffs, and o* was not the proposer's choice. So every offer
// the equilibrium makes is Pareto optimal among the feasible outcomes, and
// the choice depends on utilities only: searching one outcome per efficient
// utility vector (the exact frontier, frontier/) gives the same payoffs as
// searching every feasible outcome. The ties need care: with the sum as the
// second key a dominated outcome never ties with the choice; the third key
// is a total order on the distinct vectors, so the choice is unique.
//
// Cost: T periods, each one pass over the F frontier points with exact
// comparisons, O(T F n); with two parties the frontier is a staircase
// (U_1 falling, U_2 rising) and each period is a binary search, O(T log F).
// The frontier itself is what limits the size: when it is too large to list
// the method says so (it has no package-optimiser fallback).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "parley/core/deadline.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/mediate/engine.h"

namespace parley::mediate {

struct AlternatingGame {
  int periods = 52;                    // T >= 1
  int first = 0;                       // the first proposer, a party index
  std::vector<Rational> delay_costs;   // c_p per period
  std::vector<Rational> reservations;  // r_p
};

struct Induction {
  bool complete = true;  // false: the deadline stopped it (nothing else is set)
  // Per period t: the point proposed and accepted in t were t reached, or -1
  // when the proposer's offer would be refused (no point every responder
  // accepts pays the proposer at least waiting does).
  std::vector<std::int64_t> accepted;
  std::vector<Rational> value;         // each party's payoff in the equilibrium (from period 0)
  std::vector<Rational> continuation;  // each party's payoff were the first offer rejected (from period 1)
  std::optional<int> period;           // when the equilibrium agrees; nullopt: never
  std::optional<std::size_t> point;    // what it agrees on
};

// `points`: distinct utility vectors, including every Pareto-optimal one of
// the feasible outcomes (more points change nothing, see above). Two parties
// with the points in the frontier's order (U_1 strictly falling) take the
// binary search; anything else the scan.
Induction backward_induction(const std::vector<std::vector<Rational>>& points, const AlternatingGame& game,
                             const Deadline& deadline);

// Each party's payoff from agreeing on `utilities` in period t: U_p - t c_p.
std::vector<Rational> payoff_of_agreement(const std::vector<Rational>& utilities, const AlternatingGame& game, int t);

// solve --method alternating: the frontier of every feasible outcome, the
// induction, the response (status, package, play, explanation). Fails
// (unsupported) beyond five parties, or when the frontier cannot be listed.
Result<std::vector<Rational>> solve_alternating(const Scenario& s, const SolveRequest& request,
                                                const Deadline& deadline, SolveResponse& r);

}  // namespace parley::mediate
