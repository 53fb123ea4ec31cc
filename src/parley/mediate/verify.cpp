#include "parley/mediate/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>

#include "parley/analysis/constraints.h"
#include "parley/core/common_denominator.h"
#include "parley/core/rational_sum.h"
#include "parley/analysis/utility.h"
#include "parley/frontier/frontier.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"
#include "parley/optimise/package.h"

namespace parley {

namespace {

using Vec = std::vector<Rational>;

// ---- utilities from the preferences as written ----------------------------
//
// Written again on purpose: the searches use analysis/utility.h and its
// integer tables; this is the plain definition of docs/scenario-format.md.
class Worth {
 public:
  explicit Worth(const Scenario& s) : s_(s) {
    for (const auto& prefs : s.preferences) {
      totals_.push_back(prefs->weight_scale());
      offsets_.push_back(prefs->debt_offset());
    }
  }

  // p's normalised weight of issue i, with its sign (negative: a debt).
  Rational weight(int p, std::size_t i) const {
    return prefs(p).issues[i].weight / totals_[static_cast<std::size_t>(p)];
  }

  // What holder h of item/region i is worth to p, before weighting.
  Rational holder_value(int p, std::size_t i, Holder h) const {
    const HolderValues& hv = prefs(p).issues[i].holder;
    if (h == p) return hv.own;
    if (h == kJoint) return hv.joint;
    if (h == kNeutral) return hv.neutral;
    return hv.other;
  }

  // v_pi(value), before weighting; `split`: the item's fractions per party instead of a holder.
  Rational value(int p, std::size_t i, const IssueValue& v, const Vec* split) const {
    const Issue& issue = s_.issues[i];
    const IssuePreference& ip = prefs(p).issues[i];
    switch (issue.kind) {
      case IssueKind::item:
      case IssueKind::region: {
        if (!split) return holder_value(p, i, v.holder);
        Rational sum = 0;
        for (std::size_t q = 0; q < split->size(); ++q) sum += (*split)[q] * holder_value(p, i, static_cast<Holder>(q));
        return sum;
      }
      case IssueKind::share: return v.shares[static_cast<std::size_t>(p)];
      case IssueKind::choice: return ip.option_values[static_cast<std::size_t>(v.option)];
      case IssueKind::number: {
        const auto& c = ip.curve;
        if (c.empty()) return 0;
        if (v.number <= c.front().first) return c.front().second;
        if (v.number >= c.back().first) return c.back().second;
        for (std::size_t k = 1; k < c.size(); ++k) {
          if (v.number > c[k].first) continue;
          const auto& [x0, y0] = c[k - 1];
          const auto& [x1, y1] = c[k];
          return y0 + (y1 - y0) * (v.number - x0) / (x1 - x0);
        }
        return c.back().second;
      }
    }
    return 0;
  }

  // Summed in the weights as written and divided by their total once: the
  // same number, without the total as a denominator in every term (which
  // made exact sums over 3,900 items x 256 parties take a second). A debt
  // counts from its worst case: U = (sum w v - sum_{w<0} w) / sum |w|, the
  // format's formula as it stands (the engine's Utilities flips instead).
  // The terms go into a RationalSum (core/rational_sum.h), which reduces once
  // at the end instead of after every term (issue 19: those reductions were
  // most of the verified frontier's time).
  Vec utilities(const Outcome& o, const std::optional<fairdiv::SplitItem>& split) const {
    Vec out;
    for (std::size_t p = 0; p < s_.parties.size(); ++p) {
      sum_.reset();
      sum_.add(offsets_[p]);
      for (std::size_t i = 0; i < s_.issues.size(); ++i) {
        const bool is_split = split && static_cast<std::size_t>(split->issue) == i;
        const Rational& w = prefs(static_cast<int>(p)).issues[i].weight;
        if (w.is_zero()) continue;
        sum_.add_product(w, value(static_cast<int>(p), i, o[i], is_split ? &split->fractions : nullptr));
      }
      out.push_back(sum_.value() / totals_[p]);
    }
    return out;
  }

  // a * b, sparing the exact multiplication when b is 1 (an item's own value, a whole item).
  static Rational times(const Rational& a, const Rational& b) { return b == 1 ? a : a * b; }

  const Preferences& prefs(int p) const { return *s_.preferences[static_cast<std::size_t>(p)]; }
  // The sum of p's weights' absolute values: weight() divides by it.
  const Rational& total(int p) const { return totals_[static_cast<std::size_t>(p)]; }
  // What a debt adds to p's sum before the division by total() (0 without debts).
  const Rational& offset(int p) const { return offsets_[static_cast<std::size_t>(p)]; }

 private:
  const Scenario& s_;
  Vec totals_;
  Vec offsets_;
  mutable RationalSum sum_;  // scratch of utilities(); a Worth is never shared between threads
};

// ---- the outcome's values ------------------------------------------------

// What is wrong with the value of issue i, or empty. A split issue (Adjusted
// Winner's) may hold exact fractions off the share's grid.
std::string value_problem(const Scenario& s, std::size_t i, const IssueValue& v, bool split) {
  const Issue& issue = s.issues[i];
  const std::size_t n = s.parties.size();
  switch (issue.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      if (split) return "";
      std::vector<Holder> allowed = allowed_holders(s, static_cast<int>(i));
      if (std::find(allowed.begin(), allowed.end(), v.holder) == allowed.end()) {
        return "holder " + std::to_string(v.holder) + " is not allowed";
      }
      return "";
    }
    case IssueKind::share: {
      if (v.shares.size() != n) return "the fractions are not one per party";
      Rational sum = 0;
      for (const Rational& x : v.shares) {
        if (x.sign() < 0) return "a negative fraction";
        if (!split && !(x / issue.step).is_integer()) return "a fraction off the step " + issue.step.canonical();
        sum += x;
      }
      return sum == 1 ? "" : "fractions summing to " + sum.str();
    }
    case IssueKind::choice:
      return v.option >= 0 && static_cast<std::size_t>(v.option) < issue.options.size() ? "" : "an unknown option";
    case IssueKind::number:
      if (v.number < issue.min || v.number > issue.max) return "a number outside [min, max]";
      return ((v.number - issue.min) / issue.step).is_integer() ? "" : "a number off the grid";
  }
  return "";
}

// ---- fairness from the definitions (analysis/fairness.h states them) -------

struct Fairness {
  bool envy_free = true, ef1 = true, efx = true, proportional = true, equitable = true;
  Vec own_bundle;  // v_p(X_p)
  Vec total;       // T_p
};

Fairness fairness(const Scenario& s, const Worth& w, const Outcome& o, const std::optional<fairdiv::SplitItem>& split) {
  const std::size_t n = s.parties.size();
  // Every property compares values of one party p with each other (or, for
  // equitability, as a ratio of two of them), so p's values are summed in
  // p's weights as written, times the sign of their total: p's normalised
  // values times a positive constant. Normalised weights carry the weights'
  // sum as denominator into every sum, and exact arithmetic on them took
  // seconds on 256 parties x 3,900 items; as written they are mostly small.
  // (The total is a sum of absolute values, so positive: a debt keeps its
  // minus sign and is worth less than nothing to whoever holds it.)
  auto scaled_weight = [&](std::size_t p, std::size_t i) { return w.prefs(static_cast<int>(p)).issues[i].weight; };
  // A unit of a bundle: part of an item or of a share, belonging to its owner.
  struct Unit {
    std::size_t issue;
    Rational amount;  // fraction of the item, or of the share
  };
  std::vector<std::vector<Unit>> bundle_parts(n), removable(n);  // per owner
  Fairness f;
  Vec total(n, 0), goods_utility(n, 0);  // scaled as above
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& issue = s.issues[i];
    if (!issue.is_goods()) continue;
    const bool is_split = split && static_cast<std::size_t>(split->issue) == i;
    for (std::size_t p = 0; p < n; ++p) {
      const Rational wt = scaled_weight(p, i);
      if (wt.is_zero()) continue;
      total[p] += issue.is_holding() ? Worth::times(wt, w.prefs(static_cast<int>(p)).issues[i].holder.own) : wt;
      goods_utility[p] += Worth::times(wt, w.value(static_cast<int>(p), i, o[i], is_split ? &split->fractions : nullptr));
    }
    for (std::size_t q = 0; q < n; ++q) {
      Rational amount;
      if (issue.is_holding()) {
        amount = is_split ? split->fractions[q] : (o[i].holder == static_cast<Holder>(q) ? Rational(1) : Rational(0));
      } else {
        amount = o[i].shares[q];
      }
      if (amount.sign() <= 0) continue;
      bundle_parts[q].push_back({i, amount});
      removable[q].push_back({i, issue.is_holding() ? amount : std::min(amount, issue.step)});
    }
  }
  auto worth = [&](std::size_t p, const Unit& u) {
    const Rational wt = scaled_weight(p, u.issue);
    if (wt.is_zero()) return wt;
    const Rational unit = s.issues[u.issue].is_holding()
                              ? Worth::times(wt, w.prefs(static_cast<int>(p)).issues[u.issue].holder.own)
                              : wt;
    return Worth::times(unit, u.amount);
  };
  for (std::size_t p = 0; p < n; ++p) {
    Vec bundle(n, 0);  // p's value of each party's bundle
    for (std::size_t q = 0; q < n; ++q) {
      for (const Unit& u : bundle_parts[q]) bundle[q] += worth(p, u);
    }
    const Rational scale = w.total(static_cast<int>(p)).abs();
    f.own_bundle.push_back(bundle[p] / scale);
    f.total.push_back(total[p] / scale);
    for (std::size_t q = 0; q < n; ++q) {
      const Rational envy = bundle[q] - bundle[p];
      if (q == p || envy.sign() <= 0) continue;
      f.envy_free = false;
      // Mixed goods and chores (Aziz, Caragiannis, Igarashi and Walsh 2019):
      // EF1 lets p drop one good from X_q or one chore from X_p; EFX needs
      // every such drop to end the envy (and at least one to exist).
      std::optional<Rational> most, least_positive;
      for (const Unit& u : removable[q]) {
        const Rational x = worth(p, u);
        if (!most || x > *most) most = x;
        if (x.sign() > 0 && (!least_positive || x < *least_positive)) least_positive = x;
      }
      for (const Unit& u : removable[p]) {
        const Rational x = -worth(p, u);  // what dropping it from X_p gains p
        if (x.sign() <= 0) continue;
        if (!most || x > *most) most = x;
        if (!least_positive || x < *least_positive) least_positive = x;
      }
      if (!most || *most < envy) f.ef1 = false;
      if (!least_positive || *least_positive < envy) f.efx = false;
    }
  }
  std::optional<Rational> relative;
  for (std::size_t p = 0; p < n; ++p) {
    if (goods_utility[p] < total[p] / Rational(static_cast<std::int64_t>(n))) f.proportional = false;
    if (total[p].is_zero()) continue;
    const Rational r = goods_utility[p] / total[p];
    if (relative && *relative != r) f.equitable = false;
    relative = r;
  }
  return f;
}

