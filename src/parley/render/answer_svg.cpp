#include "parley/render/answer_svg.h"

#include <algorithm>

#include "parley/render/frontier_svg.h"
#include "parley/render/map_svg.h"

namespace parley::render {

namespace {

std::vector<std::vector<Rational>> utilities_of(const FrontierResponse* f) {
  std::vector<std::vector<Rational>> out;
  if (f) {
    for (const FrontierPoint& point : f->points) out.push_back(point.utilities);
  }
  return out;
}

}  // namespace

bool answer_on_map(const Scenario& s, const SolveResponse& r) {
  return r.outcome && std::any_of(s.issues.begin(), s.issues.end(),
                                  [](const Issue& is) { return is.kind == IssueKind::region; });
}

std::string answer_svg(const Scenario& s, const SolveResponse& r, const FrontierResponse* frontier,
                       const std::string& title) {
  const std::string method(method_name(r.method));
  if (answer_on_map(s, r)) {
    MapSvgOptions style;
    style.title = title;
    style.subtitle = "parley solve --method " + method;
    style.utilities = r.evaluation.utilities;
    return map_svg(s, *r.outcome, style);
  }
  FrontierPlot plot = plot_of(s, title, utilities_of(frontier));
  if (r.outcome) {
    plot.marks.insert(plot.marks.begin(),
                      {PlotMark::Kind::solution, std::string(method_title(r.method)), r.evaluation.utilities, ""});
  }
  return frontier_svg(plot);
}

std::string frontier_plot_svg(const Scenario& s, const FrontierResponse& f, const std::string& title,
                              const std::vector<PlotMark>& proposals) {
  FrontierPlot plot = plot_of(s, title, utilities_of(&f));
  const std::pair<const char*, std::optional<std::size_t>> marks[] = {
      {"Nash", f.nash}, {"Kalai-Smorodinsky", f.ks}, {"egalitarian", f.egalitarian}};
  // Methods that choose the same package share one mark and one label.
  std::vector<PlotMark> solutions;
  std::vector<std::size_t> at;
  for (const auto& [label, index] : marks) {
    if (!index) continue;
    const auto same = std::find(at.begin(), at.end(), *index);
    if (same != at.end()) {
      solutions[static_cast<std::size_t>(same - at.begin())].label += std::string(", ") + label;
      continue;
    }
    at.push_back(*index);
    solutions.push_back({PlotMark::Kind::solution, label, f.points[*index].utilities,
                         "package " + std::to_string(*index + 1) + " in the table"});
  }
  plot.marks.insert(plot.marks.begin(), solutions.begin(), solutions.end());
  plot.marks.insert(plot.marks.end(), proposals.begin(), proposals.end());
  return frontier_svg(plot);
}

}  // namespace parley::render
