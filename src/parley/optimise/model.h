// Internal to the package optimiser: only optimise/*.cpp include this header.
//
// The scenario as a MIP (package.h, "Model"): one binary per (issue, outcome),
// one integer per (share, party), each party's utility as an integer linear
// expression N_p = U_p * D_p, and every kept demand as rows; plus, in exact
// terms, what the model demands of the parties' utilities (Model::unmet), so
// that every package, whatever produced it, is checked against the demands
// themselves and not against the integer rows derived from them.
//
//   Kept kept(scenario, options);
//   Model m(scenario, integer_utilities, kept, Contiguity::cuts);
//   m.require_floor(p, reservation, /*strict=*/false);   // N_p >= ceil(r_p D_p)
//   Model::Saved saved = m.save();                        // temporary rows from here
//   ... m.mip.solve(...) ...
//   m.restore(std::move(saved));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/analysis/integer_utility.h"
#include "parley/core/deadline.h"
#include "parley/core/rational.h"
#include "parley/model/scenario.h"
#include "parley/optimise/package.h"
#include "parley/optimise/vertex_cut.h"
#include "parley/solve/mip.h"

namespace parley::optimise::detail {

using solver::kInfinity;
using solver::Mip;
using solver::MipSolution;
using solver::MipStatus;
using solver::Term;

inline constexpr std::size_t kMaxGridPoints = 100'000;
inline constexpr int kMaxSeparatorsPerRound = 5000;
inline constexpr double kExactLimit = 9007199254740992.0;  // 2^53: integers exact in doubles
// CBC works in doubles with tolerances: an integer row (a party's numerator
// N_p over its common denominator D_p, or a sum over the least common
// multiple of several) is told apart from one unit more only while its
// scale is small. On random items with denominators of 1.4e8 and more, CBC
// called feasible models infeasible (false proofs that no package is better
// for one party and as good for all: 7 of 750 random scenarios at 1e8-1e12)
// and answered egalitarian packages below the best as optimal; below 6e7,
// none in 450 (brute force, 2-3 parties, 3-6 items); a utilitarian sum over
// a common denominator of 8e13 was answered 13% below the best as optimal.
// Above this, no verdict of the solver's on such a row is a proof.
inline constexpr std::int64_t kResolvedDenominator = std::int64_t{1} << 25;  // 33,554,432

// A 0/1-valued affine expression: constant + sum of terms.
struct Lin {
  std::vector<Term> terms;
  double constant = 0;
};

Lin negate(Lin l);
// rows: lower <= lin <= upper, moving the constant across.
void add_lin_row(Mip& m, const Lin& l, double lower, double upper);

inline double to_d(const Rational& r) { return r.to_double(); }
// floor and ceil of values known to fit in 64 bits.
std::int64_t floor_int(const Rational& r);
std::int64_t ceil_int(const Rational& r);

// The smallest N with N / d >= value (strict: > value), clamped to [0, d + 1]:
// utilities lie in [0, 1], so below 0 every package meets the bound and above
// d none does. Safe for any value, however large.
std::int64_t numerator_bound(const Rational& value, std::int64_t d, bool strict);

// Which demands are kept.
struct Kept {
  std::vector<bool> rules;
  std::vector<std::vector<bool>> red_lines;
  std::vector<bool> reservations;

  Kept(const Scenario& s, const PackageOptions& o);
};

// A demand on one party's utility: U_p >= value, or U_p > value when strict.
struct Floor {
  std::size_t party = 0;
  Rational value;
  bool strict = false;
};

class Model {
 public:
  Model(const Scenario& s, const IntegerUtilities& iu, const Kept& kept, Contiguity contiguity);

  Mip mip;
  std::vector<Lin> utility;  // N_p = U_p * D_p, integer coefficients

  const Scenario& scenario() const { return s_; }
  std::size_t parties() const { return s_.parties.size(); }
  std::int64_t denominator(std::size_t p) const { return iu_.denominator(static_cast<int>(p)); }

