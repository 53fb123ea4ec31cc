// `parley serve` end to end: each test starts the built binary on a free
// loopback port with its own temporary database, talks HTTP to it, and stops
// it (or kills it) before it ends. The README's curl session, bad input,
// crash safety under SIGKILL, and the privacy of each party's preferences
// through every endpoint, the event stream and the access log.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "http_support.h"
#include "parley/io/json.h"
#include "parley/room/rooms.h"
#include "parley/store/database.h"
#include "test_support.h"

namespace parley::test {
namespace {

using namespace std::chrono_literals;

json::Value parse(const HttpReply& r) {
  Result<json::Value> v = json::parse(r.body, "reply");
  EXPECT_TRUE(v) << r.status << " " << r.body;
  return v ? v.value() : json::Value();
}

std::string text_of(const json::Value& v, std::initializer_list<std::string_view> path) {
  const json::Value* at = &v;
  for (std::string_view key : path) {
    at = at->is_object() ? at->find(key) : nullptr;
    if (at == nullptr) return "";
  }
  return at->text();
}

// The member at a path of keys, or (a test failure) a null value.
const json::Value& at(const json::Value& v, std::initializer_list<std::string_view> path) {
  static const json::Value missing;
  const json::Value* here = &v;
  for (std::string_view key : path) {
    here = here->is_object() ? here->find(key) : nullptr;
    if (here == nullptr) {
      ADD_FAILURE() << "no " << key << " in " << json::write(v, {.indent = 0}).substr(0, 2000);
      return missing;
    }
  }
  return *here;
}

// The ceasefire example as the README uses it: the scenario without its
// preferences, and each party's preferences as its own body.
struct Example {
  std::string create_body;
  std::map<std::string, std::string> preferences;
};
Example ceasefire() {
  Result<json::Value> doc = json::parse(read_text(source_dir() + "/examples/ceasefire.json"), "ceasefire.json");
  Example e;
  json::Value scenario = json::Value::object();
  for (const auto& [key, value] : doc.value().members()) {
    if (key != "preferences") scenario.add(key, value);
  }
  e.create_body = json::write(json::Value::object().add("scenario", scenario), {.indent = 0});
  for (const auto& [party, prefs] : doc.value().find("preferences")->members()) {
    e.preferences[party] = json::write(prefs, {.indent = 0});
  }
  return e;
}

struct Room {
  std::string id, mediator, observer;
  std::map<std::string, std::string> party;
};
Room create_room(int port, const std::string& body) {
  HttpReply r = http(port, "POST", "/v1/rooms", "", body);
  EXPECT_EQ(r.status, 201) << r.body;
  json::Value v = parse(r);
  Room room{text_of(v, {"room"}), text_of(v, {"mediator_token"}), text_of(v, {"observer_token"}), {}};
  if (const json::Value* tokens = v.find("party_tokens")) {
    for (const auto& [p, t] : tokens->members()) room.party[p] = t.text();
  }
  return room;
}

// Every party submits the example's preferences; false (and a failure) unless each gets 200.
bool submit_preferences(int port, const Room& room, const Example& e) {
  bool all = true;
  for (const auto& [p, prefs] : e.preferences) {
    HttpReply r = http(port, "PUT", "/v1/rooms/" + room.id + "/preferences", room.party.at(p), prefs);
    EXPECT_EQ(r.status, 200) << p << ": " << r.body;
    all = all && r.status == 200;
  }
  return all;
}

std::string db_path(const std::string& stem) {
  const std::string path = temp_path(stem) + ".sqlite";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Rows of a table, read straight from the database file beside the server.
std::int64_t count_rows(const std::string& db, const std::string& table) {
  Result<std::unique_ptr<store::Database>> d = store::open_database(db, room::migrations());
  EXPECT_TRUE(d);
  if (!d) return -1;
  std::int64_t n = -1;
  d.value()->transaction([&](store::Session& s) { n = s.query("SELECT COUNT(*) FROM " + table)[0].integer(0); });
  return n;
}

std::size_t log_length(int port, const Room& room) {
  HttpReply r = http(port, "GET", "/v1/rooms/" + room.id + "/log", room.mediator);
  EXPECT_EQ(r.status, 200) << r.body;
  return parse(r).items().size();
}

TEST(ServeCli, PrintsWhereItListensAndStopsCleanlyOnSigterm) {
  const std::string db = db_path("serve-start");
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0) << server.first_line();
  EXPECT_EQ(server.first_line(), "listening on http://127.0.0.1:" + std::to_string(server.port()));
  const int status = server.kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The database was created and migrated.
  EXPECT_EQ(count_rows(db, "rooms"), 0);
  remove_db(db);
}

TEST(ServeCli, RefusesABadListenAddressAndAMissingAuditDatabase) {
  CommandResult r = run_binary("serve --listen nowhere --db /nonexistent-dir/x.sqlite");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("'nowhere' is not HOST:PORT"), std::string::npos) << r.err;
  CommandResult a = run_binary("audit /nonexistent-dir/rooms.sqlite r1");
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_NE(a.err.find("no such file"), std::string::npos) << a.err;
  EXPECT_FALSE(std::filesystem::exists("/nonexistent-dir/rooms.sqlite"));
}

// docs/cli.md: with --json, errors are also JSON on stdout. audit said why
// on stderr only, with nothing on stdout for a script to read.
TEST(ServeCli, AuditWithJsonAnswersItsErrorsInJson) {
  CommandResult a = run_binary("audit /nonexistent-dir/rooms.sqlite r1 --json");
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_EQ(a.err, "parley: /nonexistent-dir/rooms.sqlite: cannot open the file: no such file\n");
  json::Value v = parsed(a.out);
  EXPECT_EQ(compact(v.find("status")), "\"error\"");
  EXPECT_EQ(compact(v.find("file")), "\"/nonexistent-dir/rooms.sqlite\"");
  EXPECT_EQ(compact(v.find("message")), "\"cannot open the file: no such file\"");
  // A database without that room: the store's own message, in both forms.
  const std::string db = db_path("audit-json");
  ASSERT_EQ(run_binary("audit " + db + " r1").exit_code, 1);  // no file yet
  {
    ServeProcess server(db);  // creates and migrates it
    ASSERT_GT(server.port(), 0) << server.first_line();
    server.kill(SIGTERM);
  }
  CommandResult human = run_binary("audit " + db + " no-such-room");
  CommandResult machine = run_binary("audit " + db + " no-such-room --json");
  EXPECT_EQ(human.exit_code, 1);
  EXPECT_EQ(machine.exit_code, 1);
  EXPECT_EQ(machine.err, human.err);
  ASSERT_EQ(human.err.rfind("parley: ", 0), 0U) << human.err;
  json::Value room = parsed(machine.out);
  EXPECT_EQ(compact(room.find("status")), "\"error\"");
  EXPECT_EQ(compact(room.find("file")), "\"" + db + "\"");
  EXPECT_EQ("parley: " + room.find("message")->text() + "\n", human.err);
  remove_db(db);
  // A PostgreSQL URL names the database without its password.
  CommandResult pg = run_binary("audit postgresql://parley:s3cret@127.0.0.1:1/rooms r1 --json");
  EXPECT_EQ(pg.exit_code, 1);
  EXPECT_EQ(pg.out.find("s3cret"), std::string::npos) << pg.out;
  EXPECT_EQ(compact(parsed(pg.out).find("file")), "\"postgresql://parley:***@127.0.0.1:1/rooms\"");
}

// The PostgreSQL backend is a module loaded on the first postgresql:// URL:
// found beside the binary it connects (and fails on a port nobody listens
// on); named by PARLEY_POSTGRESQL_MODULE but missing, the command says so,
// without the password. SQLite needs no module.
TEST(ServeCli, LoadsThePostgresqlModuleOnlyForAPostgresqlUrl) {
  const std::string url = "postgresql://parley:s3cret@127.0.0.1:1/rooms";
  CommandResult found = run_binary("serve --db " + url);
  EXPECT_EQ(found.exit_code, 1);
  EXPECT_NE(found.err.find("cannot connect to the PostgreSQL database postgresql://parley:***@127.0.0.1:1/rooms"),
            std::string::npos)
      << found.err;
  const std::string env = "PARLEY_POSTGRESQL_MODULE=/nonexistent-dir/libparley_postgresql.so ";
  CommandResult missing = run_binary_with_env(env, "serve --db " + url);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("PostgreSQL support (libparley_postgresql.so) could not be loaded: "
                             "/nonexistent-dir/libparley_postgresql.so: cannot open shared object file"),
            std::string::npos)
      << missing.err;
  EXPECT_EQ(missing.err.find("s3cret"), std::string::npos) << missing.err;
  CommandResult sqlite = run_binary_with_env(env, "serve --listen nowhere --db /nonexistent-dir/x.sqlite");
  EXPECT_NE(sqlite.err.find("'nowhere' is not HOST:PORT"), std::string::npos) << sqlite.err;
}

