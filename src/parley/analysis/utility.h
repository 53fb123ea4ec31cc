// Exact utilities: U_p(o) = sum_i w_pi * v_pi(o_i), weights normalised to sum 1.
//
//   Utilities u(scenario);                 // every party must have preferences
//   Rational a = u.utility(0, outcome);    // exact, in [0, 1]
//   Rational v = u.value(0, issue, outcome[issue]);   // v_pi, in [0, 1]
#pragma once

#include <vector>

#include "parley/core/rational.h"
#include "parley/model/scenario.h"

namespace parley {

class Utilities {
 public:
  // Precondition: every party has preferences (Scenario::parties_without_preferences() is empty).
  explicit Utilities(const Scenario& s);

  const Scenario& scenario() const { return *s_; }
  std::size_t parties() const { return s_->parties.size(); }

  // Normalised weight of issue i for party p (sums to 1 over i).
  const Rational& weight(int party, int issue) const {
    return weights_[static_cast<std::size_t>(party)][static_cast<std::size_t>(issue)];
  }
  // v_pi(value): how much party p likes this outcome of issue i, in [0, 1].
  Rational value(int party, int issue, const IssueValue& v) const;
  // weight * value.
  Rational contribution(int party, int issue, const IssueValue& v) const;
  Rational utility(int party, const Outcome& o) const;
  std::vector<Rational> utilities(const Outcome& o) const;
  const Rational& reservation(int party) const { return prefs(party).reservation; }
  const Preferences& prefs(int party) const { return *s_->preferences[static_cast<std::size_t>(party)]; }

 private:
  const Scenario* s_;
  std::vector<std::vector<Rational>> weights_;
};

// Party p's utility of o under `prefs` alone, for when other parties may
// still lack preferences (reading a file). Precondition: some weight > 0.
Rational utility_with(const Scenario& s, const Preferences& prefs, int party, const Outcome& o);

// Each party's reservation, in party order. Precondition: every party has preferences.
std::vector<Rational> reservations_of(const Scenario& s);

// A number issue's value curve at x: linear between points, flat beyond the ends, 0 without points.
Rational curve_value(const std::vector<std::pair<Rational, Rational>>& curve, const Rational& x);

}  // namespace parley
