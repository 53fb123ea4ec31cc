// Border lengths: exact values on shapes whose answer is known, agreement with
// dense sampling on random shapes, the box tree against brute force, and the
// work bound on a map where thousands of boundaries meet at one point.
#include "parley/io/border_lengths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>

namespace parley::geo {
namespace {

MapFeature polygon(std::vector<MapPoint> ring) {
  ring.push_back(ring.front());
  MapFeature f;
  f.polygons = {{ring}};
  return f;
}

MapFeature rect(double x, double y, double w, double h) {
  return polygon({{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}});
}

TEST(BorderLengths, SquaresSideBySide) {
  // The shared side, and the stretch d of each side leaving it.
  const double d = 0.01;
  NearLengths near = near_lengths({rect(0, 0, 1, 1), rect(1, 0, 1, 1)}, d);
  ASSERT_FALSE(near.too_intricate);
  ASSERT_EQ(near.pairs.size(), 1u);
  EXPECT_EQ(near.pairs[0].a, 0);
  EXPECT_EQ(near.pairs[0].b, 1);
  EXPECT_NEAR(near.pairs[0].a_near_b, 1 + 2 * d, 1e-12);
  EXPECT_NEAR(near.pairs[0].b_near_a, 1 + 2 * d, 1e-12);
  // A gap g < d: the facing sides, and d - g of each side leaving them.
  const double g = 0.004;
  near = near_lengths({rect(0, 0, 1, 1), rect(1 + g, 0, 1, 1)}, d);
  ASSERT_EQ(near.pairs.size(), 1u);
  EXPECT_NEAR(near.pairs[0].a_near_b, 1 + 2 * (d - g), 1e-12);
  // A gap wider than d: nothing.
  EXPECT_TRUE(near_lengths({rect(0, 0, 1, 1), rect(1.02, 0, 1, 1)}, d).pairs.empty());
}

TEST(BorderLengths, PointContactAndHoles) {
  // Corner to corner: d along each of the two sides meeting at the corner.
  const double d = 0.01;
  NearLengths near = near_lengths({rect(0, 0, 1, 1), rect(1, 1, 1, 1)}, d);
  ASSERT_EQ(near.pairs.size(), 1u);
  EXPECT_NEAR(near.pairs[0].a_near_b, 2 * d, 1e-12);
  EXPECT_NEAR(near.pairs[0].b_near_a, 2 * d, 1e-12);
  // An enclave filling a hole: the hole's whole ring and the enclave's.
  MapFeature outer = rect(0, 0, 4, 4);
  outer.polygons[0].push_back({{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}});
  near = near_lengths({outer, rect(1, 1, 2, 2)}, d);
  ASSERT_EQ(near.pairs.size(), 1u);
  EXPECT_NEAR(near.pairs[0].a_near_b, 8, 1e-12);
  EXPECT_NEAR(near.pairs[0].b_near_a, 8, 1e-12);
}

// The length of a's boundary within d of b's, by sampling a's boundary
// densely and measuring each sample's distance to b's segments.
double sampled(const MapFeature& a, const MapFeature& b, double d) {
  auto distance = [](MapPoint p, MapPoint u, MapPoint v) {
    const double ex = v.x - u.x, ey = v.y - u.y;
    const double t = std::clamp(((p.x - u.x) * ex + (p.y - u.y) * ey) / (ex * ex + ey * ey), 0.0, 1.0);
    return std::hypot(p.x - u.x - t * ex, p.y - u.y - t * ey);
  };
  double total = 0;
  const MapRing& ra = a.polygons[0][0];
  const MapRing& rb = b.polygons[0][0];
  constexpr int kSamples = 4000;
  for (std::size_t k = 0; k + 1 < ra.size(); ++k) {
    const double length = std::hypot(ra[k + 1].x - ra[k].x, ra[k + 1].y - ra[k].y);
    int in = 0;
    for (int s = 0; s < kSamples; ++s) {
      const double t = (s + 0.5) / kSamples;
      const MapPoint p{ra[k].x + t * (ra[k + 1].x - ra[k].x), ra[k].y + t * (ra[k + 1].y - ra[k].y)};
      double best = INFINITY;
      for (std::size_t j = 0; j + 1 < rb.size(); ++j) best = std::min(best, distance(p, rb[j], rb[j + 1]));
      in += best <= d ? 1 : 0;
    }
    total += length * in / kSamples;
  }
  return total;
}

TEST(BorderLengths, AgreesWithSamplingOnRandomShapes) {
  std::mt19937_64 rng(20261206);
  std::uniform_real_distribution<double> coordinate(0, 1), distance(0.01, 0.3);
  int compared = 0;
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<MapPoint> a, b;
    for (int k = 0; k < 5; ++k) a.push_back({coordinate(rng), coordinate(rng)});
    for (int k = 0; k < 4; ++k) b.push_back({coordinate(rng) + 0.5, coordinate(rng)});
    const MapFeature fa = polygon(a), fb = polygon(b);
    const double d = distance(rng);
    const NearLengths near = near_lengths({fa, fb}, d);
    const double expect_ab = sampled(fa, fb, d), expect_ba = sampled(fb, fa, d);
    if (near.pairs.empty()) {
      EXPECT_EQ(expect_ab, 0) << trial;
      EXPECT_EQ(expect_ba, 0) << trial;
      continue;
    }
    ++compared;
    // Sampling is exact to about a sample's length at each end of each part.
    EXPECT_NEAR(near.pairs[0].a_near_b, expect_ab, 5e-3) << trial;
    EXPECT_NEAR(near.pairs[0].b_near_a, expect_ba, 5e-3) << trial;
  }
  EXPECT_GT(compared, 30);
}

TEST(BorderLengths, RingContains) {
  // A U shape: its notch is outside, its arms inside.
  const MapFeature u = polygon({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}});
  const MapRing& ring = u.polygons[0][0];
  EXPECT_TRUE(ring_contains(ring, {0.5, 2.5}));
  EXPECT_TRUE(ring_contains(ring, {2.5, 2.5}));
  EXPECT_TRUE(ring_contains(ring, {1.5, 0.5}));
  EXPECT_FALSE(ring_contains(ring, {1.5, 2}));
  EXPECT_FALSE(ring_contains(ring, {4, 0.5}));
  EXPECT_FALSE(ring_contains(ring, {-1, 2.5}));
}

