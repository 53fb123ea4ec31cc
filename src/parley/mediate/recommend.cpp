#include "parley/mediate/recommend.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "parley/analysis/constraints.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/utility.h"
#include "parley/model/conditions.h"

namespace parley::mediate {

using namespace parley::pareto;  // NOLINT: this file is being split into the facade

namespace {

using Vec = std::vector<Rational>;

std::string num(const Rational& r) { return fmt::format("{:.4f}", r.to_double()); }
std::string signed_num(const Rational& r) { return fmt::format("{:+.4f}", r.to_double()); }
std::string percent(const Rational& r) { return fmt::format("{:.0f}%", 100 * r.to_double()); }

std::string party_name(const Scenario& s, int p) {
  const Party& party = s.parties[static_cast<std::size_t>(p)];
  return party.name.empty() ? party.id : party.name + " (" + party.id + ")";
}

std::string method_sentence(Method m, const Vec& u, const Vec& r, const Vec& ideal) {
  Vec gains;
  for (std::size_t p = 0; p < u.size(); ++p) gains.push_back(u[p] - r[p]);
  switch (m) {
    case Method::nash: {
      Rational product = 1;
      for (const Rational& g : gains) product *= g;
      return "This package maximises the product of the parties' gains over no deal (the Nash bargaining "
             "solution, " + num(product) + "): no other feasible package gives a larger product, so any move away "
             "from it costs one side proportionally more than it gives the other.";
    }
    case Method::ks: {
      Rational least = 1;
      for (std::size_t p = 0; p < u.size(); ++p) least = std::min(least, gains[p] / (ideal[p] - r[p]));
      return "This package gives every party at least " + percent(least) +
             " of the way from its no-deal utility to the most it could get in any acceptable package (the "
             "Kalai-Smorodinsky solution): no package gives every party a larger share of its own best case.";
    }
    case Method::egalitarian:
      return "This package makes the smallest gain over no deal as large as possible (the egalitarian solution): "
             "the party that gains least still gains " + num(*std::min_element(gains.begin(), gains.end())) +
             ", and no package gives every party more than that.";
    case Method::utilitarian: {
      Rational sum = 0;
      for (const Rational& x : u) sum += x;
      return "This package has the largest total utility of any feasible, acceptable package (" + num(sum) +
             "), with ties broken by the Nash product.";
    }
    case Method::mnw: {
      Rational product = 1;
      for (const Rational& x : u) product *= x;
      return "This package maximises the product of the parties' utilities (maximum Nash welfare, " + num(product) +
             ").";
    }
    case Method::leximin:
      return "This package makes the lowest utility as large as possible (" +
             num(*std::min_element(u.begin(), u.end())) + "), then the next lowest, and so on (leximin).";
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle: break;
  }
  return "";
}

}  // namespace

std::string_view status_name(RecommendationStatus s) {
  switch (s) {
    case RecommendationStatus::optimal: return "optimal";
    case RecommendationStatus::feasible: return "feasible";
    case RecommendationStatus::infeasible: return "infeasible";
    case RecommendationStatus::no_agreement_zone: return "no_agreement_zone";
    case RecommendationStatus::time_limit: return "time_limit";
  }
  return "";
}

std::string_view conflict_kind_name(ConflictElement::Kind k) {
  switch (k) {
    case ConflictElement::Kind::red_line: return "red_line";
    case ConflictElement::Kind::rule: return "rule";
    case ConflictElement::Kind::reservation: return "reservation";
  }
  return "";
}

std::string describe_changes(const Scenario& s, const Outcome& from, const Outcome& to) {
  std::string out;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] == to[i]) continue;
    out += (out.empty() ? "" : "; ") + s.issues[i].id + ": " + describe_value(s, static_cast<int>(i), from[i]) +
           " -> " + describe_value(s, static_cast<int>(i), to[i]);
  }
  return out;
}