// Compares a report's flags with the definitions; empty when they agree.
std::string goods_disagreement(const Scenario& s, const Worth& w, const Outcome& o,
                               const std::optional<fairdiv::SplitItem>& split, const GoodsReport& g) {
  const Fairness f = fairness(s, w, o, split);
  auto differs = [](const char* name, bool claimed, bool actual) {
    return claimed == actual ? std::string()
                             : fmt::format("{} is claimed {} but the definition gives {}", name, claimed, actual);
  };
  for (const std::string& d : {differs("envy-freeness", g.envy_free, f.envy_free), differs("EF1", g.ef1, f.ef1),
                               differs("EFX", g.efx, f.efx), differs("proportionality", g.proportional, f.proportional),
                               differs("equitability", g.equitable, f.equitable)}) {
    if (!d.empty()) return d;
  }
  if (g.mms_known()) {
    const auto n = static_cast<std::int64_t>(s.parties.size());
    bool holds = true;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      // No cut into n bundles can guarantee more than the average bundle.
      if (g.mms_values[p] > f.total[p] / Rational(n)) {
        return "the maximin share of " + s.parties[p].id + " exceeds the proportional share";
      }
      if (!g.mms_values[p].is_zero() && f.own_bundle[p] < g.mms_values[p]) holds = false;
    }
    if (std::string d = differs("the maximin-share property", g.mms, holds); !d.empty()) return d;
  }
  return "";
}

std::string goods_checks_text(const GoodsReport& g) {
  return std::string("envy-freeness, EF1, EFX, proportionality and equitability recomputed from their definitions") +
         (g.mms_known() ? "; the maximin-share property checked against the maximin shares found (each at most the "
                          "proportional share)"
                        : "");
}

bool dominates(const Vec& a, const Vec& b) {
  bool strictly = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    strictly = strictly || a[p] > b[p];
  }
  return strictly;
}

std::string ids(const Scenario& s, const Vec& values) {
  std::string out;
  for (std::size_t p = 0; p < values.size(); ++p) {
    out += (p ? ", " : "") + s.parties[p].id + " " + values[p].str();
  }
  return out;
}

// The checks every package gets: values, constraints, utilities. Returns the
// failure in words, or empty; counts the constraints that hold.
std::string check_package(const Scenario& s, const Worth& w, const Outcome& o,
                          const std::optional<fairdiv::SplitItem>& split, const Vec& claimed, std::size_t* held) {
  if (o.size() != s.issues.size()) return "the package does not give one value per issue";
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const bool is_split = split && static_cast<std::size_t>(split->issue) == i;
    if (std::string why = value_problem(s, i, o[i], is_split); !why.empty()) {
      return "issue " + s.issues[i].id + " has " + why;
    }
    if (s.agreed[i] && !(o[i] == *s.agreed[i]) && !is_split) {
      return "the agreed term " + s.issues[i].id + " is changed";
    }
  }
  std::size_t count = 0;
  for (const ConstraintCheck& c : check_constraints(s, o)) {
    if (!c.holds) return c.pointer + " (" + c.description + ") does not hold: " + c.detail;
    ++count;
  }
  if (held) *held = count;
  const Vec actual = w.utilities(o, split);
  if (actual != claimed) return "the utilities are " + ids(s, claimed) + " but recomputed they are " + ids(s, actual);
  return "";
}

// Every package that changes one term of o (agreed terms kept): one step of
// a share from one party to another, or another value of any other issue
// (up to 100,000 of them), with its utilities: o's, `utilities`, updated
// exactly for the change. f returns true to stop. At most `most` packages,
// while the deadline allows; returns how many were tried, and sets
// *stopped_by_clock when the deadline ended the loop before the last issue.
using SingleChange = std::function<bool(std::size_t issue, const IssueValue& value, const Vec& u)>;
std::size_t for_each_single_change(const Scenario& s, const Worth& w, const Outcome& o, const Vec& utilities,
                                   std::size_t most, const Deadline& deadline, const SingleChange& f,
                                   bool* stopped_by_clock = nullptr) {
  const std::size_t n = s.parties.size();
  std::size_t tried = 0;
  for (std::size_t i = 0; i < s.issues.size() && tried < most; ++i) {
    if (deadline.expired()) {
      if (stopped_by_clock) *stopped_by_clock = true;
      break;
    }
    if (s.agreed[i]) continue;
    std::optional<std::vector<IssueValue>> domain;
    if (s.issues[i].kind == IssueKind::share) {
      // One step from one party to another.
      domain.emplace();
      for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b) {
          IssueValue v = o[i];
          if (a == b || v.shares.size() != n || v.shares[a] < s.issues[i].step) continue;
          v.shares[a] -= s.issues[i].step;
          v.shares[b] += s.issues[i].step;
          domain->push_back(std::move(v));
        }
      }
    } else {
      domain = issue_domain(s, static_cast<int>(i), 100'000);
    }
    if (!domain) continue;
    // Per party, the weight and the value now: once per issue, not per change.
    Vec weights(n), now(n);
    for (std::size_t p = 0; p < n; ++p) {
      weights[p] = w.weight(static_cast<int>(p), i);
      if (!weights[p].is_zero()) now[p] = w.value(static_cast<int>(p), i, o[i], nullptr);
    }
    for (const IssueValue& v : *domain) {
      if (v == o[i] || tried == most) continue;
      ++tried;
      Vec u = utilities;
      for (std::size_t p = 0; p < n; ++p) {
        if (weights[p].is_zero()) continue;
        const Rational change = w.value(static_cast<int>(p), i, v, nullptr) - now[p];
        if (!change.is_zero()) u[p] += weights[p] * change;
      }
      if (f(i, v, u)) return tried;
    }
  }
  return tried;
}

// How many values are positive, then the product of those.
Vec count_then_product(const Vec& values) {
  Rational count = 0, product = 1;
  for (const Rational& x : values) {
    if (x.sign() > 0) {
      count += 1;
      product *= x;
    }
  }
  return Vec{count, product};
}

// Whether values `after` are better than `before` for "how many are
// positive, then the product of those", given only where they differ: the
// other values count and multiply the same on both sides (their product is
// positive).
bool count_then_product_better(const Vec& before, const Vec& after) {
  const Vec a = count_then_product(before), b = count_then_product(after);
  return b > a;
}

// Whether the sorted `after` is leximin-better than the sorted `before`,
// given only where they differ (the other values are the same on both
// sides): after the values common to both are set aside, the first place the
// sorted vectors differ holds the least value left, and the side it came
// from is the worse.
bool leximin_better(Vec before, Vec after) {
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  Vec only_before, only_after;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(only_before));
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(only_after));
  if (only_before.empty()) return false;
  return only_before.front() < only_after.front();
}

// Whether a solution concept's order (docs/cli.md's definitions) puts
// utilities `after` above `before`, exactly, where they differ only for the
// parties in `changed`; nullopt for ks, whose order needs every party's best
// over the acceptable packages (not in the response).
std::optional<bool> better_by_order(Method m, const Vec& before, const Vec& after,
                                    const std::vector<std::size_t>& changed, const Vec& reservations) {
  Vec old_values, new_values, old_gains, new_gains;
  for (std::size_t p : changed) {
    old_values.push_back(before[p]);
    new_values.push_back(after[p]);
    old_gains.push_back(before[p] - reservations[p]);
    new_gains.push_back(after[p] - reservations[p]);
  }
  switch (m) {
    case Method::nash: return count_then_product_better(old_gains, new_gains);
    case Method::mnw: return count_then_product_better(old_values, new_values);
    case Method::egalitarian: return leximin_better(old_gains, new_gains);
    case Method::leximin: return leximin_better(old_values, new_values);
    case Method::utilitarian: {
      Rational more = 0;
      for (std::size_t k = 0; k < changed.size(); ++k) more += new_values[k] - old_values[k];
      return more.sign() != 0 ? more.sign() > 0 : count_then_product_better(old_gains, new_gains);
    }
    default: return std::nullopt;
  }
}

// A claimed optimum that one change of one term improves by the method's own
// order, among the feasible individually rational packages: the failure in
// words, or empty. Catches a solver tolerance reported as a proof (a share
// 0.499999 / 0.500001 where one step gives 1/2 and 1/2).
std::string check_local_optimum(const Scenario& s, const Worth& w, const SolveResponse& r, Verification& v) {
  if (r.status != SolveStatus::optimal || !r.outcome || r.split || !is_solution_concept(r.method)) return "";
  const Vec reservations = reservations_of(s);
  const Vec& utilities = r.evaluation.utilities;
  if (!better_by_order(r.method, utilities, utilities, {}, reservations)) return "";  // ks
  constexpr std::size_t kMostChanges = 200'000;
  std::string failure;
  std::vector<std::size_t> changed;
  const std::size_t tried = for_each_single_change(
      s, w, *r.outcome, utilities, kMostChanges, Deadline::none(), [&](std::size_t i, const IssueValue& value, const Vec& u) {
        changed.clear();
        for (std::size_t p = 0; p < u.size(); ++p) {
          if (u[p] == utilities[p]) continue;
          if (u[p] < reservations[p]) return false;  // not acceptable
          changed.push_back(p);
        }
        if (!*better_by_order(r.method, utilities, u, changed, reservations)) return false;
        Outcome better = *r.outcome;
        better[i] = value;
        for (const ConstraintCheck& c : check_constraints(s, better)) {
          if (!c.holds) return false;
        }
        failure = "the answer is claimed optimal under " + std::string(method_name(r.method)) + ", but " +
                  describe_changes(s, *r.outcome, better) + " gives a better package (" + ids(s, u) + ")";
        return true;
      });
  if (!failure.empty()) return failure;
  v.checks.push_back(fmt::format("no single change of one term (one step of a share from one party to another) "
                                 "gives a better acceptable package under {} ({} tried{})",
                                 method_name(r.method), tried, tried == kMostChanges ? ", the most checked" : ""));
  return "";
}

