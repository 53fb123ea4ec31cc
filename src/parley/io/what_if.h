// What-if edits of a scenario (docs/cli.md, "What beats this, what if, how
// robust"): `--fix ISSUE=VALUE` makes a term agreed, `--drop POINTER` removes
// a red line, a rule or a reservation. The edit is made once, here; every
// command then runs on the edited scenario unchanged, so a what-if answer is
// exactly the answer for the scenario edited by hand.
//
//   Result<WhatIf> w = what_if(s, {.fixes = {"plant_nuclear=joint"}, .drops = {"/preferences/a/red_lines/0"}});
//   if (w) solve(w.value().scenario, request);
//
// It lives in io, not in the mediate facade, because a fix's value is read
// as an outcome file's value is (io's outcome reader: the same checks and
// the same messages), and io already depends on mediate.
#pragma once

#include <string>
#include <vector>

#include "parley/core/result.h"
#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley {

struct WhatIfRequest {
  // "ISSUE=VALUE" as typed: a holder or option id, a number, or a share as
  // "a:0.4,b:0.6" (parties left out get 0).
  std::vector<std::string> fixes;
  // JSON Pointers into the scenario: /preferences/P/red_lines/K, /rules/K,
  // /preferences/P/reservation. Indices are those of the file as written.
  std::vector<std::string> drops;
};

struct WhatIfEdit {
  std::string issue;    // a fix: the issue id
  json::Value value;    // a fix: its value, as an outcome file writes it
  std::string pointer;  // a drop: the pointer
  std::string words;    // "plant_nuclear fixed to joint", "Party A's red line 1 dropped (...)"
};

struct WhatIf {
  Scenario scenario;            // the edited scenario
  std::vector<WhatIfEdit> edits;  // fixes first, then drops, each in the order given
};

// Errors (source "--fix" or "--drop", pointer the issue or the pointer given):
// an unknown issue, a value the issue does not allow, a share not summing to 1
// or naming an unknown party, an issue fixed twice to different values or
// already agreed to another value, a pointer that names no red line, rule or
// reservation, the same pointer dropped twice. A dropped reservation becomes
// 0, the format's default (no reservation).
Result<WhatIf> what_if(const Scenario& s, const WhatIfRequest& request);

// "What if: plant_nuclear fixed to joint; Party A's red line 1 dropped (...)"
// (empty when there are no edits).
std::string what_if_text(const WhatIf& w);
// [{"fix": "plant_nuclear", "value": "joint", "text": ...}, {"drop": "/rules/0", "text": ...}]
json::Value what_if_to_json(const WhatIf& w);

}  // namespace parley
