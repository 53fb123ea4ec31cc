// frontier(): the exact Pareto frontier of the feasible, acceptable packages,
// by enumeration (frontier/) or, for two parties where the space is too
// large, walked point by point by the package optimiser; then verified.
#include <algorithm>
#include <chrono>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/utility.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/verify.h"

namespace parley {

std::string_view status_name(FrontierStatus s) {
  switch (s) {
    case FrontierStatus::complete: return "complete";
    case FrontierStatus::incomplete: return "incomplete";
    case FrontierStatus::time_limit: return "time_limit";
  }
  return "";
}

// The most issue values the response holds in outcomes: about 75 MB, and
// 250 MB once written as JSON (measured: 4 million took 1 GB). A frontier of
// 600,000 points over 20,000 items would otherwise ask for 12 billion.
// Outcomes are then given for the first points only, as many as fit; every
// point's utilities are given all the same.
constexpr std::size_t kOutcomeValues = std::size_t{1} << 20;

static Result<FrontierResponse> frontier_unguarded(const Scenario& s, const FrontierRequest& request) {
  using Clock = std::chrono::steady_clock;
  const auto start = request.started.value_or(Clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (auto missing = missing_preferences(s, "frontier"); !missing.empty()) return Failure{"", std::move(missing)};
  FrontierResponse r;
  r.engine = "frontier";
  const std::size_t fitting = std::max<std::size_t>(1, kOutcomeValues / std::max<std::size_t>(1, s.issues.size()));
  pareto::FrontierOptions fo;
  fo.time_limit = deadline.keep(0.1).seconds();
  Result<pareto::Frontier> computed = pareto::pareto_frontier(s, fo, "");
  if (!computed) return computed.failure();
  const pareto::Frontier& f = computed.value();

  std::vector<std::vector<Rational>> utilities;
  std::vector<Outcome> walked;  // the MIP walk's outcomes
  if (f.status() == pareto::FrontierStatus::too_large) {
    if (s.parties.size() != 2) {
      return Failure{"",
                     {Diagnostic{"", "the exact frontier cannot handle this scenario: " + f.note() +
                                         " (with two parties the package optimiser would walk it)"}},
                     FailureKind::unsupported};
    }
    optimise::PackageOptions po;
    po.time_limit = deadline.keep(0.1).seconds();
    Result<optimise::MipFrontier> walk = optimise::mip_frontier(s, po, std::min<std::size_t>(100'000, fitting));
    if (!walk) return walk.failure();
    r.engine = "package optimiser";
    r.mips = walk.value().mips;
    r.note = walk.value().note;
    utilities = walk.value().utilities;
    walked = walk.value().outcomes;
    if (!walk.value().complete) r.status = utilities.empty() ? FrontierStatus::time_limit : FrontierStatus::incomplete;
  } else if (f.status() == pareto::FrontierStatus::time_limit) {
    r.status = FrontierStatus::time_limit;
    r.note = f.note();
  } else {
    for (std::size_t k = 0; k < f.size(); ++k) utilities.push_back(f.utilities(k));
  }
  if (r.status != FrontierStatus::time_limit) {
    // The solutions are chosen only on the whole frontier: on part of it the
    // best point found is not the solution (nor is KS's ideal point known).
    if (r.status == FrontierStatus::complete) {
      const std::vector<Rational> reservations = reservations_of(s);
      r.nash = choose(utilities, reservations, Method::nash);
      r.ks = choose(utilities, reservations, Method::ks);
      r.egalitarian = choose(utilities, reservations, Method::egalitarian);
    }
    const std::size_t wanted = request.outcomes == 0 ? utilities.size() : std::min(request.outcomes, utilities.size());
    r.with_outcomes = std::min(wanted, fitting);
    if (r.with_outcomes < wanted && r.note.empty()) {
      r.note = "outcomes are given for the first " + std::to_string(r.with_outcomes) + " of " +
               std::to_string(utilities.size()) + " points only: more would not fit in memory with " +
               std::to_string(s.issues.size()) + " issues";
    }
    for (std::size_t k = 0; k < utilities.size(); ++k) {
      FrontierPoint point{utilities[k], std::nullopt};
      const bool marked = r.nash == k || r.ks == k || r.egalitarian == k;
      if (k < r.with_outcomes || marked) point.outcome = walked.empty() ? f.outcome(k) : walked[k];
      r.points.push_back(std::move(point));
    }
  }
  if (const std::optional<Outcome> status_quo = s.status_quo_outcome()) r.status_quo = Utilities(s).utilities(*status_quo);
  Verification v = verify_frontier(s, r);
  if (!v.ok) return mediate::verification_failed("the frontier", v.failure);
  r.verified = std::move(v.checks);
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

Result<FrontierResponse> frontier(const Scenario& s, const FrontierRequest& request) {
  return mediate::guarded<FrontierResponse>([&] { return frontier_unguarded(s, request); });
}

}  // namespace parley
