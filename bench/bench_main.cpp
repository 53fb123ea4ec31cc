// parley benchmarks (make bench). Each section prints its inputs, the machine,
// and ratios against a baseline measured in the same run.
//
//   parley_bench              all sections
//   parley_bench frontier     only the named ones
#include <algorithm>
#include <cstdio>
#include <string>

#include "harness.h"

int main(int argc, char** argv) {
  using namespace parley::bench;
  auto& all = sections();
  std::sort(all.begin(), all.end(), [](const Section& a, const Section& b) { return a.name < b.name; });
  print_machine();
  int ran = 0;
  for (const Section& section : all) {
    bool wanted = argc < 2;
    for (int i = 1; i < argc; ++i) wanted = wanted || section.name == argv[i];
    if (!wanted) continue;
    std::printf("\n== %s\n", section.name.c_str());
    section.run();
    ++ran;
  }
  if (ran == 0) {
    std::fprintf(stderr, "parley_bench: no such section; sections are:");
    for (const Section& section : all) std::fprintf(stderr, " %s", section.name.c_str());
    std::fprintf(stderr, "\n");
    return 1;
  }
  return 0;
}
