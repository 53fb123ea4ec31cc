// sensitivity(): exact stability intervals and sampled answers (sensitivity.h
// says what and why; this file says how).
#include "parley/mediate/sensitivity.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <random>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/core/deadline.h"
#include "parley/core/number_text.h"
#include "parley/fairdiv/solve_goods.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/guard.h"
#include "parley/model/outcome_space.h"

namespace parley {

namespace {

using Vec = std::vector<Rational>;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMostValues = 1000;
constexpr std::size_t kSampleChecks = 20;  // distinct sampled answers solved again through solve()  // values of the free weight's issue, each one frontier listed

Rational pow10(int k) {
  Rational r = 1;
  for (int j = 0; j < (k < 0 ? -k : k); ++j) r *= 10;
  return k < 0 ? Rational(1) / r : r;
}

// c0 + c1 t.
struct Linear {
  Rational c0, c1;
};

// One number made free: party p's utility of a competitor k is
// (alpha_k + beta_k t) / (gamma + delta t), p's reservation
// (ra + rb t) / (gamma + delta t); nothing else moves.
struct Free {
  int party = 0;
  Rational gamma, delta, ra, rb;
};

struct Competitor {
  Vec fixed;  // every party's utility (entry `party` is replaced at t)
  Rational alpha, beta;
  bool is_answer = false;  // the same outcome as the answer
};

struct Model {
  Free free;
  Vec reservations;  // the others' (entry `party` is replaced at t)
  Method method = Method::nash;
  Competitor answer;
  std::vector<Competitor> rivals;
  // Where another outcome has exactly the answer's utilities (at one value of
  // t only), which of the two the engine lists is its own affair: solve()
  // decides whether the answer stays there.
  std::function<bool(const Rational&)> solve_keeps;
};

Rational denominator(const Free& f, const Rational& t) { return f.gamma + f.delta * t; }

Vec utilities_at(const Model& m, const Competitor& c, const Rational& t) {
  Vec u = c.fixed;
  u[static_cast<std::size_t>(m.free.party)] = (c.alpha + c.beta * t) / denominator(m.free, t);
  return u;
}

Vec reservations_at(const Model& m, const Rational& t) {
  Vec r = m.reservations;
  r[static_cast<std::size_t>(m.free.party)] = (m.free.ra + m.free.rb * t) / denominator(m.free, t);
  return r;
}

bool acceptable(const Vec& u, const Vec& r) {
  for (std::size_t q = 0; q < u.size(); ++q) {
    if (u[q] < r[q]) return false;
  }
  return true;
}

// Does the answer stay ahead of rival k at t: k unacceptable, or the method's
// own order (bargaining.h's choose: its scores, ties to the lexicographically
// larger utilities, the frontier's order) puts the answer first? Requires the
// answer acceptable at t.
bool ahead(const Model& m, const Competitor& k, const Rational& t) {
  const Vec r = reservations_at(m, t);
  const Vec a = utilities_at(m, m.answer, t);
  const Vec b = utilities_at(m, k, t);
  if (!acceptable(b, r)) return true;
  if (a == b) {
    const bool always_equal = k.is_answer || (k.fixed == m.answer.fixed && k.alpha == m.answer.alpha &&
                                              k.beta == m.answer.beta);
    return always_equal || !m.solve_keeps || m.solve_keeps(t);
  }
  const bool answer_first = a > b;
  const std::vector<Vec> points = answer_first ? std::vector<Vec>{a, b} : std::vector<Vec>{b, a};
  const std::optional<std::size_t> chosen = choose(points, r, m.method);
  return chosen && *chosen == (answer_first ? 0U : 1U);
}

bool answer_acceptable(const Model& m, const Rational& t) {
  return acceptable(utilities_at(m, m.answer, t), reservations_at(m, t));
}

// Every linear function whose sign can decide `ahead(m, k, t)` or the
// answer's acceptability: gains and utilities against 0, against each other,
// against every other number of either vector (sorted vectors), products of
// the positive others times p's part (nash, mnw), sums (utilitarian). All are
// the comparisons' numerators over the common positive denominator.
std::vector<Linear> deciding(const Model& m, const Competitor& k) {
  const Free& f = m.free;
  const auto p = static_cast<std::size_t>(f.party);
  const Linear den{f.gamma, f.delta};
  auto utility = [](const Competitor& c) { return Linear{c.alpha, c.beta}; };
  auto gain = [&](const Competitor& c) { return Linear{c.alpha - f.ra, c.beta - f.rb}; };
  auto minus = [](const Linear& x, const Linear& y) { return Linear{x.c0 - y.c0, x.c1 - y.c1}; };
  auto times = [](const Rational& c, const Linear& x) { return Linear{c * x.c0, c * x.c1}; };
  std::vector<Linear> out;
  const Competitor& a = m.answer;
  Vec constants;
  Rational product_gain_a = 1, product_gain_k = 1, product_u_a = 1, product_u_k = 1, sum_a = 0, sum_k = 0;
  for (std::size_t q = 0; q < a.fixed.size(); ++q) {
    if (q == p) continue;
    const Rational ga = a.fixed[q] - m.reservations[q], gk = k.fixed[q] - m.reservations[q];
    for (const Rational& c : {a.fixed[q], k.fixed[q], ga, gk}) constants.push_back(c);
    if (ga.sign() > 0) product_gain_a *= ga;
    if (gk.sign() > 0) product_gain_k *= gk;
    if (a.fixed[q].sign() > 0) product_u_a *= a.fixed[q];
    if (k.fixed[q].sign() > 0) product_u_k *= k.fixed[q];
    sum_a += a.fixed[q];
    sum_k += k.fixed[q];
  }
  for (const Competitor* c : {&a, &k}) {
    out.push_back(utility(*c));
    out.push_back(gain(*c));
    for (const Rational& x : constants) {
      out.push_back(minus(utility(*c), times(x, den)));
      out.push_back(minus(gain(*c), times(x, den)));
    }
  }
  out.push_back(minus(utility(a), utility(k)));
  // nash: (gaining parties, product of their gains); mnw the same on utilities.
  out.push_back(minus(times(product_gain_a, gain(a)), times(product_gain_k, gain(k))));
  out.push_back(minus(times(product_gain_a, gain(a)), times(product_gain_k, den)));
  out.push_back(minus(times(product_gain_a, den), times(product_gain_k, gain(k))));
  out.push_back(minus(times(product_u_a, utility(a)), times(product_u_k, utility(k))));
  out.push_back(minus(times(product_u_a, utility(a)), times(product_u_k, den)));
  out.push_back(minus(times(product_u_a, den), times(product_u_k, utility(k))));
  // utilitarian: the sums.
  out.push_back(Linear{(sum_a - sum_k) * f.gamma + a.alpha - k.alpha, (sum_a - sum_k) * f.delta + a.beta - k.beta});
  return out;
}

// The roots of `fs` strictly inside (lo, hi), sorted, distinct.
Vec roots_inside(const std::vector<Linear>& fs, const Rational& lo, const Rational& hi) {
  Vec roots;
  for (const Linear& x : fs) {
    if (x.c1.is_zero()) continue;  // constant sign: decides nothing
    Rational t = -x.c0 / x.c1;
    if (t > lo && t < hi) roots.push_back(std::move(t));
  }
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  return roots;
}

// One side's end of the connected set around t0 where `holds` is true.
struct End {
  Rational at;
  bool closed = true;
  bool at_range = false;
};

// `holds` is constant between consecutive `roots` (the deciding functions'
// signs are), so testing each root and one point of each piece walks the
// set exactly, outward from t0 (where it holds).
template <typename Holds>
End walk(const Rational& t0, const Rational& range_end, const Vec& roots, bool up, Holds&& holds) {
  Vec ahead_of_t0;
  for (const Rational& x : roots) {
    if (up ? x > t0 : x < t0) ahead_of_t0.push_back(x);
  }
  if (!up) std::reverse(ahead_of_t0.begin(), ahead_of_t0.end());
  ahead_of_t0.push_back(range_end);
  Rational previous = t0;
  for (const Rational& x : ahead_of_t0) {
    if (x == previous) break;  // t0 is the range's end
    if (!holds((previous + x) / 2)) return End{previous, true, false};
    if (!holds(x)) return End{x, false, false};
    previous = x;
  }
  return End{range_end, true, true};
}

// A frontier's points, listed in full (every feasible outcome's, no reservations).
std::optional<std::vector<Outcome>> frontier_outcomes(const Scenario& s, const Deadline& deadline, std::string& why) {
  pareto::FrontierOptions fo;
  fo.time_limit = deadline.seconds();
  fo.individually_rational = false;
  Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
  if (!f) {
    why = f.errors().front().message;
    return std::nullopt;
  }
  if (f.value().status() != pareto::FrontierStatus::complete) {
    why = f.value().note().empty() ? "the exact frontier could not be listed" : f.value().note();
    return std::nullopt;
  }
  std::vector<Outcome> out;
  for (std::size_t k = 0; k < f.value().size(); ++k) out.push_back(f.value().outcome(k));
  return out;
}

// sensitivity.h: the competitors for a weight on `issue`, one frontier per
// value of the issue; shared by every party's weight on it.
std::optional<std::vector<Outcome>> competitors_for_issue(const Scenario& s, int issue, const Deadline& deadline,
                                                          std::string& why) {
  std::vector<IssueValue> values;
  if (s.agreed[static_cast<std::size_t>(issue)]) {
    values.push_back(*s.agreed[static_cast<std::size_t>(issue)]);
  } else {
    std::optional<std::vector<IssueValue>> domain = issue_domain(s, issue, kMostValues);
    if (!domain) {
      why = fmt::format("{} has more than {} values", s.issues[static_cast<std::size_t>(issue)].id, amount(static_cast<std::int64_t>(kMostValues)));
      return std::nullopt;
    }
    values = std::move(*domain);
  }
  std::vector<Outcome> out;
  for (const IssueValue& x : values) {
    Scenario fixed = s;
    fixed.agreed[static_cast<std::size_t>(issue)] = x;
    std::optional<std::vector<Outcome>> listed = frontier_outcomes(fixed, deadline, why);
    if (!listed) return std::nullopt;
    for (Outcome& o : *listed) out.push_back(std::move(o));
  }
  return out;
}

// The interval of one number: the walk outward from t0 for the answer's
// acceptability and against every rival, intersected.
void settle(const Model& m, StabilityInterval& iv, const Rational& t0) {
  End low{iv.range_low, true, true}, high{iv.range_high, true, true};
  auto narrow = [](End& best, const End& e, bool up) {
    if (up ? e.at < best.at : e.at > best.at) {
      best = e;
    } else if (e.at == best.at) {
      best.closed = best.closed && e.closed;
      best.at_range = best.at_range && e.at_range;
    }
  };
  auto consider = [&](const std::vector<Linear>& fs, auto&& holds) {
    const Vec roots = roots_inside(fs, iv.range_low, iv.range_high);
    narrow(low, walk(t0, iv.range_low, roots, false, holds), false);
    narrow(high, walk(t0, iv.range_high, roots, true, holds), true);
  };
  const Free& f = m.free;
  consider({{m.answer.alpha - f.ra, m.answer.beta - f.rb}}, [&](const Rational& t) { return answer_acceptable(m, t); });
  for (const Competitor& k : m.rivals) {
    consider(deciding(m, k), [&](const Rational& t) { return !answer_acceptable(m, t) || ahead(m, k, t); });
  }
  iv.low = low.at;
  iv.high = high.at;
  iv.low_closed = low.closed;
  iv.high_closed = high.closed;
  iv.low_at_range = low.at_range;
  iv.high_at_range = high.at_range;
}

// sensitivity.h: 3 significant digits inward, more where needed.
void round_for_people(StabilityInterval& iv) {
  if (!iv.low || !iv.high) return;
  for (int digits = 3; digits <= 15; ++digits) {
    auto inward = [&](const Rational& x, bool closed, bool up) {
      Rational shown = round_significant(x, digits, up);
      if (!closed && shown == x) {
        // An open end shown as itself would name a point outside: one unit in.
        const int e = static_cast<int>(std::floor(std::log10(std::max(1e-300, std::abs(x.to_double())))));
        shown += (up ? 1 : -1) * pow10(e - digits + 1);
      }
      return shown;
    };
    Rational lo = inward(*iv.low, iv.low_closed, true);
    Rational hi = inward(*iv.high, iv.high_closed, false);
    if (lo <= iv.given && iv.given <= hi) {
      iv.low_shown = lo;
      iv.high_shown = hi;
      return;
    }
  }
  iv.low_shown = iv.given;  // beyond 15 digits: the given value alone is sure to be inside
  iv.high_shown = iv.given;
}

// What the facade would answer for `s`, by the shortest sound path: the exact
// frontier and bargaining.h's choice, as solve() does for a solution concept
// routed to the frontier (`frontier_route`); otherwise solve() itself.
std::optional<Outcome> answer_for(const Scenario& s, Method method, bool frontier_route, const Deadline& deadline,
                                  bool& settled) {
  settled = true;
  if (frontier_route) {
    pareto::FrontierOptions fo;
    fo.time_limit = deadline.seconds();
    Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
    if (f && f.value().status() == pareto::FrontierStatus::complete) {
      std::vector<Vec> points;
      for (std::size_t k = 0; k < f.value().size(); ++k) points.push_back(f.value().utilities(k));
      std::optional<std::size_t> chosen = choose(points, reservations_of(s), method);
      if (!chosen) return std::nullopt;
      return f.value().outcome(*chosen);
    }
  }
  Result<SolveResponse> r = solve(s, {.method = method, .time_limit = deadline.seconds()});
  if (!r || r.value().status == SolveStatus::time_limit) {
    settled = false;
    return std::nullopt;
  }
  return r.value().outcome;
}

std::string party_weight_words(const Scenario& s, const StabilityInterval& iv) {
  return iv.issue < 0 ? s.party_name(iv.party) + "'s reservation"
                      : s.party_name(iv.party) + "'s weight on " + s.issue_name(iv.issue);
}

std::string package_words(Method m) {
  switch (m) {
    case Method::nash: return "The Nash package";
    case Method::ks: return "The Kalai-Smorodinsky package";
    case Method::egalitarian: return "The egalitarian package";
    case Method::utilitarian: return "The utilitarian package";
    case Method::mnw: return "The maximum Nash welfare package";
    case Method::leximin: return "The leximin package";
    default: return "The package";
  }
}

std::string interval_sentence(const Scenario& s, Method m, const StabilityInterval& iv) {
  const std::string who = party_weight_words(s, iv);
  if (!iv.low_shown || !iv.high_shown) return who + ": not settled (" + iv.note + ").";
  const std::string given = amount(iv.given);
  const std::string lo = amount(*iv.low_shown), hi = amount(*iv.high_shown);
  std::string range;
  if (iv.low_at_range && iv.high_at_range) {
    range = "anywhere in the range searched, " + lo + " to " + hi;
  } else if (iv.low_at_range) {
    range = "at most " + hi;
  } else if (iv.high_at_range) {
    range = "at least " + lo;
  } else if (*iv.low_shown == *iv.high_shown) {
    range = "exactly " + lo;
  } else {
    range = "between " + lo + " and " + hi;
  }
  return package_words(m) + " stays the same while " + who + " is " + range + " (given: " + given + ").";
}

// Re-solves through the facade just inside each finite end of every interval
// (1/1000 of the way to the given value): the answer there must be the one
// tested. Not the ends themselves, which belong to the interval or not by a
// tie rule that the exact model decides.
std::optional<Failure> verify_intervals(const Scenario& s, Method method, const Outcome& answer,
                                        SensitivityResponse& r, const Deadline& deadline) {
  std::size_t solves = 0;
  bool stopped = false;
  auto check = [&](const StabilityInterval& iv) -> std::optional<Failure> {
    for (int side = 0; side < 2; ++side) {
      const std::optional<Rational>& end = side == 0 ? iv.low : iv.high;
      const bool at_range = side == 0 ? iv.low_at_range : iv.high_at_range;
      if (!end || at_range || *end == iv.given) continue;
      if (deadline.expired()) {
        stopped = true;
        return std::nullopt;
      }
      const Rational inside = *end + (iv.given - *end) / 1000;
      const Scenario edited =
          iv.issue < 0 ? with_reservation(s, iv.party, inside) : with_weight(s, iv.party, iv.issue, inside);
      Result<SolveResponse> again = solve(edited, {.method = method, .time_limit = deadline.seconds()});
      if (!again || again.value().status == SolveStatus::time_limit) {
        stopped = true;
        return std::nullopt;
      }
      ++solves;
      if (again.value().outcome != std::optional<Outcome>(answer)) {
        return mediate::verification_failed(
            "a stability interval", party_weight_words(s, iv) + " at " + inside.str() + ", inside the interval, " +
                                        "gives another answer");
      }
    }
    return std::nullopt;
  };
  for (const auto* list : {&r.weights, &r.reservations}) {
    for (const StabilityInterval& iv : *list) {
      if (std::optional<Failure> wrong = check(iv)) return wrong;
    }
  }
  r.verified.push_back(fmt::format("re-solved just inside every finite end of the intervals ({} solve{}): the "
                                   "answer there is the one tested{}",
                                   solves, solves == 1 ? "" : "s",
                                   stopped ? " (the time limit stopped the checks part way)" : ""));
  return std::nullopt;
}

// The scenario's raw weights times the factors, status-quo reservations following.
Scenario scaled(const Scenario& s, const std::vector<std::vector<Rational>>& factors) {
  Scenario out = s;
  for (std::size_t p = 0; p < out.preferences.size(); ++p) {
    auto& prefs = out.preferences[p];
    for (std::size_t i = 0; i < prefs->issues.size(); ++i) prefs->issues[i].weight *= factors[p][i];
  }
  if (const std::optional<Outcome> sq = out.status_quo_outcome()) {
    for (std::size_t p = 0; p < out.preferences.size(); ++p) {
      auto& prefs = out.preferences[p];
      if (prefs->reservation_is_status_quo) prefs->reservation = utility_with(out, *prefs, static_cast<int>(p), *sq);
    }
  }
  return out;
}

// A uniform factor in [1 - S, 1 + S]: the draw's top 24 bits as k / 2^24.
Rational factor(std::mt19937_64& rng, const Rational& spread) {
  const auto k = static_cast<std::int64_t>(rng() >> 40);
  return Rational(1) - spread + 2 * spread * Rational(k, std::int64_t{1} << 24);
}

Result<SensitivityResponse> sensitivity_unguarded(const Scenario& s, const SensitivityRequest& request) {
  const auto start = request.started.value_or(Clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (request.spread.sign() < 0 || request.spread >= 1) {
    return Failure{"--spread", {{"", "the spread must be at least 0 and below 1 (0.2: every weight within ±20%); got " +
                                         request.spread.canonical()}}};
  }
  if (request.samples == 0) return Failure{"--samples", {{"", "at least one sample is needed"}}};
  if (!is_solution_concept(request.method)) {
    return Failure{"--method",
                   {{"", "sensitivity takes a solution concept: nash, ks, egalitarian, utilitarian, mnw or leximin; "
                         "got " + std::string(method_name(request.method))}},
                   FailureKind::invalid_input};
  }
  if (auto missing = s.parties_without_preferences(); !missing.empty()) {
    return Failure{"", {{"/preferences/" + s.parties[static_cast<std::size_t>(missing.front())].id,
                         "sensitivity needs every party's preferences; " +
                             s.party_label(missing.front()) + " has none"}}};
  }
  SensitivityResponse r;
  r.method = request.method;
  r.spread = request.spread;
  r.seed = request.seed;
  r.samples_requested = request.samples;
  Result<SolveResponse> solved = solve(s, {.method = request.method, .time_limit = deadline.seconds()});
  if (!solved) return solved.failure();
  const SolveResponse& base = solved.value();
  r.status = base.status;
  r.engine = base.engine;
  r.outcome = base.outcome;
  const std::size_t n = s.parties.size();
  const bool frontier_route = n <= 5 && base.engine == "frontier";
  std::vector<std::string> notes;
  if (base.outcome) {
    r.utilities = base.evaluation.utilities;
    const Outcome& answer = *base.outcome;
    const Utilities u(s);
    const Vec reservations = reservations_of(s);
    // Why an interval cannot be settled exactly, for every number at once.
    std::string unsettled;
    if (request.method == Method::ks) {
      unsettled = "ks compares each package with the best every party could get, which moves with the number";
    } else if (base.engine != "frontier") {
      unsettled = "the answer came from the " + base.engine + " engine, not the exact frontier";
    } else if (base.split) {
      unsettled = "the answer divides an item";
    }
    std::map<int, std::optional<std::vector<Outcome>>> by_issue;
    std::string frontier_why;
    std::optional<std::vector<Outcome>> all_points;
    auto intervals_for = [&](StabilityInterval& iv, const Model& m, const std::vector<Outcome>* pool) {
      if (!unsettled.empty() || !pool) {
        iv.note = unsettled.empty() ? frontier_why : unsettled;
        return;
      }
      // The model must agree with the facade where it stands: the answer
      // acceptable and ahead of every rival at the given value.
      bool agrees = answer_acceptable(m, iv.given);
      for (const Competitor& k : m.rivals) agrees = agrees && ahead(m, k, iv.given);
      if (!agrees) {
        iv.note = "the engine broke a tie its own way here";
        return;
      }
      settle(m, iv, iv.given);
      round_for_people(iv);
    };
    for (std::size_t p = 0; p < n; ++p) {
      const Preferences& prefs = *s.preferences[p];
      Rational total = 0;
      for (const IssuePreference& ip : prefs.issues) total += ip.weight;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        const Rational& w = prefs.issues[i].weight;
        if (w.sign() <= 0) continue;
        if (deadline.expired()) {
          notes.push_back("the time limit stopped the intervals before " + s.party_name(static_cast<int>(p)) +
                          "'s weight on " + s.issues[i].id);
          break;
        }
        StabilityInterval iv;
        iv.party = static_cast<int>(p);
        iv.issue = static_cast<int>(i);
        iv.given = w;
        iv.range_low = 0;
        iv.range_high = w * 10;
        const Rational rest = total - w;
        if (rest.is_zero()) {
          // The party weighs nothing else: any positive weight gives the same
          // utilities (0 is no preference at all, which the format refuses).
          iv.low = 0;
          iv.low_closed = false;
          iv.low_at_range = true;
          iv.high = iv.range_high;
          iv.high_at_range = true;
          round_for_people(iv);
          r.weights.push_back(std::move(iv));
          continue;
        }
        const int ii = static_cast<int>(i);
        if (!by_issue.count(ii) && unsettled.empty()) by_issue[ii] = competitors_for_issue(s, ii, deadline, frontier_why);
        Model m;
        m.method = request.method;
        m.reservations = reservations;
        m.free = {static_cast<int>(p), rest, 1, reservations[p] * rest, reservations[p]};
        if (prefs.reservation_is_status_quo) {
          if (const std::optional<Outcome> sq = s.status_quo_outcome()) {
            m.free.ra = u.utility(static_cast<int>(p), *sq) * total - w * u.value(static_cast<int>(p), ii, (*sq)[i]);
            m.free.rb = u.value(static_cast<int>(p), ii, (*sq)[i]);
          }
        }
        auto competitor = [&](const Outcome& o) {
          Competitor c;
          c.fixed = u.utilities(o);
          c.beta = u.value(static_cast<int>(p), ii, o[i]);
          c.alpha = c.fixed[p] * total - w * c.beta;
          return c;
        };
        m.answer = competitor(answer);
        m.solve_keeps = [&, p, i](const Rational& t) {
          Result<SolveResponse> again = solve(with_weight(s, static_cast<int>(p), static_cast<int>(i), t),
                                              {.method = request.method, .time_limit = deadline.seconds()});
          return again && again.value().outcome == std::optional<Outcome>(answer);
        };
        const std::optional<std::vector<Outcome>>* pool = unsettled.empty() ? &by_issue[ii] : nullptr;
        if (pool && *pool) {
          for (const Outcome& o : **pool) {
            m.rivals.push_back(competitor(o));
            m.rivals.back().is_answer = o == answer;
          }
        }
        intervals_for(iv, m, pool && *pool ? &**pool : nullptr);
        r.weights.push_back(std::move(iv));
      }
    }
    for (std::size_t p = 0; p < n; ++p) {
      StabilityInterval iv;
      iv.party = static_cast<int>(p);
      iv.given = reservations[p];
      iv.range_low = 0;
      iv.range_high = 1;
      if (deadline.expired()) {
        notes.push_back("the time limit stopped the intervals before " + s.party_name(static_cast<int>(p)) +
                        "'s reservation");
        break;
      }
      if (!all_points && unsettled.empty()) {
        Scenario any = s;
        all_points = frontier_outcomes(any, deadline, frontier_why);
      }
      Model m;
      m.method = request.method;
      m.reservations = reservations;
      m.free = {static_cast<int>(p), 1, 0, 0, 1};
      auto competitor = [&](const Outcome& o) {
        Competitor c;
        c.fixed = u.utilities(o);
        c.alpha = c.fixed[p];
        c.beta = 0;
        return c;
      };
      m.answer = competitor(answer);
      m.solve_keeps = [&, p](const Rational& t) {
        Result<SolveResponse> again = solve(with_reservation(s, static_cast<int>(p), t),
                                            {.method = request.method, .time_limit = deadline.seconds()});
        return again && again.value().outcome == std::optional<Outcome>(answer);
      };
      if (all_points) {
        for (const Outcome& o : *all_points) {
          m.rivals.push_back(competitor(o));
          m.rivals.back().is_answer = o == answer;
        }
      }
      // A reservation outside [0, 1] (the format allows none) would fall outside the range.
      if (iv.given < iv.range_low || iv.given > iv.range_high) {
        iv.note = "the reservation lies outside [0, 1]";
      } else {
        intervals_for(iv, m, all_points ? &*all_points : nullptr);
      }
      r.reservations.push_back(std::move(iv));
    }
    if (std::optional<Failure> wrong = verify_intervals(s, request.method, answer, r, deadline)) return *wrong;
    // A sentence for each number whose interval ends inside its range (or is
    // not settled); the others are counted in one.
    std::size_t whole = 0;
    for (const auto* list : {&r.weights, &r.reservations}) {
      for (const StabilityInterval& iv : *list) {
        if (iv.low_shown && iv.low_at_range && iv.high_at_range) {
          ++whole;
        } else {
          r.explanation.push_back(interval_sentence(s, request.method, iv));
        }
      }
    }
    if (whole > 0) {
      r.explanation.push_back(fmt::format("{} other number{} can move anywhere in {} range without changing the "
                                          "package (weights from 0 to 10 times the given one, reservations from 0 "
                                          "to 1).",
                                          amount(static_cast<std::int64_t>(whole)), whole == 1 ? "" : "s",
                                          whole == 1 ? "its" : "their"));
    }
    for (const StabilityInterval& iv : r.reservations) {
      if (s.preferences[static_cast<std::size_t>(iv.party)]->reservation_is_status_quo) {
        r.explanation.push_back(s.party_name(iv.party) +
                                "'s reservation is what the status quo is worth to them: it moves with their "
                                "weights above; here it is the number it comes to, " +
                                amount(iv.given) + ", that varies.");
      }
    }
  } else {
    notes.push_back("there is no package to test (" + std::string(status_name(base.status)) +
                    "), so no intervals; the samples say how often a package appears");
  }

  // Samples.
  std::mt19937_64 rng(request.seed);
  const bool shortcut = frontier_route &&
                        !((request.method == Method::mnw || request.method == Method::leximin) &&
                          fairdiv::is_goods_scenario(s));
  std::vector<SampledAnswer> answers;
  std::vector<std::vector<std::vector<Rational>>> first_factors;  // of each answer's first sample
  std::size_t same = 0;
  for (std::size_t k = 0; k < request.samples; ++k) {
    if (deadline.expired()) {
      notes.push_back(fmt::format("the time limit stopped the samples after {} of {}", amount(static_cast<std::int64_t>(k)),
                                  amount(static_cast<std::int64_t>(request.samples))));
      break;
    }
    std::vector<std::vector<Rational>> factors(n);
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t i = 0; i < s.issues.size(); ++i) factors[p].push_back(factor(rng, request.spread));
    }
    bool settled = true;
    std::optional<Outcome> got = answer_for(scaled(s, factors), request.method, shortcut, deadline, settled);
    if (!settled) {
      notes.push_back(fmt::format("the time limit stopped the samples after {} of {}", amount(static_cast<std::int64_t>(k)),
                                  amount(static_cast<std::int64_t>(request.samples))));
      break;
    }
    ++r.samples_drawn;
    if (got == r.outcome) ++same;
    auto it = std::find_if(answers.begin(), answers.end(), [&](const SampledAnswer& a) { return a.outcome == got; });
    if (it == answers.end()) {
      answers.push_back({got, 1, 0});
      first_factors.push_back(factors);
    } else {
      ++it->count;
    }
  }
  if (shortcut) {
    // The samples took the frontier's choice without the rest of solve():
    // each distinct answer's first sample is solved again through the facade.
    std::size_t checked = 0;
    for (std::size_t k = 0; k < answers.size() && k < kSampleChecks && !deadline.expired(); ++k) {
      Result<SolveResponse> again =
          solve(scaled(s, first_factors[k]), {.method = request.method, .time_limit = deadline.seconds()});
      if (!again || again.value().status == SolveStatus::time_limit) break;
      if (again.value().outcome != answers[k].outcome) {
        return mediate::verification_failed("a sampled answer", "solve() answers another package for that sample");
      }
      ++checked;
    }
    r.verified.push_back(fmt::format("solved again through solve(): the first sample of {} of the {} distinct "
                                     "answers; each gave the same package",
                                     checked, answers.size()));
  }
  std::stable_sort(answers.begin(), answers.end(),
                   [](const SampledAnswer& a, const SampledAnswer& b) { return a.count > b.count; });
  for (SampledAnswer& a : answers) a.share = static_cast<double>(a.count) / static_cast<double>(r.samples_drawn);
  r.answers = std::move(answers);
  r.same_answer = r.samples_drawn ? static_cast<double>(same) / static_cast<double>(r.samples_drawn) : 0;
  if (r.samples_drawn > 0) {
    const std::string within = "with every weight within ±" + amount(request.spread * 100) + "%";
    const std::string drawn = amount(static_cast<std::int64_t>(r.samples_drawn));
    r.explanation.push_back("In " + percent_at_least(Rational(static_cast<std::int64_t>(same),
                                                              static_cast<std::int64_t>(r.samples_drawn)), 0) +
                            " of " + drawn + " sample" + (r.samples_drawn == 1 ? "" : "s") + " " + within +
                            " the package is the same.");
    for (const SampledAnswer& a : r.answers) {
      if (a.outcome == r.outcome) continue;
      // Never "0%" for an answer that came out.
      const std::string share =
          a.count * 100 < r.samples_drawn
              ? "under 1%"
              : percent_at_least(
                    Rational(static_cast<std::int64_t>(a.count), static_cast<std::int64_t>(r.samples_drawn)), 0);
      r.explanation.push_back(
          "In " + share + " (" + amount(static_cast<std::int64_t>(a.count)) + " sample" + (a.count == 1 ? "" : "s") +
          ") " +
          (!a.outcome  ? std::string("there is no package every party accepts.")
           : r.outcome ? "the package changes: " + describe_changes(s, *r.outcome, *a.outcome) + "."
                       : std::string("there is a package every party accepts.")));
    }
  }
  for (std::size_t k = 0; k < notes.size(); ++k) r.note += (k ? "; " : "") + notes[k];
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

}  // namespace

