// The exact frontier and the bargaining solutions against brute force.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/analysis/bargaining.h"
#include "parley/frontier/frontier.h"
#include "parley/frontier/wide.h"
#include "parley/io/genius_import.h"
#include "parley/io/scenario_reader.h"
#include "parley/model/outcome_space.h"
#include "many_items.h"
#include "random_scenario.h"
#include "test_support.h"

namespace parley::pareto {
namespace {

using Vec = std::vector<Rational>;

bool dominates(const Vec& a, const Vec& b) {
  bool strictly = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    if (a[p] > b[p]) strictly = true;
  }
  return strictly;
}

// The frontier of the given utility vectors, brute force: distinct, undominated, sorted decreasing.
std::vector<Vec> brute_frontier(const std::vector<Vec>& all) {
  std::set<Vec> distinct(all.begin(), all.end());
  std::vector<Vec> out;
  for (const Vec& a : distinct) {
    bool dominated = false;
    for (const Vec& b : distinct) dominated = dominated || dominates(b, a);
    if (!dominated) out.push_back(a);
  }
  std::sort(out.begin(), out.end(), std::greater<>());
  return out;
}

void check_against_brute_force(const Scenario& s, bool individually_rational) {
  auto outcomes = test::feasible_outcomes(s, 20000);
  RC_PRE(outcomes.has_value());
  Utilities u(s);
  std::vector<Vec> all, feasible;
  for (const Outcome& o : *outcomes) {
    Vec v = u.utilities(o);
    feasible.push_back(v);
    bool ir = true;
    for (std::size_t p = 0; p < v.size(); ++p) ir = ir && v[p] >= u.reservation(static_cast<int>(p));
    if (ir || !individually_rational) all.push_back(std::move(v));
  }
  std::vector<Vec> expected = brute_frontier(all);

  FrontierOptions options;
  options.individually_rational = individually_rational;
  Result<Frontier> got = pareto_frontier(s, options, "random");
  RC_ASSERT(got.ok());
  const Frontier& f = got.value();
  RC_ASSERT(f.status() == FrontierStatus::complete);
  RC_ASSERT(f.size() == expected.size());
  for (std::size_t k = 0; k < f.size(); ++k) {
    RC_ASSERT(f.utilities(k) == expected[k]);
    Outcome o = f.outcome(k);
    for (const ConstraintCheck& c : check_constraints(s, o)) RC_ASSERT(c.holds);
    RC_ASSERT(u.utilities(o) == expected[k]);
  }

  // The former trail layout (an 8-byte step per point and level) gives the
  // same points and the same outcomes as the compact one.
  options.compact = false;
  Result<Frontier> plain_trail = pareto_frontier(s, options, "random");
  RC_ASSERT(plain_trail.ok() && plain_trail.value().size() == f.size());
  for (std::size_t k = 0; k < f.size(); ++k) {
    RC_ASSERT(plain_trail.value().utilities(k) == expected[k]);
    RC_ASSERT(plain_trail.value().outcome(k) == f.outcome(k));
  }
  options.compact = true;

  // Without the two-party merge's jumps: the same points, the same outcomes.
  options.jump = false;
  Result<Frontier> no_jumps = pareto_frontier(s, options, "random");
  RC_ASSERT(no_jumps.ok() && no_jumps.value().size() == f.size());
  for (std::size_t k = 0; k < f.size(); ++k) {
    RC_ASSERT(no_jumps.value().utilities(k) == expected[k]);
    RC_ASSERT(no_jumps.value().outcome(k) == f.outcome(k));
  }
  options.jump = true;

  // Contributions formed as rationals one by one (the former tables): the
  // same points, the same outcomes, in as many limbs.
  options.integer_tables = false;
  Result<Frontier> rational_tables = pareto_frontier(s, options, "random");
  RC_ASSERT(rational_tables.ok() && rational_tables.value().size() == f.size());
  RC_ASSERT(rational_tables.value().limbs() == f.limbs());
  for (std::size_t k = 0; k < f.size(); ++k) {
    RC_ASSERT(rational_tables.value().utilities(k) == expected[k]);
    RC_ASSERT(rational_tables.value().outcome(k) == f.outcome(k));
  }
  options.integer_tables = true;

  // Plain enumeration in the same arithmetic agrees point for point.
  options.decompose = false;
  Result<Frontier> plain = pareto_frontier(s, options, "random");
  RC_ASSERT(plain.ok() && plain.value().size() == f.size());
  for (std::size_t k = 0; k < f.size(); ++k) RC_ASSERT(plain.value().utilities(k) == expected[k]);

  // Each method's answer is the brute-force optimum over every individually
  // rational outcome (U_p >= r_p), each objective stated directly here.
  if (!individually_rational) return;
  Vec reservations;
  for (std::size_t p = 0; p < s.parties.size(); ++p) reservations.push_back(u.reservation(static_cast<int>(p)));
  // KS's ideal point over every individually rational outcome (`all` holds just those).
  Vec ideal;
  for (const Vec& v : all) {
    if (ideal.empty()) ideal = v;
    for (std::size_t p = 0; p < v.size(); ++p) ideal[p] = std::max(ideal[p], v[p]);
  }
  for (Method m : {Method::nash, Method::ks, Method::egalitarian, Method::utilitarian, Method::mnw, Method::leximin}) {
    std::optional<std::size_t> k = choose(expected, reservations, m);
    std::optional<Vec> best_value;
    auto value_of = [&](const Vec& v) {
      Vec gains, ratios;
      Rational sum = 0, gain_product = 1, utility_product = 1;
      std::int64_t gaining = 0, positive = 0;
      for (std::size_t p = 0; p < v.size(); ++p) {
        const Rational gain = v[p] - reservations[p];
        gains.push_back(gain);
        sum += v[p];
        if (gain.sign() > 0) {  // nash: how many gain, then the product of their gains
          ++gaining;
          gain_product *= gain;
        }
        if (v[p].sign() > 0) {  // mnw: the same from zero
          ++positive;
          utility_product *= v[p];
        }
        // KS: a party whose best is its reservation has ratio 1.
        ratios.push_back(ideal[p] == reservations[p] ? Rational(1) : gain / (ideal[p] - reservations[p]));
      }
      std::sort(gains.begin(), gains.end());
      std::sort(ratios.begin(), ratios.end());
      Vec lex = v;
      std::sort(lex.begin(), lex.end());
      switch (m) {
        case Method::nash: return Vec{Rational(gaining), gain_product};
        case Method::ks: return ratios;
        case Method::egalitarian: return gains;
        case Method::utilitarian: return Vec{sum, Rational(gaining), gain_product};
        case Method::mnw: return Vec{Rational(positive), utility_product};
        case Method::leximin: return lex;
        default: break;  // procedures: not solution concepts
      }
      return Vec{};
    };
    for (const Vec& v : all) {  // individually rational, by construction of `all`
      Vec value = value_of(v);
      if (!best_value || value > *best_value) best_value = value;
    }
    RC_ASSERT(k.has_value() == best_value.has_value());
    if (k) RC_ASSERT(value_of(expected[*k]) == *best_value);
  }
  // Over every feasible outcome: a set of reservations that no outcome meets
  // together (met exactly counts as met), minimal; empty when one meets them all.
  const std::vector<int> conflict = reservation_conflict(feasible, reservations);
  auto met = [&](const std::vector<int>& parties) {
    return std::any_of(feasible.begin(), feasible.end(), [&](const Vec& v) {
      return std::all_of(parties.begin(), parties.end(),
                         [&](int p) { return v[static_cast<std::size_t>(p)] >= reservations[static_cast<std::size_t>(p)]; });
    });
  };
  if (!all.empty()) {
    RC_ASSERT(conflict.empty());
  } else if (!feasible.empty()) {
    RC_ASSERT(!conflict.empty());
    RC_ASSERT(!met(conflict));
    for (std::size_t k = 0; k < conflict.size(); ++k) {
      std::vector<int> fewer = conflict;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(k));
      RC_ASSERT(met(fewer));
    }
  }
}

