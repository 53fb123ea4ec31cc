// `parley render` and `parley solve --svg` through the binary: exit codes, the
// error format of docs/cli.md, and what gets drawn.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

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

// frontier --svg --mark: the plot's numbers are the table's, each mark sits
// where its utilities (from `evaluate`) put it, the status quo is marked and
// the axes carry the parties' names.
TEST(RenderCli, FrontierPlotNumbersAndMarks) {
  TempDir dir;
  // The status quo's terms, agreed ones as agreed, under a label of its own.
  const std::string today = R"("ceasefire_days": 0, "monitoring": "none", "rearmament": "unrestricted",
    "r1": "a", "r2": "a", "r3": "b", "r4": "b", "r5": "a", "r6": "a", "r7": "b", "r8": "b",
    "plant_nuclear": "a", "plant_thermal": "b", "transit_revenue": {"a": 0.5, "b": 0.5}})";
  std::ofstream(dir / "today.json") << R"({"label": "today, with the agreed terms", )" << today;
  std::ofstream(dir / "today-unlabelled.json") << "{" << today;  // for `evaluate`, which takes no label
  test::CommandResult r = test::run_binary("frontier examples/ceasefire.json --mark examples/ceasefire-proposal.json "
                                           "--mark " + (dir / "today.json") + " --svg " + (dir / "f.svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The table: "  45  0.7000  0.6640 ...".
  std::map<int, std::pair<std::string, std::string>> table;
  std::istringstream lines(r.out);
  const std::regex row(R"(^  (\d+) +(\d\.\d{4}) +(\d\.\d{4}).*)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, row)) table[std::stoi(m[1])] = {m[2], m[3]};
  }
  ASSERT_EQ(table.size(), 76u) << r.out;
  EXPECT_NE(r.out.find("marked ceasefire-proposal: a 0.7000, b 0.6640; the same utilities as package 45 of the "
                       "frontier\n"), std::string::npos) << r.out;
  EXPECT_EQ(table[45], (std::pair<std::string, std::string>{"0.7000", "0.6640"}));
  EXPECT_NE(r.out.find("marked today, with the agreed terms: a 0.6700, b 0.5100; not on the frontier\n"),
            std::string::npos) << r.out;

  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((dir / "f.svg").c_str()));
  std::set<std::string> axes;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='axis-label']")) axes.insert(n.node().child_value());
  EXPECT_EQ(axes, (std::set<std::string>{"utility for Party A", "utility for Party B"}));
  // Every dot carries the number of its table row, at that row's utilities.
  const auto grid = [&](const char* cls, const char* attribute) {
    pugi::xpath_node_set g = doc.select_nodes((std::string("//*[@class='") + cls + "']").c_str());
    const double v0 = g.first().node().attribute("data-value").as_double(), p0 = g.first().node().attribute(attribute).as_double();
    const double v1 = g[g.size() - 1].node().attribute("data-value").as_double();
    const double p1 = g[g.size() - 1].node().attribute(attribute).as_double();
    return [=](double u) { return p0 + (u - v0) / (v1 - v0) * (p1 - p0); };
  };
  const auto x = grid("grid-x", "x1");
  const auto y = grid("grid-y", "y1");
  std::map<int, std::pair<double, double>> dots;
  for (pugi::xpath_node n : doc.select_nodes("//circle[@class='point']")) {
    dots[n.node().attribute("data-number").as_int()] = {n.node().attribute("cx").as_double(), n.node().attribute("cy").as_double()};
  }
  ASSERT_EQ(dots.size(), table.size());
  for (const auto& [number, utilities] : table) {
    SCOPED_TRACE(number);
    ASSERT_TRUE(dots.count(number));
    EXPECT_NEAR(dots[number].first, x(std::stod(utilities.first)), 0.11);
    EXPECT_NEAR(dots[number].second, y(std::stod(utilities.second)), 0.11);
  }
  std::size_t shown = 0;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='number']")) {
    EXPECT_TRUE(table.count(std::stoi(n.node().child_value()))) << n.node().child_value();
    EXPECT_EQ(std::string(n.node().child_value()), n.node().attribute("data-number").value());
    ++shown;
  }
  EXPECT_GE(shown, 30u);  // crowded: not all 76, but most
  // A mark per --mark file where `evaluate` puts it; the status quo marked too.
  const auto centre = [&](const std::string& label) {
    pugi::xml_node mark = doc.select_node(("//*[@class='mark'][@data-label=\"" + label + "\"]").c_str()).node();
    EXPECT_TRUE(mark) << label;
    const pugi::xml_node square = mark.child("rect");
    return std::pair<double, double>{square.attribute("x").as_double() + 5.5, square.attribute("y").as_double() + 5.5};
  };
  for (const auto& [label, file] : {std::pair<std::string, std::string>{"ceasefire-proposal", "examples/ceasefire-proposal.json"},
                                    {"today, with the agreed terms", dir / "today-unlabelled.json"}}) {
    SCOPED_TRACE(label);
    test::CommandResult e = test::run_binary("evaluate examples/ceasefire.json --json --outcome " + file);
    ASSERT_EQ(e.exit_code, 0) << e.err;
    const json::Value v = test::parsed(e.out);
    const auto [cx, cy] = centre(label);
    EXPECT_NEAR(cx, x(std::stod(v.find("utilities")->find("a")->text())), 0.11);
    EXPECT_NEAR(cy, y(std::stod(v.find("utilities")->find("b")->text())), 0.11);
  }
  EXPECT_EQ(doc.select_nodes("//*[@class='mark'][@data-kind='proposal']").size(), 2u);
  EXPECT_TRUE(doc.select_node("//*[@class='mark'][@data-kind='status-quo'][@data-label='status quo']"));

  // --json lists the marks too.
  test::CommandResult j = test::run_binary("frontier examples/ceasefire.json --json --mark examples/ceasefire-proposal.json");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const json::Value marks = *test::parsed(j.out).find("marks");
  EXPECT_EQ(test::compact(&marks),
            R"([{"label":"ceasefire-proposal","file":"examples/ceasefire-proposal.json","utilities":{"a":0.7,"b":0.664},"frontier_index":44}])");
}

TEST(RenderCli, BadMarkFiles) {
  TempDir dir;
  std::ofstream(dir / "bad.json") << R"({"r1": "nobody"})";
  std::string proposal = test::read_text(test::source_dir() + "/examples/ceasefire-proposal.json");
  proposal.replace(proposal.find("\"r4\": \"b\","), 10, "");
  std::ofstream(dir / "short.json") << proposal;
  test::CommandResult r = test::run_binary("frontier examples/ceasefire.json --mark " + (dir / "bad.json") + " --svg " + (dir / "f.svg"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(dir / "bad.json" + ": /r1: \"nobody\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "f.svg"));
  r = test::run_binary("frontier examples/ceasefire.json --mark " + (dir / "short.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(dir / "short.json" + ": /r4: missing: the outcome gives no value for issue \"r4\""), std::string::npos)
      << r.err;
  r = test::run_binary("frontier examples/ceasefire.json --json --mark " + (dir / "short.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(test::parsed(r.out).find("status")->text(), "invalid");
  // A file that is not there cannot be read: exit 1, as for every input file (docs/cli.md).
  r = test::run_binary("frontier examples/ceasefire.json --mark " + (dir / "none.json"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, dir / "none.json" + ": : cannot open the file: no such file\n");
}

}  // namespace
}  // namespace parley
