// `parley audit`'s replay and receipts (room::audit), on SQLite and on
// PostgreSQL: a room after a full session (preferences given with the
// scenario and entered again, shared fields, hand, method and improvement
// proposals, answers replaced, an agreement, a locked term, the scenario's
// own agreed term; open and blind) audits intact; cutting the log's last
// entries, or editing a row beside the log, is named with its entry; cutting
// entries together with their rows is caught only by a receipt taken before,
// which every role gets as GET /v1/rooms/ID's "log_head".
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "parley/io/json.h"
#include "parley/room/log.h"
#include "parley/room/rooms.h"
#include "parley/store/database.h"
#include "pg_cluster.h"
#include "room_fixtures.h"
#include "test_support.h"

namespace parley::test {
namespace {

using json::Value;
using room::AuditReport;
using room::Receipt;

// Two parties; the scenario gives a's preferences and agrees "monitoring".
constexpr const char* kScenario = R"({"parley": 1, "title": "Audit test",
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [{"id": "house", "kind": "item"}, {"id": "car", "kind": "item"},
             {"id": "savings", "kind": "share", "step": 0.1},
             {"id": "monitoring", "kind": "choice", "options": ["none", "joint"]}],
  "agreed": {"monitoring": "joint"},
  "preferences": {"a": {"weights": {"house": 0.1, "car": 0.5, "savings": 0.3, "monitoring": 0.1}}}})";
constexpr const char* kPrefsA =
    R"({"weights": {"house": 0.1, "car": 0.5, "savings": 0.3, "monitoring": 0.1}, "reservation": 0.2, "share": ["values"]})";
constexpr const char* kPrefsB =
    R"({"weights": {"house": 0.6, "car": 0.1, "savings": 0.2, "monitoring": 0.1}, "share": ["weights"]})";
// Each party gets what it cares for least: the swap is better for both.
constexpr const char* kHand = R"({"outcome": {"house": "a", "car": "b", "savings": {"a": 0.5, "b": 0.5}}})";

