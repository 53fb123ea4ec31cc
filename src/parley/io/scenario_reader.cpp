#include "parley/io/scenario_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <utility>
#include <unordered_map>
#include <unordered_set>

#include "parley/core/text.h"
#include "parley/io/geojson_map.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"

namespace parley {

namespace {

using json::Type;
using json::Value;
using json::pointer_join;
using json::quote;

// ---------------------------------------------------------------- wording ---

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of neighbours each cost 1 ("itme" is 1 from "item"). Case is ignored.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The candidate closest to `word`, when close enough to be a likely typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (candidates.size() > 5000 || word.size() > 100) return std::nullopt;
  // Every one- or two-letter word is one edit from every other: suggest only
  // a difference of letter case there.
  const std::size_t allowed = word.size() <= 2 ? 0 : (word.size() <= 4 ? 1 : (word.size() <= 8 ? 2 : 3));
  std::size_t best = allowed + 1;
  std::optional<std::string> found;
  bool tie = false;
  for (const std::string& c : candidates) {
    // The length difference bounds the distance from below: skip the far ones cheaply.
    const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (length_gap > allowed) continue;
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      found = c;
      tie = false;
    } else if (d == best && found) {
      tie = true;  // two equally close candidates: a guess would mislead
    }
  }
  return tie ? std::nullopt : found;
}

std::string list_text(const std::vector<std::string>& items, std::size_t most = 12);

// "; did you mean "x"? Allowed keys: a, b" or "; allowed keys: a, b".
std::string suggestion(const std::optional<std::string>& close, const std::vector<std::string>& candidates,
                       std::string what) {
  std::string list = what + ": " + list_text(candidates);
  if (!close) return "; " + list;
  list[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(list[0])));
  return "; did you mean " + quote(*close) + "? " + list;
}

// A user's string quoted for a message, cut to a readable length.
std::string quote_short(std::string_view text, std::size_t most = 80) {
  if (text.size() <= most) return quote(text);
  return quote(utf8_prefix(text, most)) + "...";
}

