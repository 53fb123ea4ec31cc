// Maximum Nash welfare: the largest positive set, the CBC formulation and the
// fast method against brute force over every allocation on random small
// instances (exact products), against each other on larger ones, and on
// hand-checked examples.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <optional>
#include <string>

#include "parley/fairdiv/goods_test_support.h"
#include "parley/fairdiv/mnw.h"

namespace parley::fairdiv {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// A goods instance built directly: values[p][g] per unit, units[g].
GoodsInstance make(const std::vector<std::vector<std::int64_t>>& values, const std::vector<int>& units,
                   std::vector<std::int64_t> base = {}, std::vector<std::int64_t> denominator = {}) {
  GoodsInstance g;
  g.parties = static_cast<int>(values.size());
  for (int u : units) g.goods.push_back(Good{static_cast<int>(g.goods.size()), u});
  g.value = values;
  g.base = base.empty() ? std::vector<std::int64_t>(values.size(), 0) : std::move(base);
  g.denominator = denominator.empty() ? std::vector<std::int64_t>(values.size(), 1) : std::move(denominator);
  return g;
}

// The MNW key of an allocation: (number of positive parties, exact product of their utilities).
std::pair<int, Rational> key(const GoodsInstance& g, const Allocation& a) {
  int positive = 0;
  Rational product = 1;
  for (const Rational& u : exact_utilities(g, a)) {
    if (u.sign() > 0) {
      ++positive;
      product *= u;
    }
  }
  return {positive, product};
}

std::pair<int, Rational> brute_force(const GoodsInstance& g) {
  std::pair<int, Rational> best{-1, 0};
  test::for_each_allocation(g, [&](const Allocation& a) { best = std::max(best, key(g, a)); });
  return best;
}

// A random instance with at most `limit` allocations: shares of 2 or 3 units
// among the items, zero values (a party may value nothing), and now and then a
// positive base or a denominator above 1, so that not every party can be
// positive and the positive set has to be chosen.
GoodsInstance gen_instance(int max_parties, int max_goods, double limit) {
  std::vector<int> party_counts, good_counts;
  for (int k = 2; k <= max_parties; ++k) party_counts.push_back(k);
  for (int k = 1; k <= max_goods; ++k) good_counts.push_back(k);
  // elementOf, not inRange: rapidcheck scales inRange with the size.
  const int n = *rc::gen::elementOf(party_counts);
  const int m = *rc::gen::elementOf(good_counts);
  std::vector<int> units;
  double count = 1;
  for (int k = 0; k < m; ++k) {
    const int u = *rc::gen::weightedElement<int>({{6, 1}, {1, 2}, {1, 3}});
    double splits = 1;  // C(u + n - 1, n - 1)
    for (int j = 1; j < n; ++j) splits = splits * (u + j) / j;
    if (count * splits > limit) break;
    count *= splits;
    units.push_back(u);
  }
  std::vector<std::vector<std::int64_t>> values(at(n), std::vector<std::int64_t>(units.size()));
  std::vector<std::int64_t> base(at(n)), denominator(at(n));
  for (int p = 0; p < n; ++p) {
    const bool values_nothing = *rc::gen::weightedElement<int>({{9, 0}, {1, 1}}) == 1;
    for (auto& v : values[at(p)]) {
      v = values_nothing ? 0 : *rc::gen::weightedElement<std::int64_t>({{2, 0}, {3, *rc::gen::element<std::int64_t>(1, 2, 3, 5, 7, 10)}});
    }
    base[at(p)] = *rc::gen::weightedElement<std::int64_t>({{6, 0}, {1, *rc::gen::element<std::int64_t>(1, 4, 9)}});
    denominator[at(p)] = *rc::gen::element<std::int64_t>(1, 1, 2, 3);
  }
  return make(values, units, base, denominator);
}

// The instance and a key, for rapidcheck's report of a failing case.
std::string describe(const GoodsInstance& g) {
  std::string out = "units";
  for (const Good& x : g.goods) out += " " + std::to_string(x.units);
  for (int p = 0; p < g.parties; ++p) {
    out += "\nparty " + std::to_string(p) + ": base " + std::to_string(g.base[at(p)]) + ", denominator " +
           std::to_string(g.denominator[at(p)]) + ", values";
    for (std::int64_t v : g.value[at(p)]) out += " " + std::to_string(v);
  }
  return out;
}
std::string describe(const std::pair<int, Rational>& k) {
  return std::to_string(k.first) + " positive, product " + k.second.str();
}

// What every answer must satisfy, whatever the method.
void check_answer(const GoodsInstance& g, const MnwResult& r) {
  RC_ASSERT(r.status == MnwStatus::optimal);
  RC_ASSERT(is_allocation(g, r.allocation));
  std::vector<int> positive;
  for (int p = 0; p < g.parties; ++p) {
    if (utility_numerator(g, r.allocation, p) > 0) positive.push_back(p);
  }
  RC_ASSERT(r.positive_parties == positive);
  RC_ASSERT(r.positive == static_cast<int>(positive.size()));
}

// The matching's set is as large as the best count, and its goods make it positive.
void check_positive_set(const GoodsInstance& g, int best_count) {
  PositiveSet ps = max_positive_parties(g);
  RC_ASSERT(static_cast<int>(ps.parties.size()) == best_count);
  RC_ASSERT(std::is_sorted(ps.parties.begin(), ps.parties.end()));
  std::vector<int> used(g.goods.size(), 0);
  for (int p : ps.parties) {
    const int k = ps.good[at(p)];
    if (g.base[at(p)] > 0) {
      RC_ASSERT(k == -1);
      continue;
    }
    RC_ASSERT(k >= 0);
    RC_ASSERT(g.value[at(p)][at(k)] > 0);
    ++used[at(k)];
  }
  for (std::size_t k = 0; k < g.goods.size(); ++k) RC_ASSERT(used[k] <= g.goods[k].units);
}

// The fast method is written separately; until it lands it returns nothing.
bool fast_method_landed() {
  return !max_nash_welfare(make({{3, 1}, {1, 3}}, {1, 1})).allocation.empty();
}

// Each rapidcheck case checks three instances, so the default 100 cases cover 300.
constexpr int kInstancesPerCase = 3;

RC_GTEST_PROP(MnwProperty, MipAndPositiveSetEqualBruteForce, ()) {
  for (int i = 0; i < kInstancesPerCase; ++i) {
    const GoodsInstance g = gen_instance(4, 8, 5000);
    RC_CLASSIFY(g.parties >= 3 && g.goods.size() >= 4, "3+ parties, 4+ goods");
    const auto best = brute_force(g);
    RC_CLASSIFY(best.first < g.parties, "not every party positive");
    check_positive_set(g, best.first);
    const MnwResult r = max_nash_welfare_mip(g);
    RC_LOG() << describe(g) << "\nbest: " << describe(best) << "\n";
    check_answer(g, r);
    RC_LOG() << "mip: " << describe(key(g, r.allocation)) << "\n";
    RC_ASSERT(key(g, r.allocation) == best);
  }
}

// Every value times 10^6: numerators beyond the dense chord range, so the MIP
// starts from sparse chords and refines them. Products stay well apart.
RC_GTEST_PROP(MnwProperty, MipWithLargeNumeratorsEqualsBruteForce, ()) {
  GoodsInstance g = gen_instance(3, 6, 1000);
  for (auto& row : g.value) {
    for (auto& v : row) v *= 1000000;
  }
  for (auto& b : g.base) b *= 1000000;
  const MnwResult r = max_nash_welfare_mip(g);
  const auto best = brute_force(g);
  RC_LOG() << describe(g) << "\nbest: " << describe(best) << "\n";
  check_answer(g, r);
  RC_LOG() << "mip: " << describe(key(g, r.allocation)) << "\n";
  RC_ASSERT(key(g, r.allocation) == best);
}

// Found by MipWithLargeNumeratorsEqualsBruteForce (seeds 1004, 1021, 1023 with
// max_success=2000): three parties, two single items, two positive.
TEST(Mnw, MipLargeNumeratorsRegression) {
  struct Case {
    GoodsInstance g;
    Rational best;
  };
  const std::vector<Case> cases = {
      // Party 0 item 1 (7/2), party 2 item 0 (5/2): 35/4 (the MIP gave 10/2 * 3/2 = 30/4).
      {make({{10000000, 7000000}, {0, 3000000}, {5000000, 2000000}}, {1, 1}, {}, {2, 2, 2}), Rational(8750000000000)},
      // party 0 item 0 (5/2), party 1 item 1 (10/3): 25/3 (MIP gave 7/2 * 2 = 7).
      {make({{5000000, 7000000}, {3000000, 10000000}, {2000000, 0}}, {1, 1}, {}, {2, 3, 1}),
       Rational(25000000000000, 3)},
      // party 1 item 0 (3/2), party 2 item 1 (7/2): 21/4 (MIP gave 2/2 * 5/2 = 10/4).
      {make({{2000000, 0}, {3000000, 5000000}, {1000000, 7000000}}, {1, 1}, {}, {2, 2, 2}), Rational(5250000000000)},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    const GoodsInstance& g = cases[i].g;
    ASSERT_EQ(brute_force(g), std::pair(2, cases[i].best));
    const MnwResult r = max_nash_welfare_mip(g);
    ASSERT_EQ(r.status, MnwStatus::optimal);
    EXPECT_EQ(key(g, r.allocation), std::pair(2, cases[i].best));
  }
}

TEST(MnwProperty, FastEqualsBruteForce) {
  if (!fast_method_landed()) GTEST_SKIP() << "max_nash_welfare is still a stub on this branch";
  EXPECT_TRUE(rc::check("max_nash_welfare equals brute force", [] {
    for (int i = 0; i < kInstancesPerCase; ++i) {
      const GoodsInstance g = gen_instance(4, 8, 5000);
      const MnwResult r = max_nash_welfare(g);
      check_answer(g, r);
      RC_ASSERT(key(g, r.allocation) == brute_force(g));
    }
  }));
}

TEST(MnwProperty, FastAndMipAgreeOnLargerInstances) {
  if (!fast_method_landed()) GTEST_SKIP() << "max_nash_welfare is still a stub on this branch";
  EXPECT_TRUE(rc::check("max_nash_welfare and the MIP agree", [] {
    const GoodsInstance g = gen_instance(5, 12, 1e12);
    const MnwResult fast = max_nash_welfare(g);
    const MnwResult mip = max_nash_welfare_mip(g);
    check_answer(g, fast);
    check_answer(g, mip);
    RC_ASSERT(key(g, fast.allocation) == key(g, mip.allocation));
  }));
}

// Interchangeable parties: one common row of values (zeros included) and a
// common base, each party's a multiple of them (factor 1 when `identical`),
// any denominators.
GoodsInstance gen_interchangeable(int max_parties, int max_goods, double limit, bool identical) {
  GoodsInstance g = gen_instance(max_parties, max_goods, limit);
  const std::int64_t base = *rc::gen::weightedElement<std::int64_t>({{4, 0}, {1, *rc::gen::element<std::int64_t>(1, 3)}});
  std::vector<std::int64_t> row(g.goods.size());
  for (auto& v : row) v = *rc::gen::weightedElement<std::int64_t>({{1, 0}, {4, *rc::gen::element<std::int64_t>(1, 2, 3, 5, 7, 10, 12)}});
  for (int p = 0; p < g.parties; ++p) {
    const std::int64_t factor = identical ? 1 : *rc::gen::element<std::int64_t>(1, 2, 3, 7);
    for (std::size_t k = 0; k < row.size(); ++k) g.value[at(p)][k] = factor * row[k];
    g.base[at(p)] = factor * base;
  }
  return g;
}

// The partition search on interchangeable parties against brute force: it
// takes them (max_nash_welfare_identical answers) and finds the exact optimum,
// also when not every party can be positive (then max_nash_welfare splits the
// instance first).
RC_GTEST_PROP(MnwProperty, PartitionEqualsBruteForce, ()) {
  for (int i = 0; i < kInstancesPerCase; ++i) {
    const bool identical = *rc::gen::arbitrary<bool>();
    const GoodsInstance g = gen_interchangeable(4, 8, 5000, identical);
    const auto best = brute_force(g);
    RC_LOG() << describe(g) << "\nbest: " << describe(best) << "\n";
    RC_CLASSIFY(best.first < g.parties, "not every party positive");
    const MnwResult r = max_nash_welfare(g);
    check_answer(g, r);
    RC_ASSERT(key(g, r.allocation) == best);
    if (best.first == g.parties) {
      const std::optional<MnwResult> direct = max_nash_welfare_identical(g);
      RC_ASSERT(direct.has_value());
      check_answer(g, *direct);
      RC_ASSERT(key(g, direct->allocation) == best);
    }
  }
}

// On medium instances (up to 4 parties, 10 goods, shares; up to 10^6 allocations) the partition search
// and the general search (interchangeable = false) find the same optimum.
// (Larger ones take the general search minutes: the symmetry this is about.)
RC_GTEST_PROP(MnwProperty, PartitionEqualsGeneralSearch, ()) {
  const GoodsInstance g = gen_interchangeable(4, 10, 1e6, *rc::gen::arbitrary<bool>());
  RC_LOG() << describe(g) << "\n";
  const MnwResult fresh = max_nash_welfare(g);
  const MnwResult general = max_nash_welfare(g, {.interchangeable = false});
  check_answer(g, fresh);
  check_answer(g, general);
  RC_ASSERT(key(g, fresh.allocation) == key(g, general.allocation));
}

TEST(Mnw, PartitionTakesOnlyInterchangeableParties) {
  // Proportional (party 1 = 3 x party 0, bases too): taken, and the product
  // (1 + 4)(3 + 3 * 4) = 75 is the best: bundles {4} and {3, 1}.
  const GoodsInstance proportional = make({{4, 3, 1}, {12, 9, 3}}, {1, 1, 1}, {1, 3});
  const std::optional<MnwResult> r = max_nash_welfare_identical(proportional);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->status, MnwStatus::optimal);
  EXPECT_EQ(key(proportional, r->allocation), std::pair(2, Rational(75)));
  // Values proportional but bases not (1 and 2, not 3): not interchangeable.
  EXPECT_FALSE(max_nash_welfare_identical(make({{4, 3, 1}, {12, 9, 3}}, {1, 1, 1}, {1, 2})).has_value());
  // One value off the proportion.
  EXPECT_FALSE(max_nash_welfare_identical(make({{4, 3, 1}, {8, 6, 3}}, {1, 1, 1})).has_value());
  // Party 0 values nothing and has no base.
  EXPECT_FALSE(max_nash_welfare_identical(make({{0, 0}, {1, 1}}, {1, 1})).has_value());
}

