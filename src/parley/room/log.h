// Internal to src/parley/room: the rooms' hash-chained log.
//
//   room_log::append(session, room, {.actor = "party:a", .action = "preferences",
//                                    .detail = body, .redacted = "party a updated its preferences",
//                                    .owner = "a"}, now);
//
// Entry k's hash is SHA-256 over the one-line JSON array
// [prev, seq, time, actor, action, detail] (detail unredacted): a JSON array
// so that no choice of field contents can make two different entries hash
// the same text. The first entry's prev is 64 zeros. The unredacted detail
// stays server-side; callers see it only for entries whose owner they are.
#pragma once

#include <cstdint>
#include <string>

#include "parley/store/database.h"

namespace parley::room::room_log {

inline const std::string kGenesis(64, '0');

struct NewEntry {
  std::string actor;     // "creator", "mediator", "party:a", "room"
  std::string action;    // "create", "preferences", "proposal", "response", "agreement", "agreed", "improve"
  std::string detail;    // everything, as entered (stored server-side, hashed)
  std::string redacted;  // what every other caller sees
  std::string owner;     // the party whose entry this is (sees `detail`); empty: nobody's
};

std::string entry_hash(const std::string& prev, std::int64_t seq, const std::string& time, const std::string& actor,
                       const std::string& action, const std::string& detail);

// Appends the entry after the room's last one, in the caller's transaction.
// Returns its seq.
std::int64_t append(store::Session& s, const std::string& room, const NewEntry& e, const std::string& time);

}  // namespace parley::room::room_log
