// Genius / GeniusWeb import: every file set in ../shared/data/genius imports,
// validates, and gives every bid the utility Genius's own formula gives it
// (computed here independently, from the XML and JSON numbers, exactly);
// bad inputs are rejected with located messages; the CLI writes atomically.
#include "parley/io/genius_import.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>

#include "parley/analysis/utility.h"
#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

std::string genius_dir() { return test::shared_dir() + "/data/genius"; }

Rational exact(const std::string& text) {
  auto r = Rational::parse(text);
  EXPECT_TRUE(r) << text;
  return r.value_or(Rational(0));
}

// ------------------------------------------------------------------ an independent reading of Genius XML
// A few regular expressions, not pugixml: the files are flat lists of tags.

struct Tag {
  std::string name;
  std::map<std::string, std::string> attrs;
};

std::vector<Tag> open_tags(const std::string& text) {
  static const std::regex tag(R"(<([A-Za-z_][\w.-]*)([^>]*)>)");
  static const std::regex attr(R"(([\w.-]+)\s*=\s*"([^"]*)\")");
  std::vector<Tag> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
    Tag t{(*it)[1].str(), {}};
    const std::string body = (*it)[2].str();
    for (auto a = std::sregex_iterator(body.begin(), body.end(), attr); a != std::sregex_iterator(); ++a) {
      t.attrs[(*a)[1].str()] = (*a)[2].str();
    }
    out.push_back(std::move(t));
  }
  return out;
}

struct RefIssue {
  int index = 0;
  std::string name, type;
  std::vector<std::string> values;  // discrete
  std::int64_t lower = 0, upper = 0;
};

std::vector<RefIssue> ref_domain(const std::string& path) {
  std::vector<RefIssue> issues;
  for (const Tag& t : open_tags(test::read_text(path))) {
    if (t.name == "issue") {
      RefIssue is;
      is.index = std::stoi(t.attrs.at("index"));
      is.name = t.attrs.at("name");
      is.type = t.attrs.at("type");
      if (is.type == "integer") {
        is.lower = std::stoll(t.attrs.at("lowerbound"));
        is.upper = std::stoll(t.attrs.at("upperbound"));
      }
      issues.push_back(is);
    } else if (t.name == "item") {
      issues.back().values.push_back(t.attrs.at("value"));
    }
  }
  return issues;
}

// Genius's utility of a bid before its cap at 1: sum_i w_i * eval_i(v_i).
struct RefProfile {
  std::map<int, Rational> weight;                               // by issue index
  std::map<int, std::map<std::string, Rational>> evaluation;    // discrete
  std::map<int, std::array<Rational, 3>> linear;                // integer: slope, offset, lowerbound
  Rational reservation;

  Rational eval(const RefIssue& is, const std::string& discrete, std::int64_t integer) const {
    if (is.type == "discrete") {
      const auto& e = evaluation.at(is.index);
      Rational max;
      for (const auto& [v, x] : e) max = std::max(max, x);
      if (max < Rational(1, 100000)) return 0;
      return e.at(discrete) / max;
    }
    const auto& [slope, offset, lb] = linear.at(is.index);
    Rational y = slope * (Rational(integer) - lb) + offset;
    return std::clamp(y, Rational(0), Rational(1));
  }
};

RefProfile ref_profile(const std::string& path) {
  RefProfile p;
  int current = 0;
  for (const Tag& t : open_tags(test::read_text(path))) {
    if (t.name == "issue") {
      current = std::stoi(t.attrs.at("index"));
      if (t.attrs.count("lowerbound")) p.linear[current] = {0, 0, exact(t.attrs.at("lowerbound"))};
    } else if (t.name == "item") {
      p.evaluation[current][t.attrs.at("value")] = exact(t.attrs.at("evaluation"));
    } else if (t.name == "evaluator") {
      p.linear[current][0] = exact(t.attrs.at("slope"));
      p.linear[current][1] = exact(t.attrs.at("offset"));
    } else if (t.name == "weight") {
      p.weight[std::stoi(t.attrs.at("index"))] = exact(t.attrs.at("value"));
    } else if (t.name == "reservation") {
      p.reservation = exact(t.attrs.at("value"));
    }
  }
  return p;
}

// Calls visit(outcome, discrete values, integer values) for every bid.
void every_bid(const std::vector<RefIssue>& issues,
               const std::function<void(const Outcome&, const std::vector<std::string>&,
                                        const std::vector<std::int64_t>&)>& visit) {
  const std::size_t n = issues.size();
  std::vector<std::size_t> at(n, 0);
  auto size = [&](std::size_t i) {
    return issues[i].type == "discrete" ? issues[i].values.size()
                                        : static_cast<std::size_t>(issues[i].upper - issues[i].lower + 1);
  };
  while (true) {
    Outcome o(n);
    std::vector<std::string> d(n);
    std::vector<std::int64_t> k(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (issues[i].type == "discrete") {
        o[i].option = static_cast<int>(at[i]);
        d[i] = issues[i].values[at[i]];
      } else {
        k[i] = issues[i].lower + static_cast<std::int64_t>(at[i]);
        o[i].number = Rational(k[i]);
      }
    }
    visit(o, d, k);
    std::size_t i = 0;
    while (i < n && ++at[i] == size(i)) at[i++] = 0;
    if (i == n) return;
  }
}

struct GeniusSet {
  std::string dir, domain;
  std::vector<std::string> profiles;
  std::size_t outcomes;
};

const std::vector<GeniusSet>& genius_sets() {
  static const std::vector<GeniusSet> sets = {
      {"EnglandZimbabwe_ANAC2010", "EnglandZimbabwe_domain.xml", {"England.xml", "Zimbabwe.xml"}, 576},
      {"IntegerIssues_test", "test.xml", {"test_util1.xml", "test_util2.xml"}, 49},
      {"ItexvsCypress_ANAC2010", "ItexvsCypress_domain.xml", {"ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"}, 180},
      {"Jobs", "Jobs.xml", {"Jobs_util1.xml", "Jobs_util2.xml"}, 540},
      {"Laptop_ANAC2012", "Laptop-C-domain.xml", {"Laptop-C-prof1.xml", "Laptop-C-prof2.xml"}, 27},
      {"Party_multilateral", "party_domain.xml", {"party1_utility.xml", "party2_utility.xml", "party3_utility.xml"}, 3072},
  };
  return sets;
}

TEST(GeniusImport, EveryFileSetMatchesGeniusOnEveryBid) {
  for (const GeniusSet& set : genius_sets()) {
    SCOPED_TRACE(set.dir);
    const std::string dir = genius_dir() + "/" + set.dir + "/";
    std::vector<std::string> profiles;
    for (const std::string& p : set.profiles) profiles.push_back(dir + p);
    Result<Imported> r = import_genius(dir + set.domain, profiles);
    ASSERT_TRUE(r) << r.failure().source << ": " << r.errors()[0].pointer << ": " << r.errors()[0].message;
    const Scenario& s = r.value().scenario;
    // What is written reads back as the same scenario.
    Result<Scenario> back = read_scenario_text(write_scenario(s), "back");
    ASSERT_TRUE(back) << back.errors()[0].pointer << ": " << back.errors()[0].message;
    EXPECT_EQ(back.value(), s);

    const std::vector<RefIssue> issues = ref_domain(dir + set.domain);
    ASSERT_EQ(s.issues.size(), issues.size());
    for (std::size_t i = 0; i < issues.size(); ++i) EXPECT_EQ(s.issues[i].name, issues[i].name);
    ASSERT_EQ(s.parties.size(), set.profiles.size());
    std::vector<RefProfile> refs;
    std::vector<Rational> sums;
    for (std::size_t p = 0; p < set.profiles.size(); ++p) {
      refs.push_back(ref_profile(profiles[p]));
      Rational w;
      for (const auto& [index, x] : refs.back().weight) w += x;
      sums.push_back(w);
      EXPECT_EQ(r.value().parties[p].weight_sum, w);
      EXPECT_EQ(s.preferences[p]->reservation * w, refs.back().reservation);
    }
    Utilities u(s);
    std::size_t bids = 0;
    every_bid(issues, [&](const Outcome& o, const std::vector<std::string>& d, const std::vector<std::int64_t>& k) {
      ++bids;
      for (std::size_t p = 0; p < refs.size(); ++p) {
        Rational genius;
        for (std::size_t i = 0; i < issues.size(); ++i) {
          genius += refs[p].weight.at(issues[i].index) * refs[p].eval(issues[i], d[i], k[i]);
        }
        // parley's utility is Genius's uncapped one divided by the weight sum.
        ASSERT_EQ(u.utility(static_cast<int>(p), o) * sums[p], genius) << "party " << p;
      }
    });
    EXPECT_EQ(bids, set.outcomes);
  }
}

TEST(GeniusImport, IdsAreSanitisedAndNamesKept) {
  EXPECT_EQ(genius_id("Size of Fund", "issue_"), "Size_of_Fund");
  EXPECT_EQ(genius_id("$4.37", "issue_"), "issue_4.37");
  EXPECT_EQ(genius_id("  --x--  ", "issue_"), "issue_--x--");
  EXPECT_EQ(genius_id("Zürich  talks", "party_"), "Z_rich_talks");
  EXPECT_EQ(genius_id("!!!", "party_"), "party");
  EXPECT_EQ(genius_id(std::string(100, 'a'), "p_").size(), 64u);

  const std::string dir = genius_dir() + "/EnglandZimbabwe_ANAC2010/";
  Result<Imported> r = import_genius(dir + "EnglandZimbabwe_domain.xml", {dir + "England.xml", dir + "Zimbabwe.xml"});
  ASSERT_TRUE(r);
  const Scenario& s = r.value().scenario;
  EXPECT_EQ(s.issues[0].id, "Size_of_Fund");
  EXPECT_EQ(s.issues[0].name, "Size of Fund");
  EXPECT_EQ(s.issues[0].options[0], "$100 Billion");
  EXPECT_EQ(s.parties[0].id, "England");
  // 5 of England's evaluations over a maximum of 9: exactly 5/9, written "5/9".
  EXPECT_EQ(s.preferences[0]->issues[0].option_values[0], Rational(5, 9));
  EXPECT_NE(write_scenario(s).find("\"$100 Billion\": \"5/9\""), std::string::npos);
  // England's weights sum to slightly more than 1, so Genius's cap at 1 binds on its best bids.
  EXPECT_TRUE(r.value().parties[0].cap_binds);
  EXPECT_FALSE(r.value().parties[1].cap_binds);
  ASSERT_EQ(r.value().notes.size(), 1u);
  EXPECT_EQ(r.value().notes[0].rfind("England: the weights sum to 1.000000000000000054", 0), 0u);
  EXPECT_EQ(s.preferences[0]->meta,
            R"({"genius":{"source":"England.xml","weight_sum":1.000000000000000054,"reservation_value":0,)"
            R"("genius_cap_binds":true}})");
}

TEST(GeniusImport, IntegerIssuesBecomeExactPiecewiseLinearCurves) {
  const std::string dir = genius_dir() + "/IntegerIssues_test/";
  Result<Imported> r = import_genius(dir + "test.xml", {dir + "test_util1.xml", dir + "test_util2.xml"});
  ASSERT_TRUE(r);
  const Scenario& s = r.value().scenario;
  EXPECT_EQ(s.issues[0].kind, IssueKind::number);
  EXPECT_EQ(s.issues[0].min, Rational(1));
  EXPECT_EQ(s.issues[0].max, Rational(7));
  EXPECT_EQ(s.issues[0].step, Rational(1));
  // 0.13333333333333333 * (v - 1) + 0.2 from 1 to 7.
  const auto& curve = s.preferences[1]->issues[0].curve;
  ASSERT_EQ(curve.size(), 2u);
  EXPECT_EQ(curve[1].second, exact("0.99999999999999998"));
}

// ------------------------------------------------------------------ bad inputs

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("parley_genius_test_" + std::to_string(::getpid()) + "_" +
                                                  std::to_string(counter_++))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& text) const {
    std::string p = (path_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

const char* kDomain = R"(<negotiation_template>
<utility_space number_of_issues="2">
<objective index="0" name="tiny" type="objective" etype="objective">
<issue index="1" name="colour" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="red"/>
<item index="2" value="blue"/>
</issue>
<issue index="2" name="days" type="integer" etype="integer" vtype="integer" lowerbound="0" upperbound="10"/>
</objective>
</utility_space>
</negotiation_template>
)";

std::string profile(const std::string& w1, const std::string& w2, const std::string& extra = "",
                    const std::string& colour_type = "discrete") {
  return R"(<utility_space>
<objective index="0" name="tiny" type="objective" etype="objective">
<issue index="1" name="colour" type=")" +
         colour_type + R"(" etype="discrete">
<item index="1" value="red" evaluation="2"/>
<item index="2" value="blue" evaluation="3"/>
</issue>
<issue index="2" name="days" type="integer" etype="integer" lowerbound="0" upperbound="10">
<evaluator ftype="linear" slope="0.25" offset="-0.5"/>
</issue>
<weight index="1" value=")" +
         w1 + R"("/>
<weight index="2" value=")" + w2 + R"("/>
</objective>
)" + extra + R"(<reservation value="0.3"/>
</utility_space>
)";
}

