// How firmly an answer rests on the numbers given (docs/cli.md, "What beats
// this, what if, how robust"): for each raw weight and each reservation, the
// interval of that one number (all others as given) within which the method's
// answer keeps the same outcome; and, over random perturbations of every
// weight at once, how often each answer comes out.
//
//   Result<SensitivityResponse> r = sensitivity(s, {.method = Method::nash, .samples = 1000, .seed = 7});
//   for (const StabilityInterval& w : r.value().weights)
//     if (w.low && w.high) say(w.party, w.issue, *w.low, *w.high);   // exact ends
//
// Exact intervals, not scans. With one raw weight w of party p on issue i free,
// U_p(o) = (a_o + w b_o) / (S + w) (a_o: p's other raw weights times values,
// b_o = v_pi(o_i), S: p's other raw weights), and the other parties'
// utilities do not move. Every comparison the solution concepts nash,
// utilitarian, egalitarian, mnw and leximin make between two outcomes
// (acceptability, gains, products of gains, sums, sorted vectors) changes only
// where a LINEAR function of w changes sign: the common positive denominator
// S + w cancels. A reservation r_p enters linearly to begin with. So the
// answer o* stays exactly on the set where o* is acceptable and beats every
// competitor (including the methods' tie rules), and that set's ends are roots
// of those linear functions, computed exactly (Rational) and checked piece by
// piece between consecutive roots.
//
// The competitors. Every outcome the answer could change to is, for some w,
// on the Pareto frontier; and any outcome is weakly beaten, for every w at
// once, by a point of the exact frontier with issue i held at the same value
// (with b_o then fixed, U_p rises with a_o at every w). So the competitors are
// the union over the values x of issue i of the exact frontier (of every
// feasible outcome, reservations aside) with o_i = x: frontier/ lists them.
// For a reservation, the competitors are the exact frontier of every feasible
// outcome (an outcome dominated by another is dominated by an acceptable one).
//
// Not settled, and said so (low/high nullopt, `note` why): ks (its ideal point
// moves with the number, so its comparisons are not pairwise), the procedures,
// scenarios whose frontier cannot be listed (the package optimiser's), an
// issue with more than 1,000 values, and an engine that answers by its own
// tie rules (the fair-division engine for mnw and leximin on pure goods).
//
// A reservation written "status_quo" is p's utility of the status quo: when
// one of p's weights moves, it moves with it (the status quo is the same
// package, its worth to p changes); its own interval is of the number it
// resolves to.
//
// Samples: N draws, each multiplying every raw weight by its own factor
// uniform in [1 - S, 1 + S] (std::mt19937_64 seeded with `seed`, each draw's
// top 24 bits as k / 2^24, so the factors are exact and the same on every
// platform); answers are compared by outcome.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/mediate/engine.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"

namespace parley {

struct SensitivityRequest {
  Method method = Method::nash;
  Rational spread = Rational(1, 5);  // S, in [0, 1)
  std::size_t samples = 1000;        // N, >= 1
  std::uint64_t seed = 0;
  double time_limit = 0;  // seconds for the whole call; 0: none
  CallStart started;
};

// The interval of one number within which the answer keeps its outcome.
struct StabilityInterval {
  int party = 0;
  int issue = -1;  // -1: the party's reservation
  Rational given;
  // Searched within [range_low, range_high]: [0, 10 x given] for a weight,
  // [0, 1] for a reservation.
  Rational range_low, range_high;
  // Exact ends (nullopt: not settled, `note` says why). An end that is not
  // the range's own is where the answer changes: it belongs to the interval
  // when `*_closed`.
  std::optional<Rational> low, high;
  bool low_closed = true, high_closed = true;
  bool low_at_range = false, high_at_range = false;  // the end is the range's, the answer unchanged up to it
  // To 3 significant digits, rounded inward (every point shown is inside); more
  // digits where 3 would leave the interval empty or the given value outside.
  std::optional<Rational> low_shown, high_shown;
  std::string note;
};

struct SampledAnswer {
  std::optional<Outcome> outcome;  // nullopt: no package (no zone of agreement, infeasible)
  std::size_t count = 0;
  double share = 0;  // count / samples drawn
};

struct SensitivityResponse {
  Method method = Method::nash;
  SolveStatus status = SolveStatus::time_limit;  // the unperturbed answer's
  std::optional<Outcome> outcome;                // the unperturbed answer
  std::vector<Rational> utilities;
  std::string engine;  // the unperturbed solve's

  // One per positive raw weight (party order, then issue order), and one per
  // party with preferences for the reservation. Empty without an answer.
  std::vector<StabilityInterval> weights;
  std::vector<StabilityInterval> reservations;

  Rational spread;
  std::uint64_t seed = 0;
  std::size_t samples_requested = 0;
  std::size_t samples_drawn = 0;  // fewer when the time limit stopped the draws
  double same_answer = 0;         // share of draws whose answer is `outcome`
  std::vector<SampledAnswer> answers;  // by share, descending; ties by first appearance

  std::vector<std::string> explanation;  // sentences a mediator reads
  std::string note;                      // what was not settled, and why
  std::vector<std::string> verified;
  double seconds = 0;
};

// Fails (invalid input) for a spread outside [0, 1), no samples, a party
// without preferences; (unsupported) for a method that is not a solution
// concept (nash, ks, egalitarian, utilitarian, mnw, leximin).
[[nodiscard]] Result<SensitivityResponse> sensitivity(const Scenario& s, const SensitivityRequest& request);

// The scenario with party p's raw weight on issue i set to w (a reservation
// written "status_quo" follows it); what sensitivity() re-solves. Exposed for
// the tests.
Scenario with_weight(const Scenario& s, int party, int issue, const Rational& w);
// The scenario with party p's reservation set to r (no longer "status_quo").
Scenario with_reservation(const Scenario& s, int party, const Rational& r);

// `x` to `digits` significant digits, rounded up (toward +infinity) or down.
Rational round_significant(const Rational& x, int digits, bool up);

}  // namespace parley
