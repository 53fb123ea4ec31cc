// Server-sent events from the room's polling endpoint: the body of
// `GET /v1/rooms/ID/events?after=SEQ` split into entries, each written as an
// SSE frame (`id: SEQ`, `data: JSON`) so that a browser's EventSource resumes
// with Last-Event-ID after a reconnect.
//
//   for (const Event& e : split_events(response.body)) stream << sse_frame(e);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/result.h"

namespace parley::server {

struct Event {
  std::int64_t seq = 0;
  std::string json;  // the entry as one line of JSON
};

// The entries of an events response: `{"events": [...]}` or a bare array, each
// entry an object with an integer "seq". Fails on anything else (a bug in the
// handler, not input).
Result<std::vector<Event>> split_events(std::string_view body);

// "id: SEQ\ndata: JSON\n\n".
std::string sse_frame(const Event& event);

}  // namespace parley::server
