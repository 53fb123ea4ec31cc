// solve --method alternating: backward induction on the exact frontier of
// every feasible outcome (alternating.h says why that frontier is enough).
#include "parley/mediate/alternating.h"

#include <fmt/format.h>

#include <algorithm>

#include "parley/analysis/utility.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/no_deal.h"

namespace parley::mediate {

namespace {

using Vec = std::vector<Rational>;

// The points form a two-party staircase: U_1 strictly falling, U_2 strictly rising.
bool staircase(const std::vector<Vec>& points) {
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (points[k].size() != 2) return false;
    if (k > 0 && !(points[k - 1][0] > points[k][0] && points[k - 1][1] < points[k][1])) return false;
  }
  return true;
}

// The proposer's choice among the points every responder accepts (U_j >=
// threshold_j), or -1 when there is none. On a staircase one responder's
// acceptable points are an interval that ends where the proposer does best.
std::int64_t choose_on_staircase(const std::vector<Vec>& points, int proposer, const Rational& threshold) {
  const int responder = 1 - proposer;
  if (proposer == 0) {
    // U_2 rises: the acceptable points are a suffix, whose first point pays party 1 most.
    auto it = std::partition_point(points.begin(), points.end(),
                                   [&](const Vec& u) { return u[static_cast<std::size_t>(responder)] < threshold; });
    return it == points.end() ? -1 : it - points.begin();
  }
  // U_1 falls: the acceptable points are a prefix, whose last point pays party 2 most.
  auto it = std::partition_point(points.begin(), points.end(),
                                 [&](const Vec& u) { return u[static_cast<std::size_t>(responder)] >= threshold; });
  return it - points.begin() - 1;
}

std::int64_t choose_by_scan(const std::vector<Vec>& points, const Vec& totals, std::size_t proposer,
                            const Vec& thresholds, const Deadline& deadline, bool& stopped) {
  std::int64_t best = -1;
  const std::size_t n = thresholds.size();
  for (std::size_t k = 0; k < points.size(); ++k) {
    if ((k & 0xffff) == 0xffff && deadline.expired()) {
      stopped = true;
      return -1;
    }
    const Vec& u = points[k];
    bool accepted = true;
    for (std::size_t j = 0; j < n && accepted; ++j) accepted = j == proposer || u[j] >= thresholds[j];
    if (!accepted) continue;
    if (best < 0) {
      best = static_cast<std::int64_t>(k);
      continue;
    }
    const Vec& b = points[static_cast<std::size_t>(best)];
    // The proposer's utility, then (it being equal) the sum of all, which
    // orders the responders' sums alike, then the vector itself.
    if (u[proposer] != b[proposer] ? u[proposer] > b[proposer]
        : totals[k] != totals[static_cast<std::size_t>(best)] ? totals[k] > totals[static_cast<std::size_t>(best)]
                                                                : u > b) {
      best = static_cast<std::int64_t>(k);
    }
  }
  return best;
}

}  // namespace

std::vector<Rational> payoff_of_agreement(const std::vector<Rational>& utilities, const AlternatingGame& game, int t) {
  Vec out;
  for (std::size_t p = 0; p < utilities.size(); ++p) out.push_back(utilities[p] - game.delay_costs[p] * t);
  return out;
}

Induction backward_induction(const std::vector<Vec>& points, const AlternatingGame& game, const Deadline& deadline) {
  const std::size_t n = game.reservations.size();
  const bool two = n == 2 && staircase(points);
  Vec totals;
  if (!two) {
    for (const Vec& u : points) {
      Rational sum = 0;
      for (const Rational& x : u) sum += x;
      totals.push_back(std::move(sum));
    }
  }
  Induction out;
  out.accepted.assign(static_cast<std::size_t>(game.periods), -1);
  // V: the payoffs of the subgame from period t+1, starting past the deadline.
  Vec value;
  for (std::size_t p = 0; p < n; ++p) value.push_back(game.reservations[p] - game.delay_costs[p] * game.periods);
  std::optional<int> period;
  std::optional<std::size_t> point;
  Vec thresholds(n);
  for (int t = game.periods - 1; t >= 0; --t) {
    if (deadline.expired()) return Induction{.complete = false};
    const std::size_t proposer = static_cast<std::size_t>((game.first + t) % static_cast<int>(n));
    // Responder j accepts o in t when U_j(o) - t c_j >= V_j, i.e. U_j(o) >= V_j + t c_j.
    for (std::size_t j = 0; j < n; ++j) thresholds[j] = value[j] + game.delay_costs[j] * t;
    std::int64_t best;
    if (two) {
      best = choose_on_staircase(points, static_cast<int>(proposer), thresholds[1 - proposer]);
    } else {
      bool stopped = false;
      best = choose_by_scan(points, totals, proposer, thresholds, deadline, stopped);
      if (stopped) return Induction{.complete = false};
    }
    if (best < 0) continue;  // nothing acceptable: whatever is offered is refused
    const Vec& u = points[static_cast<std::size_t>(best)];
    // Waiting pays V_proposer; the best acceptable offer pays U - t c. Ties offer.
    if (u[proposer] - game.delay_costs[proposer] * t < value[proposer]) continue;
    out.accepted[static_cast<std::size_t>(t)] = best;
    if (t == 0) out.continuation = value;
    value = payoff_of_agreement(u, game, t);
    period = t;
    point = static_cast<std::size_t>(best);
  }
  if (out.continuation.empty()) {
    // No agreement in period 0: the continuation is what period 1 leads to,
    // which is the equilibrium's payoff itself (nothing changes in period 0).
    out.continuation = value;
  }
  out.value = std::move(value);
  out.period = period;
  out.point = point;
  return out;
}

