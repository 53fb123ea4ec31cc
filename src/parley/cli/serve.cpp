// `parley serve` and `parley audit`: open the database, hand the room library
// to the HTTP layer (or ask it for an audit), print. Nothing here knows HTTP
// or SQL.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <iostream>
#include <mutex>
#include <thread>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/cli/receipt.h"
#include "parley/io/json.h"
#include "parley/io/response_json.h"
#include "parley/room/rooms.h"
#include "parley/server/server.h"
#include "parley/server/static_files.h"
#include "parley/store/database.h"

namespace parley::cli {

namespace {

void print_failure(std::ostream& err, const Failure& failure) {
  for (const Diagnostic& d : failure.diagnostics) err << "parley: " << d.message << '\n';
}

// The folder `web` beside the running executable: build/parley serves
// build/web, where the build writes the bundle; an installed parley the one
// installed beside it.
std::filesystem::path web_beside_executable() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path("web") : self.parent_path() / "web";
}

bool is_url(const std::string& where) { return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0; }

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  Result<server::ListenAddress> at = server::parse_listen(options.listen);
  if (!at) {
    print_failure(err, at.failure());
    return kExitCannotRun;
  }
  if (!(options.solve_time_limit > 0)) {
    err << "parley: --solve-time-limit must be a positive number of seconds\n";
    return kExitCannotRun;
  }
  // SIGTERM and SIGINT are blocked in every thread (the server's threads
  // inherit this mask) and taken by one waiting thread, which stops the
  // server: requests in flight finish, their transactions committed.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer is the socket's error, not the process's end
  struct Restore {
    sigset_t mask;
    ~Restore() { pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
  } restore{previous};

  // A folder named on the command line must be there; the default may be
  // missing (a build without npm), and then / says how to build the page.
  const std::filesystem::path web_dir = options.web.empty() ? web_beside_executable() : std::filesystem::path(options.web);
  if (!options.web.empty() && !std::filesystem::is_directory(web_dir)) {
    err << "parley: --web " << options.web << ": no such folder\n";
    return kExitCannotRun;
  }
  Result<server::StaticFiles> web = server::StaticFiles::load(web_dir);
  if (!web) {
    print_failure(err, web.failure());
    return kExitCannotRun;
  }

  Result<std::unique_ptr<store::Database>> db = store::open_database(options.db, room::migrations());
  if (!db) {
    print_failure(err, db.failure());
    return kExitCannotRun;
  }
  room::Rooms rooms(*db.value(), {.solve_time_limit = options.solve_time_limit});
  std::mutex log_mutex;
  server::Options http_options{.host = at.value().host,
                               .port = at.value().port,
                               .max_connections_per_address = options.address_connections,
                               .address_requests_per_second = options.address_rate,
                               .address_burst = 2 * options.address_rate,
                               .web = std::make_shared<const server::StaticFiles>(std::move(web).value())};
  const bool page_built = http_options.web->built();
  if (!options.quiet) {
    http_options.access_log = [&](const std::string& line) {
      std::lock_guard lock(log_mutex);
      err << line << '\n';
    };
  }
  server::Server http([&](const room::Request& r) { return rooms.handle(r); }, http_options);
  Result<int> port = http.bind();
  if (!port) {
    print_failure(err, port.failure());
    return kExitCannotRun;
  }
  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    http.stop();
  });
  const std::string& host = at.value().host;
  out << "listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ':'
      << port.value() << '\n'
      << std::flush;
  std::cout.flush();  // a script waiting for this line reads it through a pipe
  if (!options.quiet) {
    std::lock_guard lock(log_mutex);
    if (page_built) {
      err << "parley: the web page is served at / from " << web_dir.string() << '\n';
    } else {
      err << "parley: no web page in " << web_dir.string()
          << " (no index.html): / says so; `make build` builds it where Node.js and npm are installed\n";
    }
  }
  http.run();
  // run() also returns when the accept loop fails; wake the waiter then.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!options.quiet) {
    std::lock_guard lock(log_mutex);
    err << "parley: stopped\n";
  }
  return kExitOk;
}

namespace {

json::Value receipt_json(const room::Receipt& r) {
  return json::Value::object().add("seq", json::Value::integer(r.seq)).add("hash", json::Value::string(r.hash));
}

}  // namespace

