#include "parley/optimise/model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "parley/analysis/constraints.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"

namespace parley::optimise::detail {

Lin negate(Lin l) {
  for (Term& t : l.terms) t.coefficient = -t.coefficient;
  l.constant = 1 - l.constant;
  return l;
}

void add_lin_row(Mip& m, const Lin& l, double lower, double upper) {
  m.add_row(l.terms, lower - l.constant, upper - l.constant);
}

std::int64_t floor_int(const Rational& r) { return r.floor().small_numerator(); }
std::int64_t ceil_int(const Rational& r) { return r.ceil().small_numerator(); }

std::int64_t numerator_bound(const Rational& value, std::int64_t d, bool strict) {
  if (value.sign() < 0) return 0;
  if (value > Rational(1)) return d + 1;
  const Rational scaled = value * Rational(d);  // in [0, d]: fits
  return strict ? floor_int(scaled) + 1 : ceil_int(scaled);
}

Kept::Kept(const Scenario& s, const PackageOptions& o) {
  rules = o.keep_rules.empty() ? std::vector<bool>(s.rules.size(), true) : o.keep_rules;
  rules.resize(s.rules.size(), true);
  red_lines.resize(s.parties.size());
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    std::size_t count = s.preferences[p] ? s.preferences[p]->red_lines.size() : 0;
    red_lines[p] = p < o.keep_red_lines.size() && !o.keep_red_lines[p].empty() ? o.keep_red_lines[p]
                                                                               : std::vector<bool>(count, true);
    red_lines[p].resize(count, true);
  }
  reservations = o.keep_reservations.empty() ? std::vector<bool>(s.parties.size(), true) : o.keep_reservations;
  reservations.resize(s.parties.size(), true);
}

Model::Model(const Scenario& s, const IntegerUtilities& iu, const Kept& kept, Contiguity contiguity)
    : s_(s), iu_(iu), contiguity_(contiguity) {
  build_variables();
  build_utilities();
  for (std::size_t k = 0; k < s.rules.size(); ++k) {
    if (kept.rules[k]) add_rule(s.rules[k]);
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const auto& lines = s.preferences[p]->red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (kept.red_lines[p][k]) add_lin_row(mip, condition(lines[k]), 1, kInfinity);
    }
  }
  add_contiguity();
}

Outcome Model::decode(const std::vector<double>& x) const {
  Outcome o;
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    const Issue& is = s_.issues[i];
    if (is.kind == IssueKind::share) {
      IssueValue v;
      for (std::size_t p = 0; p < parties(); ++p) {
        auto k = static_cast<std::int64_t>(std::llround(x[static_cast<std::size_t>(vars_[i][p])]));
        v.shares.push_back(is.step * Rational(k));
      }
      o.push_back(std::move(v));
      continue;
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < vars_[i].size(); ++k) {
      if (x[static_cast<std::size_t>(vars_[i][k])] > x[static_cast<std::size_t>(vars_[i][best])]) best = k;
    }
    o.push_back(domains_[i][best]);
  }
  return o;
}

int Model::add_separator_rows(const Outcome& o) {
  std::vector<std::vector<Term>> rows = separator_rows(o);
  for (std::vector<Term>& row : rows) {
    mip.add_row(row, -kInfinity, 1);
    separators_.push_back(std::move(row));
  }
  return static_cast<int>(rows.size());
}

void Model::remember_separators(const std::vector<std::vector<Term>>& rows) {
  separators_.insert(separators_.end(), rows.begin(), rows.end());
}

void Model::add_separators_from(std::size_t first) {
  for (std::size_t k = first; k < separators_.size(); ++k) mip.add_row(separators_[k], -kInfinity, 1);
}

