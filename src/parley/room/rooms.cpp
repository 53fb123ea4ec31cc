// Rooms::handle: the contract of docs/room-api.md over the storage interface
// and the engine's facade.
//
// Privacy is kept by construction rather than by filtering answers:
// - a party's preferences are read back from the database only to (a) run
//   the engine on the full scenario server-side, whose answers leave as
//   outcomes and collective yes/no properties only, (b) give the party its
//   own body and utilities, computed on a scenario that holds that party's
//   preferences alone, and (c) give the mediator the fields the party shared;
// - every error message about a party's preferences is built from a scenario
//   that holds only that party's body, and goes only to that party;
// - the log keeps each entry's unredacted detail server-side and gives it
//   only to the entry's owner; everyone else gets the redacted sentence.
//
// Engine calls run outside any transaction (a Nash proposal may take the
// whole time limit; holding SQLite's write lock for that would stall every
// other room). The inputs are read in one transaction and re-read in the
// writing one; if they changed meanwhile the answer is 409, never a
// proposal computed from stale preferences.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "parley/analysis/utility.h"
#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/verify.h"
#include "parley/optimise/package.h"
#include "parley/room/crypto.h"
#include "parley/room/log.h"
#include "parley/room/rooms.h"

namespace parley::room {

// An agreement's certificate as the engine computed it, before it is cut per
// caller: the properties every role gets and each party's own block (by
// party index). Held in memory only; each caller is given its part alone.
struct Certificate {
  json::Value properties;
  std::vector<json::Value> own;
};

// At most `slots` engine computations at once (Options::engine_slots). A
// computation holds an EngineGate::Slot for its length; one that finds none
// free within the wait is answered 503.
class EngineGate {
 public:
  explicit EngineGate(const Options& o)
      : semaphore_(o.engine_slots > 0 ? o.engine_slots
                                      : std::max<std::ptrdiff_t>(1, std::thread::hardware_concurrency())),
        wait_(o.engine_wait),
        on_slot_(o.on_engine_slot) {}

  class Slot {
   public:
    explicit Slot(EngineGate& g) : gate_(g) {}
    ~Slot() { gate_.semaphore_.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    EngineGate& gate_;
  };

  // A held slot, or 503 (thrown as the request's answer).
  std::unique_ptr<Slot> enter();

 private:
  std::counting_semaphore<> semaphore_;
  std::chrono::milliseconds wait_;
  std::function<void()> on_slot_;
};

// The last kCapacity certificates computed, by key (Handler::certificate),
// least recently used dropped first. Shared by the server's threads.
class CertificateCache {
 public:
  static constexpr std::size_t kCapacity = 256;

  std::optional<Certificate> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, it->second);  // now the most recent
    ++stats_.certificates_cached;
    return it->second->second;
  }
  void put(const std::string& key, const Certificate& c) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      // Two requests computed it at once: keep one.
      entries_.splice(entries_.begin(), entries_, it->second);
      return;
    }
    entries_.emplace_front(key, c);
    index_.emplace(key, entries_.begin());
    if (entries_.size() > kCapacity) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }
  void count_computed() {
    std::lock_guard lock(mutex_);
    ++stats_.certificates_computed;
  }
  Rooms::Stats stats() {
    std::lock_guard lock(mutex_);
    Rooms::Stats out = stats_;
    out.certificates_held = static_cast<std::int64_t>(entries_.size());
    return out;
  }

 private:
  std::mutex mutex_;
  std::list<std::pair<std::string, Certificate>> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<std::pair<std::string, Certificate>>::iterator> index_;
  Rooms::Stats stats_;
};

namespace {

using json::Value;

// ---- answers ---------------------------------------------------------------

// An error answer, thrown from anywhere inside a handler and turned into
// the contract's JSON at handle()'s edge.
struct HttpError {
  int status;
  std::string error;
  std::vector<Diagnostic> errors;
};

[[noreturn]] void fail(int status, std::string error, std::vector<Diagnostic> errors = {}) {
  throw HttpError{status, std::move(error), std::move(errors)};
}

[[noreturn]] void invalid(std::string pointer, std::string message) {
  // The diagnostic gets a copy: arguments are evaluated in no set order, and
  // moving the message into it could leave "error" empty (GCC did).
  fail(422, message, {Diagnostic{std::move(pointer), message, ""}});
}

Response answer(int status, const Value& body) { return {status, json::write(body, {.indent = 0})}; }

Response error_answer(const HttpError& e) {
  Value errors = Value::array();
  for (const Diagnostic& d : e.errors) {
    errors.push(Value::object().add("pointer", Value::string(d.pointer)).add("message", Value::string(d.message)));
  }
  return answer(e.status, Value::object().add("error", Value::string(e.error)).add("errors", std::move(errors)));
}

std::string now_text() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

// ---- request bodies --------------------------------------------------------

// A JSON object body: 400 when it is not JSON or nests deeper than 64, 422
// when it is JSON but not an object.
Value parse_body(const std::string& body) {
  json::ParseLimits limits;
  limits.max_depth = 64;
  Result<Value> doc = json::parse(body, "body", limits);
  if (!doc) fail(400, "the body is not valid JSON: " + doc.errors()[0].message, doc.errors());
  if (!doc.value().is_object()) invalid("", "the body must be a JSON object, not " + json::describe(doc.value()));
  return std::move(doc).value();
}

void only_keys(const Value& body, std::initializer_list<std::string_view> allowed) {
  std::vector<Diagnostic> errors;
  for (const auto& [key, value] : body.members()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      errors.push_back({json::pointer_join("", key), "unknown key " + json::quote(key) + "; allowed keys: " + list, ""});
    }
  }
  if (!errors.empty()) fail(422, errors[0].message, errors);
}

// Diagnostics of a document nested at `prefix` of the body, located in the body.
std::vector<Diagnostic> under(const std::string& prefix, const std::vector<Diagnostic>& ds) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : ds) out.push_back({prefix + d.pointer, d.message, d.source});
  return out;
}

Value stored_json(const std::string& text) {
  Result<Value> v = json::parse(text, "database");
  if (!v) throw std::runtime_error("a stored JSON value does not parse");
  return std::move(v).value();
}

// ---- the room as stored ----------------------------------------------------

struct Caller {
  std::string role;   // "mediator", "party", "observer"
  std::string party;  // the party's id, for role "party"
};

struct StoredPreferences {
  Value body;                       // as entered, without "share"
  std::vector<std::string> shared;  // fields the mediator may see
};

struct StoredResponse {
  std::string response;               // "accept" or "reject"
  std::optional<std::string> rating;  // JSON number text
  std::optional<std::string> comment;
};

struct Proposal {
  std::int64_t n = 0;
  std::string time;
  std::optional<std::string> method;
  Value outcome;                                    // complete, as outcome_to_json writes it
  std::map<std::string, StoredResponse> responses;  // by party id
};

// What a handler needs of the stored room (attack14 F8: loading every
// proposal's outcome and every party's preferences for a write that touches
// one row made each request cost the whole room). The room row, the agreed
// terms, the proposals' count and last number are always loaded.
struct Need {
  bool preferences = true;  // every party's stored preferences
  enum class Proposals {
    all,     // every proposal with its outcome and responses
    latest,  // the latest one only, with its responses (answering a proposal)
    none,    // none (count and last number only)
  } proposals = Proposals::all;
};

