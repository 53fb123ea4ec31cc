// GeoJSON maps: a FeatureCollection of Polygons and MultiPolygons read into
// plain coordinates, checked, and the features that share a border found.
// GEOS does the geometry; this is the one header in front of it (only
// geojson_map.cpp includes geos_c.h), and no GEOS type leaves it.
//
//   Result<json::Value> doc = json::parse_file("regions.geojson");
//   Result<std::vector<geo::GeoFeature>> read = geo::read_features(doc.value(), "regions.geojson", "id");
//   if (!read) { /* every problem, each with a JSON Pointer into regions.geojson */ }
//   std::vector<MapFeature> map;
//   for (const geo::GeoFeature& f : read.value()) {
//     if (f.invalid) std::cerr << f.invalid->pointer << ": " << f.invalid->message << '\n';
//     map.push_back(f.feature);
//   }
//   geo::BorderTolerance t = geo::border_tolerance(map);       // from the whole map's extent
//   geo::MapTopology top = geo::map_topology(map, t);
//   for (auto [i, j] : top.borders) { /* map[i] and map[j] share a border */ }
//   for (const geo::Overlap& o : top.overlaps) { /* map[o.a] and map[o.b] share land: refuse */ }
//
// Nothing reaches GEOS unchecked: read_features refuses coordinates out of
// range, too many positions, features too small for the map and outlines
// crumpled beyond the work allowed (MapLimits), with their place in the
// file, before any GEOS call, so that GEOS's arithmetic never underflows and
// its work is bounded; then slivers, once GEOS has said the rings are valid.
// GEOS failures are reported, not guessed around (MapTopology::failures).
//
// Adjacency: two features are adjacent when each one's boundary runs within
// `snap` of the other's for a total length of at least `min_shared`, so
// touching at a point (the US Four Corners) is not adjacency, while borders
// digitised with small gaps or without shared vertices still are.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parley/core/result.h"
#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley::geo {

struct GeoFeature {
  MapFeature feature;  // id, polygons and label point; `issue` is left -1
  std::string pointer;  // the feature in the file: "/features/3"
  // What GEOS finds wrong with the geometry (self-intersection, a hole outside
  // its shell, ...), located in the file; nullopt when the geometry is valid.
  // Reported or not by the caller: a background feature is only drawn.
  std::optional<Diagnostic> invalid;
};

// What a map may hold, checked on the plain coordinates before any GEOS call
// (geojson_map.cpp says why each number; every map in ../shared/data/maps and
// the examples passes each one fifty times over).
struct MapLimits {
  // Each coordinate is 0 or between these in size: beyond 1e15 the extent's
  // arithmetic loses whole units; below 1e-100, squared lengths and areas
  // (which GEOS computes) would underflow.
  double max_coordinate = 1e15;
  double min_coordinate = 1e-100;
  std::size_t max_feature_positions = 500'000;  // in one feature's rings
  std::size_t max_positions = 1'000'000;        // in the whole map
  // A feature's bounding-box diagonal, as a fraction of the whole map's.
  double min_feature_size = 1e-6;
  // The work of comparing each feature's outline with itself, in the whole
  // map (border_lengths.h's self_work): what GEOS's validity check and
  // overlay cost. A few units a position for real outlines; all pairs of
  // positions for one crumpled into a knot.
  std::size_t max_outline_work = 100'000'000;
  // Each ring's roundness 4 pi A / P^2 (area A, perimeter P): 1 for a
  // circle, pi/4 for a square, about pi h / w for a thin w x h rectangle;
  // below this a ring is a sliver (or its points are collinear).
  double min_roundness = 1e-5;
};

// Reads a GeoJSON FeatureCollection whose features each carry a region id in
// the property `region_key` (a string, or a number taken as its text) and a
// Polygon or MultiPolygon geometry. Fails with every structural problem: not
// a FeatureCollection, a feature without the key, duplicate ids, another
// geometry type, malformed coordinates or rings that are not closed, and any
// geometry beyond `limits`. Each diagnostic's pointer is into the GeoJSON
// document named `source`; no message quotes the document's text beyond its
// numbers and GeoJSON's own type names (a server may read a file someone
// else wrote), and property names where the region key is missing.
Result<std::vector<GeoFeature>> read_features(const json::Value& document, const std::string& source,
                                              const std::string& region_key, const MapLimits& limits = {});

struct BorderTolerance {
  double snap = 0;        // boundaries this close count as touching
  double min_shared = 0;  // the least length of touching boundary that makes a border
};

// The tolerance for a map, from the diagonal d of the bounding box of all its
// features: snap = 2e-5 d, min_shared = 1e-4 d (see geojson_map.cpp for why).
BorderTolerance border_tolerance(const std::vector<MapFeature>& features);

// Two features whose interiors share land beyond boundary noise: a part of
// their intersection wider than the snap (borders digitised apart leave
// slivers narrower than that), or more than half of the smaller one (a
// region nested in another, however small).
struct Overlap {
  int a = 0, b = 0;  // a < b
  double area = 0;   // of the whole intersection
  double share = 0;  // area / the smaller feature's area
  MapPoint at;       // a point inside the largest part of the intersection
};

// "they share an area of 0.25 around (0.5, 0.5), 100% of the smaller one".
std::string overlap_text(const Overlap& overlap);

// A pair GEOS could not intersect (it reports a robustness failure rather
// than a wrong answer).
struct GeometryFailure {
  int a = 0, b = 0;
  std::string message;
};

struct MapTopology {
  std::vector<std::pair<int, int>> borders;  // (i, j), i < j, sharing a border, in order
  std::vector<Overlap> overlaps;             // in order of (a, b)
  std::vector<GeometryFailure> failures;     // no overlap is known for these pairs
  // Set when the map is too intricate to measure within bounded work
  // (thousands of features meeting at one place, or nested in each other):
  // then nothing else is set, and this is where the count ran out.
  std::optional<MapPoint> too_intricate;
};

// Which features share a border and which overlap. Borders are measured
// exactly on the coordinates (border_lengths.h), only where boundaries come
// within snap of each other (found with a box tree over runs of boundary), so
// a real map costs a few comparisons per segment; overlaps are measured by
// GEOS, only for pairs whose boundaries come that near or whose boxes
// overlap while one lies inside the other. The work is bounded: beyond what
// the largest real maps need many times over, the map is too intricate.
// Features with invalid geometry take part by their boundaries only, which
// stay well defined, and are never reported as overlapping; callers that
// care reject them first.
MapTopology map_topology(const std::vector<MapFeature>& features, const BorderTolerance& tolerance);

// Why a map with MapTopology::too_intricate set is refused, and where.
std::string too_intricate_text(MapPoint where);

// map_topology(...).borders: for tests and benchmarks, which know their maps.
std::vector<std::pair<int, int>> shared_borders(const std::vector<MapFeature>& features,
                                                const BorderTolerance& tolerance);

// The length of boundary the two features share within `snap`: the smaller of
// the two directions (a's boundary near b's, b's near a's). For tests and
// diagnostics.
double shared_length(const MapFeature& a, const MapFeature& b, double snap);

}  // namespace parley::geo
