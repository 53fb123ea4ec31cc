// GeoJSON maps: adjacency facts on the shared Natural Earth 1:110m maps, and
// the geometry layer's own checks. The scenario reader's use of it is tested
// in scenario_map_test.cpp.
#include "parley/io/geojson_map.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <numbers>
#include <random>
#include <set>

#include "parley/io/border_lengths.h"
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
  for (const char* name : {"Chile", "Norway", "Vietnam", "Croatia", "Indonesia", "Italy"}) {
    const MapFeature& f = m.features[static_cast<std::size_t>(m.index.at(name))];
    bool any = false;
    for (const MapPolygon& p : f.polygons) any = any || geo::ring_contains(p.front(), f.label);
    EXPECT_TRUE(any) << name;
  }
}


// Regression (issue 13): GEOS's inscribed circle picks one centre among many
// nearly as good, and labels sat against a region's left edge. West plain
// (0.3 x 0.3 degrees around the 0.1 x 0.1 Old town) is labelled in the middle
// of the band below or above the enclave, not in a corner or beside it; East
// coast (a 0.6 x 0.2 rectangle) in its middle.
TEST(GeoJsonLabels, NamesSitInTheMiddleOfWhereTheyFit) {
  const std::string path = test::source_dir() + "/examples/river-valley.geojson";
  auto doc = json::parse_file(path);
  ASSERT_TRUE(doc);
  auto read = geo::read_features(doc.value(), path, "id");
  ASSERT_TRUE(read);
  std::map<std::string, MapPoint> label;
  for (const geo::GeoFeature& f : read.value()) label[f.feature.id] = f.feature.label;
  EXPECT_NEAR(label.at("w_plain").x, 20.15, 1e-9);
  EXPECT_NEAR(std::abs(label.at("w_plain").y - 45.35), 0.1, 1e-9);  // 45.25 or 45.45
  EXPECT_NEAR(label.at("old_town").x, 20.15, 1e-9);
  EXPECT_NEAR(label.at("old_town").y, 45.35, 1e-9);
  EXPECT_NEAR(label.at("e_coast").x, 20.9, 1e-9);
  EXPECT_NEAR(label.at("e_coast").y, 45.1, 1e-9);
}

// ------------------------------------------------- limits and overlaps ---

// A FeatureCollection of features "f0", "f1", ... with these Polygon
// coordinates (each a JSON array of rings).
json::Value collection(const std::vector<std::string>& polygons) {
  std::string text = R"({"type": "FeatureCollection", "features": [)";
  for (std::size_t k = 0; k < polygons.size(); ++k) {
    text += std::string(k ? "," : "") + R"({"type": "Feature", "properties": {"id": "f)" + std::to_string(k) +
            R"("}, "geometry": {"type": "Polygon", "coordinates": )" + polygons[k] + "}}";
  }
  return json::parse(text + "]}", "test.geojson").value();
}

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A ring, counter-clockwise: the rectangle [x, x + w] x [y, y + h].
std::string rect(double x, double y, double w, double h) {
  auto p = [](double a, double b) { return "[" + number(a) + ", " + number(b) + "]"; };
  return "[" + p(x, y) + ", " + p(x + w, y) + ", " + p(x + w, y + h) + ", " + p(x, y + h) + ", " + p(x, y) + "]";
}
std::string clockwise(double x, double y, double w, double h) {
  auto p = [](double a, double b) { return "[" + number(a) + ", " + number(b) + "]"; };
  return "[" + p(x, y) + ", " + p(x, y + h) + ", " + p(x + w, y + h) + ", " + p(x + w, y) + ", " + p(x, y) + "]";
}
std::string polygon(const std::string& ring) { return "[" + ring + "]"; }

std::vector<std::string> messages(const Result<std::vector<geo::GeoFeature>>& r) {
  std::vector<std::string> out;
  if (!r) {
    for (const Diagnostic& d : r.errors()) out.push_back(d.pointer + ": " + d.message);
  }
  return out;
}

std::vector<MapFeature> features_of(const Result<std::vector<geo::GeoFeature>>& r) {
  std::vector<MapFeature> out;
  for (const geo::GeoFeature& f : r.value()) out.push_back(f.feature);
  return out;
}

