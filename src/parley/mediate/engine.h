// The engine's entry points: plain-data requests in, verified plain-data
// responses out. Every front end (the `parley` command, the room server, the
// Python module) calls these and nothing below them.
//
//   Scenario s = read_scenario_file("ceasefire.json").value();     // io/scenario_reader.h
//   Result<SolveResponse> r = solve(s, {.method = Method::nash, .time_limit = 10});
//   if (!r) report(r.failure());                                    // bad input, unsupported, internal
//   else if (r.value().status == SolveStatus::optimal)
//     for (const std::string& sentence : r.value().explanation) std::cout << sentence << '\n';
//
// Two separate answers, as in HiGHS: whether the call worked (Result: the
// input was invalid or unsupported, or an answer failed verification, which
// is FailureKind::internal), and what was proved (the response's status:
// optimal, feasible before a time limit, infeasible, no zone of agreement,
// time limit with nothing found).
//
// Every response is re-checked before it is returned by code that shares
// nothing with the search that produced it (mediate/verify.h): the outcome
// lies in the issues' domains, every agreed term, rule and red line holds,
// the utilities are recomputed exactly, individual rationality and every
// property the response states (Pareto optimality, envy-freeness, EF1, EFX,
// proportionality, equitability, maximin share) are re-checked. The checks
// made are listed in `verified`.
//
// One time budget: `time_limit` bounds the whole call, every sub-search and
// the verification included (an overrun of at most max(0.5 s, 5%)). Without
// one nothing gives up on its own, except where the response says so. The
// budget and `seconds` count from `started` when it is given (a command sets
// it when it starts, so that reading its files counts), else from the call.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/analysis/evaluate.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/fairdiv/solve_goods.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"
#include "parley/optimise/package.h"

namespace parley {

// ---- solve ---------------------------------------------------------------

// When a call's clock started: by default when the call is made.
using CallStart = std::optional<std::chrono::steady_clock::time_point>;

struct SolveRequest {
  Method method = Method::nash;
  double time_limit = 0;  // seconds for the whole call; 0: none
  CallStart started;      // the moment time_limit and `seconds` count from
  // The package optimiser's formulation of `contiguous` rules.
  optimise::Contiguity contiguity = optimise::Contiguity::cuts;
  // Use the package optimiser (MIP) even where the exact frontier could be listed.
  bool force_optimiser = false;
  // alternating (docs/cli.md): the number of periods T (>= 1) and the first
  // proposer (a party index).
  int periods = 52;
  int first = 0;
  // robust (docs/cli.md): each raw weight may lie anywhere in
  // [w (1 - spread), w (1 + spread)]; 0 <= spread < 1.
  Rational spread = Rational(1, 5);
};

enum class SolveStatus {
  optimal,            // proved best under the method
  done,               // a fair-division procedure's result (aw, round-robin, envy-cycle): no optimality claimed
  feasible,           // a time limit stopped the proof; `gap` says how far it got, when known
  infeasible,         // no outcome satisfies the agreed terms, rules and red lines together
  no_agreement_zone,  // some do, but none gives every party at least its reservation
  time_limit,         // a time limit stopped the search before anything was found
};
std::string_view status_name(SolveStatus s);

// One demand of a minimal conflict ("why no deal").
struct ConflictElement {
  enum class Kind { red_line, rule, reservation };
  Kind kind = Kind::rule;
  int party = -1;  // red_line, reservation
  int index = -1;  // red_line (within the party), rule
  std::string pointer;      // /preferences/a/red_lines/0, /rules/3, /preferences/b/reservation
  std::string description;  // in words
};
std::string_view conflict_kind_name(ConflictElement::Kind k);

// alternating: the game played and its subgame-perfect equilibrium.
struct AlternatingPlay {
  int periods = 0;
  int first = 0;                       // the first proposer (party index)
  std::optional<int> period;           // when the equilibrium agrees (0 unless a proposer prefers to wait); nullopt: never
  std::vector<Rational> continuation;  // each party's payoff were the first offer rejected
  // The plan, for the verifier: per period, the index into `offers` of the
  // package proposed and accepted there were that period reached, or -1 when
  // the proposer's offer would be refused.
  std::vector<std::int32_t> plan;
  std::vector<Outcome> offers;
  std::size_t frontier_size = 0;  // efficient packages among every feasible outcome
};

// robust: each party's worst case over the weight box, for the package
// returned (mediate/robust.h).
struct RobustPlay {
  Rational spread;
  // Per party: the smallest gain over every weight vector of the box (the
  // gain over the status quo, under the same weights, for a party whose
  // reservation is "status_quo"), and the raw weights (one per issue) where
  // it is attained.
  std::vector<Rational> worst_case;
  std::vector<std::vector<Rational>> worst_weights;
  std::vector<bool> against_status_quo;
  // The Nash package's worst cases, for comparison (empty when there is no
  // Nash package, or it was not found in the time left).
  std::vector<Rational> nash_worst_case;
  std::optional<Outcome> nash;
  // Feasible, acceptable packages whose worst cases were computed; the others
  // were ruled out by bounds (robust.cpp).
  std::size_t packages = 0;
};

struct SolveResponse {
  Method method = Method::nash;
  SolveStatus status = SolveStatus::time_limit;