class RoomAudit : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      PgCluster* pg = PgCluster::get();
      if (pg == nullptr) GTEST_SKIP() << PgCluster::unavailable();
      ASSERT_EQ(pg->error(), "");
      where_ = pg->create_database();
      ASSERT_NE(where_, "");
    } else {
      where_ = temp_path("room-audit") + ".sqlite";
      remove_files();
    }
    Result<std::unique_ptr<store::Database>> db = store::open_database(where_, room::migrations());
    ASSERT_TRUE(db) << db.errors()[0].message;
    db_ = std::move(db).value();
    rooms_ = std::make_unique<room::Rooms>(*db_, room::Options{.solve_time_limit = 20});
  }
  void TearDown() override {
    rooms_.reset();
    db_.reset();
    if (GetParam() == "sqlite") remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(where_ + suffix);
  }

  room::Response call(const std::string& method, const std::string& rest, const std::string& who,
                      const std::string& body = "") {
    return rooms_->handle({method, "/v1/rooms/" + room_ + rest, {}, tokens_[who], body});
  }
  void expect(int status, const std::string& method, const std::string& rest, const std::string& who,
              const std::string& body = "") {
    const room::Response r = call(method, rest, who, body);
    EXPECT_EQ(r.status, status) << method << " " << rest << " by " << who << ": " << r.body;
  }
  Value get(const std::string& who, const std::string& rest = "") {
    const room::Response r = call("GET", rest, who);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse_or_fail(r);
  }

  void create(bool blind) {
    const room::Response made = rooms_->handle(
        {"POST", "/v1/rooms", {}, "", std::string(R"({"scenario": )") + kScenario + ", \"blind\": " +
                                          (blind ? "true" : "false") + "}"});
    ASSERT_EQ(made.status, 201) << made.body;
    const Value v = parse_or_fail(made);
    room_ = at(v, "room").text();
    tokens_["mediator"] = at(v, "mediator_token").text();
    tokens_["observer"] = at(v, "observer_token").text();
    for (const auto& [party, t] : at(v, "party_tokens").members()) tokens_[party] = t.text();
  }

  // Thirteen entries: 1 create, 2 a's preferences (with the scenario), 3 b's,
  // 4 a's again, 5 proposal 1 (by hand), 6-7 a rejects then accepts, 8 b
  // accepts, 9 the agreement, 10 savings locked, 11 proposal 2 (improve),
  // 12 proposal 3 (nash), 13 b rejects it.
  void session(bool blind, int entries = 13) {
    create(blind);
    expect(200, "PUT", "/preferences", "b", kPrefsB);
    expect(200, "PUT", "/preferences", "a", kPrefsA);
    expect(201, "POST", "/proposals", "mediator", kHand);
    expect(200, "POST", "/proposals/1/responses", "a", R"({"response": "reject", "rating": 0.3, "comment": "not yet"})");
    expect(200, "POST", "/proposals/1/responses", "a", R"({"response": "accept", "rating": 0.80})");
    expect(200, "POST", "/proposals/1/responses", "b", R"({"response": "accept"})");
    if (entries == 9) return;
    expect(200, "POST", "/agreed", "mediator", R"({"issue": "savings", "value": {"a": 0.5, "b": 0.5}})");
    const room::Response better = call("POST", "/improve", "mediator");
    ASSERT_EQ(better.status, 200) << better.body;
    ASSERT_EQ(at(parse_or_fail(better), "proposal").text(), "2");  // the swap: an entry and a row to check
    expect(201, "POST", "/proposals", "mediator", R"({"method": "nash"})");
    expect(200, "POST", "/proposals/3/responses", "b", R"({"response": "reject", "comment": "no"})");
  }

  AuditReport audit(const std::vector<Receipt>& receipts = {}) {
    Result<AuditReport> r = room::audit(*db_, room_, receipts);
    EXPECT_TRUE(r) << (r ? "" : r.errors()[0].message);
    return r ? r.value() : AuditReport{.intact = false, .first_bad = "no report"};
  }
  void exec(const std::string& sql, const std::vector<store::Param>& params) {
    db_->transaction([&](store::Session& s) { EXPECT_GE(s.exec(sql, params), 1) << sql; });
  }
  std::optional<std::string> cell(const std::string& sql, const std::vector<store::Param>& params) {
    std::vector<store::Row> rows;
    db_->transaction([&](store::Session& s) { rows = s.query(sql, params); });
    EXPECT_EQ(rows.size(), 1u) << sql;
    return rows.empty() ? std::nullopt : rows[0].cells[0];
  }
  // The last entry of the log as `who` sees it, as a receipt.
  Receipt last_entry(const std::string& who) {
    const Value log = get(who, "/log");
    if (log.items().empty()) return {};
    const Value& e = log.items().back();
    return {std::stoll(at(e, "seq").text()), at(e, "hash").text()};
  }

  std::string where_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<room::Rooms> rooms_;
  std::string room_;
  std::map<std::string, std::string> tokens_;
};

TEST_P(RoomAudit, AnUntouchedRoomAuditsIntactAfterAFullSession) {
  for (const bool blind : {false, true}) {
    session(blind);
    const AuditReport r = audit();
    EXPECT_TRUE(r.intact) << r.first_bad;
    EXPECT_EQ(r.first_bad, "");
    EXPECT_TRUE(r.chain_intact);
    EXPECT_EQ(r.tables_match, std::optional<bool>(true)) << blind;
    EXPECT_EQ(r.entries, 13);
    EXPECT_TRUE(r.notes.empty()) << r.notes[0];
    ASSERT_TRUE(r.head);
    const Receipt last = last_entry("observer");
    EXPECT_EQ(r.head->seq, 13);
    EXPECT_EQ(r.head->hash, last.hash);
    // The session did what the replay checks: both rooms agreed on
    // proposal 1, the improvement is a proposal, answers were replaced.
    const Value room = get("observer");
    EXPECT_EQ(at(room, "status").text(), "agreed");
    EXPECT_EQ(at(room, "round").text(), "3");
    EXPECT_EQ(at(at(room, "proposals").items().at(1), "method").text(), "improve");
    EXPECT_EQ(at(at(room, "agreed"), "monitoring").text(), "joint");
    EXPECT_EQ(cell("SELECT rating FROM responses WHERE room = ? AND proposal = 1 AND party = 'a'", {room_}),
              std::optional<std::string>("0.80"));
  }
}

