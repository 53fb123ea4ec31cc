#include "parley/fairdiv/goods.h"

#include "parley/core/common_denominator.h"

#include <numeric>

namespace parley::fairdiv {

namespace {


std::string pointer_to(int issue) { return "/issues/" + std::to_string(issue); }

IssueValue holder_value(Holder h) {
  IssueValue v;
  v.holder = h;
  return v;
}

}  // namespace

std::vector<Diagnostic> chore_problems(const Scenario& s, const Utilities& u, int issue, const std::string& refusal) {
  std::vector<Diagnostic> problems;
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  if (!is.is_holding() || s.agreed[static_cast<std::size_t>(issue)]) return problems;
  const int n = static_cast<int>(s.parties.size());
  for (int p = 0; p < n; ++p) {
    // Through Utilities' values, where a debt (negative weight) is flipped:
    // a debt is a chore even with own 1 and other 0 as written.
    const bool chore = u.value(p, issue, holder_value(p)) < u.value(p, issue, holder_value(p == 0 ? 1 : 0));
    if (u.weight(p, issue).is_zero() || !chore) continue;
    const std::string& id = s.parties[static_cast<std::size_t>(p)].id;
    if (u.is_debt(p, issue)) {
      problems.push_back({"/preferences/" + id + "/weights/" + is.id,
                          "\"" + is.id + "\" is a debt or burden for party \"" + id + "\" (negative weight); " +
                              refusal});
    } else {
      problems.push_back({"/preferences/" + id + "/values/" + is.id,
                          "party \"" + id + "\" values \"" + is.id +
                              "\" more when another party holds it (other > own): it is not a good for that party; " +
                              refusal});
    }
  }
  return problems;
}

Result<GoodsInstance> extract_goods(const Scenario& s, const Utilities& u, const PartialOutcome& public_values,
                                    const std::string& source, const ExtractOptions& options) {
  const int n = static_cast<int>(s.parties.size());
  std::vector<Diagnostic> problems;
  // Rules and red lines: the goods methods cannot honour them, so they refuse
  // rather than return an outcome that breaks one.
  for (std::size_t r = 0; r < s.rules.size(); ++r) {
    problems.push_back({"/rules/" + std::to_string(r),
                        "the fair-division methods cannot honour rules (this is a " +
                            std::string(rule_name(s.rules[r].kind)) +
                            " rule); the package optimiser handles them: parley solve --method nash (or ks, "
                            "egalitarian, utilitarian)"});
  }
  for (int p = 0; p < n; ++p) {
    const auto& lines = u.prefs(p).red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      problems.push_back({"/preferences/" + s.parties[static_cast<std::size_t>(p)].id + "/red_lines/" + std::to_string(k),
                          "the fair-division methods cannot honour red lines; the package optimiser handles them: "
                          "parley solve --method nash (or ks, egalitarian, utilitarian)"});
    }
  }
  GoodsInstance g;
  g.parties = n;
  g.fixed.resize(s.issues.size());
  bool joint_noted = false;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    const int issue = static_cast<int>(i);
    if (s.agreed[i]) {
      g.fixed[i] = *s.agreed[i];
      continue;
    }
    if (!is.is_goods()) {
      if (i < public_values.size() && public_values[i]) {
        g.fixed[i] = *public_values[i];
      } else {
        problems.push_back({pointer_to(issue),
                            "issue \"" + is.id + "\" (" + std::string(kind_name(is.kind)) +
                                ") is a public term; the fair-division methods need it agreed: add it to \"agreed\""});
      }
      continue;
    }
    if (is.is_holding()) {
      g.fixed[i] = holder_value(0);
      if (!options.chores) {
        for (Diagnostic& d : chore_problems(s, u, issue, options.refusal)) problems.push_back(std::move(d));
      }
      if ((is.joint || is.neutral) && !joint_noted) {
        joint_noted = true;
        g.notes.push_back("Fair-division methods give each item to one party: joint or neutral holding, allowed "
                          "for some items here, is not considered.");
      }
      g.goods.push_back(Good{issue, 1});
    } else {
      IssueValue v;
      v.shares.assign(static_cast<std::size_t>(n), 0);
      v.shares[0] = 1;
      g.fixed[i] = v;
      Rational units = Rational(1) / is.step;
      if (!units.is_integer() || units.is_big() || units.small_numerator() > 1'000'000) {
        problems.push_back({pointer_to(issue), "share \"" + is.id + "\" has more than 1,000,000 steps; the "
                                                  "fair-division methods need a coarser step"});
        continue;
      }
      g.goods.push_back(Good{issue, static_cast<int>(units.small_numerator())});
    }
  }
  if (!problems.empty()) return Failure{source, std::move(problems), FailureKind::unsupported};

  const std::size_t m = g.goods.size();
  g.value.assign(static_cast<std::size_t>(n), std::vector<std::int64_t>(m, 0));
  g.base.assign(static_cast<std::size_t>(n), 0);
  g.goods_base.assign(static_cast<std::size_t>(n), 0);
  g.goods_total.assign(static_cast<std::size_t>(n), 0);
  g.denominator.assign(static_cast<std::size_t>(n), 1);
  std::vector<bool> is_good(s.issues.size(), false);
  for (const Good& good : g.goods) is_good[static_cast<std::size_t>(good.issue)] = true;
  for (int p = 0; p < n; ++p) {
    auto pp = static_cast<std::size_t>(p);
    // Every exact quantity p's numbers are made of; their denominators' lcm
    // is D_p.
    std::vector<Rational> unit_value(m), other_value(m);
    std::vector<Rational> fixed_contribution(s.issues.size()), total(s.issues.size());
    CommonDenominator lcm;
    bool fits = true;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Issue& is = s.issues[i];
      const int issue = static_cast<int>(i);
      if (is.is_goods()) {
        if (is.is_holding()) {
          // What holding it alone is worth as written: less than nothing for a debt.
          total[i] = u.weight(p, issue) * u.prefs(p).issues[i].holder.own;
          if (u.is_debt(p, issue)) total[i] = -total[i];
        } else {
          total[i] = u.weight(p, issue);
        }
        fits = fits && lcm.include(total[i]);
      }
      if (!is_good[i]) {
        fixed_contribution[i] = u.contribution(p, issue, g.fixed[i]);
        fits = fits && lcm.include(fixed_contribution[i]);
      }
    }
    for (std::size_t k = 0; k < m; ++k) {
      const int issue = g.goods[k].issue;
      const Issue& is = s.issues[static_cast<std::size_t>(issue)];
      if (is.is_holding()) {
        Rational own = u.contribution(p, issue, holder_value(p));
        other_value[k] = u.contribution(p, issue, holder_value(p == 0 ? 1 : 0));
        unit_value[k] = own - other_value[k];
        fits = fits && lcm.include(other_value[k]) && lcm.include(own);
      } else {
        unit_value[k] = u.weight(p, issue) * is.step;
      }
      fits = fits && lcm.include(unit_value[k]);
    }
    if (!fits) {
      return Failure{source,
                     {Diagnostic{"/preferences/" + s.parties[pp].id,
                                 "party \"" + s.parties[pp].id +
                                     "\"'s weights and values need a common denominator beyond 2^62; the "
                                     "fair-division methods need simpler fractions"}},
                     FailureKind::unsupported};
    }
    g.denominator[pp] = lcm.value();
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].is_goods()) g.goods_total[pp] += lcm.scale(total[i]);
      if (!is_good[i]) {
        std::int64_t c = lcm.scale(fixed_contribution[i]);
        g.base[pp] += c;
        if (s.issues[i].is_goods()) g.goods_base[pp] += c;
      }
    }
    for (std::size_t k = 0; k < m; ++k) {
      g.value[pp][k] = lcm.scale(unit_value[k]);
      std::int64_t other = lcm.scale(other_value[k]);
      g.base[pp] += other;
      g.goods_base[pp] += other;
    }
  }
  return g;
}

