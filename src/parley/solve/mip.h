// parley's small mixed-integer programming interface; COIN-OR CBC sits behind it
// (solve/mip.cpp is the only file that includes CBC headers), so the solver can
// be swapped without touching the rest.
//
//   solver::Mip m;
//   int x = m.add_var(0, 1, /*objective=*/3, /*integer=*/true);
//   int y = m.add_var(0, 1, 2, true);
//   m.add_row({{x, 1}, {y, 1}}, -solver::kInfinity, 1);   // x + y <= 1
//   m.set_maximize(true);
//   solver::MipSolution s = m.solve({.time_limit = 5});
//   if (s.status == solver::MipStatus::optimal) use(s.values[x]);
//
// Data are doubles: callers that need exact answers use integer data (exact in
// doubles up to 2^53), round the returned values and verify them exactly.
// Keep coefficients above about 1e-3 where a variable's range is wide: CBC
// 2.10's mixed-integer-rounding cuts treat coefficients of 1e-6 or less as
// zero and can cut off the optimum (seen in the MNW chord formulation, which
// scales its rows for this). The cbc_main=false path leaves those cuts out.
// Give every integer variable finite bounds: over unbounded integers branch
// and bound may not be able to prove infeasibility and runs to the time limit.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace parley::solver {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Term {
  int var = -1;
  double coefficient = 0;
};

enum class MipStatus { optimal, feasible, infeasible, unbounded, time_limit };

struct MipOptions {
  double time_limit = 0;      // seconds; 0 means none
  double relative_gap = 0;    // stop when proven within this gap; 0 asks for optimality
  bool log = false;           // solver log on stderr
  // true: CBC's stand-alone driver (CbcMain1: presolve, preprocessing, its
  // default cuts and heuristics), the strongest. false: CbcModel's own branch
  // and cut with the usual cut generators and heuristics. CBC 2.10.8's driver
  // dereferences a null pointer in ClpPresolve (called from
  // OsiClpSolverInterface::resolve) on some models, e.g. the package
  // optimiser's, which therefore use the other path.
  bool cbc_main = true;
};

struct MipSolution {
  MipStatus status = MipStatus::time_limit;
  double objective = 0;       // of the incumbent (when feasible or optimal)
  double bound = 0;           // proven bound on the optimum
  std::vector<double> values; // one per variable (when feasible or optimal)
  long long nodes = 0;
  double seconds = 0;
  // CBC proved the model infeasible at the root, by cuts alone, and the
  // proof was asked for again without Gomory's cuts (solve() says why).
  bool root_infeasibility_rechecked = false;
};

class Mip {
 public:
  // A variable in [lower, upper] (either may be infinite) with an objective coefficient.
  int add_var(double lower, double upper, double objective, bool integer, std::string name = {});
  // lower <= sum terms <= upper (either may be infinite). Terms naming one
  // variable twice are merged.
  void add_row(std::vector<Term> terms, double lower, double upper);
  void set_maximize(bool maximize) { maximize_ = maximize; }
  // Solutions whose objective is not better than `value` (below it when
  // maximising) are not wanted: the search may prune by it from the start
  // (and fix variables by reduced cost), as if an incumbent that good were
  // known. A model that says the same as a row still needs the row: the
  // cutoff is a hint, and CBC applies it with its own tolerance. When no
  // solution is better, solve() answers infeasible.
  void set_cutoff(double value) { cutoff_ = value; }
  // Optional starting solution (one value per variable); ignored on the
  // cbc_main=false path (see mip.cpp), which models with lazy rows take.
  void set_start(std::vector<double> values) { start_ = std::move(values); }

  // Lazy rows: called with the integer-feasible points the search meets
  // (integral=true); returns rows it violates (empty: the point is
  // acceptable). They are added as globally valid cuts inside the one branch
  // and bound, so the model need not list them up front (connectivity cuts).
  // CBC may still accept an integral point without asking: callers re-check
  // the answer (see mip.cpp). With `fractional`, also called at fractional LP points
  // (integral=false) to tighten the relaxation: rows returned then must be
  // valid for every feasible point too. A model with lazy rows is solved on
  // the cbc_main=false path whatever MipOptions says.
  struct LazyRow {
    std::vector<Term> terms;
    double lower = -kInfinity;
    double upper = kInfinity;
  };
  // depth: the search node's (0 at the root).
  using LazyRows = std::function<std::vector<LazyRow>(const std::vector<double>& values, bool integral, int depth)>;
  void set_lazy(LazyRows lazy, bool fractional = false) {
    lazy_ = std::move(lazy);
    lazy_fractional_ = fractional;
  }

  // CBC's own exceptions (CoinError, which is not a std::exception) leave as
  // std::runtime_error naming CBC's class and method.
  MipSolution solve(const MipOptions& options = {}) const;
  // The linear program alone (integrality ignored), on CLP's simplex: status
  // optimal, infeasible, unbounded, or time_limit; `values` at an optimum, a
  // basic solution (a vertex), which callers that need exact answers rebuild
  // exactly from the rows it makes tight. `bound` is the objective.
  MipSolution solve_lp(const MipOptions& options = {}) const;

  int variables() const { return static_cast<int>(lower_.size()); }
  int rows() const { return static_cast<int>(row_lower_.size()); }

 private:
  MipSolution solve_unguarded(const MipOptions& options) const;

  std::vector<double> lower_, upper_, objective_;
  std::vector<bool> integer_;
  std::vector<std::string> names_;
  std::vector<std::vector<Term>> rows_;
  std::vector<double> row_lower_, row_upper_;
  std::vector<double> start_;
  LazyRows lazy_;
  bool lazy_fractional_ = false;
  bool maximize_ = false;
  double cutoff_ = std::numeric_limits<double>::quiet_NaN();  // none
};

}  // namespace parley::solver
