// Reading and validating scenario and outcome files (docs/scenario-format.md).
//
//   Result<Scenario> s = read_scenario_file("examples/ceasefire.json");
//   if (!s) {
//     for (const Diagnostic& d : s.errors())           // every problem, in file order
//       std::cerr << s.failure().source << ": " << d.pointer << ": " << d.message << '\n';
//   }
//   Result<Outcome> o = read_outcome_file("package.json", s.value());
//
// Validation happens here, once: a Scenario returned by these functions
// satisfies every rule of the format, and nothing downstream re-checks it.
// Nothing is guessed or repaired; unknown keys are errors (with a suggestion
// when close to a known key), except inside "meta" objects.
#pragma once

#include <string>
#include <string_view>

#include "parley/core/result.h"
#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley {

// Hard limits that keep hostile input from exhausting memory or time.
struct ScenarioLimits {
  std::size_t max_parties = 256;
  std::size_t max_issues = 100'000;
  std::size_t max_options = 10'000;      // per choice issue
  std::size_t max_grid_points = 1'000'000;  // per number issue, and 1/step per share issue
  std::size_t max_party_issue_pairs = 1'000'000;  // parties x issues
  std::size_t max_errors = 1'000;        // reporting stops after this many problems
};

Result<Scenario> read_scenario(const json::Value& document, const std::string& source,
                               const ScenarioLimits& limits = {});
Result<Scenario> read_scenario_text(std::string_view text, const std::string& source,
                                    const ScenarioLimits& limits = {});
Result<Scenario> read_scenario_file(const std::string& path, const ScenarioLimits& limits = {});

// An outcome file: a JSON object from issue id to outcome value. With
// require_complete, every issue must have a value; otherwise missing issues
// are nullopt in the result.
Result<PartialOutcome> read_partial_outcome(const json::Value& document, const Scenario& s,
                                            const std::string& source);
Result<Outcome> read_outcome(const json::Value& document, const Scenario& s, const std::string& source);
Result<Outcome> read_outcome_file(const std::string& path, const Scenario& s);

}  // namespace parley
