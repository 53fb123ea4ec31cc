// PostgreSQL behind store::Database, through libpqxx 6.4: the only file that
// includes libpqxx. Design:
//   - a pool of connections, one taken per transaction, so that the server's
//     threads write concurrently (a pqxx connection is not thread-safe);
//   - every write transaction SERIALIZABLE, every read() REPEATABLE READ
//     READ ONLY (a snapshot that never waits); a transaction the server rolled back
//     (SQLSTATE class 40: serialization failure, deadlock) is rerun from the
//     start a bounded number of times with a randomised, growing pause;
//   - `?` placeholders numbered $1, $2, ... outside literals, quoted
//     identifiers and comments; parameters always bound, never spliced in;
//   - migrations under a session-level advisory lock, so that two processes
//     opening one database at once never both apply version N;
//   - messages name the URL through store::redacted and never carry the
//     password, nor values a failed statement echoes (they may be a party's).
#include "parley/store/postgresql.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

namespace parley::store {
namespace {

// Enough for dozens of writers on one row (each rerun waits longer); past it
// the request fails rather than hanging on.
constexpr int kMaxAttempts = 60;
// The advisory lock that serialises migrations across processes ("parley" in ASCII).
constexpr std::int64_t kMigrationLock = 0x7061726c6579;

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The position just past the literal, identifier, comment or dollar-quoted
// string starting at i, or i itself when none starts there.
std::size_t skip_quoted(std::string_view sql, std::size_t i) {
  const std::size_t n = sql.size();
  const char c = sql[i];
  if (c == '\'' || c == '"') {
    // E'...' strings take backslash escapes; elsewhere a doubled quote is the escape.
    const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                             (i == 1 || !is_identifier_char(sql[i - 2]));
    std::size_t j = i + 1;
    while (j < n) {
      if (backslashes && sql[j] == '\\') {
        j += 2;
      } else if (sql[j] == c) {
        if (j + 1 < n && sql[j + 1] == c) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        ++j;
      }
    }
    return n;
  }
  if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
    const std::size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? n : end + 1;
  }
  if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
    // PostgreSQL nests block comments.
    int depth = 0;
    std::size_t j = i;
    while (j < n) {
      if (j + 1 < n && sql[j] == '/' && sql[j + 1] == '*') {
        ++depth;
        j += 2;
      } else if (j + 1 < n && sql[j] == '*' && sql[j + 1] == '/') {
        j += 2;
        if (--depth == 0) return j;
      } else {
        ++j;
      }
    }
    return n;
  }
  if (c == '$' && (i == 0 || !is_identifier_char(sql[i - 1]))) {
    // $tag$ ... $tag$ (a tag never starts with a digit: $1 is a parameter).
    std::size_t j = i + 1;
    if (j < n && sql[j] >= '0' && sql[j] <= '9') return i;
    while (j < n && is_identifier_char(sql[j]) && sql[j] != '$') ++j;
    if (j >= n || sql[j] != '$') return i;
    const std::string_view tag = sql.substr(i, j - i + 1);
    const std::size_t close = sql.find(tag, j + 1);
    return close == std::string_view::npos ? n : close + tag.size();
  }
  return i;
}

// database.h's portable `?` placeholders in PostgreSQL's numbered form.
std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 1;
  std::size_t i = 0;
  while (i < sql.size()) {
    const std::size_t skipped = skip_quoted(sql, i);
    if (skipped != i) {
      out.append(sql.substr(i, skipped - i));
      i = skipped;
    } else if (sql[i] == '?') {
      out += '$';
      out += std::to_string(next++);
      ++i;
    } else {
      out += sql[i++];
    }
  }
  return out;
}

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
  if (what.empty()) return text;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
  return text;
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int value = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ptr == s.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The password of a postgresql:// URL (in the user part or a password=
// option), as written and decoded, to be struck from libpq's messages: some
// of them quote the part of the URL they could not parse.
std::vector<std::string> passwords_in(const std::string& url) {
  std::vector<std::string> found;
  const std::size_t start = url.find("://");
  if (start == std::string::npos) return found;
  const std::size_t at = url.find('@', start + 3);
  const std::size_t colon = url.find(':', start + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at) {
    found.push_back(url.substr(colon + 1, at - colon - 1));
  }
  for (std::size_t key = url.find("password="); key != std::string::npos; key = url.find("password=", key + 1)) {
    const std::size_t value = key + 9;
    const std::size_t end = url.find('&', value);
    found.push_back(url.substr(value, end == std::string::npos ? std::string::npos : end - value));
  }
  const std::size_t n = found.size();
  for (std::size_t i = 0; i < n; ++i) found.push_back(percent_decoded(found[i]));
  return found;
}

