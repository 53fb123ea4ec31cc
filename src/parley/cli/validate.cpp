#include <fmt/format.h>

#include <map>
#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/model/outcome_space.h"

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
    if (options.common.json && read.failure().kind == FailureKind::invalid_input) {
      json::Value errors = json::Value::array();
      for (const Diagnostic& d : read.errors()) {
        json::Value e = json::Value::object();
        // A problem in another file (a GeoJSON map) names that file.
        if (!d.source.empty()) e.add("file", json::Value::string(d.source));
        errors.push(std::move(e.add("pointer", json::Value::string(d.pointer))
                                  .add("message", json::Value::string(d.message))));
      }
      json::Value doc = json::Value::object();
      doc.add("valid", json::Value::boolean(false)).add("errors", std::move(errors));
      out << json::write(doc) << '\n';
    }
    return report_failure(err, read.failure());
  }
  const Scenario& s = read.value();
  OutcomeCount all = count_outcomes(s, false);
  OutcomeCount open = count_outcomes(s, true);
  std::size_t agreed = 0;
  for (const auto& a : s.agreed) agreed += a ? 1 : 0;
  std::size_t red_lines = 0;
  for (const auto& p : s.preferences) red_lines += p ? p->red_lines.size() : 0;

  if (options.common.json) {
    json::Value doc = json::Value::object();
    doc.add("valid", json::Value::boolean(true))
        .add("parties", json::Value::integer(static_cast<long long>(s.parties.size())))  // NOLINT
        .add("issues", json::Value::integer(static_cast<long long>(s.issues.size())))    // NOLINT
        .add("outcomes", json::Value::string(all.text()))
        .add("outcomes_log10", json::Value::number(all.log10))
        .add("open_outcomes", json::Value::string(open.text()))
        .add("agreed", json::Value::integer(static_cast<long long>(agreed)))  // NOLINT
        .add("rules", json::Value::integer(static_cast<long long>(s.rules.size())))  // NOLINT
        .add("red_lines", json::Value::integer(static_cast<long long>(red_lines)));  // NOLINT
    if (all.exact) doc.add("outcomes_exact", json::Value::string(all.exact->str()));
    json::Value missing = json::Value::array();
    for (int p : s.parties_without_preferences()) missing.push(json::Value::string(s.parties[static_cast<std::size_t>(p)].id));
    doc.add("parties_without_preferences", std::move(missing));
    out << json::write(doc) << '\n';
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
  out << "  " << plural(s.parties.size(), "party") << " (" << party_text << ")\n";
  out << "  " << plural(s.issues.size(), "issue") << " (" << kind_text << ")\n";
  out << "  outcomes: " << all.text() << " in all";
  if (agreed > 0) out << ", " << open.text() << " with the " << plural(agreed, "agreed term") << " held fixed";
  out << "\n";
  out << "  " << plural(s.rules.size(), "rule") << ", " << plural(red_lines, "red line") << "\n";
  for (int p : s.parties_without_preferences()) {
    out << "  note: party " << s.parties[static_cast<std::size_t>(p)].id
        << " has no preferences yet (analysis commands need them)\n";
  }
  return kExitOk;
}

}  // namespace parley::cli