// Two squares of side 1e-200 (and 1e-170, 1e-162) crashed GEOS's inscribed
// circle with a segmentation fault: their squared lengths underflow. Such
// coordinates are refused where they are written, before GEOS sees them.
TEST(GeoJsonLimits, CoordinatesTooCloseToZeroAreRefusedBeforeGeos) {
  for (double side : {1e-200, 1e-170, 1e-162, 1e-101}) {
    auto r = geo::read_features(collection({polygon(rect(0, 0, side, side)), polygon(rect(side, 0, side, side))}),
                                "test.geojson", "id");
    ASSERT_FALSE(r) << side;
    EXPECT_EQ(r.errors()[0].pointer, "/features/0/geometry/coordinates/0/1/0");
    EXPECT_EQ(r.errors()[0].message, "coordinate " + number(side) +
                                         " is out of range: a coordinate is 0 or between 1e-100 and 1e+15 in size");
    EXPECT_EQ(r.errors()[0].source, "test.geojson");
  }
  // The same below the double range, and beyond the upper limit.
  auto r = geo::read_features(collection({"[[[0, 0], [1e-400, 0], [1, 1], [0, 0]]]", polygon(rect(0, 0, 2e15, 1))}),
                              "test.geojson", "id");
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{
                "/features/0/geometry/coordinates/0/1/0: coordinate 1e-400 is out of range: a coordinate is 0 or "
                "between 1e-100 and 1e+15 in size",
                "/features/1/geometry/coordinates/0/1/0: coordinate 2000000000000000 is out of range: a coordinate "
                "is 0 or between 1e-100 and 1e+15 in size",
                "/features/1/geometry/coordinates/0/2/0: coordinate 2000000000000000 is out of range: a coordinate "
                "is 0 or between 1e-100 and 1e+15 in size"}));
}

// At the smallest scale allowed, GEOS works: labels inside, the border found.
TEST(GeoJsonLimits, TheSmallestScaleAllowedWorks) {
  const double side = 1e-95;
  auto r = geo::read_features(collection({polygon(rect(0, 0, side, side)), polygon(rect(side, 0, side, side))}),
                              "test.geojson", "id");
  ASSERT_TRUE(r) << messages(r)[0];
  const std::vector<MapFeature> f = features_of(r);
  EXPECT_NEAR(f[0].label.x, side / 2, side / 100);
  EXPECT_NEAR(f[1].label.x, 1.5 * side, side / 100);
  EXPECT_NEAR(f[1].label.y, side / 2, side / 100);
  const geo::MapTopology t = geo::map_topology(f, geo::border_tolerance(f));
  EXPECT_EQ(t.borders, (std::vector<std::pair<int, int>>{{0, 1}}));
  EXPECT_TRUE(t.overlaps.empty());
  EXPECT_TRUE(t.failures.empty());
}

TEST(GeoJsonLimits, FeaturesTooSmallForTheMap) {
  // A map 1000 wide with a feature of side 1e-4: 1.4e-7 of the map.
  auto r = geo::read_features(
      collection({polygon(rect(0, 0, 1000, 1000)), polygon(rect(2000, 0, 1e-4, 1e-4)), polygon(rect(1000, 0, 1, 1))}),
      "test.geojson", "id");
  EXPECT_EQ(messages(r), (std::vector<std::string>{
                             "/features/1/geometry: the feature is too small for the map: its bounding box's diagonal "
                             "is 0.000141, 6.32e-08 of the whole map's (2.24e+03); a feature spans at least 1e-06 of "
                             "the map"}));
}

// Slivers 1 x 1e-8 took a minute and 5 GB in GEOS's inscribed circle, 1 x
// 1e-20 ran out of memory: now they are refused at once, ring by ring.
TEST(GeoJsonLimits, SliversAreRefused) {
  for (double thin : {1e-8, 1e-20}) {
    auto r = geo::read_features(collection({polygon(rect(0, 0, 1, thin)), polygon(rect(1, 0, 1, thin))}),
                                "test.geojson", "id");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.errors().size(), 2u);
    EXPECT_EQ(r.errors()[1].pointer, "/features/1/geometry/coordinates/0");
    char roundness[40];
    std::snprintf(roundness, sizeof roundness, "%.3g", std::numbers::pi * thin);
    EXPECT_EQ(r.errors()[1].message, "the ring is a sliver: its area " + std::string(thin == 1e-8 ? "1e-08" : "1e-20") +
                                         " against a perimeter of 2 gives a roundness 4πA/P² of " + roundness +
                                         "; a ring's roundness is at least 1e-05 (a rectangle no thinner than about 1 "
                                         ": 300000), so a ring this thin is not a region");
  }
  // A hole can be a sliver too.
  auto r = geo::read_features(collection({"[" + rect(0, 0, 4, 4) + ", " + clockwise(1, 1, 2, 1e-9) + "]"}),
                              "test.geojson", "id");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.errors()[0].pointer, "/features/0/geometry/coordinates/1");
}

