// The frontier drawn as SVG: the utility plane for two parties, parallel axes
// for more. Every frontier point carries its number (from 1, in the order of
// `points`, which is the order of the printed frontier table); the reservation
// point, the status quo, the solution points and any proposals are marked,
// each labelled beside it and listed in a legend with their utilities.
//
//   FrontierPlot plot;
//   plot.parties = {"Anna", "Ben"};                       // names, for the axes
//   plot.points = {{0.9, 0.2}, {0.6, 0.6}};               // numbered 1, 2
//   plot.reservation = {Rational(3, 10), Rational(1, 10)};
//   plot.marks.push_back({PlotMark::Kind::solution, "Nash", {Rational(3, 5), Rational(3, 5)}, "package 2"});
//   std::string svg = frontier_svg(plot);
//
// For tests and other readers the drawing is annotated: grid lines carry
// class "grid-x"/"grid-y" and data-value, dots class "point" and data-number,
// number labels class "number", marks a group of class "mark" (data-kind,
// data-label) around a shape centred on the mark, axis labels class
// "axis-label" with data-party.
#pragma once

#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/scenario.h"

namespace parley::render {

struct PlotMark {
  enum class Kind { solution, status_quo, proposal };
  Kind kind = Kind::solution;
  std::string label;                // beside the mark and in the legend: "Nash, Kalai-Smorodinsky", "status quo"
  std::vector<Rational> utilities;  // one per party
  std::string note;                 // in the legend after the label: "package 37 in the table", the file name
};

struct FrontierPlot {
  std::string title;
  std::vector<std::string> parties;         // as the axes name them: the parties' names
  std::vector<std::string> party_ids;       // for data-party attributes
  std::vector<std::vector<double>> points;  // frontier, one utility per party; numbered from 1 in this order
  std::vector<Rational> reservation;
  std::vector<PlotMark> marks;              // solution points, status quo, proposals
};

std::string frontier_svg(const FrontierPlot& plot);

// What an axis calls party p: the name, or the id when there is none.
std::string party_name(const Scenario& s, int p);

// A plot of a scenario's frontier points (utilities per point), with its
// reservations and, when the status quo names every issue, the status quo.
FrontierPlot plot_of(const Scenario& s, const std::string& title, const std::vector<std::vector<Rational>>& points);

}  // namespace parley::render
