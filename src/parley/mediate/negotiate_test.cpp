// The negotiating agents and protocols: concession curves against their
// formula, the frequency model and tit-for-tat by hand, Boulware against
// Conceder, same seed same run, agreements feasible and individually rational
// on random scenarios, and what an agent is given to read.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

#include "parley/analysis/constraints.h"
#include "parley/analysis/integer_utility.h"
#include "parley/analysis/utility.h"
#include "parley/io/scenario_reader.h"
#include "parley/mediate/agents.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/negotiate.h"
#include "random_scenario.h"

namespace parley {
namespace {

using mediate::Agent;

// One cake on a grid of 1/1000, a's reservation 0.2: a's utility is its share.
constexpr const char* kFineCake = R"({
  "parley": 1, "period": "week",
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "cake", "kind": "share", "step": 0.001}],
  "preferences": {
    "a": {"weights": {"cake": 1}, "reservation": 0.2},
    "b": {"weights": {"cake": 1}, "reservation": 0.1}
  }
})";

// Two items and a cake, the parties mirror images of each other.
constexpr const char* kSymmetric = R"({
  "parley": 1,
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "house", "kind": "item"}, {"id": "car", "kind": "item"},
             {"id": "cash", "kind": "share", "step": 0.05}],
  "preferences": {
    "a": {"weights": {"house": 5, "car": 2, "cash": 3}, "reservation": 0.1},
    "b": {"weights": {"house": 5, "car": 2, "cash": 3}, "reservation": 0.1}
  }
})";

// a cares mostly about x, b only about y.
constexpr const char* kIntegrative = R"({
  "parley": 1,
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "x", "kind": "item"}, {"id": "y", "kind": "item"}],
  "preferences": {
    "a": {"weights": {"x": 0.7, "y": 0.3}},
    "b": {"weights": {"x": 0, "y": 1}}
  }
})";

Scenario read(const char* text) {
  Result<Scenario> s = read_scenario_text(text, "test");
  if (!s) throw std::runtime_error(s.errors().front().message);
  return s.value();
}

std::shared_ptr<const mediate::OutcomeTable> table_of(const Scenario& s) {
  std::mt19937_64 rng(1);
  return std::make_shared<const mediate::OutcomeTable>(
      mediate::build_table(mediate::public_terms(s), {}, rng, Deadline::none()).value());
}

Outcome cake(const Scenario& s, Rational to_a) {
  Outcome o(s.issues.size());
  o[0].shares = {to_a, Rational(1) - to_a};
  return o;
}

TEST(Agents, TimeDependentOffersFollowTheirCurve) {
  const Scenario s = read(kFineCake);
  auto table = table_of(s);
  ASSERT_EQ(table->size(), 1001U);
  const int rounds = 20;
  for (AgentKind kind : {AgentKind::boulware, AgentKind::linear, AgentKind::conceder}) {
    Agent a(kind, mediate::agent_scenario(s, 0), 0, table, rounds);
    const double e = *mediate::concession_exponent(kind);
    EXPECT_EQ(a.best(), Rational(1));
    EXPECT_EQ(a.floor(), Rational(1, 5));
    for (int t = 0; t < rounds; ++t) {
      const double formula = 1.0 - 0.8 * std::pow(static_cast<double>(t) / rounds, 1.0 / e);
      const Rational target = a.target(t);
      EXPECT_NEAR(target.to_double(), formula, 1e-9) << agent_name(kind) << " round " << t;
      // The offer: the grid point nearest the exact target, a tie going up.
      const Rational want = (target * 1000 + Rational(1, 2)).floor() / 1000;
      const Rational got = a.utility(a.propose(t));
      EXPECT_EQ(got, want) << agent_name(kind) << " round " << t;
      EXPECT_NEAR(got.to_double(), formula, 0.0005 + 1e-9);
    }
  }
  // Boulware concedes least early, Conceder most.
  Agent b(AgentKind::boulware, mediate::agent_scenario(s, 0), 0, table, rounds);
  Agent c(AgentKind::conceder, mediate::agent_scenario(s, 0), 0, table, rounds);
  EXPECT_GT(b.target(10), c.target(10));
  EXPECT_NEAR(b.target(10).to_double(), 0.975, 1e-9);  // 1 - 0.8 * 0.5^5
  EXPECT_NEAR(c.target(10).to_double(), 1 - 0.8 * std::sqrt(0.5), 1e-9);
}

