// The independent checker: every response the engine returns passes through
// here first. The code shares nothing with the searches that produce answers
// (frontier enumeration, the package optimiser, the fair-division
// algorithms): utilities are recomputed from the preferences as written, the
// fairness properties from their definitions, the outcome's values against
// the issues' domains; only the rule and red-line checker
// (analysis/constraints.h) is shared, and no search uses it to search.
//
//   Verification v = verify_solve(scenario, response, deadline);
//   if (!v.ok) return internal_error(v.failure);   // never print an answer that failed
//   response.verified = v.checks;
//
// A failed check is a bug in parley, not in the input: the engine turns it
// into FailureKind::internal (exit 4), naming the check.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/deadline.h"
#include "parley/mediate/engine.h"

namespace parley {

struct Verification {
  bool ok = true;
  std::string failure;              // the failed check, in words (when !ok)
  std::vector<std::string> checks;  // every check made, in words
  std::size_t constraints_held = 0; // agreed terms, rules and red lines re-checked on the outcome
};

// Is the package Pareto optimal among every feasible outcome (agreed terms,
// rules and red lines; reservations play no part: an improvement on an
// acceptable package is acceptable)? `utilities` are the package's, exactly
// (Adjusted Winner's split counted). Checks single-issue changes first, then
// the whole space: by a search of every package, written in verify.cpp from
// the definitions, when its bounds leave few enough to look at (the
// ceasefire's, the divorce's); otherwise by an engine other than `found_by`
// ("frontier", or anything else): the exact frontier of every feasible
// outcome when it can be listed, otherwise the package optimiser's
// improvement search. A dominating package is re-checked before it is
// believed.
struct ParetoCheck {
  enum class Verdict { optimal, dominated, unknown } verdict = Verdict::unknown;
  std::string how;                  // in words: which check settled it, or why none could
  std::optional<Outcome> better;    // dominated: a feasible package at least as good for all, better for one
  std::vector<Rational> better_utilities;
};
ParetoCheck check_pareto(const Scenario& s, const Outcome& o, const std::vector<Rational>& utilities,
                         const std::string& found_by, const Deadline& deadline);

// Do the demands of a "why no deal" conflict really collide? Re-proved by an
// engine other than the one that found them (the package optimiser for the
// frontier's, the exact frontier for the optimiser's). refuted: a package
// meets them all (re-checked), so the answer is wrong.
struct ConflictCheck {
  enum class Verdict { confirmed, refuted, unknown } verdict = Verdict::unknown;
  std::string how;
};
ConflictCheck check_conflict(const Scenario& s, const SolveResponse& r, const Deadline& deadline);

// Every other claim of a solve response: the outcome's values, the agreed
// terms, rules and red lines, the utilities and gains, individual
// rationality (for the solution concepts), the goods' fairness properties;
// and, for an `optimal` answer under a solution concept (but ks), that no
// single change of one term (one step of a share from one party to another)
// gives a better acceptable package by the method's own order, in exact
// arithmetic. Pareto optimality is check_pareto's (solve() runs it).
Verification verify_solve(const Scenario& s, const SolveResponse& r);

// Each listed outcome (values, constraints, utilities, individual
// rationality), the points' order and mutual non-dominance, and the marked
// solutions against the points.
Verification verify_frontier(const Scenario& s, const FrontierResponse& r);

// A delay answer: each package that keeps the zone open (values, agreed
// terms, rules, red lines, utilities recomputed) meets every party's bound
// in the first and last period it is said to cover (the bounds are linear in
// t, so then in every period between), and the packages cover every period
// before the zone closes; the tested agreement's utilities and shifts
// recomputed, and its durability and binding party against the definition.
// That no package keeps the zone open in the period it closes rests on the
// engine that said so (the exact frontier, or the optimiser's proof).
Verification verify_delay(const Scenario& s, const DelayResponse& d);

// The utilities, gains and flags of an evaluation, and its fairness properties.
Verification verify_evaluation(const Scenario& s, const Outcome& o, const Evaluation& e);

// What an evaluation says beats the outcome: each improvement reported is a
// feasible package (values, agreed terms, rules, red lines) with its
// utilities and gains recomputed, at least as good for every party and
// better for one, its changes the issues that differ; pareto_optimal agrees
// with what is reported (true: feasible, no improvement); the closest
// changes no more issues than the other. For the orders claimed proved, no
// single change of one term finds a better one: of the improvement, a
// package that still beats the outcome with a larger (smallest gain, sum of
// gains); of the outcome, when the closest changes more than one issue, any
// package that beats it, else one better by (smallest gain, sum).
Verification verify_improvements(const Scenario& s, const Outcome& o, const EvaluateResponse& r);

}  // namespace parley
