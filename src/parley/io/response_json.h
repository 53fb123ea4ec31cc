// The engine's answers as JSON: the machine forms of docs/cli.md.
//
//   Result<SolveResponse> r = solve(scenario, request);           // mediate/engine.h
//   if (r) std::cout << json::write(to_json(scenario, r.value())) << '\n';   // `solve --json`
//   else std::cout << json::write(failure_to_json(r.failure())) << '\n';    // {"status": "invalid", "errors": [...]}
#pragma once

#include <cstddef>

#include "parley/analysis/evaluate.h"
#include "parley/core/result.h"
#include "parley/io/genius_import.h"
#include "parley/io/json.h"
#include "parley/mediate/engine.h"
#include "parley/model/scenario.h"

namespace parley {

// `solve --json`.
json::Value to_json(const Scenario& s, const SolveResponse& r);
// `frontier --json`, listing the first `shown` points (all when 0 or more
// than there are; each listed point must carry its outcome).
json::Value to_json(const Scenario& s, const FrontierResponse& r, std::size_t shown = 0);
// `evaluate --json`: the evaluation and the checks made.
json::Value to_json(const Scenario& s, const EvaluateResponse& r);
// `compare --json`: {"outcomes": [evaluate's object per outcome], "dominates": [[i, j], ...]}.
json::Value to_json(const Scenario& s, const CompareResponse& r);
// `delay --json`: {"period", "per_period": {"utility", "real"}, "zone_closes_after",
// "outcome", "durable_for", "binding"} and the details behind them.
json::Value to_json(const Scenario& s, const DelayResponse& r);
// `negotiate --json`: {"agreement", "round", "outcome", "utilities", "offers": [{"round", "from",
// "outcome"}], "pareto_distance", "nash_distance", "real_costs": [{"what", "total"}]} and the details.
json::Value to_json(const Scenario& s, const NegotiateResponse& r);
// `tournament -o RESULTS.csv`: the header (when asked) and one line a row,
// RFC 4180 quoting, CRLF line ends. `parties`: the utility columns,
// utility_<party> for each party id in the order the scenarios first name
// them; a row leaves the columns of parties not in its scenario empty.
std::vector<std::string> tournament_parties(const std::vector<TournamentEntry>& scenarios);
std::string tournament_csv(const std::vector<TournamentEntry>& scenarios, const TournamentResponse& r, bool header);
// `elicit --json`: {"party", "weights", "inconsistent"} (docs/cli.md) and the
// details: exact weights, the preferences object, reproduced, margin, each
// package's utility, impossible ties, misordered pairs, unequal ties.
json::Value to_json(const Scenario& s, const ElicitResponse& r);
// `validate --json` for a valid scenario.
json::Value to_json(const ScenarioSummary& summary, const Scenario& s);

// `import --json`: what was written where.
json::Value import_to_json(const Imported& im, const ScenarioSummary& summary, const std::string& output,
                           const std::string& format);

// Errors with --json: {"status": "invalid", "errors": [{"pointer", "message"[, "file"]}]} for invalid
// input, {"status": "error", "message": "..."} otherwise (unreadable, unsupported, internal).
json::Value failure_to_json(const Failure& f);

// The `evaluate --json` document (docs/cli.md): utilities, gains, properties,
// witnesses, plus the constraint checks and the goods report.
json::Value evaluation_to_json(const Scenario& s, const Evaluation& e);

}  // namespace parley
