#include "parley/render/frontier_svg.h"

#include <fmt/format.h>

#include "parley/analysis/utility.h"
#include "parley/core/text.h"

namespace parley::render {

namespace {

constexpr double kWidth = 640, kHeight = 520, kLeft = 70, kRight = 30, kTop = 50, kBottom = 70;
const char* const kMarkColours[] = {"#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"};

std::string escape(const std::string& text) { return xml_escape(text); }

// Utilities lie in [0, 1]: both axes run over that range.
double sx(double u) { return kLeft + u * (kWidth - kLeft - kRight); }
double sy(double u) { return kHeight - kBottom - u * (kHeight - kTop - kBottom); }

std::string plane(const FrontierPlot& plot) {
  std::string svg;
  for (int k = 0; k <= 10; ++k) {
    double t = k / 10.0;
    svg += fmt::format("<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' stroke='#eee'/>\n", sx(t), sy(0), sx(t), sy(1));
    svg += fmt::format("<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' stroke='#eee'/>\n", sx(0), sy(t), sx(1), sy(t));
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='10' text-anchor='middle'>{:.1f}</text>\n", sx(t), sy(0) + 14, t);
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='10' text-anchor='end'>{:.1f}</text>\n", sx(0) - 4, sy(t) + 3, t);
  }
  svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='13' text-anchor='middle'>utility of {}</text>\n",
                     (sx(0) + sx(1)) / 2, kHeight - 25, escape(plot.parties[0]));
  svg += fmt::format("<text x='18' y='{:.1f}' font-size='13' text-anchor='middle' transform='rotate(-90 18 {:.1f})'>"
                     "utility of {}</text>\n",
                     (sy(0) + sy(1)) / 2, (sy(0) + sy(1)) / 2, escape(plot.parties[1]));
  if (plot.reservation.size() == 2) {
    double x = sx(plot.reservation[0]), y = sy(plot.reservation[1]);
    svg += fmt::format("<line x1='{0:.1f}' y1='{1:.1f}' x2='{0:.1f}' y2='{2:.1f}' stroke='#999' stroke-dasharray='4 3'/>\n",
                       x, y, sy(1));
    svg += fmt::format("<line x1='{0:.1f}' y1='{1:.1f}' x2='{2:.1f}' y2='{1:.1f}' stroke='#999' stroke-dasharray='4 3'/>\n",
                       x, y, sx(1));
    svg += fmt::format("<rect x='{:.1f}' y='{:.1f}' width='7' height='7' fill='#555'/>\n", x - 3.5, y - 3.5);
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='11'>no deal (reservations)</text>\n", x + 6, y + 14);
  }
  std::string line;
  for (const auto& p : plot.points) line += fmt::format("{:.1f},{:.1f} ", sx(p[0]), sy(p[1]));
  if (plot.points.size() > 1) svg += "<polyline fill='none' stroke='#1f77b4' stroke-width='1' points='" + line + "'/>\n";
  for (const auto& p : plot.points) {
    svg += fmt::format("<circle cx='{:.1f}' cy='{:.1f}' r='2.5' fill='#1f77b4'/>\n", sx(p[0]), sy(p[1]));
  }
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const PlotMark& m = plot.marks[k];
    const char* colour = kMarkColours[k % std::size(kMarkColours)];
    double x = sx(m.utilities[0]), y = sy(m.utilities[1]);
    svg += fmt::format("<circle cx='{:.1f}' cy='{:.1f}' r='6' fill='none' stroke='{}' stroke-width='2'/>\n", x, y, colour);
    if (m.label_left) {
      svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='12' fill='{}' text-anchor='end'>{}</text>\n", x - 10,
                         y + 4, colour, escape(m.label));
    } else {
      svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='12' fill='{}'>{}</text>\n", x + 8,
                         y - 8 - 13.0 * static_cast<double>(k % 3), colour, escape(m.label));
    }
  }
  return svg;
}