std::string list_text(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  for (std::size_t k = 0; k < items.size() && k < most; ++k) {
    if (k > 0) out += ", ";
    out += cut_utf8(items[k], 40);
  }
  if (items.size() > most) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

std::string found_text(const Value& v) { return json::describe(v); }

std::string num(const Rational& r) { return r.canonical(); }

// A description cut to a readable length for a one-line message.
std::string shortened(const std::string& text, std::size_t most = 200) { return cut_utf8(text, most, " ..."); }

std::string grid_text(const Issue& is) {
  return num(is.min) + " to " + num(is.max) + " in steps of " + num(is.step);
}

const std::regex& id_pattern() {
  static const std::regex re("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");
  return re;
}

// Compact JSON text of a meta value, stored verbatim in the model.
std::string meta_text(const Value& v) { return json::write(v, {.indent = 0}); }

// ----------------------------------------------------------------- reader ---

class Reader {
 public:
  Reader(std::string source, const ScenarioLimits& limits) : source_(std::move(source)), limits_(limits) {}

  Result<Scenario> read(const Value& root);
  Result<PartialOutcome> read_outcome(const Value& root, const Scenario& s, bool complete);

 private:
  // -- reporting
  // Suggestions cost an edit distance per candidate; a file with very many
  // problems gets them for the first hundred only.
  std::string suggest(std::string_view word, const std::vector<std::string>& candidates, std::string what) {
    std::optional<std::string> close = suggestions_++ < 100 ? closest(word, candidates) : std::nullopt;
    return suggestion(close, candidates, std::move(what));
  }
  // `in`: the file the pointer is in, when not the scenario (a GeoJSON map).
  void error(std::string pointer, std::string message, std::string in = {}) {
    if (errors_.size() < limits_.max_errors) {
      errors_.push_back({std::move(pointer), std::move(message), std::move(in)});
    } else if (errors_.size() == limits_.max_errors) {
      errors_.push_back({"", "stopped after " + std::to_string(limits_.max_errors) + " problems"});
    }
  }
  bool expect(const Value& v, Type type, const std::string& ptr, std::string_view what = {}) {
    if (v.type() == type) return true;
    error(ptr, "expected " + std::string(what.empty() ? json::type_name(type) : what) + ", found " + found_text(v));
    return false;
  }
  void check_keys(const Value& obj, const std::string& ptr, const std::vector<std::string>& allowed,
                  std::string_view what) {
    for (const auto& [key, value] : obj.members()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      const bool look = suggestions_++ < 100;
      std::optional<std::string> close = look ? closest(key, allowed) : std::nullopt;
      error(pointer_join(ptr, key), "unknown key " + quote_short(key) + " in " + std::string(what) +
                                        suggestion(close, allowed, "allowed keys"));
      if (close) misspelled_.emplace(&obj, *close);
    }
  }
  // A missing key that a reported misspelling already explains ("optons" for
  // "options") is not reported a second time. check_keys runs first.
  const Value* require(const Value& obj, const std::string& ptr, std::string_view key, std::string_view what) {
    const Value* v = obj.find(key);
    if (!v && !misspelled_.count({&obj, std::string(key)})) {
      error(pointer_join(ptr, key), "missing required key " + quote(key) + " in " + std::string(what));
    }
    return v;
  }

  // -- values
  std::optional<Rational> number(const Value& v, const std::string& ptr);
  std::optional<Rational> unit_value(const Value& v, const std::string& ptr);
  std::optional<std::string> string(const Value& v, const std::string& ptr) {
    if (!expect(v, Type::string, ptr)) return std::nullopt;
    return v.text();
  }
  std::optional<bool> boolean(const Value& v, const std::string& ptr) {
    if (!expect(v, Type::boolean, ptr, "true or false")) return std::nullopt;
    return v.as_bool();
  }
  std::optional<std::string> identifier(const Value& v, const std::string& ptr, std::string_view what);

  // -- references (return -1 after reporting, or silently for a known but broken issue)
  int party_ref(const Value& v, const std::string& ptr);
  int issue_ref(const Value& v, const std::string& ptr);
  int issue_key(const std::string& key, const std::string& ptr);
  bool kind_is(int issue, std::initializer_list<IssueKind> kinds, const std::string& ptr, std::string_view role);
  std::optional<Holder> holder_ref(const Value& v, const std::string& ptr, int issue);
  std::optional<int> option_ref(const Value& v, const std::string& ptr, int issue);
  std::optional<IssueValue> issue_value(const Value& v, const std::string& ptr, int issue);

  // -- parts of a scenario
  void read_parties(const Value& v, const std::string& ptr);
  void read_issues(const Value& v, const std::string& ptr);
  void read_issue(const Value& v, const std::string& ptr, Issue& is, bool& usable);
  void read_map(const Value* v, const std::string& ptr);
  void read_geojson(const Value& map_value, const Value& path, const std::string& ptr, Map& map,
                    std::vector<bool>& on_map);
  PartialOutcome read_terms(const Value& v, const std::string& ptr, bool holdings_only);
  void read_rules(const Value& v, const std::string& ptr);
  std::optional<Rule> read_rule(const Value& v, const std::string& ptr);
  std::optional<Condition> read_condition(const Value& v, const std::string& ptr);
  std::optional<Condition> read_leaf(const Value& v, const std::string& ptr);
  std::optional<Condition> read_top_condition(const Value& v, const std::string& ptr, std::string_view role);
  std::vector<int> holding_list(const Value& v, const std::string& ptr, std::size_t min_count);
  void read_preferences(const Value& v, const std::string& ptr);
  std::optional<Preferences> read_party_preferences(const Value& v, const std::string& ptr);
  void read_values(const Value& v, const std::string& ptr, Preferences& prefs);

  std::string source_;
  const ScenarioLimits& limits_;
  // Whether the condition is proved unsatisfiable. Each condition's check is
  // bounded, and so is the whole file's: once satisfiability_work_left_ is
  // spent, later conditions are not checked (the file still reads; a condition
  // that cannot hold then simply never holds).
  bool can_never_hold(const Condition& c) {
    if (satisfiability_work_left_ == 0) return false;
    std::size_t work = 0;
    auto answer = satisfiable(s_, c, 100'000, &work);
    satisfiability_work_left_ -= std::min(work, satisfiability_work_left_);
    return answer == std::optional<bool>(false);
  }

  std::vector<Diagnostic> errors_;
  std::size_t suggestions_ = 0;
  std::size_t satisfiability_work_left_ = 50'000'000;
  std::set<std::pair<const Value*, std::string>> misspelled_;
  // Ids that were written but rejected (bad pattern, clash): references to
  // them are not reported again as unknown.
  std::set<std::string> rejected_ids_;
  Scenario s_;  // the scenario being read
  // The scenario an outcome is read against (not copied: it may be large);
  // null while reading a scenario, when model() is s_.
  const Scenario* view_ = nullptr;
  const Scenario& model() const { return view_ ? *view_ : s_; }
  std::vector<bool> usable_;  // issue i's kind-specific fields are valid
  std::vector<std::pair<int, int>> computed_links_;  // GeoJSON borders, region issue indices
  std::optional<bool> has_regions_;  // computed once, for the first contiguous rule
  std::unordered_map<int, std::unordered_map<std::string, int>> option_index_;  // issue -> option name -> index
  std::unordered_map<std::string, int> party_ids_;
  std::unordered_map<std::string, int> issue_ids_;
  std::vector<std::string> party_names_;  // valid party ids, for suggestions
  std::vector<std::string> issue_names_;
};

std::optional<Rational> Reader::number(const Value& v, const std::string& ptr) {
  std::string why;
  if (v.is_number()) {
    if (auto r = Rational::parse(v.text(), &why)) return r;
    error(ptr, why);
    return std::nullopt;
  }
  if (v.is_string() && v.text().find('/') != std::string::npos) {
    if (auto r = Rational::parse(v.text(), &why)) return r;
    error(ptr, why);
    return std::nullopt;
  }
  std::string hint;
  if (v.is_string() && Rational::parse(v.text())) hint = "; write it without quotes: " + v.text();
  error(ptr, "expected a number (or an exact fraction as a string \"p/q\"), found " + found_text(v) + hint);
  return std::nullopt;
}

std::optional<Rational> Reader::unit_value(const Value& v, const std::string& ptr) {
  auto r = number(v, ptr);
  if (r && (*r < 0 || *r > 1)) {
    error(ptr, num(*r) + " is outside [0, 1]; values, shares and utilities lie between 0 and 1");
    return std::nullopt;
  }
  return r;
}

std::optional<std::string> Reader::identifier(const Value& v, const std::string& ptr, std::string_view what) {
  auto id = string(v, ptr);
  if (!id) return std::nullopt;
  if (!std::regex_match(*id, id_pattern())) {
    error(ptr, quote_short(*id) + " is not a valid " + std::string(what) +
                   " id: ids start with a letter, then up to 63 letters, digits, '_', '.' or '-'");
    return std::nullopt;
  }
  return id;
}

int Reader::party_ref(const Value& v, const std::string& ptr) {
  auto id = string(v, ptr);
  if (!id) return -1;
  if (auto it = party_ids_.find(*id); it != party_ids_.end()) return it->second;
  if (rejected_ids_.count(*id)) return -1;  // its own error says what is wrong
  error(ptr, "unknown party " + quote_short(*id) + suggest(*id, party_names_, "parties"));
  return -1;
}

int Reader::issue_key(const std::string& key, const std::string& ptr) {
  if (auto it = issue_ids_.find(key); it != issue_ids_.end()) return usable_[static_cast<std::size_t>(it->second)] ? it->second : -1;
  if (rejected_ids_.count(key)) return -1;  // its own error says what is wrong
  error(ptr, "unknown issue " + quote_short(key) + suggest(key, issue_names_, "issues"));
  return -1;
}

int Reader::issue_ref(const Value& v, const std::string& ptr) {
  auto id = string(v, ptr);
  if (!id) return -1;
  return issue_key(*id, ptr);
}

bool Reader::kind_is(int issue, std::initializer_list<IssueKind> kinds, const std::string& ptr,
                     std::string_view role) {
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  if (std::find(kinds.begin(), kinds.end(), is.kind) != kinds.end()) return true;
  std::string wanted;
  for (IssueKind k : kinds) wanted += (wanted.empty() ? "" : " or ") + std::string(kind_name(k));
  error(ptr, "issue " + quote(is.id) + " is of kind " + std::string(kind_name(is.kind)) + "; " + std::string(role) +
                 " must be of kind " + wanted);
  return false;
}

std::optional<Holder> Reader::holder_ref(const Value& v, const std::string& ptr, int issue) {
  auto id = string(v, ptr);
  if (!id) return std::nullopt;
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  if (*id == "joint" || *id == "neutral") {
    bool allowed = *id == "joint" ? is.joint : is.neutral;
    if (!allowed) {
      error(ptr, quote(is.id) + " cannot be held " + (*id == "joint" ? "jointly" : "neutrally") + "; set \"" +
                     *id + "\": true on the issue to allow it, or name a party");
      return std::nullopt;
    }
    return *id == "joint" ? kJoint : kNeutral;
  }
  if (auto it = party_ids_.find(*id); it != party_ids_.end()) return it->second;
  if (rejected_ids_.count(*id)) return std::nullopt;
  std::vector<std::string> holders = party_names_;
  if (is.joint) holders.emplace_back("joint");
  if (is.neutral) holders.emplace_back("neutral");
  error(ptr, quote_short(*id) + " cannot hold " + quote(is.id) + suggest(*id, holders, "allowed"));
  return std::nullopt;
}

std::optional<int> Reader::option_ref(const Value& v, const std::string& ptr, int issue) {
  auto name = string(v, ptr);
  if (!name) return std::nullopt;
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  // A choice may have 10,000 options and be named by thousands of conditions:
  // look names up in an index built on first use, not by scanning.
  auto [index, fresh] = option_index_.try_emplace(issue);
  if (fresh) {
    for (std::size_t o = 0; o < is.options.size(); ++o) index->second.emplace(is.options[o], static_cast<int>(o));
  }
  if (auto it = index->second.find(*name); it != index->second.end()) return it->second;
  error(ptr, quote_short(*name) + " is not an option of " + quote(is.id) + suggest(*name, is.options, "options"));
  return std::nullopt;
}

std::optional<IssueValue> Reader::issue_value(const Value& v, const std::string& ptr, int issue) {
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      auto h = holder_ref(v, ptr, issue);
      if (!h) return std::nullopt;
      return IssueValue{.holder = *h};
    }
    case IssueKind::choice: {
      auto o = option_ref(v, ptr, issue);
      if (!o) return std::nullopt;
      return IssueValue{.option = *o};
    }
    case IssueKind::number: {
      auto x = number(v, ptr);
      if (!x) return std::nullopt;
      if (!on_grid(is, *x)) {
        error(ptr, num(*x) + " is not a value of " + quote(is.id) + ", whose values run from " + grid_text(is));
        return std::nullopt;
      }
      return IssueValue{.number = *x};
    }
    case IssueKind::share: {
      if (!expect(v, Type::object, ptr, "an object from party id to fraction, such as {\"a\": 0.4, \"b\": 0.6}")) {
        return std::nullopt;
      }
      IssueValue out;
      out.shares.assign(model().parties.size(), Rational(0));
      Rational total = 0;
      bool ok = true;
      for (const auto& [key, x] : v.members()) {
        std::string p = pointer_join(ptr, key);
        int party = party_ref(Value::string(key), p);
        auto f = unit_value(x, p);
        if (party < 0 || !f) {
          ok = false;
          continue;
        }
        if (!(*f / is.step).is_integer()) {
          error(p, num(*f) + " is not a multiple of the step " + num(is.step) + " of " + quote(is.id));
          ok = false;
          continue;
        }
        out.shares[static_cast<std::size_t>(party)] = *f;
        total += *f;
      }
      if (ok && total != 1) {
        error(ptr, "the fractions sum to " + num(total) + "; the fractions of a share must sum to exactly 1");
        return std::nullopt;
      }
      if (!ok) return std::nullopt;
      return out;
    }
  }
  return std::nullopt;
}

// ------------------------------------------------------------- top level ---

