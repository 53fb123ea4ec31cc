// The room library on one PostgreSQL database through two independent
// handles (two pools of connections, as two `parley serve` processes behind a
// load balancer have): what one writes the other serves, and concurrent
// writes through both lose nothing and keep the log's chain whole.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "parley/io/json.h"
#include "parley/room/rooms.h"
#include "parley/store/database.h"
#include "pg_cluster.h"
#include "room_fixtures.h"

namespace parley::test {
namespace {

using room::Request;
using room::Response;

class RoomsOnPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    PgCluster* pg = PgCluster::get();
    if (pg == nullptr) GTEST_SKIP() << PgCluster::unavailable();
    ASSERT_EQ(pg->error(), "");
    url_ = pg->create_database();
    ASSERT_NE(url_, "");
    for (int i = 0; i < 2; ++i) {
      Result<std::unique_ptr<store::Database>> db = store::open_database(url_, room::migrations());
      ASSERT_TRUE(db) << db.errors()[0].message;
      dbs_[i] = std::move(db).value();
      rooms_[i] = std::make_unique<room::Rooms>(*dbs_[i], room::Options{.solve_time_limit = 5});
    }
  }

  Response call(int server, const std::string& method, const std::string& path, const std::string& token,
                const std::string& body = "") {
    return rooms_[server]->handle({method, path, {}, token, body});
  }

  Room create(int parties) { return room_from_created(call(0, "POST", "/v1/rooms", "", room_body(parties)), parties); }

  void expect_intact(const Room& room) {
    for (auto& db : dbs_) {
      Result<room::AuditReport> report = room::audit(*db, room.id);
      ASSERT_TRUE(report) << report.errors()[0].message;
      EXPECT_TRUE(report.value().intact) << report.value().first_bad;
    }
  }

  std::string url_;
  std::unique_ptr<store::Database> dbs_[2];
  std::unique_ptr<room::Rooms> rooms_[2];
};

TEST_F(RoomsOnPostgres, AProposalMadeThroughOneIsAnsweredThroughTheOther) {
  const Room room = create(2);
  const std::string base = "/v1/rooms/" + room.id;
  EXPECT_EQ(call(1, "GET", base, room.observer).status, 200);  // made through the first, known to the second
  const Response proposed = call(0, "POST", base + "/proposals", room.mediator, R"({"outcome": {"terms": "draft_b"}})");
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(at(parse_or_fail(proposed), "proposal").text(), "1");
  for (const std::string& token : room.parties) {
    const Response r = call(1, "POST", base + "/proposals/1/responses", token, R"({"response": "accept"})");
    EXPECT_EQ(r.status, 200) << r.body;
  }
  for (int server = 0; server < 2; ++server) {
    const json::Value doc = parse_or_fail(call(server, "GET", base, room.observer));
    EXPECT_EQ(at(doc, "status").text(), "agreed");
    const json::Value& responses = at(at(doc, "proposals").items().at(0), "responses");
    EXPECT_EQ(at(at(responses, "p1"), "response").text(), "accept");
    EXPECT_EQ(at(at(responses, "p2"), "response").text(), "accept");
    const Response agreement = call(server, "GET", base + "/agreement", room.observer);
    ASSERT_EQ(agreement.status, 200) << agreement.body;
    const json::Value deal = parse_or_fail(agreement);
    EXPECT_EQ(at(deal, "proposal").text(), "1");
    EXPECT_EQ(at(at(deal, "outcome"), "terms").text(), "draft_b");
  }
  expect_intact(room);
}

TEST_F(RoomsOnPostgres, ConcurrentWritesThroughBothLoseNothing) {
  // Ten proposals posted at once, half through each handle, get the numbers
  // 1..10, each once (numbers are computed inside the transaction).
  const Room room = create(8);
  const std::string base = "/v1/rooms/" + room.id;
  std::vector<std::thread> clients;
  std::mutex m;
  std::multiset<std::string> numbers;
  for (int i = 0; i < 10; ++i) {
    clients.emplace_back([&, i] {
      const Response r = call(i % 2, "POST", base + "/proposals", room.mediator,
                              i % 3 == 0 ? R"({"outcome": {"terms": "draft_a"}})" : R"({"outcome": {"terms": "draft_b"}})");
      EXPECT_EQ(r.status, 201) << r.body;
      std::lock_guard lock(m);
      numbers.insert(at(parse_or_fail(r), "proposal").text());
    });
  }
  for (std::thread& t : clients) t.join();
  clients.clear();
  EXPECT_EQ(numbers, (std::multiset<std::string>{"1", "10", "2", "3", "4", "5", "6", "7", "8", "9"}));

  // Eight parties answer the newest at once, five times each, alternating
  // handles; a later answer replaces an earlier one, so each party's last
  // comment is the one shown, and the log holds all forty answers.
  constexpr int kParties = 8;
  constexpr int kAnswers = 5;
  std::atomic<int> acknowledged = 0;
  for (int p = 0; p < kParties; ++p) {
    clients.emplace_back([&, p] {
      for (int k = 1; k <= kAnswers; ++k) {
        const std::string body = R"({"response": "reject", "rating": 0.)" + std::to_string(k) +
                                 R"(, "comment": "round )" + std::to_string(k) + "\"}";
        const Response r = call((p + k) % 2, "POST", base + "/proposals/10/responses", room.parties[p], body);
        if (r.status == 200) {
          ++acknowledged;
        } else {
          ADD_FAILURE() << r.status << " " << r.body;
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(acknowledged, kParties * kAnswers);

  const json::Value doc = parse_or_fail(call(1, "GET", base, room.observer));
  const json::Value& proposals = at(doc, "proposals");
  ASSERT_EQ(proposals.items().size(), 10u);
  const json::Value& responses = at(proposals.items().back(), "responses");
  for (int p = 1; p <= kParties; ++p) {
    EXPECT_EQ(at(at(responses, "p" + std::to_string(p)), "comment").text(), "round " + std::to_string(kAnswers))
        << "p" << p;
  }
  const json::Value log = parse_or_fail(call(0, "GET", base + "/log", room.observer));
  ASSERT_TRUE(log.is_array());
  int answers = 0;
  int proposals_logged = 0;
  for (std::size_t i = 0; i < log.items().size(); ++i) {
    const json::Value& entry = log.items()[i];
    EXPECT_EQ(at(entry, "seq").text(), std::to_string(i + 1));  // no gap, no repeat
    if (at(entry, "action").text() == "response") ++answers;
    if (at(entry, "action").text() == "proposal") ++proposals_logged;
  }
  EXPECT_EQ(answers, kParties * kAnswers);
  EXPECT_EQ(proposals_logged, 10);
  expect_intact(room);
}

}  // namespace
}  // namespace parley::test
