// Cost of evaluating one complete outcome (utilities, every constraint,
// fairness with witnesses) on the bundled examples, against reading the file.
#include <cstdio>

#include "harness.h"
#include "parley/analysis/evaluate.h"
#include "parley/io/scenario_reader.h"

#ifndef PARLEY_SOURCE_DIR
#define PARLEY_SOURCE_DIR "."
#endif

namespace parley::bench {

void evaluation() {
  const std::string dir = PARLEY_SOURCE_DIR "/examples/";
  std::printf("\n== evaluation of one outcome (examples/ceasefire.json + ceasefire-proposal.json)\n");
  auto s = read_scenario_file(dir + "ceasefire.json");
  if (!s) {
    std::printf("cannot read the example\n");
    return;
  }
  auto o = read_outcome_file(dir + "ceasefire-proposal.json", s.value());
  const int n = 1000;
  header();
  double read = median_seconds([&] {
    for (int k = 0; k < n / 10; ++k) keep(read_scenario_file(dir + "ceasefire.json").ok());
  }) * 10 / n;
  double eval = median_seconds([&] {
    for (int k = 0; k < n; ++k) keep(evaluate(s.value(), o.value()).ok());
  }) / n;
  row("read + validate the scenario (baseline)", read, read);
  row("evaluate one outcome", eval, read);
}

}  // namespace parley::bench
