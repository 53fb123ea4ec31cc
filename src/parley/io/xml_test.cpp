// XML 1.0 well-formedness before pugixml (xml.h): every file an XML tool
// refuses is refused, with where and what; what real files contain passes.
#include "parley/io/xml.h"

#include <gtest/gtest.h>

#include <string>

namespace parley::io_internal {
namespace {

// "line L, column C: message" for the first problem, or "" when well-formed.
std::string problem(std::string text) {
  std::optional<XmlError> e = make_well_formed_utf8(text);
  if (!e) return "";
  const TextPosition at = text_position(text, e->offset);
  return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " + e->message;
}

using namespace std::string_literals;

// What the attacker found pugixml accepting.
TEST(XmlWellFormed, RefusesWhatPugixmlLetsThrough) {
  EXPECT_EQ(problem("<a/>\n"s + '\0' + "junk <b/>"),
            "line 2, column 1: a NUL byte, which XML does not allow anywhere in a document; allowed: tab, line breaks "
            "and printable characters");
  EXPECT_EQ(problem("<a></a>\ntrailing words\n"),
            "line 2, column 1: text after the root element <a> has ended; only comments, processing instructions "
            "and white space may follow it");
  EXPECT_EQ(problem("<a/>\n<b/>\n"),
            "line 2, column 1: a second root element <b> after <a>; an XML document has exactly one root element");
  EXPECT_EQ(problem("<a x=\"1<2\"/>"),
            "line 1, column 8: '<' inside the value of attribute \"x\", which XML does not allow; write &lt;");
}

TEST(XmlWellFormed, RefusesEveryOtherBreakOfTheGrammar) {
  EXPECT_EQ(problem(""), "line 1, column 1: the file has no root element");
  EXPECT_EQ(problem("  <!-- only a comment -->\n"), "line 2, column 1: the file has no root element");
  EXPECT_EQ(problem("hello <a/>"),
            "line 1, column 1: text before the root element; only an XML declaration, comments, processing "
            "instructions, a document type declaration and white space may come before it");
  EXPECT_EQ(problem("<a>\n<b>\n</a>"), "line 3, column 1: the end tag </a> does not match the open element <b>");
  EXPECT_EQ(problem("<a>\n  <b>"), "line 2, column 3: element <b> is never closed (no </b>) before the end of the file");
  EXPECT_EQ(problem("<a/></a>"), "line 1, column 5: an end tag </a> with no element open (the root element <a> has ended)");
  EXPECT_EQ(problem("<a x=\"1\" x=\"2\"/>"),
            "line 1, column 10: attribute \"x\" appears twice in <a>; each attribute may appear once in a tag");
  EXPECT_EQ(problem("<a x=\"1\"y=\"2\"/>"), "line 1, column 9: expected white space, '>' or '/>' in the start tag <a>");
  EXPECT_EQ(problem("<a x/>"), "line 1, column 5: attribute \"x\" needs '=' and a quoted value");
  EXPECT_EQ(problem("<a x=1/>"), "line 1, column 6: attribute \"x\" needs a value in quotes (\"...\" or '...')");
  EXPECT_EQ(problem("<a x=\"1/>"), "line 1, column 6: the value of attribute \"x\" is never closed with \"");
  EXPECT_EQ(problem("<a>1 < 2</a>"),
            "line 1, column 6: '<' that starts no element, end tag, comment or processing instruction; write &lt; "
            "for a '<' in text");
  EXPECT_EQ(problem("<a>R & D</a>"),
            "line 1, column 6: a '&' that starts no reference; write &amp; for '&'; allowed: &amp; &lt; &gt; &quot; "
            "&apos; and numeric references such as &#233;");
  EXPECT_EQ(problem("<a x=\"&foo;\"/>"),
            "line 1, column 7: an entity reference &foo; that XML does not predefine; allowed: &amp; &lt; &gt; "
            "&quot; &apos; and numeric references such as &#233;");
  EXPECT_EQ(problem("<a>&#0;</a>"),
            "line 1, column 4: a character reference to U+0000, which XML does not allow; allowed: tab, line breaks "
            "and printable characters");
  EXPECT_EQ(problem("<a>&#x110000;</a>"),
            "line 1, column 4: a character reference to a number beyond Unicode, which XML does not allow; allowed: "
            "tab, line breaks and printable characters");
  EXPECT_EQ(problem("<a>&#xZ;</a>"),
            "line 1, column 4: a character reference must be &#DIGITS; or &#xHEX; (such as &#233; or &#xE9;)");
  EXPECT_EQ(problem("<a>x]]>y</a>"),
            "line 1, column 5: \"]]>\" in text, which XML keeps for the end of a CDATA section; write ]]&gt;");
  EXPECT_EQ(problem("<a><!-- a -- b --></a>"),
            "line 1, column 11: \"--\" inside a comment, which XML does not allow; a comment ends at the first "
            "\"--\", which must be followed by '>'");
  EXPECT_EQ(problem("<a><!-- open</a>"), "line 1, column 4: a comment that is never closed with \"-->\"");
  EXPECT_EQ(problem("<![CDATA[x]]><a/>"),
            "line 1, column 1: a CDATA section outside the root element; it may appear only in an element's content");
  EXPECT_EQ(problem("<a><![CDATA[x</a>"), "line 1, column 4: a CDATA section that is never closed with \"]]>\"");
  EXPECT_EQ(problem("<a/><!DOCTYPE a>"),
            "line 1, column 5: a document type declaration after the root element or a second one; one may come "
            "only before the root element");
  EXPECT_EQ(problem("<!DOCTYPE a [<!ELEMENT a ANY>]><a/>"),
            "line 1, column 13: a document type declaration with an internal subset ([...]); parley does not read "
            "DTD declarations, whose defaults and entities would change what the file says");
  EXPECT_EQ(problem("<!DOCTYPE n [<!ENTITY big \"0.5\">]><a/>"),
            "line 1, column 14: an entity declaration; parley does not read entity declarations; allowed: &amp; "
            "&lt; &gt; &quot; &apos; and numeric references such as &#233;");
  EXPECT_EQ(problem(" <?xml version=\"1.0\"?><a/>"),
            "line 1, column 2: an XML declaration <?xml ...?> that is not at the very start of the file (nothing, "
            "not even white space, may come before it)");
  EXPECT_EQ(problem("<?xml version=\"2.0\"?><a/>"),
            "line 1, column 7: XML version \"2.0\" is not 1.x; allowed: version=\"1.0\"");
  EXPECT_EQ(problem("<?xml encoding=\"UTF-8\"?><a/>"),
            "line 1, column 6: the XML declaration needs version=\"1.0\" first");
  EXPECT_EQ(problem("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>"),
            "line 1, column 21: the declared encoding \"Shift_JIS\" is not one parley reads; allowed: UTF-8, US-ASCII "
            "and ISO-8859-1");
  EXPECT_EQ(problem("<a>caf\xE9</a>"),
            "line 1, column 7: byte 0xE9 is not UTF-8; a file without an encoding declaration must be UTF-8 (declare "
            "encoding=\"ISO-8859-1\" in <?xml ...?> for Latin-1)");
  EXPECT_EQ(problem("\xFF\xFE<\0a\0/\0>\0"s),
            "line 1, column 1: the file is in UTF-16 or UTF-32; parley reads XML in UTF-8 (or US-ASCII or "
            "ISO-8859-1): save it as UTF-8");
  EXPECT_EQ(problem("<a>\x01</a>"),
            "line 1, column 4: the control character U+0001, which XML does not allow anywhere in a document; "
            "allowed: tab, line breaks and printable characters");
  EXPECT_EQ(problem("<1a/>"),
            "line 1, column 1: '<' that starts no element, end tag, comment or processing instruction; write &lt; "
            "for a '<' in text");
}

TEST(XmlWellFormed, AcceptsWhatXmlAllows) {
  EXPECT_EQ(problem("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>\n"
                    "<!-- R&D's <notes> -->\n<?editor keep?>\n<!DOCTYPE negotiation_template SYSTEM \"genius.dtd\">\n"
                    "<negotiation_template a='1' b=\"x &amp; y &#233; &#xE9; &lt;&gt;&quot;&apos;\" c = \"'\" >\n"
                    "\t<utility_space>text with > and ]] and \xE2\x80\x99</utility_space><empty/>\r\n"
                    "<![CDATA[ <not> & markup ]]><a.b-c_d:e\xC3\xA9/>\n"
                    "</negotiation_template >\n<!-- after --> \n"),
            "");
  // Latin-1 is converted to UTF-8 when declared.
  std::string latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><a x='caf\xE9'/>";
  EXPECT_FALSE(make_well_formed_utf8(latin1));
  EXPECT_EQ(latin1, "<?xml version='1.0' encoding='ISO-8859-1'?><a x='caf\xC3\xA9'/>");
  // The byte order mark is dropped, so offsets count from the declaration.
  std::string bom = "\xEF\xBB\xBF<a/>";
  EXPECT_FALSE(make_well_formed_utf8(bom));
  EXPECT_EQ(bom, "<a/>");
}

// Nesting costs a stack entry, not recursion: a million levels are checked.
TEST(XmlWellFormed, DeepNestingIsCheckedWithoutRecursion) {
  std::string deep;
  for (int k = 0; k < 1'000'000; ++k) deep += "<a>";
  for (int k = 0; k < 1'000'000; ++k) deep += "</a>";
  EXPECT_EQ(problem(deep), "");
  deep.pop_back();
  EXPECT_EQ(problem(deep), "line 1, column 7000000: the end tag </a must end with '>'");
}

TEST(XmlWellFormed, PositionsCountCharactersNotBytes) {
  const std::string text = "ab\n\xC3\xA9\xE2\x80\x99x";
  EXPECT_EQ(text_position(text, 0).line, 1u);
  EXPECT_EQ(text_position(text, 3).line, 2u);
  EXPECT_EQ(text_position(text, 3).column, 1u);
  EXPECT_EQ(text_position(text, 8).column, 3u);  // after é and ’: the x
  EXPECT_EQ(text_position(text, 99).column, 4u);
}

}  // namespace
}  // namespace parley::io_internal
