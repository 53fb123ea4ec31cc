// The SQLite backend against the storage interface: round trips of every
// parameter type, rollback on a throw, migrations applied once and in order,
// a newer schema refused, the pragmas that make commits durable, and two
// connections to one file writing at once without losing a row.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "parley/store/database.h"

namespace parley::store {
namespace {

// A fresh file per test and process, so parallel test runs never share one.
class SqliteStore : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             ("parley-store-" + std::to_string(getpid()) + "-" + info->name() + ".sqlite"))
                .string();
    remove_files();
  }
  void TearDown() override { remove_files(); }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::unique_ptr<Database> open(const std::vector<Migration>& migrations) {
    Result<std::unique_ptr<Database>> db = open_database(path_, migrations);
    if (!db) ADD_FAILURE() << db.errors()[0].message;
    return db ? std::move(db).value() : nullptr;
  }
  std::string path_;
};

const std::vector<Migration> kSchema = {
    {1, {"CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, x DOUBLE PRECISION)"}},
};

TEST_F(SqliteStore, RoundTripsEveryParameterTypeAndNull) {
  auto db = open(kSchema);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->kind(), "sqlite");
  db->transaction([](Session& s) {
    EXPECT_EQ(s.exec("INSERT INTO t (id, name, x) VALUES (?, ?, ?)",
                     {std::int64_t{9007199254740993}, std::string("it's \"quoted\"\n"), 0.1}),
              1);
    EXPECT_EQ(s.exec("INSERT INTO t (id, name, x) VALUES (?, ?, ?)", {std::int64_t{-2}, nullptr, nullptr}), 1);
  });
  std::vector<Row> rows;
  db->transaction([&](Session& s) { rows = s.query("SELECT id, name, x FROM t ORDER BY id"); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].integer(0), -2);
  EXPECT_TRUE(rows[0].is_null(1));
  EXPECT_THROW((void)rows[0].text(1), std::logic_error);
  EXPECT_EQ(rows[1].integer(0), 9007199254740993);  // past 2^53: kept exactly
  EXPECT_EQ(rows[1].text(1), "it's \"quoted\"\n");
  EXPECT_EQ(rows[1].real(2), 0.1);  // the same double, not 15 digits of it
}

TEST_F(SqliteStore, ARollsBackEverythingWhenTheFunctionThrows) {
  auto db = open(kSchema);
  ASSERT_TRUE(db);
  EXPECT_THROW(db->transaction([](Session& s) {
    s.exec("INSERT INTO t (id, name) VALUES (?, ?)", {std::int64_t{1}, std::string("a")});
    throw std::runtime_error("stop");
  }),
               std::runtime_error);
  std::int64_t count = -1;
  db->transaction([&](Session& s) { count = s.query("SELECT COUNT(*) FROM t")[0].integer(0); });
  EXPECT_EQ(count, 0);
  // An SQL error is an exception too, and the connection stays usable.
  EXPECT_THROW(db->transaction([](Session& s) { s.exec("INSERT INTO nowhere VALUES (1)"); }), std::runtime_error);
  db->transaction([](Session& s) { s.exec("INSERT INTO t (id) VALUES (?)", {std::int64_t{3}}); });
  db->transaction([&](Session& s) { count = s.query("SELECT COUNT(*) FROM t")[0].integer(0); });
  EXPECT_EQ(count, 1);
}

TEST_F(SqliteStore, MigrationsRunOnceInOrderAndANewerSchemaIsRefused) {
  const std::vector<Migration> two = {
      {2, {"INSERT INTO t (id, name) VALUES (2, 'from version 2')"}},
      kSchema[0],
  };
  {
    auto db = open(two);
    ASSERT_TRUE(db);
  }
  auto db = open(two);  // reopening applies nothing again (no duplicate key)
  ASSERT_TRUE(db);
  std::vector<Row> rows;
  db->transaction([&](Session& s) { rows = s.query("SELECT MAX(version), COUNT(*) FROM schema_version"); });
  EXPECT_EQ(rows[0].integer(0), 2);
  EXPECT_EQ(rows[0].integer(1), 2);
  db.reset();
  Result<std::unique_ptr<Database>> old = open_database(path_, kSchema);
  ASSERT_FALSE(old);
  EXPECT_NE(old.errors()[0].message.find("schema is version 2, newer than this parley's (1)"), std::string::npos)
      << old.errors()[0].message;
}

TEST_F(SqliteStore, CommitsAreDurableWalAndForeignKeysHold) {
  auto db = open({{1,
                   {"CREATE TABLE parent (id BIGINT PRIMARY KEY)",
                    "CREATE TABLE child (id BIGINT PRIMARY KEY, parent BIGINT NOT NULL REFERENCES parent (id))"}}});
  ASSERT_TRUE(db);
  std::vector<Row> mode;
  db->transaction([&](Session& s) { mode = s.query("PRAGMA journal_mode"); });
  EXPECT_EQ(mode[0].text(0), "wal");
  db->transaction([&](Session& s) { mode = s.query("PRAGMA synchronous"); });
  EXPECT_EQ(mode[0].integer(0), 2);  // FULL
  EXPECT_THROW(db->transaction([](Session& s) { s.exec("INSERT INTO child (id, parent) VALUES (1, 7)"); }),
               std::runtime_error);
}

TEST_F(SqliteStore, TwoConnectionsWritingAtOnceLoseNothing) {
  auto first = open(kSchema);
  auto second = open(kSchema);
  ASSERT_TRUE(first && second);
  // Each writer reads the largest id and inserts the next one: without
  // BEGIN IMMEDIATE two transactions would read the same maximum and one
  // would fail on the duplicate key.
  auto writer = [](Database& db) {
    for (int i = 0; i < 100; ++i) {
      db.transaction([](Session& s) {
        const std::vector<Row> r = s.query("SELECT MAX(id) FROM t");
        const std::int64_t next = r[0].is_null(0) ? 1 : r[0].integer(0) + 1;
        s.exec("INSERT INTO t (id) VALUES (?)", {next});
      });
    }
  };
  std::thread a(writer, std::ref(*first));
  std::thread b(writer, std::ref(*second));
  a.join();
  b.join();
  std::vector<Row> rows;
  first->transaction([&](Session& s) { rows = s.query("SELECT COUNT(*), MAX(id) FROM t"); });
  EXPECT_EQ(rows[0].integer(0), 200);
  EXPECT_EQ(rows[0].integer(1), 200);
}

TEST_F(SqliteStore, AnUnopenableFileIsAFailureNamingIt) {
  Result<std::unique_ptr<Database>> db = open_database("/nonexistent-dir-parley/x.sqlite", kSchema);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.failure().source, "/nonexistent-dir-parley/x.sqlite");
  EXPECT_NE(db.errors()[0].message.find("cannot open the SQLite database /nonexistent-dir-parley/x.sqlite"),
            std::string::npos)
      << db.errors()[0].message;
}

TEST(PostgresqlUrl, ThePasswordIsRedacted) {
  EXPECT_EQ(redacted("postgresql://bob:secret@db:5432/rooms"), "postgresql://bob:***@db:5432/rooms");
  EXPECT_EQ(redacted("rooms.sqlite"), "rooms.sqlite");
}

}  // namespace
}  // namespace parley::store
