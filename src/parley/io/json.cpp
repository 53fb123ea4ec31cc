#include "parley/io/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "parley/core/files.h"
#include "parley/core/text.h"

namespace parley::json {

std::string_view type_name(Type type) {
  switch (type) {
    case Type::null: return "null";
    case Type::boolean: return "a boolean";
    case Type::number: return "a number";
    case Type::string: return "a string";
    case Type::array: return "an array";
    case Type::object: return "an object";
  }
  return "?";
}

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::boolean;
  v.bool_ = b;
  return v;
}

Value Value::number_text(std::string text) {
  Value v;
  v.type_ = Type::number;
  v.text_ = std::move(text);
  return v;
}

Value Value::number(const Rational& r) {
  if (auto d = r.json_number()) return number_text(*d);
  return string(r.str());
}

Value Value::number(double d) {
  if (!std::isfinite(d)) return Value();
  if (d == 0) return number_text("0");  // no "-0"
  return number_text(fmt::format("{}", d));
}

Value Value::integer(long long i) { return number_text(std::to_string(i)); }  // NOLINT

Value Value::string(std::string s) {
  Value v;
  v.type_ = Type::string;
  v.text_ = std::move(s);
  return v;
}

Value Value::array() {
  Value v;
  v.type_ = Type::array;
  return v;
}

Value Value::object() {
  Value v;
  v.type_ = Type::object;
  return v;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value& Value::add(std::string key, Value value) {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Value& Value::push(Value value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string pointer_escape(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string describe(const Value& v) {
  switch (v.type()) {
    case Type::null: return "null";
    case Type::boolean: return v.as_bool() ? "true" : "false";
    case Type::number: return "the number " + v.text();
    case Type::string: return "the string " + quote(cut_utf8(v.text(), 60));
    case Type::array: return "an array";
    case Type::object: return "an object";
  }
  return "?";
}

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

namespace {

// Replaces bytes that would break a one-line message (control characters,
// non-ASCII bytes from a binary file) with \xNN.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(u));
    } else {
      out += c;
    }
  }
  return out;
}

// Builds a Value from nlohmann's SAX events, tracking where it is (for error
// pointers), rejecting duplicate keys and enforcing the limits.
class Builder {
 public:
  using json_t = nlohmann::json;
  using number_integer_t = json_t::number_integer_t;
  using number_unsigned_t = json_t::number_unsigned_t;
  using number_float_t = json_t::number_float_t;
  using string_t = json_t::string_t;
  using binary_t = json_t::binary_t;

  explicit Builder(const ParseLimits& limits) : limits_(limits) {}

  bool null() { return put(Value()); }
  bool boolean(bool b) { return put(Value::boolean(b)); }
  bool number_integer(number_integer_t v) { return put(Value::number_text(std::to_string(v))); }
  bool number_unsigned(number_unsigned_t v) { return put(Value::number_text(std::to_string(v))); }
  bool number_float(number_float_t /*approximate*/, const string_t& exact_text) {
    return put(Value::number_text(exact_text));
  }
  bool string(string_t& s) { return put(Value::string(std::move(s))); }
  bool binary(binary_t& /*unused*/) { return put(Value()); }  // not produced by the JSON parser

  bool start_object(std::size_t /*unknown*/) { return open(Value::object()); }
  bool start_array(std::size_t /*unknown*/) { return open(Value::array()); }
  bool key(string_t& k) {
    Frame& top = stack_.back();
    top.duplicate = !top.keys.insert(k).second;
    top.key = std::move(k);
    top.has_key = true;
    if (top.duplicate) {
      errors_.push_back({pointer(), "duplicate key " + quote(top.key) + ": each key may appear only once in an object"});
    }
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t /*position*/, const std::string& last_token, const nlohmann::detail::exception& ex) {
    // A number beyond the double range is valid JSON that the parser cannot
    // carry (it checks with a double before handing over the exact text).
    if (ex.id == 406) {
      errors_.push_back({pointer(), "the number " + printable(cut_utf8(last_token, 40)) +
                                        " is too large; parley reads numbers up to about 1.7e308 in size"});
      return false;
    }
    // nlohmann: "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error ..."
    std::string what = ex.what();
    std::string detail = what;
    if (auto at = what.find(" at line "); at != std::string::npos) detail = what.substr(at + 1);
    errors_.push_back({pointer(), "invalid JSON " + printable(detail)});
    return false;
  }

  std::vector<Diagnostic> take_errors() { return std::move(errors_); }
  Value take_root() { return std::move(root_); }

 private:
  struct Frame {
    Value value;
    std::string key;  // the member being read, when has_key
    bool has_key = false;
    bool duplicate = false;
    std::unordered_set<std::string> keys;
  };

  // Pointer of the value about to be read.
  std::string pointer() const {
    std::string p;
    for (const Frame& f : stack_) {
      if (f.value.is_array()) {
        p = pointer_join(p, f.value.items().size());
      } else if (f.has_key) {
        p = pointer_join(p, f.key);
      }  // else: between members, the place is the object itself
    }
    return p;
  }

  bool count() {
    if (++values_ > limits_.max_values) {
      errors_.push_back({pointer(), "the document has more than " + std::to_string(limits_.max_values) +
                                        " JSON values, the most parley reads"});
      return false;
    }
    return true;
  }

  bool put(Value v) {
    if (!count()) return false;
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.push(std::move(v));
    } else {
      if (!top.duplicate) top.value.add(top.key, std::move(v));
      top.has_key = false;
    }
    return true;
  }

  bool open(Value container) {
    if (!count()) return false;
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      errors_.push_back({pointer(), "arrays and objects are nested more than " + std::to_string(limits_.max_depth) +
                                        " deep, the most parley reads"});
      return false;
    }
    --values_;  // counted again when the finished container is put
    stack_.push_back(Frame{std::move(container), {}, false, false, {}});
    return true;
  }

  bool close() {
    Value done = std::move(stack_.back().value);
    stack_.pop_back();
    return put(std::move(done));
  }

  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  Value root_;
  std::size_t values_ = 0;
  std::vector<Diagnostic> errors_;
};

}  // namespace

