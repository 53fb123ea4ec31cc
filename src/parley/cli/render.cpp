// parley render FILE --outcome OUTCOME.json -o MAP.svg: the map coloured by
// who holds each region (docs/cli.md). The drawing is the library's
// (render/map_svg.h); this only reads, calls and writes.
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/evaluated.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

int run_render(const RenderOptions& options, std::ostream& out, std::ostream& err) {
  if (auto refused = refuse_input_as_output(options.common, out, err, options.output, {options.file, options.outcome})) {
    return *refused;
  }
  EvaluatedOutcome e;
  if (int code = read_and_evaluate(options.file, options.outcome, options.common, out, err, e, /*improvements=*/false); code != kExitOk) {
    return code;
  }
  const Scenario& s = e.scenario;
  std::size_t regions = 0;
  for (const Issue& is : s.issues) regions += is.kind == IssueKind::region ? 1 : 0;
  if (regions == 0) {
    return report_failure(options.common, out, err,
                          Failure{options.file,
                                  {{"/issues", "the scenario has no region issues, so there is no map to draw; "
                                               "render draws regions (issues of kind region) on their map"}},
                                  FailureKind::unsupported},
                          options.file);
  }
  render::MapSvgOptions style;
  style.title = s.title.empty() ? options.file : s.title;
  style.subtitle = "Outcome " + options.outcome;
  style.utilities = e.response.evaluation.utilities;
  if (auto failed = write_output(options.common, out, err, options.output, render::map_svg(s, e.outcome, style), "SVG file")) {
    return *failed;
  }
  const bool geojson = s.map && !s.map->features.empty();
  if (options.common.json) {
    json::Value utilities = party_numbers(s, e.response.evaluation.utilities);
    out << json::write(json::Value::object()
                           .add("output", json::Value::string(options.output))
                           .add("drawing", json::Value::string(geojson ? "map" : "adjacency_graph"))
                           .add("regions", json::Value::integer(static_cast<long long>(regions)))
                           .add("utilities", std::move(utilities)))
        << '\n';
  } else if (!options.common.quiet) {
    out << "Wrote " << options.output << ": " << (geojson ? "the map" : "the adjacency graph") << " of " << regions
        << " regions coloured by owner\n";
  }
  return kExitOk;
}

}  // namespace parley::cli
