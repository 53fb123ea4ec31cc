#include "parley/io/geojson_map.h"

#include <geos_c.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "parley/core/text.h"

namespace parley::geo {

namespace {

using json::pointer_join;
using json::quote;
using json::Value;

// ------------------------------------------------------------------ GEOS ---

// One re-entrant GEOS context per call: nothing global, safe across threads.
// GEOS reports failures through the handler and a null or error return; the
// last message is kept for the caller.
class Geos {
 public:
  Geos() : h_(GEOS_init_r()) {
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

  std::string last_error;

 private:
  static void on_error(const char* message, void* self) { static_cast<Geos*>(self)->last_error = message; }
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

struct Box {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

Box box_of(const MapFeature& f) {
  Box b{INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (const MapPolygon& p : f.polygons) {
    for (const MapPoint& q : p.front()) {  // the outer ring bounds the holes
      b.min_x = std::min(b.min_x, q.x);
      b.min_y = std::min(b.min_y, q.y);
      b.max_x = std::max(b.max_x, q.x);
      b.max_y = std::max(b.max_y, q.y);
    }
  }
  return b;
}

// Twice the signed area of a ring (shoelace); positive counter-clockwise.
double ring_area2(const MapRing& r) {
  double a = 0;
  for (std::size_t k = 0; k + 1 < r.size(); ++k) a += r[k].x * r[k + 1].y - r[k + 1].x * r[k].y;
  return a;
}

// Where to write a feature's name: the centre of the largest circle inside its
// largest polygon (far from every edge, so a label fits), or for a geometry
// GEOS cannot work on, the middle of its bounding box.
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
  const double size = std::max(lb.max_x - lb.min_x, lb.max_y - lb.min_y);
  Geos::Geom circle = geos.own(GEOSMaximumInscribedCircle_r(*geos, g.get(), size / 200));
  if (!circle) return fallback;
  // The circle is returned as a line from its centre to the nearest edge.
  double x = 0, y = 0;
  Geos::Geom centre = geos.own(GEOSGeomGetStartPoint_r(*geos, circle.get()));
  if (!centre || !GEOSGeomGetX_r(*geos, centre.get(), &x) || !GEOSGeomGetY_r(*geos, centre.get(), &y)) return fallback;
  return {x, y};
}

std::string coordinate_text(double x, double y) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "(%.6f, %.6f)", x, y);
  return buf;
}

// --------------------------------------------------------------- reading ---

// A value as a message shows it: strings as themselves, quoted; arrays with
// their length (a position or ring of the wrong size).
std::string shown(const Value& v) {
  if (v.is_string()) return quote(cut_utf8(v.text(), 60));
  if (v.is_array()) return "an array of " + std::to_string(v.items().size());
  return json::describe(v);
}

// "/coordinates/0/48" (Polygon) or "/coordinates/2/0/48" (MultiPolygon): the
// position at the place GEOS names, when that is a vertex. GEOS computes the
// place (an intersection point), so "at" allows a rounding difference.
std::optional<std::string> vertex_pointer(const MapFeature& f, MapPoint at, bool multi) {
  const Box b = box_of(f);
  double best = 1e-9 * std::hypot(b.max_x - b.min_x, b.max_y - b.min_y);
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

// Coordinates beyond this are surely not a map, and would overflow the
// extent's arithmetic.
constexpr double kMaxCoordinate = 1e15;

class FeatureReader {
 public:
  FeatureReader(std::string source, std::string key) : source_(std::move(source)), key_(std::move(key)) {}

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
  std::optional<MapPolygon> polygon(const Value& v, const std::string& ptr);
  std::optional<MapPoint> position(const Value& v, const std::string& ptr);

  static constexpr std::size_t kMaxErrors = 1000;
  std::string source_;
  std::string key_;
  std::vector<Diagnostic> errors_;
  std::unordered_map<std::string, std::string> ids_;  // region id -> pointer of its feature
};

Result<std::vector<GeoFeature>> FeatureReader::read(const Value& root) {
  const Value* type = root.is_object() ? root.find("type") : nullptr;
  if (!type || !type->is_string() || type->text() != "FeatureCollection") {
    error(type ? "/type" : "",
          "a map is a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": [...]}, found " +
              (type ? "\"type\": " + shown(*type)
                    : shown(root)));
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
  Geos geos;
  std::vector<GeoFeature> out;
  for (std::size_t k = 0; k < features->items().size(); ++k) {
    std::string ptr = pointer_join("/features", k);
    std::optional<GeoFeature> f = feature(features->items()[k], ptr);
    if (!f) continue;
    // Validity is GEOS's verdict under the OGC Simple Features rules.
    Geos::Geom g = geos.build(f->feature);
    bool valid = false;
    if (!g) {
      f->invalid = Diagnostic{pointer_join(ptr, "geometry"),
                              "invalid geometry: " + (geos.last_error.empty() ? "GEOS cannot build it" : geos.last_error),
                              source_};
    } else {
      char* reason = nullptr;
      GEOSGeometry* where = nullptr;
      valid = GEOSisValidDetail_r(*geos, g.get(), 0, &reason, &where) == 1;
      if (!valid) {
        f->invalid = Diagnostic{pointer_join(ptr, "geometry"), "", source_};
        std::string what = reason ? reason : "invalid";
        double x = 0, y = 0;
        if (where && GEOSGeomGetX_r(*geos, where, &x) && GEOSGeomGetY_r(*geos, where, &y)) {
          what += " at " + coordinate_text(x, y);
          // When the place is a vertex, point at that position in the file.
          const bool multi = features->items()[k].find("geometry")->find("type")->text() == "MultiPolygon";
          if (std::optional<std::string> at = vertex_pointer(f->feature, MapPoint{x, y}, multi)) {
            f->invalid->pointer = pointer_join(ptr, "geometry") + *at;
          }
        }
        f->invalid->message = "invalid geometry for region " + quote(cut_utf8(f->feature.id, 60)) + ": " + what +
                              "; a region's polygons must be valid: rings that do not cross or touch themselves, "
                              "holes inside their outer ring, polygons of a MultiPolygon that do not overlap";
      }
      if (reason) GEOSFree_r(*geos, reason);
      if (where) GEOSGeom_destroy_r(*geos, where);
    }
    f->feature.label = label_point(geos, f->feature, valid);
    out.push_back(std::move(*f));
  }
  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return out;
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
    error(vp, "duplicate region id " + quote(cut_utf8(value->text(), 60)) + " (also " + it->second +
                  "); each feature's " + quote(key_) + " must be unique in the map");
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
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(xy[c]) ||
        std::abs(xy[c]) > kMaxCoordinate) {
      error(pointer_join(ptr, c), "coordinate " + cut_utf8(text, 40) + " is out of range; coordinates lie within ±1e15");
      return std::nullopt;
    }
  }
  return MapPoint{xy[0], xy[1]};
}

}  // namespace

Result<std::vector<GeoFeature>> read_features(const json::Value& document, const std::string& source,
                                              const std::string& region_key) {
  return FeatureReader(source, region_key).read(document);
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
  Box all{INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (const MapFeature& f : features) {
    Box b = box_of(f);
    all = {std::min(all.min_x, b.min_x), std::min(all.min_y, b.min_y), std::max(all.max_x, b.max_x),
           std::max(all.max_y, b.max_y)};
  }
  const double diagonal = features.empty() ? 0 : std::hypot(all.max_x - all.min_x, all.max_y - all.min_y);
  return {2e-5 * diagonal, 1e-4 * diagonal};
}

namespace {

// A feature prepared for border tests: its boundary, and the band within snap
// of it (built when first needed).
struct Outline {
  Geos::Geom boundary;
  Geos::Geom band;
};

// The length of a's boundary that lies within b's band, looking only inside
// the band's box (a large country's boundary is clipped first).
double length_near(const Geos& geos, const Outline& a, const Outline& b) {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  if (!GEOSGeom_getXMin_r(*geos, b.band.get(), &x0) || !GEOSGeom_getYMin_r(*geos, b.band.get(), &y0) ||
      !GEOSGeom_getXMax_r(*geos, b.band.get(), &x1) || !GEOSGeom_getYMax_r(*geos, b.band.get(), &y1)) {
    return 0;
  }
  Geos::Geom clipped = geos.own(GEOSClipByRect_r(*geos, a.boundary.get(), x0, y0, x1, y1));
  if (!clipped) return 0;
  Geos::Geom inside = geos.own(GEOSIntersection_r(*geos, clipped.get(), b.band.get()));
  double length = 0;
  if (!inside || !GEOSLength_r(*geos, inside.get(), &length)) return 0;
  return length;
}

bool prepare(const Geos& geos, const MapFeature& f, double snap, Outline& out) {
  Geos::Geom g = geos.build(f);
  if (!g) return false;
  out.boundary = geos.own(GEOSBoundary_r(*geos, g.get()));
  if (!out.boundary) return false;
  // Two segments per quarter circle: the band's round ends hardly matter.
  out.band = geos.own(GEOSBuffer_r(*geos, out.boundary.get(), snap, 2));
  return out.band != nullptr;
}

}  // namespace

double shared_length(const MapFeature& a, const MapFeature& b, double snap) {
  Geos geos;
  Outline oa, ob;
  if (!prepare(geos, a, snap, oa) || !prepare(geos, b, snap, ob)) return 0;
  return std::min(length_near(geos, oa, ob), length_near(geos, ob, oa));
}

std::vector<std::pair<int, int>> shared_borders(const std::vector<MapFeature>& features,
                                                const BorderTolerance& tolerance) {
  std::vector<std::pair<int, int>> out;
  if (tolerance.snap <= 0) return out;
  Geos geos;
  const std::size_t n = features.size();
  std::vector<Outline> outlines(n);
  std::vector<bool> ready(n, false), tried(n, false);
  auto outline = [&](std::size_t i) -> Outline* {
    if (!tried[i]) {
      tried[i] = true;
      ready[i] = prepare(geos, features[i], tolerance.snap, outlines[i]);
    }
    return ready[i] ? &outlines[i] : nullptr;
  };
  // Envelope pre-check by a sweep along x: only features whose boxes, grown
  // by snap, overlap are measured (a few per feature on real maps), instead
  // of every pair.
  std::vector<Box> boxes(n);
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    Box b = box_of(features[i]);
    boxes[i] = {b.min_x - tolerance.snap, b.min_y - tolerance.snap, b.max_x + tolerance.snap, b.max_y + tolerance.snap};
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return boxes[a].min_x < boxes[b].min_x; });
  for (std::size_t s = 0; s < n; ++s) {
    const std::size_t i = order[s];
    for (std::size_t t = s + 1; t < n && boxes[order[t]].min_x <= boxes[i].max_x; ++t) {
      const std::size_t j = order[t];
      if (boxes[j].min_y > boxes[i].max_y || boxes[i].min_y > boxes[j].max_y) continue;
      Outline* a = outline(i);
      Outline* b = outline(j);
      if (!a || !b) continue;
      // Both directions must share the length: a spike of one feature
      // running along the other's edge does not make a border by itself.
      if (length_near(geos, *a, *b) >= tolerance.min_shared && length_near(geos, *b, *a) >= tolerance.min_shared) {
        out.emplace_back(std::min(i, j), std::max(i, j));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace parley::geo
