#include "parley/optimise/package.h"

#include <algorithm>
#include <limits>
#include <cmath>

#include <fmt/format.h>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/integer_utility.h"
#include "parley/analysis/utility.h"
#include "parley/model/outcome_space.h"
#include "parley/optimise/objectives.h"

// The entry points. The model of a scenario is optimise/model.{h,cpp}; one
// call's solve loop, clock and re-check, optimise/run.{h,cpp}; repaired and
// starting packages, optimise/repair.{h,cpp}; the objectives,
// optimise/objectives.{h,cpp} and optimise/nash.cpp.

namespace parley::optimise {

std::string_view contiguity_name(Contiguity c) {
  switch (c) {
    case Contiguity::flow: return "flow";
    case Contiguity::cuts: return "cuts";
  }
  return "";
}

std::optional<Contiguity> contiguity_from_name(std::string_view name) {
  for (Contiguity c : {Contiguity::flow, Contiguity::cuts}) {
    if (contiguity_name(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view status_name(PackageStatus s) {
  switch (s) {
    case PackageStatus::optimal: return "optimal";
    case PackageStatus::feasible: return "feasible";
    case PackageStatus::infeasible: return "infeasible";
    case PackageStatus::time_limit: return "time_limit";
  }
  return "";
}

namespace {

using namespace detail;

std::optional<Failure> unsupported(const Scenario& s, const std::optional<IntegerUtilities>& iu) {
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::share) continue;
    if (issue_domain_size(s, static_cast<int>(i)) > Rational(static_cast<std::int64_t>(kMaxGridPoints))) {
      return Failure{"",
                     {Diagnostic{"/issues/" + std::to_string(i),
                                 "the package optimiser handles number grids of up to 100,000 points; " +
                                     s.issues[i].id + " has " + issue_domain_size(s, static_cast<int>(i)).str()}},
                     FailureKind::unsupported};
    }
  }
  bool fits = iu.has_value();
  for (std::size_t p = 0; fits && p < s.parties.size(); ++p) {
    fits = static_cast<double>(iu->denominator(static_cast<int>(p))) <= kExactLimit;
  }
  if (!fits) {
    return Failure{"",
                   {Diagnostic{"/preferences",
                               "the package optimiser needs each party's utilities over a common denominator of at "
                               "most 2^53; these weights and values need more"}},
                   FailureKind::unsupported};
  }
  return std::nullopt;
}

// What every entry point checks, and the exact utilities it works with.
struct Prepared {
  Utilities u;
  IntegerUtilities iu;
};

Result<Prepared> prepare(const Scenario& s, std::string_view command) {
  if (auto missing = missing_preferences(s, command); !missing.empty()) return Failure{"", std::move(missing)};
  Utilities u(s);
  std::optional<IntegerUtilities> iu = IntegerUtilities::make(u);
  if (auto f = unsupported(s, iu)) return *f;
  return Prepared{std::move(u), std::move(*iu)};
}

// Every kept reservation as the row U_p >= r_p: individually rational.
void require_individually_rational(Run& run, const Scenario& s, int except = -1) {
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (run.kept().reservations[p] && static_cast<int>(p) != except) {
      run.model().require_floor(p, s.preferences[p]->reservation, false);
    }
  }
}

// Not proved and on a map: a repaired package may be better than the
// search's best (repaired_fallback). A proven gap stays true for a better
// package (same bound, larger value).
void try_repaired(Run& run, const Scenario& s, const Utilities& u, const Better& better,
                  const std::optional<std::vector<Rational>>& log_offset, const std::string& holds, PackageResult& r) {
  if (r.status != PackageStatus::time_limit && r.status != PackageStatus::feasible) return;
  if (!run.model().has_contiguity()) return;
  std::optional<PackageResult> fallback = repaired_fallback(run, s, u, better, log_offset, holds);
  if (!fallback) return;
  if (r.status == PackageStatus::time_limit || better(fallback->utilities, r.utilities)) {
    if (r.status == PackageStatus::feasible && !std::isnan(r.gap) && std::isnan(fallback->gap)) fallback->gap = r.gap;
    r = *fallback;
  }
}

}  // namespace

Result<PackageResult> optimise_package(const Scenario& s, Method method, const PackageOptions& options) {
  const auto started = Clock::now();
  if (!is_solution_concept(method)) {
    return Failure{"",
                   {Diagnostic{"", "the package optimiser answers nash, ks, egalitarian, utilitarian, mnw and "
                                   "leximin; " + std::string(method_name(method)) +
                                   (method == Method::alternating ? " is a game solved on the exact frontier"
                                    : method == Method::robust    ? " is searched exactly by its own engine"
                                                                  : " is a fair-division procedure")}},
                   FailureKind::unsupported};
  }
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options, started);
  Model& m = run.model();
  const std::size_t n = s.parties.size();
  const std::vector<Rational> reservation = reservations_of(s);
  const std::vector<Rational> zero(n, Rational(0));
  require_individually_rational(run, s);
  std::vector<Rational> ideal;  // ks
  PackageResult r;
  switch (method) {
    case Method::nash: r = most_gains_then_product(run, s, u, reservation, better_by(s, method), true); break;
    case Method::mnw: r = most_gains_then_product(run, s, u, zero, better_by(s, method), true); break;
    case Method::egalitarian:
    case Method::leximin: {
      Scores sc;
      sc.offset = method == Method::egalitarian ? reservation : zero;
      sc.scale.assign(n, Rational(1));
      r = leximin(run, s, u, sc);
      break;
    }
    case Method::ks: {
      // The ideal point over the feasible individually rational packages. A
      // party whose best is its reservation gets exactly that in every one of
      // them: its ratio counts as 1 (analysis/bargaining.h), so it is left
      // out of the leximin.
      Scores sc;
      sc.offset = reservation;
      sc.scale.assign(n, Rational(1));
      sc.scored.assign(n, true);
      for (std::size_t p = 0; p < n; ++p) {
        std::vector<double> weight(n, 0);
        weight[p] = 1;
        PackageResult best = maximise_linear(run, s, u, weight);
        if (best.status != PackageStatus::optimal) {
          best.note = best.status == PackageStatus::infeasible ? "" : "the time limit stopped the ideal point";
          if (best.status == PackageStatus::feasible) best.status = PackageStatus::time_limit;
          return run.finish(best);
        }
        ideal.push_back(best.utilities[p]);
        if (ideal[p] > reservation[p]) {
          sc.scale[p] = ideal[p] - reservation[p];
        } else {
          sc.scored[p] = false;
        }
      }
      r = leximin(run, s, u, sc);
      r.ideal = ideal;
      break;
    }
    case Method::utilitarian: {
      const SumWeights weights = sum_weights(m);
      PackageResult first = maximise_linear(run, s, u, weights.weight);
      if (first.status != PackageStatus::optimal) {
        r = first;
        break;
      }
      // Ties broken by nash: among the packages with this sum, the most
      // parties gaining, then the largest product of their gains.
      Rational sum = 0;
      for (const Rational& x : first.utilities) sum += x;
      Model::Saved saved = m.save();
      require_sum_at_least(m, weights, sum);
      r = most_gains_then_product(run, s, u, reservation, better_by(s, Method::nash), false);
      m.restore(std::move(saved));
      if (r.status != PackageStatus::optimal) {
        // The sum is proved; its tie-break is not.
        const bool found = r.status == PackageStatus::feasible && better_by(s, method)(r.utilities, first.utilities);
        PackageResult best = found ? r : first;
        best.status = PackageStatus::feasible;
        best.gap = 0;
        best.note = "the largest sum is proved; its tie-break by nash is not: " +
                    (r.note.empty() ? std::string("the time limit stopped it") : r.note);
        r = best;
      }
      if (!r.utilities.empty() && better_by(s, method)(first.utilities, r.utilities)) {
        // A sum held only to the solver's tolerance is not re-checked on the
        // tie-break's packages (model.h): one whose shares were settled
        // exactly afterwards fell 1.6e-5 below the largest sum. The first
        // package is then the better answer.
        r.outcome = first.outcome;
        r.utilities = first.utilities;
      }
      if (!weights.exact) {
        // The parties' common denominators are too large to add the sum in
        // exact integers: CBC compared the sums in doubles, so a package
        // whose sum is larger by less than its tolerance may exist.
        r.status = PackageStatus::feasible;
        r.gap = std::numeric_limits<double>::quiet_NaN();
        r.note = "the parties' common denominators are too large to prove the largest sum exactly; no package's "
                 "sum is larger by more than the solver's tolerance (about 1e-9)";
      }
      break;
    }
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle:
    case Method::knaster:
    case Method::compensation:
    case Method::alternating:
    case Method::robust: break;  // refused above
  }
  std::optional<std::vector<Rational>> log_offset;
  if (method == Method::nash) log_offset = reservation;
  if (method == Method::mnw) log_offset = zero;
  try_repaired(run, s, u, better_by(s, method, ideal), log_offset,
               "every rule, red line and reservation holds", r);
  return run.finish(r);
}

Result<PackageResult> best_for_party(const Scenario& s, int party, const PackageOptions& options) {
  const auto started = Clock::now();
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options, started);
  require_individually_rational(run, s, party);
  std::vector<double> weight(s.parties.size(), 0);
  weight[static_cast<std::size_t>(party)] = 1;
  return run.finish(maximise_linear(run, s, u, weight));
}

