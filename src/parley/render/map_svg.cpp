#include "parley/render/map_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "parley/core/number_text.h"
#include "parley/core/text.h"
#include "parley/render/label_layout.h"

namespace parley::render {

namespace {

// Page geometry, in SVG user units (pixels).
constexpr double kWidth = 1000;
constexpr double kMargin = 20;
constexpr double kTop = 76;            // below the title and subtitle
constexpr double kMapWidth = 700;      // the map's box; the legend sits to its right
constexpr double kMapHeight = 560;
constexpr double kLegendX = kMargin + kMapWidth + 24;

std::string escape(std::string_view text) { return xml_escape(text); }

std::string party_colour(int party) {
  // Tableau 10 without its grey (kept for background features), then hues a
  // golden angle apart.
  static const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                   "#edc948", "#b07aa1", "#ff9da7", "#9c755f"};
  constexpr int kFixed = static_cast<int>(std::size(kPalette));
  if (party < kFixed) return kPalette[party];
  const double hue = std::fmod((party - kFixed) * 137.508 + 15, 360.0);
  // HSL(hue, 55%, 50%) to RGB.
  const double c = (1 - std::abs(2 * 0.5 - 1)) * 0.55, h = hue / 60;
  const double x = c * (1 - std::abs(std::fmod(h, 2.0) - 1)), m = 0.5 - c / 2;
  double rgb[3] = {0, 0, 0};
  const int sector = static_cast<int>(h);
  const double table[6][3] = {{c, x, 0}, {x, c, 0}, {0, c, x}, {0, x, c}, {x, 0, c}, {c, 0, x}};
  for (int k = 0; k < 3; ++k) rgb[k] = table[sector % 6][k] + m;
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(rgb[0] * 255)),
                     static_cast<int>(std::lround(rgb[1] * 255)), static_cast<int>(std::lround(rgb[2] * 255)));
}

std::string party_label(const Scenario& s, int p) {
  const Party& party = s.parties[static_cast<std::size_t>(p)];
  return party.name.empty() ? party.id : cut_utf8(party.name, 28) + " (" + party.id + ")";
}

std::string holder_text(const Scenario& s, Holder h) {
  if (h == kJoint) return "held jointly";
  if (h == kNeutral) return "neutral";
  return "held by " + party_label(s, h);
}

std::string region_name(const Issue& is) { return is.name.empty() ? is.id : is.name; }

std::string party_name(const Scenario& s, Holder h) {
  const Party& party = s.parties[static_cast<std::size_t>(h)];
  return party.name.empty() ? party.id : party.name;
}

// What the status quo (with the agreed terms, which win) says of issue i, if anything.
const std::optional<IssueValue>& before(const Scenario& s, std::size_t i) {
  return s.agreed[i] ? s.agreed[i] : s.status_quo[i];
}

// Regions whose holder differs from the status quo's (where it names them).
std::vector<bool> changes_hands(const Scenario& s, const Outcome& o) {
  std::vector<bool> out(s.issues.size(), false);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    out[i] = s.issues[i].kind == IssueKind::region && before(s, i) && before(s, i)->holder != o[i].holder;
  }
  return out;
}

// Who holds an item or region, as a sentence ends: "Party A", "held jointly".
std::string holder_words(const Scenario& s, Holder h) {
  if (h == kJoint) return "held jointly";
  if (h == kNeutral) return s.parties.size() == 2 ? "neutral: held by neither party" : "neutral: held by no party";
  return party_name(s, h);
}

// A share as percentages: "Party A 40%, Party B 60%", "all to Party B".
std::string share_words(const Scenario& s, const std::vector<Rational>& shares) {
  std::string out;
  for (std::size_t p = 0; p < shares.size(); ++p) {
    if (shares[p] == Rational(1)) return "all to " + party_name(s, static_cast<Holder>(p));
    if (shares[p].is_zero()) continue;
    out += (out.empty() ? "" : ", ") + party_name(s, static_cast<Holder>(p)) + " " + amount(shares[p] * Rational(100), 2) + "%";
  }
  return out;
}