Result<Scenario> Reader::read(const Value& root) {
  if (!root.is_object()) {
    error("", "a scenario is a JSON object {\"parley\": 1, \"parties\": [...], \"issues\": [...]}, found " +
                  found_text(root));
    return Failure{source_, std::move(errors_)};
  }
  check_keys(root, "",
             {"parley", "title", "description", "period", "parties", "issues", "map", "status_quo", "agreed",
              "rules", "preferences", "meta"},
             "a scenario");
  if (const Value* v = require(root, "", "parley", "a scenario (the format version, 1)")) {
    if (!v->is_number()) {
      error("/parley", "expected the format version as a number, found " + found_text(*v) +
                           "; this parley reads version 1 (\"parley\": 1)");
    } else if (v->text() != "1") {
      error("/parley", "unsupported format version " + v->text() + "; this parley reads version 1 (\"parley\": 1)");
    }
  }
  if (const Value* v = root.find("title")) {
    if (auto t = string(*v, "/title")) s_.title = *t;
  }
  if (const Value* v = root.find("description")) {
    if (auto t = string(*v, "/description")) s_.description = *t;
  }
  if (const Value* v = root.find("period")) {
    static const std::vector<std::string> periods{"round", "day", "week", "month"};
    if (auto t = string(*v, "/period")) {
      auto it = std::find(periods.begin(), periods.end(), *t);
      if (it == periods.end()) {
        error("/period", "unknown period " + quote_short(*t) + suggest(*t, periods, "allowed"));
      } else {
        s_.period = static_cast<Period>(it - periods.begin());
      }
    }
  }
  if (const Value* v = root.find("meta")) s_.meta = meta_text(*v);

  const Value* parties = require(root, "", "parties", "a scenario");
  if (parties) read_parties(*parties, "/parties");
  const Value* issues = require(root, "", "issues", "a scenario");
  if (issues) read_issues(*issues, "/issues");
  s_.status_quo.assign(s_.issues.size(), std::nullopt);
  s_.agreed.assign(s_.issues.size(), std::nullopt);
  s_.preferences.assign(s_.parties.size(), std::nullopt);
  // Without valid parties and issues every later reference would be reported
  // as a second, misleading error.
  if (!parties || !issues || s_.parties.empty() || s_.issues.empty()) return Failure{source_, std::move(errors_)};

  read_map(root.find("map"), "/map");
  if (const Value* v = root.find("status_quo")) s_.status_quo = read_terms(*v, "/status_quo", true);
  if (const Value* v = root.find("agreed")) s_.agreed = read_terms(*v, "/agreed", false);
  if (const Value* v = root.find("rules")) read_rules(*v, "/rules");
  if (const Value* v = root.find("preferences")) read_preferences(*v, "/preferences");

  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return std::move(s_);
}

void Reader::read_parties(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of parties")) return;
  if (v.items().size() < 2) {
    error(ptr, "needs at least 2 parties, found " + std::to_string(v.items().size()));
  }
  if (v.items().size() > limits_.max_parties) {
    error(ptr, "has " + std::to_string(v.items().size()) + " parties; parley handles at most " +
                   std::to_string(limits_.max_parties));
    return;
  }
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    const Value& item = v.items()[k];
    std::string p = pointer_join(ptr, k);
    Party party;
    if (expect(item, Type::object, p, "a party object {\"id\": ..., \"name\": ...}")) {
      check_keys(item, p, {"id", "name", "meta"}, "a party");
      if (const Value* id = require(item, p, "id", "a party")) {
        std::string ip = pointer_join(p, "id");
        if (id->is_string() && !std::regex_match(id->text(), id_pattern())) rejected_ids_.insert(id->text());
        if (auto text = identifier(*id, ip, "party")) {
          if (*text == "joint" || *text == "neutral") {
            error(ip, quote(*text) + " is reserved (it names a way of holding an item) and cannot be a party id");
          } else if (party_ids_.count(*text)) {
            error(ip, "duplicate party id " + quote(*text) + " (also /parties/" +
                          std::to_string(party_ids_[*text]) + "); party ids must be unique");
          } else {
            party.id = *text;
            party_ids_[*text] = static_cast<int>(k);
            party_names_.push_back(*text);
          }
        }
      }
      if (const Value* name = item.find("name")) {
        if (auto t = string(*name, pointer_join(p, "name"))) party.name = *t;
      }
      if (const Value* meta = item.find("meta")) party.meta = meta_text(*meta);
    }
    s_.parties.push_back(std::move(party));
  }
}

void Reader::read_issues(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of issues")) return;
  if (v.items().empty()) error(ptr, "needs at least 1 issue, found 0");
  if (v.items().size() > limits_.max_issues) {
    error(ptr, "has " + std::to_string(v.items().size()) + " issues; parley handles at most " +
                   std::to_string(limits_.max_issues));
    return;
  }
  // Preferences, shares and evaluation all grow with parties x issues.
  if (s_.parties.size() * v.items().size() > limits_.max_party_issue_pairs) {
    error(ptr, "has " + std::to_string(v.items().size()) + " issues for " + std::to_string(s_.parties.size()) +
                   " parties; parley handles at most " + std::to_string(limits_.max_party_issue_pairs) +
                   " parties x issues");
    return;
  }
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    Issue is;
    bool usable = false;
    read_issue(v.items()[k], pointer_join(ptr, k), is, usable);
    s_.issues.push_back(std::move(is));
    usable_.push_back(usable);
  }
}

