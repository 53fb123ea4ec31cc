#include "parley/io/geojson_map.h"

#include <dlfcn.h>
#include <geos_c.h>

#include <algorithm>
#include <functional>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <numbers>
#include <unordered_map>

#include "parley/core/text.h"
#include "parley/io/border_lengths.h"

namespace parley::geo {

namespace {

using json::pointer_join;
using json::quote;
using json::Value;

// ------------------------------------------------------------------ GEOS ---

// GEOS is loaded the first time a map is read, not with the program: loading
// and binding libgeos and libgeos_c (Debian builds them BIND_NOW) took a
// fifth of a small command's start-up (issue 19), and most scenarios have no
// map. These pointers, named as GEOS's functions, hide them in this
// namespace, so the code below calls GEOS as usual.
#define PARLEY_GEOS_FUNCTIONS(X) \
  X(GEOSArea_r) \
  X(GEOSBoundary_r) \
  X(GEOSContext_setErrorMessageHandler_r) \
  X(GEOSContext_setNoticeMessageHandler_r) \
  X(GEOSCoordSeq_create_r) \
  X(GEOSCoordSeq_setXY_r) \
  X(GEOSFree_r) \
  X(GEOSGeomGetStartPoint_r) \
  X(GEOSGeomGetX_r) \
  X(GEOSGeomGetY_r) \
  X(GEOSGeom_createCollection_r) \
  X(GEOSGeom_createLinearRing_r) \
  X(GEOSGeom_createPointFromXY_r) \
  X(GEOSGeom_createPolygon_r) \
  X(GEOSGeom_destroy_r) \
  X(GEOSGetGeometryN_r) \
  X(GEOSGetNumGeometries_r) \
  X(GEOSIntersection_r) \
  X(GEOSLength_r) \
  X(GEOSMaximumInscribedCircle_r) \
  X(GEOSPointOnSurface_r) \
  X(GEOSPrepare_r) \
  X(GEOSPreparedContains_r) \
  X(GEOSPreparedDistance_r) \
  X(GEOSPreparedGeom_destroy_r) \
  X(GEOS_finish_r) \
  X(GEOS_init_r) \
  X(GEOSisValidDetail_r) \
  X(GEOSisValid_r)
#define PARLEY_GEOS_POINTER(name) decltype(&::name) name = nullptr;
PARLEY_GEOS_FUNCTIONS(PARLEY_GEOS_POINTER)
#undef PARLEY_GEOS_POINTER

// Throws std::runtime_error when GEOS cannot be loaded (its package is one of
// parley's dependencies, so only a broken installation meets that).
void load_geos() {
  static std::once_flag once;
  static std::string why;
  std::call_once(once, [] {
    void* handle = dlopen("libgeos_c.so.1", RTLD_NOW | RTLD_LOCAL);  // never closed
    if (handle == nullptr) {
      why = dlerror();
      return;
    }
#define PARLEY_GEOS_LOAD(name)                                   \
  name = reinterpret_cast<decltype(name)>(dlsym(handle, #name)); \
  if (name == nullptr && why.empty()) why = "libgeos_c.so.1 has no " #name;
    PARLEY_GEOS_FUNCTIONS(PARLEY_GEOS_LOAD)
#undef PARLEY_GEOS_LOAD
  });
  if (!why.empty()) throw std::runtime_error("GEOS could not be loaded: " + why);
}

// One re-entrant GEOS context per call: nothing global, safe across threads.
// GEOS reports failures through the handler and a null or error return; the
// last message is kept for the caller.
class Geos {
 public:
  Geos() : h_((load_geos(), GEOS_init_r())) {
    GEOSContext_setErrorMessageHandler_r(h_, &Geos::on_error, this);
    GEOSContext_setNoticeMessageHandler_r(h_, &Geos::on_notice, nullptr);
  }
  ~Geos() { GEOS_finish_r(h_); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;

  GEOSContextHandle_t operator*() const { return h_; }

  struct Deleter {
    GEOSContextHandle_t h;
    void operator()(GEOSGeometry* g) const {
      if (g) GEOSGeom_destroy_r(h, g);
    }
  };
  using Geom = std::unique_ptr<GEOSGeometry, Deleter>;
  Geom own(GEOSGeometry* g) const { return Geom(g, Deleter{h_}); }

  // The feature's geometry: a Polygon or MultiPolygon. Null when GEOS refuses
  // the coordinates (too few points in a ring).
  Geom build(const MapFeature& f) const {
    std::vector<GEOSGeometry*> polygons;
    for (const MapPolygon& p : f.polygons) {
      if (GEOSGeometry* g = polygon(p)) polygons.push_back(g);
    }
    if (polygons.size() != f.polygons.size()) {
      for (GEOSGeometry* g : polygons) GEOSGeom_destroy_r(h_, g);
      return own(nullptr);
    }
    if (polygons.size() == 1) return own(polygons[0]);
    return own(GEOSGeom_createCollection_r(h_, GEOS_MULTIPOLYGON, polygons.data(),
                                           static_cast<unsigned>(polygons.size())));
  }

  // What GEOS said about the last failure, or `otherwise` when it said
  // nothing; then forgotten, so that it is never blamed on a later failure.
  std::string failure(const char* otherwise) const {
    std::string out = last_error.empty() ? otherwise : last_error;
    last_error.clear();
    return out;
  }

 private:
  static void on_error(const char* message, void* self) { static_cast<Geos*>(self)->last_error = message; }

  mutable std::string last_error;
  static void on_notice(const char*, void*) {}

  GEOSGeometry* ring(const MapRing& r) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h_, static_cast<unsigned>(r.size()), 2);
    if (!seq) return nullptr;
    for (std::size_t k = 0; k < r.size(); ++k) GEOSCoordSeq_setXY_r(h_, seq, static_cast<unsigned>(k), r[k].x, r[k].y);
    return GEOSGeom_createLinearRing_r(h_, seq);  // takes the sequence, even when it fails
  }
  GEOSGeometry* polygon(const MapPolygon& p) const {
    std::vector<GEOSGeometry*> rings;
    for (const MapRing& r : p) {
      GEOSGeometry* g = ring(r);
      if (!g) {
        for (GEOSGeometry* x : rings) GEOSGeom_destroy_r(h_, x);
        return nullptr;
      }
      rings.push_back(g);
    }
    return GEOSGeom_createPolygon_r(h_, rings[0], rings.data() + 1, static_cast<unsigned>(rings.size() - 1));
  }

  GEOSContextHandle_t h_;
};

// Twice the signed area of a ring (shoelace); positive counter-clockwise.
// Taken about the ring's first point, so that a small ring far from the
// origin does not lose its area to cancellation.
double ring_area2(const MapRing& r) {
  double a = 0;
  for (std::size_t k = 1; k + 1 < r.size(); ++k) {
    a += (r[k].x - r[0].x) * (r[k + 1].y - r[0].y) - (r[k + 1].x - r[0].x) * (r[k].y - r[0].y);
  }
  return a;
}

double ring_perimeter(const MapRing& r) {
  double p = 0;
  for (std::size_t k = 0; k + 1 < r.size(); ++k) p += std::hypot(r[k + 1].x - r[k].x, r[k + 1].y - r[k].y);
  return p;
}

// 4 pi A / P^2: 1 for a circle, pi/4 for a square, about pi h / w for a thin
// w x h rectangle, 0 for a ring without area (collinear points).
double roundness(const MapRing& r) {
  const double perimeter = ring_perimeter(r);
  if (!(perimeter > 0)) return 0;
  return 4 * std::numbers::pi * (std::abs(ring_area2(r)) / 2) / (perimeter * perimeter);
}

// GEOS's maximum inscribed circle starts from a grid of square cells as wide
// as the polygon's envelope is narrow: a 1 x 1e-8 polygon starts with 1e8
// cells (a minute and gigabytes), and a cell narrower than the precision of
// the coordinates never advances the grid at all. It gets only envelopes at
// most 1000 times longer than wide (1000 cells at most to start with) and
// wider than 1e-9 of their coordinates' size (ten million steps of the last
// digit); other polygons are labelled at GEOS's point on surface (a point
// inside on a scan line through the middle, in linear time).
constexpr double kMaxCircleAspect = 1000;
constexpr double kMinCirclePrecision = 1e-9;

// The circle's precision: this fraction of the envelope's longer side.
constexpr double kCircleCellsAcross = 200;

// GEOS refines every cell whose distance to the outline could still beat the
// best circle by the precision; on a band narrower than that (a thin ring
// round a hole, a long thin arm) that is every cell along the outline, at
// every level: an annulus 1/5000 as wide as it is across took 3 ms, and
// 2,600 nested ones 9 s. Such a polygon is labelled at a point inside: a
// circle in it would be about as narrow anyway. The measure is the mean
// width, twice the area over the outline's length (holes counted in both).
constexpr double kMinCircleWidth = 2;
double mean_width(const MapPolygon& polygon) {
  double area2 = 0, perimeter = 0;
  for (std::size_t r = 0; r < polygon.size(); ++r) {
    area2 += (r == 0 ? 1 : -1) * std::abs(ring_area2(polygon[r]));
    perimeter += ring_perimeter(polygon[r]);
  }
  return perimeter > 0 ? area2 / perimeter : 0;
}

bool circle_is_cheap(const Box& b) {
  const double narrow = std::min(b.width(), b.height()), wide = std::max(b.width(), b.height());
  const double magnitude = std::max({std::abs(b.min_x), std::abs(b.max_x), std::abs(b.min_y), std::abs(b.max_y)});
  return narrow * kMaxCircleAspect >= wide && narrow >= kMinCirclePrecision * magnitude && narrow > 0;
}

std::optional<MapPoint> point_of(const Geos& geos, const GEOSGeometry* point) {
  double x = 0, y = 0;
  if (!point || !GEOSGeomGetX_r(*geos, point, &x) || !GEOSGeomGetY_r(*geos, point, &y)) return std::nullopt;
  return MapPoint{x, y};
}

// The inscribed circle's centre is one of many where the largest circle is
// nearly as large (anywhere along the middle of a long rectangle; beside a
// square enclave the largest circles sit in the corners, 0.0586 against 0.05
// in the middle of the band above it): GEOS returns the first its grid met,
// which put labels against a region's edge. The box's middle is taken when it
// is inside and at least 80% as far from every edge; otherwise, of the points
// of a 13 x 13 grid over the box that are, the one nearest the middle, where
// a reader looks for the name, counting a step aside twice a step up or down
// (a name runs across: beside an enclave it would run into it). Prepared
// geometries keep the queries cheap.
MapPoint centred_among_ties(const Geos& geos, const GEOSGeometry* polygon, MapPoint centre, const Box& box) {
  Geos::Geom edges = geos.own(GEOSBoundary_r(*geos, polygon));
  if (!edges) return centre;
  using Prepared = std::unique_ptr<const GEOSPreparedGeometry, std::function<void(const GEOSPreparedGeometry*)>>;
  auto prepare = [&](const GEOSGeometry* g) {
    return Prepared(GEOSPrepare_r(*geos, g), [&geos](const GEOSPreparedGeometry* p) {
      if (p) GEOSPreparedGeom_destroy_r(*geos, p);
    });
  };
  const Prepared inside = prepare(polygon), near = prepare(edges.get());
  if (!inside || !near) return centre;
  auto clearance = [&](MapPoint p) {
    Geos::Geom point = geos.own(GEOSGeom_createPointFromXY_r(*geos, p.x, p.y));
    double d = -1;
    if (!point || GEOSPreparedContains_r(*geos, inside.get(), point.get()) != 1 ||
        !GEOSPreparedDistance_r(*geos, near.get(), point.get(), &d)) {
      return -1.0;
    }
    return d;
  };
  const double best = clearance(centre);
  if (!(best > 0)) return centre;
  const MapPoint middle{(box.min_x + box.max_x) / 2, (box.min_y + box.max_y) / 2};
  auto from_middle = [&](MapPoint p) { return std::hypot(2 * (p.x - middle.x), p.y - middle.y); };
  MapPoint chosen = centre;
  auto consider = [&](MapPoint p) {
    if (from_middle(p) < from_middle(chosen) && clearance(p) >= 0.8 * best) chosen = p;
  };
  if (clearance(middle) >= 0.8 * best) return middle;
  constexpr int kSteps = 12;
  for (int i = 0; i <= kSteps; ++i) {
    for (int j = 0; j <= kSteps; ++j) {
      consider({box.min_x + box.width() * i / kSteps, box.min_y + box.height() * j / kSteps});
    }
  }
  return chosen;
}

// Where to write a feature's name: the centre of the largest circle inside its
// largest polygon (far from every edge, so a label fits), or a point inside it
// when the circle would be costly, or for a geometry GEOS cannot work on, the
// middle of its bounding box.
MapPoint label_point(const Geos& geos, const MapFeature& f, bool valid) {
  const Box b = box_of(f);
  MapPoint fallback{(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
  if (!valid) return fallback;
  std::size_t largest = 0;
  double area = -1;
  for (std::size_t p = 0; p < f.polygons.size(); ++p) {
    double a = std::abs(ring_area2(f.polygons[p].front()));
    if (a > area) area = a, largest = p;
  }
  MapFeature one;
  one.polygons = {f.polygons[largest]};
  Geos::Geom g = geos.build(one);
  if (!g) return fallback;
  const Box lb = box_of(one);
  const double size = std::max(lb.width(), lb.height());
  const double tolerance = size / kCircleCellsAcross;
  if (!circle_is_cheap(lb) || mean_width(one.polygons.front()) < kMinCircleWidth * tolerance) {
    Geos::Geom inside = geos.own(GEOSPointOnSurface_r(*geos, g.get()));
    return point_of(geos, inside.get()).value_or(fallback);
  }
  Geos::Geom circle = geos.own(GEOSMaximumInscribedCircle_r(*geos, g.get(), tolerance));
  if (!circle) return fallback;
  // The circle is returned as a line from its centre to the nearest edge.
  Geos::Geom centre = geos.own(GEOSGeomGetStartPoint_r(*geos, circle.get()));
  const std::optional<MapPoint> c = point_of(geos, centre.get());
  if (!c) return fallback;
  return centred_among_ties(geos, g.get(), *c, lb);
}

// "(33.963393, 9.464285)": six decimals, as degrees and metres want; a
// coordinate too small for them in significant digits instead.
std::string coordinate_text(double x, double y) {
  auto one = [](double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, v == 0 || std::abs(v) >= 1e-3 ? "%.6f" : "%.6g", v);
    return std::string(buf);
  };
  return "(" + one(x) + ", " + one(y) + ")";
}

// A measure in a message: three significant digits, whatever its scale.
std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// --------------------------------------------------------------- reading ---

// A value as a message shows it, without quoting the file: a server reads
// GeoJSON that others wrote, and a path that slipped through must not turn
// an error message into a way of reading files. GeoJSON's own type names are
// shown (they say which object was found instead); other strings and numbers
// only by their kind, arrays with their length (a position or ring of the
// wrong size).
std::string shown(const Value& v) {
  static const char* const kTypes[] = {"FeatureCollection", "Feature",         "Point",
                                       "MultiPoint",        "LineString",      "MultiLineString",
                                       "Polygon",           "MultiPolygon",    "GeometryCollection"};
  if (v.is_string()) {
    for (const char* t : kTypes) {
      if (v.text() == t) return quote(t);
    }
    return "a string";
  }
  if (v.is_number()) return "a number";
  if (v.is_array()) return "an array of " + std::to_string(v.items().size());
  return json::describe(v);  // null, true, false, "an object"
}

// "/coordinates/0/48" (Polygon) or "/coordinates/2/0/48" (MultiPolygon): the
// position at the place GEOS names, when that is a vertex. GEOS computes the
// place (an intersection point), so "at" allows a rounding difference.
std::optional<std::string> vertex_pointer(const MapFeature& f, MapPoint at, bool multi) {
  double best = 1e-9 * box_of(f).diagonal();
  std::optional<std::string> out;
  for (std::size_t p = 0; p < f.polygons.size(); ++p) {
    for (std::size_t r = 0; r < f.polygons[p].size(); ++r) {
      const MapRing& ring = f.polygons[p][r];
      for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
        const double d = std::hypot(ring[k].x - at.x, ring[k].y - at.y);
        if (d > best) continue;
        best = d;
        out = (multi ? "/coordinates/" + std::to_string(p) : std::string("/coordinates")) + "/" + std::to_string(r) +
              "/" + std::to_string(k);
      }
    }
  }
  return out;
}

// "/coordinates/1" (Polygon) or "/coordinates/2/1" (MultiPolygon): a ring.
std::string ring_pointer(std::size_t polygon, std::size_t ring, bool multi) {
  return (multi ? "/coordinates/" + std::to_string(polygon) : std::string("/coordinates")) + "/" + std::to_string(ring);
}

// Why the limits (MapLimits) are what they are. Every map in
// ../shared/data/maps and the examples is measured in brackets; the limits
// are meant for maps in any unit (degrees, metres, made-up units), so they
// are relative to the map where they can be.
//
//  - Coordinates 0 or of size 1e-100 to 1e15. Above: the extent's arithmetic
//    (hypot, the shoelace) loses whole units, and no unit of length puts a
//    map there (the Earth's circumference is 4e7 m). Below: two different
//    coordinates then differ by at least about 1e-116 (the spacing of doubles
//    near 1e-100), so every squared length and every product of two lengths
//    GEOS forms stays above 1e-232, far from the smallest normal double
//    (2.2e-308). Squares with sides near 1e-162 made GEOS's inscribed-circle
//    step divide underflowed distances and crash; real coordinates are 0 or
//    far above (the shared maps: 0 or at least 1e-3).
//  - 500,000 positions in a feature, 1,000,000 in a map: the JSON reader's
//    2 million values hold about 660,000 positions, so these bind only on a
//    document parsed with larger limits, and keep the work bounded there;
//    reading, checking and measuring a map of 577,000 positions in 1,444
//    regions takes 3.6 s of CPU (shared maps: 794 and 10,654).
//  - The work of comparing each outline with itself, 100 million: GEOS's
//    validity check compares the segments of an outline that lie close to
//    each other, which for a crumpled outline is all pairs (a 500,000-position
//    star of random spikes took 139 s); real outlines need about 9 units a
//    position (the shared maps 8.4 and 8.2, a generated 577,000-position map
//    8.6), so a map at the position limit needs a tenth of it.
//  - A feature's bounding box at least 1e-6 of the map's diagonal: smaller
//    features are dots at any drawing size and far inside the snapping band
//    of border_tolerance (2e-5 of the diagonal), where adjacency means
//    nothing; the world's smallest states at 1:10m (Vatican, Monaco, 1e-5 of
//    a world map) still pass (shared maps: 2.2e-3 and 2.4e-3).
//  - Roundness 4 pi A / P^2 of every ring at least 1e-5, about a 1 : 300,000
//    rectangle: a sliver that thin is a digitising accident, not a region;
//    the 1 x 1e-8 slivers that took a minute and gigabytes have 3e-8. Long
//    real shapes stay far above (Chile 0.08 is the least on the world map,
//    0.16 on the US map; coastlines at 1:10m about 1e-2, at the most detailed
//    scales above 4e-4).
class FeatureReader {
 public:
  FeatureReader(std::string source, std::string key, const MapLimits& limits)
      : source_(std::move(source)), key_(std::move(key)), limits_(limits) {}

  Result<std::vector<GeoFeature>> read(const Value& root);

 private:
  void error(std::string pointer, std::string message) {
    if (errors_.size() < kMaxErrors) {
      errors_.push_back({std::move(pointer), std::move(message), source_});
    } else if (errors_.size() == kMaxErrors) {
      errors_.push_back({"", "stopped after " + std::to_string(kMaxErrors) + " problems", source_});
    }
  }
  std::optional<GeoFeature> feature(const Value& v, const std::string& ptr);
  std::optional<std::string> region_id(const Value& feature, const std::string& ptr);
  bool geometry(const Value& v, const std::string& ptr, MapFeature& f);
  bool within_position_limits(const Value& coords, bool multi, const std::string& cp);
  std::optional<MapPolygon> polygon(const Value& v, const std::string& ptr);
  std::optional<MapPoint> position(const Value& v, const std::string& ptr);
  void check_sizes(const std::vector<GeoFeature>& features);
  void check_outlines(const std::vector<GeoFeature>& features);
  void check_slivers(const GeoFeature& f, bool multi);
  void check_validity(const Geos& geos, GeoFeature& f, bool multi);

  static constexpr std::size_t kMaxErrors = 1000;
  std::string source_;
  std::string key_;
  MapLimits limits_;
  std::size_t positions_ = 0;  // in the features read so far
  bool too_many_ = false;      // positions_ passed the map's limit: nothing more is read
  std::vector<Diagnostic> errors_;
  std::unordered_map<std::string, std::string> ids_;  // region id -> pointer of its feature
};

Result<std::vector<GeoFeature>> FeatureReader::read(const Value& root) {
  const Value* type = root.is_object() ? root.find("type") : nullptr;
  if (!type || !type->is_string() || type->text() != "FeatureCollection") {
    error(type ? "/type" : "",
          "a map is a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": [...]}, found " +
              (type ? "\"type\": " + shown(*type) : shown(root)));
    return Failure{source_, std::move(errors_)};
  }
  const Value* features = root.find("features");
  if (!features || !features->is_array()) {
    error(features ? "/features" : "",
          features ? "expected an array of features, found " + shown(*features)
                   : "missing required key \"features\" in the FeatureCollection");
    return Failure{source_, std::move(errors_)};
  }
  if (features->items().empty()) error("/features", "the map has no features; it needs one per region");
  std::vector<GeoFeature> out;
  std::vector<bool> multi;  // each feature read is a MultiPolygon
  for (std::size_t k = 0; k < features->items().size() && !too_many_; ++k) {
    const Value& v = features->items()[k];
    if (std::optional<GeoFeature> f = feature(v, pointer_join("/features", k))) {
      out.push_back(std::move(*f));
      multi.push_back(v.find("geometry")->find("type")->text() == "MultiPolygon");
    }
  }
  // GEOS sees nothing until the whole map is known to be well formed and
  // within the limits: the sizes are relative to the whole map.
  if (errors_.empty()) check_sizes(out);
  if (errors_.empty()) check_outlines(out);
  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  Geos geos;
  for (std::size_t k = 0; k < out.size(); ++k) {
    check_validity(geos, out[k], multi[k]);
    if (!out[k].invalid) check_slivers(out[k], multi[k]);
  }
  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return out;
}

// Each feature's size against the whole map's (MapLimits).
void FeatureReader::check_sizes(const std::vector<GeoFeature>& features) {
  Box all;
  for (const GeoFeature& f : features) all.add(box_of(f.feature));
  const double extent = all.diagonal();
  for (const GeoFeature& f : features) {
    const double size = box_of(f.feature).diagonal();
    if (size >= limits_.min_feature_size * extent) continue;
    error(pointer_join(f.pointer, "geometry"),
          "the feature is too small for the map: its bounding box's diagonal is " + number_text(size) + ", " +
              number_text(size / extent) + " of the whole map's (" + number_text(extent) +
              "); a feature spans at least " + number_text(limits_.min_feature_size) + " of the map");
  }
}

// Outlines folded onto themselves (MapLimits::max_outline_work): GEOS's
// validity check compares every pair of a feature's segments that lie close,
// so a knot of 600,000 positions would take hours; past the work allowed, the
// feature is refused before GEOS sees it.
void FeatureReader::check_outlines(const std::vector<GeoFeature>& features) {
  std::vector<MapFeature> outlines;
  outlines.reserve(features.size());
  for (const GeoFeature& f : features) outlines.push_back(f.feature);
  const SelfWork work = self_work(outlines, limits_.max_outline_work);
  if (!work.too_intricate) return;
  error(pointer_join(features[static_cast<std::size_t>(*work.too_intricate)].pointer, "geometry"),
        "the feature's outline is too intricate to check: with the outlines before it, more than " +
            std::to_string(limits_.max_outline_work) + " pairs of pieces of outline lie close together (the count ran "
            "out near " + coordinate_text(work.where.x, work.where.y) +
            "); real outlines have a few for each position (simplify it)");
}

// Slivers: rings of a valid feature that enclose almost no area for their
// length. Checked after GEOS's validity, which runs in the same time on any
// shape, because a ring that crosses itself can enclose two areas that cancel
// in the shoelace sum, and "self-intersection at (x, y)" says more than
// "no area". Only the inscribed circle's cost depends on the shape, and
// label_point guards that by itself.
void FeatureReader::check_slivers(const GeoFeature& f, bool multi) {
  for (std::size_t p = 0; p < f.feature.polygons.size(); ++p) {
    for (std::size_t r = 0; r < f.feature.polygons[p].size(); ++r) {
      const MapRing& ring = f.feature.polygons[p][r];
      const double q = roundness(ring);
      if (q >= limits_.min_roundness) continue;
      error(pointer_join(f.pointer, "geometry") + ring_pointer(p, r, multi),
            "the ring is a sliver: its area " + number_text(std::abs(ring_area2(ring)) / 2) + " against a perimeter of " +
                number_text(ring_perimeter(ring)) + " gives a roundness 4πA/P² of " + number_text(q) +
                "; a ring's roundness is at least " + number_text(limits_.min_roundness) +
                " (a rectangle no thinner than about 1 : 300000), so a ring this thin is not a region");
    }
  }
}

// Validity is GEOS's verdict under the OGC Simple Features rules; then the
// label point.
void FeatureReader::check_validity(const Geos& geos, GeoFeature& f, bool multi) {
  const std::string gp = pointer_join(f.pointer, "geometry");
  Geos::Geom g = geos.build(f.feature);
  bool valid = false;
  if (!g) {
    f.invalid = Diagnostic{gp, "invalid geometry: " + geos.failure("GEOS cannot build it"),
                           source_};
  } else {
    char* reason = nullptr;
    GEOSGeometry* where = nullptr;
    valid = GEOSisValidDetail_r(*geos, g.get(), 0, &reason, &where) == 1;
    if (!valid) {
      f.invalid = Diagnostic{gp, "", source_};
      std::string what = reason ? reason : "invalid";
      if (std::optional<MapPoint> at = point_of(geos, where)) {
        what += " at " + coordinate_text(at->x, at->y);
        // When the place is a vertex, point at that position in the file.
        if (std::optional<std::string> vertex = vertex_pointer(f.feature, *at, multi)) f.invalid->pointer = gp + *vertex;
      }
      f.invalid->message = "invalid geometry for region " + quote(cut_utf8(f.feature.id, 60)) + ": " + what +
                           "; a region's polygons must be valid: rings that do not cross or touch themselves, "
                           "holes inside their outer ring, polygons of a MultiPolygon that do not overlap";
    }
    if (reason) GEOSFree_r(*geos, reason);
    if (where) GEOSGeom_destroy_r(*geos, where);
  }
  f.feature.label = label_point(geos, f.feature, valid);
}

std::optional<GeoFeature> FeatureReader::feature(const Value& v, const std::string& ptr) {
  if (!v.is_object()) {
    error(ptr, "expected a GeoJSON Feature {\"type\": \"Feature\", \"properties\": {...}, \"geometry\": {...}}, found " +
                   shown(v));
    return std::nullopt;
  }
  const Value* type = v.find("type");
  if (!type || !type->is_string() || type->text() != "Feature") {
    error(type ? pointer_join(ptr, "type") : ptr,
          "expected a GeoJSON Feature with \"type\": \"Feature\", found " +
              (type ? shown(*type) : "no \"type\""));
    return std::nullopt;
  }
  GeoFeature out;
  out.pointer = ptr;
  std::optional<std::string> id = region_id(v, ptr);
  bool shape = geometry(v, ptr, out.feature);
  if (!id || !shape) return std::nullopt;
  out.feature.id = *id;
  return out;
}

std::optional<std::string> FeatureReader::region_id(const Value& v, const std::string& ptr) {
  const Value* props = v.find("properties");
  const std::string pp = pointer_join(ptr, "properties");
  if (!props || !props->is_object()) {
    error(props ? pp : ptr, "the feature has no properties, so no " + quote(key_) +
                                " property (the map's region_key) naming its region; every feature needs one");
    return std::nullopt;
  }
  const Value* value = props->find(key_);
  if (!value) {
    // The property names (not their values) help to choose region_key.
    std::string keys;
    for (std::size_t k = 0; k < props->members().size() && k < 12; ++k) {
      keys += (k ? ", " : "") + cut_utf8(props->members()[k].first, 40);
    }
    if (props->members().size() > 12) keys += ", ... (" + std::to_string(props->members().size()) + " in all)";
    error(pp, "the feature has no " + quote(key_) + " property (the map's region_key) naming its region; " +
                  (keys.empty() ? "it has no properties" : "its properties are " + keys));
    return std::nullopt;
  }
  const std::string vp = pointer_join(pp, key_);
  // A number is its text: GeoJSON files often number their regions.
  if (!(value->is_string() || (value->is_number() && value->text().find_first_of(".eE") == std::string::npos)) ||
      value->text().empty()) {
    error(vp, "expected the region id as a non-empty string (or an integer), found " + shown(*value));
    return std::nullopt;
  }
  auto [it, fresh] = ids_.emplace(value->text(), ptr);
  if (!fresh) {
    error(vp, "duplicate region id: the same " + quote(key_) + " as " + it->second + "; each feature's " +
                  quote(key_) + " must be unique in the map");
    return std::nullopt;
  }
  return value->text();
}

bool FeatureReader::geometry(const Value& v, const std::string& ptr, MapFeature& f) {
  const Value* g = v.find("geometry");
  const std::string gp = pointer_join(ptr, "geometry");
  if (!g || !g->is_object()) {
    error(g ? gp : ptr, std::string(g ? "the feature's geometry is " + shown(*g) : "the feature has no geometry") +
                            "; a map feature is a Polygon or MultiPolygon");
    return false;
  }
  const Value* type = g->find("type");
  const bool multi = type && type->is_string() && type->text() == "MultiPolygon";
  if (!type || !type->is_string() || (type->text() != "Polygon" && !multi)) {
    error(type ? pointer_join(gp, "type") : gp,
          "geometry " + (type ? shown(*type) : "without a type") +
              " is not allowed; a map feature is a Polygon or MultiPolygon (with holes if needed)");
    return false;
  }
  const Value* coords = g->find("coordinates");
  const std::string cp = pointer_join(gp, "coordinates");
  if (!coords || !coords->is_array() || coords->items().empty()) {
    error(coords ? cp : gp, std::string(coords ? "expected a non-empty array of " : "missing \"coordinates\": ") +
                                (multi ? "polygons, each an array of rings" : "rings (the outer ring, then holes)") +
                                (coords ? ", found " + shown(*coords) : ""));
    return false;
  }
  if (!within_position_limits(*coords, multi, cp)) return false;
  bool ok = true;
  if (multi) {
    for (std::size_t p = 0; p < coords->items().size(); ++p) {
      std::optional<MapPolygon> poly = polygon(coords->items()[p], pointer_join(cp, p));
      if (poly) f.polygons.push_back(std::move(*poly));
      ok = ok && poly;
    }
  } else if (std::optional<MapPolygon> poly = polygon(*coords, cp)) {
    f.polygons.push_back(std::move(*poly));
  } else {
    ok = false;
  }
  return ok;
}

// Counts the feature's positions from the shape of its arrays, before any is
// read, against the feature's and the map's limits.
bool FeatureReader::within_position_limits(const Value& coords, bool multi, const std::string& cp) {
  std::size_t count = 0;
  auto add_rings = [&](const Value& polygon) {
    if (!polygon.is_array()) return;
    for (const Value& ring : polygon.items()) count += ring.is_array() ? ring.items().size() : 0;
  };
  if (multi) {
    for (const Value& polygon : coords.items()) add_rings(polygon);
  } else {
    add_rings(coords);
  }
  if (count > limits_.max_feature_positions) {
    error(cp, "the feature has " + std::to_string(count) + " positions; a feature has at most " +
                  std::to_string(limits_.max_feature_positions) + " (simplify its outline)");
    return false;
  }
  positions_ += count;
  if (positions_ > limits_.max_positions) {
    error(cp, "the map has more than " + std::to_string(limits_.max_positions) +
                  " positions with this feature's; a map has at most " + std::to_string(limits_.max_positions) +
                  " in all (simplify its outlines); the features after it were not read");
    too_many_ = true;
    return false;
  }
  return true;
}

std::optional<MapPolygon> FeatureReader::polygon(const Value& v, const std::string& ptr) {
  if (!v.is_array() || v.items().empty()) {
    error(ptr, "expected a polygon: an array of rings (the outer ring, then any holes), found " + shown(v));
    return std::nullopt;
  }
  MapPolygon out;
  bool ok = true;
  for (std::size_t r = 0; r < v.items().size(); ++r) {
    const Value& ring = v.items()[r];
    const std::string rp = pointer_join(ptr, r);
    if (!ring.is_array() || ring.items().size() < 4) {
      error(rp, "expected a ring of at least 4 positions [x, y] (a closed ring repeats its first position at the "
                "end), found " + shown(ring));
      ok = false;
      continue;
    }
    MapRing points;
    bool ring_ok = true;
    for (std::size_t k = 0; k < ring.items().size(); ++k) {
      std::optional<MapPoint> q = position(ring.items()[k], pointer_join(rp, k));
      if (q) points.push_back(*q);
      ring_ok = ring_ok && q;
    }
    if (ring_ok && !(points.front() == points.back())) {
      error(rp, "the ring is not closed: its first position " + coordinate_text(points.front().x, points.front().y) +
                    " differs from its last " + coordinate_text(points.back().x, points.back().y) +
                    "; a GeoJSON ring repeats its first position at the end");
      ring_ok = false;
    }
    if (ring_ok) out.push_back(std::move(points));
    ok = ok && ring_ok;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<MapPoint> FeatureReader::position(const Value& v, const std::string& ptr) {
  if (!v.is_array() || v.items().size() < 2 || !v.items()[0].is_number() || !v.items()[1].is_number()) {
    error(ptr, "expected a position [x, y] of two numbers (longitude, latitude), found " + shown(v));
    return std::nullopt;
  }
  double xy[2] = {0, 0};
  for (std::size_t c = 0; c < 2; ++c) {
    const std::string& text = v.items()[c].text();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), xy[c]);
    const double size = std::abs(xy[c]);
    // from_chars leaves a value below the double range at 0 with an error:
    // that is "too close to 0" too.
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(xy[c]) ||
        size > limits_.max_coordinate || (size != 0 && size < limits_.min_coordinate)) {
      error(pointer_join(ptr, c), "coordinate " + cut_utf8(text, 40) + " is out of range: a coordinate is 0 or between " +
                                      number_text(limits_.min_coordinate) + " and " +
                                      number_text(limits_.max_coordinate) + " in size");
      return std::nullopt;
    }
  }
  return MapPoint{xy[0], xy[1]};
}

}  // namespace

