// Seeded generators of planar maps and of map-division scenarios, for the
// package optimiser's tests and benchmarks (plain C++, no rapidcheck, so that
// bench/ can use them too).
//
//   test::PlanarMap m = test::random_planar_map(250, /*seed=*/7);
//   test::MapScenarioOptions o;
//   o.parties = 3;
//   o.anchors = true;
//   Scenario s = test::map_scenario(m, o);          // read back through read_scenario_text: valid
//   std::string json = test::map_scenario_json(m, o);  // the same scenario as a file
//
// Maps are region adjacency graphs: region k is issue "r<k>". A grid is
// 4-neighbour; a random planar map is a jittered grid of points triangulated
// by one random diagonal per cell (a Delaunay-like triangulation, planar by
// construction), from which a fraction of the edges is deleted at random as
// long as the graph stays connected, so that degrees vary between 1 and 8 as
// in the adjacency of a Voronoi partition. Both are always connected.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parley/model/scenario.h"

namespace parley::test {

struct PlanarMap {
  int regions = 0;
  std::vector<std::pair<int, int>> edges;         // a < b, sorted, no repeats
  std::vector<std::pair<double, double>> points;  // one site per region (for drawing)
  std::string name;                               // "grid 10x10", "planar 250 (seed 7)"
};

// rows x cols cells, 4-neighbour adjacency; region r * cols + c.
PlanarMap grid_map(int rows, int cols);

// `regions` sites on a jittered near-square grid (the last row may be partial),
// triangulated, then each edge deleted with probability `deletion` unless that
// would disconnect the map.
PlanarMap random_planar_map(int regions, std::uint64_t seed, double deletion = 0.3);

bool is_connected(const PlanarMap& m);

// The near_anchor weight of a region `hops` borders from the anchor, the
// farthest region being `farthest` away; `draw` a uniform integer in
// [1, 1000] (the noise).
int near_anchor_weight(int hops, int farthest, int draw);

// Each region's number of borders to cross from `from` (-1: unreachable).
std::vector<int> hop_distances(const PlanarMap& m, int from);

// How parties value regions.
enum class MapValues {
  uniform,      // each a uniform integer in [1, 1000], independently (Spliddit's convention)
  near_anchor,  // falling with the distance from the party's anchor, with noise (needs anchors)
};

struct MapScenarioOptions {
  int parties = 2;
  std::uint64_t seed = 1;  // weights, rules, red lines
  // Weights: uniform: each party's weight for each region, a uniform integer
  // in [1, 1000] (Spliddit's 1000-point convention, normalised by the
  // reader). near_anchor: 1000 x (1 - 0.8 d / D) x a uniform factor in [0.5, 1.5],
  // clipped to [1, 1000], d the region's hop distance from the party's
  // anchor and D the largest such distance: each side values the land near
  // its own centre most, as parties to territorial disputes do.
  MapValues values = MapValues::uniform;
  bool contiguous = true;  // a `contiguous` rule for every party
  bool anchors = false;    // ... with each party anchored at a region far from the others'
  bool joint_neutral = false;  // regions may also be held jointly or by no one
  int count_rules = 0;     // random `count` rules (a party holds between min and max of a few regions)
  int implies_rules = 0;   // random `implies` rules between two regions' owners
  int same_owner_rules = 0;  // random `same_owner` rules on two adjacent regions
  int red_lines_per_party = 0;  // "region r is mine", on random regions
  // Each party's reservation, as a fraction of 1/parties (the proportional
  // share of the whole map): 0 for none, 0.5 for half the proportional share.
  double reservation = 0;
};

// The scenario as JSON text (docs/scenario-format.md): parties p0, p1, ...;
// issues r0, r1, ...; the map's edges as explicit adjacency.
std::string map_scenario_json(const PlanarMap& m, const MapScenarioOptions& options);

// The same, read back through read_scenario_text, so it is a valid, resolved
// Scenario; throws std::runtime_error with the reader's first problem otherwise.
Scenario map_scenario(const PlanarMap& m, const MapScenarioOptions& options);

}  // namespace parley::test
