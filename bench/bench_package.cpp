// The package optimiser (optimise/package.h) on contiguous map division: the
// flow and the cut formulation of `contiguous`, side by side in the same run,
// on 4-neighbour grids and random planar maps (tests/random_map.h: a jittered
// grid triangulated, 30% of the edges deleted while the map stays connected)
// of 16, 36, 100, 250 and 500 regions, 2 and 3 parties, each anchored at a region far
// from the others', every party weighting every region either by its distance
// from the party's anchor with noise (near_anchor, as in territorial disputes)
// or with an independent uniform integer in [1, 1000] (Spliddit's
// convention), reservations 0; objectives nash and egalitarian. The issue's
// goal (250 regions, two parties, Nash, under 30 s) over five seeds. Then the
// US lower 48 + DC from Natural Earth's GeoJSON, and the ceasefire example
// against the exact method (mediate::recommend).
//
//   parley_bench package                             everything (an hour or more at 60 s a run)
//   PARLEY_BENCH_PACKAGE=quick parley_bench package  maps of up to 100 regions, the goal, US, ceasefire
//   PARLEY_BENCH_PACKAGE=goal parley_bench package   the goal only (near-anchor, ten maps)
//   PARLEY_BENCH_PACKAGE=grid parley_bench package   issue 19's grid goal: 10x25 grid, uniform values, 2 parties, Nash
//   PARLEY_BENCH_PACKAGE=us parley_bench package     the US map only (issue 19's goal: 3 parties, uniform, Nash)
//   PARLEY_BENCH_PACKAGE_LIMIT=30                    seconds per run (default 60)
//   PARLEY_BENCH_PACKAGE_CASES=grid3,planar5         the goal's cases to run (default all ten)
//   PARLEY_BENCH_PACKAGE_FLOW=0                      leave the flow formulation out (it does not finish at 250)
//   PARLEY_BENCH_PACKAGE_LOG=1                       CBC's log on stderr (where the time goes)
//
// One run per case (a MIP's time varies far more between instances than between
// repeats); time limit kLimit seconds per run. Once a formulation hits the limit
// on a map family, its larger maps are skipped. Every answer is re-checked with
// analysis/constraints.h.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../tests/random_map.h"
#include "harness.h"
#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/frontier/frontier.h"
#include "parley/mediate/engine.h"
#include "parley/io/scenario_reader.h"
#include "parley/optimise/package.h"

