// What the commands print passes through this filter on its way to the
// terminal: names, titles and descriptions come from the user's files, and a
// control character in them (an escape sequence, a bell, a carriage return)
// would act on the terminal instead of being read. Each is shown as \u00XX,
// the way error messages show them; newlines and tabs pass.
//
//   TerminalText filtered(std::cout.rdbuf());
//   std::ostream out(&filtered);
//   out << scenario.title << '\n';   // "evil\u001b[31m" prints as text
#pragma once

#include <streambuf>

namespace parley::cli {

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
  bool put_escaped(unsigned code);
  bool put(char c) { return target_->sputc(c) != traits_type::eof(); }

  std::streambuf* target_;
  // A UTF-8 lead byte 0xC2 held back: with 0x80-0x9F after it, it is a C1
  // control character (0x9B is a one-byte escape sequence introducer).
  bool pending_c2_ = false;
};

}  // namespace parley::cli
