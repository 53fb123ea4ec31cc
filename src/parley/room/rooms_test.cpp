// Rooms::handle without a socket: a whole negotiation, blind mode, sharing,
// agreed terms, improvement, the contract's 4xx answers, the leakage matrix
// (every endpoint x every role, with marker values in each party's
// preferences), and the log's hash chain under tampering.
#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>

#include "parley/io/json.h"
#include "parley/room/crypto.h"
#include "parley/room/log.h"
#include "parley/room/rooms.h"

namespace parley::room {
namespace {

using json::Value;

// Two parties, goods and a choice. Every number in the preferences is a
// marker: it appears nowhere else, so finding it in a body is a leak.
constexpr const char* kScenario = R"({"parley": 1, "title": "Room test",
  "parties": [{"id": "a", "name": "Ana"}, {"id": "b", "name": "Ben"}],
  "issues": [{"id": "house", "kind": "item"}, {"id": "car", "kind": "item"},
             {"id": "savings", "kind": "share", "step": 0.1},
             {"id": "monitoring", "kind": "choice", "options": ["none", "joint"]}]})";

constexpr const char* kPrefsA = R"({"weights": {"house": 0.123456789, "car": 0.5, "savings": 0.3, "monitoring": 0.2},
  "values": {"monitoring": {"none": 0.876543, "joint": 0.1}}, "reservation": 0.271828, "delay_cost": 0.0314159})";
constexpr const char* kPrefsB = R"({"weights": {"house": 0.6, "car": 0.0987654321, "savings": 0.3, "monitoring": 0.1},
  "values": {"monitoring": {"none": 0.2, "joint": 0.765432}}, "reservation": 0.161803, "delay_cost": 0.0577215})";
// A hand proposal on kScenario: each party gets what it cares for least.
constexpr const char* kHandProposal =
    R"({"outcome": {"house": "a", "car": "b", "savings": {"a": 0.5, "b": 0.5}, "monitoring": "joint"}})";

const std::map<std::string, std::vector<std::string>> kMarkers = {
    {"a", {"0.123456789", "0.876543", "0.271828", "0.0314159"}},
    {"b", {"0.0987654321", "0.765432", "0.161803", "0.0577215"}},
};

Value parse(const std::string& text) {
  Result<Value> v = json::parse(text, "response");
  if (!v) ADD_FAILURE() << "not JSON: " << text;
  return v ? std::move(v).value() : Value();
}

class RoomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             ("parley-rooms-" + std::to_string(getpid()) + "-" + info->name() + ".sqlite"))
                .string();
    remove_files();
    Result<std::unique_ptr<store::Database>> db = store::open_database(path_, migrations());
    ASSERT_TRUE(db) << db.errors()[0].message;
    db_ = std::move(db).value();
    rooms_ = std::make_unique<Rooms>(*db_, Options{.solve_time_limit = 20});
  }
  void TearDown() override {
    rooms_.reset();
    db_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  Response call(const std::string& method, const std::string& path, const std::string& token,
                const std::string& body = "", std::map<std::string, std::string> query = {}) {
    Response r = rooms_->handle({method, path, std::move(query), token, body});
    bodies_.push_back({token, r.body});
    return r;
  }

  // Creates a room; fills room_, tokens_ (role or party id -> token).
  void create(bool blind = false) {
    const std::string body = std::string(R"({"scenario": )") + kScenario + (blind ? R"(, "blind": true})" : "}");
    Response r = call("POST", "/v1/rooms", "", body);
    ASSERT_EQ(r.status, 201) << r.body;
    const Value v = parse(r.body);
    room_ = v.find("room")->text();
    tokens_["mediator"] = v.find("mediator_token")->text();
    tokens_["observer"] = v.find("observer_token")->text();
    for (const auto& [party, t] : v.find("party_tokens")->members()) tokens_[party] = t.text();
  }
  std::string at(const std::string& rest = "") const { return "/v1/rooms/" + room_ + rest; }
  void preferences() {
    ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], kPrefsA).status, 200);
    ASSERT_EQ(call("PUT", at("/preferences"), tokens_["b"], kPrefsB).status, 200);
  }
  Value get(const std::string& who, const std::string& rest = "") {
    Response r = call("GET", at(rest), tokens_[who]);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
  int respond(const std::string& who, int n, const std::string& response, const std::string& extra = "") {
    return call("POST", at("/proposals/" + std::to_string(n) + "/responses"), tokens_[who],
                R"({"response": ")" + response + "\"" + extra + "}")
        .status;
  }
  std::int64_t log_size() { return static_cast<std::int64_t>(get("mediator", "/log").items().size()); }

  std::string path_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Rooms> rooms_;
  std::string room_;
  std::map<std::string, std::string> tokens_;
  std::vector<std::pair<std::string, std::string>> bodies_;  // (token, body) of every call
};

// One engine slot, held by an improvement search that a test hook keeps
// waiting: another computation is turned away with 503 after the wait, while
// an agreement whose certificate is already known, and the room itself, are
// answered at once.
TEST_F(RoomTest, EngineComputationsShareTheSlotsAndPastTheWaitGet503) {
  std::mutex m;
  std::condition_variable changed;
  bool hold = false, holding = false;
  rooms_ = std::make_unique<Rooms>(
      *db_, Options{.solve_time_limit = 20,
                    .engine_slots = 1,
                    .engine_wait = std::chrono::milliseconds(200),
                    .on_engine_slot = [&] {
                      std::unique_lock lock(m);
                      if (!hold) return;
                      holding = true;
                      changed.notify_all();
                      changed.wait(lock, [&] { return !hold; });
                    }});
  create();
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], kHandProposal).status, 201);
  ASSERT_EQ(respond("a", 1, "accept"), 200);
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  const Response first = call("GET", at("/agreement"), tokens_["a"]);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(rooms_->stats().certificates_computed, 1);
  {
    std::lock_guard lock(m);
    hold = true;
  }
  Response improved;
  std::thread search([&] { improved = rooms_->handle({"POST", at("/improve"), {}, tokens_["mediator"], ""}); });
  {
    std::unique_lock lock(m);
    changed.wait(lock, [&] { return holding; });
  }
  const Response busy = rooms_->handle({"POST", at("/proposals"), {}, tokens_["mediator"], R"({"method": "nash"})"});
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.body, R"({"error":"the engine is busy with other rooms; try again in a few seconds","errors":[]})");
  const Response known = rooms_->handle({"GET", at("/agreement"), {}, tokens_["a"], ""});
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(known.body, first.body);
  EXPECT_EQ(rooms_->handle({"GET", at(), {}, tokens_["b"], ""}).status, 200);
  EXPECT_EQ(rooms_->stats().certificates_computed, 1);
  {
    std::lock_guard lock(m);
    hold = false;
  }
  changed.notify_all();
  search.join();
  EXPECT_EQ(improved.status, 200) << improved.body;
  // The slot is free again.
  EXPECT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
}

