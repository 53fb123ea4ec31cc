// Scenarios with GeoJSON maps: what the reader computes and keeps, how it
// writes the map back, and every way a map can be wrong, each reported with
// the file, the JSON Pointer and what is allowed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// A temporary directory holding one scenario and its map.
class MapFiles {
 public:
  MapFiles() {
    dir_ = fs::temp_directory_path() /
           ("parley_map_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~MapFiles() { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream((dir_ / name).string()) << text;
    return (dir_ / name).string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

std::string square(double x, double y, double size = 1) {
  auto p = [](double a, double b) { return "[" + std::to_string(a) + ", " + std::to_string(b) + "]"; };
  return "[[" + p(x, y) + ", " + p(x + size, y) + ", " + p(x + size, y + size) + ", " + p(x, y + size) + ", " + p(x, y) +
         "]]";
}

std::string feature(const std::string& id, const std::string& coordinates, const std::string& type = "Polygon") {
  return R"({"type": "Feature", "properties": {"id": ")" + id + R"(", "name": "Region )" + id +
         R"("}, "geometry": {"type": ")" + type + R"(", "coordinates": )" + coordinates + "}}";
}

std::string collection(const std::vector<std::string>& features) {
  std::string out = R"({"type": "FeatureCollection", "features": [)";
  for (std::size_t k = 0; k < features.size(); ++k) out += (k ? ",\n" : "\n") + features[k];
  return out + "]}";
}

// Three regions in a row, r1 | r2 | r3, and a background square "lake" below r1.
std::string row_map() {
  return collection({feature("r1", square(0, 0)), feature("r2", square(1, 0)), feature("r3", square(2, 0)),
                     feature("lake", square(0, -1))});
}

std::string scenario(const std::string& map, const std::string& regions = R"("r1", "r2", "r3")",
                     const std::string& extra = "") {
  std::string issues;
  std::string ids = regions;
  std::size_t start = 0;
  while ((start = ids.find('"', start)) != std::string::npos) {
    std::size_t end = ids.find('"', start + 1);
    issues += std::string(issues.empty() ? "" : ", ") + R"({"id": )" + ids.substr(start, end - start + 1) +
              R"(, "kind": "region"})";
    start = end + 1;
  }
  return R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues + extra + R"(], "map": )" +
         map + "}";
}

Result<Scenario> read_with(const MapFiles& files, const std::string& geojson, const std::string& scenario_text) {
  files.write("map.geojson", geojson);
  return read_scenario_file(files.write("s.json", scenario_text));
}

std::string errors_text(const Result<Scenario>& r) {
  std::string out;
  if (r) return "(valid)";
  for (const Diagnostic& d : r.errors()) {
    out += (d.source.empty() ? r.failure().source : d.source) + ": " + d.pointer + ": " + d.message + "\n";
  }
  return out;
}

TEST(ScenarioMap, ComputesAdjacencyAndKeepsPolygons) {
  MapFiles files;
  Result<Scenario> r = read_with(files, row_map(), scenario(R"({"geojson": "map.geojson", "region_key": "id"})"));
  ASSERT_TRUE(r) << errors_text(r);
  const Map& map = *r.value().map;
  EXPECT_EQ(map.adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}}));
  EXPECT_TRUE(map.listed.empty());
  ASSERT_EQ(map.features.size(), 4u);
  EXPECT_EQ(map.features[0].id, "r1");
  EXPECT_EQ(map.features[0].issue, 0);
  EXPECT_EQ(map.features[3].id, "lake");
  EXPECT_EQ(map.features[3].issue, -1);  // background
  ASSERT_EQ(map.features[1].polygons.size(), 1u);
  EXPECT_EQ(map.features[1].polygons[0][0].size(), 5u);
  EXPECT_EQ(map.features[1].polygons[0][0][1], (MapPoint{2, 0}));
  EXPECT_NEAR(map.features[1].label.x, 1.5, 0.01);
  EXPECT_NEAR(map.features[1].label.y, 0.5, 0.01);
}

TEST(ScenarioMap, BackgroundFeaturesLinkNothing) {
  // r1 and r3 both border the background strip "sea" along its whole length,
  // and not each other: they stay unlinked.
  MapFiles files;
  std::string geo = collection({feature("r1", square(0, 0)), feature("r3", square(2, 0)),
                                feature("sea", "[[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]")});
  Result<Scenario> r = read_with(files, geo, scenario(R"({"geojson": "map.geojson", "region_key": "id"})", R"("r1", "r3")"));
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_TRUE(r.value().map->adjacency.empty());
}

TEST(ScenarioMap, PointContactIsNotAdjacency) {
  MapFiles files;
  // Four squares meeting at (1, 1): diagonal pairs touch at that point only.
  std::string geo = collection({feature("sw", square(0, 0)), feature("se", square(1, 0)), feature("nw", square(0, 1)),
                                feature("ne", square(1, 1))});
  Result<Scenario> r =
      read_with(files, geo, scenario(R"({"geojson": "map.geojson", "region_key": "id"})", R"("sw", "se", "nw", "ne")"));
  ASSERT_TRUE(r) << errors_text(r);
  // sw-se, sw-nw, se-ne, nw-ne; not sw-ne, not se-nw.
  EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {0, 2}, {1, 3}, {2, 3}}));
}

