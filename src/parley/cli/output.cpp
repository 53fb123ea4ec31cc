#include "parley/cli/output.h"

#include "parley/cli/commands.h"
#include "parley/core/files.h"
#include "parley/io/response_json.h"
#include "parley/io/scenario_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace parley::cli {

namespace {

// Keeps each diagnostic on one line: a key or value in the input may hold
// control characters, which are shown as \u00XX.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int exit_code(const Failure& failure) {
  switch (failure.kind) {
    case FailureKind::invalid_input: return kExitInvalidInput;
    case FailureKind::internal: return kExitInternal;
    case FailureKind::unreadable:
    case FailureKind::unsupported: return kExitCannotRun;
  }
  return kExitCannotRun;
}

int report_failure(const CommonOptions& common, std::ostream& out, std::ostream& err, Failure failure,
                   const std::string& source) {
  if (failure.source.empty()) failure.source = source;
  if (common.json) out << json::write(failure_to_json(failure)) << '\n';
  return report_failure(err, failure);
}

int report_failure(std::ostream& err, const Failure& failure) {
  // The pointer is printed as it is, even when empty (the whole document),
  // so that every line splits the same way: `FILE: POINTER: MESSAGE`.
  for (const Diagnostic& d : failure.diagnostics) {
    err << one_line(d.source.empty() ? failure.source : d.source) << ": " << one_line(d.pointer) << ": "
        << one_line(d.message) << '\n';
  }
  return exit_code(failure);
}

std::string time_limit_problem(const std::string& text) {
  const std::string allowed = "takes a number of seconds greater than 0, such as 0.5 or 30";
  // strtod, not stod: stod throws for a value it can only hold as a
  // subnormal (1e-320) and reads "5abc" as 5.
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(begin, &end);
  if (end == begin || *end != '\0' || std::isnan(v)) return allowed + " (\"" + text + "\" is not a number)";
  if (std::isinf(v) || (errno == ERANGE && std::abs(v) > 1)) return allowed + " (" + text + " is too large)";
  if (v <= 0) return allowed + ", not " + text;
  return {};
}

std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::optional<int> refuse_input_as_output(const CommonOptions& common, std::ostream& out, std::ostream& err,
                                          const std::string& output, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  for (const std::string& in : inputs) {
    std::error_code ec;
    const bool same = fs::exists(output, ec) && fs::exists(in, ec)
                          ? fs::equivalent(output, in, ec)
                          : fs::weakly_canonical(output, ec) == fs::weakly_canonical(in, ec);
    if (same) {
      return report_failure(common, out, err,
                            Failure{output, {{"", "is one of the input files; choose another output file"}},
                                    FailureKind::unreadable},
                            "");
    }
  }
  return std::nullopt;
}

std::optional<int> write_output(const CommonOptions& common, std::ostream& out, std::ostream& err,
                                const std::string& path, const std::string& text, const std::string& what) {
  std::string why = write_output_file(path, text);
  if (why.empty()) return std::nullopt;
  return report_failure(common, out, err, Failure{path, {{"", "cannot write the " + what + ": " + why}}, FailureKind::unreadable},
                        "");
}

Result<WhatIf> read_what_if(const std::string& file, const WhatIfFlags& flags) {
  Result<Scenario> read = read_scenario_file(file);
  if (!read) return read.failure();
  return what_if(read.value(), {flags.fixes, flags.drops});
}

json::Value with_what_if(json::Value doc, const WhatIf& w) {
  if (!w.edits.empty()) doc.add("what_if", what_if_to_json(w));
  return doc;
}

void print_what_if(std::ostream& out, const WhatIf& w) {
  if (!w.edits.empty()) out << what_if_text(w) << "\n\n";
}

}  // namespace parley::cli
