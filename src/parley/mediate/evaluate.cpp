// evaluate() and summarise(): one outcome judged, one scenario described.
#include <chrono>

#include "parley/mediate/engine.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/verify.h"
#include "parley/model/outcome_space.h"

namespace parley {

static Result<EvaluateResponse> evaluate_unguarded(const Scenario& s, const Outcome& o, const EvaluateRequest& request) {
  using Clock = std::chrono::steady_clock;
  const auto start = request.started.value_or(Clock::now());
  // The maximin-share search leaves half the time left for the rest of the
  // evaluation and the verification, which recompute every other property
  // exactly and cannot stop (half a second on 256 parties x 3,900 items).
  const Deadline deadline = Deadline::after(start, request.time_limit);
  Result<Evaluation> e = evaluate_outcome(s, o, "", deadline.keep(0.5));
  if (!e) return e.failure();
  EvaluateResponse r;
  r.evaluation = std::move(e).value();
  Verification v = verify_evaluation(s, o, r.evaluation);
  if (!v.ok) return mediate::verification_failed("the evaluation", v.failure);
  r.verified = std::move(v.checks);
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

ScenarioSummary summarise(const Scenario& s) {
  ScenarioSummary out;
  const OutcomeCount all = count_outcomes(s, false);
  const OutcomeCount open = count_outcomes(s, true);
  out.parties = s.parties.size();
  out.issues = s.issues.size();
  out.outcomes = all.text();
  out.outcomes_log10 = all.log10;
  if (all.exact) out.outcomes_exact = all.exact->str();
  out.open_outcomes = open.text();
  for (const auto& a : s.agreed) out.agreed += a ? 1 : 0;
  out.rules = s.rules.size();
  for (const auto& p : s.preferences) out.red_lines += p ? p->red_lines.size() : 0;
  out.parties_without_preferences = s.parties_without_preferences();
  return out;
}

Result<EvaluateResponse> evaluate(const Scenario& s, const Outcome& o, const EvaluateRequest& request) {
  return mediate::guarded<EvaluateResponse>([&] { return evaluate_unguarded(s, o, request); });
}

}  // namespace parley
