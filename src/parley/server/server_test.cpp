// The HTTP layer alone, in-process, with a fake handler standing in for the
// room library: request mapping, the limits it enforces before the handler
// (413, 429), server-sent events, stopping, and what the access log holds.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "http_support.h"
#include "parley/server/events.h"
#include "parley/server/rate_limit.h"
#include "parley/server/server.h"

namespace parley::server {
namespace {

using namespace std::chrono_literals;
using test::HttpConnection;
using test::http;

TEST(ParseListen, ReadsHostAndPort) {
  ASSERT_TRUE(parse_listen("127.0.0.1:8080"));
  EXPECT_EQ(parse_listen("127.0.0.1:8080").value().host, "127.0.0.1");
  EXPECT_EQ(parse_listen("127.0.0.1:8080").value().port, 8080);
  EXPECT_EQ(parse_listen("[::1]:0").value().host, "::1");
  EXPECT_EQ(parse_listen("[::1]:0").value().port, 0);
  EXPECT_EQ(parse_listen("localhost:65535").value().port, 65535);
}

TEST(ParseListen, RefusesWhatIsNotHostColonPort) {
  for (const char* bad : {"8080", ":8080", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:80x", "::1:80",
                          "[::1:80"}) {
    Result<ListenAddress> r = parse_listen(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.errors()[0].message.find("is not HOST:PORT"), std::string::npos) << bad;
  }
}

TEST(RateLimiter, TwentyASecondPerTokenThenRefills) {
  RateLimiter limit(20);
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limit.allow("token-a", t0)) << i;
  EXPECT_FALSE(limit.allow("token-a", t0));
  EXPECT_TRUE(limit.allow("token-b", t0));  // another caller has its own bucket
  // One request's worth comes back every 50 ms, not sooner.
  EXPECT_FALSE(limit.allow("token-a", t0 + 40ms));
  EXPECT_TRUE(limit.allow("token-a", t0 + 51ms));
  EXPECT_FALSE(limit.allow("token-a", t0 + 52ms));
  // After a quiet second the bucket is full again, but no fuller.
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limit.allow("token-a", t0 + 5s)) << i;
  EXPECT_FALSE(limit.allow("token-a", t0 + 5s));
}

TEST(RateLimiter, ForgetsCallersOnceTheirBucketsRefill) {
  RateLimiter limit(20);
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(limit.allow("flood-" + std::to_string(i), t0));
  EXPECT_EQ(limit.tracked(), 5000u);
  // Two seconds on, every one of them has refilled: the next sweep drops them all.
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(limit.allow("later-" + std::to_string(i), t0 + 2s));
  EXPECT_LE(limit.tracked(), 20000u);
  EXPECT_GE(limit.tracked(), 1024u);
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(limit.allow("flood-" + std::to_string(i), t0 + 2s));
}

TEST(SplitEvents, ReadsEntriesOfBothShapes) {
  Result<std::vector<Event>> a = split_events(R"({"events": [{"seq": 3, "action": "x"}, {"seq": 4, "detail": "a\nb"}]})");
  ASSERT_TRUE(a);
  ASSERT_EQ(a.value().size(), 2u);
  EXPECT_EQ(a.value()[0].seq, 3);
  EXPECT_EQ(a.value()[1].seq, 4);
  EXPECT_EQ(a.value()[0].json, R"({"seq":3,"action":"x"})");
  // A newline inside a string stays escaped: one data: line per event.
  EXPECT_EQ(sse_frame(a.value()[1]), "id: 4\ndata: {\"seq\":4,\"detail\":\"a\\nb\"}\n\n");
  Result<std::vector<Event>> b = split_events(R"([{"seq": 7}])");
  ASSERT_TRUE(b);
  EXPECT_EQ(b.value()[0].seq, 7);
  EXPECT_FALSE(split_events(R"({"events": [{"seq": "7"}]})"));
  EXPECT_FALSE(split_events(R"({"events": [{"seq": 1.5}]})"));
  EXPECT_FALSE(split_events(R"({"entries": []})"));
}

