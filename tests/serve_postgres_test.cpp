// Two `parley serve` processes on one PostgreSQL database (room-api.md: no
// state outside the database, so servers behind a load balancer share
// rooms): what one writes the other serves, and concurrent writes through
// both lose nothing and keep the log's chain whole.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "http_support.h"
#include "parley/io/json.h"
#include "pg_cluster.h"
#include "room_fixtures.h"
#include "test_support.h"

namespace parley::test {
namespace {

Room create_room(int port, int parties) {
  return room_from_created(http(port, "POST", "/v1/rooms", "", room_body(parties)), parties);
}

class ServePostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    PgCluster* pg = PgCluster::get();
    if (pg == nullptr) GTEST_SKIP() << PgCluster::unavailable();
    ASSERT_EQ(pg->error(), "");
    url_ = pg->create_database();
    ASSERT_NE(url_, "");
    first_ = std::make_unique<ServeProcess>(url_);
    second_ = std::make_unique<ServeProcess>(url_);
    ASSERT_TRUE(first_->running() && second_->running());
  }
  void TearDown() override {
    // The servers go before the cluster (which goes at the process's end).
    first_.reset();
    second_.reset();
  }

  std::string url_;
  std::unique_ptr<ServeProcess> first_;
  std::unique_ptr<ServeProcess> second_;
};

TEST_F(ServePostgres, AProposalMadeThroughOneServerIsAnsweredThroughTheOther) {
  const Room room = create_room(first_->port(), 2);
  const std::string base = "/v1/rooms/" + room.id;
  // The room made through the first exists for the second.
  EXPECT_EQ(http(second_->port(), "GET", base, room.observer).status, 200);

  const HttpReply proposed =
      http(first_->port(), "POST", base + "/proposals", room.mediator, R"({"outcome": {"terms": "draft_b"}})");
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string n = at(parse_or_fail(proposed), "proposal").text();
  EXPECT_EQ(n, "1");
  for (const std::string& token : room.parties) {
    const HttpReply r = http(second_->port(), "POST", base + "/proposals/1/responses", token, R"({"response": "accept"})");
    EXPECT_EQ(r.status, 200) << r.body;
  }

  // Both servers see both answers and the agreement.
  for (const ServeProcess* s : {first_.get(), second_.get()}) {
    const json::Value doc = parse_or_fail(http(s->port(), "GET", base, room.observer));
    EXPECT_EQ(at(doc, "status").text(), "agreed");
    const json::Value& responses = at(at(doc, "proposals").items().at(0), "responses");
    EXPECT_EQ(at(at(responses, "p1"), "response").text(), "accept");
    EXPECT_EQ(at(at(responses, "p2"), "response").text(), "accept");
    const HttpReply agreement = http(s->port(), "GET", base + "/agreement", room.observer);
    ASSERT_EQ(agreement.status, 200) << agreement.body;
    const json::Value deal = parse_or_fail(agreement);
    EXPECT_EQ(at(deal, "proposal").text(), "1");
    EXPECT_EQ(at(at(deal, "outcome"), "terms").text(), "draft_b");
  }
  const CommandResult audit = run_binary("audit '" + url_ + "' " + room.id);
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
}

TEST_F(ServePostgres, ConcurrentWritesThroughBothServersLoseNothing) {
  // Eight parties answer at once, each five times, every other request
  // through the other server; a later answer replaces an earlier one, so
  // each party's last rating must be the one shown, and the log must hold
  // every answer, numbered without gaps, its chain intact.
  constexpr int kParties = 8;
  constexpr int kAnswers = 5;
  const Room room = create_room(first_->port(), kParties);
  const std::string base = "/v1/rooms/" + room.id;
  ASSERT_EQ(http(first_->port(), "POST", base + "/proposals", room.mediator, R"({"outcome": {"terms": "draft_a"}})").status,
            201);
  std::atomic<int> acknowledged = 0;
  std::vector<std::thread> clients;
  for (int p = 0; p < kParties; ++p) {
    clients.emplace_back([&, p] {
      for (int k = 1; k <= kAnswers; ++k) {
        const int port = (p + k) % 2 == 0 ? first_->port() : second_->port();
        const std::string body =
            R"({"response": "reject", "rating": 0.)" + std::to_string(k) + R"(, "comment": "round )" +
            std::to_string(k) + "\"}";
        const HttpReply r = http(port, "POST", base + "/proposals/1/responses", room.parties[p], body);
        if (r.status == 200) ++acknowledged;
        else ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(acknowledged, kParties * kAnswers);

  const json::Value doc = parse_or_fail(http(second_->port(), "GET", base, room.observer));
  const json::Value& responses = at(at(doc, "proposals").items().at(0), "responses");
  for (int p = 1; p <= kParties; ++p) {
    const json::Value& answer = at(responses, "p" + std::to_string(p));
    EXPECT_EQ(at(answer, "comment").text(), "round " + std::to_string(kAnswers)) << "p" << p;
  }
  const json::Value log = parse_or_fail(http(first_->port(), "GET", base + "/log", room.observer));
  ASSERT_TRUE(log.is_array()) << json::write(log, {});
  std::set<std::string> seqs;
  int answers = 0;
  for (const json::Value& entry : log.items()) {
    seqs.insert(at(entry, "seq").text());
    if (at(entry, "actor").text().rfind("p", 0) == 0) ++answers;
  }
  EXPECT_EQ(seqs.size(), log.items().size());
  EXPECT_EQ(at(log.items().back(), "seq").text(), std::to_string(log.items().size()));
  EXPECT_EQ(answers, kParties * kAnswers);
  const CommandResult audit = run_binary("audit '" + url_ + "' " + room.id);
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
}

}  // namespace
}  // namespace parley::test
