// The bad-input corpus: every file in tests/bad/ (scenarios) and
// tests/bad-outcomes/ (outcomes for examples/ceasefire.json) must be rejected
// with exactly the diagnostics in the .err file beside it, one per line as
// `POINTER: MESSAGE` (an empty pointer, the whole document, gives ": MESSAGE").
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "parley/io/scenario_reader.h"
#include "test_support.h"

namespace parley {
namespace {

std::string expected_for(const std::string& json_path) {
  std::string err = json_path.substr(0, json_path.size() - 5) + ".err";
  EXPECT_TRUE(std::filesystem::exists(err)) << "missing " << err;
  return test::read_text(err);
}

std::string actual_lines(const Failure& f) {
  std::string out;
  for (const Diagnostic& d : f.diagnostics) out += d.pointer + ": " + d.message + "\n";
  return out;
}

TEST(BadInputs, EveryScenarioIsRejectedPrecisely) {
  auto files = test::files_in(test::source_dir() + "/tests/bad", ".json");
  EXPECT_GE(files.size(), 40u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    Result<Scenario> r = read_scenario_file(path);
    EXPECT_FALSE(r) << "accepted: " << path;
    if (r) continue;
    EXPECT_EQ(r.failure().kind, FailureKind::invalid_input);
    EXPECT_EQ(actual_lines(r.failure()), expected_for(path));
  }
}

TEST(BadInputs, EveryOutcomeIsRejectedPrecisely) {
  Scenario s = test::load_scenario(test::source_dir() + "/examples/ceasefire.json");
  auto files = test::files_in(test::source_dir() + "/tests/bad-outcomes", ".json");
  EXPECT_GE(files.size(), 8u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    Result<Outcome> r = read_outcome_file(path, s);
    EXPECT_FALSE(r) << "accepted: " << path;
    if (r) continue;
    EXPECT_EQ(actual_lines(r.failure()), expected_for(path));
  }
}

}  // namespace
}  // namespace parley
