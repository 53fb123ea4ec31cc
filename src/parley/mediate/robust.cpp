#include "parley/mediate/robust.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "parley/analysis/constraints.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/robust.h"
#include "parley/analysis/utility.h"
#include "parley/core/number_text.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/no_deal.h"
#include "parley/model/outcome_space.h"

namespace parley::mediate {

namespace {

using Vec = std::vector<Rational>;

// One issue's outcomes are listed in memory: no more than this many.
constexpr std::size_t kDomainLimit = 1'000'000;

// How each party's gain is measured: against the status quo's values issue by
// issue, or against the reservation as a number.
struct Anchors {
  std::optional<Outcome> status_quo;
  std::vector<bool> against_status_quo;  // per party
};

Anchors anchors_of(const Scenario& s, const Utilities& u) {
  Anchors a;
  a.status_quo = s.status_quo_outcome();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    // A what-if that changes the agreed terms leaves the number read from the
    // file: then it is a number like any other.
    a.against_status_quo.push_back(u.prefs(party).reservation_is_status_quo && a.status_quo &&
                                   u.utility(party, *a.status_quo) == u.reservation(party));
  }
  return a;
}

// d_i: what issue i's value adds to p's gain before weighting.
Rational gain_term(const Utilities& u, const Anchors& a, int p, int i, const IssueValue& v) {
  const Rational anchor = a.against_status_quo[static_cast<std::size_t>(p)]
                              ? u.value(p, i, (*a.status_quo)[static_cast<std::size_t>(i)])
                              : u.reservation(p);
  return u.value(p, i, v) - anchor;
}

Vec raw_weights(const Scenario& s, int p) {
  Vec w;
  for (const IssuePreference& ip : s.preferences[static_cast<std::size_t>(p)]->issues) w.push_back(ip.weight);
  return w;
}

// Every party's worst case of package o.
void worst_cases(const Scenario& s, const Utilities& u, const Anchors& a, const Outcome& o, const Rational& spread,
                 Vec& worst, std::vector<Vec>* weights) {
  worst.clear();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    Vec d;
    for (std::size_t i = 0; i < s.issues.size(); ++i) d.push_back(gain_term(u, a, party, static_cast<int>(i), o[i]));
    WorstCase wc = worst_case(d, raw_weights(s, party), spread);
    worst.push_back(wc.value);
    if (weights) weights->push_back(std::move(wc.weights));
  }
}

// nash's order on gains: the number of parties gaining, then the product of their gains.
std::pair<int, Rational> nash_score(const Vec& gains) {
  int count = 0;
  Rational product = 1;
  for (const Rational& g : gains) {
    if (g.sign() <= 0) continue;
    ++count;
    product *= g;
  }
  return {count, product};
}

struct Best {
  Outcome outcome;
  Rational value;  // the smallest worst case
  std::pair<int, Rational> nash;
};

