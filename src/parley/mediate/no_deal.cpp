#include "parley/mediate/no_deal.h"

#include <algorithm>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/explain.h"
#include "parley/model/conditions.h"

namespace parley::mediate {

namespace {

using Vec = std::vector<Rational>;
using Kind = ConflictElement::Kind;

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

// Every demand a deletion filter may drop: reservations, red lines, rules.
std::vector<ConflictElement> demands_of(const Scenario& s) {
  std::vector<ConflictElement> out;
  std::vector<std::string> rule_words(s.rules.size());
  for (const ConstraintCheck& c : check_constraints(s, any_outcome(s))) {
    if (c.kind == ConstraintCheck::Kind::rule) rule_words[static_cast<std::size_t>(c.index)] = c.description;
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const std::string& id = s.parties[p].id;
    ConflictElement e;
    e.kind = Kind::reservation;
    e.party = static_cast<int>(p);
    e.pointer = "/preferences/" + id + "/reservation";
    e.description = id + " must get at least its reservation " + num(s.preferences[p]->reservation);
    out.push_back(e);
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const auto& lines = s.preferences[p]->red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      ConflictElement e;
      e.kind = Kind::red_line;
      e.party = static_cast<int>(p);
      e.index = static_cast<int>(k);
      e.pointer = "/preferences/" + s.parties[p].id + "/red_lines/" + std::to_string(k);
      e.description = s.parties[p].id + "'s red line: " + describe(s, lines[k]);
      out.push_back(e);
    }
  }
  for (std::size_t k = 0; k < s.rules.size(); ++k) {
    ConflictElement e;
    e.kind = Kind::rule;
    e.index = static_cast<int>(k);
    e.pointer = "/rules/" + std::to_string(k);
    e.description = "rule " + std::to_string(k) + ", " + rule_words[k];
    out.push_back(e);
  }
  return out;
}

class Search {
 public:
  Search(const Scenario& s, const Deadline& deadline, const NoDealOptions& options)
      : s_(s), deadline_(deadline), options_(options) {}

  // Whether some feasible outcome of s, keeping only the demands marked,
  // gives every party whose reservation is kept at least its reservation;
  // *witness receives one. When that cannot be decided (time, size), answers
  // true (with no witness) and sets unknown_.
  bool possible(const std::vector<ConflictElement>& demands, const std::vector<bool>& kept,
                std::optional<Outcome>* witness) {
    witness->reset();
    if (deadline_.expired()) {
      unknown_ = true;
      return true;
    }
    Scenario t = s_;
    t.rules.clear();
    for (auto& prefs : t.preferences) prefs->red_lines.clear();
    std::vector<bool> reservation(s_.parties.size(), false);
    for (std::size_t d = 0; d < demands.size(); ++d) {
      if (!kept[d]) continue;
      const ConflictElement& e = demands[d];
      const auto party = static_cast<std::size_t>(e.party);
      switch (e.kind) {
        case Kind::reservation: reservation[party] = true; break;
        case Kind::red_line:
          t.preferences[party]->red_lines.push_back(s_.preferences[party]->red_lines[static_cast<std::size_t>(e.index)]);
          break;
        case Kind::rule: t.rules.push_back(s_.rules[static_cast<std::size_t>(e.index)]); break;
      }
    }
    if (!options_.by_optimiser) {
      pareto::FrontierOptions fo;
      fo.individually_rational = false;
      fo.time_limit = deadline_.seconds();
      Result<pareto::Frontier> f = pareto::pareto_frontier(t, fo, "");
      if (f && f.value().status() == pareto::FrontierStatus::complete) {
        for (std::size_t k = 0; k < f.value().size(); ++k) {
          bool all = true;
          for (std::size_t p = 0; p < s_.parties.size() && all; ++p) {
            all = !reservation[p] || f.value().utility(k, static_cast<int>(p)) >= s_.preferences[p]->reservation;
          }
          if (all) {
            *witness = f.value().outcome(k);
            return true;
          }
        }
        return false;
      }
    }
    // Too large to enumerate: ask the package optimiser for any package.
    optimise::PackageOptions po;
    po.time_limit = deadline_.seconds();
    po.contiguity = options_.contiguity;
    po.keep_reservations = reservation;
    Result<optimise::PackageResult> r = optimise::find_package(t, po);
    if (!r || r.value().status == optimise::PackageStatus::time_limit) {
      unknown_ = true;  // the demand stays: the set still conflicts, perhaps not minimally
      return true;
    }
    if (r.value().status == optimise::PackageStatus::infeasible) return false;
    *witness = r.value().outcome;
    return true;
  }

