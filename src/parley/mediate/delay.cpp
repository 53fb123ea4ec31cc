// delay(): what time costs (docs/cli.md, "Time and negotiation dynamics").
//
// The zone of agreement at period t is the set of feasible packages o with
// U_p(o) >= r_p + t k_p for every party, k_p = c_p + d_p (delay cost plus
// reservation drift). For one package the periods that satisfy this are an
// interval: a party with k_p > 0 bounds t from above, one with k_p < 0 from
// below. So the zone is open at t exactly when t lies in the union of the
// packages' intervals, and it closes at the first period of 0..H that no
// interval covers. With every k_p >= 0 the zone only shrinks (each interval
// starts at 0); with some k_p < 0 it may open later, or close and reopen,
// and the first uncovered period is still what the contract asks for.
//
// Two engines, as solve has them:
// - the exact frontier of every feasible package (not only the acceptable
//   ones): any package in the zone is weakly dominated by a frontier point,
//   which is in the zone too, so the union over the frontier's points is the
//   union over all packages; a sweep over their intervals sorted by start
//   finds the first uncovered period exactly;
// - where the frontier is too large to list, the package optimiser as an
//   oracle: "is there a feasible package with U_p >= b_p for all p?". From an
//   open period t it finds by binary search the last s such that one package
//   meets both t's and s's bounds (the bounds max(b(t), b(s)): that package's
//   interval then covers t..s), and continues at s + 1. With every k_p >= 0
//   this is one binary search (about log2 H + 2 MIPs); in general each step
//   passes the end of at least one package's interval.
//
// Durability (docs/scenario-format.md, "Dynamics"): o is durable for T
// periods when U_p(o) >= r_p + t S_p for every party and t <= T, S_p the sum
// of p's shifts whose condition holds in o. The last such t for party p is
// floor((U_p - r_p) / S_p) when S_p > 0, unbounded otherwise.
//
// Everything is exact. Every answer is re-checked by verify_delay before it
// is returned.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/utility.h"
#include "parley/core/deadline.h"
#include "parley/core/number_text.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/verify.h"
#include "parley/model/conditions.h"
#include "parley/optimise/package.h"

namespace parley {

namespace {

using Vec = std::vector<Rational>;
using Clock = std::chrono::steady_clock;

// x clamped to [lo, hi], as an integer (x is an integer).
std::int64_t clamp_to(const Rational& x, std::int64_t lo, std::int64_t hi) {
  if (x < Rational(lo)) return lo;
  if (x > Rational(hi)) return hi;
  return x.small_numerator();
}

// The periods of 0..H in which utilities u meet every bound r_p + t k_p:
// an interval [first, last], or nullopt when there is none.
std::optional<std::pair<std::int64_t, std::int64_t>> open_periods(const Vec& u, const Vec& r, const Vec& k,
                                                                  std::int64_t horizon) {
  std::int64_t first = 0;
  std::int64_t last = horizon;
  for (std::size_t p = 0; p < u.size(); ++p) {
    const Rational gap = u[p] - r[p];
    if (k[p].sign() > 0) {
      last = std::min(last, clamp_to((gap / k[p]).floor(), -1, horizon));
    } else if (k[p].sign() < 0) {
      // t k_p <= gap with k_p < 0: t >= gap / k_p.
      first = std::max(first, clamp_to((gap / k[p]).ceil(), 0, horizon + 1));
    } else if (gap.sign() < 0) {
      return std::nullopt;
    }
  }
  if (first > last) return std::nullopt;
  return std::make_pair(first, last);
}

Vec bounds_at(const Vec& r, const Vec& k, std::int64_t t) {
  Vec b;
  for (std::size_t p = 0; p < r.size(); ++p) b.push_back(r[p] + Rational(t) * k[p]);
  return b;
}

struct Interval {
  std::int64_t first = 0;
  std::int64_t last = 0;
  std::size_t point = 0;
};

// The zone on the exact frontier of every feasible package. false: the
// frontier could not be listed (too large, or out of time).
bool zone_by_frontier(const Scenario& s, const Vec& r, const Vec& k, const Deadline& deadline, DelayResponse& out) {
  if (s.parties.size() > 5) return false;
  pareto::FrontierOptions fo;
  fo.individually_rational = false;
  fo.time_limit = deadline.limited() ? deadline.seconds() : 0;
  Result<pareto::Frontier> computed = pareto::pareto_frontier(s, fo, "");
  if (!computed || computed.value().status() != pareto::FrontierStatus::complete) return false;
  const pareto::Frontier& f = computed.value();
  std::vector<Interval> intervals;
  for (std::size_t j = 0; j < f.size(); ++j) {
    if (auto periods = open_periods(f.utilities(j), r, k, out.horizon)) {
      intervals.push_back({periods->first, periods->second, j});
    }
  }
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) { return a.first < b.first; });
  out.zone_engine = "frontier";
  // Sweep: from period t, the interval starting at or before t that reaches
  // furthest; an interval passed over ends no later than the one chosen.
  std::size_t next = 0;
  std::int64_t t = 0;
  while (t <= out.horizon) {
    const Interval* best = nullptr;
    for (; next < intervals.size() && intervals[next].first <= t; ++next) {
      if (intervals[next].last >= t && (!best || intervals[next].last > best->last)) best = &intervals[next];
    }
    if (!best) {
      out.zone_closes_after = t;
      return true;
    }
    out.zone_witnesses.push_back({t, best->last, f.outcome(best->point), f.utilities(best->point)});
    out.zone_open_through = best->last;
    t = best->last + 1;
  }
  return true;
}