// The depth-first search (see robust.h).
class Search {
 public:
  Search(const Scenario& s, const Utilities& u, const Anchors& a, const Rational& spread, const Deadline& deadline)
      : s_(s), n_(s.parties.size()), spread_(spread), deadline_(deadline) {
    const Rational down = Rational(1) - spread, up = Rational(1) + spread;
    for (std::size_t p = 0; p < n_; ++p) {
      Rational total = 0;
      for (const IssuePreference& ip : s.preferences[p]->issues) total += ip.weight;
      totals_.push_back(total);
    }
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.agreed[i]) {
        domain_.push_back({*s.agreed[i]});
      } else {
        domain_.push_back(*issue_domain(s, static_cast<int>(i), kDomainLimit));  // the caller checked the size
      }
      std::vector<Rational>& d = d_.emplace_back();
      std::vector<Rational>& nominal = nominal_.emplace_back();
      for (const IssueValue& v : domain_.back()) {
        for (std::size_t p = 0; p < n_; ++p) {
          const Rational w = s.preferences[p]->issues[i].weight;
          d.push_back(gain_term(u, a, static_cast<int>(p), static_cast<int>(i), v));
          nominal.push_back(w * d.back());
        }
      }
      for (std::size_t p = 0; p < n_; ++p) {
        low_.push_back(s.preferences[p]->issues[i].weight * down);
        high_.push_back(s.preferences[p]->issues[i].weight * up);
      }
    }
    const std::size_t depths = domain_.size();
    nominal_rest_ = rest(nominal_);
    // Each constraint is checked at the depth where the last issue it reads is set.
    constraints_ = hard_constraints(s);
    check_at_.resize(depths);
    for (std::size_t c = 0; c < constraints_.size(); ++c) {
      if (constraints_[c].issues.empty()) {
        constant_.push_back(c);
      } else {
        check_at_[static_cast<std::size_t>(constraints_[c].issues.back())].push_back(c);
      }
    }
  }

  // false: the time limit stopped it.
  bool run() {
    const std::size_t depths = domain_.size();
    Outcome work;
    for (const auto& values : domain_) work.push_back(values.front());
    for (std::size_t c : constant_) {
      if (!hard_constraint_holds(s_, constraints_[c], work)) return true;  // nothing is feasible
    }
    if (depths == 0) return true;
    index_.assign(depths, 0);
    nominal_part_.assign((depths + 1) * n_, Rational(0));
    g_part_.assign((depths + 1) * n_, Rational(0));
    std::size_t depth = 0;
    std::size_t ticks = 0;
    for (;;) {
      if (++ticks % 1024 == 0 && deadline_.expired()) return false;
      const std::size_t x = index_[depth];
      work[depth] = domain_[depth][x];
      bool ok = true;
      for (std::size_t c : check_at_[depth]) {
        if (!hard_constraint_holds(s_, constraints_[c], work)) {
          ok = false;
          break;
        }
      }
      for (std::size_t p = 0; ok && p < n_; ++p) {
        Rational& sum = nominal_part_[(depth + 1) * n_ + p];
        sum = nominal_part_[depth * n_ + p] + nominal_[depth][x * n_ + p];
        ok = (sum + nominal_rest_[(depth + 1) * n_ + p]).sign() >= 0;
      }
      if (ok && best_) {
        for (std::size_t p = 0; ok && p < n_; ++p) {
          Rational& sum = g_part_[(depth + 1) * n_ + p];
          sum = g_part_[depth * n_ + p] + g_[depth][x * n_ + p];
          ok = (sum + g_rest_[(depth + 1) * n_ + p]).sign() >= 0;
        }
      }
      if (ok) {
        if (depth + 1 < depths) {
          index_[++depth] = 0;
          continue;
        }
        leaf(work);
      }
      while (++index_[depth] == domain_[depth].size()) {
        if (depth == 0) return true;
        --depth;
      }
    }
  }

  const std::optional<Best>& best() const { return best_; }
  std::size_t packages() const { return packages_; }

 private:
  // Per depth and party: the most the issues from that depth on can add.
  std::vector<Rational> rest(const std::vector<std::vector<Rational>>& table) const {
    const std::size_t depths = domain_.size();
    std::vector<Rational> out((depths + 1) * n_, Rational(0));
    for (std::size_t k = depths; k-- > 0;) {
      for (std::size_t p = 0; p < n_; ++p) {
        std::optional<Rational> most;
        for (std::size_t x = 0; x < domain_[k].size(); ++x) {
          if (!most || table[k][x * n_ + p] > *most) most = table[k][x * n_ + p];
        }
        out[k * n_ + p] = out[(k + 1) * n_ + p] + *most;
      }
    }
    return out;
  }

  // The bound "worst_p(o) >= t" for t the incumbent's value, issue by issue.
  void set_threshold(const Rational& t) {
    g_.clear();
    for (std::size_t k = 0; k < domain_.size(); ++k) {
      std::vector<Rational>& row = g_.emplace_back();
      for (std::size_t j = 0; j < d_[k].size(); ++j) {
        const std::size_t p = j % n_;
        const Rational diff = d_[k][j] - t;
        row.push_back(diff * (diff.sign() >= 0 ? low_[k * n_ + p] : high_[k * n_ + p]));
      }
    }
    g_rest_ = rest(g_);
    // The path being walked: its partial sums under the new threshold.
    for (std::size_t k = 0; k < domain_.size(); ++k) {
      for (std::size_t p = 0; p < n_; ++p) {
        g_part_[(k + 1) * n_ + p] = g_part_[k * n_ + p] + g_[k][index_[k] * n_ + p];
      }
    }
  }

  void leaf(const Outcome& o) {
    ++packages_;
    const std::size_t depths = domain_.size();
    Rational value;
    Vec gains;
    for (std::size_t p = 0; p < n_; ++p) {
      Vec d;
      for (std::size_t k = 0; k < depths; ++k) d.push_back(d_[k][index_[k] * n_ + p]);
      std::vector<Rational> w;
      for (std::size_t k = 0; k < depths; ++k) w.push_back(s_.preferences[p]->issues[k].weight);
      const Rational worst = worst_case(d, w, spread_).value;
      if (p == 0 || worst < value) value = worst;
      gains.push_back(nominal_part_[depths * n_ + p] / totals_[p]);
    }
    std::pair<int, Rational> nash = nash_score(gains);
    if (best_ && (value < best_->value || (value == best_->value && nash <= best_->nash))) return;
    const bool moved = !best_ || value != best_->value;
    best_ = Best{o, value, std::move(nash)};
    if (moved) set_threshold(value);
  }

  const Scenario& s_;
  std::size_t n_;
  Rational spread_;
  Deadline deadline_;
  Vec totals_;
  std::vector<std::vector<IssueValue>> domain_;  // per issue (depth = issue index)
  std::vector<std::vector<Rational>> d_;         // [depth][x * n + p]: gain term
  std::vector<std::vector<Rational>> nominal_;   // [depth][x * n + p]: w_pi * d
  std::vector<std::vector<Rational>> g_;         // [depth][x * n + p]: min(l (d - t), h (d - t))
  Vec low_, high_;                               // [depth * n + p]: the ends of w_pi's interval
  Vec nominal_rest_, g_rest_;
  std::vector<HardConstraint> constraints_;
  std::vector<std::vector<std::size_t>> check_at_;
  std::vector<std::size_t> constant_;
  std::vector<std::size_t> index_;
  Vec nominal_part_, g_part_;  // [(depth + 1) * n + p]: the sums over the issues set
  std::optional<Best> best_;
  std::size_t packages_ = 0;
};