TEST(ScenarioMap, NearlySharedBordersWithinTheSnapTolerance) {
  MapFiles files;
  // r2 starts 1e-6 to the right of r1's edge, with its own vertices: a border
  // digitised twice. The gap is far below the snap (2e-5 of the diagonal).
  std::string geo = collection({feature("r1", "[[[0, 0], [1, 0], [1, 0.4], [1, 1], [0, 1], [0, 0]]]"),
                                feature("r2", "[[[1.000001, 0], [2, 0], [2, 1], [1.000001, 1], [1.000001, 0]]]"),
                                feature("r3", square(5, 5))});
  Result<Scenario> r = read_with(files, geo, scenario(R"({"geojson": "map.geojson", "region_key": "id"})"));
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}}));
}

TEST(ScenarioMap, ListedLinksAddToComputedOnes) {
  MapFiles files;
  Result<Scenario> r = read_with(
      files, row_map(),
      scenario(R"({"geojson": "map.geojson", "region_key": "id", "adjacency": [["r1", "r3"], ["r2", "r1"]]})"));
  ASSERT_TRUE(r) << errors_text(r);
  const Map& map = *r.value().map;
  EXPECT_EQ(map.adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {0, 2}}));  // r2-r1 already there
  EXPECT_EQ(map.listed, (std::vector<std::pair<int, int>>{{0, 2}, {1, 0}}));
}

TEST(ScenarioMap, WriterWritesTheFileNotTheComputedAdjacency) {
  MapFiles files;
  const std::string text =
      scenario(R"({"geojson": "map.geojson", "region_key": "id", "adjacency": [["r1", "r3"]], "meta": {"k": 1}})");
  Result<Scenario> r = read_with(files, row_map(), text);
  ASSERT_TRUE(r) << errors_text(r);
  const std::string written = write_scenario(r.value());
  auto doc = json::parse(written, "written");
  ASSERT_TRUE(doc);
  const json::Value* map = doc.value().find("map");
  ASSERT_TRUE(map);
  EXPECT_EQ(json::write(*map, {.indent = 0}),
            R"({"geojson":"map.geojson","region_key":"id","adjacency":[["r1","r3"]],"meta":{"k":1}})");
  // Read back beside the same map: the same scenario.
  Result<Scenario> again = read_scenario_file(files.write("again.json", written));
  ASSERT_TRUE(again) << errors_text(again);
  EXPECT_EQ(again.value(), r.value());
}

TEST(ScenarioMap, PathIsRelativeToTheScenario) {
  MapFiles files;
  fs::create_directories(files.path("maps"));
  files.write("maps/m.geojson", row_map());
  const std::string cwd = fs::current_path().string();
  Result<Scenario> r =
      read_scenario_file(files.write("s.json", scenario(R"({"geojson": "maps/m.geojson", "region_key": "id"})")));
  EXPECT_TRUE(r) << errors_text(r);
}

// ------------------------------------------------------------ loaders ---

const std::string kMapRef = R"({"geojson": "map.geojson", "region_key": "id"})";

// A server hands the reader the bytes of the map itself: the loader sees the
// path exactly as written, and diagnostics inside the map carry the name the
// loader gives.
TEST(ScenarioMapLoader, GetsThePathAsWrittenAndNamesTheFileItsWay) {
  std::vector<std::string> asked;
  std::string geo = row_map();
  FileLoader uploaded = [&](const std::string& path) -> Result<LoadedFile> {
    asked.push_back(path);
    return LoadedFile{"upload:" + path, geo};
  };
  const std::string text = scenario(R"({"geojson": "maps/../m.geojson", "region_key": "id"})");
  Result<Scenario> r = read_scenario_text(text, "room", {}, uploaded);
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(asked, (std::vector<std::string>{"maps/../m.geojson"}));
  EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}}));
  EXPECT_EQ(r.value().map->features.size(), 4u);

  geo.replace(geo.find(R"("id": "r2", )"), 12, "");
  r = read_scenario_text(text, "room", {}, uploaded);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u) << errors_text(r);
  EXPECT_EQ(r.errors()[0].source, "upload:maps/../m.geojson");
  EXPECT_EQ(r.errors()[0].pointer, "/features/1/properties");
}

// A loader's refusal is reported at the path, as the loader words it; its
// invalid-input failures keep their own place.
TEST(ScenarioMapLoader, FailuresAreReportedWhereTheyBelong) {
  const std::string text = scenario(kMapRef);
  FileLoader refuse = [](const std::string& path) -> Result<LoadedFile> {
    return Failure{path, {{"", "no map was uploaded as " + path}}, FailureKind::unreadable};
  };
  Result<Scenario> r = read_scenario_text(text, "room", {}, refuse);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u) << errors_text(r);
  EXPECT_EQ(r.failure().kind, FailureKind::invalid_input);
  EXPECT_EQ(r.errors()[0].source, "");
  EXPECT_EQ(r.errors()[0].pointer, "/map/geojson");
  EXPECT_EQ(r.errors()[0].message, "no map was uploaded as map.geojson");

  FileLoader too_large = [](const std::string& path) -> Result<LoadedFile> {
    return Result<LoadedFile>::fail("upload:" + path, "", "the file is larger than 8 bytes; parley reads at most 8 bytes");
  };
  r = read_scenario_text(text, "room", {}, too_large);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u) << errors_text(r);
  EXPECT_EQ(r.errors()[0].source, "upload:map.geojson");
  EXPECT_EQ(r.errors()[0].pointer, "");
}

