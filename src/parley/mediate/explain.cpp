#include "parley/mediate/explain.h"

#include <fmt/format.h>

#include <algorithm>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/core/number_text.h"

namespace parley::mediate {

using Vec = std::vector<Rational>;

std::string num(const Rational& r) { return decimal(r); }
std::string signed_num(const Rational& r) { return signed_decimal(r); }

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += (k == 0 ? "" : (k + 1 == parts.size() ? " and " : ", ")) + parts[k];
  }
  return out;
}

// The parties whose entry in `values` is zero (gains or utilities), by name.
std::vector<std::string> at_zero(const Scenario& s, const Vec& values) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (values[p].is_zero()) out.push_back(s.party_name(static_cast<int>(p)));
  }
  return out;
}

// How many entries are positive, and the product of those (the order nash
// and mnw maximise: the count first).
std::pair<std::size_t, Rational> positive_count_and_product(const Vec& values) {
  std::size_t count = 0;
  Rational product = 1;
  for (const Rational& x : values) {
    if (x.sign() > 0) {
      product *= x;
      ++count;
    }
  }
  return {count, product};
}

}  // namespace

std::string method_sentence(const Scenario& s, Method m, const Vec& u, const Vec& ideal) {
  const Vec r = reservations_of(s);
  Vec gains;
  for (std::size_t p = 0; p < u.size(); ++p) gains.push_back(u[p] - r[p]);
  switch (m) {
    case Method::nash: {
      const auto [gaining, product] = positive_count_and_product(gains);
      if (gaining == u.size()) {
        return "This package maximises the product of the parties' gains over no deal (the Nash bargaining "
               "solution, " + num(product) + "): no other feasible package gives a larger product, so any move away "
               "from this package costs one side proportionally more than the other side gains.";
      }
      if (gaining == 0) {
        return "No acceptable package gives any party a gain over no deal: each gets exactly what no deal would give, "
               "and this package is one of those (the Nash rule for this case).";
      }
      const std::vector<std::string> level = at_zero(s, gains);
      return "No acceptable package gives every party a gain over no deal at once. This package gives the most "
             "parties a gain (" + std::to_string(gaining) + " of " + std::to_string(u.size()) + "; " + join(level) +
             (level.size() == 1 ? " gets" : " get") + " exactly what no deal would give) and, among those packages, "
             "the largest product of the gains (" + num(product) + ").";
    }
    case Method::ks: {
      std::optional<Rational> least;
      std::vector<std::string> fixed;
      for (std::size_t p = 0; p < u.size(); ++p) {
        if (ideal[p] == r[p]) {
          fixed.push_back(s.party_name(static_cast<int>(p)));
          continue;
        }
        Rational ratio = gains[p] / (ideal[p] - r[p]);
        if (!least || ratio < *least) least = ratio;
      }
      std::string out = "This package gives every party at least " + percent_at_least(least.value_or(Rational(1))) +
                        " of the way from their no-deal utility to the most they could get in any acceptable package "
                        "(the Kalai-Smorodinsky solution): no package gives every party a larger share of their own "
                        "best case.";
      if (!fixed.empty()) {
        out += " " + join(fixed) + (fixed.size() == 1 ? " gets" : " get") +
               " exactly the no-deal utility in every acceptable package, so the comparison leaves them out.";
      }
      return out;
    }
    case Method::egalitarian:
      return "This package makes the smallest gain over no deal as large as possible (the egalitarian solution): "
             "the party that gains least still gains " + num(*std::min_element(gains.begin(), gains.end())) +
             ", and no package gives every party more than that.";
    case Method::utilitarian: {
      Rational sum = 0;
      for (const Rational& x : u) sum += x;
      return "This package has the largest total utility of any feasible, acceptable package (" + num(sum) +
             "), with ties broken by the Nash product.";
    }
    case Method::mnw: {
      const auto [positive, product] = positive_count_and_product(u);
      if (positive == u.size()) {
        return "This package maximises the product of the parties' utilities (maximum Nash welfare, " + num(product) +
               ").";
      }
      if (positive == 0) return "No acceptable package gives any party anything they value (maximum Nash welfare).";
      return "No acceptable package gives every party something they value at once: this one gives the most parties "
             "a positive utility (" + std::to_string(positive) + " of " + std::to_string(u.size()) +
             ") and maximises the product of theirs (maximum Nash welfare, " + num(product) + ").";
    }
    case Method::leximin:
      return "This package makes the lowest utility as large as possible (" +
             num(*std::min_element(u.begin(), u.end())) + "), then the next lowest, and so on (leximin).";
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle:
    case Method::knaster:
    case Method::compensation: break;  // the fair-division engine words its procedures
    case Method::alternating: break;  // mediate/alternating.cpp words the equilibrium
    case Method::robust: break;       // mediate/robust.cpp words the worst cases
  }
  return "";
}