TEST(Mnw, PartitionReachingTheBalancedBoundStopsAtOnce) {
  // Items 8, 7, 6, 5, 4, 3, 2, 1 (sum 36) into 3 bins: 12 each exists, and
  // the balanced product 12^3 = 1728 is the bound itself.
  const GoodsInstance g = make(std::vector<std::vector<std::int64_t>>(3, {8, 7, 6, 5, 4, 3, 2, 1}), std::vector<int>(8, 1));
  const MnwResult r = max_nash_welfare(g);
  ASSERT_EQ(r.status, MnwStatus::optimal);
  EXPECT_EQ(key(g, r.allocation), std::pair(3, Rational(1728)));
  EXPECT_LE(r.nodes, 1);  // differencing found it; no search
}

TEST(Mnw, PartitionTimeLimitIsHonest) {
  // 12 identical parties, 60 items of 40-bit random values: no perfect
  // partition, far too many to search in 50 ms. The answer is a partition with
  // a finite gap over the balanced bound; never time_limit.
  std::mt19937_64 random(11);
  std::vector<std::int64_t> row(60);
  for (auto& v : row) v = static_cast<std::int64_t>(random() % (std::int64_t{1} << 40)) + 1;
  const GoodsInstance g = make(std::vector<std::vector<std::int64_t>>(12, row), std::vector<int>(60, 1));
  const MnwResult r = max_nash_welfare(g, {.time_limit = 0.05});
  ASSERT_EQ(r.status, MnwStatus::feasible);
  ASSERT_TRUE(is_allocation(g, r.allocation));
  EXPECT_EQ(r.positive, 12);
  ASSERT_TRUE(r.gap.has_value());
  EXPECT_GT(*r.gap, 0);
  EXPECT_LT(*r.gap, 0.01);  // differencing and local search come close
  EXPECT_GE(r.nodes, 256);  // the clock is read every 256 nodes
}

