// negotiate(): a simulated negotiation between agents who each see only
// their own preferences and the offers made (docs/cli.md, "Time and
// negotiation dynamics"; agents.h for the agents).
//
// Protocols, rounds t = 0 .. N-1:
// - alternating: in round t the party (first + t) mod n proposes; every
//   other party sees the offer and accepts or refuses; all accept (and the
//   offer gives the proposer at least their reservation): agreement in round t.
// - single-text (Klein et al. 2003): the mediator starts from a random text
//   (a candidate outcome meeting the rules and agreed terms) and in each round
//   proposes one random one-issue amendment that keeps the rules; it is kept
//   when every party votes for it (a party votes for an amendment that does
//   not cost them, or that leaves them at least their concession threshold);
//   then the mediator asks whether every party agrees to the text as it
//   stands: all do, agreement in round t.
// One std::mt19937_64 seeded with the request's seed draws the sample of
// candidates and the mediator's texts, in a fixed order: same seed, same run.
#include "parley/mediate/negotiate.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/constraints.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/utility.h"
#include "parley/core/number_text.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/guard.h"

namespace parley {

std::string_view protocol_name(Protocol p) { return p == Protocol::alternating ? "alternating" : "single-text"; }

std::optional<Protocol> protocol_named(std::string_view name) {
  if (name == "alternating") return Protocol::alternating;
  if (name == "single-text") return Protocol::single_text;
  return std::nullopt;
}

std::string_view agent_name(AgentKind k) {
  switch (k) {
    case AgentKind::boulware: return "boulware";
    case AgentKind::linear: return "linear";
    case AgentKind::conceder: return "conceder";
    case AgentKind::hardliner: return "hardliner";
    case AgentKind::tit_for_tat: return "tit-for-tat";
    case AgentKind::nash_seeker: return "nash-seeker";
  }
  return "?";
}

std::optional<AgentKind> agent_named(std::string_view name) {
  for (AgentKind k : {AgentKind::boulware, AgentKind::linear, AgentKind::conceder, AgentKind::hardliner,
                      AgentKind::tit_for_tat, AgentKind::nash_seeker}) {
    if (agent_name(k) == name) return k;
  }
  return std::nullopt;
}

namespace mediate {

namespace {

double distance(const std::vector<double>& a, const std::vector<Rational>& b) {
  double sum = 0;
  for (std::size_t p = 0; p < a.size(); ++p) {
    const double d = a[p] - b[p].to_double();
    sum += d * d;
  }
  return std::sqrt(sum);
}

}  // namespace

Result<Prepared> prepare(const Scenario& s, const TableLimits& limits, std::uint64_t seed, bool distances,
                         const Deadline& deadline) {
  if (auto missing = missing_preferences(s, "negotiate"); !missing.empty()) return Failure{"", std::move(missing)};
  Prepared out;
  std::mt19937_64 rng(seed);
  Result<OutcomeTable> table = build_table(public_terms(s), limits, rng, deadline);
  if (!table) return table.failure();
  out.table = std::make_shared<const OutcomeTable>(std::move(table).value());
  if (out.table->stopped) {
    out.stopped = true;
    return out;
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    out.candidates.push_back(
        party_candidates(agent_scenario(s, static_cast<int>(p)), static_cast<int>(p), out.table));
  }
  if (!distances) return out;
  pareto::FrontierOptions fo;
  fo.individually_rational = false;
  fo.time_limit = deadline.keep(0.5).seconds();
  Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
  if (!f) return f.failure();
  if (f.value().status() != pareto::FrontierStatus::complete) {
    out.note = "the distances to the frontier and the Nash point are not given: the frontier of every feasible "
               "outcome could not be listed (" + f.value().note() + ")";
    return out;
  }
  std::vector<std::vector<Rational>> points;
  for (std::size_t k = 0; k < f.value().size(); ++k) {
    points.push_back(f.value().utilities(k));
    std::vector<double> d;
    for (const Rational& x : points.back()) d.push_back(x.to_double());
    out.frontier.push_back(std::move(d));
  }
  if (auto k = choose(points, reservations_of(s), Method::nash)) out.nash = out.frontier[*k];
  return out;
}

NegotiateResponse run_negotiation(const Scenario& s, const Prepared& prepared, const NegotiateRequest& request,
                                  const Deadline& deadline) {
  const std::size_t n = s.parties.size();
  NegotiateResponse r;
  r.protocol = request.protocol;
  r.agents = request.agents;
  r.rounds = request.rounds;
  r.seed = request.seed;
  const OutcomeTable& table = *prepared.table;
  r.candidates_sampled = table.sampled;
  r.candidate_count = table.size();
  const std::string space = table.space_exact ? amount(*table.space_exact) : "roughly " + table.space;
  r.candidates = table.sampled
                     ? fmt::format("a random sample of {} packages that meet the rules and agreed terms, drawn from the {} "
                                   "the issues allow, plus each agent's own best package and a descent from it, one "
                                   "issue at a time",
                                   amount(Rational(static_cast<std::int64_t>(table.size()))), space)
                     : fmt::format("every one of the {} packages that meet the rules and agreed terms",
                                   amount(Rational(static_cast<std::int64_t>(table.size()))));
  std::vector<Agent> agents;
  for (std::size_t p = 0; p < n; ++p) {
    if (prepared.candidates.size() == n) {
      agents.emplace_back(request.agents[p], agent_scenario(s, static_cast<int>(p)), static_cast<int>(p),
                          prepared.candidates[p], request.rounds);
    } else {
      agents.emplace_back(request.agents[p], agent_scenario(s, static_cast<int>(p)), static_cast<int>(p),
                          prepared.table, request.rounds);
    }
  }
  std::optional<Outcome> agreed;
  int t = 0;
  const bool anyone_can_offer =
      std::all_of(agents.begin(), agents.end(), [](const Agent& a) { return a.has_candidates(); });
  if (prepared.stopped || deadline.expired()) r.stopped = true;
  if (r.stopped) {
    // Nothing was offered: the time ran out while preparing.
  } else if (request.protocol == Protocol::alternating && anyone_can_offer) {
    for (; t < request.rounds; ++t) {
      if (deadline.expired()) {
        r.stopped = true;
        break;
      }
      const std::size_t proposer = (static_cast<std::size_t>(request.first) + static_cast<std::size_t>(t)) % n;
      Outcome offer = agents[proposer].propose(t);
      bool all = agents[proposer].acceptable(offer);
      for (std::size_t j = 0; j < n; ++j) {
        if (j == proposer) continue;
        agents[j].observe(static_cast<int>(proposer), offer);
        all = agents[j].accepts(offer, t) && all;
      }
      r.offers.push_back({t, static_cast<int>(proposer), offer});
      if (all) {
        agreed = std::move(offer);
        break;
      }
    }
  } else if (request.protocol == Protocol::single_text && table.size() > 0) {
    std::mt19937_64 rng(request.seed ^ 0x9e3779b97f4a7c15ULL);
    const Scenario pub = public_terms(s);
    Outcome text = table.outcome(rng() % table.size());
    r.offers.push_back({0, -1, text});
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < table.issues; ++i) {
      if (table.domains[i].size() > 1) open.push_back(i);
    }
    for (; t < request.rounds; ++t) {
      if (deadline.expired()) {
        r.stopped = true;
        break;
      }
      if (!open.empty()) {
        // One random amendment that keeps the rules (at most 20 tries).
        for (int attempt = 0; attempt < 20; ++attempt) {
          const std::size_t i = open[rng() % open.size()];
          const auto& domain = table.domains[i];
          Outcome amended = text;
          amended[i] = domain[rng() % domain.size()];
          if (amended[i] == text[i] || !meets_public_terms(pub, amended)) continue;
          r.offers.push_back({t, -1, amended});
          bool all = true;
          for (const Agent& a : agents) all = a.vote(text, amended, t) && all;
          if (all) text = std::move(amended);
          break;
        }
      }
      bool all = true;
      for (const Agent& a : agents) all = a.agrees_to_text(text, t) && all;
      if (all) {
        agreed = text;
        break;
      }
    }
  }
  if (!agreed && !r.stopped) t = request.rounds;
  const Utilities u(s);
  r.rounds_played = t;
  if (agreed) {
    r.agreement = true;
    r.round = t;
    r.outcome = agreed;
    r.package_utilities = u.utilities(*agreed);
    for (std::size_t p = 0; p < n; ++p) r.utilities.push_back(r.package_utilities[p] - s.preferences[p]->delay_cost * t);
    if (!prepared.frontier.empty()) {
      double best = INFINITY;
      for (const auto& point : prepared.frontier) best = std::min(best, distance(point, r.package_utilities));
      r.pareto_distance = best;
      if (prepared.nash) r.nash_distance = distance(*prepared.nash, r.package_utilities);
    }
  } else {
    for (std::size_t p = 0; p < n; ++p) {
      r.utilities.push_back(s.preferences[p]->reservation - s.preferences[p]->delay_cost * t);
    }
  }
  for (const CostOfDelay& c : s.dynamics.costs_of_delay) r.real_costs.push_back({c.what, c.per_period * t});
  r.note = prepared.note;

