// parley elicit: weights (and value tables) from a party's ranking of example
// packages, by linear programs on CLP (UTA, Jacquet-Lagrèze & Siskos 1982),
// rebuilt exactly and verified with the engine's exact utilities
// (mediate/engine.h says what is computed; this file says how).
//
// Exactness: CLP answers in doubles. The LP is also kept in exact rationals;
// at CLP's optimum every row and bound it makes tight (within 1e-7) becomes an
// equation, the system is solved exactly (Gauss-Jordan over Rational), the
// coordinates it leaves free are rounded to the nearest simple fraction, and
// the point is accepted only when it meets every row exactly. A vertex has no
// free coordinates, so the exact vertex comes back and ties are exactly equal.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "parley/analysis/utility.h"
#include "parley/core/number_text.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/guard.h"
#include "parley/solve/mip.h"

namespace parley {
namespace {

using Terms = std::vector<std::pair<int, Rational>>;

// A linear program kept exactly; solved on CLP through solver::Mip.
struct ExactLp {
  struct Row {
    Terms terms;
    std::optional<Rational> lower, upper;
  };
  std::vector<Rational> lower;
  std::vector<std::optional<Rational>> upper;
  std::vector<Rational> objective;
  std::vector<Row> rows;
  bool maximize = false;

  int add_var(Rational lo, std::optional<Rational> hi, Rational obj = 0) {
    lower.push_back(std::move(lo));
    upper.push_back(std::move(hi));
    objective.push_back(std::move(obj));
    return static_cast<int>(lower.size()) - 1;
  }
  void add_row(Terms terms, std::optional<Rational> lo, std::optional<Rational> hi) {
    rows.push_back({std::move(terms), std::move(lo), std::move(hi)});
  }
  std::optional<std::vector<double>> solve() const {
    solver::Mip m;
    for (std::size_t j = 0; j < lower.size(); ++j) {
      m.add_var(lower[j].to_double(), upper[j] ? upper[j]->to_double() : solver::kInfinity, objective[j].to_double(),
                false);
    }
    for (const Row& r : rows) {
      std::vector<solver::Term> t;
      for (const auto& [var, c] : r.terms) t.push_back({var, c.to_double()});
      m.add_row(std::move(t), r.lower ? r.lower->to_double() : -solver::kInfinity,
                r.upper ? r.upper->to_double() : solver::kInfinity);
    }
    m.set_maximize(maximize);
    solver::MipSolution s = m.solve_lp();
    if (s.status != solver::MipStatus::optimal) return std::nullopt;
    return s.values;
  }
  bool feasible(const std::vector<Rational>& x) const {
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (x[j] < lower[j] || (upper[j] && x[j] > *upper[j])) return false;
    }
    for (const Row& r : rows) {
      Rational a;
      for (const auto& [var, c] : r.terms) a += c * x[static_cast<std::size_t>(var)];
      if ((r.lower && a < *r.lower) || (r.upper && a > *r.upper)) return false;
    }
    return true;
  }
};

// The simplest fraction within 1e-9 of d (continued fractions), denominators up to 1e9.
Rational simple_fraction(double d) {
  if (!std::isfinite(d)) return 0;
  const double sign = d < 0 ? -1 : 1;
  double x = std::abs(d);
  std::int64_t p0 = 0, q0 = 1, p1 = 1, q1 = 0;
  double rest = x;
  for (int step = 0; step < 40; ++step) {
    const double a = std::floor(rest);
    if (a > 1e12) break;
    const auto ai = static_cast<std::int64_t>(a);
    const std::int64_t p2 = ai * p1 + p0, q2 = ai * q1 + q0;
    if (q2 > 1'000'000'000) break;
    p0 = p1, q0 = q1, p1 = p2, q1 = q2;
    if (std::abs(static_cast<double>(p1) / static_cast<double>(q1) - x) <= 1e-9) break;
    const double frac = rest - a;
    if (frac < 1e-15) break;
    rest = 1 / frac;
  }
  if (q1 == 0) return 0;
  return Rational(p1, q1) * Rational(static_cast<std::int64_t>(sign));
}

// CLP's point rebuilt exactly from the rows and bounds it makes tight (see the
// top of the file); nullopt when that exact point breaks a row.
std::optional<std::vector<Rational>> exact_point(const ExactLp& lp, const std::vector<double>& x) {
  constexpr double kTight = 1e-7;
  const std::size_t n = lp.lower.size();
  std::vector<std::vector<Rational>> eq;  // n coefficients, then the right-hand side
  auto unit = [&](std::size_t j, const Rational& v) {
    std::vector<Rational> r(n + 1);
    r[j] = 1;
    r[n] = v;
    eq.push_back(std::move(r));
  };
  for (std::size_t j = 0; j < n; ++j) {
    if (std::abs(x[j] - lp.lower[j].to_double()) <= kTight) unit(j, lp.lower[j]);
    else if (lp.upper[j] && std::abs(x[j] - lp.upper[j]->to_double()) <= kTight) unit(j, *lp.upper[j]);
  }
  for (const ExactLp::Row& r : lp.rows) {
    double a = 0;
    for (const auto& [var, c] : r.terms) a += c.to_double() * x[static_cast<std::size_t>(var)];
    std::optional<Rational> at;
    if (r.lower && std::abs(a - r.lower->to_double()) <= kTight) at = r.lower;
    else if (r.upper && std::abs(a - r.upper->to_double()) <= kTight) at = r.upper;
    if (!at) continue;
    std::vector<Rational> row(n + 1);
    for (const auto& [var, c] : r.terms) row[static_cast<std::size_t>(var)] += c;
    row[n] = *at;
    eq.push_back(std::move(row));
  }
  // Gauss-Jordan elimination, in place.
  std::vector<int> pivot_of_row;
  std::vector<bool> is_pivot(n, false);
  std::size_t rank = 0;
  for (std::size_t col = 0; col < n && rank < eq.size(); ++col) {
    std::size_t found = rank;
    while (found < eq.size() && eq[found][col].is_zero()) ++found;
    if (found == eq.size()) continue;
    std::swap(eq[rank], eq[found]);
    const Rational inv = Rational(1) / eq[rank][col];
    for (Rational& v : eq[rank]) v *= inv;
    for (std::size_t r = 0; r < eq.size(); ++r) {
      if (r == rank || eq[r][col].is_zero()) continue;
      const Rational f = eq[r][col];
      for (std::size_t c = col; c <= n; ++c) eq[r][c] -= f * eq[rank][c];
    }
    pivot_of_row.push_back(static_cast<int>(col));
    is_pivot[col] = true;
    ++rank;
  }
  for (std::size_t r = rank; r < eq.size(); ++r) {
    if (!eq[r][n].is_zero()) return std::nullopt;  // the tight rows contradict each other
  }
  std::vector<Rational> out(n);
  for (std::size_t j = 0; j < n; ++j) {
    if (!is_pivot[j]) out[j] = simple_fraction(x[j]);
  }
  for (std::size_t r = 0; r < rank; ++r) {
    const auto p = static_cast<std::size_t>(pivot_of_row[r]);
    Rational v = eq[r][n];
    for (std::size_t j = 0; j < n; ++j) {
      if (!is_pivot[j] && !eq[r][j].is_zero()) v -= eq[r][j] * out[j];
    }
    out[p] = v;
  }
  if (!lp.feasible(out)) return std::nullopt;
  return out;
}

// Preferences that give every outcome of every issue the format's default
// value, weight 1 each: a stand-in where a party has none.
Preferences default_preferences(const Scenario& s) {
  Preferences p;
  for (const Issue& issue : s.issues) {
    IssuePreference ip;
    ip.weight = 1;
    if (issue.kind == IssueKind::choice) ip.option_values.assign(issue.options.size(), Rational(0));
    p.issues.push_back(std::move(ip));
  }
  return p;
}

// The class of an issue's outcome that a value table prices, for `party`:
// item/region 0 own, 1 joint, 2 neutral, 3 other; choice the option; number
// the grid point's index in `numbers`; share -1 (worth its fraction).
int value_class(const Issue& issue, const IssueValue& v, int party, const std::vector<Rational>& numbers) {
  switch (issue.kind) {
    case IssueKind::item:
    case IssueKind::region:
      return v.holder == party ? 0 : v.holder == kJoint ? 1 : v.holder == kNeutral ? 2 : 3;
    case IssueKind::choice:
      return v.option;
    case IssueKind::number:
      return static_cast<int>(std::lower_bound(numbers.begin(), numbers.end(), v.number) - numbers.begin());
    case IssueKind::share:
      return -1;
  }
  return -1;
}

// +1: the party's curve for a number issue only rises (and is not flat); -1
// only falls; 0 otherwise, or no curve: its table is free.
int curve_direction(const std::vector<std::pair<Rational, Rational>>& curve) {
  bool rises = false, falls = false;
  for (std::size_t k = 1; k < curve.size(); ++k) {
    if (curve[k].second > curve[k - 1].second) rises = true;
    if (curve[k].second < curve[k - 1].second) falls = true;
  }
  return rises && !falls ? 1 : falls && !rises ? -1 : 0;
}

std::string package_list(const std::vector<int>& ks) {
  std::string out;
  for (std::size_t i = 0; i < ks.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == ks.size() ? " and " : ", ") + std::to_string(ks[i]);
  }
  return out;
}

Result<ElicitResponse> elicit_unguarded(const Scenario& s, const ElicitRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  const Ranking& ranking = request.ranking;
  const int P = request.party;
  const std::size_t n = s.issues.size();
  const std::size_t m = ranking.packages.size();

  // ---- the ranking's structure ----
  std::vector<Diagnostic> problems;
  if (P < 0 || static_cast<std::size_t>(P) >= s.parties.size()) {
    problems.push_back({"", "no such party: the scenario has " + std::to_string(s.parties.size()) + " parties"});
  }
  if (m < 2) problems.push_back({"/packages", "needs at least 2 packages to rank, found " + std::to_string(m)});
  for (std::size_t k = 0; k < m; ++k) {
    if (ranking.packages[k].size() != n) {
      problems.push_back({"/packages/" + std::to_string(k), "has " + std::to_string(ranking.packages[k].size()) +
                                                                " values; the scenario has " + std::to_string(n) +
                                                                " issues"});
    }
  }
  std::vector<std::string> placed(m);
  if (ranking.order.empty()) problems.push_back({"/order", "needs at least one group of packages, found none"});
  for (std::size_t g = 0; g < ranking.order.size(); ++g) {
    const std::string gp = "/order/" + std::to_string(g);
    if (ranking.order[g].empty()) problems.push_back({gp, "an empty group: each group lists 1 or more packages"});
    for (std::size_t i = 0; i < ranking.order[g].size(); ++i) {
      const int k = ranking.order[g][i];
      const std::string here = gp + "/" + std::to_string(i);
      if (k < 0 || static_cast<std::size_t>(k) >= m) {
        problems.push_back({here, "no package " + std::to_string(k) + ": the packages are numbered 0 to " +
                                      std::to_string(m == 0 ? 0 : m - 1)});
      } else if (!placed[static_cast<std::size_t>(k)].empty()) {
        problems.push_back({here, "package " + std::to_string(k) + " is already ranked at " +
                                      placed[static_cast<std::size_t>(k)] + ": each package belongs to one group"});
      } else {
        placed[static_cast<std::size_t>(k)] = here;
      }
    }
  }
  std::vector<int> unranked;
  for (std::size_t k = 0; k < m; ++k) {
    if (placed[k].empty()) unranked.push_back(static_cast<int>(k));
  }
  if (!unranked.empty() && !ranking.order.empty()) {
    problems.push_back({"/order", std::string(unranked.size() == 1 ? "package " : "packages ") + package_list(unranked) +
                                      (unranked.size() == 1 ? " is" : " are") +
                                      " in no group: the order must rank every package"});
  }
  if (!problems.empty()) return Failure{request.source, std::move(problems)};

  const std::vector<std::vector<int>>& order = ranking.order;
  const std::size_t L = order.size();
  const auto& pkg = ranking.packages;

  // ---- the party's value tables as the scenario gives them ----
  Scenario base = s;
  const Preferences own = s.preferences[static_cast<std::size_t>(P)] ? *s.preferences[static_cast<std::size_t>(P)]
                                                                      : default_preferences(s);
  for (auto& p : base.preferences) {
    if (!p) p = default_preferences(s);
  }
  base.preferences[static_cast<std::size_t>(P)] = own;
  for (IssuePreference& ip : base.preferences[static_cast<std::size_t>(P)]->issues) ip.weight = 1;
  const Utilities given(base);

  // ---- the model: variables and each package's utility as exact terms ----
  ExactLp lp;
  std::vector<int> W(n);
  for (std::size_t t = 0; t < n; ++t) W[t] = lp.add_var(0, Rational(1));
  std::vector<std::vector<Rational>> numbers(n);          // number issues: the points seen, sorted
  std::vector<std::map<int, int>> table_var(n);            // values: class -> variable
  std::vector<std::vector<int>> cls(m, std::vector<int>(n, -1));
  std::vector<std::vector<Rational>> coef(m, std::vector<Rational>(n));  // weights: v_t; values: the share
  for (std::size_t t = 0; t < n; ++t) {
    if (s.issues[t].kind != IssueKind::number) continue;
    for (std::size_t k = 0; k < m; ++k) numbers[t].push_back(pkg[k][t].number);
    std::sort(numbers[t].begin(), numbers[t].end());
    numbers[t].erase(std::unique(numbers[t].begin(), numbers[t].end()), numbers[t].end());
  }
  std::vector<Terms> U(m);
  for (std::size_t k = 0; k < m; ++k) {
    for (std::size_t t = 0; t < n; ++t) {
      const Issue& issue = s.issues[t];
      cls[k][t] = value_class(issue, pkg[k][t], P, numbers[t]);
      if (!request.values || issue.kind == IssueKind::share) {
        coef[k][t] = request.values ? pkg[k][t].shares[static_cast<std::size_t>(P)]
                                    : given.value(P, static_cast<int>(t), pkg[k][t]);
        if (!coef[k][t].is_zero()) U[k].push_back({W[t], coef[k][t]});
      } else {
        auto [it, fresh] = table_var[t].try_emplace(cls[k][t], -1);
        if (fresh) it->second = lp.add_var(0, Rational(1));
        U[k].push_back({it->second, 1});
      }
    }
  }
  std::vector<int> direction(n, 0);
  {
    Terms sum;
    for (std::size_t t = 0; t < n; ++t) sum.push_back({W[t], 1});
    lp.add_row(sum, Rational(1), Rational(1));
  }
  if (request.values) {
    for (std::size_t t = 0; t < n; ++t) {
      for (const auto& [c, var] : table_var[t]) lp.add_row({{var, 1}, {W[t], -1}}, std::nullopt, Rational(0));
      if (s.issues[t].kind == IssueKind::number) {
        direction[t] = curve_direction(own.issues[t].curve);
        if (direction[t] == 0) continue;
        for (std::size_t i = 1; i < numbers[t].size(); ++i) {
          const int lo = table_var[t].at(static_cast<int>(i - 1)), hi = table_var[t].at(static_cast<int>(i));
          lp.add_row({{hi, direction[t]}, {lo, -direction[t]}}, Rational(0), std::nullopt);
        }
      }
    }
  }
  const std::size_t model_vars = lp.lower.size();
  auto difference = [&](std::size_t a, std::size_t b) {
    Terms d = U[a];
    for (const auto& [var, c] : U[b]) d.push_back({var, -c});
    return d;
  };

  ElicitResponse out;
  out.party = P;
  out.values = request.values;

  // ---- pairs that no weights (no tables) order as given, even alone ----
  auto can_rank_above = [&](std::size_t i, std::size_t j) {
    for (std::size_t t = 0; t < n; ++t) {
      if (!request.values || s.issues[t].kind == IssueKind::share) {
        if (coef[i][t] > coef[j][t]) return true;
      } else if (cls[i][t] != cls[j][t] &&
                 (direction[t] == 0 || (direction[t] > 0) == (cls[i][t] > cls[j][t]))) {
        return true;
      }
    }
    return false;
  };
  auto can_tie = [&](std::size_t i, std::size_t j) {
    bool up = false, down = false, even = false;
    for (std::size_t t = 0; t < n; ++t) {
      if (request.values && s.issues[t].kind != IssueKind::share) return true;  // all weight on a table of zeros
      const int c = (coef[i][t] <=> coef[j][t]) < 0 ? -1 : coef[i][t] == coef[j][t] ? 0 : 1;
      up |= c > 0, down |= c < 0, even |= c == 0;
    }
    return even || (up && down);
  };
  for (std::size_t g = 0; g < L; ++g) {
    for (std::size_t a = 0; a < order[g].size(); ++a) {
      const auto i = static_cast<std::size_t>(order[g][a]);
      for (std::size_t b = a + 1; b < order[g].size(); ++b) {
        if (!can_tie(i, static_cast<std::size_t>(order[g][b]))) out.inconsistent_ties.push_back({order[g][a], order[g][b]});
      }
      for (std::size_t h = g + 1; h < L; ++h) {
        for (int j : order[h]) {
          if (!can_rank_above(i, static_cast<std::size_t>(j))) out.inconsistent.push_back({order[g][a], j});
        }
      }
    }
  }

  // ---- phase 1: the largest smallest gap between consecutive groups ----
  std::optional<std::vector<Rational>> point;
  bool lp_reproduces = false;
  {
    ExactLp one = lp;
    const int delta = one.add_var(Rational(-1), Rational(1), Rational(1));
    one.maximize = true;
    for (std::size_t g = 0; g < L; ++g) {
      const auto rep = static_cast<std::size_t>(order[g][0]);
      for (std::size_t a = 1; a < order[g].size(); ++a) {
        one.add_row(difference(static_cast<std::size_t>(order[g][a]), rep), Rational(0), Rational(0));
      }
      if (g + 1 < L) {
        Terms d = difference(rep, static_cast<std::size_t>(order[g + 1][0]));
        d.push_back({delta, -1});
        one.add_row(std::move(d), Rational(0), std::nullopt);
      }
    }
    if (auto x = one.solve(); x && (*x)[static_cast<std::size_t>(delta)] > 1e-9) {
      lp_reproduces = true;
      point = exact_point(one, *x);
      if (!point) {
        out.note = "The linear program found weights that reproduce the ranking, but they could not be rebuilt "
                   "exactly; the weights below are the closest of least total error instead.";
      }
    }
  }
  // ---- phase 2: UTA, the least total error ----
  if (!point) {
    ExactLp two = lp;
    std::vector<int> over(m), under(m);
    for (std::size_t k = 0; k < m; ++k) {
      over[k] = two.add_var(0, std::nullopt, Rational(1));
      under[k] = two.add_var(0, std::nullopt, Rational(1));
    }
    auto moved = [&](std::size_t a, std::size_t b) {
      Terms d = difference(a, b);
      d.insert(d.end(), {{over[a], -1}, {under[a], 1}, {over[b], 1}, {under[b], -1}});
      return d;
    };
    const Rational gap = L > 1 ? Rational(1, 100 * static_cast<std::int64_t>(L - 1)) : Rational(0);
    for (std::size_t g = 0; g < L; ++g) {
      const auto rep = static_cast<std::size_t>(order[g][0]);
      for (std::size_t a = 1; a < order[g].size(); ++a) {
        two.add_row(moved(static_cast<std::size_t>(order[g][a]), rep), Rational(0), Rational(0));
      }
      if (g + 1 < L) two.add_row(moved(rep, static_cast<std::size_t>(order[g + 1][0])), gap, std::nullopt);
    }
    std::optional<std::vector<double>> x = two.solve();
    if (!x) return mediate::verification_failed("elicit", "the least-error linear program has no optimum");
    point = exact_point(two, *x);
    if (!point) {
      // Rounded instead: each weight and table entry to a simple fraction,
      // then scaled so the weights sum to exactly 1.
      std::vector<Rational> r(model_vars);
      for (std::size_t j = 0; j < model_vars; ++j) r[j] = std::max(Rational(0), simple_fraction((*x)[j]));
      Rational total;
      for (std::size_t t = 0; t < n; ++t) total += r[static_cast<std::size_t>(W[t])];
      if (total.is_zero()) return mediate::verification_failed("elicit", "the rounded weights sum to 0");
      for (Rational& v : r) v /= total;
      for (std::size_t t = 0; t < n; ++t) {
        for (const auto& [c, var] : table_var[t]) {
          r[static_cast<std::size_t>(var)] = std::min(r[static_cast<std::size_t>(var)], r[static_cast<std::size_t>(W[t])]);
        }
      }
      point = r;
      if (out.note.empty()) out.note = "The linear program's answer could not be rebuilt exactly; the weights are rounded from it.";
    }
  }
  const std::vector<Rational>& y = *point;

  // ---- the answer as preferences ----
  Preferences elicited = own;
  out.weights.resize(n);
  out.elicited.assign(n, false);
  for (std::size_t t = 0; t < n; ++t) {
    out.weights[t] = y[static_cast<std::size_t>(W[t])];
    IssuePreference& ip = elicited.issues[t];
    ip.weight = out.weights[t];
    if (!request.values || table_var[t].empty() || out.weights[t].is_zero()) continue;
    out.elicited[t] = true;
    auto value = [&](int c) { return y[static_cast<std::size_t>(table_var[t].at(c))] / out.weights[t]; };
    switch (s.issues[t].kind) {
      case IssueKind::item:
      case IssueKind::region:
        for (const auto& [c, var] : table_var[t]) {
          (c == 0 ? ip.holder.own : c == 1 ? ip.holder.joint : c == 2 ? ip.holder.neutral : ip.holder.other) = value(c);
        }
        break;
      case IssueKind::choice:
        for (const auto& [c, var] : table_var[t]) ip.option_values[static_cast<std::size_t>(c)] = value(c);
        break;
      case IssueKind::number:
        ip.curve.clear();
        for (const auto& [c, var] : table_var[t]) ip.curve.push_back({numbers[t][static_cast<std::size_t>(c)], value(c)});
        break;
      case IssueKind::share:
        break;
    }
  }
  out.preferences = elicited;

  // ---- verification, with the engine's utilities on the scenario as it would read ----
  Scenario check = base;
  check.preferences[static_cast<std::size_t>(P)] = elicited;
  Rational sum;
  for (const Rational& w : out.weights) {
    if (w.sign() < 0) return mediate::verification_failed("elicit", "a weight is negative");
    sum += w;
  }
  if (sum != 1) return mediate::verification_failed("elicit", "the weights sum to " + sum.str() + ", not 1");
  for (const IssuePreference& ip : elicited.issues) {
    std::vector<Rational> vs{ip.holder.own, ip.holder.joint, ip.holder.neutral, ip.holder.other};
    vs.insert(vs.end(), ip.option_values.begin(), ip.option_values.end());
    for (const auto& pt : ip.curve) vs.push_back(pt.second);
    for (const Rational& v : vs) {
      if (v.sign() < 0 || v > 1) return mediate::verification_failed("elicit", "a value lies outside [0, 1]");
    }
  }
  const Utilities engine(check);
  for (std::size_t k = 0; k < m; ++k) {
    out.utilities.push_back(engine.utility(P, pkg[k]));
    Rational lp_side;
    for (const auto& [var, c] : U[k]) lp_side += c * y[static_cast<std::size_t>(var)];
    if (lp_side != out.utilities[k]) {
      return mediate::verification_failed("elicit", "package " + std::to_string(k) + "'s utility in the linear program (" +
                                                        lp_side.str() + ") differs from the engine's (" +
                                                        out.utilities[k].str() + ")");
    }
  }
  std::optional<Rational> margin;
  for (std::size_t g = 0; g < L; ++g) {
    for (std::size_t a = 0; a < order[g].size(); ++a) {
      const Rational& ui = out.utilities[static_cast<std::size_t>(order[g][a])];
      for (std::size_t b = a + 1; b < order[g].size(); ++b) {
        if (ui != out.utilities[static_cast<std::size_t>(order[g][b])]) out.unequal_ties.push_back({order[g][a], order[g][b]});
      }
      for (std::size_t h = g + 1; h < L; ++h) {
        for (int j : order[h]) {
          const Rational& uj = out.utilities[static_cast<std::size_t>(j)];
          if (ui <= uj) out.misordered.push_back({order[g][a], j});
          if (h == g + 1 && (!margin || ui - uj < *margin)) margin = ui - uj;
        }
      }
    }
  }
  out.reproduced = out.misordered.empty() && out.unequal_ties.empty();
  if (out.reproduced) out.margin = margin;
  for (const auto& pr : out.inconsistent) {
    if (std::find(out.misordered.begin(), out.misordered.end(), pr) == out.misordered.end()) {
      return mediate::verification_failed("elicit", "pair [" + std::to_string(pr.first) + ", " +
                                                        std::to_string(pr.second) +
                                                        "] was called impossible, yet the weights order it as given");
    }
  }
  if (lp_reproduces && !out.reproduced && out.note.empty()) {
    return mediate::verification_failed("elicit", "the exact weights of a reproducing linear program misorder the ranking");
  }
  out.verified = {"weights are non-negative and sum to exactly 1; every value lies in [0, 1]",
                  "each package's utility in the linear program equals the engine's exact utility with these "
                  "preferences",
                  "every pair of packages compared exactly under these weights (misordered pairs, unequal ties, margin)",
                  "every pair called impossible is misordered under these weights too"};

  // ---- in words ----
  for (std::size_t t = 0; t < n; ++t) {
    bool same = true;
    for (std::size_t k = 1; k < m && same; ++k) {
      same = request.values && s.issues[t].kind != IssueKind::share ? cls[k][t] == cls[0][t] : coef[k][t] == coef[0][t];
    }
    if (same) out.unvaried.push_back(static_cast<int>(t));
  }
  const std::string who = s.party_name(P);
  const std::string what = request.values ? "weights and value tables" : "weights";
  if (out.reproduced) {
    out.explanation.push_back(
        "These " + what + " reproduce " + who + "'s ranking exactly" +
        (L > 1 ? ": each group of packages comes out above the next, tied packages exactly equal, with a smallest "
                 "gap of " + decimal(*out.margin) + " in utility between consecutive groups (the largest such gap any " +
                     what + " allow)."
               : ": the tied packages come out exactly equal."));
  } else {
    out.explanation.push_back("No " + what + " reproduce " + who +
                              "'s ranking exactly; these are the closest (the least total error, UTA).");
  }
  for (const auto& [i, j] : out.inconsistent) {
    out.explanation.push_back("No " + what + " rank package " + std::to_string(i) + " above package " +
                              std::to_string(j) + ": package " + std::to_string(j) + " is at least as good for " +
                              who + " on every issue.");
  }
  for (const auto& [i, j] : out.inconsistent_ties) {
    out.explanation.push_back("No " + what + " make packages " + std::to_string(i) + " and " + std::to_string(j) +
                              " equal: one is better for " + who + " on some issue and worse on none.");
  }
  if (!out.reproduced && out.inconsistent.empty() && out.inconsistent_ties.empty()) {
    out.explanation.push_back("Every pair alone can be ordered as given, but not all of them together.");
  }
  if (!out.reproduced) {
    std::string pairs;
    for (const auto& [i, j] : out.misordered) pairs += (pairs.empty() ? "" : ", ") + std::to_string(i) + " over " + std::to_string(j);
    for (const auto& [i, j] : out.unequal_ties) pairs += (pairs.empty() ? "" : ", ") + std::to_string(i) + " level with " + std::to_string(j);
    out.explanation.push_back("Under these " + what + " the ranking still fails for: " + pairs + ".");
  }
  if (!out.unvaried.empty() && out.unvaried.size() < n) {
    std::string ids;
    for (std::size_t k = 0; k < out.unvaried.size(); ++k) {
      ids += (k == 0 ? "" : k + 1 == out.unvaried.size() ? " and " : ", ") + s.issue_name(out.unvaried[k]);
    }
    out.explanation.push_back("The packages are all worth the same to " + who + " on " + ids +
                              ": the ranking says nothing about " + (out.unvaried.size() == 1 ? "that issue" : "those issues") +
                              ", so any weight there is a guess; vary " + (out.unvaried.size() == 1 ? "that issue" : "them") +
                              " in the example packages to learn " + (out.unvaried.size() == 1 ? "its weight." : "their weights."));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace

Result<ElicitResponse> elicit(const Scenario& s, const ElicitRequest& request) {
  return mediate::guarded<ElicitResponse>([&] { return elicit_unguarded(s, request); });
}

}  // namespace parley
