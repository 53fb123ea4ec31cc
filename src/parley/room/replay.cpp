// audit()'s replay: a room's state tables against what its log says happened.
// The chain alone proves that no entry was edited or removed before the last
// one; it says nothing about a row changed beside the log, or about entries
// cut from the log's end while their state stays stored. So every row must
// be what the latest entry about it says, and every entry's state a row.
//
// What each entry's (sealed) detail holds, as rooms.cpp writes it; every row
// written with an entry carries the entry's time:
//   create       {"scenario": the public scenario, "blind": bool,
//                 "agreed": {issue: value}} (the scenario's own agreed terms;
//                 absent in rooms created before the replay existed)
//   preferences  actor "creator": the body as the scenario gave it (nothing shared);
//                actor "party:X": the body with "share": [fields]; the party is the owner
//   proposal     {"proposal": n, "method": name or null, "outcome": {...}}
//   response     {"proposal": n, "response", "rating", "comment"}; the party is the owner
//   agreement    "every party accepted proposal N"
//   agreed       {"issue", "value"}
//   improve      a sentence saying nothing was found (a package found is a
//                "proposal" entry with method "improve"); no state to check
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "parley/io/json.h"
#include "parley/room/log.h"

namespace parley::room::room_log {
namespace {

using json::Value;

std::optional<Value> parse_json(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  Result<Value> v = json::parse(*text, "log");
  if (!v) return std::nullopt;
  return std::move(v).value();
}

std::optional<std::int64_t> whole(const std::string& t) {
  if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(t);
}

std::optional<std::int64_t> whole(const Value* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return whole(v->text());
}

// A nullable text column against a detail's string-or-null (or, for a
// rating, number-or-null) member: the same text, or both absent.
bool same_text(const std::optional<std::string>& cell, const Value* v) {
  if (v == nullptr || v->is_null()) return !cell;
  return cell && (v->is_string() || v->is_number()) && *cell == v->text();
}

// The mismatches found, each keyed by the seq of the entry it concerns
// (rows that no entry accounts for come after every entry); the first by
// key, then by the order found, is the one reported.
class Findings {
 public:
  void at(std::int64_t seq, const std::string& message) {
    add(seq, "entry " + std::to_string(seq) + ": " + message);
  }
  void unlogged(const std::string& message) { add(std::numeric_limits<std::int64_t>::max(), message); }
  const std::string& first() const { return first_; }

