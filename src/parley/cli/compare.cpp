// parley compare FILE O1.json O2.json ... (docs/cli.md, "What beats this"):
// the outcomes side by side and which dominates which. Reads, calls
// parley::compare, prints.
#include <ostream>
#include <string>
#include <vector>

#include "parley/cli/commands.h"
#include "parley/cli/evaluated.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }

}  // namespace

int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value();
  std::vector<Outcome> outcomes;
  for (const std::string& file : options.outcomes) {
    Result<Outcome> o = read_outcome_file(file, s);
    if (!o) return report_failure(options.common, out, err, o.failure(), file);
    outcomes.push_back(std::move(o).value());
  }
  Result<CompareResponse> compared =
      compare(s, outcomes, {.time_limit = options.common.time_limit, .started = options.common.started});
  if (!compared) return report_failure(options.common, out, err, compared.failure(), options.file);
  const CompareResponse& r = compared.value();
  if (options.common.json) {
    out << json::write(to_json(s, r)) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;

  out << "Outcomes compared in " << (s.title.empty() ? options.file : s.title) << "\n\n";
  std::vector<std::vector<std::string>> rows{{""}};
  for (std::size_t k = 0; k < options.outcomes.size(); ++k) {
    rows[0].push_back("[" + std::to_string(k) + "] " + options.outcomes[k]);
  }
  auto row = [&](const std::string& label, auto cell) {
    std::vector<std::string> line{label};
    for (const EvaluateResponse& e : r.outcomes) line.push_back(cell(e));
    rows.push_back(std::move(line));
  };
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    row("utility " + s.parties[p].id, [&](const EvaluateResponse& e) { return decimal(e.evaluation.utilities[p]); });
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    row("gain " + s.parties[p].id, [&](const EvaluateResponse& e) { return signed_decimal(e.evaluation.gains[p]); });
  }
  row("feasible", [](const EvaluateResponse& e) { return yes_no(e.evaluation.feasible); });
  row("individually rational", [](const EvaluateResponse& e) { return yes_no(e.evaluation.individually_rational); });
  row("Pareto optimal", [](const EvaluateResponse& e) {
    return e.pareto_optimal ? yes_no(e.pareto_optimal) : std::string("not settled");
  });
  if (!r.outcomes.empty() && r.outcomes.front().evaluation.goods.applicable) {
    auto goods = [&](const std::string& label, bool GoodsReport::*flag) {
      row(label, [&](const EvaluateResponse& e) { return yes_no(e.evaluation.goods.*flag); });
    };
    goods("envy-free", &GoodsReport::envy_free);
    goods("EF1", &GoodsReport::ef1);
    goods("EFX", &GoodsReport::efx);
    goods("proportional", &GoodsReport::proportional);
    goods("equitable", &GoodsReport::equitable);
  }
  if (!r.outcomes.empty() && r.outcomes.front().evaluation.goods.applicable) {
    // The table names the fairness terms; what they mean, said once above it.
    Glossary words(s.parties.size());
    out << "Fairness terms below: " << words.say(Term::ef1) << "; " << words.say(Term::efx) << "; "
        << words.say(Term::proportional) << ".\n\n";
  }
  out << table(rows);

  out << "\nWhich beats which:\n";
  if (r.dominates.empty()) {
    out << "  None of them is at least as good as another for every party and better for one.\n";
  }
  for (const auto& [i, j] : r.dominates) {
    const auto& a = r.outcomes[i].evaluation.utilities;
    const auto& b = r.outcomes[j].evaluation.utilities;
    std::vector<std::string> better;
    for (std::size_t p = 0; p < a.size(); ++p) {
      if (a[p] > b[p]) better.push_back(s.party_name(static_cast<int>(p)));
    }
    std::string who;
    for (std::size_t k = 0; k < better.size(); ++k) {
      who += (k == 0 ? "" : k + 1 == better.size() ? " and " : ", ") + better[k];
    }
    out << "  [" << i << "] " << options.outcomes[i] << " is at least as good as [" << j << "] "
        << options.outcomes[j] << " for every party, and better for " << who << ".\n";
  }
  for (std::size_t k = 0; k < r.outcomes.size(); ++k) {
    if (r.outcomes[k].explanation.empty()) continue;
    out << "\nWhat beats [" << k << "] " << options.outcomes[k] << ":\n";
    for (const std::string& sentence : r.outcomes[k].explanation) out << "  " << sentence << "\n";
  }
  return kExitOk;
}

}  // namespace parley::cli
