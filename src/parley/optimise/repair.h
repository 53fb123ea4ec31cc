// Internal to the package optimiser: only optimise/*.cpp include this header.
//
// Connected packages without a proof: with the cuts formulation, a starting
// package (the model solved without connectivity, repaired and improved
// locally) that lets the search skip everything worse; and when a time limit
// leaves no connected package, the best of the disconnected ones the search
// met, repaired. Every package made here passes violation() (run.h) before
// it is used.
//
//   Better better = better_by(run, scenario, Method::nash);
//   std::optional<Found> start = starting_package(run, scenario, utilities, better);
//   ...
//   if (auto r = repaired_fallback(run, scenario, utilities, better, {}, "every rule ... holds")) use(*r);
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/model/method.h"
#include "parley/optimise/run.h"

namespace parley::optimise::detail {

// Whether a package with utilities `challenger` is strictly better than one
// with `incumbent` (both meeting every demand the model holds).
using Better = std::function<bool(const std::vector<Rational>& challenger, const std::vector<Rational>& incumbent)>;

// By a method's own score (analysis/bargaining.h: choose keeps the first of
// equals), gains measured from every party's reservation. ks needs its ideal
// point over every feasible individually rational package (`ideal`).
Better better_by(const Scenario& s, Method method, std::vector<Rational> ideal = {});

// Repairs disconnected packages (Model::repair), keeps those meeting every
// demand the model holds, and improves the best by `better` with a local
// search: hand a region to the party holding a neighbour of it while that
// keeps every demand and improves the score, until `until`. *usable: how
// many repaired packages met every demand.
std::optional<Found> best_repaired(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                                   const std::vector<Outcome>& disconnected, const Deadline& until,
                                   std::size_t* usable = nullptr);

// The starting package for the cuts formulation: the model's MIP without
// connectivity (a few seconds at most, within the search's deadline),
// repaired and improved by `better`.
std::optional<Found> starting_package(Run& run, const Scenario& s, const Utilities& u, const Better& better);

// A time limit left no connected package, or an unproved one: repair the
// disconnected ones the search met and pick the best (best_repaired), within
// the call's deadline. Not proved optimal; `feasible` with an unknown gap,
// unless `log_offset` is given (nash: reservations, mnw: zeros), run.log_bound
// is finite and the package gives every party a positive gain over it: then
// the gap of its product. `holds` says in words which demands the package
// meets.
std::optional<PackageResult> repaired_fallback(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                                               const std::optional<std::vector<Rational>>& log_offset,
                                               const std::string& holds);

// sum_p log(U_p - offset_p) over the members (all parties when `members` is
// empty), and the exact product itself when `product` is given. Every
// member's gain must be positive.
double sum_of_log_gains(const std::vector<Rational>& utilities, const std::vector<Rational>& offset,
                        const std::vector<bool>& members = {}, Rational* product = nullptr);

}  // namespace parley::optimise::detail
