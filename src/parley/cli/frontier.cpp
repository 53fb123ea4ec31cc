// parley frontier FILE: the exact Pareto frontier of the feasible, individually
// rational outcomes, with the Nash, KS and egalitarian points (docs/cli.md).
// Reads, calls parley::frontier, prints.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/core/text.h"
#include "parley/parley.h"
#include "parley/render/answer_svg.h"

namespace parley::cli {

namespace {

// A proposal given with --mark: its name on the drawing, its utilities.
struct Marked {
  std::string file;
  std::string label;
  EvaluateResponse evaluated;
};

// Reads and evaluates one --mark file. A "label" member (a string, where no
// issue is called "label") names the mark; otherwise the file's stem does.
Result<Marked> read_mark(const Scenario& s, const std::string& path) {
  Result<json::Value> doc = json::parse_file(path);
  if (!doc) return doc.failure();
  json::Value outcome = std::move(doc).value();
  Marked m{path, std::filesystem::path(path).stem().string(), {}};
  if (const json::Value* label = outcome.find("label");
      label && label->is_string() && !s.issue_index("label") && !label->text().empty()) {
    m.label = label->text();
    auto& members = outcome.mutable_members();
    std::erase_if(members, [](const auto& member) { return member.first == "label"; });
  }
  Result<Outcome> o = read_outcome(outcome, s, path);
  if (!o) return o.failure();
  Result<EvaluateResponse> e = evaluate(s, o.value(), {.improvements = false});
  if (!e) return e.failure();
  m.evaluated = std::move(e).value();
  return m;
}

}  // namespace

int run_frontier(const FrontierOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.svg.empty()) {
    if (auto refused = refuse_input_as_output(options.common, out, err, options.svg, {options.file})) return *refused;
  }
  Result<WhatIf> read = read_what_if(options.file, options.what_if);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value().scenario;
  std::vector<Marked> marked;
  for (const std::string& path : options.marks) {
    Result<Marked> m = read_mark(s, path);
    if (!m) return report_failure(options.common, out, err, m.failure(), path);
    marked.push_back(std::move(m).value());
  }
  Result<FrontierResponse> computed = frontier(s, {.time_limit = options.common.time_limit, .started = options.common.started, .outcomes = options.limit});
  if (!computed) return report_failure(options.common, out, err, computed.failure(), options.file);
  const FrontierResponse& f = computed.value();
  const std::string title = s.title.empty() ? options.file : s.title;

