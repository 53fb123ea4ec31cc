// Exact utilities as 64-bit integers: the fast path for code that evaluates
// many outcomes (frontiers, search).
//
//   Utilities u(scenario);
//   if (auto fast = IntegerUtilities::make(u)) {
//     std::int64_t n = fast->utility(p, outcome);          // U_p = n / fast->denominator(p), exactly
//     std::int64_t c = fast->at(p, issue, fast->level(issue, p, outcome[issue]));
//   }
//
// Why: for each party, every contribution w_pi * v_pi(x) is a rational whose
// denominator divides one common denominator D_p; scaled by D_p they are
// integers, and since a utility is at most 1 every sum of them is at most D_p.
// When every D_p fits in 62 bits (it does for decimal inputs and small
// fractions) utilities become integer sums: exact, and as fast as doubles.
// make() returns nullopt otherwise, and callers fall back to Rational.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "parley/analysis/utility.h"

namespace parley {

// The level of an issue's outcome as party p sees it (see IntegerUtilities::level),
// and the outcomes of the issue in level order (shares: p's own fraction k * step,
// carried in a split that gives the rest to nobody).
std::size_t issue_level(const Scenario& s, int issue, int party, const IssueValue& v);
std::vector<IssueValue> issue_level_values(const Scenario& s, int issue, int party);

class IntegerUtilities {
 public:
  static std::optional<IntegerUtilities> make(const Utilities& u);

  std::int64_t denominator(int party) const { return denominators_[static_cast<std::size_t>(party)]; }

  // The level of an issue's outcome as party p sees it: items and regions,
  // the holder's position in allowed_holders(); choices, the option; numbers,
  // the grid index; shares, p's fraction in steps.
  std::size_t level(int issue, int party, const IssueValue& v) const;
  std::size_t levels(int issue) const { return levels_[static_cast<std::size_t>(issue)]; }

  // D_p * w_pi * v_pi at a level. A share's worth is linear in the steps
  // held, so only its unit is stored (a share on a grid of 10^6 steps costs
  // two entries, not a million).
  std::int64_t at(int party, int issue, std::size_t level) const {
    const auto& table = tables_[static_cast<std::size_t>(party)][static_cast<std::size_t>(issue)];
    return linear_[static_cast<std::size_t>(issue)] ? static_cast<std::int64_t>(level) * table[1] : table[level];
  }
  std::int64_t utility(int party, const Outcome& o) const;
  Rational exact(int party, std::int64_t numerator) const { return Rational(numerator, denominator(party)); }

 private:
  const Scenario* s_ = nullptr;
  std::vector<std::int64_t> denominators_;
  // tables_[p][i][level]; for a share (linear_[i]) only levels 0 and 1.
  std::vector<std::vector<std::vector<std::int64_t>>> tables_;
  std::vector<bool> linear_;
  std::vector<std::size_t> levels_;
};

}  // namespace parley