// Is there a feasible package with U_p >= b_p for every party? nullopt: not
// settled before the deadline.
struct Probe {
  std::optional<bool> open;
  Outcome outcome;
  Vec utilities;
};

Probe probe(const Scenario& s, const Vec& b, const Deadline& deadline) {
  Scenario bounded = s;
  for (std::size_t p = 0; p < b.size(); ++p) {
    if (b[p] > 1) return {false, {}, {}};  // no utility exceeds 1
    bounded.preferences[p]->reservation = b[p].sign() < 0 ? Rational(0) : b[p];
  }
  if (deadline.expired()) return {};
  optimise::PackageOptions po;
  po.time_limit = deadline.seconds();
  Result<optimise::PackageResult> found = optimise::find_package(bounded, po);
  if (!found) return {};
  const optimise::PackageResult& p = found.value();
  if (p.status == optimise::PackageStatus::infeasible) return {false, {}, {}};
  if (p.status == optimise::PackageStatus::time_limit) return {};
  return {true, p.outcome, p.utilities};
}

Vec higher(const Vec& a, const Vec& b) {
  Vec out;
  for (std::size_t p = 0; p < a.size(); ++p) out.push_back(std::max(a[p], b[p]));
  return out;
}

Result<bool> zone_by_optimiser(const Scenario& s, const Vec& r, const Vec& k, const Deadline& deadline,
                               DelayResponse& out) {
  out.zone_engine = "package optimiser";
  auto unsettled = [&] {
    out.zone_settled = false;
    out.note = fmt::format("the time limit ended the search for the zone of agreement after period {}",
                           out.zone_open_through);
    return true;
  };
  std::int64_t t = 0;
  while (t <= out.horizon) {
    const Vec at_t = bounds_at(r, k, t);
    Probe now = probe(s, at_t, deadline);
    if (!now.open) return unsettled();
    if (!*now.open) {
      out.zone_closes_after = t;
      return true;
    }
    // The last s such that one package meets the bounds of both t and s.
    std::int64_t lo = t;
    std::int64_t hi = out.horizon;
    Probe reach = now;
    // The package found at t may already reach further: start from its interval.
    if (auto periods = open_periods(now.utilities, r, k, out.horizon)) lo = std::max(lo, periods->second);
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo + 1) / 2;
      Probe both = probe(s, higher(at_t, bounds_at(r, k, mid)), deadline);
      if (!both.open) return unsettled();
      if (*both.open) {
        lo = mid;
        reach = std::move(both);
      } else {
        hi = mid - 1;
      }
    }
    out.zone_witnesses.push_back({t, lo, reach.outcome, reach.utilities});
    out.zone_open_through = lo;
    t = lo + 1;
  }
  return true;
}

std::string period_word(const Scenario& s, std::int64_t count) {
  const std::string word(period_name(s.period));
  return count == 1 ? word : word + "s";
}

std::string count_text(const Scenario& s, std::int64_t count) {
  return std::to_string(count) + " " + period_word(s, count);
}