test::ScenarioShape analysable(bool rules) {
  test::ScenarioShape shape;
  shape.all_preferences = true;
  shape.rules = rules;
  shape.max_issues = 6;
  return shape;
}

RC_GTEST_PROP(FrontierProperty, IndependentIssuesMatchBruteForce, ()) {
  check_against_brute_force(*test::gen_scenario(analysable(false)), true);
}

RC_GTEST_PROP(FrontierProperty, RulesAndRedLinesMatchBruteForce, ()) {
  check_against_brute_force(*test::gen_scenario(analysable(true)), true);
}

RC_GTEST_PROP(FrontierProperty, WithoutReservationsMatchesBruteForce, ()) {
  check_against_brute_force(*test::gen_scenario(analysable(true)), false);
}

// Two parties and up to 9 issues, mostly independent: many groups, so the
// two-party merge jumps often (past dominated candidates and, with
// reservations, past those that cannot reach them).
RC_GTEST_PROP(FrontierProperty, TwoPartyMergeMatchesBruteForce, ()) {
  test::ScenarioShape shape = analysable(*rc::gen::arbitrary<bool>());
  shape.max_parties = 2;
  shape.max_issues = 9;
  check_against_brute_force(*test::gen_scenario(shape), *rc::gen::arbitrary<bool>());
}