// Thin but not slivers (1 : 10,000): accepted, labelled inside without the
// inscribed circle (whose grid would start with 10,000 cells).
TEST(GeoJsonLimits, ThinRegionsAreLabelledInside) {
  auto r = geo::read_features(collection({polygon(rect(0, 0, 1, 1e-4)), polygon(rect(0, 1e-4, 1, 1e-4))}),
                              "test.geojson", "id");
  ASSERT_TRUE(r) << messages(r)[0];
  const std::vector<MapFeature> f = features_of(r);
  EXPECT_GT(f[1].label.x, 0);
  EXPECT_LT(f[1].label.x, 1);
  EXPECT_GT(f[1].label.y, 1e-4);
  EXPECT_LT(f[1].label.y, 2e-4);
  EXPECT_EQ(geo::shared_borders(f, geo::border_tolerance(f)), (std::vector<std::pair<int, int>>{{0, 1}}));
}

// Thin rings round holes (a band 1/1000 as wide as the square it frames,
// and one framing that): labelled at a point inside the band, without the
// inscribed circle, which refines every cell along such a band (2,600
// nested ones took 9 s).
TEST(GeoJsonLimits, ThinRingsRoundHolesAreLabelledInside) {
  auto r = geo::read_features(collection({"[" + rect(0, 0, 1, 1) + ", " + clockwise(0.001, 0.001, 0.998, 0.998) + "]",
                                          "[" + rect(-0.001, -0.001, 1.002, 1.002) + ", " + clockwise(0, 0, 1, 1) + "]"}),
                              "test.geojson", "id");
  ASSERT_TRUE(r) << messages(r)[0];
  for (const MapFeature& f : features_of(r)) {
    EXPECT_TRUE(geo::ring_contains(f.polygons[0][0], f.label)) << f.label.x << ", " << f.label.y;
    EXPECT_FALSE(geo::ring_contains(f.polygons[0][1], f.label)) << f.label.x << ", " << f.label.y;
  }
}

TEST(GeoJsonLimits, PositionsPerFeatureAndPerMap) {
  geo::MapLimits limits;
  limits.max_feature_positions = 9;
  limits.max_positions = 12;
  // 5 positions each: the third feature passes the map's 12; the fourth, of
  // 10, is not read at all.
  auto r = geo::read_features(collection({polygon(rect(0, 0, 1, 1)), polygon(rect(1, 0, 1, 1)),
                                          polygon(rect(2, 0, 1, 1)), "[" + rect(3, 0, 1, 1) + ", " + rect(3, 0, 1, 1) + "]"}),
                              "test.geojson", "id", limits);
  EXPECT_EQ(messages(r), (std::vector<std::string>{
                             "/features/2/geometry/coordinates: the map has more than 12 positions with this feature's; "
                             "a map has at most 12 in all (simplify its outlines); the features after it were not read"}));
  limits.max_positions = 100;
  r = geo::read_features(collection({polygon(rect(0, 0, 1, 1)), "[" + rect(3, 0, 1, 1) + ", " + rect(3, 0, 1, 1) + "]"}),
                         "test.geojson", "id", limits);
  EXPECT_EQ(messages(r), (std::vector<std::string>{"/features/1/geometry/coordinates: the feature has 10 positions; a "
                                                   "feature has at most 9 (simplify its outline)"}));
}

// A ring of n positions around a circle of radius 1000, each at a radius
// drawn from [1000, 1000 + spike].
std::string star(int n, double spike) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> extra(0, spike);
  std::vector<std::string> positions;
  for (int k = 0; k < n; ++k) {
    const double angle = 2 * std::numbers::pi * k / n, r = 1000 + extra(rng);
    positions.push_back("[" + number(r * std::cos(angle)) + ", " + number(r * std::sin(angle)) + "]");
  }
  positions.push_back(positions.front());
  std::string ring;
  for (const std::string& p : positions) ring += (ring.empty() ? "" : ", ") + p;
  return "[[" + ring + "]]";
}

