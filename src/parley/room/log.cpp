#include "parley/room/log.h"

#include <algorithm>
#include <optional>

#include "parley/io/json.h"
#include "parley/room/crypto.h"
#include "parley/room/rooms.h"

namespace parley::room {
namespace room_log {
namespace {

// Whether the stored detail (sealed_detail's form) names this redacted text
// and owner: the columns the other roles are served from.
bool sealed_matches(const std::string& detail, const std::string& redacted, const std::optional<std::string>& owner) {
  Result<json::Value> sealed = json::parse(detail, "log");
  if (!sealed || !sealed.value().is_object()) return false;
  const json::Value* r = sealed.value().find("redacted");
  const json::Value* o = sealed.value().find("owner");
  if (r == nullptr || !r->is_string() || r->text() != redacted || o == nullptr) return false;
  if (!owner) return o->is_null();
  return o->is_string() && o->text() == *owner;
}

// The entry as replay() reads it. Called only after sealed_matches held, so
// the sealed detail is an object with a string "detail".
Entry open_entry(const store::Row& r) {
  Entry e{r.integer(0), r.text(1), r.text(2), r.text(3), "", ""};
  Result<json::Value> sealed = json::parse(r.text(4), "log");
  if (sealed) {
    if (const json::Value* o = sealed.value().find("owner"); o && o->is_string()) e.owner = o->text();
    if (const json::Value* d = sealed.value().find("detail"); d && d->is_string()) e.detail = d->text();
  }
  return e;
}

}  // namespace

std::string sealed_detail(const NewEntry& e) {
  const json::Value sealed = json::Value::object()
                                 .add("nonce", json::Value::string(random_nonce()))
                                 .add("owner", e.owner.empty() ? json::Value() : json::Value::string(e.owner))
                                 .add("redacted", json::Value::string(e.redacted))
                                 .add("detail", json::Value::string(e.detail));
  return json::write(sealed, {.indent = 0});
}

std::string entry_hash(const std::string& prev, std::int64_t seq, const std::string& time, const std::string& actor,
                       const std::string& action, const std::string& detail) {
  json::Value fields = json::Value::array();
  fields.push(json::Value::string(prev))
      .push(json::Value::integer(seq))
      .push(json::Value::string(time))
      .push(json::Value::string(actor))
      .push(json::Value::string(action))
      .push(json::Value::string(detail));
  return sha256_hex(json::write(fields, {.indent = 0}));
}

std::int64_t append(store::Session& s, const std::string& room, const NewEntry& e, const std::string& time) {
  const std::vector<store::Row> last =
      s.query("SELECT seq, hash FROM log WHERE room = ? ORDER BY seq DESC LIMIT 1", {room});
  const std::int64_t seq = last.empty() ? 1 : last[0].integer(0) + 1;
  const std::string prev = last.empty() ? kGenesis : last[0].text(1);
  const std::string detail = sealed_detail(e);
  const std::string hash = entry_hash(prev, seq, time, e.actor, e.action, detail);
  s.exec(
      "INSERT INTO log (room, seq, time, actor, action, detail, redacted, owner, hash, prev) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {room, seq, time, e.actor, e.action, detail, e.redacted,
       e.owner.empty() ? store::Param(nullptr) : store::Param(e.owner), hash, prev});
  return seq;
}

}  // namespace room_log

Result<AuditReport> audit(store::Database& db, const std::string& room, const std::vector<Receipt>& receipts) {
  try {
    bool exists = false;
    std::vector<store::Row> rows;
    AuditReport report;
    // One transaction: the log and the tables it is replayed against are
    // one snapshot, so a write committed meanwhile cannot look like a mismatch.
    db.transaction([&](store::Session& s) {
      report = AuditReport{};
      exists = !s.query("SELECT id FROM rooms WHERE id = ?", {room}).empty();
      if (!exists) return;
      rows = s.query(
          "SELECT seq, time, actor, action, detail, hash, prev, redacted, owner FROM log WHERE room = ? ORDER BY seq",
          {room});
      report.entries = static_cast<std::int64_t>(rows.size());
      if (!rows.empty()) report.head = Receipt{rows.back().integer(0), rows.back().text(5)};
      std::string prev = room_log::kGenesis;
      std::int64_t expected = 1;
      std::vector<room_log::Entry> entries;
      for (const store::Row& r : rows) {
        const std::int64_t seq = r.integer(0);
        const std::string name = "entry " + std::to_string(seq);
        std::string why;
        if (seq != expected) {
          why = "entry " + std::to_string(expected) + ": missing (the next entry is " + std::to_string(seq) + ")";
        } else if (r.text(6) != prev) {
          why = name + ": its prev is not the hash of the entry before it";
        } else if (room_log::entry_hash(r.text(6), seq, r.text(1), r.text(2), r.text(3), r.text(4)) != r.text(5)) {
          why = name + ": its hash does not match its contents";
        } else if (!room_log::sealed_matches(r.text(4), r.text(7),
                                             r.is_null(8) ? std::nullopt : std::optional(r.text(8)))) {
          why = name + ": its redacted text or owner is not the one its hash covers";
        }
        if (!why.empty()) {
          report.chain_intact = false;
          report.first_bad = why;
          break;
        }
        entries.push_back(room_log::open_entry(r));
        prev = r.text(5);
        ++expected;
      }
      for (const Receipt& receipt : receipts) {
        auto at = std::find_if(rows.begin(), rows.end(), [&](const store::Row& r) { return r.integer(0) == receipt.seq; });
        const bool matches = at != rows.end() && at->text(5) == receipt.hash;
        report.receipts.push_back({receipt, matches});
        if (matches || !report.first_bad.empty()) continue;
        const std::string name = "entry " + std::to_string(receipt.seq);
        if (at != rows.end()) {
          report.first_bad = name + ": its hash is not the one on the receipt";
        } else if (rows.empty()) {
          report.first_bad = name + ": missing, but a receipt names it (the log is empty)";
        } else {
          report.first_bad = name + ": missing, but a receipt names it (the log ends at entry " +
                             std::to_string(rows.back().integer(0)) + ")";
        }
      }
      if (!report.chain_intact) return;
      const std::string mismatch = room_log::replay(s, room, entries, report.notes);
      report.tables_match = mismatch.empty();
      if (!mismatch.empty() && report.first_bad.empty()) report.first_bad = mismatch;
    });
    if (!exists) return Result<AuditReport>::fail(room, "", "no room " + room + " in this database");
    report.intact = report.first_bad.empty();
    return report;
  } catch (const std::exception& e) {
    return Result<AuditReport>::fail(room, "", std::string("cannot read the log: ") + e.what());
  }
}

}  // namespace parley::room