// A number of the kinds files hold, in [0, 1]: twelfths, Genius's 17-digit
// decimals, or a fraction over `prime` (near 2^61: an issue's values over
// one such prime fit the integer tables, whose common denominator then runs
// to hundreds of bits; values over two primes do not, and take the rational
// path).
Rational gen_exact_unit(std::int64_t prime) {
  switch (*rc::gen::inRange(0, 3)) {
    case 0: return Rational(*rc::gen::inRange<std::int64_t>(0, 13), 12);
    case 1: return Rational(*rc::gen::inRange<std::int64_t>(0, 100'000'000'000'000'001), 100'000'000'000'000'000);
    default: return Rational(*rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000), prime);
  }
}

// The scenario with every weight and every item and choice value redrawn by
// gen_exact_unit (signs kept; each party keeps some nonzero weight).
Scenario with_exact_numbers(Scenario s) {
  const std::int64_t primes[] = {2305843009213693951, 2305843009213693921, 2305843009213693907,
                                 2305843009213693897, 2305843009213693883};
  for (std::size_t p = 0; p < s.preferences.size(); ++p) {
    Preferences& pr = *s.preferences[p];
    bool any = false;
    for (std::size_t i = 0; i < pr.issues.size(); ++i) {
      IssuePreference& ip = pr.issues[i];
      // Mostly one prime per issue (the integer tables); now and then another
      // prime for some of its values (the rational path for this party).
      const std::int64_t prime = primes[i % 5];
      auto value = [&] { return gen_exact_unit(*rc::gen::inRange(0, 8) == 0 ? primes[(i + 1) % 5] : prime); };
      const int sign = ip.weight.sign() < 0 ? -1 : 1;
      Rational w = *rc::gen::inRange(0, 4) == 0 ? Rational(*rc::gen::inRange<std::int64_t>(1, 20)) : gen_exact_unit(prime);
      ip.weight = w * sign;
      any = any || !w.is_zero();
      for (Rational& v : ip.option_values) v = value();
      if (s.issues[i].kind == IssueKind::item || s.issues[i].kind == IssueKind::region) {
        ip.holder.own = value();
        ip.holder.joint = value();
        ip.holder.neutral = value();
        ip.holder.other = value();
      }
    }
    if (!any && !pr.issues.empty()) pr.issues[0].weight = 1;
    if (pr.reservation.sign() != 0) pr.reservation = Rational(*rc::gen::inRange<std::int64_t>(0, 4), 10);
  }
  return s;
}

// The integer tables (scale_products) against brute force and against the
// rational tables (inside check_against_brute_force), on numbers whose
// common denominators pass 64 and 128 bits, and with values that make a
// party fall back to the rational path.
RC_GTEST_PROP(FrontierProperty, IntegerTablesMatchBruteForceOnLongNumbers, ()) {
  test::ScenarioShape shape = analysable(*rc::gen::arbitrary<bool>());
  shape.max_issues = 5;
  const Scenario s = with_exact_numbers(*test::gen_scenario(shape));
  Result<Frontier> f = pareto_frontier(s, {}, "random");
  RC_PRE(f.ok());
  RC_TAG(64 * f.value().limbs());
  check_against_brute_force(s, *rc::gen::arbitrary<bool>());
}