std::vector<std::vector<Term>> Model::separator_rows(const Outcome& o) const {
  std::vector<std::vector<Term>> out;
  for (const Connected& c : connected_) {
    std::vector<std::vector<int>> pieces = region_pieces(s_, o, c.party);
    if (pieces.size() <= 1) continue;
    // For every piece C and a region b of every other piece (the anchor
    // when there is one): x_a + x_b <= 1 + sum of x over C's neighbours,
    // a the first region of C. Any path from a to b leaves C through a
    // neighbour.
    // Many rows per round: each round is a full re-solve.
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      std::set<int> inside(pieces[k].begin(), pieces[k].end()), boundary;
      for (int r : pieces[k]) {
        for (int n : neighbours_[static_cast<std::size_t>(r)]) {
          if (!inside.count(n)) boundary.insert(n);
        }
      }
      std::vector<int> others;
      for (std::size_t j = 0; j < pieces.size(); ++j) {
        if (j != k) others.push_back(pieces[j].front());
      }
      if (c.root >= 0 && !inside.count(c.root)) others.assign(1, c.root);
      const std::vector<int> around(boundary.begin(), boundary.end());
      for (int b : others) {
        // One row per pair of pieces: a row for every region of the piece
        // was measured slower (bigger re-solves for no fewer rounds).
        const int a = pieces[k].front();
        {
          if (static_cast<int>(out.size()) >= kMaxSeparatorsPerRound) return out;
          std::vector<Term> row{{holds_var(a, c.party), 1}, {holds_var(b, c.party), 1}};
          // Only the boundary regions that also touch b's side: the others
          // lie off every path from a to b (vertex_cut.h, minimal_separator).
          for (int n : minimal_separator(neighbours_, a, b, around)) {
            if (int v = holds_var(n, c.party); v >= 0) row.push_back({v, -1});  // -1: n never c.party's
          }
          out.push_back(std::move(row));
        }
      }
    }
  }
  return out;
}

std::vector<std::vector<Term>> Model::fractional_separator_rows(const std::vector<double>& x, const Deadline& until) {
  // Weaker violations were measured to cost more separation and LP time
  // than they save (0.05 and 0.1 against 0.2 on 250-region maps; 0.05 at
  // the root alone moved a 10x25 grid's root bound by 4% of its gap).
  constexpr double kMinViolation = 0.2;
  std::vector<std::vector<Term>> out;
  if (!cut_finder_) cut_finder_.emplace(neighbours_);
  std::vector<double> held(s_.issues.size(), 0.0);
  for (const Connected& c : connected_) {
    int root = c.root;
    for (std::size_t r = 0; r < s_.issues.size(); ++r) {
      const int v = region_var(r, c.party);
      held[r] = v >= 0 ? x[static_cast<std::size_t>(v)] : 0.0;
      if (c.root < 0 && v >= 0 && (root < 0 || held[r] > held[static_cast<std::size_t>(root)])) root = static_cast<int>(r);
    }
    if (root < 0) continue;
    const double held_root = held[static_cast<std::size_t>(root)];
    // Regions joined to the root by a path wide enough have no violated row:
    // no maximum flow for them (VertexCutFinder::widest_paths).
    const std::vector<double> widest = cut_finder_->widest_paths(root, held);
    for (std::size_t a = 0; a < s_.issues.size(); ++a) {
      if ((a & 63) == 63 && until.expired()) return out;
      const double needed = held_root + held[a] - 1;  // the row's left side without the separator
      if (static_cast<int>(a) == root || needed <= kMinViolation) continue;
      if (widest[a] >= needed - kMinViolation) continue;
      for (const auto& cut : cut_finder_->lightest_separators(root, static_cast<int>(a), held, needed - kMinViolation)) {
        std::vector<Term> row{{holds_var(root, c.party), 1}, {holds_var(static_cast<int>(a), c.party), 1}};
        for (int n : cut.separator) {
          if (int v = holds_var(n, c.party); v >= 0) row.push_back({v, -1});
        }
        out.push_back(std::move(row));
      }
    }
  }
  return out;
}

