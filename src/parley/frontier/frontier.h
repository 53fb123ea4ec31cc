// The exact Pareto frontier of a scenario's feasible, individually rational outcomes.
//
//   Result<Frontier> f = pareto_frontier(scenario, {.time_limit = 10}, "file.json");
//   if (f && f.value().status() == FrontierStatus::complete)
//     for (std::size_t k = 0; k < f.value().size(); ++k)
//       print(f.value().utilities(k), f.value().outcome(k));
//
// Definitions (docs/cli.md): feasible means agreed terms held fixed and every
// rule and red line satisfied; individually rational means every party at or
// above its reservation. One representative outcome per distinct utility
// vector; points in decreasing lexicographic order of (U_1, U_2, ...).
//
// Method. Issues are split into independent groups: two issues are in one
// group when a rule or a red line mentions both. Utilities are additive over
// groups, so a package of groups 1..k that is dominated by another package of
// the same groups can never complete to a frontier point: the frontier of the
// whole is built group by group, keeping only the frontier of the partial
// packages (2 parties: a sorted sweep; 3: a staircase; 4-5: block-nested
// loops over sorted candidates). Partial packages that cannot reach some
// party's reservation even with the best of the remaining groups are dropped.
// Inside a group linked by rules, the group's own outcomes are enumerated with
// each constraint checked as soon as its issues are set. Everything is exact:
// utilities are integers over a per-party common denominator, held in a few
// 64-bit limbs (wide.h).
//
// A group too large to enumerate gives status too_large: that is where the
// MIP-based package optimiser plugs in (it will produce the group's, or the
// whole space's, frontier by other means). So does a frontier that would need
// more memory than FrontierOptions::memory_limit: every byte the search holds
// for its points is charged as it is allocated (budget.h), and the partial
// frontiers' back-pointers are kept compactly (trail.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parley/core/common_denominator.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/frontier/budget.h"
#include "parley/frontier/trail.h"
#include "parley/model/scenario.h"

namespace parley::pareto {

struct FrontierOptions {
  double time_limit = 0;                   // seconds; 0 means none
  bool individually_rational = true;       // false: the frontier of all feasible outcomes
  double enumeration_limit = 2e7;          // outcomes enumerated per group of linked issues
  // false: treat all issues as one group, i.e. plain enumeration of the whole
  // space in the same exact arithmetic (the benchmarks' baseline, and a
  // cross-check in the tests).
  bool decompose = true;
  // Largest frontier (of the whole or of any partial package) kept before
  // giving up with too_large; 0 means automatic: 2,000,000 points for 2 and 3
  // parties, 50,000 for 4 and 5, whose dominance filter costs the square of
  // the frontier. With 4 parties and a finely divisible share, almost every
  // split is efficient and the frontier has millions of points.
  std::size_t max_points = 0;
  // The most bytes the frontier may hold while it is built and after: the
  // partial frontiers, their trail, the groups' options and the tables of
  // values. 0 means kDefaultMemoryLimit. Passing it stops the search with
  // too_large, and note() says how far it got.
  std::size_t memory_limit = 0;
  // false: the trail keeps an 8-byte step per point and level, the former
  // layout (the benchmark's baseline for the compact one, trail.h).
  bool compact = true;
  // false: two parties merge like more (every candidate through the heap),
  // without jumping past the candidates that would be dropped (the
  // benchmark's baseline for the jumps, and a cross-check in the tests).
  bool jump = true;
  // false: every contribution w_pi * v_pi is formed as a rational and scaled
  // to D_p one by one (GMP for Genius's 17-digit weights), the former way;
  // true: through scale_products (core/common_denominator.h), a per-issue
  // factor times a 64-bit multiplier, where the weights and values allow it.
  // The same tables either way (the benchmark's baseline, and a cross-check).
  bool integer_tables = true;
};

// A fixed 2 GiB rather than a share of the machine's memory: the same file
// then gets the same answer on every machine (the tests and acceptance checks
// rely on that), and the machine's memory says nothing about what else runs
// beside the search (a server answering several requests). It is about ten
// times what the issue's 20,000 independent items need with the compact trail (210
// MiB at most, for a search of several minutes), where the former layout
// needed 50 GB.
inline constexpr std::size_t kDefaultMemoryLimit = std::size_t{2} << 30;

enum class FrontierStatus {
  complete,    // the exact frontier
  time_limit,  // stopped; size() is 0 and note() says how far it got
  too_large,   // a group of linked issues is too large to enumerate, or the frontier
               // itself exceeds FrontierOptions::max_points or memory_limit;
               // size() is 0 and note() says which, and how far it got
};

class Frontier {
 public:
  Frontier() = default;  // empty and complete, without a memory limit
  FrontierStatus status() const { return status_; }
  const std::string& note() const { return note_; }
  std::size_t size() const { return parties_ == 0 ? 0 : numerators_.size() / (parties_ * limbs_); }
  int parties() const { return static_cast<int>(parties_); }

