// Lightest vertex separators in a region adjacency graph: the separation step
// of the cut formulation of contiguity at fractional LP points. A party whose
// regions must be one piece and who holds s and t must hold every region of
// some s-t path, so for every set S of regions that separates s from t,
// x_s + x_t - 1 <= sum over S of x. Given fractional x, the lightest such S
// (vertex weights x) tells whether some row of that family is violated.
//
//   optimise::VertexCutFinder finder(neighbours);        // neighbours[v]: v's adjacent vertices
//   auto cut = finder.lightest_separator(s, t, x, x[s] + x[t] - 1);
//   if (cut && cut->weight < x[s] + x[t] - 1 - 1e-6) add_row(s, t, cut->separator);
//
// Maximum flow (Dinic) on the vertex-split graph: vertex v becomes v_in -> v_out
// with capacity weight[v] (unbounded for s and t), each edge u-v becomes
// u_out -> v_in and v_out -> u_in, unbounded.
#pragma once

#include <optional>
#include <vector>

namespace parley::optimise {

class VertexCutFinder {
 public:
  explicit VertexCutFinder(const std::vector<std::vector<int>>& neighbours);

  struct Separator {
    double weight = 0;           // sum of weight over `separator`
    std::vector<int> separator;  // vertices other than s and t, sorted
  };

  // The lightest set of vertices (s and t excluded) meeting every s-t path,
  // with weights `weight` (>= 0, one per vertex), chosen nearest to t among
  // the lightest and then made minimal (minimal_separator). nullopt when no such set exists (s and t adjacent, or
  // s == t) or when every separator weighs at least `enough` (the search
  // stops as soon as that is known).
  std::optional<Separator> lightest_separator(int s, int t, const std::vector<double>& weight, double enough);
  // The same maximum flow's two ends: the lightest separator nearest to t
  // and the one nearest to s, each made minimal; one when they coincide,
  // none where lightest_separator has none. Both are equally violated, and
  // they tighten different parts of the map (Fischetti et al.'s "back cuts").
  std::vector<Separator> lightest_separators(int s, int t, const std::vector<double>& weight, double enough);

  // For every vertex v, the widest s-v path's bottleneck: the largest c such
  // that some s-v path has every inner vertex (s and v excluded) of weight at
  // least c; infinite for s and its neighbours (no separator exists), -1 for
  // vertices s does not reach. Every s-v separator holds an inner vertex of
  // that path, so it weighs at least the bottleneck: where that is `enough`,
  // lightest_separator(s, v, weight, enough) has nothing to report, and the
  // separation at fractional points skips the maximum flow (one pass over
  // the graph for every target instead of a flow per target).
  std::vector<double> widest_paths(int s, const std::vector<double>& weight) const;

 private:
  struct Arc {
    int to;
    double capacity;  // residual
  };
  int vertices_ = 0;
  std::vector<std::vector<int>> neighbours_;
  std::vector<Arc> arcs_;                // arc k's reverse is k ^ 1
  std::vector<std::vector<int>> out_;    // node -> arc indices
  std::vector<int> level_, next_;
  std::vector<double> base_capacity_;    // per arc, before weights are applied

  bool build_levels(int source, int sink);
  double push(int source, int sink);
};

// A minimal subset of `separator` (a set of vertices other than s and t
// meeting every s-t path) that still meets every s-t path: every vertex
// left has a neighbour in s's piece and one in t's piece of the graph
// without it. A row x_s + x_t - 1 <= sum over S of x is the stronger the
// fewer vertices S has: a lightest separator may carry vertices of weight
// 0 at this point that lie off every s-t path, and at the points that
// follow they would weaken the row for nothing (Fischetti et al. 2017,
// "Thinning out Steiner trees", make node separators minimal the same way).
std::vector<int> minimal_separator(const std::vector<std::vector<int>>& neighbours, int s, int t,
                                   const std::vector<int>& separator);

}  // namespace parley::optimise
