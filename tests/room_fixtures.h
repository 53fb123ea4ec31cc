// What the tests that drive rooms share, through the library (room::Response)
// or over HTTP (HttpReply): both answers have `status` and `body`.
//
//   const Room room = room_from_created(call("POST", "/v1/rooms", "", room_body(2)), 2);
//   EXPECT_EQ(at(parse_or_fail(reply), "proposal").text(), "1");
#pragma once

#include <string>
#include <vector>

#include "parley/io/json.h"

namespace parley::test {

// The body as JSON; a test failure (and null) when it is not JSON.
json::Value parse_json_or_fail(int status, const std::string& body);
template <typename Reply>
json::Value parse_or_fail(const Reply& r) {
  return parse_json_or_fail(r.status, r.body);
}

// v's member `key`; a test failure (and null) when there is none.
const json::Value& at(const json::Value& v, const std::string& key);

// POST /v1/rooms's body: parties p1, p2, ... and one choice issue "terms"
// (draft_a, draft_b), no preferences: hand-made proposals need none.
std::string room_body(int parties);

struct Room {
  std::string id;
  std::string mediator;
  std::string observer;
  std::vector<std::string> parties;  // tokens of p1, p2, ...
};

// The room and tokens of the answer to room_body(parties), expected 201.
Room room_from_created(int status, const std::string& body, int parties);
template <typename Reply>
Room room_from_created(const Reply& r, int parties) {
  return room_from_created(r.status, r.body, parties);
}

}  // namespace parley::test
