// `parley serve`'s HTTP layer: cpp-httplib behind this one header. It moves
// bytes between sockets and a handler (in production room::Rooms::handle) and
// enforces the limits of docs/room-api.md that must hold before the room
// library sees a request: request heads that are too long or too slow
// (431, 408; see connection.h), bodies over 4 MiB (413, refused from the declared
// length, before the body is read), more than 20 requests a second per
// bearer token or more than the per-address rates (429). (The room library
// itself limits engine computations at once and answers 503 past that; this
// layer adds Retry-After.) It also turns `GET .../events` with
// `Accept: text/event-stream` into a server-sent event stream by polling the
// handler, so the room library never holds a connection.
//
//   server::Server s([&](const room::Request& r) { return rooms.handle(r); },
//                    {.host = "127.0.0.1", .port = 0});
//   Result<int> port = s.bind();          // 0 picked a free port
//   std::thread t([&] { s.run(); });      // serves until stop()
//   ...
//   s.stop(); t.join();                   // open event streams end, run() returns
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "parley/core/result.h"
#include "parley/room/rooms.h"

namespace parley::server {

class StaticFiles;

using Handler = std::function<room::Response(const room::Request&)>;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;                               // 0: any free port (bind() says which)
  std::size_t max_body_bytes = 4u << 20;         // larger bodies: 413
  double requests_per_second = 20;               // per bearer token; more: 429
  std::chrono::milliseconds event_poll{200};     // how often a stream asks the handler for new events
  std::chrono::milliseconds event_heartbeat{5000};  // an SSE comment this often, to notice clients gone
  int threads = 128;                             // concurrent connections, open event streams included
  // How long one read from a client may wait (a head line, a piece of body)
  // and how long an idle keep-alive connection is kept. Each connection
  // holds one of `threads` while open, so slow clients are dropped soon:
  // a request's line and headers must arrive within `head_timeout` of its
  // first byte and hold at most `max_head_bytes`; the whole request
  // (body included) within `request_timeout` (408 / 431 otherwise).
  std::chrono::milliseconds read_timeout{2000};
  std::chrono::seconds keep_alive_timeout{1};
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds request_timeout{60000};
  std::size_t max_head_bytes = 64 * 1024;
  // Connections open at once from one client address (more: 503 at once),
  // so that one address cannot hold every thread; 0: no limit (behind a
  // reverse proxy, where every client has the proxy's address).
  int max_connections_per_address = 16;
  // Event streams open at once; more get 503 (poll ?after=SEQ instead). Each
  // holds one of `threads` for its life, so this keeps some for the rest.
  int max_event_streams = 32;
  // ... and at most this many on one room, so that one room's callers cannot
  // take every slot from the others.
  int max_event_streams_per_room = 8;
  // Per client address (every request, with or without a token: a wrong or
  // missing token must cost the sender too): `address_requests_per_second`
  // on average, bursts of `address_burst`; more: 429; 0: no limit. Room creation, which
  // needs no token and writes a scenario to disk, has a stricter bucket of
  // its own. Behind a reverse proxy every client has the proxy's address:
  // raise these, and limit per client in the proxy.
  double address_requests_per_second = 50;
  double address_burst = 100;
  double creations_per_second = 2;
  double creation_burst = 10;
  // The web page (static_files.h): GET and HEAD outside /v1/ answer from
  // these files, with their own per-address bucket of the rates above (so a
  // page load never spends the API's) and no per-token limit. Null: every
  // request goes to the handler.
  std::shared_ptr<const StaticFiles> web;
  // One line per request ("POST /v1/rooms/ID/preferences 200 3.1 ms"), or
  // nothing when empty. Never a token, a query string, a fragment or a body.
  std::function<void(const std::string&)> access_log;
};

class Server {
 public:
  Server(Handler handler, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket: the port bound (the chosen one when options.port is 0).
  Result<int> bind();
  // Accepts and serves requests until stop(); requires a successful bind().
  void run();
  // Stops accepting, ends open event streams and lets run() return. Safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "HOST:PORT" (--listen): "127.0.0.1:8080", "0.0.0.0:80", "[::1]:9000"; port 0 to 65535.
struct ListenAddress {
  std::string host;
  int port = 0;
};
Result<ListenAddress> parse_listen(const std::string& text);

}  // namespace parley::server