// A term of the package in plain words: options without their underscores,
// numbers with their unit, shares as percentages, holders by name.
std::string value_words(const Scenario& s, std::size_t i, const IssueValue& v) {
  const Issue& is = s.issues[i];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: return holder_words(s, v.holder);
    case IssueKind::share: return share_words(s, v.shares);
    case IssueKind::choice: {
      std::string option = is.options[static_cast<std::size_t>(v.option)];
      std::replace(option.begin(), option.end(), '_', ' ');
      return option;
    }
    case IssueKind::number: return amount(v.number) + (is.unit.empty() ? "" : " " + is.unit);
  }
  return "";
}

// Patterns for joint (stripes in every party's colour) and neutral holding
// (grey cross-hatching on white).
std::string pattern_defs(const Scenario& s) {
  const std::size_t n = s.parties.size();
  std::string out = "<defs>\n";
  out += fmt::format(R"svg(<pattern id="joint" patternUnits="userSpaceOnUse" width="{}" height="{}" patternTransform="rotate(45)">)svg",
                     5 * n, 5 * n);
  for (std::size_t p = 0; p < n; ++p) {
    out += fmt::format(R"(<rect x="{}" y="0" width="5" height="{}" fill="{}"/>)", 5 * p, 5 * n,
                       party_colour(static_cast<int>(p)));
  }
  out += "</pattern>\n";
  out += R"(<pattern id="neutral" patternUnits="userSpaceOnUse" width="8" height="8">)"
         R"(<rect width="8" height="8" fill="#ffffff"/><path d="M0 0L8 8M8 0L0 8" stroke="#6b6b6b" stroke-width="1.3"/>)"
         "</pattern>\n"
         // Regions that change hands: dark hatching over the new holder's colour.
         R"svg(<pattern id="changed" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(-45)">)svg"
         R"(<line x1="0" y1="0" x2="0" y2="7" stroke="#000000" stroke-opacity="0.55" stroke-width="1.6"/>)"
         "</pattern>\n</defs>\n";
  return out;
}

// From the map's coordinates to the page: longitude and latitude (when every
// coordinate could be one) are drawn equirectangular, x shrunk by the cosine of
// the middle latitude so that mid-latitude shapes keep their proportions;
// other coordinates are drawn as they are. North is up.
struct Projection {
  double min_x = 0, max_y = 0, x_factor = 1, scale = 1, left = kMargin, top = kTop;
  double width = 0, height = 0;  // of the drawn map, on the page

  MapPoint operator()(MapPoint p) const {
    return {left + (p.x - min_x) * x_factor * scale, top + (max_y - p.y) * scale};
  }
};

Projection projection_for(const std::vector<MapFeature>& features) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const MapFeature& f : features) {
    for (const MapPolygon& p : f.polygons) {
      for (const MapPoint& q : p.front()) {
        x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
      }
    }
  }
  Projection pr;
  const bool geographic = x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90;
  if (geographic) pr.x_factor = std::max(0.2, std::cos((y0 + y1) / 2 * std::numbers::pi / 180));
  const double w = std::max((x1 - x0) * pr.x_factor, 1e-12), h = std::max(y1 - y0, 1e-12);
  pr.scale = std::min(kMapWidth / w, kMapHeight / h);
  pr.min_x = x0;
  pr.max_y = y1;
  pr.width = w * pr.scale;
  pr.height = h * pr.scale;
  pr.left = kMargin + (kMapWidth - pr.width) / 2;
  return pr;
}

// An SVG path for a feature: every ring a closed sub-path; holes cut out by
// the even-odd rule. Points closer than a tenth of a pixel to the last one
// drawn are skipped, which keeps a world map small.
std::string path_data(const MapFeature& f, const Projection& pr) {
  std::string d;
  for (const MapPolygon& polygon : f.polygons) {
    for (const MapRing& ring : polygon) {
      MapPoint last{INFINITY, INFINITY};
      bool first = true;
      for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
        MapPoint q = pr(ring[k]);
        if (!first && std::abs(q.x - last.x) < 0.1 && std::abs(q.y - last.y) < 0.1) continue;
        d += fmt::format("{}{:.1f} {:.1f}", first ? "M" : "L", q.x, q.y);
        first = false;
        last = q;
      }
      d += "Z";
    }
  }
  return d;
}

