// XML 1.0 well-formedness (xml.h), following the grammar of the W3C
// recommendation (fifth edition): document, prolog, elements, attributes,
// references, comments, processing instructions, CDATA sections and the
// document type declaration (without an internal subset).
#include "parley/io/xml.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "parley/core/text.h"

namespace parley::io_internal {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// XML's Char production: what may appear in a document at all.
bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_name_start(char32_t c) {
  return c == ':' || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

bool is_name_char(char32_t c) {
  return is_name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// One UTF-8 sequence at text[at]: the code point and its length, or length 0
// when the bytes are not UTF-8 (overlong forms and surrogates included).
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t c = 0, least = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, c = b0 & 0x1F, least = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, c = b0 & 0x0F, least = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, c = b0 & 0x07, least = 0x10000;
  } else {
    return {0, 0};
  }
  if (at + len > text.size()) return {0, 0};
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return {0, 0};
    c = (c << 6) | (byte(k) & 0x3F);
  }
  if (c < least || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return {0, 0};
  return {c, len};
}

std::string hex(std::uint32_t v, int digits) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int k = digits - 1; k >= 0; --k, v >>= 4) out[static_cast<std::size_t>(k)] = kDigits[v & 0xF];
  return out;
}

std::string code_point(char32_t c) { return "U+" + hex(static_cast<std::uint32_t>(c), c > 0xFFFF ? 6 : 4); }

// ISO-8859-1 maps each byte to the code point of the same number.
std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

constexpr std::string_view kReferences =
    "; allowed: &amp; &lt; &gt; &quot; &apos; and numeric references such as &#233;";

class Checker {
 public:
  explicit Checker(std::string& text) : text_(text) {}

  std::optional<XmlError> run() {
    if (!encoding() || !characters() || !document()) return error_;
    return std::nullopt;
  }

 private:
  // ---------------------------------------------------------------- encoding

  // Byte order marks and the declared encoding; the text is left in UTF-8.
  bool encoding() {
    const std::string_view t = text_;
    const auto starts_bytes = [&](std::string_view bytes) { return t.substr(0, bytes.size()) == bytes; };
    if (starts_bytes("\xEF\xBB\xBF")) {
      text_.erase(0, 3);
    } else if (starts_bytes(std::string_view("\0\0\xFE\xFF", 4)) || starts_bytes("\xFF\xFE") ||
               starts_bytes("\xFE\xFF") || starts_bytes(std::string_view("\0<", 2)) ||
               starts_bytes(std::string_view("<\0", 2))) {
      return fail(0, "the file is in UTF-16 or UTF-32; parley reads XML in UTF-8 (or US-ASCII or ISO-8859-1): "
                     "save it as UTF-8");
    }
    std::string declared;
    if (!declaration(declared)) return false;
    if (declared.empty() || same_word(declared, "UTF-8") || same_word(declared, "UTF8") ||
        same_word(declared, "US-ASCII") || same_word(declared, "ASCII")) {
      return true;
    }
    if (same_word(declared, "ISO-8859-1") || same_word(declared, "ISO8859-1") || same_word(declared, "latin1") ||
        same_word(declared, "ISO_8859-1")) {
      text_ = latin1_to_utf8(text_);
      return true;
    }
    return fail(encoding_at_, "the declared encoding \"" + cut_utf8(declared, 40) +
                                  "\" is not one parley reads; allowed: UTF-8, US-ASCII and ISO-8859-1");
  }

  // XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>', at the very
  // start. Its pseudo-attributes are ASCII, so offsets hold across conversion.
  bool declaration(std::string& encoding) {
    if (!(starts("<?xml") && i_ + 5 < size() && is_space(text_[i_ + 5]))) return true;
    i_ += 5;
    struct Pseudo {
      std::string_view name;
      bool required;
    };
    const Pseudo order[] = {{"version", true}, {"encoding", false}, {"standalone", false}};
    for (const Pseudo& p : order) {
      const std::size_t before = i_;
      const bool spaced = skip_space();
      if (!starts(p.name)) {
        i_ = before;
        if (p.required) return fail(i_, "the XML declaration needs version=\"1.0\" first");
        continue;
      }
      if (!spaced) return fail(i_, "white space is needed before \"" + std::string(p.name) + "\" in the XML declaration");
      const std::size_t at = i_;
      i_ += p.name.size();
      skip_space();
      if (!eat('=')) return fail(i_, "expected '=' after \"" + std::string(p.name) + "\" in the XML declaration");
      skip_space();
      std::string_view value;
      if (!quoted(value, "\"" + std::string(p.name) + "\" in the XML declaration")) return false;
      if (p.name == "version") {
        if (!(value.size() > 2 && value.substr(0, 2) == "1." &&
              std::all_of(value.begin() + 2, value.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
          return fail(at, "XML version \"" + cut_utf8(value, 20) + "\" is not 1.x; allowed: version=\"1.0\"");
        }
      } else if (p.name == "encoding") {
        const bool name_ok = !value.empty() && ((value[0] | 0x20) >= 'a' && (value[0] | 0x20) <= 'z') &&
                             std::all_of(value.begin(), value.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                      c == '.' || c == '_' || c == '-';
                             });
        if (!name_ok) return fail(at, "the encoding name in the XML declaration is not a name such as \"UTF-8\"");
        encoding = std::string(value);
        encoding_at_ = at;
      } else if (value != "yes" && value != "no") {
        return fail(at, "standalone must be \"yes\" or \"no\" in the XML declaration");
      }
    }
    skip_space();
    if (!starts("?>")) return fail(i_, "the XML declaration must end with \"?>\" after version, encoding and standalone");
    i_ += 2;
    return true;
  }

  // ---------------------------------------------------------------- characters

  bool characters() {
    const std::string_view t = text_;
    for (std::size_t at = 0; at < t.size();) {
      const auto b = static_cast<unsigned char>(t[at]);
      if (b >= 0x20 && b < 0x80) {
        ++at;
        continue;
      }
      auto [c, len] = decode(t, at);
      if (len == 0) {
        return fail(at, "byte 0x" + hex(b, 2) + " is not UTF-8; a file without an encoding declaration must be "
                        "UTF-8 (declare encoding=\"ISO-8859-1\" in <?xml ...?> for Latin-1)");
      }
      if (!is_xml_char(c)) {
        return fail(at, (c == 0 ? std::string("a NUL byte") : "the control character " + code_point(c)) +
                            ", which XML does not allow anywhere in a document; allowed: tab, line breaks and "
                            "printable characters");
      }
      at += len;
    }
    return true;
  }

  // ---------------------------------------------------------------- structure

  // document ::= prolog element Misc*: markup and white space only outside
  // the one root element.
  bool document() {
    bool doctype_allowed = true;
    while (i_ < size()) {
      const char c = text_[i_];
      if (c != '<') {
        if (open_.empty()) {
          if (is_space(c)) {
            ++i_;
            continue;
          }
          return fail(i_, root_.empty() ? "text before the root element; only an XML declaration, comments, "
                                          "processing instructions, a document type declaration and white space "
                                          "may come before it"
                                        : "text after the root element <" + shown_name(root_) +
                                              "> has ended; only comments, processing instructions and white space "
                                              "may follow it");
        }
        if (!char_data()) return false;
        continue;
      }
      if (starts("<?")) {
        if (!processing_instruction()) return false;
      } else if (starts("<!--")) {
        if (!comment()) return false;
      } else if (starts("<![CDATA[")) {
        if (open_.empty()) return fail(i_, "a CDATA section outside the root element; it may appear only in an "
                                           "element's content");
        const std::size_t end = text_.find("]]>", i_ + 9);
        if (end == std::string::npos) return fail(i_, "a CDATA section that is never closed with \"]]>\"");
        i_ = end + 3;
      } else if (starts("<!DOCTYPE")) {
        if (!doctype_allowed) {
          return fail(i_, "a document type declaration after the root element or a second one; one may come "
                          "only before the root element");
        }
        doctype_allowed = false;
        if (!doctype()) return false;
      } else if (starts("<!")) {
        return fail(i_, "\"<!\" that starts no comment (<!--), CDATA section (<![CDATA[) or document type "
                        "declaration (<!DOCTYPE)");
      } else if (starts("</")) {
        if (!end_tag()) return false;
      } else {
        doctype_allowed = false;
        if (!start_tag()) return false;
      }
    }
    if (!open_.empty()) {
      return fail(open_.back().second, "element <" + shown_name(open_.back().first) + "> is never closed (no </" +
                                           shown_name(open_.back().first) + ">) before the end of the file");
    }
    if (root_.empty()) return fail(size(), "the file has no root element");
    return true;
  }

  bool start_tag() {
    const std::size_t at = i_++;
    const std::string_view element = name();
    if (element.empty()) {
      return fail(at, "'<' that starts no element, end tag, comment or processing instruction; write &lt; for a "
                      "'<' in text");
    }
    if (open_.empty() && !root_.empty()) {
      return fail(at, "a second root element <" + shown_name(element) + "> after <" + shown_name(root_) +
                          ">; an XML document has exactly one root element");
    }
    attributes_.clear();
    while (true) {
      const bool spaced = skip_space();
      if (starts("/>")) {
        i_ += 2;
        break;
      }
      if (eat('>')) {
        open_.emplace_back(element, at);
        break;
      }
      if (i_ >= size()) return fail(at, "the start tag <" + shown_name(element) + " is never closed with '>'");
      const std::size_t name_at = i_;
      const std::string_view attribute = name();
      if (attribute.empty() || !spaced) {
        return fail(name_at, std::string(spaced ? "expected an attribute name" : "expected white space") +
                                 ", '>' or '/>' in the start tag <" + shown_name(element) + ">");
      }
      skip_space();
      if (!eat('=')) {
        return fail(i_, "attribute \"" + shown_name(attribute) + "\" needs '=' and a quoted value");
      }
      skip_space();
      std::string_view value;
      if (!quoted(value, "attribute \"" + shown_name(attribute) + "\"", true)) return false;
      attributes_.emplace_back(attribute, name_at);
    }
    if (root_.empty()) root_ = element;
    // Attribute names differ within a tag: sorted, so a tag with many costs no more than n log n.
    std::sort(attributes_.begin(), attributes_.end());
    for (std::size_t k = 1; k < attributes_.size(); ++k) {
      if (attributes_[k].first == attributes_[k - 1].first) {
        return fail(std::max(attributes_[k].second, attributes_[k - 1].second),
                    "attribute \"" + shown_name(attributes_[k].first) + "\" appears twice in <" + shown_name(element) +
                        ">; each attribute may appear once in a tag");
      }
    }
    return true;
  }

  bool end_tag() {
    const std::size_t at = i_;
    i_ += 2;
    const std::string_view element = name();
    if (element.empty()) return fail(at, "\"</\" without an element name");
    skip_space();
    if (!eat('>')) return fail(i_, "the end tag </" + shown_name(element) + " must end with '>'");
    if (open_.empty()) {
      return fail(at, "an end tag </" + shown_name(element) + "> with no element open" +
                          (root_.empty() ? "" : " (the root element <" + shown_name(root_) + "> has ended)"));
    }
    if (open_.back().first != element) {
      return fail(at, "the end tag </" + shown_name(element) + "> does not match the open element <" +
                          shown_name(open_.back().first) + ">");
    }
    open_.pop_back();
    return true;
  }

  // CharData with references, up to the next '<'.
  bool char_data() {
    while (i_ < size() && text_[i_] != '<') {
      const std::size_t next = text_.find_first_of("<&]", i_);
      i_ = next == std::string::npos ? size() : next;
      if (i_ >= size() || text_[i_] == '<') break;
      if (text_[i_] == '&') {
        if (!reference()) return false;
      } else if (starts("]]>")) {
        return fail(i_, "\"]]>\" in text, which XML keeps for the end of a CDATA section; write ]]&gt;");
      } else {
        ++i_;
      }
    }
    return true;
  }

  // A quoted value at i_; in an attribute (`attribute`), no '<' and '&' only in references.
  bool quoted(std::string_view& value, const std::string& what, bool attribute = false) {
    if (i_ >= size() || (text_[i_] != '"' && text_[i_] != '\'')) {
      return fail(i_, what + " needs a value in quotes (\"...\" or '...')");
    }
    const char quote = text_[i_];
    const std::size_t begin = ++i_;
    while (true) {
      const std::size_t next = attribute ? text_.find_first_of(std::string{quote, '<', '&'}, i_) : text_.find(quote, i_);
      if (next == std::string::npos) return fail(begin - 1, "the value of " + what + " is never closed with " + quote);
      i_ = next;
      if (text_[i_] == quote) break;
      if (text_[i_] == '<') {
        return fail(i_, "'<' inside the value of " + what + ", which XML does not allow; write &lt;");
      }
      if (!reference()) return false;
    }
    value = std::string_view(text_).substr(begin, i_ - begin);
    ++i_;
    return true;
  }

  // Reference ::= '&' Name ';' | '&#' [0-9]+ ';' | '&#x' [0-9a-fA-F]+ ';', at i_.
  bool reference() {
    const std::size_t at = i_++;
    if (eat('#')) {
      const bool hexadecimal = eat('x');
      std::uint32_t value = 0;
      std::size_t digits = 0;
      for (; i_ < size(); ++i_, ++digits) {
        const char c = lower(text_[i_]);
        int d = c >= '0' && c <= '9' ? c - '0' : hexadecimal && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) break;
        value = std::min<std::uint32_t>(value * (hexadecimal ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
      }
      if (digits == 0 || !eat(';')) {
        return fail(at, "a character reference must be &#DIGITS; or &#xHEX; (such as &#233; or &#xE9;)");
      }
      if (!is_xml_char(static_cast<char32_t>(value))) {
        return fail(at, "a character reference to " +
                            (value >= 0x110000 ? std::string("a number beyond Unicode")
                                               : code_point(static_cast<char32_t>(value))) +
                            ", which XML does not allow; allowed: tab, line breaks and printable characters");
      }
      return true;
    }
    const std::string_view entity = name();
    if (entity.empty() || !eat(';')) {
      return fail(at, "a '&' that starts no reference; write &amp; for '&'" + std::string(kReferences));
    }
    if (entity != "amp" && entity != "lt" && entity != "gt" && entity != "quot" && entity != "apos") {
      return fail(at, "an entity reference &" + shown_name(entity) + "; that XML does not predefine" +
                          std::string(kReferences));
    }
    return true;
  }

  // PI ::= '<?' PITarget (S (Char* - (Char* '?>' Char*)))? '?>'; the target is not "xml".
  bool processing_instruction() {
    const std::size_t at = i_;
    i_ += 2;
    const std::string_view target = name();
    if (target.empty()) return fail(at, "\"<?\" without a processing instruction name");
    if (same_word(target, "xml")) {
      return fail(at, "an XML declaration <?xml ...?> that is not at the very start of the file (nothing, not even "
                      "white space, may come before it)");
    }
    if (!starts("?>") && !skip_space()) return fail(i_, "expected white space or \"?>\" after <?" + shown_name(target));
    const std::size_t end = text_.find("?>", i_);
    if (end == std::string::npos) return fail(at, "a processing instruction that is never closed with \"?>\"");
    i_ = end + 2;
    return true;
  }

  // Comment ::= '<!--' ((Char - '-') | ('-' (Char - '-')))* '-->'
  bool comment() {
    const std::size_t at = i_;
    const std::size_t dashes = text_.find("--", i_ + 4);
    if (dashes == std::string::npos) return fail(at, "a comment that is never closed with \"-->\"");
    if (dashes + 2 >= size() || text_[dashes + 2] != '>') {
      return fail(dashes, "\"--\" inside a comment, which XML does not allow; a comment ends at the first \"--\", "
                          "which must be followed by '>'");
    }
    i_ = dashes + 3;
    return true;
  }

  // doctypedecl ::= '<!DOCTYPE' S Name (S ExternalID)? S? '>'; an internal
  // subset ('[' ... ']') is refused (xml.h).
  bool doctype() {
    const std::size_t at = i_;
    i_ += 9;
    if (!skip_space() || name().empty()) return fail(i_, "<!DOCTYPE needs white space and the root element's name");
    const bool spaced = skip_space();
    if (spaced && (starts("SYSTEM") || starts("PUBLIC"))) {
      const bool is_public = starts("PUBLIC");
      i_ += 6;
      std::string_view id;
      for (int k = 0; k < (is_public ? 2 : 1); ++k) {
        if (!skip_space()) return fail(i_, "white space and a quoted identifier must follow SYSTEM or PUBLIC");
        if (!quoted(id, "the document type's identifier")) return false;
      }
      skip_space();
    }
    if (starts("[")) {
      const std::size_t entity = text_.find("<!ENTITY", i_);
      const std::size_t close = text_.find(']', i_);
      if (entity != std::string::npos && entity < close) {
        return fail(entity, "an entity declaration; parley does not read entity declarations" +
                                std::string(kReferences));
      }
      return fail(i_, "a document type declaration with an internal subset ([...]); parley does not read DTD "
                      "declarations, whose defaults and entities would change what the file says");
    }
    if (!eat('>')) return fail(at, "a document type declaration that does not end with '>' where expected");
    return true;
  }

  // ---------------------------------------------------------------- helpers

  std::size_t size() const { return text_.size(); }
  bool starts(std::string_view s) const { return std::string_view(text_).substr(i_, s.size()) == s; }
  bool eat(char c) {
    if (i_ < size() && text_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool skip_space() {
    const std::size_t from = i_;
    while (i_ < size() && is_space(text_[i_])) ++i_;
    return i_ > from;
  }
  // A Name at i_ (the text is valid UTF-8 by then), or empty with i_ unmoved.
  std::string_view name() {
    const std::size_t from = i_;
    for (bool first = true; i_ < size(); first = false) {
      auto [c, len] = decode(text_, i_);
      if (len == 0 || !(first ? is_name_start(c) : is_name_char(c))) break;
      i_ += len;
    }
    return std::string_view(text_).substr(from, i_ - from);
  }
  static std::string shown_name(std::string_view name) { return cut_utf8(name, 60); }

  bool fail(std::size_t at, std::string message) {
    if (!error_) error_ = XmlError{std::min(at, text_.size()), std::move(message)};
    return false;
  }

  std::string& text_;
  std::size_t i_ = 0;
  std::size_t encoding_at_ = 0;
  std::string_view root_;                                       // the root element's name, once seen
  std::vector<std::pair<std::string_view, std::size_t>> open_;  // open elements: name, offset of '<'
  std::vector<std::pair<std::string_view, std::size_t>> attributes_;  // of the tag being read
  std::optional<XmlError> error_;
};

}  // namespace

std::optional<XmlError> make_well_formed_utf8(std::string& text) { return Checker(text).run(); }

TextPosition text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  TextPosition p;
  p.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  p.column = 1 + static_cast<std::size_t>(std::count_if(before.begin() + static_cast<std::ptrdiff_t>(line_start),
                                                        before.end(), [](char c) {
                                                          return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                                                        }));
  return p;
}

}  // namespace parley::io_internal
