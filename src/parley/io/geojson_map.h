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
//   for (auto [i, j] : geo::shared_borders(map, t)) { /* map[i] and map[j] share a border */ }
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

// Reads a GeoJSON FeatureCollection whose features each carry a region id in
// the property `region_key` (a string, or a number taken as its text) and a
// Polygon or MultiPolygon geometry. Fails with every structural problem: not
// a FeatureCollection, a feature without the key, duplicate ids, another
// geometry type, malformed coordinates or rings that are not closed. Each
// diagnostic's pointer is into the GeoJSON document named `source`.
Result<std::vector<GeoFeature>> read_features(const json::Value& document, const std::string& source,
                                              const std::string& region_key);

struct BorderTolerance {
  double snap = 0;        // boundaries this close count as touching
  double min_shared = 0;  // the least length of touching boundary that makes a border
};

// The tolerance for a map, from the diagonal d of the bounding box of all its
// features: snap = 2e-5 d, min_shared = 1e-4 d (see geojson_map.cpp for why).
BorderTolerance border_tolerance(const std::vector<MapFeature>& features);

// The pairs (i, j), i < j, of features that share a border, in order. Features
// with invalid geometry take part by their boundaries only, which stay well
// defined; callers that care reject them first.
std::vector<std::pair<int, int>> shared_borders(const std::vector<MapFeature>& features,
                                                const BorderTolerance& tolerance);

// The length of boundary the two features share within `snap`: the smaller of
// the two directions (a's boundary near b's, b's near a's). For tests and
// diagnostics.
double shared_length(const MapFeature& a, const MapFeature& b, double snap);

}  // namespace parley::geo