std::string label_svg(MapPoint at, const std::string& text) {
  return fmt::format(
      R"(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle" dominant-baseline="middle" font-size="11" )"
      R"(stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>)"
      "\n",
      at.x, at.y, escape(cut_utf8(text, 40)));
}

std::string draw_geojson(const Scenario& s, const Outcome& o, double& bottom) {
  const Map& map = *s.map;
  const Projection pr = projection_for(map.features);
  std::string out = "<g class=\"map\">\n";
  // Background first, so that region outlines are drawn over it.
  for (int pass = 0; pass < 2; ++pass) {
    for (const MapFeature& f : map.features) {
      if ((f.issue >= 0) != (pass == 1)) continue;
      if (f.issue < 0) {
        out += fmt::format(R"(<path class="background" data-feature="{}" d="{}" fill="{}" fill-rule="evenodd" )"
                           R"(stroke="#ffffff" stroke-width="0.6"><title>{}</title></path>)"
                           "\n",
                           escape(f.id), path_data(f, pr), kBackgroundFill, escape(f.id + " (not at stake)"));
        continue;
      }
      const Issue& is = s.issues[static_cast<std::size_t>(f.issue)];
      const Holder h = o[static_cast<std::size_t>(f.issue)].holder;
      out += fmt::format(R"(<path class="region" data-region="{}" data-owner="{}" d="{}" fill="{}" fill-rule="evenodd" )"
                         R"(stroke="#333333" stroke-width="0.8"><title>{}</title></path>)"
                         "\n",
                         escape(is.id), escape(s.holder_id(h)), path_data(f, pr), holder_fill(h),
                         escape(region_name(is) + ": " + holder_text(s, h)));
    }
  }
  // Over every region, so that no neighbour's outline covers the thick one.
  const std::vector<bool> changed = changes_hands(s, o);
  for (const MapFeature& f : map.features) {
    if (f.issue < 0 || !changed[static_cast<std::size_t>(f.issue)]) continue;
    out += fmt::format(R"svg(<path class="changes-hands" data-region="{}" d="{}" fill="url(#changed)" fill-rule="evenodd" )svg"
                       R"(stroke="#000000" stroke-width="3"/>)"
                       "\n",
                       escape(s.issues[static_cast<std::size_t>(f.issue)].id), path_data(f, pr));
  }
  for (const MapFeature& f : map.features) {
    if (f.issue >= 0) out += label_svg(pr(f.label), region_name(s.issues[static_cast<std::size_t>(f.issue)]));
  }
  out += "</g>\n";
  bottom = pr.top + pr.height;
  return out;
}

std::string draw_graph(const Scenario& s, const Outcome& o, double& bottom) {
  std::vector<int> regions;
  std::vector<int> node(s.issues.size(), -1);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::region) continue;
    node[i] = static_cast<int>(regions.size());
    regions.push_back(static_cast<int>(i));
  }
  const std::vector<MapPoint> unit = graph_layout(s);
  constexpr double kRadius = 16;
  const double inset = kRadius + 14;  // room for the circles and the labels under them
  auto place = [&](int r) {
    const MapPoint u = unit[static_cast<std::size_t>(node[static_cast<std::size_t>(r)])];
    return MapPoint{kMargin + inset + u.x * (kMapWidth - 2 * inset), kTop + inset + u.y * (kMapHeight - 2 * inset)};
  };
  std::string out = "<g class=\"graph\">\n";
  for (const auto& [a, b] : s.map->adjacency) {
    MapPoint p = place(a), q = place(b);
    out += fmt::format(R"(<line class="link" data-link="{} {}" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" )"
                       R"(stroke="#9a9a9a" stroke-width="2"/>)"
                       "\n",
                       escape(s.issues[static_cast<std::size_t>(a)].id), escape(s.issues[static_cast<std::size_t>(b)].id),
                       p.x, p.y, q.x, q.y);
  }
  for (int r : regions) {
    const Issue& is = s.issues[static_cast<std::size_t>(r)];
    const Holder h = o[static_cast<std::size_t>(r)].holder;
    MapPoint p = place(r);
    out += fmt::format(R"(<circle class="region" data-region="{}" data-owner="{}" cx="{:.1f}" cy="{:.1f}" r="{}" )"
                       R"(fill="{}" stroke="#333333" stroke-width="1"><title>{}</title></circle>)"
                       "\n",
                       escape(is.id), escape(s.holder_id(h)), p.x, p.y, kRadius, holder_fill(h),
                       escape(region_name(is) + ": " + holder_text(s, h)));
    if (changes_hands(s, o)[static_cast<std::size_t>(r)]) {
      out += fmt::format(R"(<circle class="changes-hands" data-region="{}" cx="{:.1f}" cy="{:.1f}" r="{}" )"
                         R"svg(fill="url(#changed)" stroke="#000000" stroke-width="3"/>)svg"
                         "\n",
                         escape(is.id), p.x, p.y, kRadius + 1.5);
    }
    out += label_svg({p.x, p.y + kRadius + 11}, region_name(is));
  }
  out += "</g>\n";
  bottom = kTop + kMapHeight;
  return out;
}

