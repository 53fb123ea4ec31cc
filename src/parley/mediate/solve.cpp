// solve(): which engine answers a method, what is claimed about the answer,
// and the verification every answer passes before it is returned.
//
// Engines. The solution concepts (nash .. leximin) are chosen on the exact
// Pareto frontier of the feasible, acceptable packages (frontier/), or found
// by the package optimiser (optimise/, a MIP) where that frontier is too large
// to list, has more than five parties, ran out of its share of the time, or
// --mip asks for it. mnw and leximin on a pure goods scenario (or with more
// than five parties) go to the fair-division engine first (fairdiv/), whose
// answer stands when it meets every reservation (then it is also the best
// acceptable one). aw, round-robin and envy-cycle are fair-division procedures;
// knaster and compensation divide the items and pay money (by_payments).
// alternating is a game: backward induction on the exact frontier of every
// feasible outcome (mediate/alternating.h).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "parley/analysis/bargaining.h"
#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/core/deadline.h"
#include "parley/core/number_text.h"
#include "parley/fairdiv/payments.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/alternating.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/explain.h"
#include "parley/mediate/guard.h"
#include "parley/mediate/no_deal.h"
#include "parley/mediate/robust.h"
#include "parley/mediate/verify.h"

namespace parley {

std::string_view status_name(SolveStatus s) {
  switch (s) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::done: return "done";
    case SolveStatus::feasible: return "feasible";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::no_agreement_zone: return "no_agreement_zone";
    case SolveStatus::time_limit: return "time_limit";
  }
  return "";
}

std::string_view conflict_kind_name(ConflictElement::Kind k) {
  switch (k) {
    case ConflictElement::Kind::red_line: return "red_line";
    case ConflictElement::Kind::rule: return "rule";
    case ConflictElement::Kind::reservation: return "reservation";
  }
  return "";
}

