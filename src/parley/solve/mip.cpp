// solver::Mip on COIN-OR CBC 2.10. The only file that includes CBC headers.
//
// The model is loaded into an OsiClpSolverInterface and solved through
// CbcMain1 (the stand-alone solver's driver), because that is where CBC's
// default presolve, cut generators and heuristics are switched on; a bare
// CbcModel::branchAndBound() has none of them and is much weaker.
//
// Status mapping (what was proved, never more):
//   - the LP relaxation is infeasible                       -> infeasible
//   - the LP relaxation is unbounded: solve the MIP with a zero objective;
//     feasible -> unbounded (rational data: an integer-feasible MIP whose
//     relaxation is unbounded is unbounded, Meyer 1974), else infeasible
//   - CBC finished the search with a solution and the gap closed -> optimal
//   - a solution, but a limit (time or relative_gap) stopped it  -> feasible
//   - CBC proved infeasibility                               -> infeasible
//   - nothing found before the time limit                    -> time_limit
#include "parley/solve/mip.h"

#include <coin/CoinError.hpp>
#include <coin/CbcHeuristic.hpp>
#include <coin/CbcHeuristicFPump.hpp>
#include <coin/CbcHeuristicLocal.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcCutGenerator.hpp>  // after CbcModel.hpp: it needs CbcNode declared
#include <coin/CbcEventHandler.hpp>
#include <coin/CbcCompareObjective.hpp>
#include <coin/CbcFeasibilityBase.hpp>
#include <coin/CglClique.hpp>
#include <coin/CglCutGenerator.hpp>
#include <coin/CglFlowCover.hpp>
#include <coin/CglGomory.hpp>
#include <coin/CglKnapsackCover.hpp>
#include <coin/CglProbing.hpp>
#include <coin/CglZeroHalf.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>
#include <coin/OsiAuxInfo.hpp>
#include <coin/OsiCuts.hpp>
#include <coin/OsiRowCut.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace parley::solver {

int Mip::add_var(double lower, double upper, double objective, bool integer, std::string name) {
  lower_.push_back(lower);
  upper_.push_back(upper);
  objective_.push_back(objective);
  integer_.push_back(integer);
  names_.push_back(std::move(name));
  return static_cast<int>(lower_.size()) - 1;
}

void Mip::add_row(std::vector<Term> terms, double lower, double upper) {
  // CLP's presolve crashes on a row that names a column twice: merge them.
  std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.var < b.var; });
  std::vector<Term> merged;
  for (const Term& t : terms) {
    if (!merged.empty() && merged.back().var == t.var) {
      merged.back().coefficient += t.coefficient;
    } else {
      merged.push_back(t);
    }
  }
  std::erase_if(merged, [](const Term& t) { return t.coefficient == 0; });
  for (const Term& t : merged) {
    if (t.var < 0 || t.var >= variables() || !std::isfinite(t.coefficient)) {
      throw std::invalid_argument("solver::Mip::add_row: a term names variable " + std::to_string(t.var) +
                                  " with coefficient " + std::to_string(t.coefficient));
    }
  }
  rows_.push_back(std::move(merged));
  row_lower_.push_back(lower);
  row_upper_.push_back(upper);
}

