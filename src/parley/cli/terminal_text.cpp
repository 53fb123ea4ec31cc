#include "parley/cli/terminal_text.h"

#include <fmt/format.h>

#include <string>

namespace parley::cli {

bool hidden_from_terminal(char32_t code) {
  if (code == U'\n' || code == U'\t') return false;
  return code < 0x20 || (code >= 0x7F && code <= 0x9F)  // C0, DEL, C1
         || code == 0x061C                              // Arabic letter mark
         || (code >= 0x200B && code <= 0x200F)          // zero-width characters, LRM, RLM
         || code == 0x2028 || code == 0x2029            // line and paragraph separators
         || (code >= 0x202A && code <= 0x202E)          // embeddings and overrides
         || (code >= 0x2060 && code <= 0x2064)          // word joiner, invisible operators
         || (code >= 0x2066 && code <= 0x2069)          // isolates
         || code == 0xFEFF;                             // zero-width no-break space (BOM)
}

TerminalText::~TerminalText() { sync(); }

bool TerminalText::put_escaped(char32_t code) {
  const std::string text = fmt::format("\\u{:04x}", static_cast<unsigned>(code));
  return target_->sputn(text.data(), static_cast<std::streamsize>(text.size())) ==
         static_cast<std::streamsize>(text.size());
}

// An incomplete or broken sequence is passed on as it is: it is not one of
// the characters above, and the terminal shows it as a replacement mark.
bool TerminalText::flush_pending() {
  bool ok = true;
  for (int k = 0; k < have_; ++k) ok = ok && put(static_cast<char>(pending_[static_cast<std::size_t>(k)]));
  have_ = need_ = 0;
  return ok;
}

bool TerminalText::put_byte(unsigned char byte) {
  if (need_ > 0) {
    if ((byte & 0xC0) == 0x80) {
      pending_[static_cast<std::size_t>(have_++)] = byte;
      if (have_ < need_) return true;
      char32_t code = pending_[0] & (0x7F >> need_);
      for (int k = 1; k < need_; ++k) code = (code << 6) | (pending_[static_cast<std::size_t>(k)] & 0x3F);
      if (hidden_from_terminal(code)) {
        have_ = need_ = 0;
        return put_escaped(code);
      }
      return flush_pending();
    }
    if (!flush_pending()) return false;
  }
  if (byte < 0x80) return hidden_from_terminal(byte) ? put_escaped(byte) : put(static_cast<char>(byte));
  const int length = byte >= 0xC2 && byte <= 0xDF ? 2 : byte >= 0xE0 && byte <= 0xEF ? 3 : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0;
  if (length == 0) return put(static_cast<char>(byte));
  pending_[0] = byte;
  have_ = 1;
  need_ = length;
  return true;
}

TerminalText::int_type TerminalText::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  return put_byte(static_cast<unsigned char>(traits_type::to_char_type(ch))) ? ch : traits_type::eof();
}

int TerminalText::sync() {
  if (!flush_pending()) return -1;
  return target_->pubsync();
}

}  // namespace parley::cli
