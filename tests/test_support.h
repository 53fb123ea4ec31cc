// Shared helpers for the tests: where files are, reading them, running the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/io/json.h"
#include "parley/model/scenario.h"

namespace parley::test {

std::string source_dir();                   // the repository root
std::string shared_dir();                   // ../shared beside the repository
std::string read_text(const std::string& path);
std::vector<std::string> files_in(const std::string& dir, const std::string& extension);  // sorted
// A path in the temporary directory that no other test process uses (the
// process id in its name): suites run side by side, in parallel and from
// other checkouts, and a fixed name let one remove another's files.
std::string temp_path(const std::string& stem);

// A command's stdout as JSON (fails the test and gives null when it is not).
json::Value parsed(const std::string& text);
// `v` on one line, or "(missing)" for a member that is not there.
std::string compact(const json::Value* v);

// Every outcome meeting the agreed terms, rules and red lines, by brute
// force, the first issue's value changing fastest; nullopt past `most`
// outcomes in all (feasible or not).
std::optional<std::vector<Outcome>> feasible_outcomes(const Scenario& s, std::size_t most);

// Reads a scenario that must be valid (fails the test otherwise).
Scenario load_scenario(const std::string& path);

struct CommandResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};
// Runs `parley ARGS...` in-process (validate/evaluate entry points).
CommandResult run_cli(const std::vector<std::string>& args);
// Runs the built binary with a shell-quoted argument string, from the repository root.
CommandResult run_binary(const std::string& args);
// The same with environment assignments before it ("NAME=value ").
CommandResult run_binary_with_env(const std::string& env, const std::string& args);

}  // namespace parley::test