std::string swatch(double y, const std::string& fill, const std::string& text, const std::string& cls) {
  return fmt::format(R"(<g class="{}"><rect x="{}" y="{:.1f}" width="18" height="18" fill="{}" stroke="#333333" )"
                     R"(stroke-width="0.8"/><text x="{}" y="{:.1f}" font-size="13">{}</text></g>)"
                     "\n",
                     cls, kLegendX, y, fill, kLegendX + 26, y + 14, escape(text));
}

std::string legend(const Scenario& s, const Outcome& o, const MapSvgOptions& options, double& bottom) {
  std::string out = "<g class=\"legend\">\n";
  double y = kTop;
  out += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="14" font-weight="bold">Parties</text>)" "\n", kLegendX, y + 12);
  y += 24;
  bool joint = false, neutral = false;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::region) continue;
    joint = joint || o[i].holder == kJoint;
    neutral = neutral || o[i].holder == kNeutral;
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    out += swatch(y, party_colour(party), party_label(s, party), "party");
    y += 20;
    if (p < options.utilities.size()) {
      // Four decimals, as the CLI prints utilities; the exact value as a tooltip.
      out += fmt::format(R"(<text class="utility" data-party="{}" x="{}" y="{:.1f}" font-size="12" fill="#444444">)"
                         R"(utility {:.4f}<title>{}</title></text>)"
                         "\n",
                         escape(s.parties[p].id), kLegendX + 26, y + 8, options.utilities[p].to_double(),
                         escape(options.utilities[p].str()));
      y += 18;
    }
    y += 6;
  }
  if (joint || neutral || (s.map && std::any_of(s.map->features.begin(), s.map->features.end(),
                                                [](const MapFeature& f) { return f.issue < 0; }))) {
    y += 6;
    if (joint) out += swatch(y, holder_fill(kJoint), "held jointly", "holding"), y += 26;
    if (neutral) out += swatch(y, holder_fill(kNeutral), "neutral", "holding"), y += 26;
    if (s.map && !s.map->features.empty() && std::any_of(s.map->features.begin(), s.map->features.end(),
                                                         [](const MapFeature& f) { return f.issue < 0; })) {
      out += swatch(y, kBackgroundFill, "not at stake", "holding");
      y += 26;
    }
  }
  const std::vector<bool> changed = changes_hands(s, o);
  if (std::find(changed.begin(), changed.end(), true) != changed.end()) {
    out += fmt::format(R"svg(<g class="holding"><rect x="{}" y="{:.1f}" width="18" height="18" fill="url(#changed)" )svg"
                       R"(stroke="#000000" stroke-width="3"/><text x="{}" y="{:.1f}" font-size="13">)"
                       R"(changes hands (from the status quo)</text></g>)"
                       "\n",
                       kLegendX, y, kLegendX + 26, y + 14);
    y += 26;
  }
  out += "</g>\n";
  bottom = y;
  return out;
}