  // In words.
  const std::string per(period_name(s.period));
  auto periods = [&](int k) { return fmt::format("{} {}{}", amount(Rational(k)), per, k == 1 ? "" : "s"); };
  std::string who;
  for (std::size_t p = 0; p < n; ++p) {
    // "Party A (a), played by a boulware agent, and Party B (b), played by a conceder agent,"
    who += (p == 0 ? "" : p + 1 == n ? " and " : " ") + s.party_label(static_cast<int>(p)) + ", played by a " +
           std::string(agent_name(request.agents[p])) + " agent,";
  }
  r.explanation.push_back(
      request.protocol == Protocol::alternating
          ? fmt::format("{} {} by alternating offers for at most {}, {} proposing first; each agent saw only "
                        "their own party's preferences and the offers made.",
                        who, r.offers.empty() ? "were to negotiate" : "negotiated", periods(request.rounds),
                        s.party_name(request.first))
          : fmt::format("{} {} on one negotiating text for at most {}: the mediator proposed one change a {}, kept "
                        "when every party voted for the change; each agent saw only their own party's preferences and the "
                        "texts.",
                        who, r.offers.empty() ? "were to vote" : "voted", periods(request.rounds), per));
  const int horizon = request.rounds;
  // What a party would have had with no agreement by the end: the
  // reservation less the whole horizon's delay (docs/cli.md).
  auto without_agreement = [&](std::size_t p) {
    const Preferences& pr = *s.preferences[p];
    const Rational end = pr.reservation - pr.delay_cost * horizon;
    return pr.delay_cost.is_zero()
               ? fmt::format("{} with no deal", num(pr.reservation))
               : fmt::format("{} with no deal by the end of the {} (their reservation {}, less {} of delay at {} a {})",
                             num(end), periods(horizon), num(pr.reservation), periods(horizon), num(pr.delay_cost),
                             per);
  };
  if (r.agreement) {
    r.explanation.push_back(t == 0 ? fmt::format("They agreed in the first {} ({} 0), with no delay.", per, per)
                                   : fmt::format("They agreed in {} {}, after {} without agreement.", per, t, periods(t)));
    for (std::size_t p = 0; p < n; ++p) {
      const Rational& c = s.preferences[p]->delay_cost;
      const std::string& label = s.party_name(static_cast<int>(p));
      r.explanation.push_back(
          c.is_zero() || t == 0
              ? fmt::format("{} gets {} against {}.", label, num(r.package_utilities[p]), without_agreement(p))
              : fmt::format("{} gets {}, less {} of delay at {} a {}: {} in the end, against {}.", label,
                            num(r.package_utilities[p]), periods(t), num(c), per, num(r.utilities[p]),
                            without_agreement(p)));
    }
    if (r.pareto_distance) {
      r.explanation.push_back(
          *r.pareto_distance == 0
              ? "The agreement is efficient, on the Pareto frontier (no package is better for one party and "
                "no worse for the others)."
              : fmt::format("The agreement is {:.4f} from the Pareto frontier: some package would be better for one "
                            "party and no worse for the others.",
                            *r.pareto_distance));
    }
    if (r.nash_distance) {
      r.explanation.push_back(*r.nash_distance == 0 ? std::string("The agreement is the Nash package.")
                                                    : fmt::format("The agreement is {:.4f} from the Nash package.", *r.nash_distance));
    }
  } else if (r.stopped && r.offers.empty()) {
    r.explanation.push_back(prepared.stopped ? "The time limit ran out while the candidate packages were being listed, "
                                               "before any offer was made."
                                             : "The time limit ran out before any offer was made.");
  } else if (r.stopped) {
    r.explanation.push_back(fmt::format("The time limit ended the negotiation after {} without agreement.", periods(t)));
  } else {
    r.explanation.push_back(fmt::format("They did not agree within {}.", periods(t)));
    for (std::size_t p = 0; p < n; ++p) {
      const Preferences& pr = *s.preferences[p];
      r.explanation.push_back(
          pr.delay_cost.is_zero()
              ? fmt::format("{} is left with their reservation, {}.", s.party_name(static_cast<int>(p)),
                            num(pr.reservation))
              : fmt::format("{} is left with their reservation {}, less {} of delay at {} a {}: {}.",
                            s.party_name(static_cast<int>(p)), num(pr.reservation), periods(t), num(pr.delay_cost),
                            per, num(r.utilities[p])));
    }
  }
  if (!r.real_costs.empty() && t > 0) {
    std::vector<CostOfDelay> totals;
    for (const RealCostTotal& c : r.real_costs) totals.push_back({c.what, c.total, "", ""});
    r.explanation.push_back(fmt::format("The {} without agreement cost {}.", periods(t), real_costs_text(totals)));
  }
  if (prepared.stopped) return r;
  r.explanation.push_back(request.protocol == Protocol::alternating
                              ? "The agents offered packages from " + r.candidates + "."
                              : std::string("The mediator's first text was drawn at random from the packages that meet "
                                            "the rules and agreed terms; each change set one issue to another of its "
                                            "values and kept the rules."));
  return r;
}

Verification verify_negotiation(const Scenario& s, const NegotiateResponse& r) {
  Verification v;
  const std::size_t n = s.parties.size();
  auto fail = [&](std::string what) {
    v.ok = false;
    v.failure = std::move(what);
    return v;
  };
  int last = 0;
  for (const NegotiationOffer& o : r.offers) {
    if (o.round < last || o.round >= r.rounds) return fail("the offers are not in order of rounds within the rounds");
    last = o.round;
    if (r.protocol == Protocol::alternating) {
      // The NegotiateRequest's first proposer is the first offer's.
      const int first = r.offers.front().from;
      if (o.from != static_cast<int>((static_cast<std::size_t>(first) + static_cast<std::size_t>(o.round)) % n)) {
        return fail("an offer was made out of turn");
      }
    } else if (o.from != -1) {
      return fail("in single-text only the mediator proposes");
    }
    if (o.outcome.size() != s.issues.size()) return fail("an offer does not give every issue a value");
  }
  v.checks.push_back("the offers are in round order, each made by the party whose turn it was");
  const int t = r.rounds_played;
  if (r.agreement) {
    if (!r.outcome || !r.round || *r.round != t) return fail("the agreement's round is the rounds played");
    bool offered = false;
    for (const NegotiationOffer& o : r.offers) offered = offered || (o.round <= t && o.outcome == *r.outcome);
    if (!offered) return fail("the agreement was never proposed");
    for (const ConstraintCheck& c : check_constraints(s, *r.outcome)) {
      if (!c.holds) return fail("the agreement breaks " + c.pointer + ": " + c.detail);
      ++v.constraints_held;
    }
    v.checks.push_back("the agreement was proposed, and meets every agreed term, rule and red line");
    // Utilities from the preferences as written (not the agents' integer tables).
    for (std::size_t p = 0; p < n; ++p) {
      const Preferences& pr = *s.preferences[p];
      const Rational utility = utility_with(s, pr, static_cast<int>(p), *r.outcome);
      if (utility != r.package_utilities[p]) {
        return fail("party " + s.parties[p].id + "'s utility recomputed differs: " + utility.str() + " against " +
                    r.package_utilities[p].str());
      }
      if (r.utilities[p] != utility - pr.delay_cost * t) return fail("party " + s.parties[p].id + "'s payoff after delay");
      if (utility < pr.reservation) {
        return fail("party " + s.parties[p].id + " agreed below their reservation: " + utility.str() + " against " +
                    pr.reservation.str());
      }
    }
    v.checks.push_back("utilities recomputed from the preferences; each party's payoff is U - t c; every party at "
                       "least at their reservation");
    if (r.pareto_distance && r.nash_distance && *r.nash_distance + 1e-12 < *r.pareto_distance) {
      return fail("the Nash point, a frontier point, is nearer than the nearest frontier point");
    }
  } else {
    for (std::size_t p = 0; p < n; ++p) {
      if (r.utilities[p] != s.preferences[p]->reservation - s.preferences[p]->delay_cost * t) {
        return fail("without agreement party " + s.parties[p].id + " ends with the reservation less the delay");
      }
    }
    v.checks.push_back("without agreement each party ends with their reservation less the delay");
  }
  if (r.real_costs.size() != s.dynamics.costs_of_delay.size()) return fail("a real cost is missing");
  for (std::size_t k = 0; k < r.real_costs.size(); ++k) {
    if (r.real_costs[k].total != s.dynamics.costs_of_delay[k].per_period * t) return fail("a real cost's total");
  }
  v.checks.push_back("real costs: each per-period cost times the periods without agreement");
  return v;
}

}  // namespace mediate

