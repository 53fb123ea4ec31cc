// parley solve FILE --method M: the recommended package, its utilities and
// properties, and why (docs/cli.md). Reads, calls parley::solve, prints.
#include <algorithm>
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"
#include "parley/render/answer_svg.h"

namespace parley::cli {

namespace {

using json::Value;

std::string title_of(const Scenario& s, const std::string& file) { return s.title.empty() ? file : s.title; }

// A JSON property key as a reader names it: "ef1" is "EF1", glossed the first time.
std::string property_name(const std::string& key, Glossary& words) {
  if (key == "ef1") return words.say(Term::ef1);
  if (key == "efx") return words.say(Term::efx);
  if (key == "proportional") return words.say(Term::proportional);
  if (key == "mms") return words.say(Term::mms);
  if (key == "pareto_optimal") return "Pareto optimal";
  if (key == "envy_free") return "envy-free";
  std::string name = key;
  for (char& c : name) c = c == '_' ? ' ' : c;
  return name;
}

void print_package(const Scenario& s, const SolveResponse& r, std::ostream& out) {
  out << "\nPackage:\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    std::string value = describe_value(s, static_cast<int>(i), (*r.outcome)[i]);
    if (r.split && r.split->issue == static_cast<int>(i)) {
      value.clear();
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        value += (value.empty() ? "" : ", ") + s.parties[p].id + " " + decimal(r.split->fractions[p]) + " (" +
                 r.split->fractions[p].str() + ")";
      }
      value += "  [split]";
    }
    rows.push_back({s.issues[i].id, value, s.agreed[i] ? "(agreed)" : ""});
  }
  out << table(rows) << "\n";
  std::vector<std::vector<std::string>> parties{{"party", "utility", "reservation", "gain"}};
  const Evaluation& e = r.evaluation;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    parties.push_back({s.parties[p].id, decimal(e.utilities[p]), decimal(e.utilities[p] - e.gains[p]),
                       signed_decimal(e.gains[p])});
  }
  out << table(parties);
  if (r.robust) {
    const RobustPlay& play = *r.robust;
    out << "\nWorst cases, every weight off by up to " << amount(play.spread * 100) << "% either way:\n";
    std::vector<std::vector<std::string>> rows{{"party", "gain", "worst case", "Nash package's worst case"}};
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      rows.push_back({s.parties[p].id, signed_decimal(e.gains[p]), signed_decimal(play.worst_case[p]),
                      play.nash_worst_case.empty() ? "-" : signed_decimal(play.nash_worst_case[p])});
    }
    out << table(rows);
  }
  if (!r.payments.empty()) {
    // The money, as the explanation says it in words; utilities count it too.
    std::string paid;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const Rational& t = r.payments[p];
      paid += (p ? ", " : "") + s.party_name(static_cast<int>(p)) + (t.sign() < 0 ? " pays " : " receives ") + amount(t.abs(), 2) + " " +
              r.currency;
    }
    out << "  payments: " << paid << " (the utilities above count them)\n";
  }
  if (r.status_quo) {
    std::string there, change;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      there += (p ? ", " : "") + s.parties[p].id + " " + decimal((*r.status_quo)[p]);
      change += (p ? ", " : "") + s.parties[p].id + " " + signed_decimal(e.utilities[p] - (*r.status_quo)[p]);
    }
    out << "  status quo (with the agreed terms): " << there << "; this package changes that by " << change << "\n";
  }
}

