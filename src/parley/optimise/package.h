// The package optimiser: the best package under a solution concept, found by
// mixed-integer programming (solve/mip.h, CBC) instead of enumeration, for
// outcome spaces far too large to list (maps of hundreds of regions with a
// contiguity rule, many linked terms).
//
//   PackageOptions options;
//   options.time_limit = 30;                       // the whole call, repairs included
//   Result<PackageResult> r = optimise_package(scenario, Method::nash, options);
//   if (r && r.value().status == PackageStatus::optimal) use(r.value().outcome, r.value().utilities);
//
//   // What beats a proposal: a Pareto improvement on its utilities, or a proof that none exists.
//   Result<PackageResult> better = improvement(scenario, proposal_utilities, options);
//   if (better && better.value().status == PackageStatus::infeasible) say("Pareto optimal");
//
// Acceptable means individually rational (docs/cli.md): U_p >= r_p for every
// party. Every method searches the feasible, individually rational packages,
// under the definitions of analysis/bargaining.h (nash: the most parties
// gaining first, then the product of their gains; ks: a party whose best is
// its reservation counts as ratio 1).
//
// Model (optimise/model.h). One binary per (issue, outcome) for items,
// regions, choices and numbers on their grid; one integer per (share, party)
// counting steps. Each party's utility is a linear expression with integer
// coefficients: U_p * D_p, D_p the party's common denominator
// (analysis/integer_utility.h), so bounds become exact integer rows: U_p >= r_p
// is N_p >= ceil(r_p D_p), U_p > r_p is N_p >= floor(r_p D_p) + 1. Conditions
// become 0/1 expressions (sums of the binaries, or new binaries for all/any
// and share ranges); every rule kind, every red line, the agreed terms and
// individual rationality are rows. Contiguity is a single-commodity flow from
// a root region (the anchor, or a chosen one), or (the default, faster here)
// cut rows x_a + x_b <= 1 + sum of a separator, added until the answer is
// connected (optimise/run.h).
//
// Objectives (optimise/objectives.h). `optimal` is only said on an exact
// argument: the answer's score computed exactly, and a proof that no package
// scores better that does not rest on the solver's tolerances. Linear ones
// (utilitarian, a party's best) are one MIP on an integer objective, settled
// by CBC's stop while its gap is below one unit, otherwise by asking for a
// package one unit better until none exists. The leximin-type methods
// (egalitarian, leximin, ks) are a sequence of MIPs: the k-th smallest score
// is maximised with at most k-1 parties allowed below it, and each level is
// proved exactly by asking for any package whose k-th smallest score is
// strictly larger (an integer row per party) until none exists. nash and mnw
// maximise a sum of logarithms under tangent cuts (an outer approximation,
// its rows raised by their rounding, so the MIP bound is a true bound); cuts
// are added at each incumbent until the incumbent's product meets the bound
// to CBC's tolerance (about 1e-11 in the sum of logarithms). Products that
// close are told apart exactly (nash.cpp): a better product is larger by at
// least the spacing of the products' common denominator, and where that is
// finer than the tolerance, the shares of each package found are settled
// exactly (steps exchanged between parties, the first-order condition, or
// every split tried) and its other terms excluded until no package is left;
// otherwise the answer is `feasible`, with the gap and a note. When not every party can gain, a MIP with
// one binary per party finds how many can, and the product is maximised over
// each set of that many (at most kMaxGainingSets = 70 sets, every set for up
// to 8 parties; beyond that the answer is `feasible` and says so).
//
// Time. PackageOptions::time_limit bounds the whole call: on a map, what the
// repair of disconnected packages may take after the search (optimise/repair.h)
// comes out of the limit, not on top of it. Without a limit nothing gives up
// on its own.
//
// Every answer is re-checked by analysis/constraints.h (code that shares
// nothing with the formulation) and its utilities recomputed and compared
// with every demand in exact arithmetic before it is returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"

