#include "random_map.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "parley/io/scenario_reader.h"

namespace parley::test {

namespace {

std::size_t at(int k) { return static_cast<std::size_t>(k); }

std::vector<std::vector<int>> neighbours(int regions, const std::vector<std::pair<int, int>>& edges) {
  std::vector<std::vector<int>> out(at(regions));
  for (auto [a, b] : edges) {
    out[at(a)].push_back(b);
    out[at(b)].push_back(a);
  }
  return out;
}

// Breadth-first distances from the sources; -1 where unreachable.
std::vector<int> distances(const std::vector<std::vector<int>>& adjacent, const std::vector<int>& sources) {
  std::vector<int> d(adjacent.size(), -1);
  std::deque<int> queue;
  for (int s : sources) {
    d[at(s)] = 0;
    queue.push_back(s);
  }
  while (!queue.empty()) {
    int v = queue.front();
    queue.pop_front();
    for (int w : adjacent[at(v)]) {
      if (d[at(w)] < 0) {
        d[at(w)] = d[at(v)] + 1;
        queue.push_back(w);
      }
    }
  }
  return d;
}

bool connected(int regions, const std::vector<std::pair<int, int>>& edges) {
  if (regions == 0) return true;
  auto d = distances(neighbours(regions, edges), {0});
  return std::none_of(d.begin(), d.end(), [](int x) { return x < 0; });
}

std::string region(int k) { return "r" + std::to_string(k); }
std::string party(int p) { return "p" + std::to_string(p); }
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string owner_condition(int r, int p) {
  return "{\"issue\": " + quoted(region(r)) + ", \"owner\": " + quoted(party(p)) + "}";
}

}  // namespace

PlanarMap grid_map(int rows, int cols) {
  PlanarMap m;
  m.regions = rows * cols;
  m.name = "grid " + std::to_string(rows) + "x" + std::to_string(cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      m.points.emplace_back(c, r);
      if (c + 1 < cols) m.edges.emplace_back(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows) m.edges.emplace_back(r * cols + c, (r + 1) * cols + c);
    }
  }
  std::sort(m.edges.begin(), m.edges.end());
  return m;
}

PlanarMap random_planar_map(int regions, std::uint64_t seed, double deletion) {
  std::mt19937_64 random(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(regions));
  std::uniform_real_distribution<double> jitter(-0.35, 0.35);
  std::uniform_real_distribution<double> unit(0, 1);
  PlanarMap m;
  m.regions = regions;
  m.name = "planar " + std::to_string(regions) + " (seed " + std::to_string(seed) + ")";
  const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(regions)))));
  auto index = [&](int r, int c) { return r * cols + c; };
  auto exists = [&](int r, int c) { return c < cols && index(r, c) < regions; };
  for (int k = 0; k < regions; ++k) m.points.emplace_back(k % cols + jitter(random), k / cols + jitter(random));
  std::set<std::pair<int, int>> edges;
  auto link = [&](int a, int b) { edges.insert({std::min(a, b), std::max(a, b)}); };
  for (int k = 0; k < regions; ++k) {
    const int r = k / cols, c = k % cols;
    if (exists(r, c + 1)) link(k, index(r, c + 1));
    if (exists(r + 1, c)) link(k, index(r + 1, c));
    // One diagonal per complete cell: the shorter one of the jittered points,
    // as a Delaunay triangulation would mostly choose, with a random one on near-ties.
    if (exists(r, c + 1) && exists(r + 1, c) && exists(r + 1, c + 1)) {
      auto length = [&](int a, int b) {
        double dx = m.points[at(a)].first - m.points[at(b)].first, dy = m.points[at(a)].second - m.points[at(b)].second;
        return dx * dx + dy * dy;
      };
      const double main = length(k, index(r + 1, c + 1)), anti = length(index(r, c + 1), index(r + 1, c));
      const bool take_main = std::abs(main - anti) < 0.2 ? unit(random) < 0.5 : main < anti;
      if (take_main) {
        link(k, index(r + 1, c + 1));
      } else {
        link(index(r, c + 1), index(r + 1, c));
      }
    }
  }
  std::vector<std::pair<int, int>> list(edges.begin(), edges.end());
  std::vector<std::size_t> order(list.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), random);
  std::vector<bool> keep(list.size(), true);
  for (std::size_t k : order) {
    if (unit(random) >= deletion) continue;
    keep[k] = false;
    std::vector<std::pair<int, int>> rest;
    for (std::size_t e = 0; e < list.size(); ++e) {
      if (keep[e]) rest.push_back(list[e]);
    }
    if (!connected(regions, rest)) keep[k] = true;
  }
  for (std::size_t e = 0; e < list.size(); ++e) {
    if (keep[e]) m.edges.push_back(list[e]);
  }
  return m;
}