TEST_F(RoomTest, AFullSessionFromCreationToAgreementAndImprovement) {
  create();
  EXPECT_EQ(room_.size(), 32u);
  for (const auto& [who, t] : tokens_) {
    EXPECT_EQ(t.size(), 64u) << who;  // 256 bits in hex
    EXPECT_EQ(t.find_first_not_of("0123456789abcdef"), std::string::npos);
  }
  Value room = get("a");
  EXPECT_EQ(room.find("status")->text(), "open");
  EXPECT_EQ(room.find("title")->text(), "Room test");
  EXPECT_EQ(room.find("me")->find("role")->text(), "party");
  EXPECT_EQ(room.find("me")->find("party")->text(), "a");
  EXPECT_TRUE(room.find("preferences")->is_null());
  preferences();

  Response made = call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Value proposal = parse(made.body);
  EXPECT_EQ(proposal.find("proposal")->text(), "1");
  const Value* outcome = proposal.find("outcome");
  // a cares for the car (0.5 against 0.099), b for the house (0.6 against 0.12).
  EXPECT_EQ(outcome->find("car")->text(), "a");
  EXPECT_EQ(outcome->find("house")->text(), "b");
  EXPECT_EQ(outcome->members().size(), 4u);

  EXPECT_EQ(call("GET", at("/agreement"), tokens_["a"]).status, 404);
  EXPECT_EQ(respond("a", 1, "accept", R"(, "rating": 0.8, "comment": "fine")"), 200);
  EXPECT_EQ(get("observer").find("status")->text(), "open");
  EXPECT_EQ(respond("b", 1, "accept"), 200);
  room = get("observer");
  EXPECT_EQ(room.find("status")->text(), "agreed");
  std::string stored;
  db_->transaction([&](store::Session& s) { stored = s.query("SELECT status FROM rooms WHERE id = ?", {room_})[0].text(0); });
  EXPECT_EQ(stored, "agreed");
  EXPECT_EQ(room.find("round")->text(), "1");
  const Value* ra = room.find("proposals")->items()[0].find("responses")->find("a");
  EXPECT_EQ(ra->find("response")->text(), "accept");
  EXPECT_EQ(ra->find("rating")->text(), "0.8");
  EXPECT_EQ(ra->find("comment")->text(), "fine");

  const Value agreement = get("a", "/agreement");
  EXPECT_EQ(agreement.find("proposal")->text(), "1");
  EXPECT_EQ(agreement.find("outcome")->find("car")->text(), "a");
  const Value* cert = agreement.find("certificate");
  // Nash's package is on the exact frontier (`parley solve` on the same
  // scenario: "one of 13 efficient packages"); the engine's Pareto check says so.
  EXPECT_TRUE(cert->find("properties")->find("pareto_optimal")->as_bool());
  EXPECT_TRUE(cert->find("properties")->find("public_rules_hold")->as_bool());
  EXPECT_TRUE(cert->find("own")->find("individually_rational")->as_bool());
  EXPECT_TRUE(cert->find("own")->find("red_lines_hold")->as_bool());
  ASSERT_EQ(cert->find("utilities")->members().size(), 1u);  // a's own only
  EXPECT_EQ(cert->find("utilities")->members()[0].first, "a");
  // The same number as a's own utility of proposal 1 in the room view.
  EXPECT_EQ(cert->find("utilities")->find("a")->text(), get("a").find("utilities")->find("1")->text());
  EXPECT_TRUE(get("observer", "/agreement").find("certificate")->find("utilities")->members().empty());

  // Nash's package is Pareto optimal: nothing every party strictly prefers.
  Response improved = call("POST", at("/improve"), tokens_["mediator"]);
  ASSERT_EQ(improved.status, 200) << improved.body;
  EXPECT_TRUE(parse(improved.body).find("proposal")->is_null());

  const Value log = get("observer", "/log");
  std::vector<std::string> actions;
  for (const Value& e : log.items()) actions.push_back(e.find("action")->text());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "preferences", "preferences", "proposal", "response",
                                               "response", "agreement", "improve"}));
  for (std::size_t k = 0; k < log.items().size(); ++k) {
    EXPECT_EQ(log.items()[k].find("seq")->text(), std::to_string(k + 1));
    if (k > 0) {
      EXPECT_EQ(log.items()[k].find("prev")->text(), log.items()[k - 1].find("hash")->text());
    }
  }
  const Value events = parse(call("GET", at("/events"), tokens_["b"], "", {{"after", "6"}}).body);
  ASSERT_EQ(events.items().size(), 2u);
  EXPECT_EQ(events.items()[0].find("action")->text(), "agreement");
  EXPECT_EQ(events.items()[0].find("detail")->text(), "every party accepted proposal 1");

  Result<AuditReport> report = audit(*db_, room_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report.value().intact);
  EXPECT_EQ(report.value().entries, 8);
}