// ---- robust ----------------------------------------------------------------
//
// The worst cases are re-proved without the threshold scan the engine uses
// (analysis/robust.h): with d_i the gain terms and [l_i, h_i] the weight
// intervals, F(t) = sum_i min(l_i (d_i - t), h_i (d_i - t)) is the least
// value of sum_i w_i (d_i - t) over the box, strictly decreasing in t, so
// the least gain over the box is t exactly when F(t) = 0; and the weights
// given for the package must lie in the box and give that gain.
class RobustCheck {
 public:
  RobustCheck(const Scenario& s, const Worth& w, const RobustPlay& play) : s_(s), w_(w), play_(play) {
    status_quo_ = s.status_quo_outcome();
  }

  // Party p's gain terms for o, as the party's anchor says.
  Vec terms(std::size_t p, const Outcome& o) const {
    const int party = static_cast<int>(p);
    Vec d;
    for (std::size_t i = 0; i < s_.issues.size(); ++i) {
      const Rational anchor = play_.against_status_quo[p] ? w_.value(party, i, (*status_quo_)[i], nullptr)
                                                          : w_.prefs(party).reservation;
      d.push_back(w_.value(party, i, o[i], nullptr) - anchor);
    }
    return d;
  }

  // F(t) for party p and terms d.
  Rational slack(std::size_t p, const Vec& d, const Rational& t) const {
    Rational sum = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
      const Rational& w = w_.prefs(static_cast<int>(p)).issues[i].weight;
      const Rational diff = d[i] - t;
      sum += diff * w * (diff.sign() >= 0 ? Rational(1) - play_.spread : Rational(1) + play_.spread);
    }
    return sum;
  }

  std::string anchors() const {
    for (std::size_t p = 0; p < s_.parties.size(); ++p) {
      if (!play_.against_status_quo[p]) continue;
      if (!status_quo_) return "a worst case is measured against the status quo, which names too few issues";
      if (w_.utilities(*status_quo_, std::nullopt)[p] != w_.prefs(static_cast<int>(p)).reservation) {
        return "a worst case is measured against the status quo, which is not " + s_.parties[p].id + "'s reservation";
      }
    }
    return "";
  }

  // How package o compares with the answer (smallest worst case `value`,
  // Nash score of `gains`): 1 better, 0 tied on both, -1 not better.
  int compare(const Outcome& o, const Vec& gains, const Rational& value, const std::pair<int, Rational>& nash) const {
    bool tie = false;
    for (std::size_t p = 0; p < s_.parties.size(); ++p) {
      const int sign = slack(p, terms(p, o), value).sign();
      if (sign < 0) return -1;  // p's worst case is below the answer's smallest
      tie = tie || sign == 0;
    }
    if (!tie) return 1;
    const std::pair<int, Rational> other = score(gains);
    return other > nash ? 1 : other == nash ? 0 : -1;
  }

  // nash's order (docs/cli.md): the parties gaining, then the product of their gains.
  static std::pair<int, Rational> score(const Vec& gains) {
    Vec positive;
    std::copy_if(gains.begin(), gains.end(), std::back_inserter(positive), [](const Rational& g) { return g.sign() > 0; });
    return {static_cast<int>(positive.size()),
            std::accumulate(positive.begin(), positive.end(), Rational(1), std::multiplies<>())};
  }

 private:
  const Scenario& s_;
  const Worth& w_;
  const RobustPlay& play_;
  std::optional<Outcome> status_quo_;
};

// Open outcomes the verifier enumerates to re-prove a robust optimum.
constexpr double kRobustRecheck = 100'000;

std::string check_robust(const Scenario& s, const Worth& w, const SolveResponse& r, Verification& v) {
  if (r.method != Method::robust || !r.outcome) return "";
  if (!r.robust) return "the robust answer carries no worst cases";
  const RobustPlay& play = *r.robust;
  const std::size_t n = s.parties.size();
  if (play.worst_case.size() != n || play.worst_weights.size() != n || play.against_status_quo.size() != n) {
    return "the worst cases are not one per party";
  }
  if (play.spread.sign() < 0 || play.spread >= 1) return "the spread is outside [0, 1)";
  if (!r.evaluation.individually_rational) return "the robust answer leaves a party below their reservation";
  RobustCheck check(s, w, play);
  if (std::string why = check.anchors(); !why.empty()) return why;
  for (std::size_t p = 0; p < n; ++p) {
    const Vec d = check.terms(p, *r.outcome);
    if (!check.slack(p, d, play.worst_case[p]).is_zero()) {
      return "the worst case of " + s.parties[p].id + " is not " + play.worst_case[p].str() + " (recomputed over the box)";
    }
    Rational num = 0, den = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Rational& nominal = w.prefs(static_cast<int>(p)).issues[i].weight;
      const Rational& x = play.worst_weights[p][i];
      if (x < nominal * (Rational(1) - play.spread) || x > nominal * (Rational(1) + play.spread)) {
        return "a worst-case weight of " + s.parties[p].id + " lies outside the box";
      }
      num += x * d[i];
      den += x;
    }
    if (num / den != play.worst_case[p]) return "the worst-case weights of " + s.parties[p].id + " give another gain";
  }
  if (play.nash) {
    for (std::size_t p = 0; p < n && !play.nash_worst_case.empty(); ++p) {
      if (!check.slack(p, check.terms(p, *play.nash), play.nash_worst_case[p]).is_zero()) {
        return "the Nash package's worst case of " + s.parties[p].id + " is not " + play.nash_worst_case[p].str();
      }
    }
  }
  v.checks.push_back("each party's worst case over the weight box re-proved exactly (the least weighted gain over the "
                     "box is zero at it) and attained by the weights given");
  if (r.status != SolveStatus::optimal) return "";
  const Rational value = *std::min_element(play.worst_case.begin(), play.worst_case.end());
  const std::pair<int, Rational> nash = RobustCheck::score(r.evaluation.gains);
  const Vec reservations = reservations_of(s);
  auto beats = [&](const Outcome& o, const Vec& u) {
    Vec gains;
    for (std::size_t p = 0; p < n; ++p) {
      if (u[p] < reservations[p]) return false;
      gains.push_back(u[p] - reservations[p]);
    }
    if (check.compare(o, gains, value, nash) <= 0) return false;
    for (const ConstraintCheck& c : check_constraints(s, o)) {
      if (!c.holds) return false;
    }
    return true;
  };
  const OutcomeCount count = count_outcomes(s, true);
  if (count.log10 <= std::log10(kRobustRecheck)) {
    // Every outcome, enumerated here on its own.
    std::vector<std::vector<IssueValue>> domains;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      domains.push_back(s.agreed[i] ? std::vector<IssueValue>{*s.agreed[i]}
                                    : *issue_domain(s, static_cast<int>(i), static_cast<std::size_t>(kRobustRecheck)));
    }
    std::vector<std::size_t> at(domains.size(), 0);
    std::size_t tried = 0;
    for (;;) {
      Outcome o;
      for (std::size_t i = 0; i < domains.size(); ++i) o.push_back(domains[i][at[i]]);
      ++tried;
      if (beats(o, w.utilities(o, std::nullopt))) {
        return "the robust answer is claimed optimal, but " + describe_changes(s, *r.outcome, o) + " has a better worst case";
      }
      std::size_t i = 0;
      while (i < domains.size() && ++at[i] == domains[i].size()) at[i++] = 0;
      if (i == domains.size()) break;
    }
    v.checks.push_back(fmt::format("no feasible, acceptable package has a better worst case (every one of the {} "
                                   "outcomes enumerated again)", tried));
    return "";
  }
  std::string failure;
  constexpr std::size_t kMostChanges = 200'000;
  const std::size_t tried = for_each_single_change(
      s, w, *r.outcome, r.evaluation.utilities, kMostChanges, Deadline::none(),
      [&](std::size_t i, const IssueValue& value_i, const Vec& u) {
        Outcome o = *r.outcome;
        o[i] = value_i;
        if (!beats(o, u)) return false;
        failure = "the robust answer is claimed optimal, but " + describe_changes(s, *r.outcome, o) +
                  " has a better worst case";
        return true;
      });
  if (!failure.empty()) return failure;
  v.checks.push_back(fmt::format("no single change of one term gives an acceptable package with a better worst case "
                                 "({} tried; the space is too large to enumerate again)", tried));
  return "";
}

