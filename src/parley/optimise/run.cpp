#include "parley/optimise/run.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "parley/analysis/constraints.h"

namespace parley::optimise::detail {

namespace {

// What the repaired fallback keeps of a time limit for itself (at most
// kRepairReserve seconds): the search stops that much earlier, so that the
// whole call ends within its limit. A tenth leaves room: on a 10x10 grid
// under a 2 s limit the repair and local search took about 0.07 s.
constexpr double kRepairShare = 0.1;
constexpr double kRepairReserve = 5.0;

// The call's deadline, from its start.
Deadline deadline_from(Clock::time_point started, double time_limit) {
  if (time_limit <= 0) return Deadline::none();
  const double used = std::chrono::duration<double>(Clock::now() - started).count();
  return Deadline::after(std::max(1e-3, time_limit - used));
}

}  // namespace

Run::Run(const Scenario& s, const IntegerUtilities& iu, const PackageOptions& o, Clock::time_point started)
    : kept_(s, o),
      model_(s, iu, kept_, o.contiguity),
      options_(o),
      started_(started),
      call_(deadline_from(started, o.time_limit)),
      search_(call_) {
  // Only a model with a contiguity rule has a repaired fallback (a time
  // limit may leave it no connected package); its time comes out of the
  // search's, never on top of the limit.
  if (call_.limited() && model_.has_contiguity()) {
    const double left = call_.remaining();
    if (left > 0) search_ = call_.keep(std::min(kRepairReserve, kRepairShare * left) / left);
  }
}

MipSolution Run::solve(bool connected, double seconds) {
  for (;;) {
    solver::MipOptions mo;
    mo.time_limit = remaining();
    if (seconds > 0) mo.time_limit = mo.time_limit > 0 ? std::min(mo.time_limit, seconds) : seconds;
    mo.log = options_.log;
    mo.cbc_main = false;  // CBC 2.10.8's driver crashes on these models (solve/mip.h)
    // Cuts: connectivity rows are added lazily inside the branch and bound
    // (solve/mip.h), and remembered for the solves that follow.
    std::vector<std::vector<Term>> found;
    const std::size_t before = model_.separator_count();
    if (connected && cuts() && model_.has_contiguity()) {
      model_.mip.set_lazy(
          [&](const std::vector<double>& x, bool integral, int /*depth*/) {
            std::vector<solver::Mip::LazyRow> rows;
            if (!integral) {
              // Cuts at fractional points stay with this search: kept as rows
              // for the searches that follow (a Nash refinement, a re-proof),
              // the root's 1,500 of them made each node of those five times
              // slower on a 250-region grid (9 nodes/s against 48), for a
              // root they re-separate in under a second.
              for (std::vector<Term>& row : model_.fractional_separator_rows(x, search_)) {
                rows.push_back({std::move(row), -kInfinity, 1});
              }
              fractional_rows_ += static_cast<int>(rows.size());
              return rows;
            }
            Outcome point = model_.decode(x);
            for (std::vector<Term>& row : model_.separator_rows(point)) {
              rows.push_back({row, -kInfinity, 1});
              found.push_back(std::move(row));
            }
            lazy_rows_ += static_cast<int>(rows.size());
            if (!rows.empty()) remember_disconnected(std::move(point));
            return rows;
          },
          /*fractional=*/true);
    }
    MipSolution sol = model_.mip.solve(mo);
    model_.mip.set_lazy({});
    model_.remember_separators(found);
    model_.add_separators_from(before);
    ++mips_;
    nodes_ += sol.nodes;
    if (!connected || !cuts() || !model_.has_contiguity()) return sol;
    if (sol.status != MipStatus::optimal && sol.status != MipStatus::feasible) return sol;
    Outcome point = model_.decode(sol.values);
    int added = model_.add_separator_rows(point);
    if (added == 0) return sol;
    remember_disconnected(std::move(point));
    cut_rows_ += added;
    ++cut_rounds_;
    if (out_of_time()) {
      sol.status = MipStatus::time_limit;  // the incumbent is not connected: nothing usable
      return sol;
    }
  }
}

PackageResult Run::finish(PackageResult r) const {
  std::size_t finest = 0;
  for (std::size_t p = 1; p < model_.parties(); ++p) {
    if (model_.denominator(p) > model_.denominator(finest)) finest = p;
  }
  if (model_.parties() > 0 && model_.denominator(finest) > kResolvedDenominator &&
      r.status != PackageStatus::time_limit) {
    const std::string why = fmt::format(
        "{}'s utilities are fractions over {}, finer than the solver tells apart (it is trusted up to {}), so ",
        model_.scenario().parties[finest].id, model_.denominator(finest), kResolvedDenominator);
    if (r.status != PackageStatus::infeasible) {
      // Whatever a feasible answer's note said was proved (a leximin level,
      // the smallest gain) rests on the same verdicts: none of it is.
      r.status = PackageStatus::feasible;
      r.gap = kUnknownGap;
      r.note = why + "that no package is better is not proved";
    } else {
      r.status = PackageStatus::time_limit;
      r.note = why + "that no package meets every demand is not proved";
    }
  }
  r.nodes = nodes_;
  r.mips = mips_;
  r.fractional_cuts = fractional_rows_;
  r.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  r.formulation = std::string(contiguity_name(options_.contiguity));
  if (options_.contiguity == Contiguity::cuts && (cut_rounds_ > 0 || lazy_rows_ > 0 || fractional_rows_ > 0)) {
    r.formulation += fmt::format(" ({} lazy rows, {} fractional cuts", lazy_rows_, fractional_rows_);
    if (cut_rounds_ > 0) r.formulation += fmt::format(", {} more in {} re-solves", cut_rows_, cut_rounds_);
    r.formulation += ")";
  }
  return r;
}

void Run::remember_disconnected(Outcome o) {
  constexpr std::size_t kKeep = 64;
  if (disconnected_.size() == kKeep) disconnected_.erase(disconnected_.begin());
  disconnected_.push_back(std::move(o));
}

std::optional<std::string> violation(const Scenario& s, const Run& run, const Found& f) {
  const Kept& kept = run.kept();
  for (const ConstraintCheck& c : check_constraints(s, f.outcome)) {
    bool is_kept = c.kind == ConstraintCheck::Kind::agreed ||
                   (c.kind == ConstraintCheck::Kind::rule && kept.rules[static_cast<std::size_t>(c.index)]) ||
                   (c.kind == ConstraintCheck::Kind::red_line &&
                    kept.red_lines[static_cast<std::size_t>(c.party)][static_cast<std::size_t>(c.index)]);
    if (is_kept && !c.holds) return "breaks " + c.pointer + " (" + c.description + "): " + c.detail;
  }
  return run.model().unmet(f.utilities);
}

Found check_found(const Scenario& s, const Utilities& u, const Run& run, const std::vector<double>& x) {
  Found f;
  f.outcome = run.model().decode(x);
  f.utilities = u.utilities(f.outcome);
  if (auto wrong = violation(s, run, f)) {
    throw std::logic_error("the package optimiser's answer " + *wrong);
  }
  return f;
}

PackageResult with_package(PackageStatus status, const Found& f, double gap, std::string note) {
  PackageResult r;
  r.status = status;
  r.outcome = f.outcome;
  r.utilities = f.utilities;
  r.gap = gap;
  r.note = std::move(note);
  return r;
}

PackageResult from_status(MipStatus st) {
  PackageResult r;
  r.status = st == MipStatus::infeasible ? PackageStatus::infeasible : PackageStatus::time_limit;
  return r;
}

bool has_solution(const MipSolution& s) { return s.status == MipStatus::optimal || s.status == MipStatus::feasible; }

}  // namespace parley::optimise::detail
