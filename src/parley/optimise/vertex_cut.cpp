#include "parley/optimise/vertex_cut.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <utility>

namespace parley::optimise {

namespace {
constexpr double kUnbounded = std::numeric_limits<double>::infinity();
constexpr double kTiny = 1e-12;  // residual capacities below this are saturated
int in_node(int v) { return 2 * v; }
int out_node(int v) { return 2 * v + 1; }
}  // namespace

VertexCutFinder::VertexCutFinder(const std::vector<std::vector<int>>& neighbours)
    : vertices_(static_cast<int>(neighbours.size())), neighbours_(neighbours), out_(2 * neighbours.size()) {
  auto add_arc = [&](int from, int to, double capacity) {
    out_[static_cast<std::size_t>(from)].push_back(static_cast<int>(arcs_.size()));
    arcs_.push_back({to, capacity});
    out_[static_cast<std::size_t>(to)].push_back(static_cast<int>(arcs_.size()));
    arcs_.push_back({from, 0});
  };
  for (int v = 0; v < vertices_; ++v) add_arc(in_node(v), out_node(v), 0);  // arc 2v: the vertex's own
  for (int u = 0; u < vertices_; ++u) {
    for (int v : neighbours[static_cast<std::size_t>(u)]) {
      if (v != u) add_arc(out_node(u), in_node(v), kUnbounded);
    }
  }
  base_capacity_.reserve(arcs_.size());
  for (const Arc& a : arcs_) base_capacity_.push_back(a.capacity);
}

bool VertexCutFinder::build_levels(int source, int sink) {
  level_.assign(out_.size(), -1);
  std::vector<int> queue{source};
  level_[static_cast<std::size_t>(source)] = 0;
  for (std::size_t k = 0; k < queue.size(); ++k) {
    const int node = queue[k];
    for (int a : out_[static_cast<std::size_t>(node)]) {
      const Arc& arc = arcs_[static_cast<std::size_t>(a)];
      if (arc.capacity > kTiny && level_[static_cast<std::size_t>(arc.to)] < 0) {
        level_[static_cast<std::size_t>(arc.to)] = level_[static_cast<std::size_t>(node)] + 1;
        queue.push_back(arc.to);
      }
    }
  }
  return level_[static_cast<std::size_t>(sink)] >= 0;
}

double VertexCutFinder::push(int source, int sink) {
  // A path walked with an explicit stack (its length grows with the map):
  // advance along admissible arcs of the level graph; from a dead end, step
  // back and skip the arc that led there for the rest of this phase.
  std::vector<int> nodes{source}, path;
  while (!nodes.empty()) {
    const int node = nodes.back();
    if (node == sink) {
      double pushed = kUnbounded;
      for (int a : path) pushed = std::min(pushed, arcs_[static_cast<std::size_t>(a)].capacity);
      for (int a : path) {
        arcs_[static_cast<std::size_t>(a)].capacity -= pushed;
        arcs_[static_cast<std::size_t>(a ^ 1)].capacity += pushed;
      }
      return pushed;
    }
    auto& k = next_[static_cast<std::size_t>(node)];
    const auto& arcs = out_[static_cast<std::size_t>(node)];
    for (; k < static_cast<int>(arcs.size()); ++k) {
      const int a = arcs[static_cast<std::size_t>(k)];
      const Arc& arc = arcs_[static_cast<std::size_t>(a)];
      if (arc.capacity > kTiny && level_[static_cast<std::size_t>(arc.to)] == level_[static_cast<std::size_t>(node)] + 1) {
        break;
      }
    }
    if (k < static_cast<int>(arcs.size())) {
      const int a = arcs[static_cast<std::size_t>(k)];
      path.push_back(a);
      nodes.push_back(arcs_[static_cast<std::size_t>(a)].to);
      continue;
    }
    nodes.pop_back();
    if (!path.empty()) {
      path.pop_back();
      ++next_[static_cast<std::size_t>(nodes.back())];
    }
  }
  return 0;
}

std::optional<VertexCutFinder::Separator> VertexCutFinder::lightest_separator(int s, int t,
                                                                               const std::vector<double>& weight,
                                                                               double enough) {
  std::vector<Separator> found = lightest_separators(s, t, weight, enough);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<VertexCutFinder::Separator> VertexCutFinder::lightest_separators(int s, int t,
                                                                             const std::vector<double>& weight,
                                                                             double enough) {
  if (s == t) return {};
  for (std::size_t a = 0; a < arcs_.size(); ++a) arcs_[a].capacity = base_capacity_[a];
  for (int v = 0; v < vertices_; ++v) {
    arcs_[static_cast<std::size_t>(2 * v)].capacity =
        (v == s || v == t) ? kUnbounded : std::max(0.0, weight[static_cast<std::size_t>(v)]);
  }
  const int source = out_node(s), sink = in_node(t);
  double flow = 0;
  while (flow < enough && build_levels(source, sink)) {
    next_.assign(out_.size(), 0);
    for (double pushed; flow < enough && (pushed = push(source, sink)) > kTiny;) {
      if (pushed == kUnbounded) return {};  // a path of unbounded vertices: s and t adjacent
      flow += pushed;
    }
  }
  if (flow >= enough) return {};
  // The nodes that still reach the sink through unsaturated arcs (toward_sink)
  // or are reached from the source through them: a vertex whose own arc
  // leaves one side for the other is in that side's separator.
  auto side = [&](int from, bool toward_sink) {
    std::vector<bool> in(out_.size(), false);
    std::vector<int> queue{from};
    in[static_cast<std::size_t>(from)] = true;
    for (std::size_t k = 0; k < queue.size(); ++k) {
      const int node = queue[k];
      for (int a : out_[static_cast<std::size_t>(node)]) {
        // a: node -> arc.to. Toward the sink, its reverse (a ^ 1) runs
        // arc.to -> node with residual capacity.
        const int other = arcs_[static_cast<std::size_t>(a)].to;
        const double residual = arcs_[static_cast<std::size_t>(toward_sink ? a ^ 1 : a)].capacity;
        if (!in[static_cast<std::size_t>(other)] && residual > kTiny) {
          in[static_cast<std::size_t>(other)] = true;
          queue.push_back(other);
        }
      }
    }
    return in;
  };
  const std::vector<bool> reaches_sink = side(sink, true), from_source = side(source, false);
  std::vector<int> near_t, near_s;
  for (int v = 0; v < vertices_; ++v) {
    const auto in = static_cast<std::size_t>(in_node(v)), out = static_cast<std::size_t>(out_node(v));
    if (!reaches_sink[in] && reaches_sink[out]) near_t.push_back(v);
    if (from_source[in] && !from_source[out]) near_s.push_back(v);
  }
  std::vector<Separator> found;
  for (const std::vector<int>* cut : {&near_t, &near_s}) {
    Separator sep;
    sep.separator = minimal_separator(neighbours_, s, t, *cut);
    for (int v : sep.separator) sep.weight += std::max(0.0, weight[static_cast<std::size_t>(v)]);
    if (found.empty() || found.front().separator != sep.separator) found.push_back(std::move(sep));
  }
  return found;
}

std::vector<int> minimal_separator(const std::vector<std::vector<int>>& neighbours, int s, int t,
                                   const std::vector<int>& separator) {
  // Keep the vertices next to s's piece (they alone already cut s off), then
  // of those the ones next to t's piece of what is left: each vertex kept
  // then joins the two pieces, so none can go.
  auto next_to = [&](const std::vector<int>& cut, int from) {
    // The vertices reached from `from` without entering the cut.
    std::vector<bool> reached(neighbours.size(), false), blocked(neighbours.size(), false);
    for (int v : cut) blocked[static_cast<std::size_t>(v)] = true;
    std::vector<int> queue{from};
    reached[static_cast<std::size_t>(from)] = true;
    for (std::size_t k = 0; k < queue.size(); ++k) {
      for (int n : neighbours[static_cast<std::size_t>(queue[k])]) {
        if (reached[static_cast<std::size_t>(n)] || blocked[static_cast<std::size_t>(n)]) continue;
        reached[static_cast<std::size_t>(n)] = true;
        queue.push_back(n);
      }
    }
    std::vector<int> kept;
    for (int v : cut) {
      const auto& around = neighbours[static_cast<std::size_t>(v)];
      if (std::any_of(around.begin(), around.end(), [&](int n) { return reached[static_cast<std::size_t>(n)]; })) {
        kept.push_back(v);
      }
    }
    return kept;
  };
  return next_to(next_to(separator, s), t);
}

std::vector<double> VertexCutFinder::widest_paths(int s, const std::vector<double>& weight) const {
  // Dijkstra's order with "min" for "+" and the largest first: a vertex's
  // value is final when it leaves the queue, because going on through more
  // vertices never widens a path.
  std::vector<double> widest(static_cast<std::size_t>(vertices_), -1.0);
  std::vector<bool> done(static_cast<std::size_t>(vertices_), false);
  std::priority_queue<std::pair<double, int>> queue;
  widest[static_cast<std::size_t>(s)] = kUnbounded;
  queue.push({kUnbounded, s});
  while (!queue.empty()) {
    const auto [value, v] = queue.top();
    queue.pop();
    if (done[static_cast<std::size_t>(v)]) continue;
    done[static_cast<std::size_t>(v)] = true;
    // Through v, v becomes an inner vertex: its own weight joins the bottleneck.
    const double through = v == s ? kUnbounded : std::min(value, std::max(0.0, weight[static_cast<std::size_t>(v)]));
    for (int n : neighbours_[static_cast<std::size_t>(v)]) {
      if (!done[static_cast<std::size_t>(n)] && through > widest[static_cast<std::size_t>(n)]) {
        widest[static_cast<std::size_t>(n)] = through;
        queue.push({through, n});
      }
    }
  }
  return widest;
}

}  // namespace parley::optimise
