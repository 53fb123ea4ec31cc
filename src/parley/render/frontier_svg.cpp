#include "parley/render/frontier_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "parley/analysis/utility.h"
#include "parley/core/number_text.h"
#include "parley/core/text.h"
#include "parley/render/label_layout.h"

namespace parley::render {

namespace {

// Page geometry: the plot on the left, the legend in a column on the right.
// 900 units wide prints at about 0.21 mm a unit on A4, so 10-unit text is
// about 6 pt, the smallest used (the point numbers).
constexpr double kWidth = 900, kMinHeight = 600;
constexpr double kLeft = 80, kPlotRight = 620, kTop = 70, kPlotBottom = 520;
constexpr double kLegendX = 650, kLegendWidth = 240;
constexpr double kNumberSize = 10, kMarkLabelSize = 12, kLegendSize = 12;

const char* const kSolutionColours[] = {"#c0392b", "#1e8449", "#7d3c98"};
const char* const kProposalColours[] = {"#d35400", "#0e6655", "#b7950b", "#1a5276", "#6e2c00", "#c2185b"};
constexpr const char* kStatusQuoColour = "#222222";
constexpr const char* kPointColour = "#1f77b4";
constexpr const char* kNumberColour = "#1f4e79";

std::string escape(const std::string& text) { return xml_escape(text); }

// An axis: a range of utilities on a range of the page.
struct Scale {
  double lo = 0, hi = 1, step = 0.1;
  double from = 0, to = 1;  // page coordinates of lo and hi
  double operator()(double u) const { return from + (u - lo) / (hi - lo) * (to - from); }
  int decimals() const { return step >= 0.1 - 1e-12 ? 1 : step >= 0.01 - 1e-12 ? 2 : 3; }
};

// A range covering `values` with a little room, cut at round steps (1, 2 or
// 5 times a power of ten, about six of them), so that the dots use the page
// rather than a corner of [0, 1].
Scale scale_over(const std::vector<double>& values, double from, double to) {
  double lo = INFINITY, hi = -INFINITY;
  for (double v : values) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(lo <= hi)) lo = 0, hi = 1;
  double span = std::max(hi - lo, 0.05);
  lo -= 0.04 * span, hi += 0.04 * span;
  span = hi - lo;
  const double raw = span / 6;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * power;
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  }
  Scale s;
  s.step = step;
  s.lo = std::floor(lo / step + 1e-9) * step;
  s.hi = std::ceil(hi / step - 1e-9) * step;
  // Utilities lie in [0, 1]: no ticks beyond what they can reach.
  if (s.lo < 0 && lo + 0.04 * span >= 0) s.lo = 0;
  if (s.hi > 1 && hi - 0.04 * span <= 1) s.hi = 1;
  // The range ends a little inside the frame, so that points on it keep room
  // for their labels.
  const double inset = from < to ? 16 : -16;
  s.from = from + inset;
  s.to = to - inset;
  return s;
}

// Grid lines across the plot at every step of `sy`, labelled on the left.
std::string horizontal_grid(const Scale& sy, double right) {
  std::string svg;
  for (int k = 0;; ++k) {
    const double t = sy.lo + k * sy.step;
    if (t > sy.hi + sy.step / 2) break;
    svg += fmt::format("<line class='grid-y' data-value='{0:.{4}f}' x1='{2:.1f}' y1='{1:.1f}' x2='{3:.1f}' y2='{1:.1f}' "
                       "stroke='#e6e6e6'/>\n",
                       t, sy(t), kLeft, right, sy.decimals());
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='11' text-anchor='end' fill='#444'>{:.{}f}</text>\n",
                       kLeft - 6, sy(t) + 4, t, sy.decimals());
  }
  return svg;
}

std::vector<double> doubles(const std::vector<Rational>& v) {
  std::vector<double> d;
  for (const Rational& x : v) d.push_back(x.to_double());
  return d;
}

const char* mark_colour(const FrontierPlot& plot, std::size_t k) {
  std::size_t solution = 0, proposal = 0;
  for (std::size_t j = 0; j < k; ++j) {
    solution += plot.marks[j].kind == PlotMark::Kind::solution ? 1 : 0;
    proposal += plot.marks[j].kind == PlotMark::Kind::proposal ? 1 : 0;
  }
  switch (plot.marks[k].kind) {
    case PlotMark::Kind::solution: return kSolutionColours[solution % std::size(kSolutionColours)];
    case PlotMark::Kind::proposal: return kProposalColours[proposal % std::size(kProposalColours)];
    case PlotMark::Kind::status_quo: break;
  }
  return kStatusQuoColour;
}

