// Maximum Nash welfare on a goods instance, certified optimal.
//
//   MnwResult r = max_nash_welfare(instance, {.time_limit = 10});
//   if (r.status == MnwStatus::optimal) use(r.allocation);
//
// Objective (docs/cli.md, `mnw`): first maximise the number of parties with
// positive utility, then the product of their utilities (U_p including base[p]).
#pragma once

#include <optional>
#include <vector>

#include "parley/core/rational.h"
#include "parley/fairdiv/goods.h"

namespace parley::fairdiv {

enum class MnwStatus { optimal, feasible, time_limit };

struct MnwOptions {
  double time_limit = 0;  // seconds; 0 means none
  // Parties whose valuations are proportional (base and values one multiple
  // of the other) are interchangeable; when every party is, MNW is balanced
  // number partitioning and a dedicated search solves it (mnw_partition.cpp).
  // false: the general search only, kept as the benchmarks' baseline.
  bool interchangeable = true;
};

struct MnwResult {
  MnwStatus status = MnwStatus::time_limit;
  Allocation allocation;        // empty when status == time_limit
  int positive = 0;             // parties with positive utility
  std::vector<int> positive_parties;
  // When status == feasible: proven upper bound on the product over the
  // incumbent's product, minus 1 (0 means proven optimal).
  std::optional<double> gap;
  long long nodes = 0;          // search effort, for benchmarks
};

// One largest set of parties that can have positive utility together: the
// first MNW criterion is its size. Precondition (as extract_goods() gives):
// base[p] >= 0 and values >= 0, so p is positive exactly when base[p] > 0 or p
// holds a unit of a good it values. The set is not unique; the MNW optimum
// may need another set of the same size (max_nash_welfare_mip handles that).
struct PositiveSet {
  std::vector<int> parties;  // ascending
  // [p]: a good of which p receives one unit in an allocation making all of
  // `parties` positive; -1 when base[p] > 0 (positive whatever it holds) or p
  // is not in the set. A good g serves at most goods[g].units parties.
  std::vector<int> good;
};
PositiveSet max_positive_parties(const GoodsInstance& instance);

// The fast exact method.
MnwResult max_nash_welfare(const GoodsInstance& instance, const MnwOptions& options = {});

// Every party interchangeable (see MnwOptions::interchangeable): the exact
// partition search of mnw_partition.cpp. nullopt when some two parties are not
// interchangeable (or the instance is too large for it); otherwise the answer,
// optimal or, under the time limit, feasible with a gap. Precondition: every
// party can be positive (max_positive_parties() holds them all).
std::optional<MnwResult> max_nash_welfare_identical(const GoodsInstance& instance, const MnwOptions& options = {});

// An independent cross-check: the Spliddit formulation (piecewise-linear log
// utilities, exact for integer utilities) solved by CBC, extended with
// "positive" indicators so that every set of the largest size is considered.
// optimal is what CBC proves, within its tolerances (products within about
// 1e-5 of each other, relative, could be confused). Under a time limit it
// answers feasible with a gap, at worst with the matching's allocation, never
// time_limit. See mnw_mip.cpp.
MnwResult max_nash_welfare_mip(const GoodsInstance& instance, const MnwOptions& options = {});

}  // namespace parley::fairdiv
