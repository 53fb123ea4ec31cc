// What beats an evaluated outcome (docs/cli.md, "What beats this"): whether
// it is Pareto optimal, the improvement with the largest smallest gain, and
// the one changing the fewest issues. Both come from the package optimiser's
// improvement search (optimise/package.h), the second with a limit on the
// issues changed raised one at a time, so the first limit that lets one
// through is the fewest. A verdict that no improvement exists is re-proved
// by check_pareto (mediate/verify.h) with another engine where it can; every
// package reported is re-checked by verify_improvements before it is said.
#include <algorithm>
#include <string>
#include <vector>

#include "parley/analysis/constraints.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/improve.h"
#include "parley/mediate/verify.h"
#include "parley/optimise/package.h"

namespace parley::mediate {

namespace {

std::vector<int> changed_issues(const Outcome& from, const Outcome& to) {
  std::vector<int> out;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (!(from[i] == to[i])) out.push_back(static_cast<int>(i));
  }
  return out;
}

OutcomeImprovement make_improvement(const Outcome& from, const std::vector<Rational>& base, Outcome outcome,
                                    std::vector<Rational> utilities, bool proved) {
  OutcomeImprovement imp;
  imp.changes = changed_issues(from, outcome);
  imp.outcome = std::move(outcome);
  for (std::size_t p = 0; p < base.size(); ++p) imp.gains.push_back(utilities[p] - base[p]);
  imp.utilities = std::move(utilities);
  imp.proved = proved;
  return imp;
}

bool found(const optimise::PackageResult& r) {
  return r.status == optimise::PackageStatus::optimal || r.status == optimise::PackageStatus::feasible;
}

// "is held jointly", "goes to Party A", "is neutral", "is 30 days", "is split a 2/5, b 3/5".
std::string value_phrase(const Scenario& s, int issue, const IssueValue& v) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  if (is.is_holding()) {
    if (v.holder == kJoint) return "is held jointly";
    if (v.holder == kNeutral) return "is neutral";
    return "goes to " + party_name(s, static_cast<std::size_t>(v.holder));
  }
  if (is.kind == IssueKind::share) return "is split " + describe_value(s, issue, v);
  return "is " + describe_value(s, issue, v);
}

// "Both parties gain if plant is held jointly instead of neutral: a +0.0300, b +0.0100."
std::string improvement_sentence(const Scenario& s, const Outcome& from, const OutcomeImprovement& imp) {
  const std::size_t n = s.parties.size();
  std::vector<std::string> gainers, gains;
  for (std::size_t p = 0; p < n; ++p) {
    if (imp.gains[p].sign() > 0) gainers.push_back(party_name(s, p));
    gains.push_back(party_name(s, p) + " " + signed_num(imp.gains[p]));
  }
  std::string who;
  if (gainers.size() == n) {
    who = n == 1 ? gainers[0] + " gains" : n == 2 ? "Both parties gain" : "All " + std::to_string(n) + " parties gain";
  } else {
    who = joined(gainers) + (gainers.size() == 1 ? " gains" : " gain") + " and no party loses";
  }
  std::vector<std::string> changes;
  for (int i : imp.changes) {
    const auto k = static_cast<std::size_t>(i);
    const bool party_held = s.issues[k].is_holding() && from[k].holder >= 0;
    changes.push_back(s.issue_name(i) + " " + value_phrase(s, i, imp.outcome[k]) + " instead of " +
                      (party_held ? party_name(s, static_cast<std::size_t>(from[k].holder)) : describe_value(s, i, from[k])));
  }
  std::string listed;
  for (const std::string& g : gains) listed += (listed.empty() ? "" : ", ") + g;
  return who + " if " + joined(changes) + ": " + listed + ".";
}

}  // namespace