Result<std::vector<GeoFeature>> read_features(const json::Value& document, const std::string& source,
                                              const std::string& region_key, const MapLimits& limits) {
  return FeatureReader(source, region_key, limits).read(document);
}

// ------------------------------------------------------------- adjacency ---

// Why these numbers. The tolerance scales with the map: a fraction of the
// diagonal of its bounding box, so a map in degrees, metres or made-up units
// behaves the same.
//
//  - snap = 2e-5 of the diagonal: boundaries this close count as the same
//    line. About 0.008 degrees (900 m) on the world map, 0.0023 degrees on the
//    US states map. It absorbs coordinates that differ in the last digits or
//    borders digitised separately, yet stays far below the narrowest real gaps
//    between non-neighbours on the shared maps (Morocco-Mauritania 0.09
//    degrees, Croatia-Italy 0.10; Massachusetts-Maine 0.22).
//  - min_shared = 1e-4 of the diagonal = 5 snap. Two regions that touch at a
//    point have about 2 snap of boundary within snap of each other (each edge
//    leaving the point, for edges meeting at right angles: the Four Corners
//    measure exactly 2.0 snap), so a point contact stays well below it, while
//    the shortest real borders on the shared maps are far above it (Virginia-DC
//    0.18 degrees = 15x on the US map; Botswana-Zambia 0.19 = 5x on the world).
//
// Natural Earth 1:110m turns out to share exact vertices between neighbours in
// both shared files (every neighbouring pair is at distance 0), so the snap
// only matters for maps drawn less carefully; min_shared is what separates
// borders from point contacts.
BorderTolerance border_tolerance(const std::vector<MapFeature>& features) {
  Box all;
  for (const MapFeature& f : features) all.add(box_of(f));
  const double diagonal = all.diagonal();
  return {2e-5 * diagonal, 1e-4 * diagonal};
}

