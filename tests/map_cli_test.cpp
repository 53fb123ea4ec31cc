// Hostile GeoJSON maps through the `parley` executable: each ends with exit
// code 2 and one line per problem naming the map file, the place in it and
// what is wrong, never with a crash (exit 139 before) or minutes of work.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// A scenario "s.json" with regions a and b on the map "map.geojson" beside
// it, whose two features have these Polygon coordinates.
class TwoRegionMap {
 public:
  TwoRegionMap(const std::string& name, const std::string& a, const std::string& b)
      : dir_(fs::temp_directory_path() / ("parley_map_cli_" + name)) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "map.geojson")
        << R"({"type": "FeatureCollection", "features": [)"
        << R"({"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Polygon", "coordinates": )" << a
        << "}}, "
        << R"({"type": "Feature", "properties": {"id": "b"}, "geometry": {"type": "Polygon", "coordinates": )" << b
        << "}}]}";
    std::ofstream(dir_ / "s.json") << R"({"parley": 1, "parties": [{"id": "p"}, {"id": "q"}],
      "issues": [{"id": "a", "kind": "region"}, {"id": "b", "kind": "region"}],
      "map": {"geojson": "map.geojson", "region_key": "id"},
      "preferences": {"p": {"weights": {"a": 1, "b": 2}}, "q": {"weights": {"a": 2, "b": 1}}}})";
  }
  ~TwoRegionMap() { fs::remove_all(dir_); }
  std::string scenario() const { return (dir_ / "s.json").string(); }
  std::string map() const { return (dir_ / "map.geojson").string(); }

 private:
  fs::path dir_;
};

std::string square(const std::string& x0, const std::string& x1, const std::string& y0, const std::string& y1) {
  return "[[[" + x0 + ", " + y0 + "], [" + x1 + ", " + y0 + "], [" + x1 + ", " + y1 + "], [" + x0 + ", " + y1 +
         "], [" + x0 + ", " + y0 + "]]]";
}

TEST(MapCli, TinySquaresExitTwoWithTheirPlace) {
  TwoRegionMap m("tiny", square("0", "1e-200", "0", "1e-200"), square("1e-200", "2e-200", "0", "1e-200"));
  for (const char* command : {"validate", "solve"}) {
    test::CommandResult r = test::run_binary(std::string(command) + " " + m.scenario());
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
              m.map() + ": /features/0/geometry/coordinates/0/1/0: coordinate 1e-200 is out of range: a coordinate is "
                        "0 or between 1e-100 and 1e+15 in size");
  }
}

TEST(MapCli, SliversExitTwoAtOnce) {
  for (const char* thin : {"1e-8", "1e-20"}) {
    TwoRegionMap m(std::string("sliver") + thin, square("0", "1", "0", thin), square("1", "2", "0", thin));
    test::CommandResult r = test::run_binary("validate " + m.scenario());
    EXPECT_EQ(r.exit_code, 2) << thin;
    EXPECT_NE(r.err.find(m.map() + ": /features/0/geometry/coordinates/0: the ring is a sliver"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(m.map() + ": /features/1/geometry/coordinates/0: the ring is a sliver"), std::string::npos)
        << r.err;
  }
}

TEST(MapCli, NestedRegionsExitTwoNamingBoth) {
  TwoRegionMap m("nested", square("0", "4", "0", "4"), square("1", "2", "1", "2"));
  test::CommandResult r = test::run_binary("validate " + m.scenario());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, m.map() +
                       ": /features/0/geometry: region \"a\" (/features/0) and region \"b\" (/features/1) overlap: they "
                       "share an area of 1 around (1.500000, 1.500000), 100% of the smaller one; regions may share "
                       "borders but not land (an enclave is a hole in the polygon of the region around it)\n");
  // The same two squares side by side are a valid map.
  TwoRegionMap fine("side_by_side", square("0", "4", "0", "4"), square("4", "5", "1", "2"));
  EXPECT_EQ(test::run_binary("validate --quiet " + fine.scenario()).exit_code, 0);
}

// A map path is taken from the scenario's folder, and validate says which
// file it read.
TEST(MapCli, ValidateSaysWhichMapFileItRead) {
  TwoRegionMap fine("which-file", square("0", "1", "0", "1"), square("1", "2", "0", "1"));
  test::CommandResult r = test::run_binary("validate " + fine.scenario());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  map: 2 GeoJSON features read from " + fine.map() + "\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace parley
