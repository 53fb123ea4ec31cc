// parley solve FILE --method M: the recommended package, its utilities and
// properties, and why (docs/cli.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ostream>
#include <string>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/fairness.h"
#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/fairdiv/solve_goods.h"
#include "parley/core/files.h"
#include "parley/render/frontier_svg.h"
#include "parley/mediate/recommend.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/response_json.h"
#include "parley/io/scenario_writer.h"
#include "parley/render/map_svg.h"

namespace parley::cli {

namespace {

using json::Value;
using Clock = std::chrono::steady_clock;

std::string method_title(const std::string& method) {
  if (method == "nash") return "Nash bargaining solution";
  if (method == "ks") return "Kalai-Smorodinsky solution";
  if (method == "egalitarian") return "Egalitarian solution";
  if (method == "utilitarian") return "Utilitarian solution";
  if (method == "mnw") return "Maximum Nash welfare";
  if (method == "leximin") return "Leximin solution";
  if (method == "aw") return "Adjusted Winner";
  if (method == "round-robin") return "Round robin";
  return "Envy-cycle elimination";
}

// What solve prints for a package, whichever engine found it.
struct Answer {
  std::string status;
  Outcome outcome;
  std::optional<fairdiv::SplitItem> split;
  Evaluation evaluation;
  std::optional<bool> pareto_optimal;
  std::optional<double> gap;
  std::vector<std::string> explanation;
  std::size_t frontier_size = 0;
  std::string engine;  // bargaining methods: "frontier" or "package optimiser (...)"
};

Value outcome_json(const Scenario& s, const Answer& a) {
  Value o = outcome_to_json(s, a.outcome);
  if (a.split) {
    Value fractions = Value::object();
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      fractions.add(s.parties[p].id, Value::number(a.split->fractions[p].to_double()));
    }
    for (auto& [key, value] : o.mutable_members()) {
      if (key == s.issues[static_cast<std::size_t>(a.split->issue)].id) value = fractions;
    }
  }
  return o;
}

Value answer_json(const Scenario& s, const std::string& method, const Answer& a, double seconds) {
  Value out = Value::object();
  out.add("method", Value::string(method));
  out.add("status", Value::string(a.status));
  out.add("outcome", outcome_json(s, a));
  if (a.split) {
    Value fractions = Value::object(), exact = Value::object();
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      fractions.add(s.parties[p].id, Value::number(a.split->fractions[p].to_double()));
      exact.add(s.parties[p].id, Value::string(a.split->fractions[p].str()));
    }
    out.add("split", Value::object()
                         .add("issue", Value::string(s.issues[static_cast<std::size_t>(a.split->issue)].id))
                         .add("fractions", std::move(fractions))
                         .add("exact", std::move(exact)));
  }
  Value evaluation = evaluation_to_json(s, a.evaluation);
  for (auto& [key, value] : evaluation.mutable_members()) {
    if (key == "properties") {
      Value props = Value::object();
      props.add("pareto_optimal", a.pareto_optimal ? Value::boolean(*a.pareto_optimal) : Value());
      for (auto& member : value.mutable_members()) props.add(member.first, std::move(member.second));
      out.add("properties", std::move(props));
    } else if (key != "constraints" && key != "goods") {
      out.add(key, std::move(value));
    }
  }
  if (a.gap) out.add("gap", Value::number(*a.gap));
  Value explanation = Value::array();
  for (const std::string& sentence : a.explanation) explanation.push(Value::string(sentence));
  out.add("explanation", std::move(explanation));
  if (a.frontier_size > 0) out.add("frontier_size", Value::integer(static_cast<long long>(a.frontier_size)));
  if (!a.engine.empty()) out.add("engine", Value::string(a.engine));
  out.add("seconds", Value::number(seconds));
  return out;
}