// Weights over large primes and values in sevenths and elevenths: each
// party's common denominator is far beyond 64 bits (as in every Genius file,
// whose 17-digit weights are divided by their sum).
constexpr const char* kWide = R"({
  "parley": 1,
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "x", "kind": "choice", "options": ["x0", "x1", "x2", "x3"]},
             {"id": "y", "kind": "choice", "options": ["y0", "y1", "y2"]},
             {"id": "z", "kind": "choice", "options": ["z0", "z1", "z2", "z3", "z4"]}],
  "preferences": {
    "a": {"weights": {"x": "1/1000000007", "y": "1/998244353", "z": "1/1000000009"},
          "values": {"x": {"x0": 0, "x1": "1/7", "x2": "6/7", "x3": 1}, "y": {"y0": "1/11", "y1": 1, "y2": "5/11"},
                     "z": {"z0": 1, "z1": "2/13", "z2": "9/13", "z3": "1/17", "z4": 0}},
          "reservation": "1/3"},
    "b": {"weights": {"x": "3/1000000021", "y": "2/999999937", "z": 0.3333333333333333331},
          "values": {"x": {"x0": 1, "x1": "1/19", "x2": "3/7", "x3": 0}, "y": {"y0": 1, "y1": 0, "y2": "10/23"},
                     "z": {"z0": 0, "z1": 1, "z2": "1/29", "z3": "28/29", "z4": "1/2"}},
          "reservation": 0.25}
  }
})";

// Beyond 64 bits the agents still rank, offer and accept exactly: checked
// against Rational utilities of every outcome, by brute force.
TEST(Agents, UtilitiesBeyondSixtyFourBitsAreExact) {
  const Scenario s = read(kWide);
  auto table = table_of(s);
  ASSERT_EQ(table->size(), 60U);
  const Utilities u(s);
  for (int p = 0; p < 2; ++p) {
    Agent hard(AgentKind::hardliner, mediate::agent_scenario(s, p), p, table, 10);
    Rational best = 0;
    std::vector<Rational> all;
    for (std::size_t k = 0; k < table->size(); ++k) {
      const Rational exact = u.utility(p, table->outcome(k));
      EXPECT_EQ(hard.utility(table->outcome(k)), exact) << "party " << p << " row " << k;
      all.push_back(exact);
      best = std::max(best, exact);
    }
    // The point of the test: 64-bit integers cannot hold these utilities.
    EXPECT_FALSE(IntegerUtilities::make(Utilities(mediate::agent_scenario(s, p))));
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const Rational& x) { return x.is_big(); }));
    EXPECT_EQ(hard.best(), best);
    EXPECT_EQ(hard.utility(hard.propose(0)), best);
    for (int t = 0; t < 10; ++t) {
      Agent lin(AgentKind::linear, mediate::agent_scenario(s, p), p, table, 10);
      const Rational target = lin.target(t);
      // Brute force: among outcomes at or above the reservation, the nearest
      // to the target, a tie going to the higher utility.
      std::optional<Rational> want;
      for (const Rational& x : all) {
        if (x < s.preferences[static_cast<std::size_t>(p)]->reservation) continue;
        if (!want || (x - target).abs() < (*want - target).abs() ||
            ((x - target).abs() == (*want - target).abs() && x > *want)) {
          want = x;
        }
      }
      ASSERT_TRUE(want);
      EXPECT_EQ(lin.utility(lin.propose(t)), *want) << "party " << p << " round " << t;
      // It accepts exactly what reaches the smaller of its next target and next offer.
      Agent judge(AgentKind::linear, mediate::agent_scenario(s, p), p, table, 10);
      Agent peek(AgentKind::linear, mediate::agent_scenario(s, p), p, table, 10);
      const Rational next = peek.utility(peek.propose(t + 1));
      const Rational& reservation = s.preferences[static_cast<std::size_t>(p)]->reservation;
      const Rational bar = std::max(std::min(next, judge.target(t + 1)), reservation);
      for (std::size_t k = 0; k < table->size(); ++k) {
        EXPECT_EQ(judge.accepts(table->outcome(k), t), all[k] >= bar)
            << "party " << p << " round " << t << " row " << k;
      }
    }
  }
  NegotiateRequest q;
  q.agents = {AgentKind::boulware, AgentKind::conceder};
  q.rounds = 20;
  Result<NegotiateResponse> r = negotiate(s, q);
  ASSERT_TRUE(r) << r.errors().front().message;
  ASSERT_TRUE(r.value().agreement);
  EXPECT_EQ(r.value().package_utilities, u.utilities(*r.value().outcome));
  EXPECT_FALSE(r.value().verified.empty());
}

