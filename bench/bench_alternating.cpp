// `parley_bench alternating`: negotiations per second for solve --method
// alternating (the subgame-perfect equilibrium of alternating offers, 52
// periods by default), on the ceasefire example and on synthetic Genius-style
// domains from ../shared/bench/gen_synth.py. Baseline, measured in the same
// run: the exact frontier of every feasible outcome alone, which the method
// cannot do without; then the backward induction alone (its share), and at
// ten times the periods (it grows linearly in T; per period a binary search
// with two parties, a pass over the frontier with three or more).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "parley/frontier/frontier.h"
#include "parley/io/genius_import.h"
#include "parley/mediate/alternating.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

std::vector<std::vector<Rational>> all_feasible_frontier(const Scenario& s) {
  pareto::FrontierOptions options;
  options.individually_rational = false;
  Result<pareto::Frontier> f = pareto::pareto_frontier(s, options, "bench");
  std::vector<std::vector<Rational>> points;
  if (!f) return points;
  for (std::size_t k = 0; k < f.value().size(); ++k) points.push_back(f.value().utilities(k));
  return points;
}

void run_case(const std::string& name, const Scenario& s) {
  Result<SolveResponse> once = solve(s, {.method = Method::alternating});
  if (!once || !once.value().alternating) {
    std::printf("%-26s failed: %s\n", name.c_str(), once ? once.value().note.c_str() : once.errors().front().message.c_str());
    return;
  }
  const int repeats = 7;
  const double facade = median_seconds([&] { keep(solve(s, {.method = Method::alternating}).ok()); }, repeats);
  const double frontier = median_seconds([&] { keep(all_feasible_frontier(s).size()); }, repeats);
  const std::vector<std::vector<Rational>> points = all_feasible_frontier(s);
  mediate::AlternatingGame game;
  for (const auto& p : s.preferences) {
    game.reservations.push_back(p->reservation);
    game.delay_costs.push_back(p->delay_cost);
  }
  const double induction = median_seconds([&] { keep(mediate::backward_induction(points, game, {}).complete); }, repeats);
  game.periods = 520;
  const double induction_520 =
      median_seconds([&] { keep(mediate::backward_induction(points, game, {}).complete); }, repeats);
  std::printf("%-26s %8zu %10.1f %12.3f %12.3f %7.2fx %12.3f %12.3f\n", name.c_str(), points.size(), 1 / facade,
              facade * 1e3, frontier * 1e3, facade / frontier, induction * 1e3, induction_520 * 1e3);
}

// gen_synth.py's domain (seed 1), imported as Genius files are, with weekly
// delay costs added (Genius domains have none): 0.01 for the first party,
// 0.015 for the second, 0.02 for a third.
std::optional<Scenario> synthetic(int parties, int issues, int values) {
  const std::string dir = "/tmp/parley-bench-alternating-" + std::to_string(parties) + "p-" + std::to_string(issues) +
                          "x" + std::to_string(values);
  const std::string command = "python3 " PARLEY_SHARED_DIR "/bench/gen_synth.py " + dir + " " +
                              std::to_string(issues) + " " + std::to_string(values) + " 1 " + std::to_string(parties);
  if (std::system(command.c_str()) != 0) return std::nullopt;
  std::vector<std::string> profiles;
  for (int p = 1; p <= parties; ++p) profiles.push_back(dir + "/prof" + std::to_string(p) + ".xml");
  Result<Imported> imported = import_genius(dir + "/domain.xml", profiles);
  if (!imported) return std::nullopt;
  Scenario s = imported.value().scenario;
  for (std::size_t p = 0; p < s.preferences.size(); ++p) s.preferences[p]->delay_cost = Rational(2 + static_cast<int>(p), 200);
  return s;
}

void run() {
  std::printf("inputs: examples/ceasefire.json (delay costs as in the file); gen_synth.py OUT ISSUES VALUES 1 PARTIES\n"
              "(seed 1) imported with parley's Genius importer, delay costs 0.01 / 0.015 / 0.02 a period, reservations 0.\n"
              "solve(): --method alternating, T = 52, verified (the facade's whole call); baseline: the exact frontier of\n"
              "every feasible outcome alone; induction: the backward induction alone at T = 52 and T = 520. Medians of 7.\n\n");
  std::printf("%-26s %8s %10s %12s %12s %8s %12s %12s\n", "case", "frontier", "per second", "solve() ms", "frontier ms",
              "ratio", "T=52 ms", "T=520 ms");
  Result<Scenario> ceasefire = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  if (ceasefire) run_case("ceasefire", ceasefire.value());
  const int domains[][3] = {{2, 30, 10}, {3, 6, 10}};
  for (const auto& d : domains) {
    std::optional<Scenario> s = synthetic(d[0], d[1], d[2]);
    if (!s) continue;
    run_case(std::to_string(d[0]) + "p " + std::to_string(d[1]) + "x" + std::to_string(d[2]) + " synthetic", *s);
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

const Register kAlternating{"alternating", run};

}  // namespace

}  // namespace parley::bench