// serve and audit run in a module of their own, found beside the binary
// (the tests above); a missing one is named, and the other commands do not
// need it.
TEST(ServeCli, SaysWhenTheServerModuleIsMissing) {
  const std::string env = "PARLEY_SERVE_MODULE=/nonexistent-dir/libparley_serve.so ";
  for (const std::string& command : {std::string("serve --listen nowhere"), std::string("audit /nonexistent-dir/r.sqlite r1")}) {
    CommandResult r = run_binary_with_env(env, command);
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_EQ(r.err, "parley: the server (libparley_serve.so) could not be loaded: /nonexistent-dir/libparley_serve.so: "
                     "cannot open shared object file: No such file or directory; install it beside the parley binary, "
                     "or name it in PARLEY_SERVE_MODULE\n")
        << command;
  }
  // audit --json says it on stdout too (docs/cli.md).
  CommandResult json = run_binary_with_env(env, "audit /nonexistent-dir/r.sqlite r1 --json");
  EXPECT_EQ(json.exit_code, 1);
  const json::Value v = parsed(json.out);
  EXPECT_EQ(compact(v.find("status")), "\"error\"");
  EXPECT_EQ("parley: " + (v.find("message") ? v.find("message")->text() : "") + "\n", json.err);
  CommandResult validate = run_binary_with_env(env, "validate examples/ceasefire.json");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
}

