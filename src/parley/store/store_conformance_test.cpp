// The same checks on every storage backend (database.h's contract), then
// what only PostgreSQL does: connection failures, messages, lost connections.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <limits>
#include <mutex>
#include <thread>

#include "parley/store/database.h"
#include "parley/store/postgresql.h"
#include "pg_cluster.h"
#include "test_support.h"

namespace parley::store {
namespace {

using test::PgCluster;

std::vector<Migration> schema(int newest) {
  std::vector<Migration> all = {
      // Listed out of order: apply_migrations sorts by version.
      {2, {"CREATE TABLE b (x TEXT)", "INSERT INTO a (id, n) VALUES ('from-2', 2)"}},
      {1, {"CREATE TABLE a (id TEXT NOT NULL PRIMARY KEY, n BIGINT)"}},
      {3, {"ALTER TABLE b ADD COLUMN y BIGINT"}},
  };
  std::vector<Migration> chosen;
  for (const Migration& m : all) {
    if (m.version <= newest) chosen.push_back(m);
  }
  return chosen;
}

std::unique_ptr<Database> open_or_fail(const std::string& where, const std::vector<Migration>& migrations) {
  Result<std::unique_ptr<Database>> db = open_database(where, migrations);
  if (!db) {
    ADD_FAILURE() << "cannot open " << redacted(where) << ": " << db.errors()[0].message;
    return nullptr;
  }
  return std::move(db).value();
}

std::vector<std::int64_t> versions(Database& db) {
  std::vector<std::int64_t> out;
  db.transaction([&](Session& s) {
    out.clear();
    for (const Row& r : s.query("SELECT version FROM schema_version ORDER BY version")) out.push_back(r.integer(0));
  });
  return out;
}

std::int64_t count(Database& db, const std::string& table) {
  std::int64_t n = -1;
  db.transaction([&](Session& s) { n = s.query("SELECT COUNT(*) FROM " + table)[0].integer(0); });
  return n;
}

// Each test gets a fresh, empty database of its backend.
class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      PgCluster* pg = PgCluster::get();
      if (pg == nullptr) GTEST_SKIP() << PgCluster::unavailable();
      ASSERT_EQ(pg->error(), "");
      where_ = pg->create_database();
      ASSERT_NE(where_, "");
    } else {
      where_ = test::temp_path("store-" + std::to_string(++files_) + ".sqlite");
      std::remove(where_.c_str());
    }
  }
  void TearDown() override {
    if (GetParam() == "sqlite") {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((where_ + suffix).c_str());
    }
  }
  // A second, fresh database of the same backend.
  std::string another() {
    if (GetParam() == "postgresql") return PgCluster::get()->create_database();
    return test::temp_path("store-" + std::to_string(++files_) + ".sqlite");
  }

  std::string where_;
  inline static int files_ = 0;
};

