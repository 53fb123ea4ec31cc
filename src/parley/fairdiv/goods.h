// The goods part of a scenario as a fair-division instance: what the
// fair-division methods (Adjusted Winner, maximum Nash welfare, leximin,
// round robin, envy cycle) work on.
//
//   Utilities u(scenario);
//   Result<GoodsInstance> g = extract_goods(scenario, u);
//   if (g) { Allocation a = ...; Outcome o = to_outcome(scenario, g.value(), a); }
//
// A good is an item or region (one indivisible unit) or a share issue, cut
// into 1/step equal units. Values are exact integers: party p's utility is
//   U_p = (base[p] + sum_g units_pg * value[p][g]) / denominator[p]
// where units_pg is how many units of good g party p holds. base[p] collects
// everything that does not depend on the allocation (public issues at their
// fixed values, the "other" value of items p does not hold).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/analysis/utility.h"
#include "parley/core/result.h"
#include "parley/model/scenario.h"

namespace parley::fairdiv {

struct Good {
  int issue = -1;  // scenario issue index
  int units = 1;   // 1 for items and regions; 1/step for shares
};

struct GoodsInstance {
  int parties = 0;
  std::vector<Good> goods;
  std::vector<std::vector<std::int64_t>> value;  // [p][g]: one unit of g to p, scaled by denominator[p]; >= 0
  std::vector<std::int64_t> base;                // [p]
  std::vector<std::int64_t> denominator;         // [p] > 0
};

// allocation[g][p]: units of good g that party p holds; each row sums to goods[g].units.
using Allocation = std::vector<std::vector<int>>;

}  // namespace parley::fairdiv