namespace parley::bench {

namespace {

using optimise::Contiguity;
using optimise::PackageOptions;
using optimise::PackageResult;
using optimise::PackageStatus;

// Seconds per run: 60, or PARLEY_BENCH_PACKAGE_LIMIT.
const double kLimit = [] {
  const char* text = std::getenv("PARLEY_BENCH_PACKAGE_LIMIT");
  const double value = text ? std::atof(text) : 0;
  return value > 0 ? value : 60.0;
}();

bool env_is(const char* name, const char* value) {
  const char* text = std::getenv(name);
  return text != nullptr && std::string(text) == value;
}

// Whether the goal's case (e.g. "grid3", "planar5") is among PARLEY_BENCH_PACKAGE_CASES (all without it).
bool case_selected(const std::string& name) {
  const char* text = std::getenv("PARLEY_BENCH_PACKAGE_CASES");
  if (text == nullptr || *text == 0) return true;
  const std::string list = std::string(",") + text + ",";
  return list.find("," + name + ",") != std::string::npos;
}

const bool kNoFlow = env_is("PARLEY_BENCH_PACKAGE_FLOW", "0");

struct Run {
  std::optional<PackageResult> result;  // nullopt: the call failed (error) or was skipped
  std::string error;
  double seconds = 0;
  bool checked = false;  // passes check_constraints, utilities recomputed, every party above its reservation
};

bool verify(const Scenario& s, const PackageResult& r) {
  if (r.status != PackageStatus::optimal && r.status != PackageStatus::feasible) return true;
  for (const ConstraintCheck& c : check_constraints(s, r.outcome)) {
    if (!c.holds) return false;
  }
  const std::vector<Rational> u = Utilities(s).utilities(r.outcome);
  for (std::size_t p = 0; p < u.size(); ++p) {
    if (!(u[p] > s.preferences[p]->reservation)) return false;
  }
  return u == r.utilities;
}

Run solve(const Scenario& s, Method m, Contiguity c, double limit) {
  Run run;
  PackageOptions o;
  o.contiguity = c;
  o.time_limit = limit;
  o.log = env_is("PARLEY_BENCH_PACKAGE_LOG", "1");
  Result<PackageResult> r = Result<PackageResult>::fail("", "", "not run");
  run.seconds = median_seconds([&] { r = optimise::optimise_package(s, m, o); }, 1);
  if (!r) {
    run.error = r.errors().front().message;
    return run;
  }
  run.checked = verify(s, r.value());
  run.result = std::move(r).value();
  return run;
}

// nash: the product of gains; egalitarian: the gains, smallest first. Enough to
// say whether two optimal answers are equally good.
std::vector<Rational> objective_value(const Scenario& s, Method m, const std::vector<Rational>& u) {
  std::vector<Rational> gains;
  Rational product = 1;
  for (std::size_t p = 0; p < u.size(); ++p) {
    gains.push_back(u[p] - s.preferences[p]->reservation);
    product *= gains.back();
  }
  std::sort(gains.begin(), gains.end());
  return m == Method::nash ? std::vector<Rational>{product} : gains;
}

std::string status_text(const Run& run) {
  if (!run.result) return run.error.empty() ? "skipped" : "error";
  std::string text(optimise::status_name(run.result->status));
  if (run.result->status == PackageStatus::feasible) {
    char gap[32];
    std::snprintf(gap, sizeof gap, " %.1g", run.result->gap);
    text += gap;
  }
  return run.checked ? text : text + " CHECK FAILED";
}

std::string seconds_text(const Run& run) {
  if (!run.result) return "-";
  char text[32];
  std::snprintf(text, sizeof text, run.result->status == PackageStatus::optimal ? "%.2f" : ">%.0f", run.seconds);
  return text;
}

std::string count_text(const Run& run, bool nodes) {
  if (!run.result) return "-";
  return std::to_string(nodes ? run.result->nodes : run.result->mips);
}

// flow/cuts time, and whether both optimal answers have the same objective value.
std::pair<std::string, std::string> compare(const Scenario& s, Method m, const Run& flow, const Run& cuts) {
  const bool both = flow.result && cuts.result && flow.result->status == PackageStatus::optimal &&
                    cuts.result->status == PackageStatus::optimal;
  if (!both) return {"-", "-"};
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.2fx", flow.seconds / cuts.seconds);
  const bool same = objective_value(s, m, flow.result->utilities) == objective_value(s, m, cuts.result->utilities);
  return {ratio, same ? "yes" : "DIFFER"};
}

void print_header() {
  std::printf("%-24s %5s %5s %2s %-11s | %-14s %8s %8s %4s | %-14s %8s %8s %4s | %9s %5s  %s\n", "map", "regs",
              "edges", "n", "objective", "flow status", "seconds", "nodes", "mips", "cuts status", "seconds", "nodes",
              "mips", "flow/cuts", "same", "cuts formulation");
}

// Solves one scenario both ways and prints the row; `skip` per formulation.
void both_ways(const std::string& name, int regions, std::size_t edges, int parties, const Scenario& s, Method m,
               bool skip_flow, bool skip_cuts, Run& flow, Run& cuts) {
  flow = skip_flow || kNoFlow ? Run{} : solve(s, m, Contiguity::flow, kLimit);
  cuts = skip_cuts ? Run{} : solve(s, m, Contiguity::cuts, kLimit);
  auto [ratio, same] = compare(s, m, flow, cuts);
  std::string formulation = cuts.result ? cuts.result->formulation : cuts.error;
  if (!flow.error.empty()) formulation += " [flow error: " + flow.error + "]";
  std::printf("%-24s %5d %5zu %2d %-11s | %-14s %8s %8s %4s | %-14s %8s %8s %4s | %9s %5s  %s\n", name.c_str(), regions,
              edges, parties, std::string(method_name(m)).c_str(), status_text(flow).c_str(),
              seconds_text(flow).c_str(), count_text(flow, true).c_str(), count_text(flow, false).c_str(),
              status_text(cuts).c_str(), seconds_text(cuts).c_str(), count_text(cuts, true).c_str(),
              count_text(cuts, false).c_str(), ratio.c_str(), same.c_str(), formulation.c_str());
  std::fflush(stdout);
}

bool unfinished(const Run& run) { return run.result && run.result->status != PackageStatus::optimal; }

void map_division(bool quick) {
  // 16 and 36 first: where the optimiser still finishes.
  const std::vector<int> sizes = quick ? std::vector<int>{16, 36, 100} : std::vector<int>{16, 36, 100, 250, 500};
  const std::map<int, std::pair<int, int>> grids{{16, {4, 4}}, {36, {6, 6}}, {100, {10, 10}}, {250, {10, 25}}, {500, {20, 25}}};
  for (test::MapValues values : {test::MapValues::near_anchor, test::MapValues::uniform}) {
    std::printf("\nvalues: %s\n", values == test::MapValues::uniform
                                       ? "uniform (independent uniform integers in [1, 1000])"
                                       : "near_anchor (falling with the distance from the party's anchor, +-50% noise)");
    print_header();
    for (int parties : {2, 3}) {
      for (bool planar : {false, true}) {
        for (Method m : {Method::nash, Method::egalitarian}) {
          bool flow_stopped = false, cuts_stopped = false;
          for (int size : sizes) {
            if (flow_stopped && cuts_stopped) break;
            const test::PlanarMap map =
                planar ? test::random_planar_map(size, 1) : test::grid_map(grids.at(size).first, grids.at(size).second);
            test::MapScenarioOptions o;
            o.parties = parties;
            o.seed = 1;
            o.anchors = true;
            o.values = values;
            const Scenario s = test::map_scenario(map, o);
            Run flow, cuts;
            both_ways(map.name, map.regions, map.edges.size(), parties, s, m, flow_stopped, cuts_stopped, flow, cuts);
            flow_stopped = flow_stopped || unfinished(flow);
            cuts_stopped = cuts_stopped || unfinished(cuts);
          }
        }
      }
    }
  }
}

// One row of a goal: two parties anchored far apart on `map`, Nash, the cuts
// formulation (flow alongside for seed 1 only: it does not finish at 250
// regions); the cuts run.
Run two_party_nash(const test::PlanarMap& map, std::uint64_t seed, test::MapValues values) {
  test::MapScenarioOptions o;
  o.parties = 2;
  o.seed = seed;
  o.anchors = true;
  o.values = values;
  const Scenario s = test::map_scenario(map, o);
  Run flow, cuts;
  both_ways(map.name + " seed " + std::to_string(seed), map.regions, map.edges.size(), 2, s, Method::nash, seed != 1,
            false, flow, cuts);
  return cuts;
}

// The goal: a map of about 254 regions divided Nash-optimally between
// two parties, contiguous, in under 30 s. Near-anchor values, seeds 1-5, the
// grid 10x25 and the random planar map of 250 regions, cuts formulation
// (flow alongside for the first seed only: it does not finish).
void goal() {
  std::printf("\ngoal: 250 regions, 2 parties, Nash, near_anchor values, seeds 1-5, time limit %.0f s\n", kLimit);
  print_header();
  int proved = 0, runs = 0, under_30 = 0;
  for (bool planar : {false, true}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      if (!case_selected((planar ? "planar" : "grid") + std::to_string(seed))) continue;
      const test::PlanarMap map = planar ? test::random_planar_map(250, seed) : test::grid_map(10, 25);
      Run cuts = two_party_nash(map, seed, test::MapValues::near_anchor);
      ++runs;
      if (cuts.result && cuts.result->status == PackageStatus::optimal) {
        ++proved;
        if (cuts.seconds < 30) ++under_30;
      }
    }
  }
  std::printf("goal summary: %d of %d proved optimal within the limit, %d of them in under 30 s\n", proved, runs,
              under_30);
}

// Issue 19's grid goal: the 10x25 grid (250 regions) with independent uniform
// values, two parties anchored far apart, Nash, cuts formulation (flow
// alongside unless PARLEY_BENCH_PACKAGE_FLOW=0), seeds 1-3; the goal is a
// proof within 120 s.
void uniform_grid() {
  std::printf("\ngrid goal: grid 10x25, 2 parties, Nash, uniform values, seeds 1-3, time limit %.0f s\n", kLimit);
  print_header();
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    if (!case_selected("grid" + std::to_string(seed))) continue;
    two_party_nash(test::grid_map(10, 25), seed, test::MapValues::uniform);
  }
}

