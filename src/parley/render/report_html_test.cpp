// The HTML report's page (render/report_html.h) on scenarios built for the
// purpose: every scenario string escaped, the page well-formed XML, and
// conditions of any depth put in words without recursion.
#include "parley/render/report_html.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>

#include "parley/io/scenario_reader.h"

namespace parley::render {
namespace {

// A scenario whose every name tries to break out of the page.
constexpr const char* kHostile = R"({
  "parley": 1,
  "title": "Tom & Jerry <script>alert(1)</script>",
  "description": "A \"quoted\" description with <b>tags</b> & ampersands, and 'single quotes'.",
  "parties": [{"id": "t", "name": "Tom <script>x</script> & Co"}, {"id": "j", "name": "Jerry's \"firm\""}],
  "issues": [
    {"id": "cheese", "kind": "item", "name": "Cheese <img src=x onerror=alert(1)>"},
    {"id": "rule", "kind": "choice", "name": "Who <i>rules</i>", "options": ["cat_&_mouse", "<none>"]}
  ],
  "preferences": {
    "t": {"weights": {"cheese": 3, "rule": 1}, "values": {"rule": {"cat_&_mouse": 1, "<none>": 0}},
          "red_lines": [{"issue": "rule", "in": ["cat_&_mouse"]}]},
    "j": {"weights": {"cheese": 1, "rule": 1}, "values": {"rule": {"cat_&_mouse": 0, "<none>": 1}}}
  }
})";

Scenario hostile() {
  Result<Scenario> s = read_scenario_text(kHostile, "hostile.json");
  EXPECT_TRUE(s) << (s ? "" : s.failure().diagnostics.front().message);
  return s.value();
}

TEST(ReportHtml, EscapesEveryScenarioString) {
  const Scenario s = hostile();
  Result<ReportData> d = gather_report(s, {.method = Method::nash});
  ASSERT_TRUE(d);
  const std::string html = report_html(s, d.value(), {.source = "hostile <&>.json"});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>tags"), std::string::npos);
  EXPECT_NE(html.find("Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Tom &lt;script&gt;x&lt;/script&gt; &amp; Co"), std::string::npos);
  EXPECT_NE(html.find("Jerry&apos;s &quot;firm&quot;"), std::string::npos);
  EXPECT_NE(html.find("Cheese &lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("hostile &lt;&amp;&gt;.json"), std::string::npos);
  // The red line, in words, with the option's underscores as spaces.
  EXPECT_NE(html.find("Tom &lt;script&gt;x&lt;/script&gt; &amp; Co accepts no package unless Who &lt;i&gt;rules&lt;/i&gt; "
                      "is cat &amp; mouse."),
            std::string::npos);
  // Well-formed: an XML parser reads the whole page, and the text comes back.
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(html.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << " at " << parsed.offset;
  EXPECT_STREQ(doc.child("html").child("head").child("title").text().get(),
               "Report: Tom & Jerry <script>alert(1)</script>");
}

TEST(ReportHtml, DeepConditionsAreWordedWithoutRecursion) {
  Scenario s = hostile();
  // A red line nested 10,000 negations deep. Deeper would test the model
  // rather than the report: Condition's own destructor recurses once a level,
  // and under AddressSanitizer's larger frames that is what would overflow.
  Condition c = s.preferences[0]->red_lines[0];
  constexpr int kDepth = 10'000;
  for (int k = 0; k < kDepth; ++k) {
    Condition wrapped;
    wrapped.kind = Condition::Kind::negation;
    wrapped.children.push_back(std::move(c));
    c = std::move(wrapped);
  }
  s.preferences[0]->red_lines[0] = std::move(c);
  const std::string html = report_html(s, ReportData{}, {.source = "deep.json"});
  EXPECT_NE(html.find("accepts no package unless not (not (not ("), std::string::npos);
  EXPECT_NE(html.find("is cat &amp; mouse" + std::string(kDepth, ')')), std::string::npos);
  // The wrapper (pugixml, itself recursive) is not asked to parse this one.
  // Without a package every section still says why it is empty.
  for (const std::string& id : report_sections()) {
    EXPECT_NE(html.find("<section id=\"" + id + "\">"), std::string::npos) << id;
  }
  // Nested conditions inside a negation get one pair of parentheses.
  Scenario t = hostile();
  Condition both;
  both.kind = Condition::Kind::all;
  both.children = {t.preferences[0]->red_lines[0], t.preferences[0]->red_lines[0]};
  Condition negated;
  negated.kind = Condition::Kind::negation;
  negated.children.push_back(both);
  Condition either;
  either.kind = Condition::Kind::any;
  either.children = {negated, both};
  t.preferences[0]->red_lines[0] = either;
  const std::string nested = report_html(t, ReportData{}, {.source = "nested.json"});
  EXPECT_NE(nested.find("unless not (Who &lt;i&gt;rules&lt;/i&gt; is cat &amp; mouse and Who &lt;i&gt;rules&lt;/i&gt; "
                        "is cat &amp; mouse) or (Who &lt;i&gt;rules&lt;/i&gt; is cat &amp; mouse and Who "
                        "&lt;i&gt;rules&lt;/i&gt; is cat &amp; mouse)."),
            std::string::npos);
}

TEST(ReportHtml, TheSameInputGivesTheSameBytes) {
  const Scenario s = hostile();
  Result<ReportData> a = gather_report(s, {.method = Method::nash});
  Result<ReportData> b = gather_report(s, {.method = Method::nash});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(report_html(s, a.value(), {.source = "x.json"}), report_html(s, b.value(), {.source = "x.json"}));
}

}  // namespace
}  // namespace parley::render