TEST(Agents, AcceptAtLeastTheirNextOfferAndNeverBelowReservation) {
  const Scenario s = read(kFineCake);
  auto table = table_of(s);
  Agent a(AgentKind::linear, mediate::agent_scenario(s, 0), 0, table, 10);
  // Round 4: the next target is 1 - 0.8 * 0.5 = 0.6.
  EXPECT_TRUE(a.accepts(cake(s, Rational(6, 10)), 4));
  EXPECT_FALSE(a.accepts(cake(s, Rational(599, 1000)), 4));
  // The last round: anything at its reservation, nothing below.
  EXPECT_TRUE(a.accepts(cake(s, Rational(1, 5)), 9));
  EXPECT_FALSE(a.accepts(cake(s, Rational(199, 1000)), 9));
  Agent h(AgentKind::hardliner, mediate::agent_scenario(s, 0), 0, table, 10);
  EXPECT_EQ(h.utility(h.propose(9)), Rational(1));
  EXPECT_FALSE(h.accepts(cake(s, Rational(999, 1000)), 9));
  EXPECT_TRUE(h.accepts(cake(s, Rational(1)), 9));
}

TEST(Agents, TitForTatMirrorsTheRelativeConcession) {
  const Scenario s = read(kFineCake);
  auto table = table_of(s);
  Agent a(AgentKind::tit_for_tat, mediate::agent_scenario(s, 0), 0, table, 10);
  EXPECT_EQ(a.utility(a.propose(0)), Rational(1));
  a.observe(1, cake(s, Rational(0)));
  a.observe(1, cake(s, Rational(1, 2)));  // b closed half the gap to a's best
  // a concedes half of what is left above its reservation: 1 - (1 - 0.2) / 2.
  EXPECT_EQ(a.utility(a.propose(2)), Rational(3, 5));
  a.observe(1, cake(s, Rational(1, 2)));  // no concession: a holds
  EXPECT_EQ(a.utility(a.propose(4)), Rational(3, 5));
  a.observe(1, cake(s, Rational(3, 4)));  // half of the remaining 0.5
  EXPECT_EQ(a.utility(a.propose(6)), Rational(2, 5));
}

TEST(Agents, NashSeekerOffersTheEstimatedNashPackage) {
  const Scenario s = read(kIntegrative);
  auto table = table_of(s);
  Agent a(AgentKind::nash_seeker, mediate::agent_scenario(s, 0), 0, table, 10);
  auto outcome = [&](Holder x, Holder y) {
    Outcome o(2);
    o[0].holder = x;
    o[1].holder = y;
    return o;
  };
  EXPECT_EQ(a.propose(0), outcome(0, 0));  // nothing known of b: a's best
  // b keeps y every time and moves on x: y weighs 3/4 for b, x 1/4.
  a.observe(1, outcome(1, 1));
  a.observe(1, outcome(0, 1));
  a.observe(1, outcome(1, 1));
  // Estimated products: (x a, y b) 0.7 * 0.875 beats (a, a) 1 * 0.125.
  EXPECT_EQ(a.propose(2), outcome(0, 1));
  EXPECT_TRUE(a.accepts(outcome(0, 1), 3));
  EXPECT_FALSE(a.accepts(outcome(1, 1), 3));
}

