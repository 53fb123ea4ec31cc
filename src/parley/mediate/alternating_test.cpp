// solve --method alternating against a backward induction written again here
// from docs/cli.md over every feasible outcome (not the frontier), and
// against the finite-horizon Rubinstein split worked by hand.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <optional>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/io/scenario_reader.h"
#include "parley/mediate/engine.h"
#include "parley/model/outcome_space.h"
#include "random_scenario.h"

namespace parley {
namespace {

using Vec = std::vector<Rational>;

// The utilities of every feasible outcome, duplicates and dominated ones
// included; nullopt beyond `most` outcomes. Outcome number k is read as a
// mixed-radix number, one digit per issue.
std::optional<std::vector<Vec>> feasible_utilities(const Scenario& s, std::size_t most) {
  std::vector<std::vector<IssueValue>> domains;
  std::size_t size = 1;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    std::optional<std::vector<IssueValue>> d =
        s.agreed[i] ? std::vector<IssueValue>{*s.agreed[i]} : issue_domain(s, static_cast<int>(i), most);
    if (!d || d->empty()) return std::nullopt;
    size *= d->size();
    if (size > most) return std::nullopt;
    domains.push_back(std::move(*d));
  }
  std::vector<Vec> out;
  const Utilities u(s);
  for (std::size_t k = 0; k < size; ++k) {
    Outcome o;
    std::size_t rest = k;
    for (const auto& d : domains) {
      o.push_back(d[rest % d.size()]);
      rest /= d.size();
    }
    bool feasible = true;
    for (const ConstraintCheck& c : check_constraints(s, o)) feasible = feasible && c.holds;
    if (feasible) out.push_back(u.utilities(o));
  }
  return out;
}

struct Expected {
  std::optional<int> period;
  Vec utilities;  // of the agreement
  Vec continuation;
};

// docs/cli.md, word for word: periods t = T-1 .. 0, proposer (first + t) mod n;
// responders accept when accepting pays at least continuing; the proposer
// takes the acceptable offer paying them most, ties by the responders' sum of
// payoffs, then by the larger utility vector; waiting instead only when it
// pays strictly more.
Expected brute_force(const Scenario& s, const std::vector<Vec>& outcomes, int periods, int first) {
  const std::size_t n = s.parties.size();
  Vec c, v;
  for (std::size_t p = 0; p < n; ++p) {
    c.push_back(s.preferences[p]->delay_cost);
    v.push_back(s.preferences[p]->reservation - c[p] * periods);
  }
  Expected e;
  Vec before_first = v;
  for (int t = periods - 1; t >= 0; --t) {
    if (t == 0) before_first = v;
    const std::size_t i = static_cast<std::size_t>((first + t) % static_cast<int>(n));
    const Vec* best = nullptr;
    Vec best_key;
    for (const Vec& u : outcomes) {
      Vec pay;
      for (std::size_t p = 0; p < n; ++p) pay.push_back(u[p] - c[p] * t);
      bool accepted = true;
      Rational others = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        accepted = accepted && pay[j] >= v[j];
        others += pay[j];
      }
      if (!accepted) continue;
      Vec key{pay[i], others};
      key.insert(key.end(), u.begin(), u.end());
      if (best == nullptr || key > best_key) {
        best = &u;
        best_key = key;
      }
    }
    if (best == nullptr || best_key[0] < v[i]) continue;
    for (std::size_t p = 0; p < n; ++p) v[p] = (*best)[p] - c[p] * t;
    e.period = t;
    e.utilities = *best;
  }
  e.continuation = before_first;
  return e;
}

