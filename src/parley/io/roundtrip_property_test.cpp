// Writing a scenario and reading it back gives the same scenario, and the
// canonical text is a fixed point.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/model/conditions.h"
#include "random_scenario.h"

namespace parley {
namespace {

// Written, read back: the same scenario, and the same text again.
void read_back_same(const Scenario& s) {
  std::string text = write_scenario(s);
  auto back = read_scenario_text(text, "generated.json");
  if (!back) {
    for (const auto& e : back.errors()) RC_LOG() << e.pointer << ": " << e.message << "\n";
    RC_LOG() << text;
  }
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value() == s);
  RC_ASSERT(write_scenario(back.value()) == text);
}

RC_GTEST_PROP(ScenarioRoundTrip, ReadWhatWasWritten, ()) {
  Scenario s = *test::gen_scenario();
  read_back_same(s);
}

// With a currency: weights are money, and an item's may be negative (a debt).
// The status-quo reservation is a utility, resolved when read, so it stays out.
RC_GTEST_PROP(ScenarioRoundTrip, CurrencyAndDebtsRoundTrip, ()) {
  Scenario s = *test::gen_scenario();
  for (auto& p : s.preferences) {
    if (!p || p->reservation_is_status_quo) continue;
    p->currency = *rc::gen::element<std::string>("EUR", "USD", "CHF");
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].is_holding() && *rc::gen::arbitrary<bool>()) {
        p->issues[i].weight = -Rational(*rc::gen::inRange(1, 500000), *rc::gen::element(1, 100));
      }
    }
  }
  read_back_same(s);
}

// With random dynamics and drifts (any sign, exact fractions) on top.
RC_GTEST_PROP(ScenarioRoundTrip, DynamicsRoundTrip, ()) {
  Scenario s = *test::gen_scenario();
  auto fraction = [] { return Rational(*rc::gen::inRange(-50, 51), *rc::gen::inRange(1, 40)); };
  for (auto& p : s.preferences) {
    if (p && *rc::gen::arbitrary<bool>()) p->reservation_drift = fraction();
  }
  const int costs = *rc::gen::inRange(0, 3);
  for (int k = 0; k < costs; ++k) {
    s.dynamics.costs_of_delay.push_back({.what = "cost " + std::to_string(k),
                                         .per_period = Rational(*rc::gen::inRange(0, 10000), *rc::gen::inRange(1, 7)),
                                         .source = k == 0 ? "" : "a source",
                                         .meta = k == 1 ? R"({"n":1})" : ""});
  }
  const int shifts = *rc::gen::inRange(0, 3);
  for (int k = 0; k < shifts; ++k) {
    Condition when = test::random_condition(s);
    // The reader refuses a condition that can never hold.
    RC_PRE(satisfiable(s, when) != std::optional<bool>(false));
    s.dynamics.shifts.push_back({.when = std::move(when),
                                 .party = *rc::gen::inRange(0, static_cast<int>(s.parties.size())),
                                 .reservation_per_period = fraction()});
  }
  read_back_same(s);
}