void print_answer(const Scenario& s, const std::string& file, const std::string& method, const Answer& a,
                  std::ostream& out) {
  out << method_title(method) << " for " << (s.title.empty() ? file : s.title) << ": " << a.status;
  if (a.gap) out << " (gap " << *a.gap << ")";
  out << "\n\nPackage:\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    std::string value = describe_value(s, static_cast<int>(i), a.outcome[i]);
    if (a.split && a.split->issue == static_cast<int>(i)) {
      value.clear();
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        value += (value.empty() ? "" : ", ") + s.parties[p].id + " " + fixed(a.split->fractions[p]) + " (" +
                 a.split->fractions[p].str() + ")";
      }
      value += "  [split]";
    }
    rows.push_back({s.issues[i].id, value, s.agreed[i] ? "(agreed)" : ""});
  }
  out << table(rows);
  out << "\n";
  std::vector<std::vector<std::string>> parties{{"party", "utility", "reservation", "gain"}};
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const Evaluation& e = a.evaluation;
    parties.push_back({s.parties[p].id, fixed(e.utilities[p]), fixed(e.utilities[p] - e.gains[p]),
                       signed_fixed(e.gains[p])});
  }
  out << table(parties);
  out << "\nWhy:\n";
  for (const std::string& sentence : a.explanation) out << "  - " << sentence << "\n";
  // Properties, read back from the JSON form so that both outputs say the same.
  Value json = answer_json(s, method, a, 0);
  std::string props;
  for (const auto& [key, value] : json.find("properties")->members()) {
    if (value.is_null()) continue;
    std::string name = key;
    for (char& c : name) c = c == '_' ? ' ' : c;
    props += (props.empty() ? "" : ", ") + name + (value.as_bool() ? " yes" : " NO");
  }
  out << "\nProperties: " << props << "\n";
}

// --svg: with region issues and an answer, the map coloured by the answer (as
// `parley render` draws it); otherwise the frontier (when it can be computed)
// with the answer marked.
bool write_plot(const SolveOptions& options, const Scenario& s, const Outcome* outcome,
                const std::optional<std::vector<Rational>>& answer, std::ostream& err) {
  if (options.svg.empty()) return true;
  const bool regions = std::any_of(s.issues.begin(), s.issues.end(),
                                   [](const Issue& is) { return is.kind == IssueKind::region; });
  if (regions && outcome && answer) {
    render::MapSvgOptions style;
    style.title = (s.title.empty() ? options.file : s.title) + ": " + method_title(options.method);
    style.subtitle = "parley solve --method " + options.method;
    style.utilities = *answer;
    if (write_text_file(options.svg, render::map_svg(s, *outcome, style))) return true;
    err << options.svg << ": : cannot write the SVG file\n";
    return false;
  }
  std::vector<std::vector<Rational>> points;
  if (s.parties.size() <= 5) {
    pareto::FrontierOptions fo;
    fo.time_limit = options.common.time_limit > 0 ? options.common.time_limit : 10;
    Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, options.file);
    if (f && f.value().status() == pareto::FrontierStatus::complete) {
      for (std::size_t k = 0; k < f.value().size(); ++k) points.push_back(f.value().utilities(k));
    }
  }
  render::FrontierPlot plot =
      render::plot_of(s, (s.title.empty() ? options.file : s.title) + ": " + method_title(options.method), points);
  if (answer) {
    std::vector<double> d;
    for (const Rational& x : *answer) d.push_back(x.to_double());
    plot.marks.insert(plot.marks.begin(), {method_title(options.method), d});
  }
  if (!write_text_file(options.svg, render::frontier_svg(plot))) {
    err << options.svg << ": : cannot write the SVG file\n";
    return false;
  }
  return true;
}

Evaluation evaluation_of(const Scenario& s, const Outcome& o) {
  return evaluate_outcome(s, o).value();  // preferences were checked before
}

