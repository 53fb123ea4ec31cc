#include "parley/io/border_lengths.h"

#include <algorithm>
#include <utility>

namespace parley::geo {

Box box_of(const MapRing& ring) {
  Box b;
  for (const MapPoint& q : ring) b.add(q);
  return b;
}

Box box_of(const MapFeature& feature) {
  Box b;
  for (const MapPolygon& p : feature.polygons) {
    if (!p.empty()) b.add(box_of(p.front()));
  }
  return b;
}

bool ring_contains(const MapRing& ring, MapPoint p) {
  bool in = false;
  for (std::size_t k = 0, j = ring.size() - 1; k < ring.size(); j = k++) {
    if ((ring[k].y > p.y) != (ring[j].y > p.y) &&
        p.x < (ring[j].x - ring[k].x) * (p.y - ring[k].y) / (ring[j].y - ring[k].y) + ring[k].x) {
      in = !in;
    }
  }
  return in;
}

// ---------------------------------------------------------------- BoxTree ---

namespace {

constexpr std::size_t kFan = 16;  // entries per node

template <typename Entry>
void pack(std::vector<Entry>& entries) {
  // Sort-tile-recursive: vertical slices of about sqrt(nodes) nodes each,
  // sorted by x, each slice sorted by y; consecutive runs of kFan then make
  // the nodes of the level above.
  auto centre_x = [](const Entry& e) { return e.box.min_x + e.box.max_x; };
  auto centre_y = [](const Entry& e) { return e.box.min_y + e.box.max_y; };
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) { return centre_x(a) < centre_x(b); });
  const std::size_t nodes = (entries.size() + kFan - 1) / kFan;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t per_slice = std::max<std::size_t>(1, slices) * kFan;
  for (std::size_t start = 0; start < entries.size(); start += per_slice) {
    auto end = entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), start + per_slice));
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(start), end,
              [&](const Entry& a, const Entry& b) { return centre_y(a) < centre_y(b); });
  }
}

}  // namespace

BoxTree::BoxTree(const std::vector<Box>& boxes) {
  if (boxes.empty()) return;
  std::vector<Entry> level(boxes.size());
  for (std::size_t i = 0; i < boxes.size(); ++i) level[i] = {boxes[i], static_cast<std::uint32_t>(i), 0};
  while (true) {
    pack(level);
    levels_.push_back(level);
    if (level.size() <= kFan) break;
    std::vector<Entry> up;
    for (std::size_t k = 0; k < level.size(); k += kFan) {
      Entry node{Box{}, static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(std::min(kFan, level.size() - k))};
      for (std::size_t c = k; c < k + node.count; ++c) node.box.add(level[c].box);
      up.push_back(node);
    }
    level = std::move(up);
  }
}

// ----------------------------------------------------------- near lengths ---

