// `parley_bench sensitivity`: seconds per sensitivity() call (--method nash):
// the exact intervals of every positive weight and reservation, re-verified
// by solve() just inside each end, and N seeded samples (each an exact
// frontier and the Nash choice, each distinct answer solved again), on the
// ceasefire example and on a 2-party 14x10 synthetic Genius domain from
// ../shared/bench/gen_synth.py. Baseline in the same run: one solve().
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "parley/io/genius_import.h"
#include "parley/mediate/sensitivity.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

void run_case(const std::string& name, const Scenario& s) {
  const int repeats = 3;
  Result<SensitivityResponse> once = sensitivity(s, {.method = Method::nash, .samples = 100, .seed = 1});
  if (!once) {
    std::printf("%-24s failed: %s\n", name.c_str(), once.errors().front().message.c_str());
    return;
  }
  const double solve_s = median_seconds([&] { keep(solve(s, {.method = Method::nash}).ok()); }, repeats);
  const double intervals =
      median_seconds([&] { keep(sensitivity(s, {.method = Method::nash, .samples = 1, .seed = 1}).ok()); }, repeats);
  const double with_100 =
      median_seconds([&] { keep(sensitivity(s, {.method = Method::nash, .samples = 100, .seed = 1}).ok()); }, repeats);
  const double with_1000 =
      median_seconds([&] { keep(sensitivity(s, {.method = Method::nash, .samples = 1000, .seed = 1}).ok()); }, 1);
  std::size_t unsettled = 0;
  for (const auto* list : {&once.value().weights, &once.value().reservations}) {
    for (const StabilityInterval& iv : *list) unsettled += iv.low ? 0 : 1;
  }
  std::printf("%-24s %8zu %9zu %10.3f %12.3f %12.3f %12.3f\n", name.c_str(),
              once.value().weights.size() + once.value().reservations.size(), unsettled, solve_s, intervals, with_100,
              with_1000);
}

std::optional<Scenario> synthetic(int issues, int values) {
  const std::string dir = "/tmp/parley-bench-sensitivity-" + std::to_string(issues) + "x" + std::to_string(values);
  const std::string command = "python3 " PARLEY_SHARED_DIR "/bench/gen_synth.py " + dir + " " +
                              std::to_string(issues) + " " + std::to_string(values) + " 1 2";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  Result<Imported> imported = import_genius(dir + "/domain.xml", {dir + "/prof1.xml", dir + "/prof2.xml"});
  if (!imported) return std::nullopt;
  return imported.value().scenario;
}

void run() {
  std::printf("inputs: examples/ceasefire.json; gen_synth.py OUT 14 10 1 2 (seed 1) imported with parley's Genius\n"
              "importer. sensitivity(): --method nash, spread 0.2, seed 1; N = 1 (the intervals alone), 100, 1000\n"
              "(one run). Baseline: one solve(). Seconds, medians of 3.\n\n");
  std::printf("%-24s %8s %9s %10s %12s %12s %12s\n", "case", "numbers", "unsettled", "solve() s", "intervals s",
              "N=100 s", "N=1000 s");
  Result<Scenario> ceasefire = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  if (ceasefire) run_case("ceasefire", ceasefire.value());
  if (std::optional<Scenario> s = synthetic(14, 10)) run_case("2p 14x10 synthetic", *s);
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

const Register kSensitivity{"sensitivity", run};

}  // namespace

}  // namespace parley::bench