std::optional<Outcome> Model::repair(Outcome o) const {
  for (std::size_t round = 0; round < 4 * s_.issues.size() + 4; ++round) {
    bool changed = false, stuck = false;
    for (const Connected& c : connected_) {
      std::vector<std::vector<int>> pieces = region_pieces(s_, o, c.party);
      if (pieces.size() <= 1) continue;
      std::size_t keep = 0;
      for (std::size_t k = 0; k < pieces.size(); ++k) {
        bool anchor = c.root >= 0 && std::count(pieces[k].begin(), pieces[k].end(), c.root) > 0;
        if (anchor || (c.root < 0 && pieces[k].size() > pieces[keep].size())) keep = k;
        if (anchor) break;
      }
      for (std::size_t k = 0; k < pieces.size(); ++k) {
        if (k == keep) continue;
        Holder to = kNeutral;
        for (int r : pieces[k]) {
          for (int n : neighbours_[static_cast<std::size_t>(r)]) {
            Holder h = o[static_cast<std::size_t>(n)].holder;
            if (h >= 0 && h != c.party) to = h;
          }
        }
        if (to < 0) {
          stuck = true;
          continue;
        }
        for (int r : pieces[k]) {
          if (s_.agreed[static_cast<std::size_t>(r)]) return std::nullopt;
          o[static_cast<std::size_t>(r)].holder = to;
        }
        changed = true;
      }
    }
    if (!changed) return stuck ? std::nullopt : std::optional<Outcome>(o);
  }
  return std::nullopt;
}

void Model::restore(Saved saved) {
  mip = std::move(saved.mip);
  for (std::size_t k = saved.separators; k < separators_.size(); ++k) mip.add_row(separators_[k], -kInfinity, 1);
  floors_.resize(saved.floors);
  some_above_ = std::move(saved.some_above);
  sum_floor_ = std::move(saved.sum_floor);
}

void Model::require_floor(std::size_t p, const Rational& value, bool strict) {
  require_numerator(p, numerator_bound(value, denominator(p), strict));
  floors_.push_back({p, value, strict});
}

void Model::require_some_above(const std::vector<Rational>& value) {
  add_some_above(value, std::vector<bool>(parties(), true));
  some_above_ = value;
}

void Model::add_some_above(const std::vector<Rational>& value, const std::vector<bool>& among) {
  std::vector<Term> any;
  for (std::size_t p = 0; p < parties(); ++p) {
    if (!among[p]) continue;
    const std::int64_t above = numerator_bound(value[p], denominator(p), true);
    const std::int64_t least = least_numerator(p);
    const int z = mip.add_var(0, 1, 0, true);
    any.push_back({z, 1});
    if (above <= least) continue;  // p is above value_p in every package the model allows
    Lin row = utility[p];  // N_p - (above - least) z_p >= least
    row.terms.push_back({z, -static_cast<double>(above - least)});
    add_lin_row(mip, row, static_cast<double>(least), kInfinity);
  }
  mip.add_row(std::move(any), 1, kInfinity);
}

std::int64_t Model::least_numerator(std::size_t p) const {
  std::int64_t least = 0;
  for (const Floor& f : floors_) {
    if (f.party == p) least = std::max(least, numerator_bound(f.value, denominator(p), f.strict));
  }
  return least;
}

void Model::require_numerator(std::size_t p, std::int64_t bound) {
  add_lin_row(mip, utility[p], static_cast<double>(bound), kInfinity);
}

std::optional<std::string> Model::unmet(const std::vector<Rational>& u) const {
  for (const Floor& f : floors_) {
    if (f.strict ? !(u[f.party] > f.value) : u[f.party] < f.value) {
      return "gives " + s_.parties[f.party].id + " " + u[f.party].str() + ", not " + (f.strict ? "more than " : "at least ") +
             f.value.str();
    }
  }
  if (some_above_) {
    bool any = false;
    for (std::size_t p = 0; p < u.size() && !any; ++p) any = u[p] > (*some_above_)[p];
    if (!any) return std::string("gives no party more than its baseline");
  }
  if (sum_floor_ && sum_floor_->exact) {
    Rational sum = 0;
    for (const Rational& x : u) sum += x;
    if (sum < sum_floor_->value) return "has a sum of utilities of " + sum.str() + ", not at least " + sum_floor_->value.str();
  }
  return std::nullopt;
}

