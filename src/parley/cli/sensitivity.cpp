// parley sensitivity FILE: how firmly the answer rests on the numbers given
// (docs/cli.md, "What beats this, what if, how robust"). Reads, calls
// parley::sensitivity, prints.
#include <ostream>
#include <string>

#include "parley/analysis/constraints.h"
#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {


std::string range_words(const StabilityInterval& iv) {
  if (!iv.low_shown || !iv.high_shown) return "not settled: " + iv.note;
  const std::string lo = amount(*iv.low_shown), hi = amount(*iv.high_shown);
  std::string text = lo + " to " + hi;
  if (iv.low_at_range && iv.high_at_range) return text + " (the whole range searched)";
  if (iv.low_at_range) return text + " (changes above)";
  if (iv.high_at_range) return text + " (changes below)";
  return text + " (changes beyond both)";
}

void print_sensitivity(const Scenario& s, const std::string& file, const SensitivityResponse& r, std::ostream& out) {
  out << "How firm is the " << method_title(r.method) << " for " << (s.title.empty() ? file : s.title) << "?\n";
  if (!r.outcome) {
    out << "\nThere is no package to test (" << status_name(r.status) << ").\n";
  } else {
    out << "\nPackage tested:\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      rows.push_back({s.issues[i].id, describe_value(s, static_cast<int>(i), (*r.outcome)[i])});
    }
    out << table(rows);
    out << "\nEach weight alone (searched from 0 to 10 times the given one), all other numbers as given:\n";
    std::vector<std::vector<std::string>> weights{{"party", "issue", "given", "same package for"}};
    for (const StabilityInterval& iv : r.weights) {
      weights.push_back({s.parties[static_cast<std::size_t>(iv.party)].id,
                         s.issues[static_cast<std::size_t>(iv.issue)].id, amount(iv.given), range_words(iv)});
    }
    out << table(weights);
    out << "\nEach reservation alone (searched from 0 to 1):\n";
    std::vector<std::vector<std::string>> reservations{{"party", "given", "same package for"}};
    for (const StabilityInterval& iv : r.reservations) {
      reservations.push_back({s.parties[static_cast<std::size_t>(iv.party)].id, amount(iv.given), range_words(iv)});
    }
    out << table(reservations);
  }
  out << "\nIn words:\n";
  for (const std::string& sentence : r.explanation) out << "  - " << sentence << "\n";
  if (!r.note.empty()) out << "\nNote: " << r.note << "\n";
}

}  // namespace

int run_sensitivity(const SensitivityOptions& options, std::ostream& out, std::ostream& err) {
  auto bad_flag = [&](const std::string& flag, const std::string& why) {
    return report_failure(options.common, out, err, Failure{flag, {{"", why}}, FailureKind::invalid_input}, "");
  };
  const std::optional<Method> method = method_from_name(options.method);
  if (!method || !is_solution_concept(*method)) {
    return bad_flag("--method", "no method '" + options.method +
                                    "' for sensitivity; it takes nash, ks, egalitarian, utilitarian, mnw or leximin");
  }
  std::string why;
  const std::optional<Rational> spread = Rational::parse(options.spread, &why);
  if (!spread || spread->sign() < 0 || *spread >= 1) {
    return bad_flag("--spread", "'" + options.spread + "' is not a spread: it takes a number at least 0 and below 1 "
                                "(0.2: every weight within ±20%)");
  }
  if (options.samples < 1) {
    return bad_flag("--samples", std::to_string(options.samples) + " samples: it takes a whole number, at least 1");
  }
  Result<WhatIf> read = read_what_if(options.file, options.what_if);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value().scenario;
  SensitivityRequest request;
  request.method = *method;
  request.spread = *spread;
  request.samples = static_cast<std::size_t>(options.samples);
  request.seed = options.seed;
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  Result<SensitivityResponse> answered = sensitivity(s, request);
  if (!answered) return report_failure(options.common, out, err, answered.failure(), options.file);
  const SensitivityResponse& r = answered.value();
  if (options.common.json) {
    out << json::write(with_what_if(to_json(s, r), read.value())) << '\n';
  } else if (!options.common.quiet) {
    print_what_if(out, read.value());
    print_sensitivity(s, options.file, r, out);
  }
  // Cut short by the time limit: the answer is partial.
  return r.note.find("time limit") == std::string::npos ? kExitOk : kExitTimeLimit;
}

}  // namespace parley::cli