TEST_F(RoomTest, AHandProposalAgreedTermsAndAnImprovementEveryoneStrictlyPrefers) {
  create();
  preferences();
  // Each party gets what it cares for least: dominated by the swap.
  Response r = call("POST", at("/proposals"), tokens_["mediator"],
                    R"({"outcome": {"house": "a", "car": "b", "savings": {"a": 0.5, "b": 0.5}, "monitoring": "joint"}})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(parse(r.body).find("method")->is_null());
  // A term is locked only once every party accepted a proposal holding it.
  EXPECT_EQ(call("POST", at("/agreed"), tokens_["mediator"], R"({"issue": "monitoring", "value": "joint"})").status,
            409);
  ASSERT_EQ(respond("a", 1, "accept"), 200);
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  Response locked = call("POST", at("/agreed"), tokens_["mediator"], R"({"issue": "monitoring", "value": "joint"})");
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_EQ(parse(locked.body).find("agreed")->find("monitoring")->text(), "joint");
  EXPECT_EQ(call("POST", at("/agreed"), tokens_["mediator"], R"({"issue": "monitoring", "value": "none"})").status,
            409);
  EXPECT_EQ(get("b").find("agreed")->find("monitoring")->text(), "joint");

  Response better = call("POST", at("/improve"), tokens_["mediator"]);
  ASSERT_EQ(better.status, 200) << better.body;
  ASSERT_EQ(parse(better.body).find("proposal")->text(), "2") << better.body;
  const Value room = get("a");
  const Value& second = room.find("proposals")->items()[1];
  EXPECT_EQ(second.find("method")->text(), "improve");
  EXPECT_EQ(second.find("outcome")->find("car")->text(), "a");
  EXPECT_EQ(second.find("outcome")->find("house")->text(), "b");
  EXPECT_EQ(second.find("outcome")->find("monitoring")->text(), "joint");  // the locked term kept
  for (const std::string party : {"a", "b"}) {
    const Value view = get(party);
    const Value* u = view.find("utilities");
    ASSERT_TRUE(u && u->find("1") && u->find("2")) << json::write(view);
    EXPECT_GT(std::stod(u->find("2")->text()), std::stod(u->find("1")->text())) << party;
  }
  // Later hand proposals keep the locked term: left out, it is filled in;
  // changed, the proposal is refused at its pointer.
  Response keep = call("POST", at("/proposals"), tokens_["mediator"],
                       R"({"outcome": {"house": "b", "car": "a", "savings": {"a": 1}}})");
  ASSERT_EQ(keep.status, 201) << keep.body;
  EXPECT_EQ(parse(keep.body).find("outcome")->find("monitoring")->text(), "joint");
  Response change = call("POST", at("/proposals"), tokens_["mediator"],
                         R"({"outcome": {"house": "b", "car": "a", "savings": {"a": 1}, "monitoring": "none"}})");
  ASSERT_EQ(change.status, 422);
  EXPECT_EQ(parse(change.body).find("errors")->items()[0].find("pointer")->text(), "/outcome/monitoring");
  // Proposal 2 is replaced by 3: answering it is a conflict.
  EXPECT_EQ(respond("a", 2, "accept"), 409);
  EXPECT_EQ(respond("a", 3, "accept"), 200);
}

TEST_F(RoomTest, BlindModeHidesResponsesUntilEveryPartyAcceptedTheSameProposal) {
  create(true);
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
  ASSERT_EQ(respond("a", 1, "accept", R"(, "comment": "secret-comment-a")"), 200);
  for (const std::string who : {"b", "mediator", "observer"}) {
    const Value room = get(who);
    const Value& p = room.find("proposals")->items()[0];
    EXPECT_TRUE(p.find("responses")->find("a")->is_null()) << who;
    EXPECT_EQ(p.find("answered")->items().size(), 1u) << who;  // only that a answered
    for (const std::string rest : {"/log", "/events"}) {
      const std::string body = call("GET", at(rest), tokens_[who]).body;
      EXPECT_EQ(body.find("secret-comment-a"), std::string::npos) << who << rest;
      EXPECT_EQ(body.find("\\\"accept\\\""), std::string::npos) << who << rest;
      EXPECT_NE(body.find("party a answered proposal 1"), std::string::npos) << who << rest;
    }
  }
  // Its author sees it, in the room and in the log.
  EXPECT_EQ(get("a").find("proposals")->items()[0].find("responses")->find("a")->find("comment")->text(),
            "secret-comment-a");
  EXPECT_NE(call("GET", at("/log"), tokens_["a"]).body.find("secret-comment-a"), std::string::npos);
  // A rejection by b keeps everything hidden; then b accepts and all is shown.
  ASSERT_EQ(respond("b", 1, "reject"), 200);
  EXPECT_TRUE(get("a").find("proposals")->items()[0].find("responses")->find("b")->is_null());
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  const Value open = get("observer");
  EXPECT_EQ(open.find("status")->text(), "agreed");
  EXPECT_EQ(open.find("proposals")->items()[0].find("responses")->find("a")->find("comment")->text(),
            "secret-comment-a");
  EXPECT_EQ(open.find("proposals")->items()[0].find("responses")->find("b")->find("response")->text(), "accept");
}

TEST_F(RoomTest, TheMediatorSeesOnlyTheFieldsAPartyShared) {
  create();
  const std::string shared_a = std::string(kPrefsA).substr(0, std::string(kPrefsA).size() - 1) +
                               R"(, "share": ["weights"]})";
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], shared_a).status, 200);
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["b"], kPrefsB).status, 200);
  const std::string view = call("GET", at(), tokens_["mediator"]).body;
  const Value room = parse(view);
  EXPECT_EQ(room.find("shared")->find("a")->find("weights")->find("house")->text(), "0.123456789");
  EXPECT_EQ(room.find("shared")->find("a")->find("reservation"), nullptr);
  EXPECT_EQ(room.find("shared")->find("b"), nullptr);
  EXPECT_EQ(view.find("0.271828"), std::string::npos);  // a's reservation: not shared
  EXPECT_TRUE(room.find("shared_utilities")->members().empty());  // values not shared
  // Shared weights are for the mediator, not for the other party or observers.
  EXPECT_EQ(call("GET", at(), tokens_["b"]).body.find("0.123456789"), std::string::npos);
  EXPECT_EQ(call("GET", at(), tokens_["observer"]).body.find("0.123456789"), std::string::npos);
  // With values shared too, the mediator may see a's utilities.
  const std::string more = std::string(kPrefsA).substr(0, std::string(kPrefsA).size() - 1) +
                           R"(, "share": ["weights", "values"]})";
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], more).status, 200);
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
  const Value again = get("mediator");
  EXPECT_EQ(again.find("shared_utilities")->find("a")->find("1")->text(),
            get("a").find("utilities")->find("1")->text());
  EXPECT_EQ(again.find("shared_utilities")->find("b"), nullptr);
  EXPECT_EQ(get("a").find("preferences")->find("share")->items().size(), 2u);
}

