// The frontier plot: well-formed SVG (parsed with pugixml), axes named after
// the parties, every point numbered and drawn where its utilities put it (the
// scale read back from the grid lines), the status quo and proposals marked;
// label placement that never overlaps.
#include "parley/render/frontier_svg.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cmath>
#include <set>
#include <string>

#include "parley/io/scenario_reader.h"
#include "parley/render/answer_svg.h"
#include "parley/render/label_layout.h"

namespace parley {
namespace {

// Two parties, a share and a choice; the status quo names the share and the
// agreed terms the choice, so the status quo is a complete outcome:
// a gets 0.8 of the revenue and "none" (worth 1 to a): (1*0.8 + 1*1)/2 = 0.9;
// b gets 0.2 and "none" (worth 0 to b): (0.2 + 0)/2 = 0.1.
const char* kScenario = R"({
  "parley": 1,
  "parties": [{"id": "a", "name": "Anna"}, {"id": "b"}],
  "issues": [{"id": "revenue", "kind": "share", "step": 0.2},
             {"id": "monitoring", "kind": "choice", "options": ["none", "un"]}],
  "status_quo": {"revenue": {"a": 0.8, "b": 0.2}, "monitoring": "none"},
  "preferences": {
    "a": {"weights": {"revenue": 1, "monitoring": 1}, "values": {"monitoring": {"none": 1, "un": 0}}},
    "b": {"weights": {"revenue": 1, "monitoring": 1}, "values": {"monitoring": {"none": 0, "un": 1}},
          "reservation": "status_quo"}
  }
})";

// Page coordinates from utilities, read back from the drawn grid lines.
struct Axis {
  double value0 = 0, at0 = 0, value1 = 1, at1 = 1;
  double operator()(double u) const { return at0 + (u - value0) / (value1 - value0) * (at1 - at0); }
};

Axis axis(const pugi::xml_document& doc, const char* cls, const char* coordinate) {
  pugi::xpath_node_set lines = doc.select_nodes((std::string("//*[@class='") + cls + "']").c_str());
  EXPECT_GE(lines.size(), 2u);
  Axis a;
  a.value0 = lines.first().node().attribute("data-value").as_double();
  a.at0 = lines.first().node().attribute(coordinate).as_double();
  const pugi::xml_node last = lines[lines.size() - 1].node();
  a.value1 = last.attribute("data-value").as_double();
  a.at1 = last.attribute(coordinate).as_double();
  return a;
}

// The centre of a mark's shape: a ring (circle), a square (rect), a diamond (path "Mx y-7...").
std::pair<double, double> centre(const pugi::xml_node& mark) {
  const pugi::xml_node shape = mark.first_child();
  const std::string name = shape.name();
  if (name == "circle") return {shape.attribute("cx").as_double(), shape.attribute("cy").as_double()};
  if (name == "rect") return {shape.attribute("x").as_double() + 5.5, shape.attribute("y").as_double() + 5.5};
  double x = 0, y = 0;
  EXPECT_EQ(std::sscanf(shape.attribute("d").value(), "M%lf %lf", &x, &y), 2) << shape.attribute("d").value();
  return {x, y + 7};
}