  // optimal, done, feasible: the package and everything said about it.
  std::optional<Outcome> outcome;
  std::optional<fairdiv::SplitItem> split;  // aw: the one divided item
  Evaluation evaluation;                    // utilities (exact, counting the split), gains, constraints, goods
  std::optional<bool> pareto_optimal;       // nullopt: not known (not proved, or not checked in time)
  std::optional<double> gap;                // feasible: proven relative gap, when known
  std::size_t frontier_size = 0;            // the efficient acceptable packages, when they were listed
  std::optional<AlternatingPlay> alternating;  // alternating: the game and its equilibrium
  std::optional<RobustPlay> robust;            // robust: the worst cases
  // knaster, compensation: what each party receives (> 0) or pays (< 0), in
  // `currency`, exactly; they sum to 0. evaluation.utilities count them as
  // payment / sum|w| (Utilities::scale), the format's unit, on top of the
  // package's utility.
  std::vector<Rational> payments;
  std::string currency;
  // compensation: with the payments no party prefers another's bundle and
  // payment (checked exactly, in money); knaster: every party ends with its
  // fair share plus the same bonus.
  std::optional<bool> envy_free_with_payments;

  // infeasible, no_agreement_zone: why there is no deal.
  std::vector<ConflictElement> conflict;  // a minimal set of demands that cannot hold together
  bool conflict_minimal = true;           // false: some check ran out of time; the set may not be minimal
  // Per conflict element, the package that shows it is needed: it meets every
  // other demand of the set (nullopt where a check ran out of time).
  // Verification re-checks them; not printed.
  std::vector<std::optional<Outcome>> conflict_witnesses;
  std::optional<Outcome> closest;         // no_agreement_zone: the package with the largest smallest gain
  std::vector<Rational> closest_utilities;
  // no_agreement_zone: per party, how far its reservation must come down
  // (at least this much) for a deal to exist, the others' as they are;
  // nullopt when lowering it alone is not enough (or could not be computed).
  std::vector<std::optional<Rational>> reservation_shortfall;

  // Each party's utility of the status quo with the agreed terms, when
  // together they name every issue (Scenario::status_quo_outcome).
  std::optional<std::vector<Rational>> status_quo;