TEST_P(RoomAudit, GetRoomGivesEveryRoleTheLastLogEntryAsAReceipt) {
  session(false);
  for (const std::string who : {"a", "b", "mediator", "observer"}) {
    const Value head = at(get(who), "log_head");
    const Receipt last = last_entry(who);
    EXPECT_EQ(at(head, "seq").text(), "13") << who;
    EXPECT_EQ(at(head, "seq").text(), std::to_string(last.seq)) << who;
    EXPECT_EQ(at(head, "hash").text(), last.hash) << who;
    EXPECT_EQ(at(head, "hash").text().size(), 64u) << who;
  }
  // A write moves it on; the receipt still checks.
  const Receipt before = last_entry("a");
  expect(200, "POST", "/proposals/3/responses", "a", R"({"response": "reject"})");
  const Value head = at(get("b"), "log_head");
  EXPECT_EQ(at(head, "seq").text(), "14");
  EXPECT_NE(at(head, "hash").text(), before.hash);
  const AuditReport r = audit({before, {14, at(head, "hash").text()}});
  EXPECT_TRUE(r.intact) << r.first_bad;
  ASSERT_EQ(r.receipts.size(), 2u);
  EXPECT_TRUE(r.receipts[0].matches);
  EXPECT_TRUE(r.receipts[1].matches);
}

TEST_P(RoomAudit, CuttingTheLogsLastEntriesIsCaughtByTheReplay) {
  session(false);
  ASSERT_TRUE(audit().intact);
  exec("DELETE FROM log WHERE room = ? AND seq = 13", {room_});
  AuditReport r = audit();
  EXPECT_FALSE(r.intact);
  EXPECT_TRUE(r.chain_intact);  // the chain alone cannot tell
  EXPECT_EQ(r.tables_match, std::optional<bool>(false));
  EXPECT_EQ(r.entries, 12);
  EXPECT_EQ(r.first_bad, "party b's response to proposal 3 is in the table but not in the log");
  exec("DELETE FROM log WHERE room = ? AND seq = 12", {room_});
  // Proposal 3's row is still there, and the room's round is 3; by the log,
  // proposal 2 (entry 11) was the last.
  EXPECT_EQ(audit().first_bad, "entry 11: the room's round in the table differs from the log");

  // A room whose last entry is its agreement.
  session(false, 9);
  ASSERT_TRUE(audit().intact);
  exec("DELETE FROM log WHERE room = ? AND seq = 9", {room_});
  r = audit();
  EXPECT_EQ(r.first_bad, "every party's acceptance of proposal 1 is in the table but not in the log");
  EXPECT_EQ(r.entries, 8);
  exec("DELETE FROM log WHERE room = ? AND seq = 8", {room_});
  EXPECT_EQ(audit().first_bad, "party b's response to proposal 1 is in the table but not in the log");
}

