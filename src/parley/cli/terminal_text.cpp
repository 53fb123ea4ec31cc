#include "parley/cli/terminal_text.h"

#include <fmt/format.h>

#include <string>

namespace parley::cli {

TerminalText::~TerminalText() { sync(); }

bool TerminalText::put_escaped(unsigned code) {
  const std::string text = fmt::format("\\u{:04x}", code);
  return target_->sputn(text.data(), static_cast<std::streamsize>(text.size())) ==
         static_cast<std::streamsize>(text.size());
}

TerminalText::int_type TerminalText::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const auto byte = static_cast<unsigned char>(traits_type::to_char_type(ch));
  bool ok = true;
  if (pending_c2_) {
    pending_c2_ = false;
    if (byte >= 0x80 && byte <= 0x9F) return put_escaped(byte) ? ch : traits_type::eof();
    ok = put('\xC2');
  }
  if (byte == 0xC2) {
    pending_c2_ = true;
  } else if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) {
    ok = ok && put_escaped(byte);
  } else {
    ok = ok && put(static_cast<char>(byte));
  }
  return ok ? ch : traits_type::eof();
}

int TerminalText::sync() {
  if (pending_c2_) {
    pending_c2_ = false;
    if (!put('\xC2')) return -1;
  }
  return target_->pubsync();
}

}  // namespace parley::cli