  std::vector<std::string> explanation;  // plain sentences a mediator can repeat
  std::string engine;                    // "frontier", "package optimiser (cuts ...)", "fair division"
  std::string note;                      // what a time limit left unproved
  std::vector<std::string> verified;     // the checks made on this response, in words
  double seconds = 0;                    // the whole call
};

[[nodiscard]] Result<SolveResponse> solve(const Scenario& s, const SolveRequest& request);

// ---- frontier ------------------------------------------------------------

struct FrontierRequest {
  double time_limit = 0;  // seconds for the whole call; 0: none
  CallStart started;      // the moment time_limit and `seconds` count from
  // Outcomes are returned for the first `outcomes` points (and every marked
  // point); utilities for all. 0: every point's outcome. Either way no more
  // than fit in memory (FrontierResponse::with_outcomes).
  std::size_t outcomes = 0;
};

enum class FrontierStatus {
  complete,    // every point of the exact frontier
  incomplete,  // a time limit or a point cap stopped the MIP walk; the points given are exact frontier points
  time_limit,  // nothing found before the time limit
};
std::string_view status_name(FrontierStatus s);

struct FrontierPoint {
  std::vector<Rational> utilities;
  std::optional<Outcome> outcome;  // see FrontierRequest::outcomes
};

struct FrontierResponse {
  FrontierStatus status = FrontierStatus::complete;
  // One point per distinct utility vector, in decreasing lexicographic order
  // of the parties' utilities (the first party's first).
  std::vector<FrontierPoint> points;
  // Points 0 .. with_outcomes-1 carry their outcome (as asked, and as many as
  // fit in memory: note says when fewer), and so do the marked points.
  std::size_t with_outcomes = 0;
  // The points the bargaining solutions choose (indices into points); only
  // on a complete frontier.
  std::optional<std::size_t> nash, ks, egalitarian;
  // Each party's utility of the status quo with the agreed terms, when
  // together they name every issue (Scenario::status_quo_outcome).
  std::optional<std::vector<Rational>> status_quo;
  std::string engine;  // "frontier", or "package optimiser" (the MIP walk, two parties)
  int mips = 0;        // package optimiser: MIPs solved
  std::string note;
  std::vector<std::string> verified;
  double seconds = 0;
};

// The exact Pareto frontier of the feasible, individually rational outcomes.
// Fails (unsupported) for more than 5 parties, and for 3-5 parties when the
// space is too large to enumerate.
[[nodiscard]] Result<FrontierResponse> frontier(const Scenario& s, const FrontierRequest& request);

// ---- evaluate -------------------------------------------------------------

struct EvaluateRequest {
  double time_limit = 0;  // seconds for the whole call (the maximin-share search gives up first); 0: none
  CallStart started;      // the moment time_limit and `seconds` count from
  // Look for what beats the outcome (pareto_optimal, improvement,
  // closest_improvement); off for callers that only draw it.
  bool improvements = true;
};

// A feasible package every party likes at least as much as the evaluated
// outcome, and some party strictly more (docs/cli.md, "What beats this").
struct OutcomeImprovement {
  Outcome outcome;
  std::vector<Rational> utilities;
  std::vector<Rational> gains;  // over the evaluated outcome: U_p(improvement) - U_p(evaluated), all >= 0
  std::vector<int> changes;     // the issues whose value differs from the evaluated outcome's, in issue order
  // false: it beats the evaluated outcome, but that it is the best by its
  // order (the largest smallest gain, then the largest sum; closest: the
  // fewest changes first) is not proved (a time limit, or utilities finer
  // than the solver tells apart); `improvement_note` says why.
  bool proved = true;
};

struct EvaluateResponse {
  Evaluation evaluation;
  // Pareto optimal among the feasible outcomes (agreed terms, rules, red
  // lines; reservations play no part). An outcome that breaks a rule, red
  // line or agreed term is not: false. nullopt: not settled (a time limit,
  // or utilities finer than the package optimiser can prove anything on).
  std::optional<bool> pareto_optimal;
  // When pareto_optimal is false (or unsettled but a better package was
  // found): the improvement maximising the smallest gain over the evaluated
  // outcome, ties the largest sum of gains; and the one changing the fewest
  // issues, ties the largest smallest gain, then the largest sum. For an
  // infeasible outcome the same definition holds (a feasible package at
  // least as good for every party as the proposal, better for one); none
  // may exist, and then none is reported.
  std::optional<OutcomeImprovement> improvement;
  std::optional<OutcomeImprovement> closest_improvement;
  std::string improvement_note;          // what was left unsettled, and why
  std::vector<std::string> explanation;  // what beats the outcome, in sentences a mediator can repeat
  std::vector<std::string> verified;
  double seconds = 0;
};

[[nodiscard]] Result<EvaluateResponse> evaluate(const Scenario& s, const Outcome& o, const EvaluateRequest& request);

// ---- compare ----------------------------------------------------------------

// Several outcomes side by side: each evaluated as evaluate() does it, and
// which dominates which ([i, j]: outcome i at least as good as j for every
// party and better for one; indices into `outcomes`, in increasing order of
// i, then j). The time limit is shared by all the evaluations.
struct CompareResponse {
  std::vector<EvaluateResponse> outcomes;
  std::vector<std::pair<std::size_t, std::size_t>> dominates;
  std::vector<std::string> verified;
  double seconds = 0;
};

[[nodiscard]] Result<CompareResponse> compare(const Scenario& s, const std::vector<Outcome>& outcomes,
                                              const EvaluateRequest& request);

// ---- delay ----------------------------------------------------------------

// What time costs (docs/cli.md, "Time and negotiation dynamics"): per period
// without agreement, each party's utility cost (c = delay_cost) and the real
// costs the scenario names; when the zone of agreement closes; and how long
// an agreement stays acceptable while its terms shift the parties' no-deal
// positions (dynamics.shifts).
//
//   Result<DelayResponse> d = delay(s, {.horizon = 520});
//   if (d && d.value().zone_closes_after) say("closes after", *d.value().zone_closes_after);
struct DelayRequest {
  std::optional<Outcome> outcome;  // the agreement to test; none: the Nash package (solve)
  std::int64_t horizon = 520;      // H: periods looked at, >= 0
  double time_limit = 0;           // seconds for the whole call; 0: none
  CallStart started;
  // Search the zone with the package optimiser even where the exact frontier
  // could be listed (tests compare the two engines).
  bool force_optimiser = false;
};

// A package that keeps the zone of agreement open in periods first .. last:
// U_p(o) - t c_p >= r_p + t d_p for every party and every t in between.
struct ZoneWitness {
  std::int64_t first = 0;
  std::int64_t last = 0;
  Outcome outcome;
  std::vector<Rational> utilities;
};

struct DelayResponse {
  Period period = Period::round;
  std::int64_t horizon = 0;
  std::vector<Rational> delay_cost;         // c_p, per party
  std::vector<Rational> reservation_drift;  // d_p, per party
  std::vector<CostOfDelay> real;            // the scenario's costs_of_delay

