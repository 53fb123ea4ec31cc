// How much of each feature's boundary runs near another's: what decides
// whether two map features share a border (geojson_map.h). Exact plane
// geometry on the plain coordinates, segment by segment, without GEOS, in
// time proportional to the pieces of boundary that actually come close, and
// within a stated amount of work whatever the input.
//
//   geo::NearLengths near = geo::near_lengths(features, /*distance=*/0.01);
//   if (near.too_intricate) { /* refuse: see near.where */ }
//   for (const geo::PairLengths& p : near.pairs) {
//     // p.a_near_b: the length of features[p.a]'s boundary within 0.01 of features[p.b]'s
//   }
//
//   geo::BoxTree tree(boxes);                        // boxes of anything
//   tree.query(box.grown(d), [&](std::size_t i) { /* boxes[i] meets box grown by d */ });
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "parley/model/scenario.h"

namespace parley::geo {

// An axis-aligned box; empty (min > max) until a point is added.
struct Box {
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;

  void add(MapPoint q) {
    min_x = std::fmin(min_x, q.x);
    min_y = std::fmin(min_y, q.y);
    max_x = std::fmax(max_x, q.x);
    max_y = std::fmax(max_y, q.y);
  }
  void add(const Box& b) {
    min_x = std::fmin(min_x, b.min_x);
    min_y = std::fmin(min_y, b.min_y);
    max_x = std::fmax(max_x, b.max_x);
    max_y = std::fmax(max_y, b.max_y);
  }
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
  double diagonal() const { return min_x <= max_x ? std::hypot(width(), height()) : 0; }
  MapPoint centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
  Box grown(double d) const { return {min_x - d, min_y - d, max_x + d, max_y + d}; }
  bool meets(const Box& b) const {
    return min_x <= b.max_x && b.min_x <= max_x && min_y <= b.max_y && b.min_y <= max_y;
  }
};

Box box_of(const MapRing& ring);
Box box_of(const MapFeature& feature);  // of its outer rings, which bound the holes

// Whether p is inside the closed ring, by the crossing number (a point on the
// ring may go either way).
bool ring_contains(const MapRing& ring, MapPoint p);

// A static R-tree over boxes, packed sort-tile-recursive: a query visits
// about log(n) nodes plus the boxes it finds, whatever their shapes (a sweep
// along x alone is quadratic on long thin boxes stacked in y). Queried with
// an explicit stack: no recursion.
class BoxTree {
 public:
  explicit BoxTree(const std::vector<Box>& boxes);

  // Calls visit(i) for every box i that meets `query`.
  template <typename Visit>
  void query(const Box& query, Visit&& visit) const {
    if (levels_.empty()) return;
    std::vector<std::pair<std::size_t, std::uint32_t>> stack;  // (level, entry)
    for (std::uint32_t k = 0; k < levels_.back().size(); ++k) stack.emplace_back(levels_.size() - 1, k);
    while (!stack.empty()) {
      const auto [level, k] = stack.back();
      stack.pop_back();
      const Entry& e = levels_[level][k];
      if (!e.box.meets(query)) continue;
      if (level == 0) {
        visit(static_cast<std::size_t>(e.first));
      } else {
        for (std::uint32_t c = e.first; c < e.first + e.count; ++c) stack.emplace_back(level - 1, c);
      }
    }
  }

 private:
  struct Entry {
    Box box;
    std::uint32_t first = 0;  // the box's index (level 0), or the first child in the level below
    std::uint32_t count = 0;  // children
  };
  std::vector<std::vector<Entry>> levels_;  // leaves first
};

// The work of comparing each feature's boundary with itself, as GEOS's
// validity check and overlay do (pairs of its segments whose boxes meet, and
// every box the index finds): a few per segment for a real outline, all
// pairs for one crumpled into a knot. Stops past max_work, naming the
// feature and the place reached.
struct SelfWork {
  std::size_t work = 0;
  std::optional<int> too_intricate;
  MapPoint where;
};
SelfWork self_work(const std::vector<MapFeature>& features, std::size_t max_work);

struct PairLengths {
  int a = 0, b = 0;     // a < b
  double a_near_b = 0;  // the length of a's boundary within the distance of b's boundary
  double b_near_a = 0;  // and the other way round
};

struct NearLengths {
  // Every pair with some point of boundary within the distance of the
  // other's (a point contact gives lengths near 0), in order of (a, b).
  std::vector<PairLengths> pairs;
  // More pieces of boundary lie within the distance of each other than the
  // work allowed (thousands of regions meeting at one point): nothing is
  // measured, and `where` is a place where many of them meet.
  bool too_intricate = false;
  MapPoint where;
  std::size_t work = 0;  // as counted against max_work
};

// The boundary is every ring, holes included. A point of a's boundary counts
// when some point of b's boundary is within `distance` of it (the band is
// exact: straight sides and round ends). The boundary is indexed in runs of
// a few segments; at most max_pairs pairs of runs of different features whose
// boxes, grown by the distance, meet are kept (the memory), and the work
// (every box the index finds, and every pair of segments compared) stays
// within max_work. Real maps need 9 to 13 units a position (the shared
// maps), dense generated ones up to 43 (3,025 regions of 33 positions), so a
// map at the reader's limit of a million positions stays within a fifth of
// the default, and keeps far fewer pairs than max_pairs.
NearLengths near_lengths(const std::vector<MapFeature>& features, double distance,
                         std::size_t max_pairs = 4'000'000, std::size_t max_work = 200'000'000);

}  // namespace parley::geo
