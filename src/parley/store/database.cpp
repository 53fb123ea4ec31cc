#include "parley/store/database.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "parley/store/postgresql.h"
#include "parley/store/sqlite.h"

namespace parley::store {

bool Row::is_null(std::size_t i) const {
  if (i >= cells.size()) throw std::logic_error("store::Row: column " + std::to_string(i) + " out of range");
  return !cells[i].has_value();
}

const std::string& Row::text(std::size_t i) const {
  if (is_null(i)) throw std::logic_error("store::Row: column " + std::to_string(i) + " is NULL");
  return *cells[i];
}

std::int64_t Row::integer(std::size_t i) const {
  const std::string& t = text(i);
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) {
    throw std::logic_error("store::Row: column " + std::to_string(i) + " is not an integer: " + t);
  }
  return v;
}

double Row::real(std::size_t i) const {
  const std::string& t = text(i);
  try {
    std::size_t used = 0;
    const double v = std::stod(t, &used);
    if (used == t.size()) return v;
  } catch (const std::exception&) {
  }
  throw std::logic_error("store::Row: column " + std::to_string(i) + " is not a number: " + t);
}

static bool is_postgresql_url(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
}

std::string redacted(const std::string& where) {
  if (!is_postgresql_url(where)) return where;
  std::string out = where;
  // scheme://user:password@host...: the password is between the first ':'
  // after the scheme and the '@'.
  const std::size_t start = out.find("://") + 3;
  const std::size_t at = out.find('@', start);
  const std::size_t colon = out.find(':', start);
  if (at != std::string::npos && colon != std::string::npos && colon < at) {
    out = out.substr(0, colon + 1) + "***" + out.substr(at);
  }
  // libpq also takes it as an option: ...?password=secret&sslmode=...
  const std::size_t query = out.find('?');
  for (std::size_t key = query == std::string::npos ? query : out.find("password=", query); key != std::string::npos;
       key = out.find("password=", key + 1)) {
    const std::size_t value = key + 9;
    const std::size_t end = std::min(out.find('&', value), out.size());
    out.replace(value, end - value, "***");
  }
  return out;
}

Result<std::unique_ptr<Database>> open_database(const std::string& where, const std::vector<Migration>& migrations) {
  if (is_postgresql_url(where)) return open_postgresql(where, migrations);
  return open_sqlite(where, migrations);
}

void apply_migrations(Database& db, const std::vector<Migration>& migrations) {
  std::vector<const Migration*> ordered;
  for (const Migration& m : migrations) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(), [](const Migration* a, const Migration* b) { return a->version < b->version; });
  int newest = ordered.empty() ? 0 : ordered.back()->version;
  db.transaction([](Session& s) { s.exec("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)"); });
  for (const Migration* m : ordered) {
    db.transaction([&](Session& s) {
      const std::vector<Row> rows = s.query("SELECT MAX(version) FROM schema_version");
      const std::int64_t current = rows.empty() || rows[0].is_null(0) ? 0 : rows[0].integer(0);
      if (current > newest) {
        throw std::runtime_error("the database's schema is version " + std::to_string(current) +
                                 ", newer than this parley's (" + std::to_string(newest) + "): use a newer parley");
      }
      if (current >= m->version) return;
      for (const std::string& statement : m->statements) s.exec(statement);
      s.exec("INSERT INTO schema_version (version) VALUES (?)", {static_cast<std::int64_t>(m->version)});
    });
  }
}

}  // namespace parley::store