Outcome to_outcome(const Scenario& s, const GoodsInstance& g, const Allocation& a) {
  Outcome o = g.fixed;
  for (std::size_t k = 0; k < g.goods.size(); ++k) {
    const auto i = static_cast<std::size_t>(g.goods[k].issue);
    if (s.issues[i].is_holding()) {
      for (int p = 0; p < g.parties; ++p) {
        if (a[k][static_cast<std::size_t>(p)] > 0) o[i] = holder_value(p);
      }
    } else {
      IssueValue v;
      for (int p = 0; p < g.parties; ++p) v.shares.push_back(s.issues[i].step * Rational(a[k][static_cast<std::size_t>(p)]));
      o[i] = std::move(v);
    }
  }
  return o;
}

std::int64_t utility_numerator(const GoodsInstance& g, const Allocation& a, int p) {
  auto pp = static_cast<std::size_t>(p);
  std::int64_t sum = g.base[pp];
  for (std::size_t k = 0; k < g.goods.size(); ++k) sum += a[k][pp] * g.value[pp][k];
  return sum;
}

std::vector<Rational> exact_utilities(const GoodsInstance& g, const Allocation& a) {
  std::vector<Rational> out;
  for (int p = 0; p < g.parties; ++p) out.push_back(Rational(utility_numerator(g, a, p), g.denominator[static_cast<std::size_t>(p)]));
  return out;
}

bool is_allocation(const GoodsInstance& g, const Allocation& a) {
  if (a.size() != g.goods.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].size() != static_cast<std::size_t>(g.parties)) return false;
    long long sum = 0;
    for (int x : a[k]) {
      if (x < 0) return false;
      sum += x;
    }
    if (sum != g.goods[k].units) return false;
  }
  return true;
}

}  // namespace parley::fairdiv
