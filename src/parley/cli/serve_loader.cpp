// `parley serve` and `parley audit` for the program: both run in the module
// libparley_serve.so (serve.cpp with the HTTP server, the rooms and their
// storage), loaded when one of them is run.
//
// Why a module: cpp-httplib, OpenSSL (whose initialisation httplib runs
// before main()), SQLite and their libraries were loaded and bound before
// every command, though only these two use them: a fifth of a small
// command's start-up (issue 19).
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/core/module.h"
#include "parley/io/json.h"
#include "parley/io/response_json.h"

namespace parley::cli {

namespace {

constexpr const char* kModule = "libparley_serve.so";

template <typename Options>
int run_in_module(const char* symbol, const Options& options, bool json, std::ostream& out, std::ostream& err) {
  // Stream buffers, not streams: the module may run on another C++ runtime
  // than the program's (serve.cpp, at its entry points).
  using Entry = int (*)(const Options&, std::streambuf*, std::streambuf*);
  std::string why;
  auto entry = reinterpret_cast<Entry>(load_module_entry(kModule, "PARLEY_SERVE_MODULE", symbol, &why));
  if (entry == nullptr) {
    const std::string message = std::string("the server (") + kModule + ") could not be loaded: " + why +
                                "; install it beside the parley binary, or name it in PARLEY_SERVE_MODULE";
    // With --json (audit), on stdout too (docs/cli.md).
    if (json) out << json::write(failure_to_json(Failure{"", {{"", message}}, FailureKind::unreadable})) << '\n';
    err << "parley: " << message << '\n';
    return kExitCannotRun;
  }
  out.flush();
  err.flush();
  return entry(options, out.rdbuf(), err.rdbuf());
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  return run_in_module("parley_run_serve", options, false, out, err);
}

int run_audit(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  return run_in_module("parley_run_audit", options, options.common.json, out, err);
}

}  // namespace parley::cli
