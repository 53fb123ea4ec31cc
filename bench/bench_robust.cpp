// `parley_bench robust`: solve --method robust (spread 0.2) on the ceasefire
// example and on two-party synthetic Genius-style domains from
// ../shared/bench/gen_synth.py (7 and 14 issues of 10 values), with a 60 s
// limit; baseline in the same run: solve --method nash. Each row says the
// status reached, the acceptable packages whose worst cases were computed,
// and the seconds of the whole verified call.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "parley/io/genius_import.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

void run_case(const std::string& name, const Scenario& s) {
  const SolveRequest robust{.method = Method::robust, .time_limit = 60};
  Result<SolveResponse> once = solve(s, robust);
  if (!once) {
    std::printf("%-22s refused: %s\n", name.c_str(), once.errors().front().message.c_str());
    return;
  }
  const int repeats = once.value().seconds > 5 ? 1 : 5;
  const double seconds = median_seconds([&] { keep(solve(s, robust).ok()); }, repeats);
  const double nash = median_seconds([&] { keep(solve(s, {.method = Method::nash, .time_limit = 60}).ok()); }, repeats);
  const auto& r = once.value();
  std::printf("%-22s %10s %10zu %12.3f %12.3f %7.2fx %14s\n", name.c_str(), std::string(status_name(r.status)).c_str(),
              r.robust ? r.robust->packages : std::size_t{0}, seconds, nash, seconds / nash,
              r.robust ? r.robust->worst_case.empty() ? "-" : std::to_string(r.robust->worst_case[0].to_double()).c_str()
                       : "-");
}

std::optional<Scenario> synthetic(int issues, int values) {
  const std::string dir = "/tmp/parley-bench-robust-" + std::to_string(issues) + "x" + std::to_string(values);
  const std::string command = "python3 " PARLEY_SHARED_DIR "/bench/gen_synth.py " + dir + " " + std::to_string(issues) +
                              " " + std::to_string(values) + " 1 2";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  Result<Imported> imported = import_genius(dir + "/domain.xml", {dir + "/prof1.xml", dir + "/prof2.xml"});
  if (!imported) return std::nullopt;
  return imported.value().scenario;
}

void run() {
  print_machine();
  std::printf("inputs: examples/ceasefire.json; gen_synth.py OUT ISSUES 10 1 2 (seed 1, two profiles) imported with\n"
              "parley's Genius importer, reservations 0. solve(): --method robust --spread 0.2 --time-limit 60, the\n"
              "facade's whole verified call (the Nash package it compares with included); baseline: --method nash.\n"
              "Medians of 5 (1 when a call takes over 5 s).\n\n");
  std::printf("%-22s %10s %10s %12s %12s %8s %14s\n", "case", "status", "packages", "robust s", "nash s", "ratio",
              "worst case a");
  Result<Scenario> ceasefire = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  if (ceasefire) run_case("ceasefire", ceasefire.value());
  for (int issues : {7, 14}) {
    std::optional<Scenario> s = synthetic(issues, 10);
    if (s) run_case("2p " + std::to_string(issues) + "x10 synthetic", *s);
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

const Register kRobust{"robust", run};

}  // namespace

}  // namespace parley::bench
