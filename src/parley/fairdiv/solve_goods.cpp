#include "parley/fairdiv/solve_goods.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/glossary.h"
#include "parley/core/number_text.h"
#include "parley/fairdiv/methods.h"
#include "parley/fairdiv/mnw.h"
#include "parley/model/outcome_space.h"

namespace parley::fairdiv {

namespace {

constexpr std::size_t kMaxPublicCombinations = 1000;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

bool known_method(Method m) {
  return m == Method::aw || m == Method::mnw || m == Method::leximin || m == Method::round_robin ||
         m == Method::envy_cycle;
}

// Some unit is worth less than nothing to some party (ExtractOptions::chores).
bool has_chore(const GoodsInstance& g) {
  for (const auto& row : g.value) {
    for (std::int64_t v : row) {
      if (v < 0) return true;
    }
  }
  return false;
}

// One run of a method on one goods instance.
struct Candidate {
  bool found = false;
  GoodsStatus status = GoodsStatus::optimal;
  std::optional<double> gap;
  Allocation allocation;
  AdjustedWinner aw;
  std::vector<Rational> utilities;
  long long nodes = 0;
};

// The MNW order: more parties with positive utility, then a larger product of theirs.
int compare_nash(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  auto key = [](const std::vector<Rational>& u) {
    int positive = 0;
    Rational product = 1;
    for (const Rational& x : u) {
      if (x.sign() > 0) {
        ++positive;
        product *= x;
      }
    }
    return std::pair(positive, product);
  };
  auto ka = key(a), kb = key(b);
  if (ka.first != kb.first) return ka.first < kb.first ? -1 : 1;
  if (ka.second != kb.second) return ka.second < kb.second ? -1 : 1;
  return 0;
}

Candidate run(const GoodsInstance& g, Method method, double time_limit) {
  Candidate c;
  if (method == Method::aw) {
    c.aw = adjusted_winner(g);
    c.allocation = c.aw.allocation;
  } else if (method == Method::round_robin) {
    // With a chore among the goods, the double round robin (EF1 for mixed items).
    c.allocation = has_chore(g) ? double_round_robin(g) : round_robin(g);
  } else if (method == Method::envy_cycle) {
    c.allocation = envy_cycle(g);
  } else if (method == Method::leximin) {
    LeximinResult r = leximin(g, {.time_limit = time_limit});
    c.allocation = r.allocation;
    c.nodes = r.nodes;
    if (!r.optimal) {
      c.status = GoodsStatus::feasible;
      // The gap we can prove: on the worst-off party's utility, against the root bound.
      double worst = 1e300;
      for (int p = 0; p < g.parties; ++p) {
        worst = std::min(worst, double(utility_numerator(g, r.allocation, p)) / double(g.denominator[at(p)]));
      }
      c.gap = worst > 0 ? std::max(0.0, r.min_bound / worst - 1) : r.min_bound;
    }
  } else {  // mnw
    MnwResult r = max_nash_welfare(g, {.time_limit = time_limit});
    c.nodes = r.nodes;
    if (r.status == MnwStatus::time_limit) return c;  // time limit before anything feasible
    c.allocation = r.allocation;
    if (r.status != MnwStatus::optimal) {
      c.status = GoodsStatus::feasible;
      c.gap = r.gap;
    }
  }
  // Re-check the answer's shape before anything is built on it.
  if (!is_allocation(g, c.allocation)) return Candidate{};
  c.found = true;
  c.utilities = exact_utilities(g, c.allocation);
  if (c.aw.split) {
    // The leader holds the split good whole in the allocation; give back the other's part.
    const auto k = at(*c.aw.split);
    for (int p = 0; p < 2; ++p) {
      if (p == c.aw.ahead) continue;
      Rational whole(g.value[at(p)][k] * g.goods[k].units, g.denominator[at(p)]);
      Rational lead_whole(g.value[at(c.aw.ahead)][k] * g.goods[k].units, g.denominator[at(c.aw.ahead)]);
      c.utilities[at(p)] += c.aw.fractions[at(p)] * whole;
      c.utilities[at(c.aw.ahead)] -= c.aw.fractions[at(p)] * lead_whole;
    }
  }
  return c;
}

std::string percent(const Rational& r) {
  Rational pc = r * 100;
  if (pc.is_integer()) return pc.str() + "%";
  if ((pc * 100).is_integer()) return fmt::format("{:.2f}%", pc.to_double());
  return r.str() + " (" + fmt::format("{:.2f}%", pc.to_double()) + ")";
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += (k == 0 ? "" : (k + 1 == parts.size() ? " and " : ", ")) + parts[k];
  }
  return out;
}

std::string public_value_text(const Scenario& s, int issue, const IssueValue& v) {
  const Issue& is = s.issues[at(issue)];
  if (is.kind == IssueKind::choice) return is.options[at(v.option)];
  if (is.kind == IssueKind::number) return v.number.canonical() + (is.unit.empty() ? "" : " " + is.unit);
  return "";
}

}  // namespace