namespace {

struct Segment {
  MapPoint p, q;
};

// A run of up to kRun consecutive segments of one ring: the unit the tree
// indexes (a segment each would make the tree eight times larger; a ring
// each would compare whole countries).
constexpr std::size_t kRun = 8;
struct Run {
  Box box;
  int feature = 0;
  std::uint32_t first = 0, last = 0;  // segments [first, last)
};

// The part [t0, t1] of segment s (the points p + t (q - p), 0 <= t <= 1)
// within distance d of segment o; t0 > t1 when none is. The points within d
// of o are a capsule, convex, so the part is one interval: the hull of where
// the line meets the capsule's two discs and its rectangle.
std::pair<double, double> near_part(const Segment& s, const Segment& o, double d) {
  const double wx = s.q.x - s.p.x, wy = s.q.y - s.p.y;
  const double a = wx * wx + wy * wy;  // > 0: segments of no length are not kept
  double lo = INFINITY, hi = -INFINITY;
  for (const MapPoint& c : {o.p, o.q}) {
    const double fx = s.p.x - c.x, fy = s.p.y - c.y;
    const double b = wx * fx + wy * fy;  // |f + t w|^2 = d^2: a t^2 + 2 b t + (|f|^2 - d^2) = 0
    const double disc = b * b - a * (fx * fx + fy * fy - d * d);
    if (disc < 0) continue;
    const double root = std::sqrt(disc);
    lo = std::min(lo, (-b - root) / a);
    hi = std::max(hi, (-b + root) / a);
  }
  const double ex = o.q.x - o.p.x, ey = o.q.y - o.p.y;
  const double length = std::hypot(ex, ey);
  if (length > 0) {
    // In o's frame: along o from 0 to its length, across it within d.
    const double ux = ex / length, uy = ey / length;
    const double fx = s.p.x - o.p.x, fy = s.p.y - o.p.y;
    double t0 = -INFINITY, t1 = INFINITY;
    auto clip = [&](double v0, double v1, double low, double high) {  // low <= v0 + t v1 <= high
      if (v1 == 0) {
        if (v0 < low || v0 > high) t0 = INFINITY;
        return;
      }
      double ta = (low - v0) / v1, tb = (high - v0) / v1;
      if (ta > tb) std::swap(ta, tb);
      t0 = std::max(t0, ta);
      t1 = std::min(t1, tb);
    };
    clip(fx * ux + fy * uy, wx * ux + wy * uy, 0, length);
    clip(fy * ux - fx * uy, wy * ux - wx * uy, -d, d);
    if (t0 <= t1) {
      lo = std::min(lo, t0);
      hi = std::max(hi, t1);
    }
  }
  return {std::max(lo, 0.0), std::min(hi, 1.0)};
}

struct Part {
  std::uint32_t segment;
  double t0, t1;
};

// The length covered by the parts: per segment, the union of its intervals.
double covered(std::vector<Part>& parts, const std::vector<Segment>& segments) {
  std::sort(parts.begin(), parts.end(), [](const Part& x, const Part& y) {
    return x.segment != y.segment ? x.segment < y.segment : x.t0 < y.t0;
  });
  double total = 0;
  for (std::size_t k = 0; k < parts.size();) {
    const std::uint32_t s = parts[k].segment;
    double sum = 0, start = parts[k].t0, end = parts[k].t1;
    for (; k < parts.size() && parts[k].segment == s; ++k) {
      if (parts[k].t0 > end) {
        sum += end - start;
        start = parts[k].t0;
      }
      end = std::max(end, parts[k].t1);
    }
    sum += end - start;
    total += sum * std::hypot(segments[s].q.x - segments[s].p.x, segments[s].q.y - segments[s].p.y);
  }
  return total;
}

// Every ring's segments (those of no length left out), in runs.
struct Boundaries {
  std::vector<Segment> segments;
  std::vector<Run> runs;
  std::vector<Box> boxes;  // each run's
};

Boundaries boundaries_of(const std::vector<MapFeature>& features) {
  Boundaries out;
  std::vector<Run>& runs = out.runs;
  for (std::size_t f = 0; f < features.size(); ++f) {
    for (const MapPolygon& polygon : features[f].polygons) {
      for (const MapRing& ring : polygon) {
        bool fresh = true;  // each ring starts a run of its own
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
          if (ring[k] == ring[k + 1]) continue;
          if (fresh || runs.back().last - runs.back().first == kRun) {
            const auto at = static_cast<std::uint32_t>(out.segments.size());
            runs.push_back({Box{}, static_cast<int>(f), at, at});
            fresh = false;
          }
          out.segments.push_back({ring[k], ring[k + 1]});
          runs.back().box.add(ring[k]);
          runs.back().box.add(ring[k + 1]);
          ++runs.back().last;
        }
      }
    }
  }
  out.boxes.reserve(runs.size());
  for (const Run& r : runs) out.boxes.push_back(r.box);
  return out;
}

}  // namespace