struct State {
  Need loaded;  // what load_state read; the accessors below refuse what it did not
  std::string id;
  std::string created;
  Value scenario;  // public: without preferences and agreed terms
  bool blind = false;
  std::int64_t round = 0;
  std::vector<std::string> parties;                  // ids, in scenario order
  std::vector<std::pair<std::string, Value>> agreed;  // issue id -> value, in the order locked
  std::map<std::string, StoredPreferences> preferences;
  std::vector<Proposal> proposals;  // by n: all of them, the latest or none (`loaded`)
  std::int64_t proposal_count = 0;  // how many the room holds
  std::int64_t last_proposal = 0;   // the highest n; 0 when none

  bool accepted_by_all(const Proposal& p) const {
    return std::all_of(parties.begin(), parties.end(), [&](const std::string& party) {
      auto it = p.responses.find(party);
      return it != p.responses.end() && it->second.response == "accept";
    });
  }
  // The latest proposal every party accepted: the agreement.
  const Proposal* agreement() const {
    if (loaded.proposals != Need::Proposals::all) throw std::logic_error("rooms: agreement() without every proposal");
    for (auto it = proposals.rbegin(); it != proposals.rend(); ++it) {
      if (accepted_by_all(*it)) return &*it;
    }
    return nullptr;
  }
  bool all_preferences() const {
    if (!loaded.preferences) throw std::logic_error("rooms: all_preferences() without the preferences");
    return preferences.size() == parties.size();
  }
};

std::optional<State> load_state(store::Session& s, const std::string& id, Need need = {}) {
  const std::vector<store::Row> rooms =
      s.query("SELECT created, scenario, blind, round FROM rooms WHERE id = ?", {id});
  if (rooms.empty()) return std::nullopt;
  State st;
  st.loaded = need;
  st.id = id;
  st.created = rooms[0].text(0);
  st.scenario = stored_json(rooms[0].text(1));
  st.blind = rooms[0].integer(2) != 0;
  st.round = rooms[0].integer(3);
  if (const Value* parties = st.scenario.find("parties")) {
    for (const Value& p : parties->items()) st.parties.push_back(p.find("id")->text());
  }
  for (const store::Row& r : s.query("SELECT issue, value FROM agreed WHERE room = ? ORDER BY time, issue", {id})) {
    st.agreed.emplace_back(r.text(0), stored_json(r.text(1)));
  }
  for (const store::Row& r :
       need.preferences ? s.query("SELECT party, body, shared FROM preferences WHERE room = ?", {id})
                        : std::vector<store::Row>{}) {
    StoredPreferences p{stored_json(r.text(1)), {}};
    const Value shared = stored_json(r.text(2));  // kept alive: the loop walks its items
    for (const Value& f : shared.items()) p.shared.push_back(f.text());
    st.preferences.emplace(r.text(0), std::move(p));
  }
  const store::Row counted = s.query("SELECT COUNT(*), MAX(n) FROM proposals WHERE room = ?", {id}).at(0);
  st.proposal_count = counted.integer(0);
  st.last_proposal = counted.is_null(1) ? 0 : counted.integer(1);
  if (need.proposals == Need::Proposals::none) return st;
  const bool all = need.proposals == Need::Proposals::all;
  for (const store::Row& r :
       all ? s.query("SELECT n, time, method, outcome FROM proposals WHERE room = ? ORDER BY n", {id})
           : s.query("SELECT n, time, method, outcome FROM proposals WHERE room = ? AND n = ?", {id, st.last_proposal})) {
    Proposal p;
    p.n = r.integer(0);
    p.time = r.text(1);
    if (!r.is_null(2)) p.method = r.text(2);
    p.outcome = stored_json(r.text(3));
    st.proposals.push_back(std::move(p));
  }
  for (const store::Row& r :
       all ? s.query("SELECT proposal, party, response, rating, comment FROM responses WHERE room = ?", {id})
           : s.query("SELECT proposal, party, response, rating, comment FROM responses WHERE room = ? AND proposal = ?",
                     {id, st.last_proposal})) {
    const std::int64_t n = r.integer(0);
    auto it = std::find_if(st.proposals.begin(), st.proposals.end(), [&](const Proposal& p) { return p.n == n; });
    if (it == st.proposals.end()) continue;
    StoredResponse resp{r.text(2), std::nullopt, std::nullopt};
    if (!r.is_null(3)) resp.rating = r.text(3);
    if (!r.is_null(4)) resp.comment = r.text(4);
    it->responses[r.text(1)] = std::move(resp);
  }
  return st;
}

// 404 for an unknown room; then 401 unless the token is one of this room's
// (compared in constant time against every stored hash, so neither a
// timing nor the answer says which part of a guess was right).
Caller authenticate(store::Session& s, const std::string& room, const std::string& token) {
  const std::string hash = sha256_hex(token);
  std::optional<Caller> found;
  for (const store::Row& r : s.query("SELECT role, party, hash FROM tokens WHERE room = ?", {room})) {
    if (constant_time_equal(hash, r.text(2)) && !token.empty()) {
      found = Caller{r.text(0), r.is_null(1) ? "" : r.text(1)};
    }
  }
  if (!found) fail(401, "unauthorized");
  return *found;
}

void require_role(const Caller& c, std::string_view role, std::string_view what) {
  if (c.role != role) {
    fail(403, "only " + std::string(role == "mediator" ? "the mediator" : "a party") + " may " + std::string(what));
  }
}

// ---- scenarios built from the stored room ---------------------------------

// The scenario document with the agreed terms and the preferences of
// `parties_prefs` (party id -> preferences body).
Value scenario_document(const State& st, const std::map<std::string, const Value*>& parties_prefs) {
  Value doc = st.scenario;
  if (!st.agreed.empty()) {
    Value agreed = Value::object();
    for (const auto& [issue, value] : st.agreed) agreed.add(issue, value);
    doc.add("agreed", std::move(agreed));
  }
  if (!parties_prefs.empty()) {
    Value prefs = Value::object();
    for (const std::string& party : st.parties) {
      auto it = parties_prefs.find(party);
      if (it != parties_prefs.end()) prefs.add(party, *it->second);
    }
    doc.add("preferences", std::move(prefs));
  }
  return doc;
}

// A document stored by this library reads back valid; if it does not, the
// database was changed behind its back: an internal error, not the caller's.
Scenario read_trusted(const Value& doc) {
  Result<Scenario> s = read_scenario(doc, "room", {}, no_files());
  if (!s) throw std::runtime_error("a stored room no longer reads as a valid scenario");
  return std::move(s).value();
}

Scenario public_scenario(const State& st) { return read_trusted(scenario_document(st, {})); }

// Every party's preferences: for the engine only. Precondition: all present.
Scenario full_scenario(const State& st) {
  std::map<std::string, const Value*> all;
  for (const auto& [party, p] : st.preferences) all[party] = &p.body;
  return read_trusted(scenario_document(st, all));
}

// A scenario in which every party holds `party`'s preferences: the party's
// own utilities computed from it involve nobody else's data at all.
Scenario own_scenario(const State& st, const Value& body) {
  std::map<std::string, const Value*> same;
  for (const std::string& party : st.parties) same[party] = &body;
  return read_trusted(scenario_document(st, same));
}

