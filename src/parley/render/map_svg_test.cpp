// Map drawings: well-formed SVG (parsed with pugixml), every region filled with
// its holder's colour or pattern, the legend with each party's utility, and the
// adjacency-graph drawing for maps without GeoJSON.
#include "parley/render/map_svg.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "parley/analysis/evaluate.h"
#include "parley/io/scenario_reader.h"
#include "test_support.h"

namespace parley {
namespace {

struct Drawn {
  pugi::xml_document doc;
  std::map<std::string, std::string> fill;   // region id -> fill
  std::map<std::string, std::string> owner;  // region id -> data-owner
  std::map<std::string, std::string> utility;  // party id -> legend text
  std::size_t background = 0;
  std::size_t links = 0;
  std::set<std::string> labels;
};

void parse(const std::string& svg, Drawn& d) {
  pugi::xml_parse_result ok = d.doc.load_string(svg.c_str());
  ASSERT_TRUE(ok) << ok.description() << " at " << ok.offset;
  pugi::xml_node root = d.doc.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
  for (pugi::xpath_node n : root.select_nodes("//*[@class='region']")) {
    std::string id = n.node().attribute("data-region").value();
    EXPECT_FALSE(d.fill.count(id)) << "region drawn twice: " << id;
    d.fill[id] = n.node().attribute("fill").value();
    d.owner[id] = n.node().attribute("data-owner").value();
  }
  for (pugi::xpath_node n : root.select_nodes("//*[@class='utility']")) {
    d.utility[n.node().attribute("data-party").value()] = n.node().child_value();
  }
  d.background = root.select_nodes("//*[@class='background']").size();
  d.links = root.select_nodes("//*[@class='link']").size();
  for (pugi::xpath_node n : root.select_nodes("//*[@class='label']")) d.labels.insert(n.node().child_value());
}

TEST(MapSvg, RiverValleyProposal) {
  Scenario s = test::load_scenario(test::source_dir() + "/examples/river-valley.json");
  Outcome o = read_outcome_file(test::source_dir() + "/examples/river-valley-proposal.json", s).value();
  Evaluation e = evaluate_outcome(s, o).value();
  Drawn d;
  parse(render::map_svg(s, o, {.title = "River valley & <proposal>", .utilities = e.utilities}), d);
  ASSERT_EQ(d.fill.size(), 10u);  // every region once
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::region) continue;
    SCOPED_TRACE(s.issues[i].id);
    EXPECT_EQ(d.fill[s.issues[i].id], render::holder_fill(o[i].holder));
    EXPECT_EQ(d.owner[s.issues[i].id], s.holder_id(o[i].holder));
  }
  EXPECT_EQ(d.fill["nw_hills"], render::holder_fill(0));
  EXPECT_EQ(d.fill["delta"], render::holder_fill(1));
  EXPECT_NE(render::holder_fill(0), render::holder_fill(1));
  EXPECT_EQ(d.fill["old_town"], "url(#joint)");
  EXPECT_EQ(d.fill["mill"], "url(#neutral)");
  EXPECT_TRUE(d.doc.select_node("//*[@id='joint']"));
  EXPECT_TRUE(d.doc.select_node("//*[@id='neutral']"));
  EXPECT_EQ(d.background, 1u);  // Westmark
  EXPECT_TRUE(d.labels.count("Old town"));
  EXPECT_TRUE(d.labels.count("River delta"));
  ASSERT_EQ(d.utility.size(), 2u);
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_EQ(d.utility[s.parties[p].id], fmt::format("utility {:.4f}", e.utilities[p].to_double()));
  }
  std::string all;
  for (pugi::xpath_node n : d.doc.select_nodes("//*[@class='party']")) all += n.node().child("text").child_value();
  EXPECT_NE(all.find("Upland League (upland)"), std::string::npos);
  EXPECT_NE(all.find("Lowland Union (lowland)"), std::string::npos);
  EXPECT_STREQ(d.doc.select_node("//*[@class='title']").node().child_value(), "River valley & <proposal>");
}

TEST(MapSvg, WorldMapBackgroundAndSpeed) {
  // The shared world map with four countries at stake: every other feature is
  // drawn as background.
  const std::string dir = testing::TempDir() + "parley_world";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/s.json") << R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "France", "kind": "region"}, {"id": "Spain", "kind": "region"},
               {"id": "Portugal", "kind": "region"}, {"id": "Germany", "kind": "region"}],
    "map": {"geojson": ")" + test::shared_dir() + R"(/data/maps/ne_110m_admin_0_countries.json", "region_key": "ADMIN"},
    "preferences": {"a": {"weights": {"France": 1}}, "b": {"weights": {"Spain": 1}}}})";
  Scenario s = test::load_scenario(dir + "/s.json");
  EXPECT_EQ(s.map->adjacency, (std::vector<std::pair<int, int>>{{0, 1}, {0, 3}, {1, 2}}));
  Outcome o(4);
  o[1].holder = o[2].holder = 1;
  Drawn d;
  parse(render::map_svg(s, o, {.title = "Iberia and neighbours"}), d);
  EXPECT_EQ(d.fill.size(), 4u);
  EXPECT_EQ(d.background, 173u);
  EXPECT_TRUE(d.utility.empty());
  std::filesystem::remove_all(dir);
}