bool Model::exclude_fixed_terms(const Outcome& o) {
  std::vector<Term> row;  // one binary per term is 1; at least one of o's must be 0
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (s_.issues[i].kind == IssueKind::share || s_.agreed[i]) continue;
    const auto& d = domains_[i];
    const auto at = std::find(d.begin(), d.end(), o[i]);
    if (at == d.end()) throw std::logic_error("a package's value of " + s_.issues[i].id + " is not in the model");
    row.push_back({vars_[i][static_cast<std::size_t>(at - d.begin())], 1});
  }
  if (row.empty()) return false;
  const auto most = static_cast<double>(row.size()) - 1;
  mip.add_row(std::move(row), -kInfinity, most);
  return true;
}

void Model::limit_changes(const Outcome& o, int most) {
  std::vector<Term> kept;
  double always_kept = 0;  // agreed shares equal to o's
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    const Issue& is = s_.issues[i];
    if (is.kind != IssueKind::share) {
      const auto& d = domains_[i];
      const auto at = std::find(d.begin(), d.end(), o[i]);
      if (at != d.end()) kept.push_back({vars_[i][static_cast<std::size_t>(at - d.begin())], 1});
      continue;
    }
    if (s_.agreed[i]) {
      always_kept += *s_.agreed[i] == o[i] ? 1 : 0;
      continue;
    }
    const std::int64_t units = (Rational(1) / is.step).small_numerator();
    std::vector<std::int64_t> steps;
    for (const Rational& f : o[i].shares) {
      const Rational k = f / is.step;
      if (!k.is_integer() || k.sign() < 0 || k > Rational(units)) break;
      steps.push_back(k.small_numerator());
    }
    if (steps.size() != parties()) continue;  // o's split is off the grid: every package changes it
    // u = 1 forces every party's steps to o's: |y_p - o_p| <= units (1 - u).
    const int u = mip.add_var(0, 1, 0, true);
    const auto n = static_cast<double>(units);
    for (std::size_t p = 0; p < parties(); ++p) {
      const int y = vars_[i][p];
      const auto at = static_cast<double>(steps[p]);
      mip.add_row({{y, 1}, {u, n}}, -kInfinity, n + at);
      mip.add_row({{y, -1}, {u, n}}, -kInfinity, n - at);
    }
    kept.push_back({u, 1});
  }
  if (kept.empty()) kept.push_back({mip.add_var(0, 0, 0, true), 1});
  const double least = static_cast<double>(s_.issues.size()) - static_cast<double>(most) - always_kept;
  mip.add_row(std::move(kept), least, kInfinity);
}

// The binary saying region `issue` is held by `party` alone; -1 for other
// issue kinds and holders the region does not allow.
int Model::region_var(std::size_t issue, int party) const {
  return s_.issues[issue].kind == IssueKind::region ? holds_var(static_cast<int>(issue), party) : -1;
}

// The binary saying region/item `issue` is held by `party` alone.
int Model::holds_var(int issue, int party) const {
  const auto& d = domains_[static_cast<std::size_t>(issue)];
  for (std::size_t k = 0; k < d.size(); ++k) {
    if (d[k].holder == party) return vars_[static_cast<std::size_t>(issue)][k];
  }
  return -1;
}

void Model::build_variables() {
  vars_.resize(s_.issues.size());
  domains_.resize(s_.issues.size());
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    const Issue& is = s_.issues[i];
    const auto& agreed = s_.agreed[i];
    if (is.kind == IssueKind::share) {
      const std::int64_t units = (Rational(1) / is.step).small_numerator();
      std::vector<Term> sum;
      for (std::size_t p = 0; p < parties(); ++p) {
        double lo = 0, hi = static_cast<double>(units);
        if (agreed) lo = hi = to_d(agreed->shares[p] / is.step);
        int v = mip.add_var(lo, hi, 0, true, is.id + "." + s_.parties[p].id);
        vars_[i].push_back(v);
        sum.push_back({v, 1});
      }
      mip.add_row(std::move(sum), static_cast<double>(units), static_cast<double>(units));
      continue;
    }
    domains_[i] = issue_domain(s_, static_cast<int>(i), kMaxGridPoints).value();
    std::vector<Term> one;
    for (std::size_t k = 0; k < domains_[i].size(); ++k) {
      double fixed = agreed ? (domains_[i][k] == *agreed ? 1 : 0) : -1;
      int v = mip.add_var(fixed < 0 ? 0 : fixed, fixed < 0 ? 1 : fixed, 0, true, is.id + "#" + std::to_string(k));
      vars_[i].push_back(v);
      one.push_back({v, 1});
    }
    mip.add_row(std::move(one), 1, 1);
  }
}