Diagnostic first_error(const Result<Imported>& r) {
  EXPECT_FALSE(r);
  if (r) return {};
  return r.errors()[0];
}

TEST(GeniusImport, ClampedLinearEvaluatorGetsBreakpointsWhereItHitsZeroAndOne) {
  TempDir t;
  Result<Imported> r = import_genius(t.file("d.xml", kDomain), {t.file("a.xml", profile("0.5", "0.5")),
                                                                t.file("b.xml", profile("1", "1"))});
  ASSERT_TRUE(r) << r.errors()[0].pointer << ": " << r.errors()[0].message;
  // 0.25 * v - 0.5 on 0..10: 0 up to v = 2, 1 from v = 6.
  const auto& curve = r.value().scenario.preferences[0]->issues[1].curve;
  std::vector<std::pair<Rational, Rational>> want = {{0, 0}, {2, 0}, {6, 1}, {10, 1}};
  EXPECT_EQ(curve, want);
  EXPECT_EQ(r.value().scenario.preferences[0]->issues[0].option_values, (std::vector<Rational>{Rational(2, 3), 1}));
  EXPECT_EQ(r.value().scenario.preferences[0]->reservation, Rational(3, 10));
  EXPECT_EQ(r.value().scenario.parties[0].id, "a");
}

TEST(GeniusImport, WeightsAreKeptAndTheReservationDividedByTheirSum) {
  TempDir t;
  Result<Imported> r = import_genius(t.file("d.xml", kDomain), {t.file("a.xml", profile("0.3", "0.3")),
                                                                t.file("b.xml", profile("1", "1"))});
  ASSERT_TRUE(r);
  const Preferences& p = *r.value().scenario.preferences[0];
  EXPECT_EQ(p.issues[0].weight, Rational(3, 10));
  EXPECT_EQ(p.reservation, Rational(1, 2));  // 0.3 / 0.6
  EXPECT_EQ(r.value().parties[0].weight_sum, Rational(3, 5));
}