Result<bool> find_improvements(const Scenario& s, const Outcome& o, const Deadline& deadline, EvaluateResponse& r) {
  const std::vector<Rational>& base = r.evaluation.utilities;
  const bool feasible = r.evaluation.feasible;
  std::vector<std::string> unsettled;
  optimise::PackageOptions po;
  po.time_limit = deadline.seconds();
  Result<optimise::PackageResult> best = optimise::improvement(s, base, po);
  // none: proved that no feasible package beats the outcome.
  bool none = false;
  if (!best) {
    unsettled.push_back("the package optimiser cannot take this scenario (" + best.errors().front().message + ")");
  } else if (best.value().status == optimise::PackageStatus::infeasible) {
    none = true;
  } else if (found(best.value())) {
    const bool proved = best.value().status == optimise::PackageStatus::optimal;
    r.improvement = make_improvement(o, base, best.value().outcome, best.value().utilities, proved);
    if (!proved) unsettled.push_back("that it is the improvement with the largest smallest gain is not proved: " + best.value().note);
  } else {
    unsettled.push_back(best.value().note.empty() ? "the search for an improvement ran out of time" : best.value().note);
  }

  if (feasible && !r.improvement) {
    // No improvement found: another engine decides (or confirms) that none exists.
    const ParetoCheck pc = check_pareto(s, o, base, "package optimiser", deadline);
    if (pc.verdict == ParetoCheck::Verdict::dominated) {
      if (none) {
        return verification_failed("the evaluation", "the package optimiser proved that nothing beats the outcome, but " +
                                                         pc.how + ": " + describe_changes(s, o, *pc.better));
      }
      r.improvement = make_improvement(o, base, *pc.better, pc.better_utilities, false);
      unsettled.push_back("the improvement shown was " + pc.how + ", and is not proved the best");
    } else if (pc.verdict == ParetoCheck::Verdict::optimal) {
      none = true;
      r.verified.push_back(pc.how);
    } else if (none) {
      r.verified.push_back("that no package beats the outcome was proved by the package optimiser alone (" + pc.how + ")");
    }
  }
  if (r.improvement) {
    r.pareto_optimal = false;
  } else if (none) {
    r.pareto_optimal = feasible;
  } else {
    r.pareto_optimal = feasible ? std::nullopt : std::optional<bool>(false);
  }

  // The closest: the fewest changes that let an improvement through.
  if (r.improvement) {
    const int most = static_cast<int>(r.improvement->changes.size());
    bool proved = r.improvement->proved;
    for (int k = 1; k < most; ++k) {
      po.time_limit = deadline.seconds();
      const optimise::ChangeLimit limit{o, k};
      Result<optimise::PackageResult> near = optimise::improvement(s, base, po, &limit);
      if (near && near.value().status == optimise::PackageStatus::infeasible) continue;
      if (near && found(near.value()) && changed_issues(o, near.value().outcome).size() <= static_cast<std::size_t>(k)) {
        const bool exact = proved && near.value().status == optimise::PackageStatus::optimal;
        r.closest_improvement = make_improvement(o, base, near.value().outcome, near.value().utilities, exact);
        if (!exact) unsettled.push_back("that the closest improvement changes the fewest issues, and gains most among those, is not proved");
      } else {
        r.closest_improvement = r.improvement;
        r.closest_improvement->proved = false;
        unsettled.push_back("whether an improvement changing " + std::to_string(k) + " issue" + (k == 1 ? "" : "s") +
                            " exists was not settled" +
                            (near ? (near.value().note.empty() ? "" : " (" + near.value().note + ")")
                                  : " (" + near.errors().front().message + ")"));
      }
      break;
    }
    if (!r.closest_improvement) {
      // No fewer changes do: the improvement itself is the closest (among
      // packages changing as many issues, it has the largest smallest gain).
      r.closest_improvement = r.improvement;
      r.closest_improvement->proved = proved;
    }
  }

  // In words.
  if (!feasible) {
    std::size_t failing = 0;
    for (const ConstraintCheck& c : r.evaluation.constraints) failing += c.holds ? 0 : 1;
    r.explanation.push_back(
        "This outcome breaks " + std::to_string(failing) + " of the agreed terms, rules and red lines, so this outcome is not " +
        "a feasible package and not Pareto optimal; what beats this outcome is a feasible package that every party likes at " +
        "least as much, and one of them more." +
        (r.improvement ? "" : none ? " No feasible package does." : ""));
  } else if (r.pareto_optimal == true) {
    r.explanation.push_back("Pareto optimal: no feasible package is at least as good for every party and better for one.");
  }
  if (r.improvement) {
    r.explanation.push_back(improvement_sentence(s, o, *r.improvement));
    const std::size_t c = r.closest_improvement->changes.size();
    if (r.closest_improvement->outcome == r.improvement->outcome) {
      r.explanation.push_back(std::string("No improvement changes fewer issues") +
                              (r.closest_improvement->proved ? "" : " that was found") + " than this one (" +
                              std::to_string(c) + ").");
    } else {
      r.explanation.push_back("Changing the fewest issues (" + std::to_string(c) + "): " +
                              improvement_sentence(s, o, *r.closest_improvement));
    }
  }
  if (!unsettled.empty()) {
    std::string note;
    for (const std::string& u : unsettled) note += (note.empty() ? "" : "; ") + u;
    r.improvement_note = note;
    r.explanation.push_back(r.pareto_optimal ? "Not settled: " + note + "."
                                             : "Whether any package beats this outcome for every party is not settled: " +
                                                   note + ".");
  }
  return true;
}

}  // namespace parley::mediate