  // The first period t in 0..H at which no feasible package has
  // U_p(o) - t c_p >= r_p + t d_p for every party (0: there is no zone even
  // now); nullopt when it stays open through H, or when zone_settled is false.
  std::optional<std::int64_t> zone_closes_after;
  // false: a time limit stopped the search; periods before zone_open_through
  // + 1 are known open, later ones unknown (note says so).
  bool zone_settled = true;
  std::int64_t zone_open_through = -1;
  std::vector<ZoneWitness> zone_witnesses;  // cover 0 .. zone_open_through, in order
  std::string zone_engine;                  // "frontier" or "package optimiser"

  // The agreement tested: the one given, else the Nash package (nullopt when
  // there is none: no zone of agreement, infeasible, or no package in time).
  std::optional<Outcome> outcome;
  bool outcome_given = false;
  SolveStatus nash_status = SolveStatus::optimal;  // without a given outcome: what solve said
  std::vector<Rational> utilities;        // of outcome
  std::vector<Rational> shift;            // per party: sum of the shifts that hold in outcome
  // The largest T <= H such that U_p(o) >= r_p + t shift_p for every party and
  // every t in 0..T; nullopt when it holds through H. -1: the outcome is not
  // acceptable to some party even now (t = 0).
  std::optional<std::int64_t> durable_for;
  std::optional<int> binding;             // the party whose condition fails first (first in party order on a tie)

  std::vector<std::string> explanation;   // sentences a mediator can repeat
  std::string note;                       // what a time limit left unsettled
  std::vector<std::string> verified;
  double seconds = 0;
};

// Fails (invalid input) when a party lacks preferences or the horizon is
// negative. A given outcome is measured as it is, even one that breaks a rule.
[[nodiscard]] Result<DelayResponse> delay(const Scenario& s, const DelayRequest& request);

// ---- negotiate --------------------------------------------------------------

// A simulated negotiation (docs/cli.md, "Time and negotiation dynamics"):
// one agent a party, each built from a scenario that holds that party's
// preferences alone, seeing only its own utilities and the offers made.
//
//   NegotiateRequest q{.protocol = Protocol::alternating,
//                      .agents = {AgentKind::boulware, AgentKind::conceder}, .rounds = 52, .seed = 7};
//   Result<NegotiateResponse> n = negotiate(s, q);
//   if (n && n.value().agreement) say("agreed in round", *n.value().round);
//
// Rounds count as periods: agreement on o in round t (t = 0 .. rounds-1)
// pays each party U_p(o) - t c_p (c = delay_cost); no agreement pays
// r_p - rounds c_p. Same request (seed included), same transcript.
enum class Protocol { alternating, single_text };
std::string_view protocol_name(Protocol p);  // "alternating", "single-text"
std::optional<Protocol> protocol_named(std::string_view name);

enum class AgentKind { boulware, linear, conceder, hardliner, tit_for_tat, nash_seeker };
std::string_view agent_name(AgentKind k);  // "boulware", ..., "tit-for-tat", "nash-seeker"
std::optional<AgentKind> agent_named(std::string_view name);

struct NegotiateRequest {
  Protocol protocol = Protocol::alternating;
  std::vector<AgentKind> agents;  // one per party, in party order
  int rounds = 52;                // N >= 1
  std::uint64_t seed = 0;
  int first = 0;                  // alternating: the party who proposes in round 0
  double time_limit = 0;          // seconds for the whole call; 0: none
  CallStart started;
  // Candidate outcomes: every outcome meeting the rules and agreed terms when
  // there are at most this many, else a seeded sample of `sample` of them
  // plus each agent's own ladder (docs: README, "parley negotiate").
  std::size_t enumerate_up_to = 100'000;
  std::size_t sample = 20'000;
  // Compute the distances to the frontier and the Nash point (the frontier of
  // every feasible outcome); off for callers that only want the transcript.
  bool distances = true;
};

struct NegotiationOffer {
  int round = 0;
  int from = -1;  // a party index; -1: the mediator (single-text)
  Outcome outcome;
};

// Per party: the real cost, in its units, of the rounds that passed.
struct RealCostTotal {
  std::string what;
  Rational total;
};

struct NegotiateResponse {
  Protocol protocol = Protocol::alternating;
  std::vector<AgentKind> agents;
  int rounds = 0;
  std::uint64_t seed = 0;