  // A minimal conflicting set by the deletion filter, with, for each of its
  // demands, the package that showed it is needed: it meets every other
  // demand kept at that moment (a superset of the rest of the final set).
  std::vector<ConflictElement> minimal_conflict(bool with_reservations, std::vector<std::optional<Outcome>>* witnesses) {
    std::vector<ConflictElement> demands = demands_of(s_);
    std::vector<bool> kept(demands.size(), true);
    std::vector<std::optional<Outcome>> found(demands.size());
    for (std::size_t d = 0; d < demands.size(); ++d) {
      if (!with_reservations && demands[d].kind == Kind::reservation) kept[d] = false;
    }
    for (std::size_t d = 0; d < demands.size(); ++d) {
      if (!kept[d]) continue;
      kept[d] = false;
      if (possible(demands, kept, &found[d])) kept[d] = true;
    }
    std::vector<ConflictElement> out;
    witnesses->clear();
    // Whether dropping each demand of the set, and only it, makes a package
    // possible: the set is minimal among the demands it holds, but other
    // demands may clash as well (two separate clashes), and then dropping one
    // of these is not enough.
    resolves_alone_.clear();
    for (std::size_t d = 0; d < demands.size(); ++d) {
      if (!kept[d]) continue;
      out.push_back(demands[d]);
      witnesses->push_back(std::move(found[d]));
      std::vector<bool> all_but(demands.size(), true);
      for (std::size_t e = 0; e < demands.size(); ++e) {
        all_but[e] = with_reservations || demands[e].kind != Kind::reservation;
      }
      all_but[d] = false;
      std::optional<Outcome> ignored;
      const bool unknown_before = unknown_;
      const bool resolves = possible(demands, all_but, &ignored);
      // Undecided (out of time) is not "resolves", and does not make the set itself less proved.
      resolves_alone_.push_back(resolves && ignored.has_value());
      unknown_ = unknown_before;
    }
    return out;
  }

  bool proved() const { return !unknown_; }

  // For each demand of the last minimal conflict: dropping it alone makes a package possible.
  const std::vector<bool>& resolves_alone() const { return resolves_alone_; }

