// The `parley` executable's contract (docs/cli.md): exit codes, JSON keys,
// and the one-problem-per-line error format.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

struct ProcessRun {
  int code = -1;
  std::string out;
  std::string err;
};

ProcessRun parley(const std::string& args) {
  test::CommandResult r = test::run_binary(args);
  return {r.exit_code, r.out, r.err};
}

json::Value parse_json(const std::string& text) {
  auto v = json::parse(text, "stdout");
  EXPECT_TRUE(v) << text;
  return v ? v.value() : json::Value();
}

TEST(Cli, ValidateJsonSummary) {
  ProcessRun r = parley("validate examples/ceasefire.json --json");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "");
  json::Value v = parse_json(r.out);
  EXPECT_EQ(v.find("valid")->as_bool(), true);
  EXPECT_EQ(v.find("parties")->text(), "2");
  EXPECT_EQ(v.find("issues")->text(), "16");
  EXPECT_EQ(v.find("outcomes")->text(), "2.2e7");
  EXPECT_EQ(v.find("outcomes_exact")->text(), "21676032");
}

TEST(Cli, InvalidInputExitsTwoWithOneLinePerProblem) {
  auto dir = std::filesystem::path(test::temp_path("parley_cli_test_bad"));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "bad.json").string();
  std::ofstream(path) << R"({"parley": 1, "parties": [{"id": "a"}], "issues": [{"id": "x", "kind": "itme"}], "extra": 1})";
  ProcessRun r = parley("validate " + path);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path + ": /extra: unknown key \"extra\" in a scenario; allowed keys: parley, title, description, "
                          "period, parties, issues, map, status_quo, agreed, rules, preferences, dynamics, ... (13 in all)\n" +
                   path + ": /parties: needs at least 2 parties, found 1\n" + path +
                   ": /issues/0/kind: unknown issue kind \"itme\"; did you mean \"item\"? Kinds: item, region, share, "
                   "choice, number\n");
  ProcessRun j = parley("validate " + path + " --json");
  EXPECT_EQ(j.code, 2);
  json::Value v = parse_json(j.out);
  EXPECT_EQ(v.find("valid")->as_bool(), false);
  ASSERT_EQ(v.find("errors")->items().size(), 3u);
  EXPECT_EQ(v.find("errors")->items()[1].find("pointer")->text(), "/parties");
  std::filesystem::remove_all(dir);
}

TEST(Cli, ControlCharactersInKeysStayOnOneLine) {
  auto dir = std::filesystem::path(test::temp_path("parley_cli_test_nl"));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "nl.json").string();
  std::ofstream(path) << R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}], "issues": [{"id": "x", "kind": "item"}], "a\nb": 1})";
  ProcessRun r = parley("validate " + path);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, path + ": /a\\u000ab: unknown key \"a\\nb\" in a scenario; allowed keys: parley, title, description, "
                          "period, parties, issues, map, status_quo, agreed, rules, preferences, dynamics, ... (13 in all)\n");
  std::filesystem::remove_all(dir);
}

TEST(Cli, CannotRunExitsOne) {
  EXPECT_EQ(parley("validate /nonexistent/file.json").code, 1);
  EXPECT_EQ(parley("validate").code, 1);
  EXPECT_EQ(parley("validate examples/ceasefire.json --no-such-flag").code, 1);
  EXPECT_EQ(parley("frobnicate").code, 1);
  EXPECT_EQ(parley("evaluate examples/ceasefire.json").code, 1);  // --outcome is required
  EXPECT_EQ(parley("evaluate examples/ceasefire.json --outcome /nonexistent.json").code, 1);
  EXPECT_EQ(parley("validate examples/ceasefire.json --time-limit -1").code, 1);
  EXPECT_EQ(parley("--help").code, 0);
}

TEST(Cli, DirectoryIsUnreadableAndExitsOne) {
  ProcessRun r = parley("validate examples");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  // One line: the path, the empty pointer of the whole document, the reason.
  EXPECT_EQ(r.err, "examples: : is a directory, not a file\n");
}