// A party's reservation set to the most it can get in any feasible outcome:
// every individually rational outcome leaves it exactly at its reservation,
// so nash must count the gaining parties first and ks must count its ratio
// as 1 (the degenerate cases of the definitions).
RC_GTEST_PROP(FrontierProperty, AReservationAtAPartysBestMatchesBruteForce, ()) {
  Scenario s = *test::gen_scenario(analysable(true));
  auto outcomes = test::feasible_outcomes(s, 20000);
  RC_PRE(outcomes.has_value() && !outcomes->empty());
  const auto party = *rc::gen::inRange<std::size_t>(0, s.parties.size());
  Utilities u(s);
  Rational best = 0;
  for (const Outcome& o : *outcomes) best = std::max(best, u.utility(static_cast<int>(party), o));
  s.preferences[party]->reservation = best;
  // The others without reservations now and then, so that often some point gives no one a gain.
  if (*rc::gen::arbitrary<bool>()) {
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      if (p != party) s.preferences[p]->reservation = 0;
    }
  }
  check_against_brute_force(s, true);
}

// Under any memory budget the answer is the exact frontier, or too_large
// with a note and never more held than the budget.
RC_GTEST_PROP(FrontierProperty, AnyMemoryBudgetGivesTheFrontierOrAnHonestStop, ()) {
  const Scenario s = *test::gen_scenario(analysable(true));
  FrontierOptions options;
  const Result<Frontier> full = pareto_frontier(s, options, "random");
  RC_PRE(full.ok() && full.value().status() == FrontierStatus::complete);
  options.memory_limit = *rc::gen::inRange<std::size_t>(1, full.value().peak_bytes() + 2);
  const Result<Frontier> capped = pareto_frontier(s, options, "random");
  RC_ASSERT(capped.ok());
  const Frontier& f = capped.value();
  RC_ASSERT(f.peak_bytes() <= options.memory_limit);
  if (f.status() == FrontierStatus::complete) {
    RC_ASSERT(f.size() == full.value().size());
    for (std::size_t k = 0; k < f.size(); ++k) RC_ASSERT(f.utilities(k) == full.value().utilities(k));
  } else {
    RC_ASSERT(f.status() == FrontierStatus::too_large);
    RC_ASSERT(f.note().find("more memory than its budget") != std::string::npos);
    RC_ASSERT(f.size() == 0U);
  }
  // The budget that sufficed once suffices again: the accounting is exact.
  options.memory_limit = full.value().peak_bytes();
  RC_ASSERT(pareto_frontier(s, options, "random").value().status() == FrontierStatus::complete);
}

Scenario many_items(int items) {
  Result<Scenario> s = read_scenario_text(test::many_items_json(items), "items.json");
  EXPECT_TRUE(s.ok());
  return s.ok() ? std::move(s).value() : Scenario{};
}

// The issue's reproduction (20,000 items: 46 s and 5.6 GB, then 100,000:
// bad_alloc), under budgets small enough for a unit test: the search stops
// on its own accounting with too_large, says how far it got, and never held
// more than the budget.
void expect_memory_stop(const Scenario& s, std::size_t budget, bool combining) {
  FrontierOptions options;
  options.memory_limit = budget;
  Result<Frontier> f = pareto_frontier(s, options, "items");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.value().status(), FrontierStatus::too_large);
  EXPECT_EQ(f.value().size(), 0U);
  EXPECT_LE(f.value().peak_bytes(), budget);
  const std::string& note = f.value().note();
  EXPECT_NE(note.find("needs more memory than its budget of"), std::string::npos) << note;
  const std::string groups = std::to_string(s.issues.size()) + " independent groups of issues";
  if (combining) {
    EXPECT_GT(f.value().combined(), 0U);
    EXPECT_LT(f.value().combined(), s.issues.size());
    EXPECT_NE(note.find("after " + std::to_string(f.value().combined()) + " of " + groups +
                        " were combined, holding a partial frontier of "),
              std::string::npos)
        << note;
  } else {
    EXPECT_EQ(f.value().combined(), 0U);
    EXPECT_NE(note.find("before the first of " + groups), std::string::npos) << note;
  }
}

// A budget the search passes while combining: what it held at most until a
// point cap stopped it (after some hundreds of groups), less one byte. The
// same search under that budget must stop on memory at or before that point.
std::size_t budget_passed_while_combining(const Scenario& s) {
  FrontierOptions options;
  options.max_points = 20'000;
  Result<Frontier> f = pareto_frontier(s, options, "items");
  EXPECT_TRUE(f.ok() && f.value().status() == FrontierStatus::too_large);
  EXPECT_NE(f.value().note().find("more than 20000 efficient packages"), std::string::npos) << f.value().note();
  return f.ok() ? f.value().peak_bytes() - 1 : 0;
}