std::string parallel_axes(const FrontierPlot& plot) {
  const std::size_t n = plot.parties.size();
  auto ax = [&](std::size_t p) { return kLeft + static_cast<double>(p) * (kWidth - kLeft - kRight) / static_cast<double>(n - 1); };
  std::string svg;
  for (std::size_t p = 0; p < n; ++p) {
    svg += fmt::format("<line x1='{0:.1f}' y1='{1:.1f}' x2='{0:.1f}' y2='{2:.1f}' stroke='#333'/>\n", ax(p), sy(0), sy(1));
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='13' text-anchor='middle'>{}</text>\n", ax(p), sy(0) + 20,
                       escape(plot.parties[p]));
    for (int k = 0; k <= 10; k += 2) {
      svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='9' text-anchor='end'>{:.1f}</text>\n", ax(p) - 3,
                         sy(k / 10.0) + 3, k / 10.0);
    }
  }
  auto polyline = [&](const std::vector<double>& u, const std::string& style) {
    std::string pts;
    for (std::size_t p = 0; p < n; ++p) pts += fmt::format("{:.1f},{:.1f} ", ax(p), sy(u[p]));
    return "<polyline fill='none' " + style + " points='" + pts + "'/>\n";
  };
  double opacity = plot.points.size() > 200 ? 0.08 : 0.3;
  for (const auto& u : plot.points) svg += polyline(u, fmt::format("stroke='#1f77b4' stroke-opacity='{:.2f}'", opacity));
  if (plot.reservation.size() == n) svg += polyline(plot.reservation, "stroke='#555' stroke-dasharray='4 3' stroke-width='2'");
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const char* colour = kMarkColours[k % std::size(kMarkColours)];
    svg += polyline(plot.marks[k].utilities, fmt::format("stroke='{}' stroke-width='2.5'", colour));
  }
  // Legend.
  double y = kTop - 30;
  svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='11' fill='#555'>dashed: reservations</text>\n", kLeft, y);
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='11' fill='{}'>{}</text>\n",
                       kLeft + 130 + 110.0 * static_cast<double>(k), y, kMarkColours[k % std::size(kMarkColours)],
                       escape(plot.marks[k].label));
  }
  return svg;
}

}  // namespace

std::string frontier_svg(const FrontierPlot& plot) {
  std::string svg = fmt::format(
      "<svg xmlns='http://www.w3.org/2000/svg' width='{0}' height='{1}' viewBox='0 0 {0} {1}' "
      "font-family='sans-serif'>\n<rect width='100%' height='100%' fill='white'/>\n",
      kWidth, kHeight);
  svg += fmt::format("<text x='{:.1f}' y='22' font-size='15' text-anchor='middle'>{}</text>\n", kWidth / 2,
                     escape(plot.title.empty() ? "Pareto frontier" : plot.title));
  svg += plot.parties.size() == 2 ? plane(plot) : parallel_axes(plot);
  svg += "</svg>\n";
  return svg;
}

FrontierPlot plot_of(const Scenario& s, const std::string& title, const std::vector<std::vector<Rational>>& points) {
  FrontierPlot plot;
  plot.title = title;
  for (const Party& p : s.parties) plot.parties.push_back(p.id);
  auto doubles = [](const std::vector<Rational>& v) {
    std::vector<double> d;
    for (const Rational& x : v) d.push_back(x.to_double());
    return d;
  };
  for (const auto& u : points) plot.points.push_back(doubles(u));
  for (const auto& prefs : s.preferences) plot.reservation.push_back(prefs ? prefs->reservation.to_double() : 0.0);
  // Only where the status quo with the agreed terms names every issue.
  if (const std::optional<Outcome> status_quo = s.status_quo_outcome()) {
    plot.marks.push_back({"status quo", doubles(Utilities(s).utilities(*status_quo)), true});
  }
  return plot;
}

}  // namespace parley::render
