// Golden files: tests/golden/NAME.args holds one command line (run from the
// repository root); NAME.out is its expected stdout, NAME.code its exit code
// and NAME.err its expected stderr (absent: nothing on stderr). Run with
// PARLEY_UPDATE_GOLDEN=1 to rewrite the expectations, then review the diff
// before committing. The commands run as the built binary; `"seconds":
// <number>` (the only value that changes between runs) is compared as
// `"seconds": "..."`. Commands that take seconds each live in
// tests/golden/slow and run only with PARLEY_SLOW_TESTS=1 (make test-slow)
// or when updating.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "test_support.h"

namespace parley {
namespace {

std::string without_timings(const std::string& text) {
  static const std::regex seconds(R"("seconds": [0-9.eE+-]+)");
  return std::regex_replace(text, seconds, "\"seconds\": \"...\"");
}

std::string trimmed(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// Runs every NAME.args in dir and compares (or, when updating, rewrites) its
// stdout, exit code and stderr.
void check_goldens(const std::string& dir, std::size_t at_least) {
  const bool update = std::getenv("PARLEY_UPDATE_GOLDEN") != nullptr;
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(test::source_dir());
  auto files = test::files_in(dir, ".args");
  EXPECT_GE(files.size(), at_least);
  for (const std::string& args_path : files) {
    SCOPED_TRACE(args_path);
    std::string base = args_path.substr(0, args_path.size() - 5);
    test::CommandResult r = test::run_binary(trimmed(test::read_text(args_path)));
    r.out = without_timings(r.out);
    const std::string err_path = base + ".err";
    if (update) {
      std::ofstream(base + ".out") << r.out;
      std::ofstream(base + ".code") << r.exit_code << "\n";
      if (!r.err.empty()) {
        std::ofstream(err_path) << r.err;
      } else {
        std::filesystem::remove(err_path);
      }
      continue;
    }
    EXPECT_EQ(r.out, test::read_text(base + ".out"));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", test::read_text(base + ".code"));
    EXPECT_EQ(r.err, std::filesystem::exists(err_path) ? test::read_text(err_path) : std::string());
  }
  std::filesystem::current_path(cwd);
}

TEST(Golden, CommandsPrintExactlyWhatIsRecorded) { check_goldens(test::source_dir() + "/tests/golden", 6); }

TEST(Golden, SlowCommandsPrintExactlyWhatIsRecorded) {
  if (std::getenv("PARLEY_SLOW_TESTS") == nullptr && std::getenv("PARLEY_UPDATE_GOLDEN") == nullptr) {
    GTEST_SKIP() << "slow golden commands run with PARLEY_SLOW_TESTS=1 (make test-slow)";
  }
  const std::string dir = test::source_dir() + "/tests/golden/slow";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no slow golden commands at present";
  check_goldens(dir, 1);
}

}  // namespace
}  // namespace parley