// "up to 20% either way"
std::string spread_text(const Rational& spread) { return "up to " + amount(spread * 100) + "% either way"; }

void explain(const Scenario& s, const RobustPlay& play, const Outcome& o, bool proved, SolveResponse& r) {
  const std::size_t n = s.parties.size();
  const Rational smallest = *std::min_element(play.worst_case.begin(), play.worst_case.end());
  const std::string ties = proved ? " no other acceptable package guarantees more (ties broken by the Nash product)"
                                  : " it is the best the search found before the time limit";
  std::string against;
  for (std::size_t p = 0; p < n; ++p) {
    if (play.against_status_quo[p]) against += (against.empty() ? "" : ", ") + party_name(s, p);
  }
  const std::string reservation =
      against.empty() ? "their reservation" : "their reservation (for " + against + ": the status quo, under the same weights)";
  if (play.spread.is_zero()) {
    r.explanation.push_back("With the weights exactly as given (spread 0), this package makes the smallest gain over " +
                            reservation + " as large as possible, " + signed_num(smallest) + ";" + ties + ".");
  } else if (smallest.sign() >= 0) {
    r.explanation.push_back("Even if every weight is off by " + spread_text(play.spread) +
                            ", each party keeps a gain of at least " + num(smallest) + " over " + reservation + ":" +
                            ties + ".");
  } else {
    r.explanation.push_back("If every weight may be off by " + spread_text(play.spread) +
                            ", no acceptable package is sure to keep every party at " + reservation +
                            ": this one leaves no party more than " + num(-smallest) + " below it;" + ties + ".");
  }
  for (std::size_t p = 0; p < n; ++p) {
    const int party = static_cast<int>(p);
    const Rational nominal = r.evaluation.gains[p];
    std::vector<std::string> lower;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Rational& w = s.preferences[p]->issues[i].weight;
      if (w.sign() > 0 && play.worst_weights[p][i] < w) lower.push_back(s.issues[i].id);
    }
    std::string how;
    if (!play.spread.is_zero() && play.worst_case[p] != nominal) {
      how = lower.empty() ? ""
            : lower.size() <= 4
                ? " (when " + joined(lower) + " count" + (lower.size() == 1 ? "s " : " ") + amount(play.spread * 100) +
                      "% less and every other issue " + amount(play.spread * 100) + "% more)"
                : fmt::format(" (when the {} issues this package serves them best on count {}% less and the others {}% more)",
                              lower.size(), amount(play.spread * 100), amount(play.spread * 100));
    }
    r.explanation.push_back(s.party_name(party) + ": a gain of " + signed_num(nominal) +
                            " with the weights as given, " +
                            (play.spread.is_zero() || play.worst_case[p] == nominal
                                 ? std::string("and the same whatever the weights within the spread")
                                 : "at least " + signed_num(play.worst_case[p]) + " in their worst case" + how) +
                            ".");
  }
  if (play.nash) {
    if (*play.nash == o) {
      r.explanation.push_back("The Nash package is this same package.");
    } else if (!play.nash_worst_case.empty()) {
      std::size_t worst = 0;
      for (std::size_t p = 1; p < n; ++p) {
        if (play.nash_worst_case[p] < play.nash_worst_case[worst]) worst = p;
      }
      const Rational& w = play.nash_worst_case[worst];
      r.explanation.push_back("The Nash package could leave " + party_name(s, worst) + " with " +
                              (w.sign() >= 0 ? "a gain of only " + num(w) : num(-w) + " below their reservation") +
                              " (" + describe_changes(s, o, *play.nash) + ").");
    }
  }
  r.explanation.push_back(
      proved ? fmt::format("Searched exactly: every feasible package was considered; the worst cases of {} acceptable "
                           "package{} were computed, and bounds on the worst case ruled out the rest.",
                           play.packages, play.packages == 1 ? "" : "s")
             : fmt::format("The time limit stopped the exact search after the worst cases of {} acceptable package{}; "
                           "a better package may exist.",
                           play.packages, play.packages == 1 ? "" : "s"));
}

}  // namespace