namespace {

using namespace mediate;  // NOLINT: this file is the facade over mediate's parts
using Vec = std::vector<Rational>;
using Clock = std::chrono::steady_clock;

Failure internal_error(const std::string& what) { return verification_failed("an answer", what); }

// What a search left to be said about its package.
struct Search {
  bool pareto_by_theorem = false;  // optimal under a solution concept: Pareto optimal by theorem
  Vec utilities;                   // as the search computed them (checked against the evaluation)
};

// The package, evaluated (the maximin-share search bounded by the deadline).
void set_package(const Scenario& s, SolveResponse& r, const Outcome& o, const Deadline& deadline) {
  r.outcome = o;
  r.evaluation = evaluate_outcome(s, o, "", deadline).value();  // preferences were checked before
}

// ---- the package optimiser -------------------------------------------------

Result<Search> by_optimiser(const Scenario& s, const SolveRequest& request, const Deadline& deadline,
                            const std::string& why, SolveResponse& r) {
  optimise::PackageOptions po;
  po.time_limit = deadline.seconds();
  po.contiguity = request.contiguity;
  Result<optimise::PackageResult> found = optimise::optimise_package(s, request.method, po);
  if (!found) return found.failure();
  const optimise::PackageResult& p = found.value();
  r.engine = "package optimiser (" + p.formulation + ")";
  r.note = p.note;
  Search search;
  if (p.status == optimise::PackageStatus::time_limit) {
    r.status = SolveStatus::time_limit;
    r.note = "the package optimiser found no package before the time limit" + (p.note.empty() ? "" : ": " + p.note);
    return search;
  }
  if (p.status == optimise::PackageStatus::infeasible) {
    explain_no_deal(s, deadline, {request.contiguity, true}, r);
    return search;
  }
  r.status = p.status == optimise::PackageStatus::optimal ? SolveStatus::optimal : SolveStatus::feasible;
  if (r.status == SolveStatus::feasible && !std::isnan(p.gap)) r.gap = p.gap;
  search.pareto_by_theorem = r.status == SolveStatus::optimal;
  search.utilities = p.utilities;
  set_package(s, r, p.outcome, deadline);
  if (r.status == SolveStatus::optimal) {
    r.explanation.push_back(method_sentence(s, request.method, p.utilities, p.ideal));
  } else {
    r.explanation.push_back("This is the best package the search found under the " +
                            std::string(method_name(request.method)) + " criterion; it is not proved optimal.");
  }
  r.explanation.push_back(
      "The exact frontier " + why + ", so a mixed-integer program (CBC) searched every package instead: " +
      (r.status == SolveStatus::optimal ? std::string("the answer is proved optimal over every feasible package.")
       : !r.gap ? p.note + "."
                : "not proved optimal, but " + gap_sentence(r.gap) + "."));
  if (r.status == SolveStatus::feasible && r.gap && !p.note.empty()) {
    r.explanation.push_back("What is not proved: " + p.note + ".");
  }
  for (std::string& sentence : party_sentences(s, p.utilities, p.ideal)) r.explanation.push_back(std::move(sentence));
  return search;
}

// ---- the exact frontier ----------------------------------------------------

// The answer chosen among the points of a complete frontier.
Search chosen_on_frontier(const Scenario& s, Method method, const pareto::Frontier& f, std::size_t k,
                          const std::vector<Vec>& points, const Deadline& deadline, SolveResponse& r) {
  Search search;
  search.pareto_by_theorem = true;
  search.utilities = points[k];
  r.status = SolveStatus::optimal;
  r.frontier_size = points.size();
  const Outcome outcome = f.outcome(k);
  set_package(s, r, outcome, deadline);
  const Vec ideal = ideal_point(points);
  r.explanation.push_back(method_sentence(s, method, points[k], ideal));
  r.explanation.push_back(
      (points.size() == 1 ? std::string("It is the one efficient package that every party accepts")
                          : "It is one of " + counted(static_cast<long long>(points.size()), "efficient package") +
                                " that every party accepts") +
      " (the exact Pareto frontier): no other feasible package is better for one party without being worse for "
      "another.");
  for (std::string& sentence : party_sentences(s, points[k], ideal)) r.explanation.push_back(std::move(sentence));
  // What it would cost to move: for each party, the nearest efficient package better for it.
  const std::size_t n = s.parties.size();
  for (std::size_t p = 0; p < n; ++p) {
    std::optional<std::size_t> next;
    for (std::size_t j = 0; j < points.size(); ++j) {
      if (!(points[j][p] > points[k][p])) continue;
      if (!next || points[j][p] < points[*next][p]) next = j;
    }
    const std::string who = s.party_name(static_cast<int>(p));
    if (!next) {
      r.explanation.push_back("No acceptable package gives " + who + " more.");
      continue;
    }
    std::string costs;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == p) continue;
      costs += (costs.empty() ? "" : ", ") + s.party_name(static_cast<int>(q)) + " " +
               signed_num(points[*next][q] - points[k][q]);
    }
    r.explanation.push_back("For " + who + " to get more, the nearest efficient package gives them " +
                            signed_num(points[*next][p] - points[k][p]) + " and changes the others by " + costs +
                            " (" + describe_changes(s, outcome, f.outcome(*next)) + ").");
  }
  return search;
}

Result<Search> by_frontier(const Scenario& s, const SolveRequest& request, const Deadline& deadline,
                           SolveResponse& r) {
  r.engine = "frontier";
  // With a time limit the enumeration gets half of it: the package optimiser
  // may still prove the answer in the other half.
  pareto::FrontierOptions fo;
  fo.time_limit = deadline.limited() ? deadline.seconds() / 2 : 0;
  Result<pareto::Frontier> computed = pareto::pareto_frontier(s, fo, "");
  if (!computed) return computed.failure();
  const pareto::Frontier& f = computed.value();
  if (f.status() == pareto::FrontierStatus::too_large) {
    return by_optimiser(s, request, deadline, "is too large to list here", r);
  }
  if (f.status() == pareto::FrontierStatus::time_limit) {
    Result<Search> fallback = by_optimiser(s, request, deadline, "could not be listed in half the time limit", r);
    if (fallback || fallback.failure().kind != FailureKind::unsupported) return fallback;
    r.engine = "frontier";
    r.status = SolveStatus::time_limit;
    r.note = f.note() + "; the package optimiser cannot take over here: " + fallback.errors().front().message;
    return Search{};
  }
  std::vector<Vec> points;
  for (std::size_t k = 0; k < f.size(); ++k) points.push_back(f.utilities(k));
  std::optional<std::size_t> chosen = choose(points, reservations_of(s), request.method);
  if (!chosen) {
    explain_no_deal(s, deadline, {request.contiguity, false}, r);
    return Search{};
  }
  return chosen_on_frontier(s, request.method, f, *chosen, points, deadline, r);
}