std::vector<std::string> party_sentences(const Scenario& s, const Vec& u, const Vec& ideal) {
  const Vec r = reservations_of(s);
  std::vector<std::string> out;
  for (std::size_t p = 0; p < u.size(); ++p) {
    const Rational gain = u[p] - r[p];
    std::string sentence = s.party_name(static_cast<int>(p)) + " gets " + num(u[p]) + " against " + num(r[p]) +
                           " with no deal, a gain of " + signed_num(gain);
    if (!ideal.empty() && ideal[p] > r[p]) {
      sentence += ": " + percent_beside(gain / (ideal[p] - r[p]), 1, 0) +
                  " of the way to the most they could get in an acceptable package (" + num(ideal[p]) + ")";
    }
    out.push_back(sentence + ".");
  }
  return out;
}

std::string real_costs_text(const std::vector<CostOfDelay>& costs) {
  std::vector<std::string> parts;
  for (const CostOfDelay& c : costs) {
    parts.push_back(amount(c.per_period) + " " + c.what + (c.source.empty() ? "" : " (source: " + c.source + ")"));
  }
  return join(parts);
}

std::string delay_sentence(const Scenario& s) {
  const std::string per = std::string(period_name(s.period));
  const std::size_t n = s.parties.size();
  bool costs = false, drifts = false;
  for (const auto& prefs : s.preferences) {
    costs = costs || (prefs && !prefs->delay_cost.is_zero());
    drifts = drifts || (prefs && !prefs->reservation_drift.is_zero());
  }
  if (!costs && !drifts && s.dynamics.costs_of_delay.empty()) return "";
  std::string out = "Each " + per + " without agreement costs ";
  if (!s.dynamics.costs_of_delay.empty()) out += real_costs_text(s.dynamics.costs_of_delay) + "; for the parties, ";
  std::vector<std::string> parts;
  for (std::size_t p = 0; p < n; ++p) {
    if (!s.preferences[p]) continue;
    parts.push_back(s.party_name(static_cast<int>(p)) + " " + num(s.preferences[p]->delay_cost));
  }
  out += join(parts) + " in utility";
  if (drifts) {
    std::vector<std::string> who, by;
    for (std::size_t p = 0; p < n; ++p) {
      if (!s.preferences[p] || s.preferences[p]->reservation_drift.is_zero()) continue;
      who.push_back(s.party_name(static_cast<int>(p)));
      by.push_back(signed_decimal(s.preferences[p]->reservation_drift));
    }
    out += who.size() == 1 ? ", while the no-deal position of " + who[0] + " moves by " + by[0] + " a " + per
                           : ", while the no-deal positions of " + join(who) + " move by " + join(by) +
                                 " a " + per + " respectively";
  }
  return out + ".";
}

std::string party_name(const Scenario& s, std::size_t p) {
  return s.parties[p].name.empty() ? s.parties[p].id : s.parties[p].name;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
  }
  return out;
}

}  // namespace parley::mediate