void Reader::read_issue(const Value& v, const std::string& ptr, Issue& is, bool& usable) {
  if (!expect(v, Type::object, ptr, "an issue object {\"id\": ..., \"kind\": ...}")) return;
  const std::size_t index = s_.issues.size();
  if (const Value* id = require(v, ptr, "id", "an issue")) {
    std::string ip = pointer_join(ptr, "id");
    if (id->is_string() && !std::regex_match(id->text(), id_pattern())) rejected_ids_.insert(id->text());
    if (auto text = identifier(*id, ip, "issue")) {
      if (issue_ids_.count(*text)) {
        error(ip, "duplicate issue id " + quote(*text) + " (also /issues/" + std::to_string(issue_ids_[*text]) +
                      "); issue ids must be unique");
      } else if (party_ids_.count(*text)) {
        error(ip, quote(*text) + " is already a party id; issue ids must differ from party ids");
        rejected_ids_.insert(*text);
      } else {
        is.id = *text;
        issue_ids_[*text] = static_cast<int>(index);
        issue_names_.push_back(*text);
      }
    }
  }
  if (const Value* t = v.find("name")) {
    if (auto text = string(*t, pointer_join(ptr, "name"))) is.name = *text;
  }
  if (const Value* t = v.find("description")) {
    if (auto text = string(*t, pointer_join(ptr, "description"))) is.description = *text;
  }
  if (const Value* t = v.find("meta")) is.meta = meta_text(*t);

  static const std::vector<std::string> kinds{"item", "region", "share", "choice", "number"};
  const Value* kind = require(v, ptr, "kind", "an issue (item, region, share, choice or number)");
  std::optional<IssueKind> k;
  if (kind) {
    std::string kp = pointer_join(ptr, "kind");
    if (auto text = string(*kind, kp)) {
      auto it = std::find(kinds.begin(), kinds.end(), *text);
      if (it == kinds.end()) {
        error(kp, "unknown issue kind " + quote_short(*text) + suggest(*text, kinds, "kinds"));
      } else {
        k = static_cast<IssueKind>(it - kinds.begin());
      }
    }
  }
  std::vector<std::string> allowed{"id", "kind", "name", "description", "meta"};
  if (!k) {
    // Without a kind the other keys cannot be judged; report only what is surely wrong.
    check_keys(v, ptr,
               {"id", "kind", "name", "description", "meta", "joint", "neutral", "step", "options", "min", "max",
                "unit"},
               "an issue");
    return;
  }
  is.kind = *k;
  const std::string what = std::string("an issue of kind ") + std::string(kind_name(*k));
  switch (*k) {
    case IssueKind::item:
    case IssueKind::region: allowed.insert(allowed.end(), {"joint", "neutral"}); break;
    case IssueKind::share: allowed.emplace_back("step"); break;
    case IssueKind::choice: allowed.emplace_back("options"); break;
    case IssueKind::number: allowed.insert(allowed.end(), {"min", "max", "step", "unit"}); break;
  }
  check_keys(v, ptr, allowed, what);  // first, so that a misspelt key is not also reported missing
  bool ok = !is.id.empty();
  switch (*k) {
    case IssueKind::item:
    case IssueKind::region: {
      if (const Value* j = v.find("joint")) {
        auto b = boolean(*j, pointer_join(ptr, "joint"));
        ok = ok && b;
        is.joint = b.value_or(false);
      }
      if (const Value* n = v.find("neutral")) {
        auto b = boolean(*n, pointer_join(ptr, "neutral"));
        ok = ok && b;
        is.neutral = b.value_or(false);
      }
      break;
    }
    case IssueKind::share: {
      is.step = Rational(1, 100);
      if (const Value* st = v.find("step")) {
        std::string sp = pointer_join(ptr, "step");
        auto step = number(*st, sp);
        if (!step) {
          ok = false;
        } else if (*step <= 0 || *step > 1) {
          error(sp, "step " + num(*step) + " is outside (0, 1]; a share's step is a fraction such as 0.01");
          ok = false;
        } else if (!(Rational(1) / *step).is_integer()) {
          error(sp, "step " + num(*step) + " does not divide 1 (1/step = " + num(Rational(1) / *step) +
                        "); use a step such as 0.01, 0.05 or 1/3");
          ok = false;
        } else if (Rational(1) / *step > Rational(static_cast<std::int64_t>(limits_.max_grid_points))) {
          error(sp, "step " + num(*step) + " makes " + num(Rational(1) / *step) + " units; at most " +
                        std::to_string(limits_.max_grid_points) + " are allowed");
          ok = false;
        } else {
          is.step = *step;
        }
      }
      break;
    }
    case IssueKind::choice: {
      const Value* opts = require(v, ptr, "options", what);
      ok = ok && opts;
      if (opts) {
        std::string op = pointer_join(ptr, "options");
        if (!expect(*opts, Type::array, op, "an array of option names")) {
          ok = false;
        } else if (opts->items().size() < 2) {
          error(op, "needs at least 2 options, found " + std::to_string(opts->items().size()));
          ok = false;
        } else if (opts->items().size() > limits_.max_options) {
          error(op, "has " + std::to_string(opts->items().size()) + " options; at most " +
                        std::to_string(limits_.max_options) + " are allowed");
          ok = false;
        } else {
          std::set<std::string> seen;
          for (std::size_t o = 0; o < opts->items().size(); ++o) {
            std::string p = pointer_join(op, o);
            auto name = string(opts->items()[o], p);
            if (!name) {
              ok = false;
            } else if (name->empty()) {
              error(p, "an option name cannot be empty");
              ok = false;
            } else if (!seen.insert(*name).second) {
              error(p, "duplicate option " + quote_short(*name) + "; options must be distinct");
              ok = false;
            } else {
              is.options.push_back(*name);
            }
          }
        }
      }
      break;
    }
    case IssueKind::number: {
      const Value* lo = require(v, ptr, "min", what);
      const Value* hi = require(v, ptr, "max", what);
      const Value* st = require(v, ptr, "step", what + " (the grid spacing, such as 1 or 15)");
      std::optional<Rational> min, max, step;
      if (lo) min = number(*lo, pointer_join(ptr, "min"));
      if (hi) max = number(*hi, pointer_join(ptr, "max"));
      if (st) step = number(*st, pointer_join(ptr, "step"));
      if (const Value* u = v.find("unit")) {
        if (auto text = string(*u, pointer_join(ptr, "unit"))) is.unit = *text;
      }
      ok = ok && min && max && step;
      if (step && *step <= 0) {
        error(pointer_join(ptr, "step"), "step " + num(*step) + " must be greater than 0");
        ok = false;
      }
      if (min && max && *min > *max) {
        error(pointer_join(ptr, "max"), "max " + num(*max) + " is less than min " + num(*min));
        ok = false;
      }
      if (ok) {
        Rational points = (*max - *min) / *step;
        if (!points.is_integer()) {
          error(pointer_join(ptr, "step"), "step " + num(*step) + " does not divide the range " + num(*min) + " to " +
                                               num(*max) + " ((max - min)/step = " + num(points) +
                                               " is not a whole number)");
          ok = false;
        } else if (points + 1 > Rational(static_cast<std::int64_t>(limits_.max_grid_points))) {
          error(pointer_join(ptr, "step"), "the grid " + num(*min) + " to " + num(*max) + " in steps of " +
                                               num(*step) + " has " + num(points + 1) + " points; at most " +
                                               std::to_string(limits_.max_grid_points) + " are allowed");
          ok = false;
        }
      }
      if (ok) {
        is.min = *min;
        is.max = *max;
        is.step = *step;
      }
      break;
    }
  }
  usable = ok;
}

// --------------------------------------------------------------------- map ---

void Reader::read_map(const Value* v, const std::string& ptr) {
  std::vector<int> regions;
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (usable_[i] && s_.issues[i].kind == IssueKind::region) regions.push_back(static_cast<int>(i));
  }
  if (!v) {
    if (!regions.empty()) {
      std::vector<std::string> ids;
      for (int r : regions) ids.push_back(s_.issues[static_cast<std::size_t>(r)].id);
      error(ptr, "missing: the scenario has region issues (" + list_text(ids) +
                     "), which need a map: \"map\": {\"adjacency\": [[\"r1\", \"r2\"], ...]}");
    }
    return;
  }
  if (!expect(*v, Type::object, ptr, "a map object {\"adjacency\": [[\"r1\", \"r2\"], ...]}")) return;
  check_keys(*v, ptr, {"adjacency", "geojson", "region_key", "meta"}, "the map");
  Map map;
  if (const Value* m = v->find("meta")) map.meta = meta_text(*m);
  // With GeoJSON, the regions on the map are its features; listed links only
  // add to the borders computed from it.
  const Value* geojson = v->find("geojson");
  std::vector<bool> on_geojson(s_.issues.size(), false);
  if (geojson) {
    read_geojson(*v, *geojson, ptr, map, on_geojson);
  } else if (v->find("region_key")) {
    error(pointer_join(ptr, "region_key"), "\"region_key\" names the GeoJSON property holding region ids; it needs "
                                           "\"geojson\"");
  }
  std::vector<bool> on_map(s_.issues.size(), false);
  // Names in links that are not regions ("bnak"): a region they were probably
  // meant to name ("bank") is not reported again as missing from the map.
  std::vector<std::string> broken_names;
  auto note_broken = [&](const Value& end) {
    if (end.is_string() && broken_names.size() < 100) broken_names.push_back(end.text());
  };
  if (const Value* adj = v->find("adjacency")) {
    std::string ap = pointer_join(ptr, "adjacency");
    if (expect(*adj, Type::array, ap, "an array of [region, region] pairs")) {
      std::set<std::pair<int, int>> seen;
      for (std::size_t k = 0; k < adj->items().size(); ++k) {
        const Value& pair = adj->items()[k];
        std::string pp = pointer_join(ap, k);
        // A lone region, ["r5"], is an island: on the map with no neighbours.
        if (pair.is_array() && pair.items().size() == 1) {
          std::string ep = pointer_join(pp, 0);
          int r = issue_ref(pair.items()[0], ep);
          if (r >= 0 && kind_is(r, {IssueKind::region}, ep, "a region on the map")) {
            if (!seen.insert({r, r}).second) {
              error(pp, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " is listed alone twice; list it once");
            }
            on_map[static_cast<std::size_t>(r)] = true;
          } else {
            note_broken(pair.items()[0]);
          }
          continue;
        }
        if (!pair.is_array() || pair.items().size() != 2) {
          error(pp, "expected a pair [\"r1\", \"r2\"] of region ids (or [\"r5\"] for a region with no neighbours), found " +
                        (pair.is_array() ? "an array of " + std::to_string(pair.items().size()) : found_text(pair)));
          // The regions it names are on the map, even if the entry is malformed.
          for (const Value& end : pair.items()) {
            if (auto it = issue_ids_.find(end.is_string() ? end.text() : ""); it != issue_ids_.end()) {
              on_map[static_cast<std::size_t>(it->second)] = true;
            }
          }
          continue;
        }
        int ends[2] = {-1, -1};
        for (std::size_t e = 0; e < 2; ++e) {
          std::string ep = pointer_join(pp, e);
          int r = issue_ref(pair.items()[e], ep);
          if (r >= 0 && kind_is(r, {IssueKind::region}, ep, "each end of a map link")) ends[e] = r;
        }
        if (ends[0] < 0 || ends[1] < 0) {
          for (std::size_t e = 0; e < 2; ++e) {
            if (ends[e] < 0) {
              note_broken(pair.items()[e]);
            } else {
              on_map[static_cast<std::size_t>(ends[e])] = true;
            }
          }
          continue;
        }
        if (ends[0] == ends[1]) {
          error(pp, "links region " + quote(s_.issues[static_cast<std::size_t>(ends[0])].id) +
                        " to itself; a link joins two different regions");
          on_map[static_cast<std::size_t>(ends[0])] = true;  // it is on the map, with a bad link
          continue;
        }
        auto key = std::minmax(ends[0], ends[1]);
        if (!seen.insert(key).second) {
          error(pp, "duplicate link between " + quote(s_.issues[static_cast<std::size_t>(ends[0])].id) + " and " +
                        quote(s_.issues[static_cast<std::size_t>(ends[1])].id) + "; list each link once");
          continue;
        }
        on_map[static_cast<std::size_t>(ends[0])] = on_map[static_cast<std::size_t>(ends[1])] = true;
        map.adjacency.emplace_back(ends[0], ends[1]);
      }
    }
    auto meant_by_a_broken_link = [&](const std::string& id) {
      return std::any_of(broken_names.begin(), broken_names.end(),
                         [&](const std::string& name) { return name == id || closest(name, {id}); });
    };
    for (int r : regions) {
      const std::string& id = s_.issues[static_cast<std::size_t>(r)].id;
      if (!geojson && !on_map[static_cast<std::size_t>(r)] && !meant_by_a_broken_link(id)) {
        error(ap, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " (/issues/" + std::to_string(r) +
                      ") is not on the map; every region must appear in an adjacency pair, or alone as [\"" +
                      s_.issues[static_cast<std::size_t>(r)].id + "\"] when it has no neighbours");
      }
    }
  } else if (!regions.empty() && !geojson && !misspelled_.count({v, "adjacency"})) {
    error(pointer_join(ptr, "adjacency"), "missing required key \"adjacency\" in the map");
  }
  if (geojson) {
    // The listed links are kept as written (the writer writes them back) and
    // added to the computed borders, once each.
    map.listed = std::move(map.adjacency);
    map.adjacency = std::move(computed_links_);
    std::set<std::pair<int, int>> have;
    for (auto [a, b] : map.adjacency) have.insert(std::minmax(a, b));
    for (auto [a, b] : map.listed) {
      if (have.insert(std::minmax(a, b)).second) map.adjacency.emplace_back(a, b);
    }
  }
  s_.map = std::move(map);
}