void Model::build_utilities() {
  for (std::size_t p = 0; p < parties(); ++p) {
    Lin u;
    for (std::size_t i = 0; i < s_.issues.size(); ++i) {
      const int party = static_cast<int>(p), issue = static_cast<int>(i);
      if (s_.issues[i].kind == IssueKind::share) {
        std::int64_t c = iu_.at(party, issue, 1) - iu_.at(party, issue, 0);
        if (c != 0) u.terms.push_back({vars_[i][p], static_cast<double>(c)});
        u.constant += static_cast<double>(iu_.at(party, issue, 0));
        continue;
      }
      for (std::size_t k = 0; k < vars_[i].size(); ++k) {
        std::int64_t c = iu_.at(party, issue, k);
        if (c != 0) u.terms.push_back({vars_[i][k], static_cast<double>(c)});
      }
    }
    utility.push_back(std::move(u));
  }
}

// A fresh binary z with z = 1 exactly when lower <= share steps of party q <= upper.
Lin Model::share_range(int issue, int party, std::int64_t lower, std::int64_t upper) {
  const Issue& is = s_.issues[static_cast<std::size_t>(issue)];
  const std::int64_t units = (Rational(1) / is.step).small_numerator();
  const int y = vars_[static_cast<std::size_t>(issue)][static_cast<std::size_t>(party)];
  lower = std::max<std::int64_t>(lower, 0);
  upper = std::min(upper, units);
  if (lower > upper) return Lin{{}, 0};
  std::vector<Lin> parts;
  const auto n = static_cast<double>(units);
  if (lower > 0) {  // a = 1 <=> y >= lower
    int a = mip.add_var(0, 1, 0, true);
    mip.add_row({{y, 1}, {a, -static_cast<double>(lower)}}, 0, kInfinity);                          // a=1 => y >= L
    mip.add_row({{y, 1}, {a, -(n - static_cast<double>(lower) + 1)}}, -kInfinity, static_cast<double>(lower - 1));  // a=0 => y <= L-1
    parts.push_back(Lin{{{a, 1}}, 0});
  }
  if (upper < units) {  // b = 1 <=> y <= upper
    int b = mip.add_var(0, 1, 0, true);
    mip.add_row({{y, 1}, {b, n - static_cast<double>(upper)}}, -kInfinity, n);                       // b=1 => y <= H
    mip.add_row({{y, 1}, {b, static_cast<double>(upper + 1)}}, static_cast<double>(upper + 1), kInfinity);  // b=0 => y >= H+1
    parts.push_back(Lin{{{b, 1}}, 0});
  }
  if (parts.empty()) return Lin{{}, 1};
  if (parts.size() == 1) return parts[0];
  return conjunction(parts);
}

Lin Model::conjunction(const std::vector<Lin>& parts) {
  int z = mip.add_var(0, 1, 0, true);
  Lin lower{{{z, -1}}, 0};  // sum parts - z <= k - 1
  for (const Lin& c : parts) {
    Lin row = c;  // z <= c
    row.terms.push_back({z, -1});
    add_lin_row(mip, row, 0, kInfinity);
    lower.terms.insert(lower.terms.end(), c.terms.begin(), c.terms.end());
    lower.constant += c.constant;
  }
  add_lin_row(mip, lower, -kInfinity, static_cast<double>(parts.size()) - 1);
  return Lin{{{z, 1}}, 0};
}