// ---- the fair-division engine ------------------------------------------------

struct GoodsAnswer {
  Search search;
  bool usable = false;  // false: the general engine answers instead
};

Result<GoodsAnswer> by_goods(const Scenario& s, Method method, const Deadline& deadline, SolveResponse& r,
                             bool must_meet_reservations) {
  fairdiv::GoodsSolveOptions go;
  go.time_limit = deadline.seconds();
  go.deadline = deadline;
  Result<fairdiv::GoodsSolution> solved = fairdiv::solve_goods(s, method, go, "");
  if (!solved) return solved.failure();
  const fairdiv::GoodsSolution& sol = solved.value();
  GoodsAnswer answer;
  if (sol.status == fairdiv::GoodsStatus::time_limit) {
    r.engine = "fair division";
    r.status = SolveStatus::time_limit;
    r.note = "no allocation was found before the time limit";
    answer.usable = true;
    return answer;
  }
  const Vec reservations = reservations_of(s);
  bool meets = true;
  for (std::size_t p = 0; p < s.parties.size(); ++p) meets = meets && sol.utilities[p] >= reservations[p];
  if (must_meet_reservations && !meets) return answer;  // the best division breaks a reservation
  answer.usable = true;
  r.engine = "fair division";
  // A procedure makes no claim of optimality: it is done (docs/cli.md).
  r.status = !is_solution_concept(method)                     ? SolveStatus::done
             : sol.status == fairdiv::GoodsStatus::optimal ? SolveStatus::optimal
                                                           : SolveStatus::feasible;
  r.gap = sol.gap;
  r.outcome = sol.outcome;
  r.split = sol.split;
  r.explanation = sol.explanation;
  // Utilities and fairness come from the fair-division engine, which knows
  // the split item (it counts fractionally), and has already assessed the
  // goods; only the constraint checks are added here.
  Evaluation e;
  e.utilities = sol.utilities;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    e.gains.push_back(sol.utilities[p] - reservations[p]);
    if (e.gains.back().sign() < 0) e.individually_rational = false;
  }
  e.constraints = check_constraints(s, sol.outcome);
  for (const ConstraintCheck& c : e.constraints) e.feasible = e.feasible && c.holds;
  e.goods = sol.goods;
  r.evaluation = std::move(e);
  answer.search.utilities = sol.utilities;
  // Theorems: Adjusted Winner is efficient; optimal MNW and leximin divisions
  // are. They speak of divisions giving each item to one party: a jointly or
  // neutrally held item may still do better for everybody.
  answer.search.pareto_by_theorem =
      !sol.joint_not_considered &&
      (method == Method::aw || (r.status == SolveStatus::optimal && (method == Method::mnw || method == Method::leximin)));
  return answer;
}

// ---- divisions with money (knaster, compensation) ------------------------

// "the house, the car and the mortgage": names as the scenario gives them.
std::string item_list(const Scenario& s, const std::vector<int>& issues) {
  std::vector<std::string> names;
  for (int i : issues) {
    const Issue& is = s.issues[static_cast<std::size_t>(i)];
    names.push_back("the " + (is.name.empty() ? is.id : is.name));
  }
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
  }
  return out;
}

std::string party_name(const Scenario& s, int p) {
  const Party& party = s.parties[static_cast<std::size_t>(p)];
  return party.name.empty() ? party.id : party.name;
}