// alternating: the equilibrium's plan walked again from the deadline back,
// with utilities recomputed here: every offer the plan accepts is feasible,
// every responder accepts it against what the next period leads to, and its
// proposer prefers it to waiting; the period, the continuation and the
// package follow from the plan; and in the agreed period no single change of
// one term gives the proposer an offer every responder still accepts that
// pays them more (or as much, with more for the responders). Refused periods
// are checked only through what follows from them.
std::string check_alternating(const Scenario& s, const Worth& w, const SolveResponse& r, Verification& v) {
  if (r.method != Method::alternating || r.status == SolveStatus::time_limit) return "";
  if (!r.alternating) return "an alternating answer carries no play";
  const AlternatingPlay& a = *r.alternating;
  const std::size_t n = s.parties.size();
  if (a.periods < 1 || a.first < 0 || a.first >= static_cast<int>(n)) return "the game's periods or first proposer";
  if (a.plan.size() != static_cast<std::size_t>(a.periods)) return "the plan does not have one entry per period";
  Vec c, value;
  for (std::size_t p = 0; p < n; ++p) {
    c.push_back(s.preferences[p]->delay_cost);
    value.push_back(s.preferences[p]->reservation - c[p] * a.periods);
  }
  std::vector<Vec> offer_utilities;
  for (const Outcome& o : a.offers) {
    if (o.size() != s.issues.size()) return "an offer of the plan does not give one value per issue";
    for (const ConstraintCheck& check : check_constraints(s, o)) {
      if (!check.holds) return "an offer of the plan breaks " + check.pointer + " (" + check.description + ")";
    }
    offer_utilities.push_back(w.utilities(o, std::nullopt));
  }
  std::optional<int> period;
  Vec continuation = value, before_agreement;
  for (int t = a.periods - 1; t >= 0; --t) {
    const std::int32_t k = a.plan[static_cast<std::size_t>(t)];
    if (t == 0) continuation = value;
    if (k < 0) continue;
    if (static_cast<std::size_t>(k) >= a.offers.size()) return "the plan names an offer it does not hold";
    const std::size_t proposer = static_cast<std::size_t>((a.first + t) % static_cast<int>(n));
    const Vec& u = offer_utilities[static_cast<std::size_t>(k)];
    for (std::size_t p = 0; p < n; ++p) {
      if (u[p] - c[p] * t < value[p]) {
        return p == proposer
                   ? fmt::format("in period {} the proposer would rather wait than make the offer the plan accepts", t)
                   : fmt::format("in period {} {} would refuse the offer the plan accepts", t, s.parties[p].id);
      }
    }
    before_agreement = value;
    for (std::size_t p = 0; p < n; ++p) value[p] = u[p] - c[p] * t;
    period = t;
  }
  if (period != a.period) return "the period of agreement does not follow from the plan";
  if (continuation != a.continuation) return "the continuation does not follow from the plan";
  if (period.has_value() != r.outcome.has_value()) return "a package without agreement, or agreement without one";
  if (!period) {
    v.checks.push_back(fmt::format("the equilibrium's plan walked back from the deadline: no offer accepted in {} periods",
                                   a.periods));
    return "";
  }
  const int t = *period;
  const std::size_t proposer = static_cast<std::size_t>((a.first + t) % static_cast<int>(n));
  const Vec& agreed = offer_utilities[static_cast<std::size_t>(a.plan[static_cast<std::size_t>(t)])];
  if (agreed != r.evaluation.utilities) return "the package is not the offer the plan agrees on";
  // Responders' sums compared through the sum of all: the proposer's share is equal where it matters.
  auto total = [](const Vec& x) {
    Rational sum = 0;
    for (const Rational& y : x) sum += y;
    return sum;
  };
  constexpr std::size_t kMostChanges = 200'000;
  std::string failure;
  const std::size_t tried = for_each_single_change(
      s, w, *r.outcome, agreed, kMostChanges, Deadline::none(), [&](std::size_t i, const IssueValue& value_i, const Vec& u) {
        for (std::size_t j = 0; j < n; ++j) {
          if (j != proposer && u[j] - c[j] * t < before_agreement[j]) return false;  // refused
        }
        if (u[proposer] < agreed[proposer]) return false;
        if (u[proposer] == agreed[proposer] && !(total(u) > total(agreed))) return false;
        Outcome better = *r.outcome;
        better[i] = value_i;
        for (const ConstraintCheck& check : check_constraints(s, better)) {
          if (!check.holds) return false;
        }
        failure = "the equilibrium's proposer could offer " + describe_changes(s, *r.outcome, better) +
                  " instead, which every responder accepts and which is better for them (" + ids(s, u) + ")";
        return true;
      });
  if (!failure.empty()) return failure;
  v.checks.push_back(fmt::format(
      "the equilibrium's plan walked back from the deadline with utilities recomputed: each accepted offer is "
      "feasible, accepted by every responder and preferred by its proposer to waiting; no single change of one term "
      "gives the agreeing proposer a better offer that is still accepted ({} tried{})",
      tried, tried == kMostChanges ? ", the most checked" : ""));
  return "";
}

Verification failed(std::string why) {
  Verification v;
  v.ok = false;
  v.failure = std::move(why);
  return v;
}

}  // namespace

// ---- Pareto optimality -----------------------------------------------------

namespace {

// ---- Pareto optimality by a search of every package -------------------------
//
// Why: on a small space, a search of every package written here from the
// definitions (Worth's values, the shared constraint checker) settles Pareto
// optimality for a fraction of what the package optimiser's set-up costs
// (0.8 ms of CBC on the ceasefire, where this looks at about 200 packages and
// partial packages), and it shares no code with either engine that finds
// answers. Depth first over the free issues, one level an issue, with an
// explicit stack (no recursion). A package as good for every party as o has,
// for every party p, a sum at least o's, and so, for any weights l >= 0, a
// weighted sum over the parties at least o's: a branch is cut when even the
// best value of every issue left cannot reach that, for p alone or for one
// of a few directions l (the utilitarian one, the one tangent to the Nash
// product at o, a fan of them for two parties), or when no party can do
// better than in o. The bounds are necessary conditions for any l, so the
// choice of l only decides how soon branches are cut, never the verdict.
// Arithmetic: each party's numbers over one common denominator, as 64-bit
// integers summed in 128 bits, so nothing rounds; numbers too fine for that
// leave the question to the engines. Every package left at the bottom is as
// good for every party as o and better for one; `believe` re-checks its
// values, agreed terms, rules and red lines and says whether it stands.
struct Exhaustive {
  enum class Result { none_better, found, gave_up } result = Result::gave_up;
  std::size_t visited = 0;  // packages and partial packages looked at
  std::string why;          // gave_up: why, in words
};

// `better_for_all`: look only for packages better than o for every party.
Exhaustive search_every_package(const Scenario& s, const Worth& w, const Outcome& o, const Vec& utilities,
                                bool better_for_all, std::size_t budget, const Deadline& deadline,
                                const std::function<bool(Outcome)>& believe) {
  using Wide = __int128;
  const std::size_t n = s.parties.size();
  Exhaustive out;
  auto give_up = [&](std::string why) {
    out.why = std::move(why);
    return out;
  };
  // The sums to reach, in the weights as written: U = (offset + sum w v) / total.
  Vec target(n), fixed(n);
  for (std::size_t p = 0; p < n; ++p) {
    target[p] = utilities[p] * w.total(static_cast<int>(p));
    fixed[p] = w.offset(static_cast<int>(p));
  }
  // What value v of issue i adds to p's sum: the weight as written times the value.
  auto worth_of = [&](std::size_t p, std::size_t i, const IssueValue& v) {
    const Rational& weight = w.prefs(static_cast<int>(p)).issues[i].weight;
    return weight.is_zero() ? Rational(0) : weight * w.value(static_cast<int>(p), i, v, nullptr);
  };
  // One level an issue; per value, flat: worth[v * n + p], at[v * n + p] (the
  // same over p's common denominator), gain[v * dirs + d] (direction d's
  // weighted sum). Flat, because the allocations of nested vectors were most
  // of the search's cost on the ceasefire.
  struct Level {
    std::size_t issue = 0;
    std::vector<IssueValue> values;
    Vec worth;
    std::vector<std::int64_t> at;
    std::vector<Wide> gain;
    double spread = 0;  // the largest change any party sees, for the order only
  };
  // The tables below hold a number per value, party and direction: past a
  // few million (many goods among many parties) the engines answer instead,
  // before anything is built.
  Rational cells = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (!s.agreed[i]) cells += issue_domain_size(s, static_cast<int>(i));
  }
  if (cells * static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n + 10) > 4'000'000) {
    return give_up("too many values among the parties to search here");
  }
  std::vector<Level> levels;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i]) {
      for (std::size_t p = 0; p < n; ++p) fixed[p] += worth_of(p, i, o[i]);
      continue;
    }
    std::optional<std::vector<IssueValue>> domain = issue_domain(s, static_cast<int>(i), 10'000);
    if (!domain) return give_up(s.issues[i].id + " has more than 10,000 values");
    Level level;
    level.issue = i;
    level.values = std::move(*domain);
    level.worth.reserve(level.values.size() * n);
    for (const IssueValue& v : level.values) {
      for (std::size_t p = 0; p < n; ++p) level.worth.push_back(worth_of(p, i, v));
    }
    // An issue no party cares about stays a level (last, by its spread of
    // 0): a rule or red line may still need another of its values.
    for (std::size_t p = 0; p < n; ++p) {
      const Rational* lo = &level.worth[p];
      const Rational* hi = lo;
      for (std::size_t k = p; k < level.worth.size(); k += n) {
        lo = level.worth[k] < *lo ? &level.worth[k] : lo;
        hi = level.worth[k] > *hi ? &level.worth[k] : hi;
      }
      level.spread = std::max(level.spread, (*hi - *lo).to_double() / w.total(static_cast<int>(p)).to_double());
    }
    levels.push_back(std::move(level));
  }
  // The issues that matter most first: their branches are cut soonest.
  std::stable_sort(levels.begin(), levels.end(), [](const Level& a, const Level& b) { return a.spread > b.spread; });
  const std::size_t depth = levels.size();

  // Each party's numbers as integers over their common denominator.
  std::vector<std::int64_t> fixed_at(n), target_at(n);
  std::vector<double> unit(n);  // what one integer step is worth in utility, for choosing directions
  for (Level& level : levels) level.at.resize(level.worth.size());
  for (std::size_t p = 0; p < n; ++p) {
    CommonDenominator d;
    bool fits = d.include(fixed[p]) && d.include(target[p]);
    for (const Level& level : levels) {
      for (std::size_t k = p; k < level.worth.size() && fits; k += n) fits = d.include(level.worth[k]);
    }
    if (!fits) return give_up("the utilities' common denominator passes 2^62");
    auto scaled = [&](const Rational& r, std::int64_t& into) {
      const Wide x = static_cast<Wide>(r.small_numerator()) * (d.value() / r.small_denominator());
      if (x > std::numeric_limits<std::int64_t>::max() / 2 || x < std::numeric_limits<std::int64_t>::min() / 2) {
        return false;
      }
      into = static_cast<std::int64_t>(x);
      return true;
    };
    fits = scaled(fixed[p], fixed_at[p]) && scaled(target[p], target_at[p]);
    for (Level& level : levels) {
      for (std::size_t k = p; k < level.worth.size() && fits; k += n) fits = scaled(level.worth[k], level.at[k]);
    }
    if (!fits) return give_up("the utilities scaled to integers pass 2^62");
    if (better_for_all) ++target_at[p];  // integers: more than T is at least T + 1
    unit[p] = 1.0 / (static_cast<double>(d.value()) * w.total(static_cast<int>(p)).to_double());
  }

  // The directions, as integer weights on the parties' integer sums (each at
  // most 2^20: a product stays below 2^83, a sum of them far below 2^127).
  // First one per party (that party's own sum), then the combined ones.
  std::vector<std::int64_t> directions;  // directions[d * n + p]
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) directions.push_back(p == q ? 1 : 0);
  }
  auto add_direction = [&](const std::vector<double>& mu) {  // mu: weights on the utilities
    std::vector<double> l(n);
    double most = 0;
    for (std::size_t p = 0; p < n; ++p) most = std::max(most, l[p] = std::max(0.0, mu[p]) * unit[p]);
    if (!(most > 0) || !std::isfinite(most)) return;
    int positive = 0;
    for (std::size_t p = 0; p < n; ++p) positive += std::llround(l[p] / most * double(1 << 20)) > 0;
    if (positive < 2) return;  // a party's own direction, already there
    for (std::size_t p = 0; p < n; ++p) directions.push_back(std::llround(l[p] / most * double(1 << 20)));
  };
  add_direction(std::vector<double>(n, 1.0));
  std::vector<double> nash(n);
  for (std::size_t p = 0; p < n; ++p) {
    nash[p] = 1.0 / std::max(1e-9, (utilities[p] - s.preferences[p]->reservation).to_double());
  }
  add_direction(nash);
  if (n == 2) {
    for (double slope : {1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 2.0, 4.0, 8.0, 16.0}) add_direction({1.0, slope});
  }
  const std::size_t dirs = directions.size() / n;

  // Per level and value, each direction's weighted sum; per level, the most
  // each direction can still gain from there down (best_after[k * dirs + d]);
  // the targets and the fixed part.
  std::vector<Wide> best_after((depth + 1) * dirs, 0), need(dirs, 0), sum((depth + 1) * dirs, 0);
  for (std::size_t d = 0; d < dirs; ++d) {
    for (std::size_t p = 0; p < n; ++p) {
      need[d] += static_cast<Wide>(directions[d * n + p]) * target_at[p];
      sum[d] += static_cast<Wide>(directions[d * n + p]) * fixed_at[p];  // sum[k * dirs + d]: down to level k
    }
  }
  for (std::size_t k = depth; k-- > 0;) {
    Level& level = levels[k];
    const std::size_t values = level.values.size();
    level.gain.assign(values * dirs, 0);
    for (std::size_t d = 0; d < dirs; ++d) {
      Wide best = 0;
      for (std::size_t v = 0; v < values; ++v) {
        Wide g = 0;
        for (std::size_t p = 0; p < n; ++p) g += static_cast<Wide>(directions[d * n + p]) * level.at[v * n + p];
        level.gain[v * dirs + d] = g;
        best = v == 0 ? g : std::max(best, g);
      }
      best_after[k * dirs + d] = best_after[(k + 1) * dirs + d] + best;
    }
  }

  std::vector<std::size_t> choice(depth + 1, 0);
  std::size_t k = 0;
  while (true) {
    if (k == depth) {
      // Every party at least as well off as in o (the first n directions),
      // and one better: such packages alone come this far.
      Outcome better = o;
      for (std::size_t j = 0; j < depth; ++j) better[levels[j].issue] = levels[j].values[choice[j]];
      if (believe(std::move(better))) {
        out.result = Exhaustive::Result::found;
        return out;
      }
      if (k == 0) break;
      --k;
      ++choice[k];
      continue;
    }
    if (choice[k] == levels[k].values.size()) {
      if (k == 0) break;
      --k;
      ++choice[k];
      continue;
    }
    if (++out.visited > budget) return give_up("more than " + std::to_string(budget) + " packages to look at");
    if (out.visited % 1024 == 0 && deadline.expired()) return give_up("the time ran out");
    const Wide* g = &levels[k].gain[choice[k] * dirs];
    const Wide* now = &sum[k * dirs];
    Wide* next = &sum[(k + 1) * dirs];
    const Wide* rest = &best_after[(k + 1) * dirs];
    // Looking for better_for_all, need[] already asks each party for one
    // step more than in o: reaching it is enough (asking for more than need
    // would cut packages exactly one step better for everyone).
    bool reachable = true, better_possible = better_for_all;
    for (std::size_t d = 0; d < dirs && reachable; ++d) {
      next[d] = now[d] + g[d];
      const Wide most = next[d] + rest[d];
      reachable = most >= need[d];
      better_possible = better_possible || (d < n && most > need[d]);
    }
    if (reachable && better_possible) {
      ++k;
      choice[k] = 0;
    } else {
      ++choice[k];
    }
  }
  out.result = Exhaustive::Result::none_better;
  return out;
}

}  // namespace

