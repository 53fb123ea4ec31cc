#include "parley/render/frontier_svg.h"

#include <gtest/gtest.h>

#include "parley/io/scenario_reader.h"
#include "parley/render/answer_svg.h"

namespace parley {
namespace {

// Two parties, a share and a choice; the status quo names the share and the
// agreed terms the choice, so the status quo is a complete outcome:
// a gets 0.8 of the revenue and "none" (worth 1 to a): (1*0.8 + 1*1)/2 = 0.9;
// b gets 0.2 and "none" (worth 0 to b): (0.2 + 0)/2 = 0.1.
const char* kScenario = R"({
  "parley": 1,
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "revenue", "kind": "share", "step": 0.2},
             {"id": "monitoring", "kind": "choice", "options": ["none", "un"]}],
  "status_quo": {"revenue": {"a": 0.8, "b": 0.2}, "monitoring": "none"},
  "preferences": {
    "a": {"weights": {"revenue": 1, "monitoring": 1}, "values": {"monitoring": {"none": 1, "un": 0}}},
    "b": {"weights": {"revenue": 1, "monitoring": 1}, "values": {"monitoring": {"none": 0, "un": 1}},
          "reservation": "status_quo"}
  }
})";

TEST(FrontierSvg, MarksTheStatusQuo) {
  Result<Scenario> read = read_scenario_text(kScenario, "t.json");
  ASSERT_TRUE(read) << read.errors()[0].message;
  const Scenario& s = read.value();
  const render::FrontierPlot plot = render::plot_of(s, "t", {});
  ASSERT_EQ(plot.marks.size(), 1u);
  EXPECT_EQ(plot.marks[0].label, "status quo");
  EXPECT_DOUBLE_EQ(plot.marks[0].utilities[0], 0.9);
  EXPECT_DOUBLE_EQ(plot.marks[0].utilities[1], 0.1);
  EXPECT_DOUBLE_EQ(plot.reservation[1], 0.1);  // b's reservation is the status quo

  Result<FrontierResponse> f = frontier(s, {});
  ASSERT_TRUE(f) << f.errors()[0].message;
  const std::string svg = render::frontier_plot_svg(s, f.value(), "t");
  // The mark sits at (0.9, 0.1) on the 640 x 520 plane: x = 70 + 0.9 * 540, y = 450 - 0.1 * 400.
  EXPECT_NE(svg.find("<circle cx='556.0' cy='410.0' r='6'"), std::string::npos) << svg;
  // Its label to the left, away from the frontier.
  EXPECT_NE(svg.find("<text x='546.0' y='414.0' font-size='12' fill='#d62728' text-anchor='end'>status quo</text>"),
            std::string::npos)
      << svg;
}

}  // namespace
}  // namespace parley