TEST_P(StoreConformance, MigrationsAreAppliedOnceInVersionOrderAndReopeningChangesNothing) {
  std::unique_ptr<Database> db = open_or_fail(where_, schema(2));
  ASSERT_TRUE(db);
  EXPECT_EQ(db->kind(), GetParam());
  EXPECT_EQ(versions(*db), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(count(*db, "a"), 1);  // version 2's row
  db.reset();

  // Rerunning version 1 would fail (the table exists) and version 2 would add a second row.
  db = open_or_fail(where_, schema(2));
  ASSERT_TRUE(db);
  EXPECT_EQ(versions(*db), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(count(*db, "a"), 1);
  db.reset();

  db = open_or_fail(where_, schema(3));
  ASSERT_TRUE(db);
  EXPECT_EQ(versions(*db), (std::vector<std::int64_t>{1, 2, 3}));
  db->transaction([](Session& s) { s.exec("INSERT INTO b (x, y) VALUES ('v3 column', 3)"); });
  EXPECT_EQ(count(*db, "b"), 1);
}

TEST_P(StoreConformance, ANewerSchemaIsRefusedNamingBothVersions) {
  ASSERT_TRUE(open_or_fail(where_, schema(3)));
  Result<std::unique_ptr<Database>> older = open_database(where_, schema(2));
  ASSERT_FALSE(older);
  EXPECT_EQ(older.failure().source, redacted(where_));
  const std::string& message = older.errors()[0].message;
  EXPECT_NE(message.find("schema is version 3, newer than this parley's (2)"), std::string::npos) << message;
  // database.h asks the message to name the database too.
  EXPECT_NE(message.find(redacted(where_)), std::string::npos) << message;
  // Nothing was undone or redone.
  std::unique_ptr<Database> db = open_or_fail(where_, schema(3));
  ASSERT_TRUE(db);
  EXPECT_EQ(versions(*db), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(count(*db, "a"), 1);
}

TEST_P(StoreConformance, ProcessesOpeningOneNewDatabaseAtOnceApplyEachVersionOnce) {
  // Four openers (each its own connections, as separate processes would
  // have) race on three fresh databases; version 1 is not idempotent, so a
  // second application would fail an opener.
  for (int round = 0; round < 3; ++round) {
    const std::string where = round == 0 ? where_ : another();
    std::vector<std::thread> openers;
    std::atomic<int> opened = 0;
    std::vector<std::string> failures(4);
    for (int i = 0; i < 4; ++i) {
      openers.emplace_back([&, i] {
        Result<std::unique_ptr<Database>> db = open_database(where, schema(3));
        if (db) {
          ++opened;
        } else {
          failures[i] = db.errors()[0].message;
        }
      });
    }
    for (std::thread& t : openers) t.join();
    EXPECT_EQ(opened, 4) << failures[0] << failures[1] << failures[2] << failures[3];
    std::unique_ptr<Database> db = open_or_fail(where, schema(3));
    ASSERT_TRUE(db);
    EXPECT_EQ(versions(*db), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(count(*db, "a"), 1);
  }
}

struct Abandon {};

TEST_P(StoreConformance, ATransactionCommitsWhenItReturnsAndLeavesNothingWhenItThrows) {
  std::unique_ptr<Database> writer = open_or_fail(where_, schema(1));
  std::unique_ptr<Database> reader = open_or_fail(where_, schema(1));
  ASSERT_TRUE(writer && reader);
  writer->transaction([](Session& s) {
    s.exec("INSERT INTO a (id, n) VALUES (?, ?)", {std::string("kept-1"), std::int64_t{1}});
    s.exec("INSERT INTO a (id, n) VALUES (?, ?)", {std::string("kept-2"), std::int64_t{2}});
  });
  EXPECT_EQ(count(*reader, "a"), 2);

  // fn's own exception comes out unchanged, after both writes are undone.
  EXPECT_THROW(writer->transaction([](Session& s) {
    s.exec("INSERT INTO a (id, n) VALUES ('dropped-1', 1)");
    s.exec("UPDATE a SET n = 100 WHERE id = 'kept-1'");
    throw Abandon{};
  }),
               Abandon);
  EXPECT_EQ(count(*reader, "a"), 2);
  reader->transaction([](Session& s) {
    EXPECT_TRUE(s.query("SELECT id FROM a WHERE id = 'dropped-1'").empty());
    EXPECT_EQ(s.query("SELECT n FROM a WHERE id = 'kept-1'")[0].integer(0), 1);
  });
  // The writer still works after the rollback (its connection is reusable).
  writer->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('kept-3', 3)"); });
  EXPECT_EQ(count(*reader, "a"), 3);
}

// Read, then write what was read plus one: a lost update unless the backend
// serialises the two transactions or reruns the loser.
void increment(Database& db, std::atomic<int>& runs) {
  db.transaction([&](Session& s) {
    ++runs;
    const std::int64_t n = s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0);
    s.exec("UPDATE a SET n = ? WHERE id = 'counter'", {n + 1});
  });
}

TEST_P(StoreConformance, TwoWritersOnTwoConnectionsIncrementingAThousandTimesEachLoseNothing) {
  std::unique_ptr<Database> first = open_or_fail(where_, schema(1));
  std::unique_ptr<Database> second = open_or_fail(where_, schema(1));
  ASSERT_TRUE(first && second);
  first->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('counter', 0)"); });
  std::atomic<int> runs = 0;
  std::thread a([&] {
    for (int i = 0; i < 1000; ++i) increment(*first, runs);
  });
  std::thread b([&] {
    for (int i = 0; i < 1000; ++i) increment(*second, runs);
  });
  a.join();
  b.join();
  first->transaction([](Session& s) { EXPECT_EQ(s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0), 2000); });
  RecordProperty("reruns", runs.load() - 2000);
}

TEST_P(StoreConformance, ThreadsSharingOneDatabaseLoseNothing) {
  // The server's threads share one Database: its connections must not be.
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('counter', 0)"); });
  std::atomic<int> runs = 0;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 250; ++i) increment(*db, runs);
    });
  }
  for (std::thread& t : writers) t.join();
  db->transaction([](Session& s) { EXPECT_EQ(s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0), 1000); });
}