namespace {

// The demands a deletion filter works over.
struct Demand {
  ConflictElement element;
};

// Some complete outcome, only to ask check_constraints how it words each rule.
Outcome any_outcome(const Scenario& s) {
  Outcome o;
  for (const Issue& issue : s.issues) {
    IssueValue v;
    if (issue.kind == IssueKind::share) {
      v.shares.assign(s.parties.size(), 0);
      v.shares[0] = 1;
    }
    if (issue.kind == IssueKind::number) v.number = issue.min;
    o.push_back(std::move(v));
  }
  return o;
}

std::vector<Demand> demands_of(const Scenario& s) {
  std::vector<Demand> out;
  std::vector<std::string> rule_words(s.rules.size());
  for (const ConstraintCheck& c : check_constraints(s, any_outcome(s))) {
    if (c.kind == ConstraintCheck::Kind::rule) rule_words[static_cast<std::size_t>(c.index)] = c.description;
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const std::string& id = s.parties[p].id;
    ConflictElement e;
    e.kind = ConflictElement::Kind::reservation;
    e.party = static_cast<int>(p);
    e.pointer = "/preferences/" + id + "/reservation";
    e.description = id + " must get more than its reservation " + num(s.preferences[p]->reservation);
    out.push_back({e});
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const auto& lines = s.preferences[p]->red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      ConflictElement e;
      e.kind = ConflictElement::Kind::red_line;
      e.party = static_cast<int>(p);
      e.index = static_cast<int>(k);
      e.pointer = "/preferences/" + s.parties[p].id + "/red_lines/" + std::to_string(k);
      e.description = s.parties[p].id + "'s red line: " + describe(s, lines[k]);
      out.push_back({e});
    }
  }
  for (std::size_t k = 0; k < s.rules.size(); ++k) {
    ConflictElement e;
    e.kind = ConflictElement::Kind::rule;
    e.index = static_cast<int>(k);
    e.pointer = "/rules/" + std::to_string(k);
    e.description = "rule " + std::to_string(k) + ", " + rule_words[k];
    out.push_back({e});
  }
  return out;
}

// Whether some feasible outcome of s, keeping only the demands marked, gives
// every party whose reservation is kept strictly more than it. When that
// cannot be decided, answers true and sets *unknown.
bool possible(const Scenario& s, const std::vector<Demand>& demands, const std::vector<bool>& kept, bool* unknown) {
  Scenario t = s;
  t.rules.clear();
  for (auto& prefs : t.preferences) prefs->red_lines.clear();
  std::vector<bool> reservation(s.parties.size(), false);
  for (std::size_t d = 0; d < demands.size(); ++d) {
    if (!kept[d]) continue;
    const ConflictElement& e = demands[d].element;
    switch (e.kind) {
      case ConflictElement::Kind::reservation: reservation[static_cast<std::size_t>(e.party)] = true; break;
      case ConflictElement::Kind::red_line:
        t.preferences[static_cast<std::size_t>(e.party)]->red_lines.push_back(
            s.preferences[static_cast<std::size_t>(e.party)]->red_lines[static_cast<std::size_t>(e.index)]);
        break;
      case ConflictElement::Kind::rule: t.rules.push_back(s.rules[static_cast<std::size_t>(e.index)]); break;
    }
  }
  FrontierOptions options;
  options.individually_rational = false;
  Result<Frontier> f = pareto_frontier(t, options, "");
  if (!f || f.value().status() != FrontierStatus::complete) {
    // Too large to enumerate: ask the package optimiser for any package, for
    // at most 10 seconds (unknown keeps the demand: the set stays a conflict,
    // perhaps not a minimal one).
    optimise::PackageOptions po;
    po.time_limit = 10;
    po.keep_reservations = reservation;
    Result<optimise::PackageResult> r = optimise::find_package(t, po);
    if (!r || r.value().status == optimise::PackageStatus::time_limit) {
      *unknown = true;  // do not drop this demand from the conflict
      return true;
    }
    return r.value().status != optimise::PackageStatus::infeasible;
  }
  for (std::size_t k = 0; k < f.value().size(); ++k) {
    bool all = true;
    for (std::size_t p = 0; p < s.parties.size() && all; ++p) {
      all = !reservation[p] || f.value().utility(k, static_cast<int>(p)) > s.preferences[p]->reservation;
    }
    if (all) return true;
  }
  return false;
}