// The per-address limits are the server's options: one connection at a time
// here, and no request rate (as behind a proxy that limits per client).
TEST(ServeCli, TakesItsPerAddressLimitsFromTheCommandLine) {
  const std::string db = db_path("serve-limits");
  ServeProcess server(db, {"--address-connections", "1", "--address-rate", "0"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  HttpConnection held(server.port());
  ASSERT_EQ(held.request("GET", "/v1/rooms/nosuchroom", std::string(64, 'a')).status, 404);
  const HttpReply second = http(server.port(), "GET", "/v1/rooms/nosuchroom", std::string(64, 'a'));
  EXPECT_EQ(second.status, 503);
  EXPECT_NE(second.body.find("too many connections from this address at once"), std::string::npos) << second.body;
  // 150 requests at once on the one connection: past the default 50 a second
  // (bursts of 100), none refused.
  int refused = 0;
  for (int i = 0; i < 150; ++i) refused += held.request("GET", "/v1/rooms/nosuchroom", "").status == 429;
  EXPECT_EQ(refused, 0);
  CommandResult bad = run_binary("serve --address-rate -1");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--address-rate"), std::string::npos) << bad.err;
  remove_db(db);
}

// `parley audit` on a chain someone edited behind the server's back: exit 2,
// naming the first entry that no longer matches its hash.
TEST(ServeCli, AuditNamesTheFirstTamperedEntry) {
  const std::string db = db_path("serve-audit");
  const Example e = ceasefire();
  Room room;
  {
    ServeProcess server(db);
    ASSERT_GT(server.port(), 0);
    room = create_room(server.port(), e.create_body);
    ASSERT_TRUE(submit_preferences(server.port(), room, e));
  }
  CommandResult intact = run_binary("audit '" + db + "' '" + room.id + "'");
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("hash chain intact"), std::string::npos) << intact.out;
  {
    Result<std::unique_ptr<store::Database>> d = store::open_database(db, room::migrations());
    ASSERT_TRUE(d);
    d.value()->transaction([&](store::Session& s) {
      EXPECT_EQ(s.exec("UPDATE log SET actor = 'mallory' WHERE room = ? AND seq = 2", {room.id}), 1);
    });
  }
  CommandResult broken = run_binary("audit '" + db + "' '" + room.id + "'");
  EXPECT_EQ(broken.exit_code, 2) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("hash chain BROKEN at entry 2"), std::string::npos) << broken.out;
  CommandResult json_report = run_binary("audit --json '" + db + "' '" + room.id + "'");
  EXPECT_EQ(json_report.exit_code, 2);
  EXPECT_NE(json_report.out.find("\"intact\": false"), std::string::npos) << json_report.out;
  CommandResult unknown = run_binary("audit '" + db + "' no-such-room");
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
  remove_db(db);
}

