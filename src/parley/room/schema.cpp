// The rooms' schema (store/database.h: portable SQL only). Preferences and
// the log's unredacted details stay in the database and leave it only
// through the privacy rules of rooms.cpp; tokens are kept as SHA-256 hashes.
#include "parley/room/rooms.h"

namespace parley::room {

std::vector<store::Migration> migrations() {
  return {
      {1,
       {
           // scenario: the public scenario as JSON, without any preferences.
           "CREATE TABLE rooms (id TEXT PRIMARY KEY, created TEXT NOT NULL, scenario TEXT NOT NULL, "
           "blind BIGINT NOT NULL, status TEXT NOT NULL, round BIGINT NOT NULL)",
           // hash: SHA-256 of the token, never the token; party NULL but for parties.
           "CREATE TABLE tokens (room TEXT NOT NULL REFERENCES rooms (id), role TEXT NOT NULL, party TEXT, "
           "hash TEXT NOT NULL, PRIMARY KEY (room, hash))",
           // body: the party's preferences object as entered (without "share");
           // shared: a JSON array of the fields the mediator may see.
           "CREATE TABLE preferences (room TEXT NOT NULL REFERENCES rooms (id), party TEXT NOT NULL, "
           "body TEXT NOT NULL, shared TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY (room, party))",
           // outcome: the complete outcome as JSON; method NULL for a mediator's own text.
           "CREATE TABLE proposals (room TEXT NOT NULL REFERENCES rooms (id), n BIGINT NOT NULL, "
           "time TEXT NOT NULL, method TEXT, outcome TEXT NOT NULL, PRIMARY KEY (room, n))",
           // rating: the JSON number as written; NULL when not given.
           "CREATE TABLE responses (room TEXT NOT NULL, proposal BIGINT NOT NULL, party TEXT NOT NULL, "
           "response TEXT NOT NULL, rating TEXT, comment TEXT, time TEXT NOT NULL, "
           "PRIMARY KEY (room, proposal, party), FOREIGN KEY (room, proposal) REFERENCES proposals (room, n))",
           // value: the term's JSON value; locked after the scenario's own agreed terms.
           "CREATE TABLE agreed (room TEXT NOT NULL REFERENCES rooms (id), issue TEXT NOT NULL, "
           "value TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY (room, issue))",
           // detail: unredacted (hashed); redacted: what others see; owner: the party who sees detail.
           "CREATE TABLE log (room TEXT NOT NULL REFERENCES rooms (id), seq BIGINT NOT NULL, time TEXT NOT NULL, "
           "actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, redacted TEXT NOT NULL, owner TEXT, "
           "hash TEXT NOT NULL, prev TEXT NOT NULL, PRIMARY KEY (room, seq))",
       }},
  };
}

}  // namespace parley::room