namespace {

// Strictly inside a polygon of f and outside its holes; for a point far from
// f's boundary (farther than the snap), so that rounding cannot matter.
bool inside(const MapFeature& f, MapPoint p) {
  for (const MapPolygon& polygon : f.polygons) {
    if (!ring_contains(polygon.front(), p)) continue;
    bool in_hole = false;
    for (std::size_t h = 1; h < polygon.size() && !in_hole; ++h) in_hole = ring_contains(polygon[h], p);
    if (!in_hole) return true;
  }
  return false;
}

// Whether a polygon of one lies inside the other, for two features whose
// boundaries stay apart: then each polygon is wholly inside or wholly
// outside the other feature, and one vertex says which.
bool nested(const MapFeature& a, const MapFeature& b) {
  auto some_inside = [](const MapFeature& x, const MapFeature& y) {
    return std::any_of(x.polygons.begin(), x.polygons.end(),
                       [&](const MapPolygon& p) { return inside(y, p.front().front()); });
  };
  return some_inside(a, b) || some_inside(b, a);
}

// A feature's geometry for overlap tests, built when first needed; `valid`
// is GEOS's verdict, and `area` its area.
struct Shape {
  Geos::Geom geometry;
  bool tried = false;
  bool valid = false;
  double area = 0;
};

// The overlap of two valid features beyond boundary noise, if any (Overlap's
// rule); nullopt with `failed` set when GEOS cannot intersect them.
//
// Why this rule. Borders digitised separately cross each other, leaving
// slivers where one feature's edge runs inside the other; border_tolerance's
// snap is how far apart two lines may be and still count as one, so such
// slivers are at most snap wide, however long (a strip w wide and L long has
// 2 A / P just under w). A part wider than that is land both claim. A region
// nested in another without a hole is all overlap, and is refused even when
// it is narrower than the snap (a city state on a world map) because the
// overlap is then more than half of it, which no boundary noise produces.
std::optional<Overlap> overlap_of(const Geos& geos, const Shape& a, const Shape& b, double snap, std::string& failed) {
  Geos::Geom common = geos.own(GEOSIntersection_r(*geos, a.geometry.get(), b.geometry.get()));
  double area = 0;
  if (!common || !GEOSArea_r(*geos, common.get(), &area)) {
    failed = geos.failure("GEOS cannot intersect them");
    return std::nullopt;
  }
  if (!(area > 0)) return std::nullopt;
  const double smaller = std::min(a.area, b.area);
  bool wide = false;
  double largest = -1;
  const GEOSGeometry* largest_part = nullptr;
  const int parts = GEOSGetNumGeometries_r(*geos, common.get());
  for (int k = 0; k < parts; ++k) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(*geos, common.get(), k);
    double part_area = 0, perimeter = 0;
    if (!part || !GEOSArea_r(*geos, part, &part_area) || !(part_area > 0) || !GEOSLength_r(*geos, part, &perimeter)) {
      continue;
    }
    wide = wide || 2 * part_area > snap * perimeter;
    if (part_area > largest) largest = part_area, largest_part = part;
  }
  if (!wide && !(area > smaller / 2)) return std::nullopt;
  Overlap out;
  out.area = area;
  out.share = smaller > 0 ? area / smaller : 1;
  if (largest_part) {
    Geos::Geom inside = geos.own(GEOSPointOnSurface_r(*geos, largest_part));
    if (std::optional<MapPoint> at = point_of(geos, inside.get())) out.at = *at;
  }
  return out;
}