// A GeoJSON map: read the file beside the scenario, check its features, and
// link the region issues whose borders share a line (geo::shared_borders).
// Features whose id is not an issue are background: drawn, never owned, and
// never linked, so two regions never become neighbours through one.
void Reader::read_geojson(const Value& map_value, const Value& path, const std::string& ptr, Map& map,
                          std::vector<bool>& on_map) {
  const std::string gp = pointer_join(ptr, "geojson");
  std::optional<std::string> file = string(path, gp);
  if (file && file->empty()) {
    error(gp, "expected the path of a GeoJSON file (relative to the scenario file), found an empty string");
    file.reset();
  }
  const Value* key = map_value.find("region_key");
  if (!key) {
    error(pointer_join(ptr, "region_key"),
          "missing required key \"region_key\" in the map: with \"geojson\", it names the feature property that "
          "holds each region's id, as in \"region_key\": \"id\"");
  }
  std::optional<std::string> region_key = key ? string(*key, pointer_join(ptr, "region_key")) : std::nullopt;
  if (region_key && region_key->empty()) {
    error(pointer_join(ptr, "region_key"), "expected the name of a feature property, found an empty string");
    region_key.reset();
  }
  if (file) map.geojson = *file;
  if (region_key) map.region_key = *region_key;
  if (!file || !region_key) return;

  // Relative to the scenario file's directory, as written there.
  const std::string where = (std::filesystem::path(source_).parent_path() / *file).string();
  Result<Value> doc = json::parse_file(where);
  if (!doc && doc.failure().kind == FailureKind::unreadable) {
    error(gp, "cannot read the GeoJSON map " + quote_short(*file) + " (a path relative to the scenario file's directory): " +
                  doc.errors()[0].message);
    return;
  }
  Result<std::vector<geo::GeoFeature>> read =
      doc ? geo::read_features(doc.value(), where, *region_key) : Result<std::vector<geo::GeoFeature>>(doc.failure());
  if (!read) {
    for (const Diagnostic& d : read.errors()) error(d.pointer, d.message, where);
    return;
  }
  std::vector<MapFeature> regions;  // the features that are region issues, in file order
  std::vector<std::string> feature_ids;
  for (const geo::GeoFeature& f : read.value()) {
    MapFeature feature = f.feature;
    feature_ids.push_back(feature.id);
    if (auto it = issue_ids_.find(feature.id); it != issue_ids_.end() && usable_[static_cast<std::size_t>(it->second)]) {
      const Issue& is = s_.issues[static_cast<std::size_t>(it->second)];
      if (is.kind != IssueKind::region) {
        error(pointer_join(pointer_join(f.pointer, "properties"), *region_key),
              "feature " + quote_short(feature.id) + " names issue /issues/" + std::to_string(it->second) +
                  ", which is of kind " + std::string(kind_name(is.kind)) +
                  "; map features name region issues (features with other ids are drawn as background)",
              where);
      } else if (f.invalid) {
        error(f.invalid->pointer, f.invalid->message, where);
      } else {
        feature.issue = it->second;
        on_map[static_cast<std::size_t>(it->second)] = true;
        regions.push_back(feature);
      }
    }
    map.features.push_back(std::move(feature));
  }
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (!usable_[i] || s_.issues[i].kind != IssueKind::region || on_map[i]) continue;
    if (std::find(feature_ids.begin(), feature_ids.end(), s_.issues[i].id) != feature_ids.end()) continue;  // reported
    error(pointer_join(pointer_join("/issues", i), "id"),
          "region " + quote(s_.issues[i].id) + " is not on the map: no feature of " + quote_short(*file) +
              " has " + quote_short(*region_key) + ": " + quote(s_.issues[i].id) +
              suggest(s_.issues[i].id, feature_ids, "its features' ids include"));
  }
  // The tolerance comes from the whole map, so that which features are
  // issues does not change whether two of them share a border.
  const geo::BorderTolerance tolerance = geo::border_tolerance(map.features);
  for (auto [a, b] : geo::shared_borders(regions, tolerance)) {
    computed_links_.push_back(std::minmax(regions[static_cast<std::size_t>(a)].issue, regions[static_cast<std::size_t>(b)].issue));
  }
  std::sort(computed_links_.begin(), computed_links_.end());  // in issue order, whatever the file's order
}

// -------------------------------------------------- status quo and agreed ---

PartialOutcome Reader::read_terms(const Value& v, const std::string& ptr, bool holdings_only) {
  PartialOutcome terms(model().issues.size());
  if (!expect(v, Type::object, ptr, "an object from issue id to outcome value")) return terms;
  for (const auto& [key, value] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int issue = issue_key(key, p);
    if (issue < 0) continue;
    if (holdings_only && !kind_is(issue, {IssueKind::item, IssueKind::region}, p,
                                  "each issue in \"status_quo\"")) {
      continue;
    }
    if (auto iv = issue_value(value, p, issue)) terms[static_cast<std::size_t>(issue)] = std::move(*iv);
  }
  return terms;
}

// -------------------------------------------------------------- conditions ---

