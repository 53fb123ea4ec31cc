#include "parley/optimise/repair.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/utility.h"

namespace parley::optimise::detail {

Better better_by(const Scenario& s, Method method, std::vector<Rational> ideal) {
  return [reservations = reservations_of(s), method, ideal](const std::vector<Rational>& challenger,
                                                              const std::vector<Rational>& incumbent) {
    return choose({incumbent, challenger}, reservations, method, ideal) == std::size_t{1};
  };
}

std::optional<Found> best_repaired(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                                   const std::vector<Outcome>& disconnected, const Deadline& until,
                                   std::size_t* usable) {
  std::vector<Found> candidates;
  for (const Outcome& o : disconnected) {
    if (until.expired()) break;
    std::optional<Outcome> fixed = run.model().repair(o);
    if (!fixed) continue;
    Found f{*fixed, u.utilities(*fixed)};
    if (violation(s, run, f)) continue;
    candidates.push_back(std::move(f));
  }
  if (usable) *usable = candidates.size();
  if (candidates.empty()) return std::nullopt;
  Found current = candidates.front();
  for (const Found& f : candidates) {
    if (better(f.utilities, current.utilities)) current = f;
  }
  for (bool improved = true; improved && !until.expired();) {
    improved = false;
    for (std::size_t r = 0; r < s.issues.size() && !until.expired(); ++r) {
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
        if (violation(s, run, trial)) continue;
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

double sum_of_log_gains(const std::vector<Rational>& utilities, const std::vector<Rational>& offset,
                        const std::vector<bool>& members, Rational* product) {
  double sum = 0;
  Rational prod = 1;
  for (std::size_t p = 0; p < utilities.size(); ++p) {
    if (!members.empty() && !members[p]) continue;
    prod *= utilities[p] - offset[p];
    sum += std::log(to_d(utilities[p] - offset[p]));
  }
  if (product) *product = prod;
  return sum;
}

std::optional<Found> starting_package(Run& run, const Scenario& s, const Utilities& u, const Better& better) {
  // A few seconds at most: a fifth of what the search has left, up to 5.
  const Deadline& search = run.search_deadline();
  const double budget = search.limited() ? std::min(5.0, 0.2 * search.remaining()) : 5.0;
  MipSolution quick = run.solve(false, budget);
  if (!has_solution(quick)) return std::nullopt;
  return best_repaired(run, s, u, better, {run.model().decode(quick.values)}, search.within(budget));
}

std::optional<PackageResult> repaired_fallback(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                                               const std::optional<std::vector<Rational>>& log_offset,
                                               const std::string& holds) {
  std::size_t usable = 0;
  std::optional<Found> current = best_repaired(run, s, u, better, run.disconnected(), run.call_deadline(), &usable);
  if (!current) return std::nullopt;
  PackageResult r = with_package(PackageStatus::feasible, *current, kUnknownGap);
  if (log_offset && std::isfinite(run.log_bound)) {
    bool positive = true;
    for (std::size_t p = 0; p < r.utilities.size(); ++p) positive = positive && r.utilities[p] > (*log_offset)[p];
    // The bound is over packages giving every party a positive gain; such a
    // package, when there is one, beats every other.
    if (positive) r.gap = std::max(0.0, std::expm1(run.log_bound - sum_of_log_gains(r.utilities, *log_offset)));
  }
  r.note = fmt::format(
      "the time limit stopped the search; this package was made by repairing the best of {} disconnected "
      "packages it met and improving it region by region ({}); {}",
      usable, holds,
      std::isnan(r.gap) ? std::string("how far it is from the optimum is not known")
                        : fmt::format("no package's product is larger by more than {:.1f}%", 100 * r.gap));
  return r;
}

}  // namespace parley::optimise::detail