 private:
  void add(std::int64_t key, const std::string& message) {
    if (first_.empty() || key < key_) {
      key_ = key;
      first_ = message;
    }
  }
  std::int64_t key_ = 0;
  std::string first_;
};

// The state tables of one room, keyed as the log names their rows.
struct Tables {
  std::optional<store::Row> room;                                         // created, scenario, blind, status, round
  std::map<std::string, store::Row> preferences;                          // party: body, shared, time
  std::map<std::int64_t, store::Row> proposals;                           // n: time, method, outcome
  std::map<std::pair<std::int64_t, std::string>, store::Row> responses;  // (n, party): response, rating, comment, time
  std::map<std::string, store::Row> agreed;                               // issue: value, time
};

Tables read_tables(store::Session& s, const std::string& room) {
  Tables t;
  for (store::Row& r : s.query("SELECT created, scenario, blind, status, round FROM rooms WHERE id = ?", {room})) {
    t.room = std::move(r);
  }
  for (store::Row& r : s.query("SELECT party, body, shared, time FROM preferences WHERE room = ?", {room})) {
    const std::string party = r.text(0);
    t.preferences.emplace(party, std::move(r));
  }
  for (store::Row& r : s.query("SELECT n, time, method, outcome FROM proposals WHERE room = ?", {room})) {
    const std::int64_t n = r.integer(0);
    t.proposals.emplace(n, std::move(r));
  }
  for (store::Row& r : s.query(
           "SELECT proposal, party, response, rating, comment, time FROM responses WHERE room = ?", {room})) {
    std::pair<std::int64_t, std::string> key{r.integer(0), r.text(1)};
    t.responses.emplace(std::move(key), std::move(r));
  }
  for (store::Row& r : s.query("SELECT issue, value, time FROM agreed WHERE room = ?", {room})) {
    const std::string issue = r.text(0);
    t.agreed.emplace(issue, std::move(r));
  }
  return t;
}

// An agreed term as the log states it: by an "agreed" entry, or by the
// creation entry (the scenario's own agreed terms).
struct LoggedTerm {
  const Entry* entry;
  Value value;
};

}  // namespace

std::string replay(store::Session& s, const std::string& room, const std::vector<Entry>& log,
                   std::vector<std::string>& notes) {
  const Tables t = read_tables(s, room);
  Findings found;
  if (log.empty()) {
    found.unlogged("the room is in the table but not in the log");
    return found.first();
  }

  // The entry that last sets each row, and what each entry says.
  std::map<std::string, const Entry*> latest_preferences;                          // party
  std::map<std::pair<std::int64_t, std::string>, const Entry*> latest_response;  // (n, party)
  std::map<std::int64_t, const Entry*> proposal_entries;                          // n
  std::map<std::string, LoggedTerm> terms;                                        // issue
  std::map<std::int64_t, const Entry*> agreements;                                // n
  std::map<std::int64_t, Value> details;                                          // seq: parsed JSON detail
  std::vector<std::string> parties;
  const Entry* last_proposal = nullptr;
  const Value* created = nullptr;  // the creation entry's detail, when it reads as one
  bool creation_records_terms = true;

  auto bad_detail = [&](const Entry& e) { found.at(e.seq, "its detail is not what a " + e.action + " entry records"); };
  for (const Entry& e : log) {
    if (e.action == "improve") continue;
    if (e.action == "agreement") {
      // The sentence every role sees is the whole detail.
      const std::string prefix = "every party accepted proposal ";
      const std::optional<std::int64_t> n =
          e.detail.rfind(prefix, 0) == 0 ? whole(e.detail.substr(prefix.size())) : std::nullopt;
      if (!n) {
        bad_detail(e);
        continue;
      }
      agreements.emplace(*n, &e);
      continue;
    }
    std::optional<Value> d = parse_json(e.detail);
    if (!d || !d->is_object()) {
      found.at(e.seq, e.action == "create" || e.action == "preferences" || e.action == "proposal" ||
                              e.action == "response" || e.action == "agreed"
                          ? "its detail is not what a " + e.action + " entry records"
                          : "its action \"" + e.action + "\" is not one a room records");
      continue;
    }
    const Value& detail = details.emplace(e.seq, std::move(*d)).first->second;
    if (e.action == "create") {
      if (e.seq != 1) {
        found.at(e.seq, "the room is created again (a room is created once, in entry 1)");
        continue;
      }
      const Value* scenario = detail.find("scenario");
      const Value* list = scenario ? scenario->find("parties") : nullptr;
      if (list == nullptr || !list->is_array()) {
        bad_detail(e);
        continue;
      }
      for (const Value& p : list->items()) {
        if (const Value* id = p.find("id"); id && id->is_string()) parties.push_back(id->text());
      }
      created = &detail;
      if (const Value* agreed = detail.find("agreed"); agreed && agreed->is_object()) {
        for (const auto& [issue, value] : agreed->members()) terms.emplace(issue, LoggedTerm{&e, value});
      } else {
        creation_records_terms = false;
      }
    } else if (e.action == "preferences") {
      if (e.owner.empty()) {
        bad_detail(e);
        continue;
      }
      latest_preferences[e.owner] = &e;
    } else if (e.action == "proposal") {
      const std::optional<std::int64_t> n = whole(detail.find("proposal"));
      if (!n) {
        bad_detail(e);
        continue;
      }
      if (auto [it, fresh] = proposal_entries.emplace(*n, &e); !fresh) {
        found.at(e.seq, "proposal " + std::to_string(*n) + " was already proposed in entry " +
                            std::to_string(it->second->seq));
        continue;
      }
      last_proposal = &e;
    } else if (e.action == "response") {
      const std::optional<std::int64_t> n = whole(detail.find("proposal"));
      if (!n || e.owner.empty()) {
        bad_detail(e);
        continue;
      }
      latest_response[{*n, e.owner}] = &e;
    } else if (e.action == "agreed") {
      const Value* issue = detail.find("issue");
      const Value* value = detail.find("value");
      if (issue == nullptr || !issue->is_string() || value == nullptr) {
        bad_detail(e);
        continue;
      }
      if (auto [it, fresh] = terms.emplace(issue->text(), LoggedTerm{&e, *value}); !fresh) {
        found.at(e.seq, "the term " + issue->text() + " was already agreed in entry " +
                            std::to_string(it->second.entry->seq));
      }
    } else {
      found.at(e.seq, "its action \"" + e.action + "\" is not one a room records");
    }
  }

  // The room row against the creation entry.
  const Entry& first = log.front();
  if (first.action != "create") {
    found.at(first.seq, "it is not the room's creation");
  } else if (created && t.room) {
    const Value& detail = *created;
    const store::Row& r = *t.room;
    const Value* blind = detail.find("blind");
    if (parse_json(r.cells[1]) != std::optional<Value>(*detail.find("scenario"))) {
      found.at(first.seq, "the room's scenario in the table differs from the log");
    }
    if (blind == nullptr || !blind->is_bool() || (r.integer(2) != 0) != blind->as_bool()) {
      found.at(first.seq, "the room's blind mode in the table differs from the log");
    }
    if (r.text(0) != first.time) found.at(first.seq, "the room's creation time in the table differs from the log");
  }
  if (t.room) {
    const std::int64_t round = last_proposal ? *whole(details.at(last_proposal->seq).find("proposal")) : 0;
    if (t.room->integer(4) != round) {
      found.at(last_proposal ? last_proposal->seq : first.seq, "the room's round in the table differs from the log");
    }
  }

  for (const auto& [party, e] : latest_preferences) {
    const std::string who = "party " + party + "'s preferences";
    auto row = t.preferences.find(party);
    if (row == t.preferences.end()) {
      found.at(e->seq, who + " are in the log but not in the table");
      continue;
    }
    // A party's own entry carries what it shared; the creator's, nothing shared.
    Value body = details.at(e->seq);
    Value shared = Value::array();
    if (e->actor != "creator") {
      auto& members = body.mutable_members();
      for (auto it = members.begin(); it != members.end(); ++it) {
        if (it->first == "share") {
          shared = it->second;
          members.erase(it);
          break;
        }
      }
    }
    const store::Row& r = row->second;
    if (parse_json(r.cells[1]) != std::optional<Value>(body)) found.at(e->seq, who + " in the table differ from the log");
    if (parse_json(r.cells[2]) != std::optional<Value>(shared)) {
      found.at(e->seq, "the fields party " + party + " shared in the table differ from the log");
    }
    if (r.text(3) != e->time) found.at(e->seq, "the time of " + who + " in the table differs from the log");
  }

  for (const auto& [n, e] : proposal_entries) {
    const std::string name = "proposal " + std::to_string(n);
    auto row = t.proposals.find(n);
    if (row == t.proposals.end()) {
      found.at(e->seq, name + " is in the log but not in the table");
      continue;
    }
    const Value& detail = details.at(e->seq);
    const store::Row& r = row->second;
    const Value* outcome = detail.find("outcome");
    if (outcome == nullptr || parse_json(r.cells[3]) != std::optional<Value>(*outcome)) {
      found.at(e->seq, name + "'s outcome in the table differs from the log");
    }
    if (!same_text(r.cells[2], detail.find("method"))) found.at(e->seq, name + "'s method in the table differs from the log");
    if (r.text(1) != e->time) found.at(e->seq, name + "'s time in the table differs from the log");
  }

  for (const auto& [key, e] : latest_response) {
    const std::string name = "party " + key.second + "'s response to proposal " + std::to_string(key.first);
    auto row = t.responses.find(key);
    if (row == t.responses.end()) {
      found.at(e->seq, name + " is in the log but not in the table");
      continue;
    }
    const Value& detail = details.at(e->seq);
    const store::Row& r = row->second;
    if (!same_text(r.cells[2], detail.find("response"))) found.at(e->seq, name + " in the table differs from the log");
    if (!same_text(r.cells[3], detail.find("rating"))) {
      found.at(e->seq, "the rating in " + name + " in the table differs from the log");
    }
    if (!same_text(r.cells[4], detail.find("comment"))) {
      found.at(e->seq, "the comment in " + name + " in the table differs from the log");
    }
    if (r.text(5) != e->time) found.at(e->seq, "the time of " + name + " in the table differs from the log");
  }

  auto accepted_by_all = [&](std::int64_t n) {
    if (parties.empty()) return false;
    for (const std::string& party : parties) {
      auto row = t.responses.find({n, party});
      if (row == t.responses.end() || row->second.text(2) != "accept") return false;
    }
    return true;
  };
  for (const auto& [n, e] : agreements) {
    if (!accepted_by_all(n)) {
      found.at(e->seq, "every party's acceptance of proposal " + std::to_string(n) + " is in the log but not in the table");
    }
  }
  // The stored status follows the stored responses (rooms.cpp), which are
  // checked against the log above, as agreements are against them.
  if (t.room) {
    std::optional<std::int64_t> agreed_on;
    for (const auto& [n, r] : t.proposals) {
      if (accepted_by_all(n)) agreed_on = n;
    }
    if (t.room->text(3) != (agreed_on ? "agreed" : "open")) {
      const auto e = agreed_on ? agreements.find(*agreed_on) : agreements.end();
      if (e != agreements.end()) {
        found.at(e->second->seq, "the room's status in the table differs from the log");
      } else {
        found.unlogged("the room's status in the table differs from the log");
      }
    }
  }

  for (const auto& [issue, term] : terms) {
    auto row = t.agreed.find(issue);
    const std::int64_t seq = term.entry->seq;
    if (row == t.agreed.end()) {
      found.at(seq, "the agreed term " + issue + " is in the log but not in the table");
      continue;
    }
    if (parse_json(row->second.cells[1]) != std::optional<Value>(term.value)) {
      found.at(seq, "the agreed value of " + issue + " in the table differs from the log");
    }
    if (row->second.text(2) != term.entry->time) {
      found.at(seq, "the time " + issue + " was agreed in the table differs from the log");
    }
  }

  // Rows no entry accounts for.
  for (const auto& [party, r] : t.preferences) {
    if (!latest_preferences.count(party)) found.unlogged("party " + party + "'s preferences are in the table but not in the log");
  }
  for (const auto& [n, r] : t.proposals) {
    if (!proposal_entries.count(n)) found.unlogged("proposal " + std::to_string(n) + " is in the table but not in the log");
  }
  for (const auto& [key, r] : t.responses) {
    if (!latest_response.count(key)) {
      found.unlogged("party " + key.second + "'s response to proposal " + std::to_string(key.first) +
                     " is in the table but not in the log");
    }
  }
  for (const auto& [n, r] : t.proposals) {
    if (accepted_by_all(n) && !agreements.count(n)) {
      found.unlogged("every party's acceptance of proposal " + std::to_string(n) + " is in the table but not in the log");
    }
  }
  std::string unproved;
  for (const auto& [issue, r] : t.agreed) {
    if (terms.count(issue)) continue;
    // Before the creation entry recorded the scenario's agreed terms, a term
    // stored at creation has nothing in the log to be checked against.
    if (!creation_records_terms && r.text(2) == first.time) {
      unproved += (unproved.empty() ? "" : ", ") + issue;
      continue;
    }
    found.unlogged("the agreed term " + issue + " is in the table but not in the log");
  }
  if (!creation_records_terms) {
    notes.push_back("entry 1 predates the log's record of the scenario's agreed terms: the terms stored at the "
                    "room's creation" + (unproved.empty() ? std::string(" (none)") : " (" + unproved + ")") +
                    " are not checked against the log");
  }
  return found.first();
}

}  // namespace parley::room::room_log