// Pairs of features whose boxes overlap with an area but whose boundaries
// stay apart: the candidates for nesting. Found with a box tree; the work is
// bounded like near_lengths's (every box found and every vertex tested).
constexpr std::size_t kMaxNestingWork = 200'000'000;

// GEOS intersects the suspects of overlap one pair at a time, in about 20
// microseconds a pair and 0.6 a position of the two: at most this many pairs,
// and positions in all at most this many times the map's. Real maps have
// each feature in a few pairs (its neighbours, corners included): a
// generated 3,025-region map 11,800 pairs and 8 times its positions, a
// 577,000-position one 5,500 pairs and 8 times; a map past either is too
// intricate (a disc cut into 2,000 slices meeting at its centre has 500,000
// pairs; one large outline with thousands of small regions along it, its
// positions thousands of times over).
constexpr std::size_t kMaxOverlapChecks = 200'000;
constexpr std::size_t kOverlapPositionsPerPosition = 20;
constexpr std::size_t kOverlapPositionsAnyway = 2'000'000;  // about a second: small maps need no ratio

}  // namespace

double shared_length(const MapFeature& a, const MapFeature& b, double snap) {
  const NearLengths near = near_lengths({a, b}, snap);
  return near.pairs.empty() ? 0 : std::min(near.pairs[0].a_near_b, near.pairs[0].b_near_a);
}

