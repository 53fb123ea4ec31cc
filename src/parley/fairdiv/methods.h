// The fair-division procedures on a goods instance (goods.h), independent of
// scenarios: what solve_goods() runs, and what the tests check directly.
//
//   GoodsInstance g = extract_goods(scenario, Utilities(scenario)).value();
//   Allocation rr = round_robin(g);             // EF1 (a share's step counts as one item)
//   AdjustedWinner aw = adjusted_winner(g);     // two parties: EF, equitable, Pareto-optimal
//   LeximinResult lx = leximin(g, {.time_limit = 10});
#pragma once

#include <optional>
#include <vector>

#include "parley/core/rational.h"
#include "parley/fairdiv/goods.h"

namespace parley::fairdiv {

// Round robin: parties pick in turn, in party order (0, 1, ..., n-1, 0, ...),
// one unit at a time (an item, or one step of a share), each taking the unit
// it values most; ties go to the good that comes first in the instance
// (scenario issue order). EF1 for additive goods: whatever p envies in q's
// bundle goes away when q's first pick is removed.
Allocation round_robin(const GoodsInstance& g);

// Double round robin (Aziz, Caragiannis, Igarashi and Walsh 2019, "Fair
// allocation of indivisible goods and chores"), for goods and chores
// together (values of any sign, one unit at a time): the units worth <= 0 to
// every party are picked first, in order 0, 1, ..., n-1, after as many dummy
// chores (worth 0) as make their number a multiple of n; then the others in
// reverse order n-1, ..., 0, each party taking its best remaining unit when
// that is worth more than nothing to it, and passing otherwise. Ties go to the
// good that comes first. EF1 for mixed items: whatever p envies in q's bundle
// goes away when one good is taken from q's bundle or one chore from p's.
Allocation double_round_robin(const GoodsInstance& g);

// Envy-cycle elimination (Lipton, Markakis, Mossel and Saberi 2004): units are
// handed out in instance order, each to a party nobody envies (the lowest such
// index); when everybody is envied, the envy graph has a cycle, found by
// starting at party 0 and stepping to the lowest-index party that envies the
// current one, and each party on it takes the bundle it envies. EF1 (a step of a share counting as
// one item).
Allocation envy_cycle(const GoodsInstance& g);

// Adjusted Winner (Brams and Taylor), two parties, in "points": party p's
// share of its own total goods value, (goods_base + sum units * value) /
// goods_total (instance.goods_base / goods_total; base and denominator when
// those are empty). Each good, treated as divisible (a share whole), goes to
// the party valuing it more in points; goods valued equally go, in instance
// order after all the others, to the party then behind (party 0 if level).
// Then the party ahead hands goods to the other in increasing order of the
// ratio (its points for the good / the other's), ties in instance order,
// until both are level; the good that would overshoot is divided exactly.
struct AdjustedWinner {
  Allocation allocation;             // whole goods; the split good's row gives it all to `ahead`
  std::optional<int> split;          // the divided good (index into goods), if any
  std::vector<Rational> fractions;   // the split good's fraction per party
  bool level = true;                 // points equal in the end (false only when the party
                                     // behind values nothing the leader holds enough)
  int ahead = -1;                    // the party that handed goods over (-1: none needed)
  std::vector<Rational> initial_points;  // points per party after the first stage
  std::vector<int> handed;           // goods handed over whole, in order (the split one not included)
  std::vector<Rational> points;      // final points per party
};
AdjustedWinner adjusted_winner(const GoodsInstance& g);  // precondition: g.parties == 2

// Leximin on U_p = (base + sum units * value) / denominator: maximise the
// worst-off party's utility, then the next, and so on. Exact branch and bound;
// under a time limit it returns the best found and says it is not proven.
struct LeximinOptions {
  double time_limit = 0;  // seconds; 0 means none
};
struct LeximinResult {
  Allocation allocation;
  bool optimal = false;
  long long nodes = 0;
  double min_bound = 0;  // proven upper bound on the worst-off utility (root bound)
};
LeximinResult leximin(const GoodsInstance& g, const LeximinOptions& options = {});

// Leximin comparison of exact utility vectors: <0, 0, >0 as a is leximin-worse, equal, better.
int leximin_compare(std::vector<Rational> a, std::vector<Rational> b);

}  // namespace parley::fairdiv
