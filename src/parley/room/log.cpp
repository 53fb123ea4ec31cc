#include "parley/room/log.h"

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

Result<AuditReport> audit(store::Database& db, const std::string& room) {
  try {
    bool exists = false;
    std::vector<store::Row> rows;
    db.transaction([&](store::Session& s) {
      exists = !s.query("SELECT id FROM rooms WHERE id = ?", {room}).empty();
      rows = s.query(
          "SELECT seq, time, actor, action, detail, hash, prev, redacted, owner FROM log WHERE room = ? ORDER BY seq",
          {room});
    });
    if (!exists) return Result<AuditReport>::fail(room, "", "no room " + room + " in this database");
    AuditReport report;
    std::string prev = room_log::kGenesis;
    std::int64_t expected = 1;
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
      } else if (!room_log::sealed_matches(r.text(4), r.text(7), r.is_null(8) ? std::nullopt : std::optional(r.text(8)))) {
        why = name + ": its redacted text or owner is not the one its hash covers";
      }
      if (!why.empty()) {
        report.intact = false;
        report.first_bad = why;
        report.entries = static_cast<std::int64_t>(rows.size());
        return report;
      }
      prev = r.text(5);
      ++expected;
    }
    report.entries = static_cast<std::int64_t>(rows.size());
    return report;
  } catch (const std::exception& e) {
    return Result<AuditReport>::fail(room, "", std::string("cannot read the log: ") + e.what());
  }
}

}  // namespace parley::room