ParetoCheck check_pareto(const Scenario& s, const Outcome& o, const Vec& utilities, const std::string& found_by,
                         const Deadline& deadline) {
  const Worth w(s);
  const std::size_t n = s.parties.size();
  ParetoCheck out;
  auto believe = [&](Outcome better) {
    // A dominating package is believed only after its own checks.
    const Vec u = w.utilities(better, std::nullopt);
    if (!dominates(u, utilities)) return false;
    for (const ConstraintCheck& c : check_constraints(s, better)) {
      if (!c.holds) return false;
    }
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!value_problem(s, i, better[i], false).empty()) return false;
    }
    out.verdict = ParetoCheck::Verdict::dominated;
    out.better = std::move(better);
    out.better_utilities = u;
    return true;
  };

  // 1. Every change of a single term (the cheap, local part).
  bool stopped_by_clock = false;
  for_each_single_change(
      s, w, o, utilities, 2'000'000, deadline,
      [&](std::size_t i, const IssueValue& v, const Vec& u) {
        if (!dominates(u, utilities)) return false;
        Outcome better = o;
        better[i] = v;
        if (!believe(std::move(better))) return false;
        out.how = "found by changing " + s.issues[i].id + " alone";
        return true;
      },
      &stopped_by_clock);
  if (out.verdict == ParetoCheck::Verdict::dominated) return out;
  // Stopped by the deadline, some single changes were never tried, and
  // nothing may be said of them.
  if (stopped_by_clock) {
    out.how = "Pareto optimality was not checked: the time limit ran out before every change of a single term was "
              "tried";
    return out;
  }

  // 2. The whole space, by an engine other than the one that found the
  // package: the package optimiser's improvement search for answers from the
  // frontier or the fair-division engine (it is the quicker of the two on
  // large spaces), the exact frontier of every feasible package for the
  // optimiser's own answers (and where the MIP cannot take the numbers).
  enum class Settled { yes, no };
  std::string unsettled;  // why the whole space was not settled, for `how`
  auto by_frontier = [&](const Deadline& d) {
    if (n > 5 || d.expired()) return Settled::no;
    pareto::FrontierOptions fo;
    fo.individually_rational = false;
    fo.time_limit = d.seconds();
    Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
    if (!f || f.value().status() != pareto::FrontierStatus::complete) {
      unsettled = f ? f.value().note() : f.errors().front().message;
      return Settled::no;
    }
    for (std::size_t k = 0; k < f.value().size(); ++k) {
      if (dominates(f.value().utilities(k), utilities) && believe(f.value().outcome(k))) {
        out.how = "found on the exact frontier of every feasible package";
        return Settled::yes;
      }
    }
    out.verdict = ParetoCheck::Verdict::optimal;
    out.how = "Pareto optimal: no package on the exact frontier of every feasible package is as good for every "
              "party and better for one";
    return Settled::yes;
  };
  auto by_optimiser = [&](const Deadline& d) {
    if (d.expired()) return Settled::no;
    optimise::PackageOptions po;
    po.time_limit = d.seconds();
    Result<optimise::PackageResult> r = optimise::improvement(s, utilities, po);
    if (!r) {
      unsettled = r.errors().front().message;
      return Settled::no;
    }
    switch (r.value().status) {
      case optimise::PackageStatus::infeasible:
        out.verdict = ParetoCheck::Verdict::optimal;
        out.how = "Pareto optimal: the package optimiser proved that no feasible package is as good for every party "
                  "and better for one";
        return Settled::yes;
      case optimise::PackageStatus::optimal:
      case optimise::PackageStatus::feasible:
        if (believe(r.value().outcome)) {
          out.how = "found by the package optimiser";
          return Settled::yes;
        }
        unsettled = "the package optimiser's improvement failed its re-check";
        return Settled::no;
      case optimise::PackageStatus::time_limit:
        unsettled = r.value().note.empty() ? "the check did not finish in the time given" : r.value().note;
        break;
    }
    return Settled::no;
  };
  // First a search of every package, where that is quick (it is exact and
  // independent of both engines); past its budget, one of the engines.
  if (!deadline.expired()) {
    const Exhaustive e = search_every_package(s, w, o, utilities, false, 200'000, deadline, believe);
    switch (e.result) {
      case Exhaustive::Result::found:
        // The first package found may be better for one party alone; one
        // better for every party, where there is one, says more.
        search_every_package(s, w, o, utilities, true, 200'000, deadline, believe);
        out.how = "found by a search of every package";
        return out;
      case Exhaustive::Result::none_better:
        out.verdict = ParetoCheck::Verdict::optimal;
        out.how = "Pareto optimal: a search of every package (those that cannot be as good for every party ruled out "
                  "by bounds) found none as good for every party and better for one";
        return out;
      case Exhaustive::Result::gave_up: unsettled = e.why; break;
    }
  }
  const bool from_optimiser = found_by.rfind("package optimiser", 0) == 0;
  if (from_optimiser) {
    // The frontier only where it is quick: the optimiser was called because it is not, usually.
    if (by_frontier(deadline.within(std::max(1.0, 0.25 * std::min(deadline.remaining(), 60.0)))) == Settled::yes ||
        by_optimiser(deadline) == Settled::yes) {
      return out;
    }
  } else if (by_optimiser(deadline) == Settled::yes ||
             (found_by != "frontier" && by_frontier(deadline) == Settled::yes)) {
    return out;
  }
  out.how = "Pareto optimality: no single change of one term is better for one party and as good for all; the "
            "whole space was not checked" + (deadline.expired() ? std::string(" in the time left")
                                                               : unsettled.empty() ? "" : " (" + unsettled + ")");
  return out;
}

// ---- why no deal -------------------------------------------------------------

namespace {

// Whether demand e holds in an outcome (with its utilities and constraint checks).
bool demand_holds(const Scenario& s, const ConflictElement& e, const Vec& u, const std::vector<ConstraintCheck>& checks) {
  if (e.kind == ConflictElement::Kind::reservation) {
    return u[static_cast<std::size_t>(e.party)] >= s.preferences[static_cast<std::size_t>(e.party)]->reservation;
  }
  const auto kind = e.kind == ConflictElement::Kind::rule ? ConstraintCheck::Kind::rule : ConstraintCheck::Kind::red_line;
  for (const ConstraintCheck& c : checks) {
    if (c.kind == kind && c.index == e.index && (kind == ConstraintCheck::Kind::rule || c.party == e.party)) {
      return c.holds;
    }
  }
  return false;
}

}  // namespace

// The deletion filter's evidence: for each demand of the conflict, a package
// that meets the agreed terms and every other demand of the set, and breaks
// this one (were it to meet all of them, the set would not conflict).
static std::string check_conflict_witnesses(const Scenario& s, const Worth& w, const SolveResponse& r,
                                            Verification& v) {
  if (r.conflict.empty()) return "";
  if (r.conflict_witnesses.size() != r.conflict.size()) return "the conflict's evidence is missing";
  std::size_t checked = 0;
  for (std::size_t k = 0; k < r.conflict.size(); ++k) {
    if (!r.conflict_witnesses[k]) continue;
    const Outcome& o = *r.conflict_witnesses[k];
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!value_problem(s, i, o[i], false).empty()) return "the package showing " + r.conflict[k].pointer + " is needed has a value outside its issue";
    }
    const std::vector<ConstraintCheck> checks = check_constraints(s, o);
    for (const ConstraintCheck& c : checks) {
      if (c.kind == ConstraintCheck::Kind::agreed && !c.holds) {
        return "the package showing " + r.conflict[k].pointer + " is needed changes an agreed term";
      }
    }
    const Vec u = w.utilities(o, std::nullopt);
    for (std::size_t j = 0; j < r.conflict.size(); ++j) {
      if (j != k && !demand_holds(s, r.conflict[j], u, checks)) {
        return "the package showing " + r.conflict[k].pointer + " is needed breaks " + r.conflict[j].pointer +
               ", another demand of the conflict";
      }
    }
    if (demand_holds(s, r.conflict[k], u, checks)) {
      return "a package meets every demand of the conflict, " + r.conflict[k].pointer + " included: they do not "
             "conflict";
    }
    ++checked;
  }
  v.checks.push_back(checked == r.conflict.size()
                         ? fmt::format("the conflict's {} demands are each needed: for each, a package meeting all the "
                                       "others (and not it) was re-checked", r.conflict.size())
                         : fmt::format("the conflict: for {} of its {} demands a package meeting all the others was "
                                       "re-checked; the others' checks ran out of time", checked, r.conflict.size()));
  return "";
}

