#include "parley/server/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "parley/io/json.h"
#include "parley/server/connection.h"
#include "parley/server/events.h"
#include "parley/server/rate_limit.h"
#include "parley/server/static_files.h"

namespace parley::server {

namespace {

std::string error_body(const std::string& message) {
  json::Value e = json::Value::object();
  e.add("error", json::Value::string(message));
  json::Value item = json::Value::object();
  item.add("pointer", json::Value::string("")).add("message", json::Value::string(message));
  e.add("errors", json::Value::array().push(std::move(item)));
  return json::write(e, {.indent = 0});
}

void answer(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// "Authorization: Bearer T" -> T; anything else -> "" (the room answers 401).
// httplib 0.11 percent-decodes header values and get_header_value() cuts
// them at a NUL, so "Bearer T%00junk" would read as T: the whole decoded
// value is taken from the header map instead, and a token with anything but
// the room's token alphabet (lowercase hex) is no token, so that the server
// never accepts a header a proxy in front would read as another token.
std::string bearer_token(const httplib::Request& req) {
  const auto found = req.headers.find("Authorization");  // the map compares names ignoring case
  if (found == req.headers.end()) return "";
  const std::string& header = found->second;
  if (!iequals_prefix(header, "Bearer ")) return "";
  std::string_view token(header);
  token.remove_prefix(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  const bool hex = std::all_of(token.begin(), token.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  return hex ? std::string(token) : "";
}

room::Request to_room(const httplib::Request& req, std::string body) {
  room::Request r{.method = req.method == "HEAD" ? "GET" : req.method,
                  .path = req.path,
                  .query = {},
                  .bearer_token = bearer_token(req),
                  .body = std::move(body)};
  for (const auto& [key, value] : req.params) r.query.emplace(key, value);  // the first of repeated keys
  return r;
}

// The declared body length; nullopt when absent (chunked or empty) or unreadable.
std::optional<std::uint64_t> declared_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const std::string text = req.get_header_value("Content-Length");
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// A path as the access log shows it: printable ASCII only, cut to 200 bytes
// (it comes from the network and ends up on an operator's terminal), and
// never a URL fragment, where the web page's links carry their token:
// browsers do not send it, but a client that sent one (raw or as %23) must
// not put the token in a log.
std::string printable(std::string_view path) {
  path = path.substr(0, path.find('#'));
  std::string out;
  for (char c : path.substr(0, 200)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

// "/v1/rooms/ID/REST" -> {ID, REST}; {"", ""} for any other path.
std::pair<std::string_view, std::string_view> room_path(std::string_view path) {
  constexpr std::string_view prefix = "/v1/rooms/";
  if (!path.starts_with(prefix)) return {};
  path.remove_prefix(prefix.size());
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return {path, ""};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

bool is_api_path(std::string_view path) { return path == "/v1" || path.starts_with("/v1/"); }

// True when the If-None-Match header names `etag` (or is "*").
bool not_modified(const httplib::Request& req, const std::string& etag) {
  const std::string header = req.get_header_value("If-None-Match");
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t comma = header.find(',', start);
    if (comma == std::string::npos) comma = header.size();
    std::string_view tag = std::string_view(header).substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // a weak comparison, as RFC 9110 asks for If-None-Match
    if (tag == "*" || tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

bool is_event_stream(const httplib::Request& req) {
  if (req.get_header_value("Accept").find("text/event-stream") == std::string::npos) return false;
  const std::string_view suffix = "/events";
  return req.path.size() > suffix.size() && req.path.compare(req.path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

struct Server::Impl {
  Impl(Handler h, Options o)
      : handler(std::move(h)),
        options(std::move(o)),
        limiter(options.requests_per_second),
        by_address(options.address_requests_per_second, options.address_burst),
        creations(options.creations_per_second, options.creation_burst),
        page_by_address(options.address_requests_per_second, options.address_burst),
        http(ConnectionLimits{.max_head_bytes = options.max_head_bytes,
                              .head_timeout = options.head_timeout,
                              .request_timeout = options.request_timeout,
                              .max_raw_body_bytes = options.max_body_bytes + (64u << 10),
                              .read_timeout = options.read_timeout,
                              .keep_alive_timeout = options.keep_alive_timeout,
                              .keep_alive_max_count = 1000,
                              .max_connections_per_address = options.max_connections_per_address}) {}

  Handler handler;
  Options options;
  RateLimiter limiter;     // per bearer token
  RateLimiter by_address;  // per client address, every request
  RateLimiter creations;   // per client address, POST /v1/rooms
  RateLimiter page_by_address;  // per client address, the web page's files
  std::mutex streams_mutex;
  std::map<std::string, int, std::less<>> room_streams;  // open event streams per room; no zero entries
  GuardedHttpServer http;
  std::atomic<bool> stopping{false};
  std::atomic<bool> in_run{false};
  std::atomic<int> open_streams{0};
  std::mutex mutex;
  std::condition_variable wake;  // stop() wakes sleeping event streams

  // A request for the web page rather than the API.
  bool for_page(const httplib::Request& req) const {
    return options.web && (req.method == "GET" || req.method == "HEAD") && !is_api_path(req.path);
  }

  void serve_page(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Content-Type-Options", "nosniff");
    const StaticFile* file = options.web->find(req.path);
    if (file == nullptr) {
      answer(res, 404, error_body("no such page or file"));  // Cache-Control stays no-store
      return;
    }
    // The server's default no-store, replaced (httplib's headers are a multimap).
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", file->cache_control);
    res.set_header("ETag", file->etag);
    if (not_modified(req, file->etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(file->body, file->content_type);
  }

  void serve(const httplib::Request& req, httplib::Response& res, std::string body) {
    const room::Response r = handler(to_room(req, std::move(body)));
    // 503 is the room library's "the engine is busy": come back soon.
    if (r.status == 503) res.set_header("Retry-After", "2");
    answer(res, r.status, r.body);
  }

  // Reads the body through httplib's content reader, refusing past the limit
  // (a chunked body has no declared length to refuse it by in advance).
  void serve_with_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    if (req.is_multipart_form_data()) {
      answer(res, 400, error_body("the request body must be JSON, not multipart form data"));
      return;
    }
    std::string body;
    bool too_large = false;
    const bool read = reader([&](const char* data, std::size_t length) {
      if (body.size() + length > options.max_body_bytes) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (too_large) {
      res.set_header("Connection", "close");
      answer(res, 413, error_body(too_large_message()));
      return;
    }
    if (!read) {
      answer(res, 400, error_body("the request body could not be read"));
      return;
    }
    serve(req, res, std::move(body));
  }

  std::string too_large_message() const {
    return "the request body is larger than " + std::to_string(options.max_body_bytes) + " bytes";
  }

  // Waits up to `d`, or less if stop() is called; false when stopping.
  bool pause(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex);
    return !wake.wait_for(lock, d, [&] { return stopping.load(); });
  }

  void stream_events(const httplib::Request& req, httplib::Response& res) {
    room::Request poll = to_room(req, "");
    // EventSource reconnects with the last id it saw.
    if (!poll.query.count("after") && req.has_header("Last-Event-ID")) {
      poll.query["after"] = req.get_header_value("Last-Event-ID");
    }
    // A slot for the stream, held until httplib drops the provider (the
    // stream's end, however it ends).
    if (++open_streams > options.max_event_streams) {
      --open_streams;
      answer(res, 503, error_body("too many open event streams; poll GET .../events?after=SEQ instead"));
      return;
    }
    const std::string room(room_path(req.path).first);
    {
      std::lock_guard lock(streams_mutex);
      int& n = room_streams[room];
      if (n >= options.max_event_streams_per_room) {
        if (n == 0) room_streams.erase(room);
        --open_streams;
        answer(res, 503, error_body("too many open event streams on this room; poll GET .../events?after=SEQ instead"));
        return;
      }
      ++n;
    }
    auto slot = std::shared_ptr<void>(nullptr, [this, room](void*) {
      --open_streams;
      std::lock_guard lock(streams_mutex);
      if (auto it = room_streams.find(room); it != room_streams.end() && --it->second <= 0) room_streams.erase(it);
    });
    const room::Response first = handler(poll);
    if (first.status != 200) {
      answer(res, first.status, first.body);  // 401, 404, 422 (a bad "after"): as the handler says
      return;
    }
    Result<std::vector<Event>> events = split_events(first.body);
    if (!events) {
      answer(res, 500, error_body("internal error: the events could not be read"));
      return;
    }
    struct State {
      room::Request poll;
      std::vector<Event> pending;
      std::int64_t last = 0;
      std::chrono::steady_clock::time_point last_write;
      bool opened = false;
    };
    auto state = std::make_shared<State>();
    state->pending = std::move(events).value();
    state->poll = std::move(poll);
    if (state->poll.query.count("after")) {
      try {
        state->last = std::stoll(state->poll.query["after"]);
      } catch (const std::exception&) {
        state->last = 0;  // the handler accepted it; start from its answer
      }
    }
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider("text/event-stream", [this, state, slot](std::size_t, httplib::DataSink& sink) {
      auto write = [&](const std::string& text) {
        state->last_write = std::chrono::steady_clock::now();
        return sink.write(text.data(), text.size());
      };
      if (!state->opened) {
        state->opened = true;
        // Tells the client the stream is open (and EventSource how soon to reconnect).
        if (!write("retry: 2000\n\n")) return false;
      }
      if (state->pending.empty()) {
        if (!pause(options.event_poll)) {
          sink.done();
          return true;
        }
        state->poll.query["after"] = std::to_string(state->last);
        const room::Response r = handler(state->poll);
        Result<std::vector<Event>> more =
            r.status == 200 ? split_events(r.body) : Result<std::vector<Event>>::fail("events", "", "gone");
        if (!more) {
          sink.done();  // the room or the caller's right to it is gone: end the stream
          return true;
        }
        state->pending = std::move(more).value();
      }
      for (const Event& e : state->pending) {
        if (!write(sse_frame(e))) return false;
        state->last = std::max(state->last, e.seq);
      }
      state->pending.clear();
      // Only a write notices a client that has gone away.
      if (std::chrono::steady_clock::now() - state->last_write >= options.event_heartbeat) {
        return write(": keep-alive\n\n");
      }
      return true;
    });
  }

  void log(const httplib::Request& req, const httplib::Response& res) {
    if (options.access_log) {
      options.access_log(req.method + " " + printable(req.path) + " " + std::to_string(res.status));
    }
  }
};

Server::Server(Handler handler, Options options) : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {
  Impl& s = *impl_;
  const int threads = std::max(1, s.options.threads);
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // Timeouts and keep-alive are the guarded connection's (connection.h), not
  // httplib's; httplib only writes them in its Keep-Alive header.
  s.http.set_keep_alive_timeout(std::max<time_t>(1, s.options.keep_alive_timeout.count()));
  s.http.set_keep_alive_max_count(1000);
  s.http.set_tcp_nodelay(true);  // headers and body go out as separate writes: Nagle would hold the body 40 ms
  // SO_REUSEADDR (a restart binds at once) but not httplib's SO_REUSEPORT,
  // with which a second `parley serve` on a busy port would share it silently.
  s.http.set_socket_options([](int sock) {
    int one = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  });
  s.http.set_payload_max_length(s.options.max_body_bytes);
  s.http.set_default_headers({{"Cache-Control", "no-store"}});

  // Before routing, so before any body is read: the rate limit and a
  // declared length over the limit.
  s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    const auto now = RateLimiter::Clock::now();
    auto too_many = [&](const std::string& message) {
      res.set_header("Retry-After", "1");
      answer(res, 429, error_body(message));
      return httplib::Server::HandlerResponse::Handled;
    };
    if (s.for_page(req)) {
      // The web page's files have a bucket of their own, so that loading the
      // page (index.html, scripts, styles, icons at once) never spends what
      // the page's API calls need; a browser sends no token for them.
      if (s.options.address_requests_per_second > 0 && !s.page_by_address.allow(req.remote_addr, now)) {
        return too_many("too many requests from this address; slow down");
      }
    } else {
      // By address first: requests with no token, or a new wrong one each
      // time, have no token bucket that would ever fill.
      if (s.options.address_requests_per_second > 0 && !s.by_address.allow(req.remote_addr, now)) {
        return too_many("too many requests from this address; slow down");
      }
      if (req.method == "POST" && (req.path == "/v1/rooms" || req.path == "/v1/rooms/") &&
          !s.creations.allow(req.remote_addr, now)) {
        return too_many("too many rooms created from this address; try again in a few seconds");
      }
      const std::string token = bearer_token(req);
      if (!token.empty() && !s.limiter.allow(token, now)) {
        return too_many("more than " + std::to_string(static_cast<int>(s.options.requests_per_second)) +
                        " requests a second with this token; slow down");
      }
    }
    const std::optional<std::uint64_t> length = declared_length(req);
    if (length && *length > s.options.max_body_bytes) {
      res.set_header("Connection", "close");
      answer(res, 413, error_body(s.too_large_message()));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // `Expect: 100-continue` (curl's habit past 1 MiB): refuse before the client sends the body.
  s.http.set_expect_100_continue_handler([&s](const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::uint64_t> length = declared_length(req);
    if (length && *length > s.options.max_body_bytes) {
      answer(res, 413, error_body(s.too_large_message()));
      return 413;
    }
    return 100;
  });

  s.http.Get(".*", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.for_page(req)) {
      s.serve_page(req, res);
    } else if (is_event_stream(req)) {
      s.stream_events(req, res);
    } else {
      s.serve(req, res, "");
    }
  });
  auto with_body = [&s](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    s.serve_with_body(req, res, reader);
  };
  s.http.Post(".*", with_body);
  s.http.Put(".*", with_body);
  s.http.Patch(".*", with_body);
  s.http.Delete(".*", with_body);

  // Whatever httplib answers itself (a malformed request line, a method it
  // does not route) still gets the contract's error shape.
  s.http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        // A head too long or too slow: the guarded connection says which.
        if (const std::optional<Refusal> refusal = guard_refusal()) {
          answer(res, refusal->status, error_body(refusal->message));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string message = res.status == 413   ? "the request body is too large"
                                    : res.status == 404 ? "no such resource"
                                                        : "the request was refused (HTTP " +
                                                              std::to_string(res.status) + ")";
        answer(res, res.status, error_body(message));
        return httplib::Server::HandlerResponse::Handled;
      }));
  // An exception from the handler is a bug: say so without its text, which
  // might quote private input.
  s.http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    answer(res, 500, error_body("internal error"));
  });
  s.http.set_logger([&s](const httplib::Request& req, const httplib::Response& res) { s.log(req, res); });
}

Server::~Server() { stop(); }

Result<int> Server::bind() {
  Impl& s = *impl_;
  int port = s.options.port;
  if (port == 0) {
    port = s.http.bind_to_any_port(s.options.host);
    if (port < 0) port = 0;
  } else if (!s.http.bind_to_port(s.options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return Result<int>::fail("--listen", "",
                             "cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                                 " (address in use, not this machine's, or a privileged port)");
  }
  return port;
}

void Server::run() {
  Impl& s = *impl_;
  s.in_run = true;
  if (!s.stopping) s.http.listen_after_bind();
  s.in_run = false;
}

void Server::stop() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.mutex);
    s.stopping = true;
  }
  s.wake.notify_all();
  // httplib's stop() does nothing before the accept loop has started: wait
  // for it when run() is on its way there.
  while (s.in_run && !s.http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  s.http.stop();
}

Result<ListenAddress> parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  auto bad = [&] {
    return Result<ListenAddress>::fail("--listen", "", "'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080)");
  };
  if (colon == std::string::npos || colon == 0) return bad();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return bad();  // an IPv6 address needs brackets
  }
  const std::string digits = text.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port < 0 || port > 65535) {
    return bad();
  }
  return ListenAddress{host, port};
}

}  // namespace parley::server