// Both methods on one hand-checked instance: the count, the exact product
// (of numerators here, all denominators 1) and, when unique, the positive set.
void expect_answer(const GoodsInstance& g, int count, std::int64_t product, const std::vector<int>& parties = {}) {
  std::vector<std::pair<const char*, MnwResult>> answers = {{"mip", max_nash_welfare_mip(g)}};
  if (fast_method_landed()) answers.emplace_back("fast", max_nash_welfare(g));
  for (const auto& [name, r] : answers) {
    SCOPED_TRACE(name);
    ASSERT_EQ(r.status, MnwStatus::optimal);
    ASSERT_TRUE(is_allocation(g, r.allocation));
    EXPECT_EQ(key(g, r.allocation), std::pair(count, Rational(product)));
    EXPECT_EQ(r.positive, count);
    if (!parties.empty()) {
      EXPECT_EQ(r.positive_parties, parties);
    }
  }
}

TEST(Mnw, TwoPartiesTwoItems) {
  // Each takes the item it values 3: product 9 (one party with both: 1 positive).
  expect_answer(make({{3, 1}, {1, 3}}, {1, 1}), 2, 9, {0, 1});
}

TEST(Mnw, OnlyTwoOfThreeCanBePositive) {
  // Only item 0 is valued by parties 1 and 2, so one of them stays at 0; party
  // 0 takes item 1 (worth 1 to it), item 0 goes to party 1 (3 > 2): 1 * 3.
  const GoodsInstance g = make({{5, 1}, {3, 0}, {2, 0}}, {1, 1});
  EXPECT_EQ(max_positive_parties(g).parties.size(), 2U);
  expect_answer(g, 2, 3, {0, 1});
}

