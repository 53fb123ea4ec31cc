// `parley_bench facade`: what the facade's verification costs. For each
// bundled example and method, the whole solve() call (engine, explanation,
// fairness report and every re-check, Pareto optimality by a second engine
// included) against the engine alone on the same input: the exact frontier
// plus choose() for the solution concepts, solve_goods() for the procedures.
// The ratio is the price of never printing an unchecked answer.
#include <cstdio>
#include <string>

#include "harness.h"
#include "parley/analysis/bargaining.h"
#include "parley/frontier/frontier.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

double engine_alone(const Scenario& s, Method m) {
  if (!is_solution_concept(m)) {
    return median_seconds([&] { keep(fairdiv::solve_goods(s, m, {}, "bench").ok()); });
  }
  std::vector<Rational> r;
  for (const auto& p : s.preferences) r.push_back(p->reservation);
  return median_seconds([&] {
    Result<pareto::Frontier> f = pareto::pareto_frontier(s, {}, "bench");
    std::vector<std::vector<Rational>> points;
    for (std::size_t k = 0; k < f.value().size(); ++k) points.push_back(f.value().utilities(k));
    keep(choose(points, r, m));
  });
}

void run() {
  std::printf("inputs: the bundled examples; solve() (verified) vs the engine alone, median of 7\n"
              "overhead: solve() less the engine, what the facade adds to a call (explanation, fairness report,\n"
              "every re-check); issue 19's goal: at most 0.2 ms. Start-up (reading, the process) is not in it:\n"
              "hyperfine -N 'build/parley solve examples/ceasefire.json --quiet' measures that (goal 3 ms).\n");
  std::printf("%-34s %12s %12s %8s %12s %-8s  %s\n", "example / method", "engine ms", "solve() ms", "ratio",
              "overhead ms", "goal", "Pareto re-checked by");
  const std::pair<const char*, std::vector<Method>> cases[] = {
      {"examples/ceasefire.json", {Method::nash, Method::ks, Method::egalitarian, Method::utilitarian}},
      {"examples/divorce.json", {Method::nash, Method::aw, Method::round_robin, Method::envy_cycle}},
      {"examples/river-valley.json", {Method::nash, Method::egalitarian}},
  };
  for (const auto& [file, methods] : cases) {
    Result<Scenario> s = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/" + file);
    if (!s) continue;
    for (Method m : methods) {
      Result<SolveResponse> once = solve(s.value(), {.method = m});
      if (!once) continue;
      const double engine = engine_alone(s.value(), m);
      const double facade = median_seconds([&] { keep(solve(s.value(), {.method = m}).ok()); });
      std::string how = once.value().verified.empty() ? "" : once.value().verified.back();
      how = how.find("search of every package") != std::string::npos ? "search of every package"
            : how.find("package optimiser") != std::string::npos ? "package optimiser"
            : how.find("exact frontier") != std::string::npos ? "exact frontier"
                                                               : "not settled";
      const double overhead = facade - engine;
      std::printf("%-34s %12.3f %12.3f %7.1fx %12.3f %-8s  %s\n",
                  (std::string(file).substr(9) + " " + std::string(method_name(m))).c_str(), engine * 1e3,
                  facade * 1e3, facade / engine, overhead * 1e3, overhead <= 0.2e-3 ? "met" : "NOT met", how.c_str());
    }
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

Register registered("facade", run);

}  // namespace

}  // namespace parley::bench
