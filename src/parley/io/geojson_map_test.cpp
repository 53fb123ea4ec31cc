// GeoJSON maps: adjacency facts on the shared Natural Earth 1:110m maps, and
// the geometry layer's own checks. The scenario reader's use of it is tested
// in scenario_map_test.cpp.
#include "parley/io/geojson_map.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "test_support.h"

namespace parley {
namespace {

struct LoadedMap {
  std::vector<geo::GeoFeature> read;
  std::vector<MapFeature> features;
  std::map<std::string, int> index;  // id -> feature
  std::set<std::pair<std::string, std::string>> links;  // ids, ordered

  bool adjacent(const std::string& a, const std::string& b) const {
    return links.count(std::minmax(a, b)) > 0;
  }
  std::set<std::string> neighbours(const std::string& a) const {
    std::set<std::string> out;
    for (const auto& [x, y] : links) {
      if (x == a) out.insert(y);
      if (y == a) out.insert(x);
    }
    return out;
  }
};

LoadedMap load(const std::string& file, const std::string& key) {
  LoadedMap m;
  const std::string path = test::shared_dir() + "/data/maps/" + file;
  auto doc = json::parse_file(path);
  EXPECT_TRUE(doc) << path;
  if (!doc) return m;
  auto read = geo::read_features(doc.value(), path, key);
  EXPECT_TRUE(read) << (read ? "" : read.errors()[0].pointer + ": " + read.errors()[0].message);
  if (!read) return m;
  m.read = read.value();
  for (const geo::GeoFeature& f : m.read) {
    m.index[f.feature.id] = static_cast<int>(m.features.size());
    m.features.push_back(f.feature);
  }
  for (auto [i, j] : geo::shared_borders(m.features, geo::border_tolerance(m.features))) {
    m.links.insert(std::minmax(m.features[static_cast<std::size_t>(i)].id, m.features[static_cast<std::size_t>(j)].id));
  }
  return m;
}

const LoadedMap& states() {
  static const LoadedMap m = load("ne_110m_admin_1_states_provinces.json", "postal");
  return m;
}
const LoadedMap& countries() {
  static const LoadedMap m = load("ne_110m_admin_0_countries.json", "ADMIN");
  return m;
}

// Load times are measured by `parley_bench maps`, not asserted here (a timed
// test fails on a loaded machine or under the sanitizers).
TEST(GeoJsonStates, AllValid) {
  const LoadedMap& m = states();
  ASSERT_EQ(m.features.size(), 51u);
  for (const geo::GeoFeature& f : m.read) EXPECT_FALSE(f.invalid) << f.feature.id;
}

TEST(GeoJsonStates, Neighbours) {
  const LoadedMap& m = states();
  EXPECT_TRUE(m.adjacent("CA", "OR"));
  EXPECT_TRUE(m.adjacent("CA", "NV"));
  EXPECT_TRUE(m.adjacent("CA", "AZ"));
  EXPECT_EQ(m.neighbours("CA"), (std::set<std::string>{"AZ", "NV", "OR"}));
  EXPECT_EQ(m.neighbours("ME"), (std::set<std::string>{"NH"}));
  // The 1:110m data keeps the District's two borders.
  EXPECT_EQ(m.neighbours("DC"), (std::set<std::string>{"MD", "VA"}));
  EXPECT_EQ(m.neighbours("AZ"), (std::set<std::string>{"CA", "NM", "NV", "UT"}));
  EXPECT_EQ(m.neighbours("UT"), (std::set<std::string>{"AZ", "CO", "ID", "NV", "WY"}));
}

TEST(GeoJsonStates, FourCornersTouchOnlyAtAPoint) {
  const LoadedMap& m = states();
  EXPECT_FALSE(m.adjacent("AZ", "CO"));
  EXPECT_FALSE(m.adjacent("UT", "NM"));
  // They do touch: the shared length is that of a point contact, about 2 snap.
  geo::BorderTolerance t = geo::border_tolerance(m.features);
  double az_co = geo::shared_length(m.features[static_cast<std::size_t>(m.index.at("AZ"))],
                                    m.features[static_cast<std::size_t>(m.index.at("CO"))], t.snap);
  EXPECT_GT(az_co, 0);
  EXPECT_LT(az_co, t.min_shared / 2);
}

TEST(GeoJsonStates, IslandsAndCount) {
  const LoadedMap& m = states();
  EXPECT_TRUE(m.neighbours("HI").empty());
  EXPECT_TRUE(m.neighbours("AK").empty());
  // The lower 48 and DC have 109 land borders by the usual count (Four Corners
  // excluded); the coarse map may drop or merge a few very short ones.
  EXPECT_GE(m.links.size(), 100u);
  EXPECT_LE(m.links.size(), 115u);
}

TEST(GeoJsonCountries, Neighbours) {
  const LoadedMap& m = countries();
  ASSERT_EQ(m.features.size(), 177u);
  EXPECT_TRUE(m.adjacent("France", "Spain"));
  EXPECT_TRUE(m.adjacent("France", "Germany"));
  EXPECT_TRUE(m.adjacent("Spain", "Portugal"));
  EXPECT_TRUE(m.adjacent("France", "Luxembourg"));
  EXPECT_TRUE(m.adjacent("Botswana", "Zambia"));  // a short border, about 0.19 degrees here
  EXPECT_EQ(m.neighbours("Portugal"), (std::set<std::string>{"Spain"}));
  // Across water, or separated by a third country.
  EXPECT_FALSE(m.adjacent("France", "United Kingdom"));
  EXPECT_FALSE(m.adjacent("Spain", "Morocco"));
  EXPECT_FALSE(m.adjacent("Denmark", "Sweden"));
  EXPECT_FALSE(m.adjacent("Morocco", "Mauritania"));
  EXPECT_FALSE(m.adjacent("Egypt", "Jordan"));    // nearly touch at the Gulf of Aqaba
  EXPECT_FALSE(m.adjacent("Azerbaijan", "Turkey"));  // a point contact at this scale
  EXPECT_TRUE(m.neighbours("Australia").empty());
}

TEST(GeoJsonCountries, SudanSpikeIsInvalid) {
  // The 1:110m Sudan has a spike into South Sudan that crosses its own
  // boundary: GEOS says so, at that vertex.
  const LoadedMap& m = countries();
  const geo::GeoFeature& sudan = m.read[static_cast<std::size_t>(m.index.at("Sudan"))];
  ASSERT_TRUE(sudan.invalid);
  EXPECT_EQ(sudan.invalid->pointer, sudan.pointer + "/geometry/coordinates/0/48");
  EXPECT_NE(sudan.invalid->message.find("Self-intersection at (33.963393, 9.464285)"), std::string::npos)
      << sudan.invalid->message;
  int invalid = 0;
  for (const geo::GeoFeature& f : m.read) invalid += f.invalid ? 1 : 0;
  EXPECT_EQ(invalid, 1);
}

TEST(GeoJsonCountries, LabelsInside) {
  // A label point lies inside its feature: for a few awkward shapes, check the
  // point against the outer ring by ray casting.
  const LoadedMap& m = countries();
  auto inside = [](const MapRing& ring, MapPoint p) {
    bool in = false;
    for (std::size_t k = 0, j = ring.size() - 1; k < ring.size(); j = k++) {
      if ((ring[k].y > p.y) != (ring[j].y > p.y) &&
          p.x < (ring[j].x - ring[k].x) * (p.y - ring[k].y) / (ring[j].y - ring[k].y) + ring[k].x) {
        in = !in;
      }
    }
    return in;
  };
  for (const char* name : {"Chile", "Norway", "Vietnam", "Croatia", "Indonesia", "Italy"}) {
    const MapFeature& f = m.features[static_cast<std::size_t>(m.index.at(name))];
    bool any = false;
    for (const MapPolygon& p : f.polygons) any = any || inside(p.front(), f.label);
    EXPECT_TRUE(any) << name;
  }
}

}  // namespace
}  // namespace parley
