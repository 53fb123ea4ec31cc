// libFuzzer target: the GeoJSON map reader and what builds a map's adjacency
// must never crash, hang or use unbounded memory, whatever the bytes. The
// input is a GeoJSON document whose features carry their region id in "id"
// (the seeds in fuzz/geojson-seeds/ do: adjacent squares, an enclave that is
// a hole in its container, a nested and an overlapping pair, an island with a
// background feature, a self-crossing ring, a border digitised twice with
// small gaps, the Four Corners, and extracts of the shared Natural Earth maps
// with South Africa's hole for Lesotho). When it is accepted, every feature
// is measured against every other, as a scenario whose regions are all the
// features would be, and what comes back must be well formed: labels finite,
// pairs in range and in order, overlaps with a positive area, and nothing
// but the place when the map is too intricate to measure.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "parley/io/geojson_map.h"
#include "parley/io/json.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<json::Value> doc = json::parse(text, "fuzz.geojson");
  if (!doc) return 0;
  Result<std::vector<geo::GeoFeature>> read = geo::read_features(doc.value(), "fuzz.geojson", "id");
  if (!read) {
    check(!read.errors().empty());
    return 0;
  }
  std::vector<MapFeature> features;
  for (const geo::GeoFeature& f : read.value()) {
    check(std::isfinite(f.feature.label.x) && std::isfinite(f.feature.label.y));
    features.push_back(f.feature);
  }
  const geo::BorderTolerance tolerance = geo::border_tolerance(features);
  const geo::MapTopology topology = geo::map_topology(features, tolerance);
  if (topology.too_intricate) check(topology.borders.empty() && topology.overlaps.empty() && topology.failures.empty());
  const int n = static_cast<int>(features.size());
  for (auto [a, b] : topology.borders) check(0 <= a && a < b && b < n);
  for (const geo::Overlap& o : topology.overlaps) {
    check(0 <= o.a && o.a < o.b && o.b < n && o.area > 0 && o.share > 0);
    check(!read.value()[static_cast<std::size_t>(o.a)].invalid && !read.value()[static_cast<std::size_t>(o.b)].invalid);
  }
  for (const geo::GeometryFailure& f : topology.failures) check(0 <= f.a && f.a < n && f.b < n && !f.message.empty());
  return 0;
}