// *proved: false when some check could not be decided (the set still
// conflicts, but may not be minimal).
std::vector<ConflictElement> minimal_conflict(const Scenario& s, bool with_reservations, bool* proved) {
  bool unknown = false;
  std::vector<Demand> demands = demands_of(s);
  std::vector<bool> kept(demands.size(), true);
  for (std::size_t d = 0; d < demands.size(); ++d) {
    if (!with_reservations && demands[d].element.kind == ConflictElement::Kind::reservation) kept[d] = false;
  }
  // Deletion filter: a demand stays only if the rest no longer conflict without it.
  for (std::size_t d = 0; d < demands.size(); ++d) {
    if (!kept[d]) continue;
    kept[d] = false;
    if (possible(s, demands, kept, &unknown)) kept[d] = true;
  }
  *proved = !unknown;
  std::vector<ConflictElement> out;
  for (std::size_t d = 0; d < demands.size(); ++d) {
    if (kept[d]) out.push_back(demands[d].element);
  }
  return out;
}

// No deal: infeasible (nothing meets the rules and red lines) or no zone of
// agreement (something does, but not above every reservation), with the
// minimal conflict and the first sentence.
void mark_no_deal(const Scenario& s, Recommendation& rec, bool any_feasible) {
  rec.status = any_feasible ? RecommendationStatus::no_agreement_zone : RecommendationStatus::infeasible;
  rec.conflict = minimal_conflict(s, any_feasible, &rec.conflict_minimal);
  rec.explanation.push_back(any_feasible ? "No feasible package gives every party more than it expects from no deal."
                                         : "No package satisfies every rule and red line together.");
}

// "These demands cannot all hold together ...": the minimal conflict in words.
void explain_conflict(Recommendation& rec) {
  if (rec.conflict.empty()) return;
  std::string list;
  for (const ConflictElement& e : rec.conflict) list += (list.empty() ? "" : "; ") + e.description;
  if (rec.conflict_minimal) {
    rec.explanation.push_back("These demands cannot all hold together, and dropping any one of them makes a "
                              "package possible: " + list + ".");
  } else {
    rec.explanation.push_back("These demands cannot all hold together: " + list +
                              ". (Some checks did not finish in time, so a smaller set may already conflict.)");
  }
}

// "a's reservation would have to come down by more than 0.05 (to below 0.25)".
void explain_shortfall(const Scenario& s, Recommendation& rec) {
  std::string can, cannot;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const std::string who = party_name(s, static_cast<int>(p));
    if (!rec.reservation_shortfall[p]) {
      cannot += (cannot.empty() ? "" : ", ") + who;
      continue;
    }
    const Rational& by = *rec.reservation_shortfall[p];
    can += (can.empty() ? "" : "; ") + who + "'s by more than " + num(by) + " (to below " +
           num(s.preferences[p]->reservation - by) + ")";
  }
  if (!can.empty()) {
    rec.explanation.push_back("For a deal to exist with the other reservations as they are, one reservation would "
                              "have to come down: " + can + ".");
  }
  if (!cannot.empty()) {
    rec.explanation.push_back("Lowering the reservation of " + cannot +
                              " alone would not be enough: no feasible package gives every other party more than "
                              "its reservation.");
  }
}

// Each party's shortfall from the exact frontier of the feasible packages: the
// most it can get while every other party stays strictly above its
// reservation (attained on the frontier: a Pareto improvement keeps the others
// above and does not lower it).
std::vector<std::optional<Rational>> shortfall_on_frontier(const Scenario& s, const Frontier& g) {
  const std::size_t n = s.parties.size();
  std::vector<std::optional<Rational>> out(n);
  for (std::size_t p = 0; p < n; ++p) {
    std::optional<Rational> best;
    for (std::size_t k = 0; k < g.size(); ++k) {
      bool others = true;
      for (std::size_t q = 0; q < n && others; ++q) {
        others = q == p || g.utility(k, static_cast<int>(q)) > s.preferences[q]->reservation;
      }
      if (others && (!best || g.utility(k, static_cast<int>(p)) > *best)) best = g.utility(k, static_cast<int>(p));
    }
    if (best) out[p] = s.preferences[p]->reservation - *best;
  }
  return out;
}

