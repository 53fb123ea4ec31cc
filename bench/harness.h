// A small benchmark harness: median wall time over repeated runs, the machine
// it ran on, and ratios against a baseline measured in the same run.
//
//   bench::Machine::print();
//   double t = bench::median_seconds([&] { work(); }, /*repeats=*/7);
//   bench::row("rational sum", t, baseline_t);
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace parley::bench {

inline void print_machine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::printf("machine: %s, %u hardware threads\n", model.c_str(), std::thread::hardware_concurrency());
#ifdef NDEBUG
  std::printf("build: optimised (NDEBUG)\n");
#else
  std::printf("build: NOT optimised -- figures are meaningless\n");
#endif
}

// Median over `repeats` runs of f, in seconds.
template <typename F>
double median_seconds(F&& f, int repeats = 7) {
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    auto start = std::chrono::steady_clock::now();
    f();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

inline void header() { std::printf("%-44s %14s %14s\n", "case", "median", "vs baseline"); }

inline void row(const std::string& name, double seconds, double baseline_seconds) {
  std::printf("%-44s %11.3f ms %13.2fx\n", name.c_str(), seconds * 1e3, seconds / baseline_seconds);
}

// Keeps the optimiser from discarding a result.
template <typename T>
inline void keep(T&& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace parley::bench