// What each party takes and pays, as a person says it: "Anna keeps the house
// and pays Ben 12,000 EUR." Two parties: the payer names the payee. More:
// each party's sentence says what it pays or receives.
std::vector<std::string> payment_sentences(const Scenario& s, const fairdiv::MoneyInstance& mi,
                                           const fairdiv::PaymentDivision& d) {
  const int n = static_cast<int>(s.parties.size());
  std::vector<std::string> out;
  const std::optional<Outcome> before = s.status_quo_outcome();
  for (int p = 0; p < n; ++p) {
    // "keeps" what the party holds today or nobody else does (a couple's
    // things are both of theirs); "takes" what the status quo gives another.
    std::vector<int> kept, taken;
    for (std::size_t k = 0; k < mi.goods.goods.size(); ++k) {
      if (d.allocation[k][static_cast<std::size_t>(p)] == 0) continue;
      const int issue = mi.goods.goods[k].issue;
      const auto& sq = s.status_quo[static_cast<std::size_t>(issue)];
      const bool elsewhere = sq && s.issues[static_cast<std::size_t>(issue)].is_holding() && sq->holder >= 0 &&
                             sq->holder != p;
      (elsewhere ? taken : kept).push_back(issue);
    }
    std::vector<std::string> parts;
    if (!kept.empty()) parts.push_back("keeps " + item_list(s, kept));
    if (!taken.empty()) parts.push_back("takes " + item_list(s, taken));
    if (parts.empty()) parts.push_back("takes no item");
    const Rational& t = d.payments[static_cast<std::size_t>(p)];
    const std::string money = amount(t.abs(), 2) + " " + mi.currency;
    if (t.is_zero()) {
      parts.push_back("neither pays nor receives money");
    } else if (n == 2) {
      const std::string other = party_name(s, 1 - p);
      parts.push_back(t.sign() < 0 ? "pays " + other + " " + money : "receives " + money + " from " + other);
    } else {
      parts.push_back(t.sign() < 0 ? "pays " + money : "receives " + money);
    }
    // "keeps the house and pays Ben 12,000 EUR"; with lists inside, commas
    // keep the parts apart: "keeps the car and the loan, takes the dog, and ...".
    std::string sentence = party_name(s, p);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const bool lists = parts.size() > 2 || parts[0].find(" and ") != std::string::npos;
      if (k == 0) {
        sentence += " ";
      } else if (k + 1 == parts.size()) {
        sentence += lists ? ", and " : " and ";
      } else {
        sentence += ", ";
      }
      sentence += parts[k];
    }
    out.push_back(sentence + ".");
  }
  if (n > 2) out.push_back("The payments sum to zero: what some pay, the others receive.");
  return out;
}