Result<Recommendation> recommend_by_optimiser(const Scenario& s, Method method, const RecommendOptions& options,
                                              const std::string& source, const std::string& why) {
  optimise::PackageOptions po;
  po.time_limit = options.time_limit;
  po.contiguity = options.contiguity;
  Result<optimise::PackageResult> found = optimise::optimise_package(s, method, po);
  if (!found) {
    Failure f = found.failure();
    f.source = source;
    return f;
  }
  const optimise::PackageResult& r = found.value();
  Recommendation rec;
  rec.method = method;
  rec.engine = "package optimiser (" + r.formulation + ")";
  rec.note = r.note;
  const std::size_t n = s.parties.size();
  Vec reservations;
  for (std::size_t p = 0; p < n; ++p) reservations.push_back(s.preferences[p]->reservation);
  if (r.status == optimise::PackageStatus::time_limit) {
    rec.status = RecommendationStatus::time_limit;
    rec.note = "the package optimiser found no package before the time limit" + (r.note.empty() ? "" : ": " + r.note);
    return rec;
  }
  if (r.status == optimise::PackageStatus::infeasible) {
    optimise::PackageOptions any = po;
    any.keep_reservations.assign(n, false);
    Result<optimise::PackageResult> feasible = optimise::find_package(s, any);
    if (!feasible) return feasible.failure();
    mark_no_deal(s, rec, feasible.value().status != optimise::PackageStatus::infeasible);
    if (rec.status == RecommendationStatus::no_agreement_zone) {
      rec.reservation_shortfall.resize(n);
      for (std::size_t p = 0; p < n; ++p) {
        Result<optimise::PackageResult> best = optimise::best_for_party(s, static_cast<int>(p), po);
        if (best && best.value().status == optimise::PackageStatus::optimal) {
          rec.reservation_shortfall[p] = reservations[p] - best.value().utilities[p];
        }
      }
      explain_shortfall(s, rec);
    }
    explain_conflict(rec);
    return rec;
  }
  rec.status = r.status == optimise::PackageStatus::optimal ? RecommendationStatus::optimal
                                                            : RecommendationStatus::feasible;
  rec.gap = r.gap;
  rec.outcome = r.outcome;
  rec.utilities = r.utilities;
  if (rec.status == RecommendationStatus::optimal) {
    rec.explanation.push_back(method_sentence(method, rec.utilities, reservations, r.ideal));
  } else {
    rec.explanation.push_back("This is the best package found under the " + std::string(method_name(method)) +
                              " criterion before the time limit; it is not proved optimal.");
  }
  rec.explanation.push_back(
      "The exact frontier " + why + ", so a mixed-integer program (CBC) searched every package instead: " +
      (rec.status == RecommendationStatus::optimal ? std::string("the answer is proved optimal over every feasible package.")
       : std::isnan(rec.gap)
           ? r.note + "."
           : fmt::format("the time limit stopped the proof; no package is better by more than {:.2f}%.",
                         100 * rec.gap)));
  if (rec.status == RecommendationStatus::feasible && !std::isnan(rec.gap) && !r.note.empty()) {
    rec.explanation.push_back("How it was found: " + r.note + ".");
  }
  for (std::size_t p = 0; p < n; ++p) {
    const Rational gain = rec.utilities[p] - reservations[p];
    rec.explanation.push_back(party_name(s, static_cast<int>(p)) + " gets " + num(rec.utilities[p]) + " against " +
                              num(reservations[p]) + " with no deal, a gain of " + signed_num(gain) + ".");
  }
  std::size_t checks = check_constraints(s, rec.outcome).size();
  if (checks > 0) {
    rec.explanation.push_back(fmt::format("Every agreed term, rule and red line holds ({} checks).", checks));
  }
  return rec;
}

}  // namespace