TEST(FrontierMemory, TwentyThousandItemsStopWithinTheBudget) {
  const Scenario s = many_items(20'000);
  expect_memory_stop(s, std::size_t{1} << 20, false);  // 1 MiB: while listing the items
  expect_memory_stop(s, budget_passed_while_combining(s), true);
}

TEST(FrontierMemory, HundredThousandItemsStopWithinTheBudget) {
  const Scenario s = many_items(100'000);
  expect_memory_stop(s, std::size_t{4} << 20, false);
  expect_memory_stop(s, budget_passed_while_combining(s), true);
}

// Each level's steps come back as they were given, in every form a level
// may take, and a merge's long runs cost far less than a step a point.
TEST(Trail, KeepsEveryStepInEachForm) {
  auto budget = std::make_shared<Budget>(std::size_t{1} << 30);
  const BudgetAllocator<std::uint64_t> allocator(budget);
  std::vector<Budgeted<Step>> levels;
  // Runs: two options over 10,000 parents, as a sweep of two shifted lists gives.
  Budgeted<Step>& runs = levels.emplace_back(allocator);
  for (std::uint32_t k = 0; k < 10'000; ++k) runs.push_back({k < 6'000 ? k : k - 5'000, k < 6'000 ? 0U : 1U});
  // Packed: scattered parents and options.
  Budgeted<Step>& scattered = levels.emplace_back(allocator);
  for (std::uint32_t k = 0; k < 10'000; ++k) scattered.push_back({(k * 7919U) % 10'000U, (k * 31U) % 5U});
  // Every step {0, 0}: zero bits a step.
  levels.emplace_back(allocator).assign(3, Step{0, 0});
  levels.emplace_back(allocator);  // empty
  for (bool compact : {true, false}) {
    Trail trail(allocator);
    for (const Budgeted<Step>& level : levels) trail.add(level, compact);
    ASSERT_EQ(trail.levels(), levels.size());
    EXPECT_EQ(trail.points(), 20'003U);
    for (std::size_t g = 0; g < levels.size(); ++g) {
      for (std::size_t k = 0; k < levels[g].size(); ++k) {
        const Step step = trail.at(g, k);
        ASSERT_EQ(step.parent, levels[g][k].parent) << g << " " << k;
        ASSERT_EQ(step.option, levels[g][k].option) << g << " " << k;
      }
    }
    // Compact: 2 runs (24 bytes), then 10,000 steps of 14 + 3 bits (21,256 bytes).
    EXPECT_EQ(trail.bytes(), compact ? 24U + 21'256U : 20'003U * sizeof(Step));
  }
}

TEST(Wide, AddsWithCarryAndCompares) {
  Wide<2> a = Wide<2>::from(~std::uint64_t{0});
  a += Wide<2>::from(1);
  EXPECT_EQ(a.limb[0], 0U);
  EXPECT_EQ(a.limb[1], 1U);
  EXPECT_EQ(a.bits(), 65);
  EXPECT_LT(Wide<2>::from(5), a);
  EXPECT_EQ(Wide<2>::from(3) + Wide<2>::from(4), Wide<2>::from(7));
}

TEST(Bargaining, KnownTwoPartyAnswers) {
  // Frontier points (a, b) with reservations (0.1, 0.2).
  std::vector<Vec> points{{Rational(9, 10), Rational(2, 10)},
                          {Rational(7, 10), Rational(5, 10)},
                          {Rational(5, 10), Rational(7, 10)},
                          {Rational(3, 10), Rational(8, 10)}};
  Vec r{Rational(1, 10), Rational(2, 10)};
  // Point 0 is eligible (b gets exactly its reservation) but gives only a a gain.
  // Nash: gains (0.8, 0) -> one party gaining; (0.6,0.3) -> 0.18, (0.4,0.5) -> 0.20, (0.2,0.6) -> 0.12.
  EXPECT_EQ(choose(points, r, Method::nash), 2U);
  // KS: ideal (0.9, 0.8); ratios (1, 0), (0.75, 0.5), (0.5, 0.833), (0.25, 1): points 1
  // and 2 tie on the minimum 0.5 and the second wins on the next ratio.
  EXPECT_EQ(choose(points, r, Method::ks), 2U);
  // Egalitarian: smallest gains 0, 0.3, 0.4, 0.2.
  EXPECT_EQ(choose(points, r, Method::egalitarian), 2U);
  // Utilitarian: sums 1.1, 1.2, 1.2, 1.1; the tie goes to the larger Nash product.
  EXPECT_EQ(choose(points, r, Method::utilitarian), 2U);
  // Leximin on utilities: (0.5, 0.7) for points 1 and 2 alike; the earliest wins.
  EXPECT_EQ(choose(points, r, Method::leximin), 1U);
  // MNW (zero disagreement point): products 0.18, 0.35, 0.35, 0.24; the earliest wins.
  EXPECT_EQ(choose(points, r, Method::mnw), 1U);
  EXPECT_EQ(reservation_conflict(points, r), std::vector<int>{});
  Vec high{Rational(8, 10), Rational(6, 10)};
  EXPECT_EQ(reservation_conflict(points, high), (std::vector<int>{0, 1}));
  // Met exactly counts as met: (0.9, 0.2) meets (0.9, 0.2).
  EXPECT_EQ(reservation_conflict(points, Vec{Rational(9, 10), Rational(2, 10)}), std::vector<int>{});
  EXPECT_EQ(choose(points, Vec{Rational(9, 10), Rational(2, 10)}, Method::nash), 0U);
}

// Three heirs, no reservations, two indivisible goods: every division leaves
// someone with nothing. nash still answers (the most heirs gaining, then the
// product of their gains), and so does every other method.
TEST(Bargaining, NashCountsTheGainingPartiesFirst) {
  // (a, b, c): the goods to a and b, to a and c, to b and c, both to a.
  std::vector<Vec> points{{Rational(1, 2), Rational(1, 2), Rational(0)},
                          {Rational(3, 5), Rational(0), Rational(1, 5)},
                          {Rational(0), Rational(1, 2), Rational(3, 5)},
                          {Rational(1), Rational(0), Rational(0)}};
  const Vec r(3, Rational(0));
  // Two gain everywhere but at point 3; products 1/4, 3/25, 3/10.
  EXPECT_EQ(choose(points, r, Method::nash), 2U);
  EXPECT_EQ(choose(points, r, Method::mnw), 2U);
  // Sums 1, 4/5, 11/10, 1.
  EXPECT_EQ(choose(points, r, Method::utilitarian), 2U);
  // Smallest gains all 0; second smallest 1/2, 1/5, 1/2, 0: points 0 and 2 tie, the third decides (1/2 < 3/5).
  EXPECT_EQ(choose(points, r, Method::egalitarian), 2U);
  EXPECT_EQ(choose(points, r, Method::leximin), 2U);
  // Ideal (1, 1/2, 3/5): ratios (1/2, 1, 0), (3/5, 0, 1/3), (0, 1, 1), (1, 0, 0).
  EXPECT_EQ(choose(points, r, Method::ks), 2U);
  // A utilitarian tie decided by nash's count: (1/2, 1/2, 0) against (1/3, 1/3, 1/3).
  std::vector<Vec> tie{{Rational(1, 2), Rational(1, 2), Rational(0)}, {Rational(1, 3), Rational(1, 3), Rational(1, 3)}};
  EXPECT_EQ(choose(tie, r, Method::utilitarian), 1U);
}

// A party whose best acceptable utility is its reservation (I_p = r_p) has
// ratio 1 in KS: it never limits the minimum, the others decide.
TEST(Bargaining, KsCountsADegenerateIdealPartyAsRatioOne) {
  // c gets exactly its reservation 1/4 everywhere acceptable; (0.9, 0.1, 0.2) is not acceptable.
  std::vector<Vec> points{{Rational(7, 10), Rational(2, 10), Rational(1, 4)},
                          {Rational(5, 10), Rational(4, 10), Rational(1, 4)},
                          {Rational(3, 10), Rational(6, 10), Rational(1, 4)},
                          {Rational(9, 10), Rational(1, 10), Rational(1, 5)}};
  const Vec r{Rational(1, 10), Rational(1, 10), Rational(1, 4)};
  // Ideal over the acceptable points: (0.7, 0.6, 0.25). Ratios of a and b:
  // (1, 0.2), (0.667, 0.6), (0.333, 1); with c's 1 the second point is best.
  EXPECT_EQ(choose(points, r, Method::ks), 1U);
  // Given an ideal from outside (the optimiser's), the same rule.
  EXPECT_EQ(choose(points, r, Method::ks, Vec{Rational(7, 10), Rational(6, 10), Rational(1, 4)}), 1U);
  // Only c's point: every ratio is 1 or undefined; the one acceptable point is chosen.
  std::vector<Vec> one{{Rational(1, 10), Rational(1, 10), Rational(1, 4)}};
  EXPECT_EQ(choose(one, r, Method::ks), 0U);
}

// Every Genius and GeniusWeb file set in ../shared/data/genius, imported: the
// frontier and the Nash point equal a brute-force computation over every bid.
TEST(Frontier, ImportedGeniusDomainsMatchBruteForce) {
  const std::string g = test::shared_dir() + "/data/genius/";
  struct Set {
    std::string domain;
    std::vector<std::string> profiles;
    bool web = false;
  };
  const std::vector<Set> sets{
      {"Jobs/Jobs.xml", {"Jobs/Jobs_util1.xml", "Jobs/Jobs_util2.xml"}},
      {"Laptop_ANAC2012/Laptop-C-domain.xml", {"Laptop_ANAC2012/Laptop-C-prof1.xml", "Laptop_ANAC2012/Laptop-C-prof2.xml"}},
      {"EnglandZimbabwe_ANAC2010/EnglandZimbabwe_domain.xml",
       {"EnglandZimbabwe_ANAC2010/England.xml", "EnglandZimbabwe_ANAC2010/Zimbabwe.xml"}},
      {"ItexvsCypress_ANAC2010/ItexvsCypress_domain.xml",
       {"ItexvsCypress_ANAC2010/ItexvsCypress_Itex.xml", "ItexvsCypress_ANAC2010/ItexvsCypress_Cypress.xml"}},
      {"IntegerIssues_test/test.xml", {"IntegerIssues_test/test_util1.xml", "IntegerIssues_test/test_util2.xml"}},
      {"Party_multilateral/party_domain.xml",
       {"Party_multilateral/party1_utility.xml", "Party_multilateral/party2_utility.xml",
        "Party_multilateral/party3_utility.xml"}},
      {"", {"GeniusWeb_JSON_Party/party1.json", "GeniusWeb_JSON_Party/party2.json"}, true},
  };
  std::size_t checked = 0;
  for (const Set& set : sets) {
    SCOPED_TRACE(set.profiles.front());
    std::vector<std::string> profiles;
    for (const std::string& p : set.profiles) profiles.push_back(g + p);
    Result<Imported> imported = set.web ? import_geniusweb(profiles, "") : import_genius(g + set.domain, profiles);
    ASSERT_TRUE(imported.ok());
    const Scenario& s = imported.value().scenario;
    auto outcomes = test::feasible_outcomes(s, 100000);
    ASSERT_TRUE(outcomes.has_value());
    Utilities u(s);
    std::vector<Vec> all;
    Vec reservations;
    for (std::size_t p = 0; p < s.parties.size(); ++p) reservations.push_back(u.reservation(static_cast<int>(p)));
    std::optional<Rational> best_product;
    for (const Outcome& o : *outcomes) {
      Vec v = u.utilities(o);
      bool ir = true, above = true;
      Rational product = 1;
      for (std::size_t p = 0; p < v.size(); ++p) {
        ir = ir && v[p] >= reservations[p];
        above = above && v[p] > reservations[p];
        product *= v[p] - reservations[p];
      }
      if (above && (!best_product || product > *best_product)) best_product = product;
      if (ir) all.push_back(std::move(v));
    }
    std::vector<Vec> expected = brute_frontier(all);
    Result<Frontier> f = pareto_frontier(s, {}, "imported");
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f.value().size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) EXPECT_EQ(f.value().utilities(k), expected[k]);
    // With a point giving every party a gain, nash's is the largest product of gains.
    std::optional<std::size_t> nash = choose(expected, reservations, Method::nash);
    ASSERT_EQ(nash.has_value(), !expected.empty());
    if (best_product) {
      ASSERT_TRUE(nash.has_value());
      Rational product = 1;
      for (std::size_t p = 0; p < reservations.size(); ++p) product *= expected[*nash][p] - reservations[p];
      EXPECT_EQ(product, *best_product);
    }
    ++checked;
  }
  EXPECT_EQ(checked, sets.size());
}

TEST(Frontier, CeasefireExample) {
  Scenario s = test::load_scenario(test::source_dir() + "/examples/ceasefire.json");
  Result<Frontier> f = pareto_frontier(s, {}, "ceasefire");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.value().status(), FrontierStatus::complete);
  EXPECT_GT(f.value().size(), 1U);
}

}  // namespace
}  // namespace parley::pareto
