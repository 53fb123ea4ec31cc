// Internal to src/parley/room: the rooms' hash-chained log.
//
//   room_log::append(session, room, {.actor = "party:a", .action = "preferences",
//                                    .detail = body, .redacted = "party a updated their preferences",
//                                    .owner = "a"}, now);
//
// Entry k's hash is SHA-256 over the one-line JSON array
// [prev, seq, time, actor, action, detail] (detail unredacted): a JSON array
// so that no choice of field contents can make two different entries hash
// the same text. The first entry's prev is 64 zeros.
//
// The unredacted detail stored (and hashed) is not the caller's text alone
// but the one-line JSON object
//   {"nonce": 32 hex digits, "owner": "a" or null, "redacted": "...", "detail": "<caller's text>"}
// Every role sees every entry's hash, so without the nonce (128 random bits,
// new per entry) a hidden detail with few possible values (a blind response,
// a reservation on a 0.01 grid) could be confirmed by hashing guesses.
// Putting `redacted` and `owner` inside makes the hash (and `parley audit`)
// cover what the other roles are shown and who sees the full text. This
// stored text stays server-side; only the entry's owner is given it (nonce
// included, so the owner can check its own entries' hashes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

// The stored, hashed detail of `e`, with a fresh nonce.
std::string sealed_detail(const NewEntry& e);

std::string entry_hash(const std::string& prev, std::int64_t seq, const std::string& time, const std::string& actor,
                       const std::string& action, const std::string& detail);

// Appends the entry after the room's last one, in the caller's transaction.
// Returns its seq.
std::int64_t append(store::Session& s, const std::string& room, const NewEntry& e, const std::string& time);

// One entry as audit() replays it: the sealed detail opened.
struct Entry {
  std::int64_t seq = 0;
  std::string time;
  std::string actor;
  std::string action;
  std::string owner;   // from the sealed detail; empty: nobody's
  std::string detail;  // the caller's text inside the sealed detail
};

// Replays a room's log (whose chain audit() has already checked) against its
// state tables (rooms, preferences, proposals, responses, agreed), in the
// caller's transaction. Returns the first mismatch, ordered by the entry it
// concerns ("entry 7: proposal 3's outcome in the table differs from the
// log"), rows no entry accounts for last ("proposal 4 is in the table but not
// in the log"); empty when every row is what the log says happened. `notes`
// gets what an entry written before the log recorded it cannot prove.
std::string replay(store::Session& s, const std::string& room, const std::vector<Entry>& log,
                   std::vector<std::string>& notes);

}  // namespace parley::room::room_log