// What a server uses, and the default for a scenario read from text: no path
// is read, even one that names a readable file beside the source.
TEST(ScenarioMapLoader, NoFilesRefusesEveryPath) {
  MapFiles files;
  files.write("map.geojson", row_map());
  const std::string text = scenario(kMapRef);
  const std::string refusal =
      "the GeoJSON map \"map.geojson\" is a path, and no path is read here: here a scenario must carry its map "
      "inline as \"geojson_data\" (the FeatureCollection itself, beside \"region_key\") instead of \"geojson\"";
  for (const Result<Scenario>& r : {read_scenario_text(text, files.path("s.json"), {}, no_files()),
                                    read_scenario_text(text, files.path("s.json")),
                                    read_scenario_text(text, files.path("s.json"), {}, FileLoader())}) {
    ASSERT_FALSE(r);
    ASSERT_EQ(r.errors().size(), 1u) << errors_text(r);
    EXPECT_EQ(r.errors()[0].pointer, "/map/geojson");
    EXPECT_EQ(r.errors()[0].message, refusal);
  }
  // read_scenario_file reads beside the file; so does files_beside, asked for.
  EXPECT_TRUE(read_scenario_file(files.write("s.json", text)));
  EXPECT_TRUE(read_scenario_text(text, files.path("s.json"), {}, files_beside(files.path("s.json"))));
}

// A map beside the scenario that is a FIFO (nobody writing: opening it
// blocked validate for ever) or a directory is refused before it is opened,
// naming the path as written.
TEST(ScenarioMapLoader, FilesBesideRefusesAPipeOrAFolder) {
  MapFiles files;
  ASSERT_EQ(::mkfifo(files.path("map.geojson").c_str(), 0600), 0);
  const std::string text = scenario(kMapRef);
  Result<Scenario> pipe = read_scenario_file(files.write("s.json", text));
  ASSERT_FALSE(pipe);
  ASSERT_EQ(pipe.errors().size(), 1u) << errors_text(pipe);
  EXPECT_EQ(pipe.errors()[0].pointer, "/map/geojson");
  EXPECT_EQ(pipe.errors()[0].message,
            "the GeoJSON map \"map.geojson\" (a path relative to the scenario file's directory) is not read: it is not "
            "a regular file (a pipe or a device); a map must be a file");
  fs::remove(files.path("map.geojson"));
  fs::create_directory(files.path("map.geojson"));
  Result<Scenario> folder = read_scenario_file(files.path("s.json"));
  ASSERT_FALSE(folder);
  ASSERT_EQ(folder.errors().size(), 1u) << errors_text(folder);
  EXPECT_NE(folder.errors()[0].message.find("it is a directory; a map must be a file"), std::string::npos)
      << folder.errors()[0].message;
  // A regular file behind a symbolic link is read.
  fs::remove(files.path("map.geojson"));
  files.write("real.geojson", row_map());
  fs::create_symlink("real.geojson", files.path("map.geojson"));
  EXPECT_TRUE(read_scenario_file(files.path("s.json")));
}

// ------------------------------------------------------ inline GeoJSON ---

// The scenario document with its map's "geojson": "PATH" replaced, in place,
// by "geojson_data": the FeatureCollection in that file.
json::Value with_map_inline(const std::string& scenario_path, const std::string& geojson_path) {
  json::Value doc = json::parse(test::read_text(scenario_path), scenario_path).value();
  json::Value collection = json::parse(test::read_text(geojson_path), geojson_path).value();
  for (auto& [key, value] : doc.mutable_members()) {
    if (key != "map") continue;
    for (auto& [map_key, map_value] : value.mutable_members()) {
      if (map_key != "geojson") continue;
      map_key = "geojson_data";
      map_value = collection;
    }
  }
  return doc;
}

// The river valley (a hole, a MultiPolygon island, a background feature and
// a listed tunnel) read with its map inline is the scenario read from the two
// files, but for where the map came from; it writes back inline, and that
// text reads back to the same scenario and is a fixed point of the writer.
TEST(ScenarioMapInline, RiverValleyInlineIsTheRiverValley) {
  const std::string dir = test::source_dir() + "/examples/";
  Scenario from_files = test::load_scenario(dir + "river-valley.json");
  Result<Scenario> r = read_scenario(with_map_inline(dir + "river-valley.json", dir + "river-valley.geojson"), "inline.json");
  ASSERT_TRUE(r) << errors_text(r);
  const Map& inline_map = *r.value().map;
  const Map& file_map = *from_files.map;
  EXPECT_EQ(inline_map.adjacency, file_map.adjacency);
  EXPECT_EQ(inline_map.listed, file_map.listed);
  EXPECT_EQ(inline_map.features, file_map.features);
  EXPECT_EQ(inline_map.features.size(), 11u);
  EXPECT_TRUE(inline_map.geojson.empty());
  EXPECT_TRUE(inline_map.geojson_inline);
  EXPECT_FALSE(file_map.geojson_inline);
  Scenario expected = from_files;
  expected.map->geojson.clear();
  expected.map->geojson_file.clear();
  expected.map->geojson_inline = true;
  EXPECT_EQ(r.value(), expected);

  const std::string written = write_scenario(r.value());
  Result<json::Value> doc = json::parse(written, "written");
  ASSERT_TRUE(doc);
  const json::Value* map = doc.value().find("map");
  ASSERT_TRUE(map);
  EXPECT_FALSE(map->find("geojson"));
  ASSERT_TRUE(map->find("geojson_data"));
  EXPECT_EQ(map->find("geojson_data")->find("features")->items().size(), 11u);
  Result<Scenario> again = read_scenario_text(written, "written.json");
  ASSERT_TRUE(again) << errors_text(again);
  EXPECT_EQ(again.value(), r.value());
  EXPECT_EQ(write_scenario(again.value()), written);
}