  // U_p >= value (strict: U_p > value) as the exact integer row
  // N_p >= ceil(value D_p) (strict: floor(value D_p) + 1), recorded for unmet().
  void require_floor(std::size_t p, const Rational& value, bool strict);
  // "Some party gets strictly more than value_p": a binary z_p per party with
  // N_p >= L_p + (floor(value_p D_p) + 1 - L_p) z_p, L_p = least_numerator(p),
  // and sum z >= 1, recorded for unmet(). After require_floor(p, value_p)
  // the coefficient on z_p is 0 or 1.
  void require_some_above(const std::vector<Rational>& value);
  // The same rows over the parties in `among` only, not recorded for unmet():
  // a search's restriction (the Nash proof's "better than the best for some
  // member"), which a package let through by the solver's tolerance must not
  // turn into an internal error.
  void add_some_above(const std::vector<Rational>& value, const std::vector<bool>& among);
  // The least N_p that the floors recorded so far allow (0 without one): the
  // base of every big-M row on N_p. A big-M of D_p or more would be defeated
  // by CBC's integrality tolerance (a binary at 1 - 1e-7 passes as 1 and
  // moves the row by D_p 1e-7, more than 1 when D_p > 10^7), which made CBC
  // call feasible models infeasible.
  std::int64_t least_numerator(std::size_t p) const;
  // N_p >= bound, an integer: a row of the search (a frontier walk's step),
  // not a demand on the answer.
  void require_numerator(std::size_t p, std::int64_t bound);
  // Records the demand sum_p U_p >= value (the row itself is objectives.h's
  // require_sum_at_least). `exact`: the row holds it exactly, and unmet()
  // checks it; otherwise the row holds it only to the solver's tolerance (a
  // package CBC finds may fall short by that much), and unmet() does not.
  struct SumFloor {
    Rational value;
    bool exact = false;
  };
  void record_sum_floor(SumFloor f) { sum_floor_ = std::move(f); }
  const std::optional<SumFloor>& sum_floor() const { return sum_floor_; }
  bool demands_some_above() const { return some_above_.has_value(); }

  // No package whose terms other than the shares are all as in o: one row
  // over those terms' binaries (the agreed ones left out: they never
  // change). False, adding nothing, when every such term is agreed: the row
  // would then exclude every package.
  bool exclude_fixed_terms(const Outcome& o);

  // At most `most` issues take a value other than o's (a share changes when
  // any party's fraction does): one binary per issue that can be 1 only
  // while the issue keeps o's value, and their sum at least issues - most.
  // A value of o outside the model (off the grid) counts as changed.
  void limit_changes(const Outcome& o, int most);

  // What the recorded demands on utilities say about these exact utilities:
  // nullopt when every one holds.
  std::optional<std::string> unmet(const std::vector<Rational>& utilities) const;
  const std::vector<Floor>& floors() const { return floors_; }

  Outcome decode(const std::vector<double>& x) const;

  // Cuts formulation: rows for every party whose regions fall apart in o.
  // Returns how many rows were added (0: every contiguity demand holds).
  int add_separator_rows(const Outcome& o);
  // Rows found by the lazy check inside a solve: kept for later solves.
  void remember_separators(const std::vector<std::vector<Term>>& rows);
  std::size_t separator_count() const { return separators_.size(); }
  void add_separators_from(std::size_t first);
  std::vector<std::vector<Term>> separator_rows(const Outcome& o) const;
  bool has_contiguity() const { return !connected_.empty(); }

  // Cuts formulation at a fractional LP point x: separator rows
  // x_r + x_a - sum over S of x <= 1 that x violates by more than
  // kMinViolation, r the party's anchor (or, without one, the region it holds
  // most of), S a lightest r-a separator (optimise/vertex_cut.h).
  // They are optional (the integral points are checked regardless), so past
  // `until` the search stops with the rows found so far: one call is a
  // separator search per region, seconds on a 4,900-region map.
  std::vector<std::vector<Term>> fractional_separator_rows(const std::vector<double>& x,
                                                           const Deadline& until = Deadline::none());

  // Makes every contiguity-bound party's regions one piece: each party keeps
  // its anchor's piece (or its largest) and hands every other piece to a
  // party holding a region next to it, whose piece it then joins. Rules and
  // red lines may break on the way: the caller re-checks.
  std::optional<Outcome> repair(Outcome o) const;

  // Temporary rows (an objective, a level's bound, a demand tried) are added
  // after save() and dropped by restore(), with the demands recorded in
  // between; separator rows found in between are kept.
  struct Saved {
    Mip mip;
    std::size_t separators = 0;
    std::size_t floors = 0;
    std::optional<std::vector<Rational>> some_above;
    std::optional<SumFloor> sum_floor;
  };
  Saved save() const { return {mip, separators_.size(), floors_.size(), some_above_, sum_floor_}; }
  void restore(Saved saved);

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
  std::vector<Floor> floors_;                  // demands on utilities, exact
  std::optional<std::vector<Rational>> some_above_;
  std::optional<SumFloor> sum_floor_;

  int region_var(std::size_t issue, int party) const;
  int holds_var(int issue, int party) const;
  void build_variables();
  void build_utilities();
  Lin share_range(int issue, int party, std::int64_t lower, std::int64_t upper);
  Lin conjunction(const std::vector<Lin>& parts);
  Lin disjunction(const std::vector<Lin>& parts);
  Lin condition(const Condition& c);
  void add_rule(const Rule& r);
  void add_contiguity();
};

}  // namespace parley::optimise::detail
