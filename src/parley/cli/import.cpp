// `parley import genius|geniusweb ... -o OUT.json` (docs/cli.md): converts,
// writes the scenario atomically, prints a one-line summary.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <ostream>

#include "parley/cli/commands.h"
#include "parley/core/files.h"
#include "parley/cli/output.h"
#include "parley/io/genius_import.h"
#include "parley/io/json.h"
#include "parley/io/scenario_writer.h"
#include "parley/model/outcome_space.h"

namespace parley::cli {

namespace {

namespace fs = std::filesystem;

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

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
  for (const std::string& in : inputs) {
    if (same_file(options.output, in)) {
      return report_failure(err, Failure{options.output,
                                         {{"", "is one of the input files; choose another output file"}},
                                         FailureKind::unreadable});
    }
  }
  if (genius && options.files.size() < 2) {
    return report_failure(err, Failure{"parley import genius", {{"", "needs DOMAIN.xml and at least one PROFILE.xml"}},
                                       FailureKind::unreadable});
  }

  Result<Imported> imported =
      genius ? import_genius(options.files.front(), std::vector<std::string>(options.files.begin() + 1, options.files.end()))
             : import_geniusweb(options.files, options.domain);
  if (!imported) return report_failure(err, imported.failure());
  const Imported& im = imported.value();
  const Scenario& s = im.scenario;

  if (std::string problem = write_file_atomically(options.output, write_scenario(s)); !problem.empty()) {
    return report_failure(err, Failure{options.output, {{"", problem}}, FailureKind::unreadable});
  }

  const OutcomeCount outcomes = count_outcomes(s, false);
  if (options.common.json) {
    json::Value parties = json::Value::array();
    for (const ImportedParty& p : im.parties) {
      parties.push(json::Value::object()
                       .add("id", json::Value::string(p.id))
                       .add("source", json::Value::string(p.source))
                       .add("weight_sum", json::Value::number(p.weight_sum.to_double()))
                       .add("weight_sum_exact", json::Value::string(p.weight_sum.str()))
                       .add("reservation", json::Value::number(p.reservation.to_double()))
                       .add("reservation_exact", json::Value::string(p.reservation.str()))
                       .add("genius_cap_binds", json::Value::boolean(p.cap_binds)));
    }
    json::Value notes = json::Value::array();
    for (const std::string& n : im.notes) notes.push(json::Value::string(n));
    json::Value doc = json::Value::object();
    doc.add("output", json::Value::string(options.output))
        .add("format", json::Value::string(options.format))
        .add("parties", std::move(parties))
        .add("issues", json::Value::integer(static_cast<long long>(s.issues.size())))  // NOLINT
        .add("outcomes", json::Value::string(outcomes.text()));
    if (outcomes.exact) doc.add("outcomes_exact", json::Value::string(outcomes.exact->str()));
    doc.add("notes", std::move(notes));
    out << json::write(doc) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;
  std::string party_text;
  for (const ImportedParty& p : im.parties) {
    party_text += (party_text.empty() ? "" : ", ") + p.id;
    if (p.weight_sum != 1) party_text += " (weights sum " + p.weight_sum.canonical() + ")";
  }
  out << options.output << ": " << im.parties.size() << " parties (" << party_text << "), " << s.issues.size()
      << (s.issues.size() == 1 ? " issue (" : " issues (") << kinds_text(s) << "), " << outcomes.text()
      << " outcomes\n";
  for (const std::string& n : im.notes) out << "  note: " << n << "\n";
  return kExitOk;
}

}  // namespace parley::cli
