// `parley report` through the binary (docs/cli.md, "Money, debts, reports"):
// on every bundled example the page is well-formed, has every section, runs
// no script, names no URL, names the parties, and the package's numbers are
// the facade's; bad flags and files are refused with the contract's codes.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parley/parley.h"
#include "parley/core/text.h"
#include "parley/render/report_html.h"
#include "test_support.h"

namespace parley {
namespace {

std::string example(const std::string& name) { return test::source_dir() + "/examples/" + name; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

struct Page {
  std::string html;
  pugi::xml_document doc;
};

// Runs `parley report ARGS -o OUT` and reads the page, checking what every
// page must satisfy.
void report(const std::string& args, const std::string& out, Page& page) {
  test::CommandResult r = test::run_binary("report " + args + " -o '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("Wrote " + out + ": the report on "), std::string::npos) << r.out;
  page.html = test::read_text(out);
  // Valid: XHTML-compatible, so an XML parser reads all of it.
  const pugi::xml_parse_result parsed = page.doc.load_string(page.html.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << " at offset " << parsed.offset;
  EXPECT_EQ(page.html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  for (const std::string& id : render::report_sections()) {
    EXPECT_TRUE(page.doc.select_node(("//section[@id='" + id + "']").c_str())) << "no section " << id;
  }
  // Nothing to run, nothing to fetch.
  const std::string text = lower(page.html);
  EXPECT_EQ(text.find("<script"), std::string::npos);
  EXPECT_EQ(text.find("http:"), std::string::npos);
  EXPECT_EQ(text.find("https:"), std::string::npos);
  EXPECT_EQ(text.find("//"), std::string::npos);
  EXPECT_EQ(text.find(" src="), std::string::npos);
  EXPECT_EQ(text.find("@import"), std::string::npos);
  EXPECT_EQ(text.find("url(http"), std::string::npos);
}

// The exact utilities in the package section's table, column `column`, per party id.
std::vector<std::string> utilities_in(const Page& page, int column) {
  std::vector<std::string> out;
  const std::string xpath =
      "//section[@id='package']//table[contains(@class,'r-utilities')]//td[@data-column='" + std::to_string(column) + "']";
  for (const pugi::xpath_node& n : page.doc.select_nodes(xpath.c_str())) {
    out.push_back(n.node().attribute("data-exact").value());
  }
  return out;
}

std::vector<std::string> exact(const std::vector<Rational>& values) {
  std::vector<std::string> out;
  for (const Rational& r : values) out.push_back(r.str());
  return out;
}

class ReportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_path("parley_report_cli");
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string out(const std::string& name) const { return dir_ + "/" + name; }
  std::string dir_;
};

// One example: the page and the facade's package agree. One test each, so
// that each stays well inside the suite's time-out under the sanitizers.
void check_example(const std::string& name, Method method, const std::string& page_path) {
  SCOPED_TRACE(name);
  const std::string path = example(name);
  const Scenario s = test::load_scenario(path);
  Page page;
  report(path + " --method " + std::string(method_name(method)), page_path, page);
  if (::testing::Test::HasFatalFailure()) return;
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    EXPECT_NE(page.html.find(xml_escape(render::party_name(s, static_cast<int>(p)))), std::string::npos);
  }
  Result<SolveResponse> solved = solve(s, {.method = method});
  ASSERT_TRUE(solved);
  ASSERT_TRUE(solved.value().outcome);
  EXPECT_EQ(utilities_in(page, 0), exact(solved.value().evaluation.utilities));
  EXPECT_TRUE(utilities_in(page, 1).empty());
}

TEST_F(ReportCli, TheExamplesAreTheseSix) {
  std::vector<std::string> scenarios;
  for (const std::string& path : test::files_in(test::source_dir() + "/examples", ".json")) {
    // Outcome and ranking files, not scenarios.
    if (path.find("ceasefire-") != std::string::npos || path.find("-proposal.json") != std::string::npos) continue;
    scenarios.push_back(std::filesystem::path(path).filename().string());
  }
  EXPECT_EQ(scenarios, (std::vector<std::string>{"ceasefire.json", "divorce-money.json", "divorce.json",
                                                 "inheritance.json", "river-valley-inline.json", "river-valley.json"}));
}
TEST_F(ReportCli, ExampleCeasefire) { check_example("ceasefire.json", Method::nash, out("page.html")); }
TEST_F(ReportCli, ExampleDivorce) { check_example("divorce.json", Method::nash, out("page.html")); }
TEST_F(ReportCli, ExampleDivorceMoney) { check_example("divorce-money.json", Method::knaster, out("page.html")); }
// The four heirs' Nash package takes the package optimiser 20 s and more
// (minutes under the sanitizers): round robin answers in well under one.
TEST_F(ReportCli, ExampleInheritance) { check_example("inheritance.json", Method::round_robin, out("page.html")); }
TEST_F(ReportCli, ExampleRiverValley) { check_example("river-valley.json", Method::nash, out("page.html")); }
TEST_F(ReportCli, ExampleRiverValleyInline) { check_example("river-valley-inline.json", Method::nash, out("page.html")); }

TEST_F(ReportCli, CeasefireSaysItInWords) {
  Page page;
  report("examples/ceasefire.json", out("c.html"), page);
  if (HasFatalFailure()) return;
  const std::string& h = page.html;
  // The package: Nash, U_a = 7/10, U_b = 83/125 (tests/examples_test.cpp).
  EXPECT_EQ(utilities_in(page, 0), (std::vector<std::string>{"7/10", "83/125"}));
  for (const char* sentence : {
           "Nash bargaining solution: proved best under this method.",
           "Under this package Party A 70.0% and Party B 66.4% of the best each could have; both gain over no deal.",
           "<li class=\"r-party\"><span class=\"r-swatch\" style=\"background:#4e79a7\"></span><strong>Party A</strong>: "
           "walks away from any package worth less than 45.0% (45 of 100 points) to them.</li>",
           "Party A accepts no package unless Region 5 (west, north) is held by Party A.",
           "Party B accepts no package unless Length of the initial ceasefire is at least 30 days.",
           "If Ceasefire monitoring is none, then Length of the initial ceasefire is at most 30 days.",
           "Always: Not (Rearmament permitted during the pause is unrestricted and Length of the initial ceasefire is at "
           "least 60 days).",
           "Party A holds at most 3 of Region 1 (north), Region 2 (centre), Region 3 (south) and Region 4 (coast).",
           "The status quo with the agreed terms is worth Party A 67.0% (67 of 100 points) and Party B 51.0% (51 of "
           "100 points).",
           "Neither Party A nor Party B would rather have the other&apos;s share.",
           "Party B gets 71.7% of what all the goods are worth to them, Party A 66.7%.",
           "The Pareto frontier: the 76 packages that every party accepts",
           "<td class=\"r-num\">2,500</td><td>soldiers killed</td>",
           "The zone of agreement closes after 19 weeks",
           "would Nash bargaining solution still recommend the same package?",
           "<th class=\"r-num\">same package from</th>",
           "random draws the same package came out in",
       }) {
    EXPECT_NE(h.find(sentence), std::string::npos) << sentence;
  }
  // The map and the frontier plot, inline.
  EXPECT_TRUE(page.doc.select_node("//section[@id='map']//figure/svg"));
  EXPECT_TRUE(page.doc.select_node("//section[@id='frontier']//figure/svg//g[@data-kind='status-quo']"));
  EXPECT_TRUE(page.doc.select_node("//section[@id='frontier']//figure/svg//g[@data-kind='solution'][contains(@data-label,'Nash')]"));
  // Every frontier point in the table, numbered as the dots.
  EXPECT_EQ(page.doc.select_nodes("//table[contains(@class,'r-frontier')]//tr[@data-number]").size(), 76u);
  EXPECT_EQ(page.doc.select_nodes("//section[@id='frontier']//svg//circle[@class='point']").size(), 76u);
}

TEST_F(ReportCli, CeasefireProposalBesideTheNashPackage) {
  Page page;
  report("examples/ceasefire.json --outcome examples/ceasefire-proposal.json", out("p.html"), page);
  if (HasFatalFailure()) return;
  const Scenario s = test::load_scenario(example("ceasefire.json"));
  const Outcome proposal = read_outcome_file(example("ceasefire-proposal.json"), s).value();
  Result<EvaluateResponse> evaluated = evaluate(s, proposal, {});
  Result<SolveResponse> solved = solve(s, {.method = Method::nash});
  ASSERT_TRUE(evaluated && solved);
  EXPECT_EQ(utilities_in(page, 0), exact(evaluated.value().evaluation.utilities));
  EXPECT_EQ(utilities_in(page, 1), exact(solved.value().evaluation.utilities));
  const std::string& h = page.html;
  EXPECT_NE(h.find("This report is about the proposal ceasefire-proposal; the package Nash bargaining solution "
                   "recommends stands beside it for comparison."),
            std::string::npos);
  EXPECT_NE(h.find("<th>issue</th><th>the proposal</th><th>the package</th><th>status quo</th>"), std::string::npos);
  EXPECT_NE(h.find("Every agreed term, rule and red line holds (12 checks)."), std::string::npos);
  EXPECT_TRUE(page.doc.select_node("//section[@id='frontier']//svg//g[@data-kind='proposal'][@data-label='ceasefire-proposal']"));
}

TEST_F(ReportCli, DivorceAndInheritanceInTheirOwnPoints) {
  Page divorce;
  report("examples/divorce.json", out("d.html"), divorce);
  if (HasFatalFailure()) return;
  for (const char* sentence : {
           "Under this package Alex 55.0% and Sam 69.0% of the best each could have; both gain over no deal.",
           "data-exact=\"11/20\">55.0%<br/><span class=\"r-note\">55 of 100 points</span></td>",
           "<td>Joint savings account</td><td>Sam 100.0%</td>",
           "<th class=\"r-num\">the package</th><th class=\"r-num\">no deal</th><th class=\"r-num\">gain</th>",
           "Neither Alex nor Sam would rather have the other&apos;s share.",
           "No rules link the issues.",
           "No party has stated a red line.",
           "The scenario has no regions, so there is no map to draw.",
           "The scenario gives no cost of delay",
       }) {
    EXPECT_NE(divorce.html.find(sentence), std::string::npos) << sentence;
  }
  // 414 efficient packages: an even sample of them, the Nash point among them.
  EXPECT_NE(divorce.html.find("of the 414 are listed, evenly spread and with every marked one"), std::string::npos);
  EXPECT_TRUE(divorce.doc.select_node("//table[contains(@class,'r-frontier')]//tr[@data-number='274']"));

  Page inheritance;
  report("examples/inheritance.json --method round-robin", out("i.html"), inheritance);
  if (HasFatalFailure()) return;
  const std::string& h = inheritance.html;
  EXPECT_NE(h.find("Round robin: the procedure&apos;s result"), std::string::npos);
  EXPECT_NE(h.find("goes whole to Ana, Ben, Chloe or Dan, or is held jointly"), std::string::npos);
  EXPECT_NE(h.find("Each party gets at least 1/4 of what all the goods are worth to them."), std::string::npos);
  EXPECT_NE(h.find("The efficient packages cannot be listed for this scenario"), std::string::npos);
  EXPECT_NE(h.find("How firm the answer is can be worked out for the solution concepts (nash, ks, egalitarian, "
                   "utilitarian, mnw, leximin), not for Round robin."),
            std::string::npos);
}

TEST_F(ReportCli, BadFlagsAndFiles) {
  // Missing -o and an unknown method are bad flags: exit 1 (docs/cli.md).
  test::CommandResult missing = test::run_binary("report examples/ceasefire.json");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("--output is required"), std::string::npos) << missing.err;
  test::CommandResult method = test::run_binary("report examples/ceasefire.json --method bogus -o '" + out("x.html") + "'");
  EXPECT_EQ(method.exit_code, 1);
  EXPECT_NE(method.err.find("--method: no method 'bogus'; the methods are nash, ks, egalitarian"), std::string::npos)
      << method.err;
  EXPECT_FALSE(std::filesystem::exists(out("x.html")));
  // An outcome file that is not an outcome of the scenario is invalid input: exit 2, one line a problem.
  const std::string bad = out("bad-outcome.json");
  std::ofstream(bad) << R"({"ceasefire_days": 31, "monitoring": "un_mission"})";
  test::CommandResult outcome = test::run_binary("report examples/ceasefire.json --outcome '" + bad + "' -o '" + out("y.html") + "'");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find(bad + ": /ceasefire_days: "), std::string::npos) << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(out("y.html")));
  // A missing outcome file cannot be read: exit 1.
  test::CommandResult absent =
      test::run_binary("report examples/ceasefire.json --outcome /nonexistent/o.json -o '" + out("z.html") + "'");
  EXPECT_EQ(absent.exit_code, 1);
  EXPECT_NE(absent.err.find("/nonexistent/o.json"), std::string::npos) << absent.err;
  // Writing over the scenario read is refused.
  test::CommandResult over = test::run_binary("report examples/ceasefire.json -o examples/ceasefire.json");
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_NE(test::read_text(example("ceasefire.json")).find("\"parley\": 1"), std::string::npos);
}

TEST_F(ReportCli, JsonSaysWhatWasWritten) {
  test::CommandResult r = test::run_binary("report examples/divorce.json --json -o '" + out("j.html") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json::Value written = test::parsed(r.out);
  EXPECT_EQ(test::compact(&written),
            "{\"output\":\"" + out("j.html") +
                "\",\"method\":\"nash\",\"status\":\"optimal\",\"sections\":[\"scenario\",\"package\",\"map\","
                "\"frontier\",\"fairness\",\"sensitivity\",\"delay\"]}");
}

}  // namespace
}  // namespace parley