TEST(Cli, EvaluateNeverShowsANonzeroValueAsZero) {
  // a values y, which b gets, 99999 times as much as x, which it gets: its
  // utility is 1/100000, and 1/1000 % of what the goods are worth to it.
  // b's reservation is 1/50000 and its utility 0. Rounded to 4 places (to 1
  // for percentages) these would all read 0; they get the decimals it takes
  // to show their first digit (and b's 0% the same decimals as a's, beside
  // it); exact zeros still print as 0, and values that round to something
  // else print as before.
  auto dir = std::filesystem::temp_directory_path() / ("parley_cli_test_tiny_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string scenario = (dir / "tiny.json").string();
  std::string outcome = (dir / "tiny-outcome.json").string();
  std::ofstream(scenario) << R"({"parley": 1, "parties": [{"id": "a"}, {"id": "b"}],
    "issues": [{"id": "x", "kind": "item"}, {"id": "y", "kind": "item"}],
    "preferences": {"a": {"weights": {"x": 1, "y": 99999}},
                    "b": {"weights": {"x": 1}, "reservation": 0.00002}}})";
  std::ofstream(outcome) << R"({"x": "a", "y": "b"})";
  ProcessRun r = parley("evaluate " + scenario + " --outcome " + outcome);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Outcome " + outcome + " in " + scenario + "\n\n"
                   "  party  utility  reservation  gain\n"
                   "  a      0.00001  0.0000       +0.00001  acceptable\n"
                   "  b      0.0000   0.00002      -0.00002  below reservation\n"
                   "  individually rational: no\n"
                   "\n"
                   "Constraints (agreed terms, rules, red lines): none\n"
                   "\n"
                   "Pareto optimal: no\n"
                   "  Both parties gain if x goes to b instead of a and y goes to a instead of b: a +1.0000, b +1.0000.\n"
                   "  Changing the fewest issues (1): a gains and no party loses if y goes to a instead of b: a +1.0000, "
                   "b +0.0000.\n"
                   "\n"
                   "Fairness of the goods part (items, regions, shares):\n"
                   "  envy-free     no   every party values their own bundle at least as much as anyone else's\n"
                   "                     but b envies a's bundle by 1.0000; taking x from a would end that\n"
                   "  EF1           yes  envy-free up to one item: any envy ends when one item is taken from the "
                   "envied bundle\n"
                   "  EFX           yes  envy-free up to any item: any envy ends when any one item the envious party "
                   "values is taken from the envied bundle\n"
                   "  proportional  no   every party gets at least 1/2 of what all the goods together are worth to "
                   "them\n"
                   "                     but b gets 0.0% of what all the goods are worth to them, below their fair "
                   "share of 50.0%\n"
                   "  equitable     no   every party gets the same share of what all the goods are worth to them\n"
                   "                     but a gets 0.001% of what all the goods are worth to them, b 0.000%\n"
                   "  MMS           yes  every party gets at least their maximin share (MMS: the most a party could "
                   "be sure of by dividing the goods into 2 bundles and taking the one worth least to them)\n"
                   "\n"
                   "Maximin shares (items whole, shares on their step grid):\n"
                   "  party  maximin share  own bundle  bundle / share\n"
                   "  a      0.00001        0.00001     100.0%\n"
                   "  b      0.0000         0.0000      -\n");
  std::filesystem::remove_all(dir);
}

// a values x 5000, y 4999 and z 1 and gets y: 4999/5000 of their maximin
// share (which is 1/2: x alone against y and z). Rounded to one decimal that
// was "MMS no ... 100.0%"; a failing fraction gets the decimals it takes to
// read below 100%, and so does a value below the fair share it is compared with.
TEST(Cli, AFailingFractionNeverReadsAsMeetingItsThreshold) {
  ProcessRun r = parley("evaluate tests/scenarios/mms-near-miss.json --outcome tests/scenarios/mms-near-miss-outcome.json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\n                     but a gets 99.98% of their maximin share 0.5000\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  a      0.5000         0.4999      99.98%\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("but a gets 49.99% of what all the goods are worth to them, below their fair share of 50.00%\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("100.0%"), std::string::npos) << r.out;
}

// A missing file said only "cannot open the file", and --json dropped which.
TEST(Cli, AMissingFileSaysWhyAndWhichInBothForms) {
  ProcessRun r = parley("solve examples/no-such.json --json");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "examples/no-such.json: : cannot open the file: no such file\n");
  json::Value v = parse_json(r.out);
  EXPECT_EQ(v.find("status")->text(), "error");
  ASSERT_NE(v.find("file"), nullptr) << r.out;
  EXPECT_EQ(v.find("file")->text(), "examples/no-such.json");
  EXPECT_EQ(v.find("message")->text(), "cannot open the file: no such file");
  // validate's own form keeps the file too.
  ProcessRun validate = parley("validate examples/no-such.json --json");
  EXPECT_EQ(parse_json(validate.out).find("file")->text(), "examples/no-such.json");
}