void print_answer(const Scenario& s, const std::string& file, const SolveResponse& r, std::ostream& out) {
  out << method_title(r.method) << " for " << title_of(s, file) << ": " << status_name(r.status);
  if (r.status == SolveStatus::feasible) out << " (" << gap_short(r.gap) << ")";
  out << "\n";
  if (r.status == SolveStatus::time_limit) {
    out << "\nTime limit: " << r.note << "\n";
    return;
  }
  if (r.outcome) print_package(s, r, out);
  out << (r.outcome ? "\nWhy:\n" : "\n");
  for (const std::string& sentence : r.explanation) out << "  - " << sentence << "\n";
  if (r.closest) {
    out << "\nClosest package:\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      rows.push_back({s.issues[i].id, describe_value(s, static_cast<int>(i), (*r.closest)[i])});
    }
    out << table(rows);
  }
  if (!r.outcome) return;
  // Properties, read back from the JSON form so that both outputs say the
  // same, with each fairness term glossed unless the explanation did.
  Glossary words(s.parties.size());
  for (const std::string& sentence : r.explanation) words.seen_in(sentence);
  std::string props;
  const json::Value doc = to_json(s, r);
  for (const auto& [key, value] : doc.find("properties")->members()) {
    if (value.is_null()) continue;
    props += (props.empty() ? "" : ", ") + property_name(key, words) + (value.as_bool() ? " yes" : " NO");
  }
  out << "\nProperties: " << props << "\n";
}

}  // namespace

int run_solve(const SolveOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.svg.empty()) {
    if (auto refused = refuse_input_as_output(options.common, out, err, options.svg, {options.file})) return *refused;
  }
  auto bad_flag = [&](const std::string& why) {
    return report_failure(options.common, out, err, Failure{"parley solve", {{"", why}}, FailureKind::unreadable}, "");
  };
  const Method method = *method_from_name(options.method);  // main.cpp accepts only the names
  if (method != Method::alternating && (options.periods || !options.first.empty())) {
    return bad_flag("--periods and --first belong to --method alternating");
  }
  // --spread: a bad flag (exit 1, docs/cli.md) when misplaced or out of range.
  std::optional<Rational> spread;
  if (options.spread) {
    const auto& bad_spread = bad_flag;
    if (method != Method::robust) return bad_spread("--spread belongs to --method robust");
    std::optional<Rational> parsed = Rational::parse(*options.spread);
    if (!parsed || parsed->sign() < 0 || *parsed >= Rational(1)) {
      return bad_spread("--spread takes a share of each weight at least 0 and below 1, such as 0.2; got '" +
                        *options.spread + "'");
    }
    spread = *parsed;
  }
  Result<WhatIf> read = read_what_if(options.file, options.what_if);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value().scenario;
  SolveRequest request;
  request.method = method;
  if (options.periods) request.periods = *options.periods;
  if (spread) request.spread = *spread;
  if (!options.first.empty()) {
    std::optional<int> first = s.party_index(options.first);
    if (!first) {
      std::string ids;
      for (const Party& p : s.parties) ids += (ids.empty() ? "" : ", ") + p.id;
      return bad_flag("--first: no party '" + options.first + "' in " + options.file + "; the parties are " + ids);
    }
    request.first = *first;
  }
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  request.contiguity = *optimise::contiguity_from_name(options.contiguity);
  request.force_optimiser = options.mip;
  Result<SolveResponse> solved = solve(s, request);
  if (!solved) return report_failure(options.common, out, err, solved.failure(), options.file);
  const SolveResponse& r = solved.value();

  if (!options.svg.empty()) {
    const std::string title = title_of(s, options.file) + ": " + std::string(method_title(r.method));
    std::optional<FrontierResponse> f;
    if (!render::answer_on_map(s, r) && s.parties.size() <= 5) {
      // The frontier to draw the answer on, in the time the command has left
      // (none when it cannot be listed in time).
      Result<FrontierResponse> listed =
          frontier(s, {.time_limit = options.common.time_limit, .started = options.common.started, .outcomes = 1});
      if (listed && listed.value().status == FrontierStatus::complete) f = std::move(listed).value();
    }
    if (auto failed = write_output(options.common, out, err, options.svg,
                                   render::answer_svg(s, r, f ? &*f : nullptr, title), "SVG file")) {
      return *failed;
    }
  }
  if (options.common.json) {
    out << json::write(with_what_if(to_json(s, r), read.value())) << '\n';
  } else if (!options.common.quiet) {
    print_what_if(out, read.value());
    print_answer(s, options.file, r, out);
  }
  return r.status == SolveStatus::time_limit ? kExitTimeLimit : kExitOk;
}

}  // namespace parley::cli