TEST(Mnw, ThePositiveSetMatters) {
  // Two items, three parties: at most two positive. The matching, in party
  // order, picks {0, 1} (product 1 * 1); the best set is {0, 2} (1 * 10).
  const GoodsInstance g = make({{1, 0}, {0, 1}, {0, 10}}, {1, 1});
  EXPECT_EQ(max_positive_parties(g).parties, (std::vector<int>{0, 1}));
  expect_answer(g, 2, 10, {0, 2});
}

TEST(Mnw, DenominatorsChooseThePositiveSet) {
  // Two items, at most two positive. Item 0 is worth 1/3 to parties 0 and 2.
  // For item 1, party 2 (2/3) or party 3 (10): 10/3 beats 2/9, although party 2
  // is the one the matching (and so the MIP start) picks. Regression: with
  // the MIP maximising, CBC 2.10 took the start's negative log product as a
  // cutoff of the wrong sign and returned the start (2/9) as optimal.
  const GoodsInstance g = make({{1, 0}, {0, 0}, {1, 2}, {0, 10}}, {1, 1}, {}, {3, 3, 3, 1});
  EXPECT_EQ(max_positive_parties(g).parties, (std::vector<int>{0, 2}));
  const MnwResult r = max_nash_welfare_mip(g);
  ASSERT_EQ(r.status, MnwStatus::optimal);
  EXPECT_EQ(key(g, r.allocation), std::pair(2, Rational(10, 3)));
  EXPECT_EQ(r.allocation[1][3], 1);  // item 0 may go to party 0 or 2 (both 1/3)
}