const char* kind_name(PlotMark::Kind kind) {
  switch (kind) {
    case PlotMark::Kind::solution: return "solution";
    case PlotMark::Kind::proposal: return "proposal";
    case PlotMark::Kind::status_quo: break;
  }
  return "status-quo";
}

// The shape of a mark, centred on (x, y): a ring for a solution point (the
// frontier dot stays visible inside), a diamond for the status quo, a square
// for a proposal.
std::string shape(PlotMark::Kind kind, double x, double y, const std::string& colour) {
  switch (kind) {
    case PlotMark::Kind::solution:
      return fmt::format("<circle cx='{:.1f}' cy='{:.1f}' r='7' fill='none' stroke='{}' stroke-width='2.5'/>", x, y,
                         colour);
    case PlotMark::Kind::proposal:
      return fmt::format("<rect x='{:.1f}' y='{:.1f}' width='11' height='11' fill='{}' stroke='#ffffff' "
                         "stroke-width='1'/>",
                         x - 5.5, y - 5.5, colour);
    case PlotMark::Kind::status_quo: break;
  }
  return fmt::format("<path d='M{0:.1f} {2:.1f}L{3:.1f} {1:.1f}L{0:.1f} {4:.1f}L{5:.1f} {1:.1f}Z' fill='{6}' "
                     "stroke='#ffffff' stroke-width='1'/>",
                     x, y, y - 7, x + 7, y + 7, x - 7, colour);
}

std::string utilities_text(const FrontierPlot& plot, const std::vector<Rational>& u) {
  std::string out;
  for (std::size_t p = 0; p < u.size() && p < plot.parties.size(); ++p) {
    out += (p ? ", " : "") + plot.parties[p] + " " + decimal(u[p]);
  }
  return out;
}

// The legend: one entry per kind of thing drawn, the marks with their utilities.
struct Legend {
  double y = kTop;
  std::string svg = "<g class='legend'>\n";

  void heading(const std::string& text) {
    svg += fmt::format("<text x='{}' y='{:.1f}' font-size='13' font-weight='bold'>{}</text>\n", kLegendX, y + 4,
                       escape(text));
    y += 22;
  }
  void entry(const std::string& symbol, const std::string& text, const std::string& cls) {
    svg += "<g class='" + cls + "'>" + symbol;
    double line_y = y + 4;
    for (const std::string& line : wrap_words(text, 33)) {
      svg += fmt::format("<text x='{}' y='{:.1f}' font-size='{}'>{}</text>", kLegendX + 22, line_y, kLegendSize,
                         escape(line));
      line_y += kLegendSize + 3;
    }
    svg += "</g>\n";
    y = line_y + 8;
  }
};

// Priority of the point numbers when not all fit: the ends, the marked
// points, then every tenth, every fifth, the rest in order.
std::vector<std::size_t> number_order(std::size_t n, const std::vector<std::size_t>& marked) {
  std::vector<int> rank(n, 4);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t number = k + 1;
    rank[k] = number % 10 == 0 ? 2 : number % 5 == 0 ? 3 : 4;
  }
  if (n > 0) rank[0] = rank[n - 1] = 0;
  for (std::size_t k : marked) rank[k] = std::min(rank[k], 1);
  std::vector<std::size_t> order(n);
  for (std::size_t k = 0; k < n; ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
  return order;
}

// Indices of the frontier points that a mark sits on.
std::vector<std::size_t> marked_points(const FrontierPlot& plot) {
  std::vector<std::size_t> out;
  for (const PlotMark& m : plot.marks) {
    const std::vector<double> u = doubles(m.utilities);
    for (std::size_t k = 0; k < plot.points.size(); ++k) {
      if (plot.points[k] == u) out.push_back(k);
    }
  }
  return out;
}

std::string text_at(const PlacedLabel& at, double size, const std::string& colour, const std::string& text,
                    const std::string& attributes) {
  return fmt::format("<text {}x='{:.1f}' y='{:.1f}' font-size='{}' fill='{}' text-anchor='{}' stroke='#ffffff' "
                     "stroke-width='3' paint-order='stroke'>{}</text>\n",
                     attributes, at.x, at.y, size, colour, at.anchor, escape(text));
}

