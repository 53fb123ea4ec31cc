#include "parley/analysis/utility.h"

#include <cassert>

namespace parley {

Rational curve_value(const std::vector<std::pair<Rational, Rational>>& curve, const Rational& x) {
  if (curve.empty()) return 0;
  if (x <= curve.front().first) return curve.front().second;
  if (x >= curve.back().first) return curve.back().second;
  for (std::size_t k = 1; k < curve.size(); ++k) {
    const auto& [x1, y1] = curve[k];
    if (x <= x1) {
      const auto& [x0, y0] = curve[k - 1];
      return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
  }
  return curve.back().second;  // unreachable: x < back().first
}

Utilities::Utilities(const Scenario& s) : s_(&s) {
  weights_.resize(s.parties.size());
  debt_.resize(s.parties.size());
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    assert(s.preferences[p]);
    const Preferences& pr = *s.preferences[p];
    scale_.push_back(pr.weight_scale());
    weights_[p].reserve(pr.issues.size());
    for (const IssuePreference& ip : pr.issues) {
      weights_[p].push_back(ip.weight.abs() / scale_.back());
      debt_[p].push_back(ip.weight.sign() < 0 ? 1 : 0);
    }
  }
}

// v_pi(value) for one issue's preference: shared by Utilities and utility_with.
static Rational issue_value(const Issue& is, const IssuePreference& ip, int party, const IssueValue& v) {
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region:
      if (v.holder == party) return ip.holder.own;
      if (v.holder == kJoint) return ip.holder.joint;
      if (v.holder == kNeutral) return ip.holder.neutral;
      return ip.holder.other;
    case IssueKind::share: return v.shares[static_cast<std::size_t>(party)];
    case IssueKind::choice: return ip.option_values[static_cast<std::size_t>(v.option)];
    case IssueKind::number: return curve_value(ip.curve, v.number);
  }
  return 0;
}

Rational Utilities::value(int party, int issue, const IssueValue& v) const {
  Rational written = value_as_written(party, issue, v);
  return is_debt(party, issue) ? Rational(1) - written : written;
}

Rational Utilities::value_as_written(int party, int issue, const IssueValue& v) const {
  return issue_value(s_->issues[static_cast<std::size_t>(issue)],
                     prefs(party).issues[static_cast<std::size_t>(issue)], party, v);
}

Rational utility_with(const Scenario& s, const Preferences& prefs, int party, const Outcome& o) {
  Rational u = prefs.debt_offset();
  for (std::size_t i = 0; i < o.size(); ++i) {
    const IssuePreference& ip = prefs.issues[i];
    if (!ip.weight.is_zero()) u += ip.weight * issue_value(s.issues[i], ip, party, o[i]);
  }
  return u / prefs.weight_scale();
}

Rational Utilities::contribution(int party, int issue, const IssueValue& v) const {
  const Rational& w = weight(party, issue);
  if (w.is_zero()) return 0;
  return w * value(party, issue, v);
}

Rational Utilities::utility(int party, const Outcome& o) const {
  Rational u = 0;
  for (std::size_t i = 0; i < o.size(); ++i) u += contribution(party, static_cast<int>(i), o[i]);
  return u;
}

std::vector<Rational> Utilities::utilities(const Outcome& o) const {
  std::vector<Rational> out;
  out.reserve(parties());
  for (std::size_t p = 0; p < parties(); ++p) out.push_back(utility(static_cast<int>(p), o));
  return out;
}

std::vector<Rational> reservations_of(const Scenario& s) {
  std::vector<Rational> r;
  for (const auto& prefs : s.preferences) r.push_back(prefs->reservation);
  return r;
}

}  // namespace parley
