// Drawing an outcome on the scenario's map, as SVG.
//
//   Scenario s = read_scenario_file("examples/river-valley.json").value();
//   Outcome o = read_outcome_file("proposal.json", s).value();
//   Evaluation e = evaluate_outcome(s, o).value();                         // analysis/evaluate.h
//   std::string svg = render::map_svg(s, o, {.title = "Proposal", .utilities = e.utilities});
//
// With a GeoJSON map, every feature is drawn from its polygons: region issues
// filled with their holder's colour (each party its own; jointly held regions
// hatched, neutral ones cross-hatched), features that are not issues in light
// grey, each region labelled with its name. Without GeoJSON, the adjacency
// graph is drawn instead: one node per region, coloured the same way, an edge
// per link, placed by a deterministic force-directed layout. A legend names
// each party, its colour and (when given) its utility for the outcome.
#pragma once

#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/scenario.h"

namespace parley::render {

struct MapSvgOptions {
  std::string title;
  std::vector<Rational> utilities;  // one per party, shown in the legend; empty: not shown
  std::string subtitle;             // a second line under the title (the method, the outcome's file)
};

// The map of scenario s, which must have region issues, coloured by outcome o.
std::string map_svg(const Scenario& s, const Outcome& o, const MapSvgOptions& options);

// The fill of a holder: a colour ("#4e79a7") for a party, a pattern reference
// ("url(#joint)", "url(#neutral)") otherwise. Party colours are fixed by
// party order, so a party keeps its colour between drawings.
std::string holder_fill(Holder h);
inline constexpr const char* kBackgroundFill = "#e3e3e3";  // features that are not issues

// Positions, in [0, 1] x [0, 1], of the region issues (in issue order) for the
// adjacency-graph drawing: the same scenario always gives the same layout.
std::vector<MapPoint> graph_layout(const Scenario& s);

}  // namespace parley::render
