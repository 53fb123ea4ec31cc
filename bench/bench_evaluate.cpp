// Cost of evaluation: utilities of many outcomes of a scenario (exact
// Rational, exact 64-bit integers, and inexact doubles as the baseline), and
// one full evaluation of the ceasefire example against reading its file.
#include <cstdio>
#include <random>

#include "harness.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/integer_utility.h"
#include "parley/io/scenario_reader.h"

#ifndef PARLEY_SOURCE_DIR
#define PARLEY_SOURCE_DIR "."
#endif

namespace parley::bench {

namespace {

// 2 parties, `issues` choice issues with 11 options each, weights 1..10 and
// values in hundredths: a Genius-like additive domain.
Scenario synthetic(int issues, std::mt19937& rng) {
  std::string text = R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [)";
  for (int i = 0; i < issues; ++i) {
    text += std::string(i ? "," : "") + R"({"id": "i)" + std::to_string(i) + R"(", "kind": "choice", "options": [)";
    for (int o = 0; o < 11; ++o) text += std::string(o ? "," : "") + "\"o" + std::to_string(o) + "\"";
    text += "]}";
  }
  text += R"(], "preferences": {)";
  std::uniform_int_distribution<int> weight(1, 10), hundredths(0, 100);
  for (const char* p : {"a", "b"}) {
    text += std::string(p[0] == 'a' ? "" : ",") + "\"" + p + R"(": {"weights": {)";
    for (int i = 0; i < issues; ++i) text += std::string(i ? "," : "") + "\"i" + std::to_string(i) + "\": " + std::to_string(weight(rng));
    text += R"(}, "values": {)";
    for (int i = 0; i < issues; ++i) {
      text += std::string(i ? "," : "") + "\"i" + std::to_string(i) + "\": {";
      for (int o = 0; o < 11; ++o) {
        text += std::string(o ? "," : "") + "\"o" + std::to_string(o) + "\": " + std::to_string(hundredths(rng) / 100.0).substr(0, 4);
      }
      text += "}";
    }
    text += "}}";
  }
  text += "}}";
  return read_scenario_text(text, "synthetic").value();
}

}  // namespace

void evaluation() {
  std::mt19937 rng(1);
  const int issues = 50, outcomes = 1000;
  Scenario s = synthetic(issues, rng);
  std::uniform_int_distribution<int> option(0, 10);
  std::vector<Outcome> sample(outcomes, Outcome(static_cast<std::size_t>(issues)));
  for (Outcome& o : sample) {
    for (IssueValue& v : o) v.option = option(rng);
  }
  Utilities u(s);
  auto fast = IntegerUtilities::make(u);
  // The double baseline: the same table, divided out.
  std::vector<std::vector<double>> table(2, std::vector<double>(static_cast<std::size_t>(issues * 11)));
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < issues; ++i) {
      for (int o = 0; o < 11; ++o) {
        table[static_cast<std::size_t>(p)][static_cast<std::size_t>(i * 11 + o)] =
            u.contribution(p, i, IssueValue{.option = o}).to_double();
      }
    }
  }
  std::printf("\n== utilities of %d outcomes, 2 parties, %d choice issues x 11 options, values in hundredths\n",
              outcomes, issues);
  header();
  double base = median_seconds([&] {
    for (const Outcome& o : sample) {
      for (std::size_t p = 0; p < 2; ++p) {
        double sum = 0;
        for (std::size_t i = 0; i < o.size(); ++i) sum += table[p][i * 11 + static_cast<std::size_t>(o[i].option)];
        keep(sum);
      }
    }
  });
  row("double table lookups (inexact baseline)", base, base);
  if (fast) {
    row("IntegerUtilities::utility (exact int64)", median_seconds([&] {
          for (const Outcome& o : sample) {
            for (int p = 0; p < 2; ++p) keep(fast->utility(p, o));
          }
        }),
        base);
  } else {
    std::printf("IntegerUtilities: not representable in 64 bits\n");
  }
  row("Utilities::utility (exact Rational)", median_seconds([&] {
        for (const Outcome& o : sample) {
          for (int p = 0; p < 2; ++p) keep(u.utility(p, o));
        }
      }),
      base);

  const std::string dir = PARLEY_SOURCE_DIR "/examples/";
  std::printf("\n== one full evaluation (examples/ceasefire.json + ceasefire-proposal.json)\n");
  auto c = read_scenario_file(dir + "ceasefire.json");
  if (!c) {
    std::printf("cannot read the example\n");
    return;
  }
  auto co = read_outcome_file(dir + "ceasefire-proposal.json", c.value());
  const int n = 1000;
  header();
  double read = median_seconds([&] {
    for (int k = 0; k < n / 10; ++k) keep(read_scenario_file(dir + "ceasefire.json").ok());
  }) * 10 / n;
  double eval = median_seconds([&] {
    for (int k = 0; k < n; ++k) keep(evaluate_outcome(c.value(), co.value()).ok());
  }) / n;
  row("read + validate the scenario (baseline)", read, read);
  row("evaluate one outcome", eval, read);
}

const Register kEvaluation{"evaluate", evaluation};

}  // namespace parley::bench