struct Expected {
  std::string who, method, rest, body;
  int status;
  std::string pointer;  // the first error's pointer, when the status is 422
};

TEST_F(RoomTest, EveryErrorOfTheContractWithNothingStored) {
  create();  // another room: its tokens must not open this one
  const std::string foreign = tokens_["mediator"];
  tokens_.clear();
  create();
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], kPrefsA).status, 200);
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "[";
  for (int i = 0; i < 65; ++i) deep += "]";
  const std::int64_t before = log_size();
  const std::vector<Expected> cases = {
      {"a", "PUT", "/preferences", "{\"weights\": ", 400, ""},
      {"a", "PUT", "/preferences", deep, 400, ""},
      {"", "GET", "", "", 401, ""},
      {"wrong", "GET", "", "", 401, ""},
      {"foreign", "GET", "", "", 401, ""},
      {"truncated", "GET", "", "", 401, ""},
      {"a", "POST", "/proposals", R"({"method": "nash"})", 403, ""},
      {"observer", "PUT", "/preferences", kPrefsA, 403, ""},
      {"mediator", "POST", "/proposals/1/responses", R"({"response": "accept"})", 403, ""},
      {"b", "POST", "/agreed", R"({"issue": "car", "value": "a"})", 403, ""},
      {"mediator", "GET", "/nowhere", "", 404, ""},
      {"mediator", "DELETE", "", "", 405, ""},
      {"mediator", "POST", "/proposals", R"({"method": "nash"})", 409, ""},  // b has no preferences
      {"mediator", "POST", "/improve", "", 409, ""},
      {"a", "PUT", "/preferences", R"({"weights": {"r9": 1}})", 422, "/weights/r9"},
      {"a", "PUT", "/preferences", R"({"weights": {"car": 1}, "share": ["secrets"]})", 422, "/share/0"},
      {"a", "PUT", "/preferences", "[1]", 422, ""},
      {"mediator", "POST", "/proposals", R"({"method": "fastest"})", 422, "/method"},
      {"mediator", "POST", "/proposals", R"({"outcome": {"car": "c"}})", 422, "/outcome/car"},
      {"mediator", "POST", "/proposals", R"({"outcome": {}, "color": 1})", 422, "/color"},
      {"mediator", "POST", "/agreed", R"({"issue": "boat", "value": "a"})", 422, "/issue"},
      {"mediator", "POST", "/agreed", R"({"issue": "savings", "value": {"a": 0.55}})", 422, "/value"},
  };
  for (const Expected& c : cases) {
    std::string token = tokens_.count(c.who) ? tokens_[c.who] : c.who;
    if (c.who == "wrong") token = random_token();
    if (c.who == "foreign") token = foreign;
    if (c.who == "truncated") token = tokens_["mediator"].substr(0, 63);
    Response r = call(c.method, at(c.rest), token, c.body);
    EXPECT_EQ(r.status, c.status) << c.who << " " << c.method << " " << c.rest << " " << c.body << ": " << r.body;
    const Value v = parse(r.body);
    ASSERT_TRUE(v.find("error") && v.find("errors")) << r.body;
    if (c.status == 401) {
      EXPECT_EQ(r.body, R"({"error":"unauthorized","errors":[]})");  // no detail
    }
    if (!c.pointer.empty()) {
      ASSERT_FALSE(v.find("errors")->items().empty()) << r.body;
      EXPECT_EQ(v.find("errors")->items()[0].find("pointer")->text().rfind(c.pointer, 0), 0u) << r.body;
    }
  }
  EXPECT_EQ(log_size(), before);  // nothing refused was stored
  // The unknown room, the unknown proposal, a party answering for another,
  // answering a replaced proposal, a bad scenario at creation.
  EXPECT_EQ(call("GET", "/v1/rooms/nosuchroom", tokens_["a"]).status, 404);
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["b"], kPrefsB).status, 200);
  EXPECT_EQ(call("POST", at("/proposals/1/responses"), tokens_["a"], R"({"response": "accept"})").status, 404);
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "egalitarian"})").status, 201);
  EXPECT_EQ(respond("a", 2, "accept", R"(, "party": "b")"), 403);
  EXPECT_EQ(respond("a", 1, "accept"), 409);
  EXPECT_EQ(respond("a", 2, "maybe"), 422);
  EXPECT_EQ(respond("a", 2, "accept", R"(, "rating": 1.5)"), 422);
  EXPECT_EQ(respond("a", 7, "accept"), 404);
  Response bad = call("POST", "/v1/rooms", "", R"({"scenario": {"parley": 1, "parties": [{"id": "a"}], "issues": []}})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(parse(bad.body).find("errors")->items()[0].find("pointer")->text().rfind("/scenario", 0), 0u) << bad.body;
  EXPECT_EQ(call("GET", at("/events"), tokens_["a"], "", {{"after", "x"}}).status, 400);
}