TEST(Negotiate, BoulwareFacingConcederEndsAtLeastAsWellOff) {
  const Scenario s = read(kSymmetric);
  for (int first : {0, 1}) {
    for (int boulware : {0, 1}) {
      NegotiateRequest q;
      q.agents = {AgentKind::conceder, AgentKind::conceder};
      q.agents[static_cast<std::size_t>(boulware)] = AgentKind::boulware;
      q.rounds = 30;
      q.first = first;
      Result<NegotiateResponse> r = negotiate(s, q);
      ASSERT_TRUE(r.ok()) << r.errors().front().message;
      ASSERT_TRUE(r.value().agreement);
      const auto& u = r.value().utilities;
      const auto b = static_cast<std::size_t>(boulware);
      EXPECT_GE(u[b], u[1 - b]) << "first " << first << " boulware " << boulware;
      EXPECT_GT(u[b], Rational(1, 2)) << "first " << first << " boulware " << boulware;
    }
  }
}

TEST(Negotiate, SameSeedSameTranscript) {
  const Scenario s = read(kSymmetric);
  for (Protocol protocol : {Protocol::alternating, Protocol::single_text}) {
    NegotiateRequest q{.protocol = protocol, .agents = {AgentKind::linear, AgentKind::nash_seeker}, .rounds = 40,
                       .seed = 17};
    const NegotiateResponse one = negotiate(s, q).value();
    const NegotiateResponse two = negotiate(s, q).value();
    ASSERT_FALSE(one.offers.empty());
    ASSERT_EQ(one.offers.size(), two.offers.size());
    for (std::size_t k = 0; k < one.offers.size(); ++k) {
      EXPECT_EQ(one.offers[k].round, two.offers[k].round);
      EXPECT_EQ(one.offers[k].from, two.offers[k].from);
      EXPECT_EQ(one.offers[k].outcome, two.offers[k].outcome);
    }
    EXPECT_EQ(one.outcome, two.outcome);
    EXPECT_EQ(one.utilities, two.utilities);
  }
  // The mediator's texts do depend on the seed.
  NegotiateRequest q{.protocol = Protocol::single_text, .agents = {AgentKind::linear, AgentKind::linear},
                     .rounds = 40, .seed = 1};
  const NegotiateResponse a = negotiate(s, q).value();
  q.seed = 2;
  const NegotiateResponse b = negotiate(s, q).value();
  bool differ = a.offers.size() != b.offers.size();
  for (std::size_t k = 0; !differ && k < a.offers.size(); ++k) differ = !(a.offers[k].outcome == b.offers[k].outcome);
  EXPECT_TRUE(differ);
}

TEST(Negotiate, AnAgentIsBuiltFromItsOwnPreferencesAlone) {
  Scenario s = read(kSymmetric);
  s.preferences[1]->issues[0].weight = Rational(1);  // b now differs from a
  const Scenario own = mediate::agent_scenario(s, 0);
  for (const auto& slot : own.preferences) {
    ASSERT_TRUE(slot.has_value());
    EXPECT_EQ(*slot, *s.preferences[0]);
    EXPECT_NE(*slot, *s.preferences[1]);
  }
  for (const auto& slot : mediate::public_terms(s).preferences) EXPECT_FALSE(slot.has_value());
  auto table = table_of(s);
  // Handing an agent the whole scenario is refused.
  EXPECT_THROW(Agent(AgentKind::linear, s, 0, table, 10), std::invalid_argument);
  // And what b wants changes nothing a does on their own.
  Scenario other = s;
  other.preferences[1]->issues[2].weight = Rational(9);
  Agent a1(AgentKind::linear, mediate::agent_scenario(s, 0), 0, table, 10);
  Agent a2(AgentKind::linear, mediate::agent_scenario(other, 0), 0, table_of(other), 10);
  for (int t = 0; t < 10; ++t) EXPECT_EQ(a1.propose(t), a2.propose(t));
  // Candidates built once and shared (as a tournament does): the same agent,
  // and only for the party and preferences they were built from.
  auto mine = mediate::party_candidates(mediate::agent_scenario(s, 0), 0, table);
  Agent shared(AgentKind::linear, mediate::agent_scenario(s, 0), 0, mine, 10);
  Agent fresh(AgentKind::linear, mediate::agent_scenario(s, 0), 0, table, 10);
  for (int t = 0; t < 10; ++t) EXPECT_EQ(shared.propose(t), fresh.propose(t));
  EXPECT_THROW(Agent(AgentKind::linear, mediate::agent_scenario(s, 1), 1, mine, 10), std::invalid_argument);
  EXPECT_THROW(mediate::party_candidates(s, 0, table), std::invalid_argument);
}

