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

}  // namespace parley::room::room_log