int party_index(const State& st, const std::string& party) {
  return static_cast<int>(std::find(st.parties.begin(), st.parties.end(), party) - st.parties.begin());
}

// Party `party`'s utility of each proposal, from its own preferences only.
std::vector<Rational> own_utilities(const State& st, const std::string& party, const Value& body) {
  const Scenario s = own_scenario(st, body);
  const Utilities u(s);
  std::vector<Rational> out;
  for (const Proposal& p : st.proposals) {
    Result<Outcome> o = read_outcome(p.outcome, s, "proposal");
    if (!o) throw std::runtime_error("a stored proposal no longer reads as an outcome");
    out.push_back(u.utility(party_index(st, party), o.value()));
  }
  return out;
}

// Party `party`'s utility of one proposal, from its own preferences only.
Rational own_utility(const State& st, const std::string& party, const Value& body, const Proposal& p) {
  const Scenario s = own_scenario(st, body);
  Result<Outcome> o = read_outcome(p.outcome, s, "proposal");
  if (!o) throw std::runtime_error("a stored proposal no longer reads as an outcome");
  return Utilities(s).utility(party_index(st, party), o.value());
}

bool shares(const StoredPreferences& p, std::string_view field) {
  return std::find(p.shared.begin(), p.shared.end(), field) != p.shared.end();
}

// ---- JSON views ------------------------------------------------------------

Value proposal_json(const State& st, const Proposal& p, const Caller& c) {
  // Blind mode: a response shows to its author, and to everyone once every
  // party accepted this proposal.
  const bool open = !st.blind || st.accepted_by_all(p);
  Value responses = Value::object();
  Value answered = Value::array();
  for (const std::string& party : st.parties) {
    auto it = p.responses.find(party);
    if (it == p.responses.end()) {
      responses.add(party, Value());
      continue;
    }
    answered.push(Value::string(party));
    if (!open && !(c.role == "party" && c.party == party)) {
      responses.add(party, Value());
      continue;
    }
    const StoredResponse& r = it->second;
    responses.add(party, Value::object()
                             .add("response", Value::string(r.response))
                             .add("rating", r.rating ? Value::number_text(*r.rating) : Value())
                             .add("comment", r.comment ? Value::string(*r.comment) : Value()));
  }
  return Value::object()
      .add("proposal", Value::integer(p.n))
      .add("outcome", p.outcome)
      .add("method", p.method ? Value::string(*p.method) : Value())
      .add("time", Value::string(p.time))
      .add("responses", std::move(responses))
      .add("answered", std::move(answered));
}

Value utilities_json(const State& st, const std::vector<Rational>& u) {
  Value out = Value::object();
  for (std::size_t k = 0; k < st.proposals.size(); ++k) {
    out.add(std::to_string(st.proposals[k].n), Value::number(u[k].to_double()));
  }
  return out;
}

Value shared_fields(const StoredPreferences& p) {
  Value out = Value::object();
  for (const auto& [key, value] : p.body.members()) {
    if (shares(p, key)) out.add(key, value);
  }
  return out;
}

Value room_json(const State& st, const Caller& c) {
  const Value* title = st.scenario.find("title");
  Value agreed = Value::object();
  for (const auto& [issue, value] : st.agreed) agreed.add(issue, value);
  Value proposals = Value::array();
  for (const Proposal& p : st.proposals) proposals.push(proposal_json(st, p, c));
  Value out = Value::object();
  out.add("room", Value::string(st.id))
      .add("title", title ? *title : Value())
      .add("parties", st.scenario.find("parties") ? *st.scenario.find("parties") : Value::array())
      .add("issues", st.scenario.find("issues") ? *st.scenario.find("issues") : Value::array())
      .add("agreed", std::move(agreed))
      .add("status", Value::string(st.agreement() ? "agreed" : "open"))
      .add("round", Value::integer(st.round))
      .add("blind", Value::boolean(st.blind))
      .add("proposals", std::move(proposals))
      .add("me", Value::object()
                     .add("role", Value::string(c.role))
                     .add("party", c.role == "party" ? Value::string(c.party) : Value()))
      .add("scenario", st.scenario);
  if (c.role == "party") {
    auto it = st.preferences.find(c.party);
    if (it == st.preferences.end()) {
      out.add("preferences", Value()).add("utilities", Value::object());
    } else {
      Value share = Value::array();
      for (const std::string& f : it->second.shared) share.push(Value::string(f));
      Value prefs = it->second.body;
      prefs.add("share", std::move(share));
      out.add("preferences", std::move(prefs));
      out.add("utilities", utilities_json(st, own_utilities(st, c.party, it->second.body)));
    }
  } else if (c.role == "mediator") {
    // Only what each party chose to share; utilities only when both what
    // the weights and the values are were shared (they are computed from
    // nothing else).
    Value shared = Value::object();
    Value shared_utilities = Value::object();
    for (const std::string& party : st.parties) {
      auto it = st.preferences.find(party);
      if (it == st.preferences.end() || it->second.shared.empty()) continue;
      shared.add(party, shared_fields(it->second));
      if (shares(it->second, "weights") && shares(it->second, "values")) {
        shared_utilities.add(party, utilities_json(st, own_utilities(st, party, it->second.body)));
      }
    }
    out.add("shared", std::move(shared)).add("shared_utilities", std::move(shared_utilities));
  }
  return out;
}

Value entry_json(const store::Row& r, const Caller& c) {
  // Columns: seq, time, actor, action, detail, redacted, owner, hash, prev.
  const bool owner = c.role == "party" && !r.is_null(6) && r.text(6) == c.party;
  return Value::object()
      .add("seq", Value::integer(r.integer(0)))
      .add("time", Value::string(r.text(1)))
      .add("actor", Value::string(r.text(2)))
      .add("action", Value::string(r.text(3)))
      .add("detail", Value::string(owner ? r.text(4) : r.text(5)))
      .add("hash", Value::string(r.text(7)))
      .add("prev", Value::string(r.text(8)));
}

// The log's last entry, for every role: a receipt `parley audit --head
// SEQ:HASH` checks later (deleting the log's last entries together with their
// rows leaves an intact, consistent room; only a receipt kept outside
// notices). Every role already sees every entry's hash in the log.
Value log_head(store::Session& s, const std::string& room) {
  const std::vector<store::Row> last =
      s.query("SELECT seq, hash FROM log WHERE room = ? ORDER BY seq DESC LIMIT 1", {room});
  if (last.empty()) return Value();
  return Value::object().add("seq", Value::integer(last[0].integer(0))).add("hash", Value::string(last[0].text(1)));
}

// ---- writes ----------------------------------------------------------------

// Bounds on what one room stores (attack14 F8): every request loads the
// whole room, so an unbounded room makes each request slower and larger.
// 1000 proposals is far beyond any negotiation's rounds; 4 MiB is the
// request body limit, which the stored public scenario may not exceed either.
constexpr std::size_t kMaxProposals = 1000;
constexpr std::size_t kMaxScenarioBytes = 4u << 20;

// Every view of a room holds all its proposals' terms in memory at once, so
// a room's size is capped in terms (issues x proposals) as well as in
// proposals: a 20-issue room may hold 1000 proposals, a 5000-issue one 40.
constexpr std::int64_t kMaxProposalTerms = 200'000;

