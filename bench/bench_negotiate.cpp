// `parley_bench negotiate`: negotiations per second for alternating offers
// (boulware against conceder, 52 rounds, verified) on the ceasefire example
// and a 30x10 Genius-style domain from ../shared/bench/gen_synth.py, against
// preparing the scenario alone (the candidate table and the frontier, which
// a tournament does once per scenario) measured in the same run; then a
// tournament of the six agents on 20 synthetic scenarios with --jobs 1 and 2.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "parley/io/genius_import.h"
#include "parley/mediate/negotiate.h"
#include "parley/parley.h"

namespace parley::bench {

namespace {

std::optional<Scenario> synthetic(int issues, int values, int seed) {
  const std::string dir = "/tmp/parley-bench-negotiate-" + std::to_string(issues) + "x" + std::to_string(values) +
                          "-" + std::to_string(seed);
  const std::string command = "python3 " PARLEY_SHARED_DIR "/bench/gen_synth.py " + dir + " " +
                              std::to_string(issues) + " " + std::to_string(values) + " " + std::to_string(seed) +
                              " 2 > /dev/null";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  Result<Imported> imported = import_genius(dir + "/domain.xml", {dir + "/prof1.xml", dir + "/prof2.xml"});
  if (!imported) return std::nullopt;
  Scenario s = imported.value().scenario;
  for (std::size_t p = 0; p < s.preferences.size(); ++p) {
    s.preferences[p]->delay_cost = Rational(2 + static_cast<int>(p), 200);
    s.preferences[p]->reservation = Rational(3, 10);
  }
  return s;
}

void run_case(const std::string& name, const Scenario& s) {
  const NegotiateRequest q{.agents = {AgentKind::boulware, AgentKind::conceder}, .rounds = 52, .seed = 1};
  Result<NegotiateResponse> once = negotiate(s, q);
  if (!once) {
    std::printf("%-22s failed: %s\n", name.c_str(), once.errors().front().message.c_str());
    return;
  }
  const int repeats = 5;
  const double whole = median_seconds([&] { keep(negotiate(s, q).ok()); }, repeats);
  const double prepare = median_seconds(
      [&] { keep(mediate::prepare(s, {}, 1, true, Deadline::none()).ok()); }, repeats);
  const mediate::Prepared p = mediate::prepare(s, {}, 1, true, Deadline::none()).value();
  const double talks = median_seconds(
      [&] { keep(mediate::run_negotiation(s, p, q, Deadline::none()).agreement); }, repeats);
  std::printf("%-22s %9zu %8s %10.2f %10.1f %10.1f %7.2fx %10.1f %8.1f\n", name.c_str(), once.value().candidate_count,
              once.value().candidates_sampled ? "sample" : "all", 1 / whole, whole * 1e3, prepare * 1e3,
              whole / prepare, talks * 1e3, 1 / talks);
}

void run() {
  std::printf("inputs: examples/ceasefire.json; gen_synth.py OUT 30 10 1 2 imported with parley's Genius importer,\n"
              "delay costs 0.01 / 0.015 a round, reservations 0.3. negotiate(): alternating, boulware (a) against\n"
              "conceder (b), 52 rounds, seed 1, verified, distances on the exact frontier. Baseline: prepare() alone\n"
              "(candidate table and frontier). talks: the negotiation alone on a prepared scenario. Medians of 5.\n\n");
  std::printf("%-22s %9s %8s %10s %10s %10s %8s %10s %8s\n", "case", "offers in", "from", "per second", "whole ms",
              "prepare ms", "ratio", "talks ms", "talks/s");
  Result<Scenario> ceasefire = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  if (ceasefire) run_case("ceasefire", ceasefire.value());
  if (auto s = synthetic(30, 10, 1)) run_case("2p 30x10 synthetic", *s);

  // The tournament: the six agents (36 ordered assignments a scenario) on 20
  // synthetic 6x6 domains (seeds 1-20, 46,656 outcomes each, all listed).
  std::vector<TournamentEntry> entries;
  for (int seed = 1; seed <= 20; ++seed) {
    if (auto s = synthetic(6, 6, seed)) entries.push_back({"synth-" + std::to_string(seed), *s});
  }
  TournamentRequest t{.agents = {AgentKind::boulware, AgentKind::linear, AgentKind::conceder, AgentKind::hardliner,
                                 AgentKind::tit_for_tat, AgentKind::nash_seeker},
                      .rounds = 52, .repetitions = 1, .seed = 1};
  std::printf("\ntournament: 6 agents x %zu scenarios (2p 6x6 synthetic), 52 rounds, 1 repetition = %zu negotiations\n",
              entries.size(), entries.size() * 36);
  double first = 0;
  for (int jobs : {1, 2}) {
    t.jobs = jobs;
    const double seconds = median_seconds([&] { keep(tournament(entries, t).ok()); }, 3);
    if (jobs == 1) first = seconds;
    std::printf("  --jobs %d: %.2f s wall (%.0f negotiations/s), %.2fx the --jobs 1 time\n", jobs, seconds,
                static_cast<double>(entries.size() * 36) / seconds, seconds / first);
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

const Register kNegotiate{"negotiate", run};

}  // namespace

}  // namespace parley::bench
