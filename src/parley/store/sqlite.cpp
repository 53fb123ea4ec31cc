// SQLite behind store::Database. The only file that includes sqlite3.h.
//
// One writing connection per Database, guarded by a mutex: a `parley serve`
// process runs its write transactions one at a time on it (SQLite has one
// writer anyway), and other processes on the same file are kept apart by
// BEGIN IMMEDIATE, which takes the write lock up front so that two
// transactions never both read and then fail to upgrade. read() runs on a
// small pool of read-only connections of its own (BEGIN DEFERRED under WAL:
// a snapshot, no lock), so views never queue behind a write. A busy database
// is waited for (busy timeout) and the whole transaction is rerun when the
// wait runs out.
#include "parley/store/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <functional>
#include <memory>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace parley::store {
namespace {

// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; the
// transaction is rerun rather than reported.
struct Busy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool is_busy(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

constexpr int kBusyTimeoutMs = 5000;
constexpr int kMaxAttempts = 50;

// One sqlite3 connection with its prepared statements. Not thread-safe:
// whoever uses it holds `mutex` (one transaction at a time per connection).
class Connection {
 public:
  Connection(const std::string& path, bool read_only) : path_(path), read_only_(read_only) {
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw std::runtime_error("cannot open the SQLite database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    if (read_only) return;  // WAL is a property of the file, set by the writer
    // WAL: readers do not block the writer; synchronous=FULL: a commit is on
    // disk before transaction() returns, so an acknowledged write survives a
    // crash or power loss.
    pragma("PRAGMA journal_mode=WAL", "wal");
    pragma("PRAGMA synchronous=FULL", "");
    pragma("PRAGMA foreign_keys=ON", "");
  }

  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::mutex mutex;

  // fn inside `begin` ... COMMIT, rolled back if fn throws; a busy database
  // is waited for and the whole transaction rerun. The caller holds `mutex`.
  void transaction(const char* begin, const std::function<void(Session&)>& fn);

  std::vector<Row> run(std::string_view sql, const std::vector<Param>& params, std::int64_t* changed) {
    sqlite3_stmt* stmt = prepare(sql);
    // Reset on every way out, so the cached statement is ready for the next call.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    // Refused before it runs, with a message that says whose mistake it is
    // (SQLite's own "attempt to write a readonly database" reads like a
    // file-permission problem).
    if (read_only_ && !sqlite3_stmt_readonly(stmt)) {
      throw std::logic_error("store: a statement that writes inside read(): " + std::string(sql.substr(0, 80)));
    }
    if (static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
      throw std::logic_error("store: " + std::to_string(params.size()) + " parameters for " +
                             std::to_string(sqlite3_bind_parameter_count(stmt)) + " placeholders in " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i) + 1, params[i]);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, sql);
      Row row;
      row.cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) row.cells.push_back(cell(stmt, c));
      rows.push_back(std::move(row));
    }
    if (changed) *changed = sqlite3_changes64(db_);
    return rows;
  }

 private:
  void pragma(const char* sql, std::string_view expect) {
    char* error = nullptr;
    std::string answer;
    const int rc = sqlite3_exec(
        db_, sql,
        [](void* out, int n, char** values, char**) {
          if (n > 0 && values[0]) *static_cast<std::string*>(out) = values[0];
          return 0;
        },
        &answer, &error);
    if (rc != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      throw std::runtime_error(std::string("cannot set ") + sql + " on " + path_ + ": " + message);
    }
    if (!expect.empty() && answer != expect) {
      throw std::runtime_error("the SQLite database " + path_ + " refused journal_mode=WAL (it answered " + answer + ")");
    }
  }

  void run_plain(const char* sql) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
  }

  [[noreturn]] void fail(int rc, std::string_view sql) {
    const std::string message = std::string(sqlite3_errmsg(db_)) + " (in " + std::string(sql.substr(0, 80)) + ")";
    if (is_busy(rc)) throw Busy(message);
    throw std::runtime_error("SQLite: " + message);
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    const std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    statements_.emplace(key, stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, int index, const Param& p) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(p)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* i = std::get_if<std::int64_t>(&p)) {
      rc = sqlite3_bind_int64(stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&p)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else {
      const std::string& s = std::get<std::string>(p);
      rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) fail(rc, "bind");
  }

  static std::optional<std::string> cell(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL:
        return std::nullopt;
      case SQLITE_INTEGER:
        return std::to_string(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT: {
        // Shortest text that reads back to the same double (SQLite's own
        // text conversion keeps only 15 digits).
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, sqlite3_column_double(stmt, c));
        return std::string(buffer, end);
      }
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
  }

  std::string path_;
  bool read_only_ = false;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
};

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(Connection& c) : c_(c) {}
  std::vector<Row> query(std::string_view sql, const std::vector<Param>& params) override {
    return c_.run(sql, params, nullptr);
  }
  std::int64_t exec(std::string_view sql, const std::vector<Param>& params) override {
    std::int64_t changed = 0;
    c_.run(sql, params, &changed);
    return changed;
  }

 private:
  Connection& c_;
};

void Connection::transaction(const char* begin, const std::function<void(Session&)>& fn) {
  for (int attempt = 1;; ++attempt) {
    try {
      run_plain(begin);
      try {
        SqliteSession session(*this);
        fn(session);
        run_plain("COMMIT");
        return;
      } catch (...) {
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    } catch (const Busy&) {
      if (attempt >= kMaxAttempts) throw std::runtime_error("the SQLite database " + path_ + " stayed busy");
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100, 2 * attempt)));
    }
  }
}

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::string& path) : writer_(path, false) {
    // Opened after the writer made the file WAL. Enough readers that each
    // core can be in a view at once; a view is short, so more would only
    // hold file descriptors.
    const unsigned readers = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
    for (unsigned i = 0; i < readers; ++i) readers_.push_back(std::make_unique<Connection>(path, true));
  }

  std::string kind() const override { return "sqlite"; }

  void transaction(const std::function<void(Session&)>& fn) override {
    std::lock_guard<std::mutex> lock(writer_.mutex);
    // BEGIN IMMEDIATE takes the write lock up front: two transactions never
    // both read and then fail to upgrade.
    writer_.transaction("BEGIN IMMEDIATE", fn);
  }

  void read(const std::function<void(Session&)>& fn) override {
    // A free reader if there is one, else wait for one in turn. BEGIN
    // DEFERRED takes no lock: under WAL the first SELECT fixes a snapshot of
    // the last commit, and the writer goes on meanwhile.
    for (const auto& r : readers_) {
      std::unique_lock<std::mutex> lock(r->mutex, std::try_to_lock);
      if (lock) return r->transaction("BEGIN DEFERRED", fn);
    }
    Connection& r = *readers_[next_++ % readers_.size()];
    std::lock_guard<std::mutex> lock(r.mutex);
    r.transaction("BEGIN DEFERRED", fn);
  }

 private:
  Connection writer_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, const std::vector<Migration>& migrations) {
  try {
    auto db = std::make_unique<SqliteDatabase>(path);
    apply_migrations(*db, migrations);
    return std::unique_ptr<Database>(std::move(db));
  } catch (const std::exception& e) {
    // Named in the message too, as the PostgreSQL backend does: `parley
    // serve` prints the message alone.
    const std::string what = e.what();
    const std::string message = what.find(path) == std::string::npos ? path + ": " + what : what;
    return Failure{path, {Diagnostic{"", message, ""}}, FailureKind::unreadable};
  }
}

}  // namespace parley::store