TEST(BoxTree, FindsWhatBruteForceFinds) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> at(0, 100), size(0, 5), long_side(0, 100);
  std::vector<Box> boxes;
  for (int k = 0; k < 3000; ++k) {
    const double x = at(rng), y = at(rng);
    // Some long and thin, in both directions: a sweep along x alone is slow on those.
    const double w = k % 10 == 0 ? long_side(rng) : size(rng), h = k % 10 == 5 ? long_side(rng) : size(rng);
    boxes.push_back({x, y, x + w, y + h});
  }
  const BoxTree tree(boxes);
  for (int q = 0; q < 200; ++q) {
    const double x = at(rng), y = at(rng);
    const Box query{x, y, x + size(rng), y + size(rng)};
    std::set<std::size_t> found, expected;
    tree.query(query, [&](std::size_t i) { EXPECT_TRUE(found.insert(i).second) << "twice: " << i; });
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].meets(query)) expected.insert(i);
    }
    EXPECT_EQ(found, expected);
  }
}

// Slices of a disc all meet at its centre: every pair is near there. Past the
// work allowed, nothing is measured and the centre is named.
TEST(BorderLengths, ThousandsMeetingAtOnePointAreTooIntricate) {
  std::vector<MapFeature> slices;
  constexpr int kSlices = 300;
  for (int k = 0; k < kSlices; ++k) {
    const double a0 = 2 * std::numbers::pi * k / kSlices, a1 = 2 * std::numbers::pi * (k + 1) / kSlices;
    slices.push_back(polygon({{0, 0}, {100 * std::cos(a0), 100 * std::sin(a0)}, {100 * std::cos(a1), 100 * std::sin(a1)}}));
  }
  NearLengths near = near_lengths(slices, 0.004);
  ASSERT_FALSE(near.too_intricate);
  // Neighbours share a whole side; the rest meet at the centre only.
  std::size_t long_pairs = 0;
  for (const PairLengths& p : near.pairs) long_pairs += p.a_near_b > 99 ? 1 : 0;
  EXPECT_EQ(long_pairs, static_cast<std::size_t>(kSlices));
  EXPECT_GT(near.pairs.size(), static_cast<std::size_t>(kSlices) * 10);

  near = near_lengths(slices, 0.004, /*max_pairs=*/5000);
  EXPECT_TRUE(near.too_intricate);
  EXPECT_TRUE(near.pairs.empty());
  EXPECT_LT(std::hypot(near.where.x, near.where.y), 100);
}

}  // namespace
}  // namespace parley::geo
