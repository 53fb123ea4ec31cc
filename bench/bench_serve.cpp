// `parley_bench serve`: parley serve under loopback load. 50 parties across
// 10 rooms (5 each), each on its own keep-alive connection, post a response
// to their room's proposal and then poll the room's events, paced at 18
// requests a second per token (under the 20/s limit, so the server's work is
// measured, not its refusals). Reported: requests per second achieved and
// p50/p99 latency per kind of request, against a baseline measured in the
// same run (the same clients reading the room, GET /v1/rooms/ID); and the
// time of an engine-backed {"method": "nash"} proposal on the ceasefire
// example against GET of the same room. Each party connects from its own
// loopback address (127.0.1.N), as separate clients would. The server is the built
// `build/parley serve` on a temporary SQLite file (synchronous=FULL: each
// response is on disk before its 200), and on PostgreSQL when
// PARLEY_BENCH_PG_URL names a database.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "harness.h"
#include "http_support.h"
#include "pg_cluster.h"
#include "parley/io/json.h"

namespace parley::bench {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kRooms = 10;
constexpr int kPartiesPerRoom = 5;
constexpr auto kPace = std::chrono::microseconds(1'000'000 / 18);
constexpr auto kPhase = 6s;

std::string five_party_room() {
  // Four choices of three options; each party prefers a different corner.
  json::Value scenario = json::Value::object();
  scenario.add("parley", json::Value::integer(1)).add("title", json::Value::string("bench: five parties"));
  json::Value parties = json::Value::array();
  for (int p = 1; p <= kPartiesPerRoom; ++p) {
    parties.push(json::Value::object().add("id", json::Value::string("p" + std::to_string(p))));
  }
  json::Value issues = json::Value::array();
  for (int i = 1; i <= 4; ++i) {
    json::Value options = json::Value::array();
    for (const char* o : {"x", "y", "z"}) options.push(json::Value::string(o));
    issues.push(json::Value::object()
                    .add("id", json::Value::string("i" + std::to_string(i)))
                    .add("kind", json::Value::string("choice"))
                    .add("options", std::move(options)));
  }
  scenario.add("parties", std::move(parties)).add("issues", std::move(issues));
  return json::write(json::Value::object().add("scenario", std::move(scenario)), {.indent = 0});
}

std::string preferences(int party) {
  json::Value weights = json::Value::object(), values = json::Value::object();
  for (int i = 1; i <= 4; ++i) {
    const std::string id = "i" + std::to_string(i);
    weights.add(id, json::Value::integer(1 + (party + i) % 4));
    json::Value v = json::Value::object();
    for (int o = 0; o < 3; ++o) v.add(std::string(1, "xyz"[o]), json::Value::number(((party + i + o) % 3) / 2.0));
    values.add(id, std::move(v));
  }
  return json::write(json::Value::object().add("weights", std::move(weights)).add("values", std::move(values)),
                     {.indent = 0});
}

struct Room {
  std::string id, mediator, proposal;
  std::vector<std::string> parties;
};

json::Value parse(const test::HttpReply& r) {
  Result<json::Value> v = json::parse(r.body, "reply");
  return v ? v.value() : json::Value();
}

std::string member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.is_object() ? v.find(key) : nullptr;
  return m ? m->text() : "";
}

bool set_up(int port, Room& room) {
  test::HttpReply made = test::http(port, "POST", "/v1/rooms", "", five_party_room());
  if (made.status != 201) return false;
  json::Value v = parse(made);
  room.id = member(v, "room");
  room.mediator = member(v, "mediator_token");
  const json::Value* tokens = v.find("party_tokens");
  for (int p = 1; p <= kPartiesPerRoom && tokens; ++p) {
    const std::string token = member(*tokens, "p" + std::to_string(p));
    room.parties.push_back(token);
    if (test::http(port, "PUT", "/v1/rooms/" + room.id + "/preferences", token, preferences(p)).status != 200) {
      return false;
    }
  }
  test::HttpReply proposed = test::http(port, "POST", "/v1/rooms/" + room.id + "/proposals", room.mediator,
                                        R"({"outcome": {"i1": "x", "i2": "y", "i3": "z", "i4": "x"}})");
  room.proposal = member(parse(proposed), "proposal");
  return proposed.status == 201 && !room.proposal.empty();
}

