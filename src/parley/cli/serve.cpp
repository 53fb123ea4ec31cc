// `parley serve` and `parley audit`: open the database, hand the room library
// to the HTTP layer (or ask it for an audit), print. Nothing here knows HTTP
// or SQL.
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/io/json.h"
#include "parley/room/rooms.h"
#include "parley/server/server.h"
#include "parley/store/database.h"

namespace parley::cli {

namespace {

void print_failure(std::ostream& err, const Failure& failure) {
  for (const Diagnostic& d : failure.diagnostics) err << "parley: " << d.message << '\n';
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
                               .address_burst = 2 * options.address_rate};
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

int run_audit(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  // Opening a path creates the database: an audit of a file that is not there
  // must say so instead.
  if (!is_url(options.db) && !std::filesystem::exists(options.db)) {
    err << "parley: " << options.db << ": cannot open the file: no such file\n";
    return kExitCannotRun;
  }
  Result<std::unique_ptr<store::Database>> db = store::open_database(options.db, room::migrations());
  if (!db) {
    print_failure(err, db.failure());
    return kExitCannotRun;
  }
  Result<room::AuditReport> report = room::audit(*db.value(), options.room);
  if (!report) {
    print_failure(err, report.failure());
    return kExitCannotRun;
  }
  const room::AuditReport& r = report.value();
  if (options.common.json) {
    json::Value v = json::Value::object();
    v.add("room", json::Value::string(options.room))
        .add("intact", json::Value::boolean(r.intact))
        .add("entries", json::Value::integer(r.entries))
        .add("first_bad", r.intact ? json::Value() : json::Value::string(r.first_bad));
    out << json::write(v) << '\n';
  } else if (!options.common.quiet || !r.intact) {
    if (r.intact) {
      out << "room " << options.room << ": " << r.entries << " log entries, hash chain intact\n";
    } else {
      out << "room " << options.room << ": hash chain BROKEN at " << r.first_bad << " (" << r.entries
          << " entries)\n";
    }
  }
  return r.intact ? kExitOk : kExitInvalidInput;
}

}  // namespace parley::cli