// For every endpoint and every role: nothing one party entered, and no
// utility computed from it, reaches any other caller; directly, through
// the log and events, the agreement, or an error message.
TEST_F(RoomTest, LeakageMatrix) {
  create();
  preferences();
  const std::vector<std::string> roles = {"mediator", "observer", "a", "b"};
  auto sweep = [&] {
    for (const std::string& who : roles) {
      const std::string& t = tokens_[who];
      call("GET", at(), t);
      call("GET", at("/agreement"), t);
      call("GET", at("/events"), t, "", {{"after", "0"}});
      call("GET", at("/log"), t);
      // Writes each role may or may not make, valid and invalid: their
      // answers and error messages are checked too.
      call("PUT", at("/preferences"), t, R"({"weights": {"house": 0.314, "nowhere": 1}})");
      call("POST", at("/proposals"), t, R"({"outcome": {"car": "z"}})");
      call("POST", at("/proposals/1/responses"), t, R"({"response": "perhaps"})");
      call("POST", at("/agreed"), t, R"({"issue": "car", "value": "nobody"})");
      call("POST", at("/improve"), t, "");
    }
  };
  sweep();  // before any proposal
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
  sweep();
  ASSERT_EQ(respond("a", 1, "accept"), 200);
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  ASSERT_EQ(call("POST", at("/improve"), tokens_["mediator"]).status, 200);
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"],
                 R"({"outcome": {"house": "a", "car": "b", "savings": {"b": 1}, "monitoring": "none"}})")
                .status,
            201);
  sweep();
  // Each party's own utilities: markers as well (the long ones, that cannot
  // appear by chance).
  std::map<std::string, std::vector<std::string>> markers = kMarkers;
  for (const std::string party : {"a", "b"}) {
    const Value view = get(party);  // kept alive: the loop walks its members
    for (const auto& [n, u] : view.find("utilities")->members()) {
      if (u.text().size() >= 6) markers[party].push_back(u.text());
    }
    ASSERT_GE(markers[party].size(), 5u) << party;
  }
  sweep();
  std::size_t checked = 0;
  for (const auto& [token, body] : bodies_) {
    for (const auto& [party, list] : markers) {
      if (token == tokens_[party]) continue;  // a party may see its own
      for (const std::string& m : list) {
        EXPECT_EQ(body.find(m), std::string::npos) << "party " << party << "'s " << m << " in " << body;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
  // The checks are not vacuous: each party does see its own markers.
  EXPECT_NE(call("GET", at(), tokens_["a"]).body.find("0.271828"), std::string::npos);
  EXPECT_NE(call("GET", at("/log"), tokens_["b"]).body.find("0.0577215"), std::string::npos);
}

TEST_F(RoomTest, TamperingWithALogRowIsNamedByTheAudit) {
  create();
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})").status, 201);
  Result<AuditReport> intact = audit(*db_, room_);
  ASSERT_TRUE(intact);
  EXPECT_TRUE(intact.value().intact);
  EXPECT_EQ(intact.value().entries, 4);
  db_->transaction([&](store::Session& s) {
    s.exec("UPDATE log SET detail = ? WHERE room = ? AND seq = 3", {std::string(kPrefsB), room_});
  });
  Result<AuditReport> changed = audit(*db_, room_);
  ASSERT_TRUE(changed);
  EXPECT_FALSE(changed.value().intact);
  EXPECT_EQ(changed.value().first_bad, "entry 3: its hash does not match its contents");
  db_->transaction([&](store::Session& s) { s.exec("DELETE FROM log WHERE room = ? AND seq = 2", {room_}); });
  EXPECT_EQ(audit(*db_, room_).value().first_bad, "entry 2: missing (the next entry is 3)");
  EXPECT_FALSE(audit(*db_, "no-such-room"));
}

std::string example(const std::string& name) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/examples/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The bundled examples as rooms: preferences given with the scenario are
// each party's own from the start, the scenario's agreed terms are the
// room's, and a map travels inline; a map path is refused, never read.
TEST_F(RoomTest, TheBundledExamplesAsRooms) {
  Response made = call("POST", "/v1/rooms", "", "{\"scenario\": " + example("ceasefire.json") + "}");
  ASSERT_EQ(made.status, 201) << made.body;
  const Value v = parse(made.body);
  room_ = v.find("room")->text();
  tokens_["mediator"] = v.find("mediator_token")->text();
  tokens_["observer"] = v.find("observer_token")->text();
  for (const auto& [party, t] : v.find("party_tokens")->members()) tokens_[party] = t.text();
  const Value room = get("observer");
  ASSERT_NE(room.find("agreed")->find("energy_strikes"), nullptr) << json::write(*room.find("agreed"));
  EXPECT_EQ(room.find("agreed")->find("energy_strikes")->text(), "halt");
  EXPECT_EQ(room.find("agreed")->find("prisoner_exchange")->text(), "all_for_all");
  EXPECT_EQ(room.find("scenario")->find("preferences"), nullptr);
  EXPECT_EQ(room.find("scenario")->find("agreed"), nullptr);
  Response nash = call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})");
  ASSERT_EQ(nash.status, 201) << nash.body;
  const Value proposal = parse(nash.body);
  ASSERT_NE(proposal.find("outcome")->find("energy_strikes"), nullptr) << nash.body;
  EXPECT_EQ(proposal.find("outcome")->find("energy_strikes")->text(), "halt");
  // The preferences came with the scenario; the other party sees only that they did.
  const std::string b_log = call("GET", at("/log"), tokens_["b"]).body;
  EXPECT_NE(b_log.find("the preferences of party a came with the scenario"), std::string::npos);
  EXPECT_EQ(b_log.find("no-deal alternative is comparatively strong"), std::string::npos);  // in a's meta
  // b's own, as entered: a JSON string (the detail) inside the sealed
  // detail (log.h), inside the answer, so escaped twice.
  EXPECT_NE(b_log.find(R"(\\\"reservation\\\":0.4,)"), std::string::npos);

  Response inline_map = call("POST", "/v1/rooms", "", "{\"scenario\": " + example("river-valley-inline.json") + "}");
  EXPECT_EQ(inline_map.status, 201) << inline_map.body;
  Response path_map = call("POST", "/v1/rooms", "", "{\"scenario\": " + example("river-valley.json") + "}");
  ASSERT_EQ(path_map.status, 422) << path_map.body;
  ASSERT_FALSE(parse(path_map.body).find("errors")->items().empty()) << path_map.body;
  EXPECT_EQ(parse(path_map.body).find("errors")->items()[0].find("pointer")->text(), "/scenario/map/geojson");
}

