#include "parley/analysis/robust.h"

#include <algorithm>
#include <numeric>

namespace parley {

WorstCase worst_case(const std::vector<Rational>& d, const std::vector<Rational>& weights, const Rational& spread) {
  const std::size_t n = d.size();
  const Rational down = Rational(1) - spread;
  const Rational up = Rational(1) + spread;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return d[a] > d[b]; });
  // Prefix k of `order` at the low end, the rest at the high end; k = 0 first.
  Rational numerator = 0, denominator = 0;
  for (std::size_t i = 0; i < n; ++i) {
    numerator += weights[i] * up * d[i];
    denominator += weights[i] * up;
  }
  Rational best = numerator / denominator;
  std::size_t best_k = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    const Rational moved = weights[i] * (up - down);  // what issue i loses moving to its low end
    numerator -= moved * d[i];
    denominator -= moved;
    const Rational ratio = numerator / denominator;
    if (ratio < best) {
      best = ratio;
      best_k = k + 1;
    }
  }
  WorstCase out{best, std::vector<Rational>(n)};
  for (std::size_t k = 0; k < n; ++k) out.weights[order[k]] = weights[order[k]] * (k < best_k ? down : up);
  return out;
}

}  // namespace parley