namespace parley::optimise {

// How `contiguous` rules are written for the solver.
// Measured on 5x5 grids, two parties (Nash): cuts 1.4 s, flow 74 s; cuts is the default.
enum class Contiguity {
  cuts,  // separator rows added lazily, re-solving until every piece is connected (default)
  flow,  // single-commodity flow from a root region
};
std::string_view contiguity_name(Contiguity c);
std::optional<Contiguity> contiguity_from_name(std::string_view name);

enum class PackageStatus {
  optimal,     // proved
  feasible,    // not proved: a time limit stopped the proof (or, for nash and mnw, more sets of
               // gaining parties than kMaxGainingSets, or products closer than the solver's
               // tolerance that no exact argument settled); `gap` and `note` say how far it got
  infeasible,  // proved: no package meets the demands kept (optimise_package: no feasible
               // individually rational package; improvement: no Pareto improvement)
  time_limit,  // a time limit stopped the search before any package was found
};
std::string_view status_name(PackageStatus s);

struct PackageOptions {
  double time_limit = 0;  // seconds for the whole call; 0 means none
  Contiguity contiguity = Contiguity::cuts;
  // Which demands are kept; empty means all. Used to search for a minimal
  // conflicting set (rules by index; red lines per party by index).
  std::vector<bool> keep_rules;
  std::vector<std::vector<bool>> keep_red_lines;
  // Per party: require U_p >= r_p (individually rational); empty means
  // every party. A dropped reservation is only not imposed: optimise_package
  // still measures gains from r_p.
  std::vector<bool> keep_reservations;
  bool log = false;  // the solver's log on stderr
};

struct PackageResult {
  PackageStatus status = PackageStatus::time_limit;
  Outcome outcome;                  // optimal and feasible
  std::vector<Rational> utilities;  // optimal and feasible
  double gap = 0;                   // feasible: relative gap of the last MIP; NaN when unknown
  long long nodes = 0;              // branch-and-bound nodes over every MIP solved
  int mips = 0;                     // MIPs solved
  int fractional_cuts = 0;          // cuts formulation: separator rows added at fractional LP points
  double seconds = 0;
  std::string formulation;          // e.g. "flow", "cuts (12 lazy rows, 40 fractional cuts)"
  std::string note;                 // what was left unproved, and why (feasible, time_limit)
  std::vector<Rational> ideal;      // ks: each party's best over the feasible individually rational packages
};

// The best package under `method` (docs/cli.md definitions, over the
// feasible individually rational packages; `infeasible` when there is none).
// Fails (invalid input) when a party lacks preferences, or (unsupported) when
// a number issue's grid has more than 100,000 points or the utilities' common
// denominators do not fit in 53 bits.
Result<PackageResult> optimise_package(const Scenario& s, Method method, const PackageOptions& options);

// The largest utility `party` can get in a package that meets the demands kept,
// with every other kept party at or above its reservation (`party`'s own
// reservation is not imposed). Used to say how far a party's reservation must
// come down for a deal to exist.
Result<PackageResult> best_for_party(const Scenario& s, int party, const PackageOptions& options);

// Any package meeting the demands kept, reservations as U_p >= r_p (objective: none).
Result<PackageResult> find_package(const Scenario& s, const PackageOptions& options);

// A Pareto improvement on `baseline` (one utility per party, usually a
// proposal's): a feasible package (kept rules, red lines and agreed terms;
// reservations are not imposed) giving every party at least its baseline and
// some party strictly more, maximising the smallest gain U_p - baseline_p,
// ties broken by the largest sum of gains. Exact rows: N_p >= ceil(b_p D_p),
// and a binary z_p per party with N_p >= (floor(b_p D_p) + 1) z_p, sum z >= 1.
// `infeasible` means it is proved that no Pareto improvement exists (the
// baseline is Pareto optimal, when it is a feasible package's); `optimal`
// carries the package; `feasible` and `time_limit` as for optimise_package.
// Fails (invalid input) when baseline has the wrong size.
//
// With `limit`, only packages that change at most limit->most issues of
// limit->from (a share changes when any party's fraction does) are searched:
// the improvement nearest a proposal is the one found at the smallest most.
struct ChangeLimit {
  Outcome from;
  int most = 0;
};
Result<PackageResult> improvement(const Scenario& s, const std::vector<Rational>& baseline,
                                  const PackageOptions& options, const ChangeLimit* limit = nullptr);

// The exact Pareto frontier of the feasible individually rational packages
// (U_p >= r_p), for two parties, by MIP (the epsilon-constraint method: the
// most a can get with b above the last point, then the most b can get with a
// at that; two MIPs a point), in decreasing order of a's utility. For spaces
// too large for frontier/frontier.h. `complete` is false when the time limit
// or `max_points` stopped it (the points found are exact frontier points).
struct MipFrontier {
  bool complete = true;
  std::vector<Outcome> outcomes;
  std::vector<std::vector<Rational>> utilities;
  std::string note;
  int mips = 0;
  double seconds = 0;
};
Result<MipFrontier> mip_frontier(const Scenario& s, const PackageOptions& options, std::size_t max_points);

}  // namespace parley::optimise