void require_room_for_a_proposal(const State& st) {
  if (st.proposal_count >= static_cast<std::int64_t>(kMaxProposals)) {
    fail(409, "this room holds " + std::to_string(kMaxProposals) + " proposals, the most a room may hold");
  }
  const Value* issues = st.scenario.find("issues");
  const std::int64_t terms = issues && issues->is_array() ? static_cast<std::int64_t>(issues->items().size()) : 0;
  if (terms > 0 && (st.proposal_count + 1) * terms > kMaxProposalTerms) {
    fail(409, "this room holds " + std::to_string(st.proposal_count) + " proposals of " + std::to_string(terms) +
                  " terms each, the most a room of this size may hold (" + std::to_string(kMaxProposalTerms) +
                  " terms over all its proposals)");
  }
}

std::int64_t insert_proposal(store::Session& s, State& st, const std::optional<std::string>& method,
                             const Value& outcome, const std::string& actor, const std::string& time) {
  require_room_for_a_proposal(st);
  const std::int64_t n = st.last_proposal + 1;
  s.exec("INSERT INTO proposals (room, n, time, method, outcome) VALUES (?, ?, ?, ?, ?)",
         {st.id, n, time, method ? store::Param(*method) : store::Param(nullptr), json::write(outcome, {.indent = 0})});
  s.exec("UPDATE rooms SET round = ? WHERE id = ?", {n, st.id});
  Value detail = Value::object()
                     .add("proposal", Value::integer(n))
                     .add("method", method ? Value::string(*method) : Value())
                     .add("outcome", outcome);
  const std::string text = json::write(detail, {.indent = 0});
  room_log::append(s, st.id, {actor, "proposal", text, text, ""}, time);
  return n;
}

// ---- the handlers ----------------------------------------------------------

class Handler {
 public:
  Handler(store::Database& db, const Options& options, CertificateCache& certificates, EngineGate& engine)
      : db_(db), options_(options), certificates_(certificates), engine_(engine) {}

  Response create(const Request& req) {
    const Value body = parse_body(req.body);
    only_keys(body, {"scenario", "blind"});
    const Value* doc = body.find("scenario");
    if (!doc) invalid("", "the body needs a \"scenario\": the scenario's JSON");
    bool blind = false;
    if (const Value* b = body.find("blind")) {
      if (!b->is_bool()) invalid("/blind", "\"blind\" must be true or false, not " + json::describe(*b));
      blind = b->as_bool();
    }
    Result<Scenario> read = read_scenario(*doc, "scenario", {}, no_files());
    if (!read) fail(422, "the scenario is not valid: " + read.errors()[0].message, under("/scenario", read.errors()));
    const Scenario& full = read.value();
    // Stored apart: the public scenario, the agreed terms (a table of their
    // own, so that locking one is a row), each party's preferences.
    Scenario pub = full;
    for (auto& p : pub.preferences) p.reset();
    for (auto& a : pub.agreed) a.reset();
    const Value pub_json = scenario_to_json(pub);
    const std::string pub_text = json::write(pub_json, {.indent = 0});
    if (pub_text.size() > kMaxScenarioBytes) {
      invalid("/scenario", "the scenario takes " + std::to_string(pub_text.size()) +
                               " bytes without its preferences; a room stores at most 4 MiB (4194304 bytes)");
    }
    const Value* given_prefs = doc->find("preferences");

    const std::string room = random_token().substr(0, 32);
    const std::string mediator = random_token();
    const std::string observer = random_token();
    std::vector<std::pair<std::string, std::string>> party_tokens;
    for (const Party& p : full.parties) party_tokens.emplace_back(p.id, random_token());

    const std::string time = now_text();
    db_.transaction([&](store::Session& s) {
      s.exec("INSERT INTO rooms (id, created, scenario, blind, status, round) VALUES (?, ?, ?, ?, ?, ?)",
             {room, time, pub_text, std::int64_t{blind ? 1 : 0}, std::string("open"),
              std::int64_t{0}});
      auto token_row = [&](const std::string& role, const std::optional<std::string>& party, const std::string& t) {
        s.exec("INSERT INTO tokens (room, role, party, hash) VALUES (?, ?, ?, ?)",
               {room, role, party ? store::Param(*party) : store::Param(nullptr), sha256_hex(t)});
      };
      token_row("mediator", std::nullopt, mediator);
      token_row("observer", std::nullopt, observer);
      for (const auto& [party, t] : party_tokens) token_row("party", party, t);
      for (std::size_t i = 0; i < full.issues.size(); ++i) {
        if (!full.agreed[i]) continue;
        s.exec("INSERT INTO agreed (room, issue, value, time) VALUES (?, ?, ?, ?)",
               {room, full.issues[i].id,
                json::write(issue_value_to_json(full, static_cast<int>(i), *full.agreed[i]), {.indent = 0}), time});
      }
      // The scenario's own agreed terms too: `parley audit` replays the
      // agreed table against the log, and the public scenario holds none.
      Value agreed = Value::object();
      for (std::size_t i = 0; i < full.issues.size(); ++i) {
        if (full.agreed[i]) agreed.add(full.issues[i].id, issue_value_to_json(full, static_cast<int>(i), *full.agreed[i]));
      }
      const Value detail =
          Value::object().add("scenario", pub_json).add("blind", Value::boolean(blind)).add("agreed", std::move(agreed));
      room_log::append(s, room,
                       {"creator", "create", json::write(detail, {.indent = 0}),
                        "room created: " + full.title + " (" + std::to_string(full.parties.size()) + " parties, " +
                            std::to_string(full.issues.size()) + " issues" + (blind ? ", blind" : "") + ")",
                        ""},
                       time);
      if (!given_prefs) return;
      for (const auto& [party, prefs] : given_prefs->members()) {
        const std::string text = json::write(prefs, {.indent = 0});
        s.exec("INSERT INTO preferences (room, party, body, shared, time) VALUES (?, ?, ?, ?, ?)",
               {room, party, text, std::string("[]"), time});
        room_log::append(s, room,
                         {"creator", "preferences", text,
                          "the preferences of party " + party + " came with the scenario", party},
                         time);
      }
    });

    Value tokens = Value::object();
    Value links = Value::object();
    auto link = [&](const std::string& t) { return Value::string("/#room=" + room + "&token=" + t); };
    links.add("mediator", link(mediator));
    for (const auto& [party, t] : party_tokens) {
      tokens.add(party, Value::string(t));
      links.add(party, link(t));
    }
    links.add("observer", link(observer));
    return answer(201, Value::object()
                           .add("room", Value::string(room))
                           .add("mediator_token", Value::string(mediator))
                           .add("party_tokens", std::move(tokens))
                           .add("observer_token", Value::string(observer))
                           .add("links", std::move(links)));
  }

  // Reads the room and the caller in one read-only snapshot: it waits for
  // no write (a view of a big room does not stall other rooms), and what it
  // saw may be stale by the time a write acts on it, so writes load again.
  // With `head`, also the log's last entry as {"seq", "hash"} (null when
  // none), from the same snapshot as the room.
  std::pair<State, Caller> read(const Request& req, const std::string& room, Need need = {}, Value* head = nullptr) {
    std::optional<State> st;
    Caller caller;
    db_.read([&](store::Session& s) {
      st = load_state(s, room, need);
      if (!st) fail(404, "no room " + room);
      caller = authenticate(s, room, req.bearer_token);
      if (head) *head = log_head(s, room);
    });
    return {std::move(*st), caller};
  }