  Rational utility(std::size_t point, int party) const;
  std::vector<Rational> utilities(std::size_t point) const;
  double approximate(std::size_t point, int party) const;
  Outcome outcome(std::size_t point) const;

  // The largest utility any feasible (and, if asked, individually rational)
  // outcome gives each party: the frontier's ideal point. Empty frontier: empty.
  std::vector<Rational> ideal() const;

  // Statistics, for explanations and benchmarks.
  std::size_t groups() const { return groups_.size(); }
  std::size_t largest_group() const;   // issues in the largest group
  std::size_t peak_partial() const { return peak_partial_; }
  int limbs() const { return static_cast<int>(limbs_); }
  // Groups combined into the partial frontier (all of them when complete).
  std::size_t combined() const { return combined_; }
  // Memory, as charged against FrontierOptions::memory_limit: the most held
  // at any moment of the search (never above the limit); the bytes the trail
  // took for the points of every partial frontier (also of a stopped search).
  std::size_t memory_limit() const { return budget_->limit(); }
  std::size_t peak_bytes() const { return budget_->peak(); }
  std::size_t trail_bytes() const { return trail_.bytes(); }
  std::size_t trail_points() const { return trail_.points(); }

  // Implementation detail (frontier.cpp builds it).
  struct Group {
    std::vector<int> issues;                         // members
    std::vector<std::vector<IssueValue>> domains;    // per member
    Budgeted<std::uint32_t> choice;                  // options x members: index into domains
  };

 private:
  friend struct Builder;
  friend Result<Frontier> pareto_frontier(const Scenario&, const FrontierOptions&, const std::string&);
  explicit Frontier(std::size_t memory_limit) : budget_(std::make_shared<Budget>(memory_limit)) {}
  void release();  // drops the points, after a stop
  // First: every container below charges it (and shares its ownership).
  std::shared_ptr<Budget> budget_ = std::make_shared<Budget>(~std::size_t{0});
  FrontierStatus status_ = FrontierStatus::complete;
  std::string note_;
  std::size_t parties_ = 0;
  std::size_t limbs_ = 1;
  Budgeted<std::uint64_t> numerators_{BudgetAllocator<std::uint64_t>(budget_)};  // [point][party][limb]: U_p * D_p
  std::vector<WideCommonDenominator> denominators_;  // D_p
  Budgeted<Group> groups_{BudgetAllocator<Group>(budget_)};
  Trail trail_{BudgetAllocator<std::uint64_t>(budget_)};  // level g: the partial frontier after group g
  Outcome base_;
  std::size_t peak_partial_ = 0;
  std::size_t combined_ = 0;
};

// Fails (invalid input) when a party lacks preferences, and (unsupported) for
// fewer than 2 or more than 5 parties.
Result<Frontier> pareto_frontier(const Scenario& s, const FrontierOptions& options, const std::string& source);

}  // namespace parley::pareto