struct Latencies {
  std::map<std::string, std::vector<double>> ms;  // by kind of request
  int failed = 0, limited = 0;
};

// Every party of every room on its own connection for `length`; `write`
// chooses the load (responses and events) or the baseline (reading the room).
Latencies load(int port, const std::vector<Room>& rooms, bool write, double& seconds) {
  std::vector<Latencies> each(rooms.size() * kPartiesPerRoom);
  std::vector<std::thread> clients;
  const auto start = Clock::now();
  const auto end = start + kPhase;
  for (std::size_t r = 0; r < rooms.size(); ++r) {
    for (int p = 0; p < kPartiesPerRoom; ++p) {
      clients.emplace_back([&, r, p] {
        Latencies& mine = each[r * kPartiesPerRoom + p];
        // Each party from an address of its own, as real clients are: from
        // one address all 50 would share the server's per-address bucket
        // (50 requests/s) and the bench would measure 429s.
        const std::size_t k = r * kPartiesPerRoom + static_cast<std::size_t>(p);
        test::HttpConnection c(port, std::chrono::seconds(30), "127.0.1." + std::to_string(k + 1));
        const Room& room = rooms[r];
        const std::string token = room.parties[static_cast<std::size_t>(p)];
        std::string after = "0";
        auto next = Clock::now();
        for (int i = 0; Clock::now() < end; ++i) {
          std::string kind, method = "GET", path = "/v1/rooms/" + room.id, body;
          if (!write) {
            kind = "GET room (baseline)";
          } else if (i % 2 == 0) {
            kind = "POST response";
            method = "POST";
            path += "/proposals/" + room.proposal + "/responses";
            body = R"({"response": "reject", "rating": )" + std::to_string((i % 10) / 10.0) + "}";
          } else {
            kind = "GET events?after=";
            path += "/events?after=" + after;
          }
          const auto t0 = Clock::now();
          test::HttpReply reply = c.request(method, path, token, body);
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
          if (reply.status == 429) ++mine.limited;
          if (reply.status < 200 || reply.status >= 300) {
            ++mine.failed;
            if (reply.status == 0) return;  // the connection is gone
          } else {
            mine.ms[kind].push_back(ms);
          }
          if (kind.starts_with("GET events")) {
            json::Value list = parse(reply);
            if (list.is_array() && !list.items().empty()) after = member(list.items().back(), "seq");
          }
          next += kPace;
          std::this_thread::sleep_until(next);
        }
      });
    }
  }
  for (std::thread& t : clients) t.join();
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Latencies all;
  for (Latencies& l : each) {
    for (auto& [kind, v] : l.ms) all.ms[kind].insert(all.ms[kind].end(), v.begin(), v.end());
    all.failed += l.failed;
    all.limited += l.limited;
  }
  return all;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

void report(const std::string& backend, const Latencies& l, double seconds, double baseline_p50) {
  std::size_t total = 0;
  for (const auto& [kind, v] : l.ms) total += v.size();
  std::printf("%s: %zu requests in %.1f s = %.0f requests/s (%d failed, %d of them 429)\n", backend.c_str(), total,
              seconds, static_cast<double>(total) / seconds, l.failed, l.limited);
  for (const auto& [kind, v] : l.ms) {
    const double p50 = percentile(v, 0.5);
    std::printf("  %-22s %7zu  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  p50 vs GET room %6.2fx\n", kind.c_str(),
                v.size(), p50, percentile(v, 0.99), percentile(v, 1.0), baseline_p50 > 0 ? p50 / baseline_p50 : 0.0);
  }
}

void run_backend(const std::string& backend, const std::string& db) {
  test::ServeProcess server(db);  // default limits: each party has an address of its own
  if (server.port() == 0) {
    std::printf("%s: the server did not start (%s)\n", backend.c_str(), server.first_line().c_str());
    return;
  }
  std::vector<Room> rooms(kRooms);
  for (Room& r : rooms) {
    if (!set_up(server.port(), r)) {
      std::printf("%s: setting up a room failed\n", backend.c_str());
      return;
    }
  }
  double seconds = 0;
  const Latencies baseline = load(server.port(), rooms, false, seconds);
  const double baseline_p50 = percentile(baseline.ms.begin()->second, 0.5);
  report(backend + " baseline", baseline, seconds, baseline_p50);
  const Latencies loaded = load(server.port(), rooms, true, seconds);
  report(backend + " load", loaded, seconds, baseline_p50);
}

void nash_proposal(const std::string& db) {
  test::ServeProcess server(db);
  const int port = server.port();
  Result<json::Value> doc = json::parse_file(std::string(PARLEY_SOURCE_DIR) + "/examples/ceasefire.json");
  if (!doc || port == 0) return;
  json::Value scenario = json::Value::object();
  for (const auto& [key, value] : doc.value().members()) {
    if (key != "preferences") scenario.add(key, value);
  }
  const std::string create = json::write(json::Value::object().add("scenario", scenario), {.indent = 0});
  std::vector<double> nash, get;
  for (int round = 0; round < 7; ++round) {
    // A fresh room each time (the second proposal of a room is not the first's work again).
    json::Value made = parse(test::http(port, "POST", "/v1/rooms", "", create));
    const std::string id = member(made, "room");
    const json::Value* tokens = made.find("party_tokens");
    if (id.empty() || tokens == nullptr) return;
    for (const auto& [party, prefs] : doc.value().find("preferences")->members()) {
      test::http(port, "PUT", "/v1/rooms/" + id + "/preferences", member(*tokens, party),
                 json::write(prefs, {.indent = 0}));
    }
    test::HttpConnection c(port);
    auto t0 = Clock::now();
    test::HttpReply r = c.request("POST", "/v1/rooms/" + id + "/proposals", member(made, "mediator_token"),
                                  R"({"method": "nash"})");
    nash.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (r.status != 201) {
      std::printf("nash proposal: %d %s\n", r.status, r.body.c_str());
      return;
    }
    t0 = Clock::now();
    c.request("GET", "/v1/rooms/" + id, member(made, "mediator_token"));
    get.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  const double n = percentile(nash, 0.5), g = percentile(get, 0.5);
  std::printf("ceasefire {\"method\": \"nash\"} proposal (HTTP, engine, commit): median %.2f ms of 7; "
              "GET room %.2f ms; %.1fx\n", n, g, n / g);
}

void run() {
  std::printf("inputs: build/parley serve on 127.0.0.1; %d rooms x %d parties (4 choice issues of 3 options), one "
              "keep-alive connection per party, paced at 18 requests/s per token, %lld s per phase; baseline: the "
              "same clients reading the room (GET /v1/rooms/ID), then the load: POST response and GET "
              "events?after=SEQ alternately\n",
              kRooms, kPartiesPerRoom, static_cast<long long>(kPhase.count()));
  const std::string db = (std::filesystem::temp_directory_path() / ("parley_bench_rooms_" + std::to_string(getpid()))).string() + ".sqlite";
  auto remove = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  };
  remove();
  run_backend("sqlite", db);
  nash_proposal(db);
  remove();
  if (const char* url = std::getenv("PARLEY_BENCH_PG_URL")) {
    run_backend("postgresql", url);
  } else if (test::PgCluster* pg = test::PgCluster::get(); pg == nullptr || !pg->error().empty()) {
    std::printf("postgresql: not measured (%s; or set PARLEY_BENCH_PG_URL=postgresql://USER@HOST:PORT/DB)\n",
                pg == nullptr ? test::PgCluster::unavailable().c_str() : pg->error().c_str());
  } else {
    // The tests' throwaway cluster: fsync is off there, so its commits cost
    // less than a real server's (SQLite above syncs every one).
    std::printf("postgresql: a throwaway local cluster (PostgreSQL 15, fsync off; commits cheaper than a real "
                "server's)\n");
    run_backend("postgresql", pg->create_database());
  }
}

const Register registered("serve", run);

}  // namespace

}  // namespace parley::bench
