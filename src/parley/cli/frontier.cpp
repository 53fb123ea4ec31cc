// parley frontier FILE: the exact Pareto frontier of the feasible, individually
// rational outcomes, with the Nash, KS and egalitarian points (docs/cli.md).
#include <chrono>
#include <ostream>
#include <string>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/utility.h"
#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/core/text.h"
#include "parley/analysis/bargaining.h"
#include "parley/frontier/frontier.h"
#include "parley/core/files.h"
#include "parley/render/frontier_svg.h"
#include "parley/mediate/recommend.h"
#include "parley/io/scenario_reader.h"
#include "parley/optimise/package.h"
#include "parley/io/scenario_writer.h"

namespace parley::cli {

namespace {

using json::Value;
using Clock = std::chrono::steady_clock;

}  // namespace

int run_frontier(const FrontierOptions& options, std::ostream& out, std::ostream& err) {
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(err, read.failure());
  const Scenario& s = read.value();
  if (auto missing = missing_preferences(s, "frontier"); !missing.empty()) {
    return report_failure(err, Failure{options.file, std::move(missing)});
  }
  auto start = Clock::now();
  pareto::FrontierOptions fo;
  fo.time_limit = options.common.time_limit;
  Result<pareto::Frontier> computed = pareto::pareto_frontier(s, fo, options.file);
  if (!computed) return report_failure(err, computed.failure());
  const pareto::Frontier& f = computed.value();
  // Too large to enumerate: for two parties the package optimiser walks the
  // frontier point by point (two MIPs a point).
  std::optional<optimise::MipFrontier> mip;
  if (f.status() == pareto::FrontierStatus::too_large && s.parties.size() == 2) {
    optimise::PackageOptions po;
    po.time_limit = options.common.time_limit;
    Result<optimise::MipFrontier> walked = optimise::mip_frontier(s, po, 100'000);
    if (!walked) {
      Failure failure = walked.failure();
      failure.source = options.file;
      return report_failure(err, failure);
    }
    mip = std::move(walked).value();
    if (mip->utilities.empty() && !mip->complete) {
      if (options.common.json) {
        out << json::write(Value::object().add("status", Value::string("time_limit")).add("note", Value::string(mip->note)))
            << '\n';
      } else if (!options.common.quiet) {
        out << "Time limit: " << mip->note << " before the first frontier point was found\n";
      }
      return kExitTimeLimit;
    }
  } else if (f.status() == pareto::FrontierStatus::too_large) {
    err << options.file << ": : the exact frontier cannot handle this scenario: " << f.note()
        << " (with two parties the package optimiser would walk it)\n";
    return kExitCannotRun;
  }
  auto outcome_at = [&](std::size_t k) { return mip ? mip->outcomes[k] : f.outcome(k); };
  if (f.status() == pareto::FrontierStatus::time_limit) {
    if (options.common.json) {
      out << json::write(Value::object().add("status", Value::string("time_limit")).add("note", Value::string(f.note())))
          << '\n';
    } else if (!options.common.quiet) {
      out << "Time limit: " << f.note() << "\n";
    }
    return kExitTimeLimit;
  }
  const std::size_t n = s.parties.size();
  std::vector<std::vector<Rational>> points;
  if (mip) {
    points = mip->utilities;
  } else {
    for (std::size_t k = 0; k < f.size(); ++k) points.push_back(f.utilities(k));
  }
  std::vector<Rational> reservations;
  for (std::size_t p = 0; p < n; ++p) reservations.push_back(s.preferences[p]->reservation);
  const std::vector<std::pair<std::string, Method>> named{
      {"nash", Method::nash}, {"ks", Method::ks}, {"egalitarian", Method::egalitarian}};
  std::vector<std::optional<std::size_t>> chosen;
  for (const auto& [name, method] : named) chosen.push_back(choose(points, reservations, method));
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const std::size_t shown = options.limit > 0 ? std::min(options.limit, points.size()) : points.size();

  if (!options.svg.empty()) {
    render::FrontierPlot plot =
        render::plot_of(s, (s.title.empty() ? options.file : s.title) + ": Pareto frontier", points);
    const char* labels[] = {"Nash", "Kalai-Smorodinsky", "egalitarian"};
    for (std::size_t m = 0; m < named.size(); ++m) {
      if (chosen[m]) plot.marks.push_back({labels[m], plot.points[*chosen[m]]});
    }
    if (!write_text_file(options.svg, render::frontier_svg(plot))) {
      err << options.svg << ": : cannot write the SVG file\n";
      return kExitCannotRun;
    }
  }

  if (options.common.json) {
    auto point_json = [&](std::size_t k) {
      return Value::object()
          .add("utilities", party_numbers(s, points[k]))
          .add("utilities_exact", party_numbers_exact(s, points[k]))
          .add("outcome", outcome_to_json(s, outcome_at(k)));
    };
    Value parties = Value::array();
    for (const Party& p : s.parties) parties.push(Value::string(p.id));
    Value list = Value::array();
    for (std::size_t k = 0; k < shown; ++k) list.push(point_json(k));
    Value doc = Value::object();
    doc.add("parties", std::move(parties));
    doc.add("count", Value::integer(static_cast<long long>(points.size())));
    if (shown < points.size()) doc.add("shown", Value::integer(static_cast<long long>(shown)));
    if (mip) {
      doc.add("engine", Value::string("package optimiser"));
      doc.add("complete", Value::boolean(mip->complete));
      if (!mip->complete) doc.add("note", Value::string(mip->note));
    }
    doc.add("points", std::move(list));
    for (std::size_t m = 0; m < named.size(); ++m) doc.add(named[m].first, chosen[m] ? point_json(*chosen[m]) : Value());
    doc.add("seconds", Value::number(seconds));
    out << json::write(doc) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;

  out << "Pareto frontier of " << (s.title.empty() ? options.file : s.title) << "\n";
  if (points.empty()) {
    out << "  No feasible package gives every party at least its reservation. `parley solve` explains which "
           "demands collide.\n";
    return kExitOk;
  }
  out << "  " << points.size() << " efficient packages that every party accepts (exact; one per distinct "
      << "utility vector), best for " << s.parties[0].id << " first";
  if (shown < points.size()) out << "; the first " << shown << " shown";
  out << "\n";
  if (mip) {
    out << "  Too many packages to enumerate, so the package optimiser walked the frontier by MIP (" << mip->mips
        << " solves)" << (mip->complete ? "" : "; INCOMPLETE: " + mip->note + ", the points shown are exact") << "\n";
  }
  out << "\n";
  std::vector<std::string> header{"#"};
  for (const Party& p : s.parties) header.push_back(p.id);
  header.push_back("");
  header.push_back("changes from the previous package");
  std::vector<std::vector<std::string>> rows{header};
  Outcome previous;
  for (std::size_t k = 0; k < shown; ++k) {
    std::vector<std::string> row{std::to_string(k + 1)};
    for (const Rational& x : points[k]) row.push_back(fixed(x));
    std::string marks;
    for (std::size_t m = 0; m < named.size(); ++m) {
      if (chosen[m] == k) marks += (marks.empty() ? "" : ",") + named[m].first;
    }
    row.push_back(marks.empty() ? "" : "<- " + marks);
    Outcome o = outcome_at(k);
    row.push_back(k == 0 ? "" : cut_utf8(mediate::describe_changes(s, previous, o), 110));
    previous = std::move(o);
    rows.push_back(std::move(row));
  }
  out << table(rows);
  out << "\n  reservations: ";
  for (std::size_t p = 0; p < n; ++p) out << (p ? ", " : "") << s.parties[p].id << " " << fixed(reservations[p]);
  out << "\n";
  for (std::size_t m = 0; m < named.size(); ++m) {
    if (!chosen[m]) out << "  " << named[m].first << ": none (no package gives every party more than its reservation)\n";
  }
  out << "  `parley solve " << options.file << " --method nash` explains a recommended package.\n";
  if (!options.svg.empty()) out << "  drawn to " << options.svg << "\n";
  return kExitOk;
}

}  // namespace parley::cli