Result<MipFrontier> mip_frontier(const Scenario& s, const PackageOptions& options, std::size_t max_points) {
  const auto started = Clock::now();
  if (s.parties.size() != 2) {
    return Failure{"", {Diagnostic{"/parties", "the MIP frontier handles two parties"}}, FailureKind::unsupported};
  }
  Result<Prepared> prepared = prepare(s, "frontier");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options, started);
  Model& m = run.model();
  require_individually_rational(run, s);
  MipFrontier out;
  std::int64_t floor_b = 0;  // N_b >= floor_b
  auto stop = [&](const std::string& why) {
    out.complete = false;
    out.note = why;
  };
  for (;;) {
    if (out.outcomes.size() >= max_points) {
      stop(fmt::format("stopped after {} points", max_points));
      break;
    }
    // A MIP solved at its root still comes back optimal after the limit:
    // the walk itself watches the clock.
    if (run.out_of_time()) {
      stop("the time limit stopped the search");
      break;
    }
    Model::Saved base = m.save();
    m.require_numerator(1, floor_b);
    PackageResult most_a = maximise_linear(run, s, u, {1, 0});
    if (most_a.status == PackageStatus::infeasible) {
      m.restore(std::move(base));
      break;
    }
    if (most_a.status != PackageStatus::optimal) {
      m.restore(std::move(base));
      stop("the time limit stopped the search");
      break;
    }
    m.require_numerator(0, (most_a.utilities[0] * Rational(m.denominator(0))).small_numerator());
    PackageResult most_b = maximise_linear(run, s, u, {0, 1});
    m.restore(std::move(base));
    if (most_b.status != PackageStatus::optimal || run.out_of_time()) {
      stop("the time limit stopped the search");
      break;
    }
    out.outcomes.push_back(most_b.outcome);
    out.utilities.push_back(most_b.utilities);
    floor_b = (most_b.utilities[1] * Rational(m.denominator(1))).small_numerator() + 1;
  }
  PackageResult stats = run.finish(PackageResult{});
  out.mips = stats.mips;
  out.seconds = stats.seconds;
  return out;
}