// Lines of text in the side column, wrapped to its width; y moves down.
std::string column_text(double& y, const std::string& text, const std::string& attributes) {
  std::string out;
  for (const std::string& line : wrap_words(text, 32)) {
    out += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="12" {}>{}</text>)", kLegendX, y, attributes, escape(line));
    y += 15;
  }
  return out;
}

// The side panel: every term of the package that is not a region, in words,
// with what the status quo says where it differs; then the regions that
// change hands, and the regions the status quo does not name.
std::string terms_panel(const Scenario& s, const Outcome& o, double& bottom) {
  std::string out = "<g class=\"terms\">\n";
  double y = bottom + 18;
  bool any = false;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::region) continue;
    if (!any) {
      out += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="14" font-weight="bold">The other terms</text>)" "\n",
                         kLegendX, y);
      y += 20;
      any = true;
    }
    const std::string words = value_words(s, i, o[i]);
    out += fmt::format(R"(<g class="term" data-issue="{}" data-value="{}">)", escape(s.issues[i].id), escape(words));
    out += column_text(y, region_name(s.issues[i]) + ":", R"(fill="#555555")");
    out += column_text(y, words + (s.agreed[i] && *s.agreed[i] == o[i] ? " (agreed)" : ""), R"(font-weight="bold")");
    if (!s.agreed[i] && s.status_quo[i] && !(*s.status_quo[i] == o[i])) {
      out += column_text(y, "status quo: " + value_words(s, i, *s.status_quo[i]), R"(fill="#555555")");
    }
    out += "</g>\n";
    y += 5;
  }
  const std::vector<bool> changed = changes_hands(s, o);
  std::string unknown;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::region && !before(s, i)) unknown += (unknown.empty() ? "" : ", ") + region_name(s.issues[i]);
  }
  if (std::find(changed.begin(), changed.end(), true) != changed.end()) {
    y += 6;
    out += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="14" font-weight="bold">Changing hands</text>)" "\n", kLegendX, y);
    y += 20;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!changed[i]) continue;
      out += fmt::format(R"(<g class="handover" data-region="{}">)", escape(s.issues[i].id));
      out += column_text(y, region_name(s.issues[i]) + ": from " + holder_words(s, before(s, i)->holder) + " to " +
                                holder_words(s, o[i].holder), "");
      out += "</g>\n";
    }
  }
  if (!unknown.empty()) {
    y += 6;
    out += column_text(y, "The status quo does not say who holds " + unknown + ", so these are not compared.",
                       R"(fill="#555555")");
  }
  out += "</g>\n";
  bottom = y;
  return out;
}

}  // namespace

std::string holder_fill(Holder h) {
  if (h == kJoint) return "url(#joint)";
  if (h == kNeutral) return "url(#neutral)";
  return party_colour(h);
}

