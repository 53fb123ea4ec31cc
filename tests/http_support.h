// HTTP from the tests' side: a small client over plain sockets (so tests can
// send what no library would: truncated, oversized, chunked, malformed) and a
// `parley serve` child process on a free loopback port.
//
//   ServeProcess server(temp_path("rooms") + ".sqlite");     // build/parley serve --listen 127.0.0.1:0
//   HttpReply r = http(server.port(), "POST", "/v1/rooms", "", R"({"scenario": ...})");
//   EXPECT_EQ(r.status, 201);
//   server.kill(SIGKILL);                                     // or let the destructor stop it
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace parley::test {

struct HttpReply {
  int status = 0;                              // 0: no answer (connection refused, reset, timed out)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;                            // de-chunked
  std::string raw;                             // every byte received
};

// One connection to 127.0.0.1:port; keeps it open across requests (keep-alive).
// With a `source` ("127.0.0.7": any address of 127.0.0.0/8 is the loopback)
// the connection comes from there, so that load from many simulated clients
// is not all one client address to the server's per-address rate limit.
class HttpConnection {
 public:
  explicit HttpConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(30),
                          const std::string& source = "");
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends bytes as they are; false when the connection is gone.
  bool send_raw(const std::string& bytes);
  // Reads one whole response (Content-Length, chunked, or up to the close).
  HttpReply read_reply();
  // Reads whatever arrives within `wait` (for event streams); "" when nothing.
  std::string read_some(std::chrono::milliseconds wait);
  HttpReply request(const std::string& method, const std::string& path, const std::string& token = "",
                    const std::string& body = "", const std::vector<std::string>& headers = {});

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
  std::string raw_;
};

// One request on a fresh connection.
HttpReply http(int port, const std::string& method, const std::string& path, const std::string& token = "",
               const std::string& body = "", const std::vector<std::string>& headers = {});

// `build/parley serve --db DB --listen 127.0.0.1:0 --quiet [extra]`, started
// and waited for ("listening on http://127.0.0.1:PORT"). It dies with the
// test process (PR_SET_PDEATHSIG), and the destructor stops it. With a
// `log_file`, the server runs without --quiet and its stderr (the access
// log) goes there.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db, const std::vector<std::string>& extra = {},
                        const std::string& log_file = "");
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  // Sends `signal` and waits for the process; its exit status (waitpid's).
  int kill(int signal = SIGTERM);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string first_line_;
};

}  // namespace parley::test