Result<Search> by_payments(const Scenario& s, Method method, SolveResponse& r) {
  const Utilities u(s);
  Result<fairdiv::MoneyInstance> extracted = fairdiv::extract_money(s, u, method, "");
  if (!extracted) return extracted.failure();
  const fairdiv::MoneyInstance& mi = extracted.value();
  const std::vector<int> units = fairdiv::units_of(mi.goods);
  const fairdiv::PaymentDivision d =
      method == Method::knaster ? fairdiv::knaster(mi.money, units) : fairdiv::compensation(mi.money, units);
  const Outcome o = fairdiv::to_outcome(s, mi.goods, d.allocation);
  const std::size_t n = s.parties.size();
  r.engine = "fair division";
  r.status = SolveStatus::done;
  r.outcome = o;
  r.payments = d.payments;
  r.currency = mi.currency;
  Evaluation e;
  e.utilities = u.utilities(o);
  const Vec reservations = reservations_of(s);
  for (std::size_t p = 0; p < n; ++p) {
    e.utilities[p] += d.payments[p] / u.scale(static_cast<int>(p));
    e.gains.push_back(e.utilities[p] - reservations[p]);
    if (e.gains.back().sign() < 0) e.individually_rational = false;
  }
  e.constraints = check_constraints(s, o);
  for (const ConstraintCheck& c : e.constraints) e.feasible = e.feasible && c.holds;
  e.goods = assess_goods(u, o);
  r.evaluation = std::move(e);
  // Both methods end envy-free with their payments: compensation by
  // construction; Knaster with two parties (each ends with half its own total
  // plus the same bonus, so neither prefers the other's lot), not in general.
  r.envy_free_with_payments = true;
  for (std::size_t p = 0; p < n; ++p) {
    Rational own = 0;
    std::vector<Rational> lot(n, 0);
    for (std::size_t k = 0; k < units.size(); ++k) {
      for (std::size_t q = 0; q < n; ++q) lot[q] += mi.money[p][k] * Rational(d.allocation[k][q]);
    }
    for (std::size_t q = 0; q < n; ++q) {
      if (lot[q] + d.payments[q] > lot[p] + d.payments[p]) r.envy_free_with_payments = false;
    }
  }
  bool joint = false;
  for (const fairdiv::Good& g : mi.goods.goods) {
    const Issue& is = s.issues[static_cast<std::size_t>(g.issue)];
    joint = joint || is.joint || is.neutral;
  }
  std::vector<std::string>& ex = r.explanation;
  if (method == Method::knaster) {
    ex.push_back("Knaster's sealed bids: each item goes to the party who values that item most in money; each party's fair share "
                 "is " + (n == 2 ? std::string("half") : n == 3 ? std::string("a third") : n == 4 ? std::string("a quarter") : "1/" + std::to_string(n)) +
                 " of what everything is worth to them; whoever gets more than their "
                 "fair share pays the difference in, the others are paid up to theirs, and what is left over (" +
                 amount(d.bonus * Rational(static_cast<std::int64_t>(n)), 2) + " " + mi.currency +
                 ") is shared equally, so every party ends with their fair share plus " + amount(d.bonus, 2) + " " +
                 mi.currency + ".");
  } else {
    ex.push_back("Envy-free compensation (Haake, Raith and Su): each item goes to the party who values that item "
                 "most in money, which makes the total value as large as possible; the payments then leave no party preferring "
                 "another's items and payment to their own.");
  }
  for (std::string& sentence : payment_sentences(s, mi, d)) ex.push_back(std::move(sentence));
  if (r.envy_free_with_payments == true) {
    ex.push_back("With the payments, no party prefers another's items and payment to their own.");
  } else {
    ex.push_back("With the payments, some party would still rather have another's items and payment; "
                 "--method compensation removes that envy.");
  }
  for (const std::string& note : mi.goods.notes) ex.push_back(note);
  Search found;
  found.utilities = r.evaluation.utilities;
  // With money to move, a division that gives each item to whoever values it
  // most is Pareto optimal among divisions with payments (any other division
  // loses total value, so no payments can make up every party's loss); it
  // speaks of divisions giving each item to one party.
  if (!joint) r.pareto_optimal = true;
  return found;
}

// A procedure (aw, round-robin, envy-cycle) divides whatever the
// reservations say; its division may leave a party below theirs. When no
// package meets every reservation, the procedure answers as every method does:
// no agreement zone, with the conflict (docs/cli.md). Otherwise the division
// stands, saying who it leaves below and that acceptable packages exist.
Result<Search> procedure_below_reservations(const Scenario& s, const SolveRequest& request, const Deadline& deadline,
                                            SolveResponse& r, const Search& division) {
  optimise::PackageOptions po;
  po.time_limit = deadline.seconds();
  po.contiguity = request.contiguity;
  Result<optimise::PackageResult> any = optimise::find_package(s, po);
  if (any && any.value().status == optimise::PackageStatus::infeasible) {
    SolveResponse none;
    none.method = r.method;
    r = std::move(none);
    explain_no_deal(s, deadline, {request.contiguity, false}, r);
    return Search{};
  }
  const Vec reservations = reservations_of(s);
  std::vector<std::string> below;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (r.evaluation.utilities[p] >= reservations[p]) continue;
    below.push_back(fmt::format("{} gets {}, below the {} they expect from no deal", s.party_name(p),
                                num(r.evaluation.utilities[p]), num(reservations[p])));
  }
  std::string list;
  for (std::size_t k = 0; k < below.size(); ++k) {
    list += (k == 0 ? "" : k + 1 == below.size() ? " and " : ", ") + below[k];
  }
  const bool exists = any && any.value().status != optimise::PackageStatus::time_limit;
  r.explanation.push_back(
      "Below a reservation: " + list + ". " +
      (exists ? "Packages every party accepts exist (the package optimiser found one); a solution concept such as "
                "--method nash chooses among them."
              : "Whether any package meets every reservation was not settled in the time left."));
  return division;
}

