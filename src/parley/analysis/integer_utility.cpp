#include "parley/analysis/integer_utility.h"

#include <cstdint>
#include <numeric>

#include "parley/core/common_denominator.h"
#include "parley/model/outcome_space.h"

namespace parley {

namespace {


}  // namespace

std::vector<IssueValue> issue_level_values(const Scenario& s, int issue, int party) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  if (is.kind != IssueKind::share) return issue_domain(s, issue, std::size_t{1} << 40).value();  // validated sizes: small
  std::vector<IssueValue> out;
  std::int64_t units = (Rational(1) / is.step).small_numerator();
  for (std::int64_t k = 0; k <= units; ++k) {
    IssueValue v;
    v.shares.assign(s.parties.size(), 0);
    v.shares[static_cast<std::size_t>(party)] = is.step * Rational(k);
    out.push_back(std::move(v));
  }
  return out;
}

std::optional<IntegerUtilities> IntegerUtilities::make(const Utilities& u) {
  const Scenario& s = u.scenario();
  IntegerUtilities out;
  out.s_ = &s;
  // Tables hold one entry per party, issue and level (two for a share,
  // whose worth is linear in the steps held); keep them bounded.
  double entries = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    const bool share = is.kind == IssueKind::share;
    out.linear_.push_back(share);
    out.levels_.push_back(share ? static_cast<std::size_t>((Rational(1) / is.step).small_numerator()) + 1
                                : issue_level_values(s, static_cast<int>(i), 0).size());
    entries += share ? 2 : static_cast<double>(out.levels_.back());
  }
  if (entries * static_cast<double>(s.parties.size()) > 5e7) return std::nullopt;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    std::vector<std::vector<Rational>> exact(s.issues.size());
    CommonDenominator lcm;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (out.linear_[i]) {
        // 0 and one step: every other level is a multiple of the step's
        // worth, so its denominator divides the step's.
        const Rational unit = u.weight(party, static_cast<int>(i)) * s.issues[i].step;
        if (!lcm.include(unit)) return std::nullopt;
        exact[i] = {Rational(0), unit};
        continue;
      }
      for (const IssueValue& v : issue_level_values(s, static_cast<int>(i), party)) {
        Rational c = u.contribution(party, static_cast<int>(i), v);
        if (!lcm.include(c)) return std::nullopt;
        exact[i].push_back(c);
      }
    }
    out.denominators_.push_back(lcm.value());
    std::vector<std::vector<std::int64_t>> table(s.issues.size());
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      for (const Rational& c : exact[i]) table[i].push_back(lcm.scale(c));  // <= lcm, no overflow
    }
    out.tables_.push_back(std::move(table));
  }
  return out;
}

std::size_t IntegerUtilities::level(int issue, int party, const IssueValue& v) const {
  return issue_level(*s_, issue, party, v);
}

std::size_t issue_level(const Scenario& s, int issue, int party, const IssueValue& v) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region:
      if (v.holder >= 0) return static_cast<std::size_t>(v.holder);
      if (v.holder == kJoint) return s.parties.size();
      return s.parties.size() + (is.joint ? 1 : 0);  // neutral
    case IssueKind::choice: return static_cast<std::size_t>(v.option);
    case IssueKind::number: return static_cast<std::size_t>(((v.number - is.min) / is.step).small_numerator());
    case IssueKind::share:
      return static_cast<std::size_t>((v.shares[static_cast<std::size_t>(party)] / is.step).small_numerator());
  }
  return 0;
}

std::int64_t IntegerUtilities::utility(int party, const Outcome& o) const {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < o.size(); ++i) sum += at(party, static_cast<int>(i), level(static_cast<int>(i), party, o[i]));
  return sum;
}

}  // namespace parley