// A handler that records what it was given and answers from a script; its
// events endpoint lists `events` after the `after` query.
struct Fake {
  std::mutex mutex;
  std::vector<room::Request> seen;
  std::vector<std::int64_t> events;
  std::atomic<int> event_polls{0};
  room::Response operator()(const room::Request& r) {
    if (r.path == "/v1/rooms/busy/agreement") return {503, R"({"error": "the engine is busy", "errors": []})"};
    std::lock_guard lock(mutex);
    seen.push_back(r);
    if (r.path.ends_with("/events")) {
      ++event_polls;
      if (r.bearer_token != "900d") return {401, R"({"error": "unauthorised", "errors": []})"};
      const std::int64_t after = r.query.count("after") ? std::stoll(r.query.at("after")) : 0;
      std::string body = R"({"events": [)";
      bool first = true;
      for (std::int64_t seq : events) {
        if (seq <= after) continue;
        body += (first ? "" : ",") + std::string(R"({"seq": )") + std::to_string(seq) + R"(, "action": "x"})";
        first = false;
      }
      return {200, body + "]}"};
    }
    return {r.method == "POST" ? 201 : 200, R"({"ok": true})"};
  }
  std::size_t calls() {
    std::lock_guard lock(mutex);
    return seen.size();
  }
};

// A server on a free loopback port, run on its own thread and stopped at the end.
struct Running {
  explicit Running(Fake& fake, Options options = {}) : server([&fake](const room::Request& r) { return fake(r); },
                                                              with_free_port(std::move(options))) {
    Result<int> bound = server.bind();
    port = bound ? bound.value() : 0;
    thread = std::thread([this] { server.run(); });
  }
  ~Running() {
    server.stop();
    thread.join();
  }
  static Options with_free_port(Options o) {
    o.port = 0;
    return o;
  }
  Server server;
  int port = 0;
  std::thread thread;
};

TEST(Server, MapsTheRequestAndAnswersJson) {
  Fake fake;
  Running s(fake);
  ASSERT_GT(s.port, 0);
  test::HttpReply r = http(s.port, "POST", "/v1/rooms/r1/proposals/2/responses?after=5&x=a%20b", "70c123",
                           R"({"response": "accept"})");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"ok": true})");
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  ASSERT_EQ(fake.calls(), 1u);
  const room::Request& seen = fake.seen[0];
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/v1/rooms/r1/proposals/2/responses");
  EXPECT_EQ(seen.query, (std::map<std::string, std::string>{{"after", "5"}, {"x", "a b"}}));
  EXPECT_EQ(seen.bearer_token, "70c123");
  EXPECT_EQ(seen.body, R"({"response": "accept"})");

  // Another scheme than Bearer is no token at all (the room answers 401).
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", "", "", {"Authorization: Basic dXNlcjpwYXNz"}).status, 200);
  EXPECT_EQ(fake.seen.back().bearer_token, "");
  EXPECT_EQ(http(s.port, "PUT", "/v1/rooms/r1/preferences", "", "{}", {"Authorization: bearer  abc "}).status, 200);
  EXPECT_EQ(fake.seen.back().bearer_token, "abc");
  EXPECT_EQ(fake.seen.back().method, "PUT");
  // Methods the API does not have still reach the handler (it answers 405).
  EXPECT_EQ(http(s.port, "DELETE", "/v1/rooms/r1", "", "").status, 200);
  EXPECT_EQ(fake.seen.back().method, "DELETE");
}

TEST(Server, ATokenIsLowercaseHexAsSentOrNone) {
  Fake fake;
  Running s(fake);
  const std::string token(64, 'e');
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", token).status, 200);
  EXPECT_EQ(fake.seen.back().bearer_token, token);
  // httplib decodes %00 to a NUL that would end the value: the token with
  // its junk is not a token at all, nor is one with other characters.
  for (const std::string& bad : {token + "%00anything-at-all", token + "%00", token + "x", std::string(64, 'E')}) {
    EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", "", "", {"Authorization: Bearer " + bad}).status, 200) << bad;
    EXPECT_EQ(fake.seen.back().bearer_token, "") << bad;
  }
}

