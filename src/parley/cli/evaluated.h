// Reading a scenario and an outcome and evaluating it, with the failures
// reported as `parley evaluate` reports them: shared by evaluate and render.
//
//   EvaluatedOutcome e;
//   if (int code = read_and_evaluate(file, outcome_file, options.common, out, err, e); code != kExitOk) return code;
//   use(e.scenario, e.outcome, e.response.evaluation.utilities);
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "parley/mediate/engine.h"
#include "parley/model/scenario.h"

namespace parley::cli {

struct EvaluatedOutcome {
  Scenario scenario;
  Outcome outcome;
  EvaluateResponse response;
};

struct CommonOptions;

// kExitOk with `into` filled, or the exit code after printing every problem
// (2: the scenario or outcome is invalid, or a party lacks preferences;
// 1: a file cannot be read; 4: the evaluation failed verification), as JSON
// on `out` too with --json.
// `improvements`: also look for what beats the outcome (EvaluateRequest).
int read_and_evaluate(const std::string& file, const std::string& outcome_file, const CommonOptions& common,
                      std::ostream& out, std::ostream& err, EvaluatedOutcome& into, bool improvements = true);

// "Pareto optimal: yes/no/not settled" and the sentences saying what beats the outcome.
void print_improvements(const EvaluateResponse& r, std::ostream& out);

}  // namespace parley::cli
