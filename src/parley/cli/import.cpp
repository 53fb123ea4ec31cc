// `parley import genius|geniusweb ... -o OUT.json` (docs/cli.md): converts,
// writes the scenario atomically, prints a one-line summary.
#include <filesystem>
#include <map>
#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/core/files.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

namespace fs = std::filesystem;

std::string kinds_text(const Scenario& s) {
  std::map<IssueKind, std::size_t> kinds;
  for (const Issue& is : s.issues) ++kinds[is.kind];
  std::string out;
  for (const auto& [kind, n] : kinds) {
    std::string word(kind_name(kind));
    if (kind == IssueKind::choice) word = n == 1 ? "choice" : "choices";
    else if (n != 1) word += "s";
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + word;
  }
  return out;
}

}  // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
  const bool genius = options.format == "genius";
  std::vector<std::string> inputs = options.files;
  if (!options.domain.empty()) inputs.push_back(options.domain);
  if (auto refused = refuse_input_as_output(options.common, out, err, options.output, inputs)) return *refused;
  if (genius && options.files.size() < 2) {
    return report_failure(options.common, out, err,
                          Failure{"parley import genius", {{"", "needs DOMAIN.xml and at least one PROFILE.xml"}},
                                  FailureKind::unreadable}, "");
  }

  Result<Imported> imported =
      genius ? import_genius(options.files.front(), std::vector<std::string>(options.files.begin() + 1, options.files.end()))
             : import_geniusweb(options.files, options.domain);
  if (!imported) return report_failure(options.common, out, err, imported.failure(), "");
  const Imported& im = imported.value();
  const Scenario& s = im.scenario;

  if (auto failed = write_output(options.common, out, err, options.output, write_scenario(s), "scenario file")) {
    return *failed;
  }

  const ScenarioSummary summary = summarise(s);
  if (options.common.json) {
    out << json::write(import_to_json(im, summary, options.output, options.format)) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;
  std::string party_text;
  for (const ImportedParty& p : im.parties) {
    party_text += (party_text.empty() ? "" : ", ") + p.id;
    if (p.weight_sum != 1) party_text += " (weights sum " + p.weight_sum.canonical() + ")";
  }
  out << options.output << ": " << im.parties.size() << " parties (" << party_text << "), " << s.issues.size()
      << (s.issues.size() == 1 ? " issue (" : " issues (") << kinds_text(s) << "), " << summary.outcomes
      << " outcomes\n";
  for (const std::string& n : im.notes) out << "  note: " << n << "\n";
  return kExitOk;
}

}  // namespace parley::cli
