// The exact worst case over the weight box against the definition: the
// minimum over every vertex of the box, enumerated.
#include "parley/analysis/robust.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace parley {
namespace {

using Vec = std::vector<Rational>;

Rational ratio(const Vec& d, const Vec& w) {
  Rational num = 0, den = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    num += w[i] * d[i];
    den += w[i];
  }
  return num / den;
}

// min over the 2^n vertices of the box.
Rational by_vertices(const Vec& d, const Vec& w, const Rational& spread) {
  std::optional<Rational> best;
  for (std::size_t mask = 0; mask < (std::size_t{1} << d.size()); ++mask) {
    Vec v(d.size());
    for (std::size_t i = 0; i < d.size(); ++i) v[i] = w[i] * ((mask >> i) & 1U ? Rational(1) + spread : Rational(1) - spread);
    const Rational r = ratio(d, v);
    if (!best || r < *best) best = r;
  }
  return *best;
}

TEST(WorstCase, TwoIssuesByHand) {
  // Gain terms 0.5 and -0.25 with weights 1 and 1: nominal 1/8. At 20% the
  // good issue falls to 0.8 and the bad one rises to 1.2:
  // (0.8 * 0.5 - 1.2 * 0.25) / 2 = 0.1 / 2 = 1/20.
  const WorstCase wc = worst_case({Rational(1, 2), Rational(-1, 4)}, {1, 1}, Rational(1, 5));
  EXPECT_EQ(wc.value, Rational(1, 20));
  EXPECT_EQ(wc.weights, (Vec{Rational(4, 5), Rational(6, 5)}));
}

TEST(WorstCase, ZeroSpreadIsTheNominalGain) {
  const Vec d{Rational(3, 10), Rational(-1, 2), Rational(1)};
  const Vec w{2, 5, 3};
  const WorstCase wc = worst_case(d, w, 0);
  EXPECT_EQ(wc.value, ratio(d, w));
  EXPECT_EQ(wc.weights, w);
}

TEST(WorstCase, AnIssueOfWeightZeroStaysZero) {
  const WorstCase wc = worst_case({Rational(1), Rational(-1)}, {0, 4}, Rational(1, 2));
  EXPECT_EQ(wc.value, Rational(-1));
  EXPECT_EQ(wc.weights, (Vec{0, 6}));
}

RC_GTEST_PROP(WorstCase, EqualsTheSmallestVertex, ()) {
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, 9));
  Vec d, w;
  for (std::size_t i = 0; i < n; ++i) {
    d.emplace_back(*rc::gen::inRange(-20, 21), 20);
    w.emplace_back(*rc::gen::inRange(0, 13), *rc::gen::inRange(1, 4));
  }
  RC_PRE(std::any_of(w.begin(), w.end(), [](const Rational& x) { return x.sign() > 0; }));
  const Rational spread(*rc::gen::inRange(0, 20), 20);
  const WorstCase wc = worst_case(d, w, spread);
  RC_ASSERT(wc.value == by_vertices(d, w, spread));
  // The weights given are a vertex of the box and attain the value.
  for (std::size_t i = 0; i < n; ++i) {
    RC_ASSERT(wc.weights[i] == w[i] * (Rational(1) - spread) || wc.weights[i] == w[i] * (Rational(1) + spread));
  }
  RC_ASSERT(ratio(d, wc.weights) == wc.value);
  RC_ASSERT(wc.value <= ratio(d, w));
}

}  // namespace
}  // namespace parley