namespace {

std::string periods_text(Period period, const Rational& count) {
  const std::string unit(period_name(period));
  return count == 1 ? "1 " + unit : count.str() + " " + unit + "s";
}

std::string party_list(const Scenario& s, const std::vector<std::size_t>& parties) {
  std::string out;
  for (std::size_t k = 0; k < parties.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == parties.size() ? " and " : ", ") + s.party_name(static_cast<int>(parties[k]));
  }
  return out;
}

// The game in one sentence: who proposes when, what delay costs.
std::string game_sentence(const Scenario& s, const AlternatingGame& g) {
  const std::size_t n = s.parties.size();
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < n; ++k) order.push_back((static_cast<std::size_t>(g.first) + k) % n);
  std::string costs;
  for (std::size_t p = 0; p < n; ++p) {
    costs += (p == 0 ? "" : ", ") + s.parties[p].id + " " + num(g.delay_costs[p]);
  }
  const std::string unit(period_name(s.period));
  const std::string opening = fmt::format("Alternating offers over {}: {} proposes first, then {} in turn; ",
                                          periods_text(s.period, g.periods), s.party_name(g.first),
                                          party_list(s, {order.begin() + 1, order.end()}));
  if (std::all_of(g.delay_costs.begin(), g.delay_costs.end(), [](const Rational& c) { return c.is_zero(); })) {
    return opening + "no party has a delay cost, so waiting costs nothing, and no agreement after the last leaves "
                     "each party their reservation.";
  }
  return opening + fmt::format("each {} without agreement costs {} (in utility), and no agreement after the last "
                               "leaves each party their reservation less {} of those costs.",
                               unit, costs, periods_text(s.period, g.periods));
}

void explain_agreement(const Scenario& s, const AlternatingGame& g, const Induction& e, const Vec& utilities,
                       std::size_t frontier_size, SolveResponse& r) {
  const std::size_t n = s.parties.size();
  const int t = *e.period;
  const std::size_t proposer = static_cast<std::size_t>((g.first + t) % static_cast<int>(n));
  const std::string unit(period_name(s.period));
  r.explanation.push_back(game_sentence(s, g));
  if (t == 0) {
    r.explanation.push_back("In the subgame-perfect equilibrium " + s.party_name(static_cast<int>(proposer)) +
                            " proposes this package at once and every other party accepts: no " + unit +
                            " is lost.");
  } else {
    r.explanation.push_back(fmt::format(
        "In the subgame-perfect equilibrium no offer is accepted before {} {}: until then every proposer would rather "
        "wait; then {} proposes this package and every other party accepts.",
        unit, t + 1, s.party_name(static_cast<int>(proposer))));
  }
  const Vec payoff = payoff_of_agreement(utilities, g, t);
  // Why each responder accepts the first offer: refusing leads to the
  // continuation, which (with delay costs) pays them less.
  if (t == 0) {
    for (std::size_t j = 0; j < n; ++j) {
      if (j == proposer) continue;
      const Rational& waiting = e.continuation[j];
      r.explanation.push_back(
          payoff[j] > waiting
              ? fmt::format("{} accepts because refusing would leave them {} (what the game from the next {} gives "
                            "them, a {} of delay costing them {}), against {} from accepting now.",
                            s.party_name(static_cast<int>(j)), num(waiting), unit, unit, num(g.delay_costs[j]),
                            num(payoff[j]))
              : fmt::format("{} accepts: refusing would leave them {}, no more than the {} this package gives them "
                            "(an offer that pays as much as refusing is accepted).",
                            s.party_name(static_cast<int>(j)), num(waiting), num(payoff[j])));
    }
  }
  if (t == 0) {
    r.explanation.push_back(fmt::format(
        "{} asks for as much as the others will accept: {} for themselves, against {} if this first offer were "
        "refused.",
        s.party_name(static_cast<int>(proposer)), num(payoff[proposer]), num(e.continuation[proposer])));
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (!(utilities[p] < g.reservations[p])) continue;
    r.explanation.push_back(fmt::format(
        "{} settles below their reservation ({} against {}): holding out costs them {} a {}, and no agreement after "
        "{} would leave them {}.",
        s.party_name(static_cast<int>(p)), num(utilities[p]), num(g.reservations[p]), num(g.delay_costs[p]), unit,
        periods_text(s.period, g.periods), num(g.reservations[p] - g.delay_costs[p] * g.periods)));
  }
  r.explanation.push_back(fmt::format(
      "Computed exactly by backward induction from the last {}: in each {} the proposer's best offer among the {} "
      "efficient packages of every feasible outcome (the exact Pareto frontier, reservations not imposed: only "
      "efficient packages can be equilibrium offers).",
      unit, unit, frontier_size));
}

}  // namespace

