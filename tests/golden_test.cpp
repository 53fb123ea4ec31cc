// Golden files: tests/golden/NAME.args holds one command line (run from the
// repository root); NAME.out is its expected stdout and NAME.code its exit
// code. Run with PARLEY_UPDATE_GOLDEN=1 to rewrite the expectations, then
// review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace parley {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
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
    auto args = split(test::read_text(args_path));
    test::CommandResult r = test::run_cli(args);
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
