// VertexCutFinder against brute force: on small random graphs, every subset of
// the vertices other than s and t is tried as a separator.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "parley/optimise/vertex_cut.h"

namespace parley::optimise {
namespace {

using Graph = std::vector<std::vector<int>>;

// Does removing `removed` (a bit mask) leave no path from s to t?
bool separates(const Graph& g, int s, int t, unsigned removed) {
  std::vector<bool> seen(g.size(), false);
  std::vector<int> queue{s};
  seen[static_cast<std::size_t>(s)] = true;
  for (std::size_t k = 0; k < queue.size(); ++k) {
    for (int v : g[static_cast<std::size_t>(queue[k])]) {
      if (seen[static_cast<std::size_t>(v)] || (removed >> v & 1u)) continue;
      if (v == t) return false;
      seen[static_cast<std::size_t>(v)] = true;
      queue.push_back(v);
    }
  }
  return true;
}

// A graph on n vertices with each edge present with `percent` chance.
Graph random_graph(int n, int percent) {
  Graph g(static_cast<std::size_t>(n));
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      if (*rc::gen::inRange(0, 100) < percent) {
        g[static_cast<std::size_t>(a)].push_back(b);
        g[static_cast<std::size_t>(b)].push_back(a);
      }
    }
  }
  return g;
}

// n vertex weights in tenths from 0 to 1.
std::vector<double> random_weights(int n) {
  std::vector<double> w;
  for (int v = 0; v < n; ++v) w.push_back(*rc::gen::inRange(0, 11) / 10.0);
  return w;
}

double weight_of(unsigned mask, const std::vector<double>& w) {
  double sum = 0;
  for (std::size_t v = 0; v < w.size(); ++v) {
    if (mask >> v & 1u) sum += w[v];
  }
  return sum;
}

TEST(VertexCut, GridSeparatorIsTheLightestColumn) {
  // 3x3 grid, s = top-left (0), t = bottom-right (8).
  Graph g(9);
  auto edge = [&](int a, int b) {
    g[static_cast<std::size_t>(a)].push_back(b);
    g[static_cast<std::size_t>(b)].push_back(a);
  };
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      if (c + 1 < 3) edge(3 * r + c, 3 * r + c + 1);
      if (r + 1 < 3) edge(3 * r + c, 3 * (r + 1) + c);
    }
  }
  std::vector<double> w{1, 0.5, 0.5, 0.5, 0.9, 0.1, 0.5, 0.1, 1};
  VertexCutFinder finder(g);
  auto cut = finder.lightest_separator(0, 8, w, 10);
  ASSERT_TRUE(cut.has_value());
  EXPECT_DOUBLE_EQ(cut->weight, 0.2);  // t's two neighbours, 5 and 7
  EXPECT_EQ(cut->separator, (std::vector<int>{5, 7}));
  // No separator of weight below 0.2: none reported when 0.2 is "enough".
  EXPECT_FALSE(finder.lightest_separator(0, 8, w, 0.2).has_value());
  EXPECT_FALSE(finder.lightest_separator(0, 1, w, 10).has_value());  // adjacent
  EXPECT_FALSE(finder.lightest_separator(4, 4, w, 10).has_value());
}