// The checked-in example with its map inline (a seed of the fuzzer, and the
// form a negotiation room accepts) is the river valley too.
TEST(ScenarioMapInline, TheInlineExampleIsTheRiverValley) {
  const std::string dir = test::source_dir() + "/examples/";
  Scenario from_files = test::load_scenario(dir + "river-valley.json");
  Result<Scenario> r = read_scenario_text(test::read_text(dir + "river-valley-inline.json"), "river-valley-inline.json");
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->features, from_files.map->features);
  EXPECT_EQ(r.value().map->adjacency, from_files.map->adjacency);
  EXPECT_EQ(r.value().map->listed, from_files.map->listed);
  EXPECT_EQ(r.value().preferences, from_files.preferences);
}

// Every problem inside "geojson_data" is located in the scenario itself,
// below /map/geojson_data.
TEST(ScenarioMapInline, ErrorsPointIntoTheScenario) {
  auto inline_map = [](const std::string& collection, const std::string& rest = R"(, "region_key": "id")") {
    return R"({"geojson_data": )" + collection + rest + "}";
  };
  auto errors_of = [](const std::string& text) {
    Result<Scenario> r = read_scenario_text(text, "room");
    std::vector<std::string> out;
    if (r) return out;
    EXPECT_EQ(r.failure().source, "room");
    for (const Diagnostic& d : r.errors()) {
      EXPECT_EQ(d.source, "") << d.pointer << ": " << d.message;
      out.push_back(d.pointer + ": " + d.message);
    }
    return out;
  };
  using Lines = std::vector<std::string>;

  std::string geo = collection({feature("r1", square(0, 0)), feature("r2", square(1, 0)), feature("r3", square(2, 0)),
                                feature("lake", "[]")});
  EXPECT_EQ(errors_of(scenario(inline_map(geo))),
            (Lines{"/map/geojson_data/features/3/geometry/coordinates: expected a non-empty array of rings (the outer "
                   "ring, then holes), found an array of 0"}));

  geo = collection({feature("r1", "[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]"), feature("r2", square(2, 0)),
                    feature("r3", "[[[3, 0], [4, 0], [4, 1], [3, \"x\"], [3, 0]]]")});
  EXPECT_EQ(errors_of(scenario(inline_map(geo))),
            (Lines{"/map/geojson_data/features/2/geometry/coordinates/0/3: expected a position [x, y] of two numbers "
                   "(longitude, latitude), found an array of 2"}));
  geo.replace(geo.find(R"([3, "x"])"), 8, "[3, 1]");
  EXPECT_EQ(errors_of(scenario(inline_map(geo))),
            (Lines{"/map/geojson_data/features/0/geometry: invalid geometry for region \"r1\": Self-intersection at "
                   "(1.000000, 1.000000); a region's polygons must be valid: rings that do not cross or touch "
                   "themselves, holes inside their outer ring, polygons of a MultiPolygon that do not overlap"}));

  std::string no_key = row_map();
  no_key.replace(no_key.find(R"("id": "r2", )"), 12, "");
  EXPECT_EQ(errors_of(scenario(inline_map(no_key))),
            (Lines{"/map/geojson_data/features/1/properties: the feature has no \"id\" property (the map's region_key) "
                   "naming its region; its properties are name"}));

  EXPECT_EQ(errors_of(scenario(inline_map(row_map()), R"("r1", "r2", "r3")", R"(, {"id": "lake", "kind": "item"})")),
            (Lines{"/map/geojson_data/features/3/properties/id: feature \"lake\" names issue /issues/3, which is of "
                   "kind item; map features name region issues (features with other ids are drawn as background)"}));

  EXPECT_EQ(errors_of(scenario(inline_map(row_map()), R"("r1", "r2", "r4")")),
            (Lines{"/issues/2/id: region \"r4\" is not on the map: no feature of the map's \"geojson_data\" has \"id\": "
                   "\"r4\"; its features' ids include: r1, r2, r3, lake"}));

  // A path where the FeatureCollection belongs: said to be a string, not
  // quoted (what the reader finds where a map belongs is never shown).
  EXPECT_EQ(errors_of(scenario(inline_map(R"("map.geojson")"))),
            (Lines{"/map/geojson_data: a map is a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", "
                   "\"features\": [...]}, found a string"}));

  // Exactly one of "geojson" and "geojson_data"; "region_key" beside it.
  EXPECT_EQ(errors_of(scenario(inline_map(row_map(), R"(, "region_key": "id", "geojson": "map.geojson")"))),
            (Lines{"/map/geojson_data: the map has both \"geojson\" (the path of a GeoJSON file) and \"geojson_data\" "
                   "(the FeatureCollection inline); give exactly one of them"}));
  EXPECT_EQ(errors_of(scenario(inline_map(row_map(), ""))),
            (Lines{"/map/region_key: missing required key \"region_key\" in the map: with \"geojson_data\", it names "
                   "the feature property that holds each region's id, as in \"region_key\": \"id\""}));
}