TEST(GeniusImport, BadInputsAreRejectedWithLocatedMessages) {
  TempDir t;
  const std::string domain = t.file("d.xml", kDomain);
  const std::string good = t.file("good.xml", profile("1", "1"));
  auto error_for = [&](const std::string& text) {
    Result<Imported> r = import_genius(domain, {t.file("p.xml", text), good});
    EXPECT_EQ(r ? 0u : r.errors().size(), 1u);
    return first_error(r);
  };
  // One profile: a scenario needs two parties (exit 1).
  Result<Imported> one = import_genius(domain, {good});
  ASSERT_FALSE(one);
  EXPECT_EQ(one.failure().kind, FailureKind::unsupported);
  EXPECT_EQ(one.errors()[0].message,
            "a scenario needs at least 2 parties: give one profile per party, 2 or more (found 1)");

  // 257 profiles: refused before any is read (these do not even exist).
  Result<Imported> many = import_genius(domain, std::vector<std::string>(257, t.path("absent.xml")));
  ASSERT_FALSE(many);
  EXPECT_EQ(many.failure().kind, FailureKind::unsupported);
  EXPECT_EQ(many.errors()[0].message,
            "a scenario has at most 256 parties: give one profile per party, at most 256 (found 257)");

  // Missing file: unreadable (exit 1).
  Result<Imported> missing = import_genius(t.path("nope.xml"), {domain, good});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(missing.errors()[0].message, "no such file");

  Diagnostic d = error_for("<utility_space>\n<objective>\n</utility_space>\n");
  EXPECT_EQ(d.pointer, "");
  EXPECT_EQ(d.message.rfind("invalid XML at line 3, column", 0), 0u) << d.message;

  d = error_for(profile("0.5", "0.5", "", "price"));
  EXPECT_EQ(d.pointer, "/utility_space/objective/issue[1]/@type");
  EXPECT_EQ(d.message, "unknown issue type \"price\"; Genius issue types are discrete, integer and real (line 3)");

  d = error_for(profile("0", "0.0"));
  EXPECT_EQ(d.pointer, "/utility_space/objective");
  EXPECT_EQ(d.message.rfind("all weights are 0", 0), 0u);

  std::string wrong_value = profile("0.5", "0.5");
  wrong_value.replace(wrong_value.find("\"blue\""), 6, "\"green\"");
  Result<Imported> mismatch = import_genius(domain, {t.file("p.xml", wrong_value), good});
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.errors()[0].pointer, "/utility_space/objective/issue[1]/item[2]/@value");
  EXPECT_EQ(mismatch.errors()[0].message,
            "value \"green\" is not a value of issue \"colour\" in the domain; this profile does not match the domain "
            "(line 5)");

  std::string nonlinear = profile("0.5", "0.5");
  nonlinear.replace(0, 15, "<utility_space type=\"nonlinear\">");
  d = error_for(nonlinear);
  EXPECT_EQ(d.pointer, "/utility_space/@type");
  EXPECT_EQ(d.message.rfind("utility space type \"nonlinear\" is not a linear additive space", 0), 0u);

  std::string nested = profile("0.5", "0.5");
  nested.replace(nested.find("</objective>"), 0, "<objective index=\"3\" name=\"sub\"/>\n");
  d = error_for(nested);
  EXPECT_EQ(d.pointer, "/utility_space/objective/objective");
  EXPECT_EQ(d.message.rfind("objectives nested inside the objective are not supported", 0), 0u);

  std::string no_weight = profile("0.5", "0.5");
  no_weight.erase(no_weight.find("<weight index=\"2\""), std::string("<weight index=\"2\" value=\"0.5\"/>\n").size());
  d = error_for(no_weight);
  EXPECT_EQ(d.pointer, "/utility_space/objective/issue[2]");
  EXPECT_EQ(d.message, "issue \"days\" (index 2) has no <weight index=\"2\"> (line 7)");

  std::string too_high = profile("0.1", "0.1");  // reservation 0.3 above the best utility 0.2
  d = error_for(too_high);
  EXPECT_EQ(d.pointer, "/utility_space/reservation/@value");

  // A profile given as the domain.
  Result<Imported> swapped = import_genius(t.file("p2.xml", profile("0.5", "0.5")), {domain, good});
  ASSERT_FALSE(swapped);
  EXPECT_EQ(swapped.errors()[0].message,
            "the root element is <utility_space>; a Genius domain file has <negotiation_template>; this looks like a "
            "profile: give the domain file first, then the profiles (line 1)");

  // Real issues have no finite grid.
  std::string real_domain = kDomain;
  real_domain.replace(real_domain.find("type=\"integer\" etype=\"integer\" vtype=\"integer\" lowerbound=\"0\" "
                                       "upperbound=\"10\"/>"),
                      std::string("type=\"integer\" etype=\"integer\" vtype=\"integer\" lowerbound=\"0\" "
                                  "upperbound=\"10\"/>").size(),
                      "type=\"real\" etype=\"real\" vtype=\"real\"><range lowerbound=\"0\" upperbound=\"1\"/></issue>");
  Result<Imported> real = import_genius(t.file("real.xml", real_domain), {good, t.file("a.xml", profile("1", "1"))});
  ASSERT_FALSE(real);
  EXPECT_EQ(real.errors()[0].pointer, "/negotiation_template/utility_space/objective/issue[2]");
  EXPECT_EQ(real.errors()[0].message.rfind("issue \"days\" is a real issue", 0), 0u);
}