void explain(const Scenario& s, const DelayResponse& d, std::vector<std::string>& out) {
  const std::string per = std::string(period_name(s.period));
  out.push_back(mediate::delay_sentence(s).empty()
                    ? "Waiting costs the parties nothing in this scenario: it gives no delay costs, drifts or real "
                      "costs of delay."
                    : mediate::delay_sentence(s));
  const std::string horizon = count_text(s, d.horizon);
  if (!d.zone_settled) {
    out.push_back("The zone of agreement is open through " + per + " " + std::to_string(d.zone_open_through) +
                  "; the time limit ended the search before the later " + period_word(s, 2) + " were settled.");
  } else if (!d.zone_closes_after) {
    out.push_back("The zone of agreement stays open through the " + horizon + " looked at: in every one of them some "
                  "feasible package leaves every party at least their no-deal position, the costs of waiting counted.");
  } else if (*d.zone_closes_after == 0) {
    out.push_back("There is no zone of agreement even now: no feasible package gives every party at least their "
                  "no-deal position.");
  } else {
    out.push_back("The zone of agreement closes after " + count_text(s, *d.zone_closes_after) + ": in " + per + " " +
                  std::to_string(*d.zone_closes_after) + " no feasible package leaves every party at least their "
                  "no-deal position once the costs of waiting are counted.");
  }
  const std::string package = d.outcome_given ? "The package given" : "The Nash package";
  if (!d.outcome) {
    out.push_back("There is no Nash package to test for durability (solve: " + std::string(status_name(d.nash_status)) +
                  ").");
    return;
  }
  bool shifted = false;
  for (const Rational& x : d.shift) shifted = shifted || !x.is_zero();
  if (!d.durable_for) {
    out.push_back(package + " stays acceptable to every party through the " + horizon + " of a pause looked at" +
                  (shifted ? "." : ": no shift in the scenario applies to its terms."));
    return;
  }
  const int p = *d.binding;
  const std::string who = s.party_name(p);
  const Rational r = s.preferences[static_cast<std::size_t>(p)]->reservation;
  if (*d.durable_for < 0) {
    out.push_back(package + " is not acceptable to " + who + " even now: it gives them " +
                  decimal_beside(d.utilities[static_cast<std::size_t>(p)], r) + ", below their no-deal " +
                  decimal_beside(r, d.utilities[static_cast<std::size_t>(p)]) + ".");
    return;
  }
  const std::int64_t after = *d.durable_for + 1;
  const Rational moved = r + Rational(after) * d.shift[static_cast<std::size_t>(p)];
  out.push_back(package + " stays acceptable to every party for " + count_text(s, *d.durable_for) +
                " of a pause; then " + who + " would rather walk away: under the package's terms their no-deal position moves by " +
                signed_decimal(d.shift[static_cast<std::size_t>(p)]) + " a " + per + ", and in " + per + " " +
                std::to_string(after) + " that position is " + decimal_beside(moved, d.utilities[static_cast<std::size_t>(p)]) +
                ", above the " + decimal_beside(d.utilities[static_cast<std::size_t>(p)], moved) +
                " the package gives them.");
}

Result<DelayResponse> delay_unguarded(const Scenario& s, const DelayRequest& request) {
  const auto start = request.started.value_or(Clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (auto missing = missing_preferences(s, "delay"); !missing.empty()) return Failure{"", std::move(missing)};
  if (request.horizon < 0) {
    return Failure{"", {{"", fmt::format("the horizon is {} periods; it must be 0 or more", request.horizon)}}};
  }
  DelayResponse d;
  d.period = s.period;
  d.horizon = request.horizon;
  d.real = s.dynamics.costs_of_delay;
  const std::size_t n = s.parties.size();
  const Vec r = reservations_of(s);
  Vec k;
  for (std::size_t p = 0; p < n; ++p) {
    d.delay_cost.push_back(s.preferences[p]->delay_cost);
    d.reservation_drift.push_back(s.preferences[p]->reservation_drift);
    k.push_back(d.delay_cost.back() + d.reservation_drift.back());
  }

  // The zone: the exact frontier with half the time, else the optimiser.
  const Deadline zone_deadline = deadline.keep(0.5);
  if (request.force_optimiser || !zone_by_frontier(s, r, k, zone_deadline.keep(0.5), d)) {
    d.zone_witnesses.clear();
    d.zone_open_through = -1;
    d.zone_closes_after.reset();
    Result<bool> z = zone_by_optimiser(s, r, k, zone_deadline, d);
    if (!z) return z.failure();
  }

  // The agreement tested.
  if (request.outcome) {
    d.outcome = request.outcome;
    d.outcome_given = true;
  } else {
    Result<SolveResponse> nash = solve(s, {.method = Method::nash,
                                           .time_limit = deadline.limited() ? deadline.seconds() : 0});
    if (!nash) return nash.failure();
    d.nash_status = nash.value().status;
    d.outcome = nash.value().outcome;
  }
  if (d.outcome) {
    const Utilities u(s);
    d.utilities = u.utilities(*d.outcome);
    d.shift.assign(n, Rational(0));
    for (const Shift& sh : s.dynamics.shifts) {
      if (holds(sh.when, *d.outcome)) d.shift[static_cast<std::size_t>(sh.party)] += sh.reservation_per_period;
    }
    // The last period each party still accepts; the earliest of those binds.
    std::optional<std::int64_t> last;
    for (std::size_t p = 0; p < n; ++p) {
      const Rational gap = d.utilities[p] - r[p];
      std::optional<std::int64_t> mine;
      if (gap.sign() < 0) {
        mine = -1;
      } else if (d.shift[p].sign() > 0) {
        mine = clamp_to((gap / d.shift[p]).floor(), -1, request.horizon);
      }
      if (mine && *mine < request.horizon && (!last || *mine < *last)) {
        last = mine;
        d.binding = static_cast<int>(p);
      }
    }
    d.durable_for = last;
  }
  explain(s, d, d.explanation);

  Verification v = verify_delay(s, d);
  if (!v.ok) return mediate::verification_failed("the delay answer", v.failure);
  d.verified = std::move(v.checks);
  d.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return d;
}

}  // namespace

Result<DelayResponse> delay(const Scenario& s, const DelayRequest& request) {
  return mediate::guarded<DelayResponse>([&] { return delay_unguarded(s, request); });
}

}  // namespace parley
