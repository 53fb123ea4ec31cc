#include "room_fixtures.h"

#include <gtest/gtest.h>

namespace parley::test {

json::Value parse_json_or_fail(int status, const std::string& body) {
  Result<json::Value> doc = json::parse(body, "reply");
  if (!doc) {
    ADD_FAILURE() << "not JSON (" << status << "): " << body;
    return json::Value();
  }
  return doc.value();
}

const json::Value& at(const json::Value& v, const std::string& key) {
  static const json::Value null;
  const json::Value* found = v.find(key);
  if (found == nullptr) ADD_FAILURE() << "no \"" << key << "\" in " << json::write(v, {});
  return found ? *found : null;
}

std::string room_body(int parties) {
  std::string list;
  for (int i = 1; i <= parties; ++i) list += std::string(i > 1 ? ", " : "") + "{\"id\": \"p" + std::to_string(i) + "\"}";
  return R"({"scenario": {"parley": 1, "title": "two servers", "parties": [)" + list +
         R"(], "issues": [{"id": "terms", "kind": "choice", "options": ["draft_a", "draft_b"]}]}})";
}

Room room_from_created(int status, const std::string& body, int parties) {
  EXPECT_EQ(status, 201) << body;
  const json::Value doc = parse_json_or_fail(status, body);
  Room room;
  room.id = at(doc, "room").text();
  room.mediator = at(doc, "mediator_token").text();
  room.observer = at(doc, "observer_token").text();
  for (int i = 1; i <= parties; ++i) room.parties.push_back(at(at(doc, "party_tokens"), "p" + std::to_string(i)).text());
  return room;
}

}  // namespace parley::test
