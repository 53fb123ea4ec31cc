// Internal to src/parley/io: no other folder includes this header. The
// scenario and outcome reader, one class whose parts are defined in
// scenario_reader*.cpp by subject (core and references; parties and issues;
// the map; rules and conditions; preferences; outcomes). The public entry
// points are in scenario_reader.h.
//
//   Result<Scenario> s = io_internal::Reader(path, limits).read(document);
#pragma once

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/messages.h"
#include "parley/model/conditions.h"
#include "parley/model/scenario.h"

namespace parley::io_internal {

using json::pointer_join;
using json::quote;
using json::Type;
using json::Value;

// ---------------------------------------------------------------- wording ---

// A value as a message names what was found ("the number 3", "an array").
std::string found_text(const Value& v);
// A description cut to a readable length for a one-line message.
std::string shortened(const std::string& text, std::size_t most = 200);
// "0 to 90 in steps of 15"
std::string grid_text(const Issue& is);
// Whether text matches ^[A-Za-z][A-Za-z0-9_.-]{0,63}$, the pattern of party and issue ids.
bool is_id(std::string_view text);
// Compact JSON text of a meta value, stored verbatim in the model.
std::string meta_text(const Value& v);

// ----------------------------------------------------------------- reader ---

class Reader {
 public:
  // `loader` gives the files the scenario names (its GeoJSON map); outcomes name none.
  Reader(std::string source, const ScenarioLimits& limits, FileLoader loader = {})
      : source_(std::move(source)), limits_(limits), loader_(std::move(loader)) {}

  Result<Scenario> read(const Value& root);
  Result<PartialOutcome> read_outcome(const Value& root, const Scenario& s, bool complete);

 private:
  // -- reporting
  // Suggestions cost an edit distance per candidate; a file with very many
  // problems gets them for the first hundred only.
  std::string suggest(std::string_view word, const std::vector<std::string>& candidates, std::string what) {
    return suggestion(suggester_.closest(word, candidates), candidates, std::move(what));
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
    for (UnknownKey& u : unknown_keys(obj, ptr, allowed, what, suggester_)) {
      error(std::move(u.pointer), std::move(u.message));
      if (u.meant) misspelled_.emplace(&obj, *u.meant);
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
  void read_geojson(const Value& map_value, const std::string& ptr, Map& map, std::vector<bool>& on_map);
  PartialOutcome read_terms(const Value& v, const std::string& ptr);
  void read_rules(const Value& v, const std::string& ptr);
  std::optional<Rule> read_rule(const Value& v, const std::string& ptr);
  std::optional<Condition> read_condition(const Value& v, const std::string& ptr);
  std::optional<Condition> read_leaf(const Value& v, const std::string& ptr);
  std::optional<Condition> read_top_condition(const Value& v, const std::string& ptr, std::string_view role);
  std::vector<int> holding_list(const Value& v, const std::string& ptr, std::size_t min_count);
  void read_preferences(const Value& v, const std::string& ptr);
  std::optional<Preferences> read_party_preferences(const Value& v, const std::string& ptr);
  void read_values(const Value& v, const std::string& ptr, Preferences& prefs);
  void read_dynamics(const Value& v, const std::string& ptr);
  void resolve_status_quo_reservations();

  std::string source_;
  const ScenarioLimits& limits_;
  FileLoader loader_;
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
  Suggester suggester_;
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

}  // namespace parley::io_internal