TEST_P(StoreConformance, AConflictingWriterIsRerunAndItsUpdateIsNotLost) {
  // The first transaction reads the counter, lets a second one increment it
  // (and waits up to a second for it to commit), then writes what it read
  // plus one. Either the backend makes the second wait for the first (SQLite's
  // single writer) or the first's write conflicts and it is rerun on the new
  // value (PostgreSQL): both end at 2.
  std::unique_ptr<Database> first = open_or_fail(where_, schema(1));
  std::unique_ptr<Database> second = open_or_fail(where_, schema(1));
  ASSERT_TRUE(first && second);
  first->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('counter', 0)"); });
  std::mutex m;
  std::condition_variable changed;
  bool second_done = false;
  std::thread other;
  int first_runs = 0;
  std::atomic<int> second_runs = 0;
  first->transaction([&](Session& s) {
    ++first_runs;
    const std::int64_t n = s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0);
    if (first_runs == 1) {
      other = std::thread([&] {
        increment(*second, second_runs);
        std::lock_guard lock(m);
        second_done = true;
        changed.notify_all();
      });
      std::unique_lock lock(m);
      changed.wait_for(lock, std::chrono::seconds(1), [&] { return second_done; });
    }
    s.exec("UPDATE a SET n = ? WHERE id = 'counter'", {n + 1});
  });
  other.join();
  first->transaction([](Session& s) { EXPECT_EQ(s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0), 2); });
  if (GetParam() == "postgresql") {
    EXPECT_EQ(first_runs, 2);  // the serialization failure, then the rerun
    EXPECT_EQ(second_runs, 1);
  }
}

