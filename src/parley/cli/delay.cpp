// parley delay FILE [--outcome O.json] [--horizon H]: what time costs
// (docs/cli.md, "Time and negotiation dynamics"). Reads, calls parley::delay, prints.
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

void print_delay(const Scenario& s, const std::string& file, const DelayResponse& d, std::ostream& out) {
  const std::string per(period_name(d.period));
  out << "What delay costs in " << (s.title.empty() ? file : s.title) << ", per " << per << ", looking " << d.horizon
      << " " << per << (d.horizon == 1 ? "" : "s") << " ahead\n\n";
  std::vector<std::vector<std::string>> parties{{"party", "delay cost", "reservation drift", "reservation"}};
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    parties.push_back({s.party_label(static_cast<int>(p)), decimal(d.delay_cost[p]),
                       signed_decimal(d.reservation_drift[p]), decimal(s.preferences[p]->reservation)});
  }
  out << table(parties);
  if (!d.real.empty()) {
    out << "\nReal costs each " << per << ":\n";
    std::vector<std::vector<std::string>> rows;
    for (const CostOfDelay& c : d.real) {
      rows.push_back({amount(c.per_period), c.what, c.source.empty() ? "" : "(source: " + c.source + ")"});
    }
    out << table(rows);
  }
  out << "\nZone of agreement: "
      << (!d.zone_settled        ? "open through " + per + " " + std::to_string(d.zone_open_through) + ", then unknown"
          : d.zone_closes_after ? "closes after " + std::to_string(*d.zone_closes_after) + " " + per +
                                      (*d.zone_closes_after == 1 ? "" : "s")
                                : "open through the horizon")
      << "\n";
  if (d.outcome) {
    out << "\nPackage tested (" << (d.outcome_given ? "as given" : "the Nash package") << "):\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      rows.push_back({s.issues[i].id, describe_value(s, static_cast<int>(i), (*d.outcome)[i])});
    }
    out << table(rows) << "\n";
    std::vector<std::vector<std::string>> shifts{{"party", "utility", "reservation", "shift a " + per}};
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      shifts.push_back({s.parties[p].id, decimal(d.utilities[p]), decimal(s.preferences[p]->reservation),
                        signed_decimal(d.shift[p])});
    }
    out << table(shifts);
    out << "  durable for: "
        << (!d.durable_for       ? "the whole horizon"
            : *d.durable_for < 0 ? "not even now"
                                 : std::to_string(*d.durable_for) + " " + per + (*d.durable_for == 1 ? "" : "s"))
        << (d.binding ? "; then " + s.party_name(*d.binding) + " would rather walk away" : "") << "\n";
  }
  out << "\nIn words:\n";
  for (const std::string& sentence : d.explanation) out << "  - " << sentence << "\n";
  if (!d.note.empty()) out << "\nNote: " << d.note << "\n";
}

}  // namespace

int run_delay(const DelayOptions& options, std::ostream& out, std::ostream& err) {
  Result<WhatIf> read = read_what_if(options.file, options.what_if);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value().scenario;
  DelayRequest request;
  if (!options.outcome.empty()) {
    Result<Outcome> outcome = read_outcome_file(options.outcome, s);
    if (!outcome) return report_failure(options.common, out, err, outcome.failure(), options.outcome);
    request.outcome = std::move(outcome).value();
  }
  request.horizon = options.horizon;
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  Result<DelayResponse> answered = delay(s, request);
  if (!answered) return report_failure(options.common, out, err, answered.failure(), options.file);
  const DelayResponse& d = answered.value();
  if (options.common.json) {
    out << json::write(with_what_if(to_json(s, d), read.value())) << '\n';
  } else if (!options.common.quiet) {
    print_what_if(out, read.value());
    print_delay(s, options.file, d, out);
  }
  // The zone is part of the answer: unsettled, the call ran out of time.
  return d.zone_settled ? kExitOk : kExitTimeLimit;
}

}  // namespace parley::cli