// Receipts over HTTP and `parley audit --head`: GET /v1/rooms/ID's log_head,
// kept by a party, still matches after an honest session; once the log's
// last entry is cut, the audit says which check failed, in text and --json.
TEST(ServeCli, AuditChecksAReceiptFromGetRoomAndTheTables) {
  const std::string db = db_path("serve-receipt");
  const Example e = ceasefire();
  Room room;
  std::string receipt;
  {
    ServeProcess server(db);
    ASSERT_GT(server.port(), 0);
    room = create_room(server.port(), e.create_body);
    ASSERT_TRUE(submit_preferences(server.port(), room, e));
    const std::string base = "/v1/rooms/" + room.id;
    ASSERT_EQ(http(server.port(), "POST", base + "/proposals", room.mediator, R"({"method": "nash"})").status, 201);
    for (const std::string party : {"a", "b"}) {
      ASSERT_EQ(http(server.port(), "POST", base + "/proposals/1/responses", room.party.at(party),
                     R"({"response": "accept"})")
                    .status,
                200);
    }
    const json::Value view = parse(http(server.port(), "GET", base, room.party.at("a")));
    // 1 create, 2-3 preferences, 4 the proposal, 5-6 answers, 7 the agreement.
    EXPECT_EQ(text_of(view, {"log_head", "seq"}), "7");
    receipt = "7:" + text_of(view, {"log_head", "hash"});
  }
  const std::string args = "'" + db + "' '" + room.id + "' --head " + receipt;
  CommandResult ok = run_binary("audit " + args);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_EQ(ok.out, "room " + room.id + ": 7 entries in the log, hash chain intact, the receipt matches, tables match the log\n" +
                        "receipt for a later audit: --head " + receipt + "\n");

  {
    Result<std::unique_ptr<store::Database>> d = store::open_database(db, room::migrations());
    ASSERT_TRUE(d);
    d.value()->transaction([&](store::Session& s) {
      EXPECT_EQ(s.exec("DELETE FROM log WHERE room = ? AND seq = 7", {room.id}), 1);
    });
  }
  CommandResult cut = run_binary("audit '" + db + "' '" + room.id + "'");
  EXPECT_EQ(cut.exit_code, 2) << cut.out << cut.err;
  EXPECT_EQ(cut.out, "room " + room.id + ": the tables do NOT match the log: every party's acceptance of proposal 1 " +
                         "is in the table but not in the log (6 entries)\n");
  CommandResult with_receipt = run_binary("audit " + args);
  EXPECT_EQ(with_receipt.exit_code, 2);
  EXPECT_EQ(with_receipt.out, "room " + room.id + ": a receipt does NOT match: entry 7: missing, but a receipt " +
                                  "names it (the log ends at entry 6) (6 entries)\n");
  CommandResult report = run_binary("audit --json " + args);
  EXPECT_EQ(report.exit_code, 2);
  Result<json::Value> v = json::parse(report.out, "audit");
  ASSERT_TRUE(v) << report.out;
  EXPECT_EQ(text_of(v.value(), {"room"}), room.id);
  EXPECT_FALSE(at(v.value(), {"intact"}).as_bool());
  EXPECT_EQ(text_of(v.value(), {"entries"}), "6");
  EXPECT_EQ(text_of(v.value(), {"first_bad"}), "entry 7: missing, but a receipt names it (the log ends at entry 6)");
  EXPECT_TRUE(at(v.value(), {"chain_intact"}).as_bool());
  EXPECT_FALSE(at(v.value(), {"tables_match"}).as_bool());
  const json::Value& receipts = at(v.value(), {"receipts"});
  ASSERT_EQ(receipts.items().size(), 1u);
  EXPECT_EQ(text_of(receipts.items()[0], {"seq"}), "7");
  EXPECT_EQ("7:" + text_of(receipts.items()[0], {"hash"}), receipt);
  EXPECT_FALSE(at(receipts.items()[0], {"matches"}).as_bool());
  EXPECT_EQ(text_of(v.value(), {"head", "seq"}), "6");
  EXPECT_TRUE(at(v.value(), {"notes"}).items().empty());

  CommandResult malformed = run_binary("audit '" + db + "' '" + room.id + "' --head 7:abc");
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.err.find("'7:abc' is not a receipt SEQ:HASH"), std::string::npos) << malformed.err;
  remove_db(db);
}