// The fair-division leximin search places one unit (an item, a step of a
// share) per level, and the steps of a share are alike: a share of step 10^-6
// is a million levels with a poor first division (b 0.000001, c 0.999999
// after 20 s, where the package optimiser proves 3/7 at once). Past this many
// share steps the general engine answers (items alone stay: on 50,000 of them
// the search finds a division where the optimiser finds none in 10 s).
constexpr double kLeximinShareSteps = 2000;
double leximin_share_steps(const Scenario& s) {
  double steps = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i] || s.issues[i].kind != IssueKind::share) continue;
    steps += (Rational(1) / s.issues[i].step).to_double();
  }
  return steps;
}

Result<Search> search(const Scenario& s, const SolveRequest& request, const Deadline& deadline, SolveResponse& r) {
  const Method m = request.method;
  const std::size_t n = s.parties.size();
  if (m == Method::alternating) {
    // Every equilibrium offer is Pareto optimal (mediate/alternating.h).
    Result<Vec> played = solve_alternating(s, request, deadline, r);
    if (!played) return played.failure();
    return Search{true, played.value()};
  }
  if (m == Method::robust) {
    // Not Pareto optimal by theorem: a worst case can favour a dominated package.
    Result<Vec> found = solve_robust(s, request, deadline, r);
    if (!found) return found.failure();
    return Search{false, found.value()};
  }
  if (pays_money(m)) return by_payments(s, m, r);
  if (m == Method::mnw || m == Method::aw) {
    // docs/cli.md: mnw and aw refuse debts and burdens, naming the item
    // (mnw would otherwise fall through to the general engine).
    const Utilities u(s);
    std::vector<Diagnostic> chores;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      for (Diagnostic& d : fairdiv::chore_problems(s, u, static_cast<int>(i), fairdiv::chore_refusal(m))) {
        chores.push_back(std::move(d));
      }
    }
    if (!chores.empty()) return Failure{"", std::move(chores), FailureKind::unsupported};
  }
  if (!is_solution_concept(m)) {
    Result<GoodsAnswer> g = by_goods(s, m, deadline, r, false);
    if (!g) return g.failure();
    if (r.status == SolveStatus::done && !r.evaluation.individually_rational) {
      return procedure_below_reservations(s, request, deadline, r, g.value().search);
    }
    return g.value().search;
  }
  if ((m == Method::mnw || (m == Method::leximin && leximin_share_steps(s) <= kLeximinShareSteps)) &&
      (fairdiv::is_goods_scenario(s) || n > 5)) {
    Result<GoodsAnswer> g = by_goods(s, m, deadline, r, true);
    if (g && g.value().usable) return g.value().search;
    if (!g && g.failure().kind == FailureKind::invalid_input) return g.failure();
    // Otherwise (a reservation broken, or a division the engine cannot make)
    // the general engine answers.
  }
  if (request.force_optimiser) return by_optimiser(s, request, deadline, "was not computed (--mip)", r);
  if (n > 5) return by_optimiser(s, request, deadline, "handles at most five parties", r);
  return by_frontier(s, request, deadline, r);
}

}  // namespace