// The lower 48 states and DC, each a region, on Natural Earth's 1:110m GeoJSON.
// goal_only: issue 19's goal alone (3 parties, Nash, both value kinds).
void us_states(bool goal_only = false) {
  const std::string geojson =
      std::filesystem::weakly_canonical(PARLEY_SHARED_DIR "/data/maps/ne_110m_admin_1_states_provinces.json").string();
  const std::vector<std::string> states{"AL", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "ID", "IL", "IN",
                                        "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
                                        "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
                                        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"};
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "parley-bench-package";
  std::filesystem::create_directories(dir);
  std::printf("\nUS lower 48 + DC (%s, region_key postal), anchors WA / ME (/ TX), uniform and near_anchor weights:\n",
              geojson.c_str());
  const std::vector<std::string> anchors{"WA", "ME", "TX"};
  auto scenario_json = [&](int parties, const std::vector<std::vector<int>>& weights) {
    std::string j = "{\"parley\": 1, \"parties\": [";
    for (int p = 0; p < parties; ++p) j += (p ? ", " : "") + std::string("{\"id\": \"p") + std::to_string(p) + "\"}";
    j += "], \"issues\": [";
    for (std::size_t k = 0; k < states.size(); ++k) j += (k ? ", " : "") + std::string("{\"id\": \"") + states[k] + "\", \"kind\": \"region\"}";
    j += "], \"map\": {\"geojson\": \"" + geojson + "\", \"region_key\": \"postal\"}, \"rules\": [{\"rule\": \"contiguous\", \"anchors\": {";
    for (int p = 0; p < parties; ++p) j += (p ? ", " : "") + std::string("\"p") + std::to_string(p) + "\": \"" + anchors[static_cast<std::size_t>(p)] + "\"";
    j += "}}], \"preferences\": {";
    for (int p = 0; p < parties; ++p) {
      j += (p ? ", " : "") + std::string("\"p") + std::to_string(p) + "\": {\"weights\": {";
      for (std::size_t k = 0; k < states.size(); ++k) {
        j += (k ? ", " : "") + std::string("\"") + states[k] + "\": " + std::to_string(weights[static_cast<std::size_t>(p)][k]);
      }
      j += "}}";
    }
    return j + "}}";
  };
  auto read = [&](const std::string& name, const std::string& json) -> std::optional<Scenario> {
    const std::filesystem::path file = dir / name;
    std::ofstream(file) << json;
    Result<Scenario> s = read_scenario_file(file.string());
    if (!s) {
      std::printf("  skipped: the scenario cannot be read (%s: %s: %s)\n", file.c_str(),
                  s.errors().front().pointer.c_str(), s.errors().front().message.c_str());
      return std::nullopt;
    }
    return std::move(s).value();
  };
  print_header();
  for (int parties : {2, 3}) {
    if (goal_only && parties != 3) continue;
    std::mt19937_64 random(static_cast<std::uint64_t>(parties) * 7919);
    std::uniform_int_distribution<int> weight(1, 1000);
    std::vector<std::vector<int>> uniform(static_cast<std::size_t>(parties));
    for (auto& w : uniform) {
      for (std::size_t k = 0; k < states.size(); ++k) w.push_back(weight(random));
    }
    std::optional<Scenario> s = read("us-" + std::to_string(parties) + "p.json", scenario_json(parties, uniform));
    if (!s) return;
    // Near-anchor values (tests/random_map.h's rule) on the map's own borders.
    std::vector<std::vector<int>> near(static_cast<std::size_t>(parties));
    test::PlanarMap borders;
    borders.regions = static_cast<int>(states.size());
    borders.edges.assign(s->map->adjacency.begin(), s->map->adjacency.end());
    for (int p = 0; p < parties; ++p) {
      const auto anchor = static_cast<int>(std::find(states.begin(), states.end(), anchors[static_cast<std::size_t>(p)]) - states.begin());
      const std::vector<int> hops = test::hop_distances(borders, anchor);
      const int farthest = std::max(1, *std::max_element(hops.begin(), hops.end()));
      for (std::size_t k = 0; k < states.size(); ++k) {
        near[static_cast<std::size_t>(p)].push_back(test::near_anchor_weight(std::max(0, hops[k]), farthest, weight(random)));
      }
    }
    std::optional<Scenario> near_s = read("us-" + std::to_string(parties) + "p-near.json", scenario_json(parties, near));
    const std::size_t edges = s->map->adjacency.size();
    for (Method m : {Method::nash, Method::egalitarian}) {
      if (goal_only && m != Method::nash) continue;
      Run flow, cuts;
      both_ways("US 49, uniform", static_cast<int>(states.size()), edges, parties, *s, m, false, false, flow, cuts);
      if (near_s) both_ways("US 49, near_anchor", static_cast<int>(states.size()), edges, parties, *near_s, m, false, false, flow, cuts);
    }
  }
}

// examples/ceasefire.json: the optimiser against the exact frontier method, every method.
void ceasefire() {
  const std::string path = PARLEY_SOURCE_DIR "/examples/ceasefire.json";
  Result<Scenario> read = read_scenario_file(path);
  if (!read) {
    std::printf("\nceasefire: cannot read %s\n", path.c_str());
    return;
  }
  const Scenario& s = read.value();
  std::printf("\nexamples/ceasefire.json end to end (median of 5): optimise_package against recommend (exact frontier)\n");
  std::printf("%-12s %12s | %-10s %10s %7s %6s | %-10s %10s %7s %6s | %s\n", "method", "recommend ms", "flow", "ms",
              "vs rec", "same", "cuts", "ms", "vs rec", "same", "note");
  for (Method m : {Method::nash, Method::ks, Method::egalitarian, Method::utilitarian, Method::mnw, Method::leximin}) {
    std::optional<SolveResponse> rec;
    const double rec_seconds = median_seconds([&] { rec = solve(s, SolveRequest{.method = m}).value(); }, 5);
    std::string cells[2][4];
    std::string note;
    int k = 0;
    for (Contiguity c : {Contiguity::flow, Contiguity::cuts}) {
      PackageOptions o;
      o.contiguity = c;
      o.time_limit = kLimit;
      std::optional<Result<PackageResult>> r;
      const double t = median_seconds([&] { r = optimise::optimise_package(s, m, o); }, 5);
      if (!*r) {
        cells[k][0] = "error";
        note += std::string(optimise::contiguity_name(c)) + ": " + r->errors().front().message + " ";
      } else {
        const PackageResult& g = r->value();
        cells[k][0] = std::string(optimise::status_name(g.status)) + (verify(s, g) ? "" : " CHECK FAILED");
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", t * 1e3);
        cells[k][1] = text;
        std::snprintf(text, sizeof text, "%.1fx", t / rec_seconds);
        cells[k][2] = text;
        // Equal utilities; otherwise, for the methods that allow ties, look at the printed values.
        cells[k][3] = g.utilities == rec->evaluation.utilities ? "yes" : "no";
        if (g.utilities != rec->evaluation.utilities && !g.utilities.empty()) {
          note += std::string(optimise::contiguity_name(c)) + " (" + g.utilities[0].str() + ", " + g.utilities[1].str() +
                  ") vs rec (" + rec->evaluation.utilities[0].str() + ", " + rec->evaluation.utilities[1].str() + ") ";
        }
      }
      ++k;
    }
    std::printf("%-12s %12.2f | %-10s %10s %7s %6s | %-10s %10s %7s %6s | %s\n",
                std::string(method_name(m)).c_str(), rec_seconds * 1e3, cells[0][0].c_str(),
                cells[0][1].c_str(), cells[0][2].c_str(), cells[0][3].c_str(), cells[1][0].c_str(), cells[1][1].c_str(),
                cells[1][2].c_str(), cells[1][3].c_str(), note.c_str());
    std::fflush(stdout);
  }
}

void package_benchmarks() {
  const char* mode = std::getenv("PARLEY_BENCH_PACKAGE");
  const bool quick = mode != nullptr && std::string(mode) == "quick";
  std::printf("inputs: contiguous division of grids (4x4, 6x6, 10x10, 10x25, 20x25) and random planar maps\n"
              "(tests/random_map.h, seed 1) of the same sizes, %s regions; 2 and 3 parties anchored far apart; weights per party\n"
              "and region (seed 1) near_anchor (falling with the distance from the party's anchor, +-50%% noise) or uniform\n"
              "integers in [1, 1000]; reservations 0. One run each, time limit %.0f s; a formulation that hits\n"
              "it on a family skips that family's larger maps. seconds: wall clock of optimise_package; nodes, mips:\n"
              "PackageResult. flow/cuts: time ratio (baseline: cuts, same run). same: equal exact objective value.%s\n\n",
              quick ? "16, 36, 100" : "16, 36, 100, 250, 500", kLimit,
              quick ? "" : " PARLEY_BENCH_PACKAGE=quick: up to 100.");
  if (mode != nullptr && std::string(mode) == "goal") {
    goal();
    return;
  }
  if (mode != nullptr && std::string(mode) == "grid") {
    uniform_grid();
    return;
  }
  if (mode != nullptr && std::string(mode) == "us") {
    us_states(true);
    return;
  }
  map_division(quick);
  goal();
  uniform_grid();
  us_states();
  ceasefire();
  std::printf("peak RSS: %.1f MiB\n", peak_rss_mib());
}

const Register kPackage{"package", package_benchmarks};

}  // namespace

}  // namespace parley::bench