int solve_by_frontier(const SolveOptions& options, const Scenario& s, Method method, std::ostream& out,
                      std::ostream& err) {
  auto start = Clock::now();
  mediate::RecommendOptions ro;
  ro.time_limit = options.common.time_limit;
  ro.contiguity = *optimise::contiguity_from_name(options.contiguity);
  ro.force_optimiser = options.mip;
  Result<mediate::Recommendation> r = mediate::recommend(s, method, ro, options.file);
  if (!r) return report_failure(err, r.failure());
  const mediate::Recommendation& rec = r.value();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  using mediate::RecommendationStatus;
  if (rec.status == RecommendationStatus::time_limit) {
    if (options.common.json) {
      out << json::write(Value::object()
                             .add("method", Value::string(options.method))
                             .add("status", Value::string("time_limit"))
                             .add("note", Value::string(rec.note))
                             .add("seconds", Value::number(seconds)))
          << '\n';
    } else if (!options.common.quiet) {
      out << "Time limit: " << rec.note << "\n";
    }
    return kExitTimeLimit;
  }
  const bool found = rec.status == RecommendationStatus::optimal || rec.status == RecommendationStatus::feasible;
  if (!write_plot(options, s, found ? &rec.outcome : nullptr, found ? std::optional(rec.utilities) : std::nullopt,
                  err)) {
    return kExitCannotRun;
  }
  if (!found) {
    if (options.common.json) {
      Value conflict = Value::array();
      for (const mediate::ConflictElement& e : rec.conflict) {
        Value element = Value::object().add("kind", Value::string(std::string(mediate::conflict_kind_name(e.kind))));
        if (e.party >= 0) element.add("party", Value::string(s.parties[static_cast<std::size_t>(e.party)].id));
        if (e.index >= 0) element.add("index", Value::integer(e.index));
        element.add("pointer", Value::string(e.pointer));
        element.add("description", Value::string(e.description));
        conflict.push(std::move(element));
      }
      Value doc = Value::object()
                      .add("method", Value::string(options.method))
                      .add("status", Value::string(std::string(mediate::status_name(rec.status))))
                      .add("outcome", Value())
                      .add("conflict", std::move(conflict));
      if (!rec.conflict_minimal) doc.add("conflict_minimal", Value::boolean(false));
      doc.add("engine", Value::string(rec.engine));
      if (!rec.reservation_shortfall.empty()) {
        Value shortfall = Value::object();
        for (std::size_t p = 0; p < s.parties.size(); ++p) {
          const auto& by = rec.reservation_shortfall[p];
          shortfall.add(s.parties[p].id, by ? Value::number(by->to_double()) : Value());
        }
        doc.add("reservation_shortfall", std::move(shortfall));
      }
      if (rec.closest) {
        doc.add("closest", Value::object()
                               .add("outcome", outcome_to_json(s, *rec.closest))
                               .add("utilities", party_numbers(s, rec.closest_utilities))
                               .add("utilities_exact", party_numbers_exact(s, rec.closest_utilities)));
      }
      Value explanation = Value::array();
      for (const std::string& sentence : rec.explanation) explanation.push(Value::string(sentence));
      doc.add("explanation", std::move(explanation));
      doc.add("seconds", Value::number(seconds));
      out << json::write(doc) << '\n';
    } else if (!options.common.quiet) {
      out << method_title(options.method) << " for " << (s.title.empty() ? options.file : s.title) << ": "
          << mediate::status_name(rec.status) << "\n\n";
      for (const std::string& sentence : rec.explanation) out << "  - " << sentence << "\n";
      if (rec.closest) {
        out << "\nClosest package:\n";
        std::vector<std::vector<std::string>> rows;
        for (std::size_t i = 0; i < s.issues.size(); ++i) {
          rows.push_back({s.issues[i].id, describe_value(s, static_cast<int>(i), (*rec.closest)[i])});
        }
        out << table(rows);
      }
    }
    return kExitOk;
  }
  Answer a;
  a.status = std::string(mediate::status_name(rec.status));
  if (rec.status == RecommendationStatus::feasible && !std::isnan(rec.gap)) a.gap = rec.gap;
  a.outcome = rec.outcome;
  a.evaluation = evaluation_of(s, rec.outcome);
  // Every method's optimum is Pareto-optimal; a package found before a time limit may not be.
  a.pareto_optimal = rec.status == RecommendationStatus::optimal ? std::optional(true) : std::nullopt;
  a.explanation = rec.explanation;
  // How the goods (items, regions, shares) are divided, in the fair-division
  // methods' own words: envy, EF1/EFX, proportionality, maximin share.
  if (a.evaluation.goods.applicable) {
    for (std::string& sentence : describe_goods(s, a.evaluation.goods)) a.explanation.push_back(std::move(sentence));
  }
  a.frontier_size = rec.frontier_size;
  a.engine = rec.engine;
  if (options.common.json) {
    out << json::write(answer_json(s, options.method, a, seconds)) << '\n';
  } else if (!options.common.quiet) {
    print_answer(s, options.file, options.method, a, out);
  }
  return kExitOk;
}