TEST(Negotiate, LargeSpacesAreSampledAndSaySo) {
  const Scenario s = read(kSymmetric);
  NegotiateRequest q{.agents = {AgentKind::linear, AgentKind::conceder}, .rounds = 20, .seed = 3};
  q.enumerate_up_to = 10;
  q.sample = 30;
  const NegotiateResponse r = negotiate(s, q).value();
  EXPECT_TRUE(r.candidates_sampled);
  EXPECT_EQ(r.candidate_count, 30U);
  EXPECT_NE(r.candidates.find("a random sample of 30 packages that meet the rules and agreed terms, drawn from the 84 "
                              "the issues allow"),
            std::string::npos)
      << r.candidates;
  ASSERT_TRUE(r.agreement);
  EXPECT_GE(r.package_utilities[0], Rational(1, 10));
}

TEST(Negotiate, DelayAndRealCostsCountTheRoundsWithoutAgreement) {
  Scenario s = read(kFineCake);
  s.preferences[0]->delay_cost = Rational(1, 100);
  s.preferences[1]->reservation = Rational(0);
  s.dynamics.costs_of_delay.push_back({"soldiers killed", Rational(2500), "", ""});
  NegotiateRequest q{.agents = {AgentKind::hardliner, AgentKind::boulware}, .rounds = 11};
  const NegotiateResponse r = negotiate(s, q).value();
  // The hardliner never moves, and Boulware gives in only in the last round
  // (10, the hardliner's turn), when its next target is its reservation.
  ASSERT_TRUE(r.agreement);
  EXPECT_EQ(r.round, 10);
  EXPECT_EQ(r.offers.size(), 11U);
  EXPECT_EQ(r.package_utilities[0], Rational(1));
  EXPECT_EQ(r.utilities[0], Rational(1) - Rational(10, 100));
  EXPECT_EQ(r.utilities[1], Rational(0));
  ASSERT_EQ(r.real_costs.size(), 1U);
  EXPECT_EQ(r.real_costs[0].total, Rational(25000));
  EXPECT_EQ(r.pareto_distance, 0.0);
}

RC_GTEST_PROP(NegotiateProperty, AgreementsAreFeasibleAndIndividuallyRational, ()) {
  const Scenario s = *test::gen_scenario({.min_parties = 2, .max_parties = 3, .max_issues = 4, .rules = true,
                                          .all_preferences = true});
  NegotiateRequest q;
  q.protocol = *rc::gen::element(Protocol::alternating, Protocol::single_text);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    q.agents.push_back(*rc::gen::element(AgentKind::boulware, AgentKind::linear, AgentKind::conceder,
                                         AgentKind::hardliner, AgentKind::tit_for_tat, AgentKind::nash_seeker));
  }
  q.rounds = *rc::gen::inRange(1, 25);
  q.seed = *rc::gen::arbitrary<std::uint32_t>();
  q.first = *rc::gen::inRange(0, static_cast<int>(s.parties.size()));
  if (*rc::gen::arbitrary<bool>()) {
    q.enumerate_up_to = 8;  // the sampled path
    q.sample = 16;
  }
  q.distances = false;
  Result<NegotiateResponse> r = negotiate(s, q);
  if (!r.ok()) {
    RC_PRE(r.failure().kind != FailureKind::unsupported);
    RC_FAIL(r.errors().front().message);
  }
  const NegotiateResponse& n = r.value();
  if (!n.agreement) return;
  for (const ConstraintCheck& c : check_constraints(s, *n.outcome)) RC_ASSERT(c.holds);
  const Utilities u(s);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    RC_ASSERT(u.utility(static_cast<int>(p), *n.outcome) >= s.preferences[p]->reservation);
  }
}

