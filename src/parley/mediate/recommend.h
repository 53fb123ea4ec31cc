// `parley solve` for the bargaining methods: the recommended package, exact,
// with an explanation a mediator can repeat, or the reason there is none.
//
//   Result<Recommendation> r = recommend(scenario, Method::nash, {}, "ceasefire.json");
//   if (r && r.value().status == RecommendationStatus::optimal)
//     for (const std::string& sentence : r.value().explanation) std::cout << sentence << '\n';
//
// The answer is chosen on the exact frontier (frontier.h), so it is optimal
// over every feasible outcome, not over a sample. Where the frontier is too
// large to enumerate (a map of hundreds of regions under a contiguity rule),
// the package optimiser (optimise/package.h) finds it by MIP instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/analysis/bargaining.h"
#include "parley/frontier/frontier.h"
#include "parley/model/scenario.h"
#include "parley/optimise/package.h"

namespace parley::mediate {

enum class RecommendationStatus { optimal, feasible, infeasible, no_agreement_zone, time_limit };
std::string_view status_name(RecommendationStatus s);

struct ConflictElement {
  enum class Kind { red_line, rule, reservation };
  Kind kind = Kind::rule;
  int party = -1;  // red_line, reservation
  int index = -1;  // red_line (within the party), rule
  std::string pointer;
  std::string description;  // in words
};
std::string_view conflict_kind_name(ConflictElement::Kind k);

struct Recommendation {
  RecommendationStatus status = RecommendationStatus::optimal;
  Method method = Method::nash;
  Outcome outcome;                  // optimal only
  std::vector<Rational> utilities;  // optimal only
  std::size_t frontier_size = 0;    // efficient, individually rational packages
  // no_agreement_zone / infeasible: a minimal set of demands that cannot hold
  // together (dropping any one makes a package possible).
  std::vector<ConflictElement> conflict;
  bool conflict_minimal = true;     // false: some check timed out; the set conflicts but may not be minimal
  // no_agreement_zone: the feasible package that comes closest (largest
  // smallest gain, which is negative), with its utilities.
  std::optional<Outcome> closest;
  std::vector<Rational> closest_utilities;
  // no_agreement_zone: for each party, how far its reservation would have to
  // come down (strictly more than this) for a deal to exist with the others'
  // reservations as they are; nullopt when lowering it alone is not enough.
  std::vector<std::optional<Rational>> reservation_shortfall;
  std::vector<std::string> explanation;
  std::string note;                 // time_limit / feasible: what is known
  double gap = 0;                   // feasible: the proven relative gap; NaN when unknown
  // "frontier" (chosen on the exact enumerated frontier) or "package optimiser
  // (flow)" and the like (the MIP, for spaces too large to enumerate).
  std::string engine = "frontier";
};

struct RecommendOptions {
  double time_limit = 0;
  optimise::Contiguity contiguity = optimise::Contiguity::cuts;
  bool force_optimiser = false;  // use the package optimiser even where the frontier could be enumerated
};

Result<Recommendation> recommend(const Scenario& s, Method method, const RecommendOptions& options,
                                 const std::string& source);

// "r3: b -> a; transit_revenue: a 0.40, b 0.60 -> a 0.45, b 0.55": what changes between two outcomes.
std::string describe_changes(const Scenario& s, const Outcome& from, const Outcome& to);

}  // namespace parley::mediate
