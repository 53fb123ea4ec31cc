// A status quo of every issue kind, and "reservation": "status_quo": read,
// resolved to the exact utility, written back, reported by frontier --json.
#include <gtest/gtest.h>

#include <string>

#include "parley/io/json.h"
#include "parley/io/response_json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/mediate/engine.h"

namespace parley {
namespace {

// Every kind in the status quo; monitoring comes from the agreed terms.
// a's utility there, by hand (weights total 10):
//   plant own 2*1 + revenue 1*0.7 + r1 held by b 1*0 + monitoring un 2*0.5
//   + days 30 on [[0,1],[90,0]] 4*(2/3) = 191/30, over 10: 191/300.
// b's (weights total 2): revenue 0.3 + r1 own 1 = 1.3, over 2: 13/20.
std::string scenario_text(const std::string& status_quo, const std::string& reservation_a) {
  return R"({
  "parley": 1,
  "parties": [{"id": "a"}, {"id": "b"}],
  "issues": [
    {"id": "plant", "kind": "item", "joint": true},
    {"id": "revenue", "kind": "share", "step": 0.1},
    {"id": "r1", "kind": "item"},
    {"id": "monitoring", "kind": "choice", "options": ["none", "un"]},
    {"id": "days", "kind": "number", "min": 0, "max": 90, "step": 15}
  ],
  "status_quo": )" + status_quo + R"(,
  "agreed": {"monitoring": "un"},
  "preferences": {
    "a": {"weights": {"plant": 2, "revenue": 1, "r1": 1, "monitoring": 2, "days": 4},
          "values": {"monitoring": {"none": 1, "un": 0.5}, "days": [[0, 1], [90, 0]]},
          "reservation": )" + reservation_a + R"(},
    "b": {"weights": {"revenue": 1, "r1": 1}, "reservation": 0.2}
  }
})";
}

const std::string kFull = R"({"plant": "a", "revenue": {"a": 0.7, "b": 0.3}, "r1": "b", "days": 30})";

Scenario read_ok(const std::string& text) {
  Result<Scenario> r = read_scenario_text(text, "t.json");
  if (!r) ADD_FAILURE() << r.errors()[0].pointer << ": " << r.errors()[0].message;
  return r ? r.value() : Scenario{};
}

TEST(StatusQuo, ReadsEveryIssueKind) {
  const Scenario s = read_ok(scenario_text(kFull, "0.1"));
  ASSERT_EQ(s.status_quo.size(), 5u);
  EXPECT_EQ(s.status_quo[0]->holder, 0);
  EXPECT_EQ(s.status_quo[1]->shares, (std::vector<Rational>{Rational(7, 10), Rational(3, 10)}));
  EXPECT_EQ(s.status_quo[2]->holder, 1);
  EXPECT_FALSE(s.status_quo[3]);
  EXPECT_EQ(s.status_quo[4]->number, Rational(30));
  // A choice in the status quo too.
  const Scenario c = read_ok(scenario_text(R"({"monitoring": "none"})", "0.1"));
  EXPECT_EQ(c.status_quo[3]->option, 0);
  // The agreed term wins over the status quo in the completed outcome.
  const Scenario both = read_ok(scenario_text(
      R"({"plant": "a", "revenue": {"a": 0.7, "b": 0.3}, "r1": "b", "days": 30, "monitoring": "none"})", "0.1"));
  ASSERT_TRUE(both.status_quo_outcome());
  EXPECT_EQ((*both.status_quo_outcome())[3].option, 1);
  EXPECT_EQ(both.status_quo_missing(), std::vector<int>{});
  EXPECT_EQ(c.status_quo_missing(), (std::vector<int>{0, 1, 2, 4}));
}

TEST(StatusQuo, ReservationIsTheUtilityThere) {
  const Scenario s = read_ok(scenario_text(kFull, R"("status_quo")"));
  ASSERT_TRUE(s.preferences[0]);
  EXPECT_TRUE(s.preferences[0]->reservation_is_status_quo);
  EXPECT_EQ(s.preferences[0]->reservation, Rational(191, 300));
  EXPECT_FALSE(s.preferences[1]->reservation_is_status_quo);
  EXPECT_EQ(s.preferences[1]->reservation, Rational(1, 5));
}

TEST(StatusQuo, WriterRoundTrip) {
  const Scenario s = read_ok(scenario_text(kFull, R"("status_quo")"));
  const std::string written = write_scenario(s);
  EXPECT_NE(written.find(R"("reservation": "status_quo")"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("days": 30)"), std::string::npos) << written;
  const Scenario back = read_ok(written);
  EXPECT_EQ(back, s);
}

struct BadCase {
  std::string status_quo, reservation, pointer, says;
};

TEST(StatusQuo, ErrorsPointAtTheValue) {
  const BadCase cases[] = {
      {R"({"monitoring": "maybe"})", "0.1", "/status_quo/monitoring", "maybe"},
      {R"({"revenue": {"a": 0.7, "b": 0.4}})", "0.1", "/status_quo/revenue", "1"},
      {R"({"days": 20})", "0.1", "/status_quo/days", "20"},
      {R"({"days": "long"})", "0.1", "/status_quo/days", "number"},
      {R"({"plant": "a", "r1": "b"})", R"("status_quo")", "/preferences/a/reservation", R"("revenue", "days")"},
      {kFull, R"("today")", "/preferences/a/reservation", R"("status_quo")"},
  };
  for (const BadCase& c : cases) {
    Result<Scenario> r = read_scenario_text(scenario_text(c.status_quo, c.reservation), "t.json");
    ASSERT_FALSE(r) << c.status_quo;
    ASSERT_EQ(r.errors().size(), 1u) << r.errors()[1].message;
    EXPECT_EQ(r.errors()[0].pointer, c.pointer) << r.errors()[0].message;
    EXPECT_NE(r.errors()[0].message.find(c.says), std::string::npos) << r.errors()[0].message;
  }
}

TEST(StatusQuo, FrontierJsonGivesItsUtilities) {
  const Scenario s = read_ok(scenario_text(kFull, R"("status_quo")"));
  Result<FrontierResponse> f = frontier(s, {});
  ASSERT_TRUE(f) << f.errors()[0].message;
  ASSERT_TRUE(f.value().status_quo);
  EXPECT_EQ(*f.value().status_quo, (std::vector<Rational>{Rational(191, 300), Rational(13, 20)}));
  const json::Value doc = to_json(s, f.value());
  const json::Value* sq = doc.find("status_quo");
  ASSERT_TRUE(sq);
  EXPECT_EQ(sq->find("utilities_exact")->find("a")->text(), "191/300");
  EXPECT_EQ(sq->find("utilities_exact")->find("b")->text(), "13/20");
  // Every frontier point gives a at least the status quo, their reservation.
  ASSERT_FALSE(f.value().points.empty());
  for (const FrontierPoint& p : f.value().points) EXPECT_GE(p.utilities[0], Rational(191, 300));

  // Without a complete status quo there is no "status_quo" member.
  const Scenario partial = read_ok(scenario_text(R"({"plant": "a"})", "0.1"));
  Result<FrontierResponse> g = frontier(partial, {});
  ASSERT_TRUE(g);
  EXPECT_FALSE(g.value().status_quo);
  EXPECT_EQ(to_json(partial, g.value()).find("status_quo"), nullptr);
}

}  // namespace
}  // namespace parley