// Pareto optimality of an outcome that a goods procedure produced, decided on
// the exact frontier when that is small enough to compute; unknown otherwise.
std::optional<bool> pareto_optimal(const Scenario& s, const std::vector<Rational>& utilities) {
  if (s.parties.size() > 5) return std::nullopt;
  pareto::FrontierOptions fo;
  fo.individually_rational = false;
  fo.time_limit = 5;
  Result<pareto::Frontier> f = pareto::pareto_frontier(s, fo, "");
  if (!f || f.value().status() != pareto::FrontierStatus::complete) return std::nullopt;
  for (std::size_t k = 0; k < f.value().size(); ++k) {
    std::vector<Rational> v = f.value().utilities(k);
    bool at_least = true, more = false;
    for (std::size_t p = 0; p < v.size(); ++p) {
      at_least = at_least && v[p] >= utilities[p];
      more = more || v[p] > utilities[p];
    }
    if (at_least && more) return false;
  }
  return true;
}

int solve_goods(const SolveOptions& options, const Scenario& s, std::ostream& out, std::ostream& err) {
  auto start = Clock::now();
  fairdiv::GoodsSolveOptions go;
  go.time_limit = options.common.time_limit;
  Result<fairdiv::GoodsSolution> r = fairdiv::solve_goods(s, *method_from_name(options.method), go, options.file);
  if (!r) return report_failure(err, r.failure());
  const fairdiv::GoodsSolution& sol = r.value();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (sol.status == fairdiv::GoodsStatus::time_limit) {
    if (options.common.json) {
      out << json::write(Value::object()
                             .add("method", Value::string(options.method))
                             .add("status", Value::string("time_limit"))
                             .add("seconds", Value::number(seconds)))
          << '\n';
    } else if (!options.common.quiet) {
      out << "Time limit: no allocation found yet.\n";
    }
    return kExitTimeLimit;
  }
  Answer a;
  a.status = sol.status == fairdiv::GoodsStatus::optimal ? "optimal" : "feasible";
  a.outcome = sol.outcome;
  a.split = sol.split;
  a.gap = sol.gap;
  a.explanation = sol.explanation;
  Evaluation e = evaluation_of(s, sol.outcome);
  // The split item counts fractionally: utilities and fairness come from the
  // fair-division engine, which knows the split.
  e.utilities = sol.utilities;
  e.gains.clear();
  e.individually_rational = true;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    e.gains.push_back(sol.utilities[p] - s.preferences[p]->reservation);
    if (e.gains.back().sign() < 0) e.individually_rational = false;
  }
  e.goods = sol.goods;
  a.evaluation = e;
  if (!write_plot(options, s, &sol.outcome, sol.utilities, err)) return kExitCannotRun;
  const bool theorem =
      options.method == "aw" || (a.status == "optimal" && (options.method == "mnw" || options.method == "leximin"));
  if (theorem && !sol.joint_not_considered) {
    a.pareto_optimal = true;  // theorems: AW is efficient; optimal MNW and leximin allocations are
  } else {
    // The theorems speak of divisions giving each item to one party; a
    // jointly or neutrally held item may still do better for everybody.
    a.pareto_optimal = pareto_optimal(s, sol.utilities);
  }
  if (options.common.json) {
    out << json::write(answer_json(s, options.method, a, seconds)) << '\n';
  } else if (!options.common.quiet) {
    print_answer(s, options.file, options.method, a, out);
  }
  return kExitOk;
}

}  // namespace

int run_solve(const SolveOptions& options, std::ostream& out, std::ostream& err) {
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(err, read.failure());
  const Scenario& s = read.value();
  if (auto missing = missing_preferences(s, "solve"); !missing.empty()) {
    return report_failure(err, Failure{options.file, std::move(missing)});
  }
  std::optional<Method> bargaining = method_from_name(options.method);
  if (bargaining && !is_solution_concept(*bargaining)) bargaining.reset();
  // mnw and leximin have general definitions; on a pure goods scenario, or
  // with more parties than the exact frontier takes, the fair-division engine
  // computes them; elsewhere the exact frontier does (or the package
  // optimiser, when the frontier is too large to list).
  const bool fair_method = options.method == "mnw" || options.method == "leximin";
  bool goods = !bargaining || (fair_method && (fairdiv::is_goods_scenario(s) || s.parties.size() > 5));
  if (goods) return solve_goods(options, s, out, err);
  return solve_by_frontier(options, s, *bargaining, out, err);
}

}  // namespace parley::cli
