// Knaster's sealed bids and envy-free compensation (payments.h): a published
// worked example, and random instances (goods and debts) against the closed
// form, exact envy-freeness and brute force over every allocation.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "parley/fairdiv/payments.h"

namespace parley::fairdiv {
namespace {

using Matrix = std::vector<std::vector<Rational>>;

Rational r(std::int64_t x) { return Rational(x); }

// v_p(X_q) for every p, q.
Matrix lots(const Matrix& money, const Allocation& a) {
  const std::size_t n = money.size();
  Matrix v(n, std::vector<Rational>(n, 0));
  for (std::size_t g = 0; g < a.size(); ++g) {
    for (std::size_t q = 0; q < n; ++q) {
      for (std::size_t p = 0; p < n; ++p) v[p][q] += money[p][g] * Rational(a[g][q]);
    }
  }
  return v;
}

// The worked example of COMAP, "For All Practical Purposes" (10th ed., 2015),
// ch. 13.2, "The Knaster inheritance procedure", Example 2 ("Another way"):
// Bob, Carol, Ted and Alice bid on a house, a cabin and a boat. Their fair
// shares are 52,500, 66,000, 62,500 and 62,500; the surplus of 76,500 gives
// each 19,125 more; "Bob gets the boat and $41,625, Carol gets the house and
// pays the estate $114,875, Ted gets the cabin and pays the estate $8,375,
// Alice gets $81,625 cash."
TEST(Knaster, FourHeirsOfTheTextbookExample) {
  const Matrix money{{r(120000), r(60000), r(30000)},   // Bob: house, cabin, boat
                     {r(200000), r(40000), r(24000)},   // Carol
                     {r(140000), r(90000), r(20000)},   // Ted
                     {r(180000), r(50000), r(20000)}};  // Alice
  const PaymentDivision d = knaster(money, {1, 1, 1});
  const Allocation expected{{0, 1, 0, 0}, {0, 0, 1, 0}, {1, 0, 0, 0}};
  EXPECT_EQ(d.allocation, expected);
  EXPECT_EQ(d.fair_share, (std::vector<Rational>{r(52500), r(66000), r(62500), r(62500)}));
  EXPECT_EQ(d.bonus, r(19125));
  EXPECT_EQ(d.payments, (std::vector<Rational>{r(41625), r(-114875), r(-8375), r(81625)}));
}

// Two parties and a debt: the mortgage goes to whoever minds it least, and
// money evens the rest. Anna: house 300,000, mortgage -200,000; Ben: house
// 260,000, mortgage -200,000 (a tie on the debt goes to the earlier party).
// Anna: fair (300,000 - 200,000)/2 = 50,000, gets 100,000; Ben: fair 30,000,
// gets 0; surplus 20,000, bonus 10,000: Anna pays 40,000, Ben receives it.
TEST(Knaster, ADebtGoesWithTheHouseAndMoneyEvensOut) {
  const Matrix money{{r(300000), r(-200000)}, {r(260000), r(-200000)}};
  const PaymentDivision d = knaster(money, {1, 1});
  EXPECT_EQ(d.allocation, (Allocation{{1, 0}, {1, 0}}));
  EXPECT_EQ(d.payments, (std::vector<Rational>{r(-40000), r(40000)}));
  const PaymentDivision c = compensation(money, {1, 1});
  EXPECT_EQ(c.allocation, d.allocation);
  // Anna pays her 100,000 for the house with its mortgage into the pot; Ben
  // would value that lot at 60,000, less than she paid, so nobody envies and
  // nobody needs a discount: the pot is shared, 50,000 each.
  EXPECT_EQ(c.discount, (std::vector<Rational>{r(0), r(0)}));
  EXPECT_EQ(c.payments, (std::vector<Rational>{r(-50000), r(50000)}));
}

struct Instance {
  Matrix money;
  std::vector<int> units;
};

// 2-4 parties, 1-6 goods of 1-2 units, money in [-50, 100] per unit (debts
// included), small enough to enumerate every allocation of whole goods.
Instance gen_instance() {
  const int n = *rc::gen::inRange(2, 5);
  const int m = *rc::gen::inRange(1, 7);
  Instance in;
  in.money.assign(static_cast<std::size_t>(n), std::vector<Rational>(static_cast<std::size_t>(m)));
  for (int g = 0; g < m; ++g) in.units.push_back(*rc::gen::inRange(1, 3));
  for (auto& row : in.money) {
    for (auto& x : row) x = Rational(*rc::gen::inRange(-50, 101), *rc::gen::element(1, 2, 3));
  }
  return in;
}

Rational sum(const std::vector<Rational>& v) {
  Rational s = 0;
  for (const Rational& x : v) s += x;
  return s;
}

Rational total_value(const Matrix& money, const Allocation& a) {
  Rational t = 0;
  for (std::size_t g = 0; g < a.size(); ++g) {
    for (std::size_t p = 0; p < money.size(); ++p) t += money[p][g] * Rational(a[g][p]);
  }
  return t;
}

// The most total value any allocation of whole goods reaches, by enumeration.
Rational best_total(const Matrix& money, const std::vector<int>& units) {
  const std::size_t n = money.size(), m = units.size();
  std::vector<std::size_t> owner(m, 0);
  std::optional<Rational> best;
  for (;;) {
    Allocation a(m, std::vector<int>(n, 0));
    for (std::size_t g = 0; g < m; ++g) a[g][owner[g]] = units[g];
    const Rational t = total_value(money, a);
    if (!best || t > *best) best = t;
    std::size_t g = 0;
    while (g < m && ++owner[g] == n) owner[g++] = 0;
    if (g == m) break;
  }
  return *best;
}

RC_GTEST_PROP(PaymentsProperty, KnasterIsItsClosedForm, ()) {
  const Instance in = gen_instance();
  const std::size_t n = in.money.size();
  const PaymentDivision d = knaster(in.money, in.units);
  // Each good whole to the first party that values it most.
  for (std::size_t g = 0; g < in.units.size(); ++g) {
    std::size_t best = 0;
    for (std::size_t p = 1; p < n; ++p) best = in.money[p][g] > in.money[best][g] ? p : best;
    RC_ASSERT(d.allocation[g][best] == in.units[g]);
  }
  // The closed form: fair share 1/n of one's total, surplus shared equally.
  const Matrix v = lots(in.money, d.allocation);
  std::vector<Rational> fair(n);
  Rational surplus = 0;
  for (std::size_t p = 0; p < n; ++p) {
    Rational all = 0;
    for (std::size_t q = 0; q < n; ++q) all += v[p][q];
    fair[p] = all / Rational(static_cast<std::int64_t>(n));
    surplus += v[p][p] - fair[p];
  }
  RC_ASSERT(surplus.sign() >= 0);
  for (std::size_t p = 0; p < n; ++p) {
    const Rational expected = fair[p] + surplus / Rational(static_cast<std::int64_t>(n)) - v[p][p];
    RC_ASSERT(d.payments[p] == expected);
    // Every party ends with its fair share plus the same bonus, at least its fair share.
    RC_ASSERT(v[p][p] + d.payments[p] - fair[p] == d.bonus);
  }
  RC_ASSERT(sum(d.payments).is_zero());
  RC_ASSERT(total_value(in.money, d.allocation) == best_total(in.money, in.units));
}

RC_GTEST_PROP(PaymentsProperty, CompensationIsZeroSumEnvyFreeAndMostValuable, ()) {
  const Instance in = gen_instance();
  const std::size_t n = in.money.size();
  const PaymentDivision d = compensation(in.money, in.units);
  RC_ASSERT(sum(d.payments).is_zero());
  RC_ASSERT(total_value(in.money, d.allocation) == best_total(in.money, in.units));
  const Matrix v = lots(in.money, d.allocation);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) RC_ASSERT(v[p][p] + d.payments[p] >= v[p][q] + d.payments[q]);
  }
  // The least discounts: somebody needs none (HRS, Theorem 1), and each
  // discount is forced by some envy (lowering any one would bring envy back).
  bool someone_without = false;
  for (std::size_t p = 0; p < n; ++p) {
    RC_ASSERT(d.discount[p].sign() >= 0);
    someone_without = someone_without || d.discount[p].is_zero();
    if (d.discount[p].is_zero()) continue;
    bool tight = false;
    for (std::size_t q = 0; q < n; ++q) tight = tight || (q != p && d.discount[p] == d.discount[q] + v[p][q] - v[q][q]);
    RC_ASSERT(tight);
  }
  RC_ASSERT(someone_without);
}

}  // namespace
}  // namespace parley::fairdiv