ConflictCheck check_conflict(const Scenario& s, const SolveResponse& r, const Deadline& deadline) {
  ConflictCheck out;
  if (r.conflict.empty()) return out;
  const std::size_t n = s.parties.size();
  // Only the set's demands (the agreed terms always hold).
  Scenario t = s;
  t.rules.clear();
  for (auto& prefs : t.preferences) prefs->red_lines.clear();
  std::vector<bool> reservation(n, false);
  for (const ConflictElement& e : r.conflict) {
    const auto party = static_cast<std::size_t>(e.party);
    switch (e.kind) {
      case ConflictElement::Kind::reservation: reservation[party] = true; break;
      case ConflictElement::Kind::red_line:
        t.preferences[party]->red_lines.push_back(s.preferences[party]->red_lines[static_cast<std::size_t>(e.index)]);
        break;
      case ConflictElement::Kind::rule: t.rules.push_back(s.rules[static_cast<std::size_t>(e.index)]); break;
    }
  }
  auto meets_reservations = [&](const Vec& u) {
    for (std::size_t p = 0; p < n; ++p) {
      if (reservation[p] && u[p] < s.preferences[p]->reservation) return false;
    }
    return true;
  };
  const Worth w(s);
  auto refuted_by = [&](const Outcome& o) {
    for (const ConstraintCheck& c : check_constraints(t, o)) {
      if (!c.holds) return false;
    }
    if (!meets_reservations(w.utilities(o, std::nullopt))) return false;
    out.verdict = ConflictCheck::Verdict::refuted;
    out.how = "a package meets every demand of the conflict";
    return true;
  };
  if (r.engine.rfind("package optimiser", 0) == 0) {
    // Found by the optimiser: the exact frontier of the set's feasible packages.
    pareto::FrontierOptions fo;
    fo.individually_rational = false;
    fo.time_limit = deadline.seconds();
    Result<pareto::Frontier> f = deadline.expired() ? Result<pareto::Frontier>(pareto::Frontier{})
                                                    : pareto::pareto_frontier(t, fo, "");
    if (!deadline.expired() && f && f.value().status() == pareto::FrontierStatus::complete) {
      for (std::size_t k = 0; k < f.value().size(); ++k) {
        if (meets_reservations(f.value().utilities(k)) && refuted_by(f.value().outcome(k))) return out;
      }
      out.verdict = ConflictCheck::Verdict::confirmed;
      out.how = "the conflict re-proved on the exact frontier: no package meets all of its demands";
      return out;
    }
  } else if (!deadline.expired()) {
    // Found on the frontier: the package optimiser, asked for any package.
    optimise::PackageOptions po;
    po.time_limit = deadline.seconds();
    po.keep_reservations = reservation;
    Result<optimise::PackageResult> p = optimise::find_package(t, po);
    if (p && p.value().status == optimise::PackageStatus::infeasible) {
      out.verdict = ConflictCheck::Verdict::confirmed;
      out.how = "the conflict re-proved by the package optimiser: no package meets all of its demands";
      return out;
    }
    if (p && p.value().status != optimise::PackageStatus::time_limit && refuted_by(p.value().outcome)) return out;
  }
  out.how = "the conflict's demands were not re-proved to collide by a second engine in the time given";
  return out;
}

// ---- solve -----------------------------------------------------------------

// The status quo's utilities, as given, recomputed from the status quo and
// agreed terms as written. Empty when they agree.
static std::string check_status_quo(const Scenario& s, const Worth& w, const std::optional<Vec>& given) {
  Outcome o;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const std::optional<IssueValue>& value = s.agreed[i] ? s.agreed[i] : s.status_quo[i];
    if (!value) {
      return given ? "status quo utilities are given, but the status quo with the agreed terms lacks issue " +
                         s.issues[i].id
                   : "";
    }
    o.push_back(*value);
  }
  const Vec u = w.utilities(o, std::nullopt);
  if (!given) return "the status quo names every issue, but its utilities are not given";
  if (*given != u) return "the status quo's utilities differ from those recomputed";
  // A "status_quo" reservation is not compared here: what-ifs (sensitivity,
  // --drop) may move any reservation on purpose.
  return "";
}

// ---- divisions with money -----------------------------------------------------

// What holding item/region i (rather than leaving it to another party) is
// worth to p in money, from the weights as written: w (own - other); a share,
// whole: w.
Rational money_of(const Worth& w, int p, std::size_t i, const Issue& issue) {
  const IssuePreference& ip = w.prefs(p).issues[i];
  if (!issue.is_holding()) return ip.weight;
  return ip.weight * (ip.holder.own - ip.holder.other);
}