  // Runs fn(session, state, caller) in one writing transaction, the state
  // loaded as far as `need` says.
  template <typename Fn>
  Response write(const Request& req, const std::string& room, Fn fn) {
    return write(req, room, Need{}, fn);
  }
  template <typename Fn>
  Response write(const Request& req, const std::string& room, Need need, Fn fn) {
    Response out;
    db_.transaction([&](store::Session& s) {
      std::optional<State> st = load_state(s, room, need);
      if (!st) fail(404, "no room " + room);
      const Caller caller = authenticate(s, room, req.bearer_token);
      out = fn(s, *st, caller);
    });
    return out;
  }

  Response get_room(const Request& req, const std::string& room) {
    Value head;
    auto [st, caller] = read(req, room, {}, &head);
    return answer(200, room_json(st, caller).add("log_head", std::move(head)));
  }

  Response put_preferences(const Request& req, const std::string& room) {
    // Validated against the public scenario and the agreed terms alone.
    return write(req, room, Need{.preferences = false, .proposals = Need::Proposals::none}, [&](store::Session& s, State& st, const Caller& c) {
      require_role(c, "party", "submit preferences");
      Value body = parse_body(req.body);
      std::vector<std::string> share;
      Value prefs = Value::object();
      for (const auto& [key, value] : body.members()) {
        if (key != "share") {
          prefs.add(key, value);
          continue;
        }
        if (!value.is_array()) invalid("/share", "\"share\" must be an array of field names, not " + json::describe(value));
        static const std::vector<std::string> kFields = {"weights", "values", "reservation", "red_lines", "delay_cost",
                                                          "reservation_drift"};
        for (std::size_t i = 0; i < value.items().size(); ++i) {
          const Value& f = value.items()[i];
          if (!f.is_string() || std::find(kFields.begin(), kFields.end(), f.text()) == kFields.end()) {
            invalid(json::pointer_join("/share", i), "cannot share " + json::describe(f) +
                                                         "; fields that can be shared: weights, values, "
                                                         "reservation, red_lines, delay_cost, reservation_drift");
          }
          if (std::find(share.begin(), share.end(), f.text()) == share.end()) share.push_back(f.text());
        }
      }
      // Validated in a scenario holding this party's preferences alone: the
      // messages can only be about what this party wrote.
      const std::map<std::string, const Value*> mine = {{c.party, &prefs}};
      Result<Scenario> check = read_scenario(scenario_document(st, mine), "preferences", {}, no_files());
      if (!check) {
        const std::string prefix = json::pointer_join("/preferences", c.party);
        std::vector<Diagnostic> errors;
        for (const Diagnostic& d : check.errors()) {
          const bool inside = d.pointer.rfind(prefix, 0) == 0;
          errors.push_back({inside ? d.pointer.substr(prefix.size()) : "", d.message, ""});
        }
        fail(422, "the preferences are not valid: " + errors[0].message, errors);
      }
      const std::string time = now_text();
      const std::string text = json::write(prefs, {.indent = 0});
      Value share_json = Value::array();
      for (const std::string& f : share) share_json.push(Value::string(f));
      s.exec("DELETE FROM preferences WHERE room = ? AND party = ?", {st.id, c.party});
      s.exec("INSERT INTO preferences (room, party, body, shared, time) VALUES (?, ?, ?, ?, ?)",
             {st.id, c.party, text, json::write(share_json, {.indent = 0}), time});
      Value detail = prefs;
      detail.add("share", share_json);
      room_log::append(s, st.id,
                       {"party:" + c.party, "preferences", json::write(detail, {.indent = 0}),
                        "party " + c.party + " updated their preferences", c.party},
                       time);
      return answer(200, Value::object()
                             .add("party", Value::string(c.party))
                             .add("preferences", std::move(prefs))
                             .add("share", std::move(share_json)));
    });
  }

