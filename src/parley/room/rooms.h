// Negotiation rooms (docs/room-api.md): the whole HTTP API as a library call,
// so that `parley serve` only moves bytes (server/), and tests can drive a
// room without a socket.
//
//   auto db = store::open_database("rooms.sqlite", room::migrations());
//   room::Rooms rooms(*db.value(), {.solve_time_limit = 10});
//   room::Response r = rooms.handle({.method = "POST", .path = "/v1/rooms", .body = R"({"scenario": {...}})"});
//   // r.status == 201, r.body == {"room": ..., "mediator_token": ..., ...}
//
// handle() authenticates the bearer token, checks the role's rights, parses
// and validates the body (400 malformed or nested deeper than 64, 422 with
// pointers into the body), runs the engine (mediate/engine.h) on the private
// preferences server-side, commits every write in one transaction before it
// answers 2xx, appends to the room's hash-chained log, and answers with the
// status and JSON body the contract gives. Nothing one party entered reaches
// anyone else unless that party shared it. Bodies over the size limit are
// refused by the server before they get here (413), as are callers over the
// rate limit (429).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/core/result.h"
#include "parley/store/database.h"

namespace parley::room {

struct Request {
  std::string method;                        // "GET", "POST", "PUT" (others: 405)
  std::string path;                          // "/v1/rooms/ID/proposals/3/responses", without the query string
  std::map<std::string, std::string> query;  // decoded: {"after": "12"}
  std::string bearer_token;                  // from "Authorization: Bearer T"; empty when absent
  std::string body;                          // raw request body
};

struct Response {
  int status = 200;
  std::string body;  // JSON text: the contract's shape, or {"error": ..., "errors": [{"pointer", "message"}]}
};

struct Options {
  double solve_time_limit = 10;  // seconds per engine call (--solve-time-limit)
  // Engine computations at once (a method's proposal, an improvement search,
  // an agreement's certificate not yet in memory), across all rooms; 0: one
  // per hardware thread. Each can take a core for the solve time limit, so
  // more at once only slows all of them. A request that finds no free slot
  // within `engine_wait` gets 503 ("the engine is busy ..."); requests that
  // need no computation (a certificate already known, a proposal given by
  // hand) never wait.
  int engine_slots = 0;
  std::chrono::milliseconds engine_wait{1000};
  // For tests: called on the thread of each computation once its slot is
  // held, before the engine runs.
  std::function<void()> on_engine_slot;
};

class CertificateCache;
class EngineGate;

class Rooms {
 public:
  Rooms(store::Database& db, Options options);
  ~Rooms();
  Response handle(const Request& request);

  // What GET .../agreement cost: certificates the engine computed (an
  // evaluation and a Pareto check each) and those answered from memory
  // instead. Only the engine's answer is cached, per room, proposal and
  // digest of its exact inputs; views, tokens and privacy are checked anew
  // on every request.
  struct Stats {
    std::int64_t certificates_computed = 0;
    std::int64_t certificates_cached = 0;
    std::int64_t certificates_held = 0;  // in memory now (at most 256)
  };
  Stats stats() const;

 private:
  store::Database& db_;
  Options options_;
  std::unique_ptr<CertificateCache> certificates_;
  std::unique_ptr<EngineGate> engine_;
};

// The schema of the rooms' database, versioned (store::open_database applies them).
std::vector<store::Migration> migrations();

// `parley audit DB ROOM`: three checks, from the stored rows alone.
// 1. The hash chain: each entry's hash over its prev, seq, time, actor,
//    action and unredacted detail; prev equal to the previous entry's hash;
//    seq without gaps.
// 2. Receipts: each {seq, hash} a participant kept (GET /v1/rooms/ID gives
//    every role "log_head") names an entry that is still there with exactly
//    that hash. With 1, entries 1..seq are then as they were when the
//    receipt was taken: this is what notices the log's last entries cut off
//    together with their rows, or the whole chain rewritten.
// 3. Replay: every row of the state tables (the room, preferences,
//    proposals, responses, agreed terms) is what the latest log entry about
//    it says, and every entry's state is a row. Not replayed when 1 fails.
//
//   Result<AuditReport> r = audit(db, room, {{12, "9f86d0..."}});
//   if (r && !r.value().intact) print(r.value().first_bad);
struct Receipt {
  std::int64_t seq = 0;
  std::string hash;  // 64 lowercase hex digits
};
struct ReceiptCheck {
  Receipt receipt;
  bool matches = false;
};
struct AuditReport {
  bool intact = true;     // all three checks hold
  std::int64_t entries = 0;
  std::string first_bad;  // "entry 12: its hash does not match its contents"; empty when intact
  bool chain_intact = true;
  std::vector<ReceiptCheck> receipts;  // in the order given
  std::optional<bool> tables_match;    // unset when the chain is broken (nothing to replay against)
  std::optional<Receipt> head;         // the last entry: a receipt for a later audit; unset when the log is empty
  std::vector<std::string> notes;      // what old entries cannot prove
};
Result<AuditReport> audit(store::Database& db, const std::string& room, const std::vector<Receipt>& receipts = {});

}  // namespace parley::room
