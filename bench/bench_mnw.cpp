// Maximum Nash welfare: the fast exact method against the CBC formulation
// (max_nash_welfare_mip) on random 1000-point valuations, Spliddit's
// convention: each party's item values are non-negative integers summing to
// 1000, here from 999 sorted uniform cut points in [0, 1000] (std::mt19937_64,
// seeded from seed, n and m). All items, base 0, denominator 1.
//
//   parley_bench mnw                          n in {2,3,5,10,20} x m in {10,30,50,100}, seeds 1-3
//   PARLEY_BENCH_MNW=quick parley_bench mnw   n in {2,3,5,10} x m in {10,30}, seed 1
//   parley_bench mnw-goals                    issue 19's goal 3: random 10 x 30 and 20 x 100, identical
//                                             valuations 10 x 50 and 20 x 100; against the general
//                                             search alone (the method before the partition search,
//                                             MnwOptions::interchangeable = false) and CBC at 10 x 30
//   PARLEY_BENCH_MNW=identical parley_bench mnw-goals   only those cases (or =random)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "harness.h"
#include "parley/fairdiv/mnw.h"

namespace parley::bench {

namespace {

using fairdiv::Allocation;
using fairdiv::GoodsInstance;
using fairdiv::MnwResult;
using fairdiv::MnwStatus;

constexpr double kCbcLimit = 60;        // seconds per CBC run
constexpr double kCbcBudget = 200;      // seconds of CBC in the whole section
constexpr double kFastLimit = 60;       // seconds per fast run

GoodsInstance spliddit_instance(int n, int m, int seed) {
  std::mt19937_64 random(static_cast<std::uint64_t>(seed) * 1000003ULL + static_cast<std::uint64_t>(n) * 1009ULL +
                         static_cast<std::uint64_t>(m));
  std::uniform_int_distribution<int> cut(0, 1000);
  GoodsInstance g;
  g.parties = n;
  for (int k = 0; k < m; ++k) g.goods.push_back(fairdiv::Good{k, 1});
  for (int p = 0; p < n; ++p) {
    std::vector<int> cuts(static_cast<std::size_t>(m - 1));
    for (int& c : cuts) c = cut(random);
    std::sort(cuts.begin(), cuts.end());
    cuts.push_back(1000);
    std::vector<std::int64_t> row;
    int previous = 0;
    for (int c : cuts) {
      row.push_back(c - previous);
      previous = c;
    }
    g.value.push_back(std::move(row));
  }
  g.base.assign(static_cast<std::size_t>(n), 0);
  g.denominator.assign(static_cast<std::size_t>(n), 1);
  return g;
}

// (positive parties, exact product of their utilities), or nothing without an allocation.
std::optional<std::pair<int, Rational>> key(const GoodsInstance& g, const MnwResult& r) {
  if (r.allocation.empty() || !fairdiv::is_allocation(g, r.allocation)) return std::nullopt;
  int positive = 0;
  Rational product = 1;
  for (const Rational& u : fairdiv::exact_utilities(g, r.allocation)) {
    if (u.sign() > 0) {
      ++positive;
      product *= u;
    }
  }
  return std::pair(positive, product);
}

const char* status_name(MnwStatus s) {
  switch (s) {
    case MnwStatus::optimal: return "optimal";
    case MnwStatus::feasible: return "feasible";
    case MnwStatus::time_limit: return "time_limit";
  }
  return "?";
}

std::string milliseconds(std::optional<double> seconds) {
  if (!seconds) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *seconds * 1e3);
  return text;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Summary {
  std::vector<double> fast, cbc;
  int cbc_skipped = 0, cbc_unfinished = 0;
};

void mnw_benchmarks() {
  const bool quick = std::getenv("PARLEY_BENCH_MNW") != nullptr && std::string(std::getenv("PARLEY_BENCH_MNW")) == "quick";
  const std::vector<int> parties = quick ? std::vector<int>{2, 3, 5, 10} : std::vector<int>{2, 3, 5, 10, 20};
  const std::vector<int> goods = quick ? std::vector<int>{10, 30} : std::vector<int>{10, 30, 50, 100};
  const std::vector<int> seeds = quick ? std::vector<int>{1} : std::vector<int>{1, 2, 3};
  std::printf("inputs: random 1000-point valuations (Spliddit's convention), n parties x m items, seeds %s.\n"
              "fast: max_nash_welfare, median of 3 runs (limit %.0f s). cbc: max_nash_welfare_mip, 1 run (limit %.0f s);\n"
              "once a run for some n hits its limit, CBC is skipped for that n's larger cases, and for everything once\n"
              "CBC has used %.0f s in all. agree: same (positive count, exact product).%s\n\n",
              quick ? "1" : "1-3", kFastLimit, kCbcLimit, kCbcBudget,
              quick ? "" : " PARLEY_BENCH_MNW=quick runs fewer cases.");
  std::printf("%3s %4s %4s %11s %-10s %9s %11s %-10s %9s %9s  %s\n", "n", "m", "seed", "fast ms", "status", "nodes",
              "cbc ms", "status", "nodes", "cbc/fast", "agree");
  std::map<std::pair<int, int>, Summary> summary;
  double cbc_used = 0;
  for (int n : parties) {
    bool cbc_stopped = false;
    for (int m : goods) {
      for (int seed : seeds) {
        const GoodsInstance g = spliddit_instance(n, m, seed);
        Summary& s = summary[{n, m}];
        MnwResult fast;
        const double fast_seconds =
            median_seconds([&] { fast = fairdiv::max_nash_welfare(g, {.time_limit = kFastLimit}); }, 3);
        const auto fast_key = key(g, fast);
        std::optional<double> fast_time;
        if (fast_key) {
          fast_time = fast_seconds;
          s.fast.push_back(fast_seconds);
        }

        std::string cbc_ms = "skipped", cbc_status = "-", cbc_nodes = "-", ratio = "-", agree = "-";
        if (cbc_stopped || cbc_used >= kCbcBudget) {
          ++s.cbc_skipped;
        } else {
          MnwResult mip;
          const double mip_seconds =
              median_seconds([&] { mip = fairdiv::max_nash_welfare_mip(g, {.time_limit = kCbcLimit}); }, 1);
          cbc_used += mip_seconds;
          cbc_status = status_name(mip.status);
          if (mip.status == MnwStatus::feasible && mip.gap) {
            char text[32];
            std::snprintf(text, sizeof text, "gap %.2g", *mip.gap);
            cbc_status = text;
          }
          cbc_nodes = std::to_string(mip.nodes);
          if (mip.status == MnwStatus::optimal) {
            cbc_ms = milliseconds(mip_seconds);
            s.cbc.push_back(mip_seconds);
            if (fast_time) {
              char text[32];
              std::snprintf(text, sizeof text, "%.1fx", mip_seconds / *fast_time);
              ratio = text;
            }
          } else {
            cbc_ms = ">" + milliseconds(kCbcLimit);
            ++s.cbc_unfinished;
            cbc_stopped = true;
          }
          const auto mip_key = key(g, mip);
          if (fast_key && mip_key) {
            agree = *fast_key == *mip_key ? "yes" : (*fast_key > *mip_key ? "fast better" : "CBC BETTER");
          } else if (!fast_key) {
            agree = "n/a (no fast answer)";
          }
        }
        std::printf("%3d %4d %4d %11s %-10s %9s %11s %-10s %9s %9s  %s\n", n, m, seed, milliseconds(fast_time).c_str(),
                    fast_key ? status_name(fast.status) : "n/a", fast_key ? std::to_string(fast.nodes).c_str() : "n/a",
                    cbc_ms.c_str(), cbc_status.c_str(), cbc_nodes.c_str(), ratio.c_str(), agree.c_str());
        std::fflush(stdout);
      }
    }
    if (cbc_stopped) std::printf("    (n = %d: CBC hit its %.0f s limit; its larger cases were skipped)\n", n, kCbcLimit);
  }
  if (cbc_used >= kCbcBudget) std::printf("    (CBC used its %.0f s budget; later cases were skipped)\n", kCbcBudget);

  std::printf("\nsummary over seeds (medians; CBC over the runs it finished):\n%3s %4s %11s %11s %9s  %s\n", "n", "m",
              "fast ms", "cbc ms", "cbc/fast", "cbc runs");
  for (const auto& [size, s] : summary) {
    std::optional<double> fast, cbc;
    if (!s.fast.empty()) fast = median(s.fast);
    if (!s.cbc.empty()) cbc = median(s.cbc);
    std::string ratio = "-";
    if (fast && cbc) {
      char text[32];
      std::snprintf(text, sizeof text, "%.1fx", *cbc / *fast);
      ratio = text;
    }
    std::printf("%3d %4d %11s %11s %9s  %zu finished, %d at the limit, %d skipped\n", size.first, size.second,
                milliseconds(fast).c_str(), milliseconds(cbc).c_str(), ratio.c_str(), s.cbc.size(), s.cbc_unfinished,
                s.cbc_skipped);
  }
  std::printf("peak RSS: %.1f MiB\n", peak_rss_mib());
}

// Every party with party 0's valuation of the same random instance: MNW is
// then balanced number partitioning.
GoodsInstance identical_instance(int n, int m, int seed) {
  GoodsInstance g = spliddit_instance(n, m, seed);
  for (auto& row : g.value) row = g.value[0];
  return g;
}

struct GoalCase {
  const char* kind;
  int n, m;
  std::vector<int> seeds;
  double baseline_limit;  // seconds for the general search alone
  bool cbc;
};

std::string status_text(const MnwResult& r) {
  std::string s = status_name(r.status);
  if (r.status == MnwStatus::feasible && r.gap) {
    char text[32];
    std::snprintf(text, sizeof text, " gap %.2g", *r.gap);
    s += text;
  }
  return s;
}

void goal_benchmarks() {
  constexpr double kNewLimit = 60;
  const std::vector<GoalCase> cases = {
      {"random", 10, 30, {1, 2, 3, 4, 5}, 60, true},
      {"random", 20, 100, {1, 2, 3, 4, 5}, 60, false},
      {"identical", 10, 50, {1, 2, 3}, 20, false},
      {"identical", 20, 100, {1, 2, 3}, 20, false},
  };
  std::printf("inputs: random 1000-point valuations (as in `parley_bench mnw`); \"identical\": every party has party 0's.\n"
              "new: max_nash_welfare, median of 3 runs (limit %.0f s). base: the general search alone\n"
              "(interchangeable = false: what answered before the partition search, with the search's own\n"
              "speed-ups, so on random cases it is the same code), median of 3 runs under 1 s, else 1 run,\n"
              "limit 60 s random, 20 s identical. cbc: max_nash_welfare_mip, 1 run, 60 s. agree: same (count, exact product).\n"
              "goals (issue 19): random 10 x 30 <= 50 ms, 20 x 100 median <= 1 s; identical 10 x 50 <= 9 s, 20 x 100 <= 12 s.\n\n",
              kNewLimit);
  std::printf("%-9s %3s %4s %4s %10s %-16s %9s %10s %-16s %9s %10s %-9s %s\n", "kind", "n", "m", "seed", "new ms",
              "status", "nodes", "base ms", "status", "base/new", "cbc ms", "cbc/new", "agree");
  // PARLEY_BENCH_MNW=random or =identical: only those cases.
  const char* only = std::getenv("PARLEY_BENCH_MNW");
  for (const GoalCase& c : cases) {
    if (only != nullptr && (std::string(only) == "random" || std::string(only) == "identical") && only != std::string(c.kind)) continue;
    std::vector<double> news;
    for (int seed : c.seeds) {
      const GoodsInstance g = std::string(c.kind) == "random" ? spliddit_instance(c.n, c.m, seed) : identical_instance(c.n, c.m, seed);
      MnwResult fresh, base, mip;
      const double new_seconds = median_seconds([&] { fresh = fairdiv::max_nash_welfare(g, {.time_limit = kNewLimit}); }, 3);
      news.push_back(new_seconds);
      double base_seconds = median_seconds(
          [&] { base = fairdiv::max_nash_welfare(g, {.time_limit = c.baseline_limit, .interchangeable = false}); }, 1);
      if (base_seconds < 1) {
        base_seconds = median_seconds(
            [&] { base = fairdiv::max_nash_welfare(g, {.time_limit = c.baseline_limit, .interchangeable = false}); }, 3);
      }
      std::string cbc_ms = "-", cbc_ratio = "-";
      const auto fresh_key = key(g, fresh), base_key = key(g, base);
      std::string agree = fresh_key && base_key && *fresh_key == *base_key ? "yes" : "NO";
      if (fresh_key && base_key && *fresh_key > *base_key) agree = "new better";
      if (c.cbc) {
        const double cbc_seconds = median_seconds([&] { mip = fairdiv::max_nash_welfare_mip(g, {.time_limit = 60}); }, 1);
        cbc_ms = mip.status == MnwStatus::optimal ? milliseconds(cbc_seconds) : ">" + milliseconds(60.0);
        char text[32];
        std::snprintf(text, sizeof text, "%.1fx", cbc_seconds / new_seconds);
        cbc_ratio = text;
        const auto mip_key = key(g, mip);
        if (mip.status == MnwStatus::optimal && (!mip_key || !fresh_key || *mip_key != *fresh_key)) agree += ", CBC DIFFERS";
      }
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, "%s%.1fx", base.status == MnwStatus::optimal ? "" : ">", base_seconds / new_seconds);
      std::printf("%-9s %3d %4d %4d %10s %-16s %9lld %10s %-16s %9s %10s %-9s %s\n", c.kind, c.n, c.m, seed,
                  milliseconds(new_seconds).c_str(), status_text(fresh).c_str(), fresh.nodes,
                  ((base.status == MnwStatus::optimal ? "" : ">") + milliseconds(base_seconds)).c_str(),
                  status_text(base).c_str(), ratio, cbc_ms.c_str(), cbc_ratio.c_str(), agree.c_str());
      std::fflush(stdout);
    }
    std::printf("    %s %d x %d: new median %s ms, worst %s ms\n", c.kind, c.n, c.m, milliseconds(median(news)).c_str(),
                milliseconds(*std::max_element(news.begin(), news.end())).c_str());
  }
  std::printf("peak RSS: %.1f MiB\n", peak_rss_mib());
}

const Register kMnw{"mnw", mnw_benchmarks};
const Register kMnwGoals{"mnw-goals", goal_benchmarks};

}  // namespace

}  // namespace parley::bench
