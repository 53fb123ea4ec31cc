#include "test_support.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parley/analysis/constraints.h"
#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/io/scenario_reader.h"
#include "parley/model/outcome_space.h"

namespace parley::test {

std::string source_dir() { return PARLEY_SOURCE_DIR; }
std::string shared_dir() { return PARLEY_SHARED_DIR; }

std::string temp_path(const std::string& stem) {
  return (std::filesystem::temp_directory_path() / (stem + "_" + std::to_string(::getpid()))).string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> files_in(const std::string& dir, const std::string& extension) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Scenario load_scenario(const std::string& path) {
  Result<Scenario> r = read_scenario_file(path);
  if (!r) {
    std::string all;
    for (const Diagnostic& d : r.errors()) all += d.pointer + ": " + d.message + "\n";
    ADD_FAILURE() << path << " is invalid:\n" << all;
    return {};
  }
  return std::move(r).value();
}

CommandResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CommandResult r;
  cli::CommonOptions common;
  std::vector<std::string> positional;
  std::string outcome;
  for (std::size_t k = 1; k < args.size(); ++k) {
    if (args[k] == "--json") {
      common.json = true;
    } else if (args[k] == "--quiet") {
      common.quiet = true;
    } else if (args[k] == "--outcome" && k + 1 < args.size()) {
      outcome = args[++k];
    } else {
      positional.push_back(args[k]);
    }
  }
  if (args.at(0) == "validate") {
    r.exit_code = cli::run_validate({positional.at(0), common}, out, err);
  } else if (args.at(0) == "evaluate") {
    r.exit_code = cli::run_evaluate({positional.at(0), outcome, common}, out, err);
  } else {
    ADD_FAILURE() << "run_cli: unknown command " << args.at(0);
  }
  r.out = out.str();
  r.err = err.str();
  return r;
}

CommandResult run_binary(const std::string& args) { return run_binary_with_env("", args); }

CommandResult run_binary_with_env(const std::string& env, const std::string& args) {
  std::string err_file = std::filesystem::temp_directory_path() / ("parley_test_" + std::to_string(::getpid()));
  std::string cmd = "cd '" + source_dir() + "' && " + env + "'" PARLEY_BINARY "' " + args + " 2>'" + err_file + "'";
  CommandResult r;
  r.exit_code = -1;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_text(err_file);
  std::filesystem::remove(err_file);
  return r;
}

json::Value parsed(const std::string& text) {
  Result<json::Value> v = json::parse(text, "stdout");
  EXPECT_TRUE(v) << text;
  return v ? v.value() : json::Value();
}

std::string compact(const json::Value* v) { return v ? json::write(*v, {.indent = 0}) : "(missing)"; }

std::optional<std::vector<Outcome>> feasible_outcomes(const Scenario& s, std::size_t most) {
  std::vector<std::vector<IssueValue>> domains;
  double size = 1;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i]) {
      domains.push_back({*s.agreed[i]});
      continue;
    }
    auto d = issue_domain(s, static_cast<int>(i), most);
    if (!d) return std::nullopt;
    size *= static_cast<double>(d->size());
    domains.push_back(std::move(*d));
  }
  if (size > static_cast<double>(most)) return std::nullopt;
  std::vector<Outcome> out;
  std::vector<std::size_t> at(domains.size(), 0);
  for (;;) {
    Outcome o;
    for (std::size_t i = 0; i < domains.size(); ++i) o.push_back(domains[i][at[i]]);
    bool feasible = true;
    for (const ConstraintCheck& c : check_constraints(s, o)) feasible = feasible && c.holds;
    if (feasible) out.push_back(std::move(o));
    std::size_t i = 0;
    while (i < domains.size() && ++at[i] == domains[i].size()) at[i++] = 0;
    if (i == domains.size()) break;
  }
  return out;
}

}  // namespace parley::test
