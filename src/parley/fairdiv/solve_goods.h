// `parley solve` for the fair-division methods, on the goods part of a scenario.
//
//   Result<GoodsSolution> r = solve_goods(scenario, Method::aw, {}, "divorce.json");
//   if (r) print(r.value().outcome, r.value().utilities, r.value().explanation);
//
// Methods: aw, mnw, leximin, round-robin, envy-cycle (docs/cli.md).
//
// Failures: FailureKind::invalid_input when a party lacks preferences;
// FailureKind::unsupported (exit 1) for an unknown method, aw with other than
// two parties, rules or red lines (the package optimiser handles them), an item
// a party values more in other hands, and public terms (choices, numbers)
// without an agreed value -- except that mnw and leximin choose those jointly
// with the division when they have at most 1000 combinations, taking the
// combination best for the method (the first in issue and option order on
// ties) and saying so in the explanation.
//
// AW and shares: a share issue takes part in Adjusted Winner as one divisible
// good; when it is the divided good, its fractions are exact and need not lie
// on the share's step grid (AW's equitability needs the exact point), so the
// outcome holds those exact fractions and `split` names the share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/analysis/fairness.h"
#include "parley/core/deadline.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/fairdiv/goods.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"

namespace parley::fairdiv {

struct GoodsSolveOptions {
  double time_limit = 0;  // seconds for the whole call, the fairness report included; 0 means none
  // The caller's own deadline, when it keeps one: the call ends by the
  // earlier of the two. A search still gets a millisecond to find a division
  // (time_limit is at least that), but the fairness report's maximin-share
  // search does not start once this has passed.
  Deadline deadline = Deadline::none();
};

enum class GoodsStatus { optimal, feasible, time_limit };

struct SplitItem {  // Adjusted Winner's one divided item
  int issue = -1;
  std::vector<Rational> fractions;  // per party, summing to 1
};

struct GoodsSolution {
  Method method = Method::aw;
  GoodsStatus status = GoodsStatus::optimal;  // time_limit: nothing found, outcome empty
  Outcome outcome;                 // complete; a split item holds the party with the larger fraction
  std::optional<SplitItem> split;  // aw only
  std::vector<Rational> utilities; // exact, counting the split
  std::optional<double> gap;       // status == feasible
  GoodsReport goods;               // fairness of the allocation, with witnesses (counting the split)
  std::vector<std::string> explanation;  // plain sentences a mediator can repeat
  Allocation allocation;           // of the goods instance (aw: the split good whole to the party that gave it)
  int public_combinations = 1;     // public assignments tried (more than 1 when chosen jointly)
  // Some item open to division allows joint or neutral holding, which the
  // methods never choose: "optimal" (mnw, leximin) and the efficiency of
  // Adjusted Winner then hold among divisions that give each item to one
  // party, not among all packages (a jointly held item may do better).
  bool joint_not_considered = false;
  long long nodes = 0;             // search effort (leximin, mnw)
};

// True when every issue that is not agreed is an item, region or share with no
// joint or neutral option, and there are no rules or red lines: then the goods
// methods answer the general definitions of `mnw` and `leximin` exactly.
bool is_goods_scenario(const Scenario& s);

// Why `method` refuses a debt or burden (an item worth less to its holder
// than to others), and which methods divide one: for chore_problems().
std::string chore_refusal(Method method);

Result<GoodsSolution> solve_goods(const Scenario& s, Method method, const GoodsSolveOptions& options,
                                  const std::string& source);

}  // namespace parley::fairdiv
