// Every human sentence the command line prints, read by rules before it
// lands. The corpus is the human goldens (tests/golden/NAME.args without
// --json): Golden.CommandsPrintExactlyWhatIsRecorded keeps each .out and .err
// equal to what the binary prints, so a new sentence reaches these rules
// through its golden. The rules are the ones a mediator or a family reading
// the output would apply:
// - parties are named or "they", never "it"/"its"/"itself" (the few phrases
//   where "it" is a package, a number or a bundle are listed below, each read);
// - a count agrees with its noun ("1 package", "2 packages");
// - EF1, EFX, proportionality and the maximin share carry a one-clause gloss
//   the first time one output names them, and JSON's "ef1"/"mms" never show.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.h"

namespace parley {
namespace {

struct Output {
  std::string name;     // the golden's NAME
  std::string command;  // its .args
  std::string text;     // stdout then stderr
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The human outputs: every golden whose command has no --json (import's in
// tests/genius/golden). Lines that are JSON to paste (elicit's preferences)
// carry the scenario's own text and are left out.
std::vector<Output> human_outputs() {
  std::vector<Output> out;
  for (const char* folder : {"/tests/golden", "/tests/genius/golden"}) {
    const std::string dir = test::source_dir() + folder;
    for (const std::string& args : test::files_in(dir, ".args")) {
      Output o;
      o.command = trimmed(test::read_text(args));
      if (o.command.find("--json") != std::string::npos) continue;
      const std::string base = args.substr(0, args.size() - 5);
      o.name = base.substr(dir.size() + 1);
      std::string text = test::read_text(base + ".out");
      if (std::filesystem::exists(base + ".err")) text += test::read_text(base + ".err");
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        if (line.empty() || (line[0] != '"' && line[0] != '{')) o.text += line + "\n";
      }
      out.push_back(std::move(o));
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Phrases in which "it" or "its" is a thing, never a party; each was read in
// context. A new one is added here only after reading its sentence.
const std::vector<std::string> kThingPhrases = {
    "anywhere in its range",                     // a number of the scenario
    "of it.",                                    // the divided item (Adjusted Winner)
    "It is one of",                              // the recommended package
    "It is the one efficient package",           // the recommended package
    "to another of its values",                  // an issue (single-text negotiation)
    "a descent from it,",                        // an agent's best package (negotiation)
};

std::string without_thing_phrases(std::string line) {
  for (const std::string& phrase : kThingPhrases) {
    for (std::size_t at = line.find(phrase); at != std::string::npos; at = line.find(phrase)) {
      line.erase(at, phrase.size());
    }
  }
  return line;
}

TEST(Messages, TheHumanGoldensCoverEveryCommandAndMethod) {
  std::set<std::string> commands, methods;
  for (const Output& o : human_outputs()) {
    std::istringstream words(o.command);
    std::string command;
    words >> command;
    commands.insert(command);
    if (command != "solve") continue;
    const std::size_t at = o.command.find("--method ");
    methods.insert(at == std::string::npos ? "nash" : o.command.substr(at + 9, o.command.find(' ', at + 9) - at - 9));
  }
  for (const char* c : {"validate", "evaluate", "compare", "frontier", "solve", "delay", "sensitivity", "elicit",
                        "negotiate", "render", "import", "report"}) {
    EXPECT_TRUE(commands.count(c)) << "no human golden runs `parley " << c << "`";
  }
  for (const char* m : {"nash", "ks", "egalitarian", "utilitarian", "mnw", "leximin", "aw", "round-robin",
                        "envy-cycle", "alternating", "robust", "knaster", "compensation"}) {
    EXPECT_TRUE(methods.count(m)) << "no human golden runs `parley solve --method " << m << "`";
  }
}

// "it", "its" or "itself" outside the phrases where it is a thing.
bool says_it(const std::string& line) {
  static const std::regex it(R"(\b([Ii]t|[Ii]ts|[Ii]tself)\b)");
  return std::regex_search(without_thing_phrases(line), it);
}

// A count whose noun, after at most one adjective, disagrees with it ("1
// efficient packages", "2 package"); a count is a whole number, not part of a
// fraction or decimal ("1/2 of", "0.5 weeks").
bool miscounts(const std::string& line) {
  static const std::regex one(R"((^|[^0-9/.,])1 ([a-z-]+ )?(packages|parties|weeks|days|issues|items|regions|samples|offers|rules|red lines|outcomes|numbers|points|bundles|goods|constraints|checks|periods|months|years|changes|agents|terms)\b)");
  static const std::regex many(R"((^|[^0-9/.,])([02-9]|[1-9][0-9,]+) ([a-z-]+ )?(package|party|week|issue|item|region|sample|offer|rule|red line|outcome|number|point|bundle|constraint|check|period|month|year|change|agent|term)\b)");
  return std::regex_search(line, one) || std::regex_search(line, many);
}

TEST(Messages, TheRulesCatchTheSlipsTheyAreFor) {
  EXPECT_TRUE(says_it("b values a's bundle more than its own"));
  EXPECT_TRUE(says_it("the nearest efficient package gives it +0.0030"));
  EXPECT_TRUE(says_it("what it could guarantee itself"));
  EXPECT_FALSE(says_it("Sam values Alex's bundle more than their own"));
  EXPECT_FALSE(says_it("It is one of 76 efficient packages"));  // the package, read
  EXPECT_FALSE(says_it("with an item split"));                  // "it" only as a word
  EXPECT_TRUE(miscounts("1 efficient packages that every party accepts"));
  EXPECT_TRUE(miscounts("after 2 week of delay"));
  EXPECT_FALSE(miscounts("1 efficient package that every party accepts"));
  EXPECT_FALSE(miscounts("at least 1/2 of what all the goods are worth"));
  EXPECT_FALSE(miscounts("16,907 packages"));
}

TEST(Messages, PartiesAreNamedOrTheyNeverIt) {
  std::size_t lines = 0;
  for (const Output& o : human_outputs()) {
    for (const std::string& line : lines_of(o.text)) {
      ++lines;
      EXPECT_FALSE(says_it(line)) << o.name << ": " << line;
    }
  }
  EXPECT_GT(lines, 500u);  // the corpus is there
}

TEST(Messages, CountsAgreeWithTheirNouns) {
  for (const Output& o : human_outputs()) {
    for (const std::string& line : lines_of(o.text)) {
      EXPECT_FALSE(miscounts(line)) << o.name << ": " << line;
    }
  }
}

TEST(Messages, FairnessTermsAreGlossedTheFirstTimeAnOutputNamesThem) {
  struct Rule {
    const char* term;
    std::regex names;
    std::string gloss;  // the start of its clause (analysis/glossary.h)
  };
  const std::vector<Rule> rules = {
      {"EF1", std::regex(R"(\bEF1\b|envy-free(ness)? up to one item)"), "envy-free up to one item: any envy ends"},
      {"EFX", std::regex(R"(\bEFX\b|envy-free(ness)? up to any item)"), "envy-free up to any item: any envy ends"},
      {"proportional", std::regex(R"(\b[Pp]roportional(ity)?\b)"), "every party gets at least 1/"},
      {"maximin share", std::regex(R"(\bMMS\b|[Mm]aximin share)"), "the most a party could be sure of"},
  };
  const std::regex raw(R"(\b(ef1|efx|mms)\b)");
  std::size_t glossed = 0;
  for (const Output& o : human_outputs()) {
    for (const Rule& rule : rules) {
      for (const std::string& line : lines_of(o.text)) {
        if (!std::regex_search(line, rule.names)) continue;
        EXPECT_NE(line.find(rule.gloss), std::string::npos)
            << o.name << ": the first line naming " << rule.term << " does not gloss it: " << line;
        ++glossed;
        break;
      }
    }
    for (const std::string& line : lines_of(o.text)) {
      EXPECT_FALSE(std::regex_search(line, raw)) << o.name << ": JSON's name for a property: " << line;
    }
  }
  EXPECT_GT(glossed, 20u);
}

}  // namespace
}  // namespace parley