Lin Model::disjunction(const std::vector<Lin>& parts) {
  int z = mip.add_var(0, 1, 0, true);
  Lin upper{{{z, -1}}, 0};  // z <= sum parts
  for (const Lin& c : parts) {
    Lin row = c;  // z >= c
    row.terms.push_back({z, -1});
    add_lin_row(mip, row, -kInfinity, 0);
    upper.terms.insert(upper.terms.end(), c.terms.begin(), c.terms.end());
    upper.constant += c.constant;
  }
  add_lin_row(mip, upper, 0, kInfinity);
  return Lin{{{z, 1}}, 0};
}

// A 0/1 expression equal to 1 exactly when c holds.
Lin Model::condition(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any: {
      std::vector<Lin> parts;
      for (const Condition& child : c.children) parts.push_back(condition(child));
      if (parts.empty()) return Lin{{}, c.kind == Condition::Kind::all ? 1.0 : 0.0};
      return c.kind == Condition::Kind::all ? conjunction(parts) : disjunction(parts);
    }
    case Condition::Kind::negation: return negate(condition(c.children.at(0)));
    case Condition::Kind::party_share: {
      const Issue& is = s_.issues[static_cast<std::size_t>(c.issue)];
      std::int64_t lower = c.min ? ceil_int(*c.min / is.step) : 0;
      std::int64_t upper = c.max ? floor_int(*c.max / is.step) : std::numeric_limits<std::int64_t>::max();
      return share_range(c.issue, c.party, lower, upper);
    }
    case Condition::Kind::owner:
    case Condition::Kind::in:
    case Condition::Kind::range: {
      // The values of the issue where the condition holds, judged by the
      // model's own evaluator on an outcome that differs only there.
      Lin l;
      Outcome probe(s_.issues.size());
      for (std::size_t k = 0; k < domains_[static_cast<std::size_t>(c.issue)].size(); ++k) {
        probe[static_cast<std::size_t>(c.issue)] = domains_[static_cast<std::size_t>(c.issue)][k];
        if (holds(c, probe)) l.terms.push_back({vars_[static_cast<std::size_t>(c.issue)][k], 1});
      }
      return l;
    }
  }
  return {};
}

void Model::add_rule(const Rule& r) {
  switch (r.kind) {
    case Rule::Kind::require: add_lin_row(mip, condition(r.condition), 1, kInfinity); break;
    case Rule::Kind::implies: {
      Lin a = condition(r.condition), b = condition(r.consequence);
      Lin row = b;  // b - a >= 0
      for (const Term& t : a.terms) row.terms.push_back({t.var, -t.coefficient});
      row.constant -= a.constant;
      add_lin_row(mip, row, 0, kInfinity);
      break;
    }
    case Rule::Kind::same_owner: {
      const auto first = static_cast<std::size_t>(r.issues.front());
      for (std::size_t j = 1; j < r.issues.size(); ++j) {
        const auto other = static_cast<std::size_t>(r.issues[j]);
        // Every holder allowed for either issue: held the same way by both.
        std::set<Holder> holders;
        for (const IssueValue& v : domains_[first]) holders.insert(v.holder);
        for (const IssueValue& v : domains_[other]) holders.insert(v.holder);
        for (Holder h : holders) {
          std::vector<Term> row;
          for (std::size_t k = 0; k < domains_[first].size(); ++k) {
            if (domains_[first][k].holder == h) row.push_back({vars_[first][k], 1});
          }
          for (std::size_t k = 0; k < domains_[other].size(); ++k) {
            if (domains_[other][k].holder == h) row.push_back({vars_[other][k], -1});
          }
          mip.add_row(std::move(row), 0, 0);
        }
      }
      break;
    }
    case Rule::Kind::count: {
      std::vector<Term> row;
      for (int i : r.issues) {
        int v = holds_var(i, r.party);
        if (v >= 0) row.push_back({v, 1});
      }
      mip.add_row(std::move(row), r.min ? static_cast<double>(*r.min) : -kInfinity,
                  r.max ? static_cast<double>(*r.max) : kInfinity);
      break;
    }
    case Rule::Kind::contiguous: {
      std::vector<int> covered = r.parties;
      if (covered.empty()) {
        covered.resize(parties());
        std::iota(covered.begin(), covered.end(), 0);
      }
      for (int p : covered) {
        int root = -1;
        for (const auto& [party, region] : r.anchors) {
          if (party != p) continue;
          mip.add_row({{holds_var(region, p), 1}}, 1, 1);  // the anchor is held
          if (root < 0) root = region;
        }
        auto it = std::find_if(connected_.begin(), connected_.end(), [&](const Connected& c) { return c.party == p; });
        if (it == connected_.end()) {
          connected_.push_back({p, root});
        } else if (it->root < 0) {
          it->root = root;
        }
      }
      break;
    }
  }
}