// GEOS's validity check compares the segments of an outline that lie close
// together: a 500,000-position star of random spikes took 139 s. Outlines that
// need more of that work than allowed are refused before GEOS sees them; a
// smooth outline of as many positions needs little.
TEST(GeoJsonLimits, CrumpledOutlinesAreRefusedBeforeGeos) {
  geo::MapLimits limits;
  limits.max_outline_work = 1'000'000;
  auto r = geo::read_features(collection({star(20'000, 300)}), "test.geojson", "id", limits);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].pointer, "/features/0/geometry");
  EXPECT_EQ(r.errors()[0].message.rfind("the feature's outline is too intricate to check: with the outlines before it, "
                                        "more than 1000000 pairs of pieces of outline lie close together (the count "
                                        "ran out near (",
                                        0),
            0u)
      << r.errors()[0].message;
  EXPECT_TRUE(geo::read_features(collection({star(20'000, 0)}), "test.geojson", "id", limits));
}

// Nothing of a document that is not a GeoJSON map is quoted back: a server
// may be handed a file meant to stay private.
TEST(GeoJsonLimits, MessagesDoNotQuoteTheFile) {
  for (const char* text :
       {R"({"type": "SECRET-1234"})", R"(["SECRET-1234"])", R"("SECRET-1234")", R"({"type": "FeatureCollection",
        "features": ["SECRET-1234", {"type": "SECRET-1234"}, {"type": "Feature", "properties": {"id": "a"},
        "geometry": {"type": "SECRET-1234", "coordinates": "SECRET-1234"}}, {"type": "Feature", "properties":
        {"id": ["SECRET-1234"]}, "geometry": {"type": "Polygon", "coordinates": [["SECRET-1234"]]}}]})"}) {
    auto r = geo::read_features(json::parse(text, "private.json").value(), "private.json", "id");
    ASSERT_FALSE(r) << text;
    for (const Diagnostic& d : r.errors()) EXPECT_EQ(d.message.find("SECRET"), std::string::npos) << d.message;
  }
}

std::vector<std::pair<int, int>> overlapping(const geo::MapTopology& t) {
  std::vector<std::pair<int, int>> out;
  for (const geo::Overlap& o : t.overlaps) out.emplace_back(o.a, o.b);
  return out;
}

geo::MapTopology topology_of(const std::vector<std::string>& polygons) {
  auto r = geo::read_features(collection(polygons), "test.geojson", "id");
  EXPECT_TRUE(r) << messages(r)[0];
  if (!r) return {};
  const std::vector<MapFeature> f = features_of(r);
  return geo::map_topology(f, geo::border_tolerance(f));
}

TEST(GeoJsonOverlaps, NestedAndOverlappingRegionsOverlap) {
  // f1 inside f0, without a hole: all of f1 is f0's too.
  geo::MapTopology t = topology_of({polygon(rect(0, 0, 4, 4)), polygon(rect(1, 1, 2, 2)), polygon(rect(4, 0, 4, 4))});
  ASSERT_EQ(overlapping(t), (std::vector<std::pair<int, int>>{{0, 1}}));
  EXPECT_DOUBLE_EQ(t.overlaps[0].area, 4);
  EXPECT_DOUBLE_EQ(t.overlaps[0].share, 1);
  EXPECT_EQ(t.borders, (std::vector<std::pair<int, int>>{{0, 2}}));
  EXPECT_EQ(geo::overlap_text(t.overlaps[0]),
            "they share an area of 4 around (2.000000, 2.000000), 100% of the smaller one");
  // Two squares overlapping by a quarter.
  t = topology_of({polygon(rect(0, 0, 2, 2)), polygon(rect(1, 1, 2, 2))});
  ASSERT_EQ(overlapping(t), (std::vector<std::pair<int, int>>{{0, 1}}));
  EXPECT_DOUBLE_EQ(t.overlaps[0].area, 1);
  EXPECT_DOUBLE_EQ(t.overlaps[0].share, 0.25);
  EXPECT_GT(t.overlaps[0].at.x, 1);
  EXPECT_LT(t.overlaps[0].at.x, 2);
  // A region far smaller than the snap, nested: more than half of it overlaps.
  t = topology_of({polygon(rect(0, 0, 1000, 1000)), polygon(rect(500, 500, 0.01, 0.01))});
  EXPECT_EQ(overlapping(t), (std::vector<std::pair<int, int>>{{0, 1}}));
}

TEST(GeoJsonOverlaps, BordersAndHolesDoNotOverlap) {
  // An enclave that is a hole in its container, and a neighbour: borders only.
  geo::MapTopology t = topology_of({"[" + rect(0, 0, 4, 4) + ", " + clockwise(1, 1, 2, 2) + "]",
                                    polygon(rect(1, 1, 2, 2)), polygon(rect(4, 0, 4, 4))});
  EXPECT_TRUE(t.overlaps.empty());
  EXPECT_EQ(t.borders, (std::vector<std::pair<int, int>>{{0, 1}, {0, 2}}));
  // A border digitised twice, 1e-5 apart (below the snap of 2e-5 x 2.2 here):
  // the slivers between them are noise, and the border is found.
  t = topology_of({"[[[0, 0], [1.00001, 0], [0.99999, 0.5], [1.00001, 1], [0, 1], [0, 0]]]", polygon(rect(1, 0, 1, 1))});
  EXPECT_TRUE(t.overlaps.empty());
  EXPECT_EQ(t.borders, (std::vector<std::pair<int, int>>{{0, 1}}));
}

// Slices of a disc, all meeting at its centre.
std::vector<MapFeature> disc_cut_into(int slices) {
  std::vector<MapFeature> out;
  for (int k = 0; k < slices; ++k) {
    const double a0 = 2 * std::numbers::pi * k / slices, a1 = 2 * std::numbers::pi * (k + 1) / slices;
    MapFeature f;
    f.polygons = {{{{0, 0}, {1000 * std::cos(a0), 1000 * std::sin(a0)}, {1000 * std::cos(a1), 1000 * std::sin(a1)}, {0, 0}}}};
    out.push_back(std::move(f));
  }
  return out;
}

// Every pair of slices touches at the centre, so all must be compared. 200
// slices are measured: each borders the 13 on either side, whose sides run
// within the snap (0.057) of its own for more than min_shared (0.28) near
// the centre (two sides at 13 x 1.8 degrees: 2 x 0.057 / sin(23.4) = 0.29).
// 1,400 would take GEOS over 200,000 intersections, and are refused as too
// intricate.
TEST(GeoJsonOverlaps, ThousandsOfRegionsMeetingAtAPointAreTooIntricate) {
  std::vector<MapFeature> slices = disc_cut_into(200);
  geo::MapTopology t = geo::map_topology(slices, geo::border_tolerance(slices));
  EXPECT_FALSE(t.too_intricate);
  EXPECT_EQ(t.borders.size(), 200u * 13);
  EXPECT_TRUE(std::binary_search(t.borders.begin(), t.borders.end(), std::pair(0, 13)));
  EXPECT_FALSE(std::binary_search(t.borders.begin(), t.borders.end(), std::pair(0, 14)));
  EXPECT_TRUE(t.overlaps.empty());
  slices = disc_cut_into(1400);
  t = geo::map_topology(slices, geo::border_tolerance(slices));
  ASSERT_TRUE(t.too_intricate);
  EXPECT_TRUE(t.borders.empty());
  EXPECT_LT(std::hypot(t.too_intricate->x, t.too_intricate->y), 1000);
  EXPECT_EQ(geo::too_intricate_text(MapPoint{1, 2}),
            "the map is too intricate to measure: more pieces of region boundary lie close to each other, or regions "
            "inside each other's boxes, than parley compares (the comparisons ran out near (1.000000, 2.000000)); a "
            "real map needs a few comparisons for each stretch of border");
}

// The shared maps: no two countries or states overlap (Lesotho is a hole in
// South Africa), and the one invalid feature, Sudan, is left out of overlaps.
TEST(GeoJsonOverlaps, NoneOnTheSharedMaps) {
  for (const LoadedMap* m : {&states(), &countries()}) {
    const geo::MapTopology t = geo::map_topology(m->features, geo::border_tolerance(m->features));
    EXPECT_TRUE(t.overlaps.empty()) << m->features[static_cast<std::size_t>(t.overlaps[0].a)].id << " "
                                    << m->features[static_cast<std::size_t>(t.overlaps[0].b)].id;
    EXPECT_TRUE(t.failures.empty());
    EXPECT_EQ(t.borders.size(), m->links.size());
  }
}

// The shared maps pass every limit fifty times over: each limit made fifty
// times stricter still lets them through.
TEST(GeoJsonLimits, TheSharedMapsPassWithRoomToSpare) {
  const geo::MapLimits limits;
  geo::MapLimits strict;
  strict.min_coordinate = limits.min_coordinate * 50;
  strict.max_coordinate = limits.max_coordinate / 50;
  strict.max_feature_positions = limits.max_feature_positions / 50;
  strict.max_positions = limits.max_positions / 50;
  strict.min_feature_size = limits.min_feature_size * 50;
  strict.min_roundness = limits.min_roundness * 50;
  strict.max_outline_work = limits.max_outline_work / 50;
  const std::string maps = test::shared_dir() + "/data/maps/";
  for (auto [path, key] : {std::pair{maps + "ne_110m_admin_1_states_provinces.json", "postal"},
                           std::pair{maps + "ne_110m_admin_0_countries.json", "ADMIN"},
                           std::pair{test::source_dir() + "/examples/river-valley.geojson", "id"}}) {
    auto r = geo::read_features(json::parse_file(path).value(), path, key, strict);
    EXPECT_TRUE(r) << path << ": " << (r ? "" : messages(r)[0]);
  }
}
}  // namespace
}  // namespace parley