// Tokens are stored only as their SHA-256 hashes.
TEST_F(RoomTest, TokensAreStoredOnlyAsHashes) {
  create();
  std::vector<store::Row> rows;
  db_->transaction([&](store::Session& s) { rows = s.query("SELECT role, party, hash FROM tokens WHERE room = ?", {room_}); });
  ASSERT_EQ(rows.size(), 4u);  // mediator, observer, a, b
  std::set<std::string> hashes;
  for (const store::Row& r : rows) hashes.insert(r.text(2));
  for (const auto& [who, t] : tokens_) {
    EXPECT_EQ(hashes.count(t), 0u) << who;
    EXPECT_EQ(hashes.count(sha256_hex(t)), 1u) << who;
  }
}

// attack14 F1: every role sees every entry's hash; before the nonce a hidden
// blind response was recovered by hashing the few details it could be.
TEST_F(RoomTest, ALogHashDoesNotConfirmAGuessAtAHiddenDetail) {
  create(true);
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], kHandProposal).status, 201);
  ASSERT_EQ(respond("a", 1, "reject", R"(, "rating": 0.2)"), 200);
  const auto response_entry = [&](const std::string& who) {
    const Value log = get(who, "/log");
    for (const Value& e : log.items()) {
      if (e.find("action")->text() == "response") return e;
    }
    ADD_FAILURE() << "no response entry for " << who;
    return Value();
  };
  const std::string truth = R"({"proposal":1,"response":"reject","rating":0.2,"comment":null})";
  for (const std::string who : {"b", "mediator", "observer"}) {
    const Value e = response_entry(who);
    EXPECT_EQ(e.find("detail")->text(), "party a answered proposal 1") << who;
    const auto hash_of = [&](const std::string& guess) {
      return room_log::entry_hash(e.find("prev")->text(), std::stoll(e.find("seq")->text()), e.find("time")->text(),
                                  e.find("actor")->text(), e.find("action")->text(), guess);
    };
    // The attacker's t1 guess list, the true answer included.
    for (const std::string response : {"accept", "reject"}) {
      for (const std::string rating : {"null", "0", "0.1", "0.2", "0.5", "1"}) {
        const std::string guess =
            R"({"proposal":1,"response":")" + response + R"(","rating":)" + rating + R"(,"comment":null})";
        EXPECT_NE(hash_of(guess), e.find("hash")->text()) << who << " confirmed " << guess;
      }
    }
    // Nor does knowing the sealed form without its nonce help.
    const std::string sealed_guess = R"({"nonce":")" + std::string(32, '0') +
                                     R"(","owner":"a","redacted":"party a answered proposal 1","detail":)" +
                                     json::quote(truth) + "}";
    EXPECT_NE(hash_of(sealed_guess), e.find("hash")->text()) << who;
  }
  // The owner is given the sealed detail, nonce included, and can check its hash.
  const Value mine = response_entry("a");
  const Value sealed = parse(mine.find("detail")->text());
  EXPECT_EQ(sealed.find("nonce")->text().size(), 32u);
  EXPECT_EQ(sealed.find("owner")->text(), "a");
  EXPECT_EQ(sealed.find("redacted")->text(), "party a answered proposal 1");
  EXPECT_EQ(sealed.find("detail")->text(), truth);
  EXPECT_EQ(room_log::entry_hash(mine.find("prev")->text(), std::stoll(mine.find("seq")->text()), mine.find("time")->text(),
                                 mine.find("actor")->text(), mine.find("action")->text(), mine.find("detail")->text()),
            mine.find("hash")->text());
  // Two entries with the same text get different nonces.
  ASSERT_EQ(respond("a", 1, "reject", R"(, "rating": 0.2)"), 200);
  std::set<std::string> nonces;
  const Value log = get("a", "/log");
  for (const Value& e : log.items()) {
    if (e.find("action")->text() == "response") nonces.insert(parse(e.find("detail")->text()).find("nonce")->text());
  }
  EXPECT_EQ(nonces.size(), 2u);

  // The hash now covers what the others are shown and who sees the full text.
  ASSERT_TRUE(audit(*db_, room_).value().intact);
  const std::int64_t seq = std::stoll(mine.find("seq")->text());
  db_->transaction([&](store::Session& s) {
    s.exec("UPDATE log SET redacted = 'party a accepted' WHERE room = ? AND seq = ?", {room_, seq});
  });
  EXPECT_EQ(audit(*db_, room_).value().first_bad,
            "entry " + std::to_string(seq) + ": its redacted text or owner is not the one its hash covers");
  db_->transaction([&](store::Session& s) {
    s.exec("UPDATE log SET redacted = 'party a answered proposal 1', owner = NULL WHERE room = ? AND seq = ?",
           {room_, seq});
  });
  EXPECT_FALSE(audit(*db_, room_).value().intact);
}

