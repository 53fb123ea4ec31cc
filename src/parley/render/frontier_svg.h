// The frontier drawn as SVG: the utility plane for two parties, parallel axes
// for more, with the reservation point and named solution points marked.
//
//   FrontierPlot plot;
//   plot.parties = {"a", "b"};
//   plot.points = {{0.9, 0.2}, {0.6, 0.6}};
//   plot.reservation = {0.3, 0.1};
//   plot.marks.push_back({"Nash", {0.6, 0.6}});
//   std::string svg = frontier_svg(plot);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/scenario.h"

namespace parley::render {

struct PlotMark {
  std::string label;
  std::vector<double> utilities;
  // Label to the left of the point: for a point that usually lies below the
  // frontier (the status quo), whose line would otherwise cross the label.
  bool label_left = false;
};

struct FrontierPlot {
  std::string title;
  std::vector<std::string> parties;
  std::vector<std::vector<double>> points;  // frontier, one utility per party
  std::vector<double> reservation;
  std::vector<PlotMark> marks;              // solution points, status quo
};

std::string frontier_svg(const FrontierPlot& plot);

// A plot of a scenario's frontier points (utilities per point), with its
// reservations and, when the status quo names every issue, the status quo.
FrontierPlot plot_of(const Scenario& s, const std::string& title, const std::vector<std::vector<Rational>>& points);

}  // namespace parley::render