Result<Recommendation> recommend(const Scenario& s, Method method, const RecommendOptions& options,
                                 const std::string& source) {
  if (options.force_optimiser) {
    if (auto missing = missing_preferences(s, "solve"); !missing.empty()) return Failure{source, std::move(missing)};
    return recommend_by_optimiser(s, method, options, source, "was not computed (--mip)");
  }
  FrontierOptions fo;
  fo.time_limit = options.time_limit;
  Result<Frontier> computed = pareto_frontier(s, fo, source);
  if (!computed) return computed.failure();
  const Frontier& f = computed.value();
  Recommendation rec;
  rec.method = method;
  if (f.status() == FrontierStatus::too_large) {
    return recommend_by_optimiser(s, method, options, source, "is too large to list here");
  }
  if (f.status() == FrontierStatus::time_limit) {
    rec.status = RecommendationStatus::time_limit;
    rec.note = f.note();
    return rec;
  }
  const std::size_t n = s.parties.size();
  Vec reservations;
  for (std::size_t p = 0; p < n; ++p) reservations.push_back(s.preferences[p]->reservation);
  std::vector<Vec> points;
  for (std::size_t k = 0; k < f.size(); ++k) points.push_back(f.utilities(k));
  rec.frontier_size = points.size();
  std::optional<std::size_t> chosen = choose(points, reservations, method);

  if (!chosen) {
    // No package gives every party more than its reservation: is any package feasible at all?
    FrontierOptions all;
    all.individually_rational = false;
    Result<Frontier> feasible = pareto_frontier(s, all, source);
    if (!feasible) return feasible.failure();
    const Frontier& g = feasible.value();
    mark_no_deal(s, rec, g.size() > 0);
    if (rec.status == RecommendationStatus::no_agreement_zone) {
      // The package whose smallest gain (negative here) is largest.
      std::optional<Vec> best_key;
      std::size_t best = 0;
      for (std::size_t k = 0; k < g.size(); ++k) {
        Vec u = g.utilities(k), key;
        for (std::size_t p = 0; p < n; ++p) key.push_back(u[p] - reservations[p]);
        std::sort(key.begin(), key.end());
        if (!best_key || key > *best_key) {
          best_key = key;
          best = k;
        }
      }
      rec.closest = g.outcome(best);
      rec.closest_utilities = g.utilities(best);
      std::string gaps;
      for (std::size_t p = 0; p < n; ++p) {
        Rational gap = rec.closest_utilities[p] - reservations[p];
        gaps += (gaps.empty() ? "" : ", ") + party_name(s, static_cast<int>(p)) + " " +
                (gap.sign() > 0 ? "gains " + num(gap) : gap.sign() == 0 ? "gets exactly its reservation"
                                                                          : "falls short by " + num(-gap));
      }
      rec.explanation.push_back("The package that comes closest (the largest smallest gain) leaves: " + gaps + ".");
      rec.reservation_shortfall = shortfall_on_frontier(s, g);
      explain_shortfall(s, rec);
    }
    explain_conflict(rec);
    return rec;
  }

  const std::size_t k = *chosen;
  rec.outcome = f.outcome(k);
  rec.utilities = points[k];
  const Vec ideal = ideal_point(points);
  rec.explanation.push_back(method_sentence(method, rec.utilities, reservations, ideal));
  rec.explanation.push_back(fmt::format(
      "It is one of {} efficient packages that every party prefers to no deal (the exact Pareto frontier): no "
      "other feasible package is better for one party without being worse for another.",
      points.size()));
  for (std::size_t p = 0; p < n; ++p) {
    const Rational gain = rec.utilities[p] - reservations[p];
    std::string sentence = party_name(s, static_cast<int>(p)) + " gets " + num(rec.utilities[p]) + " against " +
                           num(reservations[p]) + " with no deal, a gain of " + signed_num(gain);
    if (ideal[p] > reservations[p]) {
      sentence += ": " + percent(gain / (ideal[p] - reservations[p])) + " of the way to the most it could get in an "
                  "acceptable package (" + num(ideal[p]) + ")";
    }
    rec.explanation.push_back(sentence + ".");
  }
  // What it would cost to move: for each party, the nearest efficient package better for it.
  for (std::size_t p = 0; p < n; ++p) {
    std::optional<std::size_t> next;
    for (std::size_t j = 0; j < points.size(); ++j) {
      if (!(points[j][p] > points[k][p])) continue;
      if (!next || points[j][p] < points[*next][p]) next = j;
    }
    const std::string who = party_name(s, static_cast<int>(p));
    if (!next) {
      rec.explanation.push_back("No acceptable package gives " + who + " more.");
      continue;
    }
    std::string costs;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == p) continue;
      Rational change = points[*next][q] - points[k][q];
      costs += (costs.empty() ? "" : ", ") + s.parties[q].id + " " + signed_num(change);
    }
    rec.explanation.push_back("For " + who + " to get more, the nearest efficient package gives it " +
                              signed_num(points[*next][p] - points[k][p]) + " and changes the others by " + costs +
                              " (" + describe_changes(s, rec.outcome, f.outcome(*next)) + ").");
  }
  std::size_t checks = check_constraints(s, rec.outcome).size();
  if (checks > 0) {
    rec.explanation.push_back(fmt::format("Every agreed term, rule and red line holds ({} checks).", checks));
  }
  return rec;
}

}  // namespace parley::mediate