std::optional<Condition> Reader::read_condition(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr,
              "a condition object such as {\"issue\": \"r1\", \"owner\": \"a\"} or {\"all\": [...]}")) {
    return std::nullopt;
  }
  static const std::vector<std::string> forms{"issue", "all", "any", "not"};
  std::vector<std::string> present;
  for (const std::string& f : forms) {
    if (v.find(f)) present.push_back(f);
  }
  if (present.empty()) {
    check_keys(v, ptr, {"issue", "owner", "in", "min", "max", "party", "all", "any", "not", "meta"}, "a condition");
    error(ptr, "a condition needs \"issue\" (with \"owner\", \"in\", \"min\"/\"max\" or \"party\"), or one of "
               "\"all\", \"any\", \"not\"");
    return std::nullopt;
  }
  if (present.size() > 1) {
    std::string forms_text;
    for (std::size_t k = 0; k < present.size(); ++k) {
      forms_text += (k == 0 ? "" : (k + 1 == present.size() ? " and " : ", ")) + quote(present[k]);
    }
    error(ptr, "a condition has exactly one form, but this one has " + forms_text +
                   "; write one condition per object and combine them with {\"all\": [...]}, {\"any\": [...]} "
                   "or {\"not\": ...}");
    return std::nullopt;
  }
  const std::string& form = present.front();
  if (form == "issue") return read_leaf(v, ptr);

  check_keys(v, ptr, {form, "meta"}, "a \"" + form + "\" condition");
  Condition c;
  if (const Value* m = v.find("meta")) c.meta = meta_text(*m);
  const Value& body = *v.find(form);
  std::string bp = pointer_join(ptr, form);
  bool ok = true;
  if (form == "not") {
    c.kind = Condition::Kind::negation;
    auto child = read_condition(body, bp);
    if (!child) return std::nullopt;
    c.children.push_back(std::move(*child));
    return c;
  }
  c.kind = form == "all" ? Condition::Kind::all : Condition::Kind::any;
  if (!expect(body, Type::array, bp, "an array of conditions")) return std::nullopt;
  if (body.items().empty()) {
    error(bp, "needs at least 1 condition, found 0");
    return std::nullopt;
  }
  for (std::size_t k = 0; k < body.items().size(); ++k) {
    auto child = read_condition(body.items()[k], pointer_join(bp, k));
    if (!child) {
      ok = false;
      continue;
    }
    c.children.push_back(std::move(*child));
  }
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> Reader::read_leaf(const Value& v, const std::string& ptr) {
  check_keys(v, ptr, {"issue", "owner", "in", "min", "max", "party", "meta"}, "a condition");
  Condition c;
  if (const Value* m = v.find("meta")) c.meta = meta_text(*m);
  std::string ip = pointer_join(ptr, "issue");
  int issue = issue_ref(*v.find("issue"), ip);
  if (issue < 0) return std::nullopt;
  c.issue = issue;
  const Issue& is = s_.issues[static_cast<std::size_t>(issue)];
  const Value* owner = v.find("owner");
  const Value* in = v.find("in");
  const Value* lo = v.find("min");
  const Value* hi = v.find("max");
  const Value* party = v.find("party");

  // The test a condition makes depends on the issue's kind.
  auto not_for = [&](const Value* key, std::string_view name, std::string_view use) {
    if (!key) return true;
    error(pointer_join(ptr, name), "\"" + std::string(name) + "\" does not apply to " + quote(is.id) +
                                       ", an issue of kind " + std::string(kind_name(is.kind)) + "; " +
                                       std::string(use));
    return false;
  };
  bool ok = true;
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      const char* use = "test who holds it with \"owner\"";
      ok = not_for(in, "in", use) & not_for(lo, "min", use) & not_for(hi, "max", use) & not_for(party, "party", use);
      // A key that does not apply was reported with the right one to use.
      if (!owner) {
        if (ok) error(pointer_join(ptr, "owner"), "missing \"owner\": a condition on " + quote(is.id) +
                                              " names who holds it, such as \"owner\": \"a\"");
        return std::nullopt;
      }
      std::string op = pointer_join(ptr, "owner");
      c.kind = Condition::Kind::owner;
      if (owner->is_array()) {
        if (owner->items().empty()) {
          error(op, "needs at least 1 holder, found 0");
          return std::nullopt;
        }
        for (std::size_t k = 0; k < owner->items().size(); ++k) {
          auto h = holder_ref(owner->items()[k], pointer_join(op, k), issue);
          if (!h) {
            ok = false;
          } else if (std::find(c.owners.begin(), c.owners.end(), *h) != c.owners.end()) {
            error(pointer_join(op, k), "duplicate holder " + quote(s_.holder_id(*h)));
            ok = false;
          } else {
            c.owners.push_back(*h);
          }
        }
      } else if (auto h = holder_ref(*owner, op, issue)) {
        c.owners.push_back(*h);
      } else {
        ok = false;
      }
      break;
    }
    case IssueKind::choice: {
      const char* use = "test its option with \"in\"";
      ok = not_for(owner, "owner", use) & not_for(lo, "min", use) & not_for(hi, "max", use) &
           not_for(party, "party", use);
      if (!in) {
        if (ok) error(pointer_join(ptr, "in"), "missing \"in\": a condition on " + quote(is.id) +
                                           " lists options, such as \"in\": [\"" + is.options.front() + "\"]");
        return std::nullopt;
      }
      std::string np = pointer_join(ptr, "in");
      c.kind = Condition::Kind::in;
      if (!expect(*in, Type::array, np, "an array of options")) return std::nullopt;
      if (in->items().empty()) {
        error(np, "needs at least 1 option, found 0");
        return std::nullopt;
      }
      std::vector<char> listed(is.options.size(), 0);
      for (std::size_t k = 0; k < in->items().size(); ++k) {
        auto o = option_ref(in->items()[k], pointer_join(np, k), issue);
        if (!o) {
          ok = false;
        } else if (std::exchange(listed[static_cast<std::size_t>(*o)], 1)) {
          error(pointer_join(np, k), "duplicate option " + quote_short(is.options[static_cast<std::size_t>(*o)]));
          ok = false;
        } else {
          c.options.push_back(*o);
        }
      }
      break;
    }
    case IssueKind::number:
    case IssueKind::share: {
      bool share = is.kind == IssueKind::share;
      const char* use = share ? "test a party's fraction with \"party\" and \"min\"/\"max\""
                              : "test its value with \"min\"/\"max\"";
      ok = not_for(owner, "owner", use) & not_for(in, "in", use);
      if (!share) ok = ok & not_for(party, "party", use);
      c.kind = share ? Condition::Kind::party_share : Condition::Kind::range;
      if (share) {
        if (!party) {
          error(pointer_join(ptr, "party"), "missing \"party\": a condition on the share " + quote(is.id) +
                                                " tests one party's fraction, such as {\"issue\": \"" + is.id +
                                                "\", \"party\": \"a\", \"min\": 0.3}");
          return std::nullopt;
        }
        c.party = party_ref(*party, pointer_join(ptr, "party"));
        ok = ok && c.party >= 0;
      }
      if (!lo && !hi) {
        if (ok) error(ptr, "a condition on " + quote(is.id) + " needs \"min\", \"max\" or both");
        return std::nullopt;
      }
      if (lo) {
        c.min = share ? unit_value(*lo, pointer_join(ptr, "min")) : number(*lo, pointer_join(ptr, "min"));
        ok = ok && c.min;
      }
      if (hi) {
        c.max = share ? unit_value(*hi, pointer_join(ptr, "max")) : number(*hi, pointer_join(ptr, "max"));
        ok = ok && c.max;
      }
      if (!ok) return std::nullopt;
      if (c.min && c.max && *c.min > *c.max) {
        error(ptr, "min " + num(*c.min) + " is greater than max " + num(*c.max) + ", so this can never hold");
        return std::nullopt;
      }
      // Unreachable: no point of the grid in the range.
      Issue grid = is;
      if (share) {
        grid.min = 0;
        grid.max = 1;
      }
      Rational first = c.min ? grid_ceil(grid, *c.min) : grid.min;
      if ((c.min && first < *c.min) || (c.max && first > *c.max)) {
        std::string range = c.min && c.max ? "in [" + num(*c.min) + ", " + num(*c.max) + "]"
                                           : (c.min ? ">= " + num(*c.min) : "<= " + num(*c.max));
        error(ptr, share ? "no fraction of " + quote(is.id) + " (0 to 1 in steps of " + num(is.step) + ") is " +
                               range + ", so this can never hold"
                         : "no value of " + quote(is.id) + " (" + grid_text(is) + ") is " + range +
                               ", so this can never hold");
        return std::nullopt;
      }
      break;
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> Reader::read_top_condition(const Value& v, const std::string& ptr, std::string_view role) {
  auto c = read_condition(v, ptr);
  if (!c) return std::nullopt;
  if (can_never_hold(*c)) {
    error(ptr, std::string(role) + " can never hold: no outcome of " + [&] {
      std::vector<std::string> ids;
      for (int i : condition_issues(*c)) ids.push_back(s_.issues[static_cast<std::size_t>(i)].id);
      return list_text(ids);
    }() + " satisfies " + shortened(describe(s_, *c)));
    return std::nullopt;
  }
  return c;
}

// ------------------------------------------------------------------ rules ---

std::vector<int> Reader::holding_list(const Value& v, const std::string& ptr, std::size_t min_count) {
  std::vector<int> out;
  if (!expect(v, Type::array, ptr, "an array of item or region ids")) return {};
  if (v.items().size() < min_count) {
    error(ptr, "needs at least " + std::to_string(min_count) + " issues, found " + std::to_string(v.items().size()));
    return {};
  }
  bool ok = true;
  std::set<int> listed;
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    std::string p = pointer_join(ptr, k);
    int i = issue_ref(v.items()[k], p);
    if (i < 0 || !kind_is(i, {IssueKind::item, IssueKind::region}, p, "each issue here")) {
      ok = false;
      continue;
    }
    if (!listed.insert(i).second) {
      error(p, "issue " + quote(s_.issues[static_cast<std::size_t>(i)].id) + " is listed twice");
      ok = false;
      continue;
    }
    out.push_back(i);
  }
  return ok ? out : std::vector<int>{};
}

