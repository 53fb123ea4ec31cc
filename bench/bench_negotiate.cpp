// `parley_bench negotiate`: negotiations per second for alternating offers
// (boulware against conceder, 52 rounds, verified) on the ceasefire example
// and a 30x10 Genius-style domain from ../shared/bench/gen_synth.py, against
// preparing the scenario alone (the candidate table and the frontier, which
// a tournament does once per scenario) measured in the same run, for both
// protocols; then tournaments of the six agents on 20 synthetic 6x6 domains
// and on the 30x10 domain, with --jobs 1 and 2. A failed run prints
// "failed" and why, never a time.
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

void run_case(const std::string& name, const Scenario& s, Protocol protocol) {
  const NegotiateRequest q{
      .protocol = protocol, .agents = {AgentKind::boulware, AgentKind::conceder}, .rounds = 52, .seed = 1};
  const std::string label = name + (protocol == Protocol::alternating ? " alt" : " text");
  Result<NegotiateResponse> once = negotiate(s, q);
  if (!once) {
    std::printf("%-26s failed: %s\n", label.c_str(), once.errors().front().message.c_str());
    return;
  }
  const int repeats = 5;
  const double whole = median_seconds([&] { keep(negotiate(s, q).ok()); }, repeats);
  const double prepare = median_seconds(
      [&] { keep(mediate::prepare(s, {}, 1, true, Deadline::none()).ok()); }, repeats);
  const mediate::Prepared p = mediate::prepare(s, {}, 1, true, Deadline::none()).value();
  const double talks = median_seconds(
      [&] { keep(mediate::run_negotiation(s, p, q, Deadline::none()).agreement); }, repeats);
  std::printf("%-26s %9zu %8s %5s %10.2f %10.1f %10.1f %7.2fx %10.1f %8.1f\n", label.c_str(),
              once.value().candidate_count, once.value().candidates_sampled ? "sample" : "all",
              once.value().agreement ? std::to_string(*once.value().round).c_str() : "none", 1 / whole, whole * 1e3,
              prepare * 1e3, whole / prepare, talks * 1e3, 1 / talks);
}

// A tournament timed only when its first run is whole: a failed or cut-short
// run is printed as such, never as a time.
void run_tournament(const std::string& what, const std::vector<TournamentEntry>& entries, TournamentRequest t) {
  Result<TournamentResponse> first = tournament(entries, t);
  std::size_t rows = 0;
  for (const TournamentEntry& e : entries) {
    std::size_t k = 1;
    for (std::size_t p = 0; p < e.scenario.parties.size(); ++p) k *= t.agents.size();
    rows += k * static_cast<std::size_t>(t.repetitions);
  }
  std::printf("\ntournament: %zu agents (boulware, linear, conceder, hardliner, tit-for-tat, nash-seeker) x %zu "
              "scenarios (%s), %d rounds, %d repetition(s) = %zu negotiations\n",
              t.agents.size(), entries.size(), what.c_str(), t.rounds, t.repetitions, rows);
  if (!first) {
    std::printf("  failed: %s\n", first.errors().front().message.c_str());
    return;
  }
  if (first.value().stopped || first.value().rows.size() != rows) {
    std::printf("  failed: %zu of %zu rows\n", first.value().rows.size(), rows);
    return;
  }
  std::size_t agreements = 0;
  for (const TournamentRow& row : first.value().rows) agreements += row.agreement ? 1 : 0;
  std::printf("  %zu of %zu agreed\n", agreements, rows);
  double one = 0;
  for (int jobs : {1, 2}) {
    t.jobs = jobs;
    const double seconds = median_seconds([&] { keep(tournament(entries, t).ok()); }, 3);
    if (jobs == 1) one = seconds;
    std::printf("  --jobs %d: %.3f s wall (%.0f negotiations/s), %.2fx the --jobs 1 time\n", jobs, seconds,
                static_cast<double>(rows) / seconds, seconds / one);
  }
}

void run() {
  std::printf("inputs: examples/ceasefire.json; gen_synth.py OUT 30 10 1 2 imported with parley's Genius importer,\n"
              "delay costs 0.01 / 0.015 a round, reservations 0.3. negotiate(): boulware (a) against conceder (b),\n"
              "52 rounds, seed 1, verified, distances on the exact frontier; alt: alternating offers, text: single\n"
              "text. Baseline: prepare() alone (candidate table and frontier). talks: the negotiation alone on a\n"
              "prepared scenario (the table, each party's sorted candidates and the frontier built once).\n"
              "Medians of 5.\n\n");
  std::printf("%-26s %9s %8s %5s %10s %10s %10s %8s %10s %8s\n", "case", "offers in", "from", "round", "per second",
              "whole ms", "prepare ms", "ratio", "talks ms", "talks/s");
  Result<Scenario> ceasefire = read_scenario_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  std::optional<Scenario> synth = synthetic(30, 10, 1);
  for (Protocol protocol : {Protocol::alternating, Protocol::single_text}) {
    if (ceasefire) run_case("ceasefire", ceasefire.value(), protocol);
    if (synth) {
      run_case("2p 30x10 synthetic", *synth, protocol);
    } else {
      std::printf("%-26s failed: gen_synth.py or the import failed\n", "2p 30x10 synthetic");
    }
  }

  TournamentRequest t{.agents = {AgentKind::boulware, AgentKind::linear, AgentKind::conceder, AgentKind::hardliner,
                                 AgentKind::tit_for_tat, AgentKind::nash_seeker},
                      .rounds = 52, .repetitions = 1, .seed = 1};
  // The six agents (36 ordered assignments a scenario) on 20 synthetic 6x6
  // domains (seeds 1-20, 46,656 outcomes each, all listed), then on the
  // 30x10 domain (a sample) with 5 repetitions.
  std::vector<TournamentEntry> small;
  for (int seed = 1; seed <= 20; ++seed) {
    if (auto s = synthetic(6, 6, seed)) small.push_back({"synth-" + std::to_string(seed), *s});
  }
  run_tournament("2p 6x6 synthetic, seeds 1-20", small, t);
  if (synth) {
    t.repetitions = 5;
    run_tournament("2p 30x10 synthetic", {{"synth-30x10", *synth}}, t);
  }
  std::printf("peak RSS: %.0f MiB\n", peak_rss_mib());
}

const Register kNegotiate{"negotiate", run};

}  // namespace

}  // namespace parley::bench
