// `parley render` and `parley solve --svg` through the binary: exit codes, the
// error format of docs/cli.md, and what gets drawn.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("parley_render_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

TEST(RenderCli, DrawsTheMap) {
  TempDir dir;
  test::CommandResult r = test::run_binary("render examples/river-valley.json --outcome "
                                           "examples/river-valley-proposal.json -o " + (dir / "map.svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "Wrote " + (dir / "map.svg") + ": the map of 10 regions coloured by owner\n");
  const std::string svg = test::read_text(dir / "map.svg");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("data-region=\"old_town\" data-owner=\"joint\""), std::string::npos);
  EXPECT_NE(svg.find("Upland League (upland)"), std::string::npos);

  test::CommandResult j = test::run_binary("render examples/ceasefire.json --outcome examples/ceasefire-proposal.json "
                                           "--json -o " + (dir / "graph.svg"));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto v = json::parse(j.out, "stdout");
  ASSERT_TRUE(v) << j.out;
  EXPECT_EQ(v.value().find("drawing")->text(), "adjacency_graph");
  EXPECT_EQ(v.value().find("utilities")->find("a")->text(), "0.7");
  EXPECT_TRUE(fs::exists(dir / "graph.svg"));
}

TEST(RenderCli, BadOutcomeExitsTwoLikeEvaluate) {
  TempDir dir;
  std::ofstream(dir / "bad.json") << R"({"nw_hills": "nobody", "n_pass": "upland"})";
  test::CommandResult r =
      test::run_binary("render examples/river-valley.json --outcome " + (dir / "bad.json") + " -o " + (dir / "m.svg"));
  EXPECT_EQ(r.exit_code, 2);
  test::CommandResult e = test::run_binary("evaluate examples/river-valley.json --outcome " + (dir / "bad.json"));
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_EQ(r.err, e.err);  // the same handling, word for word
  EXPECT_NE(r.err.find(dir / "bad.json" + ": /nw_hills: \"nobody\" cannot hold \"nw_hills\""), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir / "m.svg"));
}

TEST(RenderCli, MissingFilesExitOne) {
  TempDir dir;
  test::CommandResult r = test::run_binary("render examples/no-such.json --outcome examples/river-valley-proposal.json "
                                           "-o " + (dir / "m.svg"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "examples/no-such.json: : cannot open the file: no such file\n");
  r = test::run_binary("render examples/river-valley.json --outcome " + (dir / "none.json") + " -o " + (dir / "m.svg"));
  EXPECT_EQ(r.exit_code, 1);
  r = test::run_binary("render examples/river-valley.json --outcome examples/river-valley-proposal.json -o "
                       "/nonexistent/dir/m.svg");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "/nonexistent/dir/m.svg: : cannot write the SVG file: the folder /nonexistent/dir does not exist\n");
}

TEST(RenderCli, BrokenMapExitsTwoNamingTheMapFile) {
  TempDir dir;
  std::string text = test::read_text(test::source_dir() + "/examples/river-valley.json");
  std::string geo = test::read_text(test::source_dir() + "/examples/river-valley.geojson");
  geo.replace(geo.find("\"Polygon\""), 9, "\"Point\"");
  std::ofstream(dir / "s.json") << text;
  std::ofstream(dir / "river-valley.geojson") << geo;
  test::CommandResult r = test::run_binary("validate " + (dir / "s.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, (dir / "river-valley.geojson") +
                       ": /features/0/geometry/type: geometry \"Point\" is not allowed; a map feature is a Polygon or "
                       "MultiPolygon (with holes if needed)\n");
  test::CommandResult j = test::run_binary("validate --json " + (dir / "s.json"));
  auto v = json::parse(j.out, "stdout");
  ASSERT_TRUE(v) << j.out;
  EXPECT_EQ(v.value().find("errors")->items()[0].find("file")->text(), dir / "river-valley.geojson");
}

TEST(RenderCli, SolveDrawsTheMapWhenThereAreRegions) {
  TempDir dir;
  test::CommandResult r = test::run_binary("solve examples/river-valley.json --quiet --svg " + (dir / "s.svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string svg = test::read_text(dir / "s.svg");
  EXPECT_NE(svg.find("class=\"map\""), std::string::npos);
  EXPECT_NE(svg.find("Nash bargaining solution"), std::string::npos);
  // Without regions, the frontier as before.
  r = test::run_binary("solve examples/divorce.json --quiet --svg " + (dir / "d.svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::read_text(dir / "d.svg").find("class=\"map\""), std::string::npos);
}

}  // namespace
}  // namespace parley