int run_audit(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  // Opening a path creates the database: an audit of a file that is not there
  // must say so instead.
  // With --json the failure is also JSON on stdout (docs/cli.md), about the database.
  auto fail = [&](const Failure& failure) {
    if (options.common.json) {
      Failure about_db{store::redacted(options.db), {}, FailureKind::unreadable};
      for (const Diagnostic& d : failure.diagnostics) about_db.diagnostics.push_back({"", d.message});
      out << json::write(failure_to_json(about_db)) << '\n';
    }
    return kExitCannotRun;
  };
  if (!is_url(options.db) && !std::filesystem::exists(options.db)) {
    err << "parley: " << options.db << ": cannot open the file: no such file\n";
    return fail(Failure{options.db, {{"", "cannot open the file: no such file"}}, FailureKind::unreadable});
  }
  std::vector<room::Receipt> receipts;
  for (const std::string& h : options.heads) {
    std::optional<ReceiptText> r = parse_receipt(h);
    if (!r) {  // main's validator refuses these first; a caller of run_audit may not have one
      err << "parley: --head: " << head_problem(h) << '\n';
      return kExitCannotRun;
    }
    receipts.push_back(room::Receipt{r->seq, r->hash});
  }
  Result<std::unique_ptr<store::Database>> db = store::open_database(options.db, room::migrations());
  if (!db) {
    print_failure(err, db.failure());
    return fail(db.failure());
  }
  Result<room::AuditReport> report = room::audit(*db.value(), options.room, receipts);
  if (!report) {
    print_failure(err, report.failure());
    return fail(report.failure());
  }
  const room::AuditReport& r = report.value();
  const bool receipts_match =
      std::all_of(r.receipts.begin(), r.receipts.end(), [](const room::ReceiptCheck& c) { return c.matches; });
  if (options.common.json) {
    json::Value checked = json::Value::array();
    for (const room::ReceiptCheck& c : r.receipts) {
      checked.push(receipt_json(c.receipt).add("matches", json::Value::boolean(c.matches)));
    }
    json::Value notes = json::Value::array();
    for (const std::string& n : r.notes) notes.push(json::Value::string(n));
    json::Value v = json::Value::object();
    v.add("room", json::Value::string(options.room))
        .add("intact", json::Value::boolean(r.intact))
        .add("entries", json::Value::integer(r.entries))
        .add("first_bad", r.intact ? json::Value() : json::Value::string(r.first_bad))
        .add("chain_intact", json::Value::boolean(r.chain_intact))
        .add("tables_match", r.tables_match ? json::Value::boolean(*r.tables_match) : json::Value())
        .add("receipts", std::move(checked))
        .add("head", r.head ? receipt_json(*r.head) : json::Value())
        .add("notes", std::move(notes));
    out << json::write(v) << '\n';
  } else if (!options.common.quiet || !r.intact) {
    const std::string room = "room " + options.room + ": ";
    const std::string entries = std::to_string(r.entries) + (r.entries == 1 ? " entry" : " entries");
    const std::string count = " (" + entries + ")";
    if (r.intact) {
      out << room << entries << " in the log, hash chain intact";
      if (!r.receipts.empty()) {
        out << ", " << (r.receipts.size() == 1 ? "the receipt matches" : "all " + std::to_string(r.receipts.size()) +
                                                                            " receipts match");
      }
      out << ", tables match the log\n";
      if (r.head) out << "receipt for a later audit: --head " << r.head->seq << ':' << r.head->hash << '\n';
    } else if (!r.chain_intact) {
      out << room << "hash chain BROKEN at " << r.first_bad << count << '\n';
    } else if (!receipts_match) {
      out << room << "a receipt does NOT match: " << r.first_bad << count << '\n';
    } else {
      out << room << "the tables do NOT match the log: " << r.first_bad << count << '\n';
    }
    for (const std::string& n : r.notes) out << "note: " << n << '\n';
  }
  return r.intact ? kExitOk : kExitInvalidInput;
}

}  // namespace parley::cli

// The module's entry points (serve_loader.cpp finds them by these names).
//
// The program may hold a C++ runtime of its own (PARLEY_STATIC_RUNTIME links
// libstdc++ into it), and this module then runs on the shared one: two
// runtimes, whose streams must not be used across. So the program hands over
// its stream buffers only (whose virtual functions are its own, and work
// from here), the streams are built here, and no exception leaves the
// module (it would be unwound and caught by the other runtime); one that
// gets here is answered as the program's main() answers one.
namespace {

template <typename Options, typename Run>
int run_here(const Options& options, std::streambuf* out_buffer, std::streambuf* err_buffer, bool json, Run run) {
  std::ostream out(out_buffer), err(err_buffer);
  err.setf(std::ios::unitbuf);  // progress and errors appear when written, as in main()
  try {
    return run(options, out, err);
  } catch (const std::exception& ex) {
    const std::string message = std::string("internal error: ") + ex.what();
    if (json) {
      out << parley::json::write(parley::failure_to_json(
                 parley::Failure{"", {{"", message}}, parley::FailureKind::internal}))
          << '\n';
    }
    err << "parley: " << message << '\n';
  } catch (...) {
    err << "parley: internal error: an unknown exception\n";
  }
  return parley::cli::kExitInternal;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int parley_run_serve(const parley::cli::ServeOptions& options,
                                                                        std::streambuf* out, std::streambuf* err) {
  return run_here(options, out, err, false, parley::cli::run_serve);
}

extern "C" __attribute__((visibility("default"))) int parley_run_audit(const parley::cli::AuditOptions& options,
                                                                        std::streambuf* out, std::streambuf* err) {
  return run_here(options, out, err, options.common.json, parley::cli::run_audit);
}