  bool agreement = false;
  std::optional<int> round;                // when they agreed
  std::optional<Outcome> outcome;          // what they agreed on
  std::vector<Rational> package_utilities;  // U_p of the agreement (empty without one)
  // What each party ends with: U_p(o) - t c_p, or r_p - rounds c_p without agreement.
  std::vector<Rational> utilities;
  std::vector<NegotiationOffer> offers;
  int rounds_played = 0;  // rounds that passed (the agreement's round + 1, else all)
  // Euclidean distance in utility space from the agreement's U_p to the
  // nearest point of the exact frontier of every feasible outcome, and to the
  // Nash point (solve --method nash); nullopt without an agreement, or when
  // the frontier could not be listed (note says so).
  std::optional<double> pareto_distance;
  std::optional<double> nash_distance;
  std::vector<RealCostTotal> real_costs;  // dynamics.costs_of_delay x rounds_played

  // The outcomes agents chose their offers from, in words, and how many.
  std::string candidates;
  bool candidates_sampled = false;
  std::size_t candidate_count = 0;
  bool stopped = false;  // the time limit ended the negotiation early

  std::vector<std::string> explanation;
  std::string note;
  std::vector<std::string> verified;
  double seconds = 0;
};

// Fails (invalid input) when a party lacks preferences, the agents do not
// match the parties, or rounds < 1; (unsupported) when an open issue has more
// than 1,000,000 outcomes. Utilities are exact whatever their denominators
// (Genius files included). The time limit bounds the preparation too: run
// out before the candidate table is whole and `stopped` is set with no offer.
[[nodiscard]] Result<NegotiateResponse> negotiate(const Scenario& s, const NegotiateRequest& request);

// ---- tournament --------------------------------------------------------------

// Every ordered assignment of the agents to the parties of every scenario
// (agents^parties of them, an agent may meet itself), `repetitions` times.
// Rows in a fixed order: scenario, then assignment (the first party's agent
// slowest, in the order the agents are given), then repetition; row k's seed
// is derived from (seed, k) alone, so --jobs and --shard change nothing in a
// row. Shard I of N runs the rows [(I-1)R/N, IR/N).
struct TournamentEntry {
  std::string name;  // as the CSV's scenario column says it
  Scenario scenario;
};

struct TournamentRequest {
  std::vector<AgentKind> agents;
  Protocol protocol = Protocol::alternating;
  int rounds = 52;
  int repetitions = 1;
  std::uint64_t seed = 0;
  int jobs = 1;
  int shard = 1;   // I, 1-based
  int shards = 1;  // N
  double time_limit = 0;
  CallStart started;
};

struct TournamentRow {
  std::size_t index = 0;  // in the whole tournament
  std::size_t scenario = 0;
  std::vector<AgentKind> agents;  // per party
  int repetition = 0;             // 1-based
  bool agreement = false;
  std::optional<int> round;
  std::vector<Rational> utilities;  // per party of the scenario, as NegotiateResponse::utilities
  std::optional<double> pareto_distance;
  std::optional<double> nash_distance;
  Rational social_welfare;  // sum of utilities
};

struct TournamentResponse {
  std::size_t total_rows = 0;      // of the whole tournament
  std::vector<TournamentRow> rows;  // this shard's, in order
  bool stopped = false;            // the time limit left rows out (the last ones)
  double seconds = 0;
};

[[nodiscard]] Result<TournamentResponse> tournament(const std::vector<TournamentEntry>& scenarios,
                                                    const TournamentRequest& request);

// ---- elicit ----------------------------------------------------------------

// Weights (and with `values` the value tables) for one party most consistent
// with their ranking of example packages (docs/cli.md, "What beats this, what
// if, how robust"), by linear programs on CLP after UTA (Jacquet-Lagrèze &
// Siskos 1982), rebuilt exactly and verified with the engine's utilities.
//
//   Ranking r{.packages = {o0, o1, o2}, .order = {{0}, {2}, {1}}};   // o0 best, o1 worst
//   Result<ElicitResponse> e = elicit(s, {.party = 0, .ranking = r});
//   if (e && e.value().reproduced) use(e.value().weights);           // exact, summing to 1
//
// The weights: when some weights reproduce the ranking (every group above the
// next, tied packages exactly equal), those that maximise the smallest gap
// between consecutive groups; otherwise those of least total error (UTA: each
// package's utility may be moved by an error, consecutive groups must stand
// 1/(100 (groups - 1)) apart, ties equal, and the sum of errors is minimised).
// Without `values` the value tables are the party's own in the scenario (the
// format's defaults when they have none); with it they are unknowns too:
// one number per holder class (own, joint, neutral, other), option or number
// seen in the packages, in [0, 1]; monotone only for a number issue whose
// curve in the scenario only rises or only falls (in that direction); a share
// is worth its fraction.
//
// A pair [i, j] (i ranked above j) is inconsistent when no weights (and with
// `values` no value tables) at all give i a higher utility than j: the pair
// alone cannot be ordered as given. A ranking can be unreproducible with no
// such pair (three pairs that cannot all hold); `misordered` then names the
// pairs the weights returned still get wrong.
struct Ranking {
  std::vector<Outcome> packages;       // complete (agreed terms filled in)
  std::vector<std::vector<int>> order;  // groups of indices into packages, best first
};

struct ElicitRequest {
  int party = 0;
  Ranking ranking;
  bool values = false;
  std::string source;  // names the ranking in diagnostics (its file)
};

struct ElicitResponse {
  int party = 0;
  bool values = false;
  std::vector<Rational> weights;  // per issue, normalised: >= 0, summing to exactly 1
  // Per issue: the elicited value tables (with `values`; the party's own
  // otherwise), as a Preferences ready to put in a scenario.
  Preferences preferences;
  // with `values`: per issue, whether a table was elicited (false: a share, or weight 0)
  std::vector<bool> elicited;
  bool reproduced = false;        // the weights order every group above the next, ties exactly equal
  std::optional<Rational> margin;  // reproduced: the smallest utility gap between consecutive groups
  std::vector<Rational> utilities;  // per package, under the weights returned
  std::vector<std::pair<int, int>> inconsistent;       // [i, j]: no weights rank i above j
  std::vector<std::pair<int, int>> inconsistent_ties;  // tied, but no weights make them equal
  std::vector<std::pair<int, int>> misordered;         // ranked i above j, but U(i) <= U(j) under the weights
  std::vector<std::pair<int, int>> unequal_ties;       // tied, but unequal under the weights
  std::vector<int> unvaried;      // issues with the same value in every package: the ranking says nothing of them
  std::vector<std::string> explanation;
  std::string note;
  std::vector<std::string> verified;
  double seconds = 0;
};

// Fails (invalid input) on a ranking that names no package or an unknown one,
// names one twice, or leaves one out, with a JSON Pointer into the ranking.
[[nodiscard]] Result<ElicitResponse> elicit(const Scenario& s, const ElicitRequest& request);

// ---- validate -------------------------------------------------------------

// What `parley validate` says about a valid scenario.
struct ScenarioSummary {
  std::size_t parties = 0;
  std::size_t issues = 0;
  std::string outcomes;        // "2.2e7" or exact when small
  double outcomes_log10 = 0;
  std::optional<std::string> outcomes_exact;
  std::string open_outcomes;   // with the agreed terms held fixed
  std::size_t agreed = 0;
  std::size_t rules = 0;
  std::size_t red_lines = 0;
  std::vector<int> parties_without_preferences;
};

ScenarioSummary summarise(const Scenario& s);

}  // namespace parley