void Reader::read_rules(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of rules")) return;
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    if (auto r = read_rule(v.items()[k], pointer_join(ptr, k))) s_.rules.push_back(std::move(*r));
  }
}

std::optional<Rule> Reader::read_rule(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "a rule object such as {\"rule\": \"contiguous\"}")) return std::nullopt;
  static const std::vector<std::string> kinds{"contiguous", "same_owner", "implies", "require", "count"};
  const Value* kind = require(v, ptr, "rule", "a rule (contiguous, same_owner, implies, require or count)");
  if (!kind) return std::nullopt;
  std::string kp = pointer_join(ptr, "rule");
  auto name = string(*kind, kp);
  if (!name) return std::nullopt;
  auto it = std::find(kinds.begin(), kinds.end(), *name);
  if (it == kinds.end()) {
    error(kp, "unknown rule " + quote_short(*name) + suggest(*name, kinds, "rules"));
    return std::nullopt;
  }
  Rule rule;
  rule.kind = static_cast<Rule::Kind>(it - kinds.begin());
  if (const Value* m = v.find("meta")) rule.meta = meta_text(*m);
  const std::string what = (*name == "implies" ? "an " : "a ") + *name + " rule";
  bool ok = true;
  switch (rule.kind) {
    case Rule::Kind::contiguous: {
      check_keys(v, ptr, {"rule", "parties", "anchors", "meta"}, what);
      if (!has_regions_) {
        has_regions_ = std::any_of(s_.issues.begin(), s_.issues.end(),
                                   [](const Issue& is) { return is.kind == IssueKind::region; });
      }
      if (!*has_regions_) {
        error(ptr, "a contiguous rule is about regions on a map, and this scenario has no region issues");
        return std::nullopt;
      }
      if (const Value* ps = v.find("parties")) {
        std::string pp = pointer_join(ptr, "parties");
        if (!expect(*ps, Type::array, pp, "an array of party ids")) return std::nullopt;
        if (ps->items().empty()) {
          error(pp, "needs at least 1 party, found 0 (leave \"parties\" out to cover every party)");
          return std::nullopt;
        }
        for (std::size_t k = 0; k < ps->items().size(); ++k) {
          std::string p = pointer_join(pp, k);
          int party = party_ref(ps->items()[k], p);
          if (party < 0) {
            ok = false;
          } else if (std::find(rule.parties.begin(), rule.parties.end(), party) != rule.parties.end()) {
            error(p, "party " + quote(s_.parties[static_cast<std::size_t>(party)].id) + " is listed twice");
            ok = false;
          } else {
            rule.parties.push_back(party);
          }
        }
      }
      if (const Value* an = v.find("anchors")) {
        std::string ap = pointer_join(ptr, "anchors");
        if (!expect(*an, Type::object, ap, "an object from party id to region id")) return std::nullopt;
        for (const auto& [key, region] : an->members()) {
          std::string p = pointer_join(ap, key);
          int party = party_ref(Value::string(key), p);
          int r = issue_ref(region, p);
          if (party < 0 || r < 0 || !kind_is(r, {IssueKind::region}, p, "an anchor")) {
            ok = false;
            continue;
          }
          if (!rule.parties.empty() &&
              std::find(rule.parties.begin(), rule.parties.end(), party) == rule.parties.end()) {
            error(p, "party " + quote_short(key) + " has an anchor but is not among this rule's \"parties\"");
            ok = false;
            continue;
          }
          for (const auto& [other, other_region] : rule.anchors) {
            if (other_region == r) {
              error(p, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " is already the anchor of " +
                           quote(s_.parties[static_cast<std::size_t>(other)].id) +
                           "; two parties cannot both hold it, so this rule could never hold");
              ok = false;
            }
          }
          rule.anchors.emplace_back(party, r);
        }
      }
      break;
    }
    case Rule::Kind::same_owner: {
      check_keys(v, ptr, {"rule", "issues", "meta"}, what);
      const Value* is = require(v, ptr, "issues", what);
      if (!is) return std::nullopt;
      rule.issues = holding_list(*is, pointer_join(ptr, "issues"), 2);
      ok = !rule.issues.empty();
      break;
    }
    case Rule::Kind::implies: {
      check_keys(v, ptr, {"rule", "if", "then", "meta"}, what);
      const Value* cond = require(v, ptr, "if", what);
      const Value* then = require(v, ptr, "then", what);
      if (!cond || !then) return std::nullopt;
      auto c = read_top_condition(*cond, pointer_join(ptr, "if"), "the \"if\" condition");
      auto t = read_condition(*then, pointer_join(ptr, "then"));
      if (!c || !t) return std::nullopt;
      if (can_never_hold(*t)) {
        error(pointer_join(ptr, "then"),
              "the \"then\" condition can never hold: " + shortened(describe(s_, *t)) +
                  "; so this rule only forbids its \"if\"; say that directly with {\"rule\": \"require\", "
                  "\"that\": {\"not\": ...}}");
        return std::nullopt;
      }
      rule.condition = std::move(*c);
      rule.consequence = std::move(*t);
      break;
    }
    case Rule::Kind::require: {
      check_keys(v, ptr, {"rule", "that", "meta"}, what);
      const Value* that = require(v, ptr, "that", what);
      if (!that) return std::nullopt;
      auto c = read_top_condition(*that, pointer_join(ptr, "that"), "this rule");
      if (!c) return std::nullopt;
      rule.condition = std::move(*c);
      break;
    }
    case Rule::Kind::count: {
      check_keys(v, ptr, {"rule", "party", "issues", "min", "max", "meta"}, what);
      const Value* party = require(v, ptr, "party", what);
      const Value* is = require(v, ptr, "issues", what);
      if (!party || !is) return std::nullopt;
      rule.party = party_ref(*party, pointer_join(ptr, "party"));
      rule.issues = holding_list(*is, pointer_join(ptr, "issues"), 1);
      ok = rule.party >= 0 && !rule.issues.empty();
      const Value* lo = v.find("min");
      const Value* hi = v.find("max");
      if (!lo && !hi) {
        error(ptr, "a count rule needs \"min\", \"max\" or both");
        return std::nullopt;
      }
      auto count_bound = [&](const Value* b, const char* key) -> std::optional<std::int64_t> {
        std::string p = pointer_join(ptr, key);
        auto r = number(*b, p);
        if (!r) return std::nullopt;
        if (!r->is_integer() || *r < 0 || *r > Rational(static_cast<std::int64_t>(limits_.max_issues))) {
          error(p, std::string(key) + " must be a whole number of issues from 0 up, found " + num(*r));
          return std::nullopt;
        }
        return r->small_numerator();
      };
      if (lo) {
        rule.min = count_bound(lo, "min");
        ok = ok && rule.min;
      }
      if (hi) {
        rule.max = count_bound(hi, "max");
        ok = ok && rule.max;
      }
      if (!ok) return std::nullopt;
      if (rule.min && rule.max && *rule.min > *rule.max) {
        error(ptr, "min " + std::to_string(*rule.min) + " is greater than max " + std::to_string(*rule.max) +
                       ", so this rule could never hold");
        return std::nullopt;
      }
      if (rule.min && *rule.min > static_cast<std::int64_t>(rule.issues.size())) {
        error(pointer_join(ptr, "min"), "min " + std::to_string(*rule.min) + " is more than the " +
                                            std::to_string(rule.issues.size()) +
                                            " issues listed, so this rule could never hold");
        return std::nullopt;
      }
      break;
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

// ------------------------------------------------------------ preferences ---

void Reader::read_preferences(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "an object from party id to preferences")) return;
  for (const auto& [key, prefs] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int party = party_ref(Value::string(key), p);
    if (party < 0) continue;
    s_.preferences[static_cast<std::size_t>(party)] = read_party_preferences(prefs, p);
  }
}

