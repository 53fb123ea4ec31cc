// A throwaway PostgreSQL cluster for the tests of one test process.
//
//   parley::test::PgCluster* pg = parley::test::PgCluster::get();
//   if (!pg) GTEST_SKIP() << parley::test::PgCluster::unavailable();
//   ASSERT_TRUE(pg->error().empty()) << pg->error();
//   std::string url = pg->create_database();   // postgresql://postgres@127.0.0.1:PORT/parley_test_N
//
// The first get() runs initdb in a fresh temporary folder (as the `postgres`
// user when the tests run as root: initdb refuses root), starts the server
// with pg_ctl on a free loopback port (trust authentication, its unix socket
// in that folder, fsync off: nothing here needs to survive a power cut), and
// every later get() in the process returns the same cluster. Each test takes
// its own database, so tests in one process do not see each other's tables.
//
// The cluster is stopped and its folder deleted when the process ends, by a
// watchdog process that waits for the end of a pipe only this process holds:
// it cleans up after a normal exit, a failed assertion, an abort or a SIGKILL
// alike, and a timed-out test never leaves a server running.
#pragma once

#include <atomic>
#include <string>

namespace parley::test {

class PgCluster {
 public:
  // nullptr when PostgreSQL's server programs are not installed (the tests
  // then skip, saying unavailable()); otherwise the process's cluster, which
  // may have failed to start (error()).
  static PgCluster* get();
  static std::string unavailable();

  // Empty when the cluster runs; else what failed, with the server's log.
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  // A new, empty database; its URL (fails the calling test on error: "" then).
  std::string create_database();
  // The URL of database `name` (which need not exist).
  std::string url(const std::string& name) const;

  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

 private:
  PgCluster();
  void start();

  std::string dir_;  // the temporary folder: data/ and the unix socket
  int port_ = 0;
  std::string error_;
  int watchdog_pipe_ = -1;  // the write end; closing it tells the watchdog to clean up
  int watchdog_pid_ = -1;
  std::atomic<int> databases_ = 0;
};

}  // namespace parley::test