TEST(Mnw, ShareServesSeveralParties) {
  // A share of 3 units valued 1, 2, 3 per unit; an item valued 4 by party 0
  // only. All three positive needs a unit each for parties 1 and 2; party 0
  // takes the item. Units (1, 1, 1): 5 * 2 * 3 = 30; (0, 1, 2): 4 * 2 * 6 = 48;
  // (0, 2, 1): 4 * 4 * 3 = 48 (a tie, so no set of parties is asserted beyond all three).
  expect_answer(make({{1, 4}, {2, 0}, {3, 0}}, {3, 1}), 3, 48, {0, 1, 2});
}

TEST(Mnw, BaseMakesAPartyPositive) {
  // Party 1 has base 4 and values nothing: positive anyway. Party 0 takes both.
  const GoodsInstance g = make({{2, 3}, {0, 0}}, {1, 1}, {0, 4});
  EXPECT_EQ(max_positive_parties(g).parties, (std::vector<int>{0, 1}));
  expect_answer(g, 2, 20, {0, 1});
}

TEST(Mnw, AugmentingPathMovesAParty) {
  // Party 0 first takes item 0; party 1 values only item 0, so party 0 moves to item 1.
  PositiveSet ps = max_positive_parties(make({{1, 1}, {1, 0}}, {1, 1}));
  EXPECT_EQ(ps.parties, (std::vector<int>{0, 1}));
  EXPECT_EQ(ps.good, (std::vector<int>{1, 0}));
}