Rational round_significant(const Rational& x, int digits, bool up) {
  if (x.is_zero()) return x;
  int e = static_cast<int>(std::floor(std::log10(std::abs(x.to_double()))));
  // The double's logarithm may be one off at a power of ten: settle it exactly.
  const Rational ax = x.abs();
  while (pow10(e) > ax) --e;
  while (pow10(e + 1) <= ax) ++e;
  const Rational scale = pow10(digits - 1 - e);
  const Rational y = x * scale;
  return (up ? y.ceil() : y.floor()) / scale;
}

Scenario with_weight(const Scenario& s, int party, int issue, const Rational& w) {
  Scenario out = s;
  auto& prefs = out.preferences[static_cast<std::size_t>(party)];
  prefs->issues[static_cast<std::size_t>(issue)].weight = w;
  if (prefs->reservation_is_status_quo) {
    if (const std::optional<Outcome> sq = out.status_quo_outcome()) prefs->reservation = utility_with(out, *prefs, party, *sq);
  }
  return out;
}

Scenario with_reservation(const Scenario& s, int party, const Rational& r) {
  Scenario out = s;
  auto& prefs = out.preferences[static_cast<std::size_t>(party)];
  prefs->reservation = r;
  prefs->reservation_is_status_quo = false;
  return out;
}

Result<SensitivityResponse> sensitivity(const Scenario& s, const SensitivityRequest& request) {
  return mediate::guarded<SensitivityResponse>([&] { return sensitivity_unguarded(s, request); });
}

}  // namespace parley