// Payments (knaster, compensation): one per party, summing to zero, each
// party's currency the one named; every item not agreed held by one party
// who values it at least as much as anybody in money; knaster: every party
// ends with 1/n of its own total plus the same bonus; envy-freeness with
// payments as claimed. Sets `package` to the utilities without the payments.
std::string check_payments(const Scenario& s, const Worth& w, const SolveResponse& r, Vec& package, Verification& v) {
  const std::size_t n = s.parties.size();
  if (!pays_money(r.method)) return r.payments.empty() ? "" : "a method without money reports payments";
  if (r.payments.size() != n) return "the payments are not one per party";
  Rational sum = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (s.preferences[p]->currency != r.currency) return "party " + s.parties[p].id + " does not count in " + r.currency;
    sum += r.payments[p];
    package[p] -= r.payments[p] / w.total(static_cast<int>(p));
  }
  if (!sum.is_zero()) return "the payments sum to " + sum.str() + ", not 0";
  // lot[p][q]: p's money value of q's items and share fractions; total[p]: of everything divided.
  std::vector<Vec> lot(n, Vec(n, 0));
  Vec total(n, 0);
  const Outcome& o = *r.outcome;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& issue = s.issues[i];
    if (s.agreed[i] || !issue.is_goods()) continue;
    if (issue.is_holding() && o[i].holder < 0) return "item " + issue.id + " is not held by one party";
    for (std::size_t p = 0; p < n; ++p) {
      const Rational m = money_of(w, static_cast<int>(p), i, issue);
      total[p] += m;
      for (std::size_t q = 0; q < n; ++q) {
        const Rational amount = issue.is_holding() ? Rational(o[i].holder == static_cast<Holder>(q) ? 1 : 0) : o[i].shares[q];
        if (!amount.is_zero()) lot[p][q] += m * amount;
      }
    }
    // Worth most to its holder(s): nobody values it more in money.
    for (std::size_t q = 0; q < n; ++q) {
      const Rational amount = issue.is_holding() ? Rational(o[i].holder == static_cast<Holder>(q) ? 1 : 0) : o[i].shares[q];
      if (amount.is_zero()) continue;
      for (std::size_t p = 0; p < n; ++p) {
        if (money_of(w, static_cast<int>(p), i, issue) > money_of(w, static_cast<int>(q), i, issue)) {
          return issue.id + " goes to " + s.parties[q].id + " but " + s.parties[p].id + " values it more in money";
        }
      }
    }
  }
  v.checks.push_back("the payments sum to zero, in the one currency every party gives");
  v.checks.push_back("every item goes to a party who values it at least as much as anybody, in money");
  if (r.method == Method::knaster) {
    const Rational parties(static_cast<std::int64_t>(n));
    std::optional<Rational> bonus;
    for (std::size_t p = 0; p < n; ++p) {
      const Rational b = lot[p][p] + r.payments[p] - total[p] / parties;
      if (bonus && *bonus != b) return "Knaster: the parties do not all end with their fair share plus the same bonus";
      bonus = b;
    }
    if (bonus && bonus->sign() < 0) return "Knaster: the bonus is negative";
    v.checks.push_back("Knaster: every party ends with 1/n of its own total plus the same bonus");
  }
  bool envy_free = true;
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) {
      if (lot[p][q] + r.payments[q] > lot[p][p] + r.payments[p]) envy_free = false;
    }
  }
  if (r.envy_free_with_payments != envy_free) return "envy-freeness with payments is misreported";
  if (r.method == Method::compensation) {
    if (!envy_free) return "the compensation leaves a party envious";
    // Haake, Raith and Su with the surplus shared equally: payment_p =
    // d_p + c - v_p(X_p) with the least discounts d, so d_p = e_p - min e
    // (e_p = payment_p + v_p(X_p)), and each positive d_p is forced by some
    // envy: d_p = d_q + v_p(X_q) - v_q(X_q) for some q.
    Vec e(n);
    for (std::size_t p = 0; p < n; ++p) e[p] = r.payments[p] + lot[p][p];
    const Rational least = *std::min_element(e.begin(), e.end());
    for (std::size_t p = 0; p < n; ++p) {
      const Rational d = e[p] - least;
      if (d.is_zero()) continue;
      bool forced = false;
      for (std::size_t q = 0; q < n && !forced; ++q) forced = q != p && d == e[q] - least + lot[p][q] - lot[q][q];
      if (!forced) return "the compensation gives " + s.parties[p].id + " a discount no envy calls for";
    }
    v.checks.push_back("compensation: the least discounts that end envy, the rest shared equally");
  }
  v.checks.push_back("envy-freeness with the payments recomputed in money");
  return "";
}

Verification verify_solve(const Scenario& s, const SolveResponse& r) {
  Verification v;
  const Worth w(s);
  if (std::string why = check_status_quo(s, w, r.status_quo); !why.empty()) return failed(why);
  if (r.status_quo) v.checks.push_back("the status quo's utilities recomputed");
  if (!r.outcome) {
    if (r.status == SolveStatus::optimal || r.status == SolveStatus::done || r.status == SolveStatus::feasible) {
      return failed("the response is " + std::string(status_name(r.status)) + " but carries no package");
    }
    if (r.closest) {
      // The closest package must be feasible and leave some party short.
      if (r.status != SolveStatus::no_agreement_zone) return failed("an infeasible answer names a closest package");
      std::size_t held = 0;
      if (std::string why = check_package(s, w, *r.closest, std::nullopt, r.closest_utilities, &held); !why.empty()) {
        return failed("the closest package: " + why);
      }
      bool short_of_some = false;
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        short_of_some = short_of_some || r.closest_utilities[p] < s.preferences[p]->reservation;
      }
      if (!short_of_some) return failed("the closest package gives every party its reservation: a deal exists");
      v.checks.push_back(held == 0 ? std::string("the closest package re-checked: its values and utilities")
                                   : "the closest package re-checked: its values, " + std::to_string(held) +
                                         " agreed terms, rules and red lines, and its utilities");
    }
    if (std::string why = check_conflict_witnesses(s, w, r, v); !why.empty()) return failed(why);
    if (std::string why = check_robust(s, w, r, v); !why.empty()) return failed(why);
    return v;
  }
  const Evaluation& e = r.evaluation;
  Vec package_utilities = e.utilities;
  if (std::string why = check_payments(s, w, r, package_utilities, v); !why.empty()) return failed(why);
  if (std::string why = check_package(s, w, *r.outcome, r.split, package_utilities, &v.constraints_held);
      !why.empty()) {
    return failed(why);
  }
  v.checks.push_back("every issue has an allowed value");
  v.checks.push_back(v.constraints_held == 0
                         ? std::string("no agreed terms, rules or red lines to check")
                         : fmt::format("every agreed term, rule and red line holds ({} check{})", v.constraints_held,
                                       v.constraints_held == 1 ? "" : "s"));
  v.checks.push_back("utilities recomputed exactly from the preferences");
  bool rational = true;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (e.gains[p] != e.utilities[p] - s.preferences[p]->reservation) return failed("the gains are not U - r");
    rational = rational && e.gains[p].sign() >= 0;
  }
  if (rational != e.individually_rational) return failed("individual rationality is misreported");
  if (is_solution_concept(r.method) && !rational) {
    return failed("the " + std::string(method_name(r.method)) +
                  " answer leaves a party below its reservation; every solution concept searches the acceptable "
                  "packages only");
  }
  v.checks.push_back(rational ? "every party gets at least its reservation"
                              : "individual rationality: a party is below its reservation, as reported");
  if (!e.feasible) return failed("the evaluation says a constraint fails");
  if (std::string why = check_local_optimum(s, w, r, v); !why.empty()) return failed(why);
  if (std::string why = check_robust(s, w, r, v); !why.empty()) return failed(why);
  if (std::string why = check_alternating(s, w, r, v); !why.empty()) return failed(why);
  if (e.goods.applicable) {
    if (std::string why = goods_disagreement(s, w, *r.outcome, r.split, e.goods); !why.empty()) return failed(why);
    v.checks.push_back(goods_checks_text(e.goods));
  }
  return v;
}

// ---- frontier --------------------------------------------------------------

Verification verify_frontier(const Scenario& s, const FrontierResponse& r) {
  Verification v;
  const Worth w(s);
  const std::size_t n = s.parties.size();
  const Vec reservations = reservations_of(s);
  std::size_t with_outcome = 0;
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    const FrontierPoint& point = r.points[k];
    for (std::size_t p = 0; p < n; ++p) {
      if (point.utilities[p] < reservations[p]) return failed(fmt::format("point {} is below a reservation", k + 1));
    }
    if (k > 0 && !(r.points[k - 1].utilities > point.utilities)) {
      return failed(fmt::format("points {} and {} are not in decreasing order", k, k + 1));
    }
    if (!point.outcome) continue;
    ++with_outcome;
    if (std::string why = check_package(s, w, *point.outcome, std::nullopt, point.utilities, nullptr); !why.empty()) {
      return failed(fmt::format("point {}: {}", k + 1, why));
    }
  }
  // No point dominates another: with two parties, b rises as a falls; with
  // more, pairwise (for the first 3,000 points).
  for (std::size_t k = 1; k < r.points.size(); ++k) {
    if (n == 2 && !(r.points[k].utilities[1] > r.points[k - 1].utilities[1])) {
      return failed(fmt::format("point {} dominates point {}", k, k + 1));
    }
  }
  const std::size_t pairwise = n == 2 ? 0 : std::min<std::size_t>(r.points.size(), 3000);
  for (std::size_t a = 0; a < pairwise; ++a) {
    for (std::size_t b = 0; b < pairwise; ++b) {
      if (a != b && dominates(r.points[a].utilities, r.points[b].utilities)) {
        return failed(fmt::format("point {} dominates point {}", a + 1, b + 1));
      }
    }
  }
  v.checks.push_back(fmt::format("{} packages re-checked: values, agreed terms, rules, red lines, utilities",
                                 with_outcome));
  if (std::string why = check_status_quo(s, w, r.status_quo); !why.empty()) return failed(why);
  if (r.status_quo) v.checks.push_back("the status quo's utilities recomputed");
  v.checks.push_back(n == 2 || r.points.size() <= 3000
                         ? "every point at or above every reservation, in order, none dominating another"
                         : "every point at or above every reservation and in order; non-dominance checked among "
                           "the first 3,000");
  // The marked solutions: the first criterion of each, recomputed.
  Vec ideal(n, Rational(0));
  for (const FrontierPoint& point : r.points) {
    for (std::size_t p = 0; p < n; ++p) ideal[p] = std::max(ideal[p], point.utilities[p]);
  }
  auto nash_key = [&](const Vec& u) {
    Vec gains;
    for (std::size_t p = 0; p < n; ++p) gains.push_back(u[p] - reservations[p]);
    return count_then_product(gains);
  };
  auto least_gain = [&](const Vec& u) {
    Rational least = u[0] - reservations[0];
    for (std::size_t p = 1; p < n; ++p) least = std::min(least, u[p] - reservations[p]);
    return Vec{least};
  };
  auto least_ratio = [&](const Vec& u) {
    std::optional<Rational> least;
    for (std::size_t p = 0; p < n; ++p) {
      if (ideal[p] == reservations[p]) continue;
      const Rational ratio = (u[p] - reservations[p]) / (ideal[p] - reservations[p]);
      if (!least || ratio < *least) least = ratio;
    }
    return Vec{least.value_or(Rational(1))};
  };
  struct Mark {
    const char* name;
    std::optional<std::size_t> index;
    std::function<Vec(const Vec&)> key;
  };
  for (const Mark& m : {Mark{"Nash", r.nash, nash_key}, Mark{"egalitarian", r.egalitarian, least_gain},
                        Mark{"Kalai-Smorodinsky", r.ks, least_ratio}}) {
    if (!m.index) {
      if (!r.points.empty() && r.status == FrontierStatus::complete) {
        return failed(std::string("the ") + m.name + " point is missing");
      }
      continue;
    }
    if (*m.index >= r.points.size()) return failed(std::string("the ") + m.name + " point is not a point");
    const Vec mine = m.key(r.points[*m.index].utilities);
    for (const FrontierPoint& point : r.points) {
      if (m.key(point.utilities) > mine) return failed(std::string("another point beats the ") + m.name + " point");
    }
  }
  if (r.nash || r.ks || r.egalitarian) v.checks.push_back("the marked solutions are the best points by their criteria");
  return v;
}

