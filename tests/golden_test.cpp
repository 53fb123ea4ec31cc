// Golden files: tests/golden/NAME.args holds one command line (run from the
// repository root); NAME.out is its expected stdout and NAME.code its exit
// code. Run with PARLEY_UPDATE_GOLDEN=1 to rewrite the expectations, then
// review the diff before committing. The commands run as the built binary;
// `"seconds": <number>` (the only value that changes between runs) is
// compared as `"seconds": "..."`.
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

TEST(Golden, CommandsPrintExactlyWhatIsRecorded) {
  const std::string dir = test::source_dir() + "/tests/golden";
  const bool update = std::getenv("PARLEY_UPDATE_GOLDEN") != nullptr;
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(test::source_dir());
  auto files = test::files_in(dir, ".args");
  EXPECT_GE(files.size(), 6u);
  for (const std::string& args_path : files) {
    SCOPED_TRACE(args_path);
    std::string base = args_path.substr(0, args_path.size() - 5);
    test::CommandResult r = test::run_binary(trimmed(test::read_text(args_path)));
    r.out = without_timings(r.out);
    if (update) {
      std::ofstream(base + ".out") << r.out;
      std::ofstream(base + ".code") << r.exit_code << "\n";
      continue;
    }
    EXPECT_EQ(r.out, test::read_text(base + ".out"));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", test::read_text(base + ".code"));
  }
  std::filesystem::current_path(cwd);
}

}  // namespace
}  // namespace parley