// ------------------------------------------------------------- errors ---

struct Expected {
  std::string file;  // "scenario" or "map"
  std::string pointer;
  std::string message;  // the whole message, or its start when it ends in "..."
};

void expect_errors(const MapFiles& files, const Result<Scenario>& r, const std::vector<Expected>& expected) {
  ASSERT_FALSE(r) << "accepted";
  ASSERT_EQ(r.errors().size(), expected.size()) << errors_text(r);
  EXPECT_EQ(r.failure().kind, FailureKind::invalid_input);
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const Diagnostic& d = r.errors()[k];
    const Expected& e = expected[k];
    EXPECT_EQ(d.source.empty() ? r.failure().source : d.source,
              files.path(e.file == "map" ? "map.geojson" : "s.json"));
    EXPECT_EQ(d.pointer, e.pointer) << d.message;
    if (e.message.size() > 3 && e.message.substr(e.message.size() - 3) == "...") {
      EXPECT_EQ(d.message.substr(0, e.message.size() - 3), e.message.substr(0, e.message.size() - 3));
    } else {
      EXPECT_EQ(d.message, e.message);
    }
  }
}

TEST(ScenarioMapErrors, MissingFile) {
  MapFiles files;
  Result<Scenario> r = read_scenario_file(files.write("s.json", scenario(kMapRef)));
  expect_errors(files, r,
                {{"scenario", "/map/geojson",
                  "cannot read the GeoJSON map \"map.geojson\" (a path relative to the scenario file's directory): "
                  "cannot open the file: no such file"}});
}

TEST(ScenarioMapErrors, InvalidJson) {
  MapFiles files;
  Result<Scenario> r = read_with(files, R"({"type": "FeatureCollection", "features": [}, )", scenario(kMapRef));
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].source, files.path("map.geojson"));
  EXPECT_EQ(r.errors()[0].pointer, "/features/0");
  EXPECT_NE(r.errors()[0].message.find("line 1"), std::string::npos) << r.errors()[0].message;
}

TEST(ScenarioMapErrors, NotAFeatureCollection) {
  MapFiles files;
  expect_errors(files, read_with(files, feature("r1", square(0, 0)), scenario(kMapRef)),
                {{"map", "/type",
                  "a map is a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": [...]}, found "
                  "\"type\": \"Feature\""}});
  expect_errors(files, read_with(files, "[1, 2]", scenario(kMapRef)),
                {{"map", "",
                  "a map is a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": [...]}, found "
                  "an array of 2"}});
}

TEST(ScenarioMapErrors, FeatureWithoutTheKey) {
  MapFiles files;
  std::string geo = row_map();
  geo.replace(geo.find(R"("id": "r2", )"), 12, "");
  expect_errors(files, read_with(files, geo, scenario(kMapRef)),
                {{"map", "/features/1/properties",
                  "the feature has no \"id\" property (the map's region_key) naming its region; its properties are "
                  "name"}});
}

TEST(ScenarioMapErrors, DuplicateIds) {
  MapFiles files;
  std::string geo = collection({feature("r1", square(0, 0)), feature("r2", square(1, 0)), feature("r3", square(2, 0)),
                                feature("r1", square(3, 0))});
  expect_errors(files, read_with(files, geo, scenario(kMapRef)),
                {{"map", "/features/3/properties/id",
                  "duplicate region id: the same \"id\" as /features/0; each feature's \"id\" must be unique in the map"}});
}

TEST(ScenarioMapErrors, NotAPolygon) {
  MapFiles files;
  std::string geo = collection({feature("r1", square(0, 0)), feature("r2", "[1, 0]", "Point"),
                                feature("r3", "[[0, 0], [1, 1]]", "LineString")});
  expect_errors(files, read_with(files, geo, scenario(kMapRef)),
                {{"map", "/features/1/geometry/type",
                  "geometry \"Point\" is not allowed; a map feature is a Polygon or MultiPolygon (with holes if "
                  "needed)"},
                 {"map", "/features/2/geometry/type", "geometry \"LineString\" is not allowed; ..."}});
}

