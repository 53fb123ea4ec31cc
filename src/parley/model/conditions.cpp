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

// Bounds of the range tests on number issues, by issue.
void collect_bounds(const Condition& c, std::map<int, std::vector<Rational>>& out) {
  if (c.kind == Condition::Kind::range && c.min) out[c.issue].push_back(*c.min);
  if (c.kind == Condition::Kind::range && c.max) out[c.issue].push_back(*c.max);
  for (const Condition& child : c.children) collect_bounds(child, out);
}

// The cost of one holds() on the condition: a node each, plus the lists that
// `owner` and `in` tests search (an `in` may list 10,000 options).
std::size_t tree_size(const Condition& c) {
  std::size_t n = 1 + c.owners.size() + c.options.size();
  for (const Condition& child : c.children) n += tree_size(child);
  return n;
}

// Turns a mixed-radix counter (digit k runs 0..radix(k)-1, digit 0 fastest) to
// the next combination. Returns the highest digit that changed (digits below
// it went back to 0), or at.size() when every combination has been seen.
template <typename Radix>
std::size_t next_combination(std::vector<std::size_t>& at, Radix radix) {
  std::size_t k = 0;
  while (k < at.size() && ++at[k] == radix(k)) at[k++] = 0;
  return k;
}

// A test of one party's share of a share issue: share >= bound (is_min) or <= bound.
struct ShareTest {
  int party;
  Rational bound;
  bool is_min;
};

void collect_share_tests(const Condition& c, std::map<int, std::vector<ShareTest>>& out) {
  if (c.kind == Condition::Kind::party_share) {
    if (c.min) out[c.issue].push_back({c.party, *c.min, true});
    if (c.max) out[c.issue].push_back({c.party, *c.max, false});
  }
  for (const Condition& child : c.children) collect_share_tests(child, out);
}

// Splits of a share issue that between them meet every combination of the
// tests on it, without enumerating every split (there are C(K + n - 1, n - 1)
// of them for K grid steps and n parties). Each tested party's units 0..K fall
// into cells in which all of its tests answer alike; a combination of cells,
// one per tested party, is reachable exactly when its lower ends sum to at
// most K and, unless some party is untested and can take the rest, its upper
// ends sum to at least K. One concrete split stands for each reachable combination.
std::optional<std::vector<IssueValue>> share_representatives(const Scenario& s, int issue,
                                                             const std::vector<ShareTest>& tests,
                                                             std::size_t budget) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  const std::int64_t units = (Rational(1) / is.step).small_numerator();
  const Rational k(units);
  std::map<int, std::set<std::int64_t>> breaks;  // party -> first unit of each cell, and units + 1
  for (const ShareTest& t : tests) {
    // share >= b holds from ceil(b K) on; share <= b stops holding after floor(b K).
    Rational at = t.is_min ? (t.bound * k).ceil() : (t.bound * k).floor() + 1;
    std::int64_t b = at < 0 ? 0 : (at > k + 1 ? units + 1 : at.small_numerator());
    auto& set = breaks[t.party];
    set.insert({0, units + 1, b});
  }
  struct Cell {
    std::int64_t lo, hi;
  };
  std::vector<int> parties;
  std::vector<std::vector<Cell>> cells;
  double combinations = 1;
  for (const auto& [party, points] : breaks) {
    std::vector<Cell> party_cells;
    for (auto it = points.begin(); std::next(it) != points.end(); ++it) party_cells.push_back({*it, *std::next(it) - 1});
    combinations *= static_cast<double>(party_cells.size());
    // Each combination may cost a split of n fractions.
    if (combinations * static_cast<double>(s.parties.size()) > static_cast<double>(budget)) return std::nullopt;
    parties.push_back(party);
    cells.push_back(std::move(party_cells));
  }
  const std::size_t n = s.parties.size();
  int untested = -1;
  for (std::size_t p = 0; p < n && untested < 0; ++p) {
    if (!breaks.count(static_cast<int>(p))) untested = static_cast<int>(p);
  }
  std::vector<IssueValue> out;
  std::vector<std::size_t> at(parties.size(), 0);
  while (true) {
    std::int64_t lo_sum = 0, hi_sum = 0;
    for (std::size_t j = 0; j < parties.size(); ++j) {
      lo_sum += cells[j][at[j]].lo;
      hi_sum += cells[j][at[j]].hi;
    }
    if (lo_sum <= units && (untested >= 0 || hi_sum >= units)) {
      std::vector<std::int64_t> split(n, 0);
      std::int64_t rest = units - lo_sum;
      for (std::size_t j = 0; j < parties.size(); ++j) {
        const Cell& c = cells[j][at[j]];
        std::int64_t extra = std::min(rest, c.hi - c.lo);
        split[static_cast<std::size_t>(parties[j])] = c.lo + extra;
        rest -= extra;
      }
      if (rest > 0) split[static_cast<std::size_t>(untested)] += rest;
      IssueValue v;
      for (std::int64_t u : split) v.shares.push_back(Rational(u) * is.step);
      out.push_back(std::move(v));
    }
    if (next_combination(at, [&](std::size_t j) { return cells[j].size(); }) == at.size()) break;
  }
  return out;
}

// Values of one issue that between them meet every combination of the
// condition's tests on that issue; nullopt if too many.
std::optional<std::vector<IssueValue>> representatives(const Scenario& s, int issue,
                                                        const std::vector<Rational>& bounds,
                                                        const std::vector<ShareTest>& share_tests,
                                                        std::size_t budget) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  if (is.kind == IssueKind::share) return share_representatives(s, issue, share_tests, budget);
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

std::optional<bool> satisfiable(const Scenario& s, const Condition& c, std::size_t budget, std::size_t* work) {
  // The work is trials x the size of the condition; keep it within budget.
  if (work) *work = 0;
  const double nodes = static_cast<double>(tree_size(c));
  std::vector<int> issues = condition_issues(c);
  std::map<int, std::vector<Rational>> bounds;
  collect_bounds(c, bounds);
  std::map<int, std::vector<ShareTest>> share_tests;
  collect_share_tests(c, share_tests);
  std::vector<std::vector<IssueValue>> choices;
  double trials = 1;
  std::size_t setup = 0;  // values built, counting each fraction of a split
  for (int i : issues) {
    auto values = representatives(s, i, bounds[i], share_tests[i], budget);
    if (!values) return std::nullopt;
    for (const IssueValue& v : *values) setup += std::max<std::size_t>(1, v.shares.size());
    if (work) *work = setup;
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
  for (std::size_t k = 0; k < issues.size(); ++k) o[k] = choices[k][0];
  // Odometer over the representative values; only the digits that turn are reassigned.
  std::vector<std::size_t> at(issues.size(), 0);
  std::size_t evaluated = 0;
  auto report = [&](bool answer) {
    if (work) *work = setup + evaluated * static_cast<std::size_t>(nodes);
    return answer;
  };
  while (true) {
    ++evaluated;
    if (holds(local, o)) return report(true);
    const std::size_t turned = next_combination(at, [&](std::size_t k) { return choices[k].size(); });
    if (turned == at.size()) return report(false);
    for (std::size_t k = 0; k <= turned; ++k) o[k] = choices[k][at[k]];
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
