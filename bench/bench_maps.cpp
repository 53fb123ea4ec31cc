// Benchmark `maps`: reading the shared Natural Earth maps and finding which
// regions share a border, against the plain all-pairs comparison (every pair's
// shared boundary measured, no envelope pre-check) in the same run.
#include <cstdio>
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
    row("  borders (envelope pre-check)", borders, all_pairs);
    row("  borders, all pairs (baseline)", all_pairs, all_pairs);
  }
}

const Register kMaps{"maps", maps_benchmarks};

}  // namespace
}  // namespace parley::bench