  // A mediator's own text: a partial outcome, the agreed terms filled in.
  Value hand_outcome(const State& st, const Value& given) {
    if (!given.is_object()) invalid("/outcome", "\"outcome\" must be an object from issue id to value");
    const Scenario s = public_scenario(st);
    Result<PartialOutcome> partial = read_partial_outcome(given, s, "outcome");
    if (!partial) fail(422, "the outcome is not valid: " + partial.errors()[0].message, under("/outcome", partial.errors()));
    std::vector<Diagnostic> errors;
    Outcome o;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const std::optional<IssueValue>& v = partial.value()[i];
      const std::optional<IssueValue>& locked = s.agreed[i];
      if (locked && v && !(*v == *locked)) {
        errors.push_back({json::pointer_join("/outcome", s.issues[i].id),
                          "the term " + s.issues[i].id + " is agreed as " +
                              json::write(issue_value_to_json(s, static_cast<int>(i), *locked), {.indent = 0}) +
                              "; every later proposal keeps it",
                          ""});
      } else if (!v && !locked) {
        errors.push_back({"/outcome", "no value for the issue " + s.issues[i].id + " (only agreed terms may be left out)", ""});
      }
      o.push_back(v ? *v : locked ? *locked : IssueValue{});
    }
    if (!errors.empty()) fail(422, errors[0].message, errors);
    return outcome_to_json(s, o);
  }

  Response post_proposal(const Request& req, const std::string& room) {
    Value body;
    std::optional<Method> method;
    Value outcome;
    std::string inputs;  // the full scenario the engine saw, to detect a change
    {
      auto [st, c] = read(req, room, Need{.preferences = true, .proposals = Need::Proposals::none});
      require_role(c, "mediator", "make proposals");
      require_room_for_a_proposal(st);  // before any engine work
      body = parse_body(req.body);
      only_keys(body, {"outcome", "method"});
      const Value* given = body.find("outcome");
      const Value* m = body.find("method");
      if ((given == nullptr) == (m == nullptr)) {
        invalid("", "the body needs either \"outcome\" (a package) or \"method\" (the engine suggests one)");
      }
      if (given) {
        outcome = hand_outcome(st, *given);
      } else {
        if (!m->is_string() || !method_from_name(m->text())) {
          invalid("/method", "unknown method " + json::describe(*m) + "; methods: " + std::string(method_names()));
        }
        method = method_from_name(m->text());
        require_all_preferences(st);
        inputs = engine_inputs(st);
        outcome = suggest(full_scenario(st), *method);
      }
    }
    const std::string time = now_text();
    // The preferences only to check that the engine's inputs did not change.
    const Need need{.preferences = method.has_value(), .proposals = Need::Proposals::none};
    return write(req, room, need, [&](store::Session& s, State& st, const Caller& c) {
      require_role(c, "mediator", "make proposals");
      if (method && engine_inputs(st) != inputs) {
        fail(409, "the preferences or agreed terms changed while the engine ran; ask again");
      }
      if (!method) outcome = hand_outcome(st, body.find("outcome") ? *body.find("outcome") : Value());
      const std::optional<std::string> name = method ? std::optional<std::string>(method_name(*method)) : std::nullopt;
      const std::int64_t n = insert_proposal(s, st, name, outcome, "mediator", time);
      return answer(201, Value::object()
                             .add("proposal", Value::integer(n))
                             .add("outcome", outcome)
                             .add("method", name ? Value::string(*name) : Value()));
    });
  }

  static void require_all_preferences(const State& st) {
    std::string missing;
    for (const std::string& p : st.parties) {
      if (!st.preferences.count(p)) missing += (missing.empty() ? "" : ", ") + p;
    }
    if (!missing.empty()) fail(409, "not every party has submitted its preferences yet (missing: " + missing + ")");
  }

  static std::string engine_inputs(const State& st) {
    std::map<std::string, const Value*> all;
    for (const auto& [party, p] : st.preferences) all[party] = &p.body;
    return json::write(scenario_document(st, all), {.indent = 0});
  }

  // The engine's package under `method`, as a proposal's outcome. What it
  // says beyond the package (utilities, explanation, why there is no deal)
  // is computed from private preferences and stays here.
  Value suggest(const Scenario& s, Method method) {
    const auto slot = engine_.enter();
    Result<SolveResponse> r = solve(s, {.method = method, .time_limit = options_.solve_time_limit});
    if (!r) {
      if (r.failure().kind == FailureKind::internal) throw std::runtime_error("the engine's answer failed verification");
      invalid("/method", "the method " + std::string(method_name(method)) + " cannot be used on this room's scenario");
    }
    const SolveResponse& answer = r.value();
    if (!answer.outcome) {
      // One message whatever the engine's status: "infeasible" (a red line)
      // and "no_agreement_zone" (the reservations) would tell the mediator
      // which kind of private field rules every package out (attack14 F9).
      fail(409, "the engine found no package every party can accept under " + std::string(method_name(method)));
    }
    if (answer.split) {
      fail(409, "the method " + std::string(method_name(method)) +
                    " divides an item between parties, which a proposal cannot hold; ask for another method");
    }
    return outcome_to_json(s, *answer.outcome);
  }

  Response post_response(const Request& req, const std::string& room, const std::string& number) {
    // Only the latest proposal can be answered: neither the others'
    // outcomes nor anyone's preferences are read.
    const Need need{.preferences = false, .proposals = Need::Proposals::latest};
    return write(req, room, need, [&](store::Session& s, State& st, const Caller& c) {
      if (c.role != "party") fail(403, "only a party may answer a proposal");
      const std::int64_t asked = proposal_number(s, st, number);
      Value body = parse_body(req.body);
      only_keys(body, {"response", "rating", "comment", "party"});
      if (const Value* who = body.find("party"); who && !(who->is_string() && who->text() == c.party)) {
        fail(403, "a party answers only for itself");
      }
      if (asked != st.last_proposal) {
        fail(409, "proposal " + std::to_string(asked) + " was replaced by proposal " + std::to_string(st.last_proposal));
      }
      const Proposal* p = &st.proposals.back();
      // An agreement is final: once every party accepted this proposal, its
      // responses stay as they are, so a blind room cannot be seen and then
      // hidden again, and terms locked through it stay consistent (attack14 F10).
      if (st.accepted_by_all(*p)) {
        fail(409, "every party accepted proposal " + std::to_string(p->n) + ": the agreement stands");
      }
      const Value* response = body.find("response");
      if (!response || !response->is_string() || (response->text() != "accept" && response->text() != "reject")) {
        invalid("/response", "\"response\" must be \"accept\" or \"reject\"");
      }
      std::optional<std::string> rating;
      if (const Value* r = body.find("rating"); r && !r->is_null()) {
        std::optional<Rational> v = r->is_number() ? Rational::parse(r->text()) : std::nullopt;
        if (!v || v->sign() < 0 || *v > Rational(1)) invalid("/rating", "\"rating\" must be a number from 0 to 1");
        rating = r->text();
      }
      std::optional<std::string> comment;
      if (const Value* m = body.find("comment"); m && !m->is_null()) {
        if (!m->is_string()) invalid("/comment", "\"comment\" must be a string");
        if (m->text().size() > 10000) invalid("/comment", "\"comment\" must be at most 10000 bytes");
        comment = m->text();
      }
      const std::string time = now_text();
      s.exec("DELETE FROM responses WHERE room = ? AND proposal = ? AND party = ?", {st.id, p->n, c.party});
      s.exec(
          "INSERT INTO responses (room, proposal, party, response, rating, comment, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {st.id, p->n, c.party, response->text(), rating ? store::Param(*rating) : store::Param(nullptr),
           comment ? store::Param(*comment) : store::Param(nullptr), time});
      Value detail = Value::object()
                         .add("proposal", Value::integer(p->n))
                         .add("response", Value::string(response->text()))
                         .add("rating", rating ? Value::number_text(*rating) : Value())
                         .add("comment", comment ? Value::string(*comment) : Value());
      const std::string text = json::write(detail, {.indent = 0});
      // Blind: others learn only that the party answered.
      const std::string redacted =
          st.blind ? "party " + c.party + " answered proposal " + std::to_string(p->n) : text;
      room_log::append(s, st.id, {"party:" + c.party, "response", text, redacted, c.party}, time);
      State after = st;
      after.proposals.back().responses[c.party] = {response->text(), rating, comment};
      const bool agreed_now = after.accepted_by_all(after.proposals.back());
      // The stored status follows the responses; views compute it the same
      // way (some proposal accepted by every party). This one was not before
      // (an agreement is final, above), so: now, or an earlier one.
      s.exec("UPDATE rooms SET status = ? WHERE id = ?",
             {std::string(agreed_now || earlier_agreement(s, st) ? "agreed" : "open"), st.id});
      if (agreed_now) {  // never before: an accepted proposal's responses are final (above)
        const std::string sentence = "every party accepted proposal " + std::to_string(p->n);
        room_log::append(s, st.id, {"room", "agreement", sentence, sentence, ""}, time);
      }
      return answer(200, Value::object()
                             .add("proposal", Value::integer(p->n))
                             .add("response", Value::string(response->text()))
                             .add("agreement", Value::boolean(agreed_now)));
    });
  }

  // The number of the room's proposal `number` (from the path); 404 when
  // there is none.
  static std::int64_t proposal_number(store::Session& s, const State& st, const std::string& number) {
    const bool digits = !number.empty() && number.size() < 18 &&
                        std::all_of(number.begin(), number.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (digits) {
      const std::int64_t n = std::stoll(number);
      if (n == st.last_proposal && n > 0) return n;
      if (!s.query("SELECT n FROM proposals WHERE room = ? AND n = ?", {st.id, n}).empty()) return n;
    }
    fail(404, "no proposal " + number.substr(0, 40) + " in this room");
  }

  // Whether a proposal before the latest was accepted by every party. Rows
  // of `responses` come only from the room's party tokens, one per party and
  // proposal (its key), so "every party" is "as many accepts as parties".
  static bool earlier_agreement(store::Session& s, const State& st) {
    return !s.query("SELECT proposal FROM responses WHERE room = ? AND proposal < ? AND response = 'accept' "
                    "GROUP BY proposal HAVING COUNT(*) = ?",
                    {st.id, st.last_proposal, static_cast<std::int64_t>(st.parties.size())})
                .empty();
  }

  Response post_agreed(const Request& req, const std::string& room) {
    return write(req, room, [&](store::Session& s, State& st, const Caller& c) {
      require_role(c, "mediator", "lock agreed terms");
      Value body = parse_body(req.body);
      only_keys(body, {"issue", "value"});
      const Value* issue = body.find("issue");
      const Value* value = body.find("value");
      const Scenario pub = public_scenario(st);
      if (!issue || !issue->is_string() || !pub.issue_index(issue->text())) {
        invalid("/issue", "\"issue\" must name one of the room's issues");
      }
      if (!value) invalid("/value", "\"value\" is missing");
      const int i = *pub.issue_index(issue->text());
      Result<PartialOutcome> read = read_partial_outcome(Value::object().add(issue->text(), *value), pub, "value");
      if (!read) {
        std::vector<Diagnostic> errors;
        const std::string prefix = json::pointer_join("", issue->text());
        for (const Diagnostic& d : read.errors()) {
          errors.push_back({"/value" + (d.pointer.rfind(prefix, 0) == 0 ? d.pointer.substr(prefix.size()) : ""),
                            d.message, ""});
        }
        fail(422, "the value is not valid: " + errors[0].message, errors);
      }
      const IssueValue v = *read.value()[static_cast<std::size_t>(i)];
      const Value canonical = issue_value_to_json(pub, i, v);
      if (pub.agreed[static_cast<std::size_t>(i)]) {
        if (*pub.agreed[static_cast<std::size_t>(i)] == v) return answer(200, agreed_json(st));
        fail(409, "the term " + issue->text() + " is already agreed with another value");
      }
      // Locked only when every party has accepted some proposal holding it.
      const bool accepted = std::any_of(st.proposals.begin(), st.proposals.end(), [&](const Proposal& p) {
        if (!st.accepted_by_all(p)) return false;
        Result<Outcome> o = read_outcome(p.outcome, pub, "proposal");
        return o && o.value()[static_cast<std::size_t>(i)] == v;
      });
      if (!accepted) {
        fail(409, "no proposal with " + issue->text() + " = " + json::write(canonical, {.indent = 0}) +
                      " was accepted by every party");
      }
      const std::string time = now_text();
      s.exec("INSERT INTO agreed (room, issue, value, time) VALUES (?, ?, ?, ?)",
             {st.id, issue->text(), json::write(canonical, {.indent = 0}), time});
      const std::string text = json::write(Value::object().add("issue", *issue).add("value", canonical), {.indent = 0});
      room_log::append(s, st.id, {"mediator", "agreed", text, text, ""}, time);
      st.agreed.emplace_back(issue->text(), canonical);
      return answer(200, agreed_json(st));
    });
  }

  static Value agreed_json(const State& st) {
    Value agreed = Value::object();
    for (const auto& [issue, value] : st.agreed) agreed.add(issue, value);
    return Value::object().add("agreed", std::move(agreed));
  }

  // The agreement's certificate before it is cut per caller, from the cache
  // when the engine already answered for exactly these inputs: the room,
  // the proposal, and a SHA-256 of the full scenario (public part, agreed
  // terms, every party's preferences) and the outcome. A party updating
  // preferences after the agreement changes the digest, so a stale answer
  // is never served. An answer with something unknown (time ran out) is not
  // kept: the next request tries again.
  Certificate certificate(const State& st, const Proposal& agreement) {
    const std::string key = st.id + " " + std::to_string(agreement.n) + " " +
                            sha256_hex(engine_inputs(st) + "\n" + json::write(agreement.outcome, {.indent = 0}));
    if (std::optional<Certificate> known = certificates_.find(key)) return *std::move(known);
    const Scenario s = full_scenario(st);
    Result<Outcome> o = read_outcome(agreement.outcome, s, "agreement");
    if (!o) throw std::runtime_error("the agreement no longer reads as an outcome");
    const auto slot = engine_.enter();
    certificates_.count_computed();
    Result<EvaluateResponse> e = evaluate(s, o.value(), {.time_limit = options_.solve_time_limit});
    if (!e) throw std::runtime_error("the engine could not evaluate the agreement");
    const Evaluation& ev = e.value().evaluation;
    // The engine's own check (mediate/verify.h): a dominating package
    // counts only after its exact re-check; unknown when time ran out.
    const ParetoCheck pc = check_pareto(s, o.value(), ev.utilities, "the room's agreement",
                                        Deadline::after(options_.solve_time_limit));
    Value pareto;
    if (pc.verdict == ParetoCheck::Verdict::optimal) pareto = Value::boolean(true);
    if (pc.verdict == ParetoCheck::Verdict::dominated) pareto = Value::boolean(false);
    bool settled = !pareto.is_null();
    bool public_rules = true;
    for (const ConstraintCheck& k : ev.constraints) {
      if (k.kind != ConstraintCheck::Kind::red_line) public_rules = public_rules && k.holds;
    }
    Certificate cert;
    cert.properties = Value::object().add("pareto_optimal", pareto).add("public_rules_hold", Value::boolean(public_rules));
    for (std::size_t p = 0; p < st.parties.size(); ++p) {
      bool red_lines = true;
      for (const ConstraintCheck& k : ev.constraints) {
        if (k.kind == ConstraintCheck::Kind::red_line && k.party == static_cast<int>(p)) {
          red_lines = red_lines && k.holds;
        }
      }
      Value own = Value::object()
                      .add("party", Value::string(st.parties[p]))
                      .add("utility", Value::number(ev.utilities[p].to_double()))
                      .add("individually_rational", Value::boolean(ev.gains[p].sign() >= 0))
                      .add("red_lines_hold", Value::boolean(red_lines));
      const GoodsReport& g = ev.goods;
      if (g.applicable) {
        bool envies = false;
        for (std::size_t q = 0; q < g.bundle_values[p].size(); ++q) {
          envies = envies || g.bundle_values[p][q] > g.bundle_values[p][p];
        }
        const Rational n(static_cast<std::int64_t>(st.parties.size()));
        Value mms;  // unknown when the maximin-share search ran out of budget or time
        if (g.mms_known()) mms = Value::boolean(!g.mms_fractions[p] || *g.mms_fractions[p] >= Rational(1));
        settled = settled && g.mms_known();
        own.add("envy_free", Value::boolean(!envies))
            .add("proportional", Value::boolean(g.goods_utility[p] * n >= g.goods_total[p]))
            .add("mms", mms);
      }
      cert.own.push_back(std::move(own));
    }
    if (settled) certificates_.put(key, cert);
    return cert;
  }

  Response get_agreement(const Request& req, const std::string& room) {
    auto [st, c] = read(req, room);
    const Proposal* agreement = st.agreement();
    if (!agreement) fail(404, "no agreement yet: no proposal has been accepted by every party");
    // The certificate, per caller (attack14 F2: collective properties such as
    // "equitable", with my own utility, gave me the other party's exact one):
    //   "properties": {"pareto_optimal": true|false|null, "public_rules_hold": true|false}
    //       for every role: no package is at least as good for every party
    //       and better for one (null: not settled within the time limit), and
    //       the scenario's rules and the locked terms hold. Neither compares
    //       two parties' private utilities.
    //   "own": {"party", "utility", "individually_rational", "red_lines_hold",
    //           and with goods "envy_free", "proportional", "mms" (null: unknown)}
    //       for a party only, each about that party alone: the agreement meets
    //       its reservation and red lines, it envies nobody's bundle, it gets
    //       its fair share and its maximin share, all by its own values.
    //   "utilities": the caller's own utility (a party), the utilities of the
    //       parties that shared weights and values (the mediator), or nothing.
    // Both objects are null until every party has entered preferences.
    Value properties;
    Value own_properties;
    if (st.all_preferences()) {
      const Certificate cert = certificate(st, *agreement);
      properties = cert.properties;
      if (c.role == "party") own_properties = cert.own.at(static_cast<std::size_t>(party_index(st, c.party)));
    }
    Value utilities = Value::object();
    auto own = [&](const std::string& party) {
      auto it = st.preferences.find(party);
      if (it == st.preferences.end()) return;
      utilities.add(party, Value::number(own_utility(st, party, it->second.body, *agreement).to_double()));
    };
    if (c.role == "party") own(c.party);
    if (c.role == "mediator") {
      for (const std::string& party : st.parties) {
        auto it = st.preferences.find(party);
        if (it != st.preferences.end() && shares(it->second, "weights") && shares(it->second, "values")) own(party);
      }
    }
    return answer(200, Value::object()
                           .add("proposal", Value::integer(agreement->n))
                           .add("outcome", agreement->outcome)
                           .add("certificate", Value::object()
                                                   .add("properties", std::move(properties))
                                                   .add("own", std::move(own_properties))
                                                   .add("utilities", std::move(utilities))));
  }

  // Post-settlement improvement: among the packages every party strictly
  // prefers to the agreement, the one maximising the smallest gain.
  // optimise::improvement maximises the smallest gain over packages that
  // are weakly better for all and strictly for one; a package strictly
  // better for all exists exactly when that maximum is positive.
  Response post_improve(const Request& req, const std::string& room) {
    std::string inputs;
    std::int64_t agreed_proposal = 0;
    std::optional<Value> outcome;
    std::string how;
    {
      auto [st, c] = read(req, room);
      require_role(c, "mediator", "ask for an improvement");
      const Proposal* agreement = st.agreement();
      if (!agreement) fail(409, "there is no agreement to improve yet");
      require_all_preferences(st);
      agreed_proposal = agreement->n;
      inputs = engine_inputs(st);
      const Scenario s = full_scenario(st);
      Result<Outcome> o = read_outcome(agreement->outcome, s, "agreement");
      if (!o) throw std::runtime_error("the agreement no longer reads as an outcome");
      const std::vector<Rational> baseline = Utilities(s).utilities(o.value());
      optimise::PackageOptions po;
      po.time_limit = options_.solve_time_limit;
      const auto slot = engine_.enter();
      Result<optimise::PackageResult> r = optimise::improvement(s, baseline, po);
      if (!r) throw std::runtime_error("the improvement search failed");
      const optimise::PackageResult& better = r.value();
      const bool found = better.status == optimise::PackageStatus::optimal ||
                         better.status == optimise::PackageStatus::feasible;
      bool strict = found;
      for (std::size_t p = 0; strict && p < baseline.size(); ++p) strict = better.utilities[p] > baseline[p];
      if (strict) {
        outcome = outcome_to_json(s, better.outcome);
      } else {
        how = better.status == optimise::PackageStatus::time_limit
                  ? "no package every party prefers to the agreement was found in the time limit"
                  : "no package every party prefers to the agreement exists";
      }
    }
    const std::string time = now_text();
    return write(req, room, [&](store::Session& s, State& st, const Caller& c) {
      require_role(c, "mediator", "ask for an improvement");
      const Proposal* agreement = st.agreement();
      if (engine_inputs(st) != inputs || !agreement || agreement->n != agreed_proposal) {
        fail(409, "the room changed while the engine ran; ask again");
      }
      if (!outcome) {
        room_log::append(s, st.id, {"mediator", "improve", how, how, ""}, time);
        return answer(200, Value::object().add("proposal", Value()));
      }
      const std::int64_t n = insert_proposal(s, st, std::string("improve"), *outcome, "mediator", time);
      return answer(200, Value::object().add("proposal", Value::integer(n)));
    });
  }

  Response entries(const Request& req, const std::string& room, bool events) {
    std::int64_t after = 0;
    if (events) {
      if (auto it = req.query.find("after"); it != req.query.end()) {
        const std::string& a = it->second;
        if (a.empty() || a.size() > 18 || !std::all_of(a.begin(), a.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
          fail(400, "after must be a whole number (the last seq seen)");
        }
        after = std::stoll(a);
      }
    }
    Value list = Value::array();
    db_.read([&](store::Session& s) {
      if (s.query("SELECT id FROM rooms WHERE id = ?", {room}).empty()) fail(404, "no room " + room);
      const Caller c = authenticate(s, room, req.bearer_token);
      for (const store::Row& r : s.query("SELECT seq, time, actor, action, detail, redacted, owner, hash, prev "
                                         "FROM log WHERE room = ? AND seq > ? ORDER BY seq",
                                         {room, after})) {
        list.push(entry_json(r, c));
      }
    });
    return answer(200, list);
  }

 private:
  store::Database& db_;
  const Options& options_;
  CertificateCache& certificates_;
  EngineGate& engine_;
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::unique_ptr<EngineGate::Slot> EngineGate::enter() {
  if (!semaphore_.try_acquire_for(wait_)) fail(503, "the engine is busy with other rooms; try again in a few seconds");
  auto slot = std::make_unique<Slot>(*this);
  if (on_slot_) on_slot_();
  return slot;
}

Rooms::Rooms(store::Database& db, Options options)
    : db_(db),
      options_(options),
      certificates_(std::make_unique<CertificateCache>()),
      engine_(std::make_unique<EngineGate>(options_)) {}

Rooms::~Rooms() = default;

Rooms::Stats Rooms::stats() const { return certificates_->stats(); }

Response Rooms::handle(const Request& req) {
  try {
    Handler h(db_, options_, *certificates_, *engine_);
    const std::vector<std::string> p = split_path(req.path);
    if (p.size() < 3 || !p[0].empty() || p[1] != "v1" || p[2] != "rooms") fail(404, "no such endpoint");
    const std::string& m = req.method;
    auto method = [&](std::string_view allowed) {
      if (m != allowed) fail(405, "this endpoint takes " + std::string(allowed));
    };
    if (p.size() == 3) {
      method("POST");
      return h.create(req);
    }
    const std::string& room = p[3];
    if (p.size() == 4) {
      method("GET");
      return h.get_room(req, room);
    }
    const std::string& what = p[4];
    if (p.size() == 5) {
      if (what == "preferences") return method("PUT"), h.put_preferences(req, room);
      if (what == "proposals") return method("POST"), h.post_proposal(req, room);
      if (what == "agreed") return method("POST"), h.post_agreed(req, room);
      if (what == "agreement") return method("GET"), h.get_agreement(req, room);
      if (what == "improve") return method("POST"), h.post_improve(req, room);
      if (what == "events") return method("GET"), h.entries(req, room, true);
      if (what == "log") return method("GET"), h.entries(req, room, false);
    }
    if (p.size() == 7 && what == "proposals" && p[6] == "responses") {
      method("POST");
      return h.post_response(req, room, p[5]);
    }
    fail(404, "no such endpoint");
  } catch (const HttpError& e) {
    return error_answer(e);
  } catch (const std::exception&) {
    // Nothing of the exception's text: it may quote stored data.
    return error_answer({500, "internal error", {}});
  }
}

}  // namespace parley::room