// A map written inline ("geojson_data") is written back from the features
// parley keeps, with coordinates as the shortest decimals that read back to
// the same doubles: reading that gives the same features, labels and borders.
// The maps are jittered grids of cells (shared corners, so neighbours share
// borders), some cells background, some regions with a detached island (a
// MultiPolygon), at random scales and offsets, with coordinates of full
// double precision written as %.17g.
RC_GTEST_PROP(ScenarioRoundTrip, InlineGeoJsonMapsRoundTrip, ()) {
  const int rows = *rc::gen::inRange(1, 4);
  const int cols = *rc::gen::inRange(2, 5);
  const double scale = std::pow(10.0, *rc::gen::inRange(-3, 7));
  const double offset = *rc::gen::inRange(-1000, 1000) * scale;
  auto jitter = [] {
    // A double in [-0.1, 0.1) with all its bits random.
    return (static_cast<double>(*rc::gen::arbitrary<std::uint32_t>()) / 4294967296.0 - 0.5) / 5;
  };
  std::vector<std::vector<std::pair<double, double>>> corner(static_cast<std::size_t>(rows + 1));
  for (int i = 0; i <= rows; ++i) {
    for (int j = 0; j <= cols; ++j) corner[static_cast<std::size_t>(i)].emplace_back((j + jitter()) * scale + offset, (i + jitter()) * scale + offset);
  }
  auto position = [](double x, double y) { return fmt::format("[{:.17g}, {:.17g}]", x, y); };
  auto ring = [&](const std::vector<std::pair<double, double>>& points) {
    std::string out = "[";
    for (std::size_t k = 0; k <= points.size(); ++k) {
      const auto& [x, y] = points[k % points.size()];
      out += (k ? ", " : "") + position(x, y);
    }
    return out + "]";
  };
  const std::string key = *rc::gen::element<std::string>("id", "name", "code");
  std::string features, issues;
  std::vector<std::string> regions;
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      const int k = i * cols + j;
      const auto& lo = corner[static_cast<std::size_t>(i)];
      const auto& hi = corner[static_cast<std::size_t>(i + 1)];
      const std::size_t a = static_cast<std::size_t>(j), b = a + 1;
      std::string cell = "[" + ring({lo[a], lo[b], hi[b], hi[a]}) + "]";
      // The first cell is always a region, so that the scenario has one.
      const bool background = k > 0 && *rc::gen::inRange(0, 5) == 0;
      const std::string id = (background ? "bg" : "r") + std::to_string(k);
      std::string geometry = R"({"type": "Polygon", "coordinates": )" + cell + "}";
      if (!background && *rc::gen::inRange(0, 4) == 0) {
        // An island to the right of the grid, clear of everything else.
        const double x = (cols + 2 + 2 * k) * scale + offset, y = offset;
        const std::string island = "[" + ring({{x, y}, {x + scale / 2, y}, {x + scale / 2, y + scale / 2}, {x, y + scale / 2}}) + "]";
        geometry = R"({"type": "MultiPolygon", "coordinates": [)" + cell + ", " + island + "]}";
      }
      features += std::string(features.empty() ? "" : ", ") + R"({"type": "Feature", "properties": {")" + key +
                  R"(": ")" + id + R"(", "note": "dropped on writing"}, "geometry": )" + geometry + "}";
      if (!background) {
        issues += std::string(issues.empty() ? "" : ", ") + R"({"id": ")" + id + R"(", "kind": "region"})";
        regions.push_back(id);
      }
    }
  }
  const std::string listed = regions.size() > 1 ? R"(, "adjacency": [[")" + regions.front() + R"(", ")" + regions.back() + R"("]])" : "";
  const std::string text = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues +
                           R"(], "map": {"geojson_data": {"type": "FeatureCollection", "features": [)" + features +
                           R"(]}, "region_key": ")" + key + "\"" + listed + "}}";
  auto first = read_scenario_text(text, "generated.json");
  if (!first) {
    for (const auto& e : first.errors()) RC_LOG() << e.pointer << ": " << e.message << "\n";
    RC_LOG() << text;
  }
  RC_ASSERT(first.ok());
  RC_ASSERT(first.value().map->geojson_inline);
  const std::string written = write_scenario(first.value());
  auto back = read_scenario_text(written, "written.json");
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value() == first.value());
  RC_ASSERT(write_scenario(back.value()) == written);
}

RC_GTEST_PROP(ScenarioRoundTrip, OutcomesRoundTrip, ()) {
  Scenario s = *test::gen_scenario();
  Outcome o = *test::gen_outcome(s);
  auto back = read_outcome(outcome_to_json(s, o), s, "outcome.json");
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value() == o);
}

}  // namespace
}  // namespace parley