MapTopology map_topology(const std::vector<MapFeature>& features, const BorderTolerance& tolerance) {
  MapTopology out;
  if (!(tolerance.snap > 0)) return out;
  const NearLengths near = near_lengths(features, tolerance.snap);
  if (near.too_intricate) return {.too_intricate = near.where};
  const std::size_t n = features.size();
  std::vector<Box> boxes(n);
  for (std::size_t i = 0; i < n; ++i) boxes[i] = box_of(features[i]);
  auto boxes_overlap = [&](std::size_t i, std::size_t j) {  // with an area: land in common needs one
    return std::min(boxes[i].max_x, boxes[j].max_x) > std::max(boxes[i].min_x, boxes[j].min_x) &&
           std::min(boxes[i].max_y, boxes[j].max_y) > std::max(boxes[i].min_y, boxes[j].min_y);
  };
  // Overlaps: pairs whose boundaries come near each other, and pairs nested
  // with their boundaries apart; measured by GEOS between valid features only
  // (its overlay is not defined on invalid ones: callers refuse those first).
  std::vector<std::pair<int, int>> suspects;
  for (const PairLengths& p : near.pairs) {
    if (p.a_near_b >= tolerance.min_shared && p.b_near_a >= tolerance.min_shared) out.borders.emplace_back(p.a, p.b);
    if (boxes_overlap(static_cast<std::size_t>(p.a), static_cast<std::size_t>(p.b))) suspects.emplace_back(p.a, p.b);
  }
  auto is_near = [&](int a, int b) {
    auto it = std::lower_bound(near.pairs.begin(), near.pairs.end(), std::pair(a, b),
                               [](const PairLengths& p, const std::pair<int, int>& key) { return std::pair(p.a, p.b) < key; });
    return it != near.pairs.end() && it->a == a && it->b == b;
  };
  std::vector<std::size_t> positions(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (const MapPolygon& p : features[i].polygons) positions[i] += p.front().size();
  }
  const BoxTree tree(boxes);
  std::size_t work = 0;
  for (std::size_t j = 0; j < n && !out.too_intricate; ++j) {
    tree.query(boxes[j], [&](std::size_t i) {
      if (out.too_intricate || ++work > kMaxNestingWork) {
        out.too_intricate = boxes[j].centre();
        return;
      }
      if (i >= j || !boxes_overlap(i, j)) return;
      if (is_near(static_cast<int>(i), static_cast<int>(j))) return;  // a suspect already
      work += features[i].polygons.size() * positions[j] + features[j].polygons.size() * positions[i];
      if (nested(features[i], features[j])) suspects.emplace_back(static_cast<int>(i), static_cast<int>(j));
    });
  }
  if (out.too_intricate) return {.too_intricate = out.too_intricate};
  std::size_t checked = 0, all_positions = 0;
  for (std::size_t p : positions) all_positions += p;
  for (std::size_t k = 0; k < suspects.size(); ++k) {
    const auto [a, b] = suspects[k];
    checked += positions[static_cast<std::size_t>(a)] + positions[static_cast<std::size_t>(b)];
    if (k >= kMaxOverlapChecks ||
        checked > std::max(kOverlapPositionsPerPosition * all_positions, kOverlapPositionsAnyway)) {
      return {.too_intricate = boxes[static_cast<std::size_t>(a)].centre()};
    }
  }

  Geos geos;
  std::vector<Shape> shapes(n);
  auto shape = [&](int i) -> const Shape& {
    Shape& s = shapes[static_cast<std::size_t>(i)];
    if (!s.tried) {
      s.tried = true;
      s.geometry = geos.build(features[static_cast<std::size_t>(i)]);
      s.valid = s.geometry && GEOSisValid_r(*geos, s.geometry.get()) == 1 &&
                GEOSArea_r(*geos, s.geometry.get(), &s.area) == 1;
    }
    return s;
  };
  for (auto [a, b] : suspects) {
    const Shape& sa = shape(a);
    const Shape& sb = shape(b);
    if (!sa.valid || !sb.valid) continue;
    std::string failed;
    if (std::optional<Overlap> o = overlap_of(geos, sa, sb, tolerance.snap, failed)) {
      o->a = a;
      o->b = b;
      out.overlaps.push_back(*o);
    } else if (!failed.empty()) {
      out.failures.push_back({a, b, failed});
    }
  }
  std::sort(out.overlaps.begin(), out.overlaps.end(),
            [](const Overlap& x, const Overlap& y) { return std::pair(x.a, x.b) < std::pair(y.a, y.b); });
  return out;
}

std::vector<std::pair<int, int>> shared_borders(const std::vector<MapFeature>& features,
                                                const BorderTolerance& tolerance) {
  return map_topology(features, tolerance).borders;
}

std::string too_intricate_text(MapPoint where) {
  return "the map is too intricate to measure: more pieces of region boundary lie close to each other, or regions "
         "inside each other's boxes, than parley compares (the comparisons ran out near " +
         coordinate_text(where.x, where.y) + "); a real map needs a few comparisons for each stretch of border";
}

std::string overlap_text(const Overlap& overlap) {
  return "they share an area of " + number_text(overlap.area) + " around " +
         coordinate_text(overlap.at.x, overlap.at.y) + ", " + number_text(100 * overlap.share) + "% of the smaller one";
}

}  // namespace parley::geo
