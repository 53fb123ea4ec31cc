#include "parley/server/events.h"

#include "parley/io/json.h"

namespace parley::server {

Result<std::vector<Event>> split_events(std::string_view body) {
  Result<json::Value> doc = json::parse(body, "events");
  if (!doc) return doc.failure();
  const json::Value* list = &doc.value();
  if (list->is_object()) list = list->find("events");
  if (list == nullptr || !list->is_array()) {
    return Result<std::vector<Event>>::fail("events", "", "an events response is a list of entries");
  }
  std::vector<Event> events;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const json::Value& entry = list->items()[i];
    const json::Value* seq = entry.is_object() ? entry.find("seq") : nullptr;
    std::int64_t n = 0;
    try {
      if (seq == nullptr || !seq->is_number()) throw std::invalid_argument("no seq");
      std::size_t used = 0;
      n = std::stoll(seq->text(), &used);
      if (used != seq->text().size()) throw std::invalid_argument("seq not an integer");
    } catch (const std::exception&) {
      return Result<std::vector<Event>>::fail("events", json::pointer_join("/events", i),
                                              "an event entry has an integer \"seq\"");
    }
    events.push_back({n, json::write(entry, {.indent = 0})});
  }
  return events;
}

std::string sse_frame(const Event& event) {
  // One-line JSON (indent 0 escapes newlines inside strings), so one data: line.
  return "id: " + std::to_string(event.seq) + "\ndata: " + event.json + "\n\n";
}

}  // namespace parley::server