// --time-limit 1e-320 (positive, but only a subnormal double) was refused as
// "not 1e-320"; every refusal now says what is allowed.
TEST(Cli, TimeLimitRefusalsSayWhatIsAllowed) {
  EXPECT_EQ(parley("validate examples/divorce.json --time-limit 1e-320").code, 0);
  const std::string allowed = "--time-limit: takes a number of seconds greater than 0, such as 0.5 or 30";
  for (const auto& [arg, why] : std::vector<std::pair<std::string, std::string>>{
           {"0", ", not 0"}, {"-1", ", not -1"}, {"5abc", " (\"5abc\" is not a number)"},
           {"nan", " (\"nan\" is not a number)"}, {"1e400", " (1e400 is too large)"}, {"inf", " (inf is too large)"}}) {
    ProcessRun r = parley("validate examples/divorce.json --time-limit " + arg);
    EXPECT_EQ(r.code, 1) << arg;
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')), allowed + why) << arg;
  }
}

TEST(Cli, CommonFlagsAreAcceptedEverywhere) {
  ProcessRun r = parley("validate examples/divorce.json --quiet --time-limit 5");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(parley("evaluate examples/divorce.json --outcome tests/golden/divorce-outcome.json --quiet --time-limit 1").code, 0);
}

TEST(Cli, EvaluateJsonKeys) {
  ProcessRun r = parley("evaluate examples/ceasefire.json --outcome examples/ceasefire-proposal.json --json");
  EXPECT_EQ(r.code, 0);
  json::Value v = parse_json(r.out);
  for (const char* key : {"utilities", "gains", "properties", "witnesses"}) EXPECT_TRUE(v.find(key)) << key;
  EXPECT_EQ(v.find("utilities")->find("a")->text(), "0.7");
  EXPECT_EQ(v.find("utilities_exact")->find("b")->text(), "83/125");
  EXPECT_EQ(v.find("properties")->find("individually_rational")->as_bool(), true);
  EXPECT_EQ(v.find("properties")->find("envy_free")->as_bool(), true);
}

TEST(Cli, InvalidOutcomeExitsTwo) {
  ProcessRun r = parley("evaluate examples/ceasefire.json --outcome examples/divorce.json");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("examples/divorce.json: /parley: unknown issue \"parley\""), std::string::npos) << r.err;
}

// Every command that writes a file (solve --svg, frontier --svg, render -o,
// import -o) writes it the one way (core/files.h): a device is written in
// place and stays a device, a link stays a link, a directory is refused with
// the reason, and an input is never overwritten.
TEST(Cli, NoCommandReplacesANonRegularOutputPath) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("parley-outputs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string genius = "import genius ../shared/data/genius/Jobs/Jobs.xml ../shared/data/genius/Jobs/Jobs_util1.xml "
                             "../shared/data/genius/Jobs/Jobs_util2.xml -o ";
  const std::vector<std::string> commands = {
      "solve examples/river-valley.json --svg ", "frontier examples/divorce.json --limit 3 --svg ",
      "render examples/river-valley.json --outcome examples/river-valley-proposal.json -o ", genius};
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    test::CommandResult devnull = test::run_binary(command + "/dev/null");
    EXPECT_EQ(devnull.exit_code, 0) << devnull.err;
    EXPECT_EQ(fs::status("/dev/null").type(), fs::file_type::character);

    test::CommandResult folder = test::run_binary(command + "'" + dir.string() + "' --json");
    EXPECT_EQ(folder.exit_code, 1);
    EXPECT_NE(folder.out.find("is a directory; give a file name"), std::string::npos) << folder.out;
    EXPECT_TRUE(fs::is_directory(dir));

    const fs::path link = dir / "link", target = dir / "target";
    fs::remove(link);
    fs::remove(target);
    fs::create_symlink("target", link);
    std::ofstream(target) << "an earlier drawing";
    test::CommandResult linked = test::run_binary(command + "'" + link.string() + "'");
    EXPECT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
    EXPECT_GT(fs::file_size(target), 100u);
  }
  // The scenario or outcome named as the output: refused before anything is written.
  fs::copy_file(test::source_dir() + "/examples/divorce.json", dir / "divorce.json");
  const std::string before = test::read_text((dir / "divorce.json").string());
  test::CommandResult self = test::run_binary("solve '" + (dir / "divorce.json").string() + "' --svg '" +
                                              (dir / "divorce.json").string() + "'");
  EXPECT_EQ(self.exit_code, 1);
  EXPECT_NE(self.err.find("is one of the input files; choose another output file"), std::string::npos) << self.err;
  EXPECT_EQ(test::read_text((dir / "divorce.json").string()), before);
  fs::remove_all(dir);
}