// A thin line from a mark to its label when the label had to move away.
std::string leader(double x, double y, const PlacedLabel& at, const std::string& colour) {
  const double tx = std::clamp(x, at.box.x0, at.box.x1), ty = std::clamp(y, at.box.y0, at.box.y1);
  if (std::hypot(tx - x, ty - y) < 14) return "";
  return fmt::format("<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' stroke='{}' stroke-width='0.8'/>\n", x, y,
                     tx, ty, colour);
}

std::string plane(const FrontierPlot& plot, bool& all_numbered) {
  std::vector<double> xs, ys;
  for (const auto& p : plot.points) xs.push_back(p[0]), ys.push_back(p[1]);
  for (const PlotMark& m : plot.marks) xs.push_back(m.utilities[0].to_double()), ys.push_back(m.utilities[1].to_double());
  if (plot.reservation.size() == 2) xs.push_back(plot.reservation[0].to_double()), ys.push_back(plot.reservation[1].to_double());
  const Scale sx = scale_over(xs, kLeft, kPlotRight), sy = scale_over(ys, kPlotBottom, kTop);

  std::string svg;
  for (int k = 0; sx.lo + k * sx.step <= sx.hi + sx.step / 2; ++k) {
    const double t = sx.lo + k * sx.step;
    svg += fmt::format("<line class='grid-x' data-value='{0:.{4}f}' x1='{1:.1f}' y1='{2:.1f}' x2='{1:.1f}' y2='{3:.1f}' "
                       "stroke='#e6e6e6'/>\n",
                       t, sx(t), kPlotBottom, kTop, sx.decimals());
    svg += fmt::format("<text x='{:.1f}' y='{:.1f}' font-size='11' text-anchor='middle' fill='#444'>{:.{}f}</text>\n",
                       sx(t), kPlotBottom + 16, t, sx.decimals());
  }
  svg += horizontal_grid(sy, kPlotRight);
  svg += fmt::format("<rect x='{}' y='{}' width='{}' height='{}' fill='none' stroke='#999'/>\n", kLeft, kTop,
                     kPlotRight - kLeft, kPlotBottom - kTop);
  svg += fmt::format("<text class='axis-label' data-party='{}' x='{:.1f}' y='{:.1f}' font-size='14' "
                     "text-anchor='middle'>utility for {}</text>\n",
                     escape(plot.party_ids[0]), (kLeft + kPlotRight) / 2, kPlotBottom + 42, escape(plot.parties[0]));
  const double mid_y = (kTop + kPlotBottom) / 2;
  svg += fmt::format("<text class='axis-label' data-party='{}' x='22' y='{:.1f}' font-size='14' text-anchor='middle' "
                     "transform='rotate(-90 22 {:.1f})'>utility for {}</text>\n",
                     escape(plot.party_ids[1]), mid_y, mid_y, escape(plot.parties[1]));

  LabelLayout layout({kLeft + 2, kTop + 2, kPlotRight - 2, kPlotBottom - 2});
  if (plot.reservation.size() == 2) {
    const double x = sx(plot.reservation[0].to_double()), y = sy(plot.reservation[1].to_double());
    svg += fmt::format("<g class='reservation'><line x1='{0:.1f}' y1='{1:.1f}' x2='{0:.1f}' y2='{2:.1f}' stroke='#888' "
                       "stroke-dasharray='4 3'/>",
                       x, y, kTop);
    svg += fmt::format("<line x1='{0:.1f}' y1='{1:.1f}' x2='{2:.1f}' y2='{1:.1f}' stroke='#888' stroke-dasharray='4 3'/>",
                       x, y, kPlotRight);
    svg += fmt::format("<rect x='{:.1f}' y='{:.1f}' width='8' height='8' fill='#666'/></g>\n", x - 4, y - 4);
    layout.block_circle(x, y, 5);
    layout.block_segment(x, y, x, kTop);
    layout.block_segment(x, y, kPlotRight, y);
  }
  std::string line;
  for (std::size_t k = 0; k < plot.points.size(); ++k) {
    const double x = sx(plot.points[k][0]), y = sy(plot.points[k][1]);
    line += fmt::format("{:.1f},{:.1f} ", x, y);
    if (k > 0) layout.block_segment(sx(plot.points[k - 1][0]), sy(plot.points[k - 1][1]), x, y);
    layout.block_circle(x, y, 3);
  }
  if (plot.points.size() > 1) {
    svg += "<polyline fill='none' stroke='" + std::string(kPointColour) + "' stroke-width='1' points='" + line + "'/>\n";
  }
  for (std::size_t k = 0; k < plot.points.size(); ++k) {
    svg += fmt::format("<circle class='point' data-number='{}' cx='{:.1f}' cy='{:.1f}' r='3' fill='{}'><title>{}: {}</title></circle>\n",
                       k + 1, sx(plot.points[k][0]), sy(plot.points[k][1]), kPointColour, k + 1,
                       escape(fmt::format("{} {:.4f}, {} {:.4f}", plot.parties[0], plot.points[k][0], plot.parties[1],
                                          plot.points[k][1])));
  }
  // The marks, and their labels first: they matter more than any one number.
  std::string labels;
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const double x = sx(plot.marks[k].utilities[0].to_double()), y = sy(plot.marks[k].utilities[1].to_double());
    layout.block_circle(x, y, 8);
  }
  layout.avoid_segments(false);
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const PlotMark& m = plot.marks[k];
    const std::string colour = mark_colour(plot, k);
    const double x = sx(m.utilities[0].to_double()), y = sy(m.utilities[1].to_double());
    svg += fmt::format("<g class='mark' data-kind='{}' data-label='{}'>{}</g>\n", kind_name(m.kind), escape(m.label),
                       shape(m.kind, x, y, colour));
    std::optional<PlacedLabel> at =
        layout.place_around(x, y, m.label, kMarkLabelSize, {11, 16, 24, 34, 46, 60, 80, 110});
    if (!at) {
      // Nowhere free: over whatever is there, rather than not at all.
      at = PlacedLabel{x + 11, y + 4, "start", {}};
      at->box = {x + 11, y - 6, x + 11 + text_width(m.label, kMarkLabelSize), y + 6};
    }
    labels += leader(x, y, *at, colour);
    labels += text_at(*at, kMarkLabelSize, colour, m.label, "class='mark-label' ");
  }
  layout.avoid_segments(true);
  if (plot.reservation.size() == 2) {
    const double x = sx(plot.reservation[0].to_double()), y = sy(plot.reservation[1].to_double());
    if (auto at = layout.place_around(x, y, "no deal", 11, {8, 14, 24})) labels += text_at(*at, 11, "#555555", "no deal", "");
  }
  std::size_t numbered = 0;
  for (std::size_t k : number_order(plot.points.size(), marked_points(plot))) {
    const double x = sx(plot.points[k][0]), y = sy(plot.points[k][1]);
    const std::string number = std::to_string(k + 1);
    if (auto at = layout.place_around(x, y, number, kNumberSize, {4, 7, 11, 15})) {
      labels += text_at(*at, kNumberSize, kNumberColour, number, fmt::format("class='number' data-number='{}' ", k + 1));
      ++numbered;
    }
  }
  all_numbered = numbered == plot.points.size();
  return svg + labels;
}

