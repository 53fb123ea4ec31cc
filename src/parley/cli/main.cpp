// parley: the command-line front end. It only parses arguments, calls the
// library and prints; docs/cli.md is its contract.
#include <CLI/CLI.hpp>

#include <iostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"

int main(int argc, char** argv) {
  using namespace parley::cli;
  CLI::App app{"parley: negotiation analysis and mediation engine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "parley 0.1");

  auto add_common = [](CLI::App* cmd, CommonOptions& common) {
    cmd->add_flag("--json", common.json, "machine-readable output on stdout");
    cmd->add_flag("--quiet", common.quiet, "print nothing on success (errors still go to stderr)");
    // Accepted by every command so that scripts can pass it uniformly;
    // validate and evaluate finish in milliseconds and never need it.
    cmd->add_option("--time-limit", common.time_limit, "stop searching after SECONDS")
        ->check(CLI::PositiveNumber);
  };

  ValidateOptions validate;
  CLI::App* v = app.add_subcommand("validate", "check a scenario file and summarise it");
  v->add_option("FILE", validate.file, "scenario file (JSON)")->required();
  add_common(v, validate.common);

  EvaluateOptions evaluate;
  CLI::App* e = app.add_subcommand("evaluate", "utilities, constraints and fairness of one outcome");
  e->add_option("FILE", evaluate.file, "scenario file (JSON)")->required();
  e->add_option("--outcome", evaluate.outcome, "outcome file: issue id -> value (JSON)")->required();
  add_common(e, evaluate.common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kExitOk : kExitCannotRun;
  }
  try {
    if (*v) return run_validate(validate, std::cout, std::cerr);
    if (*e) return run_evaluate(evaluate, std::cout, std::cerr);
  } catch (const std::exception& ex) {
    std::cerr << "parley: internal error: " << ex.what() << '\n';
    return kExitCannotRun;
  }
  return kExitCannotRun;
}
