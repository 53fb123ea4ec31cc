// What `parley solve --svg` and `parley frontier --svg` draw, from the
// engine's responses (mediate/engine.h).
//
//   if (render::answer_on_map(s, response)) svg = render::answer_svg(s, response, nullptr, title);
//   else svg = render::answer_svg(s, response, &frontier_response, title);   // the frontier, answer marked
//   std::string plot = render::frontier_plot_svg(s, frontier_response, title);  // Nash, KS, egalitarian marked
#pragma once

#include <string>

#include "parley/mediate/engine.h"
#include "parley/render/frontier_svg.h"

namespace parley::render {

// True when a solve answer is drawn on the map: the scenario has regions and the answer a package.
bool answer_on_map(const Scenario& s, const SolveResponse& r);

// The map coloured by the answer (answer_on_map), or else the frontier (when
// given) with the answer marked and the reservations and status quo shown.
std::string answer_svg(const Scenario& s, const SolveResponse& r, const FrontierResponse* frontier,
                       const std::string& title);

// The frontier with its Nash, Kalai-Smorodinsky and egalitarian points
// marked, the status quo, and any proposals (PlotMark::Kind::proposal).
std::string frontier_plot_svg(const Scenario& s, const FrontierResponse& f, const std::string& title,
                              const std::vector<PlotMark>& proposals = {});

}  // namespace parley::render