TEST_P(StoreConformance, NullsBigIntegersRealsAndUtf8TextRoundTrip) {
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  const std::string text = "Ελλάδα – 日本 🕊 'quoted' \"double\" back\\slash ? $1";
  db->transaction([&](Session& s) {
    s.exec("CREATE TABLE v (id TEXT, i BIGINT, r DOUBLE PRECISION, t TEXT)");
    s.exec("INSERT INTO v (id, i, r, t) VALUES (?, ?, ?, ?)", {std::string("max"), big, 0.1, text});
    s.exec("INSERT INTO v (id, i, r, t) VALUES (?, ?, ?, ?)", {std::string("min"), small, -1e300, std::string()});
    s.exec("INSERT INTO v (id, i, r, t) VALUES (?, ?, ?, ?)", {std::string("null"), nullptr, nullptr, nullptr});
  });
  db->transaction([&](Session& s) {
    const std::vector<Row> rows = s.query("SELECT id, i, r, t FROM v ORDER BY id");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].text(0), "max");
    EXPECT_EQ(rows[0].integer(1), big);
    EXPECT_EQ(rows[0].real(2), 0.1);  // exactly: the shortest form that reads back the same
    EXPECT_EQ(rows[0].text(3), text);
    EXPECT_EQ(rows[1].integer(1), small);
    EXPECT_EQ(rows[1].real(2), -1e300);
    EXPECT_FALSE(rows[1].is_null(3));  // '' is not NULL
    EXPECT_EQ(rows[1].text(3), "");
    EXPECT_EQ(rows[2].text(0), "null");
    EXPECT_TRUE(rows[2].is_null(1));
    EXPECT_TRUE(rows[2].is_null(2));
    EXPECT_TRUE(rows[2].is_null(3));
    EXPECT_THROW((void)rows[2].text(3), std::logic_error);
    // Parameters compare with the column's type.
    EXPECT_EQ(s.query("SELECT id FROM v WHERE i = ?", {big})[0].text(0), "max");
    EXPECT_EQ(s.query("SELECT id FROM v WHERE t = ?", {text})[0].text(0), "max");
    EXPECT_EQ(s.query("SELECT COUNT(*) FROM v WHERE i IS NULL")[0].integer(0), 1);
  });
}

TEST_P(StoreConformance, PlaceholdersAreCountedOutsideLiteralsAndComments) {
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) {
    const std::vector<Row> rows =
        s.query("SELECT ? AS first, 'it''s ?' AS literal, /* a ? here */ ? AS \"what?\" -- and ? here\n",
                {std::string("x"), std::string("y")});
    ASSERT_EQ(rows.size(), 1u);
    ASSERT_EQ(rows[0].cells.size(), 3u);
    EXPECT_EQ(rows[0].text(0), "x");
    EXPECT_EQ(rows[0].text(1), "it's ?");
    EXPECT_EQ(rows[0].text(2), "y");
  });
}

TEST_P(StoreConformance, ExecReturnsTheNumberOfRowsChanged) {
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) {
    EXPECT_EQ(s.exec("INSERT INTO a (id, n) VALUES ('p', 1), ('q', 2), ('r', 3)"), 3);
    EXPECT_EQ(s.exec("UPDATE a SET n = n + 10 WHERE n >= ?", {std::int64_t{2}}), 2);
    EXPECT_EQ(s.exec("DELETE FROM a WHERE id = ?", {std::string("nobody")}), 0);
    EXPECT_EQ(s.exec("DELETE FROM a"), 3);
  });
}

