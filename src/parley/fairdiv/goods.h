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
//
// What extract_goods() accepts, and why: fair-division methods give every good
// to exactly one party and know nothing of rules or red lines, so a scenario
// with rules or red lines is refused (the package optimiser, `parley solve
// --method nash`, handles them), and so is an item worth more to a party when
// somebody else holds it (other > own: a "bad", not a good). Agreed goods stay
// as agreed and count in base[]. Public issues (choices, numbers) must be
// agreed or given in `public_values` (solve_goods() enumerates them).
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
                                                 // (< 0 for a chore, with ExtractOptions::chores)
  std::vector<std::int64_t> base;                // [p]
  std::vector<std::int64_t> denominator;         // [p] > 0

  // Filled by extract_goods() (empty in hand-built instances):
  // A complete outcome holding the agreed and public values; to_outcome()
  // overwrites the goods' entries.
  Outcome fixed;
  // [p]: the goods part of base[p] (the "other" value of every good p does not
  // hold, plus agreed goods), and what p would get holding every good alone
  // (agreed ones included), both scaled by denominator[p]. Adjusted Winner
  // equalises (goods_base[p] + sum units * value) / goods_total[p]: the
  // Brams-Taylor "points", the same ratio GoodsReport::equitable compares.
  std::vector<std::int64_t> goods_base;
  std::vector<std::int64_t> goods_total;
  // Notes for the explanation (joint/neutral options not used, ...).
  std::vector<std::string> notes;
};

// allocation[g][p]: units of good g that party p holds; each row sums to goods[g].units.
using Allocation = std::vector<std::vector<int>>;

// The goods part of s. `public_values`, when not empty, has one entry per issue
// and gives values to public issues (choice, number) that are not agreed; every
// public issue must be agreed or given there. Fails with FailureKind::unsupported
// (naming the issue, rule or red line) for what the methods cannot honour.
// Item or region `issue` (not agreed) as a chore: one diagnostic per party
// it is worth less to when held (a debt, or other > own), naming the issue,
// the party and `refusal` (why that is refused, and what to use instead).
std::vector<Diagnostic> chore_problems(const Scenario& s, const Utilities& u, int issue, const std::string& refusal);

struct ExtractOptions {
  // Accept chores (an item worth less to a party when it holds it: a debt,
  // or other > own): their value[p][g] is then negative. For the methods
  // that divide goods and chores together (double round robin, the methods
  // with payments).
  bool chores = false;
  // Completes the refusal of a chore when they are not accepted: why, and what to use instead.
  std::string refusal = "the fair-division methods divide goods only";
};
Result<GoodsInstance> extract_goods(const Scenario& s, const Utilities& u, const PartialOutcome& public_values = {},
                                    const std::string& source = "", const ExtractOptions& options = {});

// The scenario outcome of an allocation of g (built by extract_goods from s).
Outcome to_outcome(const Scenario& s, const GoodsInstance& g, const Allocation& a);

// Exact utility numerators: U_p = utility_numerator(g, a, p) / g.denominator[p].
std::int64_t utility_numerator(const GoodsInstance& g, const Allocation& a, int p);
std::vector<Rational> exact_utilities(const GoodsInstance& g, const Allocation& a);

// Checks a is an allocation of g (right shape, rows summing to the units).
bool is_allocation(const GoodsInstance& g, const Allocation& a);

}  // namespace parley::fairdiv
