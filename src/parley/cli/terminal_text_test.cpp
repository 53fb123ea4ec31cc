#include "parley/cli/terminal_text.h"

#include <gtest/gtest.h>

#include <ostream>
#include <sstream>
#include <string>

namespace parley::cli {
namespace {

std::string filtered(const std::string& text) {
  std::ostringstream sink;
  {
    TerminalText filter(sink.rdbuf());
    std::ostream out(&filter);
    out << text;
  }
  return sink.str();
}

// A party named with U+202E (right-to-left override) would turn the rest of
// the line around on screen: "alex gets the house, sam the car" could read
// as if the other party got the house. Every bidirectional control and
// invisible character is shown as its code.
TEST(TerminalText, BidiControlsAndInvisibleCharactersAreShownAsCodes) {
  EXPECT_EQ(filtered("al\u202Eex gets the house"), "al\\u202eex gets the house");
  EXPECT_EQ(filtered("\u202A\u202B\u202C\u202D"), "\\u202a\\u202b\\u202c\\u202d");
  EXPECT_EQ(filtered("\u2066\u2067\u2068\u2069"), "\\u2066\\u2067\\u2068\\u2069");
  EXPECT_EQ(filtered("a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff"), "a\\u200bb\\u200cc\\u200dd\\u200ee\\u200ff");
  EXPECT_EQ(filtered("line\u2028para\u2029end"), "line\\u2028para\\u2029end");
  EXPECT_EQ(filtered("\uFEFFbom"), "\\ufeffbom");
  EXPECT_EQ(filtered("\u061Cmark"), "\\u061cmark");
  EXPECT_EQ(filtered("word\u2060joiner"), "word\\u2060joiner");
}

TEST(TerminalText, ControlCharactersAreShownAsCodes) {
  EXPECT_EQ(filtered("a\x1b[31mb\x07\r\x7f"), "a\\u001b[31mb\\u0007\\u000d\\u007f");
  EXPECT_EQ(filtered("c1 \xC2\x9B" "31m \xC2\x85"), "c1 \\u009b31m \\u0085");
  EXPECT_EQ(filtered("tab\tand\nnewline"), "tab\tand\nnewline");
}

// Ordinary text in any script passes byte for byte, including the
// characters next to the escaped ranges (U+200A hair space, U+2030 per mille,
// U+061B Arabic semicolon, U+FEFE) and four-byte characters.
TEST(TerminalText, OrdinaryTextInAnyScriptPassesUnchanged) {
  for (const std::string text :
       {"Caf\u00e9 cr\u00e8me, Z\u00fcrich", "\u041c\u0430\u0448\u0430 \u0438 \u041f\u0451\u0442\u0440",
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645\u061b", "\u4e2d\u6587 \u65e5\u672c\u8a9e \ud55c\uad6d\uc5b4",
        "\u200A\u2030\u2065\u206A\uFEFE\u00A0", "\U0001F600 \U00010348", "plain ASCII 0.25 + 1/3"}) {
    EXPECT_EQ(filtered(text), text);
  }
}

// A sequence cut short (by the end of the text or by another character) is
// passed on as it is; the character after it is still judged on its own.
TEST(TerminalText, BrokenSequencesPassAndDoNotHideWhatFollows) {
  EXPECT_EQ(filtered("\xE2\x80"), "\xE2\x80");
  EXPECT_EQ(filtered("\xE2\x80" "a\x1b"), "\xE2\x80" "a\\u001b");
  EXPECT_EQ(filtered("\xE2\xE2\x80\xAE"), "\xE2\\u202e");
  EXPECT_EQ(filtered("\x80\xFF"), "\x80\xFF");
}

}  // namespace
}  // namespace parley::cli