std::string parallel_axes(const FrontierPlot& plot, double legend_bottom, bool& all_numbered) {
  const std::size_t n = plot.parties.size();
  const double last_axis = kPlotRight - 60;
  auto ax = [&](std::size_t p) { return kLeft + static_cast<double>(p) * (last_axis - kLeft) / static_cast<double>(n - 1); };
  std::vector<double> all;
  for (const auto& u : plot.points) all.insert(all.end(), u.begin(), u.end());
  for (const PlotMark& m : plot.marks) {
    for (const Rational& x : m.utilities) all.push_back(x.to_double());
  }
  for (const Rational& r : plot.reservation) all.push_back(r.to_double());
  const Scale sy = scale_over(all, kPlotBottom, kTop);

  std::string svg;
  svg += horizontal_grid(sy, last_axis);
  for (std::size_t p = 0; p < n; ++p) {
    svg += fmt::format("<line x1='{0:.1f}' y1='{1:.1f}' x2='{0:.1f}' y2='{2:.1f}' stroke='#333'/>\n", ax(p), kPlotBottom,
                       kTop);
    // Names alternate between two lines when the axes are close.
    const double spacing = (last_axis - kLeft) / static_cast<double>(n - 1);
    const double y = kPlotBottom + 22 + ((p % 2 == 1 && spacing < 110) ? 16 : 0);
    svg += fmt::format("<text class='axis-label' data-party='{}' x='{:.1f}' y='{:.1f}' font-size='13' "
                       "text-anchor='middle'>{}</text>\n",
                       escape(plot.party_ids[p]), ax(p), y, escape(cut_utf8(plot.parties[p], 24)));
  }
  auto polyline = [&](const std::vector<double>& u, const std::string& attributes) {
    std::string pts;
    for (std::size_t p = 0; p < n; ++p) pts += fmt::format("{:.1f},{:.1f} ", ax(p), sy(u[p]));
    return "<polyline fill='none' " + attributes + " points='" + pts + "'/>\n";
  };
  const double opacity = plot.points.size() > 200 ? 0.08 : 0.35;
  for (std::size_t k = 0; k < plot.points.size(); ++k) {
    svg += polyline(plot.points[k], fmt::format("class='point' data-number='{}' stroke='{}' stroke-opacity='{:.2f}'",
                                                k + 1, kPointColour, opacity));
  }
  if (plot.reservation.size() == n) {
    svg += "<g class='reservation'>" + polyline(doubles(plot.reservation), "stroke='#666' stroke-dasharray='5 3' stroke-width='2'") + "</g>\n";
  }
  // Mark labels go right of the last axis, where the lines end.
  LabelLayout layout({kLeft, kTop - 8, kWidth - 4, kPlotBottom + 8});
  layout.block({kLegendX - 8, 0, kWidth, legend_bottom});
  std::string labels;
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const PlotMark& m = plot.marks[k];
    const std::string colour = mark_colour(plot, k);
    const std::vector<double> u = doubles(m.utilities);
    std::string shapes;
    for (std::size_t p = 0; p < n; ++p) shapes += shape(m.kind, ax(p), sy(u[p]), colour);
    svg += fmt::format("<g class='mark' data-kind='{}' data-label='{}'>{}{}</g>\n", kind_name(m.kind), escape(m.label),
                       polyline(u, fmt::format("stroke='{}' stroke-width='2.5'", colour)), shapes);
    const double y = sy(u[n - 1]);
    std::optional<PlacedLabel> at = layout.place_beside(last_axis, y, m.label, kMarkLabelSize, 12, false, 12);
    if (!at) {
      at = PlacedLabel{last_axis + 12, y + 4, "start", {}};
      at->box = {last_axis + 12, y - 6, last_axis + 12 + text_width(m.label, kMarkLabelSize), y + 6};
    }
    labels += leader(last_axis, y, *at, colour);
    labels += text_at(*at, kMarkLabelSize, colour, m.label, "class='mark-label' ");
  }
  // Numbers sit on their own line, between two axes where it is free of
  // other numbers: the lines cross elsewhere, so each usually finds a place.
  for (std::size_t p = 0; p < n; ++p) layout.block_segment(ax(p), kTop, ax(p), kPlotBottom);
  std::size_t numbered = 0, tried = 0;
  for (std::size_t k : number_order(plot.points.size(), marked_points(plot))) {
    if (++tried > 2000) break;  // far more than the page can hold
    const std::string number = std::to_string(k + 1);
    bool placed = false;
    for (double t : {0.5, 0.3, 0.7, 0.4, 0.6, 0.2, 0.8, 0.12, 0.88}) {
      for (std::size_t p = 0; p + 1 < n && !placed; ++p) {
        const double x = ax(p) + t * (ax(p + 1) - ax(p));
        auto y_of = [&](std::size_t j) { return sy(plot.points[j][p] + t * (plot.points[j][p + 1] - plot.points[j][p])); };
        const double y = y_of(k);
        // Not where another line passes close by: the number would name either.
        bool clear = true;
        for (std::size_t j = 0; j < plot.points.size() && clear && plot.points.size() <= 300; ++j) {
          clear = j == k || std::abs(y_of(j) - y) >= 8;
        }
        if (!clear) continue;
        if (auto at = layout.place_at(x, y + 0.35 * kNumberSize, "middle", number, kNumberSize)) {
          labels += text_at(*at, kNumberSize, kNumberColour, number, fmt::format("class='number' data-number='{}' ", k + 1));
          placed = true;
        }
      }
      if (placed) break;
    }
    numbered += placed ? 1 : 0;
  }
  all_numbered = numbered == plot.points.size();
  return svg + labels;
}

}  // namespace