TEST(ScenarioMapErrors, MalformedCoordinates) {
  MapFiles files;
  std::string geo = collection({feature("r1", "[[[0, 0], [1, 0], [1, 1], [0, 1]]]"),  // not closed
                                feature("r2", "[[[0, 0], [1, 0], [0, 0]]]"),          // too short
                                feature("r3", R"([[[0, 0], [1, "x"], [1, 1], [0, 0]]])")});
  expect_errors(files, read_with(files, geo, scenario(kMapRef)),
                {{"map", "/features/0/geometry/coordinates/0",
                  "the ring is not closed: its first position (0.000000, 0.000000) differs from its last (0.000000, "
                  "1.000000); a GeoJSON ring repeats its first position at the end"},
                 {"map", "/features/1/geometry/coordinates/0",
                  "expected a ring of at least 4 positions [x, y] (a closed ring repeats its first position at the "
                  "end), found an array of 3"},
                 {"map", "/features/2/geometry/coordinates/0/1",
                  "expected a position [x, y] of two numbers (longitude, latitude), found an array of 2"}});
}

TEST(ScenarioMapErrors, InvalidGeometrySaysWhere) {
  MapFiles files;
  // A bow tie: the ring crosses itself at (1, 1), which is not a vertex.
  std::string geo = collection({feature("r1", "[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]"), feature("r2", square(2, 0)),
                                feature("r3", square(3, 0))});
  expect_errors(files, read_with(files, geo, scenario(kMapRef)),
                {{"map", "/features/0/geometry",
                  "invalid geometry for region \"r1\": Self-intersection at (1.000000, 1.000000); a region's polygons "
                  "must be valid: rings that do not cross or touch themselves, holes inside their outer ring, polygons "
                  "of a MultiPolygon that do not overlap"}});
  // A hole that is not inside its shell, in a MultiPolygon: the place is a vertex of the hole.
  geo = collection({feature("r1", "[[" + square(0, 0).substr(1, square(0, 0).size() - 2) + ", [[5, 5], [6, 5], [6, 6], [5, 5]]]]",
                            "MultiPolygon"),
                    feature("r2", square(1, 0)), feature("r3", square(2, 0))});
  Result<Scenario> r = read_with(files, geo, scenario(kMapRef));
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u) << errors_text(r);
  EXPECT_EQ(r.errors()[0].pointer, "/features/0/geometry/coordinates/0/1/0") << errors_text(r);
  EXPECT_NE(r.errors()[0].message.find("Hole lies outside shell at (5.000000, 5.000000)"), std::string::npos)
      << errors_text(r);
}

TEST(ScenarioMapErrors, InvalidBackgroundIsOnlyDrawn) {
  MapFiles files;
  std::string geo = row_map();
  geo.insert(geo.rfind(']'), ",\n" + feature("bowtie", "[[[10, 10], [12, 12], [12, 10], [10, 12], [10, 10]]]"));
  Result<Scenario> r = read_with(files, geo, scenario(kMapRef));
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->features.back().id, "bowtie");
}

TEST(ScenarioMapErrors, RegionNotOnTheMapPointsIntoTheScenario) {
  MapFiles files;
  expect_errors(files, read_with(files, row_map(), scenario(kMapRef, R"("r1", "r2", "r4", "lakes")")),
                {{"scenario", "/issues/2/id",
                  "region \"r4\" is not on the map: no feature of \"map.geojson\" has \"id\": \"r4\"; its features' ids include: r1, r2, r3, lake"},
                 {"scenario", "/issues/3/id",
                  "region \"lakes\" is not on the map: no feature of \"map.geojson\" has \"id\": \"lakes\"; did you mean \"lake\"? Its features' ids include: r1, r2, r3, lake"}});
}

TEST(ScenarioMapErrors, FeatureNamingAnotherKindOfIssue) {
  MapFiles files;
  expect_errors(files, read_with(files, row_map(), scenario(kMapRef, R"("r1", "r2", "r3")", R"(, {"id": "lake", "kind": "item"})")),
                {{"map", "/features/3/properties/id",
                  "feature \"lake\" names issue /issues/3, which is of kind item; map features name region issues "
                  "(features with other ids are drawn as background)"}});
}

TEST(ScenarioMapErrors, RegionKeyMissingOrWithoutGeojson) {
  MapFiles files;
  expect_errors(files, read_with(files, row_map(), scenario(R"({"geojson": "map.geojson"})")),
                {{"scenario", "/map/region_key",
                  "missing required key \"region_key\" in the map: with \"geojson\", it names the feature property "
                  "that holds each region's id, as in \"region_key\": \"id\""}});
  expect_errors(files, read_with(files, row_map(), scenario(R"({"region_key": "id", "adjacency": [["r1", "r2"], ["r3"]]})")),
                {{"scenario", "/map/region_key",
                  "\"region_key\" names the GeoJSON property holding region ids; it needs \"geojson\" (a file) or "
                  "\"geojson_data\" (the FeatureCollection inline)"}});
}

TEST(ScenarioMapErrors, ReportedWithTheScenariosOtherErrors) {
  MapFiles files;
  std::string text = scenario(kMapRef);
  text.replace(text.find(R"("parley": 1)"), 11, R"("parley": 1, "period": "fortnight")");
  std::string geo = row_map();
  geo.replace(geo.find(R"("id": "r2", )"), 12, "");
  Result<Scenario> r = read_with(files, geo, text);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 2u) << errors_text(r);
  EXPECT_EQ(r.errors()[0].pointer, "/period");
  EXPECT_EQ(r.errors()[0].source, "");
  EXPECT_EQ(r.errors()[1].pointer, "/features/1/properties");
  EXPECT_EQ(r.errors()[1].source, files.path("map.geojson"));
}