// The README's session, pasted into bash against a server on a free port.
TEST(ServeReadme, TheCurlSessionRuns) {
  const std::string readme = read_text(source_dir() + "/README.md");
  const std::string marker = "<!-- room-session: run by ServeReadme.TheCurlSessionRuns -->\n```sh\n";
  const std::size_t start = readme.find(marker);
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = readme.find("\n```", start + marker.size());
  std::string session = readme.substr(start + marker.size(), end - start - marker.size() + 1);
  const std::string db = db_path("serve-readme");
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0);
  const std::string where = "127.0.0.1:8080";
  ASSERT_NE(session.find(where), std::string::npos);
  session.replace(session.find(where), where.size(), "127.0.0.1:" + std::to_string(server.port()));
  const std::string script = temp_path("serve-readme") + ".sh";
  std::ofstream(script) << "set -euo pipefail\n" << session << "echo \"ROOM=$ROOM\"\n";
  CommandResult r = run_binary("--version >/dev/null && bash '" + script + "'");
  std::filesystem::remove(script);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // The agreement came back, with its certificate and B's utility only.
  EXPECT_NE(r.out.find("\"certificate\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("party a updated their preferences"), std::string::npos) << r.out;
  const std::size_t at = r.out.rfind("ROOM=");
  ASSERT_NE(at, std::string::npos);
  const std::string room = r.out.substr(at + 5, r.out.find('\n', at) - at - 5);
  server.kill(SIGTERM);
  CommandResult audit = run_binary("audit '" + db + "' '" + room + "'");
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  EXPECT_NE(audit.out.find("hash chain intact"), std::string::npos) << audit.out;
  remove_db(db);
}

TEST(ServeBadInput, EachIsAClear4xxAndNothingIsStored) {
  const std::string db = db_path("serve-bad");
  ServeProcess server(db);
  const int port = server.port();
  ASSERT_GT(port, 0);
  const Example e = ceasefire();
  const Room room = create_room(port, e.create_body);
  const Room other = create_room(port, e.create_body);
  ASSERT_FALSE(room.id.empty());
  ASSERT_EQ(count_rows(db, "rooms"), 2);
  const std::size_t entries = log_length(port, room);
  const std::string a = room.party.at("a");
  const std::string base = "/v1/rooms/" + room.id;

  auto expect = [&](int status, const HttpReply& r, const std::string& what, const std::string& pointer = "") {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    json::Value v = parse(r);
    EXPECT_FALSE(text_of(v, {"error"}).empty()) << what << ": " << r.body;
    ASSERT_TRUE(v.find("errors") && v.find("errors")->is_array()) << what << ": " << r.body;
    if (!pointer.empty()) {
      bool found = false;
      for (const json::Value& item : v.find("errors")->items()) found = found || text_of(item, {"pointer"}) == pointer;
      EXPECT_TRUE(found) << what << ": no error at " << pointer << " in " << r.body;
    }
  };
  // Malformed JSON and nesting past 64 levels: 400.
  expect(400, http(port, "POST", "/v1/rooms", "", R"({"scenario": {"parley": 1,)"), "truncated JSON");
  expect(400, http(port, "PUT", base + "/preferences", a, "{'weights': 1}"), "single quotes");
  expect(400, http(port, "PUT", base + "/preferences", a, std::string(70, '[') + std::string(70, ']')), "deep arrays");
  expect(400, http(port, "POST", "/v1/rooms", "", R"({"scenario": )" + std::string(65, '[') + std::string(65, ']') + "}"),
         "deep scenario");
  // Wrong types: 422 with a pointer into the body.
  expect(422, http(port, "POST", "/v1/rooms", "", R"({"scenario": 5})"), "scenario a number", "/scenario");
  expect(422, http(port, "PUT", base + "/preferences", a, R"({"weights": "heavy"})"), "weights a string", "/weights");
  expect(422, http(port, "PUT", base + "/preferences", a, R"({"weights": {"r99": 1}})"), "unknown issue",
         "/weights/r99");
  expect(422, http(port, "POST", base + "/proposals", room.mediator, R"({"method": 7})"), "method a number",
         "/method");
  // Unknown rooms and proposals: 404.
  expect(404, http(port, "GET", "/v1/rooms/no-such-room", a), "unknown room");
  expect(404, http(port, "POST", base + "/proposals/999/responses", a, R"({"response": "accept"})"),
         "unknown proposal");
  // Tokens: missing, truncated, extended, another room's (a replay), another scheme: 401.
  expect(401, http(port, "GET", base, ""), "no token");
  expect(401, http(port, "GET", base, a.substr(0, a.size() - 1)), "truncated token");
  expect(401, http(port, "GET", base, a + "0"), "extended token");
  expect(401, http(port, "GET", base, other.party.at("a")), "another room's party token");
  expect(401, http(port, "GET", base, other.mediator), "another room's mediator token");
  expect(401, http(port, "GET", base, "", "", {"Authorization: Basic " + a}), "not a bearer token");
  // A role outside its rights: 403.
  expect(403, http(port, "PUT", base + "/preferences", room.observer, e.preferences.at("a")), "observer writes");
  expect(403, http(port, "PUT", base + "/preferences", room.mediator, e.preferences.at("a")), "mediator as party");
  expect(403, http(port, "POST", base + "/proposals", a, R"({"method": "nash"})"), "party proposes");
  // A method before every party has preferences: 409.
  expect(409, http(port, "POST", base + "/proposals", room.mediator, R"({"method": "nash"})"), "nash too early");
  // Over 4 MiB: 413, declared or not.
  std::string big = R"({"weights": {"r1": 1}, "pad": ")" + std::string(4u << 20, 'x') + "\"}";
  expect(413, http(port, "PUT", base + "/preferences", a, big), "4 MiB preferences");
  expect(413, http(port, "POST", "/v1/rooms", "", big), "4 MiB room");
  {
    HttpConnection c(port);
    std::string chunked = "PUT " + base + "/preferences HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + a +
                          "\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i) chunked += "100000\r\n" + std::string(1u << 20, ' ') + "\r\n";
    c.send_raw(chunked + "0\r\n\r\n");
    expect(413, c.read_reply(), "5 MiB chunked");
  }
  // Nothing of it was stored: the same two rooms, the same log.
  EXPECT_EQ(count_rows(db, "rooms"), 2);
  EXPECT_EQ(log_length(port, room), entries);
  HttpReply own = http(port, "GET", base, a);
  ASSERT_EQ(own.status, 200);
  const json::Value own_view = parse(own);  // kept: find() points into it
  const json::Value* prefs = own_view.find("preferences");
  EXPECT_TRUE(prefs == nullptr || prefs->is_null()) << own.body;
  // Past 20 requests a second with one token: 429, and the others are unaffected.
  HttpConnection c(port);
  int limited = 0;
  for (int i = 0; i < 40; ++i) limited += c.request("GET", base, room.observer).status == 429;
  EXPECT_GE(limited, 10);
  EXPECT_EQ(http(port, "GET", base, a).status, 200);
  HttpReply slow = http(port, "GET", base, room.observer);
  if (slow.status == 429) expect(429, slow, "rate limit");
  remove_db(db);
}

