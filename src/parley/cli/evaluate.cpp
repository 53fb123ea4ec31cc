// parley evaluate FILE --outcome O.json: utilities, gains, constraints and the
// fairness of one outcome (docs/cli.md). Reads, calls parley::evaluate, prints.
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/evaluated.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

std::string pid(const Scenario& s, int p) { return s.parties[static_cast<std::size_t>(p)].id; }
std::string iid(const Scenario& s, int i) { return s.issues[static_cast<std::size_t>(i)].id; }
// What EF1 and EFX remove: an item, or one step of a share.
std::string unit(const Scenario& s, int i) {
  return s.issues[static_cast<std::size_t>(i)].is_holding() ? iid(s, i) : "one step of " + iid(s, i);
}

void print_goods(const Scenario& s, const GoodsReport& g, std::ostream& out) {
  out << "\nFairness of the goods part (items, regions, shares):\n";
  std::vector<std::vector<std::string>> rows;
  auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
  std::string envy;
  if (g.envy) {
    envy = pid(s, g.envy->envier) + " envies " + pid(s, g.envy->envied) + "'s bundle by " +
           decimal(g.envy->by);
    if (g.envy->removable >= 0) envy += "; removing " + unit(s, g.envy->removable) + " from it would end that";
  }
  rows.push_back({"envy-free", yes_no(g.envy_free), envy});
  auto removal = [&](const std::optional<RemovalWitness>& w, const char* which) {
    if (!w) return std::string();
    std::string text = pid(s, w->envier) + " still envies " + pid(s, w->envied);
    if (w->item >= 0) {
      text += " by " + decimal(w->remaining) + " after removing " + which + " item, " + unit(s, w->item);
    } else {
      text += " by " + decimal(w->remaining) + ", and no single item removal helps";
    }
    return text;
  };
  rows.push_back({"EF1", yes_no(g.ef1), removal(g.ef1_failure, "its most valuable")});
  rows.push_back({"EFX", yes_no(g.efx), removal(g.efx_failure, "its least valuable")});
  std::string prop;
  if (g.proportionality_failure) {
    const auto& w = *g.proportionality_failure;
    prop = pid(s, w.party) + " gets " + decimal_beside(w.value, w.fair_share) +
           " of goods value, below their fair share " + decimal_beside(w.fair_share, w.value);
  }
  rows.push_back({"proportional", yes_no(g.proportional), prop});
  std::string eq;
  if (g.equitability_failure) {
    const auto& w = *g.equitability_failure;
    eq = pid(s, w.most) + " gets " + percent_beside(w.most_relative, w.least_relative) +
         " of what all the goods are worth to them, " + pid(s, w.least) + " " +
         percent_beside(w.least_relative, w.most_relative);
  }
  rows.push_back({"equitable", yes_no(g.equitable), eq});
  if (g.mms_known()) {
    std::string mms;
    if (g.mms_failure) {
      const auto& w = *g.mms_failure;
      mms = pid(s, w.party) + " gets " + percent_beside(w.fraction, 1) + " of their maximin share " + decimal(w.mms);
    }
    rows.push_back({"MMS", yes_no(g.mms), mms});
  } else {
    rows.push_back({"MMS", "?", "unknown: the exact search for the maximin shares ran out of budget"});
  }
  out << table(rows);
  if (g.mms_known()) {
    // Each party's maximin share: the most it could guarantee itself by cutting
    // the goods into n bundles and taking the worst.
    std::vector<std::vector<std::string>> mrows{{"party", "maximin share", "own bundle", "fraction of it"}};
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const auto& f = g.mms_fractions[p];
      mrows.push_back({s.parties[p].id, decimal(g.mms_values[p]), decimal(g.bundle_values[p][p]),
                       f ? percent_beside(*f, 1) : "-"});
    }
    out << "\nMaximin shares (MMS: the most each party could guarantee itself by cutting the goods into " << s.parties.size()
        << " bundles and taking the worst; items whole, shares on their step grid):\n"
        << table(mrows);
  }
}

}  // namespace

void print_improvements(const EvaluateResponse& r, std::ostream& out) {
  out << "\nPareto optimal: " << (r.pareto_optimal ? (*r.pareto_optimal ? "yes" : "no") : "not settled") << "\n";
  for (const std::string& sentence : r.explanation) out << "  " << sentence << "\n";
}

int read_and_evaluate(const std::string& file, const std::string& outcome_file, const CommonOptions& common,
                      std::ostream& out, std::ostream& err, EvaluatedOutcome& into, bool improvements) {
  Result<Scenario> read = read_scenario_file(file);
  if (!read) return report_failure(common, out, err, read.failure(), file);
  into.scenario = std::move(read).value();
  const Scenario& s = into.scenario;
  Result<Outcome> outcome = read_outcome_file(outcome_file, s);
  if (!outcome) return report_failure(common, out, err, outcome.failure(), outcome_file);
  into.outcome = std::move(outcome).value();
  Result<EvaluateResponse> evaluated = evaluate(s, into.outcome,
                                                {.time_limit = common.time_limit, .started = common.started,
                                                 .improvements = improvements});
  if (!evaluated) return report_failure(common, out, err, evaluated.failure(), file);
  into.response = std::move(evaluated).value();
  return kExitOk;
}

int run_evaluate(const EvaluateOptions& options, std::ostream& out, std::ostream& err) {
  EvaluatedOutcome read;
  if (int code = read_and_evaluate(options.file, options.outcome, options.common, out, err, read); code != kExitOk) {
    return code;
  }
  const Scenario& s = read.scenario;
  const Evaluation& e = read.response.evaluation;

  if (options.common.json) {
    out << json::write(to_json(s, read.response)) << '\n';
    return kExitOk;
  }
  if (options.common.quiet) return kExitOk;

  out << "Outcome " << options.outcome << " in " << (s.title.empty() ? options.file : s.title) << "\n\n";
  std::vector<std::vector<std::string>> rows{{"party", "utility", "reservation", "gain", ""}};
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    rows.push_back({s.party_label(static_cast<int>(p)),
                    decimal(e.utilities[p]), decimal(e.utilities[p] - e.gains[p]),
                    signed_decimal(e.gains[p]),
                    e.gains[p].sign() >= 0 ? "acceptable" : "below reservation"});
  }
  out << table(rows);
  out << "  individually rational: " << (e.individually_rational ? "yes" : "no") << "\n";

  std::size_t failing = 0;
  for (const ConstraintCheck& c : e.constraints) failing += c.holds ? 0 : 1;
  out << "\nConstraints (agreed terms, rules, red lines): ";
  if (e.constraints.empty()) {
    out << "none\n";
  } else if (failing == 0) {
    out << "all " << e.constraints.size() << " hold\n";
  } else {
    out << failing << " of " << e.constraints.size() << " fail\n";
  }
  std::vector<std::vector<std::string>> crow;
  for (const ConstraintCheck& c : e.constraints) {
    crow.push_back({c.holds ? "ok" : "FAILS", c.pointer, c.description + (c.holds ? "" : "; but " + c.detail)});
  }
  out << table(crow);
  print_improvements(read.response, out);
  if (e.goods.applicable) print_goods(s, e.goods, out);
  return kExitOk;
}

}  // namespace parley::cli
