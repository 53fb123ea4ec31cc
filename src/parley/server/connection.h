// Internal to src/parley/server: how one client connection is read, with the
// limits Debian's cpp-httplib 0.11 lacks. httplib reads a request head line
// by line with a per-read timeout only: a client that sends a header line
// faster than that keeps a worker thread (and the memory of every line) for
// as long as it likes. GuardedHttpServer takes over httplib's per-connection
// loop (its one virtual hook, process_and_close_socket) and hands httplib's
// request parser a stream that
//   - refuses a request head (request line and headers) larger than
//     `max_head_bytes` or with more than `max_head_lines` headers (431),
//   - refuses a head not complete within `head_timeout` of its first byte,
//     a body slower than `min_body_rate`, and a request not complete within
//     `request_timeout` (408); a body over `max_raw_body_bytes` (413),
//   - serves at most `max_connections_per_address` connections from one
//     client address at once (503), so that one address cannot hold every
//     worker thread.
// Everything else (parsing, routing, writing answers) stays httplib's.
//
//   GuardedHttpServer http(limits);
//   http.Get(".*", handler);                 // as for httplib::Server
//   http.set_error_handler(...);             // guard_refusal() says why a read was refused
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace parley::server {

struct ConnectionLimits {
  std::size_t max_head_bytes = 64 * 1024;
  std::size_t max_head_lines = 100;                 // header lines, the request line aside
  std::chrono::milliseconds head_timeout{10000};
  // A body must arrive within `head_timeout` after the head plus its declared
  // length at `min_body_rate` bytes a second, and the whole request within
  // `request_timeout`: a client dripping a small body is cut as soon as one
  // dripping a head would be.
  double min_body_rate = 16 * 1024;
  std::chrono::milliseconds request_timeout{60000};   // head and body together
  // Raw body bytes read for one request (chunk-size lines included), so that
  // a chunked body whose framing never ends cannot grow the server.
  std::size_t max_raw_body_bytes = (4u << 20) + (64u << 10);
  std::chrono::milliseconds read_timeout{2000};       // one wait for bytes
  std::chrono::milliseconds write_timeout{5000};      // one wait to send
  std::chrono::milliseconds keep_alive_timeout{1000}; // an idle connection between requests
  std::size_t keep_alive_max_count = 1000;            // requests on one connection
  int max_connections_per_address = 16;               // 0: no limit
};

// Why the current thread's connection refused to read on (an HTTP status and
// a sentence), or nullopt. Set by the guarded stream on this thread, so an
// error handler running for the same connection can answer with it.
struct Refusal {
  int status = 0;
  std::string message;
};
std::optional<Refusal> guard_refusal();

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(ConnectionLimits limits) : limits_(limits) {}

  // Connections open now from `address` (for tests).
  int connections_from(const std::string& address) const;

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, int> open_by_address_;  // no zero entries
};

}  // namespace parley::server