// attack14 F2: the certificate held "equitable" for everyone, so a party's
// own utility gave away the other's. Now each caller gets only properties
// about itself, and nothing comparing two parties' utilities.
TEST_F(RoomTest, TheCertificateTellsEachPartyOnlyAboutItself) {
  create();
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "egalitarian"})").status, 201);
  ASSERT_EQ(respond("a", 1, "accept"), 200);
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  // Each party's utility of the agreement, from its own room view: the markers.
  std::map<std::string, std::string> utility;
  for (const std::string party : {"a", "b"}) utility[party] = get(party).find("utilities")->find("1")->text();
  ASSERT_NE(utility["a"], utility["b"]);  // else finding one would not tell which
  for (const std::string who : {"a", "b", "mediator", "observer"}) {
    const std::string body = call("GET", at("/agreement"), tokens_[who]).body;
    const Value cert = *parse(body).find("certificate");
    std::vector<std::string> keys;
    for (const auto& [k, v] : cert.find("properties")->members()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"pareto_optimal", "public_rules_hold"})) << who;
    EXPECT_EQ(body.find("equitable"), std::string::npos) << who;
    EXPECT_EQ(body.find("feasible"), std::string::npos) << who;  // it folds in the red lines
    for (const std::string party : {"a", "b"}) {
      EXPECT_EQ(body.find(utility[party]) != std::string::npos, who == party) << who << " sees " << party;
    }
    if (who == "a" || who == "b") {
      const Value* own = cert.find("own");
      EXPECT_EQ(own->find("party")->text(), who);
      EXPECT_EQ(own->find("utility")->text(), utility[who]);
      EXPECT_TRUE(own->find("individually_rational")->as_bool()) << who;
      EXPECT_TRUE(own->find("red_lines_hold")->as_bool()) << who;
      for (const char* key : {"envy_free", "proportional", "mms"}) EXPECT_TRUE(own->find(key)) << who << key;
    } else {
      EXPECT_TRUE(cert.find("own")->is_null()) << who;
    }
  }
}

// The engine's answer for an agreement is computed once per exact inputs:
// later GETs, whoever asks, come from memory (Rooms::stats counts engine
// computations), each caller still given only its own part; new preferences
// after the agreement are new inputs, never served the old answer.
TEST_F(RoomTest, TheAgreementCertificateIsComputedOncePerInputsAndNeverServedStale) {
  create();
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], kHandProposal).status, 201);
  ASSERT_EQ(respond("a", 1, "accept"), 200);
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  EXPECT_EQ(rooms_->stats().certificates_computed, 0);
  const std::string first = call("GET", at("/agreement"), tokens_["a"]).body;
  EXPECT_EQ(rooms_->stats().certificates_computed, 1);
  EXPECT_EQ(rooms_->stats().certificates_cached, 0);
  for (const std::string who : {"a", "b", "mediator", "observer", "a"}) {
    const Response r = call("GET", at("/agreement"), tokens_[who]);
    ASSERT_EQ(r.status, 200) << r.body;
    const Value cert = *parse(r.body).find("certificate");
    EXPECT_TRUE(cert.find("properties")->find("pareto_optimal")->is_bool()) << who;
    if (who == "a") EXPECT_EQ(r.body, first);
    if (who == "b") EXPECT_EQ(cert.find("own")->find("party")->text(), "b");
    if (who == "b") EXPECT_EQ(cert.find("own")->find("utility")->text(), get("b").find("utilities")->find("1")->text());
    if (who == "mediator" || who == "observer") EXPECT_TRUE(cert.find("own")->is_null()) << who;
  }
  EXPECT_EQ(rooms_->stats().certificates_computed, 1);
  EXPECT_EQ(rooms_->stats().certificates_cached, 5);
  EXPECT_EQ(rooms_->stats().certificates_held, 1);

  // a cares far more for the house now: a's utility of the agreement changes.
  const std::string old_utility = parse(first).find("certificate")->find("own")->find("utility")->text();
  std::string changed = kPrefsA;
  changed.replace(changed.find("0.123456789"), 11, "0.9");
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], changed).status, 200);
  const std::string new_utility = get("a").find("utilities")->find("1")->text();
  ASSERT_NE(new_utility, old_utility);
  const Value after = parse(call("GET", at("/agreement"), tokens_["a"]).body);
  EXPECT_EQ(rooms_->stats().certificates_computed, 2);
  EXPECT_EQ(after.find("certificate")->find("own")->find("utility")->text(), new_utility);
  EXPECT_EQ(after.find("certificate")->find("utilities")->find("a")->text(), new_utility);
  EXPECT_EQ(rooms_->stats().certificates_held, 2);

  // A later proposal answered: the room stays agreed (an earlier proposal
  // is), in its view and in the status column a response writes.
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"],
                 R"({"outcome": {"house": "b", "car": "a", "savings": {"a": 1}, "monitoring": "none"}})")
                .status,
            201);
  ASSERT_EQ(respond("a", 2, "reject"), 200);
  EXPECT_EQ(get("observer").find("status")->text(), "agreed");
  std::string stored;
  db_->read([&](store::Session& s) { stored = s.query("SELECT status FROM rooms WHERE id = ?", {room_})[0].text(0); });
  EXPECT_EQ(stored, "agreed");
  EXPECT_EQ(parse(call("GET", at("/agreement"), tokens_["b"]).body).find("proposal")->text(), "1");
}

TEST_F(RoomTest, AResponseInARoomWithNoAgreementLeavesItOpenAndAnAgreementOnTheLatestClosesIt) {
  create();
  for (int n = 1; n <= 3; ++n) ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], kHandProposal).status, 201);
  auto stored = [&] {
    std::string status;
    db_->read([&](store::Session& s) { status = s.query("SELECT status FROM rooms WHERE id = ?", {room_})[0].text(0); });
    return status;
  };
  ASSERT_EQ(respond("a", 3, "accept"), 200);
  EXPECT_EQ(stored(), "open");
  ASSERT_EQ(respond("b", 3, "reject"), 200);
  EXPECT_EQ(stored(), "open");
  EXPECT_EQ(respond("b", 2, "accept"), 409);  // replaced
  EXPECT_EQ(respond("b", 4, "accept"), 404);
  ASSERT_EQ(respond("b", 3, "accept"), 200);
  EXPECT_EQ(stored(), "agreed");
  EXPECT_EQ(get("observer").find("status")->text(), "agreed");
}