// A connection that keeps the server's notices ("relation already exists,
// skipping") off the server's stderr: they are not the operator's business.
class Quiet final : public pqxx::errorhandler {
 public:
  explicit Quiet(pqxx::connection_base& c) : pqxx::errorhandler(c) {}
  bool operator()(const char*) noexcept override { return false; }
};

struct Connection {
  explicit Connection(const std::string& url) : pq(url), quiet(pq) {}
  pqxx::connection pq;
  Quiet quiet;
};

// A failed statement's message without what it may quote: class 22 (data
// exceptions: "invalid input syntax for type bigint: \"...\"") echoes a
// parameter, which may be one party's private value, and libpq's DETAIL lines
// ("Key (id)=(...) already exists") quote row values.
std::string statement_failure(const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  if (state.rfind("22", 0) == 0) return "PostgreSQL rejected a value (SQLSTATE " + state + ")";
  std::string message = e.what();
  message = message.substr(0, message.find('\n'));
  if (message.rfind("ERROR:", 0) == 0) message = message.substr(message.find_first_not_of(' ', 6));
  return "PostgreSQL: " + message + (state.empty() ? "" : " (SQLSTATE " + state + ")");
}

class PostgresSession final : public Session {
 public:
  PostgresSession(pqxx::transaction_base& tx, bool read_only) : tx_(tx), read_only_(read_only) {}

