// tournament(): every ordered assignment of the agents to every scenario's
// parties, K times (engine.h says in which order, and how rows get seeds).
//
// Each scenario is prepared once (its candidate table drawn from the
// tournament's seed, its frontier and Nash point) and shared read-only by the
// rows; each row builds its own agents. Rows are computed by `jobs` threads
// taking the next row index from a counter and writing into that row's slot,
// so the output does not depend on which thread ran what.
#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <chrono>
#include <thread>

#include "parley/mediate/guard.h"
#include "parley/mediate/negotiate.h"

namespace parley {

namespace {

// SplitMix64: a row's seed from the tournament's seed and the row's index.
std::uint64_t row_seed(std::uint64_t seed, std::size_t index) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(index) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::size_t power(std::size_t base, std::size_t exponent) {
  std::size_t out = 1;
  for (std::size_t k = 0; k < exponent; ++k) out *= base;
  return out;
}

Result<TournamentResponse> tournament_unguarded(const std::vector<TournamentEntry>& scenarios,
                                                const TournamentRequest& request) {
  const auto start = request.started.value_or(std::chrono::steady_clock::now());
  const Deadline deadline = Deadline::after(start, request.time_limit);
  if (request.agents.empty()) return Failure{"", {Diagnostic{"", "--agents names no agent"}}};
  if (request.repetitions < 1) return Failure{"", {Diagnostic{"", "--repetitions must be at least 1"}}};
  if (request.rounds < 1) return Failure{"", {Diagnostic{"", "--rounds must be at least 1"}}};
  if (request.shards < 1 || request.shard < 1 || request.shard > request.shards) {
    return Failure{"", {Diagnostic{"", fmt::format("--shard {}/{}: I must be between 1 and N", request.shard,
                                                   request.shards)}}};
  }
  // Rows per scenario and where each scenario's rows start.
  const std::size_t k = request.agents.size();
  const auto reps = static_cast<std::size_t>(request.repetitions);
  std::vector<std::size_t> begins{0};
  for (const TournamentEntry& e : scenarios) {
    const std::size_t n = e.scenario.parties.size();
    if (n > 8 || power(k, n) > 10'000'000 / reps) {
      return Failure{"", {Diagnostic{"", fmt::format("{}: {} agents on {} parties are too many assignments",
                                                     e.name, k, n)}},
                     FailureKind::unsupported};
    }
    begins.push_back(begins.back() + power(k, n) * reps);
  }
  TournamentResponse out;
  out.total_rows = begins.back();
  const std::size_t shards = static_cast<std::size_t>(request.shards);
  const std::size_t lo = out.total_rows * static_cast<std::size_t>(request.shard - 1) / shards;
  const std::size_t hi = out.total_rows * static_cast<std::size_t>(request.shard) / shards;

  // Prepare only the scenarios this shard touches, in order; the time limit
  // running out while one is prepared keeps the rows before that scenario
  // (the rows kept are always a prefix).
  std::vector<std::optional<mediate::Prepared>> prepared(scenarios.size());
  std::size_t end = hi;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    if (begins[s + 1] <= lo || begins[s] >= end) continue;
    Result<mediate::Prepared> p = mediate::prepare(scenarios[s].scenario, {}, request.seed, true, deadline);
    if (!p) {
      Failure f = p.failure();
      f.source = scenarios[s].name;
      return f;
    }
    if (p.value().stopped) {
      end = std::max(lo, begins[s]);
      break;
    }
    prepared[s] = std::move(p).value();
  }
  out.rows.resize(hi - lo);
  std::vector<char> done(hi - lo, 0);
  std::atomic<std::size_t> next{lo};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (;;) {
      const std::size_t index = next.fetch_add(1);
      if (index >= end || failed.load() || deadline.expired()) return;
      std::size_t s = 0;
      while (begins[s + 1] <= index) ++s;
      const Scenario& sc = scenarios[s].scenario;
      const std::size_t n = sc.parties.size();
      std::size_t local = index - begins[s];
      TournamentRow row;
      row.index = index;
      row.scenario = s;
      row.repetition = static_cast<int>(local % reps) + 1;
      local /= reps;
      row.agents.assign(n, request.agents.front());
      for (std::size_t p = n; p-- > 0;) {  // the last party fastest
        row.agents[p] = request.agents[local % k];
        local /= k;
      }
      NegotiateRequest q;
      q.protocol = request.protocol;
      q.agents = row.agents;
      q.rounds = request.rounds;
      q.seed = row_seed(request.seed, index);
      NegotiateResponse r = mediate::run_negotiation(sc, *prepared[s], q, Deadline::none());
      Verification v = mediate::verify_negotiation(sc, r);
      if (!v.ok) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        failure = v.failure;
        failed = true;
        return;
      }
      row.agreement = r.agreement;
      row.round = r.round;
      row.utilities = r.utilities;
      row.pareto_distance = r.pareto_distance;
      row.nash_distance = r.nash_distance;
      for (const Rational& x : r.utilities) row.social_welfare += x;
      out.rows[index - lo] = std::move(row);
      done[index - lo] = 1;
    }
  };
  const int jobs = std::max(1, request.jobs);
  if (jobs == 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (int j = 0; j < jobs; ++j) threads.emplace_back(work);
    for (std::thread& th : threads) th.join();
  }
  if (failed) return mediate::verification_failed("a tournament negotiation", failure);
  // Rows not run before the time limit: the rows kept are a prefix.
  std::size_t kept = 0;
  while (kept < done.size() && done[kept]) ++kept;
  if (kept < out.rows.size()) {
    out.rows.resize(kept);
    out.stopped = true;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

Result<TournamentResponse> tournament(const std::vector<TournamentEntry>& scenarios, const TournamentRequest& request) {
  return mediate::guarded<TournamentResponse>([&] { return tournament_unguarded(scenarios, request); });
}

}  // namespace parley
