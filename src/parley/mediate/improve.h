// Internal to mediate/: what beats an evaluated outcome, for evaluate() and
// compare() (engine.h, EvaluateResponse).
//
//   EvaluateResponse r;  // r.evaluation filled in
//   Result<bool> done = find_improvements(s, o, deadline, r);
//   if (!done) return done.failure();   // an answer failed verification
#pragma once

#include "parley/core/deadline.h"
#include "parley/core/result.h"
#include "parley/mediate/engine.h"

namespace parley::mediate {

// Fills r.pareto_optimal, r.improvement, r.closest_improvement,
// r.improvement_note and r.explanation from r.evaluation (its utilities and
// feasibility). Fails (internal) when two engines disagree on whether a
// package beats the outcome.
Result<bool> find_improvements(const Scenario& s, const Outcome& o, const Deadline& deadline, EvaluateResponse& r);

}  // namespace parley::mediate