// Writes acknowledged with a 2xx survive SIGKILL at any moment, and the chain
// stays intact. Two writers (party a answering, party b updating its
// preferences) stream writes; the server is killed at a random moment, then
// restarted on the same file, several rounds.
TEST(ServeCrashSafety, AcknowledgedWritesSurviveSigkill) {
  const std::string db = db_path("serve-crash");
  const Example e = ceasefire();
  Room room;
  std::string proposal;
  {
    ServeProcess server(db);
    ASSERT_GT(server.port(), 0);
    room = create_room(server.port(), e.create_body);
    ASSERT_TRUE(submit_preferences(server.port(), room, e));
    HttpReply made = http(server.port(), "POST", "/v1/rooms/" + room.id + "/proposals", room.mediator,
                          R"({"method": "nash"})");
    ASSERT_EQ(made.status, 201) << made.body;
    const json::Value made_json = parse(made);
    proposal = at(made_json, {"proposal"}).text();
    ASSERT_FALSE(proposal.empty());
  }
  std::mt19937 random(20261206);
  int acknowledged_total = 0;
  for (int round = 0; round < 6; ++round) {
    ServeProcess server(db);
    const int port = server.port();
    ASSERT_GT(port, 0) << "round " << round << ": " << server.first_line();
    std::atomic<bool> stop{false};
    std::atomic<int> last_comment{-1}, last_reservation{-1}, acknowledged{0};
    // Each write carries its index: a comment, or a reservation of 0.3 + index / 10^6.
    std::thread answering([&] {
      for (int i = 0; !stop; ++i) {
        const std::string body = R"({"response": "reject", "comment": "round )" + std::to_string(round) + " write " +
                                 std::to_string(i) + "\"}";
        HttpReply r = http(port, "POST", "/v1/rooms/" + room.id + "/proposals/" + proposal + "/responses",
                           room.party.at("a"), body);
        if (r.status == 200) {
          last_comment = i;
          ++acknowledged;
        }
        std::this_thread::sleep_for(55ms);  // under the rate limit
      }
    });
    std::thread updating([&] {
      Result<json::Value> prefs = json::parse(e.preferences.at("b"), "b");
      for (int i = 0; !stop; ++i) {
        json::Value p = json::Value::object();
        for (const auto& [k, v] : prefs.value().members()) {
          p.add(k, k == "reservation" ? json::Value::number_text("0.3" + std::string(6 - std::to_string(i).size(), '0') +
                                                                 std::to_string(i))
                                      : v);
        }
        HttpReply r = http(port, "PUT", "/v1/rooms/" + room.id + "/preferences", room.party.at("b"),
                           json::write(p, {.indent = 0}));
        if (r.status == 200) {
          last_reservation = i;
          ++acknowledged;
        }
        std::this_thread::sleep_for(55ms);
      }
    });
    // The random moment counts from the first acknowledged write: under the
    // sanitizers on a loaded machine the first one can take longer than the
    // shortest delay, and a round that wrote nothing tests nothing.
    const auto first_wait = std::chrono::steady_clock::now() + 30s;
    while (acknowledged == 0 && std::chrono::steady_clock::now() < first_wait) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 900)(random)));
    server.kill(SIGKILL);
    stop = true;
    answering.join();
    updating.join();
    acknowledged_total += acknowledged;
    ASSERT_GT(acknowledged.load(), 0) << "round " << round << " wrote nothing before the kill";

    // Restarted: the last acknowledged write of each writer is there (or a
    // later one, committed just before the kill but never answered).
    ServeProcess again(db);
    ASSERT_GT(again.port(), 0);
    HttpReply seen_a = http(again.port(), "GET", "/v1/rooms/" + room.id, room.party.at("a"));
    ASSERT_EQ(seen_a.status, 200);
    const json::Value room_a = parse(seen_a);
    const std::string comment = [&] {
      for (const json::Value& p : at(room_a, {"proposals"}).items()) {
        if (text_of(p, {"proposal"}) == proposal) return text_of(p, {"responses", "a", "comment"});
      }
      return std::string();
    }();
    const std::string prefix = "round " + std::to_string(round) + " write ";
    ASSERT_EQ(comment.rfind(prefix, 0), 0u) << comment;
    EXPECT_GE(std::stoi(comment.substr(prefix.size())), last_comment.load()) << "round " << round;
    HttpReply seen_b = http(again.port(), "GET", "/v1/rooms/" + room.id, room.party.at("b"));
    ASSERT_EQ(seen_b.status, 200) << seen_b.body;
    const json::Value room_b = parse(seen_b);
    const std::string reservation = at(room_b, {"preferences", "reservation"}).text();
    if (last_reservation >= 0) {
      ASSERT_EQ(reservation.rfind("0.3", 0), 0u) << reservation;
      EXPECT_GE(std::stoi(reservation.substr(3)), last_reservation.load()) << "round " << round;
    }
    again.kill(SIGTERM);
    // Every acknowledged write is an entry of an intact chain.
    CommandResult audit = run_binary("audit --json '" + db + "' '" + room.id + "'");
    EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
    Result<json::Value> report = json::parse(audit.out, "audit");
    ASSERT_TRUE(report) << audit.out;
    EXPECT_TRUE(at(report.value(), {"intact"}).as_bool());
    EXPECT_GE(std::stoll("0" + at(report.value(), {"entries"}).text()), acknowledged_total + 4) << "round " << round;
  }
  remove_db(db);
}

