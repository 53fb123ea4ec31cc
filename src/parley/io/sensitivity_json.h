// `parley sensitivity --json` (docs/cli.md, "What beats this, what if, how robust").
#pragma once

#include "parley/io/json.h"
#include "parley/mediate/sensitivity.h"
#include "parley/model/scenario.h"

namespace parley {

// {"method", "outcome", "weights": [{"party", "issue", "weight", "low", "high"}],
//  "reservations": [{"party", "reservation", "low", "high"}],
//  "samples": {"count", "same_answer", "answers": [{"outcome", "share"}]}}
// and the details: each interval's exact ends ("low_exact", "high_exact"),
// whether an end belongs to it, whether it is the range's end, a note where
// not settled; the seed, spread, explanation, verified, seconds.
json::Value to_json(const Scenario& s, const SensitivityResponse& r);

}  // namespace parley