// A writer that inserts `id`, then holds its transaction open until
// release() (or 20 s), then commits.
class HeldWriter {
 public:
  HeldWriter(Database& db, std::string id) {
    thread_ = std::thread([this, &db, id = std::move(id)] {
      db.transaction([&](Session& s) {
        s.exec("INSERT INTO a (id, n) VALUES (?, 7)", {id});
        std::unique_lock lock(m_);
        inside_ = true;
        changed_.notify_all();
        changed_.wait_for(lock, std::chrono::seconds(20), [&] { return released_; });
      });
      std::lock_guard lock(m_);
      committed_ = true;
    });
    std::unique_lock lock(m_);
    changed_.wait_for(lock, std::chrono::seconds(20), [&] { return inside_; });
  }
  ~HeldWriter() { join(); }
  bool inside() {
    std::lock_guard lock(m_);
    return inside_;
  }
  bool committed() {
    std::lock_guard lock(m_);
    return committed_;
  }
  void release() {
    {
      std::lock_guard lock(m_);
      released_ = true;
    }
    changed_.notify_all();
  }
  void join() {
    release();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex m_;
  std::condition_variable changed_;
  bool inside_ = false, released_ = false, committed_ = false;
  std::thread thread_;
};

TEST_P(StoreConformance, AReadRunsWhileAWriteIsOpenAndSeesOnlyCommittedRows) {
  // The server's case: one Database, a view arriving while a write is in
  // its transaction. If read() waited for the writer, it would return only
  // after the writer's 20 s latch ran out and it committed: `committed()`
  // below would then be true and the uncommitted row visible.
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('before', 1)"); });
  // A second Database on the same store (another server process), opened
  // first: opening applies migrations, which is a write and would wait.
  std::unique_ptr<Database> other = open_or_fail(where_, schema(1));
  ASSERT_TRUE(other);
  HeldWriter writer(*db, "uncommitted");
  ASSERT_TRUE(writer.inside());
  std::vector<std::string> seen;
  const auto start = std::chrono::steady_clock::now();
  db->read([&](Session& s) {
    seen.clear();
    for (const Row& r : s.query("SELECT id FROM a ORDER BY id")) seen.push_back(r.text(0));
  });
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(writer.committed());
  EXPECT_LT(waited, 5.0);
  EXPECT_EQ(seen, (std::vector<std::string>{"before"}));
  // So does the other process's read.
  other->read([&](Session& s) { EXPECT_EQ(s.query("SELECT COUNT(*) FROM a")[0].integer(0), 1); });
  EXPECT_FALSE(writer.committed());
  writer.join();
  EXPECT_TRUE(writer.committed());
  db->read([&](Session& s) {
    seen.clear();
    for (const Row& r : s.query("SELECT id FROM a ORDER BY id")) seen.push_back(r.text(0));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"before", "uncommitted"}));
}

TEST_P(StoreConformance, AReadIsOneSnapshotEvenWhenAWriteCommitsDuringIt) {
  // Two queries of one read() agree although a write commits between them:
  // a view built from several queries (a room and its proposals) is never
  // half old, half new.
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('counter', 1)"); });
  std::int64_t first = 0, second = 0, outside = 0;
  db->read([&](Session& s) {
    first = s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0);
    // Committed from another thread while this read is open (a write never waits for a read).
    std::thread([&] { db->transaction([](Session& w) { w.exec("UPDATE a SET n = 2 WHERE id = 'counter'"); }); }).join();
    second = s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0);
  });
  db->read([&](Session& s) { outside = s.query("SELECT n FROM a WHERE id = 'counter'")[0].integer(0); });
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1);
  EXPECT_EQ(outside, 2);
}

TEST_P(StoreConformance, AWriteInsideAReadFailsClearlyAndWritesNothing) {
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  for (const std::string sql : {"INSERT INTO a (id, n) VALUES ('sneaked', 1)", "UPDATE a SET n = 5",
                                "DELETE FROM a", "CREATE TABLE c (x TEXT)"}) {
    db->transaction([](Session& s) {
      s.exec("DELETE FROM a");
      s.exec("INSERT INTO a (id, n) VALUES ('kept', 1)");
    });
    try {
      db->read([&](Session& s) { s.exec(sql); });
      ADD_FAILURE() << "a write inside read() was accepted: " << sql;
    } catch (const std::logic_error& e) {
      EXPECT_EQ(std::string(e.what()), "store: a statement that writes inside read(): " + sql);
    }
    db->read([](Session& s) {
      const std::vector<Row> rows = s.query("SELECT id, n FROM a");
      ASSERT_EQ(rows.size(), 1u);
      EXPECT_EQ(rows[0].text(0), "kept");
      EXPECT_EQ(rows[0].integer(1), 1);
    });
  }
  // The read connections still work, and so does writing.
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('after', 2)"); });
  db->read([](Session& s) { EXPECT_EQ(s.query("SELECT COUNT(*) FROM a")[0].integer(0), 2); });
}