// attack14 F9: the 409 named the engine's status, and "no_agreement_zone"
// against "infeasible" told the mediator whether reservations or red lines
// rule every package out.
TEST_F(RoomTest, AFailedMethodProposalDoesNotSayWhichPrivateFieldBlocksIt) {
  create();
  std::string a = kPrefsA, b = kPrefsB;
  a.replace(a.find("0.271828"), 8, "0.99");
  b.replace(b.find("0.161803"), 8, "0.99");
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["a"], a).status, 200);
  ASSERT_EQ(call("PUT", at("/preferences"), tokens_["b"], b).status, 200);
  const Response r = call("POST", at("/proposals"), tokens_["mediator"], R"({"method": "nash"})");
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(parse(r.body).find("error")->text(), "the engine found no package every party can accept under nash");
  EXPECT_EQ(r.body.find("no_agreement_zone"), std::string::npos);
  EXPECT_EQ(r.body.find("reservation"), std::string::npos);
}

// attack14 F10: in a blind room the party completing an agreement saw every
// response and could then reject, hiding them again. An agreement is final.
TEST_F(RoomTest, AnAgreementStandsOnceEveryPartyAcceptedIt) {
  create(true);
  preferences();
  ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], kHandProposal).status, 201);
  ASSERT_EQ(respond("a", 1, "accept", R"(, "comment": "my bottom line")"), 200);
  ASSERT_EQ(respond("a", 1, "accept", R"(, "comment": "changed my mind, still yes")"), 200);  // before: free
  ASSERT_EQ(respond("b", 1, "accept"), 200);
  const std::int64_t entries = log_size();
  for (const std::string who : {"a", "b"}) {
    const Response r = call("POST", at("/proposals/1/responses"), tokens_[who], R"({"response": "reject"})");
    EXPECT_EQ(r.status, 409) << who;
    EXPECT_EQ(parse(r.body).find("error")->text(), "every party accepted proposal 1: the agreement stands") << who;
  }
  EXPECT_EQ(respond("b", 1, "accept", R"(, "rating": 1)"), 409);  // nor restated
  EXPECT_EQ(log_size(), entries);  // nothing written
  const Value room = get("observer");
  const Value& responses = *room.find("proposals")->items()[0].find("responses");
  EXPECT_EQ(room.find("status")->text(), "agreed");
  EXPECT_EQ(responses.find("a")->find("comment")->text(), "changed my mind, still yes");
  EXPECT_EQ(responses.find("b")->find("response")->text(), "accept");
}

// attack14 F8: a room holds at most 1000 proposals; the 1001st is refused
// before any engine work and nothing is stored.
TEST_F(RoomTest, ARoomHoldsAtMostAThousandProposals) {
  create();
  const std::string hand = kHandProposal;
  for (int k = 1; k <= 1000; ++k) ASSERT_EQ(call("POST", at("/proposals"), tokens_["mediator"], hand).status, 201) << k;
  bodies_.clear();  // 1000 answers kept for nothing
  const std::int64_t entries = log_size();
  for (const std::string& body : {hand, std::string(R"({"method": "nash"})")}) {
    const Response r = call("POST", at("/proposals"), tokens_["mediator"], body);
    EXPECT_EQ(r.status, 409) << body;
    EXPECT_EQ(parse(r.body).find("error")->text(), "this room holds 1000 proposals, the most a room may hold");
  }
  EXPECT_EQ(log_size(), entries);
  EXPECT_EQ(get("observer").find("round")->text(), "1000");
  EXPECT_EQ(respond("a", 1000, "accept"), 200);  // the room still works

}

// attack14b G3: every view holds all the proposals' terms, so a room of many
// issues holds fewer proposals: 20,000 issues, 10 proposals (200,000 terms).
TEST_F(RoomTest, ARoomOfManyIssuesHoldsFewerProposals) {
  std::string scenario = R"({"parley": 1, "title": "Many items", "parties": [{"id": "a"}, {"id": "b"}], "issues": [)";
  std::string outcome = R"({"outcome": {)";
  for (int i = 0; i < 20000; ++i) {
    scenario += (i ? "," : "") + std::string(R"({"id": "i)") + std::to_string(i) + R"(", "kind": "item"})";
    outcome += (i ? "," : "") + std::string(R"("i)") + std::to_string(i) + R"(": ")" + (i % 2 ? "a" : "b") + "\"";
  }
  scenario += "]}";
  outcome += "}}";
  const Response made = call("POST", "/v1/rooms", "", R"({"scenario": )" + scenario + "}");
  ASSERT_EQ(made.status, 201) << made.body.substr(0, 300);
  const Value v = parse(made.body);
  room_ = v.find("room")->text();
  const std::string mediator = v.find("mediator_token")->text();
  for (int k = 1; k <= 10; ++k) ASSERT_EQ(call("POST", at("/proposals"), mediator, outcome).status, 201) << k;
  const Response r = call("POST", at("/proposals"), mediator, outcome);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(parse(r.body).find("error")->text(),
            "this room holds 10 proposals of 20000 terms each, the most a room of this size may hold (200000 terms "
            "over all its proposals)");
  bodies_.clear();
}

TEST_F(RoomTest, ARoomStoresAtMostFourMebibytesOfScenario) {
  // A stored scenario of at most 4 MiB (Rooms::handle sees no body limit).
  std::string big = kScenario;
  big.replace(big.find(R"("title")"), 7, R"("description": ")" + std::string(4u << 20, 'x') + R"(", "title")");
  const Response r = call("POST", "/v1/rooms", "", R"({"scenario": )" + big + "}");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(parse(r.body).find("errors")->items()[0].find("pointer")->text(), "/scenario");
  EXPECT_NE(r.body.find("a room stores at most 4 MiB"), std::string::npos) << r.body.substr(0, 300);
}

TEST(RoomCrypto, HashesTokensAndComparesThem) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
  EXPECT_NE(random_token(), random_token());
  EXPECT_EQ(random_nonce().size(), 32u);  // 128 bits in hex
  EXPECT_NE(random_nonce(), random_nonce());
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

}  // namespace
}  // namespace parley::room