bool is_connected(const PlanarMap& m) { return connected(m.regions, m.edges); }

int near_anchor_weight(int hops, int farthest, int draw) {
  // 1000 at the anchor falling to 200 at the farthest region, times a
  // uniform factor in [0.5, 1.5].
  const double base = 1000.0 * (1.0 - 0.8 * hops / std::max(1, farthest));
  return static_cast<int>(std::clamp(std::lround(base * (0.5 + draw / 1000.0)), 1L, 1000L));
}

std::vector<int> hop_distances(const PlanarMap& m, int from) { return distances(neighbours(m.regions, m.edges), {from}); }

std::string map_scenario_json(const PlanarMap& m, const MapScenarioOptions& o) {
  std::mt19937_64 random(o.seed * 0xD1B54A32D192ED03ULL + static_cast<std::uint64_t>(m.regions) * 31 +
                         static_cast<std::uint64_t>(o.parties));
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  const auto adjacent = neighbours(m.regions, m.edges);
  std::string j = "{\n  \"parley\": 1,\n  \"title\": " + quoted(m.name + ", " + std::to_string(o.parties) + " parties") +
                  ",\n  \"parties\": [";
  for (int p = 0; p < o.parties; ++p) j += std::string(p ? ", " : "") + "{\"id\": " + quoted(party(p)) + "}";
  j += "],\n  \"issues\": [\n";
  for (int k = 0; k < m.regions; ++k) {
    j += "    {\"id\": " + quoted(region(k)) + ", \"kind\": \"region\"" +
         (o.joint_neutral ? ", \"joint\": true, \"neutral\": true" : "") + "}" + (k + 1 < m.regions ? ",\n" : "\n");
  }
  j += "  ],\n  \"map\": {\"adjacency\": [";
  for (std::size_t e = 0; e < m.edges.size(); ++e) {
    j += std::string(e ? ", " : "") + "[" + quoted(region(m.edges[e].first)) + ", " + quoted(region(m.edges[e].second)) + "]";
  }
  for (int k = 0; k < m.regions; ++k) {
    if (adjacent[at(k)].empty()) j += std::string(m.edges.empty() && k == 0 ? "" : ", ") + "[" + quoted(region(k)) + "]";
  }
  j += "]},\n  \"rules\": [";
  std::vector<std::string> rules;
  std::vector<int> anchors;
  if (o.contiguous) {
    std::string rule = "{\"rule\": \"contiguous\"";
    if (o.anchors && m.regions >= o.parties) {
      // Farthest-point spread: each next anchor as far as possible from the ones chosen.
      anchors.push_back(uniform(0, m.regions - 1));
      while (static_cast<int>(anchors.size()) < o.parties) {
        auto d = distances(adjacent, anchors);
        anchors.push_back(static_cast<int>(std::max_element(d.begin(), d.end()) - d.begin()));
      }
      rule += ", \"anchors\": {";
      for (int p = 0; p < o.parties; ++p) rule += std::string(p ? ", " : "") + quoted(party(p)) + ": " + quoted(region(anchors[at(p)]));
      rule += "}";
    }
    rules.push_back(rule + "}");
  }
  for (int k = 0; k < o.count_rules && m.regions > 0; ++k) {
    std::set<int> chosen;
    const int size = std::min(m.regions, uniform(2, 6));
    while (static_cast<int>(chosen.size()) < size) chosen.insert(uniform(0, m.regions - 1));
    std::string list;
    for (int r : chosen) list += std::string(list.empty() ? "" : ", ") + quoted(region(r));
    const int lo = uniform(0, size), hi = uniform(lo, size);
    std::string rule = "{\"rule\": \"count\", \"party\": " + quoted(party(uniform(0, o.parties - 1))) + ", \"issues\": [" +
                       list + "]";
    if (uniform(0, 1)) rule += ", \"min\": " + std::to_string(lo);
    rules.push_back(rule + ", \"max\": " + std::to_string(hi) + "}");
  }
  for (int k = 0; k < o.implies_rules && m.regions > 1; ++k) {
    const int a = uniform(0, m.regions - 1);
    int b = uniform(0, m.regions - 2);
    b += b >= a ? 1 : 0;
    rules.push_back("{\"rule\": \"implies\", \"if\": " + owner_condition(a, uniform(0, o.parties - 1)) +
                    ", \"then\": " + owner_condition(b, uniform(0, o.parties - 1)) + "}");
  }
  for (int k = 0; k < o.same_owner_rules && !m.edges.empty(); ++k) {
    auto [a, b] = m.edges[at(uniform(0, static_cast<int>(m.edges.size()) - 1))];
    rules.push_back("{\"rule\": \"same_owner\", \"issues\": [" + quoted(region(a)) + ", " + quoted(region(b)) + "]}");
  }
  for (std::size_t k = 0; k < rules.size(); ++k) j += std::string(k ? ",\n    " : "\n    ") + rules[k];
  j += "\n  ],\n  \"preferences\": {\n";
  for (int p = 0; p < o.parties; ++p) {
    j += "    " + quoted(party(p)) + ": {\"weights\": {";
    std::vector<int> hops;
    int farthest = 1;
    if (o.values == MapValues::near_anchor && !anchors.empty()) {
      hops = distances(adjacent, {anchors[at(p)]});
      farthest = std::max(1, *std::max_element(hops.begin(), hops.end()));
    }
    for (int k = 0; k < m.regions; ++k) {
      int w = uniform(1, 1000);
      // Unreachable regions (none on a connected map) count as the farthest.
      if (!hops.empty()) w = near_anchor_weight(hops[at(k)] < 0 ? farthest : hops[at(k)], farthest, w);
      j += std::string(k ? ", " : "") + quoted(region(k)) + ": " + std::to_string(w);
    }
    j += "}";
    if (o.reservation > 0) {
      // Thousandths, so that the reservation is an exact short decimal.
      const long long thousandths = std::llround(o.reservation * 1000.0 / o.parties);
      j += ", \"reservation\": \"" + std::to_string(thousandths) + "/1000\"";
    }
    if (o.red_lines_per_party > 0 && m.regions > 0) {
      j += ", \"red_lines\": [";
      for (int k = 0; k < o.red_lines_per_party; ++k) {
        j += std::string(k ? ", " : "") + owner_condition(uniform(0, m.regions - 1), p);
      }
      j += "]";
    }
    j += std::string("}") + (p + 1 < o.parties ? ",\n" : "\n");
  }
  j += "  }\n}\n";
  return j;
}

Scenario map_scenario(const PlanarMap& m, const MapScenarioOptions& options) {
  Result<Scenario> s = read_scenario_text(map_scenario_json(m, options), m.name);
  if (!s) {
    const Diagnostic& d = s.errors().front();
    throw std::runtime_error("map_scenario: " + d.pointer + ": " + d.message);
  }
  return std::move(s).value();
}

}  // namespace parley::test