RC_GTEST_PROP(VertexCut, LightestSeparatorMatchesBruteForce, ()) {
  const int n = *rc::gen::inRange(2, 11);
  Graph g = random_graph(n, 35);
  const std::vector<double> w = random_weights(n);
  const int s = *rc::gen::inRange(0, n);
  const int t = *rc::gen::inRange(0, n);
  const bool adjacent = std::count(g[static_cast<std::size_t>(s)].begin(), g[static_cast<std::size_t>(s)].end(), t) > 0;

  double best = std::numeric_limits<double>::infinity();
  if (s != t && !adjacent) {
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if ((mask >> s & 1u) || (mask >> t & 1u)) continue;
      if (separates(g, s, t, mask)) best = std::min(best, weight_of(mask, w));
    }
  }
  VertexCutFinder finder(g);
  auto cut = finder.lightest_separator(s, t, w, 1e9);
  if (s == t || adjacent) {
    RC_ASSERT(!cut.has_value());
    return;
  }
  RC_ASSERT(cut.has_value());
  RC_ASSERT(std::abs(cut->weight - best) < 1e-9);
  unsigned mask = 0;
  for (int v : cut->separator) {
    RC_ASSERT(v != s && v != t);
    mask |= 1u << v;
  }
  RC_ASSERT(separates(g, s, t, mask));
  RC_ASSERT(std::abs(weight_of(mask, w) - cut->weight) < 1e-9);
  // Minimal: without any one of its vertices it no longer separates.
  for (int v : cut->separator) RC_ASSERT(!separates(g, s, t, mask & ~(1u << v)));
  // Both ends of the flow: each as light, separating and minimal; the first is lightest_separator's.
  const std::vector<VertexCutFinder::Separator> both = finder.lightest_separators(s, t, w, 1e9);
  RC_ASSERT(!both.empty() && both.size() <= 2u);
  RC_ASSERT(both.front().separator == cut->separator);
  for (const VertexCutFinder::Separator& each : both) {
    unsigned m = 0;
    for (int v : each.separator) m |= 1u << v;
    RC_ASSERT(std::abs(weight_of(m, w) - best) < 1e-9);
    RC_ASSERT(std::abs(each.weight - best) < 1e-9);
    RC_ASSERT(separates(g, s, t, m));
    for (int v : each.separator) RC_ASSERT(!separates(g, s, t, m & ~(1u << v)));
  }
  if (both.size() == 2) RC_ASSERT(both[0].separator != both[1].separator);
  // With a threshold at (or just below) the lightest weight, nothing is reported.
  RC_ASSERT(!finder.lightest_separator(s, t, w, best - 1e-9).has_value());
}

// widest_paths against brute force: the bottleneck to t is the largest weight
// c such that t is reached from s through inner vertices of weight >= c
// (infinite when adjacent, -1 when unreachable); and where it is at least
// `enough`, lightest_separator has no separator lighter than that to report.
RC_GTEST_PROP(VertexCut, WidestPathsMatchBruteForce, ()) {
  const int n = *rc::gen::inRange(2, 11);
  Graph g = random_graph(n, 30);
  const std::vector<double> w = random_weights(n);
  const int s = *rc::gen::inRange(0, n);
  VertexCutFinder finder(g);
  const std::vector<double> widest = finder.widest_paths(s, w);
  RC_ASSERT(widest.size() == static_cast<std::size_t>(n));
  const double inf = std::numeric_limits<double>::infinity();
  RC_ASSERT(widest[static_cast<std::size_t>(s)] == inf);
  for (int t = 0; t < n; ++t) {
    if (t == s) continue;
    // Brute force: every inner vertex of weight below c removed (a mask), does a path remain?
    auto reached_at = [&](double c) {
      unsigned removed = 0;
      for (int v = 0; v < n; ++v) {
        if (v != s && v != t && w[static_cast<std::size_t>(v)] < c) removed |= 1u << v;
      }
      return !separates(g, s, t, removed);
    };
    double expected = -1;
    if (reached_at(inf)) {
      expected = inf;  // adjacent: no inner vertex needed
    } else {
      for (double c : w) {
        if (reached_at(c)) expected = std::max(expected, c);
      }
    }
    RC_ASSERT(widest[static_cast<std::size_t>(t)] == expected);
    if (expected >= 0 && expected < inf) {
      RC_ASSERT(!finder.lightest_separator(s, t, w, expected).has_value());
      // The lightest separator weighs at least the bottleneck.
      auto cut = finder.lightest_separator(s, t, w, 1e9);
      RC_ASSERT(cut.has_value());
      RC_ASSERT(cut->weight >= expected - 1e-12);
    }
  }
}