namespace {

double coin(double v) {
  if (v == kInfinity) return COIN_DBL_MAX;
  if (v == -kInfinity) return -COIN_DBL_MAX;
  return v;
}

// Column names for CBC's MIP start, which is keyed by name. Names are made
// unique by their index so that user-given duplicates cannot confuse it.
std::string column_name(int j) { return "c" + std::to_string(j); }

// Columns above which CLP's presolve is skipped (see load).
constexpr int kPresolveColumns = 20000;

void load(OsiClpSolverInterface& solver, const std::vector<double>& lower, const std::vector<double>& upper,
          const std::vector<double>& objective, const std::vector<bool>& integer,
          const std::vector<std::vector<Term>>& rows, const std::vector<double>& row_lower,
          const std::vector<double>& row_upper, bool maximize) {
  const int n = static_cast<int>(lower.size());
  // Row-ordered, built in one go (appending row by row copies the matrix
  // each time: quadratic in the thousands of connectivity rows).
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> lengths, index;
  std::vector<double> element;
  for (const auto& row : rows) {
    for (const Term& t : row) {
      index.push_back(t.var);
      element.push_back(t.coefficient);
    }
    lengths.push_back(static_cast<int>(row.size()));
    starts.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  const CoinPackedMatrix matrix(false, n, static_cast<int>(rows.size()), static_cast<CoinBigIndex>(index.size()),
                                element.data(), index.data(), starts.data(), lengths.data());
  std::vector<double> cl(n), cu(n), rl(row_lower.size()), ru(row_upper.size());
  for (int j = 0; j < n; ++j) {
    cl[j] = coin(lower[j]);
    cu[j] = coin(upper[j]);
  }
  for (std::size_t i = 0; i < row_lower.size(); ++i) {
    rl[i] = coin(row_lower[i]);
    ru[i] = coin(row_upper[i]);
  }
  solver.loadProblem(matrix, cl.data(), cu.data(), objective.data(), rl.data(), ru.data());
  for (int j = 0; j < n; ++j) {
    if (integer[j]) solver.setInteger(j);
    solver.setColName(j, column_name(j));
  }
  solver.setObjSense(maximize ? -1.0 : 1.0);
  // CLP's presolve does not look at the clock: on a model with 100,000
  // columns, many of them alike (50,000 items, 2 parties), its duplicate-
  // column and doubleton passes ran 10 s of a 5 s limit. Large models go
  // straight to the simplex, which does look at it (solve_unguarded).
  if (n > kPresolveColumns) {
    solver.setHintParam(OsiDoPresolveInInitial, false, OsiHintDo);
    solver.setHintParam(OsiDoPresolveInResolve, false, OsiHintDo);
  }
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->messageHandler()->setLogLevel(0);
}

// Mip::LazyRows as a CBC cut generator: at every integral point it is shown it
// asks for violated rows and adds them as globally valid cuts, so CBC rejects
// the point and keeps searching; with `fractional`, fractional points are
// shown too (the rows are then ordinary cuts, kept local: CBC 2.10 crashed, a
// double free in CbcRowCuts, with thousands of global cuts from fractional
// points). CBC can still accept some integral points without calling it:
// callers re-check the answer. With CBC's "cuts needed for integral
// solutions" mode (OsiBabSolver type 4, set in branch_and_cut) and strong
// branching's points checked (StrongBranchingCheck), a 250-region grid's
// Nash search ran once instead of six times in 300 s (issue 19). A point
// within kIntegral of integral counts as integral: CBC took one 1e-5 off as
// a solution, which the fractional separation (violations of 0.2 and more)
// had let through.
//
// Past `stop` (the solve's time limit) it tightens fractional points no
// more: CBC looks at its clock between nodes, not between the root's cut
// rounds, and a root that keeps receiving cuts ran seconds past the limit
// (2.3 s for a 1.1 s limit on a 10x10 grid).
// Integral enough for the rows of integral points (valid everywhere anyway).
constexpr double kIntegral = 1e-4;

class LazyGenerator : public CglCutGenerator {
 public:
  using Clock = std::chrono::steady_clock;
  LazyGenerator(const Mip::LazyRows& lazy, const std::vector<bool>& integer, bool fractional,
                Clock::time_point stop = Clock::time_point::max())
      : lazy_(lazy), integer_(integer), fractional_(fractional), stop_(stop) {}
  CglCutGenerator* clone() const override { return new LazyGenerator(*this); }
  void generateCuts(const OsiSolverInterface& si, OsiCuts& cs, const CglTreeInfo info = CglTreeInfo()) override {
    const double* x = si.getColSolution();
    const int n = si.getNumCols();
    if (x == nullptr || n != static_cast<int>(integer_.size())) return;
    bool integral = true;
    for (int j = 0; j < n && integral; ++j) {
      integral = !integer_[static_cast<std::size_t>(j)] || std::abs(x[j] - std::round(x[j])) <= kIntegral;
    }
    if (!integral && (!fractional_ || Clock::now() >= stop_)) return;
    for (const Mip::LazyRow& row : lazy_(std::vector<double>(x, x + n), integral, info.level)) {
      std::vector<int> index;
      std::vector<double> element;
      for (const Term& t : row.terms) {
        index.push_back(t.var);
        element.push_back(t.coefficient);
      }
      OsiRowCut cut;
      cut.setRow(static_cast<int>(index.size()), index.data(), element.data());
      cut.setLb(coin(row.lower));
      cut.setUb(coin(row.upper));
      cut.setGloballyValid(integral);
      cs.insertIfNotDuplicate(cut);
    }
  }
  bool needsOptimalBasis() const override { return false; }
  const Mip::LazyRows& rows() const { return lazy_; }

 private:
  Mip::LazyRows lazy_;
  std::vector<bool> integer_;
  bool fractional_ = false;
  Clock::time_point stop_;
};

// The lazy rows' say on integral points found by strong branching (a
// child's relaxation that happens to be integral), which reach CBC's
// incumbent without passing any cut generator: one that broke a lazy row
// became the incumbent, its objective pruned the rest of the tree, and the
// search "finished" on a point the caller had to reject and solve again
// from scratch (on a 250-region map, six whole searches in 300 s). Called
// with mode -1 (after strong branching), -1 says "not a solution": the child
// stays in the tree, where the generator cuts the point off; any other mode
// has no opinion (-1 there would prune the node).
class StrongBranchingCheck : public CbcFeasibilityBase {
 public:
  StrongBranchingCheck(const Mip::LazyRows& lazy, int columns) : lazy_(lazy), columns_(columns) {}
  CbcFeasibilityBase* clone() const override { return new StrongBranchingCheck(*this); }
  int feasible(CbcModel* model, int mode) override {
    if (mode != -1 || model == nullptr || model->solver() == nullptr) return 0;
    const double* x = model->solver()->getColSolution();
    if (x == nullptr || model->solver()->getNumCols() != columns_) return 0;
    const int depth = std::max(0, model->currentDepth());
    return lazy_(std::vector<double>(x, x + columns_), true, depth).empty() ? 0 : -1;
  }

 private:
  Mip::LazyRows lazy_;
  int columns_ = 0;
};

// CbcModel's own branch and cut with the usual cut generators and
// heuristics, without CbcMain1's presolve and preprocessing.
// No MIP start on this path: CbcModel::setBestSolution with a start made CBC
// return worse packages as optimal on maximisation models (measured), the
// same family of sign bugs as coin-or/Cbc#296. Mip::set_start is ignored here.
// CLP stopped at its maximum seconds (status 3; Osi's isIterationLimitReached
// does not count the clock, and CBC then reads the unfinished relaxation as
// infeasible: a false proof, seen on 50,000 items at a 5 s limit).
bool stopped_by_the_clock(OsiClpSolverInterface& clp) {
  return !clp.isProvenOptimal() && clp.getModelPtr()->status() == 3;
}

// Answers false when the root relaxation was not solved (stopped by the clock).
// use_gomory=false leaves Gomory's cuts out: the second opinion on a proof of
// infeasibility made at the root (see solve_unguarded).
// `lazy_rows`: with lazy rows, CBC's description of them (type 4), which
// must outlive `model` (CBC keeps the pointer).
bool branch_and_cut(CbcModel& model, double seconds, double relative_gap, LazyGenerator* lazy, OsiBabSolver* lazy_rows,
                    bool use_gomory = true) {
  if (lazy != nullptr) {
    StrongBranchingCheck check(lazy->rows(), model.getNumCols());
    model.setProblemFeasibility(check);  // CBC keeps a clone
    model.addCutGenerator(lazy, 1, "Lazy", true, true, false, 1);
    model.cutGenerator(model.numberCutGenerators() - 1)->setMustCallAgain(true);
  }
  CglProbing probing;
  probing.setUsingObjective(true);
  probing.setMaxPass(1);
  probing.setMaxProbe(10);
  probing.setMaxLook(10);
  CglGomory gomory;
  gomory.setLimit(300);
  CglKnapsackCover knapsack;
  CglClique clique;
  clique.setStarCliqueReport(false);
  clique.setRowCliqueReport(false);
  CglFlowCover flow;
  CglZeroHalf zero_half;
  model.addCutGenerator(&probing, -1, "Probing");
  if (use_gomory) model.addCutGenerator(&gomory, -1, "Gomory");
  model.addCutGenerator(&knapsack, -1, "Knapsack");
  model.addCutGenerator(&clique, -1, "Clique");
  model.addCutGenerator(&flow, -1, "FlowCover");
  model.addCutGenerator(&zero_half, -1, "ZeroHalf");
  // Heuristics' solutions reach CBC without passing the lazy rows (CBC's own C
  // interface switches them off with lazy constraints too): only without.
  CbcRounding simple_rounding(model);
  CbcHeuristicFPump pump(model);
  CbcHeuristicLocal local(model);
  if (lazy == nullptr) {
    model.addHeuristic(&simple_rounding);
    model.addHeuristic(&pump);
    model.addHeuristic(&local);
  }
  if (seconds > 0) model.setMaximumSeconds(seconds);
  // Strong branching runs up to this many simplex iterations per candidate
  // (Osi's hot start). CBC looks at its clock between nodes, not inside
  // strong branching: unbounded, one root round ran up to a second past the
  // time limit on a 10x10 map (2.6-2.8 s for 2 s in 3 of 15 calls; with 50,
  // at most 1.96 s in 15). Proofs got faster too (/tmp driver, 30 s limit,
  // median of 2: near-anchor 10x10 grid Nash 2.6 -> 1.7 s, planar 100 Nash
  // 2.3 -> 1.9 s, 10x10 egalitarian 10.7 -> 9.1 s, uniform 6x6 Nash 7.3 -> 3.1 s).
  model.solver()->setIntParam(OsiMaxNumIterationHotStart, 50);
  model.setUseElapsedTime(true);
  model.setAllowableGap(1e-9);
  model.setAllowableFractionGap(relative_gap > 0 ? relative_gap : 1e-12);
  model.initialSolve();
  if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver()); clp && stopped_by_the_clock(*clp)) return false;
  if (lazy != nullptr && lazy_rows != nullptr) {
    // "The rows do not define the problem": CBC asks the generators before
    // it takes an integral relaxation as a solution. Set after the initial
    // solve, as CBC's own lazy-constraint example does (before it, CBC
    // replaced it and the setting had no effect).
    lazy_rows->setSolverType(4);
    model.passInSolverCharacteristics(lazy_rows);
  }
  model.branchAndBound();
  return true;
}

}  // namespace

