// Small text helpers shared by the library's messages.
//
//   std::string shown = cut_utf8(user_text, 80);  // at most 80 bytes, then "..."
//   svg += "<text>" + xml_escape(name) + "</text>";
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

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

}  // namespace parley
