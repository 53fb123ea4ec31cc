// The `parley` subcommands. Each parses nothing itself: main.cpp fills the
// options, the command calls the library and prints. Streams are parameters so
// tests can run commands in-process.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace parley::cli {

struct CommonOptions {
  bool json = false;   // machine output on stdout
  bool quiet = false;  // nothing on stdout for a successful human-readable run
  double time_limit = 0;  // seconds; 0 means none
  // When the command started (main() makes the options first): --time-limit
  // and the reported seconds count from here, reading the files included.
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// --fix ISSUE=VALUE and --drop POINTER, as typed (io/what_if.h reads them).
struct WhatIfFlags {
  std::vector<std::string> fixes;
  std::vector<std::string> drops;
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

// `parley compare FILE O1.json O2.json ...` (docs/cli.md, "What beats this").
struct CompareOptions {
  std::string file;
  std::vector<std::string> outcomes;
  CommonOptions common;
};
int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err);

struct FrontierOptions {
  std::string file;
  std::size_t limit = 0;  // most points printed; 0 means all
  std::string svg;        // also draw the frontier here
  std::vector<std::string> marks;  // --mark: outcome files to mark on the drawing
  WhatIfFlags what_if;  // --fix, --drop
  CommonOptions common;
};
int run_frontier(const FrontierOptions& options, std::ostream& out, std::ostream& err);

struct SolveOptions {
  std::string file;
  std::string method = "nash";
  std::string svg;
  std::string contiguity = "cuts";  // the package optimiser's contiguity formulation
  bool mip = false;                 // use the package optimiser even where the frontier could be enumerated
  std::optional<int> periods;       // alternating: T
  std::string first;                // alternating: the first proposer's id
  std::optional<std::string> spread;  // robust: S, as typed
  WhatIfFlags what_if;  // --fix, --drop
  CommonOptions common;
};
int run_solve(const SolveOptions& options, std::ostream& out, std::ostream& err);

// `parley delay` (docs/cli.md, "Time and negotiation dynamics").
struct DelayOptions {
  std::string file;
  std::string outcome;         // empty: the Nash package
  std::int64_t horizon = 520;  // periods looked at
  WhatIfFlags what_if;  // --fix, --drop
  CommonOptions common;
};
int run_delay(const DelayOptions& options, std::ostream& out, std::ostream& err);

// `parley negotiate` and `parley tournament` (docs/cli.md, "Time and negotiation dynamics").
// `parley sensitivity` (docs/cli.md, "What beats this, what if, how robust").
struct SensitivityOptions {
  std::string file;
  std::string method = "nash";
  std::string spread = "0.2";  // S, read exactly; checked by the facade
  long long samples = 1000;    // NOLINT(google-runtime-int): N, checked by the facade (0 and below refused)
  std::uint64_t seed = 0;
  WhatIfFlags what_if;  // --fix, --drop
  CommonOptions common;
};
int run_sensitivity(const SensitivityOptions& options, std::ostream& out, std::ostream& err);

struct NegotiateOptions {
  std::string file;
  std::string protocol = "alternating";
  std::string agents;  // a=boulware,b=conceder
  int rounds = 52;
  std::uint64_t seed = 0;
  CommonOptions common;
};
int run_negotiate(const NegotiateOptions& options, std::ostream& out, std::ostream& err);

struct TournamentOptions {
  std::vector<std::string> files;
  std::string protocol = "alternating";
  std::string agents;  // boulware,conceder,...
  int rounds = 52;
  int repetitions = 1;
  std::uint64_t seed = 0;
  int jobs = 1;
  std::string shard = "1/1";
  std::string output;  // -o
  CommonOptions common;
};
int run_tournament(const TournamentOptions& options, std::ostream& out, std::ostream& err);

// `parley elicit` (docs/cli.md, "What beats this, what if, how robust").
struct ElicitOptions {
  std::string file;
  std::string party;    // a party id
  std::string ranking;  // RANKING.json
  bool values = false;  // elicit the value tables too
  CommonOptions common;
};
int run_elicit(const ElicitOptions& options, std::ostream& out, std::ostream& err);

struct RenderOptions {
  std::string file;
  std::string outcome;
  std::string output;  // -o: the SVG file
  CommonOptions common;
};
int run_render(const RenderOptions& options, std::ostream& out, std::ostream& err);

// `parley report` (docs/cli.md, "Money, debts, reports").
struct ReportOptions {
  std::string file;
  std::string method = "nash";
  std::string outcome;  // --outcome: the proposal the report is about; empty: the method's package
  std::string output;   // -o: the HTML file
  CommonOptions common;
};
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

struct ImportOptions {
  std::string format;               // "genius" or "geniusweb"
  std::vector<std::string> files;   // genius: DOMAIN.xml then profiles; geniusweb: profiles
  std::string domain;               // geniusweb --domain
  std::string output;               // -o
  CommonOptions common;
};
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

// `parley serve` (docs/room-api.md): serves rooms until SIGTERM or SIGINT.
struct ServeOptions {
  std::string db = "parley-rooms.sqlite";  // a file path (SQLite) or a postgresql:// URL
  std::string listen = "127.0.0.1:8080";   // HOST:PORT; port 0 picks a free one (printed)
  double solve_time_limit = 10;            // seconds per engine call
  double address_rate = 50;                // requests a second per client address (bursts of twice); 0: no limit
  int address_connections = 16;            // connections open at once per client address; 0: no limit
  bool quiet = false;                      // no access log on stderr
  // --web DIR: the web page's built files, served at /; "" means the folder
  // `web` beside the parley executable (build/parley serves build/web).
  std::string web;
};
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

// `parley audit DB ROOM [--head SEQ:HASH]...`: re-checks a room's hash chain,
// the receipts given, and its tables against its log (exit 0 intact, 2 broken).
struct AuditOptions {
  std::string db;
  std::string room;
  std::vector<std::string> heads;  // receipts "SEQ:HASH", each checked by head_problem
  CommonOptions common;
};
int run_audit(const AuditOptions& options, std::ostream& out, std::ostream& err);
// Why `text` is not a receipt SEQ:HASH (entry number, 64 hex digits); empty when it is.
std::string head_problem(const std::string& text);

}  // namespace parley::cli
