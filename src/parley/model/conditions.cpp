#include "parley/model/conditions.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "parley/model/outcome_space.h"

namespace parley {

namespace {

bool in_range(const Rational& x, const std::optional<Rational>& lo, const std::optional<Rational>& hi) {
  return (!lo || x >= *lo) && (!hi || x <= *hi);
}

void collect_issues(const Condition& c, std::set<int>& out) {
  if (c.issue >= 0) out.insert(c.issue);
  for (const Condition& child : c.children) collect_issues(child, out);
}

void collect_bounds(const Condition& c, std::map<int, std::vector<Rational>>& out) {
  if (c.min) out[c.issue].push_back(*c.min);
  if (c.max) out[c.issue].push_back(*c.max);
  for (const Condition& child : c.children) collect_bounds(child, out);
}

std::size_t tree_size(const Condition& c) {
  std::size_t n = 1;
  for (const Condition& child : c.children) n += tree_size(child);
  return n;
}

// Values of one issue that between them meet every combination of the
// condition's tests on that issue; nullopt if too many.
std::optional<std::vector<IssueValue>> representatives(const Scenario& s, int issue,
                                                        const std::vector<Rational>& bounds, std::size_t budget) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  if (is.kind != IssueKind::number) return issue_domain(s, issue, budget);
  std::set<Rational> points{is.min, is.max};
  for (const Rational& t : bounds) {
    Rational lo = grid_floor(is, t);
    Rational hi = grid_ceil(is, t);
    points.insert(lo);
    points.insert(hi);
    if (lo - is.step >= is.min) points.insert(lo - is.step);
    if (hi + is.step <= is.max) points.insert(hi + is.step);
  }
  std::vector<IssueValue> out;
  for (const Rational& x : points) out.push_back(IssueValue{.number = x});
  return out;
}

std::string number_text(const Rational& r) { return r.canonical(); }

std::string range_text(const std::optional<Rational>& lo, const std::optional<Rational>& hi) {
  if (lo && hi) return "between " + number_text(*lo) + " and " + number_text(*hi);
  if (lo) return ">= " + number_text(*lo);
  return "<= " + number_text(*hi);
}

}  // namespace

bool holds(const Condition& c, const Outcome& o) {
  switch (c.kind) {
    case Condition::Kind::owner: {
      Holder h = o[static_cast<std::size_t>(c.issue)].holder;
      return std::find(c.owners.begin(), c.owners.end(), h) != c.owners.end();
    }
    case Condition::Kind::in: {
      int opt = o[static_cast<std::size_t>(c.issue)].option;
      return std::find(c.options.begin(), c.options.end(), opt) != c.options.end();
    }
    case Condition::Kind::range: return in_range(o[static_cast<std::size_t>(c.issue)].number, c.min, c.max);
    case Condition::Kind::party_share:
      return in_range(o[static_cast<std::size_t>(c.issue)].shares[static_cast<std::size_t>(c.party)], c.min, c.max);
    case Condition::Kind::all:
      return std::all_of(c.children.begin(), c.children.end(), [&](const Condition& x) { return holds(x, o); });
    case Condition::Kind::any:
      return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& x) { return holds(x, o); });
    case Condition::Kind::negation: return !holds(c.children.front(), o);
  }
  return false;
}

std::vector<int> condition_issues(const Condition& c) {
  std::set<int> issues;
  collect_issues(c, issues);
  return {issues.begin(), issues.end()};
}

std::optional<bool> satisfiable(const Scenario& s, const Condition& c, std::size_t budget) {
  // The work is trials x the size of the condition; keep it within budget.
  const double nodes = static_cast<double>(tree_size(c));
  std::vector<int> issues = condition_issues(c);
  std::map<int, std::vector<Rational>> bounds;
  collect_bounds(c, bounds);
  std::vector<std::vector<IssueValue>> choices;
  double trials = 1;
  for (int i : issues) {
    auto values = representatives(s, i, bounds[i], budget);
    if (!values) return std::nullopt;
    trials *= static_cast<double>(values->size());
    if (trials * nodes > static_cast<double>(budget) * 10) return std::nullopt;
    choices.push_back(std::move(*values));
  }
  // Renumber the condition's issues 0..k-1 so that the trial outcome holds
  // only them, whatever the size of the scenario.
  Condition local = c;
  std::function<void(Condition&)> renumber = [&](Condition& x) {
    if (x.issue >= 0) x.issue = static_cast<int>(std::lower_bound(issues.begin(), issues.end(), x.issue) - issues.begin());
    for (Condition& child : x.children) renumber(child);
  };
  renumber(local);
  Outcome o(issues.size());
  // Odometer over the representative values.
  std::vector<std::size_t> at(issues.size(), 0);
  while (true) {
    for (std::size_t k = 0; k < issues.size(); ++k) o[k] = choices[k][at[k]];
    if (holds(local, o)) return true;
    std::size_t k = 0;
    while (k < at.size() && ++at[k] == choices[k].size()) at[k++] = 0;
    if (k == at.size()) return false;
  }
}

namespace {

// Compound parts are bracketed when nested; describe() leaves the outermost bare.
std::string describe_part(const Scenario& s, const Condition& c, bool bracket) {
  auto issue_id = [&](int i) { return s.issues[static_cast<std::size_t>(i)].id; };
  auto join = [&](const std::vector<Condition>& children, const char* sep) {
    std::string out;
    for (std::size_t k = 0; k < children.size(); ++k) {
      if (k > 0) out += sep;
      out += describe_part(s, children[k], true);
    }
    return bracket ? "(" + out + ")" : out;
  };
  switch (c.kind) {
    case Condition::Kind::owner: {
      std::string out = issue_id(c.issue) + " held by ";
      for (std::size_t k = 0; k < c.owners.size(); ++k) {
        if (k > 0) out += k + 1 == c.owners.size() ? " or " : ", ";
        out += s.holder_id(c.owners[k]);
      }
      return out;
    }
    case Condition::Kind::in: {
      const Issue& is = s.issues[static_cast<std::size_t>(c.issue)];
      if (c.options.size() == 1) return is.id + " is " + is.options[static_cast<std::size_t>(c.options[0])];
      std::string out = is.id + " is one of ";
      for (std::size_t k = 0; k < c.options.size(); ++k) {
        if (k > 0) out += ", ";
        out += is.options[static_cast<std::size_t>(c.options[k])];
      }
      return out;
    }
    case Condition::Kind::range: return issue_id(c.issue) + " " + range_text(c.min, c.max);
    case Condition::Kind::party_share:
      return s.parties[static_cast<std::size_t>(c.party)].id + "'s share of " + issue_id(c.issue) + " " +
             range_text(c.min, c.max);
    case Condition::Kind::all: return join(c.children, " and ");
    case Condition::Kind::any: return join(c.children, " or ");
    case Condition::Kind::negation: {
      const Condition& child = c.children.front();
      bool bracketed = child.kind == Condition::Kind::all || child.kind == Condition::Kind::any;
      return bracketed ? "not " + describe_part(s, child, true) : "not (" + describe_part(s, child, false) + ")";
    }
  }
  return "?";
}

}  // namespace

std::string describe(const Scenario& s, const Condition& c) { return describe_part(s, c, false); }

}  // namespace parley