 private:
  const Scenario& s_;
  Deadline deadline_;
  NoDealOptions options_;
  bool unknown_ = false;
  std::vector<bool> resolves_alone_;
};

// "These demands cannot all hold together ...": the minimal conflict in words.
// `resolves_alone[k]`: dropping the k-th demand alone makes a package possible.
void explain_conflict(SolveResponse& r, const std::vector<bool>& resolves_alone) {
  if (r.conflict.empty()) return;
  std::string list, enough, not_enough;
  for (std::size_t k = 0; k < r.conflict.size(); ++k) {
    const std::string& d = r.conflict[k].description;
    list += (list.empty() ? "" : "; ") + d;
    std::string& into = k < resolves_alone.size() && resolves_alone[k] ? enough : not_enough;
    into += (into.empty() ? "" : "; ") + d;
  }
  if (!r.conflict_minimal) {
    r.explanation.push_back("These demands cannot all hold together: " + list +
                            ". (Some checks did not finish in time, so a smaller set may already conflict.)");
  } else if (not_enough.empty()) {
    r.explanation.push_back("These demands cannot all hold together, and dropping any one of them makes a "
                            "package possible: " + list + ".");
  } else if (enough.empty()) {
    r.explanation.push_back("These demands cannot all hold together, and each is needed for this clash: " + list +
                            ". Dropping one of them is not enough: other demands clash as well.");
  } else {
    r.explanation.push_back("These demands cannot all hold together, and each is needed for this clash: " + list +
                            ". Dropping any one of these alone makes a package possible: " + enough +
                            ". Dropping any one of these alone is not enough, since other demands clash as well: " +
                            not_enough + ".");
  }
}

// "a's reservation would have to come down by at least 0.05 (to 0.25 or below)".
// `settled[p]`: whether p's shortfall was settled (false: a check ran out of time).
void explain_shortfall(const Scenario& s, const std::vector<bool>& settled, SolveResponse& r) {
  std::string can, cannot, unknown, at_zero;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const std::string who = s.party_name(static_cast<int>(p));
    // A reservation of 0 (or less) is met by every package: there is nothing
    // to lower, and suggesting it would send the mediator after a party who
    // asks for nothing.
    if (s.preferences[p]->reservation.sign() <= 0) {
      at_zero += (at_zero.empty() ? "" : ", ") + who;
      continue;
    }
    if (!settled[p]) {
      unknown += (unknown.empty() ? "" : ", ") + who;
      continue;
    }
    if (!r.reservation_shortfall[p]) {
      cannot += (cannot.empty() ? "" : ", ") + who;
      continue;
    }
    const Rational& by = *r.reservation_shortfall[p];
    can += (can.empty() ? "" : "; ") + who + "'s by at least " + num(by) + " (to " +
           num(s.preferences[p]->reservation - by) + " or below)";
  }
  if (!can.empty()) {
    r.explanation.push_back("For a deal to exist with the other reservations as they are, one reservation would "
                            "have to come down: " + can + ".");
  }
  if (!cannot.empty()) {
    r.explanation.push_back("Lowering the reservation of " + cannot +
                            " alone would not be enough: no feasible package gives every other party at least "
                            "their reservation.");
  }
  if (!at_zero.empty() && (!can.empty() || !cannot.empty() || !unknown.empty())) {
    r.explanation.push_back("The reservation of " + at_zero + " is already 0: every package meets it, so lowering "
                            "it cannot help.");
  }
  if (!unknown.empty()) {
    r.explanation.push_back("How far the reservation of " + unknown +
                            " would have to come down could not be settled in the time given.");
  }
}

// Each party's shortfall from the exact frontier of the feasible packages:
// the most it can get while every other party stays at or above its
// reservation (attained on the frontier: a Pareto improvement keeps the
// others there and does not lower it).
std::vector<std::optional<Rational>> shortfall_on_frontier(const Scenario& s, const pareto::Frontier& g) {
  const std::size_t n = s.parties.size();
  std::vector<std::optional<Rational>> out(n);
  for (std::size_t p = 0; p < n; ++p) {
    std::optional<Rational> best;
    for (std::size_t k = 0; k < g.size(); ++k) {
      bool others = true;
      for (std::size_t q = 0; q < n && others; ++q) {
        others = q == p || g.utility(k, static_cast<int>(q)) >= s.preferences[q]->reservation;
      }
      if (others && (!best || g.utility(k, static_cast<int>(p)) > *best)) best = g.utility(k, static_cast<int>(p));
    }
    if (best) out[p] = s.preferences[p]->reservation - *best;
  }
  return out;
}

// The feasible package whose smallest gain (negative here) is largest.
void closest_on_frontier(const Scenario& s, const pareto::Frontier& g, SolveResponse& r) {
  const Vec reservations = reservations_of(s);
  std::optional<Vec> best_key;
  std::size_t best = 0;
  for (std::size_t k = 0; k < g.size(); ++k) {
    Vec u = g.utilities(k), key;
    for (std::size_t p = 0; p < u.size(); ++p) key.push_back(u[p] - reservations[p]);
    std::sort(key.begin(), key.end());
    if (!best_key || key > *best_key) {
      best_key = key;
      best = k;
    }
  }
  r.closest = g.outcome(best);
  r.closest_utilities = g.utilities(best);
}

// "The package that comes closest ... leaves: a falls short by 0.3000, ...".
void explain_closest(const Scenario& s, SolveResponse& r) {
  const Vec reservations = reservations_of(s);
  std::string gaps;
  for (std::size_t p = 0; p < reservations.size(); ++p) {
    Rational gap = r.closest_utilities[p] - reservations[p];
    gaps += (gaps.empty() ? "" : ", ") + s.party_name(static_cast<int>(p)) + " " +
            (gap.sign() > 0   ? "gains " + num(gap)
             : gap.sign() == 0 ? "gets exactly its reservation"
                               : "falls short by " + num(-gap));
  }
  r.explanation.push_back("The package that comes closest (the largest smallest gain) leaves: " + gaps + ".");
}

}  // namespace