std::string frontier_svg(const FrontierPlot& plot) {
  Legend legend;
  const bool two = plot.parties.size() == 2;
  legend.heading("Key");
  if (!plot.points.empty()) {
    std::string text = two ? "a package on the frontier, numbered as in the table of parley frontier"
                           : "a package on the frontier (a line across the axes), numbered on the line as in the table of parley frontier";
    const std::string symbol =
        two ? fmt::format("<circle cx='{}' cy='{:.1f}' r='3' fill='{}'/>", kLegendX + 8, legend.y, kPointColour)
            : fmt::format("<line x1='{}' y1='{:.1f}' x2='{}' y2='{:.1f}' stroke='{}' stroke-width='2'/>", kLegendX,
                          legend.y, kLegendX + 16, legend.y, kPointColour);
    legend.entry(symbol, text, "legend-points");
  }
  if (plot.reservation.size() == plot.parties.size()) {
    const std::string symbol = two ? fmt::format("<rect x='{}' y='{:.1f}' width='8' height='8' fill='#666'/>", kLegendX + 4,
                                                 legend.y - 4)
                                   : fmt::format("<line x1='{}' y1='{:.1f}' x2='{}' y2='{:.1f}' stroke='#666' "
                                                 "stroke-dasharray='5 3' stroke-width='2'/>",
                                                 kLegendX, legend.y, kLegendX + 16, legend.y);
    std::string text = "no deal: what each party can count on without an agreement (";
    for (std::size_t p = 0; p < plot.parties.size(); ++p) {
      text += (p ? ", " : "") + plot.parties[p] + " " + decimal(plot.reservation[p]);
    }
    legend.entry(symbol, text + ")", "legend-reservation");
  }
  for (std::size_t k = 0; k < plot.marks.size(); ++k) {
    const PlotMark& m = plot.marks[k];
    std::string text = m.label + (m.note.empty() ? "" : " (" + m.note + ")") + ": " + utilities_text(plot, m.utilities);
    legend.entry(shape(m.kind, kLegendX + 8, legend.y, mark_colour(plot, k)), text, "legend-mark");
  }
  legend.svg += "</g>\n";
  bool all_numbered = true;
  std::string body = two ? plane(plot, all_numbered) : parallel_axes(plot, legend.y, all_numbered);
  if (!all_numbered) {
    body += fmt::format("<text class='crowded' x='20' y='{}' font-size='11' fill='#555'>Where dots crowd, only some "
                        "carry their number; every package is in the table of parley frontier.</text>\n",
                        kPlotBottom + 66);
  }

  const double height = std::ceil(std::max(kMinHeight, legend.y + 10));
  std::string svg = fmt::format(
      "<svg xmlns='http://www.w3.org/2000/svg' width='{0}' height='{1}' viewBox='0 0 {0} {1}' "
      "font-family='Helvetica, Arial, sans-serif'>\n<rect width='100%' height='100%' fill='white'/>\n",
      kWidth, height);
  const std::string title = cut_utf8(plot.title.empty() ? "Pareto frontier" : plot.title, 140);
  // About 9 units a character at 16: longer titles get a smaller font to fit the page.
  const double title_size = std::max(11.0, std::min(16.0, 16.0 * 95.0 / std::max<double>(1, title.size())));
  svg += fmt::format("<text class='title' x='20' y='26' font-size='{:.1f}' font-weight='bold'>{}</text>\n", title_size,
                     escape(title));
  svg += fmt::format("<text x='20' y='48' font-size='12' fill='#555'>{}</text>\n",
                     two ? "Each dot is a package that no other package beats for both parties; utility 1 is all a "
                           "party wants."
                         : "Each line is a package that no other beats for every party; it crosses each party's axis "
                           "at their utility.");
  svg += body + legend.svg + "</svg>\n";
  return svg;
}

std::string party_name(const Scenario& s, int p) {
  const Party& party = s.parties[static_cast<std::size_t>(p)];
  return party.name.empty() ? party.id : party.name;
}

FrontierPlot plot_of(const Scenario& s, const std::string& title, const std::vector<std::vector<Rational>>& points) {
  FrontierPlot plot;
  plot.title = title;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    plot.parties.push_back(party_name(s, static_cast<int>(p)));
    plot.party_ids.push_back(s.parties[p].id);
  }
  for (const auto& u : points) plot.points.push_back(doubles(u));
  for (const auto& prefs : s.preferences) plot.reservation.push_back(prefs ? prefs->reservation : Rational(0));
  // Only where the status quo with the agreed terms names every issue.
  if (const std::optional<Outcome> status_quo = s.status_quo_outcome()) {
    plot.marks.push_back({PlotMark::Kind::status_quo, "status quo", Utilities(s).utilities(*status_quo), ""});
  }
  return plot;
}

}  // namespace parley::render