  if (f.status == FrontierStatus::time_limit) {
    if (options.common.json) {
      out << json::write(with_what_if(to_json(s, f), read.value())) << '\n';
    } else if (!options.common.quiet) {
      print_what_if(out, read.value());
      out << "Time limit: " << f.note << (f.engine == "frontier" ? "" : " before the first frontier point was found")
          << "\n";
    }
    return kExitTimeLimit;
  }
  std::vector<render::PlotMark> proposals;
  for (const Marked& m : marked) {
    proposals.push_back({render::PlotMark::Kind::proposal, m.label, m.evaluated.evaluation.utilities,
                         m.label == std::filesystem::path(m.file).stem().string() ? "" : m.file});
  }
  // Where each marked proposal sits: its frontier number, or none.
  auto number_of = [&](const Marked& m) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < f.points.size(); ++k) {
      if (f.points[k].utilities == m.evaluated.evaluation.utilities) return k + 1;
    }
    return std::nullopt;
  };
  if (!options.svg.empty()) {
    if (auto failed = write_output(options.common, out, err, options.svg,
                                   render::frontier_plot_svg(s, f, title + ": Pareto frontier", proposals),
                                   "SVG file")) {
      return *failed;
    }
  }
  const std::size_t shown =
      std::min(options.limit > 0 ? std::min(options.limit, f.points.size()) : f.points.size(), f.with_outcomes);
  if (options.common.json) {
    json::Value v = with_what_if(to_json(s, f, shown), read.value());
    if (!marked.empty()) {
      json::Value marks = json::Value::array();
      for (const Marked& m : marked) {
        const std::optional<std::size_t> number = number_of(m);
        marks.push(json::Value::object()
                       .add("label", json::Value::string(m.label))
                       .add("file", json::Value::string(m.file))
                       .add("utilities", party_numbers(s, m.evaluated.evaluation.utilities))
                       .add("frontier_index", number ? json::Value::integer(static_cast<long long>(*number - 1))
                                                     : json::Value()));
      }
      v.add("marks", std::move(marks));
    }
    out << json::write(v) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;

  print_what_if(out, read.value());
  out << "Pareto frontier of " << title << "\n";
  if (f.points.empty()) {
    out << "  No feasible package gives every party at least their reservation. `parley solve` explains which "
           "demands collide.\n";
    return kExitOk;
  }
  out << "  " << counted(static_cast<long long>(f.points.size()), "efficient package")
      << (f.status == FrontierStatus::complete ? " that every party accepts" : " that every party accepts, found so far")
      << " (exact; one per distinct utility vector), best for " << s.party_name(0) << " first";
  if (shown < f.points.size()) out << "; the first " << shown << " shown";
  out << "\n";
  if (f.engine == "frontier" && !f.note.empty()) out << "  " << f.note << "\n";
  if (f.engine != "frontier") {
    out << "  Too many packages to enumerate, so the package optimiser walked the frontier by MIP (" << f.mips
        << " solves)"
        << (f.status == FrontierStatus::complete ? "" : "; INCOMPLETE: " + f.note + ", the points shown are exact")
        << "\n";
  }
  out << "\n";
  std::vector<std::string> header{"#"};
  for (const Party& p : s.parties) header.push_back(p.id);
  header.push_back("");
  header.push_back("changes from the previous package");
  std::vector<std::vector<std::string>> rows{header};
  const std::pair<const char*, std::optional<std::size_t>> marks[] = {
      {"nash", f.nash}, {"ks", f.ks}, {"egalitarian", f.egalitarian}};
  for (std::size_t k = 0; k < shown; ++k) {
    std::vector<std::string> row{std::to_string(k + 1)};
    for (const Rational& x : f.points[k].utilities) row.push_back(decimal(x));
    std::string marked;
    for (const auto& [name, index] : marks) {
      if (index == k) marked += (marked.empty() ? "" : ",") + std::string(name);
    }
    row.push_back(marked.empty() ? "" : "<- " + marked);
    row.push_back(k == 0 ? "" : cut_utf8(describe_changes(s, *f.points[k - 1].outcome, *f.points[k].outcome), 110));
    rows.push_back(std::move(row));
  }
  out << table(rows);
  out << "\n  reservations: ";
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    out << (p ? ", " : "") << s.parties[p].id << " " << decimal(s.preferences[p]->reservation);
    if (s.preferences[p]->reservation_is_status_quo) out << " (the status quo)";
  }
  out << "\n";
  if (f.status_quo) {
    // Where today's situation stands against the frontier: how many of its
    // packages every party would take over it.
    std::size_t better = 0;
    for (const FrontierPoint& point : f.points) {
      bool all = true;
      for (std::size_t p = 0; p < s.parties.size(); ++p) all = all && point.utilities[p] >= (*f.status_quo)[p];
      better += all ? 1 : 0;
    }
    out << "  status quo (with the agreed terms): ";
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      out << (p ? ", " : "") << s.parties[p].id << " " << decimal((*f.status_quo)[p]);
    }
    out << "; " << better << " of the " << f.points.size()
        << (better == 1 ? " packages is" : " packages are") << " at least as good for every party\n";
  }
  for (const Marked& m : marked) {
    out << "  marked " << m.label << ": ";
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      out << (p ? ", " : "") << s.parties[p].id << " " << decimal(m.evaluated.evaluation.utilities[p]);
    }
    if (const std::optional<std::size_t> number = number_of(m)) {
      out << "; the same utilities as package " << *number << " of the frontier\n";
    } else {
      out << "; not on the frontier\n";
    }
  }
  if (f.status != FrontierStatus::complete) {
    out << "  nash, ks, egalitarian: not marked, as the frontier is incomplete\n";
  } else {
    for (const auto& [name, index] : marks) {
      if (!index) out << "  " << name << ": none (no package gives every party at least its reservation)\n";
    }
  }
  out << "  `parley solve " << options.file << " --method nash` explains a recommended package.\n";
  if (!options.svg.empty()) out << "  drawn to " << options.svg << "\n";
  return kExitOk;
}

}  // namespace parley::cli