MipSolution Mip::solve(const MipOptions& options) const {
  try {
    return solve_unguarded(options);
  } catch (const CoinError& e) {
    throw std::runtime_error("CBC failed in " + e.className() + "::" + e.methodName() + ": " + e.message());
  }
}

MipSolution Mip::solve_lp(const MipOptions& options) const {
  try {
    const auto start_time = std::chrono::steady_clock::now();
    MipSolution out;
    OsiClpSolverInterface lp;
    load(lp, lower_, upper_, objective_, std::vector<bool>(integer_.size(), false), rows_, row_lower_, row_upper_,
         maximize_);
    if (options.time_limit > 0) lp.getModelPtr()->setMaximumSeconds(std::max(0.01, options.time_limit));
    lp.messageHandler()->setLogLevel(options.log ? 1 : 0);
    lp.initialSolve();
    if (lp.isProvenOptimal()) {
      out.status = MipStatus::optimal;
      const double* x = lp.getColSolution();
      out.values.assign(x, x + variables());
      out.objective = lp.getObjValue();
      out.bound = out.objective;
    } else if (lp.isProvenPrimalInfeasible()) {
      out.status = MipStatus::infeasible;
    } else if (lp.isProvenDualInfeasible()) {
      out.status = MipStatus::unbounded;
    } else {
      out.status = MipStatus::time_limit;
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    return out;
  } catch (const CoinError& e) {
    throw std::runtime_error("CLP failed in " + e.className() + "::" + e.methodName() + ": " + e.message());
  }
}

MipSolution Mip::solve_unguarded(const MipOptions& options) const {
  const auto start_time = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count(); };
  const int n = variables();
  MipSolution out;
  out.bound = maximize_ ? kInfinity : -kInfinity;

  OsiClpSolverInterface solver;
  load(solver, lower_, upper_, objective_, integer_, rows_, row_lower_, row_upper_, maximize_);

  // The LP relaxation first: it settles infeasible and unbounded models, which
  // CBC's branch and bound does not report reliably.
  {
    OsiClpSolverInterface lp(solver);
    // The simplex stops at the time limit (CbcModel's own initial solve does
    // not: it ran minutes on a 100,000-column model at a 5 s limit).
    if (options.time_limit > 0) lp.getModelPtr()->setMaximumSeconds(std::max(0.01, options.time_limit - elapsed()));
    lp.initialSolve();
    if (lp.isProvenPrimalInfeasible()) {
      out.status = MipStatus::infeasible;
      out.seconds = elapsed();
      return out;
    }
    if (lp.isProvenDualInfeasible()) {
      Mip feasibility = *this;
      std::fill(feasibility.objective_.begin(), feasibility.objective_.end(), 0.0);
      feasibility.start_.clear();
      feasibility.cutoff_ = std::numeric_limits<double>::quiet_NaN();  // every point scores 0 here
      MipOptions o = options;
      o.relative_gap = 0;
      MipSolution f = feasibility.solve_unguarded(o);
      out.seconds = elapsed();
      out.nodes = f.nodes;
      if (f.status == MipStatus::infeasible) {
        out.status = MipStatus::infeasible;
      } else if (f.status == MipStatus::optimal || f.status == MipStatus::feasible) {
        out.status = MipStatus::unbounded;
        out.values = f.values;
      } else {
        out.status = MipStatus::time_limit;
      }
      return out;
    }
    if (stopped_by_the_clock(lp)) {
      out.status = MipStatus::time_limit;
      out.seconds = elapsed();
      return out;
    }
    // Branch and cut solves the relaxation again from scratch: started from
    // this basis instead, CBC called a model infeasible whose optimum sits
    // exactly on a row of size 3e14 (a utilitarian sum, then its tie-break
    // by nash: PackageProperty.EveryMethodMatchesBruteForce).
  }

  OsiBabSolver lazy_rows;  // before the models: CBC keeps a pointer to it
  // CbcModel's own branch and cut on `model` (a fresh copy of the model):
  // false when the time ran out before the root relaxation was solved.
  auto run_branch_and_cut = [&](CbcModel& model, bool use_gomory) {
    std::optional<LazyGenerator> lazy;
    const double seconds = options.time_limit > 0 ? std::max(0.01, options.time_limit - elapsed()) : 0;
    if (lazy_) {
      lazy.emplace(lazy_, integer_, lazy_fractional_,
                   seconds > 0 ? LazyGenerator::Clock::now() + std::chrono::duration_cast<LazyGenerator::Clock::duration>(
                                                                  std::chrono::duration<double>(seconds))
                               : LazyGenerator::Clock::time_point::max());
    }
    // CbcModel's initial solve runs clean-up passes of its own that took
    // minutes on a 100,000-column model: its simplex is bounded by the time
    // left too, and a relaxation it did not finish is the time limit (CBC
    // would call it infeasible, a false proof that no package exists).
    if (seconds > 0) {
      if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver())) clp->getModelPtr()->setMaximumSeconds(seconds);
    }
    return branch_and_cut(model, seconds, options.relative_gap, lazy ? &*lazy : nullptr, &lazy_rows, use_gomory);
  };

  // What every CbcModel of this solve is told: the cutoff, in the model's
  // own sense (CBC turns it by the objective's direction), and the log.
  // With a cutoff CBC already holds what its diving before a first solution
  // is for (a value to prune by): it takes the node with the best bound
  // first instead. On the package optimiser's Nash searches (250-region
  // maps, cutoff at the best package known) 9 of 10 maps were proved in
  // 60 s against 8 (PARLEY_BENCH_PACKAGE=goal, issue 19).
  auto configure = [&](CbcModel& m) {
    if (!std::isnan(cutoff_)) {
      m.setCutoff(cutoff_);
      CbcCompareObjective best_first;
      m.setNodeComparison(best_first);  // CBC keeps a clone
    }
    m.setLogLevel(options.log ? 1 : 0);
    m.messageHandler()->setLogLevel(options.log ? 1 : 0);
  };
  CbcModel model(solver);
  configure(model);
  if (!options.cbc_main || lazy_) {  // CbcMain1 has no place for lazy rows
    if (!run_branch_and_cut(model, true)) {
      out.status = MipStatus::time_limit;
      out.seconds = elapsed();
      return out;
    }
  } else {
  CbcMain0(model);
  if (!std::isnan(cutoff_)) model.setCutoff(cutoff_);  // CbcMain0 resets it
  if (static_cast<int>(start_.size()) == n && n > 0) {
    std::vector<std::pair<std::string, double>> mip_start;
    mip_start.reserve(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) mip_start.emplace_back(column_name(j), start_[static_cast<std::size_t>(j)]);
    model.setMIPStart(mip_start);
  }
  std::vector<std::string> args = {"parley", "-log", options.log ? "1" : "0", "-timeMode", "elapsed"};
  if (options.time_limit > 0) {
    double left = std::max(0.01, options.time_limit - elapsed());
    args.insert(args.end(), {"-sec", std::to_string(left)});
  }
  if (options.relative_gap > 0) args.insert(args.end(), {"-ratio", std::to_string(options.relative_gap)});
  args.insert(args.end(), {"-solve", "-quit"});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model);
  }

  // Infeasible at the root, by cuts alone, though the relaxation above was
  // feasible: asked once more without Gomory's cuts before it is believed,
  // and the second search's answer is the answer. On a 250-region Nash
  // search whose rows mix tiny tangent coefficients with large ones, one root
  // printed "cuts changed objective from 969720 to -6.8e14" and CBC called
  // the search infeasible, which made its starting package "optimal" on no
  // proof (issue 19). Proofs that needed branching are left as they are.
  std::optional<CbcModel> again;
  if (model.isProvenInfeasible() && model.getNodeCount() == 0 && model.bestSolution() == nullptr) {
    again.emplace(solver);
    configure(*again);
    out.root_infeasibility_rechecked = true;
    if (!run_branch_and_cut(*again, false)) {
      out.status = MipStatus::time_limit;
      out.seconds = elapsed();
      return out;
    }
  }
  CbcModel& result = again ? *again : model;
  out.nodes = model.getNodeCount() + (again ? again->getNodeCount() : 0);
  const double* best = result.bestSolution();
  if (best != nullptr && result.getNumCols() == n) {
    out.values.assign(best, best + n);
    double objective = 0;
    for (int j = 0; j < n; ++j) objective += objective_[static_cast<std::size_t>(j)] * out.values[static_cast<std::size_t>(j)];
    out.objective = objective;
    // getBestPossibleObjValue() is in the model's own sense (a maximum for a
    // maximisation); never let it claim better than the incumbent's side.
    double bound = result.getBestPossibleObjValue();
    out.bound = maximize_ ? std::max(bound, objective) : std::min(bound, objective);
    const bool finished = result.isProvenOptimal() && !result.isSecondsLimitReached();
    const double tolerance = 1e-9 * std::max(1.0, std::abs(objective));
    const bool closed = std::abs(out.bound - objective) <= tolerance || options.relative_gap == 0;
    if (finished && closed) {
      out.status = MipStatus::optimal;
      out.bound = objective;
    } else {
      out.status = MipStatus::feasible;
    }
  } else if (result.isProvenInfeasible()) {
    out.status = MipStatus::infeasible;
  } else {
    out.status = MipStatus::time_limit;
    double bound = result.getBestPossibleObjValue();
    if (std::isfinite(bound) && std::abs(bound) < 1e50) out.bound = bound;
  }
  out.seconds = elapsed();
  return out;
}

}  // namespace parley::solver
