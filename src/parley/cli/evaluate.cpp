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

std::string who(const Scenario& s, int p) { return s.party_name(p); }
// What EF1 and EFX remove: an item, or one step of a share.
std::string unit(const Scenario& s, int i) {
  return s.issues[static_cast<std::size_t>(i)].is_holding() ? s.issue_name(i) : "one step of " + s.issue_name(i);
}

// One row a property: its name, yes or no, and what it means (the first
// time a term appears, its gloss); the witness of a failure on the row below.
void print_goods(const Scenario& s, const GoodsReport& g, std::ostream& out) {
  out << "\nFairness of the goods part (items, regions, shares):\n";
  Glossary words(s.parties.size());
  std::vector<std::vector<std::string>> rows;
  auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
  auto row = [&](const std::string& name, const std::string& holds, const std::string& means,
                 const std::string& witness) {
    rows.push_back({name, holds, means});
    if (!witness.empty()) rows.push_back({"", "", "but " + witness});
  };
  auto share_of_total = [&](int p, const Rational& part) {
    const Rational& total = g.goods_total[static_cast<std::size_t>(p)];
    return total.is_zero() ? Rational(0) : part / total;
  };
  std::string envy;
  if (g.envy) {
    envy = who(s, g.envy->envier) + " envies " + who(s, g.envy->envied) + "'s bundle by " + decimal(g.envy->by);
    if (g.envy->removable >= 0) {
      envy += "; taking " + unit(s, g.envy->removable) + " from " + who(s, g.envy->envied) + " would end that";
    }
  }
  row("envy-free", yes_no(g.envy_free), "every party values their own bundle at least as much as anyone else's", envy);
  auto removal = [&](const std::optional<RemovalWitness>& w, const char* which) {
    if (!w) return std::string();
    std::string text = who(s, w->envier) + " still envies " + who(s, w->envied);
    if (w->item >= 0) {
      text += " by " + decimal(w->remaining) + " after " + unit(s, w->item) + ", the " + which + " item of " +
              who(s, w->envied) + "'s bundle, is taken away";
    } else {
      text += " by " + decimal(w->remaining) + ", and taking no single item away helps";
    }
    return text;
  };
  // The table names each term; its meaning is the gloss, said once.
  words.say(Term::ef1);
  row("EF1", yes_no(g.ef1), words.clause(Term::ef1), removal(g.ef1_failure, "most valuable"));
  words.say(Term::efx);
  row("EFX", yes_no(g.efx), words.clause(Term::efx), removal(g.efx_failure, "least valuable"));
  std::string prop;
  if (g.proportionality_failure) {
    const auto& w = *g.proportionality_failure;
    const Rational got = share_of_total(w.party, w.value), fair = share_of_total(w.party, w.fair_share);
    prop = who(s, w.party) + " gets " + percent_beside(got, fair) +
           " of what all the goods are worth to them, below their fair share of " + percent_beside(fair, got);
  }
  words.say(Term::proportional);
  row("proportional", yes_no(g.proportional), words.clause(Term::proportional), prop);
  std::string eq;
  if (g.equitability_failure) {
    const auto& w = *g.equitability_failure;
    eq = who(s, w.most) + " gets " + percent_beside(w.most_relative, w.least_relative) +
         " of what all the goods are worth to them, " + who(s, w.least) + " " +
         percent_beside(w.least_relative, w.most_relative);
  }
  row("equitable", yes_no(g.equitable), "every party gets the same share of what all the goods are worth to them", eq);
  words.say(Term::mms);
  const std::string mms_means = "maximin share (" + words.clause(Term::mms) + ")";
  if (g.mms_known()) {
    std::string mms;
    if (g.mms_failure) {
      const auto& w = *g.mms_failure;
      mms = who(s, w.party) + " gets " + percent_beside(w.fraction, 1) + " of their maximin share " + decimal(w.mms);
    }
    row("MMS", yes_no(g.mms), "every party gets at least their " + mms_means, mms);
  } else {
    row("MMS", "?", "every party gets at least their " + mms_means,
        "unknown: the exact search for the maximin shares ran out of budget");
  }
  out << table(rows);
  if (g.mms_known()) {
    // The party column keeps the ids: a name would not fit every width.
    std::vector<std::vector<std::string>> mrows{{"party", "maximin share", "own bundle", "bundle / share"}};
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const auto& f = g.mms_fractions[p];
      mrows.push_back({s.parties[p].id, decimal(g.mms_values[p]), decimal(g.bundle_values[p][p]),
                       f ? percent_beside(*f, 1) : "-"});
    }
    out << "\nMaximin shares (items whole, shares on their step grid):\n" << table(mrows);
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
