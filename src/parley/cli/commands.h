// The `parley` subcommands. Each parses nothing itself: main.cpp fills the
// options, the command calls the library and prints. Streams are parameters so
// tests can run commands in-process.
#pragma once

#include <iosfwd>
#include <string>

namespace parley::cli {

struct CommonOptions {
  bool json = false;   // machine output on stdout
  bool quiet = false;  // nothing on stdout for a successful human-readable run
  double time_limit = 0;  // seconds; 0 means none
};

struct ValidateOptions {
  std::string file;
  CommonOptions common;
};
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

struct EvaluateOptions {
  std::string file;
  std::string outcome;
  CommonOptions common;
};
int run_evaluate(const EvaluateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace parley::cli
