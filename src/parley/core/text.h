// Small text helpers shared by the library's messages.
//
//   std::string shown = cut_utf8(user_text, 80);  // at most 80 bytes, then "..."
//   svg += "<text>" + xml_escape(name) + "</text>";
//   message += first_few(region_ids);             // "r1, r2, ..., r8 and 9992 more"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// The longest prefix of `text` of at most `most` bytes that does not end in
// the middle of a UTF-8 character (a message cut there would not be valid
// UTF-8, and --json output must be).
inline std::string_view utf8_prefix(std::string_view text, std::size_t most) {
  if (text.size() <= most) return text;
  std::size_t end = most;
  // Continuation bytes look like 10xxxxxx; back up to the start of a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// `text` cut to at most `most` bytes on a character boundary, with `mark` when cut.
inline std::string cut_utf8(std::string_view text, std::size_t most, std::string_view mark = "...") {
  if (text.size() <= most) return std::string(text);
  return std::string(utf8_prefix(text, most)).append(mark);
}

// `text` safe inside XML (SVG) text and attribute values: markup characters
// escaped, and the control characters XML 1.0 forbids dropped.
inline std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

// At most `most` of `items` joined by `separator`, then "and N more" (with
// `what`, "and N more pieces"): a list drawn from the user's data (the 10,000
// regions of a map) must not become a line of 100 KB in a message.
inline std::string first_few(const std::vector<std::string>& items, std::size_t most = 8,
                             std::string_view separator = ", ", std::string_view what = "") {
  std::string out;
  const std::size_t shown = items.size() > most + 1 ? most : items.size();  // "and 1 more" saves nothing
  for (std::size_t k = 0; k < shown; ++k) out.append(k ? separator : "").append(items[k]);
  if (shown < items.size()) {
    out.append(" and ").append(std::to_string(items.size() - shown)).append(" more");
    if (!what.empty()) out.append(" ").append(what);
  }
  return out;
}

}  // namespace parley