std::optional<Preferences> Reader::read_party_preferences(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "a preferences object {\"weights\": {...}, ...}")) return std::nullopt;
  check_keys(v, ptr, {"weights", "values", "reservation", "red_lines", "delay_cost", "meta"}, "preferences");
  Preferences prefs;
  prefs.issues.resize(s_.issues.size());
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (s_.issues[i].kind == IssueKind::choice) prefs.issues[i].option_values.assign(s_.issues[i].options.size(), 0);
  }
  if (const Value* m = v.find("meta")) prefs.meta = meta_text(*m);
  if (const Value* w = require(v, ptr, "weights", "preferences (issue id to weight)")) {
    std::string wp = pointer_join(ptr, "weights");
    if (expect(*w, Type::object, wp, "an object from issue id to weight")) {
      Rational total = 0;
      bool all_read = true;
      for (const auto& [key, weight] : w->members()) {
        std::string p = pointer_join(wp, key);
        auto value = number(weight, p);
        if (!value) {
          all_read = false;
          continue;
        }
        if (*value < 0) {
          error(p, "weight " + num(*value) + " is negative; weights are 0 or more");
          all_read = false;
          continue;
        }
        // The weight counts towards the sum even for an issue with an error of
        // its own, so that one mistake is not reported twice.
        total += *value;
        auto it = issue_ids_.find(key);
        if (it == issue_ids_.end()) {
          issue_key(key, p);
          continue;
        }
        prefs.issues[static_cast<std::size_t>(it->second)].weight = *value;
      }
      if (all_read && total.is_zero()) {
        error(wp, "the weights sum to 0; at least one issue needs a positive weight");
      }
    }
  }
  if (const Value* vals = v.find("values")) read_values(*vals, pointer_join(ptr, "values"), prefs);
  if (const Value* r = v.find("reservation")) {
    if (auto x = unit_value(*r, pointer_join(ptr, "reservation"))) prefs.reservation = *x;
  }
  if (const Value* d = v.find("delay_cost")) {
    if (auto x = unit_value(*d, pointer_join(ptr, "delay_cost"))) prefs.delay_cost = *x;
  }
  if (const Value* rl = v.find("red_lines")) {
    std::string rp = pointer_join(ptr, "red_lines");
    if (expect(*rl, Type::array, rp, "an array of conditions")) {
      for (std::size_t k = 0; k < rl->items().size(); ++k) {
        if (auto c = read_top_condition(rl->items()[k], pointer_join(rp, k), "this red line")) {
          prefs.red_lines.push_back(std::move(*c));
        }
      }
    }
  }
  return prefs;
}

void Reader::read_values(const Value& v, const std::string& ptr, Preferences& prefs) {
  if (!expect(v, Type::object, ptr, "an object from issue id to values")) return;
  for (const auto& [key, value] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int issue = issue_key(key, p);
    if (issue < 0) continue;
    const Issue& is = s_.issues[static_cast<std::size_t>(issue)];
    IssuePreference& ip = prefs.issues[static_cast<std::size_t>(issue)];
    switch (is.kind) {
      case IssueKind::item:
      case IssueKind::region: {
        if (!expect(value, Type::object, p, "an object such as {\"own\": 1, \"joint\": 0.5, \"other\": 0}")) break;
        std::vector<std::string> allowed{"own", "other"};
        if (is.joint) allowed.emplace_back("joint");
        if (is.neutral) allowed.emplace_back("neutral");
        for (const auto& [holder, x] : value.members()) {
          std::string hp = pointer_join(p, holder);
          if ((holder == "joint" && !is.joint) || (holder == "neutral" && !is.neutral)) {
            error(hp, quote(is.id) + " cannot be held " + (holder == "joint" ? "jointly" : "neutrally") +
                          ", so a value for \"" + holder + "\" would never count; remove it or set \"" + holder +
                          "\": true on the issue");
            continue;
          }
          if (std::find(allowed.begin(), allowed.end(), holder) == allowed.end()) {
            error(hp, "unknown key " + quote(holder) + " in the values of " + quote(is.id) +
                          suggest(holder, allowed, "allowed keys"));
            continue;
          }
          auto r = unit_value(x, hp);
          if (!r) continue;
          if (holder == "own") ip.holder.own = *r;
          if (holder == "joint") ip.holder.joint = *r;
          if (holder == "neutral") ip.holder.neutral = *r;
          if (holder == "other") ip.holder.other = *r;
        }
        break;
      }
      case IssueKind::share:
        error(p, "a share issue takes no values: each party's value is the fraction it receives");
        break;
      case IssueKind::choice: {
        if (!expect(value, Type::object, p, "an object from option to value")) break;
        for (const auto& [option, x] : value.members()) {
          std::string op = pointer_join(p, option);
          auto o = option_ref(Value::string(option), op, issue);
          auto r = unit_value(x, op);
          if (o && r) ip.option_values[static_cast<std::size_t>(*o)] = *r;
        }
        break;
      }
      case IssueKind::number: {
        if (!expect(value, Type::array, p, "an array of [x, value] points such as [[0, 1], [90, 0]]")) break;
        if (value.items().empty()) {
          error(p, "needs at least 1 [x, value] point, found 0 (leave the issue out of \"values\" to value it 0)");
          break;
        }
        std::vector<std::pair<Rational, Rational>> curve;
        bool ok = true;
        for (std::size_t k = 0; k < value.items().size(); ++k) {
          const Value& point = value.items()[k];
          std::string pp = pointer_join(p, k);
          if (!point.is_array() || point.items().size() != 2) {
            error(pp, "expected a point [x, value], found " +
                          (point.is_array() ? "an array of " + std::to_string(point.items().size()) : found_text(point)));
            ok = false;
            continue;
          }
          auto x = number(point.items()[0], pointer_join(pp, 0));
          auto y = unit_value(point.items()[1], pointer_join(pp, 1));
          if (!x || !y) {
            ok = false;
            continue;
          }
          if (!curve.empty() && *x <= curve.back().first) {
            error(pointer_join(pp, 0), "x = " + num(*x) + " does not increase (the previous point has x = " +
                                           num(curve.back().first) + "); points go in strictly increasing x");
            ok = false;
            continue;
          }
          curve.emplace_back(*x, *y);
        }
        if (ok) ip.curve = std::move(curve);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- outcomes ---

Result<PartialOutcome> Reader::read_outcome(const Value& root, const Scenario& s, bool complete) {
  view_ = &s;
  usable_.assign(s.issues.size(), true);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    party_ids_[s.parties[p].id] = static_cast<int>(p);
    party_names_.push_back(s.parties[p].id);
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    issue_ids_[s.issues[i].id] = static_cast<int>(i);
    issue_names_.push_back(s.issues[i].id);
  }
  if (!root.is_object()) {
    error("", "an outcome is a JSON object from issue id to outcome value, found " + found_text(root));
    return Failure{source_, std::move(errors_)};
  }
  PartialOutcome out = read_terms(root, "", false);
  if (complete) {
    // An issue whose misspelling was reported ("monitorng") is not also
    // missing, nor is one whose value was written but rejected.
    std::set<std::string> misspelt;
    std::unordered_set<std::string_view> written;
    std::size_t looked = 0;
    for (const auto& [key, value] : root.members()) {
      written.insert(key);
      if (issue_ids_.count(key) || ++looked > 100) continue;
      if (auto c = closest(key, issue_names_)) misspelt.insert(*c);
    }
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (!out[i] && !written.count(s.issues[i].id) && !misspelt.count(s.issues[i].id)) {
        error(pointer_join("", s.issues[i].id), "missing: the outcome gives no value for issue " + quote(s.issues[i].id));
      }
    }
  }
  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return out;
}

}  // namespace

Result<Scenario> read_scenario(const json::Value& document, const std::string& source, const ScenarioLimits& limits) {
  return Reader(source, limits).read(document);
}

Result<Scenario> read_scenario_text(std::string_view text, const std::string& source, const ScenarioLimits& limits) {
  auto doc = json::parse(text, source);
  if (!doc) return doc.failure();
  return read_scenario(doc.value(), source, limits);
}

Result<Scenario> read_scenario_file(const std::string& path, const ScenarioLimits& limits) {
  auto doc = json::parse_file(path);
  if (!doc) return doc.failure();
  return read_scenario(doc.value(), path, limits);
}

Result<PartialOutcome> read_partial_outcome(const json::Value& document, const Scenario& s, const std::string& source) {
  ScenarioLimits limits;
  return Reader(source, limits).read_outcome(document, s, false);
}

Result<Outcome> read_outcome(const json::Value& document, const Scenario& s, const std::string& source) {
  ScenarioLimits limits;
  auto partial = Reader(source, limits).read_outcome(document, s, true);
  if (!partial) return partial.failure();
  Outcome out;
  out.reserve(s.issues.size());
  for (auto& v : partial.value()) out.push_back(std::move(*v));
  return out;
}

Result<Outcome> read_outcome_file(const std::string& path, const Scenario& s) {
  auto doc = json::parse_file(path);
  if (!doc) return doc.failure();
  return read_outcome(doc.value(), s, path);
}

}  // namespace parley