TEST(Server, RefusesADeclaredBodyOverTheLimitWithoutReadingIt) {
  Fake fake;
  Running s(fake, {.max_body_bytes = 1000});
  HttpConnection c(s.port);
  // Only the headers are sent: the answer comes without the body.
  ASSERT_TRUE(c.send_raw("POST /v1/rooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Content-Length: 1001\r\n\r\n"));
  test::HttpReply r = c.read_reply();
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find(R"("error":"the request body is larger than 1000 bytes")"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("errors":[{"pointer":"")"), std::string::npos) << r.body;
  EXPECT_EQ(fake.calls(), 0u);
  // Expect: 100-continue gets the 413 instead of the go-ahead.
  HttpConnection d(s.port);
  ASSERT_TRUE(d.send_raw("PUT /v1/rooms/r/preferences HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000000\r\n"
                         "Expect: 100-continue\r\n\r\n"));
  EXPECT_EQ(d.read_reply().status, 413);
  EXPECT_EQ(fake.calls(), 0u);
  // At the limit it passes, whole.
  test::HttpReply ok = http(s.port, "POST", "/v1/rooms", "", std::string(1000, ' '));
  EXPECT_EQ(ok.status, 201);
  ASSERT_EQ(fake.calls(), 1u);
  EXPECT_EQ(fake.seen[0].body.size(), 1000u);
}

TEST(Server, RefusesAChunkedBodyOnceItPassesTheLimit) {
  Fake fake;
  Running s(fake, {.max_body_bytes = 1000});
  HttpConnection c(s.port);
  std::string request = "POST /v1/rooms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "190\r\n" + std::string(400, 'x') + "\r\n";  // 3 x 400 bytes
  request += "0\r\n\r\n";
  ASSERT_TRUE(c.send_raw(request));
  EXPECT_EQ(c.read_reply().status, 413);
  EXPECT_EQ(fake.calls(), 0u);
  // Under the limit, chunked is fine.
  HttpConnection d(s.port);
  ASSERT_TRUE(d.send_raw("POST /v1/rooms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "3\r\n{}\n\r\n0\r\n\r\n"));
  EXPECT_EQ(d.read_reply().status, 201);
  ASSERT_EQ(fake.calls(), 1u);
  EXPECT_EQ(fake.seen[0].body, "{}\n");
}

TEST(Server, AnswersTooManyRequestsPerTokenWith429) {
  Fake fake;
  Running s(fake);
  HttpConnection c(s.port);
  int ok = 0, limited = 0;
  for (int i = 0; i < 30; ++i) {
    test::HttpReply r = c.request("GET", "/v1/rooms/r1", "b05e");
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      EXPECT_NE(r.body.find("more than 20 requests a second with this token"), std::string::npos) << r.body;
    }
  }
  // 30 requests in far less than a second: about 20 pass (a few more if the
  // loop took long enough to refill some), the rest are refused unseen.
  EXPECT_GE(ok, 20);
  EXPECT_LE(ok, 25);
  EXPECT_EQ(ok + limited, 30);
  EXPECT_EQ(fake.calls(), static_cast<std::size_t>(ok));
  EXPECT_EQ(c.request("GET", "/v1/rooms/r1", "ca1e").status, 200);
}

// The room library says when the engine is busy (503); the server adds when to come back.
TEST(Server, AddsRetryAfterToTheHandlers503) {
  Fake fake;
  Running s(fake);
  const test::HttpReply r = http(s.port, "GET", "/v1/rooms/busy/agreement", "a1");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.headers.at("retry-after"), "2");
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", "a1").headers.count("retry-after"), 0u);
}

TEST(Server, LimitsRequestsPerAddressWithOrWithoutAToken) {
  Fake fake;
  Running s(fake);
  HttpConnection c(s.port);
  int ok = 0, limited = 0;
  // A new wrong token each time, or none: the address's bucket (50 a second,
  // bursts of 100) still counts them.
  for (int i = 0; i < 130; ++i) {
    test::HttpReply r = c.request("GET", "/v1/rooms/r1", i % 2 ? "" : "bad" + std::to_string(i));
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      EXPECT_NE(r.body.find("too many requests from this address"), std::string::npos) << r.body;
      EXPECT_EQ(r.headers.at("retry-after"), "1");
    }
  }
  EXPECT_GE(ok, 100);
  EXPECT_LE(ok, 115);  // 100 at once, plus what refilled while the loop ran
  EXPECT_EQ(ok + limited, 130);
  EXPECT_EQ(fake.calls(), static_cast<std::size_t>(ok));
}

TEST(Server, LimitsRoomCreationPerAddressMoreStrictly) {
  Fake fake;
  Running s(fake);
  HttpConnection c(s.port);
  int created = 0, limited = 0;
  for (int i = 0; i < 15; ++i) {
    test::HttpReply r = c.request("POST", "/v1/rooms", "", "{}");
    if (r.status == 201) ++created;
    if (r.status == 429) {
      ++limited;
      EXPECT_NE(r.body.find("too many rooms created from this address"), std::string::npos) << r.body;
    }
  }
  EXPECT_GE(created, 10);  // bursts of 10, 2 a second after
  EXPECT_LE(created, 11);
  EXPECT_EQ(created + limited, 15);
  // Other requests from the same address still pass.
  EXPECT_EQ(c.request("GET", "/v1/rooms/r1", "").status, 200);
  // Two a second come back.
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(c.request("POST", "/v1/rooms", "", "{}").status, 201);
}

TEST(Server, DropsAClientThatStallsInItsRequestHead) {
  Fake fake;
  Running s(fake, {.threads = 2, .read_timeout = 300ms});
  // Both workers taken by clients that sent half a head and then nothing (or
  // a header line slower than the read timeout).
  HttpConnection stalled(s.port), dripping(s.port);
  ASSERT_TRUE(stalled.send_raw("GET /v1/rooms/x HTTP/1.1\r\nHost: a\r\n"));
  ASSERT_TRUE(dripping.send_raw("GET /v1/rooms/x HTTP/1.1\r\nHost: a\r\n"));
  std::this_thread::sleep_for(200ms);
  dripping.send_raw("X-a: b\r\n");
  // Someone else is served once the read timeout has dropped them, well
  // before httplib's default 5 s.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", "a").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  // The stalled ones got 408 saying why, in the contract's error shape; the
  // handler never saw them.
  const test::HttpReply stalled_reply = stalled.read_reply();
  EXPECT_EQ(stalled_reply.status, 408);
  EXPECT_NE(stalled_reply.body.find(R"("error":"the client sent nothing for 300 ms in the middle of a request")"),
            std::string::npos)
      << stalled_reply.body;
  EXPECT_EQ(dripping.read_reply().status, 408);
  ASSERT_EQ(fake.calls(), 1u);
  EXPECT_EQ(fake.seen[0].path, "/v1/rooms/r1");
}

// A client that keeps sending header lines, each well within the read
// timeout, is cut at the head's deadline (httplib 0.11 alone kept it for as
// long as it sent).
TEST(Server, CutsARequestHeadThatNeverEnds) {
  Fake fake;
  Running s(fake, {.read_timeout = 300ms, .head_timeout = 800ms});
  HttpConnection dripping(s.port);
  ASSERT_TRUE(dripping.send_raw("GET /v1/rooms/x HTTP/1.1\r\nHost: a\r\n"));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 30 && dripping.send_raw("X-" + std::to_string(i) + ": b\r\n"); ++i) {
    std::this_thread::sleep_for(100ms);
  }
  const test::HttpReply reply = dripping.read_reply();
  EXPECT_EQ(reply.status, 408);
  EXPECT_NE(reply.body.find(R"("error":"the request line and headers did not arrive within 800 ms")"), std::string::npos)
      << reply.body;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // answered, not kept while it sends
  EXPECT_EQ(fake.calls(), 0u);
}

TEST(Server, RefusesARequestHeadTooLongOrWithTooManyLines) {
  Fake fake;
  Running s(fake, {.max_head_bytes = 4096});
  // One header of 5000 bytes, under httplib's 8192 per line but over the head's 4096.
  HttpConnection big(s.port);
  ASSERT_TRUE(big.send_raw("GET /v1/rooms/x HTTP/1.1\r\nHost: a\r\nX-big: " + std::string(5000, 'b') + "\r\n\r\n"));
  const test::HttpReply too_long = big.read_reply();
  EXPECT_EQ(too_long.status, 431);
  EXPECT_NE(too_long.body.find("the request line and headers are longer than 4096 bytes"), std::string::npos)
      << too_long.body;
  // 101 short header lines.
  std::string many = "GET /v1/rooms/x HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": b\r\n";
  HttpConnection lines(s.port);
  ASSERT_TRUE(lines.send_raw(many + "\r\n"));
  const test::HttpReply too_many = lines.read_reply();
  EXPECT_EQ(too_many.status, 431);
  EXPECT_NE(too_many.body.find("the request has more than 100 header lines"), std::string::npos) << too_many.body;
  // 100 lines and 4096 bytes exactly are fine.
  std::string most = "GET /v1/rooms/r1 HTTP/1.1\r\n";
  for (int i = 0; i < 99; ++i) most += "X-" + std::to_string(i) + ": b\r\n";
  most += "X-pad: ";
  most += std::string(4096 - most.size() - 4, 'p') + "\r\n\r\n";
  ASSERT_EQ(most.size(), 4096u);
  HttpConnection fits(s.port);
  ASSERT_TRUE(fits.send_raw(most));
  EXPECT_EQ(fits.read_reply().status, 200);
  EXPECT_EQ(fake.calls(), 1u);
}

TEST(Server, CutsABodyThatArrivesTooSlowly) {
  Fake fake;
  Running s(fake, {.read_timeout = 300ms, .request_timeout = 800ms});
  HttpConnection slow(s.port);
  ASSERT_TRUE(slow.send_raw("PUT /v1/rooms/x/preferences HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n"));
  for (int i = 0; i < 20 && slow.send_raw("x"); ++i) std::this_thread::sleep_for(100ms);
  const test::HttpReply reply = slow.read_reply();
  EXPECT_EQ(reply.status, 408);
  EXPECT_NE(reply.body.find("the request did not arrive within 800 ms"), std::string::npos) << reply.body;
  EXPECT_EQ(fake.calls(), 0u);
}

// A small body dripped slowly is cut long before the whole-request limit:
// its deadline is the head's plus a second per min_body_rate bytes.
TEST(Server, CutsASmallBodyDrippedSlowly) {
  Fake fake;
  Running s(fake, {.read_timeout = 1000ms, .head_timeout = 600ms, .request_timeout = 60000ms});
  HttpConnection slow(s.port);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(slow.send_raw("PUT /v1/rooms/x/preferences HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n"));
  for (int i = 0; i < 30 && slow.send_raw("x"); ++i) std::this_thread::sleep_for(100ms);
  const test::HttpReply reply = slow.read_reply();
  EXPECT_EQ(reply.status, 408);
  EXPECT_NE(reply.body.find("the request body arrived too slowly (it may take 600 ms plus one second per 16384 bytes)"),
            std::string::npos)
      << reply.body;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // long before the 60 s request limit
  EXPECT_EQ(fake.calls(), 0u);
}

// A chunked body whose chunk-size line never ends is cut at the body limit
// (framing counted), not kept growing until the request's deadline.
TEST(Server, CutsAChunkedBodyWhoseFramingNeverEnds) {
  Fake fake;
  Running s(fake, {.max_body_bytes = 1000});
  HttpConnection c(s.port);
  ASSERT_TRUE(c.send_raw("POST /v1/rooms HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string zeros(16 * 1024, '0');
  for (int i = 0; i < 20 && c.send_raw(zeros); ++i) {
  }
  const test::HttpReply reply = c.read_reply();
  EXPECT_EQ(reply.status, 413);
  EXPECT_NE(reply.body.find("the request body is larger than 66536 bytes, framing included"), std::string::npos)
      << reply.body;
  EXPECT_EQ(fake.calls(), 0u);
}

// A request line longer than the whole head may be gets 431 with the
// contract's JSON, not a silent close; and the Keep-Alive header tells the
// truth about how long an idle connection is kept.
TEST(Server, AnswersAnOverlongRequestLineAndStatesItsKeepAlive) {
  Fake fake;
  Running s(fake, {.max_head_bytes = 4096});
  HttpConnection c(s.port);
  ASSERT_TRUE(c.send_raw("GET /v1/rooms/" + std::string(9000, 'x') + " HTTP/1.1\r\nHost: a\r\n\r\n"));
  const test::HttpReply reply = c.read_reply();
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(reply.body, R"({"error":"the request line and headers are longer than 4096 bytes","errors":[]})");
  HttpConnection kept(s.port);
  const test::HttpReply ok = kept.request("GET", "/v1/rooms/r1", "a1");
  ASSERT_EQ(ok.headers.count("keep-alive"), 1u) << ok.raw;
  EXPECT_EQ(ok.headers.at("keep-alive"), "timeout=1, max=1000");
}

TEST(Server, LimitsConnectionsFromOneAddressAtOnce) {
  Fake fake;
  Running s(fake, {.max_connections_per_address = 2});
  HttpConnection first(s.port), second(s.port);
  ASSERT_EQ(first.request("GET", "/v1/rooms/r1", "a").status, 200);  // both held open (keep-alive)
  ASSERT_EQ(second.request("GET", "/v1/rooms/r1", "b").status, 200);
  const test::HttpReply third = http(s.port, "GET", "/v1/rooms/r1", "c");
  EXPECT_EQ(third.status, 503);
  EXPECT_NE(third.body.find("too many connections from this address at once"), std::string::npos) << third.body;
  EXPECT_EQ(third.headers.at("retry-after"), "2");
  EXPECT_EQ(fake.calls(), 2u);
  // Once one closes, a new one is served.
  ASSERT_TRUE(first.send_raw("GET /v1/rooms/r1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(first.read_reply().status, 200);
  test::HttpReply later;
  for (int i = 0; i < 50 && later.status != 200; ++i) {
    std::this_thread::sleep_for(20ms);
    later = http(s.port, "GET", "/v1/rooms/r1", "d");
  }
  EXPECT_EQ(later.status, 200);
}

// Requests sent back to back on one connection are each answered, and a body
// the server answered without reading (here a 429) is not read as the next
// request.
TEST(Server, AnswersPipelinedRequestsAndSkipsAnUnreadBody) {
  Fake fake;
  Running s(fake, {.requests_per_second = 1});
  HttpConnection c(s.port);
  const std::string body = "{\"response\": \"accept\"}";
  std::string two;
  for (int i = 0; i < 3; ++i) {
    two += "POST /v1/rooms/r1/proposals/1/responses HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ab\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  two += "GET /v1/rooms/r1 HTTP/1.1\r\nHost: a\r\n\r\n";
  ASSERT_TRUE(c.send_raw(two));
  EXPECT_EQ(c.read_reply().status, 201);
  EXPECT_EQ(c.read_reply().status, 429);  // one a second with this token
  EXPECT_EQ(c.read_reply().status, 429);
  EXPECT_EQ(c.read_reply().status, 200);
  ASSERT_EQ(fake.calls(), 2u);
  EXPECT_EQ(fake.seen[0].body, body);
  EXPECT_EQ(fake.seen[1].path, "/v1/rooms/r1");
}

TEST(Server, StreamsEventsAsTheyComeAndStopsWithTheServer) {
  Fake fake;
  fake.events = {1, 2};
  auto s = std::make_unique<Running>(fake, Options{.event_poll = 50ms});
  HttpConnection c(s->port);
  ASSERT_TRUE(c.send_raw("GET /v1/rooms/r1/events?after=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 900d\r\n"
                         "Accept: text/event-stream\r\n\r\n"));
  std::string got = c.read_some(500ms);
  EXPECT_NE(got.find("200 OK"), std::string::npos) << got;
  EXPECT_NE(got.find("Content-Type: text/event-stream"), std::string::npos) << got;
  EXPECT_NE(got.find("id: 2\ndata: {\"seq\":2,\"action\":\"x\"}\n\n"), std::string::npos) << got;
  EXPECT_EQ(got.find("id: 1\n"), std::string::npos) << got;  // after=1
  {
    std::lock_guard lock(fake.mutex);
    fake.events.push_back(3);
  }
  got = c.read_some(500ms);
  EXPECT_NE(got.find("id: 3\ndata: {\"seq\":3,\"action\":\"x\"}\n\n"), std::string::npos) << got;
  EXPECT_EQ(got.find("id: 2\n"), std::string::npos) << got;  // each event once
  // Polling about every 50 ms, not in a busy loop.
  EXPECT_LT(fake.event_polls.load(), 40);
  // Stopping the server ends the open stream (the terminating chunk) and returns promptly.
  const auto start = std::chrono::steady_clock::now();
  s.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  got = c.read_some(500ms);
  EXPECT_NE(got.find("0\r\n\r\n"), std::string::npos) << got;
}

TEST(Server, AnEventStreamTheHandlerRefusesIsAnOrdinaryError) {
  Fake fake;
  Running s(fake);
  test::HttpReply r = http(s.port, "GET", "/v1/rooms/r1/events", "bad", "", {"Accept: text/event-stream"});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers["content-type"], "application/json");
}

TEST(Server, RefusesEventStreamsPastItsLimitAndFreesTheirSlots) {
  Fake fake;
  Running s(fake, {.event_poll = 20ms, .event_heartbeat = 50ms, .max_event_streams = 2});
  const std::string open = "GET /v1/rooms/r1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 900d\r\n"
                           "Accept: text/event-stream\r\n\r\n";
  auto first = std::make_unique<HttpConnection>(s.port);
  HttpConnection second(s.port);
  ASSERT_TRUE(first->send_raw(open));
  ASSERT_TRUE(second.send_raw(open));
  EXPECT_NE(first->read_some(200ms).find("200 OK"), std::string::npos);
  EXPECT_NE(second.read_some(200ms).find("200 OK"), std::string::npos);
  test::HttpReply third = http(s.port, "GET", "/v1/rooms/r1/events", "900d", "", {"Accept: text/event-stream"});
  EXPECT_EQ(third.status, 503);
  EXPECT_NE(third.body.find("poll GET .../events?after=SEQ instead"), std::string::npos) << third.body;
  // Plain polling is not a stream and still works.
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1/events?after=0", "900d").status, 200);
  // A client that goes frees its slot once a heartbeat finds it gone.
  first.reset();
  std::this_thread::sleep_for(300ms);
  HttpConnection again(s.port);
  ASSERT_TRUE(again.send_raw(open));
  EXPECT_NE(again.read_some(200ms).find("200 OK"), std::string::npos);
}

TEST(Server, LimitsEventStreamsPerRoomAsWellAsInAll) {
  Fake fake;
  Running s(fake, {.event_poll = 20ms, .event_heartbeat = 50ms, .max_event_streams = 32, .max_event_streams_per_room = 2});
  auto open = [](const std::string& room) {
    return "GET /v1/rooms/" + room + "/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 900d\r\n"
           "Accept: text/event-stream\r\n\r\n";
  };
  auto a = std::make_unique<HttpConnection>(s.port);
  HttpConnection b(s.port);
  ASSERT_TRUE(a->send_raw(open("r1")));
  ASSERT_TRUE(b.send_raw(open("r1")));
  EXPECT_NE(a->read_some(200ms).find("200 OK"), std::string::npos);
  EXPECT_NE(b.read_some(200ms).find("200 OK"), std::string::npos);
  test::HttpReply third = http(s.port, "GET", "/v1/rooms/r1/events", "900d", "", {"Accept: text/event-stream"});
  EXPECT_EQ(third.status, 503);
  EXPECT_NE(third.body.find("too many open event streams on this room"), std::string::npos) << third.body;
  // Another room has slots of its own.
  HttpConnection other(s.port);
  ASSERT_TRUE(other.send_raw(open("r2")));
  EXPECT_NE(other.read_some(200ms).find("200 OK"), std::string::npos);
  // A stream that ends gives its room's slot back.
  a.reset();
  std::this_thread::sleep_for(300ms);
  HttpConnection again(s.port);
  ASSERT_TRUE(again.send_raw(open("r1")));
  EXPECT_NE(again.read_some(200ms).find("200 OK"), std::string::npos);
}

TEST(Server, AnEventStreamEndsWhenTheClientGoes) {
  Fake fake;
  Running s(fake, {.event_poll = 20ms, .event_heartbeat = 100ms});
  {
    HttpConnection c(s.port);
    ASSERT_TRUE(c.send_raw("GET /v1/rooms/r1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 900d\r\n"
                           "Accept: text/event-stream\r\n\r\n"));
    EXPECT_NE(c.read_some(200ms).find("retry: 2000"), std::string::npos);
  }
  // The heartbeat notices the closed socket; polling stops.
  std::this_thread::sleep_for(500ms);
  const int polls = fake.event_polls.load();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(fake.event_polls.load(), polls);
}

TEST(Server, TheAccessLogHoldsMethodPathAndStatusOnly) {
  Fake fake;
  std::mutex mutex;
  std::vector<std::string> lines;
  Running s(fake, {.access_log = [&](const std::string& line) {
                     std::lock_guard lock(mutex);
                     lines.push_back(line);
                   }});
  EXPECT_EQ(http(s.port, "PUT", "/v1/rooms/r9/preferences?secret=q1", "5ec2e7", R"({"weights": {"w": 0.77}})")
                .status,
            200);
  std::this_thread::sleep_for(50ms);  // the logger runs after the answer is written
  std::lock_guard lock(mutex);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "PUT /v1/rooms/r9/preferences 200");
}

TEST(Server, BindFailsWithAMessageWhenThePortIsTaken) {
  Fake fake;
  Running first(fake);
  Server second([&](const room::Request& r) { return fake(r); }, {.host = "127.0.0.1", .port = first.port});
  Result<int> r = second.bind();
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors()[0].message.find("cannot listen on 127.0.0.1:" + std::to_string(first.port)), std::string::npos);
}

}  // namespace
}  // namespace parley::server
