// The scenario of issue 13's frontier report: two parties and many
// independent items, weights (k*7)%97+1 and (k*13+5)%89+1 for item k. The
// partial frontiers grow by about 31 points an item (20,000 items: 627,386
// points at the end), which made the frontier run out of memory.
//
//   Result<Scenario> s = read_scenario_text(test::many_items_json(20'000), "items.json");
#pragma once

#include <string>

namespace parley::test {

inline std::string many_items_json(int items) {
  std::string issues, a, b;
  for (int k = 0; k < items; ++k) {
    const std::string id = "\"i" + std::to_string(k) + "\"";
    issues += (k ? "," : "") + std::string(R"({"id": )") + id + R"(, "kind": "item"})";
    a += (k ? "," : "") + id + ": " + std::to_string((k * 7) % 97 + 1);
    b += (k ? "," : "") + id + ": " + std::to_string((k * 13 + 5) % 89 + 1);
  }
  return R"({"parley": 1, "title": "many items", "parties": [{"id": "a"}, {"id": "b"}], "issues": [)" + issues +
         R"(], "preferences": {"a": {"weights": {)" + a + R"(}}, "b": {"weights": {)" + b + "}}}}";
}

}  // namespace parley::test