TEST(Tournament, RowsShardsAndJobs) {
  std::vector<TournamentEntry> entries{{"sym", read(kSymmetric)}, {"cake", read(kFineCake)},
                                       {"x", read(kIntegrative)}};
  TournamentRequest q{.agents = {AgentKind::boulware, AgentKind::conceder, AgentKind::nash_seeker}, .rounds = 15,
                      .repetitions = 2, .seed = 5};
  const TournamentResponse whole = tournament(entries, q).value();
  ASSERT_EQ(whole.total_rows, 3U * 9U * 2U);
  ASSERT_EQ(whole.rows.size(), whole.total_rows);
  auto same = [](const TournamentRow& a, const TournamentRow& b) {
    return a.index == b.index && a.scenario == b.scenario && a.agents == b.agents && a.repetition == b.repetition &&
           a.agreement == b.agreement && a.round == b.round && a.utilities == b.utilities &&
           a.pareto_distance == b.pareto_distance && a.nash_distance == b.nash_distance;
  };
  EXPECT_EQ(whole.rows[0].agents, (std::vector<AgentKind>{AgentKind::boulware, AgentKind::boulware}));
  EXPECT_EQ(whole.rows[2].agents, (std::vector<AgentKind>{AgentKind::boulware, AgentKind::conceder}));
  EXPECT_EQ(whole.rows[1].repetition, 2);
  // Shards: disjoint, in order, together the whole.
  std::vector<TournamentRow> joined;
  for (int shard = 1; shard <= 4; ++shard) {
    TournamentRequest part = q;
    part.shard = shard;
    part.shards = 4;
    TournamentResponse slice = tournament(entries, part).value();
    for (TournamentRow& row : slice.rows) joined.push_back(std::move(row));
  }
  ASSERT_EQ(joined.size(), whole.rows.size());
  for (std::size_t k = 0; k < joined.size(); ++k) {
    EXPECT_TRUE(same(joined[k], whole.rows[k])) << k << " " << joined[k].index << " " << whole.rows[k].index << " "
                                                << joined[k].agreement << whole.rows[k].agreement;
  }
  TournamentRequest two = q;
  two.jobs = 2;
  const TournamentResponse parallel = tournament(entries, two).value();
  ASSERT_EQ(parallel.rows.size(), whole.rows.size());
  for (std::size_t k = 0; k < parallel.rows.size(); ++k) EXPECT_TRUE(same(parallel.rows[k], whole.rows[k])) << k;
}

// A call whose clock started 5 s before a 1 s limit has no time to prepare
// the scenario: negotiate() stops before any offer and says so, and the
// tournament keeps no row; with time, both run (issue 16: the preparation
// ignored --time-limit).
TEST(Negotiate, TheTimeLimitBoundsThePreparation) {
  const Scenario s = read(kSymmetric);
  const auto started = std::chrono::steady_clock::now() - std::chrono::seconds(5);
  NegotiateRequest q{
      .agents = {AgentKind::linear, AgentKind::conceder}, .rounds = 20, .time_limit = 1, .started = started};
  const NegotiateResponse late = negotiate(s, q).value();
  EXPECT_TRUE(late.stopped);
  EXPECT_FALSE(late.agreement);
  EXPECT_TRUE(late.offers.empty());
  EXPECT_EQ(late.rounds_played, 0);
  EXPECT_EQ(late.utilities, (std::vector<Rational>{Rational(1, 10), Rational(1, 10)}));
  EXPECT_GE(late.seconds, 5);
  // prepare() itself gives up: no frontier is listed on a table cut short.
  const mediate::Prepared p = mediate::prepare(s, {}, 0, true, Deadline::after(started, 1)).value();
  EXPECT_TRUE(p.stopped);
  EXPECT_TRUE(p.frontier.empty());
  EXPECT_FALSE(mediate::prepare(s, {}, 0, true, Deadline::none()).value().stopped);
  q.started = std::nullopt;
  q.time_limit = 60;
  const NegotiateResponse in_time = negotiate(s, q).value();
  EXPECT_FALSE(in_time.stopped);
  EXPECT_TRUE(in_time.agreement);

  std::vector<TournamentEntry> entries{{"sym", s}, {"cake", read(kFineCake)}};
  TournamentRequest t{.agents = {AgentKind::boulware, AgentKind::conceder}, .rounds = 10, .time_limit = 1,
                      .started = started};
  const TournamentResponse none = tournament(entries, t).value();
  EXPECT_TRUE(none.stopped);
  EXPECT_TRUE(none.rows.empty());
  EXPECT_EQ(none.total_rows, 8U);
  t.started = std::nullopt;
  t.time_limit = 60;
  const TournamentResponse all = tournament(entries, t).value();
  EXPECT_FALSE(all.stopped);
  EXPECT_EQ(all.rows.size(), 8U);
}

}  // namespace
}  // namespace parley
