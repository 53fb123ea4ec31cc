// parley validate FILE: checks a scenario and summarises it (docs/cli.md).
#include <fmt/format.h>

#include <map>
#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

std::string plural(std::size_t n, const std::string& word) {
  if (n == 1) return "1 " + word;
  if (word.size() > 1 && word.back() == 'y') return std::to_string(n) + " " + word.substr(0, word.size() - 1) + "ies";
  return std::to_string(n) + " " + word + "s";
}

}  // namespace

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) {
    if (options.common.json) {
      // validate's own form (cli.md): {"valid": false, "status": "invalid", "errors": [...]}.
      json::Value doc = json::Value::object().add("valid", json::Value::boolean(false));
      json::Value errors = failure_to_json(read.failure());
      for (auto& member : errors.mutable_members()) doc.add(member.first, std::move(member.second));
      out << json::write(doc) << '\n';
    }
    return report_failure(err, read.failure());
  }
  const Scenario& s = read.value();
  const ScenarioSummary summary = summarise(s);
  if (options.common.json) {
    out << json::write(to_json(summary, s)) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;

  std::map<IssueKind, std::size_t> kinds;
  for (const Issue& is : s.issues) ++kinds[is.kind];
  std::string kind_text;
  for (const auto& [kind, n] : kinds) {
    std::string word(kind_name(kind));
    kind_text += (kind_text.empty() ? "" : ", ") + plural(n, word);
  }
  std::string party_text;
  for (const Party& p : s.parties) party_text += (party_text.empty() ? "" : ", ") + (p.name.empty() ? p.id : p.name);

  out << options.file << ": valid\n";
  if (!s.title.empty()) out << "  " << s.title << "\n";
  out << "  " << plural(summary.parties, "party") << " (" << party_text << ")\n";
  out << "  " << plural(summary.issues, "issue") << " (" << kind_text << ")\n";
  out << "  outcomes: " << summary.outcomes << " in all";
  if (summary.agreed > 0) {
    out << ", " << summary.open_outcomes << " with the " << plural(summary.agreed, "agreed term") << " held fixed";
  }
  out << "\n";
  out << "  " << plural(summary.rules, "rule") << ", " << plural(summary.red_lines, "red line") << "\n";
  // The GeoJSON file a map named, as it was read (relative paths are taken
  // from the scenario's folder): where a user can see which file was used.
  if (s.map && !s.map->geojson_file.empty()) {
    out << "  map: " << s.map->features.size() << " GeoJSON features read from " << s.map->geojson_file << "\n";
  }
  for (int p : summary.parties_without_preferences) {
    out << "  note: party " << s.parties[static_cast<std::size_t>(p)].id
        << " has no preferences yet (analysis commands need them)\n";
  }
  return kExitOk;
}

}  // namespace parley::cli