Result<Vec> solve_robust(const Scenario& s, const SolveRequest& request, const Deadline& deadline, SolveResponse& r) {
  if (request.spread.sign() < 0 || request.spread >= Rational(1)) {
    return Failure{"", {Diagnostic{"", "--spread must be at least 0 and below 1 (a share of each weight, such as 0.2); got " +
                                           request.spread.str()}},
                   FailureKind::invalid_input};
  }
  r.engine = "robust (exact search)";
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i] || issue_domain(s, static_cast<int>(i), kDomainLimit)) continue;
    return Failure{"", {Diagnostic{"/issues/" + std::to_string(i),
                                   "solve --method robust lists each issue's outcomes, at most " +
                                       amount(Rational(static_cast<std::int64_t>(kDomainLimit))) + "; " +
                                       s.issues[i].id + " has more (fix it with --fix, or use a coarser step)"}},
                   FailureKind::unsupported};
  }
  const OutcomeCount count = count_outcomes(s, true);
  if (!deadline.limited() && count.log10 > 9) {
    return Failure{"", {Diagnostic{"", "solve --method robust searches every package exactly and, without a time limit, "
                                       "takes at most 1e9 open outcomes; this scenario has " + count.text() +
                                       ": fix some terms (--fix), or give --time-limit for the best package found in "
                                       "that time"}},
                   FailureKind::unsupported};
  }
  const Utilities u(s);
  const Anchors anchors = anchors_of(s, u);
  Search search(s, u, anchors, request.spread, deadline);
  const bool finished = search.run();
  if (!search.best()) {
    if (!finished) {
      r.status = SolveStatus::time_limit;
      r.note = fmt::format("the exact search found no acceptable package before the time limit ({} outcomes)",
                           count.text());
      return Vec{};
    }
    explain_no_deal(s, deadline, {request.contiguity, false}, r);
    return Vec{};
  }
  const Best& best = *search.best();
  r.status = finished ? SolveStatus::optimal : SolveStatus::feasible;
  if (!finished) {
    r.note = fmt::format("the time limit stopped the exact search over {} outcomes; no bound on a better package is known",
                         count.text());
  }
  r.outcome = best.outcome;
  r.evaluation = evaluate_outcome(s, best.outcome, "", deadline).value();  // preferences were checked before
  RobustPlay play;
  play.spread = request.spread;
  worst_cases(s, u, anchors, best.outcome, request.spread, play.worst_case, &play.worst_weights);
  play.against_status_quo = anchors.against_status_quo;
  play.packages = search.packages();
  // The Nash package, for comparison (its own verified answer).
  SolveRequest nash_request;
  nash_request.method = Method::nash;
  nash_request.time_limit = deadline.limited() ? deadline.seconds() : 0;
  nash_request.contiguity = request.contiguity;
  if (Result<SolveResponse> nash = solve(s, nash_request); nash && nash.value().outcome &&
                                                            nash.value().status == SolveStatus::optimal) {
    play.nash = nash.value().outcome;
    worst_cases(s, u, anchors, *play.nash, request.spread, play.nash_worst_case, nullptr);
  }
  explain(s, play, best.outcome, finished, r);
  r.robust = std::move(play);
  return u.utilities(best.outcome);
}

}  // namespace parley::mediate