void explain_no_deal(const Scenario& s, const Deadline& deadline, const NoDealOptions& options, SolveResponse& r) {
  const std::size_t n = s.parties.size();
  // Is anything feasible at all (rules, red lines and agreed terms only)?
  std::optional<bool> any_feasible;
  // The frontier of every feasible package, when it can be listed: the rest
  // of the search then stays on it.
  std::optional<pareto::Frontier> all;
  if (!options.by_optimiser) {
    pareto::FrontierOptions fo;
    fo.individually_rational = false;
    fo.time_limit = deadline.seconds();
    Result<pareto::Frontier> listed = pareto::pareto_frontier(s, fo, "");
    if (listed && listed.value().status() == pareto::FrontierStatus::complete) {
      all = std::move(listed).value();
      any_feasible = all->size() > 0;
    }
  }
  if (!any_feasible) {
    optimise::PackageOptions po;
    po.time_limit = deadline.seconds();
    po.contiguity = options.contiguity;
    po.keep_reservations.assign(n, false);
    Result<optimise::PackageResult> found = optimise::find_package(s, po);
    if (found && found.value().status != optimise::PackageStatus::time_limit) {
      any_feasible = found.value().status != optimise::PackageStatus::infeasible;
    }
  }
  // Undecided (out of time): the reservations are part of the question.
  const bool feasible = any_feasible.value_or(true);
  r.status = feasible ? SolveStatus::no_agreement_zone : SolveStatus::infeasible;
  r.explanation.push_back(feasible ? "No feasible package gives every party at least what it expects from no deal."
                                   : "No package satisfies every rule and red line together.");
  Search search(s, deadline, NoDealOptions{options.contiguity, !all.has_value()});
  r.conflict = search.minimal_conflict(feasible, &r.conflict_witnesses);
  r.conflict_minimal = search.proved() && any_feasible.has_value();
  if (feasible) {
    std::vector<bool> settled(n, true);
    if (all && all->size() > 0) {
      closest_on_frontier(s, *all, r);
      r.reservation_shortfall = shortfall_on_frontier(s, *all);
    } else {
      // The closest package by the optimiser: leximin on the gains with no
      // reservation imposed (the first level is the largest smallest gain).
      optimise::PackageOptions po;
      po.time_limit = deadline.seconds();
      po.contiguity = options.contiguity;
      po.keep_reservations.assign(n, false);
      Result<optimise::PackageResult> closest =
          deadline.expired() ? Result<optimise::PackageResult>(optimise::PackageResult{})
                             : optimise::optimise_package(s, Method::egalitarian, po);
      if (closest && (closest.value().status == optimise::PackageStatus::optimal ||
                      closest.value().status == optimise::PackageStatus::feasible)) {
        r.closest = closest.value().outcome;
        r.closest_utilities = closest.value().utilities;
      }
      r.reservation_shortfall.resize(n);
      for (std::size_t p = 0; p < n; ++p) {
        optimise::PackageOptions po;
        po.time_limit = deadline.seconds();
        po.contiguity = options.contiguity;
        Result<optimise::PackageResult> best = deadline.expired()
                                                   ? Result<optimise::PackageResult>(optimise::PackageResult{})
                                                   : optimise::best_for_party(s, static_cast<int>(p), po);
        if (best && best.value().status == optimise::PackageStatus::optimal) {
          r.reservation_shortfall[p] = s.preferences[p]->reservation - best.value().utilities[p];
        } else if (!best || best.value().status != optimise::PackageStatus::infeasible) {
          settled[p] = false;  // out of time, or a failure: not known
        }
      }
    }
    if (r.closest) explain_closest(s, r);
    explain_shortfall(s, settled, r);
  }
  explain_conflict(r, search.resolves_alone());
}

}  // namespace parley::mediate
