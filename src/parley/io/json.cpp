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
#include "parley/io/json_internal.h"
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
  if (std::optional<Value> plain = internal::parse_plain(text, limits)) return std::move(*plain);
  return internal::parse_general(text, source, limits);
}

namespace internal {

Result<Value> parse_general(std::string_view text, const std::string& source, const ParseLimits& limits) {
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

// Why a parser of its own beside nlohmann's: reading the ceasefire example
// (10 KB) took 1.4 million instructions in nlohmann's lexer and the SAX
// builder, most of `parley validate`'s own work (issue 19). This one reads
// the plain documents in one pass, straight into Values, and leaves
// everything else, errors included, to the general parser, so that what is
// accepted and every message stay as they were. No recursion: an explicit
// stack of the open arrays and objects.
std::optional<Value> parse_plain(std::string_view text, const ParseLimits& limits) {
  const char* p = text.data();
  const char* const end = p + text.size();
  auto skip_space = [&] {
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  };
  auto digit = [&](const char* at) { return at < end && *at >= '0' && *at <= '9'; };
  // A string, p at its opening quote; false: not plain (the general parser decides).
  auto read_string = [&](std::string& out) {
    out.clear();
    const char* run = ++p;
    while (p < end) {
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') {
        out.append(run, p);
        ++p;
        return true;
      }
      if (c < 0x20 || c >= 0x80) return false;  // a control character (an error), or UTF-8 to validate
      if (c != '\\') {
        ++p;
        continue;
      }
      out.append(run, p);
      if (++p == end) return false;
      switch (*p) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        default: return false;  // \u (surrogates to check) or an error
      }
      run = ++p;
    }
    return false;
  };
  // A number's text as the general parser keeps it: an integer as it reads
  // back ("-0" is 0), anything else as written.
  auto read_number = [&](std::string& out) {
    const char* start = p;
    if (*p == '-') ++p;
    const char* whole = p;
    if (p < end && *p == '0') {
      ++p;
    } else if (p < end && *p >= '1' && *p <= '9') {
      while (digit(p)) ++p;
    } else {
      return false;
    }
    const auto whole_digits = static_cast<long>(p - whole);
    bool integer = true;
    if (p < end && *p == '.') {
      integer = false;
      const char* fraction = ++p;
      while (digit(p)) ++p;
      if (p == fraction) return false;
    }
    long exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
      integer = false;
      ++p;
      bool negative = false;
      if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
      const char* digits = p;
      while (digit(p) && p - digits < 6) exponent = exponent * 10 + (*p++ - '0');
      if (p == digits || digit(p)) return false;
      if (negative) exponent = -exponent;
    }
    if (integer) {
      // 19 digits or more may pass 64 bits: the general parser then reads a double.
      if (whole_digits > 18) return false;
      out = *start == '-' && whole_digits == 1 && *whole == '0' ? std::string("0") : std::string(start, p);
      return true;
    }
    // Beyond about 1.7e308 the general parser refuses the number; well short
    // of that (below 10^300 here), it keeps the text.
    if (whole_digits + exponent > 300) return false;
    out.assign(start, p);
    return true;
  };
  auto literal = [&](std::string_view word) {
    if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) return false;
    p += word.size();
    return true;
  };

  struct Open {
    Value value;
    std::string key;                       // the member being read (objects)
    std::unordered_set<std::string> keys;  // an object's keys, once it has many (to refuse duplicates)
  };
  std::vector<Open> stack;
  std::size_t values = 0;
  // The next key of the object on top, p at its opening quote; false on a
  // duplicate (an error) or anything not plain.
  auto read_key = [&] {
    Open& top = stack.back();
    if (p == end || *p != '"' || !read_string(top.key)) return false;
    const auto& members = top.value.members();
    if (members.size() < 16) {
      for (const auto& member : members) {
        if (member.first == top.key) return false;
      }
    } else {
      if (top.keys.empty()) {
        for (const auto& member : members) top.keys.insert(member.first);
      }
      if (!top.keys.insert(top.key).second) return false;
    }
    skip_space();
    if (p == end || *p != ':') return false;
    ++p;
    return true;
  };

  Value current;
  std::string scratch;
  while (true) {
    // A value: a finished one in `current`, or a container opened.
    skip_space();
    if (p == end || ++values > limits.max_values) return std::nullopt;
    bool opened = false;
    switch (*p) {
      case '{':
      case '[': {
        if (static_cast<int>(stack.size()) >= limits.max_depth) return std::nullopt;
        const bool object = *p++ == '{';
        stack.push_back(Open{object ? Value::object() : Value::array(), {}, {}});
        skip_space();
        if (p < end && *p == (object ? '}' : ']')) {
          ++p;
          current = std::move(stack.back().value);
          stack.pop_back();
          break;
        }
        if (object && !read_key()) return std::nullopt;
        opened = true;
        break;
      }
      case '"':
        if (!read_string(scratch)) return std::nullopt;
        current = Value::string(std::move(scratch));
        break;
      case 't':
        if (!literal("true")) return std::nullopt;
        current = Value::boolean(true);
        break;
      case 'f':
        if (!literal("false")) return std::nullopt;
        current = Value::boolean(false);
        break;
      case 'n':
        if (!literal("null")) return std::nullopt;
        current = Value();
        break;
      default:
        if (!read_number(scratch)) return std::nullopt;
        current = Value::number_text(std::move(scratch));
        break;
    }
    if (opened) continue;
    // Place it, closing each container that ends with it.
    while (true) {
      if (stack.empty()) {
        skip_space();
        if (p != end) return std::nullopt;  // more after the document: an error
        return current;
      }
      Open& top = stack.back();
      const bool object = top.value.is_object();
      if (object) {
        top.value.add(std::move(top.key), std::move(current));
      } else {
        top.value.push(std::move(current));
      }
      skip_space();
      if (p == end) return std::nullopt;
      if (*p == ',') {
        ++p;
        if (object) {
          skip_space();
          if (!read_key()) return std::nullopt;
        }
        break;  // the next value
      }
      if (*p != (object ? '}' : ']')) return std::nullopt;
      ++p;
      current = std::move(top.value);
      stack.pop_back();
    }
  }
}

}  // namespace internal

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
