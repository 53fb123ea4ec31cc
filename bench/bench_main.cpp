// parley benchmarks (make bench). Each section prints its inputs, the machine,
// and ratios against a baseline measured in the same run.
#include <cstdio>

#include "harness.h"

namespace parley::bench {
void rational_arithmetic();
void evaluation();
}  // namespace parley::bench

int main() {
  parley::bench::print_machine();
  parley::bench::rational_arithmetic();
  parley::bench::evaluation();
  return 0;
}
