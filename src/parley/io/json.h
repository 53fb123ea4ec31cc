// parley's own JSON document: the one place that knows the JSON library.
//
//   Result<json::Value> doc = json::parse(text, "dispute.json");
//   if (doc) {
//     const json::Value* issues = doc.value().find("issues");
//     std::string out = json::write(doc.value(), {.indent = 2});
//   }
//
// Why our own type rather than the library's: numbers keep the exact text they
// were written with (so 0.1 stays one tenth), objects keep their key order and
// reject duplicate keys instead of silently keeping the last, and every parse is
// bounded (size, depth, number of values) so hostile input cannot exhaust memory.
// Parsing uses nlohmann::json's SAX interface; nothing else includes it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/core/rational.h"
#include "parley/core/result.h"

namespace parley::json {

enum class Type { null, boolean, number, string, array, object };

std::string_view type_name(Type type);

class Value {
 public:
  Value() = default;  // null
  static Value boolean(bool b);
  // A number from its exact JSON text ("0.25", "1e-3"); the text must be valid JSON.
  static Value number_text(std::string text);
  // An exact number, written as a decimal when it has one, else as the string "p/q".
  static Value number(const Rational& r);
  // A double, written in the shortest form that reads back to the same double.
  static Value number(double d);
  static Value integer(long long i);  // NOLINT(google-runtime-int)
  static Value string(std::string s);
  static Value array();
  static Value object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }

  bool as_bool() const { return bool_; }
  // The string's value, or a number's JSON text.
  const std::string& text() const { return text_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<std::pair<std::string, Value>>& members() const { return members_; }

  // Object member by key, or nullptr.
  const Value* find(std::string_view key) const;

  // Builders. add() on an object appends a member (keys must be unique);
  // push() on an array appends an item. Both return *this for chaining.
  Value& add(std::string key, Value value);
  Value& push(Value value);
  std::vector<Value>& mutable_items() { return items_; }
  std::vector<std::pair<std::string, Value>>& mutable_members() { return members_; }

  friend bool operator==(const Value&, const Value&) = default;

 private:
  Type type_ = Type::null;
  bool bool_ = false;
  std::string text_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> members_;
};

struct ParseLimits {
  std::size_t max_bytes = 32u << 20;     // 32 MiB
  int max_depth = 64;                    // nesting of arrays and objects
  std::size_t max_values = 2'000'000;    // values of any kind in the document
};

// Parses a whole JSON document. Syntax errors carry the JSON Pointer of the value
// being read and the line and column; duplicate keys are errors.
Result<Value> parse(std::string_view text, const std::string& source, const ParseLimits& limits = {});

// Reads and parses a file, or a pipe such as /dev/stdin, to its end. A missing or
// unreadable file, a directory, a block device or a socket is a FailureKind::unreadable
// failure; more than limits.max_bytes is an invalid_input one.
Result<Value> parse_file(const std::string& path, const ParseLimits& limits = {});

struct WriteStyle {
  int indent = 2;           // 0: one line, no spaces
  int inline_width = 100;   // arrays/objects that fit in this many characters stay on one line
};

std::string write(const Value& value, const WriteStyle& style = {});

// JSON Pointer helpers (RFC 6901).
std::string pointer_escape(std::string_view key);
inline std::string pointer_join(const std::string& base, std::string_view key) {
  return base + "/" + pointer_escape(key);
}
inline std::string pointer_join(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

// A JSON string literal with its quotes, escaped.
std::string quote(std::string_view s);

// A value as an error message names what was found: "null", "true", "the
// number 3", "the string \"x\"" (cut to 60 bytes), "an array", "an object".
std::string describe(const Value& v);

}  // namespace parley::json