// minimal_separator against brute force: from any separator (here a random
// superset of a separator: every vertex but s and t, less a random few that
// still leave s and t apart) it keeps a subset that separates and from which
// no vertex can be taken.
RC_GTEST_PROP(VertexCut, MinimalSeparatorKeepsASeparatingSubsetWithNothingToSpare, ()) {
  const int n = *rc::gen::inRange(3, 12);
  Graph g = random_graph(n, 35);
  const int s = *rc::gen::inRange(0, n);
  const int t = (s + *rc::gen::inRange(1, n)) % n;
  // s and t not adjacent, so that some separator exists.
  std::erase(g[static_cast<std::size_t>(s)], t);
  std::erase(g[static_cast<std::size_t>(t)], s);
  unsigned mask = 0;
  for (int v = 0; v < n; ++v) {
    if (v != s && v != t) mask |= 1u << v;
  }
  // Drop vertices at random while the rest still separates.
  for (int tries = 0; tries < n; ++tries) {
    const int v = *rc::gen::inRange(0, n);
    if ((mask >> v & 1u) && separates(g, s, t, mask & ~(1u << v)) && *rc::gen::arbitrary<bool>()) mask &= ~(1u << v);
  }
  std::vector<int> separator;
  for (int v = 0; v < n; ++v) {
    if (mask >> v & 1u) separator.push_back(v);
  }
  const std::vector<int> minimal = minimal_separator(g, s, t, separator);
  unsigned kept = 0;
  for (int v : minimal) {
    RC_ASSERT((mask >> v & 1u) == 1u);  // a subset
    kept |= 1u << v;
  }
  RC_ASSERT(separates(g, s, t, kept));
  for (int v : minimal) RC_ASSERT(!separates(g, s, t, kept & ~(1u << v)));
}

TEST(VertexCut, AMinimalSeparatorLeavesOutWhatLiesOffEveryPath) {
  // A path 0 - 1 - 2 with a pendant 3 on 1 and a pendant 4 on 0: {1, 3, 4}
  // separates 0 from 2, but 3 and 4 lie off every path.
  Graph g(5);
  auto edge = [&](int a, int b) {
    g[static_cast<std::size_t>(a)].push_back(b);
    g[static_cast<std::size_t>(b)].push_back(a);
  };
  edge(0, 1);
  edge(1, 2);
  edge(1, 3);
  edge(0, 4);
  EXPECT_EQ(minimal_separator(g, 0, 2, {1, 3, 4}), std::vector<int>{1});
  // The lightest separator with 3 and 4 at weight 0 is 1 alone.
  VertexCutFinder finder(g);
  auto cut = finder.lightest_separator(0, 2, {1, 0.5, 1, 0, 0}, 10);
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(cut->separator, std::vector<int>{1});
}

TEST(VertexCut, BothEndsOfTheFlowGiveTheirOwnSeparator) {
  // 0 - {1, 2} - {3, 4} - 5, every vertex of a layer joined to every vertex
  // of the next: {1, 2} (next to 0) and {3, 4} (next to 5) weigh 1 each.
  Graph g(6);
  auto edge = [&](int a, int b) {
    g[static_cast<std::size_t>(a)].push_back(b);
    g[static_cast<std::size_t>(b)].push_back(a);
  };
  for (int m : {1, 2}) {
    edge(0, m);
    edge(m, 3);
    edge(m, 4);
  }
  edge(3, 5);
  edge(4, 5);
  VertexCutFinder finder(g);
  const auto both = finder.lightest_separators(0, 5, {1, 0.5, 0.5, 0.5, 0.5, 1}, 10);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].separator, (std::vector<int>{3, 4}));  // nearest to t
  EXPECT_EQ(both[1].separator, (std::vector<int>{1, 2}));  // nearest to s
  EXPECT_DOUBLE_EQ(both[1].weight, 1.0);
}

// The augmenting path is walked without recursion: on a path of 200,000
// vertices (a long chain of regions) the lightest separator is the lightest
// inner vertex.
TEST(VertexCut, AVeryLongPathNeedsNoDeepRecursion) {
  const int n = 200000;
  Graph g(static_cast<std::size_t>(n));
  for (int v = 0; v + 1 < n; ++v) {
    g[static_cast<std::size_t>(v)].push_back(v + 1);
    g[static_cast<std::size_t>(v + 1)].push_back(v);
  }
  std::vector<double> w(static_cast<std::size_t>(n));
  for (int v = 0; v < n; ++v) w[static_cast<std::size_t>(v)] = 1.0 + (v * 7919 % 1000);
  w[123456] = 0.5;
  VertexCutFinder finder(g);
  auto cut = finder.lightest_separator(0, n - 1, w, std::numeric_limits<double>::infinity());
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(cut->separator, std::vector<int>{123456});
  EXPECT_DOUBLE_EQ(cut->weight, 0.5);
}

}  // namespace
}  // namespace parley::optimise
