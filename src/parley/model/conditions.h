// Whether a condition holds on an outcome, and whether it can hold at all.
//
//   if (!holds(s, rule.condition, outcome)) ...      // a `require` rule fails
//   std::optional<bool> ok = satisfiable(s, red_line); // nullopt: too large to decide here
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parley/model/scenario.h"

namespace parley {

// Reads only the issues the condition names.
bool holds(const Condition& c, const Outcome& outcome);

// The issues a condition names, sorted, without repeats.
std::vector<int> condition_issues(const Condition& c);

// Whether some outcome satisfies the condition. Decided exactly by trying a set
// of representative values of each issue the condition names (every outcome of
// an item or choice, the grid points next to each bound for numbers, one split
// per reachable combination of the bounds on each party's share); nullopt when
// that would take more than about `budget` trials. With `work`, reports the
// work done (trials times the size of the condition), for callers that keep a
// budget across many conditions.
std::optional<bool> satisfiable(const Scenario& s, const Condition& c, std::size_t budget = 100'000,
                                std::size_t* work = nullptr);

// A short description for people: `r1 held by a`, `monitoring in {none}`,
// `ceasefire_days between 30 and 60`, `not (...)`.
std::string describe(const Scenario& s, const Condition& c);

}  // namespace parley
