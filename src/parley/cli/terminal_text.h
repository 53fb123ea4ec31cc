// What the commands print passes through this filter on its way to the
// terminal: names, titles and descriptions come from the user's files, and
// some characters in them would act on the terminal or on how it lays the
// line out instead of being read:
//   - control characters (an escape sequence, a bell, a carriage return; C1's
//     one-character escape introducer U+009B);
//   - bidirectional controls and invisible characters (U+202E turns the rest
//     of the line around, so "alex gets the house" can read as if another
//     party got it; a zero-width space hides inside a name).
// Each is shown as \uXXXX, the way error messages show control characters;
// newlines and tabs pass, and so does every other character (accents,
// Cyrillic, Arabic, CJK). Inside a JSON string \uXXXX is the same character,
// so --json output stays valid and means the same.
//
//   TerminalText filtered(std::cout.rdbuf());
//   std::ostream out(&filtered);
//   out << scenario.title << '\n';   // "evil\u001b[31m" prints as text
#pragma once

#include <array>
#include <streambuf>

namespace parley::cli {

// True for the characters TerminalText shows as \uXXXX.
bool hidden_from_terminal(char32_t code);

class TerminalText : public std::streambuf {
 public:
  explicit TerminalText(std::streambuf* target) : target_(target) {}
  ~TerminalText() override;
  TerminalText(const TerminalText&) = delete;
  TerminalText& operator=(const TerminalText&) = delete;

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool put_escaped(char32_t code);
  bool put(char c) { return target_->sputc(c) != traits_type::eof(); }
  bool put_byte(unsigned char byte);
  bool flush_pending();

  std::streambuf* target_;
  // The bytes of a UTF-8 sequence held back until it is complete, when its
  // character is known: shown as it is, or escaped.
  std::array<unsigned char, 4> pending_{};
  int have_ = 0;
  int need_ = 0;
};

}  // namespace parley::cli