// Every message of a failed import, "pointer: message", one a line.
std::string all_errors(const Result<Imported>& r) {
  std::string out;
  if (!r) {
    for (const Diagnostic& d : r.errors()) out += d.pointer + ": " + d.message + "\n";
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// An element that is there but wrong is reported once, as wrong: not also as
// missing (a weight "abc" used to add "has no <weight>").
TEST(GeniusImport, APresentButWrongElementIsNotAlsoReportedMissing) {
  TempDir t;
  const std::string domain = t.file("d.xml", kDomain);
  const std::string good = t.file("good.xml", profile("1", "1"));
  auto errors_for = [&](const std::string& text) { return all_errors(import_genius(domain, {t.file("p.xml", text), good})); };
  EXPECT_EQ(errors_for(profile("abc", "0.5")),
            "/utility_space/objective/weight[1]/@value: a weight: \"abc\" is not a finite decimal number (line 10)\n");
  EXPECT_EQ(errors_for(profile("-1", "0.5")),
            "/utility_space/objective/weight[1]/@value: weight -1 is negative; weights must be 0 or more (line 10)\n");
  // A weight whose index cannot be read may be meant for any issue: none is said to lack one.
  EXPECT_EQ(errors_for(replaced(profile("0.5", "0.5"), "<weight index=\"2\"", "<weight index=\"two\"")),
            "/utility_space/objective/weight[2]/@index: a weight: \"two\" is not an integer (an optional sign, then "
            "decimal digits) (line 11)\n");
  // Likewise an issue whose index cannot be read is not also "missing".
  EXPECT_EQ(errors_for(replaced(profile("0.5", "0.5"), "<issue index=\"2\"", "<issue index=\"\"")),
            "/utility_space/objective/issue[2]/@index: an issue: \"\" is not an integer (an optional sign, then "
            "decimal digits) (line 7)\n");
  // An item without a value may be the one for "blue": "blue" is not said to lack an evaluation.
  EXPECT_EQ(errors_for(replaced(profile("0.5", "0.5"), "value=\"blue\" ", "")),
            "/utility_space/objective/issue[1]/item[2]: an item needs the attribute \"value\" (line 5)\n");
  // Truly missing evaluations are reported once per issue, with how many.
  std::string three = replaced(kDomain, "<item index=\"2\" value=\"blue\"/>",
                               "<item index=\"2\" value=\"blue\"/><item value=\"green\"/><item value=\"pink\"/>");
  EXPECT_EQ(all_errors(import_genius(t.file("d3.xml", three), {t.file("p.xml", profile("0.5", "0.5")), good})),
            "/utility_space/objective/issue[1]: value \"green\" of the domain has no evaluation here (Genius cannot "
            "evaluate a bid with it); this profile does not match the domain; 1 more of its values have none "
            "(line 3)\n");
}

// Genius reads integers as a Java int: a number outside it is out of range,
// not "not an integer" (-9223372036854775808 used to be called that).
TEST(GeniusImport, IntegersBeyondAJavaIntAreGivenTheRange) {
  TempDir t;
  const std::string a = t.file("a.xml", profile("0.5", "0.5"));
  const std::string b = t.file("b.xml", profile("1", "1"));
  auto errors_for_domain = [&](const std::string& text) { return all_errors(import_genius(t.file("d.xml", text), {a, b})); };
  const std::string range = " is outside the integers Genius reads (a Java int): allowed -2147483648 to 2147483647";
  EXPECT_EQ(errors_for_domain(replaced(kDomain, "lowerbound=\"0\"", "lowerbound=\"-9223372036854775808\"")),
            "/negotiation_template/utility_space/objective/issue[2]/@lowerbound: an integer issue: "
            "\"-9223372036854775808\"" + range + " (line 8)\n");
  EXPECT_EQ(errors_for_domain(replaced(kDomain, "upperbound=\"10\"", "upperbound=\"+123456789012345678901234567890\"")),
            "/negotiation_template/utility_space/objective/issue[2]/@upperbound: an integer issue: "
            "\"+123456789012345678901234567890\"" + range + " (line 8)\n");
  EXPECT_EQ(errors_for_domain(replaced(kDomain, "<issue index=\"1\"", "<issue index=\"2147483648\"")),
            "/negotiation_template/utility_space/objective/issue[1]/@index: an issue: \"2147483648\"" + range +
                " (line 4)\n");
  // The ends of the range are integers Genius reads (the profiles then no longer match).
  EXPECT_EQ(errors_for_domain(replaced(kDomain, "<issue index=\"1\"", "<issue index=\"-2147483648\"")),
            "/utility_space/objective/issue[1]/@index: the domain has no issue with index 1; this profile does not "
            "match the domain (line 3)\n"
            "/utility_space/objective: issue \"colour\" (index -2147483648) of the domain is missing; this profile "
            "does not match the domain (line 2)\n"
            "/utility_space/objective/weight[1]/@index: a weight for index 1, which is not an issue of the domain "
            "(line 10)\n");
  // Text that is no integer at all is still called that.
  EXPECT_EQ(errors_for_domain(replaced(kDomain, "lowerbound=\"0\"", "lowerbound=\"+-5\"")),
            "/negotiation_template/utility_space/objective/issue[2]/@lowerbound: an integer issue: \"+-5\" is not an "
            "integer (an optional sign, then decimal digits) (line 8)\n");
  const std::string domain = t.file("d.xml", kDomain);
  EXPECT_EQ(all_errors(import_genius(domain, {t.file("p.xml", replaced(profile("1", "1"), "<weight index=\"1\"",
                                                                           "<weight index=\"-2147483649\"")), b})),
            "/utility_space/objective/weight[1]/@index: a weight: \"-2147483649\"" + range + " (line 10)\n");
}

// pugixml alone accepted each of these; the import names the file, the place
// and what XML 1.0 does not allow (xml_test.cpp checks the grammar itself).
TEST(GeniusImport, XmlThatIsNotWellFormedIsRefused) {
  TempDir t;
  const std::string domain = t.file("d.xml", kDomain);
  const std::string good = t.file("good.xml", profile("1", "1"));
  auto failure_for = [&](const std::string& text, bool as_domain) {
    const std::string bad = t.file("bad.xml", text);
    Result<Imported> r = as_domain ? import_genius(bad, {good, good}) : import_genius(domain, {bad, good});
    EXPECT_FALSE(r);
    if (r) return std::string();
    EXPECT_EQ(r.failure().source, bad);
    return all_errors(r);
  };
  EXPECT_EQ(failure_for(kDomain + "\0<negotiation_template/>"s, true),
            ": invalid XML at line 12, column 1: a NUL byte, which XML does not allow anywhere in a document; "
            "allowed: tab, line breaks and printable characters\n");
  EXPECT_EQ(failure_for(profile("1", "1") + "weights above\n", false),
            ": invalid XML at line 15, column 1: text after the root element <utility_space> has ended; only "
            "comments, processing instructions and white space may follow it\n");
  EXPECT_EQ(failure_for(kDomain + std::string("<negotiation_template/>\n"), true),
            ": invalid XML at line 12, column 1: a second root element <negotiation_template> after "
            "<negotiation_template>; an XML document has exactly one root element\n");
  EXPECT_EQ(failure_for(replaced(profile("1", "1"), "value=\"red\"", "value=\"r<d\""), false),
            ": invalid XML at line 4, column 25: '<' inside the value of attribute \"value\", which XML does not "
            "allow; write &lt;\n");
}

// An XML domain whose issue "many" has `count` values v1, v2, ...
std::string domain_with_values(std::size_t count) {
  std::string items;
  for (std::size_t k = 1; k <= count; ++k) items += "<item value=\"v" + std::to_string(k) + "\"/>\n";
  return "<negotiation_template><utility_space><objective name=\"big\">\n<issue index=\"1\" name=\"many\" "
         "type=\"discrete\">\n" + items + "</issue>\n</objective></utility_space></negotiation_template>\n";
}

std::string profile_with_values(std::size_t count) {
  std::string items;
  for (std::size_t k = 1; k <= count; ++k) {
    items += "<item value=\"v" + std::to_string(k) + "\" evaluation=\"" + std::to_string(k) + "\"/>\n";
  }
  return "<utility_space><objective name=\"big\">\n<issue index=\"1\" name=\"many\" type=\"discrete\">\n" + items +
         "</issue>\n<weight index=\"1\" value=\"1\"/>\n</objective></utility_space>\n";
}

// The option cap is checked as values are read: the value after it is refused
// with the cap in the message (an issue with 300,000 values used to be read
// whole, at quadratic cost, and only then refused).
TEST(GeniusImport, TheValueAfterTheOptionCapIsRefused) {
  TempDir t;
  const std::string a = t.file("a.xml", profile_with_values(10'000));
  const std::string b = t.file("b.xml", profile_with_values(10'000));
  Result<Imported> at_cap = import_genius(t.file("d.xml", domain_with_values(10'000)), {a, b});
  ASSERT_TRUE(at_cap) << all_errors(at_cap);
  ASSERT_EQ(at_cap.value().scenario.issues[0].options.size(), 10'000u);
  EXPECT_EQ(at_cap.value().scenario.issues[0].options.back(), "v10000");
  EXPECT_EQ(at_cap.value().scenario.preferences[0]->issues[0].option_values[4'999], Rational(1, 2));

  EXPECT_EQ(all_errors(import_genius(t.file("d.xml", domain_with_values(300'000)), {a, b})),
            "/negotiation_template/utility_space/objective/issue/item[10001]: issue \"many\" has more than 10000 "
            "values; parley allows at most 10000 options in a choice issue (line 10003)\n");
}

// Genius 10.4 reads an issue without a "type" as discrete (its AMPOvsCity
// template has such issues, in the domain and in the profiles): so does parley.
TEST(GeniusImport, AnIssueWithoutATypeIsDiscrete) {
  TempDir t;
  auto without = [](std::string text, const std::string& attributes) {
    text.erase(text.find(attributes), attributes.size());
    return text;
  };
  const std::string domain = t.file("d.xml", without(kDomain, R"( type="discrete" etype="discrete" vtype="discrete")"));
  ASSERT_NE(test::read_text(domain).find(R"(<issue index="1" name="colour">)"), std::string::npos);
  const std::string a = t.file("a.xml", without(profile("0.5", "0.5"), R"( type="discrete" etype="discrete")"));
  const std::string b = t.file("b.xml", profile("1", "1"));
  Result<Imported> r = import_genius(domain, {a, b});
  ASSERT_TRUE(r) << r.errors()[0].pointer << ": " << r.errors()[0].message;
  const Scenario& s = r.value().scenario;
  EXPECT_EQ(s.issues[0].kind, IssueKind::choice);
  EXPECT_EQ(s.issues[0].options, (std::vector<std::string>{"red", "blue"}));
  EXPECT_EQ(s.issues[0].meta, R"({"genius_index":1,"genius_type":"discrete"})");
  EXPECT_EQ(s.issues[1].kind, IssueKind::number);
  EXPECT_EQ(s.preferences[0]->issues[0].option_values, (std::vector<Rational>{Rational(2, 3), 1}));

  // A "vtype" naming another kind without a "type": Genius would read the
  // issue as discrete regardless, so parley refuses to pick either reading.
  Result<Imported> v = import_genius(t.file("v.xml", without(kDomain, R"( type="integer" etype="integer")")), {a, b});
  ASSERT_FALSE(v);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].pointer, "/negotiation_template/utility_space/objective/issue[2]/@vtype");
  EXPECT_EQ(v.errors()[0].message,
            "vtype=\"integer\" without a \"type\": Genius reads an issue without \"type\" as discrete, whatever its "
            "vtype; write type=\"integer\" if the issue is integer (line 8)");
}

// XML's five entities and numeric references are decoded; any other entity
// (pugixml would keep "&foo;" as text) and entity declarations are refused.
TEST(GeniusImport, EntitiesAreDecodedOrRefused) {
  TempDir t;
  auto with = [](std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::string a = t.file("a.xml", with(profile("0.5", "0.5"), R"(value="red")", R"(value="r&amp;d &#233;&lt;")"));
  const std::string b = t.file("b.xml", with(profile("1", "1"), R"(value="red")", R"(value="r&amp;d &#xE9;&lt;")"));
  const std::string domain = with(kDomain, R"(value="red")", R"(value="r&amp;d &#233;&lt;")");
  Result<Imported> r = import_genius(t.file("d.xml", domain), {a, b});
  ASSERT_TRUE(r) << r.errors()[0].pointer << ": " << r.errors()[0].message;
  EXPECT_EQ(r.value().scenario.issues[0].options, (std::vector<std::string>{"r&d \xC3\xA9<", "blue"}));

  Result<Imported> unknown =
      import_genius(t.file("u.xml", with(domain, R"(name="colour")", R"(name="col&foo;our")")), {a, b});
  EXPECT_EQ(first_error(unknown).message,
            "invalid XML at line 4, column 27: an entity reference &foo; that XML does not predefine; allowed: "
            "&amp; &lt; &gt; &quot; &apos; and numeric references such as &#233;");
  Result<Imported> declared = import_genius(
      t.file("e.xml", std::string("<!DOCTYPE n [<!ENTITY big \"0.5\">]>\n") + domain), {a, b});
  EXPECT_EQ(first_error(declared).message,
            "invalid XML at line 1, column 14: an entity declaration; parley does not read entity declarations; "
            "allowed: &amp; &lt; &gt; &quot; &apos; and numeric references such as &#233;");
  // In a comment, anything goes.
  Result<Imported> commented =
      import_genius(t.file("c.xml", std::string("<!-- R&D's &foo; <!ENTITY -->\n") + domain), {a, b});
  EXPECT_TRUE(commented) << first_error(commented).message;
}

TEST(GeniusImport, DuplicatePartyNamesAreRejected) {
  TempDir t;
  fs::create_directories(t.path("x"));
  fs::create_directories(t.path("y"));
  const std::string a = t.file("x/same.xml", profile("0.5", "0.5"));
  const std::string b = t.file("y/same.xml", profile("0.5", "0.5"));
  Result<Imported> r = import_genius(t.file("d.xml", kDomain), {a, b});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.failure().source, b);
  EXPECT_EQ(r.errors()[0].message, "party id \"same\" (from the file name) is already taken by " + a +
                                       "; parley names each party after its profile file, so give the profiles "
                                       "different file names");
}

TEST(GeniusImport, PartyIdsStayClearOfIssueIds) {
  TempDir t;
  Result<Imported> r = import_genius(t.file("d.xml", kDomain), {t.file("colour.xml", profile("1", "1")),
                                                                t.file("joint.xml", profile("1", "1"))});
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value().scenario.parties[0].id, "colour_2");
  EXPECT_EQ(r.value().scenario.parties[1].id, "joint_2");
}

// ------------------------------------------------------------------ GeniusWeb

TEST(GeniusWebImport, PartyProfilesMatchTheirOwnFormulaOnEveryBid) {
  const std::string dir = genius_dir() + "/GeniusWeb_JSON_Party/";
  for (const std::string& domain : {std::string(), dir + "party.json"}) {
    SCOPED_TRACE(domain);
    Result<Imported> r = import_geniusweb({dir + "party1.json", dir + "party2.json"}, domain);
    ASSERT_TRUE(r) << r.failure().source << ": " << r.errors()[0].pointer << ": " << r.errors()[0].message;
    const Scenario& s = r.value().scenario;
    ASSERT_EQ(s.issues.size(), 6u);
    Utilities u(s);
    for (int p = 0; p < 2; ++p) {
      json::Value doc = json::parse_file(dir + (p == 0 ? "party1.json" : "party2.json")).value();
      const json::Value& las = *doc.find("LinearAdditiveUtilitySpace");
      const json::Value& utils = *las.find("issueUtilities");
      const json::Value& weights = *las.find("issueWeights");
      auto utility_of = [&](const std::vector<std::string>& values) {
        Rational total;
        for (std::size_t i = 0; i < s.issues.size(); ++i) {
          const std::string& name = s.issues[i].name;
          total += exact(weights.find(name)->text()) *
                   exact(utils.find(name)->find("discreteutils")->find("valueUtilities")->find(values[i])->text());
        }
        return total;
      };
      // Every bid.
      std::vector<std::size_t> at(s.issues.size(), 0);
      std::size_t bids = 0;
      while (true) {
        Outcome o(s.issues.size());
        std::vector<std::string> values;
        for (std::size_t i = 0; i < s.issues.size(); ++i) {
          o[i].option = static_cast<int>(at[i]);
          values.push_back(s.issues[i].options[at[i]]);
        }
        ASSERT_EQ(u.utility(p, o), utility_of(values));  // the weights sum to 1
        ++bids;
        std::size_t i = 0;
        while (i < at.size() && ++at[i] == s.issues[i].options.size()) at[i++] = 0;
        if (i == at.size()) break;
      }
      EXPECT_EQ(bids, 3072u);
      std::vector<std::string> reservation_bid;
      for (const Issue& is : s.issues) {
        reservation_bid.push_back(las.find("reservationBid")->find("issuevalues")->find(is.name)->text());
      }
      EXPECT_EQ(s.preferences[static_cast<std::size_t>(p)]->reservation, utility_of(reservation_bid));
    }
  }
}

const char* kWebDomain = R"({"name": "deal", "issuesValues": {
  "colour": {"values": ["red", "blue", "green"]},
  "price": {"range": {"low": 10, "high": 20.5, "step": 2.5}}}})";

std::string web_profile(const std::string& colour_kind, const std::string& price_kind,
                        const std::string& weights = R"({"colour": 0.4, "price": 0.6})",
                        const std::string& domain = kWebDomain) {
  return R"({"LinearAdditiveUtilitySpace": {"name": "p", "domain": )" + domain +
         R"(, "issueUtilities": {
    "colour": {")" + colour_kind + R"(": {"valueUtilities": {"red": 1, "blue": 0.5, "green": 0}}},
    "price": {")" + price_kind + R"(": {"lowValue": 10, "lowUtility": 0, "highValue": 20.5, "highUtility": 1}}},
  "issueWeights": )" + weights + R"(,
  "reservationBid": {"issuevalues": {"colour": "blue", "price": 15}}}})";
}

TEST(GeniusWebImport, ClassNameSpellingsAndNumberIssues) {
  TempDir t;
  const std::string other = t.file("other.json", web_profile("discreteutils", "numberutils"));
  Result<Imported> a = import_geniusweb({t.file("a.json", web_profile("discreteutils", "numberutils")), other}, "");
  Result<Imported> b = import_geniusweb(
      {t.file("a.json", web_profile("DiscreteValueSetUtilities", "NumberValueSetUtilities")), other}, "");
  ASSERT_TRUE(a) << a.errors()[0].pointer << ": " << a.errors()[0].message;
  ASSERT_TRUE(b);
  EXPECT_EQ(a.value().scenario, b.value().scenario);
  const Scenario& s = a.value().scenario;
  // The range 10..20.5 in steps of 2.5 holds 10, 12.5, ..., 20: parley's grid ends at 20.
  EXPECT_EQ(s.issues[1].kind, IssueKind::number);
  EXPECT_EQ(s.issues[1].min, Rational(10));
  EXPECT_EQ(s.issues[1].max, Rational(20));
  EXPECT_EQ(s.issues[1].step, Rational(5, 2));
  // Linear from (10, 0) to (20.5, 1), exact at every grid point: 20 is worth 20/21.
  const auto& curve = s.preferences[0]->issues[1].curve;
  std::vector<std::pair<Rational, Rational>> want = {{10, 0}, {20, Rational(20, 21)}};
  EXPECT_EQ(curve, want);
  EXPECT_NE(write_scenario(s).find("\"20/21\""), std::string::npos);
  // Reservation bid (blue, 15): 0.4 * 0.5 + 0.6 * 5/10.5.
  EXPECT_EQ(s.preferences[0]->reservation, Rational(2, 10) + Rational(6, 10) * Rational(10, 21));
}

TEST(GeniusWebImport, BadInputs) {
  TempDir t;
  const std::string good = t.file("good.json", web_profile("discreteutils", "numberutils"));
  auto error_for = [&](const std::string& text, const std::string& domain = "") {
    return first_error(import_geniusweb({t.file("p.json", text), good}, domain));
  };
  Diagnostic d = error_for(R"({"SumOfGroupsUtilitySpace": {}})");
  EXPECT_EQ(d.pointer, "/SumOfGroupsUtilitySpace");
  EXPECT_EQ(d.message.rfind("expected a LinearAdditiveUtilitySpace profile, found \"SumOfGroupsUtilitySpace\"", 0), 0u);

  d = error_for(web_profile("discreteutils", "numberutils", R"({"colour": 0, "price": 0})"));
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/issueWeights");
  EXPECT_EQ(d.message.rfind("all weights are 0", 0), 0u);

  d = error_for(web_profile("discreteutils", "numberutils", R"({"colour": 0.4, "size": 0.6})"));
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/issueWeights/size");

  // A misspelt key is named with the key it is probably meant to be, as in scenarios.
  std::string misspelt = web_profile("discreteutils", "numberutils");
  misspelt.replace(misspelt.find("\"reservationBid\""), 16, "\"reservationbid\"");
  d = error_for(misspelt);
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/reservationbid");
  EXPECT_EQ(d.message, "unknown key \"reservationbid\" in a LinearAdditiveUtilitySpace; did you mean "
                       "\"reservationBid\"? Allowed keys: name, domain, issueUtilities, issueWeights, reservationBid");

  d = error_for(web_profile("tableutils", "numberutils"));
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/issueUtilities/colour/tableutils");

  std::string off_range = web_profile("discreteutils", "numberutils");
  off_range.replace(off_range.find("\"highValue\": 20.5"), 17, "\"highValue\": 30");
  d = error_for(off_range);
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/issueUtilities/price/numberutils/highValue");

  std::string bad_bid = web_profile("discreteutils", "numberutils");
  bad_bid.replace(bad_bid.find("\"price\": 15"), 11, "\"price\": 16");
  d = error_for(bad_bid);
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/reservationBid/issuevalues/price");
  EXPECT_EQ(d.message, "16 is not a value of \"price\" (10 to 20 in steps of 2.5)");
  std::string bad_choice = web_profile("discreteutils", "numberutils");
  bad_choice.replace(bad_choice.find("\"colour\": \"blue\""), 16, "\"colour\": \"teal\"");
  d = error_for(bad_choice);
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/reservationBid/issuevalues/colour");
  EXPECT_EQ(d.message, "\"teal\" is not a value of \"colour\"; its values: \"red\", \"blue\", \"green\"");

  // No embedded domain and no --domain.
  std::string bare = web_profile("discreteutils", "numberutils");
  bare.replace(bare.find("\"domain\": "), std::string("\"domain\": ").size() + std::string(kWebDomain).size() + 1, "");
  d = error_for(bare);
  EXPECT_EQ(d.message, "the profile does not embed its domain (\"domain\"); give the domain file with --domain");
  // ... which --domain then supplies.
  EXPECT_TRUE(import_geniusweb({t.file("bare.json", bare), good}, t.file("domain.json", kWebDomain)));
  // A domain that disagrees with the embedded one.
  std::string other = kWebDomain;
  other.replace(other.find("\"green\""), 7, "\"pink\"");
  d = error_for(web_profile("discreteutils", "numberutils"), t.file("other.json", other));
  EXPECT_EQ(d.pointer, "/LinearAdditiveUtilitySpace/domain");
}

// Names of 1,200 characters: 10,000 of them, once in the options and once per
// party, make a scenario larger than the 32 MiB a scenario file may be. The
// 36 MB of input take seconds: PARLEY_SLOW_TESTS=1 (make test-slow) only.
TEST(GeniusImport, AScenarioTooLargeToReadBackIsRefusedInTheImportsTerms) {
  if (std::getenv("PARLEY_SLOW_TESTS") == nullptr) GTEST_SKIP() << "36 MB of input: make test-slow";
  TempDir t;
  auto renamed = [](std::string text) {
    const std::string pad(1'200, 'x');
    for (std::size_t at = 0; (at = text.find("value=\"v", at)) != std::string::npos; at += 8) text.insert(at + 7, pad);
    return text;
  };
  const std::string a = t.file("a.xml", renamed(profile_with_values(10'000)));
  const std::string b = t.file("b.xml", renamed(profile_with_values(10'000)));
  const std::string domain = t.file("d.xml", renamed(domain_with_values(10'000)));
  Result<Imported> r = import_genius(domain, {a, b});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.failure().source, domain);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(std::regex_replace(r.errors()[0].message, std::regex("[0-9]{8} bytes,"), "N bytes,"),
            "the imported scenario would be N bytes, more than the 33554432 bytes parley reads in a scenario file; "
            "import fewer issues, values or parties");
}

// A GeniusWeb profile for a domain with one discrete issue "many" of `count` values.
std::string web_profile_with_values(std::size_t count) {
  std::string values, utilities;
  for (std::size_t k = 1; k <= count; ++k) {
    values += std::string(k > 1 ? "," : "") + "\"v" + std::to_string(k) + "\"";
    utilities += std::string(k > 1 ? "," : "") + "\"v" + std::to_string(k) + "\":" + (k % 2 ? "1" : "0");
  }
  return R"({"LinearAdditiveUtilitySpace": {"domain": {"name": "big", "issuesValues": {"many": {"values": [)" + values +
         R"(]}, "other": {"values": ["x", "y"]}}}, "issueUtilities": {"many": {"discreteutils": {"valueUtilities": {)" +
         utilities + R"(}}}, "other": {"discreteutils": {"valueUtilities": {"x": 0, "y": 1}}}},
         "issueWeights": {"many": 0.5, "other": 0.5}}})";
}

TEST(GeniusWebImport, TheValueAfterTheOptionCapIsRefused) {
  TempDir t;
  const std::string b = t.file("b.json", web_profile_with_values(10'000));
  Result<Imported> at_cap = import_geniusweb({t.file("a.json", web_profile_with_values(10'000)), b}, "");
  ASSERT_TRUE(at_cap) << all_errors(at_cap);
  ASSERT_EQ(at_cap.value().scenario.issues[0].options.size(), 10'000u);
  EXPECT_EQ(at_cap.value().scenario.preferences[0]->issues[0].option_values[9'998], Rational(1));

  EXPECT_EQ(all_errors(import_geniusweb({t.file("a.json", web_profile_with_values(300'000)), b}, "")),
            "/LinearAdditiveUtilitySpace/domain/issuesValues/many/values/10000: issue \"many\" has more than 10000 "
            "values; parley allows at most 10000 options in a choice issue\n");
}

// An element that is there but wrong is reported once, as wrong: not also as
// missing ("has no weight" after a string weight, "has no utility" after 7).
TEST(GeniusWebImport, APresentButWrongElementIsNotAlsoReportedMissing) {
  TempDir t;
  const std::string good = t.file("good.json", web_profile("discreteutils", "numberutils"));
  auto errors_for = [&](const std::string& text) {
    return all_errors(import_geniusweb({t.file("p.json", text), good}, ""));
  };
  EXPECT_EQ(errors_for(web_profile("discreteutils", "numberutils", R"({"colour": "0.4", "price": 0.6})")),
            "/LinearAdditiveUtilitySpace/issueWeights/colour: expected a number, found a string\n");
  EXPECT_EQ(errors_for(web_profile("discreteutils", "numberutils", R"({"colour": -0.4, "price": 0.6})")),
            "/LinearAdditiveUtilitySpace/issueWeights/colour: weight -0.4 is negative; weights must be 0 or more\n");
  EXPECT_EQ(errors_for(replaced(web_profile("discreteutils", "numberutils"), "\"blue\": 0.5", "\"blue\": 7")),
            "/LinearAdditiveUtilitySpace/issueUtilities/colour/discreteutils/valueUtilities/blue: utility 7 is outside "
            "[0, 1] (GeniusWeb requires utilities in [0, 1])\n");
  EXPECT_EQ(errors_for(web_profile("tableutils", "numberutils")),
            "/LinearAdditiveUtilitySpace/issueUtilities/colour/tableutils: unknown value-set utilities \"tableutils\"; "
            "GeniusWeb has discreteutils (DiscreteValueSetUtilities) and numberutils (NumberValueSetUtilities)\n");
  // Truly missing ones are still reported.
  EXPECT_EQ(errors_for(replaced(web_profile("discreteutils", "numberutils"), "\"blue\": 0.5, ", "")),
            "/LinearAdditiveUtilitySpace/issueUtilities/colour/discreteutils/valueUtilities: value \"blue\" of the "
            "domain has no utility (GeniusWeb requires one for every value); the profile does not match the domain\n");
  EXPECT_EQ(errors_for(web_profile("discreteutils", "numberutils", R"({"price": 1})")),
            "/LinearAdditiveUtilitySpace/issueWeights: issue \"colour\" has no weight; the profile does not match the "
            "domain\n");
}

// ------------------------------------------------------------------ the command

struct CmdRun {
  int code = -1;
  std::string out, err;
};

CmdRun parley_cmd(const std::string& args) {
  const std::string err_file = (fs::temp_directory_path() / ("parley_import_err_" + std::to_string(::getpid()))).string();
  const std::string cmd = "cd '" + test::source_dir() + "' && '" PARLEY_BINARY "' " + args + " 2>'" + err_file + "'";
  CmdRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = test::read_text(err_file);
  fs::remove(err_file);
  return r;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
  return text;
}

// tests/genius/golden/NAME.args: one command line, with $OUT for a fresh
// directory and ../shared/ for the shared data folder (wherever it is: the
// outputs name it ../shared/ again); NAME.out its stdout ($OUT again), NAME.code its exit code, and
// NAME.scenario.json the file it writes to $OUT/out.json, if any.
// PARLEY_UPDATE_GOLDEN=1 rewrites them.
TEST(ImportCli, GoldenRuns) {
  const std::string dir = test::source_dir() + "/tests/genius/golden";
  const bool update = std::getenv("PARLEY_UPDATE_GOLDEN") != nullptr;
  const auto files = test::files_in(dir, ".args");
  EXPECT_GE(files.size(), 2u);
  for (const std::string& args_path : files) {
    SCOPED_TRACE(args_path);
    TempDir t;
    const std::string out_dir = t.path("");
    const std::string base = args_path.substr(0, args_path.size() - 5);
    std::string args = test::read_text(args_path);
    while (!args.empty() && args.back() == '\n') args.pop_back();
    const std::string shared = test::shared_dir() + "/";
    CmdRun r = parley_cmd(replace_all(replace_all(args, "$OUT/", out_dir), "../shared/", shared));
    const std::string out = replace_all(replace_all(r.out, out_dir, "$OUT/"), shared, "../shared/");
    const std::string written =
        fs::exists(t.path("out.json")) ? replace_all(test::read_text(t.path("out.json")), shared, "../shared/") : "";
    if (update) {
      std::ofstream(base + ".out") << out;
      std::ofstream(base + ".code") << r.code << "\n";
      if (!written.empty()) std::ofstream(base + ".scenario.json") << written;
      continue;
    }
    EXPECT_EQ(out, test::read_text(base + ".out")) << r.err;
    EXPECT_EQ(std::to_string(r.code) + "\n", test::read_text(base + ".code"));
    if (fs::exists(base + ".scenario.json")) {
      EXPECT_EQ(written, test::read_text(base + ".scenario.json"));
    }
  }
}

TEST(ImportCli, ExitCodesAndMessages) {
  TempDir t;
  const std::string jobs = test::shared_dir() + "/data/genius/Jobs/";
  const std::string out = t.path("out.json");
  // Missing file: exit 1, nothing written.
  CmdRun r = parley_cmd("import genius " + jobs + "Jobs.xml " + jobs + "Jobs_util1.xml " + jobs + "missing.xml -o " + out);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, jobs + "missing.xml: : no such file\n");
  EXPECT_FALSE(fs::exists(out));
  // Invalid input: exit 2, one line per problem, FILE: /xpath: message.
  const std::string bad = t.file("bad.xml", profile("0", "0"));
  r = parley_cmd("import genius " + t.file("d.xml", kDomain) + " " + bad + " " + t.file("good.xml", profile("1", "1")) + " -o " + out);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(bad + ": /utility_space/objective: all weights are 0", 0), 0u) << r.err;
  EXPECT_FALSE(fs::exists(out));
  // Never overwrite an input.
  const std::string profile_copy = t.file("Jobs_util1.xml", test::read_text(jobs + "Jobs_util1.xml"));
  r = parley_cmd("import genius " + jobs + "Jobs.xml " + profile_copy + " -o " + profile_copy);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, profile_copy + ": : is one of the input files; choose another output file\n");
  // An existing output is replaced whole; no temporary file is left behind.
  std::ofstream(out) << "old";
  r = parley_cmd("import genius " + jobs + "Jobs.xml " + jobs + "Jobs_util1.xml " + jobs + "Jobs_util2.xml -o " + out +
                 " --json");
  EXPECT_EQ(r.code, 0) << r.err;
  auto summary = json::parse(r.out, "stdout");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary.value().find("outcomes")->text(), "540");
  EXPECT_EQ(summary.value().find("parties")->items().size(), 2u);
  EXPECT_TRUE(read_scenario_file(out));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(t.path(""))) ++entries;
  EXPECT_EQ(entries, 5u);  // d.xml, bad.xml, good.xml, Jobs_util1.xml, out.json and nothing else
}

}  // namespace
}  // namespace parley
