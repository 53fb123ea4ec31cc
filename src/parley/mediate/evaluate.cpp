// evaluate() and summarise(): one outcome judged, one scenario described.
#include <algorithm>
#include <chrono>

#include "parley/mediate/engine.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/improve.h"
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
  if (request.improvements) {
    // What beats the outcome, leaving a tenth of the time left for its re-check.
    Result<bool> found = mediate::find_improvements(s, o, deadline.keep(0.1), r);
    if (!found) return found.failure();
    Verification vi = verify_improvements(s, o, r);
    if (!vi.ok) return mediate::verification_failed("the improvement search", vi.failure);
    r.verified.insert(r.verified.end(), vi.checks.begin(), vi.checks.end());
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

// Outcome i dominates j: at least as good for every party, better for one.
static bool dominates_outcome(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  bool strictly = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    strictly = strictly || a[p] > b[p];
  }
  return strictly;
}

static Result<CompareResponse> compare_unguarded(const Scenario& s, const std::vector<Outcome>& outcomes,
                                                 const EvaluateRequest& request) {
  using Clock = std::chrono::steady_clock;
  const auto start = request.started.value_or(Clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  CompareResponse out;
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    // Each outcome an equal part of the time left.
    EvaluateRequest one = request;
    one.started = Clock::now();
    one.time_limit = deadline.limited() ? std::max(0.001, deadline.remaining() / static_cast<double>(outcomes.size() - k)) : 0;
    Result<EvaluateResponse> e = evaluate_unguarded(s, outcomes[k], one);
    if (!e) return e.failure();
    out.outcomes.push_back(std::move(e).value());
  }
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
      if (i != j && dominates_outcome(out.outcomes[i].evaluation.utilities, out.outcomes[j].evaluation.utilities)) {
        out.dominates.emplace_back(i, j);
      }
    }
  }
  out.verified.push_back("each outcome evaluated and verified as evaluate does; dominance read off the recomputed "
                         "utilities");
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
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

Result<CompareResponse> compare(const Scenario& s, const std::vector<Outcome>& outcomes, const EvaluateRequest& request) {
  return mediate::guarded<CompareResponse>([&] { return compare_unguarded(s, outcomes, request); });
}

}  // namespace parley
