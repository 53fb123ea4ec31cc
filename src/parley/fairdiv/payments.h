// Divisions with money (docs/cli.md, "Money, debts, reports"): every party
// counts in the same currency, items go where they are worth most, and
// payments that sum to zero even things out.
//
//   Result<MoneyInstance> mi = extract_money(scenario, Utilities(scenario), Method::knaster, "divorce.json");
//   PaymentDivision d = knaster(mi.value().money, units_of(mi.value().goods));
//   // d.payments[p] > 0: p receives that much; < 0: p pays it.
//
// Values are money: money[p][g] is what holding one unit of good g (rather
// than leaving it to others) is worth to party p, in p's currency: its weight
// as written times (own - other), so a debt (negative weight) is negative.
// Both methods work on these numbers alone; utilities count a payment t as
// t / sum|w| (Utilities::scale), the format's own unit, so that a party's
// utility with its payment is U_p(outcome) + t_p / sum|w_p| (it may leave
// [0, 1]: money can more than make up for an item).
#pragma once

#include <string>
#include <vector>

#include "parley/analysis/utility.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/fairdiv/goods.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"

namespace parley::fairdiv {

struct MoneyInstance {
  GoodsInstance goods;                       // goods and chores (extract_goods with chores)
  std::string currency;                      // the one currency every party gives
  std::vector<std::vector<Rational>> money;  // [p][g]: one unit of good g to p, in money
};

// The goods and chores of s in money. Fails (unsupported), naming the place,
// when a party gives no currency, when the parties give different ones, and
// for what extract_goods refuses (rules, red lines, public terms not agreed).
// `method` names the method in the messages.
Result<MoneyInstance> extract_money(const Scenario& s, const Utilities& u, Method method, const std::string& source);

std::vector<int> units_of(const GoodsInstance& g);

struct PaymentDivision {
  Allocation allocation;           // each good whole to one party
  std::vector<Rational> payments;  // per party, summing to 0; > 0: the party receives
  std::vector<Rational> received;  // [p]: money value to p of what p holds
  // knaster: 1/n of each party's value of everything, and the equal bonus.
  std::vector<Rational> fair_share;
  Rational bonus;
  // compensation: the least discounts that end envy, and the surplus left
  // after them, shared equally.
  std::vector<Rational> discount;
  Rational surplus;
};

// Each good to the party valuing it most (ties to the earlier party): the
// allocation of largest total value, shared by both methods.
Allocation most_valuable_allocation(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units);

// Knaster's sealed bids (Brams and Taylor 1996, "Fair Division", ch. 3):
// fair_p = (sum_g units_g money[p][g]) / n; received_p its value of what it
// wins; the surplus sum_p (received_p - fair_p) >= 0 is shared equally, so
// payment_p = fair_p + surplus / n - received_p.
PaymentDivision knaster(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units);

// Haake, Raith and Su (2002), "Bidding for envy-freeness", with ex-ante
// payments and the surplus shared equally (their eq. 6): each party pays its
// own value of its bundle into a pot; envious parties get the least discounts
// d >= 0 with d_p >= d_q + v_p(X_q) - v_q(X_q) for all p, q (what their
// compensation procedure reaches, "envy-freeness with minimal resources"),
// found exactly as longest paths in the envy graph (no positive cycle: the
// allocation has the largest total value); the rest of the pot is shared
// equally. payment_p = d_p + (pot - sum d) / n - v_p(X_p). Envy-free:
// v_p(X_p) + payment_p >= v_p(X_q) + payment_q for all p, q.
PaymentDivision compensation(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units);

}  // namespace parley::fairdiv
