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
#include <functional>
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

// Sections register themselves (one per file, so areas never edit a shared
// list); `parley_bench [NAME...]` runs the named ones, or all in name order.
struct Section {
  std::string name;
  std::function<void()> run;
};
inline std::vector<Section>& sections() {
  static std::vector<Section> all;
  return all;
}
struct Register {
  Register(std::string name, std::function<void()> run) { sections().push_back({std::move(name), std::move(run)}); }
};

// Peak resident memory of this process so far, in MiB (VmHWM).
inline double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

// Keeps the optimiser from discarding a result.
template <typename T>
inline void keep(T&& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace parley::bench