bool is_goods_scenario(const Scenario& s) {
  if (!s.rules.empty()) return false;
  for (const auto& prefs : s.preferences) {
    if (prefs && !prefs->red_lines.empty()) return false;
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i]) continue;
    const Issue& is = s.issues[i];
    if (!is.is_goods() || is.joint || is.neutral) return false;
  }
  return true;
}

Result<GoodsSolution> solve_goods(const Scenario& s, Method method, const GoodsSolveOptions& options,
                                  const std::string& source) {
  const Deadline deadline = options.deadline.within(options.time_limit);
  if (!known_method(method)) {
    return Failure{source,
                   {Diagnostic{"", "the fair-division engine answers aw, mnw, leximin, round-robin and envy-cycle, not " +
                                       std::string(method_name(method))}},
                   FailureKind::unsupported};
  }
  if (auto missing = missing_preferences(s, "solve"); !missing.empty()) return Failure{source, std::move(missing)};
  const int n = static_cast<int>(s.parties.size());
  if (method == Method::aw && n != 2) {
    return Failure{source,
                   {Diagnostic{"/parties", "Adjusted Winner (aw) divides between two parties; this scenario has " +
                                               std::to_string(n) + " (use mnw, leximin, round-robin or envy-cycle)"}},
                   FailureKind::unsupported};
  }
  Utilities u(s);

  // Public terms without an agreed value: chosen jointly by mnw and leximin
  // (every combination, when there are few), refused by the others.
  std::vector<int> open;
  std::vector<std::vector<IssueValue>> domains;
  std::size_t combinations = 1;
  const bool joint_ok = method == Method::mnw || method == Method::leximin;
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i] || s.issues[i].is_goods()) continue;
    const int issue = static_cast<int>(i);
    if (!joint_ok) {
      problems.push_back({"/issues/" + std::to_string(i),
                          "public term \"" + s.issues[i].id + "\" has no agreed value; " + std::string(method_name(method)) +
                              " divides goods only: add it to \"agreed\" (mnw and leximin can choose public terms "
                              "jointly with the division)"});
      continue;
    }
    auto domain = issue_domain(s, issue, kMaxPublicCombinations);
    if (!domain || combinations * domain->size() > kMaxPublicCombinations) {
      problems.push_back({"/issues/" + std::to_string(i),
                          "public term \"" + s.issues[i].id + "\" has no agreed value, and the public terms have more "
                          "than 1000 combinations to try jointly with the division: add it to \"agreed\""});
      continue;
    }
    combinations *= domain->size();
    open.push_back(issue);
    domains.push_back(std::move(*domain));
  }
  if (!problems.empty()) return Failure{source, std::move(problems), FailureKind::unsupported};

  auto remaining = [&]() { return deadline.seconds(); };

  PartialOutcome public_values(s.issues.size());
  std::vector<std::size_t> odometer(open.size(), 0);
  std::optional<GoodsInstance> best_instance;
  Candidate best;
  bool any_unproven = false, any_missing = false;
  long long nodes = 0;
  for (std::size_t combo = 0; combo < combinations; ++combo) {
    for (std::size_t j = 0; j < open.size(); ++j) public_values[at(open[j])] = domains[j][odometer[j]];
    ExtractOptions eo;
    eo.chores = method == Method::round_robin;
    eo.refusal = chore_refusal(method);
    Result<GoodsInstance> g = extract_goods(s, u, public_values, source, eo);
    if (!g) return g.failure();
    Candidate c = run(g.value(), method, remaining());
    nodes += c.nodes;
    if (!c.found) {
      any_missing = true;
    } else {
      any_unproven = any_unproven || c.status != GoodsStatus::optimal;
      bool better = !best.found;
      if (!better && method == Method::leximin) better = leximin_compare(c.utilities, best.utilities) > 0;
      if (!better && method == Method::mnw) better = compare_nash(c.utilities, best.utilities) > 0;
      if (better) {
        best = std::move(c);
        best_instance = std::move(g).value();
      }
    }
    for (std::size_t j = 0; j < open.size(); ++j) {  // next combination, last issue fastest
      std::size_t d = open.size() - 1 - j;
      if (++odometer[d] < domains[d].size()) break;
      odometer[d] = 0;
    }
  }

  GoodsSolution sol;
  sol.method = method;
  sol.public_combinations = static_cast<int>(combinations);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    if (!s.agreed[i] && is.is_holding() && (is.joint || is.neutral)) sol.joint_not_considered = true;
  }
  sol.nodes = nodes;
  if (!best.found) {
    sol.status = GoodsStatus::time_limit;
    sol.explanation.push_back("The time limit ended the search before any allocation was found.");
    return sol;
  }
  const GoodsInstance& g = *best_instance;
  sol.status = (any_unproven || any_missing) ? GoodsStatus::feasible : GoodsStatus::optimal;
  if (sol.status == GoodsStatus::feasible) sol.gap = best.gap;
  sol.allocation = best.allocation;
  sol.utilities = best.utilities;
  sol.outcome = to_outcome(s, g, best.allocation);
  std::optional<FractionalItem> fractional;
  if (best.aw.split) {
    const int issue = g.goods[at(*best.aw.split)].issue;
    sol.split = SplitItem{issue, best.aw.fractions};
    IssueValue& v = sol.outcome[at(issue)];
    if (s.issues[at(issue)].is_holding()) {
      v.holder = best.aw.fractions[1] > best.aw.fractions[0] ? 1 : 0;
      fractional = FractionalItem{issue, best.aw.fractions};
    } else {
      v.shares = best.aw.fractions;  // exact, possibly off the step grid (header)
    }
  }
  sol.goods = fractional ? assess_goods(u, sol.outcome, *fractional, deadline) : assess_goods(u, sol.outcome, deadline);

  // ---- explanation ------------------------------------------------------
  // Sentences name the parties and the goods as the scenario does.
  auto pid = [&](int p) { return s.party_name(p); };
  auto iid = [&](int i) { return s.issue_name(i); };
  auto capital = [](std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
  };
  Glossary words(s.parties.size());
  std::vector<std::string>& ex = sol.explanation;
  bool agreed_goods = false;
  for (std::size_t i = 0; i < s.issues.size(); ++i) agreed_goods = agreed_goods || (s.agreed[i] && s.issues[i].is_goods());
  if (g.goods.empty()) {
    ex.push_back("Every good is already agreed: nothing is left to divide, and the agreed terms decide what each "
                 "party gets.");
  } else if (method == Method::aw) {
    const AdjustedWinner& aw = best.aw;
    // Brams and Taylor's points are the scenario's own weights on the goods:
    // "55 of their 100 points" reads better than a share of a normalised sum.
    std::vector<Rational> total(at(n));
    for (int p = 0; p < n; ++p) {
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (!s.issues[i].is_goods()) continue;
        const IssuePreference& ip = s.preferences[at(p)]->issues[i];
        total[at(p)] += s.issues[i].is_holding() ? ip.weight * ip.holder.own : ip.weight;
      }
    }
    auto points = [&](int p, const Rational& fraction) { return amount(fraction * total[at(p)], 2); };
    auto of_points = [&](int p) { return " of their " + amount(total[at(p)], 2) + " points"; };
    ex.push_back("Adjusted Winner (Brams and Taylor): each party's weights on the goods are their points; each good "
                 "first went to the party for whom the good is worth more of their points (goods worth the same to "
                 "both went to the party then behind). That gave " + pid(0) + " " + points(0, aw.initial_points[0]) + of_points(0) +
                 " and " + pid(1) + " " + points(1, aw.initial_points[1]) + of_points(1) + ".");
    if (aw.ahead >= 0) {
      // What the party ahead handed over, in order: whole goods, then part of the split one.
      std::vector<std::string> handed;
      for (int k : aw.handed) handed.push_back(iid(g.goods[at(k)].issue));
      if (aw.split) {
        handed.push_back(aw.fractions[at(1 - aw.ahead)].str() + " of " + iid(g.goods[at(*aw.split)].issue));
      }
      const std::string other = pid(1 - aw.ahead);
      ex.push_back("Then " + pid(aw.ahead) + ", who was ahead, handed " + other + " the goods that " + pid(aw.ahead) +
                   " values least compared with " + other + ", in that order, until " +
                   (aw.level ? "both were level: " : "nothing further could help: ") +
                   (handed.empty() ? std::string("nothing") : join(handed)) + ".");
    }
    if (aw.level) {
      ex.push_back(pid(0) + " ends with " + points(0, aw.points[0]) + of_points(0) + " and " + pid(1) + " with " +
                   points(1, aw.points[1]) + of_points(1) + ": each gets " + percent(aw.points[0]) +
                   " of what all the goods are worth to them.");
    } else {
      ex.push_back("The parties could not be made level: " + pid(1 - aw.ahead) + " already holds every good they "
                   "value that " + pid(aw.ahead) + " held, so equitability is not reached.");
    }
    if (aw.split) {
      const int issue = g.goods[at(*aw.split)].issue;
      std::string text2 = capital(iid(issue)) + " is divided: " + pid(0) + " gets " + aw.fractions[0].str() + " and " +
                          pid(1) + " " + aw.fractions[1].str() + " of it.";
      if (!s.issues[at(issue)].is_holding()) {
        text2 += " These fractions are exact and need not be multiples of the share's step " +
                 s.issues[at(issue)].step.canonical() + ": equal treatment needs the exact point.";
      } else {
        text2 += " An item cannot be cut, so in practice this means shared ownership in those proportions, or a "
                 "sale with the proceeds divided so.";
      }
      ex.push_back(text2);
    }
    const std::string among = sol.joint_not_considered ? " giving each item to one party" : "";
    if (aw.level) {
      ex.push_back("With two parties Adjusted Winner is envy-free, equitable and efficient: no other division" + among +
                   " makes one party better off without making the other worse off, and at most one good is divided.");
    } else {
      ex.push_back("Adjusted Winner's division is efficient: no other division" + among +
                   " makes one party better off without making the other worse off.");
    }
  } else if (method == Method::round_robin && has_chore(g)) {
    std::vector<std::string> order, reverse;
    for (int p = 0; p < n; ++p) order.push_back(pid(p));
    for (int p = n; p-- > 0;) reverse.push_back(pid(p));
    ex.push_back("Double round robin (Aziz et al.), for goods and burdens together: first the items nobody wants "
                 "were picked in turn in the order " + join(order) + ", each party taking the one that costs them "
                 "least; then the others in the reverse order " + join(reverse) + ", each taking what they value "
                 "most, or passing when nothing left is worth anything to them.");
    ex.push_back("This guarantees " + words.say(Term::ef1) + ", or when one burden is taken from the envious "
                 "party's own bundle.");
  } else if (method == Method::round_robin) {
    std::vector<std::string> order;
    for (int p = 0; p < n; ++p) order.push_back(pid(p));
    ex.push_back("Round robin: the parties took turns in the order " + join(order) +
                 ", each picking the item, or one step of a share, that they value most among those left (ties: the "
                 "good listed first).");
    ex.push_back("Round robin guarantees " + words.say(Term::ef1) + ".");
  } else if (method == Method::envy_cycle) {
    ex.push_back("Envy-cycle elimination (Lipton et al.): the goods were handed out one at a time, in the order "
                 "listed (a share one step at a time), each to a party nobody envied; when everybody was envied, "
                 "bundles were passed round a cycle of envy, making each party in the cycle better off.");
    ex.push_back("This guarantees " + words.say(Term::ef1) + ".");
  } else if (method == Method::leximin) {
    Rational worst = *std::min_element(sol.utilities.begin(), sol.utilities.end());
    ex.push_back(std::string(sol.joint_not_considered ? "Leximin, among divisions that give each item to one party: "
                                                      : "Leximin: ") +
                 "the division makes the worst-off party as well off as possible (" + percent_beside(worst, 1) +
                 " of all they value, utility " + decimal(worst) + "), then the next worst-off, and so on.");
    if (sol.status != GoodsStatus::optimal) {
      ex.push_back("The time limit ended the search before this was proved optimal; it is the best division found.");
    }
  } else {
    ex.push_back(std::string(sol.joint_not_considered
                                 ? "Maximum Nash welfare, among divisions that give each item to one party: "
                                 : "Maximum Nash welfare: ") +
                 "the division makes as many parties as possible better off than with nothing, then maximises the "
                 "product of their utilities.");
    ex.push_back("Such a division is efficient and " + words.say(Term::ef1) + " (Caragiannis et al. 2016).");
    if (sol.status != GoodsStatus::optimal) {
      ex.push_back("The time limit ended the search before this was proved optimal; it is the best division found.");
    }
  }
  // Who gets what.
  for (int p = 0; p < n; ++p) {
    std::vector<std::string> got;
    for (std::size_t k = 0; k < g.goods.size(); ++k) {
      const int issue = g.goods[k].issue;
      if (sol.split && sol.split->issue == issue) {
        if (sol.split->fractions[at(p)].sign() > 0) got.push_back(percent(sol.split->fractions[at(p)]) + " of " + iid(issue));
        continue;
      }
      if (s.issues[at(issue)].is_holding()) {
        if (best.allocation[k][at(p)] > 0) got.push_back(iid(issue));
      } else if (best.allocation[k][at(p)] > 0) {
        got.push_back(percent(sol.outcome[at(issue)].shares[at(p)]) + " of " + iid(issue));
      }
    }
    // Utilities count the agreed goods too: "receives nothing (utility 0.75)" read as a contradiction.
    const std::string what = !got.empty() ? join(got) : agreed_goods ? "nothing beyond the agreed terms" : "nothing";
    ex.push_back(pid(p) + " receives " + what + " (" + percent_beside(sol.utilities[at(p)], 1) +
                 " of all they value" +
                 (!agreed_goods ? "" : got.empty() ? ", from the agreed terms" : ", the agreed terms included") + ").");
  }
  std::vector<std::string> agreed;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i]) agreed.push_back(s.issue_name(static_cast<int>(i)));
  }
  if (!agreed.empty()) ex.push_back("Agreed terms stay as agreed: " + join(agreed) + ".");
  if (!open.empty()) {
    std::vector<std::string> chosen;
    for (int issue : open) chosen.push_back(iid(issue) + " = " + public_value_text(s, issue, sol.outcome[at(issue)]));
    ex.push_back("Public terms chosen jointly with the division, the best of " + std::to_string(combinations) +
                 " combinations for this method: " + join(chosen) + ".");
  }
  for (const std::string& note : g.notes) ex.push_back(note);
  for (std::string& line : describe_goods(s, sol.goods, words)) ex.push_back(std::move(line));
  return sol;
}

// Why `method` refuses a debt or burden, and what divides one.
std::string chore_refusal(Method method) {
  const std::string others = "round-robin (the double round robin), knaster or compensation (with a currency) and "
                             "nash, ks, egalitarian or utilitarian divide debts and burdens";
  switch (method) {
    case Method::aw: return "Adjusted Winner divides goods only; " + others;
    case Method::mnw: return "maximum Nash welfare (mnw) divides goods only; " + others;
    case Method::envy_cycle: return "envy-cycle elimination divides goods only; " + others;
    default: return "the fair-division methods divide goods only; " + others;
  }
}

}  // namespace parley::fairdiv
