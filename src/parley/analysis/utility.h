// Exact utilities: U_p(o) = sum_i w_pi * v_pi(o_i), weights normalised to sum 1.
//
// A debt (a negative weight w, allowed with a currency) counts from its worst
// case: the format's U = (sum_i w_i v_i - sum_{w_i<0} w_i) / sum_i |w_i| is
// the same as weight |w| / sum |w| on the value 1 - v. Utilities stores it so:
// every weight() is >= 0, value() is that flipped value (an unwanted debt:
// 1 when somebody else holds it), and U_p = sum weight * value with no
// constant, so that every search and table built on weight() and value()
// handles debts unchanged. Shares never carry a negative weight (the reader
// refuses it), so a share's value stays the fraction received.
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

  // Normalised weight of issue i for party p: |w| / sum |w|, summing to 1 over i.
  const Rational& weight(int party, int issue) const {
    return weights_[static_cast<std::size_t>(party)][static_cast<std::size_t>(issue)];
  }
  // v_pi(value): how much party p likes this outcome of issue i, in [0, 1];
  // for a debt, 1 - the value as written (above).
  Rational value(int party, int issue, const IssueValue& v) const;
  // The value as written in the preferences, whatever the weight's sign.
  Rational value_as_written(int party, int issue, const IssueValue& v) const;
  // Issue i carries a negative weight for party p (a debt or burden).
  bool is_debt(int party, int issue) const {
    return debt_[static_cast<std::size_t>(party)][static_cast<std::size_t>(issue)] != 0;
  }
  // sum_i |w_i| as written: one unit of normalised utility is this much of
  // the party's currency (when it has one).
  const Rational& scale(int party) const { return scale_[static_cast<std::size_t>(party)]; }
  // weight * value.
  Rational contribution(int party, int issue, const IssueValue& v) const;
  Rational utility(int party, const Outcome& o) const;
  std::vector<Rational> utilities(const Outcome& o) const;
  const Rational& reservation(int party) const { return prefs(party).reservation; }
  const Preferences& prefs(int party) const { return *s_->preferences[static_cast<std::size_t>(party)]; }

 private:
  const Scenario* s_;
  std::vector<std::vector<Rational>> weights_;
  std::vector<std::vector<char>> debt_;
  std::vector<Rational> scale_;
};

// Party p's utility of o under `prefs` alone, for when other parties may
// still lack preferences (reading a file). Precondition: some weight > 0.
Rational utility_with(const Scenario& s, const Preferences& prefs, int party, const Outcome& o);

// Each party's reservation, in party order. Precondition: every party has preferences.
std::vector<Rational> reservations_of(const Scenario& s);

// A number issue's value curve at x: linear between points, flat beyond the ends, 0 without points.
Rational curve_value(const std::vector<std::pair<Rational, Rational>>& curve, const Rational& x);

}  // namespace parley