TEST_P(RoomAudit, CuttingEntriesWithTheirRowsIsCaughtByAReceiptTakenBefore) {
  session(false);
  // Receipts: the observer's log_head (entry 13), and hashes from the log.
  const Receipt thirteen = {13, at(at(get("observer"), "log_head"), "hash").text()};
  ASSERT_EQ(last_entry("a").hash, thirteen.hash);
  const Value log = get("observer", "/log");
  const Receipt receipt11 = {11, at(log.items().at(10), "hash").text()};
  const Receipt receipt12 = {12, at(log.items().at(11), "hash").text()};
  // Proposal 3 and b's answer to it removed everywhere, the round put back.
  db_->transaction([&](store::Session& s) {
    EXPECT_EQ(s.exec("DELETE FROM log WHERE room = ? AND seq >= 12", {room_}), 2);
    EXPECT_EQ(s.exec("DELETE FROM responses WHERE room = ? AND proposal = 3", {room_}), 1);
    EXPECT_EQ(s.exec("DELETE FROM proposals WHERE room = ? AND n = 3", {room_}), 1);
    EXPECT_EQ(s.exec("UPDATE rooms SET round = 2 WHERE id = ?", {room_}), 1);
  });
  // Consistent, so the chain and the replay both hold: only a receipt knows.
  AuditReport r = audit();
  EXPECT_TRUE(r.intact) << r.first_bad;
  EXPECT_EQ(r.head->seq, 11);
  r = audit({receipt11});
  EXPECT_TRUE(r.intact) << r.first_bad;
  r = audit({receipt11, thirteen});
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad, "entry 13: missing, but a receipt names it (the log ends at entry 11)");
  EXPECT_TRUE(r.chain_intact);
  EXPECT_EQ(r.tables_match, std::optional<bool>(true));
  ASSERT_EQ(r.receipts.size(), 2u);
  EXPECT_TRUE(r.receipts[0].matches);
  EXPECT_FALSE(r.receipts[1].matches);
  EXPECT_EQ(r.receipts[1].receipt.hash, thirteen.hash);

  // A new entry 12 appended in its place, with a valid hash (nothing secret
  // goes into one): the chain holds, the receipt for entry 12 does not.
  db_->transaction([&](store::Session& s) {
    room::room_log::append(s, room_, {"mediator", "improve", "nothing found", "nothing found", ""},
                           "2026-01-01T00:00:00.000Z");
  });
  r = audit({receipt12});
  EXPECT_TRUE(r.chain_intact);
  EXPECT_EQ(r.first_bad, "entry 12: its hash is not the one on the receipt");
  EXPECT_EQ(audit({{99, receipt12.hash}}).first_bad, "entry 99: missing, but a receipt names it (the log ends at entry 12)");
}

TEST_P(RoomAudit, EditingARowBesideTheLogIsNamedWithItsEntry) {
  session(true);
  ASSERT_TRUE(audit().intact);
  const std::string swap = *cell("SELECT outcome FROM proposals WHERE room = ? AND n = 2", {room_});
  // Each row edited alone, its table column put back after: UPDATE t SET column = ? WHERE ...
  const std::vector<std::tuple<std::string, std::string, std::string, store::Param, std::string>> edits = {
      {"proposals", "outcome", "room = ? AND n = 1", swap, "entry 5: proposal 1's outcome in the table differs from the log"},
      {"proposals", "method", "room = ? AND n = 2", std::string("nash"),
       "entry 11: proposal 2's method in the table differs from the log"},
      {"proposals", "time", "room = ? AND n = 3", std::string("2020-01-01T00:00:00.000Z"),
       "entry 12: proposal 3's time in the table differs from the log"},
      {"responses", "response", "room = ? AND proposal = 3 AND party = 'b'", std::string("accept"),
       "entry 13: party b's response to proposal 3 in the table differs from the log"},
      {"responses", "rating", "room = ? AND proposal = 1 AND party = 'a'", std::string("0.3"),
       "entry 7: the rating in party a's response to proposal 1 in the table differs from the log"},
      {"responses", "comment", "room = ? AND proposal = 1 AND party = 'a'", std::string("not yet"),
       "entry 7: the comment in party a's response to proposal 1 in the table differs from the log"},
      {"agreed", "value", "room = ? AND issue = 'savings'", std::string(R"({"a":1,"b":0})"),
       "entry 10: the agreed value of savings in the table differs from the log"},
      {"agreed", "value", "room = ? AND issue = 'monitoring'", std::string(R"("none")"),
       "entry 1: the agreed value of monitoring in the table differs from the log"},
      {"preferences", "body", "room = ? AND party = 'a'", std::string(R"({"weights": {"house": 1}})"),
       "entry 4: party a's preferences in the table differ from the log"},
      {"preferences", "shared", "room = ? AND party = 'b'", std::string("[]"),
       "entry 3: the fields party b shared in the table differ from the log"},
      {"rooms", "blind", "id = ?", std::int64_t{0}, "entry 1: the room's blind mode in the table differs from the log"},
      {"rooms", "status", "id = ?", std::string("open"), "entry 9: the room's status in the table differs from the log"},
  };
  for (const auto& [table, column, where, value, expected] : edits) {
    const std::string select = "SELECT " + column + " FROM " + table + " WHERE " + where;
    const std::optional<std::string> before = cell(select, {room_});
    exec("UPDATE " + table + " SET " + column + " = ? WHERE " + where, {value, room_});
    const AuditReport r = audit();
    EXPECT_FALSE(r.intact) << table << "." << column;
    EXPECT_TRUE(r.chain_intact);
    EXPECT_EQ(r.first_bad, expected) << table << "." << column;
    const store::Param back = column == "blind" ? store::Param(std::int64_t{1})
                              : before          ? store::Param(*before)
                                                : store::Param(nullptr);
    exec("UPDATE " + table + " SET " + column + " = ? WHERE " + where, {back, room_});
    EXPECT_TRUE(audit().intact) << "after putting back " << table << "." << column << ": " << audit().first_bad;
  }

  // Rows added or removed beside the log.
  exec("INSERT INTO proposals (room, n, time, method, outcome) VALUES (?, 4, 'x', NULL, ?)", {room_, swap});
  EXPECT_EQ(audit().first_bad, "proposal 4 is in the table but not in the log");
  exec("DELETE FROM proposals WHERE room = ? AND n = 4", {room_});
  exec("DELETE FROM agreed WHERE room = ? AND issue = 'savings'", {room_});
  EXPECT_EQ(audit().first_bad, "entry 10: the agreed term savings is in the log but not in the table");
}