// --------------------------------------------- hostile maps and paths ---

// Side 1e-200 squares crashed GEOS (exit 139) when they were regions, and
// when a background feature was that small: the coordinates are refused in
// the map file, at their place.
TEST(ScenarioMapErrors, TinyRegionsAndBackgroundFeaturesAreRefused) {
  MapFiles files;
  const std::string tiny = "[[[0, 0], [1e-200, 0], [1e-200, 1e-200], [0, 1e-200], [0, 0]]]";
  const std::string message = "coordinate 1e-200 is out of range: a coordinate is 0 or between 1e-100 and 1e+15 in size";
  Result<Scenario> r = read_with(files, collection({feature("r1", tiny), feature("r2", square(1, 0)), feature("r3", square(2, 0))}),
                                 scenario(kMapRef));
  expect_errors(files, r,
                {{"map", "/features/0/geometry/coordinates/0/1/0", message},
                 {"map", "/features/0/geometry/coordinates/0/2/0", message},  // one message a position
                 {"map", "/features/0/geometry/coordinates/0/3/1", message}});
  r = read_with(files, collection({feature("r1", square(0, 0)), feature("r2", square(1, 0)), feature("r3", square(2, 0)),
                                   feature("dot", tiny)}),
                scenario(kMapRef));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.errors()[0].pointer, "/features/3/geometry/coordinates/0/1/0");
  EXPECT_EQ(r.errors()[0].message, message);
}

TEST(ScenarioMapErrors, SliverRegionsAreRefused) {
  MapFiles files;
  Result<Scenario> r = read_with(
      files,
      collection({feature("r1", "[[[0, 0], [1, 0], [1, 1e-8], [0, 1e-8], [0, 0]]]"), feature("r2", square(1, 0)),
                  feature("r3", square(2, 0))}),
      scenario(kMapRef));
  expect_errors(files, r, {{"map", "/features/0/geometry/coordinates/0", "the ring is a sliver: its area 1e-08 ..."}});
}

// Regions divide the land: one inside another, or two that overlap, are
// refused, naming both features and where they overlap.
TEST(ScenarioMapErrors, OverlappingAndNestedRegionsAreRefusedNamingBoth) {
  MapFiles files;
  const std::string rule = "; regions may share borders but not land (an enclave is a hole in the polygon of the region "
                           "around it)";
  Result<Scenario> r = read_with(
      files, collection({feature("r1", square(0, 0, 2)), feature("r2", square(1, 1, 2)), feature("r3", square(3, 0))}),
      scenario(kMapRef));
  expect_errors(files, r,
                {{"map", "/features/0/geometry",
                  "region \"r1\" (/features/0) and region \"r2\" (/features/1) overlap: they share an area of 1 around "
                  "(1.500000, 1.500000), 25% of the smaller one" + rule}});
  // r3 inside r1 without a hole: it was "not adjacent" to r1 before.
  r = read_with(files, collection({feature("r1", square(0, 0, 4)), feature("r2", square(4, 0, 4)),
                                   feature("r3", square(1, 1, 2))}),
                scenario(kMapRef));
  expect_errors(files, r,
                {{"map", "/features/0/geometry",
                  "region \"r1\" (/features/0) and region \"r3\" (/features/2) overlap: they share an area of 4 around "
                  "(2.000000, 2.000000), 100% of the smaller one" + rule}});
  // Inline, the pointers are into the scenario.
  Result<Scenario> in = read_scenario_text(
      scenario(R"({"region_key": "id", "geojson_data": )" +
               collection({feature("r1", square(0, 0, 4)), feature("r2", square(4, 0, 4)), feature("r3", square(1, 1, 2))}) +
               "}"),
      "s.json");
  ASSERT_FALSE(in);
  ASSERT_EQ(in.errors().size(), 1u) << errors_text(in);
  EXPECT_EQ(in.errors()[0].pointer, "/map/geojson_data/features/0/geometry");
  EXPECT_EQ(in.errors()[0].message.rfind(
                "region \"r1\" (/map/geojson_data/features/0) and region \"r3\" (/map/geojson_data/features/2) overlap: ", 0),
            0u) << in.errors()[0].message;
}

// An enclave that is a hole in its container borders it; a background
// feature may lie under the regions (a sea, a country around them).
TEST(ScenarioMap, EnclavesInHolesAndBackgroundsUnderRegionsAreAccepted) {
  MapFiles files;
  const std::string with_hole = "[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]]";
  Result<Scenario> r = read_with(files,
                                 collection({feature("r1", with_hole), feature("r2", square(1, 1, 2)),
                                             feature("r3", square(4, 0, 4)), feature("sea", square(-10, -10, 30))}),
                                 scenario(kMapRef));
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {0, 2}}));
}

// The CLI's loader resolves the path against the scenario's folder, and the
// map says which file it read, without "." or ".." steps.
TEST(ScenarioMap, SaysWhichFileItRead) {
  MapFiles files;
  files.write("map.geojson", row_map());
  Result<Scenario> r =
      read_scenario_file(files.write("s.json", scenario(R"({"geojson": "./sub/../map.geojson", "region_key": "id"})")));
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->geojson, "./sub/../map.geojson");
  EXPECT_EQ(r.value().map->geojson_file, files.path("map.geojson"));
  // Inline, no file was read.
  r = read_scenario_text(scenario(R"({"region_key": "id", "geojson_data": )" + row_map() + "}"), "s.json");
  ASSERT_TRUE(r) << errors_text(r);
  EXPECT_EQ(r.value().map->geojson_file, "");
}

