// Benchmark `maps`: reading the shared Natural Earth maps and finding which
// regions share a border and which overlap (map_topology), against the plain
// all-pairs comparison (every pair's shared boundary measured, no index) in
// the same run; then a generated map of 3,025 regions, the size the overlap
// check must stay fast on.
#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "harness.h"
#include "parley/io/geojson_map.h"
#include "parley/io/json.h"

namespace parley::bench {
namespace {

void maps_benchmarks() {
  std::printf("inputs: ../shared/data/maps (Natural Earth 1:110m): US states (51 features, key postal) and world\n"
              "countries (177 features, key ADMIN); median of 5 runs\n");
  header();
  const std::pair<const char*, const char*> files[] = {{"ne_110m_admin_1_states_provinces.json", "postal"},
                                                       {"ne_110m_admin_0_countries.json", "ADMIN"}};
  for (const auto& [file, key] : files) {
    const std::string path = std::string(PARLEY_SHARED_DIR) + "/data/maps/" + file;
    auto doc = json::parse_file(path);
    if (!doc) {
      std::printf("%s: cannot read, skipped\n", path.c_str());
      continue;
    }
    std::vector<MapFeature> features;
    auto read_all = [&] {
      features.clear();
      auto read = geo::read_features(json::parse_file(path).value(), path, key);
      for (const geo::GeoFeature& f : read.value()) features.push_back(f.feature);
    };
    const double reading = median_seconds(read_all, 5);
    const geo::BorderTolerance tolerance = geo::border_tolerance(features);
    std::size_t links = 0, naive_links = 0;
    const double borders = median_seconds([&] { links = geo::shared_borders(features, tolerance).size(); }, 5);
    const double all_pairs = median_seconds(
        [&] {
          naive_links = 0;
          for (std::size_t i = 0; i < features.size(); ++i) {
            for (std::size_t j = i + 1; j < features.size(); ++j) {
              if (geo::shared_length(features[i], features[j], tolerance.snap) >= tolerance.min_shared) ++naive_links;
            }
          }
        },
        5);
    std::printf("%s: %zu features, %zu borders (all-pairs finds %zu)\n", file, features.size(), links, naive_links);
    row("  read + parse + validate polygons", reading, all_pairs);
    row("  borders and overlaps (map_topology)", borders, all_pairs);
    row("  borders, all pairs (baseline)", all_pairs, all_pairs);
  }
}

// A 55 x 55 grid of regions with jittered corners, each side drawn as 8
// wiggling segments shared exactly by the two regions on it: 3,025 regions,
// 99,825 positions.
std::vector<MapFeature> generated_grid(int n) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> jitter(-0.2, 0.2), wiggle(-0.02, 0.02);
  std::vector<std::vector<MapPoint>> corner(n + 1, std::vector<MapPoint>(n + 1));
  for (int i = 0; i <= n; ++i) {
    for (int j = 0; j <= n; ++j) {
      corner[i][j] = {i + (i > 0 && i < n ? jitter(rng) : 0), j + (j > 0 && j < n ? jitter(rng) : 0)};
    }
  }
  std::map<std::pair<std::pair<int, int>, std::pair<int, int>>, std::vector<MapPoint>> sides;
  auto side = [&](std::pair<int, int> p, std::pair<int, int> q) {
    const bool forward = p < q;
    auto [it, fresh] = sides.try_emplace(std::minmax(p, q));
    if (fresh) {
      const MapPoint a = corner[it->first.first.first][it->first.first.second];
      const MapPoint b = corner[it->first.second.first][it->first.second.second];
      for (int k = 0; k <= 8; ++k) {
        const double t = k / 8.0, w = k == 0 || k == 8 ? 0 : wiggle(rng);
        it->second.push_back({a.x + t * (b.x - a.x) - w * (b.y - a.y), a.y + t * (b.y - a.y) + w * (b.x - a.x)});
      }
    }
    std::vector<MapPoint> out = it->second;
    if (!forward) std::reverse(out.begin(), out.end());
    return out;
  };
  std::vector<MapFeature> features;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const std::pair<int, int> c[5] = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}, {i, j}};
      MapRing ring;
      for (int k = 0; k < 4; ++k) {
        std::vector<MapPoint> s = side(c[k], c[k + 1]);
        ring.insert(ring.end(), s.begin(), s.end() - 1);
      }
      ring.push_back(ring.front());
      MapFeature f;
      f.id = "g" + std::to_string(i) + "_" + std::to_string(j);
      f.polygons = {{ring}};
      features.push_back(std::move(f));
    }
  }
  return features;
}

void generated_map_benchmark() {
  const std::vector<MapFeature> features = generated_grid(55);
  const geo::BorderTolerance tolerance = geo::border_tolerance(features);
  geo::MapTopology topology;
  const double seconds = median_seconds([&] { topology = geo::map_topology(features, tolerance); }, 5);
  std::printf("generated 55 x 55 grid: %zu regions, %zu borders, %zu overlaps\n", features.size(),
              topology.borders.size(), topology.overlaps.size());
  row("  borders and overlaps (map_topology)", seconds, seconds);
}

const Register kMaps{"maps", [] {
                       maps_benchmarks();
                       generated_map_benchmark();
                     }};

}  // namespace
}  // namespace parley::bench