namespace {

// What is wrong with the bytes before any JSON is read: a JSON file is UTF-8
// text. UTF-16 and UTF-32 (with or without a byte-order mark) and NUL bytes
// are said so; the parser used to stop at a NUL and accept what came before
// (valid JSON, NUL, garbage passed `validate`) and called UTF-16 "an invalid
// literal".
std::optional<std::string> not_utf8_text(std::string_view text) {
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\0\0"sv) || starts("\0\0\xFE\xFF"sv)) {
    return "the file is UTF-32 text (it starts with a byte-order mark); save it as UTF-8";
  }
  if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) {
    return "the file is UTF-16 text (it starts with a byte-order mark); save it as UTF-8";
  }
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  // ASCII in UTF-16 has every other byte zero.
  if (text.size() >= 4 && (text[0] == '\0') != (text[1] == '\0') && (text[2] == '\0') != (text[3] == '\0')) {
    return "the file looks like UTF-16 text (every other byte is zero); save it as UTF-8";
  }
  std::size_t line = 1, column = 1;
  for (std::size_t k = 0; k < nul; ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
      ++column;  // one column per character, not per UTF-8 byte
    }
  }
  return "a NUL byte (0x00) at line " + std::to_string(line) + ", column " + std::to_string(column) +
         "; a JSON file holds only text";
}

}  // namespace

Result<Value> parse(std::string_view text, const std::string& source, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Result<Value>::fail(source, "",
                               "the file is " + std::to_string(text.size()) + " bytes; parley reads at most " +
                                   std::to_string(limits.max_bytes) + " bytes");
  }
  if (std::optional<std::string> problem = not_utf8_text(text)) return Result<Value>::fail(source, "", *problem);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Result<Value>::fail(source, "", "the file is empty; expected a JSON document");
  }
  Builder builder(limits);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                                   /*strict=*/true);
  } catch (const std::exception& e) {
    return Result<Value>::fail(source, "", std::string("invalid JSON: ") + printable(e.what()));
  }
  std::vector<Diagnostic> errors = builder.take_errors();
  if (!errors.empty()) return Failure{source, std::move(errors)};
  if (!ok) return Result<Value>::fail(source, "", "invalid JSON");
  return builder.take_root();
}

Result<Value> parse_file(const std::string& path, const ParseLimits& limits) {
  Result<std::string> text = read_text_file(path, limits.max_bytes);
  if (!text) return text.failure();
  return parse(text.value(), path, limits);
}

namespace {

void write_compact(const Value& v, std::string& out, bool spaced) {
  switch (v.type()) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Type::number: out += v.text(); break;
    case Type::string: out += quote(v.text()); break;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out += spaced ? ", " : ",";
        first = false;
        write_compact(item, out, spaced);
      }
      out += ']';
      break;
    }
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.members()) {
        if (!first) out += spaced ? ", " : ",";
        first = false;
        out += quote(key);
        out += spaced ? ": " : ":";
        write_compact(item, out, spaced);
      }
      out += '}';
      break;
    }
  }
}

void write_pretty(const Value& v, std::string& out, const WriteStyle& style, int depth) {
  bool container = v.is_array() || v.is_object();
  bool empty = (v.is_array() && v.items().empty()) || (v.is_object() && v.members().empty());
  if (!container || empty) {
    write_compact(v, out, true);
    return;
  }
  std::string compact;
  write_compact(v, compact, true);
  if (static_cast<int>(compact.size()) + depth * style.indent <= style.inline_width) {
    out += compact;
    return;
  }
  std::string pad(static_cast<std::size_t>((depth + 1) * style.indent), ' ');
  std::string close_pad(static_cast<std::size_t>(depth * style.indent), ' ');
  if (v.is_array()) {
    out += "[\n";
    for (std::size_t i = 0; i < v.items().size(); ++i) {
      out += pad;
      write_pretty(v.items()[i], out, style, depth + 1);
      out += i + 1 < v.items().size() ? ",\n" : "\n";
    }
    out += close_pad + "]";
  } else {
    out += "{\n";
    for (std::size_t i = 0; i < v.members().size(); ++i) {
      out += pad + quote(v.members()[i].first) + ": ";
      write_pretty(v.members()[i].second, out, style, depth + 1);
      out += i + 1 < v.members().size() ? ",\n" : "\n";
    }
    out += close_pad + "}";
  }
}

}  // namespace

std::string write(const Value& value, const WriteStyle& style) {
  std::string out;
  if (style.indent <= 0) {
    write_compact(value, out, false);
  } else {
    write_pretty(value, out, style, 0);
  }
  return out;
}

}  // namespace parley::json
