#include "parley/optimise/package.h"
#include "parley/optimise/vertex_cut.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/constraints.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/integer_utility.h"
#include "parley/analysis/utility.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"
#include "parley/solve/mip.h"

namespace parley::optimise {

std::string_view contiguity_name(Contiguity c) {
  switch (c) {
    case Contiguity::flow: return "flow";
    case Contiguity::cuts: return "cuts";
  }
  return "";
}

std::optional<Contiguity> contiguity_from_name(std::string_view name) {
  for (Contiguity c : {Contiguity::flow, Contiguity::cuts}) {
    if (contiguity_name(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view status_name(PackageStatus s) {
  switch (s) {
    case PackageStatus::optimal: return "optimal";
    case PackageStatus::feasible: return "feasible";
    case PackageStatus::infeasible: return "infeasible";
    case PackageStatus::time_limit: return "time_limit";
  }
  return "";
}

namespace {

using solver::kInfinity;
using solver::Mip;
using solver::MipSolution;
using solver::MipStatus;
using solver::Term;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxGridPoints = 100'000;
constexpr int kMaxSeparatorsPerRound = 5000;
constexpr double kExactLimit = 9007199254740992.0;  // 2^53: integers exact in doubles

// A 0/1-valued affine expression: constant + sum of terms.
struct Lin {
  std::vector<Term> terms;
  double constant = 0;
};

Lin negate(Lin l) {
  for (Term& t : l.terms) t.coefficient = -t.coefficient;
  l.constant = 1 - l.constant;
  return l;
}

// rows: lower <= lin <= upper, moving the constant across.
void add_lin_row(Mip& m, const Lin& l, double lower, double upper) {
  m.add_row(l.terms, lower - l.constant, upper - l.constant);
}

double to_d(const Rational& r) { return r.to_double(); }

std::int64_t floor_int(const Rational& r) {
  Rational f = r.floor();
  return f.small_numerator();
}
std::int64_t ceil_int(const Rational& r) {
  Rational c = r.ceil();
  return c.small_numerator();
}

// Which demands are kept.
struct Kept {
  std::vector<bool> rules;
  std::vector<std::vector<bool>> red_lines;
  std::vector<bool> reservations;

  Kept(const Scenario& s, const PackageOptions& o) {
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
};

// The scenario as a MIP: variables, utilities, and every kept demand as rows.
class Model {
 public:
  Model(const Scenario& s, const IntegerUtilities& iu, const Kept& kept, Contiguity contiguity)
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

  Mip mip;
  std::vector<Lin> utility;  // N_p = U_p * D_p, integer coefficients

  std::size_t parties() const { return s_.parties.size(); }
  std::int64_t denominator(std::size_t p) const { return iu_.denominator(static_cast<int>(p)); }

  // N_p >= floor(r_p D_p) + 1, i.e. U_p > r_p.
  void require_above_reservation(std::size_t p) {
    const Rational bound = Rational(floor_int(s_.preferences[p]->reservation * Rational(denominator(p))) + 1);
    require_at_least(p, bound);
  }
  // N_p >= bound (an integer).
  void require_at_least(std::size_t p, const Rational& bound) { add_lin_row(mip, utility[p], to_d(bound), kInfinity); }

  Outcome decode(const std::vector<double>& x) const {
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

  // Cuts formulation: rows for every party whose regions fall apart in o.
  // Returns how many rows were added (0: every contiguity demand holds).
  int add_separator_rows(const Outcome& o) {
    std::vector<std::vector<Term>> rows = separator_rows(o);
    for (std::vector<Term>& row : rows) {
      mip.add_row(row, -kInfinity, 1);
      separators_.push_back(std::move(row));
    }
    return static_cast<int>(rows.size());
  }

  // Rows found by the lazy check inside a solve: kept for later solves.
  void remember_separators(const std::vector<std::vector<Term>>& rows) {
    separators_.insert(separators_.end(), rows.begin(), rows.end());
  }
  std::size_t separator_count() const { return separators_.size(); }
  void add_separators_from(std::size_t first) {
    for (std::size_t k = first; k < separators_.size(); ++k) mip.add_row(separators_[k], -kInfinity, 1);
  }

  std::vector<std::vector<Term>> separator_rows(const Outcome& o) const {
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
        for (int b : others) {
          // One row per pair of pieces: a row for every region of the piece
          // was measured slower (bigger re-solves for no fewer rounds).
          const int a = pieces[k].front();
          {
            if (static_cast<int>(out.size()) >= kMaxSeparatorsPerRound) return out;
            std::vector<Term> row{{holds_var(a, c.party), 1}, {holds_var(b, c.party), 1}};
            for (int n : boundary) {
              if (int v = holds_var(n, c.party); v >= 0) row.push_back({v, -1});  // -1: n never c.party's
            }
            out.push_back(std::move(row));
          }
        }
      }
    }
    return out;
  }
  bool has_contiguity() const { return !connected_.empty(); }

  // Cuts formulation at a fractional LP point x: separator rows
  // x_r + x_a - sum over S of x <= 1 that x violates by more than
  // kMinViolation, r the party's anchor (or, without one, the region it holds
  // most of), S a lightest r-a separator (optimise/vertex_cut.h).
  std::vector<std::vector<Term>> fractional_separator_rows(const std::vector<double>& x) {
    // Weaker violations were measured to cost more separation and LP time
    // than they save (0.05 and 0.1 against 0.2 on 250-region maps).
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
      for (std::size_t a = 0; a < s_.issues.size(); ++a) {
        const double needed = held_root + held[a] - 1;  // the row's left side without the separator
        if (static_cast<int>(a) == root || needed <= kMinViolation) continue;
        auto cut = cut_finder_->lightest_separator(root, static_cast<int>(a), held, needed - kMinViolation);
        if (!cut) continue;
        std::vector<Term> row{{holds_var(root, c.party), 1}, {holds_var(static_cast<int>(a), c.party), 1}};
        for (int n : cut->separator) {
          if (int v = holds_var(n, c.party); v >= 0) row.push_back({v, -1});
        }
        out.push_back(std::move(row));
      }
    }
    return out;
  }

  // Makes every contiguity-bound party's regions one piece: each party keeps
  // its anchor's piece (or its largest) and hands every other piece to a
  // party holding a region next to it, whose piece it then joins. Rules and
  // red lines may break on the way: the caller re-checks.
  std::optional<Outcome> repair(Outcome o) const {
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

  // Temporary rows (an objective, a level's bound) are added after save()
  // and dropped by restore(); separator rows found in between are kept.
  struct Saved {
    Mip mip;
    std::size_t separators = 0;
  };
  Saved save() const { return {mip, separators_.size()}; }
  void restore(Saved saved) {
    mip = std::move(saved.mip);
    for (std::size_t k = saved.separators; k < separators_.size(); ++k) mip.add_row(separators_[k], -kInfinity, 1);
  }

 private:
  struct Connected {
    int party;
    int root;  // anchor region issue, or -1
  };

  const Scenario& s_;
  const IntegerUtilities& iu_;
  Contiguity contiguity_;
  std::vector<std::vector<int>> vars_;             // [issue][level] or [share issue][party]
  std::vector<std::vector<IssueValue>> domains_;   // non-share issues: the values in level order
  std::vector<Connected> connected_;
  std::vector<std::vector<int>> neighbours_;
  std::vector<std::vector<Term>> separators_;  // cuts formulation: x_a + x_b - sum <= 1
  std::optional<VertexCutFinder> cut_finder_;  // cuts formulation: fractional separation

  // The binary saying region `issue` is held by `party` alone; -1 for other
  // issue kinds and holders the region does not allow.
  int region_var(std::size_t issue, int party) const {
    return s_.issues[issue].kind == IssueKind::region ? holds_var(static_cast<int>(issue), party) : -1;
  }

  // The binary saying region/item `issue` is held by `party` alone.
  int holds_var(int issue, int party) const {
    const auto& d = domains_[static_cast<std::size_t>(issue)];
    for (std::size_t k = 0; k < d.size(); ++k) {
      if (d[k].holder == party) return vars_[static_cast<std::size_t>(issue)][k];
    }
    return -1;
  }

  void build_variables() {
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

  void build_utilities() {
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
  Lin share_range(int issue, int party, std::int64_t lower, std::int64_t upper) {
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

  Lin conjunction(const std::vector<Lin>& parts) {
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

  Lin disjunction(const std::vector<Lin>& parts) {
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
  Lin condition(const Condition& c) {
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

  void add_rule(const Rule& r) {
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

  void add_contiguity() {
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
};

// One optimisation run: the model, the clock, and the counters.
class Run {
 public:
  Run(const Scenario& s, const IntegerUtilities& iu, const PackageOptions& o)
      : kept_(s, o), model_(s, iu, kept_, o.contiguity), options_(o), start_(Clock::now()) {}

  Model& model() { return model_; }
  const Kept& kept() const { return kept_; }
  double time_limit() const { return options_.time_limit; }
  bool cuts() const { return options_.contiguity == Contiguity::cuts; }
  // nash and mnw: a proven upper bound on the sum of the logarithms of the
  // gains (or utilities) when a time limit left no package; infinite if none.
  double log_bound = std::numeric_limits<double>::infinity();

  double remaining() const {
    if (options_.time_limit <= 0) return 0;
    double used = std::chrono::duration<double>(Clock::now() - start_).count();
    return std::max(0.001, options_.time_limit - used);
  }
  bool out_of_time() const {
    return options_.time_limit > 0 &&
           std::chrono::duration<double>(Clock::now() - start_).count() >= options_.time_limit;
  }

  // Solves the model as it stands; with the cuts formulation, adds separator
  // rows and solves again until the answer is connected.
  // connected=false: one solve that ignores the cuts formulation's
  // connectivity (a quick relaxation for a starting package), at most
  // `seconds` long.
  MipSolution solve(bool connected = true, double seconds = 0) {
    for (;;) {
      solver::MipOptions mo;
      mo.time_limit = remaining();
      if (seconds > 0) mo.time_limit = mo.time_limit > 0 ? std::min(mo.time_limit, seconds) : seconds;
      mo.log = options_.log;
      mo.cbc_main = false;  // CBC 2.10.8's driver crashes on these models (solve/mip.h)
      // Cuts: connectivity rows are added lazily inside the branch and bound
      // (solve/mip.h), and remembered for the solves that follow.
      std::vector<std::vector<Term>> found;
      const std::size_t before = model_.separator_count();
      if (connected && cuts() && model_.has_contiguity()) {
        model_.mip.set_lazy(
            [&](const std::vector<double>& x, bool integral, int depth) {
              std::vector<solver::Mip::LazyRow> rows;
              if (!integral) {
                for (std::vector<Term>& row : model_.fractional_separator_rows(x)) {
                  // The root's cuts become rows of the model for the solves
                  // that follow (re-solves, refinements): found again there otherwise.
                  if (depth == 0) found.push_back(row);
                  rows.push_back({std::move(row), -kInfinity, 1});
                }
                fractional_rows_ += static_cast<int>(rows.size());
                return rows;
              }
              Outcome point = model_.decode(x);
              for (std::vector<Term>& row : model_.separator_rows(point)) {
                rows.push_back({row, -kInfinity, 1});
                found.push_back(std::move(row));
              }
              lazy_rows_ += static_cast<int>(rows.size());
              if (!rows.empty()) remember_disconnected(std::move(point));
              return rows;
            },
            /*fractional=*/true);
      }
      MipSolution sol = model_.mip.solve(mo);
      model_.mip.set_lazy({});
      model_.remember_separators(found);
      model_.add_separators_from(before);
      ++mips_;
      nodes_ += sol.nodes;
      if (!connected || !cuts() || !model_.has_contiguity()) return sol;
      if (sol.status != MipStatus::optimal && sol.status != MipStatus::feasible) return sol;
      Outcome point = model_.decode(sol.values);
      int added = model_.add_separator_rows(point);
      if (added == 0) return sol;
      remember_disconnected(std::move(point));
      cut_rows_ += added;
      ++cut_rounds_;
      if (out_of_time()) {
        sol.status = MipStatus::time_limit;  // the incumbent is not connected: nothing usable
        return sol;
      }
    }
  }

  // Packages the search met whose regions fell apart (the last few): when a
  // time limit leaves no connected package, repair() turns them into ones.
  const std::vector<Outcome>& disconnected() const { return disconnected_; }

  PackageResult finish(PackageResult r) const {
    r.nodes = nodes_;
    r.mips = mips_;
    r.fractional_cuts = fractional_rows_;
    r.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    r.formulation = std::string(contiguity_name(options_.contiguity));
    if (options_.contiguity == Contiguity::cuts && (cut_rounds_ > 0 || lazy_rows_ > 0 || fractional_rows_ > 0)) {
      r.formulation += fmt::format(" ({} lazy rows, {} fractional cuts", lazy_rows_, fractional_rows_);
      if (cut_rounds_ > 0) r.formulation += fmt::format(", {} more in {} re-solves", cut_rows_, cut_rounds_);
      r.formulation += ")";
    }
    return r;
  }

 private:
  Kept kept_;
  Model model_;
  PackageOptions options_;
  Clock::time_point start_;
  long long nodes_ = 0;
  int mips_ = 0;
  int cut_rows_ = 0;
  int cut_rounds_ = 0;
  int lazy_rows_ = 0;
  int fractional_rows_ = 0;
  std::vector<Outcome> disconnected_;

  void remember_disconnected(Outcome o) {
    constexpr std::size_t kKeep = 64;
    if (disconnected_.size() == kKeep) disconnected_.erase(disconnected_.begin());
    disconnected_.push_back(std::move(o));
  }
};

// A found package, re-checked: exact utilities and every kept demand.
struct Found {
  Outcome outcome;
  std::vector<Rational> utilities;
};

// exempt_party: a party whose reservation is not imposed, or kNoReservations.
constexpr int kNoReservations = -2;

// What is wrong with a package, by the independent checker; nullopt: nothing.
std::optional<std::string> violation(const Scenario& s, const Kept& kept, const Found& f, int exempt_party) {
  for (const ConstraintCheck& c : check_constraints(s, f.outcome)) {
    bool is_kept = c.kind == ConstraintCheck::Kind::agreed ||
                   (c.kind == ConstraintCheck::Kind::rule && kept.rules[static_cast<std::size_t>(c.index)]) ||
                   (c.kind == ConstraintCheck::Kind::red_line &&
                    kept.red_lines[static_cast<std::size_t>(c.party)][static_cast<std::size_t>(c.index)]);
    if (is_kept && !c.holds) return "breaks " + c.pointer + " (" + c.description + "): " + c.detail;
  }
  for (std::size_t p = 0; p < s.parties.size() && exempt_party != kNoReservations; ++p) {
    if (kept.reservations[p] && static_cast<int>(p) != exempt_party &&
        !(f.utilities[p] > s.preferences[p]->reservation)) {
      return "leaves " + s.parties[p].id + " at or below its reservation";
    }
  }
  return std::nullopt;
}

Found check_found(const Scenario& s, const Utilities& u, const Model& m, const Kept& kept,
                  const std::vector<double>& x, int exempt_party = -1) {
  Found f;
  f.outcome = m.decode(x);
  f.utilities = u.utilities(f.outcome);
  if (auto wrong = violation(s, kept, f, exempt_party)) {
    throw std::logic_error("the package optimiser's answer " + *wrong);
  }
  return f;
}

// Whether a package with utilities `challenger` is strictly better than one
// with `incumbent` (both meeting every kept demand).
using Better = std::function<bool(const std::vector<Rational>& challenger, const std::vector<Rational>& incumbent)>;

// By a method's own score (frontier/bargaining.h: choose keeps the first of equals).
Better better_by(const Run& run, const Scenario& s, Method method) {
  std::vector<Rational> reservations;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    reservations.push_back(run.kept().reservations[p] ? s.preferences[p]->reservation : Rational(-1));
  }
  return [reservations, method](const std::vector<Rational>& challenger, const std::vector<Rational>& incumbent) {
    return choose({incumbent, challenger}, reservations, method) == std::size_t{1};
  };
}

// Repairs disconnected packages (Model::repair), keeps those meeting every
// kept demand, and improves the best by `better` with a local search: hand a
// region to the party holding a neighbour of it while that keeps every demand
// and improves the score. `seconds` bounds the search.
std::optional<Found> best_repaired(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                                   const std::vector<Outcome>& disconnected, double seconds,
                                   std::size_t* usable = nullptr) {
  std::vector<Found> candidates;
  std::vector<std::vector<Rational>> points;
  for (const Outcome& o : disconnected) {
    std::optional<Outcome> fixed = run.model().repair(o);
    if (!fixed) continue;
    Found f{*fixed, u.utilities(*fixed)};
    if (violation(s, run.kept(), f, -1)) continue;
    candidates.push_back(std::move(f));
  }
  if (usable) *usable = candidates.size();
  if (candidates.empty()) return std::nullopt;
  Found current = candidates.front();
  for (const Found& f : candidates) {
    if (better(f.utilities, current.utilities)) current = f;
  }
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (bool improved = true; improved && Clock::now() < deadline;) {
    improved = false;
    for (std::size_t r = 0; r < s.issues.size() && Clock::now() < deadline; ++r) {
      if (s.issues[r].kind != IssueKind::region || s.agreed[r] || !s.map) continue;
      std::set<Holder> next_to;
      for (const auto& [a, b] : s.map->adjacency) {
        if (static_cast<std::size_t>(a) == r) next_to.insert(current.outcome[static_cast<std::size_t>(b)].holder);
        if (static_cast<std::size_t>(b) == r) next_to.insert(current.outcome[static_cast<std::size_t>(a)].holder);
      }
      for (Holder h : next_to) {
        if (h < 0 || h == current.outcome[r].holder) continue;
        Found trial = current;
        trial.outcome[r].holder = h;
        trial.utilities = u.utilities(trial.outcome);
        if (violation(s, run.kept(), trial, -1)) continue;
        if (better(trial.utilities, current.utilities)) {
          current = std::move(trial);
          improved = true;
          break;
        }
      }
    }
  }
  return current;
}

// sum_p log(U_p - offset_p), and the product itself when `product` is given.
double sum_of_log_gains(const std::vector<Rational>& utilities, const std::vector<Rational>& offset,
                        Rational* product = nullptr) {
  double sum = 0;
  Rational prod = 1;
  for (std::size_t p = 0; p < utilities.size(); ++p) {
    prod *= utilities[p] - offset[p];
    sum += std::log(to_d(utilities[p] - offset[p]));
  }
  if (product) *product = prod;
  return sum;
}

// The starting package for the cuts formulation: the model's MIP without
// connectivity (a few seconds at most), repaired and improved by `better`.
std::optional<Found> starting_package(Run& run, const Scenario& s, const Utilities& u, const Better& better) {
  const double budget = run.time_limit() > 0 ? std::min(5.0, 0.2 * run.time_limit()) : 5.0;
  MipSolution quick = run.solve(false, budget);
  if (quick.status != MipStatus::optimal && quick.status != MipStatus::feasible) return std::nullopt;
  return best_repaired(run, s, u, better, {run.model().decode(quick.values)}, budget);
}

// A time limit left no connected package: repair the disconnected ones the
// search met and pick the best (best_repaired). Not proved optimal.
std::optional<PackageResult> repaired_fallback(Run& run, const Scenario& s, const Utilities& u,
                                               Method method) {
  // A little past the time limit: a quarter of it, between 0.5 and 5 seconds.
  const double extra = std::clamp(0.25 * run.time_limit(), 0.5, 5.0);
  std::size_t usable = 0;
  std::optional<Found> current =
      best_repaired(run, s, u, better_by(run, s, method), run.disconnected(), extra, &usable);
  if (!current) return std::nullopt;
  PackageResult r;
  r.status = PackageStatus::feasible;
  r.outcome = current->outcome;
  r.utilities = current->utilities;
  r.gap = std::numeric_limits<double>::quiet_NaN();
  if ((method == Method::nash || method == Method::mnw) && std::isfinite(run.log_bound)) {
    std::vector<Rational> offset;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      offset.push_back(method == Method::nash ? s.preferences[p]->reservation : Rational(0));
    }
    const double log_value = sum_of_log_gains(r.utilities, offset);
    r.gap = std::max(0.0, std::expm1(run.log_bound - log_value));
  }
  r.note = fmt::format(
      "the time limit stopped the search; this package was made by repairing the best of {} disconnected "
      "packages it met and improving it region by region (every rule, red line and "
      "reservation holds); {}",
      usable,
      std::isnan(r.gap) ? std::string("how far it is from the optimum is not known")
                        : fmt::format("no package's product is larger by more than {:.1f}%", 100 * r.gap));
  return r;
}

constexpr double kUnknownGap = std::numeric_limits<double>::quiet_NaN();

// A result carrying a package.
PackageResult with_package(PackageStatus status, const Found& f, double gap = 0, std::string note = {}) {
  PackageResult r;
  r.status = status;
  r.outcome = f.outcome;
  r.utilities = f.utilities;
  r.gap = gap;
  r.note = std::move(note);
  return r;
}

PackageResult from_status(MipStatus st) {
  PackageResult r;
  r.status = st == MipStatus::infeasible ? PackageStatus::infeasible : PackageStatus::time_limit;
  return r;
}

bool has_solution(const MipSolution& s) { return s.status == MipStatus::optimal || s.status == MipStatus::feasible; }

// Scores s_p = (U_p - r_p) / c_p, compared leximin. In N_p terms:
// s_p >= v  <=>  N_p >= ceil((v c_p + r_p) D_p);  s_p > v  <=>  N_p >= floor(...) + 1.
struct Scores {
  std::vector<Rational> offset;  // r_p
  std::vector<Rational> scale;   // c_p > 0

  Rational score(std::size_t p, const Rational& utility) const { return (utility - offset[p]) / scale[p]; }
  std::vector<Rational> sorted(const std::vector<Rational>& u) const {
    std::vector<Rational> v;
    for (std::size_t p = 0; p < u.size(); ++p) v.push_back(score(p, u[p]));
    std::sort(v.begin(), v.end());
    return v;
  }
  Rational threshold(std::size_t p, const Rational& v, std::int64_t d) const { return (v * scale[p] + offset[p]) * Rational(d); }
};

// "At most `allowed` parties have score below (strict: at or below) v": one
// binary per party lifting its bound.
void at_most_below(Model& m, const Scores& sc, const Rational& v, bool strict, std::size_t allowed) {
  std::vector<Term> count;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    Rational t = sc.threshold(p, v, m.denominator(p));
    double bound = static_cast<double>(strict ? floor_int(t) + 1 : ceil_int(t));
    if (bound <= 0) continue;  // every package meets it (N_p >= 0)
    if (allowed == 0) {
      add_lin_row(m.mip, m.utility[p], bound, kInfinity);
      continue;
    }
    int b = m.mip.add_var(0, 1, 0, true);
    Lin row = m.utility[p];  // N_p + bound * b >= bound
    row.terms.push_back({b, bound});
    add_lin_row(m.mip, row, bound, kInfinity);
    count.push_back({b, 1});
  }
  if (allowed > 0 && !count.empty()) m.mip.add_row(std::move(count), -kInfinity, static_cast<double>(allowed));
}

// Leximin on the scores over the packages the model allows.
PackageResult leximin(Run& run, const Scenario& s, const Utilities& u, const Scores& sc) {
  Model& m = run.model();
  const std::size_t n = m.parties();
  std::optional<Found> best, start;
  double upper = 0;
  for (std::size_t p = 0; p < n; ++p) upper = std::max(upper, to_d((Rational(1) - sc.offset[p]) / sc.scale[p]));
  for (std::size_t level = 0; level < n; ++level) {
    // Maximise t with at most `level` parties below it.
    Model::Saved saved = m.save();
    int t = m.mip.add_var(-kInfinity, upper, 1, false);
    std::vector<Term> count;
    for (std::size_t p = 0; p < n; ++p) {
      // N_p / (D_p c_p) - r_p / c_p >= t - M b_p
      const double k = 1.0 / (static_cast<double>(m.denominator(p)) * to_d(sc.scale[p]));
      std::vector<Term> row;
      for (const Term& term : m.utility[p].terms) row.push_back({term.var, term.coefficient * k});
      row.push_back({t, -1});
      double rhs = to_d(sc.offset[p] / sc.scale[p]) - m.utility[p].constant * k;
      if (level > 0) {
        int b = m.mip.add_var(0, 1, 0, true);
        row.push_back({b, upper + 2});
        count.push_back({b, 1});
      }
      m.mip.add_row(std::move(row), rhs, kInfinity);
    }
    if (!count.empty()) m.mip.add_row(std::move(count), -kInfinity, static_cast<double>(level));
    m.mip.set_maximize(true);
    // With the cuts formulation, a starting package for the first level: the
    // MIP without connectivity, repaired and improved locally; then only
    // packages whose smallest score is at least its smallest are searched.
    if (level == 0 && run.cuts() && m.has_contiguity()) {
      Better by_scores = [&sc](const std::vector<Rational>& a, const std::vector<Rational>& b) {
        return sc.sorted(a) > sc.sorted(b);
      };
      start = starting_package(run, s, u, by_scores);
      if (start) at_most_below(m, sc, sc.sorted(start->utilities)[0], false, 0);
    }
    MipSolution sol = run.solve();
    m.restore(std::move(saved));
    if (!has_solution(sol)) {
      if (!best && start) {  // the first level's search stopped: the starting package is what there is
        return with_package(PackageStatus::feasible, *start, kUnknownGap,
                            "the time limit stopped the search; this package was built from the problem without "
                            "connectivity, repaired and improved region by region");
      }
      if (best) {  // time ran out on a later level
        return with_package(PackageStatus::feasible, *best, kUnknownGap,
                            fmt::format("leximin proved for the {} smallest scores only", level));
      }
      return from_status(sol.status);
    }
    Found f = check_found(s, u, m, run.kept(), sol.values);
    // Prove the level exactly: is there a package whose level-th smallest score is larger?
    for (;;) {
      Rational v = sc.sorted(f.utilities)[level];
      Model::Saved before = m.save();
      at_most_below(m, sc, v, true, level);
      m.mip.set_maximize(true);
      MipSolution better = run.solve();
      m.restore(std::move(before));
      if (better.status == MipStatus::infeasible) {
        at_most_below(m, sc, v, false, level);  // fix the level
        best = f;
        break;
      }
      if (!has_solution(better)) {
        return with_package(PackageStatus::feasible, f, kUnknownGap,
                            fmt::format("leximin proved for the {} smallest scores only", level));
      }
      f = check_found(s, u, m, run.kept(), better.values);
    }
  }
  return with_package(PackageStatus::optimal, *best);
}

// Tangents per party added between the least gain a package as good as the
// starting one can give and the largest.
constexpr int kDenseTangents = 400;

// Maximise sum_p log(U_p - r_p) under tangent cuts, refined at each incumbent.
// method: nash (offset = reservations) or mnw (offset 0), for scoring starting
// packages. with_start=false when the model holds rows the starting package
// is not checked against (utilitarian's tie-break).

PackageResult nash_product(Run& run, const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                           Method method, bool with_start = true) {
  Model& m = run.model();
  const std::size_t n = m.parties();
  std::vector<int> w(n), numerator(n);
  std::vector<double> largest(n);
  std::vector<std::set<double>> tangents(n);
  auto add_tangent = [&](std::size_t p, double g) {
    if (!(g > 0) || !tangents[p].insert(g).second) return;
    // w <= log g - 1 + (N/D - r)/g, on the variable holding N (two terms a
    // row, so that hundreds of tangents cost the LP little).
    const double k = 1.0 / (static_cast<double>(m.denominator(p)) * g);
    m.mip.add_row({{w[p], 1}, {numerator[p], -k}}, -kInfinity, std::log(g) - 1 - to_d(offset[p]) / g);
  };
  for (std::size_t p = 0; p < n; ++p) {
    // numerator = N_p
    numerator[p] = m.mip.add_var(-kInfinity, kInfinity, 0, false);
    std::vector<Term> row{{numerator[p], 1}};
    for (const Term& t : m.utility[p].terms) row.push_back({t.var, -t.coefficient});
    m.mip.add_row(std::move(row), m.utility[p].constant, m.utility[p].constant);
    const double smallest = 1.0 / static_cast<double>(m.denominator(p));
    largest[p] = std::max(smallest, 1 - to_d(offset[p]));  // the largest gain
    w[p] = m.mip.add_var(std::log(smallest) - 1, std::log(largest[p]) + 1, 1, false);
    for (int k = 0; k <= 16; ++k) add_tangent(p, smallest * std::pow(largest[p] / smallest, k / 16.0));
  }
  m.mip.set_maximize(true);
  std::optional<Found> best;
  double best_log = -kInfinity;
  double proven_bound = kInfinity;  // every earlier MIP's bound is a true bound (fewer tangents)
  Rational best_product;
  // With the cuts formulation, a starting package: the tangent MIP without
  // connectivity (quick), repaired to a connected package and improved
  // locally. Then only packages at least as good are searched for (a row
  // sum w >= its logarithm; the tangents over-estimate, so none is lost), and
  // if there is none the starting package is the optimum.
  if (with_start && run.cuts() && m.has_contiguity()) {
    if (auto start = starting_package(run, s, u, better_by(run, s, method))) {
      best = *start;
      best_log = sum_of_log_gains(start->utilities, offset, &best_product);
      // Every package at least as good gives party p a gain of at least
      // exp(best_log - sum of the others' largest logarithms): dense
      // tangents there make the bound tight enough that few refinement
      // rounds (each a whole MIP) are needed.
      double largest_logs = 0;
      for (std::size_t p = 0; p < n; ++p) largest_logs += std::log(largest[p]);
      for (std::size_t p = 0; p < n; ++p) {
        const double least = std::exp(best_log - (largest_logs - std::log(largest[p])));
        if (!(least > 0) || !(least < largest[p])) continue;
        for (int k = 0; k <= kDenseTangents; ++k) {
          add_tangent(p, least * std::pow(largest[p] / least, k / double(kDenseTangents)));
        }
      }
      std::vector<Term> cutoff;
      for (std::size_t p = 0; p < n; ++p) cutoff.push_back({w[p], 1});
      m.mip.add_row(std::move(cutoff), best_log - 1e-9 * std::max(1.0, std::abs(best_log)), kInfinity);
    }
  }
  for (;;) {
    MipSolution sol = run.solve();
    if (best && sol.status == MipStatus::infeasible) {  // nothing better than the starting package
      return with_package(PackageStatus::optimal, *best);
    }
    if (!has_solution(sol)) {
      if (sol.status == MipStatus::time_limit && std::isfinite(sol.bound) && std::abs(sol.bound) < 1e6) {
        proven_bound = std::min(proven_bound, sol.bound);
      }
      if (!best) {
        // CBC's bound is still a true bound on the sum of logarithms: kept
        // so that a repaired package can say how far it may be from the best.
        if (sol.status == MipStatus::time_limit && std::isfinite(sol.bound) && std::abs(sol.bound) < 1e6) {
          run.log_bound = sol.bound;
        }
        return from_status(sol.status);
      }
      run.log_bound = std::min(run.log_bound, proven_bound);
      return with_package(PackageStatus::feasible, *best,
                          std::isfinite(proven_bound) ? std::max(0.0, std::expm1(proven_bound - best_log)) : kUnknownGap,
                          "the time limit stopped the search for a better package than this one");
    }
    Found f = check_found(s, u, m, run.kept(), sol.values);
    Rational product;
    const double log_value = sum_of_log_gains(f.utilities, offset, &product);
    if (!best || product > best_product) {
      best = f;
      best_product = product;
      best_log = log_value;
    }
    const double bound = sol.status == MipStatus::optimal ? sol.objective : sol.bound;
    proven_bound = std::min(proven_bound, bound);
    const double tolerance = 1e-9 * std::max(1.0, std::abs(best_log));
    if (bound <= best_log + tolerance) {
      run.log_bound = std::min(run.log_bound, bound);
      if (sol.status == MipStatus::optimal) return with_package(PackageStatus::optimal, *best);
      return with_package(PackageStatus::feasible, *best, std::max(0.0, std::expm1(bound - best_log)));
    }
    if (sol.status != MipStatus::optimal || run.out_of_time()) {
      run.log_bound = std::min(run.log_bound, bound);
      return with_package(PackageStatus::feasible, *best, std::max(0.0, std::expm1(bound - best_log)),
                          "the time limit stopped the refinement of the Nash product's bound");
    }
    std::size_t before = 0, after = 0;
    for (std::size_t p = 0; p < n; ++p) before += tangents[p].size();
    for (std::size_t p = 0; p < n; ++p) add_tangent(p, to_d(f.utilities[p] - offset[p]));
    for (std::size_t p = 0; p < n; ++p) after += tangents[p].size();
    if (after == before) {
      // The incumbent's tangents are all in, so the bound is its exact value
      // up to rounding: nothing better exists beyond the tolerance.
      return with_package(PackageStatus::optimal, *best);
    }
  }
}

// Maximise an integer-coefficient linear expression (a utility N_p, or the
// utilitarian sum scaled to integers); CBC proves integer objectives exactly.
PackageResult maximise_linear(Run& run, const Scenario& s, const Utilities& u, const std::vector<double>& weight,
                              int exempt_party) {
  Model& m = run.model();
  Model::Saved saved = m.save();
  // The objective as a variable: obj = sum weight_p N_p.
  int obj = m.mip.add_var(-kInfinity, kInfinity, 1, false);
  std::vector<Term> row{{obj, -1}};
  double constant = 0;
  for (std::size_t p = 0; p < m.parties(); ++p) {
    if (weight[p] == 0) continue;
    for (const Term& t : m.utility[p].terms) row.push_back({t.var, t.coefficient * weight[p]});
    constant += m.utility[p].constant * weight[p];
  }
  m.mip.add_row(std::move(row), -constant, -constant);
  m.mip.set_maximize(true);
  MipSolution sol = run.solve();
  m.restore(std::move(saved));
  if (!has_solution(sol)) return from_status(sol.status);
  Found f = check_found(s, u, m, run.kept(), sol.values, exempt_party);
  PackageResult r;
  r.status = sol.status == MipStatus::optimal ? PackageStatus::optimal : PackageStatus::feasible;
  if (sol.status != MipStatus::optimal) {
    r.gap = std::abs(sol.bound - sol.objective) / std::max(1.0, std::abs(sol.objective));
  }
  r.outcome = f.outcome;
  r.utilities = f.utilities;
  return r;
}

std::optional<Failure> unsupported(const Scenario& s, const std::optional<IntegerUtilities>& iu) {
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::share) continue;
    if (issue_domain_size(s, static_cast<int>(i)) > Rational(static_cast<std::int64_t>(kMaxGridPoints))) {
      return Failure{"",
                     {Diagnostic{"/issues/" + std::to_string(i),
                                 "the package optimiser handles number grids of up to 100,000 points; " +
                                     s.issues[i].id + " has " + issue_domain_size(s, static_cast<int>(i)).str()}},
                     FailureKind::unsupported};
    }
  }
  bool fits = iu.has_value();
  for (std::size_t p = 0; fits && p < s.parties.size(); ++p) {
    fits = static_cast<double>(iu->denominator(static_cast<int>(p))) <= kExactLimit;
  }
  if (!fits) {
    return Failure{"",
                   {Diagnostic{"/preferences",
                               "the package optimiser needs each party's utilities over a common denominator of at "
                               "most 2^53; these weights and values need more"}},
                   FailureKind::unsupported};
  }
  return std::nullopt;
}

// What every entry point checks, and the exact utilities it works with.
struct Prepared {
  Utilities u;
  IntegerUtilities iu;
};

Result<Prepared> prepare(const Scenario& s, std::string_view command) {
  if (auto missing = missing_preferences(s, command); !missing.empty()) return Failure{"", std::move(missing)};
  Utilities u(s);
  std::optional<IntegerUtilities> iu = IntegerUtilities::make(u);
  if (auto f = unsupported(s, iu)) return *f;
  return Prepared{std::move(u), std::move(*iu)};
}

}  // namespace

Result<PackageResult> optimise_package(const Scenario& s, Method method, const PackageOptions& options) {
  if (!is_solution_concept(method)) {
    return Failure{"",
                   {Diagnostic{"", "the package optimiser answers nash, ks, egalitarian, utilitarian, mnw and "
                                   "leximin; " + std::string(method_name(method)) + " is a fair-division procedure"}},
                   FailureKind::unsupported};
  }
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options);
  Model& m = run.model();
  const std::size_t n = s.parties.size();
  std::vector<Rational> reservation;
  for (std::size_t p = 0; p < n; ++p) reservation.push_back(s.preferences[p]->reservation);
  auto strict_ir = [&] {
    for (std::size_t p = 0; p < n; ++p) {
      if (run.kept().reservations[p]) m.require_above_reservation(p);
    }
  };
  PackageResult r;
  switch (method) {
    case Method::nash: strict_ir(); r = nash_product(run, s, u, reservation, method); break;
    case Method::mnw: strict_ir(); r = nash_product(run, s, u, std::vector<Rational>(n, Rational(0)), method); break;
    case Method::egalitarian:
    case Method::leximin: {
      strict_ir();
      Scores sc;
      sc.offset = method == Method::egalitarian ? reservation : std::vector<Rational>(n, Rational(0));
      sc.scale.assign(n, Rational(1));
      r = leximin(run, s, u, sc);
      break;
    }
    case Method::ks: {
      // The ideal point over the packages at or above every reservation.
      Scores sc;
      sc.offset = reservation;
      {
        Model::Saved saved = m.save();
        for (std::size_t p = 0; p < n; ++p) {
          if (!run.kept().reservations[p]) continue;
          m.require_at_least(p, Rational(ceil_int(reservation[p] * Rational(m.denominator(p)))));
        }
        for (std::size_t p = 0; p < n; ++p) {
          std::vector<double> weight(n, 0);
          weight[p] = 1;
          PackageResult best = maximise_linear(run, s, u, weight, kNoReservations);
          if (best.status != PackageStatus::optimal) {
            m.restore(std::move(saved));
            best.note = best.status == PackageStatus::infeasible ? "" : "the time limit stopped the ideal point";
            if (best.status == PackageStatus::feasible) best.status = PackageStatus::time_limit;
            return run.finish(best);
          }
          Rational room = best.utilities[p] - reservation[p];
          if (room.sign() <= 0) {  // no package gives p more than its reservation
            m.restore(std::move(saved));
            return run.finish(from_status(MipStatus::infeasible));
          }
          sc.scale.push_back(room);
        }
        m.restore(std::move(saved));
      }
      strict_ir();
      r = leximin(run, s, u, sc);
      for (std::size_t p = 0; p < n; ++p) r.ideal.push_back(reservation[p] + sc.scale[p]);
      break;
    }
    case Method::utilitarian: {
      strict_ir();
      // Sum of N_p / D_p, scaled by the least common multiple of the D_p when it fits.
      std::int64_t lcm = 1;
      bool exact = true;
      for (std::size_t p = 0; p < n && exact; ++p) {
        std::int64_t d = m.denominator(p), g = std::gcd(lcm, d);
        exact = static_cast<double>(lcm / g) * static_cast<double>(d) * static_cast<double>(n) <= kExactLimit;
        if (exact) lcm = lcm / g * d;
      }
      std::vector<double> weight(n);
      for (std::size_t p = 0; p < n; ++p) {
        weight[p] = exact ? static_cast<double>(lcm / m.denominator(p)) : 1.0 / static_cast<double>(m.denominator(p));
      }
      PackageResult first = maximise_linear(run, s, u, weight, -1);
      if (first.status != PackageStatus::optimal) {
        r = first;
        break;
      }
      // Ties broken by nash: among the packages with this sum, the largest product of gains.
      Rational sum = 0;
      for (const Rational& x : first.utilities) sum += x;
      std::vector<Term> row;
      double constant = 0;
      for (std::size_t p = 0; p < n; ++p) {
        for (const Term& t : m.utility[p].terms) row.push_back({t.var, t.coefficient * weight[p]});
        constant += m.utility[p].constant * weight[p];
      }
      double target = exact ? to_d(sum * Rational(lcm)) : to_d(sum) - 1e-9;
      m.mip.add_row(std::move(row), target - constant, kInfinity);
      r = nash_product(run, s, u, reservation, Method::nash, false);
      if (r.status != PackageStatus::optimal) r = first;  // the sum is still proved optimal
      break;
    }
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle: break;  // refused above
  }
  if ((r.status == PackageStatus::time_limit || r.status == PackageStatus::feasible) && m.has_contiguity()) {
    // Not proved: a repaired package may be better than the search's best.
    // A proven gap stays true for a better package (same bound, larger value).
    if (std::optional<PackageResult> fallback = repaired_fallback(run, s, u, method)) {
      if (r.status == PackageStatus::time_limit || better_by(run, s, method)(fallback->utilities, r.utilities)) {
        if (r.status == PackageStatus::feasible && !std::isnan(r.gap) && std::isnan(fallback->gap)) {
          fallback->gap = r.gap;
        }
        r = *fallback;
      }
    }
  }
  return run.finish(r);
}

Result<PackageResult> best_for_party(const Scenario& s, int party, const PackageOptions& options) {
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (static_cast<int>(p) != party && run.kept().reservations[p]) run.model().require_above_reservation(p);
  }
  std::vector<double> weight(s.parties.size(), 0);
  weight[static_cast<std::size_t>(party)] = 1;
  return run.finish(maximise_linear(run, s, u, weight, party));
}

Result<MipFrontier> mip_frontier(const Scenario& s, const PackageOptions& options, std::size_t max_points) {
  if (s.parties.size() != 2) {
    return Failure{"", {Diagnostic{"/parties", "the MIP frontier handles two parties"}}, FailureKind::unsupported};
  }
  Result<Prepared> prepared = prepare(s, "frontier");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options);
  Model& m = run.model();
  for (std::size_t p = 0; p < 2; ++p) {  // at or above the reservation
    if (run.kept().reservations[p]) {
      m.require_at_least(p, Rational(ceil_int(s.preferences[p]->reservation * Rational(m.denominator(p)))));
    }
  }
  MipFrontier out;
  Rational floor_b = 0;  // N_b >= floor_b
  auto stop = [&](const std::string& why) {
    out.complete = false;
    out.note = why;
  };
  for (;;) {
    if (out.outcomes.size() >= max_points) {
      stop(fmt::format("stopped after {} points", max_points));
      break;
    }
    Model::Saved base = m.save();
    m.require_at_least(1, floor_b);
    PackageResult most_a = maximise_linear(run, s, u, {1, 0}, kNoReservations);
    if (most_a.status == PackageStatus::infeasible) {
      m.restore(std::move(base));
      break;
    }
    if (most_a.status != PackageStatus::optimal) {
      m.restore(std::move(base));
      stop("the time limit stopped the search");
      break;
    }
    const Rational a = most_a.utilities[0] * Rational(m.denominator(0));
    m.require_at_least(0, a);
    PackageResult most_b = maximise_linear(run, s, u, {0, 1}, kNoReservations);
    m.restore(std::move(base));
    if (most_b.status != PackageStatus::optimal) {
      stop("the time limit stopped the search");
      break;
    }
    out.outcomes.push_back(most_b.outcome);
    out.utilities.push_back(most_b.utilities);
    floor_b = most_b.utilities[1] * Rational(m.denominator(1)) + Rational(1);
  }
  PackageResult stats = run.finish(PackageResult{});
  out.mips = stats.mips;
  out.seconds = stats.seconds;
  return out;
}

Result<PackageResult> find_package(const Scenario& s, const PackageOptions& options) {
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (run.kept().reservations[p]) run.model().require_above_reservation(p);
  }
  return run.finish(maximise_linear(run, s, u, std::vector<double>(s.parties.size(), 0), -1));
}

}  // namespace parley::optimise
