// `parley solve` for the fair-division methods, on the goods part of a scenario.
//
//   Result<GoodsSolution> r = solve_goods(scenario, "aw", {}, "divorce.json");
//   if (r) print(r.value().outcome, r.value().utilities, r.value().explanation);
//
// Methods: "aw", "mnw", "leximin", "round-robin", "envy-cycle" (docs/cli.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/analysis/fairness.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/fairdiv/goods.h"
#include "parley/model/scenario.h"

namespace parley::fairdiv {

struct GoodsSolveOptions {
  double time_limit = 0;  // seconds; 0 means none
};

enum class GoodsStatus { optimal, feasible, time_limit };

struct SplitItem {  // Adjusted Winner's one divided item
  int issue = -1;
  std::vector<Rational> fractions;  // per party, summing to 1
};

struct GoodsSolution {
  GoodsStatus status = GoodsStatus::optimal;
  Outcome outcome;                 // complete; a split item holds the party with the larger fraction
  std::optional<SplitItem> split;  // aw only
  std::vector<Rational> utilities; // exact, counting the split
  std::optional<double> gap;       // status == feasible
  GoodsReport goods;               // fairness of the allocation, with witnesses (counting the split)
  std::vector<std::string> explanation;  // plain sentences a mediator can repeat
};

// True when every issue that is not agreed is an item, region or share with no
// joint or neutral option, and there are no rules or red lines: then the goods
// methods answer the general definitions of `mnw` and `leximin` exactly.
bool is_goods_scenario(const Scenario& s);

Result<GoodsSolution> solve_goods(const Scenario& s, std::string_view method, const GoodsSolveOptions& options,
                                  const std::string& source);

}  // namespace parley::fairdiv
