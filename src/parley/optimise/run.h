// Internal to the package optimiser: only optimise/*.cpp include this header.
//
// One call of the optimiser: the model, the call's time budget, the solve
// loop (with the cuts formulation's contiguity rows, lazily), the counters;
// and the independent re-check every package goes through before anything
// uses it.
//
//   Run run(scenario, integer_utilities, options, started);
//   MipSolution sol = run.solve();                  // connected packages only
//   if (has_solution(sol)) Found f = check_found(scenario, utilities, run, sol.values);
//   return run.finish(with_package(PackageStatus::optimal, f));
#pragma once

#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "parley/analysis/utility.h"
#include "parley/core/deadline.h"
#include "parley/optimise/model.h"

namespace parley::optimise::detail {

using Clock = std::chrono::steady_clock;

class Run {
 public:
  // `started`: when the call began; PackageOptions::time_limit counts from there.
  Run(const Scenario& s, const IntegerUtilities& iu, const PackageOptions& o, Clock::time_point started);

  Model& model() { return model_; }
  const Model& model() const { return model_; }
  const Kept& kept() const { return kept_; }
  bool cuts() const { return options_.contiguity == Contiguity::cuts; }
  // nash and mnw: a proven upper bound on the sum of the logarithms of every
  // party's gain (or utility) over the packages giving each a positive one;
  // infinite if none is known.
  double log_bound = std::numeric_limits<double>::infinity();

  // The whole call's deadline, and the search's: the call's less what the
  // repaired fallback keeps for itself (only with a contiguity rule, the
  // only case that has one; see the constructor).
  const Deadline& call_deadline() const { return call_; }
  const Deadline& search_deadline() const { return search_; }
  // Seconds the next solve may take (0: no limit), and whether the search's time is up.
  double remaining() const { return search_.seconds(); }
  bool out_of_time() const { return search_.expired(); }

  // Solves the model as it stands; with the cuts formulation, adds separator
  // rows and solves again until the answer is connected.
  // connected=false: one solve that ignores the cuts formulation's
  // connectivity (a quick relaxation for a starting package), at most
  // `seconds` long.
  MipSolution solve(bool connected = true, double seconds = 0);

  // Packages the search met whose regions fell apart (the last few): when a
  // time limit leaves no connected package, repair() turns them into ones.
  const std::vector<Outcome>& disconnected() const { return disconnected_; }

  // r with the counters, the formulation and the call's seconds.
  PackageResult finish(PackageResult r) const;

 private:
  Kept kept_;
  Model model_;
  PackageOptions options_;
  Clock::time_point started_;
  Deadline call_, search_;
  long long nodes_ = 0;
  int mips_ = 0;
  int cut_rows_ = 0;
  int cut_rounds_ = 0;
  int lazy_rows_ = 0;
  int fractional_rows_ = 0;
  std::vector<Outcome> disconnected_;

  void remember_disconnected(Outcome o);
};

// A found package, re-checked: exact utilities and every kept demand.
struct Found {
  Outcome outcome;
  std::vector<Rational> utilities;
};

// What is wrong with a package, by the independent checker
// (analysis/constraints.h for the kept rules, red lines and agreed terms;
// Model::unmet for the demands on utilities, in exact arithmetic); nullopt: nothing.
std::optional<std::string> violation(const Scenario& s, const Run& run, const Found& f);

// The package at the solver's point x, re-checked; throws std::logic_error
// (an internal error) when it breaks a demand the model holds.
Found check_found(const Scenario& s, const Utilities& u, const Run& run, const std::vector<double>& x);

inline constexpr double kUnknownGap = std::numeric_limits<double>::quiet_NaN();

// A result carrying a package.
PackageResult with_package(PackageStatus status, const Found& f, double gap = 0, std::string note = {});
// A result without one: infeasible when the solver proved it, time_limit otherwise.
PackageResult from_status(MipStatus st);
bool has_solution(const MipSolution& s);

}  // namespace parley::optimise::detail