  std::vector<Row> query(std::string_view sql, const std::vector<Param>& params) override {
    const pqxx::result result = run(sql, params);
    std::vector<Row> rows;
    rows.reserve(result.size());
    for (const pqxx::row& r : result) {
      Row row;
      row.cells.reserve(r.size());
      for (const pqxx::field& f : r) {
        if (f.is_null()) {
          row.cells.emplace_back(std::nullopt);
        } else {
          row.cells.emplace_back(std::string(f.c_str(), f.size()));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  std::int64_t exec(std::string_view sql, const std::vector<Param>& params) override {
    return static_cast<std::int64_t>(run(sql, params).affected_rows());
  }

  // Set when the server rolled the transaction back or the connection broke
  // under fn: the transaction is then rerun whatever fn did with the
  // exception (it may have caught it).
  enum class Rerun { no, rolled_back, connection_lost };
  Rerun rerun = Rerun::no;

 private:
  pqxx::result run(std::string_view sql, const std::vector<Param>& params) {
    // Text form for every parameter (the server converts to the column's
    // type); a null pointer is SQL NULL.
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        text[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&params[i])) {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);  // shortest exact form
        text[i].assign(buffer, ec == std::errc() ? end : buffer);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        text[i] = *s;
      } else {
        continue;
      }
      values[i] = text[i].c_str();
    }
    try {
      return tx_.exec_params(number_placeholders(sql), pqxx::prepare::make_dynamic_params(values));
    } catch (const pqxx::transaction_rollback&) {
      rerun = Rerun::rolled_back;
      throw;
    } catch (const pqxx::broken_connection&) {
      rerun = Rerun::connection_lost;
      throw;
    } catch (const pqxx::sql_error& e) {
      // 25006: read_only_sql_transaction. Said as SQLite's side says it: a
      // bug in the caller, not a database failure.
      if (read_only_ && e.sqlstate() == "25006") {
        throw std::logic_error("store: a statement that writes inside read(): " + std::string(sql.substr(0, 80)));
      }
      throw std::runtime_error(statement_failure(e));
    }
  }

  pqxx::transaction_base& tx_;
  bool read_only_ = false;
};

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::string url) : url_(std::move(url)) {}

  std::string kind() const override { return "postgresql"; }

  void transaction(const std::function<void(Session&)>& fn) override {
    run<pqxx::transaction<pqxx::serializable>>(fn, false);
  }

  // REPEATABLE READ is one snapshot for the whole transaction; READ ONLY
  // makes the server refuse writes. It takes no row locks and is never a
  // serialization failure's loser, so it neither waits for writers nor makes
  // them rerun. (SERIALIZABLE READ ONLY DEFERRABLE would wait for a safe
  // snapshot: a view would then queue behind writers.)
  void read(const std::function<void(Session&)>& fn) override {
    run<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(fn, true);
  }

  // fn in a transaction of type Tx, rerun as the header comment says.
  template <typename Tx>
  void run(const std::function<void(Session&)>& fn, bool read_only) {
    for (int attempt = 1;; ++attempt) {
      std::unique_ptr<Connection> c = take();
      try {
        Tx tx(c->pq);
        PostgresSession session(tx, read_only);
        try {
          fn(session);
        } catch (...) {
          if (session.rerun == PostgresSession::Rerun::no) throw;
        }
        if (session.rerun == PostgresSession::Rerun::no) {
          tx.commit();
          give(std::move(c));
          return;
        }
        if (session.rerun == PostgresSession::Rerun::connection_lost) c.reset();
      } catch (const pqxx::transaction_rollback&) {
        // Rerun below.
      } catch (const pqxx::in_doubt_error&) {
        throw std::runtime_error("the connection to " + redacted(url_) +
                                 " broke while committing: the write may or may not be stored");
      } catch (const pqxx::broken_connection&) {
        // Nothing was committed: rerun on a new connection (c is dropped).
        c.reset();
      } catch (...) {
        // fn's own exception (the transaction is rolled back): the
        // connection is still good.
        give(std::move(c));
        throw;
      }
      if (c) give(std::move(c));
      if (attempt == kMaxAttempts) {
        throw std::runtime_error("PostgreSQL at " + redacted(url_) + ": a transaction conflicted with others " +
                                 std::to_string(kMaxAttempts) + " times in a row");
      }
      pause(attempt);
    }
  }

  // A new connection; std::runtime_error naming the redacted URL when it fails.
  std::unique_ptr<Connection> connect() const {
    try {
      return std::make_unique<Connection>(url_);
    } catch (const std::exception& e) {
      std::string message = e.what();
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      for (const std::string& password : passwords_in(url_)) message = replace_all(message, password, "***");
      throw std::runtime_error("cannot connect to the PostgreSQL database " + redacted(url_) + ": " + message);
    }
  }

 private:
  std::unique_ptr<Connection> take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Connection> c = std::move(idle_.back());
        idle_.pop_back();
        if (c->pq.is_open()) return c;
      }
    }
    return connect();
  }

  void give(std::unique_ptr<Connection> c) {
    if (!c->pq.is_open()) return;
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }

  // Writers that collided pause for a random time that grows with each
  // attempt (up to 50 ms), so that they do not collide again in step.
  static void pause(int attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    const int ceiling_us = std::min(50'000, 200 << std::min(attempt, 8));
    std::uniform_int_distribution<int> wait(0, ceiling_us);
    std::this_thread::sleep_for(std::chrono::microseconds(wait(random)));
  }

  std::string url_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace

// The module's entry point (postgresql_loader.cpp finds it by this name).
extern "C" __attribute__((visibility("default"))) void parley_open_postgresql(
    const std::string& url, const std::vector<Migration>& migrations, Result<std::unique_ptr<Database>>& out) {
  out = open_postgresql(url, migrations);
}

Result<std::unique_ptr<Database>> open_postgresql(const std::string& url, const std::vector<Migration>& migrations) {
  auto db = std::make_unique<PostgresDatabase>(url);
  try {
    // Held on its own connection while the migrations run on pooled ones; a
    // second process waits here, then finds them applied. The lock goes with
    // the connection, also if this process dies.
    std::unique_ptr<Connection> lock = db->connect();
    pqxx::nontransaction(lock->pq).exec_params("SELECT pg_advisory_lock($1)", kMigrationLock);
    try {
      apply_migrations(*db, migrations);
    } catch (const std::exception& e) {
      throw std::runtime_error(redacted(url) + ": " + e.what());
    }
  } catch (const std::exception& e) {
    return Failure{redacted(url), {Diagnostic{"", e.what(), ""}}, FailureKind::unreadable};
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace parley::store
