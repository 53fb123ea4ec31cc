// `parley_bench time-limits`: does --time-limit hold on the inputs that broke
// it (issue 13)? Each case reads a generated goods scenario from text and
// runs the call with its clock started before the reading, as the command
// does; it prints the limit, the wall time, the response's `seconds` and the
// overrun, which the contract keeps within max(0.5 s, 5%) (mediate/engine.h).
// One run each: the point is the overrun, not a median.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "harness.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Parties p0.. and items g0.. with weights 1..100 (seeded); the outcome
// gives item i to party i mod parties.
std::string goods_text(int parties, int items, std::string* outcome) {
  std::mt19937 random(1);
  std::uniform_int_distribution<int> weight(1, 100);
  std::string text = R"({"parley": 1, "parties": [)";
  for (int p = 0; p < parties; ++p) text += (p ? ",{\"id\":\"p" : "{\"id\":\"p") + std::to_string(p) + "\"}";
  text += R"(], "issues": [)";
  *outcome = "{";
  for (int i = 0; i < items; ++i) {
    text += (i ? ",{\"id\":\"g" : "{\"id\":\"g") + std::to_string(i) + "\",\"kind\":\"item\"}";
    *outcome += (i ? ",\"g" : "\"g") + std::to_string(i) + "\":\"p" + std::to_string(i % parties) + "\"";
  }
  *outcome += "}";
  text += R"(], "preferences": {)";
  for (int p = 0; p < parties; ++p) {
    text += (p ? ",\"p" : "\"p") + std::to_string(p) + "\":{\"weights\":{";
    for (int i = 0; i < items; ++i) text += (i ? ",\"g" : "\"g") + std::to_string(i) + "\":" + std::to_string(weight(random));
    text += "}}";
  }
  return text + "}}";
}

void report(const char* what, double limit, Clock::time_point started, double seconds, std::string_view status) {
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("%-40s %6.2f s %8.2f s %8.2f s %+8.2f s  %s\n", what, limit, wall, seconds, wall - limit,
              std::string(status).c_str());
}

void solve_case(const char* what, int parties, int items, Method m, double limit) {
  std::string outcome;
  const std::string text = goods_text(parties, items, &outcome);
  const Clock::time_point started = Clock::now();
  Result<Scenario> s = read_scenario_text(text, "bench");
  if (!s) return;
  Result<SolveResponse> r = solve(s.value(), {.method = m, .time_limit = limit, .started = started});
  report(what, limit, started, r ? r.value().seconds : 0, r ? status_name(r.value().status) : "failed");
}

void evaluate_case(const char* what, int parties, int items, double limit) {
  std::string outcome_text;
  const std::string text = goods_text(parties, items, &outcome_text);
  const Clock::time_point started = Clock::now();
  Result<Scenario> s = read_scenario_text(text, "bench");
  if (!s) return;
  Result<Outcome> o = read_outcome(json::parse(outcome_text, "outcome").value(), s.value(), "outcome");
  if (!o) return;
  Result<EvaluateResponse> r = evaluate(s.value(), o.value(), {.time_limit = limit, .started = started});
  report(what, limit, started, r ? r.value().seconds : 0,
         !r ? "failed" : r.value().evaluation.goods.mms_known() ? "maximin shares known" : "maximin shares unknown");
}

void run() {
  std::printf("%-40s %8s %10s %10s %10s  %s\n", "case", "limit", "wall", "seconds", "overrun", "status");
  solve_case("mnw 256 x 2,000", 256, 2000, Method::mnw, 0.1);
  solve_case("aw 2 x 100,000", 2, 100'000, Method::aw, 0.1);
  evaluate_case("evaluate 256 x 3,900", 256, 3900, 1);
  for (Method m : {Method::mnw, Method::round_robin, Method::envy_cycle, Method::leximin}) {
    solve_case((std::string(method_name(m)) + " 256 x 3,900").c_str(), 256, 3900, m, 5);
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

Register registered("time-limits", run);

}  // namespace

}  // namespace parley::bench