namespace {

Result<NegotiateResponse> negotiate_unguarded(const Scenario& s, const NegotiateRequest& request) {
  const auto start = request.started.value_or(std::chrono::steady_clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (request.agents.size() != s.parties.size()) {
    return Failure{"", {Diagnostic{"", fmt::format("{} agents for {} parties: give one agent for each party",
                                                   request.agents.size(), s.parties.size())}}};
  }
  if (request.rounds < 1) return Failure{"", {Diagnostic{"", fmt::format("--rounds must be at least 1, not {}", request.rounds)}}};
  if (request.first < 0 || request.first >= static_cast<int>(s.parties.size())) {
    return Failure{"", {Diagnostic{"", "the first proposer must be a party"}}};
  }
  Result<mediate::Prepared> prepared =
      mediate::prepare(s, {request.enumerate_up_to, request.sample}, request.seed, request.distances, deadline);
  if (!prepared) return prepared.failure();
  NegotiateResponse r = mediate::run_negotiation(s, prepared.value(), request, deadline);
  Verification v = mediate::verify_negotiation(s, r);
  if (!v.ok) return mediate::verification_failed("the negotiation", v.failure);
  r.verified = std::move(v.checks);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace

Result<NegotiateResponse> negotiate(const Scenario& s, const NegotiateRequest& request) {
  return mediate::guarded<NegotiateResponse>([&] { return negotiate_unguarded(s, request); });
}

}  // namespace parley
