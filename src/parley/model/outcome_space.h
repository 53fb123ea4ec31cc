// The outcomes of each issue, and the size of the whole outcome space.
//
//   Rational n = issue_domain_size(s, i);             // exact, however large
//   if (auto values = issue_domain(s, i, 10'000)) {   // every outcome of issue i
//     for (const IssueValue& v : *values) ...
//   }
//   OutcomeCount c = count_outcomes(s, /*respect_agreed=*/true);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parley/model/scenario.h"

namespace parley {

// How many outcomes issue `issue` has: holders for items, grid points for
// numbers, options for choices, splits on the step grid for shares.
Rational issue_domain_size(const Scenario& s, int issue);

// Every outcome of the issue in a fixed order (holders: parties, joint,
// neutral; shares: splits in lexicographic order of the first party's
// fraction descending), or nullopt when there are more than `limit`.
std::optional<std::vector<IssueValue>> issue_domain(const Scenario& s, int issue, std::size_t limit);

// The holders an item or region allows: every party, then joint and neutral where allowed.
std::vector<Holder> allowed_holders(const Scenario& s, int issue);

// The grid point of a number issue nearest below / above x (clamped to the grid).
Rational grid_floor(const Issue& issue, const Rational& x);
Rational grid_ceil(const Issue& issue, const Rational& x);
bool on_grid(const Issue& issue, const Rational& x);

struct OutcomeCount {
  std::optional<Rational> exact;  // present when below 10^300
  double log10 = 0;               // finite for every count count_outcomes makes
  // "1200" up to 7 digits, otherwise "1.2e7".
  std::string text() const;
};

// log10 of a positive value, read off its exact decimal digits, so that it is
// finite however large the value is (a double overflows to inf past 1.8e308;
// one share issue among 256 parties can have 10^1000 outcomes). Within about
// 1e-14 of the true log10; -inf for 0 and NaN for a negative value, as std::log10.
double exact_log10(const Rational& r);

// Size of the outcome space; with respect_agreed, agreed issues count once.
OutcomeCount count_outcomes(const Scenario& s, bool respect_agreed);

}  // namespace parley