RC_GTEST_PROP(Alternating, MatchesBackwardInductionOverEveryFeasibleOutcome, ()) {
  test::ScenarioShape shape;
  // As many three-party cases as two-party ones: only they can tie on the
  // proposer's utility with different responders' sums.
  shape.min_parties = shape.max_parties = *rc::gen::element(2, 3);
  shape.max_issues = 4;
  shape.all_preferences = true;
  Scenario s = *test::gen_scenario(shape);
  for (auto& prefs : s.preferences) {
    prefs->reservation = Rational(*rc::gen::inRange(0, 7), 10);
    // Zero for about a third of the parties; otherwise up to 0.3 a period,
    // some not on the utilities' grid.
    const int kind = *rc::gen::inRange(0, 3);
    prefs->delay_cost = kind == 0 ? Rational(0) : Rational(*rc::gen::inRange(1, 31), kind == 1 ? 100 : 70);
  }
  std::optional<std::vector<Vec>> outcomes = feasible_utilities(s, 3000);
  RC_PRE(outcomes.has_value());
  const int periods = *rc::gen::inRange(1, 9);
  const int first = *rc::gen::inRange(0, static_cast<int>(s.parties.size()));
  const Expected want = brute_force(s, *outcomes, periods, first);
  Result<SolveResponse> got = solve(s, {.method = Method::alternating, .periods = periods, .first = first});
  RC_ASSERT(got.ok());
  const SolveResponse& r = got.value();
  RC_TAG(std::to_string(s.parties.size()) + " parties, " +
         (want.period ? "agreement" : outcomes->empty() ? "infeasible" : "no agreement"));
  RC_ASSERT(r.alternating.has_value());
  RC_ASSERT(r.alternating->period == want.period);
  RC_ASSERT(r.alternating->continuation == want.continuation);
  if (want.period) {
    RC_ASSERT(r.status == SolveStatus::optimal);
    RC_ASSERT(r.evaluation.utilities == want.utilities);
    RC_ASSERT(r.pareto_optimal == std::optional<bool>(true));
  } else {
    RC_ASSERT(!r.outcome.has_value());
    RC_ASSERT(r.status == (outcomes->empty() ? SolveStatus::infeasible : SolveStatus::no_agreement_zone));
  }
}

// Two parties split a cake (one share issue, each values only their own
// part, reservations 0) with fixed costs of delay c_a = 0.01 and c_b = 0.02
// a period: Rubinstein (1982) with fixed bargaining costs, cut off after T
// periods. Backwards: the last proposer takes the whole cake (the responder
// accepts 0, as refusing leaves r - T c <= 0 - (T-1) c). Before that the
// responder is offered exactly what they would take as the next proposer,
// less their own cost of a period: y_t = max(0, (1 - y_{t+1}) - c_responder),
// where y_t is the responder's share in period t. With T = 52 and a first, b
// proposes last (t = 51): y_51 = 0; y_50 = 1 - 0.02 = 0.98 (to b); y_49 =
// 0.02 - 0.01 = 0.01 (to a); and every two periods a's share grows by c_b -
// c_a = 0.01: in period 50 - 2k, a proposes and keeps 0.02 + 0.01 k, so in
// period 0 (k = 25) a keeps 0.27 and b accepts 0.73. Refusing would leave b
// the 0.75 they keep as the proposer in period 1, less one period's 0.02:
// 0.73 (a tie, accepted); a would get 0.25 - 0.01 = 0.24. The closed form,
// T even and a first: a keeps c_b + (T/2 - 1)(c_b - c_a), as long as that is
// below 1; as T grows the party with the lower cost takes everything, the
// infinite-horizon answer. The costs are multiples of the step, so the
// discrete answer is the continuous one exactly.
constexpr const char* kCake = R"({
  "parley": 1, "period": "week",
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "cake", "kind": "share", "step": 0.01}],
  "preferences": {
    "a": {"weights": {"cake": 1}, "delay_cost": 0.01},
    "b": {"weights": {"cake": 1}, "delay_cost": 0.02}
  }
})";

TEST(Alternating, FiniteHorizonRubinsteinCake) {
  Result<Scenario> s = read_scenario_text(kCake, "cake");
  ASSERT_TRUE(s.ok());
  Result<SolveResponse> r = solve(s.value(), {.method = Method::alternating, .periods = 52, .first = 0});
  ASSERT_TRUE(r.ok()) << r.errors().front().message;
  ASSERT_EQ(r.value().status, SolveStatus::optimal);
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(27, 100), Rational(73, 100)}));
  EXPECT_EQ(r.value().alternating->period, 0);
  EXPECT_EQ(r.value().alternating->continuation, (Vec{Rational(24, 100), Rational(73, 100)}));
  EXPECT_EQ(r.value().alternating->frontier_size, 101U);

  // T = 51: a proposes last (t = 50) and keeps the whole cake; in period 49
  // b must leave a 1 - 0.01 = 0.99; in period 48 b's share would be 0.01 -
  // 0.02 < 0, so it is 0 and a keeps everything again; and so on: a keeps the
  // whole cake in every even period, period 0 included. Refusing would lead
  // to period 1's split, a 0.99 and b 0.01, less a period: a 0.98, b -0.01.
  r = solve(s.value(), {.method = Method::alternating, .periods = 51, .first = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(1), Rational(0)}));
  EXPECT_EQ(r.value().alternating->continuation, (Vec{Rational(98, 100), Rational(-1, 100)}));
}