// ---- evaluate --------------------------------------------------------------

Verification verify_evaluation(const Scenario& s, const Outcome& o, const Evaluation& e) {
  Verification v;
  const Worth w(s);
  const Vec actual = w.utilities(o, std::nullopt);
  if (actual != e.utilities) {
    return failed("the utilities are " + ids(s, e.utilities) + " but recomputed they are " + ids(s, actual));
  }
  bool rational = true, feasible = true;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (e.gains[p] != actual[p] - s.preferences[p]->reservation) return failed("the gains are not U - r");
    rational = rational && e.gains[p].sign() >= 0;
  }
  for (const ConstraintCheck& c : e.constraints) feasible = feasible && c.holds;
  if (rational != e.individually_rational) return failed("individual rationality is misreported");
  if (feasible != e.feasible) return failed("feasibility is misreported");
  v.checks.push_back("utilities and gains recomputed exactly from the preferences");
  if (e.goods.applicable) {
    if (std::string why = goods_disagreement(s, w, o, std::nullopt, e.goods); !why.empty()) return failed(why);
    v.checks.push_back(goods_checks_text(e.goods));
  }
  return v;
}

// ---- what beats an evaluated outcome ------------------------------------------

namespace {

// The order of improvements: the smallest gain, then the sum of gains.
std::pair<Rational, Rational> gain_key(const Vec& u, const Vec& base) {
  Rational least = u[0] - base[0], sum = 0;
  for (std::size_t p = 0; p < u.size(); ++p) {
    least = std::min(least, u[p] - base[p]);
    sum += u[p] - base[p];
  }
  return {least, sum};
}

bool feasible_change(const Scenario& s, const Outcome& o, std::size_t i, const IssueValue& v) {
  Outcome changed = o;
  changed[i] = v;
  for (const ConstraintCheck& c : check_constraints(s, changed)) {
    if (!c.holds) return false;
  }
  return true;
}

}  // namespace

Verification verify_improvements(const Scenario& s, const Outcome& o, const EvaluateResponse& r) {
  Verification v;
  const Worth w(s);
  const Vec& base = r.evaluation.utilities;
  auto check_one = [&](const OutcomeImprovement& imp, const char* which) -> std::string {
    if (std::string why = check_package(s, w, imp.outcome, std::nullopt, imp.utilities, nullptr); !why.empty()) {
      return std::string(which) + ": " + why;
    }
    if (!dominates(imp.utilities, base)) {
      return std::string(which) + " is not at least as good for every party and better for one (" +
             ids(s, imp.utilities) + " against " + ids(s, base) + ")";
    }
    for (std::size_t p = 0; p < base.size(); ++p) {
      if (imp.gains.size() != base.size() || imp.gains[p] != imp.utilities[p] - base[p]) {
        return std::string(which) + ": the gains over the evaluated outcome are misreported";
      }
    }
    std::vector<int> changes;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!(imp.outcome[i] == o[i])) changes.push_back(static_cast<int>(i));
    }
    if (changes != imp.changes) return std::string(which) + ": the issues changed are misreported";
    return "";
  };
  if (r.pareto_optimal == true && (!r.evaluation.feasible || r.improvement || r.closest_improvement)) {
    return failed("the outcome is said to be Pareto optimal, yet it breaks a demand or an improvement is reported");
  }
  if (r.improvement.has_value() != r.closest_improvement.has_value()) {
    return failed("an improvement is reported without the closest one, or the other way round");
  }
  if (r.evaluation.feasible && r.improvement && r.pareto_optimal != false) {
    return failed("an improvement on a feasible outcome is reported, yet it is not said to be dominated");
  }
  if (!r.improvement) {
    if (r.pareto_optimal == true) v.checks.push_back("no improvement reported for a Pareto-optimal outcome");
    return v;
  }
  if (std::string why = check_one(*r.improvement, "the improvement"); !why.empty()) return failed(why);
  if (std::string why = check_one(*r.closest_improvement, "the closest improvement"); !why.empty()) return failed(why);
  if (r.closest_improvement->changes.size() > r.improvement->changes.size()) {
    return failed("the closest improvement changes more issues than the improvement");
  }
  v.checks.push_back("each improvement re-checked: a feasible package (values, agreed terms, rules, red lines), "
                     "utilities and gains recomputed exactly, at least as good for every party and better for one, "
                     "its changed issues listed");
  std::string failure;
  if (r.improvement->proved) {
    const auto best = gain_key(r.improvement->utilities, base);
    const Outcome& at = r.improvement->outcome;
    for_each_single_change(s, w, at, r.improvement->utilities, 2'000'000, Deadline::none(),
                           [&](std::size_t i, const IssueValue& value, const Vec& u) {
                             if (!dominates(u, base) || !(gain_key(u, base) > best)) return false;
                             if (!feasible_change(s, at, i, value)) return false;
                             failure = "changing " + s.issues[i].id + " in the improvement gives a better one (" +
                                       ids(s, u) + ")";
                             return true;
                           });
    if (!failure.empty()) return failed(failure);
    v.checks.push_back("no single change of one term of the improvement gives a package that beats the outcome "
                       "by a larger smallest gain, or as large with a larger sum");
  }
  if (r.closest_improvement->proved) {
    const bool one = r.closest_improvement->changes.size() == 1;
    const auto best = gain_key(r.closest_improvement->utilities, base);
    for_each_single_change(s, w, o, base, 2'000'000, Deadline::none(),
                           [&](std::size_t i, const IssueValue& value, const Vec& u) {
                             if (!dominates(u, base) || (one && !(gain_key(u, base) > best))) return false;
                             if (!feasible_change(s, o, i, value)) return false;
                             failure = "changing " + s.issues[i].id + " alone beats the outcome (" + ids(s, u) +
                                       ") and is closer or better than the closest improvement reported";
                             return true;
                           });
    if (!failure.empty()) return failed(failure);
    v.checks.push_back(one ? "no other single change of one term beats the outcome by more than the closest improvement"
                           : "no single change of one term beats the outcome, as the closest improvement's "
                             "changes say");
  }
  return v;
}

// ---- delay -----------------------------------------------------------------

Verification verify_delay(const Scenario& s, const DelayResponse& d) {
  Verification v;
  const Worth w(s);
  const std::size_t n = s.parties.size();
  // Party p's bound in period t, written from the definition.
  auto bound = [&](std::size_t p, std::int64_t t) {
    const Preferences& prefs = *s.preferences[p];
    return prefs.reservation + Rational(t) * (prefs.delay_cost + prefs.reservation_drift);
  };
  std::int64_t covered = -1;
  for (const ZoneWitness& z : d.zone_witnesses) {
    if (z.first != covered + 1 || z.last < z.first) return failed("the periods shown open do not follow on from each other");
    if (std::string why = check_package(s, w, z.outcome, std::nullopt, z.utilities, nullptr); !why.empty()) {
      return failed("a package keeping the zone open: " + why);
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (z.utilities[p] < bound(p, z.first) || z.utilities[p] < bound(p, z.last)) {
        return failed(fmt::format("a package said to keep the zone open in periods {} to {} leaves {} below their bound",
                                  z.first, z.last, s.parties[p].id));
      }
    }
    covered = z.last;
  }
  if (covered != d.zone_open_through) return failed("the packages do not cover the periods shown open");
  if (d.zone_closes_after && *d.zone_closes_after != covered + 1) {
    return failed("the zone is said to close in another period than the first one not shown open");
  }
  if (d.zone_settled && !d.zone_closes_after && covered != d.horizon) {
    return failed("the zone is said to stay open, but not every period is shown open");
  }
  v.checks.push_back(fmt::format("each period the zone is open has a feasible package meeting every party's bound "
                                 "({} package{}, re-checked exactly)",
                                 d.zone_witnesses.size(), d.zone_witnesses.size() == 1 ? "" : "s"));
  if (!d.outcome) return v;
  const Vec actual = w.utilities(*d.outcome, std::nullopt);
  if (actual != d.utilities) {
    return failed("the utilities are " + ids(s, d.utilities) + " but recomputed they are " + ids(s, actual));
  }
  Vec shift(n, Rational(0));
  for (const Shift& sh : s.dynamics.shifts) {
    if (holds(sh.when, *d.outcome)) shift[static_cast<std::size_t>(sh.party)] += sh.reservation_per_period;
  }
  if (shift != d.shift) return failed("the shifts that hold in the package are misreported");
  // Holds for party p in period t; the condition is linear in t.
  auto holds_at = [&](std::size_t p, std::int64_t t) {
    return actual[p] >= s.preferences[p]->reservation + Rational(t) * shift[p];
  };
  auto holds_through = [&](std::int64_t last) {
    for (std::size_t p = 0; p < n; ++p) {
      if (!holds_at(p, 0) || !holds_at(p, last)) return false;
    }
    return true;
  };
  if (!d.durable_for) {
    if (d.binding || !holds_through(d.horizon)) return failed("the package is said to be durable through the horizon");
  } else {
    const std::int64_t t = *d.durable_for;
    if (t >= d.horizon || t < -1 || !d.binding) return failed("the durability is out of range");
    if (t >= 0 && !holds_through(t)) return failed(fmt::format("the package is said to be durable for {} periods", t));
    const auto b = static_cast<std::size_t>(*d.binding);
    if (holds_at(b, t + 1)) return failed("the binding party still accepts the package after the durability ends");
    for (std::size_t p = 0; p < b; ++p) {
      if (!holds_at(p, t + 1)) return failed("an earlier party fails at the same time as the binding one");
    }
  }
  v.checks.push_back("the package's utilities, shifts, durability and binding party recomputed exactly");
  return v;
}

}  // namespace parley