TEST(MapSvg, AdjacencyGraphWithoutGeojson) {
  Scenario s = test::load_scenario(test::source_dir() + "/examples/ceasefire.json");
  Outcome o = read_outcome_file(test::source_dir() + "/examples/ceasefire-proposal.json", s).value();
  Evaluation e = evaluate_outcome(s, o).value();
  const std::string svg = render::map_svg(s, o, {.title = "Ceasefire", .utilities = e.utilities});
  EXPECT_EQ(svg, render::map_svg(s, o, {.title = "Ceasefire", .utilities = e.utilities}));  // deterministic
  Drawn d;
  parse(svg, d);
  std::size_t regions = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::region) continue;
    ++regions;
    EXPECT_EQ(d.fill[s.issues[i].id], render::holder_fill(o[i].holder)) << s.issues[i].id;
  }
  EXPECT_EQ(d.fill.size(), regions);
  EXPECT_EQ(d.links, s.map->adjacency.size());
  EXPECT_EQ(d.background, 0u);
  EXPECT_EQ(d.utility.size(), 2u);
  // The layout keeps nodes apart: no two closer than a tenth of the square.
  std::vector<MapPoint> at = render::graph_layout(s);
  ASSERT_EQ(at.size(), regions);
  for (std::size_t i = 0; i < at.size(); ++i) {
    EXPECT_GE(at[i].x, 0.0);
    EXPECT_LE(at[i].x, 1.0);
    EXPECT_GE(at[i].y, 0.0);
    EXPECT_LE(at[i].y, 1.0);
    for (std::size_t j = i + 1; j < at.size(); ++j) {
      EXPECT_GT(std::hypot(at[i].x - at[j].x, at[i].y - at[j].y), 0.1) << i << " " << j;
    }
  }
}

TEST(MapSvg, SidePanelAndRegionsThatChangeHands) {
  Scenario s = test::load_scenario(test::source_dir() + "/examples/ceasefire.json");
  Outcome o = read_outcome_file(test::source_dir() + "/examples/ceasefire-proposal.json", s).value();
  const auto at = [&](const char* id) { return static_cast<std::size_t>(*s.issue_index(id)); };
  // Region 2 to Party B, region 3 (with its plant) to Party A, the nuclear plant neutral.
  o[at("r2")].holder = 1;
  o[at("r3")].holder = 0;
  o[at("plant_thermal")].holder = 0;
  o[at("plant_nuclear")].holder = kNeutral;
  pugi::xml_document doc;
  const std::string svg = render::map_svg(s, o, {.title = "Ceasefire"});
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg;
  // Exactly the regions whose holder differs from the status quo's, by hand: r2 (was a) and r3 (was b).
  std::set<std::string> expected;
  for (const char* id : {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"}) {
    if (s.status_quo[at(id)]->holder != o[at(id)].holder) expected.insert(id);
  }
  EXPECT_EQ(expected, (std::set<std::string>{"r2", "r3"}));
  std::set<std::string> marked, listed;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='changes-hands']")) marked.insert(n.node().attribute("data-region").value());
  std::string handovers;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='handover']")) {
    listed.insert(n.node().attribute("data-region").value());
    for (pugi::xml_node line : n.node().children("text")) handovers += std::string(line.child_value()) + " ";
  }
  EXPECT_EQ(marked, expected);
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(handovers, "Region 2 (centre): from Party A to Party B Region 3 (south): from Party B to Party A ");
  EXPECT_NE(svg.find("changes hands (from the status quo)"), std::string::npos);
  // The side panel: every issue that is not a region, in words.
  std::map<std::string, std::string> terms;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='term']")) {
    terms[n.node().attribute("data-issue").value()] = n.node().attribute("data-value").value();
  }
  EXPECT_EQ(terms, (std::map<std::string, std::string>{{"ceasefire_days", "30 days"},
                                                       {"monitoring", "un mission"},
                                                       {"rearmament", "none"},
                                                       {"prisoner_exchange", "all for all"},
                                                       {"energy_strikes", "halt"},
                                                       {"plant_nuclear", "neutral: held by neither party"},
                                                       {"plant_thermal", "Party A"},
                                                       {"transit_revenue", "all to Party B"}}));
  EXPECT_NE(svg.find("status quo: 0 days"), std::string::npos);  // what the ceasefire length replaces
  EXPECT_NE(svg.find("all for all (agreed)"), std::string::npos);

  // The proposal as written changes no region: nothing marked.
  Outcome proposal = read_outcome_file(test::source_dir() + "/examples/ceasefire-proposal.json", s).value();
  const std::string plain = render::map_svg(s, proposal, {.title = "Ceasefire"});
  EXPECT_EQ(plain.find("changes-hands"), std::string::npos);
  EXPECT_EQ(plain.find("changes hands"), std::string::npos);
}

TEST(MapSvg, ManyPartiesGetDistinctColours) {
  std::set<std::string> colours;
  for (int p = 0; p < 40; ++p) colours.insert(render::holder_fill(p));
  EXPECT_EQ(colours.size(), 40u);
}

}  // namespace
}  // namespace parley