Result<std::vector<Rational>> solve_alternating(const Scenario& s, const SolveRequest& request,
                                                const Deadline& deadline, SolveResponse& r) {
  const std::size_t n = s.parties.size();
  auto refuse = [](const std::string& why) {
    return Failure{"", {Diagnostic{"", why}}, FailureKind::unsupported};
  };
  if (n < 2 || n > 5) {
    return refuse(fmt::format("--method alternating handles 2 to 5 parties; this scenario has {}", n));
  }
  if (request.periods < 1) return refuse(fmt::format("--periods must be at least 1, not {}", request.periods));
  if (request.first < 0 || request.first >= static_cast<int>(n)) {
    return refuse(fmt::format("--first must name a party (0 to {}), not {}", n - 1, request.first));
  }
  AlternatingGame game;
  game.periods = request.periods;
  game.first = request.first;
  game.reservations = reservations_of(s);
  for (std::size_t p = 0; p < n; ++p) game.delay_costs.push_back(s.preferences[p]->delay_cost);

  r.engine = "frontier";
  pareto::FrontierOptions fo;
  fo.individually_rational = false;
  fo.time_limit = deadline.seconds();
  Result<pareto::Frontier> computed = pareto::pareto_frontier(s, fo, "");
  if (!computed) return computed.failure();
  const pareto::Frontier& f = computed.value();
  if (f.status() == pareto::FrontierStatus::too_large) {
    return refuse("--method alternating needs the exact frontier of every feasible outcome, which cannot be listed "
                  "here: " + f.note());
  }
  AlternatingPlay play;
  play.periods = game.periods;
  play.first = game.first;
  if (f.status() == pareto::FrontierStatus::time_limit) {
    r.status = SolveStatus::time_limit;
    r.note = "the frontier of every feasible outcome was not listed before the time limit: " + f.note();
    r.alternating = std::move(play);
    return Vec{};
  }
  std::vector<Vec> points;
  for (std::size_t k = 0; k < f.size(); ++k) points.push_back(f.utilities(k));
  play.frontier_size = points.size();
  const Induction e = backward_induction(points, game, deadline);
  if (!e.complete) {
    r.status = SolveStatus::time_limit;
    r.note = fmt::format("the backward induction over {} and {} efficient packages did not finish before the time "
                         "limit",
                         periods_text(s.period, game.periods), points.size());
    r.alternating = std::move(play);
    return Vec{};
  }
  play.period = e.period;
  play.continuation = e.continuation;
  // The plan with each distinct offer's package once.
  std::vector<std::int64_t> seen;
  for (std::int64_t k : e.accepted) {
    if (k < 0) {
      play.plan.push_back(-1);
      continue;
    }
    auto at = std::find(seen.begin(), seen.end(), k);
    if (at == seen.end()) {
      seen.push_back(k);
      play.offers.push_back(f.outcome(static_cast<std::size_t>(k)));
      at = seen.end() - 1;
    }
    play.plan.push_back(static_cast<std::int32_t>(at - seen.begin()));
  }
  r.alternating = std::move(play);
  if (!e.period) {
    // No agreement at all: then no outcome meets every reservation (an
    // acceptable one would be agreed in the last period at the latest), and
    // the no-deal explanation (a conflict among the demands) applies.
    r.explanation.push_back(game_sentence(s, game));
    r.explanation.push_back(
        "In the subgame-perfect equilibrium no offer is ever accepted: in every " + std::string(period_name(s.period)) +
        " the proposer would rather wait than offer what the others accept.");
    explain_no_deal(s, deadline, {request.contiguity, false}, r);
    return Vec{};
  }
  r.status = SolveStatus::optimal;
  const Vec& utilities = points[*e.point];
  r.outcome = f.outcome(*e.point);
  r.evaluation = evaluate_outcome(s, *r.outcome, "", deadline).value();  // preferences were checked before
  explain_agreement(s, game, e, utilities, points.size(), r);
  return utilities;
}

}  // namespace parley::mediate