// One period is an ultimatum: the responder accepts anything at least their
// r - c, here 0 - 0 with no costs: b gets nothing. Who proposes matters.
TEST(Alternating, OnePeriodIsAnUltimatum) {
  Result<Scenario> s = read_scenario_text(kCake, "cake");
  ASSERT_TRUE(s.ok());
  for (int first : {0, 1}) {
    Result<SolveResponse> r = solve(s.value(), {.method = Method::alternating, .periods = 1, .first = first});
    ASSERT_TRUE(r.ok());
    Vec want{Rational(first == 0 ? 1 : 0), Rational(first == 0 ? 0 : 1)};
    EXPECT_EQ(r.value().evaluation.utilities, want) << first;
    // Refusing the only offer: reservations 0 less one period's cost.
    EXPECT_EQ(r.value().alternating->continuation, (Vec{Rational(-1, 100), Rational(-2, 100)}));
  }
}

// A responder accepts less than their reservation when holding out costs
// more, and the explanation says so in words.
TEST(Alternating, AcceptsBelowTheReservationWhenWaitingCostsMore) {
  Result<Scenario> s = read_scenario_text(kCake, "cake");
  ASSERT_TRUE(s.ok());
  Scenario cake = s.value();
  cake.preferences[1]->reservation = Rational(1, 2);
  cake.preferences[1]->delay_cost = Rational(3, 10);
  Result<SolveResponse> r = solve(cake, {.method = Method::alternating, .periods = 2, .first = 0});
  ASSERT_TRUE(r.ok());
  // The deadline leaves a 0 - 2 * 0.01 = -0.02 and b 0.5 - 2 * 0.3 = -0.1.
  // Period 1: b proposes and keeps the whole cake (a accepts 0, as 0 - 0.01
  // >= -0.02), a payoff of 1 - 0.3 = 0.7 to b. Period 0: b accepts no less
  // than 0.7, so a keeps 0.3.
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(3, 10), Rational(7, 10)}));
  EXPECT_TRUE(r.value().evaluation.individually_rational);
  // With b's reservation 0.9 the deadline leaves b 0.9 - 0.6 = 0.3, less than
  // the 0.7 of keeping the cake in period 1: the same split, now below b's
  // reservation.
  cake.preferences[1]->reservation = Rational(9, 10);
  r = solve(cake, {.method = Method::alternating, .periods = 2, .first = 0});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(3, 10), Rational(7, 10)}));
  EXPECT_FALSE(r.value().evaluation.individually_rational);
  bool said = false;
  for (const std::string& sentence : r.value().explanation) {
    said = said || sentence.find("b settles below their reservation (0.7000 against 0.9000)") != std::string::npos;
  }
  EXPECT_TRUE(said);
}

// The proposer's ties are broken by the responders' sum before anything
// else: a gets 1 from p and from q; q gives b and c 0.7 together, p 0.6.
// Without costs or reservations every responder accepts anything in the one
// period, and a offers q, though p comes first in the frontier's order.
TEST(Alternating, ProposersTiesGoToTheLargerSumForTheResponders) {
  Result<Scenario> s = read_scenario_text(R"({
    "parley": 1,
    "parties": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "issues": [{"id": "text", "kind": "choice", "options": ["p", "q", "r"]}],
    "preferences": {
      "a": {"weights": {"text": 1}, "values": {"text": {"p": 1, "q": 1, "r": 0}}},
      "b": {"weights": {"text": 1}, "values": {"text": {"p": 0.6, "q": 0.3, "r": 1}}},
      "c": {"weights": {"text": 1}, "values": {"text": {"p": 0, "q": 0.4, "r": 1}}}
    }
  })", "ties");
  ASSERT_TRUE(s.ok());
  Result<SolveResponse> r = solve(s.value(), {.method = Method::alternating, .periods = 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(1), Rational(3, 10), Rational(2, 5)}));
  // Proposing third, c takes r (1 for c; b accepts 1 too).
  r = solve(s.value(), {.method = Method::alternating, .periods = 1, .first = 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().evaluation.utilities, (Vec{Rational(0), Rational(1), Rational(1)}));
}

TEST(Alternating, RefusesBadGames) {
  Result<Scenario> s = read_scenario_text(kCake, "cake");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(solve(s.value(), {.method = Method::alternating, .periods = 0}).ok());
  EXPECT_FALSE(solve(s.value(), {.method = Method::alternating, .first = 2}).ok());
}

}  // namespace
}  // namespace parley
