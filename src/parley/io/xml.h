// Internal to src/parley/io: what the Genius importer needs of XML besides
// pugixml. pugixml is lenient: it stops silently at a NUL byte, keeps text
// after the root element, accepts a second root element and '<' inside an
// attribute value, and keeps an unknown "&foo;" as literal text. A file an XML
// tool refuses, or reads differently, must not import as something else, so
// every file is checked against XML 1.0's well-formedness rules first and only
// then handed to pugixml (with encoding_utf8: the check leaves UTF-8 behind).
//
//   std::string text = ...;                              // the file's bytes
//   if (std::optional<XmlError> e = make_well_formed_utf8(text)) {
//     TextPosition at = text_position(text, e->offset);  // "line 3, column 7: " + e->message
//   }
//
// Beyond XML 1.0, refused with a message saying so: encodings other than
// UTF-8, US-ASCII and ISO-8859-1 (converted to UTF-8 here), and a document
// type declaration with an internal subset (its entity declarations and
// attribute defaults would change what the file says, and pugixml ignores
// them). The check is one pass over the text, without recursion: nesting
// depth costs a stack entry per open element.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley::io_internal {

struct XmlError {
  std::size_t offset = 0;  // into the text as it was left (UTF-8, no byte order mark)
  std::string message;     // what is wrong and what is allowed, without the position
};

// Converts `text` to UTF-8 without a byte order mark (it may declare
// ISO-8859-1) and checks that it is a well-formed XML 1.0 document: the first
// problem, or nothing.
std::optional<XmlError> make_well_formed_utf8(std::string& text);

struct TextPosition {
  std::size_t line = 1;    // from 1
  std::size_t column = 1;  // from 1, in characters (UTF-8 sequences), as editors count
};

// Where `offset` (clamped to the text) falls in UTF-8 `text`.
TextPosition text_position(std::string_view text, std::size_t offset);

}  // namespace parley::io_internal