// A loader restricted to a folder of uploaded files reads nothing outside it:
// not an absolute path (even to a file inside), not "..", not a symbolic link
// that leads out, not a device or pipe. Each refusal says why, at the path.
TEST(ScenarioMapLoader, FilesWithinRefusesEveryPathOutOfItsFolder) {
  MapFiles files;
  namespace fs = std::filesystem;
  const fs::path upload = fs::path(files.path("upload"));
  fs::create_directories(upload / "sub");
  files.write("upload/map.geojson", row_map());
  files.write("secret.geojson", row_map());  // a valid map: reading it would succeed
  fs::create_symlink("../secret.geojson", upload / "out.geojson");
  fs::create_symlink(fs::path(files.path("secret.geojson")), upload / "sub" / "abs.geojson");
  fs::create_symlink("map.geojson", upload / "in.geojson");
  ASSERT_EQ(::mkfifo((upload / "pipe.geojson").c_str(), 0600), 0);
  const FileLoader loader = files_within(upload.string());
  auto refusal = [&](const std::string& path) {
    Result<Scenario> r = read_scenario_text(scenario(R"({"geojson": ")" + path + R"(", "region_key": "id"})"),
                                            "s.json", {}, loader);
    if (r) return std::string("(read)");
    EXPECT_EQ(r.errors().size(), 1u) << errors_text(r);
    EXPECT_EQ(r.errors()[0].pointer, "/map/geojson");
    return r.errors()[0].message;
  };
  const std::string rest = "; here a map must be a file sent with the scenario, named by a path relative to it without "
                           "\"..\" (or inline as \"geojson_data\")";
  // (A long path is cut short in the message.)
  for (const std::string& path : std::vector<std::string>{upload.string() + "/map.geojson", files.path("secret.geojson")}) {
    EXPECT_NE(refusal(path).find(" is not read: it is an absolute path" + rest), std::string::npos) << path;
  }
  EXPECT_EQ(refusal("../secret.geojson"),
            "the GeoJSON map \"../secret.geojson\" is not read: it climbs out of its folder with \"..\"" + rest);
  EXPECT_EQ(refusal("sub/../map.geojson"),
            "the GeoJSON map \"sub/../map.geojson\" is not read: it climbs out of its folder with \"..\"" + rest);
  EXPECT_EQ(refusal("out.geojson"),
            "the GeoJSON map \"out.geojson\" is not read: it is a link to a file outside its folder" + rest);
  EXPECT_EQ(refusal("sub/abs.geojson"),
            "the GeoJSON map \"sub/abs.geojson\" is not read: it is a link to a file outside its folder" + rest);
  EXPECT_EQ(refusal("pipe.geojson"), "the GeoJSON map \"pipe.geojson\" is not read: it is not a regular file" + rest);
  EXPECT_EQ(refusal("sub"), "the GeoJSON map \"sub\" is not read: it is not a regular file" + rest);
  EXPECT_EQ(refusal("missing.geojson"),
            "the GeoJSON map \"missing.geojson\" is not read: no such file was sent with the scenario" + rest);
  // Inside the folder, directly or through a link that stays inside: read,
  // and named as the scenario names it.
  for (const std::string path : {"map.geojson", "in.geojson", "./map.geojson"}) {
    Result<Scenario> r = read_scenario_text(scenario(R"({"geojson": ")" + path + R"(", "region_key": "id"})"), "s.json",
                                            {}, loader);
    ASSERT_TRUE(r) << path << ": " << errors_text(r);
    EXPECT_EQ(r.value().map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}}));
    EXPECT_EQ(r.value().map->geojson_file, path == "in.geojson" ? "in.geojson" : "map.geojson");
  }
}

// A file that is not a GeoJSON map is never quoted back, whatever it holds:
// its name, the place and what is wrong are enough.
TEST(ScenarioMapErrors, MessagesDoNotQuoteTheMapFile) {
  MapFiles files;
  for (const std::string text : {"SECRET-TOKEN abc", "\"SECRET-TOKEN abc\n\"", "[\"SECRET-TOKEN\", SECRET]",
                                  R"({"type": "SECRET-TOKEN"})", R"({"SECRET-TOKEN": 1, "type": "FeatureCollection"})",
                                  "{\"type\": \"FeatureCollection\", \"features\": [\"SECRET-TOKEN\"]}"}) {
    Result<Scenario> r = read_with(files, text, scenario(kMapRef));
    ASSERT_FALSE(r) << text;
    for (const Diagnostic& d : r.errors()) {
      EXPECT_EQ(d.source, files.path("map.geojson"));
      EXPECT_EQ(d.message.find("SECRET"), std::string::npos) << d.message;
    }
  }
  // The syntax error still says where.
  Result<Scenario> r = read_with(files, "\n  SECRET-TOKEN", scenario(kMapRef));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.errors()[0].message.substr(0, 30), "invalid JSON at line 2, column");
}
}  // namespace
}  // namespace parley