// Marker values in party a's preferences (shared with no one) never appear in
// the bytes anyone else receives, through any endpoint, the event stream, an
// error message, or the server's log. Party a itself sees them (the control).
TEST(ServeLeakage, OnePartysPreferencesReachNoOtherCaller) {
  const std::string db = db_path("serve-leak");
  const std::string log_file = temp_path("serve-leak") + ".log";
  ServeProcess server(db, {}, log_file);
  const int port = server.port();
  ASSERT_GT(port, 0);
  const Example e = ceasefire();
  const Room room = create_room(port, e.create_body);
  const std::string base = "/v1/rooms/" + room.id;
  const std::vector<std::string> markers = {"12.3141592", "0.4471828", "0.3926535", "0.7182818"};
  std::string prefs_a = e.preferences.at("a");
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = prefs_a.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    prefs_a.replace(at, from.size(), to);
  };
  replace(R"("r1":12)", R"("r1":)" + markers[0]);
  replace(R"("reservation":0.45)", R"("reservation":)" + markers[1]);
  replace(R"("third_party":0.3)", R"("third_party":)" + markers[2]);
  replace(R"("joint":0.3)", R"("joint":)" + markers[3]);

  // Everything each caller other than a receives, as raw bytes.
  std::map<std::string, std::string> others = {{"mediator", room.mediator}, {"b", room.party.at("b")},
                                               {"observer", room.observer}};
  std::map<std::string, std::string> received;
  std::string received_by_a;
  auto as = [&](const std::string& who, const std::string& method, const std::string& path,
                const std::string& body = "") {
    HttpReply r = http(port, method, path, who == "a" ? room.party.at("a") : others.at(who), body);
    (who == "a" ? received_by_a : received[who]) += r.raw;
    return r;
  };
  // Event streams open before anything is written, read at the end.
  std::map<std::string, std::unique_ptr<HttpConnection>> streams;
  for (const auto& [who, token] : others) {
    streams[who] = std::make_unique<HttpConnection>(port);
    streams[who]->send_raw("GET " + base + "/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                           "\r\nAccept: text/event-stream\r\n\r\n");
  }

  ASSERT_EQ(as("a", "PUT", base + "/preferences", prefs_a).status, 200);
  ASSERT_EQ(as("b", "PUT", base + "/preferences", e.preferences.at("b")).status, 200);
  // Attempts that fail must not quote a's values either.
  as("b", "PUT", base + "/preferences", R"({"weights": {"r1": )" + markers[0] + R"(, "r99": 1}})");
  as("mediator", "PUT", base + "/preferences", prefs_a);
  as("observer", "POST", base + "/proposals", R"({"method": "nash"})");
  as("mediator", "GET", base + "/preferences");
  as("mediator", "GET", base + "/agreement");
  HttpReply proposed = as("mediator", "POST", base + "/proposals", R"({"method": "nash"})");
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const json::Value proposed_json = parse(proposed);
  const std::string n = at(proposed_json, {"proposal"}).text();
  as("mediator", "POST", base + "/proposals", R"({"outcome": {"r1": "a", "monitoring": "third_party"}})");
  as("mediator", "POST", base + "/proposals", R"({"outcome": {"r1": "nobody"}})");
  ASSERT_EQ(as("a", "POST", base + "/proposals/" + n + "/responses", R"({"response": "accept"})").status, 200);
  ASSERT_EQ(as("b", "POST", base + "/proposals/" + n + "/responses", R"({"response": "accept"})").status, 200);
  as("b", "POST", base + "/proposals/" + n + "/responses", R"({"response": "maybe"})");
  for (const auto& [who, token] : others) {
    as(who, "GET", base);
    as(who, "GET", base + "/log");
    as(who, "GET", base + "/events?after=0");
    EXPECT_EQ(as(who, "GET", base + "/agreement").status, 200) << who;
  }
  as("mediator", "POST", base + "/improve", "{}");
  as("mediator", "POST", base + "/agreed", R"({"issue": "r1", "value": "a"})");
  for (const auto& [who, token] : others) as(who, "GET", base);

  // The control: a sees its own values, so the markers would be found.
  HttpReply own = as("a", "GET", base);
  for (const std::string& m : markers) EXPECT_NE(received_by_a.find(m), std::string::npos) << m;
  EXPECT_NE(parse(own).find("utilities"), nullptr) << own.body;

  std::this_thread::sleep_for(600ms);  // a few polls of the streams
  for (auto& [who, stream] : streams) {
    const std::string got = stream->read_some(300ms);
    EXPECT_NE(got.find("data: "), std::string::npos) << who << " got no events: " << got;
    received[who] += got;
  }
  streams.clear();
  for (const auto& [who, bytes] : received) {
    for (const std::string& m : markers) EXPECT_EQ(bytes.find(m), std::string::npos) << who << " received " << m;
  }
  // Nobody else gets a utility of a's: b's view names only b, the
  // mediator's and the observer's none, in the room and the agreement.
  for (const auto& [who, token] : others) {
    json::Value seen = parse(http(port, "GET", base, token));
    const json::Value* utilities = seen.find("utilities");
    if (who == "b") {
      ASSERT_NE(utilities, nullptr);
      EXPECT_EQ(utilities->find("a"), nullptr) << json::write(*utilities);
    } else {
      EXPECT_TRUE(utilities == nullptr || utilities->is_null()) << who;
    }
    // "preferences" is the caller's own: b's (r1 weighs 4 there), nobody's for the others.
    const json::Value* prefs = seen.find("preferences");
    if (who == "b") {
      EXPECT_EQ(text_of(seen, {"preferences", "weights", "r1"}), "4");
    } else {
      EXPECT_TRUE(prefs == nullptr || prefs->is_null()) << who;
    }
  }
  server.kill(SIGTERM);
  const std::string log = read_text(log_file);
  EXPECT_NE(log.find("PUT " + base + "/preferences 200"), std::string::npos) << log;
  for (const std::string& m : markers) EXPECT_EQ(log.find(m), std::string::npos) << "the log has " << m;
  for (const auto& [who, token] : others) EXPECT_EQ(log.find(token), std::string::npos) << "the log has a token";
  std::filesystem::remove(log_file);
  remove_db(db);
}

}  // namespace
}  // namespace parley::test
