#include "parley/analysis/bargaining.h"

#include <algorithm>

namespace parley {

namespace {

bool eligible(const std::vector<Rational>& u, const std::vector<Rational>& r) {
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (!(u[p] > r[p])) return false;
  }
  return true;
}

Rational product_of_gains(const std::vector<Rational>& u, const std::vector<Rational>& r) {
  Rational product = 1;
  for (std::size_t p = 0; p < u.size(); ++p) product *= u[p] - r[p];
  return product;
}

std::vector<Rational> sorted(std::vector<Rational> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The value each method maximises, as a vector compared lexicographically.
std::vector<Rational> score(const std::vector<Rational>& u, const std::vector<Rational>& r,
                            const std::vector<Rational>& ideal, Method method) {
  switch (method) {
    case Method::nash: return {product_of_gains(u, r)};
    case Method::ks: {
      std::vector<Rational> ratios;
      for (std::size_t p = 0; p < u.size(); ++p) ratios.push_back((u[p] - r[p]) / (ideal[p] - r[p]));
      return sorted(std::move(ratios));  // the minimum first, then leximin
    }
    case Method::egalitarian: {
      std::vector<Rational> gains;
      for (std::size_t p = 0; p < u.size(); ++p) gains.push_back(u[p] - r[p]);
      return sorted(std::move(gains));
    }
    case Method::utilitarian: {
      Rational sum = 0;
      for (const Rational& x : u) sum += x;
      return {sum, product_of_gains(u, r)};
    }
    case Method::mnw: {
      std::int64_t positive = 0;
      Rational product = 1;
      for (const Rational& x : u) {
        if (x.sign() > 0) {
          ++positive;
          product *= x;
        }
      }
      return {Rational(positive), product};
    }
    case Method::leximin: return sorted(u);
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle: break;  // procedures, not solution concepts: choose() refuses them
  }
  return {};
}

}  // namespace

std::vector<Rational> ideal_point(const std::vector<std::vector<Rational>>& points) {
  std::vector<Rational> best;
  for (const auto& u : points) {
    if (best.empty()) {
      best = u;
      continue;
    }
    for (std::size_t p = 0; p < u.size(); ++p) best[p] = std::max(best[p], u[p]);
  }
  return best;
}

std::optional<std::size_t> choose(const std::vector<std::vector<Rational>>& points,
                                  const std::vector<Rational>& reservations, Method method) {
  if (!is_solution_concept(method)) return std::nullopt;
  const std::vector<Rational> ideal = ideal_point(points);
  std::optional<std::size_t> best;
  std::vector<Rational> best_score;
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (!eligible(points[k], reservations)) continue;
    std::vector<Rational> s = score(points[k], reservations, ideal, method);
    if (!best || s > best_score) {
      best = k;
      best_score = std::move(s);
    }
  }
  return best;
}

std::vector<int> reservation_conflict(const std::vector<std::vector<Rational>>& points,
                                      const std::vector<Rational>& reservations) {
  const std::size_t n = reservations.size();
  std::vector<bool> in(n, true);
  auto possible = [&] {
    for (const auto& u : points) {
      bool all = true;
      for (std::size_t p = 0; p < n && all; ++p) all = !in[p] || u[p] > reservations[p];
      if (all) return true;
    }
    return false;
  };
  if (possible()) return {};
  // Deletion filter: drop each reservation that is not needed for the conflict.
  for (std::size_t p = 0; p < n; ++p) {
    in[p] = false;
    if (possible()) in[p] = true;
  }
  std::vector<int> out;
  for (std::size_t p = 0; p < n; ++p) {
    if (in[p]) out.push_back(static_cast<int>(p));
  }
  return out;
}

}  // namespace parley