static Result<SolveResponse> solve_unguarded(const Scenario& s, const SolveRequest& request) {
  const auto start = request.started.value_or(Clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (auto missing = missing_preferences(s, "solve"); !missing.empty()) return Failure{"", std::move(missing)};
  SolveResponse r;
  r.method = request.method;
  // The search leaves a quarter of the time for the checks that follow: the
  // fairness properties are recomputed exactly, twice (the engine's report
  // and the verifier's own), which cannot stop part way; on 256 parties x
  // 3,900 items that is about a second.
  Result<Search> found = search(s, request, deadline.keep(0.25), r);
  if (!found) return found.failure();
  const Search& sr = found.value();
  if (const std::optional<Outcome> status_quo = s.status_quo_outcome()) r.status_quo = Utilities(s).utilities(*status_quo);

  // The call may end a little past the limit, at most max(0.5 s, 5%): that
  // grace is for the work that cannot stop part way (reading the input, the
  // exact re-checks of verify_solve, writing the answer). verify_solve runs
  // first; the Pareto and conflict checks, which can stop, end at the limit
  // itself (when they used the grace too, whatever came after overran it).
  auto checks_deadline = [&] {
    const double used = std::chrono::duration<double>(Clock::now() - start).count();
    return deadline.limited() ? deadline : Deadline::after(std::max(10.0, 2 * used));
  };
  if (r.outcome) {
    if (!sr.utilities.empty() && sr.utilities != r.evaluation.utilities) {
      return internal_error("the " + r.engine + " engine computed other utilities than the evaluation");
    }
    Verification v = verify_solve(s, r);
    if (!v.ok) return internal_error(v.failure);
    if (pays_money(r.method)) {
      // Utilities with money are not those of any package alone: the check
      // against other packages would compare unlike things. verify_solve
      // has re-checked that every item went where it is worth most.
      r.verified = std::move(v.checks);
      r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return r;
    }
    const Deadline checks = checks_deadline();
    ParetoCheck pc = check_pareto(s, *r.outcome, r.evaluation.utilities, r.engine, checks);
    if (pc.verdict == ParetoCheck::Verdict::dominated) {
      std::string gains;
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        gains += (p ? ", " : "") + s.party_name(static_cast<int>(p)) + " " + signed_num(pc.better_utilities[p] - r.evaluation.utilities[p]);
      }
      const std::string better = "another feasible package gives " + gains + " (no party loses): " +
                                 describe_changes(s, *r.outcome, *pc.better) + " (" + pc.how + ")";
      if (sr.pareto_by_theorem) return internal_error("the answer is claimed Pareto optimal, but " + better);
      r.pareto_optimal = false;
      r.explanation.push_back("Not Pareto optimal: " + better + ".");
    } else if (pc.verdict == ParetoCheck::Verdict::optimal || sr.pareto_by_theorem) {
      r.pareto_optimal = true;
    }
    if (r.engine != "fair division" && r.evaluation.goods.applicable) {
      // How the goods (items, regions, shares) are divided, in the
      // fair-division methods' own words.
      for (std::string& sentence : describe_goods(s, r.evaluation.goods)) r.explanation.push_back(std::move(sentence));
    }
    r.verified = std::move(v.checks);
    switch (pc.verdict) {
      case ParetoCheck::Verdict::optimal: r.verified.push_back(pc.how); break;
      case ParetoCheck::Verdict::dominated:
        r.verified.push_back("not Pareto optimal: a package at least as good for every party and better for one was " +
                             pc.how + " and re-checked");
        break;
      case ParetoCheck::Verdict::unknown:
        r.verified.push_back(sr.pareto_by_theorem ? pc.how + "; it follows from the proof of optimality" : pc.how);
        break;
    }
    if (v.constraints_held > 0 && r.engine != "fair division") {
      r.explanation.push_back(
          fmt::format("Every agreed term, rule and red line holds ({} check{}, each re-checked on the package).",
                      v.constraints_held, v.constraints_held == 1 ? "" : "s"));
    }
  } else {
    Verification v = verify_solve(s, r);
    if (!v.ok) return internal_error(v.failure);
    r.verified = std::move(v.checks);
    if (!r.conflict.empty()) {
      ConflictCheck cc = check_conflict(s, r, checks_deadline());
      if (cc.verdict == ConflictCheck::Verdict::refuted) return internal_error("the conflict reported: " + cc.how);
      r.verified.push_back(cc.how);
    }
  }
  // What waiting costs, whatever the answer: with a package, the price of
  // not signing it yet; without one, the price of the impasse.
  if (r.status != SolveStatus::time_limit) {
    if (std::string cost = delay_sentence(s); !cost.empty()) r.explanation.push_back(std::move(cost));
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

Result<SolveResponse> solve(const Scenario& s, const SolveRequest& request) {
  return mediate::guarded<SolveResponse>([&] { return solve_unguarded(s, request); });
}

}  // namespace parley
