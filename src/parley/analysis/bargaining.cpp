#include "parley/analysis/bargaining.h"

#include <algorithm>

namespace parley {

namespace {

// Individually rational: every party at least at its reservation.
bool eligible(const std::vector<Rational>& u, const std::vector<Rational>& r) {
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (u[p] < r[p]) return false;
  }
  return true;
}

// (how many x_p - base_p are positive, the product of those), the score of
// nash (base = reservations) and mnw (base = 0).
std::vector<Rational> positive_count_then_product(const std::vector<Rational>& x, const std::vector<Rational>& base) {
  std::int64_t positive = 0;
  Rational product = 1;
  for (std::size_t p = 0; p < x.size(); ++p) {
    const Rational gain = x[p] - base[p];
    if (gain.sign() > 0) {
      ++positive;
      product *= gain;
    }
  }
  return {Rational(positive), product};
}

std::vector<Rational> sorted(std::vector<Rational> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The value each method maximises, as a vector compared lexicographically
// (bargaining.h lists them).
std::vector<Rational> score(const std::vector<Rational>& u, const std::vector<Rational>& r,
                            const std::vector<Rational>& ideal, Method method) {
  switch (method) {
    case Method::nash: return positive_count_then_product(u, r);
    case Method::ks: {
      std::vector<Rational> ratios;
      for (std::size_t p = 0; p < u.size(); ++p) {
        // I_p <= r_p: p gets r_p at every eligible point; it never limits the minimum.
        ratios.push_back(ideal[p] > r[p] ? (u[p] - r[p]) / (ideal[p] - r[p]) : Rational(1));
      }
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
      std::vector<Rational> out{sum};
      for (Rational& x : positive_count_then_product(u, r)) out.push_back(std::move(x));
      return out;
    }
    case Method::mnw: return positive_count_then_product(u, std::vector<Rational>(u.size(), Rational(0)));
    case Method::leximin: return sorted(u);
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle:
    case Method::knaster:
    case Method::compensation:
    case Method::alternating:
    case Method::robust: break;  // procedures, a game and a worst case, not solution concepts: choose() refuses them
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
                                  const std::vector<Rational>& reservations, Method method,
                                  const std::vector<Rational>& ideal) {
  if (!is_solution_concept(method)) return std::nullopt;
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

std::optional<std::size_t> choose(const std::vector<std::vector<Rational>>& points,
                                  const std::vector<Rational>& reservations, Method method) {
  std::vector<std::vector<Rational>> acceptable;
  if (method == Method::ks) {
    for (const auto& u : points) {
      if (eligible(u, reservations)) acceptable.push_back(u);
    }
  }
  return choose(points, reservations, method, ideal_point(acceptable));
}

std::vector<int> reservation_conflict(const std::vector<std::vector<Rational>>& points,
                                      const std::vector<Rational>& reservations) {
  const std::size_t n = reservations.size();
  std::vector<bool> in(n, true);
  auto possible = [&] {
    for (const auto& u : points) {
      bool all = true;
      for (std::size_t p = 0; p < n && all; ++p) all = !in[p] || u[p] >= reservations[p];
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