std::vector<MapPoint> graph_layout(const Scenario& s) {
  // Fruchterman-Reingold in the unit square, started from a circle in issue
  // order (no randomness: the same scenario, the same picture), with a weak
  // pull to the centre so that separate pieces stay near each other.
  std::vector<int> node(s.issues.size(), -1);
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::region) node[i] = static_cast<int>(n++);
  }
  std::vector<MapPoint> pos(n);
  if (n == 0) return pos;
  if (n == 1) return {{0.5, 0.5}};
  for (std::size_t k = 0; k < n; ++k) {
    const double angle = 2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n);
    pos[k] = {0.5 + 0.4 * std::cos(angle), 0.5 + 0.4 * std::sin(angle)};
  }
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  if (s.map) {
    for (const auto& [a, b] : s.map->adjacency) {
      edges.emplace_back(static_cast<std::size_t>(node[static_cast<std::size_t>(a)]),
                         static_cast<std::size_t>(node[static_cast<std::size_t>(b)]));
    }
  }
  const double k = std::sqrt(1.0 / static_cast<double>(n));
  // Each round costs n^2: fewer rounds for big graphs keep it under a second.
  const int rounds = static_cast<int>(std::clamp(2e7 / static_cast<double>(n * n), 40.0, 400.0));
  std::vector<MapPoint> move(n);
  for (int round = 0; round < rounds; ++round) {
    const double temperature = 0.1 * (1 - static_cast<double>(round) / rounds) + 0.002;
    std::fill(move.begin(), move.end(), MapPoint{});
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        double dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        double d = std::max(std::hypot(dx, dy), 1e-6);
        double f = k * k / d;
        move[i].x += dx / d * f, move[i].y += dy / d * f;
        move[j].x -= dx / d * f, move[j].y -= dy / d * f;
      }
    }
    for (auto [i, j] : edges) {
      double dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      double d = std::max(std::hypot(dx, dy), 1e-6);
      double f = d * d / k;
      move[i].x -= dx / d * f, move[i].y -= dy / d * f;
      move[j].x += dx / d * f, move[j].y += dy / d * f;
    }
    for (std::size_t i = 0; i < n; ++i) {
      move[i].x += (0.5 - pos[i].x) * 0.5 * k * static_cast<double>(n) * k;
      move[i].y += (0.5 - pos[i].y) * 0.5 * k * static_cast<double>(n) * k;
      const double len = std::max(std::hypot(move[i].x, move[i].y), 1e-12);
      const double step = std::min(len, temperature);
      pos[i].x += move[i].x / len * step;
      pos[i].y += move[i].y / len * step;
    }
  }
  // Into [0, 1] x [0, 1], keeping proportions, centred.
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const MapPoint& p : pos) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  const double span = std::max({x1 - x0, y1 - y0, 1e-12});
  for (MapPoint& p : pos) {
    p.x = (p.x - x0) / span + (1 - (x1 - x0) / span) / 2;
    p.y = (p.y - y0) / span + (1 - (y1 - y0) / span) / 2;
  }
  return pos;
}

std::string map_svg(const Scenario& s, const Outcome& o, const MapSvgOptions& options) {
  double map_bottom = 0, legend_bottom = 0;
  const bool geojson = s.map && !s.map->features.empty();
  std::string body = geojson ? draw_geojson(s, o, map_bottom) : draw_graph(s, o, map_bottom);
  std::string key = legend(s, o, options, legend_bottom);
  key += terms_panel(s, o, legend_bottom);
  const double height = std::ceil(std::max(map_bottom, legend_bottom) + kMargin);
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" )"
      R"(font-family="Helvetica, Arial, sans-serif">)"
      "\n",
      kWidth, height, kWidth, height);
  out += "<title>" + escape(options.title) + "</title>\n";
  out += pattern_defs(s);
  out += fmt::format(R"(<rect width="100%" height="100%" fill="#ffffff"/>)" "\n");
  // About 12 px a character at 22 px bold: longer titles get a smaller font to fit the width.
  const std::string title = cut_utf8(options.title, 120);
  const double title_size = std::max(13.0, std::min(22.0, 22.0 * 75.0 / std::max<double>(1, title.size())));
  out += fmt::format(R"(<text class="title" x="{}" y="34" font-size="{:.1f}" font-weight="bold">{}</text>)" "\n",
                     kMargin, title_size, escape(title));
  if (!options.subtitle.empty()) {
    out += fmt::format(R"(<text class="subtitle" x="{}" y="58" font-size="14" fill="#555555">{}</text>)" "\n", kMargin,
                       escape(cut_utf8(options.subtitle, 120)));
  }
  out += body + key + "</svg>\n";
  return out;
}

}  // namespace parley::render
