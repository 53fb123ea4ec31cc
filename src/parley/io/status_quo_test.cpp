// A status quo of every issue kind, and "reservation": "status_quo": read,
// resolved to the exact utility, written back, reported by frontier --json.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "parley/io/json.h"
#include "parley/io/response_json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/mediate/engine.h"
#include "random_scenario.h"

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
      {R"({"plant": "a", "r1": "b"})", R"("status_quo")", "/preferences/a/reservation",
       R"(neither names "revenue", "days"; add them)"},
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

// Party p's utility of o, summed here from the definition (weights as
// written, divided by their total), apart from the library's.
Rational by_definition(const Scenario& s, int p, const Outcome& o) {
  const Preferences& pr = *s.preferences[static_cast<std::size_t>(p)];
  Rational sum = 0, total = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    const IssuePreference& ip = pr.issues[i];
    total += ip.weight;
    Rational v = 0;
    switch (s.issues[i].kind) {
      case IssueKind::item:
      case IssueKind::region:
        v = o[i].holder == p ? ip.holder.own
            : o[i].holder == kJoint ? ip.holder.joint
            : o[i].holder == kNeutral ? ip.holder.neutral
                                      : ip.holder.other;
        break;
      case IssueKind::share: v = o[i].shares[static_cast<std::size_t>(p)]; break;
      case IssueKind::choice: v = ip.option_values[static_cast<std::size_t>(o[i].option)]; break;
      case IssueKind::number: {
        const auto& c = ip.curve;
        if (c.empty()) break;
        v = c.back().second;
        if (o[i].number <= c.front().first) {
          v = c.front().second;
          break;
        }
        for (std::size_t k = 1; k < c.size(); ++k) {
          if (o[i].number <= c[k].first) {
            v = c[k - 1].second + (c[k].second - c[k - 1].second) * (o[i].number - c[k - 1].first) /
                                      (c[k].first - c[k - 1].first);
            break;
          }
        }
        break;
      }
    }
    sum += ip.weight * v;
  }
  return sum / total;
}

// Random scenarios with a complete random status quo and one party's
// reservation "status_quo": written and read back, that reservation is the
// party's utility of the status quo with the agreed terms, exactly.
RC_GTEST_PROP(StatusQuoProperty, ReservationIsTheUtilityOfTheStatusQuo, ()) {
  Scenario s = *test::gen_scenario({.all_preferences = true});
  const Outcome o = *test::gen_outcome(s);
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (*rc::gen::arbitrary<bool>() || !s.agreed[i]) s.status_quo[i] = o[i];
  }
  const int p = *rc::gen::inRange(0, static_cast<int>(s.parties.size()));
  s.preferences[static_cast<std::size_t>(p)]->reservation_is_status_quo = true;
  Outcome with_agreed = o;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.agreed[i]) with_agreed[i] = *s.agreed[i];
  }
  const Rational expected = by_definition(s, p, with_agreed);
  s.preferences[static_cast<std::size_t>(p)]->reservation = expected;
  const std::string text = write_scenario(s);
  Result<Scenario> back = read_scenario_text(text, "generated.json");
  if (!back) RC_LOG() << back.errors()[0].pointer << ": " << back.errors()[0].message << "\n" << text;
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value().preferences[static_cast<std::size_t>(p)]->reservation == expected);
  RC_ASSERT(back.value() == s);
}

}  // namespace
}  // namespace parley