SelfWork self_work(const std::vector<MapFeature>& features, std::size_t max_work) {
  SelfWork out;
  const Boundaries b = boundaries_of(features);
  const BoxTree tree(b.boxes);
  for (std::size_t i = 0; i < b.runs.size() && !out.too_intricate; ++i) {
    tree.query(b.boxes[i], [&](std::size_t j) {
      ++out.work;  // every box found, of any feature
      if (out.too_intricate || j <= i || b.runs[j].feature != b.runs[i].feature) return;
      out.work += std::size_t{b.runs[i].last - b.runs[i].first} * (b.runs[j].last - b.runs[j].first);
      if (out.work > max_work) {
        out.too_intricate = b.runs[i].feature;
        out.where = b.boxes[i].centre();
      }
    });
  }
  return out;
}

NearLengths near_lengths(const std::vector<MapFeature>& features, double distance, std::size_t max_pairs,
                         std::size_t max_work) {
  NearLengths out;
  if (!(distance > 0)) return out;
  const Boundaries b = boundaries_of(features);
  const std::vector<Segment>& segments = b.segments;
  const std::vector<Run>& runs = b.runs;

  // Runs of different features whose boxes come within the distance, the
  // lower feature's run first.
  const BoxTree tree(b.boxes);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
  std::size_t& work = out.work;
  for (std::size_t i = 0; i < runs.size() && !out.too_intricate; ++i) {
    tree.query(runs[i].box.grown(distance), [&](std::size_t j) {
      // Every box found is work, even one of the same feature (a feature
      // whose own boundary is crumpled into one place).
      ++work;
      if (out.too_intricate || j <= i || runs[j].feature == runs[i].feature) return;
      work += std::size_t{runs[i].last - runs[i].first} * (runs[j].last - runs[j].first);
      if (candidates.size() == max_pairs || work > max_work) {
        out.too_intricate = true;
        out.where = runs[i].box.centre();
        return;
      }
      if (runs[i].feature < runs[j].feature) {
        candidates.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
      } else {
        candidates.emplace_back(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(i));
      }
    });
  }
  if (out.too_intricate) return out;

  // Pair by pair of features: every part of a segment near the other's.
  auto features_of = [&](const std::pair<std::uint32_t, std::uint32_t>& c) {
    return std::pair(runs[c.first].feature, runs[c.second].feature);
  };
  std::sort(candidates.begin(), candidates.end(),
            [&](const auto& x, const auto& y) { return features_of(x) < features_of(y); });
  std::vector<Part> near_a, near_b;
  for (std::size_t k = 0; k < candidates.size();) {
    const auto [fa, fb] = features_of(candidates[k]);
    near_a.clear();
    near_b.clear();
    for (; k < candidates.size() && features_of(candidates[k]) == std::pair(fa, fb); ++k) {
      const Run& ra = runs[candidates[k].first];
      const Run& rb = runs[candidates[k].second];
      for (std::uint32_t sa = ra.first; sa < ra.last; ++sa) {
        Box box_a;
        box_a.add(segments[sa].p);
        box_a.add(segments[sa].q);
        box_a = box_a.grown(distance);
        for (std::uint32_t sb = rb.first; sb < rb.last; ++sb) {
          Box box_b;
          box_b.add(segments[sb].p);
          box_b.add(segments[sb].q);
          if (!box_a.meets(box_b)) continue;
          if (auto [t0, t1] = near_part(segments[sa], segments[sb], distance); t0 <= t1) near_a.push_back({sa, t0, t1});
          if (auto [t0, t1] = near_part(segments[sb], segments[sa], distance); t0 <= t1) near_b.push_back({sb, t0, t1});
        }
      }
    }
    if (near_a.empty() && near_b.empty()) continue;
    out.pairs.push_back({fa, fb, covered(near_a, segments), covered(near_b, segments)});
  }
  return out;
}

}  // namespace parley::geo
