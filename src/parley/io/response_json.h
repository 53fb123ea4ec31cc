// The engine's answers as JSON: the machine forms of docs/cli.md.
//
//   json::Value doc = evaluation_to_json(scenario, evaluation);   // `evaluate --json`
//   std::cout << json::write(doc) << '\n';
#pragma once

#include "parley/analysis/evaluate.h"
#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley {

// The `evaluate --json` document (docs/cli.md): utilities, gains, properties,
// witnesses, plus the constraint checks and the goods report.
json::Value evaluation_to_json(const Scenario& s, const Evaluation& e);

}  // namespace parley