TEST(Mnw, NobodyCanBePositive) {
  const GoodsInstance g = make({{0, 0}, {0, 0}}, {1, 2});
  EXPECT_TRUE(max_positive_parties(g).parties.empty());
  expect_answer(g, 0, 1);
}

TEST(Mnw, MipTimeLimitIsHonest) {
  // 10 parties, 30 items valued 0-59: not solved in 0.05-0.3 s. The MIP always
  // has its matching start, so it answers feasible (with a gap) at worst.
  // Regression: with a CBC MIP start, limits of 0.2-0.3 s here crashed CBC
  // 2.10.8 (CglPreProcess::postProcess); the MIP gives CBC no start since.
  std::mt19937_64 random(7);
  std::vector<std::vector<std::int64_t>> values(10, std::vector<std::int64_t>(30));
  for (auto& row : values) {
    for (auto& v : row) v = static_cast<std::int64_t>(random() % 60);
  }
  const GoodsInstance g = make(values, std::vector<int>(30, 1));
  for (double limit : {0.05, 0.2, 0.3}) {
    SCOPED_TRACE(limit);
    const MnwResult r = max_nash_welfare_mip(g, {.time_limit = limit});
    ASSERT_NE(r.status, MnwStatus::time_limit);
    ASSERT_TRUE(is_allocation(g, r.allocation));
    EXPECT_EQ(r.positive, 10);
    if (r.status == MnwStatus::feasible) {
      ASSERT_TRUE(r.gap.has_value());
      EXPECT_GE(*r.gap, 0);
      EXPECT_TRUE(std::isfinite(*r.gap));
    }
  }
}

}  // namespace
}  // namespace parley::fairdiv
