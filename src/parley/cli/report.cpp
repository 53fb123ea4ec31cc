// parley report FILE [--method M] [--outcome O.json] -o REPORT.html: one
// self-contained HTML page for a mediator (docs/cli.md, "Money, debts,
// reports"). Reads, calls the facade (render/report_html.h gathers the
// engine's answers and writes the page), writes the file.
#include <filesystem>
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"
#include "parley/render/report_html.h"

namespace parley::cli {

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<std::string> inputs{options.file};
  if (!options.outcome.empty()) inputs.push_back(options.outcome);
  if (auto refused = refuse_input_as_output(options.common, out, err, options.output, inputs)) return *refused;
  const std::optional<Method> method = method_from_name(options.method);
  if (!method) {
    return report_failure(options.common, out, err,
                          Failure{"parley report",
                                  {{"", "--method: no method '" + options.method + "'; the methods are " +
                                            std::string(method_names())}},
                                  FailureKind::unreadable},
                          "");
  }
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value();
  render::ReportRequest request;
  request.method = *method;
  if (!options.outcome.empty()) {
    Result<Outcome> outcome = read_outcome_file(options.outcome, s);
    if (!outcome) return report_failure(options.common, out, err, outcome.failure(), options.outcome);
    request.outcome = std::move(outcome).value();
    request.outcome_name = std::filesystem::path(options.outcome).stem().string();
  }
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  Result<render::ReportData> gathered = render::gather_report(s, request);
  if (!gathered) return report_failure(options.common, out, err, gathered.failure(), options.file);
  const render::ReportData& d = gathered.value();
  if (auto failed = write_output(options.common, out, err, options.output,
                                 render::report_html(s, d, {.source = options.file}), "report")) {
    return *failed;
  }
  if (options.common.json) {
    json::Value sections = json::Value::array();
    for (const std::string& id : render::report_sections()) sections.push(json::Value::string(id));
    out << json::write(json::Value::object()
                           .add("output", json::Value::string(options.output))
                           .add("method", json::Value::string(std::string(method_name(*method))))
                           .add("status", json::Value::string(std::string(status_name(d.package.status))))
                           .add("sections", std::move(sections)))
        << '\n';
  } else if (!options.common.quiet) {
    out << "Wrote " << options.output << ": the report on " << (s.title.empty() ? options.file : s.title)
        << (d.outcome ? " (the proposal " + d.outcome_name + " beside " : " (") << "the package the "
        << method_title(*method) << " recommends)\n";
  }
  return d.package.status == SolveStatus::time_limit ? kExitTimeLimit : kExitOk;
}

}  // namespace parley::cli
