// parley elicit FILE --party P --ranking RANKING.json [--values]: weights (and
// value tables) from a party's ranking of example packages (docs/cli.md,
// "What beats this, what if, how robust"). Reads, calls parley::elicit, prints.
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

void print_elicit(const Scenario& s, const ElicitResponse& r, const std::vector<std::vector<int>>& order,
                  std::ostream& out) {
  const std::string& id = s.parties[static_cast<std::size_t>(r.party)].id;
  out << (r.values ? "Weights and value tables" : "Weights") << " for " << s.party_label(r.party) << " from their ranking"
      << (r.reproduced ? " (reproduced exactly)" : " (not reproducible: the closest)") << "\n\n";
  std::vector<std::vector<std::string>> rows{{"issue", "weight"}};
  for (std::size_t t = 0; t < s.issues.size(); ++t) rows.push_back({s.issues[t].id, decimal(r.weights[t])});
  out << table(rows) << "\n";
  std::vector<std::vector<std::string>> packages{{"rank", "package", "utility"}};
  for (std::size_t g = 0; g < order.size(); ++g) {
    for (int k : order[g]) packages.push_back({std::to_string(g + 1), std::to_string(k), decimal(r.utilities[static_cast<std::size_t>(k)])});
  }
  out << table(packages);
  if (r.margin) out << "  smallest gap between consecutive groups: " << decimal(*r.margin) << "\n";
  out << "\nReady to paste into the scenario's \"preferences\":\n"
      << "\"" << id << "\": " << json::write(preferences_to_json(s, r.preferences), {.indent = 0}) << "\n";
  out << "\nIn words:\n";
  for (const std::string& sentence : r.explanation) out << "  - " << sentence << "\n";
  if (!r.note.empty()) out << "\nNote: " << r.note << "\n";
}

}  // namespace

int run_elicit(const ElicitOptions& options, std::ostream& out, std::ostream& err) {
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value();
  std::optional<int> party = s.party_index(options.party);
  if (!party) {
    std::string ids;
    for (const Party& p : s.parties) ids += (ids.empty() ? "" : ", ") + p.id;
    return report_failure(options.common, out, err,
                          Failure{"--party", {{"", "no party \"" + options.party + "\" in " + options.file +
                                                       "; the parties are " + ids}}},
                          options.file);
  }
  Result<Ranking> ranking = read_ranking_file(options.ranking, s);
  if (!ranking) return report_failure(options.common, out, err, ranking.failure(), options.ranking);
  ElicitRequest request{.party = *party, .ranking = ranking.value(), .values = options.values, .source = options.ranking};
  Result<ElicitResponse> answered = elicit(s, request);
  if (!answered) return report_failure(options.common, out, err, answered.failure(), options.ranking);
  if (options.common.json) {
    out << json::write(to_json(s, answered.value())) << '\n';
  } else if (!options.common.quiet) {
    print_elicit(s, answered.value(), ranking.value().order, out);
  }
  return kExitOk;
}

}  // namespace parley::cli