// A room whose creation entry was written before it recorded the scenario's
// agreed terms (entry 1 rewritten so, and the chain rehashed after it):
// still auditable, with a note naming the term it cannot check.
TEST_P(RoomAudit, ARoomFromBeforeTheReplayAuditsWithANoteOnWhatItCannotProve) {
  session(false, 9);
  db_->transaction([&](store::Session& s) {
    std::string prev = room::room_log::kGenesis;
    for (const store::Row& r :
         s.query("SELECT seq, time, actor, action, detail FROM log WHERE room = ? ORDER BY seq", {room_})) {
      std::string detail = r.text(4);
      if (r.integer(0) == 1) {
        Value sealed = parse_json_or_fail(0, detail);
        Value inner = parse_json_or_fail(0, at(sealed, "detail").text());
        auto& members = inner.mutable_members();
        ASSERT_EQ(members.back().first, "agreed");
        members.pop_back();
        for (auto& [key, value] : sealed.mutable_members()) {
          if (key == "detail") value = Value::string(json::write(inner, {.indent = 0}));
        }
        detail = json::write(sealed, {.indent = 0});
      }
      const std::string hash = room::room_log::entry_hash(prev, r.integer(0), r.text(1), r.text(2), r.text(3), detail);
      s.exec("UPDATE log SET detail = ?, hash = ?, prev = ? WHERE room = ? AND seq = ?",
             {detail, hash, prev, room_, r.integer(0)});
      prev = hash;
    }
  });
  const std::string note =
      "entry 1 predates the log's record of the scenario's agreed terms: the terms stored at the room's creation "
      "(monitoring) are not checked against the log";
  AuditReport r = audit();
  EXPECT_TRUE(r.intact) << r.first_bad;
  EXPECT_EQ(r.notes, std::vector<std::string>{note});
  // What it cannot prove: a changed value of that term passes.
  exec("UPDATE agreed SET value = '\"none\"' WHERE room = ? AND issue = 'monitoring'", {room_});
  EXPECT_TRUE(audit().intact);
  // A term stored later than the creation is not one of them.
  exec("UPDATE agreed SET time = '2030-01-01T00:00:00.000Z' WHERE room = ? AND issue = 'monitoring'", {room_});
  r = audit();
  EXPECT_EQ(r.first_bad, "the agreed term monitoring is in the table but not in the log");
  EXPECT_EQ(r.notes, std::vector<std::string>{"entry 1 predates the log's record of the scenario's agreed terms: the "
                                              "terms stored at the room's creation (none) are not checked against the log"});
}

INSTANTIATE_TEST_SUITE_P(Backends, RoomAudit, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace parley::test
