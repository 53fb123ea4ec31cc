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

std::vector<double> doubles(const std::vector<Rational>& values) {
  std::vector<double> out;
  for (const Rational& x : values) out.push_back(x.to_double());
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
  if (r.outcome) plot.marks.insert(plot.marks.begin(), {std::string(method_title(r.method)), doubles(r.evaluation.utilities)});
  return frontier_svg(plot);
}

std::string frontier_plot_svg(const Scenario& s, const FrontierResponse& f, const std::string& title) {
  FrontierPlot plot = plot_of(s, title, utilities_of(&f));
  const std::pair<const char*, std::optional<std::size_t>> marks[] = {
      {"Nash", f.nash}, {"Kalai-Smorodinsky", f.ks}, {"egalitarian", f.egalitarian}};
  for (const auto& [label, index] : marks) {
    if (index) plot.marks.push_back({label, plot.points[*index]});
  }
  return frontier_svg(plot);
}

}  // namespace parley::render