void Model::add_contiguity() {
  neighbours_.assign(s_.issues.size(), {});
  if (s_.map) {
    for (const auto& [a, b] : s_.map->adjacency) {
      neighbours_[static_cast<std::size_t>(a)].push_back(b);
      neighbours_[static_cast<std::size_t>(b)].push_back(a);
    }
  }
  if (contiguity_ == Contiguity::cuts) {
    // A held region other than the anchor has a held neighbour: the
    // separator rows with S = N(a), up front (a's separators are found
    // lazily otherwise, one branch at a time).
    for (const Connected& c : connected_) {
      if (c.root < 0) continue;
      for (std::size_t a = 0; a < s_.issues.size(); ++a) {
        const int v = region_var(a, c.party);
        if (v < 0 || static_cast<int>(a) == c.root) continue;
        std::vector<Term> row{{v, 1}};
        for (int n : neighbours_[a]) {
          if (int w = holds_var(n, c.party); w >= 0) row.push_back({w, -1});
        }
        mip.add_row(std::move(row), -kInfinity, 0);
      }
    }
    return;
  }
  std::vector<int> regions;
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (s_.issues[i].kind == IssueKind::region) regions.push_back(static_cast<int>(i));
  }
  const auto n = static_cast<double>(regions.size());
  for (const Connected& c : connected_) {
    // Single-commodity flow: the root sends one unit to every other region
    // the party holds, along arcs between regions it holds.
    std::map<int, std::vector<Term>> balance;  // region -> inflow - outflow
    std::map<int, int> root_var;
    if (c.root < 0) {
      std::vector<Term> one_root;
      for (int r : regions) {
        int rho = mip.add_var(0, 1, 0, true);
        root_var[r] = rho;
        mip.add_row({{rho, 1}, {holds_var(r, c.party), -1}}, -kInfinity, 0);  // a root is held
        one_root.push_back({rho, 1});
      }
      mip.add_row(one_root, -kInfinity, 1);
      for (int r : regions) {  // held regions exist => a root exists
        std::vector<Term> row = one_root;
        row.push_back({holds_var(r, c.party), -1});
        mip.add_row(std::move(row), 0, kInfinity);
      }
    }
    for (int u : regions) {
      for (int v : neighbours_[static_cast<std::size_t>(u)]) {
        if (v == c.root) continue;  // nothing flows into the anchor
        int f = mip.add_var(0, n - 1, 0, false);
        mip.add_row({{f, 1}, {holds_var(v, c.party), -(n - 1)}}, -kInfinity, 0);
        mip.add_row({{f, 1}, {holds_var(u, c.party), -(n - 1)}}, -kInfinity, 0);
        balance[v].push_back({f, 1});
        balance[u].push_back({f, -1});
      }
    }
    for (int v : regions) {
      if (v == c.root) continue;
      std::vector<Term> row = balance[v];
      row.push_back({holds_var(v, c.party), -1});
      if (c.root < 0) {
        row.push_back({root_var[v], n});  // inflow - outflow >= x_v - n * root_v
      }
      mip.add_row(std::move(row), 0, kInfinity);
    }
  }
}

}  // namespace parley::optimise::detail
