// Writing scenarios, outcomes and evaluations as JSON.
//
//   std::string text = write_scenario(scenario);        // canonical: same scenario, same text
//   assert(read_scenario_text(text, "x").value() == scenario);
//   json::Value o = outcome_to_json(scenario, outcome);  // {"r1": "a", "revenue": {"a": 0.4, ...}}
//
// Canonical form: keys in the order of docs/scenario-format.md, defaults left
// out, numbers as exact decimals where they have one and as "p/q" otherwise.
// A GeoJSON map is written as it came: a "geojson" path, or inline as
// "geojson_data" built from the features the model keeps (each one's
// region_key property and geometry; other properties are not kept).
#pragma once

#include <string>

#include "parley/core/rational.h"
#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley {

json::Value scenario_to_json(const Scenario& s);
std::string write_scenario(const Scenario& s);

json::Value issue_value_to_json(const Scenario& s, int issue, const IssueValue& v);
json::Value outcome_to_json(const Scenario& s, const Outcome& o);
json::Value partial_outcome_to_json(const Scenario& s, const PartialOutcome& o);
// One party's preferences as the scenario's "preferences" holds them (canonical form).
json::Value preferences_to_json(const Scenario& s, const Preferences& p);

// Party id -> number (as a double), and party id -> exact "p/q" string.
json::Value party_numbers(const Scenario& s, const std::vector<Rational>& values);
json::Value party_numbers_exact(const Scenario& s, const std::vector<Rational>& values);

}  // namespace parley
