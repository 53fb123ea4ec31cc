#include "parley/fairdiv/payments.h"

namespace parley::fairdiv {

namespace {

Rational whole(std::size_t k) { return Rational(static_cast<std::int64_t>(k)); }

// v_p(X_q) for every p, q: what q's bundle is worth to p.
std::vector<std::vector<Rational>> bundle_values(const std::vector<std::vector<Rational>>& money,
                                                 const Allocation& a) {
  const std::size_t n = money.size();
  std::vector<std::vector<Rational>> v(n, std::vector<Rational>(n, 0));
  for (std::size_t g = 0; g < a.size(); ++g) {
    for (std::size_t q = 0; q < n; ++q) {
      if (a[g][q] == 0) continue;
      for (std::size_t p = 0; p < n; ++p) v[p][q] += money[p][g] * Rational(a[g][q]);
    }
  }
  return v;
}

}  // namespace

Result<MoneyInstance> extract_money(const Scenario& s, const Utilities& u, Method method, const std::string& source) {
  const std::string name(method_name(method));
  std::vector<Diagnostic> problems;
  std::string currency;
  int first = -1;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const std::string& c = s.preferences[p]->currency;
    const std::string ptr = "/preferences/" + s.parties[p].id;
    if (c.empty()) {
      problems.push_back({ptr, name + " pays in money, so every party's weights must be amounts of money: party \"" +
                                   s.parties[p].id + "\" gives no \"currency\" (add, for example, \"currency\": \"EUR\")"});
    } else if (first < 0) {
      first = static_cast<int>(p);
      currency = c;
    } else if (c != currency) {
      problems.push_back({ptr + "/currency", name + " pays in one currency: party \"" + s.parties[p].id +
                                                 "\" counts in " + c + " but party \"" +
                                                 s.parties[static_cast<std::size_t>(first)].id + "\" in " + currency});
    }
  }
  if (!problems.empty()) return Failure{source, std::move(problems), FailureKind::unsupported};
  ExtractOptions options;
  options.chores = true;
  Result<GoodsInstance> g = extract_goods(s, u, {}, source, options);
  if (!g) {
    Failure f = g.failure();
    // extract_goods speaks of "the fair-division methods"; say which.
    for (Diagnostic& d : f.diagnostics) d.message = name + ": " + d.message;
    return f;
  }
  MoneyInstance mi;
  mi.goods = std::move(g.value());
  mi.currency = currency;
  const auto n = static_cast<std::size_t>(mi.goods.parties);
  mi.money.assign(n, std::vector<Rational>(mi.goods.goods.size()));
  for (std::size_t p = 0; p < n; ++p) {
    // value / denominator is utility; a unit of utility is scale(p) of money.
    const Rational per_unit = u.scale(static_cast<int>(p)) / Rational(mi.goods.denominator[p]);
    for (std::size_t k = 0; k < mi.goods.goods.size(); ++k) mi.money[p][k] = Rational(mi.goods.value[p][k]) * per_unit;
  }
  return mi;
}

std::vector<int> units_of(const GoodsInstance& g) {
  std::vector<int> units;
  for (const Good& good : g.goods) units.push_back(good.units);
  return units;
}

Allocation most_valuable_allocation(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units) {
  const std::size_t n = money.size();
  Allocation a(units.size(), std::vector<int>(n, 0));
  for (std::size_t g = 0; g < units.size(); ++g) {
    std::size_t best = 0;
    for (std::size_t p = 1; p < n; ++p) {
      if (money[p][g] > money[best][g]) best = p;
    }
    a[g][best] = units[g];
  }
  return a;
}

// Both methods start alike: the most valuable allocation, and what each
// party's own lot is worth to it.
PaymentDivision allocated(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units,
                          std::vector<std::vector<Rational>>& v) {
  PaymentDivision d;
  d.allocation = most_valuable_allocation(money, units);
  v = bundle_values(money, d.allocation);
  for (std::size_t p = 0; p < money.size(); ++p) d.received.push_back(v[p][p]);
  return d;
}

PaymentDivision knaster(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units) {
  const std::size_t n = money.size();
  std::vector<std::vector<Rational>> v;
  PaymentDivision d = allocated(money, units, v);
  Rational surplus = 0;
  for (std::size_t p = 0; p < n; ++p) {
    Rational total = 0;
    for (std::size_t g = 0; g < units.size(); ++g) total += money[p][g] * Rational(units[g]);
    d.fair_share.push_back(total / whole(n));
    surplus += d.received[p] - d.fair_share[p];
  }
  d.bonus = surplus / whole(n);
  for (std::size_t p = 0; p < n; ++p) d.payments.push_back(d.fair_share[p] + d.bonus - d.received[p]);
  return d;
}

PaymentDivision compensation(const std::vector<std::vector<Rational>>& money, const std::vector<int>& units) {
  const std::size_t n = money.size();
  std::vector<std::vector<Rational>> v;
  PaymentDivision d = allocated(money, units, v);
  Rational pot = 0;
  for (std::size_t p = 0; p < n; ++p) pot += v[p][p];
  // Least d >= 0 with d_p >= d_q + v_p(X_q) - v_q(X_q): longest paths from
  // d = 0 (Bellman-Ford; n - 1 rounds settle every path of simple length,
  // and there is no positive cycle because moving bundles round a cycle
  // cannot raise the total value of a most valuable allocation).
  d.discount.assign(n, 0);
  for (std::size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = 0; q < n; ++q) {
        if (p == q) continue;
        Rational need = d.discount[q] + v[p][q] - v[q][q];
        if (need > d.discount[p]) {
          d.discount[p] = need;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  Rational discounts = 0;
  for (const Rational& x : d.discount) discounts += x;
  d.surplus = pot - discounts;
  const Rational each = d.surplus / whole(n);
  for (std::size_t p = 0; p < n; ++p) d.payments.push_back(d.discount[p] + each - v[p][p]);
  return d;
}

}  // namespace parley::fairdiv