TEST(FrontierSvg, MarksTheStatusQuoAndNumbersEveryPoint) {
  Result<Scenario> read = read_scenario_text(kScenario, "t.json");
  ASSERT_TRUE(read) << read.errors()[0].message;
  const Scenario& s = read.value();
  const render::FrontierPlot plot = render::plot_of(s, "t", {});
  ASSERT_EQ(plot.marks.size(), 1u);
  EXPECT_EQ(plot.marks[0].kind, render::PlotMark::Kind::status_quo);
  EXPECT_EQ(plot.marks[0].utilities, (std::vector<Rational>{Rational(9, 10), Rational(1, 10)}));
  EXPECT_EQ(plot.reservation[1], Rational(1, 10));  // b's reservation is the status quo
  EXPECT_EQ(plot.parties, (std::vector<std::string>{"Anna", "b"}));  // the name, else the id

  Result<FrontierResponse> f = frontier(s, {});
  ASSERT_TRUE(f) << f.errors()[0].message;
  const render::PlotMark proposal{render::PlotMark::Kind::proposal, "offer & <counter>", {Rational(1, 2), Rational(1, 2)}, ""};
  const std::string svg = render::frontier_plot_svg(s, f.value(), "t", {proposal});
  EXPECT_EQ(svg, render::frontier_plot_svg(s, f.value(), "t", {proposal}));  // deterministic
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg;

  std::set<std::string> axis_labels;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='axis-label']")) axis_labels.insert(n.node().child_value());
  EXPECT_EQ(axis_labels, (std::set<std::string>{"utility for Anna", "utility for b"}));

  const Axis x = axis(doc, "grid-x", "x1"), y = axis(doc, "grid-y", "y1");
  // Every frontier point drawn once, numbered in order, where its utilities put it.
  pugi::xpath_node_set points = doc.select_nodes("//*[@class='point']");
  ASSERT_EQ(points.size(), f.value().points.size());
  ASSERT_GE(points.size(), 3u);
  for (std::size_t k = 0; k < points.size(); ++k) {
    const pugi::xml_node dot = points[k].node();
    EXPECT_EQ(dot.attribute("data-number").as_int(), static_cast<int>(k + 1));
    EXPECT_NEAR(dot.attribute("cx").as_double(), x(f.value().points[k].utilities[0].to_double()), 0.11);
    EXPECT_NEAR(dot.attribute("cy").as_double(), y(f.value().points[k].utilities[1].to_double()), 0.11);
  }
  // Few points: every one carries its visible number.
  std::set<int> numbers;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='number']")) {
    EXPECT_EQ(std::string(n.node().child_value()), n.node().attribute("data-number").value());
    numbers.insert(n.node().attribute("data-number").as_int());
  }
  EXPECT_EQ(numbers.size(), points.size());
  EXPECT_FALSE(doc.select_node("//*[@class='crowded']"));

  // The status quo at (0.9, 0.1), the proposal at (0.5, 0.5).
  pugi::xml_node sq = doc.select_node("//*[@class='mark'][@data-kind='status-quo']").node();
  ASSERT_TRUE(sq);
  EXPECT_STREQ(sq.attribute("data-label").value(), "status quo");
  EXPECT_NEAR(centre(sq).first, x(0.9), 0.11);
  EXPECT_NEAR(centre(sq).second, y(0.1), 0.11);
  pugi::xml_node offer = doc.select_node("//*[@class='mark'][@data-kind='proposal']").node();
  ASSERT_TRUE(offer);
  EXPECT_STREQ(offer.attribute("data-label").value(), "offer & <counter>");
  EXPECT_NEAR(centre(offer).first, x(0.5), 0.11);
  EXPECT_NEAR(centre(offer).second, y(0.5), 0.11);
  // And in the legend, with the utilities as the tables print them.
  std::string legend;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='legend-mark']/text")) legend += std::string(n.node().child_value()) + " ";
  EXPECT_NE(legend.find("offer & <counter>: Anna 0.5000, b 0.5000"), std::string::npos) << legend;
  EXPECT_NE(legend.find("status quo: Anna 0.9000, b 0.1000"), std::string::npos) << legend;
}

TEST(FrontierSvg, ParallelAxesForThreeParties) {
  render::FrontierPlot plot;
  plot.parties = {"Ana", "Ben", "Chloe"};
  plot.party_ids = {"ana", "ben", "chloe"};
  plot.points = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0.5, 0.5}};
  plot.reservation = {Rational(0), Rational(0), Rational(0)};
  plot.marks.push_back({render::PlotMark::Kind::solution, "Nash", {Rational(1, 2), Rational(1, 2), Rational(1, 2)}, ""});
  pugi::xml_document doc;
  const std::string svg = render::frontier_svg(plot);
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg;
  std::set<std::string> axis_labels;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='axis-label']")) axis_labels.insert(n.node().child_value());
  EXPECT_EQ(axis_labels, (std::set<std::string>{"Ana", "Ben", "Chloe"}));
  std::set<int> numbers;
  for (pugi::xpath_node n : doc.select_nodes("//*[@class='number']")) numbers.insert(n.node().attribute("data-number").as_int());
  EXPECT_EQ(numbers, (std::set<int>{1, 2, 3, 4}));
  EXPECT_EQ(doc.select_nodes("//polyline[@class='point']").size(), 4u);
  EXPECT_TRUE(doc.select_node("//*[@class='mark'][@data-kind='solution'][@data-label='Nash']"));
}

TEST(LabelLayout, PlacedLabelsNeverOverlap) {
  // Many labels around a few crowded anchors: whatever is placed is inside
  // the bounds, clear of the blocked line, and clear of every other label.
  render::LabelLayout layout({0, 0, 200, 100});
  layout.block_segment(0, 50, 200, 50);
  std::vector<render::Box> placed;
  for (int k = 0; k < 60; ++k) {
    const double x = 20 + (k * 37) % 160, y = 30 + (k * 11) % 40;
    if (auto at = layout.place_around(x, y, std::to_string(k), 10, {4, 7})) placed.push_back(at->box);
  }
  ASSERT_GE(placed.size(), 10u);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    EXPECT_GE(placed[i].x0, 0);
    EXPECT_LE(placed[i].x1, 200);
    EXPECT_FALSE(placed[i].y0 < 50 && placed[i].y1 > 50) << i;
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      const bool overlap = placed[i].x0 < placed[j].x1 && placed[j].x0 < placed[i].x1 && placed[i].y0 < placed[j].y1 &&
                           placed[j].y0 < placed[i].y1;
      EXPECT_FALSE(overlap) << i << " " << j;
    }
  }
  EXPECT_FALSE(layout.free(placed[0]));  // taken
}

}  // namespace
}  // namespace parley