Result<PackageResult> find_package(const Scenario& s, const PackageOptions& options) {
  const auto started = Clock::now();
  Result<Prepared> prepared = prepare(s, "solve");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options, started);
  require_individually_rational(run, s);
  return run.finish(maximise_linear(run, s, u, std::vector<double>(s.parties.size(), 0)));
}

Result<PackageResult> improvement(const Scenario& s, const std::vector<Rational>& baseline,
                                  const PackageOptions& options, const ChangeLimit* limit) {
  const auto started = Clock::now();
  if (baseline.size() != s.parties.size()) {
    return Failure{"",
                   {Diagnostic{"", fmt::format("a baseline needs one utility per party: {} parties, {} utilities",
                                               s.parties.size(), baseline.size())}},
                   FailureKind::invalid_input};
  }
  Result<Prepared> prepared = prepare(s, "evaluate");
  if (!prepared) return prepared.failure();
  const Utilities& u = prepared.value().u;
  Run run(s, prepared.value().iu, options, started);
  Model& m = run.model();
  const std::size_t n = s.parties.size();
  for (std::size_t p = 0; p < n; ++p) m.require_floor(p, baseline[p], false);
  m.require_some_above(baseline);
  if (limit) m.limit_changes(limit->from, limit->most);
  // The smallest gain over the baseline, proved exactly (leximin's first
  // level, which leaves it fixed in the model), then the largest sum.
  Scores sc;
  sc.offset = baseline;
  sc.scale.assign(n, Rational(1));
  PackageResult r = leximin(run, s, u, sc, 1);
  auto key = [&](const std::vector<Rational>& utilities) {
    Rational sum = 0;
    for (const Rational& x : utilities) sum += x;
    return std::vector<Rational>{sc.sorted(utilities).front(), sum};
  };
  const Better better = [&](const std::vector<Rational>& a, const std::vector<Rational>& b) { return key(a) > key(b); };
  if (r.status == PackageStatus::optimal) {
    const SumWeights weights = sum_weights(m);
    PackageResult most = maximise_linear(run, s, u, weights.weight);
    if (most.status == PackageStatus::optimal && weights.exact) {
      r = most;
    } else {
      const bool found = most.status == PackageStatus::optimal || most.status == PackageStatus::feasible;
      if (found && better(most.utilities, r.utilities)) {
        r.outcome = most.outcome;
        r.utilities = most.utilities;
      }
      r.status = PackageStatus::feasible;
      r.gap = most.status == PackageStatus::feasible ? most.gap : kUnknownGap;
      r.note = weights.exact ? "the smallest gain is proved; the time limit stopped the search for the largest sum "
                               "of gains"
                             : "the smallest gain is proved; the largest sum of gains only to the solver's tolerance "
                               "(the parties' common denominators are too large to add it exactly)";
    }
  }
  try_repaired(run, s, u, better, std::nullopt,
               "every rule and red line holds, and no party gets less than in the baseline", r);
  return run.finish(r);
}

}  // namespace parley::optimise
