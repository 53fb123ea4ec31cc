#include "pg_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

namespace parley::test {
namespace {

namespace fs = std::filesystem;

// PostgreSQL's server programs: $PARLEY_PG_BIN, else Debian's newest
// /usr/lib/postgresql/N/bin.
std::string bin_dir() {
  if (const char* env = std::getenv("PARLEY_PG_BIN"); env && *env) return env;
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (access((e.path() / "bin" / "initdb").c_str(), X_OK) != 0) continue;
    const int version = std::stoi(name);
    if (version > best_version) {
      best_version = version;
      best = (e.path() / "bin").string();
    }
  }
  return best;
}

bool is_root() { return geteuid() == 0; }

// argv as the postgres user when we are root (initdb and pg_ctl refuse root).
std::vector<std::string> as_postgres(std::vector<std::string> argv) {
  if (!is_root()) return argv;
  std::vector<std::string> wrapped = {"runuser", "-u", "postgres", "--"};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

// Runs argv with stdin from /dev/null and output appended to `log`; its exit
// status (-1 if it did not exit normally). Only async-signal-safe calls
// between fork and exec: the test process may have threads.
int run(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    // No descriptor of the test process (ctest's pipes) outlives it in a server.
    close_range(3, ~0U, 0);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A loopback port nobody listens on right now (the kernel's choice for port
// 0). Another process may take it before the server binds it: start() retries.
int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t length = sizeof a;
  int port = 0;
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
    port = ntohs(a.sin_port);
  }
  close(s);
  return port;
}

std::string tail_of(const std::string& path, std::size_t bytes = 2000) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  return s.size() > bytes ? s.substr(s.size() - bytes) : s;
}

}  // namespace

std::string PgCluster::unavailable() {
  const std::string bin = bin_dir();
  if (bin.empty()) return "PostgreSQL's server is not installed (no /usr/lib/postgresql/N/bin/initdb; Debian: postgresql)";
  if (access((bin + "/pg_ctl").c_str(), X_OK) != 0) return "no pg_ctl in " + bin;
  if (is_root() && getpwnam("postgres") == nullptr) return "running as root and there is no `postgres` user to run initdb";
  return "";
}

PgCluster* PgCluster::get() {
  if (!unavailable().empty()) return nullptr;
  // Started once per process, on first use (thread-safe static initialisation).
  static const std::unique_ptr<PgCluster> cluster = [] {
    std::unique_ptr<PgCluster> c(new PgCluster());
    c->start();
    return c;
  }();
  return cluster.get();
}

PgCluster::PgCluster() = default;

void PgCluster::start() {
  const std::string bin = bin_dir();
  std::string pattern = "/tmp/parley-pg-" + std::to_string(getpid()) + "-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    error_ = "cannot create a temporary folder " + pattern;
    return;
  }
  dir_ = pattern;
  if (is_root()) {
    const passwd* pg = getpwnam("postgres");
    if (chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
      error_ = "cannot give " + dir_ + " to the postgres user";
      return;
    }
  }

  // The watchdog: a shell in its own session (a signal to our process group
  // does not reach it) reading a pipe whose write end only this process holds
  // (close-on-exec: no server or child inherits it). EOF comes when this
  // process ends, however it ends; the shell then stops the server and
  // deletes the folder.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error_ = "cannot create the watchdog's pipe";
    return;
  }
  const std::string script =
      "cat >/dev/null\n"
      "if [ -f \"$1/data/postmaster.pid\" ]; then\n"
      "  if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$2/pg_ctl\" -D \"$1/data\" -m immediate -w stop\n"
      "  else \"$2/pg_ctl\" -D \"$1/data\" -m immediate -w stop; fi\n"
      "fi\n"
      "rm -rf \"$1\"\n";
  const char* args[] = {"/bin/sh", "-c", script.c_str(), "pg-watchdog", dir_.c_str(), bin.c_str(), nullptr};
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    error_ = "cannot start the watchdog";
    return;
  }
  if (pid == 0) {
    setsid();
    dup2(fds[0], 0);  // dup2 clears close-on-exec on the copy
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, 1);
      dup2(null, 2);
    }
    close_range(3, ~0U, 0);
    execv("/bin/sh", const_cast<char* const*>(args));
    _exit(127);
  }
  close(fds[0]);
  watchdog_pipe_ = fds[1];
  watchdog_pid_ = pid;

  const std::string data = dir_ + "/data";
  const std::string initdb_log = dir_ + "/initdb.log";
  if (run(as_postgres({bin + "/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                       "--no-sync"}),
          initdb_log) != 0) {
    error_ = "initdb failed:\n" + tail_of(initdb_log);
    return;
  }
  const std::string server_log = dir_ + "/server.log";
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    const std::string options =
        "-p " + std::to_string(port_) + " -k " + dir_ + " -c listen_addresses=127.0.0.1 -F";
    if (run(as_postgres({bin + "/pg_ctl", "-D", data, "-o", options, "-l", server_log, "-w", "-t", "60", "start"}),
            dir_ + "/pg_ctl.log") == 0) {
      return;
    }
  }
  error_ = "pg_ctl could not start the server:\n" + tail_of(dir_ + "/pg_ctl.log") + "\n" + tail_of(server_log);
}

PgCluster::~PgCluster() {
  if (watchdog_pipe_ >= 0) {
    close(watchdog_pipe_);
    // Wait for the server to stop, so that nothing outlives the tests.
    int status = 0;
    while (waitpid(watchdog_pid_, &status, 0) < 0 && errno == EINTR) {
    }
  } else if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string PgCluster::url(const std::string& name) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

std::string PgCluster::create_database() {
  const std::string name = "parley_test_" + std::to_string(++databases_);
  const std::string log = dir_ + "/createdb.log";
  if (run({bin_dir() + "/createdb", "-h", dir_, "-p", std::to_string(port_), "-U", "postgres", name}, log) != 0) {
    ADD_FAILURE() << "createdb " << name << " failed:\n" << tail_of(log);
    return "";
  }
  return url(name);
}

}  // namespace parley::test
