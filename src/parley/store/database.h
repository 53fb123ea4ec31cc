// The one storage interface of `parley serve` (docs/room-api.md: no state
// outside the database). Two implementations: SQLite (a file path; WAL,
// synchronous=FULL) and PostgreSQL (a postgresql:// URL, through libpqxx).
// The room logic writes its SQL once, in the portable subset both accept:
// TEXT, BIGINT and DOUBLE PRECISION columns, `?` placeholders (the
// PostgreSQL side numbers them $1, $2, ...; never put a `?` inside an SQL
// string literal), no AUTOINCREMENT/SERIAL (sequence numbers are computed in
// the transaction), no vendor functions.
//
//   Result<std::unique_ptr<store::Database>> db = store::open_database("rooms.sqlite", store::migrations());
//   db.value()->transaction([&](store::Session& s) {
//     s.exec("INSERT INTO rooms (id, title) VALUES (?, ?)", {id, title});
//     for (const store::Row& r : s.query("SELECT id, title FROM rooms WHERE id = ?", {id})) use(r.text(1));
//   });
//
// Every write happens inside transaction(): it commits before transaction()
// returns (a 2xx may then be sent: nothing acknowledged is lost), and rolls
// back if fn throws. A conflict with a concurrent writer (SQLite busy,
// PostgreSQL serialization failure) reruns fn from the start, so fn must
// have no effects outside the session until it returns.
//
// Views that only read use read() instead: a read-only transaction on a
// consistent snapshot of what was committed when it started (SQLite: a
// read connection of its own under WAL; PostgreSQL: REPEATABLE READ READ
// ONLY). It never waits for a writer, nor a writer for it, so a slow view
// (a big room) does not stall other rooms' writes. A decision taken from
// what read() saw may be stale by the time a write acts on it: the writing
// transaction must read again and check (rooms.cpp answers 409 on a race).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parley/core/result.h"

namespace parley::store {

// A bound parameter: NULL, an integer, a double or text (binary data travels as text, e.g. hex).
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// One result row; cells are nullopt for SQL NULL. Accessors throw
// std::logic_error on a NULL or an index out of range (a bug, not input).
struct Row {
  std::vector<std::optional<std::string>> cells;
  bool is_null(std::size_t i) const;
  const std::string& text(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
};

class Session {
 public:
  virtual ~Session() = default;
  virtual std::vector<Row> query(std::string_view sql, const std::vector<Param>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, const std::vector<Param>& params = {}) = 0;
};

// One schema version: the statements that bring version N-1 to N.
struct Migration {
  int version = 0;
  std::vector<std::string> statements;
};

class Database {
 public:
  virtual ~Database() = default;
  // "sqlite" or "postgresql".
  virtual std::string kind() const = 0;
  // Runs fn in one serialisable transaction (see the header comment).
  virtual void transaction(const std::function<void(Session&)>& fn) = 0;
  // Runs fn in one read-only transaction on a committed snapshot (see the
  // header comment); it may run while a transaction() is open. A statement
  // that writes throws std::logic_error ("store: ... inside read()", a bug
  // in the caller) and nothing is written. Rerun like transaction() if the
  // connection is lost; never blocked by a writer's lock.
  virtual void read(const std::function<void(Session&)>& fn) = 0;
};

// Opens `where` (a postgresql:// URL, or else a file path for SQLite, created
// if missing) and applies the migrations it has not applied yet, in version
// order, each in its own transaction, recording the version in the table
// schema_version. Fails with a message naming `where` (never a password in
// the URL) when it cannot connect or the database's schema is newer than the
// binary's.
Result<std::unique_ptr<Database>> open_database(const std::string& where, const std::vector<Migration>& migrations);

// For the implementations: brings `db` to the newest version of `migrations`
// (see open_database). Throws std::runtime_error naming what failed.
void apply_migrations(Database& db, const std::vector<Migration>& migrations);

// `where` with any password replaced by "***" (for messages and logs).
std::string redacted(const std::string& where);

}  // namespace parley::store