TEST_P(StoreConformance, ManyReadsAtOnceWhileAWriterCommitsSeeEveryCommitWhole) {
  // Eight readers (more than the SQLite pool's connections on this
  // machine) and one writer that moves a unit between two rows per commit:
  // every read sees the sum intact, and a read after the writer ends sees
  // all of its commits.
  std::unique_ptr<Database> db = open_or_fail(where_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('left', 1000), ('right', 0)"); });
  std::atomic<bool> done = false;
  std::atomic<int> reads = 0, torn = 0;
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        db->read([&](Session& s) {
          const std::int64_t left = s.query("SELECT n FROM a WHERE id = 'left'")[0].integer(0);
          const std::int64_t right = s.query("SELECT n FROM a WHERE id = 'right'")[0].integer(0);
          if (left + right != 1000) ++torn;
        });
        ++reads;
      }
    });
  }
  // At least 100 commits, and on until the readers have read while commits
  // went on (on a loaded machine 100 commits can end before they start, and
  // 1000 were once not enough for 16 reads with nine builds beside the test).
  int commits = 0;
  while (commits < 100 || (reads < 16 && commits < 100000)) {
    db->transaction([](Session& s) {
      s.exec("UPDATE a SET n = n - 1 WHERE id = 'left'");
      s.exec("UPDATE a SET n = n + 1 WHERE id = 'right'");
    });
    ++commits;
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(torn, 0);
  EXPECT_GE(reads, 16);
  db->read([&](Session& s) { EXPECT_EQ(s.query("SELECT n FROM a WHERE id = 'right'")[0].integer(0), commits); });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// --- PostgreSQL only -------------------------------------------------------

// The tests that need a running server: a fresh database each.
class PostgresServer : public ::testing::Test {
 protected:
  void SetUp() override {
    pg_ = PgCluster::get();
    if (pg_ == nullptr) GTEST_SKIP() << PgCluster::unavailable();
    ASSERT_EQ(pg_->error(), "");
    url_ = pg_->create_database();
    ASSERT_NE(url_, "");
  }
  PgCluster* pg_ = nullptr;
  std::string url_;
};

TEST(PostgresStore, AnUnreachableServerFailsNamingTheUrlWithoutThePassword) {
  // A port nobody listens on: no server needed for this test.
  const std::string url = "postgresql://parley:s3cret-pw@127.0.0.1:1/rooms";
  Result<std::unique_ptr<Database>> db = open_database(url, schema(1));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(db.failure().source, "postgresql://parley:***@127.0.0.1:1/rooms");
  const std::string& message = db.errors()[0].message;
  EXPECT_EQ(message.rfind("cannot connect to the PostgreSQL database postgresql://parley:***@127.0.0.1:1/rooms: ", 0),
            0u)
      << message;
  EXPECT_NE(message.find("onnection refused"), std::string::npos) << message;  // libpq's reason follows
  EXPECT_EQ(message.find("s3cret-pw"), std::string::npos) << message;
}

TEST(PostgresStore, PasswordsInMalformedUrlsAndOptionsAreNeverShown) {
  // libpq quotes what it cannot parse: a bad percent escape in the password,
  // an unknown option next to password=.
  for (const std::string url : {"postgresql://parley:s3cret%zzpw@127.0.0.1:1/rooms",
                                "postgresql://parley@127.0.0.1:1/rooms?password=s3cret-pw",
                                "postgresql://parley@127.0.0.1:1/rooms?password=s3cret-pw&bogus=1",
                                "postgresql://parley:s3cret%2Dpw@127.0.0.1:1/rooms?bogus=1"}) {
    Result<std::unique_ptr<Database>> db = open_postgresql(url, schema(1));
    ASSERT_FALSE(db) << url;
    const std::string& message = db.errors()[0].message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
    EXPECT_EQ(db.failure().source.find("s3cret"), std::string::npos) << db.failure().source;
    EXPECT_NE(message.find("cannot connect to the PostgreSQL database postgresql://parley"), std::string::npos)
        << message;
  }
  EXPECT_EQ(redacted("postgresql://u:pw@h/db?sslmode=require&password=pw2&x=1"),
            "postgresql://u:***@h/db?sslmode=require&password=***&x=1");
  EXPECT_EQ(redacted("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(redacted("rooms.sqlite"), "rooms.sqlite");
}

TEST_F(PostgresServer, AMissingDatabaseIsNamed) {
  Result<std::unique_ptr<Database>> db = open_database(pg_->url("no_such_db"), schema(1));
  ASSERT_FALSE(db);
  EXPECT_NE(db.errors()[0].message.find("database \"no_such_db\" does not exist"), std::string::npos)
      << db.errors()[0].message;
}

TEST_F(PostgresServer, FailedStatementsDoNotEchoTheValuesTheyWereGiven) {
  // A value may be one party's private number: a 500 or a log line must not carry it.
  std::unique_ptr<Database> db = open_or_fail(url_, schema(1));
  ASSERT_TRUE(db);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('private-key-7', 1)"); });
  try {
    db->transaction([](Session& s) {
      s.exec("INSERT INTO a (id, n) VALUES (?, ?)", {std::string("x"), std::string("secret-reservation-0.83")});
    });
    ADD_FAILURE() << "a text in a BIGINT column was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "PostgreSQL rejected a value (SQLSTATE 22P02)");
  }
  try {
    db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES (?, 2)", {std::string("private-key-7")}); });
    ADD_FAILURE() << "a duplicate key was accepted";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find("private-key-7"), std::string::npos) << message;
    EXPECT_NE(message.find("duplicate key value violates unique constraint \"a_pkey\" (SQLSTATE 23505)"),
              std::string::npos)
        << message;
  }
  EXPECT_EQ(count(*db, "a"), 1);
}

TEST_F(PostgresServer, PlaceholdersSkipPostgresOwnQuotingForms) {
  // Outside database.h's portable subset, but a `?` in them must still not
  // become a parameter: backslash-escaped E'' strings, dollar quoting, nested comments.
  std::unique_ptr<Database> db = open_or_fail(url_, {});
  ASSERT_TRUE(db);
  db->transaction([](Session& s) {
    const std::vector<Row> rows =
        s.query("SELECT E'it\\'s ?', $tag$ ? $tag$, /* outer /* inner ? */ still ? */ ?, $$?$$, ?",
                {std::string("one"), std::string("two")});
    ASSERT_EQ(rows.size(), 1u);
    ASSERT_EQ(rows[0].cells.size(), 5u);
    EXPECT_EQ(rows[0].text(0), "it's ?");
    EXPECT_EQ(rows[0].text(1), " ? ");
    EXPECT_EQ(rows[0].text(2), "one");
    EXPECT_EQ(rows[0].text(3), "?");
    EXPECT_EQ(rows[0].text(4), "two");
  });
}

TEST_F(PostgresServer, ATransactionOnALostConnectionIsRerunOnANewOne) {
  // The server ends the pooled connection (a restart, an idle timeout);
  // the next transaction must not fail for it.
  std::unique_ptr<Database> db = open_or_fail(url_, schema(1));
  std::unique_ptr<Database> admin = open_or_fail(url_, {});
  ASSERT_TRUE(db && admin);
  db->transaction([](Session& s) { s.exec("INSERT INTO a (id, n) VALUES ('before', 1)"); });
  std::int64_t ended = 0;
  admin->transaction([&](Session& s) {
    ended = s.query(
                 "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")[0]
                .integer(0);
  });
  EXPECT_GE(ended, 1);
  int runs = 0;
  db->transaction([&](Session& s) {
    ++runs;
    s.exec("INSERT INTO a (id, n) VALUES ('after', 2)");
  });
  EXPECT_GE(runs, 1);
  EXPECT_LE(runs, 2);  // once more if the broken connection showed only inside fn
  EXPECT_EQ(count(*db, "a"), 2);
}

}  // namespace
}  // namespace parley::store