// examples/divorce.json with another title and another name for alex (both
// given as JSON strings), written to a temporary file.
std::filesystem::path divorce_renamed(const std::string& tag, const std::string& title, const std::string& alex_name) {
  std::string text = test::read_text(test::source_dir() + "/examples/divorce.json");
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  };
  replace("\"Divorce settlement: Alex and Sam\"", title);
  replace("{\"id\": \"alex\", \"name\": \"Alex\"}", "{\"id\": \"alex\", \"name\": " + alex_name + "}");
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("parley-" + tag + "-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << text;
  return path;
}

// A title or a name holding control characters (an escape sequence, a bell, a
// carriage return, a one-byte C1 escape) reaches the terminal as text, the way
// error messages show them; accented letters pass unchanged.
TEST(Cli, ControlCharactersInNamesAreShownNotSentToTheTerminal) {
  namespace fs = std::filesystem;
  const fs::path path = divorce_renamed("control", "\"Caf\\u00e9 \\u001b[2J\\u0007 \\r\\u009b31m\"",
                                        "\"Al\\u001b]0;owned\\u0007ex\"");
  for (const char* command : {"solve", "validate"}) {
    test::CommandResult r = test::run_binary(std::string(command) + " '" + path.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (std::size_t k = 0; k < r.out.size(); ++k) {
      const auto c = static_cast<unsigned char>(r.out[k]);
      EXPECT_TRUE(c >= 0x20 || c == '\n' || c == '\t') << command << ": byte " << static_cast<int>(c) << " at " << k;
      EXPECT_FALSE(c == 0xC2 && k + 1 < r.out.size() && static_cast<unsigned char>(r.out[k + 1]) >= 0x80 &&
                   static_cast<unsigned char>(r.out[k + 1]) <= 0x9F)
          << command << ": a C1 control at " << k;
    }
    EXPECT_NE(r.out.find("Caf\xC3\xA9 \\u001b[2J\\u0007 \\u000d\\u009b31m"), std::string::npos) << r.out;
  }
  fs::remove(path);
}

// A party named with U+202E (right-to-left override) would reverse the rest of
// each line that names them, so a mediator could misread who gets what. It is
// shown as \u202e; a title in Cyrillic, Chinese and Arabic passes unchanged;
// the --json output stays JSON and still holds the name itself.
TEST(Cli, BidiControlsInNamesAreShownNotObeyed) {
  namespace fs = std::filesystem;
  const std::string title = "\u0420\u0430\u0437\u0434\u0435\u043b \u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627";
  const fs::path path = divorce_renamed("bidi", "\"" + title + "\"", "\"Al\\u202eex\\u200b\"");
  test::CommandResult r = test::run_binary("solve '" + path.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\u202e"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\u200b"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Al\\u202eex\\u200b gets 0.5500"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("solution for " + title + ": optimal"), std::string::npos) << r.out;
  test::CommandResult j = test::run_binary("solve '" + path.string() + "' --json");
  EXPECT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(j.out.find("\u202e"), std::string::npos);
  const json::Value v = parse_json(j.out);
  ASSERT_TRUE(v.find("explanation") != nullptr);
  bool named = false;
  for (const json::Value& sentence : v.find("explanation")->items()) {
    named = named || sentence.text().find("Al\u202eex\u200b gets") != std::string::npos;
  }
  EXPECT_TRUE(named) << j.out;
  fs::remove(path);
}

TEST(Cli, AnUnknownCommandIsNamed) {
  test::CommandResult r = test::run_binary("bogus examples/divorce.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("parley has no command 'bogus'; the commands are validate, evaluate, compare, frontier, solve, "
                       "delay, sensitivity, negotiate, tournament, elicit, render, report, import, serve, audit\n"),
            std::string::npos)
      << r.err;
  // The command line is shown, not obeyed: an escape sequence in it is text.
  test::CommandResult escaped = test::run_binary("\"$(printf 'bo\\033[31mgus')\" x.json");
  EXPECT_EQ(escaped.exit_code, 1);
  EXPECT_NE(escaped.err.find("parley has no command 'bo\\u001b[31mgus'"), std::string::npos) << escaped.err;
  EXPECT_EQ(escaped.err.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace parley
