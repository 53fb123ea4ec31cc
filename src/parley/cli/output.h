// Small helpers the command-line front end uses to print: diagnostics in the
// contract's form, aligned tables, and numbers for people.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "parley/core/number_text.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/io/json.h"
#include "parley/io/what_if.h"

namespace parley::cli {

struct CommonOptions;
struct WhatIfFlags;

// The scenario file read, then edited by --fix and --drop (io/what_if.h): the
// command runs on the edited scenario as if it had been written that way.
Result<WhatIf> read_what_if(const std::string& file, const WhatIfFlags& flags);
// A command's JSON with "what_if": [...] added when there were edits.
json::Value with_what_if(json::Value doc, const WhatIf& w);
// The human output's first lines: what was fixed and dropped (nothing without edits).
void print_what_if(std::ostream& out, const WhatIf& w);

// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitCannotRun = 1;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitTimeLimit = 3;
inline constexpr int kExitInternal = 4;

// The exit code for a failure: 2 invalid input, 4 internal (an answer failed
// verification), 1 otherwise.
int exit_code(const Failure& failure);

// Prints every diagnostic as `SOURCE: /pointer: message`, one per line, and
// returns the exit code for the failure.
int report_failure(std::ostream& err, const Failure& failure);

// The same, and with --json also the failure as JSON on stdout
// ({"status": "invalid", "errors": [...]} or {"status": "error", "message": ...}).
// A failure without a source gets `source` (the file the command read).
int report_failure(const CommonOptions& common, std::ostream& out, std::ostream& err, Failure failure,
                   const std::string& source);

// Refuses an output path that names one of the inputs (also through a link):
// writing it would destroy what the command read. Answers the exit code when
// refused, nullopt otherwise.
std::optional<int> refuse_input_as_output(const CommonOptions& common, std::ostream& out, std::ostream& err,
                                          const std::string& output, const std::vector<std::string>& inputs);

// Writes an output file (core/files.h: a new or regular file replaced whole,
// a terminal or pipe written in place, a directory or device refused). On
// failure reports "cannot write the <what>: <why>" and answers the exit code;
// nullopt on success.
std::optional<int> write_output(const CommonOptions& common, std::ostream& out, std::ostream& err,
                                const std::string& path, const std::string& text, const std::string& what);

// Numbers: "0.6125", "+0.00003" (never "+0.0000" for a gain that is there),
// and two numbers compared shown apart (core/number_text.h).
using parley::decimal;
using parley::decimal_beside;
using parley::gap_short;
using parley::percent_beside;
using parley::signed_decimal;

// What is wrong with a --time-limit argument, saying what is allowed; empty
// when it is a number of seconds greater than 0 and finite. A value too small
// for a normal double (1e-320) is still such a number.
std::string time_limit_problem(const std::string& text);

// Left-aligned columns separated by two spaces.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent = "  ");

}  // namespace parley::cli
